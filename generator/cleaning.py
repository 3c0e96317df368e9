"""Clean a captured article: remove page boilerplate, repair paragraphs, drop repeats.

Every rule is general (no outlet is special-cased) and every removal is recorded with
its reason, so the source page can show what was removed. Only whole lines of page
furniture, a trailing "Read more", repeated paragraphs and whitespace are removed;
the words of the article body are kept as they are.

Steps, in order:

1. lines: newlines normalised, each line stripped;
2. line rules: counters, timestamps, header fields, interface words, "Read more"
   links, tag lists, text in another script, lists of other headlines, and the page
   header above the headline;
3. paragraphs: lines joined where a wrapped sentence continues;
4. repeats: a paragraph repeated verbatim, or contained in a neighbouring paragraph
   (a standfirst repeated in the lead), is dropped;
5. paragraphs are split where the capture ran a heading or a new paragraph into the
   text, or lost the breaks of a long run of text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .folding import normalise_typography
from .sentences import split_sentences
from .words import CALENDAR


@dataclass(frozen=True)
class Removal:
    """A piece of the capture that the cleaner removed."""

    text: str
    """The removed text, as captured (stripped)."""
    reason: str
    """Why it was removed, in words a reader understands."""


@dataclass(frozen=True)
class CleanText:
    """The article text after cleaning."""

    paragraphs: tuple[str, ...]
    """The paragraphs, in order; each is one line of text."""
    removed: tuple[Removal, ...]
    """What was removed, in the order of the capture."""

    @property
    def text(self) -> str:
        """The cleaned text: paragraphs separated by a blank line (mention offsets refer to it)."""
        return "\n\n".join(self.paragraphs)

    def paragraph_starts(self) -> tuple[int, ...]:
        """The offset of each paragraph in :attr:`text`."""
        starts, offset = [], 0
        for paragraph in self.paragraphs:
            starts.append(offset)
            offset += len(paragraph) + 2
        return tuple(starts)


# --- line rules --------------------------------------------------------------------

_TIME_WORDS = CALENDAR | frozenset(
    "am pm gmt utc msk jst est edt cet cest bst pst pdt updated published posted last at on th st nd rd".split()
)
_INTERFACE_PHRASES = frozenset(
    phrase.strip()
    for phrase in """listen live|get short url|short url|subscribe|unsubscribe|newsfeed|chats|loader|loading
    |log in or register|log in|login|sign in|sign up|register|to participate in the discussion
    |read more|read also|share|share this|share on|tweet|email|print|comments|comment|reply
    |community standards|discussion|advertisement|follow us|close|menu|search|more|top
    |back to top|related|most read|most popular|trending|next|previous|all news|latest news
    |newsletter|like|report|x|copy link|video|photo|live""".split("|")
)
_HEADER_FIELD = re.compile(
    r"(?i)(?:id|author|auther|authors|by|posted|updated|published|date|source|tags?|"
    r"category|section|photo|image|credit|editor|written by|posted by)\s*:\s*[\w ]{0,40}"
)
_BYLINE = re.compile(r"By\s+[A-Z][\w.'’-]*(?:(?:\s+|,\s*)(?:[A-Z][\w.'’-]*|and|&))*")
_READ_MORE = re.compile(
    r"(?i)(?:read more|read also|also read|see also|related|more on this|related stories"
    r"|related articles|related news)\s*[:\-–—|]\s*\S.*"
)
_TRAILING_READ_MORE = re.compile(r"(?<=[.!?\"”’])\s+(?:read more|read also)\s*[.…]*$", re.I)
_SENTENCE_END = tuple(".!?:;\"”’)»…")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SCRIPTS = {"en": "LATIN", "fr": "LATIN", "de": "LATIN", "es": "LATIN", "it": "LATIN",
            "ru": "CYRILLIC", "uk": "CYRILLIC"}


def _words(line: str) -> list[str]:
    return line.split()


def _has_no_letters(line: str, language: str) -> bool:
    return not any(c.isalpha() for c in line)


def _is_timestamp(line: str, language: str) -> bool:
    if len(line) > 60 or not re.search(r"\d{1,2}:\d{2}|\d{4}|\d{1,2}/\d{1,2}/\d{2,4}", line):
        return False
    if re.sub(r"[A-Za-z]+|\d+|[\s,./:\-–|+()]", "", line):
        return False
    return all(word.lower() in _TIME_WORDS for word in re.findall(r"[A-Za-z]+", line))


def _is_header_field(line: str, language: str) -> bool:
    return bool(_HEADER_FIELD.fullmatch(line)) or (
        len(_words(line)) <= 8 and bool(_BYLINE.fullmatch(line))
    )


def _is_interface_text(line: str, language: str) -> bool:
    if len(line) <= 2:  # a stray control: "X", "»"
        return True
    words = _CAMEL.sub(" ", line).lower().replace("…", " ").strip(" .:|").split()
    if not words or len(words) > 8:
        return False
    position = 0
    while position < len(words):  # the words must be a sequence of interface phrases
        for size in range(min(6, len(words) - position), 0, -1):
            if " ".join(words[position:position + size]) in _INTERFACE_PHRASES:
                position += size
                break
        else:
            return False
    return True


def _is_read_more(line: str, language: str) -> bool:
    return bool(_READ_MORE.fullmatch(line))


def _is_tag_list(line: str, language: str) -> bool:
    items = [item.strip() for item in line.split(",")]
    return (
        len(items) >= 4
        and not line.endswith(_SENTENCE_END)
        and all(0 < len(item.split()) <= 4 and " and " not in item for item in items)
    )


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return ""


def _is_other_script(line: str, language: str) -> bool:
    expected = _SCRIPTS.get(language)
    if not expected or len(_words(line)) > 12 or (expected == "LATIN" and line.isascii()):
        return False  # (ASCII letters are all Latin)
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 3:
        return False
    foreign = sum(1 for c in letters if _script(c) != expected)
    return foreign * 2 > len(letters)


_LINE_RULES = (
    ("no words: a counter, an ID or a separator", _has_no_letters),
    ("time the page was saved or posted", _is_timestamp),
    ("header field or byline", _is_header_field),
    ("page interface text", _is_interface_text),
    ("link to another article", _is_read_more),
    ("tag list", _is_tag_list),
    ("page text in another script", _is_other_script),
)


def _is_headline_like(line: str) -> bool:
    words = _words(line)
    return 2 <= len(words) <= 20 and not line.endswith(_SENTENCE_END) and (
        line[0].isupper() or line[0].isdigit()
    )


def _compared(text: str) -> str:
    """How a line is compared with the headline."""
    return normalise_typography(text).casefold()


# --- the cleaner -------------------------------------------------------------------

_MAX_HEADER_LINES = 12
_MIN_HEADLINE_WORDS = 3
_LONG_PARAGRAPH = 700
_PARAGRAPH_TARGET = 400
_MIN_REPEAT_WORDS = 8
_REPEAT_WINDOW = 3


def clean_article(body: str, title: str, language: str = "en") -> CleanText:
    """Clean the captured ``body`` of an article whose headline is ``title``."""
    lines = [line.strip() for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    reasons: list[str | None] = [None] * len(lines)

    for index, line in enumerate(lines):
        if line:
            reasons[index] = next(
                (reason for reason, rule in _LINE_RULES if rule(line, language)), None
            )
    _mark_headline(lines, reasons, title)
    _mark_headline_lists(lines, reasons)

    removed: list[Removal] = []
    paragraphs: list[str] = []
    previous_kept = False
    for line, reason in zip(lines, reasons):
        if not line:
            previous_kept = False
            continue
        if reason:
            removed.append(Removal(line, reason))
            previous_kept = False
            continue
        if previous_kept and _continues(paragraphs[-1], line):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        previous_kept = True

    for index, paragraph in enumerate(paragraphs):
        trailing = _TRAILING_READ_MORE.search(paragraph)
        if trailing:
            removed.append(Removal(trailing.group().strip(), "link text at the end of a paragraph"))
            paragraphs[index] = paragraph[: trailing.start()]
    # Repeats are judged on the paragraphs as captured, before any split of our own.
    kept = _drop_repeats(paragraphs, removed)
    return CleanText(tuple(part for paragraph in kept for part in _split_paragraph(paragraph)),
                     tuple(removed))


def _mark_headline(lines: list[str], reasons: list[str | None], title: str) -> None:
    """The headline line is shown as the page title; page header lines above it go."""
    headline = _compared(title)
    headlines = [i for i, line in enumerate(lines) if line and _compared(line) == headline]
    if not headlines:
        return
    first = headlines[0]
    distinctive = len(title.split()) >= _MIN_HEADLINE_WORDS  # "Russia" is weak evidence
    if distinctive and sum(1 for line in lines[:first] if line) <= _MAX_HEADER_LINES:
        for index in range(first):
            if lines[index] and not reasons[index]:
                reasons[index] = "page header above the headline"
    reasons[first] = "headline (shown as the page title)"
    for index in headlines[1:]:
        reasons[index] = "repeated headline"


def _mark_headline_lists(lines: list[str], reasons: list[str | None]) -> None:
    """Three or more headline-like lines in a row are a list of links to other stories."""
    run: list[int] = []
    for index in range(len(lines) + 1):
        line = lines[index] if index < len(lines) else ""
        if line and not reasons[index] and _is_headline_like(line):
            run.append(index)
            continue
        if len(run) >= 3:
            for member in run:
                reasons[member] = "list of other headlines"
        run = []


def _continues(paragraph: str, line: str) -> bool:
    """A line continues the paragraph when the capture wrapped a sentence."""
    return not paragraph.endswith(_SENTENCE_END) and line[:1].islower()


_RUN_IN_HEADING = re.compile(
    r"[.!?][\"”’]? "  # a sentence ends (the pattern starts with it: scanning is 3 times faster)
    r"([A-Z][\w’'-]*(?: [\w’'-]+){0,5}?[a-z]) "
    r"(?=(?:Since|The|In|On|At|After|Before|When|While|During|According|However|For|From|As"
    r"|It|This|These|Under|Despite|Although|Following|Meanwhile|Earlier|Later|Today) )"
)


def _split_paragraph(paragraph: str) -> list[str]:
    """Split where the capture lost paragraph breaks; the words are kept as they are."""
    pieces = []
    start = 0
    for heading in _RUN_IN_HEADING.finditer(paragraph):
        pieces.append(paragraph[start:heading.start(1)])
        pieces.append(heading.group(1))
        start = heading.end()
    pieces.append(paragraph[start:])
    result = []
    for piece in pieces:
        piece = piece.strip()
        if piece:
            for part in _split_missing_breaks(piece):
                result.extend(_split_long(part))
    return result


def _split_missing_breaks(paragraph: str) -> list[str]:
    """A sentence run into the previous one with no space (``full.”The``) starts a paragraph."""
    spans = split_sentences(paragraph)
    parts, start = [], 0
    for (_, end), (next_start, _) in zip(spans, spans[1:]):
        if end == next_start:
            parts.append(paragraph[start:end])
            start = next_start
    parts.append(paragraph[start:])
    return parts


def _split_long(paragraph: str) -> list[str]:
    """Split a very long paragraph at sentence ends outside quotations.

    A quotation with its attribution ("...," he said.) becomes a paragraph of its own,
    as news copy sets it; other sentences are grouped up to a moderate length.
    """
    if len(paragraph) <= _LONG_PARAGRAPH:
        return [paragraph]
    groups: list[list[tuple[int, int]]] = [[]]
    depth = 0
    in_quote_unit = False
    for start, end in split_sentences(paragraph):
        sentence = paragraph[start:end]
        opens_quote = depth == 0 and sentence[:1] in "\"“"
        current = groups[-1]
        length = current[-1][1] - current[0][0] if current else 0
        if current and depth == 0 and (opens_quote or in_quote_unit or length >= _PARAGRAPH_TARGET):
            groups.append([])
        if depth == 0:
            in_quote_unit = opens_quote
        groups[-1].append((start, end))
        depth = _quote_depth(sentence, depth)
    return [paragraph[group[0][0]:group[-1][1]] for group in groups if group]


def _quote_depth(sentence: str, depth: int) -> int:
    for char in sentence:
        if char == '"':
            depth = 0 if depth else 1
        elif char == "“":
            depth += 1
        elif char == "”":
            depth = max(0, depth - 1)
    return depth


def _drop_repeats(paragraphs: list[str], removed: list[Removal]) -> list[str]:
    """Drop a paragraph repeated verbatim, or contained in a neighbouring paragraph."""
    normalised = [normalise_typography(p) for p in paragraphs]
    seen: set[str] = set()
    kept = []
    for index, paragraph in enumerate(paragraphs):
        text = normalised[index]
        if text in seen:
            removed.append(Removal(paragraph, "repeated paragraph"))
            continue
        neighbours = normalised[max(0, index - _REPEAT_WINDOW): index + _REPEAT_WINDOW + 1]
        if len(text.split()) >= _MIN_REPEAT_WORDS and any(
            len(other) > len(text) and text in other for other in neighbours
        ):
            removed.append(Removal(paragraph, "repeated in a neighbouring paragraph"))
            continue
        seen.add(text)
        kept.append(paragraph)
    return kept
