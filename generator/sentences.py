"""Split a paragraph into sentences, as (start, end) offsets.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets) when the
next sentence starts with a capital letter, a digit or an opening quote, after a space
or, where the capture lost the space, directly (``full.”The first step``). A period
after a known abbreviation or an initial (``U.S.``, ``Dr.``, ``J.``) ends nothing.
"""

from __future__ import annotations

import functools
import re

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen col lt sgt capt gov sen rep jan feb mar apr jun jul aug sep "
    "sept oct nov dec no nos vs etc inc ltd co corp jr sr approx est fig vol pp ca".split()
)
_CLOSERS = re.escape("\"'”’)]»")
_END = re.compile(
    rf"[.!?]+[{_CLOSERS}]*"
    rf"(?=\s+[\"“‘'(\[«]?[A-Z0-9\u0400-\u042f]|(?<=[a-z][.!?][\"”’])[A-Z][a-z]|(?<=[a-z][.!?])[\"“]?[A-Z][a-z])"
)


@functools.lru_cache(maxsize=256)
def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of ``text``, without surrounding whitespace, covering all of it.

    Cleaning, dated statements and passages each ask for the sentences of a paragraph in
    turn: the last paragraphs' are kept."""
    spans = []
    start = 0
    for match in _END.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text[start:match.start()]):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return tuple(_strip(text, s, e) for s, e in spans if text[s:e].strip())


def _is_abbreviation(before: str) -> bool:
    """True when the last word of ``before`` (the text up to a period) is an abbreviation."""
    if not before or before[-1].isspace():  # no word right before the period
        return False
    word = before.rsplit(None, 1)[-1].lstrip("\"'“‘(")
    return (
        word.lower() in _ABBREVIATIONS
        or re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word) is not None
    )


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
