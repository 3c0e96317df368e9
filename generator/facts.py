"""What the find stage needs to know of the registry beyond names: when people held office,
when and where meetings were held, and the dates other entities carry.

Plain, picklable values made once per run from the registry (:func:`registry_facts`): the
find stage runs in worker processes and its results are cached under a digest of these
facts with the alias index, so an edit to a meeting's date or a person's offices finds
again the articles it could change.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from .dates import PartialDate
from .folding import TOKEN, alias_key, fold_token
from .words import COUNTRIES


def first_day(date: PartialDate) -> datetime.date:
    return date.start()


def last_day(date: PartialDate) -> datetime.date:
    month = date.month or 12
    return datetime.date(date.year, month, date.day or calendar.monthrange(date.year, month)[1])


@dataclass(frozen=True)
class PersonFacts:
    """When a person held office: what tells namesakes apart."""

    spans: tuple[tuple[datetime.date, datetime.date | None], ...]
    """(first day, last day or None while held) of each office whose start is recorded."""

    def first(self) -> datetime.date | None:
        """The first day of the earliest recorded office."""
        return min((start for start, _ in self.spans), default=None)

    def in_office(self, start: datetime.date, end: datetime.date) -> bool:
        """True when an office was held on some day from ``start`` to ``end``."""
        return any(s <= end and (e is None or start <= e) for s, e in self.spans)


@dataclass(frozen=True)
class MeetingFacts:
    """A meeting as a description of it can be checked against."""

    id: str
    name: str
    first: datetime.date
    last: datetime.date
    places: tuple[str, ...]
    """Folded capitalised words of its place ("singapore", "asean"), sorted."""
    participants: tuple[str, ...]
    """Ids of the people who took part, sorted (tuples, not sets: the facts are part of a
    cache key, and a set pickles in an order that changes between runs)."""
    to_the_day: bool = False
    """Both its dates are known to the day: the statements its days date are shown on its page."""
    name_words: tuple[str, ...] = ()
    """Folded capitalised words of its name ("g20", "osaka"), sorted: a description may use
    them as modifiers ("the G20 summit")."""


@dataclass(frozen=True)
class DatedEntity:
    """An entity that names something dated: a treaty's signing, a meeting."""

    date: PartialDate
    what: str
    """How the date is described to readers: "signed", "held"."""


@dataclass(frozen=True)
class Facts:
    """The registry's typed facts the find stage reads (empty: names only)."""

    people: dict[str, PersonFacts] = field(default_factory=dict)
    meetings: tuple[MeetingFacts, ...] = ()
    dated: dict[str, DatedEntity] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Every entity's name, by id (for the reasons a resolution gives)."""
    kinds: dict[str, str] = field(default_factory=dict)
    """Every entity's kind, by id."""
    contexts: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    """For each alias that links only in context ("peace treaty"), what the article must name:
    for each entry of the entity's ``context``, the folded forms of which one will do (a
    country's adjective included: "russia", "russian", "soviet union", "soviet")."""
    meeting: dict[str, MeetingFacts] = field(init=False, repr=False, compare=False)
    """The meetings by id."""
    meetings_with: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    """Positions in :attr:`meetings` of the meeting of each id, the meetings of each
    participant (by id) and of each word of a place (``place:`` and the folded word): a
    description or a statement is checked against these, not against every meeting."""

    def __post_init__(self):
        # made from the fields above, so that they are the same value for the same registry
        with_: dict[str, list[int]] = {}
        for position, meeting in enumerate(self.meetings):
            for key in dict.fromkeys((meeting.id, *meeting.participants, *(f"place:{word}" for word in meeting.places))):
                with_.setdefault(key, []).append(position)
        object.__setattr__(self, "meeting", {m.id: m for m in self.meetings})
        object.__setattr__(self, "meetings_with", {key: tuple(found) for key, found in with_.items()})


def registry_facts(registry) -> Facts:
    """The :class:`Facts` of a :class:`~generator.registry.Registry`."""
    people, meetings, dated = {}, [], {}
    for entity in registry.entities.values():
        values = entity.values
        if entity.kind == "person":
            people[entity.id] = PersonFacts(tuple(
                (first_day(office.start), last_day(office.end) if office.end else None)
                for office in values.get("offices", ()) if office.start))
        elif entity.kind == "meeting" and "date" in values:
            start = values["date"]
            end = values.get("end", start)
            place = values.get("place", "")
            meetings.append(MeetingFacts(
                entity.id, entity.name, first_day(start), last_day(end),
                _capitalised(place),
                tuple(sorted(values.get("participants", ()))),
                start.precision == "day" and end.precision == "day", _capitalised(entity.name)))
            dated[entity.id] = DatedEntity(start, "held")
        elif entity.kind == "treaty" and "signed" in values:
            dated[entity.id] = DatedEntity(values["signed"], "signed")
    entities = registry.entities.values()
    contexts = {alias: tuple(_alternatives(entry) for entry in entity.context)
                for entity in entities for alias in entity.context_aliases}
    return Facts(people, tuple(meetings), dated, {e.id: e.name for e in entities}, {e.id: e.kind for e in entities},
                 contexts)


def _alternatives(entry: str) -> tuple[str, ...]:
    """The folded forms of one entry of a ``context`` ("Russia or Soviet Union"), with the
    adjectives of the countries among them."""
    forms = [alias_key(part) for part in entry.split(" or ")]
    return tuple(dict.fromkeys(form for key in forms if key for form in (key, COUNTRIES.get(key)) if form))


def _capitalised(text: str) -> tuple[str, ...]:
    """The folded capitalised words of ``text``, sorted."""
    return tuple(sorted({fold_token(m.group()) for m in TOKEN.finditer(text) if m.group()[:1].isupper()}))
