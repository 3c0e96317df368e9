"""Verify the registry's citations: the article exists and the quote is in its text.

Quotes are compared with whitespace, quote marks, apostrophes and dashes normalised,
and nothing else: a quote must otherwise appear verbatim in the cleaned article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .findings import Finding
from .problems import InputError, Problem, did_you_mean
from .registry import Registry

_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "ʼ": "'",
                             "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " "})


@dataclass(frozen=True)
class Citation:
    """A verified citation of a registry statement."""

    article: str
    """Id of the cited article."""
    quote: str | None
    """The quoted passage, as written in the registry."""
    paragraph: int | None
    """Index of the paragraph that holds the quote (None without a quote)."""


def normalise_quote(text: str) -> str:
    return " ".join(text.translate(_TYPOGRAPHY).split())


def verify_citations(registry: Registry, findings: Mapping[str, Finding]) -> Mapping[tuple[str, int], Citation]:
    """Citations by ``(entity id, statement index)``; raise InputError naming every bad one."""
    problems: list[Problem] = []
    citations: dict[tuple[str, int], Citation] = {}
    normalised: dict[str, tuple[str, ...]] = {}
    for entity in registry.entities.values():
        for index, statement in enumerate(entity.summary):
            if not statement.cite:
                continue
            key = f"{entity.id}.summary[{index}]"
            finding = findings.get(statement.cite)
            if finding is None:
                problems.append(Problem(entity.file, statement.line, f"{key}.cite",
                                        "the id of an article in sources/articles/",
                                        f"'{statement.cite}'", did_you_mean(statement.cite, findings)))
                continue
            paragraph = None
            if statement.quote:
                if statement.cite not in normalised:
                    normalised[statement.cite] = tuple(normalise_quote(p) for p in finding.clean.paragraphs)
                wanted = normalise_quote(statement.quote)
                paragraph = next((i for i, p in enumerate(normalised[statement.cite]) if wanted in p), None)
                if paragraph is None:
                    problems.append(Problem(
                        entity.file, statement.line, f"{key}.quote",
                        f"a passage that appears verbatim in the text of '{statement.cite}'",
                        f"'{statement.quote}', which does not",
                        "copy the passage from the source page; quote marks, dashes and spaces may differ"))
                    continue
            citations[(entity.id, index)] = Citation(statement.cite, statement.quote, paragraph)
    if problems:
        raise InputError(problems)
    return citations
