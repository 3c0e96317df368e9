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

import functools
import itertools
import zlib
from array import array
from collections import Counter
from typing import Mapping

from .folding import folded_tokens

SHINGLE = 5
"""Words per shingle."""
SKETCH = 48
"""Hashes kept per article."""
MIN_SHARED = 3
"""Sketch values two articles must share to be compared exactly."""
MAX_POSTING = 32
"""Above this many articles, a sketch value pairs each article with the first only. A value
that many articles hold is a common phrase, or one story's many copies (which all pair with
its first copy); pairing them all would be quadratic. On 1,000 synthetic articles, 200 made
20,387 exact comparisons and 32 made 1,050, finding the same 41 reprints."""
CONTAINMENT = 0.5
"""Share of the smaller article's shingles that must be in the larger one."""


def shingles(text: str, words: list[str] | None = None) -> array:
    """Stable hashes of the word 5-grams of ``text`` (the whole text when shorter), sorted and
    without repeats, 4 bytes each; ``words``: its folded tokens, when already known."""
    if words is None:
        words = [token for _, _, token in folded_tokens(text)]
    if len(words) < SHINGLE:
        values = {zlib.crc32(" ".join(words).encode())} if words else set()
    else:
        values = {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}
    return array("I", sorted(values))


def find_stories(shingles_of: Mapping[str, array], order: list[str]) -> dict[str, str]:
    """The story id of every article, from the ``shingles`` of each; ``order`` lists article
    ids earliest first.

    Articles are taken in order, each compared only with the earlier articles that share
    at least ``MIN_SHARED`` of its sketch values. Memory holds the sketches and the
    postings of the values several articles share, never the pairs; full shingles are read
    from ``shingles_of`` (which may keep them on disk) only for the articles compared.
    """
    parent = list(range(len(order)))  # by rank in ``order``

    def root(rank: int) -> int:
        while parent[rank] != rank:
            parent[rank] = parent[parent[rank]]
            rank = parent[rank]
        return rank

    sketches = [shingles_of[article][:SKETCH] for article in order]
    # The first holders of common values are compared again and again: keep theirs at hand.
    full = functools.lru_cache(maxsize=4096)(lambda rank: shingles_of[order[rank]])
    postings = _shared_values(sketches)
    seen: dict[int, int] = {}  # how many articles of each posting were taken already
    for rank in range(len(order)):
        earlier: list[int] = []  # the earlier holders of each shared value, together
        for value in sketches[rank]:
            holders = postings.get(value)
            if holders is None:
                continue
            position = seen.get(value, 0)
            seen[value] = position + 1
            # A value held by very many articles pairs each with its first holder only
            # (linear), which still groups a story reprinted hundreds of times.
            earlier.extend(holders[:position] if len(holders) <= MAX_POSTING else holders[:min(position, 1)])
        candidates = sorted(other for other, count in Counter(earlier).items() if count >= MIN_SHARED)
        for other in candidates:
            a, b = root(other), root(rank)
            if a != b and _copies(full(rank), full(other)):  # the earlier root names the story
                parent[max(a, b)] = min(a, b)
    return {article: order[root(rank)] for rank, article in enumerate(order)}


def _shared_values(sketches: list[array]) -> dict[int, array]:
    """The ranks of the articles holding each sketch value that several articles hold,
    ascending. Found by sorting (value, rank) pairs packed in 8 bytes, so the values
    held once (nearly all) never get a posting; a 256th of them at a time (by the value's
    top byte), so the sort's Python integers stay few."""
    buckets = [array("Q") for _ in range(256)]
    for rank, sketch in enumerate(sketches):
        for value in sketch:
            buckets[value >> 24].append((value << 32) | rank)
    postings: dict[int, array] = {}
    for bucket in buckets:
        for value, group in itertools.groupby(sorted(bucket), key=lambda item: item >> 32):
            ranks = array("I", (item & 0xFFFFFFFF for item in group))
            if len(ranks) > 1:
                postings[value] = ranks
        del bucket[:]
    return postings


def containment(first: array, second: array) -> float:
    """The share of the smaller text's shingles that are in the other (0 when one is empty)."""
    smaller, larger = (first, second) if len(first) <= len(second) else (second, first)
    return len(set(smaller).intersection(larger)) / len(smaller) if smaller else 0.0


def _copies(first: array, second: array) -> bool:
    return containment(first, second) >= CONTAINMENT
