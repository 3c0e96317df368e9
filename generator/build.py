"""The orchestrator: load, find, link, plan, write, in that order.

``check`` runs every stage up to the model and reports every problem of every file at
once; ``build`` checks, then plans and writes. What a rerun can keep from the last run
(findings, pages, the whole build) it asks of one object, :class:`~generator.incremental.Rerun`:
with a cache, a build whose inputs did not change returns at once, articles that did not
change are not read again, and pages whose reads of the model did not change are kept.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .facts import registry_facts
from .filing import Filed, file_articles
from .handwritten import read_handwritten
from .incremental import Cache, Rerun
from .mentions import AliasIndex, build_alias_index
from .model import SiteModel, build_model
from .notes import load_notes
from .output import WriteReport, file_system_problem, output_lock, output_problems, owned_files, write_files
from .pages import plan_site
from .problems import InputError, OutputError, Problem
from .registry import load_registry
from .sources import load_articles

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = ROOT / "sources"
DEFAULT_OUT = ROOT / "docs"
DEFAULT_CACHE = ROOT / ".cache" / "generator"


@dataclass(frozen=True)
class BuildReport:
    """What a build read and wrote."""

    articles: int
    entities: int
    files: WriteReport
    flags: tuple[str, ...]
    """Things in the sources a reviewer should look at (not errors): names that contradict
    the registry."""
    generated: frozenset[str]
    """Paths, relative to the output directory, of the files the generator wrote."""
    aliases: AliasIndex
    """The alias index of the registry (for linking hand-written pages)."""
    kinds: Mapping[str, str]
    """The kind of every entity, by id."""
    rendered: int
    """Files made in this run: every file but those kept because nothing they read changed
    (:mod:`generator.incremental`): pages, and data files whose parts were all kept."""


def check(sources: Path = DEFAULT_SOURCES, docs: Path | None = None, *, jobs: int = 1,
          cache: Cache | None = None) -> SiteModel:
    """Read, validate and link everything; InputError listing every problem of every file.

    With ``docs``, the hand-written pages there are read too, for entity backlinks.
    ``jobs`` processes share the per-article work; ``cache`` keeps it between runs.
    """
    return _model(sources, docs, jobs, Rerun(cache))


def build(sources: Path = DEFAULT_SOURCES, out: Path = DEFAULT_OUT, *, jobs: int = 1,
          cache: Cache | None = None, record_first: bool = False) -> BuildReport:
    """Generate the site's pages from ``sources`` into ``out``; InputError if the input is bad.

    OutputError when ``out`` cannot hold the pages (a file, a folder inside the sources, a
    folder that cannot be written), before anything is written. One build at a time writes
    into ``out``; another waits for it. With ``cache``, when no input changed since the last
    build into ``out`` and no file it wrote was touched, nothing is done (the report says
    every file is unchanged); else a page is rendered only when something it read changed
    (:mod:`generator.incremental`), from the second build into ``out`` on (from the first
    with ``record_first``: more builds will follow).
    """
    problems = output_problems(out, sources)
    if problems:
        raise OutputError(problems)
    try:
        with output_lock(out):
            return _build(sources, out, jobs, Rerun(cache, out, sources, record_first=record_first))
    except OSError as error:  # a full disk, a folder that cannot be written: no traceback
        raise OutputError([file_system_problem(error, out)]) from None


def _model(sources: Path, docs: Path | None, jobs: int, rerun: Rerun) -> SiteModel:
    """The load, find and link stages: the site model, or InputError listing every problem."""
    # load
    registry, problems = load_registry(sources)
    articles, unreadable = load_articles(sources, registry, jobs)
    index = build_alias_index(registry.alias_table(), registry_facts(registry))
    notes, notes_problems = load_notes(sources, registry.entities)
    handwritten, handwritten_problems = read_handwritten(docs, owned_files(docs), index) if docs else ((), [])
    # find: each article's findings, filed for the model
    filed = rerun.findings(articles, index, functools.partial(file_articles, articles, index, jobs))
    del articles  # their raw text: the find stage lets it go when it is done, before reprints
    # link
    empty: list[Problem] = []
    quote_problems: list[Problem] = []
    try:
        model = build_model(registry, _noting_empty(filed, empty), notes, handwritten, index,
                            unreadable={Path(problem.file).stem for problem in unreadable})
    except InputError as error:  # quotes and citations, checked against the articles read
        quote_problems = list(error.problems)
    problems = [*problems, *unreadable, *empty, *notes_problems, *handwritten_problems, *quote_problems]
    if problems:
        raise InputError(problems)
    return model


def _build(sources: Path, out: Path, jobs: int, rerun: Rerun) -> BuildReport:
    previous = rerun.last_build()
    if previous is not None:
        return replace(previous, files=WriteReport(0, previous.files.total, 0), rendered=0)
    model = _model(sources, out, jobs, rerun)  # load, find, link
    plan = plan_site(model)  # plan
    files = write_files(rerun.render(plan, jobs), out)  # write
    registry = model.registry
    report = BuildReport(len(model.articles), len(registry.entities), files, flags_of(model),
                         frozenset(owned_files(out)), model.aliases,
                         {e.id: e.kind for e in registry.entities.values()}, files.total - rerun.kept)
    rerun.save(report)
    return report


def _noting_empty(filed: Iterable[Filed], empty: list[Problem]) -> Iterator[Filed]:
    """``filed``, as it comes, with a problem in ``empty`` for each article that cleaning
    left without text."""
    for one in filed:
        if one.empty:
            empty.append(Problem(one.article.file, None, None, "some article text left after cleaning",
                                 "none: every line was removed as page furniture",
                                 "check the capture and the title; a source page would be empty"))
        yield one


def flags_of(model: SiteModel) -> tuple[str, ...]:
    """What a reviewer should look at (not errors): dates still to come in the registry,
    names that contradict it, and names that could be any of several people."""
    return (*model.registry.flags, *(
        f"{model.article(c.article).file}: paragraph {c.paragraph + 1} calls '{c.entity}' “{c.name}”, "
        f"a name the registry gives to '{c.owner}'"
        for c in model.conflicts
    ), *(
        f"{model.article(article).file}: paragraph {_paragraph_of(model, article, name.start) + 1}: "
        f"“{name.surface}” is ambiguous: it could be " + " or ".join(f"'{c}'" for c in name.candidates)
        + f", and the offices in the registry do not tell which on {model.article(article).published.display()}"
        " (not linked)"
        for article, name in model.ambiguous
    ))


def _paragraph_of(model: SiteModel, article: str, offset: int) -> int:
    return bisect.bisect_right(model.findings[article].clean.paragraph_starts(), offset) - 1
