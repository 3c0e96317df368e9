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


def find_in_article(article: Article, index: AliasIndex) -> Finding:
    """Clean ``article`` and find its mentions."""
    clean = clean_article(article.body, article.title, article.language)
    return Finding(article, clean, find_mentions(clean.text, index))
