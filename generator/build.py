"""The orchestrator: load, find, link, plan, write, in that order.

``check`` runs every stage up to the model and reports every problem of every file at
once; ``build`` checks, then plans and writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .findings import find_in_article
from .handwritten import read_handwritten
from .mentions import build_alias_index
from .model import SiteModel, build_model
from .notes import load_notes
from .output import WriteReport, owned_files, render_site, write_files
from .pages import plan_site
from .problems import InputError, Problem
from .registry import load_registry
from .sources import load_articles

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = ROOT / "sources"
DEFAULT_OUT = ROOT / "docs"


@dataclass(frozen=True)
class BuildReport:
    """What a build read and wrote."""

    articles: int
    entities: int
    files: WriteReport
    flags: tuple[str, ...]
    """Things in the sources a reviewer should look at (not errors): names that contradict
    the registry."""
    model: SiteModel
    generated: frozenset[str]
    """Paths, relative to the output directory, of the files the generator wrote."""


def check(sources: Path = DEFAULT_SOURCES, docs: Path | None = None) -> SiteModel:
    """Read, validate and link everything; InputError listing every problem of every file.

    With ``docs``, the hand-written pages there are read too, for entity backlinks.
    """
    registry, problems = load_registry(sources)
    articles, found = load_articles(sources, registry)
    problems = [*problems, *found]
    index = build_alias_index(registry.alias_table())
    findings = tuple(find_in_article(article, index) for article in articles)
    problems.extend(
        Problem(f.article.file, None, None, "some article text left after cleaning",
                "none: every line was removed as page furniture",
                "check the capture and the title; a source page would be empty")
        for f in findings if not f.clean.paragraphs
    )
    notes, found = load_notes(sources, registry.entities)
    problems.extend(found)
    handwritten = read_handwritten(docs, owned_files(docs), index) if docs else ()
    try:
        model = build_model(registry, findings, notes, handwritten, index)
    except InputError as error:  # quotes and citations, checked against the articles read
        problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return model


def build(sources: Path = DEFAULT_SOURCES, out: Path = DEFAULT_OUT) -> BuildReport:
    """Generate the site's pages from ``sources`` into ``out``; InputError if the input is bad."""
    model = check(sources, out)
    files = render_site(plan_site(model))
    return BuildReport(len(model.articles), len(model.registry.entities), write_files(files, out),
                       flags_of(model), model, frozenset(files))


def flags_of(model: SiteModel) -> tuple[str, ...]:
    """What a reviewer should look at (not errors): names that contradict the registry."""
    return tuple(
        f"{model.article(c.article).file}: paragraph {c.paragraph + 1} calls '{c.entity}' “{c.name}”, "
        f"a name the registry gives to '{c.owner}'"
        for c in model.conflicts
    )
