"""The find stage: per article, clean the text, find entity mentions and dated statements (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from .cleaning import CleanText, clean_article
from .events import Event, find_events
from .mentions import AliasIndex, Mention, by_paragraph, find_mentions
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

    def by_paragraph(self):
        """``(index, paragraph, offset in clean.text, its mentions)`` for each paragraph."""
        return by_paragraph(self.clean.paragraphs, self.clean.paragraph_starts(), self.mentions)


def find_in_article(article: Article, index: AliasIndex) -> Finding:
    """Clean ``article``, find its mentions and its dated statements."""
    clean = clean_article(article.body, article.title, article.language)
    mentions = find_mentions(clean.text, index)
    return Finding(article, clean, mentions, find_events(article, clean, mentions))
