"""Find reprints: copies of one story published by several outlets, by text similarity.

Titles and page furniture differ between copies, and outlets edit lightly, so articles are
compared on their cleaned text: the set of its word 5-grams (folded for case and accents).
Two articles are copies when most of the smaller one's 5-grams are in the larger one
(containment), which tolerates cuts, additions and small edits, while two reports of the
same event in different words share few 5-grams.

For scale, articles are not compared pairwise: each gets a bottom-k sketch (its k smallest
5-gram hashes), and only articles sharing several sketch values are compared exactly.
A story is a connected group of copies; its id is the id of its earliest copy.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from typing import Mapping

from .folding import TOKEN, fold_token

SHINGLE = 5
"""Words per shingle."""
SKETCH = 48
"""Hashes kept per article."""
MIN_SHARED = 3
"""Sketch values two articles must share to be compared exactly."""
MAX_POSTING = 200
"""Above this many articles, a sketch value pairs each article with the first only."""
CONTAINMENT = 0.5
"""Share of the smaller article's shingles that must be in the larger one."""


def shingles(text: str) -> frozenset[int]:
    """Stable hashes of the word 5-grams of ``text`` (the whole text when shorter)."""
    words = [fold_token(m.group()) for m in TOKEN.finditer(text)]
    if len(words) < SHINGLE:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + SHINGLE]).encode())
                     for i in range(len(words) - SHINGLE + 1))


def find_stories(texts: Mapping[str, str], order: list[str]) -> Mapping[str, str]:
    """The story id of every article; ``order`` lists article ids earliest first."""
    sets = {article: shingles(texts[article]) for article in order}
    postings: dict[int, list[str]] = defaultdict(list)
    for article in order:
        for value in sorted(sets[article])[:SKETCH]:
            postings[value].append(article)

    shared: dict[tuple[str, str], int] = defaultdict(int)
    for articles in postings.values():
        if len(articles) > MAX_POSTING:
            # A value this common: compare each article with the first only (linear), which
            # still groups a story reprinted hundreds of times.
            for other in articles[1:]:
                shared[(articles[0], other)] += 1
            continue
        for i, first in enumerate(articles):
            for second in articles[i + 1:]:
                shared[(first, second)] += 1

    parent = {article: article for article in order}
    rank = {article: index for index, article in enumerate(order)}

    def root(article: str) -> str:
        while parent[article] != article:
            parent[article] = parent[parent[article]]
            article = parent[article]
        return article

    for (first, second), count in sorted(shared.items()):
        if count < MIN_SHARED or not _copies(sets[first], sets[second]):
            continue
        a, b = root(first), root(second)
        if a != b:  # the earlier article stays the root, so it names the story
            if rank[b] < rank[a]:
                a, b = b, a
            parent[b] = a
    return {article: root(article) for article in order}


def _copies(first: frozenset[int], second: frozenset[int]) -> bool:
    smaller, larger = (first, second) if len(first) <= len(second) else (second, first)
    return bool(smaller) and len(smaller & larger) >= CONTAINMENT * len(smaller)
