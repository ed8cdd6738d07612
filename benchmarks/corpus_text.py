"""Templated, seed-sized (4-20 KB) role documents for build benchmarks, in kg's own words."""

from __future__ import annotations

import random

__all__ = ["ROLES", "SKILLS", "document"]

#: (title, next title) ladders the documents describe
ROLES = ("Junior ML Engineer", "ML Engineer", "Senior ML Engineer", "Staff ML Engineer",
         "Principal ML Engineer", "ML Engineering Manager", "Director of AI Engineering",
         "VP of AI/ML", "Chief AI Officer", "Data Scientist", "Research Scientist",
         "AI Product Manager", "ML Architect", "Software Engineer", "ML Program Manager")
SKILLS = ("Python", "PyTorch", "TensorFlow", "Kubernetes", "Docker", "SQL", "Spark", "AWS", "GCP",
          "Azure", "MLOps", "scikit-learn", "statistics", "deep learning", "NLP", "computer vision",
          "feature engineering", "A/B testing", "Airflow", "Kafka", "Java", "C++", "Go", "Rust",
          "stakeholder management", "mentoring", "hiring", "budgeting", "roadmapping", "LLMs",
          "prompt engineering", "RAG", "vector databases", "model monitoring", "data pipelines")
CERTS = ("AWS Certified Machine Learning – Specialty", "Google Professional Machine Learning Engineer",
         "Certified Kubernetes Administrator", "Azure AI Engineer Associate")
_FILLER = (
    "Teams in this area ship models that other people depend on, so the work mixes careful "
    "measurement with plain communication about what a model can and cannot do.",
    "Day to day, the job moves between reading data, writing code that others will maintain, and "
    "explaining trade-offs to people who will live with the consequences.",
    "Good practitioners keep a written record of decisions, retire experiments that no longer pay "
    "their way, and make the next person's first week easier than their own was.",
    "Hiring panels look for evidence of finished work: a system in production, a paper that others "
    "reproduced, a migration that ended on time, or a team that grew without burning out.",
)


def document(i: int, rng: random.Random) -> tuple[str, str]:
    """Return (suffix, text) of document ``i``: .txt, .md and .html in turn, 4-20 KB."""
    k = i % len(ROLES)
    role, nxt = ROLES[k], ROLES[(k + 1) % len(ROLES)]
    required = rng.sample(SKILLS, 8)
    preferred = rng.sample([s for s in SKILLS if s not in required], 5)
    lo = rng.randrange(80, 200) * 1000
    sections = [
        ("Overview", [f"The {role} role (variant {i}) builds and runs machine learning systems. "
                      + " ".join(rng.sample(_FILLER, 2))]),
        ("Required Skills", [f"Proficiency in {s}" for s in required]),
        ("Preferred Qualifications", [f"Familiarity with {s} is nice to have" for s in preferred]
         + [f"{rng.choice(CERTS)} preferred"]),
        ("Experience and Education", [f"{rng.randint(1, 5)}-{rng.randint(6, 10)} years of experience",
                                      "Bachelor's degree in Computer Science or a related field"]),
        ("Career Path", [f"{role} → {nxt}", f"Career paths from {role} include {nxt} and ML Architect."]),
        ("Salary", [f"${lo:,}–${lo + rng.randrange(40, 120) * 1000:,} per year in the United States"]),
    ]
    target = rng.randrange(4_000, 20_000)
    size = sum(len(" ".join(body)) for _, body in sections)
    n = 0
    while size < target:
        para = " ".join(rng.sample(_FILLER, 3))
        sections.append((f"Notes {n + 1}", [para]))
        size += len(para) + 12
        n += 1
    kind = i % 3
    if kind == 0:
        return ".txt", role + "\n" + "".join(f"{h}\n" + "".join(f"- {b}\n" for b in body) for h, body in sections)
    if kind == 1:
        return ".md", f"# {role}\n\n" + "".join(
            f"## {h}\n\n" + "".join(f"- {b}\n" for b in body) + "\n" for h, body in sections)
    from html import escape

    return ".html", (f"<html><head><title>{escape(role)}</title><script>var x = 1;</script></head><body>"
                     f"<h1>{escape(role)}</h1>" + "".join(
                         f"<h2>{escape(h)}</h2><ul>" + "".join(f"<li>{escape(b)}</li>" for b in body) + "</ul>"
                         for h, body in sections) + "</body></html>\n")
