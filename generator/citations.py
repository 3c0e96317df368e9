"""Verify the registry's evidence: cited articles exist and quotes are in their text.

Summary citations and the statements of disagreements are checked the same way. Quotes
are compared with whitespace, quote marks, apostrophes and dashes normalised, and
nothing else: a quote must otherwise appear verbatim in the cleaned article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Mapping

from .findings import Finding
from .folding import normalise_typography
from .problems import InputError, Problem, did_you_mean
from .registry import Disagreement, Registry

@dataclass(frozen=True)
class Citation:
    """A verified reference to an article, optionally quoting it."""

    article: str
    """Id of the cited article."""
    quote: str | None
    """The quoted passage, as written in the registry."""
    paragraph: int | None
    """Index of the paragraph that holds the quote (None without a quote)."""


@dataclass(frozen=True)
class VerifiedDisagreement:
    """A disagreement whose every statement was found in its article."""

    disagreement: Disagreement
    statements: tuple[Citation, ...]


@dataclass(frozen=True)
class Evidence:
    """Everything the registry cites, verified."""

    citations: Mapping[tuple[str, int], Citation]
    """Summary citations by (entity id, statement index)."""
    disagreements: tuple[VerifiedDisagreement, ...]


class _Locator:
    """Finds quotes in articles, reporting what cannot be found."""

    def __init__(self, findings: Mapping[str, Finding], problems: list[Problem], unreadable: Collection[str]):
        self.findings = findings
        self.problems = problems
        self.unreadable = unreadable
        self.normalised: dict[str, tuple[str, ...]] = {}

    def cite(self, file: str, line: int, key: str, article: str, quote: str | None) -> Citation | None:
        finding = self.findings.get(article)
        if finding is None and article in self.unreadable:
            return None  # its file has a problem of its own, reported with it
        if finding is None:
            self.problems.append(Problem(file, line, f"{key}.cite", "the id of an article in sources/articles/",
                                         f"'{article}'", did_you_mean(article, self.findings)))
            return None
        if not quote:
            return Citation(article, None, None)
        if article not in self.normalised:
            self.normalised[article] = tuple(normalise_typography(p) for p in finding.clean.paragraphs)
        wanted = normalise_typography(quote)
        paragraph = next((i for i, p in enumerate(self.normalised[article]) if wanted in p), None)
        if paragraph is None:
            self.problems.append(Problem(
                file, line, f"{key}.quote", f"a passage that appears verbatim in the text of '{article}'",
                f"'{quote}', which does not",
                "copy the passage from the source page; quote marks, dashes and spaces may differ"))
            return None
        return Citation(article, quote, paragraph)


def verify_citations(registry: Registry, findings: Mapping[str, Finding],
                     unreadable: Collection[str] = ()) -> Evidence:
    """Verify every citation and disagreement; raise InputError naming every bad one (but
    a citation of an article in ``unreadable``: its file could not be read, and says why)."""
    problems: list[Problem] = []
    locate = _Locator(findings, problems, unreadable)
    citations: dict[tuple[str, int], Citation] = {}
    for entity in registry.entities.values():
        for index, statement in enumerate(entity.summary):
            if statement.cite:
                citation = locate.cite(entity.file, statement.line, f"{entity.id}.summary[{index}]",
                                       statement.cite, statement.quote)
                if citation:
                    citations[(entity.id, index)] = citation
    disagreements = []
    for disagreement in registry.disagreements:
        verified = [
            locate.cite(disagreement.file, s.line, f"{disagreement.id}.statements[{index}]", s.cite, s.quote)
            for index, s in enumerate(disagreement.statements)
        ]
        disagreements.append(VerifiedDisagreement(disagreement, tuple(v for v in verified if v)))
    if problems:
        raise InputError(problems)
    return Evidence(citations, tuple(disagreements))
