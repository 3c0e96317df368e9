"""Suggestions for the registry: names in the articles that no entity covers, and spellings
that look like a known entity but are not among its aliases ("Sergei Lavrov" when only
"Sergey Lavrov" is registered).

A name is a run of capitalised words (with "of", "the" inside: "Treaty of Mutual
Cooperation") that no mention overlaps. Leading sentence words ("However", "The") and
role titles ("Ambassador") are not part of it; months, weekdays, and a single word seen
only at the start of sentences ("Initially") are not names. A name is a likely variant of an alias when
they share a word (or, for one word, its first letters) and their folded spellings are
close; only aliases sharing such a word are compared, so the cost does not grow with the
registry.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from .dates import MONTHS
from .folding import alias_key
from .model import SiteModel
from .sentences import split_sentences

_NAME = re.compile(
    r"(?:[A-Z][\w’'.-]*[\w]|[A-Z])(?:\s+(?:(?:of|the|de|von|van|al|bin)\s+)*(?:[A-Z][\w’'.-]*[\w]|[A-Z]))*"
)
_NOT_NAMES = frozenset(
    """a an the this that these those it its he she they we i you his her their our my in on at as by to
    for from of with but and or if so yet however since after before when while during although though
    last next both all some many most one two three four five six seven eight nine ten according also
    mr mrs ms dr there here what which who why how where then now today yesterday tomorrow even still
    only not no yes""".split()
) | {m.lower() for m in MONTHS} | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_TITLES = frozenset(
    """ambassador president minister prime premier chancellor secretary spokesman spokeswoman governor
    mayor senator general admiral king queen emperor prince princess chairman chairwoman""".split()
)
"""Role words before a name ("Ambassador Toyohisa Kozuki"), not part of it."""
_KIND_WORDS = (
    ("document", ("treaty", "declaration", "agreement", "charter", "memorandum", "convention", "protocol", "act")),
    ("meeting", ("summit", "conference", "talks", "meeting", "forum", "session")),
)
SIMILARITY = 0.8
"""Least difflib ratio between folded spellings for a variant."""


@dataclass(frozen=True)
class Suggestion:
    """A name found in the articles."""

    name: str
    """The most frequent spelling."""
    count: int
    """Occurrences in all articles."""
    articles: tuple[str, ...]
    """Ids of the articles it occurs in, in order of first occurrence."""
    article: str
    sentence: str
    """A sentence where it occurs (the first), and its article."""
    guess: str
    """``document``, ``meeting`` or ``name`` (a person, a place or something else)."""
    entity: str | None = None
    """For a variant: the entity it probably belongs to."""
    alias: str | None = None
    """For a variant: the registered alias it resembles."""


def find_suggestions(model: SiteModel) -> tuple[tuple[Suggestion, ...], tuple[Suggestion, ...]]:
    """(names no entity covers, spellings that look like a known entity), most frequent first."""
    found: dict[str, dict] = {}
    partly_linked: dict[str, dict] = {}  # "Sergei Lavrov", where only "Lavrov" is an alias
    for article in sorted(model.articles, key=lambda a: a.id):
        finding = model.findings[article.id]
        for _, paragraph, offset, mentions in finding.by_paragraph():
            taken = [(m.start - offset, m.end - offset) for m in mentions]
            for start, end in split_sentences(paragraph):
                sentence = paragraph[start:end]
                for name_start, name_end, name, initial in _names(sentence):
                    first, last = start + name_start, start + name_end
                    overlapping = [(s, e) for s, e in taken if s < last and first < e]
                    if not overlapping:
                        _count(found, name, article.id, sentence, initial)
                    elif sum(min(e, last) - max(s, first) for s, e in overlapping) < last - first:
                        _count(partly_linked, name, article.id, sentence, initial)

    aliases = _alias_buckets(model)
    uncovered, variants = [], []
    for key, entry in [*found.items(), *partly_linked.items()]:
        match = _closest_alias(key, aliases)
        if match is None and (key in partly_linked or entry["only_initial"] and " " not in key):
            continue  # partly linked and not a variant, or one word seen only at sentence starts
        spelling = max(entry["spellings"].items(), key=lambda item: (item[1], item[0]))[0]
        suggestion = Suggestion(spelling, entry["count"], tuple(entry["articles"]), entry["article"],
                                entry["sentence"], _guess(key),
                                match[0] if match else None, match[1] if match else None)
        (variants if match else uncovered).append(suggestion)
    order = lambda s: (-s.count, -len(s.articles), s.name.casefold(), s.name)  # noqa: E731
    return tuple(sorted(uncovered, key=order)), tuple(sorted(variants, key=order))


def _names(sentence: str):
    """(start, end, text, sentence-initial) of each name-like run, without leading sentence
    words and a possessive."""
    for match in _NAME.finditer(sentence):
        words = match.group().split()
        leading = 0
        while leading < len(words) and words[leading].lower().strip(".") in _NOT_NAMES | _TITLES:
            leading += 1
        if leading == len(words):
            continue
        start = match.start() + (match.group().index(words[leading]) if leading else 0)
        text = sentence[start:match.end()]
        for suffix in ("’s", "'s", "."):
            text = text.removesuffix(suffix)
        if len(text) >= 2:
            yield start, start + len(text), text, not sentence[:start].strip(" \"“‘'(")


def _count(found: dict, name: str, article: str, sentence: str, initial: bool) -> None:
    key = alias_key(name)
    if not key:
        return
    entry = found.get(key)
    if entry is None:
        entry = found[key] = {"count": 0, "articles": [], "spellings": defaultdict(int),
                              "article": article, "sentence": sentence, "only_initial": True}
    entry["only_initial"] = entry["only_initial"] and initial
    entry["count"] += 1
    entry["spellings"][name] += 1
    if article not in entry["articles"]:
        entry["articles"].append(article)


def _alias_buckets(model: SiteModel) -> dict[str, list[tuple[str, str, str]]]:
    """Aliases by each of their words, and by the first two letters of one-word aliases."""
    buckets: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for entity in model.registry.entities.values():
        for alias in entity.names:
            key = alias_key(alias)
            words = key.split()
            for word in words:
                if len(word) > 2 and word not in _NOT_NAMES:
                    buckets[word].append((key, entity.id, alias))
            if len(words) == 1:
                buckets["^" + key[:2]].append((key, entity.id, alias))
    return buckets


def _closest_alias(key: str, buckets) -> tuple[str, str] | None:
    """(entity id, alias) of the closest registered alias, when close enough and not equal."""
    words = key.split()
    candidates = {item for word in words for item in buckets.get(word, ())}
    if len(words) == 1:
        candidates |= set(buckets.get("^" + key[:2], ()))
    best = None
    for alias_key_, entity, alias in sorted(candidates):
        if alias_key_ == key or len(alias_key_.split()) != len(words):
            continue
        ratio = difflib.SequenceMatcher(None, key, alias_key_).ratio()
        if ratio >= SIMILARITY and (best is None or ratio > best[0]):
            best = (ratio, entity, alias)
    return (best[1], best[2]) if best else None


def _guess(key: str) -> str:
    words = key.split()
    for guess, markers in _KIND_WORDS:
        if any(word in markers for word in words):
            return guess
    return "name"
