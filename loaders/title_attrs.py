"""Name and rank a recognised title: its id form, alias variants, seniority and track.

Ids fold ML/AI/VP abbreviations so that "Machine Learning Manager" and "ML Manager" get one
id; the spelled-out form is kept as an alias. Seniority (0 entry .. 6 C-level) and track
(ic, management, product, program, research, executive) are read from the title's words.
Labels recur across documents, so the per-label answers are cached.
"""

from __future__ import annotations

from functools import lru_cache

from kg.loaders.recognise import concept_index, key_of
from kg.ontology.names import slugify
from kg.ontology.vocab import Concept

__all__ = ["canonical_label", "alias_variants", "infer_role_attrs", "curated_role", "title_facts"]


def canonical_label(label: str) -> str:
    """Return the abbreviated form of a title used for its id ("Machine Learning" -> "ML")."""
    out = f" {label} "
    for long, short in _ABBREVIATIONS:
        out = _replace_ci(out, f" {long} ", f" {short} ")
    return " ".join(out.split())


def alias_variants(label: str) -> tuple[str, ...]:
    """Return the spelled-out and abbreviated variants of a title, without the label itself."""
    short = canonical_label(label)
    long = f" {short} "
    for full, abbr in _ABBREVIATIONS:
        if full in ("sr", "jr"):
            continue
        long = long.replace(f" {abbr} ", f" {full.title() if abbr != 'ML' else 'Machine Learning'} ")
    long = " ".join(long.replace("Artificial intelligence", "Artificial Intelligence").split())
    return tuple(dict.fromkeys(v for v in (short, long) if v != label))


def infer_role_attrs(label: str) -> dict[str, object]:
    """Infer ``seniority`` (0 entry .. 6 C-level) and ``track`` from a title's words.

    >>> infer_role_attrs("Senior Product Manager"), infer_role_attrs("Director of AI Engineering")
    ({'seniority': 3, 'track': 'product'}, {'seniority': 5, 'track': 'management'})
    """
    words = slugify(label).split("-")
    head = _head_word(words)
    level = max([2, *(_LEVEL_WORDS.get(w, 0) for w in words)])
    if any(w in ("intern", "trainee", "apprentice") for w in words):
        level = 0
    elif any(w in ("junior", "jr", "associate", "entry", "graduate") for w in words):
        level = 1
    track = _track(words, head)
    if track == "management":
        level = max(level, 4) + (1 if head == "manager" and ("senior" in words or "sr" in words) else 0)
    return {"seniority": min(level, 6), "track": track}


@lru_cache(maxsize=1 << 12)
def curated_role(label: str) -> Concept | None:
    """The curated role a title names under any of its variants (labels recur: cached)."""
    index = concept_index()
    for name in (label, canonical_label(label), *alias_variants(label)):
        for concept, exact in index.get(key_of(name), ()):
            if concept.kind == "role" and exact is None:
                return concept
    return None


@lru_cache(maxsize=1 << 12)
def title_facts(label: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, object], ...]]:
    """A title's id, alias variants and attributes (labels recur: cached)."""
    return slugify(canonical_label(label)), alias_variants(label), tuple(sorted(infer_role_attrs(label).items()))


_ABBREVIATIONS = (("machine learning", "ML"), ("artificial intelligence", "AI"), ("vice president", "VP"),
                  ("sr", "Senior"), ("jr", "Junior"))
_LEVEL_WORDS = {"senior": 3, "sr": 3, "staff": 4, "lead": 4, "principal": 5, "distinguished": 5,
                "architect": 4, "fellow": 5, "director": 5, "head": 5, "vp": 5, "vice": 5, "president": 5,
                "svp": 6, "evp": 6, "chief": 6, "officer": 4}


def _replace_ci(text: str, old: str, new: str) -> str:
    low, old_low = text.lower(), old.lower()
    pos = low.find(old_low)
    while pos >= 0:
        text = text[:pos] + new + text[pos + len(old):]
        low = text.lower()
        pos = low.find(old_low, pos + len(new) - 1)
    return text


def _head_word(words: list[str]) -> str:
    if "of" in words:
        return words[words.index("of") - 1]
    return words[-1] if words else ""


def _track(words: list[str], head: str) -> str:
    if "chief" in words or head in ("vp", "president") or "vp" in words or "vice" in words:
        return "executive"
    if "product" in words and head in ("manager", "owner", "lead"):
        return "product"
    if ("program" in words or "project" in words or "tpm" in words) and head in ("manager", "lead",
                                                                                   "coordinator"):
        return "program"
    if head in ("manager", "director", "head"):
        return "management"
    if head in ("scientist", "researcher", "fellow") and ("research" in words or head == "researcher"):
        return "research"
    return "ic"
