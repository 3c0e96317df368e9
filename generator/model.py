"""The link stage: the whole cross-linked model of the site, built once.

Derived relations (backlinks, co-mentions, reverse relations) live here, not on the
articles or entities they relate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from .citations import Citation, VerifiedDisagreement, verify_citations
from .contradictions import NameConflict
from .dates import PartialDate
from .events import Event
from .findings import Finding
from .handwritten import HandwrittenPage
from .mentions import AliasIndex
from .notes import Note
from .registry import KINDS, RELATED, Registry
from .reprints import find_stories
from .sentences import split_sentences
from .sources import Article


@dataclass(frozen=True)
class Passage:
    """A sentence of an article that mentions an entity."""

    article: str
    """Id of the article."""
    paragraph: int
    """Index of the paragraph in the cleaned text."""
    sentence: str
    """The sentence, as in the cleaned text."""
    highlights: tuple[tuple[int, int], ...]
    """Offsets, within the sentence, of the entity's mentions."""


@dataclass(frozen=True)
class Relation:
    """Entities related to one entity in one way (from the registry)."""

    label: str
    """``Part of``, ``Includes``, ``Participants``, ``Meetings``, ``Related``."""
    entities: tuple[str, ...]


@dataclass(frozen=True)
class SiteModel:
    """Everything the pages show, finished."""

    registry: Registry
    articles: tuple[Article, ...]
    """All articles, newest first."""
    findings: Mapping[str, Finding]
    """By article id."""
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
    comentions: Mapping[str, tuple[tuple[str, int], ...]]
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
    """Every name an article gives to an entity that the registry holds for another, by article."""
    conflicts_about: Mapping[str, tuple[NameConflict, ...]]
    """By entity id: the name conflicts it is part of (as the entity named or the name's owner)."""
    conflicts_in: Mapping[str, tuple[NameConflict, ...]]
    """By article id."""
    events: tuple[Event, ...]
    """Every dated statement, oldest date first; those without a resolved date last."""
    events_of: Mapping[str, tuple[Event, ...]]
    """By entity id: the dated statements whose sentence mentions it, oldest first."""
    events_on: Mapping[PartialDate, tuple[Event, ...]]
    """By day: the dated statements resolved to that day."""

    def article(self, article_id: str) -> Article:
        return self.findings[article_id].article


def newest_first(article: Article) -> tuple:
    published = article.published
    return (-published.year, -published.month, -published.day, article.id)


def build_model(registry: Registry, findings: tuple[Finding, ...],
                notes: Mapping[str, Note] | None = None, handwritten: tuple[HandwrittenPage, ...] = (),
                aliases: AliasIndex | None = None) -> SiteModel:
    """Link the findings of every article to the registry."""
    by_id = {f.article.id: f for f in findings}
    evidence = verify_citations(registry, by_id)
    citations = evidence.citations
    articles = tuple(sorted((f.article for f in findings), key=newest_first))

    passages: dict[str, list[Passage]] = defaultdict(list)
    sources_of: dict[str, list[str]] = defaultdict(list)
    entities_in: dict[str, tuple[tuple[str, int], ...]] = {}
    pair_counts: Counter = Counter()
    for article in articles:
        finding = by_id[article.id]
        counts = Counter(m.entity for m in finding.mentions)
        entities_in[article.id] = tuple((e, counts[e]) for e in dict.fromkeys(m.entity for m in finding.mentions))
        for entity in counts:
            sources_of[entity].append(article.id)
        ordered = sorted(counts)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                pair_counts[(first, second)] += 1
        for entity, passage in _passages(finding):
            passages[entity].append(passage)

    conflicts = tuple(c for article in articles for c in by_id[article.id].conflicts)
    events = tuple(sorted((e for f in findings for e in f.events),
                          key=lambda e: chronological(e, by_id[e.article].article.published)))
    order = [a.id for a in sorted(articles, key=lambda a: (a.published, a.id))]  # earliest first
    story_of = find_stories({a: by_id[a].clean.text for a in order}, order)
    stories = _index(order, lambda a: (story_of[a],))

    comentions: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (first, second), count in pair_counts.items():
        comentions[first].append((second, count))
        comentions[second].append((first, count))
    names = {e.id: e.name.casefold() for e in registry.entities.values()}

    return SiteModel(
        registry=registry,
        articles=articles,
        findings=MappingProxyType(by_id),
        citations=citations,
        passages=_freeze(passages),
        sources_of=_freeze(sources_of),
        stories_of=MappingProxyType({e: len({story_of[a] for a in ids}) for e, ids in sources_of.items()}),
        story_of=MappingProxyType(story_of),
        stories=_freeze(stories),
        events_on=_freeze(_index((e for e in events if e.date and e.date.precision == "day"),
                                 lambda e: (e.date,))),
        entities_in=MappingProxyType(entities_in),
        comentions=MappingProxyType({
            entity: tuple(sorted(others, key=lambda o: (-o[1], names[o[0]], o[0])))
            for entity, others in comentions.items()
        }),
        relations=MappingProxyType(_relations(registry)),
        notes=MappingProxyType(dict(notes or {})),
        handwritten_about=_freeze(_index(handwritten, lambda page: [m.entity for m in page.mentions])),
        aliases=aliases,
        cited_by=_cited_by(citations, names),
        disagreements=evidence.disagreements,
        disagreements_about=_freeze(_index(evidence.disagreements, lambda v: v.disagreement.entities)),
        disagreements_citing=_freeze(_index(evidence.disagreements, lambda v: [c.article for c in v.statements])),
        conflicts=conflicts,
        conflicts_about=_freeze(_index(conflicts, lambda c: (c.entity, c.owner))),
        conflicts_in=_freeze(_index(conflicts, lambda c: (c.article,))),
        events=events,
        events_of=_freeze(_index(events, lambda e: e.entities)),
    )


def chronological(event: Event, published: PartialDate) -> tuple:
    """Oldest first; a month or year alone before the days in it; undated last."""
    date = event.date
    when = (0, date) if date else (1, PartialDate(0))
    return (*when, published, event.article, event.paragraph)


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


def _passages(finding: Finding):
    """(entity id, passage) for each sentence mentioning an entity, in text order."""
    for index, paragraph, offset, mentions in finding.by_paragraph():
        if not mentions:
            continue
        for s_start, s_end in split_sentences(paragraph):
            by_entity: dict[str, list[tuple[int, int]]] = {}
            for mention in mentions:
                m_start, m_end = mention.start - offset, mention.end - offset
                if s_start <= m_start < s_end:  # a mention belongs to the sentence it starts in
                    by_entity.setdefault(mention.entity, []).append(
                        (m_start - s_start, min(m_end, s_end) - s_start))
            for entity, highlights in by_entity.items():
                yield entity, Passage(finding.article.id, index, paragraph[s_start:s_end], tuple(highlights))


def _relations(registry: Registry) -> dict[str, tuple[Relation, ...]]:
    forward: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for entity in registry.entities.values():
        for field in (*KINDS[entity.kind].fields, RELATED):
            if field.type != "refs":
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
