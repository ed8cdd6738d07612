"""The reading stage's cheap tests agree with the slow, obvious ones they stand in for."""

from __future__ import annotations

import sys

import pytest

from kg.loaders import readers


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
