"""MkDocs hooks: generate the pages before every build, link entities in hand-written pages,
set up the chosen search backend (generator/search.py), and watch sources/ when serving.

Thin on purpose: the generator does the work (``python -m generator build`` does the
same without MkDocs, for engines that ignore hooks). When serving, MkDocs watches sources/
and what people write under docs/, passes on no change the generator made, and does not
poll while it builds (generator/watching.py), so an edit under sources/ makes one build. Each
rebuild is dirty (as with ``mkdocs serve --dirty``): MkDocs renders only the pages whose
Markdown changed (the generator writes only changed files). These hooks keep the search
index whole in such a rebuild, and the nav in mkdocs.yml names every title.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# MkDocs loads this file by path; make the package importable from a fresh checkout.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from generator.build import DEFAULT_CACHE, DEFAULT_SOURCES, BuildReport, build  # noqa: E402
from generator.incremental import Cache  # noqa: E402
from generator import fastblocks, pagepool, search, watching  # noqa: E402
from generator.handwritten import link_mentions  # noqa: E402
from generator.problems import InputError  # noqa: E402

log = logging.getLogger("mkdocs.generator")
_SOURCES = Path(os.environ.get("GENERATOR_SOURCES") or DEFAULT_SOURCES)
_CACHE = Path(os.environ.get("GENERATOR_CACHE") or DEFAULT_CACHE)
"""Where the sources and the cache are; the environment can say otherwise (the benchmark
builds a synthetic corpus that way)."""
_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
_JOBS = os.environ.get("GENERATOR_JOBS") or str(_CORES)
"""Processes for the generator's work (its ``--jobs``): by default one per core (the output
is the same byte for byte)."""
_PAGE_JOBS = os.environ.get("GENERATOR_PAGE_JOBS") or ""
"""Worker processes that render the pages in a build (generator/pagepool.py); by default
one per core, for a site of enough pages; 1: none, the build renders every page itself."""
_FAST_BLOCKS = os.environ.get("GENERATOR_FAST_BLOCKS", "1") != "0"
"""Whether the generated pages' plain blocks are rendered straight to HTML
(generator/fastblocks.py); 0 leaves every block to Python-Markdown (the same site, slower:
what the tests compare it with)."""


@dataclass
class _Session:
    """What the hooks keep from one MkDocs event to the next. One per ``mkdocs build`` or
    ``mkdocs serve``, made by :func:`on_startup` (a default one serves hooks loaded without
    it); each build resets what is per build in :func:`on_pre_build`."""

    serving: bool = False
    """MkDocs serves the site: more builds follow the first, so its pages are recorded for
    reuse (generator/incremental/reuse.py) from the first build on."""
    dirty_build: bool = False
    """``mkdocs build --dirty``: only the pages whose Markdown changed are rendered, by this
    process (workers would render every page)."""
    report: BuildReport | None = None
    """The latest build's report, for linking hand-written pages."""
    pages: list[str] = field(default_factory=list)
    """The URLs of the site's pages in this build, in build order."""
    built: set[str] = field(default_factory=set)
    """The URLs of the pages this build rendered (all of them, but in a dirty rebuild)."""
    pool: pagepool.Pool | None = None
    """The processes rendering pages for this build, if any."""
    shown: dict[str, str] = field(default_factory=dict)
    """By URL: a page's content as shown, while the search plugin reads it without the parts
    it leaves out (:func:`generator.search.lunr_view`)."""


_session = _Session()


class _DirtyNotice(logging.Filter):
    """MkDocs warns in every dirty rebuild that the navigation may be wrong: it does not read
    the pages it does not rebuild, so it does not know their titles. Every entry of this
    site's nav has its title in mkdocs.yml (a test compares every page of a dirty rebuild
    with a full build's), so the notice is logged as information, in words that say what
    happens; as a warning it would stop every rebuild, the site being strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg, record.args = "Rebuilding only the pages whose Markdown changed (a dirty build)", ()
        return True


def on_startup(command, dirty=False, **kwargs) -> None:
    global _session
    _session = _Session(serving=command == "serve", dirty_build=dirty and command == "build")
    if dirty or command == "serve":  # serving, rebuilds are dirty (generator/watching.py)
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


@event_priority(100)  # before Material's search plugin reads its configuration
def on_config(config, **kwargs):
    search.configure(config)
    if _FAST_BLOCKS:
        config.markdown_extensions.append(fastblocks.FastBlocks(applies=_generated))
    return config


def _generated(src_uri: str | None) -> bool:
    """Whether the page at ``src_uri`` is one the generator wrote in this build."""
    return src_uri is not None and _session.report is not None and src_uri in _session.report.generated


def on_pre_build(config, **kwargs) -> None:
    _session.built, _session.shown, _session.pool = set(), {}, None
    for name, value in (("GENERATOR_JOBS", _JOBS), ("GENERATOR_PAGE_JOBS", _PAGE_JOBS or "1")):
        if not value.isdigit() or int(value) < 1:
            raise PluginError(f"{name}: expected a number of processes, 1 or more; found {value!r}")
    try:
        report = build(_SOURCES, Path(config.docs_dir), jobs=int(_JOBS), cache=Cache(_CACHE),
                       record_first=_session.serving)
    except InputError as error:
        raise PluginError("the sources have problems; nothing was generated:\n"
                          + "\n".join(f"  {p}" for p in error.problems)) from None
    _session.report = report
    files = report.files
    log.info(f"generator: {report.articles} articles, {report.entities} entities, "
             f"{files.written} files written, {files.unchanged} unchanged, {files.deleted} deleted; "
             f"{report.rendered} rendered")
    for flag in report.flags:  # shown on the site; info, so that strict builds do not fail on them
        log.info(f"generator: flag: {flag}")


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    """Link the entities mentioned in a hand-written page (the file itself is not changed)."""
    report = _session.report
    if report is None or page.file.src_uri in report.generated:
        return markdown
    return link_mentions(markdown, page.file.src_uri, report.aliases, report.kinds)


def on_files(files, config, **kwargs):
    search.add_search_page(files, config)
    _session.pages = [file.url for file in files.documentation_pages()]
    return files


@event_priority(-100)  # the last: the pages are read right after
def on_nav(nav, config, files, **kwargs):
    search.add_search_tab(nav, files, config)
    processes, least = (int(_PAGE_JOBS), 0) if _PAGE_JOBS else (_CORES, pagepool.MIN_PAGES)  # asked: always
    if not _session.dirty_build:
        _session.pool = pagepool.start(config, files, nav, processes, min_pages=least)
    return nav


def on_pre_page(page, config, files, **kwargs):
    if _session.pool is not None:
        _session.pool.take_over(page)
    return page


def on_page_content(html: str, page, config, **kwargs) -> str:
    """The page as the search plugin indexes it (it reads the content in its
    ``on_page_context``); the page as shown is given back after that, in :func:`on_page_context`.

    A generated page's Markdown is let go once it is rendered: MkDocs keeps every page's
    source until the build ends, and reads it again only for a title, which a generated
    page has in its front matter (at 10,000 articles, a fifth of the build's memory)."""
    _session.built.add(page.url)
    report = _session.report
    if report is not None and page.file.src_uri in report.generated and page.meta.get("title"):
        page.markdown = ""
    if _session.pool is not None and _session.pool.made(page):
        return html  # what the page gives the search plugin and its template is made already
    html = search.mark_for_indexing(html, page, config)
    indexed = search.lunr_view(html, page, config)
    if indexed is None:
        return html
    _session.shown[page.url] = html
    return indexed


def on_env(env, config, files, **kwargs):
    pool = _session.pool
    if pool is None:
        return env
    log.info(f"generator: pages rendered by {pool.workers} processes ({pool.taken} pages, "
             f"{pool.built} with their templates, {pool.indexed} with their search entries)")
    return pool.environment(env, config)


@event_priority(-100)  # after Material's search plugin has indexed the page, before its template
def on_page_context(context, page, config, **kwargs):
    shown = _session.shown.pop(page.url, None)
    if shown is not None:
        page.content = shown
    return context


@event_priority(100)  # before Material's search plugin writes its index
def on_post_build(config, **kwargs) -> None:
    _end_pool()
    search.keep_index_whole(config, _session.pages, _session.built)
    search.build_index(config, changed=bool(_session.built))


def on_build_error(error, **kwargs) -> None:
    _end_pool()


def _end_pool() -> None:
    if _session.pool is not None:
        _session.pool.close()
        _session.pool = None


@event_priority(-100)  # after other plugins' on_serve: their watches poll between builds too
def on_serve(server, config, builder, **kwargs):
    """Watch sources/, and of docs/ only what people write there; poll between builds."""
    watching.watch(server, config, _SOURCES)
    return server
