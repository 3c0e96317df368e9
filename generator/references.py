"""References by description: meetings the text describes ("the first round of talks", "a
meeting with his Japanese counterpart"), the person a pronoun stands for, and the dates
the registry gives to what a sentence names ("at the talks", "on the second day of the
summit", "after the signing of the treaty") or counts from ("a month after the talks").

A description links to a meeting only on evidence, never on the words alone:

- its **date** agrees: a date the sentence gives overlaps the meeting's days; or, in a
  sentence without a date, the meeting was held in the three days up to the article's
  publication (news reports what has just happened) and nothing in the description
  points elsewhere ("the next summit", "a new meeting"); a time before the description
  ("a month after the talks") moves that date, at the precision of its unit (a month);
- **and** the sentence names one of its participants or a word of its place;
- **and** nothing contradicts it: a capitalised word in the description that is not a
  country, a participant or a word of the meeting's name ("the ASEAN summit" names
  another event; "the G20 summit" may be the G20 Osaka summit), or "in <Place>" after it
  that is not the meeting's place;
- exactly one meeting of the registry passes; of several, the one whose participants the
  sentence names, when the others pass on their place alone.

A later definite description ("the talks") of the only meeting the article has referred
to so far is that meeting, unless its date or words point elsewhere; without a date, only
when the meeting was held at most a month before publication, or later (an older meeting
named as background is not what the day's "talks" are). A pronoun subject
("he said") names the person of the nearest earlier sentence that names exactly one
person; otherwise nobody. Every resolution keeps its reason, shown to readers.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re
from dataclasses import replace

from .cleaning import CleanText
from .dates import PartialDate
from .events import Event, after, count_from
from .facts import DatedEntity, Facts, MeetingFacts, first_day, last_day
from .folding import fold_token, folded_tokens
from .mentions import Mention
from .sentences import split_sentences
from .sources import Article
from .words import COUNTRIES, DEMONYMS, EVENT_HEADS, FUNCTION_WORDS, ORDINALS, OTHER_EVENT

RECENT_DAYS = 3
"""A sentence without a date may describe a meeting held this many days before publication."""
BACKGROUND_DAYS = 31
"""A sentence without a date refers back ("the talks") only to a meeting held at most this many
days before publication, or later: an older one, named as background, is not what the talks
of the day's news are."""

_WORD = re.compile(r"[\w’'-]*\w")
_DETERMINERS = frozenset("the a an this that these those their his her its our".split())
_DEFINITE = frozenset("the this that these those their".split())
_HOLD = frozenset("held hold holds holding had have has began begin begins opened concluded wrapped".split())
_PERSONAL_DAYS = re.compile(r"(?:today|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s")
_IN_PLACE = re.compile(r"\s+(?:in|at)\s+([A-Z][^\W_]*)")
"""A place after a description: its first word, as a meeting's place is split into words."""
_CUE = re.compile(r"\b(?:at|after|following|before|during|since|until|till|ahead of|on the sidelines of|"
                  r"on the eve of|in the run-up to)\s+(?:the\s+)?$", re.I)
_COUNTED = re.compile(r"\b(?P<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                      r"(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>after|before)\s+(?:the\s+)?"
                      r"(?:(?P<signing>signing|conclusion|signature)\s+of\s+(?:the\s+)?)?$", re.I)
"""A time counted from what follows: "a month after [the first round of talks]", "a year
after the signing of [the treaty]"."""
_SIGNING = re.compile(r"\b(?:the\s+)?(?:signing|conclusion|signature)\s+of\s+(?:the\s+)?$", re.I)
_DAY_OF = re.compile(r"\b(?:on\s+)?the\s+(?P<which>first|second|third|fourth|fifth|final|last|opening|closing)\s+"
                     r"day\s+of\s+(?:the\s+)?$", re.I)
_HEADS = re.compile(r"(?<![\w’'-])(?:" + "|".join(EVENT_HEADS) + r")(?![\w’'-]*\w)", re.I)
"""A head noun that is a whole word of :data:`_WORD` ("peace-talks" is not "talks")."""
_HEAD_WORDS = re.compile("|".join(EVENT_HEADS))
"""Finds a head in a lower-cased sentence, within words too: a faster first test."""
_OF = re.compile(r"\s+of\s")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_PROCESS = re.compile(r"\b(?:continue|continued|continuing|resume|resumed|resuming|speed up|accelerate|"
                      r"intensify|step up|advance|revive|suspend|suspended|break off|broke off|"
                      r"withdraw from|withdrew from)\s+$", re.I)
"""Verbs before a description that make it the process of negotiating, not one meeting."""
_HOST = re.compile(r"\bsidelines\s+of\s+$", re.I)
"""Before a description of the event that hosted the meeting, not the meeting."""
_FAMILIES = {"talks": {"talks", "meeting", "visit", "summit"}, "meeting": {"talks", "meeting", "summit", "visit"},
             "summit": {"summit", "meeting", "talks"}, "visit": {"visit", "talks", "meeting", "summit"},
             "conference": {"conference"}}
"""The families of meeting names (the head noun of the registry name) a description of each
family can refer to: a visit is made of talks, a forum is not a bilateral meeting."""


def find_references(article: Article, clean: CleanText, mentions: tuple[Mention, ...],
                    events: tuple[Event, ...], facts: Facts, tokens: list[tuple[int, int, str]] | None = None
                    ) -> tuple[tuple[Mention, ...], tuple[Event, ...]]:
    """The mentions with the descriptions of meetings added, and the events with the dates
    and subjects these references give (each in text order); ``tokens``: the cleaned
    text's :func:`~generator.folding.folded_tokens`, when already known."""
    published = article.published
    text = clean.text  # made anew at each use: once here, or a long article takes quadratic time
    if tokens is None:
        tokens = folded_tokens(text)
    token_starts = [token[0] for token in tokens]
    sentences = _sentences(clean, mentions)
    dates_of: dict[tuple[int, str], list[PartialDate]] = {}
    for event in events:
        dates_of.setdefault((event.paragraph, event.sentence), []).append(event.date)
    by_id = facts.meeting
    found: list[Mention] = []
    referred: list[str] = [m.entity for m in mentions if m.entity in by_id][:1]
    for index, start, sentence, inside in sentences:
        for m in inside:
            if m.entity in by_id and m.entity not in referred:
                referred.append(m.entity)
        if not by_id or not _HEAD_WORDS.search(sentence.lower()):  # a cheap test: most sentences have no head
            continue
        capitalised = tokens[bisect.bisect_left(token_starts, start):
                             bisect.bisect_left(token_starts, start + len(sentence))]
        words, people, candidates = _evidence(text, capitalised, inside, facts)
        if not candidates and len(referred) != 1:
            continue  # no meeting to match and none to refer back to
        dates = dates_of.get((index, sentence), [])
        for phrase_start, phrase_end, family, other, named in _descriptions(sentence, start, inside, candidates):
            counted = _counted_before(sentence, phrase_start - start)
            meeting, how = _meeting(sentence, phrase_end - start, family, other, named, counted, dates, words,
                                    people, candidates, published, by_id, referred)
            if meeting is not None:
                found.append(Mention(meeting, phrase_start, phrase_end, text[phrase_start:phrase_end], how))
                if meeting not in referred:
                    referred.append(meeting)
    if not found:
        return mentions, _dated(article, sentences, events, facts)
    merged = tuple(sorted((*mentions, *found), key=lambda m: m.start))
    return merged, _dated(article, _sentences(clean, merged), events, facts)


def _sentences(clean: CleanText, mentions: tuple[Mention, ...]):
    """``(paragraph index, offset in clean.text, sentence, its mentions)`` of every sentence,
    in one pass over the mentions (which are in text order)."""
    result = []
    position = 0
    for index, (paragraph, offset) in enumerate(zip(clean.paragraphs, clean.paragraph_starts())):
        for start, end in split_sentences(paragraph):
            while position < len(mentions) and mentions[position].start < offset + start:
                position += 1
            first = position
            while position < len(mentions) and mentions[position].start < offset + end:
                position += 1
            result.append((index, offset + start, paragraph[start:end], mentions[first:position]))
    return result


def _descriptions(sentence: str, offset: int, mentions: list[Mention], candidates: list[MeetingFacts]):
    """``(start, end, family, points elsewhere, name words)`` of each description of an event
    in the sentence (offsets in the text), whose words are all modifiers a description can
    have: a capitalised one only when it names a country or a person, or is a word of the
    name of one of the ``candidates`` ("the G20 summit"; then the meeting must have it)."""
    covered = [(m.start - offset, m.end - offset, m.entity) for m in mentions]
    for match in _HEADS.finditer(sentence):
        h_start, h_end, head = match.start(), match.end(), match.group()
        family = EVENT_HEADS[head.lower()]
        words = _words_before(sentence, h_start)
        if head[0].isupper() and words:
            continue
        if head.lower() == "round" and _OF.match(sentence, h_end):
            continue  # "the first round of talks": the talks are the head
        if any(s <= h_start < e for s, e, _ in covered):
            continue  # part of a name ("Yalta Conference")
        other, first, named = False, None, []
        i = len(words) - 1
        while i >= 0 and len(words) - i <= 6:
            start, word = words[i]
            lower = word.lower()
            if lower in _DETERMINERS or _PERSONAL_DAYS.fullmatch(lower) or (
                    lower in _HOLD and family == "talks"):
                first = start if lower not in _HOLD else (words[i + 1][0] if i + 1 < len(words) else h_start)
                break
            if lower == "of" and i > 0 and words[i - 1][1].lower() in ("round", "rounds", "day", "days"):
                i -= 2
                continue
            if lower in OTHER_EVENT:
                other = True
            elif lower in ORDINALS:
                pass
            elif lower in FUNCTION_WORDS:
                break
            elif word[0].isupper() and not _country_word(lower) and not any(
                    s <= start < e for s, e, _ in covered):
                if not any(fold_token(word) in m.name_words for m in candidates):
                    break  # a name of another event ("the ASEAN summit")
                named.append(fold_token(word))
            i -= 1
        if first is None or _PROCESS.search(sentence, 0, first) or _HOST.search(sentence, 0, first):
            continue
        if any(first <= s < h_end and not s <= h_start < e for s, e, _ in covered if s >= first):
            first = h_start  # a name inside: the head alone is the description
        yield offset + first, offset + h_end, family, other, tuple(named)


def _words_before(sentence: str, end: int, count: int = 8) -> list[tuple[int, str]]:
    """``(start, word)`` of the last ``count`` words (at least) before ``end``; only the
    end of the sentence is read when it holds them (a word never spans a space)."""
    start = sentence.rfind(" ", 0, max(0, end - 12 * count)) + 1
    words = [(m.start(), m.group()) for m in _WORD.finditer(sentence, start, end)]
    if len(words) < count and start > 0:
        words = [(m.start(), m.group()) for m in _WORD.finditer(sentence, 0, end)]
    return words


def _country_word(lower: str) -> bool:
    lower = lower.removesuffix("'s").removesuffix("’s")
    return lower in DEMONYMS or lower in COUNTRIES or all(
        part in DEMONYMS or part in COUNTRIES for part in lower.split("-"))


def _evidence(text: str, tokens: list[tuple[int, int, str]], mentions: list[Mention],
              facts: Facts) -> tuple[set[str], set[str], list[MeetingFacts]]:
    """The folded capitalised words of a sentence (of its folded ``tokens`` in ``text``, split
    as a meeting's place is: "Yuzhno-Sakhalinsk" is two), the people it names, and the
    meetings it gives evidence of (one of their participants, or a word of their place), in
    the registry's order."""
    words = {folded for start, _, folded in tokens if text[start].isupper()}
    people = {m.entity for m in mentions if m.entity in facts.people}
    positions = {position for key in (*people, *(f"place:{word}" for word in words))
                 for position in facts.meetings_with.get(key, ())}
    return words, people, [facts.meetings[position] for position in sorted(positions)]


def _meeting(sentence: str, end: int, family: str, other: bool, named: tuple[str, ...], counted: re.Match | None,
             dates: list, words: set[str], people: set[str], candidates: list[MeetingFacts], published: PartialDate,
             by_id: dict, referred: list[str]):
    """(meeting id, how) the description at ``end`` of ``sentence`` refers to, or (None, None);
    ``named``: the words of a meeting's name it has; ``counted``: the time before it ("a
    month after"), which moves the sentence's dates back or forward to the meeting's, at
    the precision of its unit; ``words``, ``people`` and ``candidates``: the sentence's
    :func:`_evidence`. Of several meetings that agree, the one whose participants the
    sentence names, when the others agree by their place alone."""
    place = _IN_PLACE.match(sentence, end)
    place_word = fold_token(place.group(1)) if place else None
    if counted is not None:
        dates = [count_from({**counted.groupdict(), "dir": "before" if counted["dir"].lower() == "after" else "after"},
                            "", date)[0] for date in (dates or [published])]
    # (first day, last day, a year alone) of each date the sentence gives, or of the last days
    windows = [(first_day(d), last_day(d), not d.month) for d in dates if d is not None]
    known = bool(windows)
    if not known and not other and published.precision == "day":
        day = published.start()
        windows = [(day - datetime.timedelta(days=RECENT_DAYS), day, False)]

    def dated(meeting: MeetingFacts) -> bool:
        # a year alone is evidence only with the place ("in 2018, at the talks in Singapore")
        return any(first <= meeting.last and meeting.first <= last and (
            not year_only or words.intersection(meeting.places)) for first, last, year_only in windows)

    def fits(meeting: MeetingFacts) -> bool:
        return (place_word is None or place_word in meeting.places) and all(
            word in meeting.name_words for word in named)

    if not windows and len(referred) != 1:
        return None, None
    matching = [m for m in candidates if dated(m) and fits(m) and family in _FAMILIES.get(_family(m), ())]
    if len(matching) > 1:
        with_people = [m for m in matching if people.intersection(m.participants)]
        matching = with_people if len(with_people) == 1 else matching
    if len(matching) == 1:
        return matching[0].id, "description"
    if matching or other or len(referred) != 1 or sentence[:end].split()[-2:][0].lower() not in _DEFINITE:
        return None, None
    meeting = by_id[referred[0]]
    if known and not dated(meeting) or not fits(meeting) or family not in _FAMILIES.get(_family(meeting), ()):
        return None, None
    if not known and meeting.last < published.start() - datetime.timedelta(days=BACKGROUND_DAYS):
        return None, None
    return meeting.id, "coreference"


def _family(meeting: MeetingFacts) -> str:
    """The family of the head noun of a meeting's name ("talks" for "Lavrov–Kono talks")."""
    return _name_family(meeting.name)


@functools.lru_cache(maxsize=4096)
def _name_family(name: str) -> str:
    for word in reversed(_WORD.findall(name)):
        if word.lower() in EVENT_HEADS:
            return EVENT_HEADS[word.lower()]
    return "meeting"


def _dated(article: Article, sentences, events: tuple[Event, ...], facts: Facts) -> tuple[Event, ...]:
    """The events, with the entities of the new mentions and the subject of a pronoun, and
    the statements dated by what they name."""
    result = []
    queue = list(reversed(events))  # in text order, sentence by sentence: taken from the end
    last_people: tuple[str, ...] = ()
    for index, start, sentence, inside in sentences:
        own = []
        while queue and queue[-1].paragraph == index and queue[-1].sentence == sentence and (
                not own or queue[-1].span[0] > own[-1].span[0]):  # a repeated sentence has its own
            own.append(queue.pop())
        if not own and not inside:
            continue  # nothing dated, nobody named
        entities = tuple(dict.fromkeys(m.entity for m in inside))
        if inside:  # "at the talks", "a month after the talks": dated by the registry
            own = sorted((*own, *_registry_dated(article, index, start, sentence, inside, facts, entities,
                                                 counted_only=bool(own))), key=lambda e: e.span[0])
        subject, at = _subject(sentence, start, inside, facts, last_people) if own else (None, 0)
        for event in own:
            # the pronoun is the subject of the statement when no name stands between them
            low, high = sorted((at, event.span[0]))
            who = subject if subject and not any(
                m.entity in facts.people and low <= m.start - start < high for m in inside) else None
            result.append(event if event.entities == entities and event.subject == who
                          else replace(event, entities=entities, subject=who))
        named = tuple(dict.fromkeys(m.entity for m in inside if m.entity in facts.people))
        if named:
            last_people = named
    return tuple(result)


def _subject(sentence: str, start: int, mentions: list[Mention], facts: Facts,
             last_people: tuple[str, ...]) -> tuple[str | None, int]:
    """The person a pronoun subject stands for ("he noted"): the one person the sentence
    names before it, or else the one person of the nearest earlier sentence that names
    people; None when these name several. With the pronoun's offset in the sentence."""
    pronoun = _PRONOUN.search(sentence)
    if pronoun is None:
        return None, 0
    before = tuple(dict.fromkeys(m.entity for m in mentions
                                 if m.entity in facts.people and m.start - start < pronoun.start()))
    candidates = before or last_people
    return (candidates[0] if len(candidates) == 1 else None), pronoun.start()


def _registry_dated(article: Article, index: int, start: int, sentence: str, mentions: list[Mention],
                    facts: Facts, entities: tuple[str, ...], counted_only: bool) -> list[Event]:
    """Statements dated by what they name: "a month after the first round of talks" (each
    such), and, in a sentence that gives no date of its own (not ``counted_only``), the first
    of "at the talks", "on the second day of the summit", "after the signing of the treaty"."""
    events = []
    for mention in mentions:
        dated = facts.dated.get(mention.entity)
        if dated is None:
            continue
        cue = _counted_before(sentence, mention.start - start)
        if cue is not None and (cue["signing"] is not None) == (dated.what == "signed"):
            expression = sentence[cue.start():mention.end - start]
            date, note = count_from(cue.groupdict(), f"“{expression}”", _counted_from(dated, facts, mention.entity, cue),
                                    f"the date of {facts.names[mention.entity]} in the site's records")
        elif counted_only or events:
            continue
        else:
            before = sentence[:mention.start - start]
            day_of = _DAY_OF.search(before)
            cue = day_of or (_SIGNING.search(before) if dated.what == "signed" else _CUE.search(before))
            if cue is None:
                continue
            expression = sentence[cue.start():mention.end - start]
            date, note = _date_of(dated, facts, mention.entity, day_of)
            note = f"“{expression}”: {note}"
        if date is None:
            continue
        events.append(Event(date, after(date, article.published), article.id, index, sentence, expression,
                            (cue.start(), mention.end - start), entities, note))
    return events


def _counted_before(sentence: str, end: int) -> re.Match | None:
    """:data:`_COUNTED` ending at ``end`` of ``sentence`` (looked for in the words just before)."""
    start = max(0, end - 80)
    tail = sentence[start:end].lower()
    return _COUNTED.search(sentence, start, end) if "after" in tail or "before" in tail else None


def _counted_from(dated: DatedEntity, facts: Facts, entity: str, counted: re.Match) -> PartialDate:
    """The date a time is counted from: the last day of a meeting for "after", its first for
    "before" (its date as recorded, when not known to the day)."""
    meeting = facts.meeting.get(entity)
    if meeting is None or not meeting.to_the_day:
        return dated.date
    day = meeting.last if counted["dir"].lower() == "after" else meeting.first
    return PartialDate(day.year, day.month, day.day)


def _date_of(dated: DatedEntity, facts: Facts, entity: str, day_of: re.Match | None):
    """(date, reason) of what an entity names, or of one day of a meeting."""
    name = facts.names[entity]
    meeting = facts.meeting.get(entity)
    if day_of is None:
        if meeting and meeting.first != meeting.last:
            if (meeting.first.year, meeting.first.month) != (meeting.last.year, meeting.last.month):
                return PartialDate(meeting.first.year), f"the year of {name}, in the site's records"
            return (PartialDate(meeting.first.year, meeting.first.month),
                    f"the month of {name}, in the site's records")
        return dated.date, f"the date of {name} ({dated.what} {dated.date.display()}), in the site's records"
    if meeting is None:
        return None, None
    which = day_of.group("which").lower()
    if which in ("final", "last", "closing"):
        day = meeting.last
    else:
        day = meeting.first + datetime.timedelta(days=ORDINALS.get(which, 1) - 1)
        if day > meeting.last:
            return None, None
    return PartialDate(day.year, day.month, day.day), f"the {which} day of {name}, in the site's records"
