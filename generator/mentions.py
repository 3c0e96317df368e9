"""Find mentions of registry entities in text: compute all matches, then resolve overlaps.

One pass over the tokens of the text, with a dictionary of alias keys and of their
token prefixes (a trie in a dict): the cost does not grow with the number of aliases.
Matches are whole tokens, so "Abe's" finds Abe and "Iturup Islands" finds Iturup.
Overlaps are resolved longest first, then leftmost; a phrase an entity ``exclude``s
("Sakhalin Region") wins like any match and is then dropped, so it links nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .folding import alias_key, alias_prefixes, fold_gap, folded_tokens


class Mention(NamedTuple):
    """One occurrence of an entity's alias in a text.

    A named tuple, so that the many mentions of a finding can be pickled as plain tuples and
    made again without a Python call each (:class:`~generator.findings.Finding`)."""

    entity: str
    """Id of the entity mentioned."""
    start: int
    """Offset of the first character in the text."""
    end: int
    """Offset after the last character."""
    surface: str
    """The text as it appears (``text[start:end]``)."""


@dataclass(frozen=True)
class AliasIndex:
    """Every alias key and token prefix of the registry, ready for matching."""

    keys: dict
    """Alias key -> entity id, or None for an excluded phrase."""
    prefixes: frozenset
    """Every key of a leading run of tokens of some alias (a key is its own prefix)."""


def build_alias_index(aliases: list[tuple[str, str | None]]) -> AliasIndex:
    """Index ``(alias, entity id or None)`` pairs. Collisions are checked by the registry."""
    keys: dict[str, str | None] = {}
    prefixes: set[str] = set()
    for alias, entity in aliases:
        key = alias_key(alias)
        if not key:
            continue
        if key not in keys or entity is None:
            keys[key] = entity
        prefixes.update(alias_prefixes(alias))
    return AliasIndex(keys, frozenset(prefixes))


def find_mentions(text: str, index: AliasIndex, tokens: list[tuple[int, int, str]] | None = None
                  ) -> tuple[Mention, ...]:
    """All non-overlapping mentions in ``text``, in text order; ``tokens``: its
    :func:`~generator.folding.folded_tokens`, when already known."""
    if tokens is None:
        tokens = folded_tokens(text)
    candidates = []
    for first, (start, _end, folded) in enumerate(tokens):
        key = folded
        if key not in index.prefixes:
            continue
        longest = longest_key = None
        last = first
        while True:
            if key in index.keys:
                longest, longest_key = last, key
            if last + 1 == len(tokens):
                break
            gap = fold_gap(text[tokens[last][1]:tokens[last + 1][0]])
            if gap is None:
                break
            key = key + gap + tokens[last + 1][2]
            if key not in index.prefixes:
                break
            last += 1
        if longest is not None:
            candidates.append((start, tokens[longest][1], index.keys[longest_key]))
    return _resolve(text, candidates)


def _resolve(text: str, candidates) -> tuple[Mention, ...]:
    """Keep the longest matches first, then the leftmost; drop excluded phrases."""
    taken: list[tuple[int, int, str | None]] = []
    occupied = bytearray(len(text))
    for start, end, entity in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if not any(occupied[start:end]):
            occupied[start:end] = b"\x01" * (end - start)
            taken.append((start, end, entity))
    return tuple(
        Mention(entity, start, end, text[start:end])
        for start, end, entity in sorted(taken)
        if entity is not None
    )


def by_paragraph(paragraphs, starts, mentions: tuple[Mention, ...]):
    """``(index, paragraph, offset, its mentions)`` for each paragraph of a text.

    ``starts`` are the paragraphs' offsets in the text; ``mentions`` are in text order.
    """
    position = 0
    for index, (paragraph, offset) in enumerate(zip(paragraphs, starts)):
        first = position
        while position < len(mentions) and mentions[position].start < offset + len(paragraph):
            position += 1
        yield index, paragraph, offset, mentions[first:position]
