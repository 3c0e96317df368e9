"""The link stage: the whole cross-linked model of the site, built once.

Derived relations (backlinks, co-mentions, reverse relations) live here, not on the
articles or entities they relate.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import itemgetter
from types import MappingProxyType
from typing import Collection, Iterable, Iterator, Mapping

from .citations import Citation, VerifiedDisagreement, verify_citations
from .contradictions import NameConflict
from .dates import PartialDate
from .events import Event
from .filing import Filed, Passage
from .fields import TYPES
from .findings import Finding
from .handwritten import HandwrittenPage
from .mentions import AliasIndex, Ambiguous
from .notes import Note
from .registry import KINDS, RELATED, Registry
from .reprints import find_stories
from .sources import Article
from .spill import Spill, SpilledIndex, SpilledValues


@dataclass(frozen=True)
class Relation:
    """Entities related to one entity in one way (from the registry)."""

    label: str
    """``Part of``, ``Includes``, ``Participants``, ``Meetings``, ``Related``."""
    entities: tuple[str, ...]


@dataclass(frozen=True)
class Milestone:
    """A dated event of the site's records: a treaty signed, a meeting held."""

    date: PartialDate
    entity: str
    what: str
    """The field's ``history`` word: ``signed``, ``held``."""


@dataclass(frozen=True)
class SiteModel:
    """Everything the pages show, finished."""

    registry: Registry
    articles: tuple[Article, ...]
    """All articles, newest first (without their raw text: see ``findings``)."""
    articles_by_id: Mapping[str, Article]
    findings: Mapping[str, Finding]
    """By article id (read back from disk)."""
    citations: Mapping[tuple[str, int], Citation]
    """By (entity id, statement index)."""
    passages: Mapping[str, tuple[Passage, ...]]
    """By entity id: every sentence that mentions it, newest article first, in text order."""
    sources_of: Mapping[str, tuple[str, ...]]
    """By entity id: the ids of the articles that mention it, newest first."""
    stories_of: Mapping[str, int]
    """By entity id: how many independent stories mention it (reprints count once)."""
    story_of: Mapping[str, str]
    """By article id: the story it is a copy of (the id of the story's earliest copy)."""
    stories: Mapping[str, tuple[str, ...]]
    """By story id: its copies, earliest first (one article for most stories)."""
    entities_in: Mapping[str, tuple[tuple[str, int], ...]]
    """By article id: (entity id, number of mentions), in order of first mention."""
    comentions: Comentions
    """By entity id: (other entity id, number of articles mentioning both), most first."""
    relations: Mapping[str, tuple[Relation, ...]]
    """By entity id: registry relations, both directions."""
    notes: Mapping[str, Note]
    """By entity id: the contributed note placed on its page."""
    handwritten_about: Mapping[str, tuple[HandwrittenPage, ...]]
    """By entity id: the hand-written pages in docs/ that mention it, by path."""
    aliases: AliasIndex | None
    """The alias index the mentions were found with (for linking hand-written pages)."""
    cited_by: Mapping[str, tuple[str, ...]]
    """By article id: the entities whose summaries cite the article, ordered by name."""
    disagreements: tuple[VerifiedDisagreement, ...]
    """Every recorded disagreement, verified, in registry order."""
    disagreements_about: Mapping[str, tuple[VerifiedDisagreement, ...]]
    """By entity id: the disagreements that involve it."""
    disagreements_citing: Mapping[str, tuple[VerifiedDisagreement, ...]]
    """By article id: the disagreements that quote it."""
    conflicts: tuple[NameConflict, ...]
    ambiguous: tuple[tuple[str, Ambiguous], ...]
    """(article id, name) of each name several people share that its article's date does not
    tell apart, newest article first."""
    """Every name an article gives to an entity that the registry holds for another, by article."""
    conflicts_about: Mapping[str, tuple[NameConflict, ...]]
    """By entity id: the name conflicts it is part of (as the entity named or the name's owner)."""
    conflicts_in: Mapping[str, tuple[NameConflict, ...]]
    """By article id."""
    events: Timeline
    """Every dated statement, oldest date first; those without a resolved date last."""
    events_of: Mapping[str, tuple[Event, ...]]
    """By entity id: the dated statements whose sentence mentions it, oldest first."""
    history: Mapping[int, tuple[Milestone, ...]]
    """By year: the dated events of the registry (fields with a ``history`` word), oldest
    first, so that the timeline reads from the earliest treaty on."""
    events_of_meeting: Mapping[str, tuple[Event, ...]]
    """By meeting id: the dated statements resolved to one of its days that name it or one
    of its participants (:func:`~generator.filing.meetings_dating`), oldest first."""

    def article(self, article_id: str) -> Article:
        return self.articles_by_id[article_id]


def newest_first(article: Article) -> tuple:
    published = article.published
    return (-published.year, -published.month, -published.day, article.id)


def build_model(registry: Registry, filed: Iterable[Filed],
                notes: Mapping[str, Note] | None = None, handwritten: tuple[HandwrittenPage, ...] = (),
                aliases: AliasIndex | None = None, unreadable: Collection[str] = ()) -> SiteModel:
    """Link the filed findings of every article (:mod:`generator.filing`) to the registry.

    The articles are taken one at a time, as they come. Their chunks (findings, passages,
    dated statements) go to a :class:`Spill` on disk, so that memory holds only the indexes
    between them. ``unreadable``: the ids of article files that could not be read (their
    citations are not reported again).
    """
    spill = Spill()
    articles_by_id: dict[str, Article] = {}
    sources_of: dict[str, list[str]] = defaultdict(list)
    entities_in: dict[str, tuple[tuple[str, int], ...]] = {}
    conflicts: list[NameConflict] = []
    ambiguous: list[tuple[str, Ambiguous]] = []
    months: Counter = Counter()
    for one in filed:
        article = one.article
        articles_by_id[article.id] = article
        spill.add_pickled(one.chunks)
        entities_in[article.id] = one.entities
        for entity, _ in one.entities:
            sources_of[entity].append(article.id)
        months.update(dict(one.months))
        conflicts.extend(one.conflicts)
        ambiguous.extend((article.id, name) for name in one.ambiguous)

    by_id = SpilledValues(spill, "finding")
    evidence = verify_citations(registry, by_id, unreadable)
    citations = evidence.citations
    articles = tuple(sorted(articles_by_id.values(), key=newest_first))
    rank = {article.id: index for index, article in enumerate(articles)}
    for ids in sources_of.values():
        ids.sort(key=rank.__getitem__)
    conflicts.sort(key=lambda c: rank[c.article])  # stable: text order within an article
    ambiguous.sort(key=lambda a: rank[a[0]])
    published = {article.id: article.published for article in articles}

    def chronological_order(event: Event) -> tuple:
        return chronological(event, published[event.article])

    order = [a.id for a in sorted(articles, key=lambda a: (a.published, a.id))]  # earliest first
    story_of = find_stories(SpilledValues(spill, "shingles"), order)
    stories = _index(order, lambda a: (story_of[a],))
    names = {e.id: e.name.casefold() for e in registry.entities.values()}
    frozen_sources = _freeze(sources_of)
    frozen_conflicts = tuple(conflicts)
    spill.flush()  # complete: pages may now be rendered in forked processes

    return SiteModel(
        registry=registry,
        articles=articles,
        articles_by_id=MappingProxyType(articles_by_id),
        findings=by_id,
        citations=citations,
        passages=SpilledIndex(spill, "passages", order=lambda p: rank[p.article], row=Passage),
        sources_of=frozen_sources,
        stories_of=MappingProxyType({e: len({story_of[a] for a in ids}) for e, ids in sources_of.items()}),
        story_of=MappingProxyType(story_of),
        stories=_freeze(stories),
        events_of_meeting=SpilledIndex(spill, "meeting", order=chronological_order),
        entities_in=MappingProxyType(entities_in),
        comentions=Comentions(frozen_sources, entities_in, names),
        relations=MappingProxyType(_relations(registry)),
        notes=MappingProxyType(dict(notes or {})),
        handwritten_about=_freeze(_index([page for page in handwritten if page.for_readers],
                                         lambda page: [m.entity for m in page.mentions])),
        aliases=aliases,
        cited_by=_cited_by(citations, names),
        disagreements=evidence.disagreements,
        disagreements_about=_freeze(_index(evidence.disagreements, lambda v: v.disagreement.entities)),
        disagreements_citing=_freeze(_index(evidence.disagreements, lambda v: [c.article for c in v.statements])),
        conflicts=frozen_conflicts,
        ambiguous=tuple(ambiguous),
        conflicts_about=_freeze(_index(frozen_conflicts, lambda c: (c.entity, c.owner))),
        conflicts_in=_freeze(_index(frozen_conflicts, lambda c: (c.article,))),
        events=Timeline(SpilledIndex(spill, "month", order=chronological_order), months),
        events_of=SpilledIndex(spill, "entity", order=chronological_order),
        history=_history(registry),
    )


def _history(registry: Registry) -> Mapping[int, tuple[Milestone, ...]]:
    milestones = sorted(
        (Milestone(entity.values[field.key], entity.id, field.history)
         for entity in registry.entities.values()
         for field in KINDS[entity.kind].fields if field.history and entity.values.get(field.key)),
        key=lambda m: (m.date.year, m.date.month, m.date.day, m.entity))
    return _freeze(_index(milestones, lambda m: (m.date.year,)))


class Timeline:
    """Every dated statement, oldest date first, those without a resolved date last; read
    a month at a time.

    A year's statements dated only to the year come before its months (month 0); those
    without a resolved date are year None, month 0.
    """

    def __init__(self, by_month: Mapping[tuple[int | None, int], tuple[Event, ...]],
                 counts: Mapping[tuple[int | None, int], int]):
        self._by_month = by_month
        ordered = sorted(counts.items(), key=lambda item: (item[0][0] is None, item[0][0] or 0, item[0][1]))
        self._months: dict[int | None, tuple[tuple[int, int], ...]] = {}
        for (year, month), count in ordered:
            self._months[year] = (*self._months.get(year, ()), (month, count))
        self.years: tuple[tuple[int | None, int], ...] = tuple(
            (year, sum(count for _, count in months)) for year, months in self._months.items())
        """(year, number of statements) for each year, in order; None for the unresolved."""

    def months(self, year: int | None) -> tuple[tuple[int, int], ...]:
        """(month, number of statements) for each month of ``year`` that has any, in order;
        month 0 holds the statements dated to the year alone."""
        return self._months.get(year, ())

    def of_month(self, year: int | None, month: int) -> tuple[Event, ...]:
        return self._by_month.get((year, month), ())

    def of_year(self, year: int | None) -> Iterator[Event]:
        for month, _ in self.months(year):
            yield from self.of_month(year, month)

    def __iter__(self) -> Iterator[Event]:
        for year, _ in self.years:
            yield from self.of_year(year)

    def __len__(self) -> int:
        return sum(count for _, count in self.years)


class Comentions(Mapping):
    """By entity id: (other entity id, number of articles mentioning both), most first, then
    by name; counted when asked, from the articles that mention the entity."""

    def __init__(self, sources_of: Mapping[str, tuple[str, ...]],
                 entities_in: Mapping[str, tuple[tuple[str, int], ...]], names: Mapping[str, str]):
        self._sources_of = sources_of
        self._ids_in = {article: tuple(map(itemgetter(0), pairs)) for article, pairs in entities_in.items()}
        # Each entity's place in name order, so that an order is one integer: heapq and sort
        # then compare in C, without a Python key call per co-mentioned entity.
        self._by_rank = sorted(names, key=lambda e: (names[e], e))
        self._rank = {entity: rank for rank, entity in enumerate(self._by_rank)}

    def __getitem__(self, entity: str) -> tuple[tuple[str, int], ...]:
        found = self._ordered(entity, None)
        if not found:
            raise KeyError(entity)
        return tuple(found)

    def most(self, entity: str, count: int) -> list[tuple[str, int]]:
        """The first ``count`` of ``self[entity]`` (none for an entity no article mentions),
        without sorting the rest."""
        return self._ordered(entity, count)

    def _ordered(self, entity: str, count: int | None) -> list[tuple[str, int]]:
        counts = Counter(itertools.chain.from_iterable(map(self._ids_in.__getitem__, self._sources_of.get(entity, ()))))
        counts.pop(entity, None)
        size, rank = len(self._by_rank), self._rank
        orders = [rank[other] - number * size for other, number in counts.items()]  # most first, then by name
        orders = heapq.nsmallest(count, orders) if count is not None else sorted(orders)
        return [(self._by_rank[order % size], -(order // size)) for order in orders]

    def __iter__(self) -> Iterator[str]:
        return (entity for entity in self._sources_of if entity in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def chronological(event: Event, published: PartialDate) -> tuple:
    """Oldest first; a month or year alone before the days in it; undated last. (Dates as
    plain numbers: comparing dataclasses costs a Python call each time.)"""
    date = event.date
    when = (0, date.year, date.month, date.day) if date else (1, 0, 0, 0)
    return (*when, published.year, published.month, published.day, event.article, event.paragraph)


def _index(items, keys_of) -> dict[str, list]:
    """Each item under each of its keys (once per key), in item order."""
    index: dict[str, list] = defaultdict(list)
    for item in items:
        for key in dict.fromkeys(keys_of(item)):
            index[key].append(item)
    return index


def _cited_by(citations: Mapping[tuple[str, int], Citation], names: Mapping[str, str]) -> Mapping[str, tuple[str, ...]]:
    citing: dict[str, set[str]] = defaultdict(set)
    for (entity, _), citation in citations.items():
        citing[citation.article].add(entity)
    return MappingProxyType({article: tuple(sorted(entities, key=lambda e: (names[e], e)))
                             for article, entities in citing.items()})


def _relations(registry: Registry) -> dict[str, tuple[Relation, ...]]:
    forward: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for entity in registry.entities.values():
        for field in (*KINDS[entity.kind].fields, RELATED):
            if not TYPES[field.type].links:
                continue
            for target in entity.values.get(field.key, ()):
                forward[entity.id][field.label].append(target)
                forward[target][field.reverse].append(entity.id)
    result = {}
    for entity, by_label in forward.items():
        result[entity] = tuple(
            Relation(label, tuple(dict.fromkeys(targets)))
            for label, targets in by_label.items()
        )
    return result


def _freeze(mapping: dict[str, list]) -> Mapping[str, tuple]:
    return MappingProxyType({key: tuple(value) for key, value in mapping.items()})
