"""The find stage: per article, clean the text, find mentions, dated statements and name
conflicts, and hash the text for reprint detection (pure functions of one article and the
alias index).

Being pure, the work can be spread over processes (``--jobs``) and its results kept
between runs (:mod:`generator.incremental.cache`), both without changing a byte of the output.
"""

from __future__ import annotations

import functools
from array import array
from dataclasses import dataclass

from .cleaning import CleanText, clean_article
from .contradictions import NameConflict, find_name_conflicts
from .events import Event, find_events
from .folding import folded_tokens
from .mentions import AliasIndex, Ambiguous, Mention, by_paragraph, match_names, resolve_names
from .references import find_references
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
    ambiguous: tuple[Ambiguous, ...]
    """Names several people share that the article's date does not tell apart."""
    shingles: array
    """Hashes of the cleaned text's word 5-grams (:func:`generator.reprints.shingles`)."""

    def by_paragraph(self):
        """``(index, paragraph, offset in clean.text, its mentions)`` for each paragraph."""
        return by_paragraph(self.clean.paragraphs, self.clean.paragraph_starts(), self.mentions)

    def __reduce__(self):
        # The mentions as plain tuples: a finding is pickled for the model's spill and for the
        # cache, and pickling its dozens of mentions as objects took half of that time.
        return _finding, (self.article, self.clean, tuple(map(tuple, self.mentions)), self.events, self.conflicts,
                          self.ambiguous, self.shingles)


_AS_MENTION = functools.partial(tuple.__new__, Mention)


def _finding(article: Article, clean: CleanText, mentions: tuple[tuple, ...], *rest) -> Finding:
    return Finding(article, clean, tuple(map(_AS_MENTION, mentions)), *rest)


def find_in_article(article: Article, index: AliasIndex) -> Finding:
    """Clean ``article``; find its mentions (names, then descriptions), dated statements and
    name conflicts."""
    clean = clean_article(article.body, article.title, article.language)
    tokens = folded_tokens(clean.text)
    names, ambiguous = resolve_names(clean.text, match_names(clean.text, index, tokens), index, article.published)
    mentions, events = find_references(article, clean, names, find_events(article, clean, names, tokens), index.facts,
                                       tokens)
    return Finding(article, clean, mentions, events, find_name_conflicts(article.id, clean, names), ambiguous,
                   shingles(clean.text, [token for _, _, token in tokens]))
