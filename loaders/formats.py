"""Document formats as plugins: a file suffix names a format, a format names its renderer.

Renderers are registered by name as ``"module:function"`` and imported on first use, so reading a
Markdown file never imports the PDF library. Text formats take the decoded text; binary formats
(PDF, Word) take the file's bytes. Every renderer returns a :class:`~kg.loaders.tree.TreeWriter`:
the document tree and its rendered text, so evidence quotes stay exact whatever the format. A
format whose library is an optional extra says how to install it when the library is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.errors import DocumentError, KgError
from kg.plugins import Registry, require

if TYPE_CHECKING:
    from kg.loaders.tree import TreeWriter

__all__ = ["SUFFIXES", "RENDERERS", "BINARY", "render_binary", "known_suffixes"]

#: file suffix -> format name
SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}
#: format name -> renderer ("module:function")
RENDERERS = Registry("document format", {
    "markdown": "kg.loaders.markdown_tree:render_markdown",
    "html": "kg.loaders.html_tree:render_html",
    "pdf": "kg.loaders.pdf_reader:render_pdf",
    "docx": "kg.loaders.docx_reader:render_docx",
})
#: formats read from bytes, with the module each needs and the extra that installs it
BINARY = {"pdf": ("pdfplumber", "pdf"), "docx": ("docx", "docx")}


def known_suffixes() -> str:
    """The suffixes kg reads, for messages ("use .txt, .md, .html, .pdf or .docx")."""
    names = sorted({s for s in SUFFIXES if len(s) <= 5})
    return ", ".join(names[:-1]) + " or " + names[-1]


def render_binary(fmt: str, raw: bytes, source: str) -> TreeWriter:
    """Render a binary document (PDF, Word) into its tree; unreadable files raise DocumentError."""
    module, extra = BINARY[fmt]
    try:
        require(extra, module, f"reading .{fmt} files")
    except KgError as exc:  # the missing extra is this document's reason to be skipped, named
        raise DocumentError(source, str(exc)) from exc
    render = RENDERERS.load(fmt)
    try:
        writer: TreeWriter = render(raw)
    except ValueError as exc:
        raise DocumentError(source, str(exc)) from exc
    return writer
