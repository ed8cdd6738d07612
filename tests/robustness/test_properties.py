"""Property-based tests over the readers and the extractor (hypothesis).

Whatever the bytes or text: reading raises nothing but DocumentError, the same
input gives the same document, and every extracted item's span is inside the
text with its quote being exactly the text at that span.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import DocumentError
from kg.loaders.models import Extraction, LoadedDocument
from kg.loaders.readers import decode, read_text

#: KG_HYPOTHESIS_EXAMPLES=5000 searches harder (CI keeps the default quick)
SETTINGS = settings(max_examples=int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

#: pieces of role documents, so generated text reaches the extractor's interesting paths
FRAGMENTS = [
    "# ", "## ", "\n", "\n- ", "\n* ", ": ", ", ", " and ", " or ", "(", ")", "e.g. ", "such as ", "including ",
    "→", "->", " → ", "Career paths from ", " include ", "start as ", " move into ", "Required Skills",
    "Preferred", "nice to have", "familiarity with ", "Proficiency in ", "years of experience", "3-5 ", "10+ ",
    "$120,000–$180,000", "€90k", " per year", "Bachelor's degree in Computer Science", "Master's", "PhD",
    "ML Engineer", "Senior ML Engineer", "CTO", "VP of Engineering", "Data Scientist", "AI Product Manager",
    "Python", "PyTorch", "Kubernetes", "AWS", "MLOps", "C++", "C#", "LLMs", "AWS Certified Machine Learning",
    "<b>", "</b>", "<li>", "<div>", "</div>", "<script>x</script>", "&amp;", "&#0;", "**", "`", "[link](http://x)",
    "'", '"', "{", "}", "\\", "\t", "\r\n", "\u00a0", "\u200b", "İ", "ſ", "\ufffd", "😀",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map("".join)
formats = st.sampled_from(["text", "markdown", "html"])


def _read(text: str, fmt: str) -> LoadedDocument | None:
    try:
        return read_text(text, source="prop.txt", name="prop.txt", fmt=fmt)
    except DocumentError as exc:
        assert exc.source == "prop.txt" and exc.reason
        return None


@SETTINGS
@given(st.binary(max_size=2048))
def test_decode_returns_text_or_document_error(raw: bytes) -> None:
    try:
        text = decode(raw, "prop.bin")
    except DocumentError as exc:
        assert exc.source == "prop.bin"
        return
    assert isinstance(text, str) and text.strip()


@SETTINGS
@given(texts, formats)
def test_reading_is_total_and_deterministic(text: str, fmt: str) -> None:
    doc = _read(text, fmt)
    if doc is None:
        return
    assert doc.text.strip()
    assert doc.id == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:16]
    assert _read(text, fmt) == doc


def _items(ex: Extraction) -> list[Any]:
    primary = [ex.primary_role] if ex.primary_role else []
    return [*primary, *ex.roles, *ex.skills, *ex.certifications, *ex.progressions, *ex.salaries,
            *ex.experience, *ex.education]


@SETTINGS
@given(texts, formats)
def test_extraction_raises_only_document_error_and_quotes_its_spans(text: str, fmt: str) -> None:
    extract = pytest.importorskip("kg.loaders.extract").extract
    doc = _read(text, fmt)
    if doc is None:
        return
    try:
        ex = extract(doc)
    except DocumentError:
        return
    assert ex.doc == doc
    for item in _items(ex):
        assert 0 <= item.start <= item.end <= len(doc.text), item
        assert item.quote in doc.text, item
        assert doc.text[item.start:item.end] == item.quote, item
    assert extract(doc) == ex  # deterministic
