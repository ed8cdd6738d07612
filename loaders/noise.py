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

_FENCE = r"(?ms:^[ \t]{0,3}(?P<fence>```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}(?P=fence)[ \t]*$|\Z))"
_URL = r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'`)\]]+"
# a bare domain with a path, or with three or more labels ("team.github.io"); "Salesforce.com" is a name
_DOMAIN = (r"\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|io|dev|ai|co|edu|gov|app|me|us|uk|de)"
           r"/[^\s<>\"'`)\]]*|\b[A-Za-z0-9-]+\.[A-Za-z0-9-]+\.(?:com|org|net|io|dev|ai|co|edu|gov|app)\b")
_LINK_TARGET = r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"
_EMAIL = r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_HTML = r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
_TEMPLATE = r"\{\{.{0,300}?\}\}|\{%.{0,300}?%\}|\{#.{0,300}?#\}"
# inline code that is code (operators, calls, paths), not a tool's name written as code
_CODE = r"`[^`\n]*[(){}=;<>$/\\.:][^`\n]*`"
_LATEX_LAYOUT = (r"\\(?:begin|end|documentclass|usepackage|newcolumntype|rowcolors|rowcolor|cellcolor|color|"
                 r"textcolor|definecolor|renewcommand|newcommand|setlength|multicolumn|multirow|hspace|vspace|"
                 r"includegraphics|label|ref|cite|input|include|pagenumbering|arraystretch)\*?"
                 r"(?:\[[^\]\n]*\])?(?:\{[^{}\n]*(?:\{[^{}\n]*\}[^{}\n]*)*\})*|\\[A-Za-z]+")
# diagram source that survives as text: Mermaid statements, edge lines and ``id[Label]`` nodes
_DIAGRAM = (r"(?m:^[ \t]*(?:(?:flowchart|graph|direction)[ \t]+(?:TB|TD|BT|RL|LR)[ \t]*$|subgraph\b[^\n]*$|"
            r"(?:classDef|linkStyle|sequenceDiagram|stateDiagram|erDiagram)\b[^\n]*$))|"
            r"(?m:^[^\n]*(?:-->|-\.->|==>)[^\n]*$)|\b[A-Za-z_][\w-]*\[[^\]\n]{1,80}\]")
_IDENTIFIER = r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b|\b[a-z][a-z0-9]*(?:\.[a-z][a-z0-9]*){2,}\b"

_NOISE = re.compile("|".join((_FENCE, _URL, _DOMAIN, _LINK_TARGET, _EMAIL, _HTML, _TEMPLATE, _CODE,
                              _LATEX_LAYOUT, _DIAGRAM, _IDENTIFIER)), re.S)
# every match holds one of these characters: a text without any has no noise
_MARKS = ("`", "~~~", "://", "www.", "@", "<", "{", "\\", "_", "](", ".", "[", "graph", "flowchart")


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``[start, end)`` spans of markup and code in ``text``, in order.

    >>> t = 'See <a href="https://x.io/react">the guide</a> and {{ python_path }}.'
    >>> [t[s:e] for s, e in noise_spans(t)]
    ['<a href="https://x.io/react">', '</a>', '{{ python_path }}']
    """
    if not any(mark in text for mark in _MARKS):
        return []
    return [m.span() for m in _NOISE.finditer(text)]
