"""Find dated statements: sentences that date something, resolved to a calendar date.

Expressions recognised (general English news usage, no outlet special-cased):

- full dates: "November 14, 2018", "14th January, 2019", "14 Nov. 2018", "2018-11-14";
- a month and a year ("January 2019"), a month and a day without a year ("January 14"),
  a month after a preposition ("in June"), a year after a preposition ("in 1956");
- weekdays ("on Monday", "said Wednesday") and relative expressions ("today", "earlier in
  the day", "last week", "last month", "last year", "at the end of last year",
  "60 years ago"), resolved against the article's publication date.

Precision is never invented: "last month" is a month, and a weekday cannot be resolved when
the publication date is known only to the month or year (the event says so and has no
date). A date after the publication date is planned. A year used as a name ("the 1956
declaration") dates nothing, and a dateline repeats the publication date, so neither is
an event.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from dataclasses import dataclass

from .dates import PartialDate
from .cleaning import CleanText
from .folding import folded_tokens
from .mentions import Mention, by_paragraph
from .sentences import split_sentences
from .sources import Article
from .words import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTH_NUMBERS, MONTHS, NUMBERS, WEEKDAY_NAMES


@dataclass(frozen=True)
class Event:
    """A sentence of an article that dates something."""

    date: PartialDate | None
    """The date it gives, at the precision the text supports; None when it cannot be resolved."""
    planned: bool
    """True when the date is after the article's publication date (an expected event)."""
    article: str
    paragraph: int
    """Index of the paragraph in the cleaned text."""
    sentence: str
    expression: str
    """The words that give the date, as in the text ("last month")."""
    span: tuple[int, int]
    """Offsets of the expression in the sentence."""
    entities: tuple[str, ...]
    """Ids of the entities the sentence mentions, in order of first mention."""
    note: str | None
    """How a relative date was resolved, or why it could not be."""
    subject: str | None = None
    """Id of the person a pronoun subject of the sentence stands for ("he said"), when the
    text before names exactly one (:mod:`generator.references`)."""


_ABBREVIATED = [name.capitalize() for name in sorted(MONTH_ABBREVIATIONS - MONTHS, key=lambda a: (MONTH_NUMBERS[a], -len(a)))]
_MONTH = rf"(?P<month>(?:{'|'.join(MONTH_NAMES)}|(?:{'|'.join(_ABBREVIATED)})\.?))"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_DIGITS = r"(?:1[5-9]|20)\d\d"
_YEAR = rf"(?P<year>{_YEAR_DIGITS})"
_WEEKDAYS = tuple(name.lower() for name in WEEKDAY_NAMES)
_PREPOSITION_DAY = r"(?i:on|from|between)"
_PREPOSITION = r"(?:in|since|until|till|by|before|after|from|during|around|circa|early|late|mid-|as of)"
_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|is due|are due|plans? to|planned|scheduled|"
                     r"expects? to|is expected|are expected|upcoming|next)\b", re.I)

# (kind, triggers, pattern); every pattern is tried on a sentence, overlaps go to the longest
# match. The triggers are cheap tests that every match of the pattern passes, all of which
# must hold (see _expressions): words, one of which must be a word of the sentence (a
# folded token), or the name of a test in _TRIGGER, run at most once per sentence on the
# lower-cased sentence. Most sentences date nothing, and trying every pattern on every
# sentence took most of the time of the find stage.
_MONTH_START = rf"(?:{'|'.join(name[:3].lower() for name in MONTH_NAMES)})"
_TRIGGER = {
    "digit": r"\d",
    "year": rf"{_YEAR_DIGITS}(?<!\w\w\w\w\w)(?!\w)",  # \b before the digits, tested after them: faster
    "iso": r"\d{4}-\d\d-\d",
    "year-range": rf"[-–]\s*{_YEAR_DIGITS}",
    "day-range": r"\d(?:st|nd|rd|th)?\s*(?:-|–|to)\s*\d",
    "decade": r"\d0['’]?s\b",
    "year-after-word": rf"(?:{_PREPOSITION}|year|the)\s+(?:the\s+(?:year\s+)?)?{_YEAR_DIGITS}",
    "month-after-word": rf"{_PREPOSITION}\s+(?:early\s+|late\s+|mid-)?{_MONTH_START}",
    "month-day": r"[a-z]\.?\s*\d",
    "day-month": r"\d(?:st|nd|rd|th)?\s+[a-z]",
}
_MONTH_WORDS = tuple(MONTH_NUMBERS)


def _trigger(trigger: str | tuple[str, ...]) -> re.Pattern | frozenset[str]:
    """The pattern of a named test of :data:`_TRIGGER`, or the set of words."""
    return re.compile(_TRIGGER[trigger]) if isinstance(trigger, str) else frozenset(trigger)


_PATTERNS = tuple((kind, tuple(map(_trigger, triggers)), re.compile(pattern)) for kind, triggers, pattern in (
    ("iso", ("digit", "iso"), r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    ("day", (_MONTH_WORDS, "digit", "year", "month-day"), rf"\b{_MONTH}(?:\s+|(?<=\.)){_DAY},?\s+{_YEAR}\b"),
    ("day", (_MONTH_WORDS, "digit", "year", "day-month"), rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
    ("month", (_MONTH_WORDS, "digit", "year"), rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"),
    ("day-no-year", (_MONTH_WORDS, "digit", "month-day"), rf"\b{_MONTH}(?:\s+|(?<=\.)){_DAY}\b(?![,.]?\s*\d)"),
    ("day-range", (_MONTH_WORDS, "digit", "day-range"), rf"\b(?:{_PREPOSITION_DAY}\s+)?[0-3]?\d(?:st|nd|rd|th)?\s*(?:-|–|to)\s*{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b"),
    ("day-range", (_MONTH_WORDS, "digit", "day-range"), rf"\b(?:{_PREPOSITION_DAY}\s+)?{_MONTH}\s+{_DAY}\s*(?:-|–|to)\s*[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?\b"),
    ("year-range", ("digit", "year-range"), rf"\b(?:(?i:{_PREPOSITION})\s+)?{_YEAR}\s*[-–]\s*(?P<year2>{_YEAR_DIGITS})\b"),
    ("decade", ("digit", "decade"), rf"\b(?i:{_PREPOSITION}|in the early|in the late|in the mid-)\s+(?:the\s+)?(?P<decade>(?:1[89]|20)\d0)['’]?s\b"),
    ("day-no-year", (_MONTH_WORDS, "digit", "day-month"), rf"\b{_DAY}\s+{_MONTH}\b(?![,.]?\s*\d)"),
    ("month-no-year", (_MONTH_WORDS, "month-after-word"), rf"\b(?i:{_PREPOSITION})\s+(?:early\s+|late\s+|mid-)?{_MONTH}(?!\w)(?![\w.]*\s*\d)"),
    ("year", ("digit", "year", "year-after-word"), rf"\b(?i:{_PREPOSITION}|in the year)\s+(?:the\s+(?:year\s+)?)?{_YEAR}\b(?!\s*(?:-|–)?\s*(?:sq|km|square|people|troops|%|per ?cent|tons|dollars|euros|rubles|yen)\b)"),
    ("weekday", (_WEEKDAYS,), rf"\b(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his)\s+|on\s+)?(?P<weekday>{'|'.join(WEEKDAY_NAMES)})\b"),
    ("today", (("today", "tonight", "day"),), r"\b(?i:earlier in the day|earlier today|later today|today|tonight)\b"),
    ("yesterday", (("yesterday",),), r"\b(?i:yesterday)\b"),
    ("tomorrow", (("tomorrow",),), r"\b(?i:tomorrow)\b"),
    ("end-of-year", (("year",),), r"\b(?i:(?:by|at|before|until|till|towards?) the (?:end|beginning|start|middle) of the year)\b"),
    ("season", (("spring", "summer", "autumn", "fall", "winter"),), r"\b(?i:(?P<which>last|this|next) (?P<season>spring|summer|autumn|fall|winter))\b"),
    ("counted", (("later", "earlier"),), r"\b(?i:(?P<count>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?P<unit>days?|weeks?|months?|years?) (?P<dir>later|earlier))\b"),
    ("counted", (("following", "previous", "preceding"),), r"\b(?i:the (?P<dir>following|previous|preceding) (?P<unit>day|week|month|year))\b"),
    ("relative", (("week", "month", "year"),), r"\b(?i:(?P<edge>at the (?:end|beginning|start) of |(?:early|late|earlier|later) (?:in )?)?(?P<which>last|this|next) (?P<unit>week|month|year))\b"),
    ("ago", (("ago",),), r"\b(?i:(?P<count>\d+|a hundred|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) (?P<unit>years?|months?|weeks?|days?) ago)\b"),
))
_DATELINE = re.compile(
    r"[A-Z]{2,}(?:[ .'’-]+[A-Z]{2,})*"                 # the place, in capitals
    r"(?:, [A-Z][a-z]+\.? \d{1,2}(?:st|nd|rd|th)?\.?)?"  # ", January 14."
    r"(?: ?\([^)]*\))?"                                # " (Agency - 14th January, 2019)"
    r"(?: ?/[A-Za-z -]+/\.?)?"                          # " /TASS/."
)


def find_events(article: Article, clean: CleanText, mentions: tuple[Mention, ...],
                tokens: list[tuple[int, int, str]] | None = None) -> tuple[Event, ...]:
    """Every dated statement of ``article``, whose cleaned text and mentions are given;
    ``tokens``: the cleaned text's :func:`~generator.folding.folded_tokens`, when known."""
    if tokens is None:
        tokens = folded_tokens(clean.text)
    token_starts = [token[0] for token in tokens]
    events = []
    anchor: tuple[PartialDate, int] | None = None  # the last date given, and its paragraph
    for index, paragraph, offset, mentions in by_paragraph(clean.paragraphs, clean.paragraph_starts(), mentions):
        dateline = dateline_end(paragraph) if index == 0 else 0
        for start, end in split_sentences(paragraph):
            sentence = paragraph[start:end]
            words = {folded for _, _, folded in tokens[bisect.bisect_left(token_starts, offset + start):
                                                       bisect.bisect_left(token_starts, offset + end)]}
            found = _expressions(sentence, max(0, dateline - start), words)
            if not found:
                continue
            entities = tuple(dict.fromkeys(
                m.entity for m in mentions if start <= m.start - offset < end))
            seen = set()
            for kind, match in found:
                if kind == "counted":
                    near = anchor[0] if anchor and index - anchor[1] <= 1 else None
                    date, note = count_from(match.groupdict(), f"“{match.group()}”", near)
                else:
                    date, note = _resolve(kind, match, sentence, article.published)
                if date is not None:
                    anchor = (date, index)
                key = (date, note if date is None else None)
                if key in seen:
                    continue
                seen.add(key)
                planned = date is not None and after(date, article.published)
                events.append(Event(date, planned, article.id, index, sentence, match.group(),
                                    match.span(), entities, note))
    return tuple(events)


def dateline_end(paragraph: str) -> int:
    """Where a leading dateline ("MOSCOW, January 14. /TASS/.") ends; 0 without one."""
    match = _DATELINE.match(paragraph)
    return match.end() if match and match.end() > match.start() + 3 and (
        "(" in match.group() or "," in match.group()) else 0


def _expressions(sentence: str, skip_before: int, words: set[str]) -> list[tuple[str, re.Match]]:
    """The date expressions of a sentence, longest first on overlap, in text order; ``words``:
    its folded tokens."""
    candidates = []
    lower = sentence.lower()
    holds: dict[re.Pattern, bool] = {}
    for kind, triggers, pattern in _PATTERNS:
        for trigger in triggers:
            if isinstance(trigger, frozenset):
                held = not words.isdisjoint(trigger)
            else:
                held = holds.get(trigger)
                if held is None:
                    held = holds[trigger] = trigger.search(lower) is not None
            if not held:
                break
        else:
            for match in pattern.finditer(sentence):
                if match.start() >= skip_before:
                    candidates.append((kind, match))
    taken: list[tuple[str, re.Match]] = []
    for kind, match in sorted(candidates, key=lambda c: (c[1].start() - c[1].end(), c[1].start())):
        if all(match.end() <= other.start() or match.start() >= other.end() for _, other in taken):
            taken.append((kind, match))
    return sorted(taken, key=lambda c: c[1].start())


def after(date: PartialDate, published: PartialDate) -> bool:
    """True when every day of ``date`` is after every day of ``published``."""
    def last(d: PartialDate):
        month = d.month or 12
        return (d.year, month, d.day or calendar.monthrange(d.year, month)[1])
    return (date.year, date.month or 1, date.day or 1) > last(published)


def _resolve(kind: str, match: re.Match, sentence: str, published: PartialDate):
    """(date or None, note or None) for one expression."""
    groups = match.groupdict()
    said = f"“{match.group()}”"
    if kind in ("iso", "day"):
        return _checked(int(groups["year"]), _month(groups["month"]), int(groups["day"]), None)
    if kind == "month":
        return PartialDate(int(groups["year"]), _month(groups["month"])), None
    if kind == "year":
        return PartialDate(int(groups["year"])), None
    if kind == "day-range":
        month = _month(groups["month"])
        if groups.get("year"):
            year, note = int(groups["year"]), f"{said}: a range of days, the month"
        elif not published.month:
            return None, f"{said}: the year cannot be resolved, the article is dated only {published.display()}"
        else:
            year = _nearest_year(month, published)
            note = f"{said}: a range of days, the month; year taken from the publication date ({published.display()})"
        return PartialDate(year, month), note
    if kind == "year-range":
        if int(groups["year2"]) <= int(groups["year"]):
            return PartialDate(int(groups["year"])), None
        return None, f"{said}: a range of years, no single year"
    if kind == "decade":
        return None, f"{said}: a decade, no single year"
    if kind == "end-of-year":
        return PartialDate(published.year), f"{said}: the publication year"
    if kind == "season":
        return _season(groups["which"].lower(), groups["season"].lower(), said, published)
    if kind in ("day-no-year", "month-no-year"):
        month = _month(groups["month"])
        written = _YEAR_AFTER.match(sentence, match.end())
        if written:  # "in August and September 1945": the year written after the next month
            year = int(written.group("year"))
            note = f"{said}: year taken from the date that follows it ({written.group().strip()})"
            if kind == "month-no-year":
                return PartialDate(year, month), note
            return _checked(year, month, int(groups["day"]), note)
        if not published.month:
            return None, f"{said}: the year cannot be resolved, the article is dated only {published.display()}"
        year = _nearest_year(month, published)
        note = f"{said}: year taken from the publication date ({published.display()})"
        if kind == "month-no-year":
            return PartialDate(year, month), note
        return _checked(year, month, int(groups["day"]), note)
    if kind in ("weekday", "today", "yesterday", "tomorrow"):
        if published.precision != "day":
            return _unresolved(said, published)
        day = datetime.date(published.year, published.month, published.day)
        if kind == "today":
            return published, f"{said}: the publication date"
        if kind in ("yesterday", "tomorrow"):
            day += datetime.timedelta(days=-1 if kind == "yesterday" else 1)
            return PartialDate(day.year, day.month, day.day), f"{said}: counted from the publication date"
        return _weekday(groups, sentence, day, said)
    if kind == "relative":
        return _relative(groups["which"].lower(), groups["unit"].lower(), said, published)
    if kind == "ago":
        return _ago(groups["count"].lower(), groups["unit"].lower().rstrip("s"), said, published)
    raise AssertionError(kind)


_YEAR_AFTER = re.compile(rf"\s*(?:,\s*)?(?:and|or|to|through|until|-|–)\s+{_MONTH}(?:\s+{_DAY})?,?\s+{_YEAR}\b")
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _season(which: str, season: str, said: str, published: PartialDate):
    """The year of "last autumn" (the latest autumn over before the publication month),
    "this summer", "next spring"; a winter spans two years and is not resolved."""
    if season == "winter":
        return None, f"{said}: a winter spans two years"
    if not published.month:
        return _unresolved(said, published)
    first, last = _SEASONS[season]
    if which == "this":
        year = published.year
    elif which == "last":
        year = published.year if published.month > last else published.year - 1
    else:
        year = published.year if published.month < first else published.year + 1
    return PartialDate(year), f"{said}: counted from the publication date ({published.display()})"


def count_from(groups: dict, said: str, anchor: PartialDate | None, what: str = "the date given just before"):
    """"two days later", "the previous day", "a month after <a meeting>": counted from
    ``anchor`` (``what`` says where it comes from), at the precision the unit needs.
    ``groups``: ``count`` (words or digits; one when None), ``unit`` and ``dir``."""
    unit = groups["unit"].lower().rstrip("s")
    count = groups.get("count")
    count = 1 if count is None else int(count) if count.isdigit() else NUMBERS[count.lower()]
    sign = -1 if groups["dir"].lower() in ("earlier", "previous", "preceding", "before") else 1
    if anchor is None:
        return None, f"{said}: no date just before it to count from"
    how = f"{said}: counted from {anchor.display()}, {what}"
    if unit == "year":
        return PartialDate(anchor.year + sign * count), how
    if unit == "month":
        if not anchor.month:
            return None, f"{said}: {what} ({anchor.display()}) gives no month to count from"
        return anchor.plus_months(sign * count), how
    if anchor.precision != "day":
        return None, f"{said}: {what} ({anchor.display()}) gives no day to count from"
    day = anchor.start() + datetime.timedelta(days=sign * count * (7 if unit == "week" else 1))
    if unit == "week":
        return PartialDate(day.year, day.month), how
    return PartialDate(day.year, day.month, day.day), how


def _unresolved(said: str, published: PartialDate):
    """No date, and why: the publication date is not precise enough to count from."""
    return None, f"{said}: cannot be resolved, the article is dated only {published.display()}"


def _month(text: str) -> int:
    return int(text) if text.isdigit() else MONTH_NUMBERS[text.lower().rstrip(".")]


def _checked(year: int, month: int, day: int, note: str | None):
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None, f"not a calendar date: {year}-{month:02d}-{day:02d}"
    return PartialDate(year, month, day), note


def _nearest_year(month: int, published: PartialDate) -> int:
    """The year that puts ``month`` closest to the publication month."""
    distance = month - published.month
    if distance > 6:
        return published.year - 1
    if distance < -6:
        return published.year + 1
    return published.year


def _weekday(groups: dict, sentence: str, day: datetime.date, said: str):
    weekday = _WEEKDAYS.index(groups["weekday"].lower())
    which = (groups.get("which") or "").lower()
    forward = which == "next" or (which != "last" and _FUTURE.search(sentence) is not None)
    if forward:
        delta = (weekday - day.weekday()) % 7 or (7 if which == "next" else 0)
        resolved = day + datetime.timedelta(days=delta)
        how = "on or after"
    else:
        delta = (day.weekday() - weekday) % 7 or (7 if which == "last" else 0)
        resolved = day - datetime.timedelta(days=delta)
        how = "on or before"
    name = groups["weekday"].capitalize()
    note = f"{said}: the {name} {how} the publication date ({PartialDate(day.year, day.month, day.day).display()})"
    return PartialDate(resolved.year, resolved.month, resolved.day), note


def _relative(which: str, unit: str, said: str, published: PartialDate):
    shift = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return PartialDate(published.year + shift), f"{said}: counted from the publication year"
    if unit == "month":
        if not published.month:
            return _unresolved(said, published)
        return published.plus_months(shift), f"{said}: counted from the publication month"
    if published.precision != "day":  # a week needs the day of publication
        return _unresolved(said, published)
    day = datetime.date(published.year, published.month, published.day)
    monday = day - datetime.timedelta(days=day.weekday()) + datetime.timedelta(weeks=shift)
    sunday = monday + datetime.timedelta(days=6)
    note = f"{said}: the week of {_days(monday, sunday)}"
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return PartialDate(monday.year, monday.month), note
    if monday.year == sunday.year:
        return PartialDate(monday.year), note
    return None, note + ", which spans two years"


def _ago(count_text: str, unit: str, said: str, published: PartialDate):
    count = int(count_text) if count_text.isdigit() else NUMBERS[count_text]
    if unit == "year":
        return PartialDate(published.year - count), f"{said}: counted from the publication year"
    if unit == "month":
        if not published.month:
            return _unresolved(said, published)
        return published.plus_months(-count), f"{said}: counted from the publication month"
    if published.precision != "day":
        return _unresolved(said, published)
    day = datetime.date(published.year, published.month, published.day)
    resolved = day - datetime.timedelta(days=count * (7 if unit == "week" else 1))
    if unit == "week":
        return PartialDate(resolved.year, resolved.month), f"{said}: counted from the publication date"
    return PartialDate(resolved.year, resolved.month, resolved.day), f"{said}: counted from the publication date"


def _days(first: datetime.date, last: datetime.date) -> str:
    """``7–13 January 2019``, ``28 January – 3 February 2019``, ``31 December 2018 – 6 January
    2019``: the site's one way of writing days."""
    end = PartialDate(last.year, last.month, last.day).display()
    if first.year != last.year:
        return f"{PartialDate(first.year, first.month, first.day).display()} – {end}"
    if first.month != last.month:
        return f"{first.day} {MONTH_NAMES[first.month - 1]} – {end}"
    return f"{first.day}–{end}"
