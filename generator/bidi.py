"""Bidirectional control characters: refused where people type, isolated where text was captured.

An explicit embedding, override or isolate (U+202A–U+202E, U+2066–U+2069) changes the
direction of the text after it until it is closed: an unclosed U+202E (right-to-left
override) in a name shows everything that follows it on the line reversed. Names, titles
and every other field typed into sources/ may not hold one (:func:`first_control`);
article text is kept as captured, and each piece of it placed on a page is closed within
itself (:func:`isolate`), so that nothing it holds reaches past it.
"""

from __future__ import annotations

import re
import unicodedata

_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
            "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}
"""Embeddings and overrides (closed by U+202C) and isolates (closed by U+2069)."""
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``."""
    return f"U+{ord(char):04X} ({unicodedata.name(char)})"


def first_control(text: str) -> str | None:
    """The first bidirectional control character of ``text``, described
    (``U+202E (RIGHT-TO-LEFT OVERRIDE) at character 4``), or None."""
    match = CONTROLS.search(text)
    return None if match is None else f"{describe(match.group())} at character {match.start() + 1}"


def isolate(text: str) -> str:
    """``text`` with every embedding, override and isolate closed within it: an unmatched
    closer is dropped, and what is left open is closed at the end, innermost first
    (Unicode's bidirectional algorithm, UAX #9: a U+202C closes only an embedding or
    override opened inside the current isolate)."""
    if not CONTROLS.search(text):
        return text
    out, open_ = [], []
    for char in text:
        if char in _OPENERS:
            open_.append(char)
        elif char == "\u202c":
            if not open_ or _OPENERS[open_[-1]] != "\u202c":
                continue  # closes nothing here
            open_.pop()
        elif char == "\u2069":
            if "\u2069" not in (_OPENERS[o] for o in open_):
                continue
            while _OPENERS[open_.pop()] != "\u2069":  # closes what the isolate holds, then it
                out.append("\u202c")
        out.append(char)
    out.extend(_OPENERS[o] for o in reversed(open_))
    return "".join(out)
