"""The reading stage's cheap tests agree with the slow, obvious ones they stand in for."""

from __future__ import annotations

import itertools
import random
import re
import sys

import pytest

from kg.loaders import html_tree, markdown_tree, readers, tree


def test_the_utf8_byte_scan_finds_exactly_the_control_characters_the_regexes_find() -> None:
    # every code point below U+3000 alone; above it (no controls there) in runs of 4,096, so one slip shows
    # (surrogates cannot reach decode: the codecs refuse them)
    for cp in range(0x3000):
        ch = chr(cp)
        expected = bool(readers._CONTROLS.search(ch) or readers._BREAKS.search(ch))
        assert readers._holds_controls(ch) is expected, hex(cp)
    for first in range(0x3000, sys.maxunicode + 1, 4096):
        run = "".join(chr(cp) for cp in range(first, min(first + 4096, sys.maxunicode + 1))
                      if not 0xD800 <= cp < 0xE000)
        assert not readers._CONTROLS.search(run) and not readers._BREAKS.search(run)
        assert not readers._holds_controls(run), hex(first)
    assert readers._holds_controls("Level 1\u00a0\u2014 Engineer\U0001F680 \u2028")  # a line separator among others
    assert not readers._holds_controls("Level 1\u00a0\u2014 Engineer\U0001F680\t\r\n")


@pytest.mark.parametrize("raw", [b"", b" \t\r\n\x0b\x0c"])
def test_blank_input_is_still_an_empty_file(raw: bytes) -> None:
    with pytest.raises(readers.DocumentError, match="empty file"):
        readers.decode(raw, "x.txt")


def test_printable_text_holds_no_white_space_but_plain_spaces_and_no_control_characters() -> None:
    # the premise of tree._one_line's fast path, for every code point
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if ch.isprintable():
            assert not ch.isspace() or ch == " ", hex(cp)
            assert cp not in tree._CONTROLS, hex(cp)


@pytest.mark.parametrize("text", ["Staff Engineer", " Staff  Engineer ", "Staff\nEngineer\t", "Staff\x01 Engi\x7fneer",
                                  "Staff\u00a0Engineer\u2028", "", "   ", "\x1c", "\ud800 lone"])
def test_one_line_is_the_obvious_normalisation(text: str) -> None:
    assert tree._one_line(text) == " ".join(text.translate(tree._CONTROLS).split())


@pytest.mark.parametrize("markdown", ["# Title\n\n<table>\n<tr><td>a</td></tr>\n\n</table>\n",
                                      "# Title\n\nNo markup.\n", "```\n<div>\n```\n\n<div>x</div>\n",
                                      "text <DIV>inline</DIV>\n\n<Div>\n\nb\n</div>\n"])
def test_split_html_without_block_html_is_the_whole_source(markdown: str) -> None:
    parts = markdown_tree._split_html(markdown)
    assert "".join(chunk for _, chunk in parts).replace("\n", "") == markdown.replace("\n", "")
    if not markdown_tree._ANY_HTML_OPEN.search(markdown):
        assert parts == [("md", markdown)]


@pytest.mark.parametrize("text", ["Staff Engineer\nmore", "\n\n  \t Staff Engineer  \r\nmore",
                                  "\u2028\x85 Title\u2029x", "x" * 3000 + " tail\nnext", "  " + "y" * 1023 + "\r\nnext",
                                  "one line", " \n \n"])
def test_title_is_the_first_line_that_is_not_blank(text: str) -> None:
    expected = next((line.strip()[:200] for line in text.splitlines() if line.strip()), "name")
    assert readers._title(text, "name") == expected


@pytest.mark.parametrize("markdown", [
    "# Jobs\n\n<https://example.com/script> &lt;script&gt; `&lt;style&gt;` d&#97;ta:\n",
    "```html\n&lt;svg&gt;&lt;/svg&gt;\n```\n",
    "Text <span>inline</span> and <b>bold</b>\n",
    "&#60;template&#62; &#x3C;noscript&#x3E; [a](&lt;script&gt;)\n",
])
def test_markdown_renders_no_invisible_element_its_source_does_not_spell(markdown: str) -> None:
    # the premise that lets render_markdown skip html_tree's script-cutting pass: these sources spell the
    # tags only escaped, so the skip applies to each, and what they render holds no such element
    assert markdown_tree._INVISIBLE_OPEN.search(markdown) is None
    assert html_tree._INVISIBLE.search(markdown_tree.markdown_to_html(markdown)) is None


def test_a_script_in_markdown_is_still_cut_out() -> None:
    source = "# Role\n\n<div>\n<script>var secret = 1;</script>\nStaff Engineer\n</div>\n"
    writer = markdown_tree.render_markdown(source)
    assert "secret" not in writer.text()
    assert "Staff Engineer" in writer.text()


def _region_end_line_by_line(lines: list[str], first: int, tag: str) -> int:
    """The obvious rule: count each line's opening and closing tags until they balance."""
    opens, closes = re.compile(rf"<{tag}\b", re.I), re.compile(rf"</{tag}\s*>", re.I)
    depth, j = 0, first
    while j < len(lines):
        depth += len(opens.findall(lines[j])) - len(closes.findall(lines[j]))
        j += 1
        if depth <= 0:
            break
    return j


def test_a_block_html_region_ends_where_line_by_line_counting_ends_it() -> None:
    rng = random.Random(16)
    pieces = ["<table>", "</table>", "</TABLE >", "</table\t>", "<table class='x'>", "<tablex>", "</table", ">",
              "text", " ", "\r", "\u2028", "<div>", "</div>"]
    for _ in range(3000):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(1, 8))]
        lines[0] = "<table>" + lines[0]
        source = "\n".join(lines)
        starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        expected = _region_end_line_by_line(lines, 0, "table")
        assert markdown_tree._region_end(source, starts, 0, "table") == expected, lines
