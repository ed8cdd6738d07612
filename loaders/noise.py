"""Find the spans of a text where skill and certification names are not read: markup and code.

Readers turn most markup into text, but some survives as text: URLs and e-mail addresses,
HTML tags with their attributes (``class="video_container"``), template tags (``{{ }}``,
``{% %}``), fenced code and diagram blocks (Mermaid included), inline code snippets, LaTeX
layout commands (``\\newcolumntype{C}``), diagram source (Mermaid statements, edges and
``id[Label]`` nodes) and identifiers (``snake_case``, ``pkg.module.name``).
A tool named inside them is not a skill the document asks for. Titles are still read there
(a diagram's node labels name roles).
"""

from __future__ import annotations

import re

__all__ = ["noise_spans"]

_ENDS = r"[^\s<>\"'`)\]]"
# Patterns that start with a distinctive character, each run only when its marker is in the text.
_ANCHORED = tuple((markers, re.compile(pattern, flags)) for markers, pattern, flags in (
    (("```", "~~~"), r"^[ \t]{0,3}(?P<fence>```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}(?P=fence)[ \t]*$|\Z)", re.M | re.S),
    (("://", "www."), rf"\b(?:(?:https?|ftp)://|www\.){_ENDS}+", 0),
    # bounded and possessive: a line of "](" without a closing bracket must not cost its length squared
    (("](",), r"\]\([^)\s]{0,2048}+(?:\s+\"[^\"]{0,300}+\")?\)", 0),
    (("<",), r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S),
    (("{{", "{%", "{#"), r"\{\{.{0,300}?\}\}|\{%.{0,300}?%\}|\{#.{0,300}?#\}", re.S),
    # inline code that is code (operators, calls, paths), not a tool's name written as code
    (("`",), r"`[^`\n]*[(){}=;<>$/\\.:][^`\n]*`", 0),
    (("\\",), r"\\(?:begin|end|documentclass|usepackage|newcolumntype|rowcolors|rowcolor|cellcolor|color|"
              r"textcolor|definecolor|renewcommand|newcommand|setlength|multicolumn|multirow|hspace|vspace|"
              r"includegraphics|label|ref|cite|input|include|pagenumbering|arraystretch)\*?"
              r"(?:\[[^\]\n]*\])?(?:\{[^{}\n]*(?:\{[^{}\n]*\}[^{}\n]*)*\})*|\\[A-Za-z]+", 0),
    (("flowchart", "subgraph", "classDef", "linkStyle", "Diagram", "graph T", "graph B", "graph L", "graph R"),
     r"^[ \t]*(?:(?:flowchart|graph|direction)[ \t]+(?:TB|TD|BT|RL|LR)[ \t]*$|subgraph\b[^\n]*$|"
     r"(?:classDef|linkStyle|sequenceDiagram|stateDiagram|erDiagram)\b[^\n]*$)", re.M),
    (("-->", "-.->", "==>"), r"^[^\n]*(?:-->|-\.->|==>)[^\n]*$", re.M),
))
# Patterns found from a middle character, then widened to the word they sit in.
# (each starts with its literal character, which the regex engine finds fast; the character
# before it is checked on the few matches)
_TLD = re.compile(rf"\.(?:com|org|net|io|dev|ai|co|edu|gov|app|me|us|uk|de)\b(/{_ENDS}*)?")
_AT = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_NODE = re.compile(r"\[[^\]\n]{1,80}\]")
_SNAKE = re.compile(r"_[A-Za-z0-9][A-Za-z0-9_]*")
_DOTTED = re.compile(r"\.[a-z][a-z0-9]*\.[a-z][a-z0-9.]*")
# The characters a widened match may take on its left (matched on the reversed text before it).
_LABEL_CHARS = re.compile(r"[A-Za-z0-9.-]+")
_LOCAL_CHARS = re.compile(r"[\w.+-]+")
_ID_CHARS = re.compile(r"[\w-]+")
_WORD_CHARS = re.compile(r"[A-Za-z0-9]+")
_LOWER_CHARS = re.compile(r"[a-z0-9]+")


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``[start, end)`` spans of markup and code in ``text`` (in order, may overlap).

    >>> t = 'See <a href="https://x.io/react">the guide</a> and {{ python_path }}.'
    >>> [t[s:e] for s, e in noise_spans(t)]
    ['<a href="https://x.io/react">', 'https://x.io/react', 'x.io/react', '</a>', '{{ python_path }}', 'python_path']
    """
    spans: list[tuple[int, int]] = []
    for markers, pattern in _ANCHORED:
        if any(m in text for m in markers):
            spans.extend(m.span() for m in pattern.finditer(text))
    if "." in text:
        for m in _TLD.finditer(text):
            start = _left(text, m.start(), _LABEL_CHARS)
            if start < m.start() and (m.group(1) or "." in text[start:m.start()]):  # a path, or three labels
                spans.append((start, m.end()))
        spans.extend(_widened(text, _DOTTED, _LOWER_CHARS))
    if "@" in text:
        spans.extend(_widened(text, _AT, _LOCAL_CHARS))
    if "[" in text:
        spans.extend(_widened(text, _NODE, _ID_CHARS))
    if "_" in text:
        spans.extend(_widened(text, _SNAKE, _WORD_CHARS))
    spans.sort()
    return spans


def _widened(text: str, middle: re.Pattern[str], chars: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of ``middle`` matches extended left over the ``chars`` right before them (none: no span)."""
    out: list[tuple[int, int]] = []
    for m in middle.finditer(text):
        start = _left(text, m.start(), chars)
        if start < m.start():
            out.append((start, m.end()))
    return out


def _left(text: str, end: int, chars: re.Pattern[str]) -> int:
    """Where the run of ``chars`` ending at ``end`` starts (looked at over at most 100 characters)."""
    m = chars.match(text[max(0, end - 100):end][::-1])
    return end - m.end() if m else end
