"""Read a document file (.txt, .md, .html, .pdf, .docx) into its tree and plain text, with a stable content id.

The format comes from the suffix (:mod:`kg.loaders.formats`); each renderer writes the document
tree (:mod:`kg.loaders.tree`) whose text every evidence quote is a substring of.

Bad input raises :class:`kg.errors.DocumentError` naming the file: empty,
binary, undecodable, larger than :data:`MAX_BYTES`, unparsable markup, or with a
line longer than :data:`MAX_LINE_CHARS` (not prose; extraction would crawl).
Nothing else escapes: deep markup is parsed without recursion.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

from kg.errors import DocumentError
from kg.loaders.formats import BINARY, RENDERERS, SUFFIXES, known_suffixes, render_binary
from kg.loaders.models import LoadedDocument
from kg.loaders.text_tree import render_structured_text
from kg.loaders.tree import Node, holds_c0_controls

__all__ = ["SUFFIXES", "MAX_BYTES", "MAX_LINE_CHARS", "MAX_LINES", "MAX_TAGS", "read_path", "read_text", "read_binary",
           "decode", "iter_document_paths"]

MAX_BYTES = 20 * 1024 * 1024
#: longest line of plain text accepted (seed documents stay under 5,000)
MAX_LINE_CHARS = 50_000
#: most lines and HTML tags in one document: extraction cost grows with them, not only with bytes
#: (the longest real documents seen have about 800 lines and 900 tags; 100,000 nested tags still parse)
MAX_LINES = 100_000
MAX_TAGS = 250_000


def read_path(path: Path, max_bytes: int = MAX_BYTES) -> LoadedDocument:
    """Read one regular file into a :class:`LoadedDocument` (format chosen by suffix).

    Pipes, devices, sockets, folders and system files (``/proc``, ``/sys``, ``/dev``,
    also through a link) are refused by name without being read; the size limit
    holds while reading, so a file that grows cannot exceed it.
    """
    source = _printable(path)
    if source != str(path):
        raise DocumentError(source, "file name is not valid UTF-8; rename it (e.g. `convmv -f latin1 -t utf8 "
                                    "--notest FILE`) and build again")
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DocumentError(source, f"cannot read: {exc.strerror}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(source, _folder_reason(path))
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise DocumentError(source, f"unsupported file type {path.suffix!r}; use {known_suffixes()}")
    _check_kind(info.st_mode, source)
    real = os.path.realpath(path)
    if real.split(os.sep)[1:2] in (["proc"], ["sys"], ["dev"]):
        raise DocumentError(source, f"is a system file ({_printable(Path(real))}), not a document")
    raw = _read_regular(path, source, max_bytes)
    name = _printable(Path(path.name))
    if fmt in BINARY:
        return read_binary(raw, source=source, name=name, fmt=fmt)
    _check_cost(raw, source, fmt)
    return read_text(decode(raw, source), source=source, name=name, fmt=fmt)


def _printable(path: Path) -> str:
    """The path as text, bytes that are not UTF-8 shown as ``\\xe9`` (so it can be printed and stored)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _folder_reason(path: Path) -> str:
    try:
        os.listdir(path)
    except OSError as exc:
        return f"cannot list this folder ({exc.strerror}); its documents were not loaded"
    return "is a folder; pass it to `kg build` to load the documents inside"


_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _check_kind(mode: int, source: str) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a plain file")
        raise DocumentError(source, f"not a regular file ({kind}); kg reads only plain .txt, .md and .html files")


def _read_regular(path: Path, source: str, max_bytes: int) -> bytes:
    """Read a regular file without blocking on pipes and without reading past ``max_bytes``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise DocumentError(source, f"cannot read: {exc.strerror}") from exc
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        _check_kind(info.st_mode, source)
        if info.st_size > max_bytes:
            raise DocumentError(source, f"too large ({info.st_size:,} bytes > {max_bytes:,}); split it first")
        try:
            raw = fh.read(max_bytes + 1)
        except OSError as exc:
            raise DocumentError(source, f"cannot read: {exc.strerror}") from exc
    if len(raw) > max_bytes:
        raise DocumentError(source, f"too large (grew past {max_bytes:,} bytes while being read); split it first")
    return raw


def _check_cost(raw: bytes, source: str, fmt: str) -> None:
    """Refuse documents whose extraction would cost far more than their size suggests (named, with the limit)."""
    lines = raw.count(b"\n")
    if lines > MAX_LINES:
        raise DocumentError(source, f"has {lines:,} lines (limit {MAX_LINES:,}); split it into smaller documents")
    if fmt == "html":
        tags = raw.count(b"<")
        if tags > MAX_TAGS:
            raise DocumentError(source, f"has {tags:,} tags (limit {MAX_TAGS:,}); save the page as text or split it")


def read_text(text: str, source: str, name: str, fmt: str = "text") -> LoadedDocument:
    """Turn already-decoded text of a format into a :class:`LoadedDocument`."""
    plain, nodes = _render(text, source, fmt)
    return _document(plain, nodes, source, name, fmt)


def read_binary(raw: bytes, source: str, name: str, fmt: str) -> LoadedDocument:
    """Turn the bytes of a binary format (PDF, Word) into a :class:`LoadedDocument`."""
    writer = render_binary(fmt, raw, source)
    return _document(writer.text(), tuple(writer.nodes), source, name, fmt)


def _document(plain: str, nodes: tuple[Node, ...], source: str, name: str, fmt: str) -> LoadedDocument:
    if not plain or plain.isspace():  # (no stripped copy of the whole text)
        raise DocumentError(source, "no text in document (empty or markup only)")
    _check_lines(plain, source)
    try:
        digest = hashlib.sha256(plain.encode("utf-8")).hexdigest()[:16]
    except UnicodeEncodeError as exc:
        raise DocumentError(source, f"text holds a lone surrogate at character {exc.start}; "
                                    "re-save the file as UTF-8") from exc
    return LoadedDocument(id=digest, source=source, name=name, title=_title(plain, name),
                          text=plain, format=fmt, nodes=nodes)


def _render(text: str, source: str, fmt: str) -> tuple[str, tuple[Node, ...]]:
    """Render a document into plain text and its tree (no tree for plain prose)."""
    try:
        if fmt in RENDERERS:  # Markdown, HTML: their renderer, imported on first use
            writer = RENDERERS.load(fmt)(text)
        else:
            plain = text.replace("\r\n", "\n").replace("\r", "\n")
            found = render_structured_text(plain)
            if found is None:
                return plain, ()
            writer = found
    except (AssertionError, ValueError, IndexError, RecursionError) as exc:  # parsers on broken markup
        raise DocumentError(source, f"cannot parse the {fmt} ({exc}); save it as plain text") from exc
    return writer.text(), tuple(writer.nodes)


def _check_lines(plain: str, source: str) -> None:
    """Refuse text with an absurdly long line (naming the line and the limit)."""
    if len(plain) <= MAX_LINE_CHARS:
        return
    start = 0
    for number, line in enumerate(plain.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            raise DocumentError(source, f"line {number} (at character {start:,}) is {len(line):,} characters long"
                                        f" (limit {MAX_LINE_CHARS:,}); this is not prose: break it into lines")
        start += len(line) + 1


def decode(raw: bytes, source: str) -> str:
    """Decode bytes as UTF-8, UTF-16 or UTF-32; refuse empty, binary and undecodable input.

    Terminal control sequences and other control characters are dropped (they would
    hide text on a terminal and are not allowed in XML); NUL anywhere means binary.
    """
    text = _decode(raw, source)
    nul = text.find("\x00")
    if nul >= 0:
        raise DocumentError(source, f"binary file (NUL character at character {nul:,}); convert it to text first")
    text = _without_controls(text)
    if not text or text.isspace():
        raise DocumentError(source, "empty file")
    return text


def _decode(raw: bytes, source: str) -> str:
    if not raw or raw.isspace():
        raise DocumentError(source, "empty file")
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(source, f"invalid {encoding.upper()} at byte {exc.start}") from exc
    nul = raw.find(b"\x00")
    if nul >= 0:
        text = _utf16_without_bom(raw) if nul < 8192 else None
        if text is None:
            where = f" at byte {nul:,}" if nul >= 8192 else "s"
            raise DocumentError(source, f"binary file (NUL byte{where}); convert it to text first")
        return text
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            source, f"not valid UTF-8 at byte {exc.start}; re-save the file as UTF-8"
        ) from exc


def _utf16_without_bom(raw: bytes) -> str | None:
    """Decode UTF-16 or UTF-32 text that lacks a BOM (NULs between ASCII letters), else None."""
    head = raw[:8192]
    if len(raw) % 4 == 0:
        for encoding, zeros in (("utf-32-le", head[1::4] + head[2::4] + head[3::4]),
                                ("utf-32-be", head[0::4] + head[1::4] + head[2::4])):
            if zeros.count(0) >= 0.9 * len(zeros):
                try:
                    return raw.decode(encoding)
                except UnicodeDecodeError:
                    return None
    if len(raw) % 2:
        return None
    for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if "\x00" not in text else None
    return None


#: ANSI/ECMA-48 control sequences (CSI, OSC, DCS ... and two-byte escapes), then lone control characters
_ESCAPES = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*"
                      r"(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# the same characters found in UTF-8 bytes by cheaper C scans than a character-class search (4x less work):
# C0 controls and DEL are single bytes (kg.loaders.tree's scan); C1 controls (U+0080-U+009F) and U+2028/U+2029
# have fixed lead bytes
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_SEPARATORS_UTF8 = re.compile(rb"\xe2\x80[\xa8\xa9]")


def _holds_controls(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`_CONTROLS` or :data:`_BREAKS`."""
    data = text.encode("utf-8", "surrogatepass")
    if holds_c0_controls(data):
        return True
    return not text.isascii() and (_C1_UTF8.search(data) is not None or _SEPARATORS_UTF8.search(data) is not None)


def _without_controls(text: str) -> str:
    """Drop terminal escape sequences and control characters; vertical tab and form feed become line breaks."""
    if not _holds_controls(text):
        return text
    return _CONTROLS.sub("", _BREAKS.sub("\n", _ESCAPES.sub("", text)))


def iter_document_paths(paths: list[Path]) -> list[Path]:
    """Expand files and folders into a sorted list of document paths, each spelled from its resolved folder.

    A folder's entries with a document suffix are all listed, pipes and devices too, so
    reading names them when it refuses them; a sub-folder that cannot be listed is listed
    itself, for the same reason. Links to folders are not followed (no loops).
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(Path(os.path.realpath(path))))
        else:
            found.append(Path(os.path.realpath(path.parent)) / path.name)
    return found


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    unlistable: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=lambda exc: unlistable.append(Path(exc.filename))):
        dirs.sort()
        links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        found.extend(Path(folder, name) for name in (*files, *links) if Path(name).suffix.lower() in SUFFIXES)
    return sorted([*found, *unlistable])


def _title(text: str, name: str) -> str:
    """The first line that is not blank, stripped and cut to 200 characters (``name`` when there is none)."""
    rest = text.lstrip()  # every line break is white space: ``rest`` starts on the first line that is not blank
    if not rest:
        return name
    head = rest[:1024].splitlines()  # that line without splitting the whole text, unless it is very long
    line = head[0] if len(head) > 1 or len(rest) <= 1024 else rest.splitlines()[0]
    return line.strip()[:200]
