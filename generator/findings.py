"""The find stage: per article, clean the text and find the entity mentions (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from .cleaning import CleanText, clean_article
from .mentions import AliasIndex, Mention, find_mentions
from .sources import Article


@dataclass(frozen=True)
class Finding:
    """What the find stage found in one article."""

    article: Article
    clean: CleanText
    mentions: tuple[Mention, ...]
    """Mentions in ``clean.text``, in text order."""

    def by_paragraph(self):
        """``(index, paragraph, offset of the paragraph in clean.text, its mentions)`` for each paragraph."""
        position = 0
        for index, (paragraph, offset) in enumerate(zip(self.clean.paragraphs, self.clean.paragraph_starts())):
            first = position
            while position < len(self.mentions) and self.mentions[position].start < offset + len(paragraph):
                position += 1
            yield index, paragraph, offset, self.mentions[first:position]


def find_in_article(article: Article, index: AliasIndex) -> Finding:
    """Clean ``article`` and find its mentions."""
    clean = clean_article(article.body, article.title, article.language)
    return Finding(article, clean, find_mentions(clean.text, index))
