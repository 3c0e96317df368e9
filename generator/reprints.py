"""Find reprints: copies of one story published by several outlets, by text similarity.

Titles and page furniture differ between copies, and outlets edit lightly, so articles are
compared on their cleaned text: the set of its word 5-grams (folded for case and accents).
Two articles are copies when most of the smaller one's 5-grams are in the larger one
(containment), which tolerates cuts, additions and small edits, while two reports of the
same event in different words share few 5-grams.

For scale, articles are not compared pairwise: each gets a bottom-k sketch (its k smallest
5-gram hashes), and only articles sharing several sketch values are compared exactly.
Shingles are kept as arrays of 4-byte hashes (not sets) so that memory stays small.
A story is a connected group of copies; its id is the id of its earliest copy.
"""

from __future__ import annotations

import zlib
from array import array
from collections import Counter, defaultdict
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


def shingles(text: str) -> array:
    """Stable hashes of the word 5-grams of ``text`` (the whole text when shorter), sorted and
    without repeats, 4 bytes each."""
    words = [fold_token(m.group()) for m in TOKEN.finditer(text)]
    if len(words) < SHINGLE:
        values = {zlib.crc32(" ".join(words).encode())} if words else set()
    else:
        values = {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}
    return array("I", sorted(values))


def find_stories(texts: Mapping[str, str], order: list[str]) -> Mapping[str, str]:
    """The story id of every article; ``order`` lists article ids earliest first.

    Articles are taken in order, each compared only with the earlier articles that share
    at least ``MIN_SHARED`` of its sketch values, so memory holds the shingles and the
    postings, never the pairs.
    """
    parent = {article: article for article in order}
    rank = {article: index for index, article in enumerate(order)}

    def root(article: str) -> str:
        while parent[article] != article:
            parent[article] = parent[parent[article]]
            article = parent[article]
        return article

    sets = {article: shingles(texts[article]) for article in order}
    postings: dict[int, list[str]] = defaultdict(list)
    for article in order:
        for value in sets[article][:SKETCH]:
            postings[value].append(article)
    seen: Counter = Counter()  # how many articles of each posting were taken already
    for article in order:
        values, shared = sets[article], Counter()
        for value in values[:SKETCH]:
            holders, position = postings[value], seen[value]
            seen[value] += 1
            # A value held by very many articles pairs each with its first holder only
            # (linear), which still groups a story reprinted hundreds of times.
            shared.update(holders[:position] if len(holders) <= MAX_POSTING else holders[:min(position, 1)])
        for other in sorted(o for o, count in shared.items() if count >= MIN_SHARED):
            if _copies(values, sets[other]):
                a, b = root(other), root(article)
                if a != b:  # the earlier article stays the root, so it names the story
                    if rank[b] < rank[a]:
                        a, b = b, a
                    parent[b] = a
    return {article: root(article) for article in order}


def _copies(first: array, second: array) -> bool:
    smaller, larger = (first, second) if len(first) <= len(second) else (second, first)
    return bool(smaller) and len(set(smaller).intersection(larger)) >= CONTAINMENT * len(smaller)
