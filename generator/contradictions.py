"""Find the simplest contradiction by machine: an article that gives an entity a name the
registry holds for a different entity ("Iturup (called Shikotan in Japan)").

The rule: a mention, then only a naming phrase ("(called", ", known as", "— also
referred to as"), then a mention of another entity. It flags; it never changes a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cleaning import CleanText
from .mentions import Mention, by_paragraph
from .sentences import split_sentences

_NAMING = re.compile(
    r"\s*[(,—–-]?\s*(?:also\s+|often\s+|sometimes\s+|formerly\s+)?"
    r"(?:called|known\s+as|referred\s+to\s+as|named|which\s+(?:\w+\s+)?calls)\s+(?:in\s+\w+\s+)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NameConflict:
    """An article calls one entity by a name that the registry gives another."""

    article: str
    paragraph: int
    """Index of the paragraph in the cleaned text."""
    sentence: str
    entity: str
    """Id of the entity being named."""
    name: str
    """The name the article gives it, as written."""
    owner: str
    """Id of the entity the registry gives that name to."""


def find_name_conflicts(article_id: str, clean: CleanText, mentions: tuple[Mention, ...]) -> tuple[NameConflict, ...]:
    conflicts = []
    for index, paragraph, offset, found in by_paragraph(clean.paragraphs, clean.paragraph_starts(), mentions):
        for named, name in zip(found, found[1:]):
            between = paragraph[named.end - offset:name.start - offset]
            if named.entity != name.entity and _NAMING.fullmatch(between):
                start = named.start - offset
                sentence = next((paragraph[s:e] for s, e in split_sentences(paragraph) if s <= start < e), paragraph)
                conflicts.append(NameConflict(article_id, index, sentence, named.entity, name.surface, name.entity))
    return tuple(conflicts)
