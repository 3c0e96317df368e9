"""Suggestions for the registry: names in the articles that no entity covers, and spellings
that look like a known entity but are not among its aliases ("Sergei Lavrov" when only
"Sergey Lavrov" is registered).

A name is a run of capitalised words (with "of", "the" inside: "Treaty of Mutual
Cooperation") that no mention overlaps. Leading sentence words ("However", "The"),
pronouns ("I'd"), role titles ("Ambassador", "Foreign Minister") and a connecting word
left after them ("of Japan") are not part of it; months, weekdays and their
abbreviations, the site's outlets and agencies (``sources/outlets.yml``), and a single word
seen only at the start of sentences ("Initially") are not names. Each name gets a guess of
its kind (person, place, document, meeting, organisation, or name when nothing tells);
countries and nationalities ("Japan", "Russian") are a group of their own, as they are
rarely what a contributor is looking for. A name is a likely variant of an alias when
they share a word (or, for one word, its first letters) and their folded spellings are
close; only aliases sharing such a word are compared, so the cost does not grow with the
registry.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from .folding import alias_key
from .model import SiteModel
from .sentences import split_sentences
from .words import CALENDAR, COUNTRIES, DEMONYMS, PRONOUNS, TITLES

_CONNECTORS = ("of", "the", "de", "von", "van", "al", "bin")
"""Lower-case words inside a name ("Treaty of Mutual Cooperation"), never at its start."""
_NAME = re.compile(
    rf"(?:[A-Z][\w’'.-]*[\w]|[A-Z])(?:\s+(?:(?:{'|'.join(_CONNECTORS)})\s+)*(?:[A-Z][\w’'.-]*[\w]|[A-Z]))*"
)
_NOT_NAMES = frozenset(
    """a an the this that these those it its he she they we i you his her their our my in on at as by to
    for from of with but and or if so yet however since after before when while during although though
    last next both all some many most one two three four five six seven eight nine ten according also
    mr mrs ms dr there here what which who why how where then now today yesterday tomorrow even still
    only not no yes""".split()
) | CALENDAR | PRONOUNS
_TITLES = frozenset(
    """ambassador president minister prime premier chancellor secretary spokesman spokeswoman governor
    mayor senator general admiral king queen emperor prince princess chairman chairwoman""".split()
)
"""Role words before a name ("Ambassador Toyohisa Kozuki"), not part of it."""
_KIND_WORDS = (
    ("document", ("treaty", "declaration", "agreement", "charter", "memorandum", "convention", "protocol", "act",
                  "statement", "communique", "accord", "pact")),
    ("meeting", ("summit", "conference", "talks", "meeting", "forum", "session", "consultations")),
    ("place", ("island", "islands", "isle", "strait", "sea", "ocean", "bay", "peninsula", "prefecture", "region",
               "oblast", "krai", "district", "city", "province", "mountain", "mount", "cape", "port", "harbour")),
    ("organisation", ("ministry", "agency", "council", "office", "union", "party", "duma", "parliament", "diet",
                      "committee", "government", "department", "bank", "company", "corporation", "news", "group",
                      "association", "university", "institute", "forces", "army", "navy", "fleet", "service",
                      "commission", "powers", "federation", "republic", "kingdom", "empire", "states", "nations",
                      "organization", "organisation", "channel", "tv", "television", "radio", "newspaper")),
    ("name", ("war", "revolution", "crisis", "incident", "era", "period", "games", "olympics")),
)
"""Words in a name that tell its kind, the first kind that has one."""
_LOCATIVE = re.compile(r"\b(?:in|at|to|from|near|off|on)\s+(?:the\s+)?$")
"""Before a place ("in Sapporo", "off the coast" is not one: only capitalised names are names)."""
_PERSON_WORD = re.compile(r"[A-Z][a-zà-ÿāēīōūĀĒĪŌŪ]+(?:-[A-Z]?[a-zà-ÿāēīōū]+)?")
"""A word a person's name is made of: "Sergey", "Kōno", "Jean-Pierre"."""
KIND_ORDER = ("person", "meeting", "document", "place", "organisation", "name", "country")
"""The order of the groups of names: what a contributor most often adds to the registry first."""
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
    """One of :data:`KIND_ORDER`: ``country`` for countries and nationalities, ``name`` when
    nothing tells the kind."""
    entity: str | None = None
    """For a variant: the entity it probably belongs to."""
    alias: str | None = None
    """For a variant: the registered alias it resembles."""


def find_suggestions(model: SiteModel) -> tuple[tuple[Suggestion, ...], tuple[Suggestion, ...]]:
    """(names no entity covers, by kind in :data:`KIND_ORDER` and most frequent first within
    one; spellings that look like a known entity, most frequent first)."""
    outlets = _outlet_keys(model)
    found: dict[str, dict] = {}
    partly_linked: dict[str, dict] = {}  # "Sergei Lavrov", where only "Lavrov" is an alias
    for article in sorted(model.articles, key=lambda a: a.id):
        finding = model.findings[article.id]
        for _, paragraph, offset, mentions in finding.by_paragraph():
            taken = [(m.start - offset, m.end - offset) for m in mentions]
            for start, end in split_sentences(paragraph):
                sentence = paragraph[start:end]
                for name_start, name_end, name, initial, titled in _names(sentence):
                    first, last = start + name_start, start + name_end
                    if alias_key(name) in outlets:
                        continue
                    overlapping = [(s, e) for s, e in taken if s < last and first < e]
                    located = _LOCATIVE.search(sentence, 0, name_start) is not None
                    if not overlapping:
                        _count(found, name, article.id, sentence, initial, titled, located)
                    elif sum(min(e, last) - max(s, first) for s, e in overlapping) < last - first:
                        _count(partly_linked, name, article.id, sentence, initial, titled, located)

    aliases = _alias_buckets(model)
    uncovered, variants = [], []
    for key, entry in [*found.items(), *partly_linked.items()]:
        match = _closest_alias(key, aliases)
        if match is None and (key in partly_linked or entry["only_initial"] and " " not in key):
            continue  # partly linked and not a variant, or one word seen only at sentence starts
        spelling = max(entry["spellings"].items(), key=lambda item: (item[1], item[0]))[0]
        suggestion = Suggestion(spelling, entry["count"], tuple(entry["articles"]), entry["article"],
                                entry["sentence"], _guess(key, spelling, entry),
                                match[0] if match else None, match[1] if match else None)
        (variants if match else uncovered).append(suggestion)
    order = lambda s: (-s.count, -len(s.articles), s.name.casefold(), s.name)  # noqa: E731
    by_kind = lambda s: (KIND_ORDER.index(s.guess), *order(s))  # noqa: E731
    return tuple(sorted(uncovered, key=by_kind)), tuple(sorted(variants, key=order))


def _outlet_keys(model: SiteModel) -> frozenset[str]:
    """The keys of the outlets' names, whole and in parts ("Vesti (VGTRK)": also "Vesti", "VGTRK")."""
    keys = set()
    for outlet in model.registry.outlets.values():
        for part in (outlet.name, *re.split(r"\s*[()]\s*", outlet.name)):
            if part.strip():
                keys.add(alias_key(part))
    return frozenset(keys)


def _names(sentence: str):
    """(start, end, text, sentence-initial, after a title) of each name-like run, without
    leading sentence words, pronouns, titles and a possessive."""
    for match in _NAME.finditer(sentence):
        words = match.group().split()
        leading = 0
        while leading < len(words) and _plain(words[leading]) in _NOT_NAMES | _TITLES:
            leading += 1
        titled = any(_plain(word) in _TITLES for word in words[:leading])
        # a role of several words ("Foreign Minister", "Chief Cabinet Secretary") is not part of
        # the name either, nor a connecting word after it ("of Japan"); "State Duma" is a name
        role = leading
        while role < len(words) and (_plain(words[role]) in TITLES or _country(_plain(words[role]))):
            role += 1
        if any(_plain(word) in _TITLES for word in words[leading:role]):
            leading, titled = role, True  # "Japanese Foreign Minister" alone is no name
        while leading < len(words) and words[leading] in _CONNECTORS:
            leading += 1
        if leading == len(words):
            continue
        start = match.start() + (match.group().index(words[leading]) if leading else 0)
        text = sentence[start:match.end()]
        for suffix in ("’s", "'s", "."):
            text = text.removesuffix(suffix)
        if len(text) >= 2:
            yield start, start + len(text), text, not sentence[:start].strip(" \"“‘'("), titled


def _country(key: str) -> bool:
    """A country or a nationality, also in the plural and in pairs ("Russians", "Soviet-Japanese")."""
    return key in COUNTRIES or all(part in DEMONYMS or part in COUNTRIES or part.removesuffix("s") in DEMONYMS
                                   for part in key.split("-"))


def _plain(word: str) -> str:
    """A word as looked up in the word lists: lower case, without a final period and an
    apostrophe's ending ("I'd", "Jan.")."""
    return re.split("['’]", word.lower().strip("."), maxsplit=1)[0]


def _count(found: dict, name: str, article: str, sentence: str, initial: bool, titled: bool,
           located: bool) -> None:
    key = alias_key(name)
    if not key:
        return
    entry = found.get(key)
    if entry is None:
        entry = found[key] = {"count": 0, "articles": [], "spellings": defaultdict(int),
                              "article": article, "sentence": sentence, "only_initial": True,
                              "titled": 0, "located": 0}
    entry["only_initial"] = entry["only_initial"] and initial
    entry["titled"] += titled
    entry["located"] += located
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


def _guess(key: str, spelling: str, entry: dict) -> str:
    """The kind of a name: a country or nationality; what a word of it says ("Treaty",
    "Summit", "Strait", "Ministry"); a person after a title ("Ambassador Toyohisa Kozuki") or
    with two or three words of a person's name; a place after "in", "at" or "to" more often
    than not; else a name."""
    words = key.split()
    if _country(key):
        return "country"
    for guess, markers in _KIND_WORDS:
        if any(word in markers for word in words):
            return guess
    if entry["titled"] or 2 <= len(words) <= 3 and all(_PERSON_WORD.fullmatch(w) for w in spelling.split()):
        return "person"
    if entry["located"] * 2 > entry["count"]:
        return "place"
    return "name"
