"""The per-article half of the link stage: each article's finding, filed for the model.

The model keeps its bulk in a :class:`~generator.spill.Spill` on disk: each article's
finding, the sentences that mention each entity, the dated statements by month, entity and
day. Cutting a finding into those chunks and pickling them depends on that one article
alone, so it is done where the finding is made: over ``--jobs`` processes, and kept in the
cache. The model's own pass then only appends bytes and counts.
"""

from __future__ import annotations

import functools
import pickle
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Hashable, Iterable, Iterator, NamedTuple, Sequence

from .contradictions import NameConflict
from .events import Event
from .facts import Facts
from .findings import Finding, find_in_article
from .mentions import AliasIndex, Ambiguous
from .parallel import ordered_map
from .sentences import split_sentences
from .sources import Article


class Passage(NamedTuple):
    """A sentence of an article that mentions an entity.

    A named tuple: the passages of an entity are kept on disk as plain tuples
    (:func:`file_finding`), which pickle several times faster than objects."""

    article: str
    """Id of the article."""
    paragraph: int
    """Index of the paragraph in the cleaned text."""
    sentence: str
    """The sentence, as in the cleaned text."""
    highlights: tuple[tuple[int, int], ...]
    """Offsets, within the sentence, of the entity's mentions."""


@dataclass(frozen=True)
class Filed:
    """One article's finding, cut into spill chunks, with what the model's indexes need."""

    article: Article
    """The article, without its raw text (the cleaned text is in the finding)."""
    chunks: tuple[tuple[Hashable, bytes], ...]
    """(spill key, pickled chunk): ``("finding", article id)`` (the :class:`Finding`),
    ``("shingles", article id)``, ``("passages", entity id)`` (a tuple of
    :class:`Passage`), ``("month", (year, month))``, ``("entity", entity id)`` and
    ``("meeting", meeting id)`` (tuples of :class:`Event`: the statements
    :func:`meetings_dating` gives each)."""
    entities: tuple[tuple[str, int], ...]
    """(entity id, number of mentions), in order of first mention."""
    months: tuple[tuple[tuple[int | None, int], int], ...]
    """((year, month), number of dated statements); month 0 for the year alone, year None
    for the unresolved."""
    conflicts: tuple[NameConflict, ...]
    ambiguous: tuple[Ambiguous, ...]
    """Names the article's date does not tell apart (:func:`~generator.mentions.resolve_names`)."""
    empty: bool
    """Nothing was left of the text after cleaning."""


def file_finding(finding: Finding, facts: Facts = Facts()) -> Filed:
    """Cut one article's finding into the chunks the model keeps on disk; ``facts``: the
    registry's, which tell the meetings whose days a statement is dated on."""
    article = replace(finding.article, body="")  # the cleaned text is in the finding
    finding = replace(finding, article=article)
    chunks: dict[Hashable, list] = {}
    by_entity: dict[str, list[Passage]] = defaultdict(list)
    for entity, passage in _passages(finding):
        by_entity[entity].append(passage)
    for entity, passages in by_entity.items():
        chunks[("passages", entity)] = list(map(tuple, passages))  # read back as Passage (model.py)
    months: Counter = Counter()
    for event in finding.events:
        month = (event.date.year, event.date.month) if event.date else (None, 0)
        months[month] += 1
        chunks.setdefault(("month", month), []).append(event)
        for entity in dict.fromkeys(event.entities):
            chunks.setdefault(("entity", entity), []).append(event)
        for meeting in meetings_dating(event, facts):
            chunks.setdefault(("meeting", meeting), []).append(event)
    counts = Counter(m.entity for m in finding.mentions)
    return Filed(
        article=article,
        chunks=(_pickled(("finding", article.id), finding), _pickled(("shingles", article.id), finding.shingles),
                *(_pickled(key, tuple(values)) for key, values in chunks.items())),
        entities=tuple((e, counts[e]) for e in counts),  # a Counter keeps first-seen order
        months=tuple(months.items()),
        conflicts=finding.conflicts,
        ambiguous=finding.ambiguous,
        empty=not finding.clean.paragraphs,
    )


def meetings_dating(event: Event, facts: Facts) -> list[str]:
    """Ids of the meetings a statement is shown under, in the registry's order: dated to a
    day of a meeting whose dates are known to the day, it names the meeting or one of the
    people who took part."""
    if not event.date or event.date.precision != "day":
        return []
    day = event.date.start()
    positions = {position for entity in event.entities for position in facts.meetings_with.get(entity, ())}
    return [m.id for m in map(facts.meetings.__getitem__, sorted(positions))
            if m.to_the_day and m.first <= day <= m.last]


def _pickled(key: Hashable, value) -> tuple[Hashable, bytes]:
    return key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _passages(finding: Finding) -> Iterator[tuple[str, Passage]]:
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


def _find_and_file(article: Article, index: AliasIndex) -> Filed:
    return file_finding(find_in_article(article, index), index.facts)


def file_articles(articles: Sequence[Article], index: AliasIndex, jobs: int = 1,
                  positions: Iterable[int] | None = None) -> Iterator[Filed]:
    """Each article found (:func:`~generator.findings.find_in_article`) and filed, in order,
    as they come, over ``jobs`` processes; ``positions``: only those articles (a rerun
    finds again only the articles that changed)."""
    chosen = articles if positions is None else [articles[i] for i in positions]
    return ordered_map(functools.partial(_find_and_file, index=index), chosen, jobs)
