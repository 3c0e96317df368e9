"""The find stage: per article, clean the text, find mentions, dated statements and name
conflicts, and hash the text for reprint detection (pure functions of one article and the
alias index).

Being pure, the work can be spread over processes (``--jobs``) and its results kept
between runs (:mod:`generator.cache`), both without changing a byte of the output.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from array import array
from dataclasses import dataclass
from typing import Iterator, Sequence

from .cache import Cache, code_digest, digest_of

from .cleaning import CleanText, clean_article
from .contradictions import NameConflict, find_name_conflicts
from .events import Event, find_events
from .mentions import AliasIndex, Mention, by_paragraph, find_mentions
from .reprints import shingles
from .sources import Article


@dataclass(frozen=True)
class Finding:
    """What the find stage found in one article."""

    article: Article
    clean: CleanText
    mentions: tuple[Mention, ...]
    """Mentions in ``clean.text``, in text order."""
    events: tuple[Event, ...]
    """Dated statements, in text order."""
    conflicts: tuple[NameConflict, ...]
    """Places where the article gives an entity another entity's name."""
    shingles: array
    """Hashes of the cleaned text's word 5-grams (:func:`generator.reprints.shingles`)."""

    def by_paragraph(self):
        """``(index, paragraph, offset in clean.text, its mentions)`` for each paragraph."""
        return by_paragraph(self.clean.paragraphs, self.clean.paragraph_starts(), self.mentions)


def find_in_article(article: Article, index: AliasIndex) -> Finding:
    """Clean ``article``; find its mentions, dated statements and name conflicts."""
    clean = clean_article(article.body, article.title, article.language)
    mentions = find_mentions(clean.text, index)
    return Finding(article, clean, mentions, find_events(article, clean, mentions),
                   find_name_conflicts(article.id, clean, mentions), shingles(clean.text))


def find_in_articles(articles: Sequence[Article], index: AliasIndex, jobs: int = 1,
                     cache: Cache | None = None) -> Iterator[Finding]:
    """``find_in_article`` for each article, in order, as they come: read back from
    ``cache`` where it holds them, the others found over ``jobs`` processes."""
    def find(positions: Sequence[int]) -> Iterator[Finding]:
        return _find_all([articles[i] for i in positions], index, jobs)

    if cache is None:
        return find(range(len(articles)))
    common = digest_of(code_digest(), pickle.dumps((index.keys, sorted(index.prefixes))))
    keys = [digest_of(common, pickle.dumps(article)) for article in articles]
    return cache.findings(keys, find)


BATCH = 64
"""Articles per batch sent to a worker process."""
_worker_index: AliasIndex | None = None


def _find_all(articles: list[Article], index: AliasIndex, jobs: int) -> Iterator[Finding]:
    global _worker_index
    if jobs <= 1 or len(articles) < 2 * jobs:
        yield from (find_in_article(article, index) for article in articles)
        return
    # Workers are forked after the index is set, so they share it instead of each
    # receiving a copy. Batches go out a few at a time, so that findings the caller has
    # not taken yet do not pile up in memory; they come back in the order of ``articles``.
    _worker_index = index
    size = max(1, min(BATCH, len(articles) // (jobs * 4)))
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            pending: deque = deque()
            for start in range(0, len(articles), size):
                pending.append(pool.submit(_find_batch, articles[start:start + size]))
                if len(pending) > 2 * jobs:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _worker_index = None


def _find_batch(articles: list[Article]) -> list[Finding]:
    return [find_in_article(article, _worker_index) for article in articles]


