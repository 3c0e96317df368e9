"""Find mentions of registry entities in text: compute all matches, then resolve overlaps.

One pass over the tokens of the text, with a dictionary of alias keys and of their
token prefixes (a trie in a dict): the cost does not grow with the number of aliases.
Matches are whole tokens, so "Abe's" finds Abe and "Iturup Islands" finds Iturup.
Overlaps are resolved longest first, then leftmost; a phrase an entity ``exclude``s
("Sakhalin Region") wins like any match and is then dropped, so it links nothing.

Regular variants of aliases (:mod:`generator.variants`) match like aliases. A name some
people share, and a person's bare surname, are resolved in time (:func:`resolve_names`):
to the one person the article names in full, or whose offices fit the article's date;
otherwise nothing is linked. A place name right after a capitalised direction or size
("South", "Lesser") is part of a longer name the registry does not know, and links nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .dates import PartialDate
from .facts import Facts, first_day, last_day
from .folding import alias_key, alias_prefixes, fold_gap, folded_tokens
from .variants import alias_variants
from .words import CALENDAR, COUNTRIES, DEMONYMS, FUNCTION_WORDS, TITLES


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
    how: str = "name"
    """How it was resolved: ``name`` (a registered name or alias), ``variant`` (a regular
    variant of one), ``surname`` (a bare surname, checked against the article's full names
    and date), ``namesake`` (a name several people share, told apart by their offices),
    ``description`` (a meeting described by what the text says of it) or ``coreference``
    (a description of the meeting the article named before)."""


HOWS = ("name", "variant", "surname", "namesake", "description", "coreference")


class Ambiguous(NamedTuple):
    """A name that could be any of several people: linked to none."""

    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]


@dataclass(frozen=True)
class AliasIndex:
    """Every alias key and token prefix of the registry, ready for matching."""

    keys: dict
    """Alias key -> entity id, None for an excluded phrase, or a tuple of the ids of the
    people who share it."""
    prefixes: frozenset
    """Every key of a leading run of tokens of some alias (a key is its own prefix)."""
    variants: frozenset = frozenset()
    """The keys that are regular variants of an alias, not registered themselves."""
    surnames: frozenset = frozenset()
    """The keys that are a person's name in one word ("Abe"): resolved in time."""
    facts: Facts = field(default_factory=Facts)
    """What the registry knows of people and meetings (:mod:`generator.facts`)."""
    contexts: dict = field(default_factory=dict)
    """Key of an alias that links only in context (and of its variants) -> what the text must
    name (:attr:`~generator.facts.Facts.contexts`)."""


def build_alias_index(aliases: list[tuple[str, str | None]], facts: Facts | None = None) -> AliasIndex:
    """Index ``(alias, entity id or None)`` pairs. Collisions are checked by the registry;
    only people may share a name. With ``facts``, each alias's regular variants are
    indexed too (those no alias has and no other entity's variant shares)."""
    keys: dict[str, object] = {}
    prefixes: set[str] = set()
    surnames: set[str] = set()
    contexts: dict[str, tuple] = {}
    for alias, entity in aliases:
        key = alias_key(alias)
        if not key:
            continue
        if facts and alias in facts.contexts:
            contexts[key] = facts.contexts[alias]
        if entity is None or key not in keys:
            keys[key] = entity
        elif keys[key] is not None and entity not in _targets(keys[key]):
            keys[key] = tuple(sorted({*_targets(keys[key]), entity}))
        if facts and entity in facts.people and " " not in key and key.isalpha():
            surnames.add(key)
        prefixes.update(alias_prefixes(alias))
    variants: dict[str, object] = {}
    for alias, entity in aliases if facts else ():
        if entity is None or entity in facts.people and " " not in alias_key(alias):
            continue
        for variant in alias_variants(alias, facts.kinds.get(entity, "")):
            key = alias_key(variant)
            if key and key not in keys:
                variants[key] = entity if variants.get(key, entity) == entity else None
                prefixes.update(alias_prefixes(variant))
                if alias in facts.contexts:
                    contexts[key] = facts.contexts[alias]
    keys.update(variants)
    return AliasIndex(keys, frozenset(prefixes), frozenset(k for k, v in variants.items() if v),
                      frozenset(surnames), facts or Facts(), contexts)


def _targets(target) -> tuple[str, ...]:
    return target if isinstance(target, tuple) else (target,)


def find_mentions(text: str, index: AliasIndex, tokens: list[tuple[int, int, str]] | None = None,
                  when: PartialDate | None = None) -> tuple[Mention, ...]:
    """All non-overlapping mentions in ``text``, in text order; ``tokens``: its
    :func:`~generator.folding.folded_tokens`, when already known; ``when``: the date of
    the text, which tells namesakes apart."""
    return resolve_names(text, match_names(text, index, tokens), index, when)[0]


def match_names(text: str, index: AliasIndex, tokens: list[tuple[int, int, str]] | None = None
                ) -> list[tuple[int, int, object, str]]:
    """``(start, end, target, key)`` of every non-overlapping alias match, in text order;
    excluded phrases dropped, targets not yet resolved (see :func:`resolve_names`). An
    alias that links only in context ("peace treaty") is no match in a text that does not
    name its context ("Russia", "Japan")."""
    if tokens is None:
        tokens = folded_tokens(text)
    candidates = []
    words: list[str] = []  # the folded text, made when an alias needs its context

    def in_context(key: str) -> bool:
        if key not in index.contexts:
            return True
        if not words:
            words.append(" " + " ".join(token for _, _, token in tokens) + " ")
        return all(any(f" {form} " in words[0] for form in forms) for forms in index.contexts[key])

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
        if longest is not None and not _longer_place(text, start, index.keys[longest_key], index) and (
                in_context(longest_key)):
            candidates.append((start, tokens[longest][1], index.keys[longest_key], longest_key))
    taken = []
    occupied = bytearray(len(text))
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        start, end = candidate[0], candidate[1]
        if not any(occupied[start:end]):
            occupied[start:end] = b"\x01" * (end - start)
            taken.append(candidate)
    return sorted(c for c in taken if c[2] is not None)


_WORD_BEFORE = re.compile(r"([A-Z][\w’'-]*)[ \u00a0]$")
_LONGER_PLACE = frozenset("south southern north northern east eastern west western lesser greater little "
                          "great upper lower central middle outer inner".split())
"""Capitalised words that make a place name before which they stand another place."""


def _longer_place(text: str, start: int, target, index: AliasIndex) -> bool:
    """True when the island name at ``start`` is part of a longer place name ("South Kuriles",
    "Greater Kuril Chain"): dropped before overlaps are settled, so that a name it overlaps
    ("Lesser Kuril" in "the Lesser Kuril islands") is found."""
    if not isinstance(target, str) or index.facts.kinds.get(target) != "island":
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and before.group(1).lower().removesuffix("'s").removesuffix("’s") in _LONGER_PLACE


def resolve_names(text: str, matches: list[tuple[int, int, object, str]], index: AliasIndex,
                  when: PartialDate | None) -> tuple[tuple[Mention, ...], tuple[Ambiguous, ...]]:
    """The mentions of :func:`match_names`' matches, and the names left ambiguous.

    A bare surname or a shared name links the one candidate the text names in full; else,
    for one candidate, when the text is not older than the person's first recorded office;
    for several, the one whose offices include the text's date. A surname right after a
    capitalised word that is not a title ("Shintaro Abe") is another person's name."""
    facts = index.facts
    named_in_full = {m[2] for m in matches if isinstance(m[2], str) and m[3] not in index.surnames
                     and m[2] in facts.people}
    mentions, ambiguous = [], []
    for start, end, target, key in matches:
        surface = text[start:end]
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        word_before = before.group(1).lower().removesuffix("'s").removesuffix("’s") if before else ""
        if key not in index.surnames and not isinstance(target, tuple):
            mentions.append(Mention(target, start, end, surface, "variant" if key in index.variants else "name"))
            continue
        if word_before and not (word_before in TITLES or word_before in FUNCTION_WORDS or word_before in DEMONYMS
                                or word_before in COUNTRIES or word_before in CALENDAR):
            continue  # a given name the registry does not know: someone else
        candidates = _targets(target)
        full = [c for c in candidates if c in named_in_full]
        if len(full) == 1:
            mentions.append(Mention(full[0], start, end, surface, "surname"))
            continue
        if len(candidates) == 1:
            person = facts.people.get(target)
            first = person.first() if person else None
            if when is None or first is None or last_day(when) >= first:
                mentions.append(Mention(target, start, end, surface, "surname"))
            continue
        fits = [c for c in candidates if when is not None and c in facts.people
                and facts.people[c].in_office(first_day(when), last_day(when))]
        if len(fits) == 1:
            mentions.append(Mention(fits[0], start, end, surface, "namesake"))
        else:
            ambiguous.append(Ambiguous(start, end, surface, candidates))
    return tuple(mentions), tuple(ambiguous)


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
