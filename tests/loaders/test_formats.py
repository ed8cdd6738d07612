"""PDF and Word documents read into the same tree as their Markdown original (files made here, from our text)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from kg.errors import DocumentError
from kg.loaders import formats
from kg.loaders.extract import extract
from kg.loaders.models import Extraction, LoadedDocument
from kg.loaders.readers import read_path, read_text

ROLE_MD = """# Platform Data Engineer

A Platform Data Engineer builds the pipelines that move data from product systems into the
warehouse, and keeps them reliable, cheap and well documented for the analysts who depend on them.

## Requirements

- 3+ years of experience with Python and SQL
- Experience with Apache Airflow or Dagster
- Familiarity with Kubernetes and Terraform
- AWS Certified Data Engineer - Associate is a plus

## Career ladder

| Level | Title |
|---|---|
| 1 | Junior Data Engineer |
| 2 | Platform Data Engineer |
| 3 | Senior Data Engineer |
| 4 | Staff Data Engineer |

Career advancement: Data Engineering Manager
"""


def _tree(md: str) -> LoadedDocument:
    return read_text(md, source="role.md", name="role.md", fmt="markdown")


def _write_docx(doc: LoadedDocument, path: Path) -> None:
    import docx

    out = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            table = out.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
            rows.clear()

    for n in doc.nodes:
        if n.kind != "row":
            flush()
        if n.kind == "heading":
            out.add_heading(n.text, level=min(n.level, 6))
        elif n.kind == "item":
            out.add_paragraph(n.text, style="List Bullet")
        elif n.kind == "row":
            rows.append([doc.text[s:e] for s, e in n.cells])
        else:
            out.add_paragraph(n.text)
    flush()
    out.save(str(path))


def _write_pdf(doc: LoadedDocument, path: Path, password: str | None = None) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            pdf.set_font("helvetica", "", 10)
            with pdf.table() as table:
                for row in rows:
                    line = table.row()
                    for cell in row:
                        line.cell(cell)
            rows.clear()

    for n in doc.nodes:
        if n.kind != "row":
            flush()
        if n.kind == "heading":
            pdf.set_font("helvetica", "B", 18 if n.level == 1 else 14)
            pdf.multi_cell(0, 9, n.text, new_x="LMARGIN", new_y="NEXT")
        elif n.kind == "item":
            pdf.set_font("helvetica", "", 10)
            pdf.multi_cell(0, 5, "- " + n.text, new_x="LMARGIN", new_y="NEXT")
        elif n.kind == "row":
            rows.append([doc.text[s:e] for s, e in n.cells])
        else:
            pdf.set_font("helvetica", "", 10)
            pdf.multi_cell(0, 5, n.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    flush()
    pdf.output(str(path))


def _facts(ex: Extraction) -> dict[str, set[object]]:
    return {"roles": {m.id for m in ex.roles}, "skills": {m.id for m in ex.skills},
            "certifications": {m.id for m in ex.certifications},
            "moves": {(p.from_id, p.to_id) for p in ex.progressions},
            "quotes": {p.quote for p in ex.progressions}}


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_same_facts_as_the_markdown_original(tmp_path: Path, suffix: str) -> None:
    original = _tree(ROLE_MD)
    path = tmp_path / f"role{suffix}"
    (_write_docx if suffix == ".docx" else _write_pdf)(original, path)
    converted = read_path(path)
    assert converted.format == suffix[1:]
    want, got = _facts(extract(original)), _facts(extract(converted))
    assert want["moves"] and want["certifications"] and len(want["skills"]) >= 5
    assert got == want
    for move in extract(converted).progressions:  # every quote points into the rendered text
        assert converted.text[move.start:move.end] == move.quote


def test_two_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    from fpdf import FPDF

    left = "The Analytics Engineer models data in dbt and SQL and owns the semantic layer. " * 5
    right = "Career advancement: Senior Analytics Engineer. The team uses Looker and Snowflake. " * 4
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "", 10)
    with pdf.text_columns(ncols=2, gutter=12) as cols:
        cols.write(text=left)
        cols.new_column()
        cols.write(text=right)
    path = tmp_path / "columns.pdf"
    pdf.output(str(path))
    doc = read_path(path)
    assert doc.text.index("semantic layer") < doc.text.index("Career advancement")
    assert "owns the semantic layer. The Analytics Engineer models" in doc.text  # lines of a column joined
    assert not any("Career advancement" in n.text and "semantic" in n.text for n in doc.nodes)


@pytest.mark.parametrize(("name", "make", "reason"), [
    # an encrypted PDF: named, with what to do
    ("locked.pdf", lambda p: _write_pdf(_tree(ROLE_MD), p, password="secret"), "encrypted"),
    # a PDF that is not one
    ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 500), "not a readable PDF"),
    # a zip bomb renamed .docx: refused before anything is unpacked
    ("bomb.docx", lambda p: p.write_bytes(_zip({"word/document.xml": b"\0" * (80 * 1024 * 1024)})), "unpacks to"),
    # a file that is not a zip at all
    ("plain.docx", lambda p: p.write_bytes(b"just some text"), "not a zip"),
    # a zip that is not a Word package
    ("other.docx", lambda p: p.write_bytes(_zip({"content.xml": b"<x/>"})), "no word/document.xml"),
])
def test_unreadable_files_are_named(tmp_path: Path, name: str, make, reason: str) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(DocumentError, match=reason):
        read_path(path)


def test_a_missing_reader_library_names_its_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "role.pdf"
    _write_pdf(_tree(ROLE_MD), path)
    monkeypatch.setitem(formats.BINARY, "pdf", ("no_such_pdf_library", "pdf"))
    with pytest.raises(DocumentError, match=r"pip install 'career-kg\[pdf\]'"):
        read_path(path)


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


JOB = """<h1>Senior Data Engineer</h1>
<p>We are hiring a Senior Data Engineer to build our data platform.</p>
<h2>Requirements</h2>
<ul><li>5+ years of experience with Python and SQL</li><li>Experience with Apache Airflow</li></ul>
<h2>Career path</h2>
<p>Career advancement: Staff Data Engineer</p>"""

SAVED_PAGE = f"""<!DOCTYPE html><html><head><title>Careers | Example</title>
<style>body {{ font-family: sans-serif }}</style><script>var tracking = "Python SQL Kubernetes";</script></head>
<body>
<header><a href="/">Home</a> <a href="/jobs">Jobs</a> <a href="/blog">Product Manager stories</a></header>
<nav><ul><li><a href="/teams/engineering">Engineering</a></li><li><a href="/teams/design">Kubernetes guild</a></li>
<li><a href="/jobs/cto">Chief Technology Officer</a></li></ul></nav>
<div id="cookie-banner" role="dialog"><p>We use cookies and Google Analytics to improve the site. Accept all?</p></div>
<main><article>{JOB}</article></main>
<aside class="related"><h3>Similar jobs</h3><ul><li>Machine Learning Engineer</li><li>Data Scientist</li></ul></aside>
<footer><p>Follow us on LinkedIn. Built with React and Tableau.</p></footer>
</body></html>"""


def test_a_saved_page_gives_the_facts_of_its_posting_alone() -> None:
    alone = extract(read_text(JOB, source="job.html", name="job.html", fmt="html"))
    saved = extract(read_text(SAVED_PAGE, source="saved.html", name="saved.html", fmt="html"))
    want, got = _facts(alone), _facts(saved)
    assert want["skills"] >= {"python", "sql"} and want["moves"]
    assert got == want
    assert saved.primary_role is not None and saved.primary_role.label == "Senior Data Engineer"
