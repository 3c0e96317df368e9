"""``mkdocs build`` on every core: the pages rendered by forked processes too.

MkDocs renders one page after another: its Markdown (Python-Markdown, with MkDocs' link
checks), then, once every page is read, its template. When the build starts on its pages
(the hooks' ``on_nav``), :func:`start` forks one process per further core; each renders a
share of the pages, in MkDocs' order, exactly as MkDocs would (its own ``read_source``, the
``on_pre_page`` and ``on_page_markdown`` events, its own ``render``), and sends back what
that gives: the page's source and metadata, its HTML, table of contents, title, anchors and
links to anchors, and what it logged. The build renders the first share itself; when it
comes to a page of another share, :meth:`Pool.take_over` makes the page take its result
instead of rendering it (the events run as always, and what the worker logged is logged
then, so a strict build fails on it as it would).

MkDocs renders the templates after every page is read, in one process. Where nothing in a
page's template depends on another page's rendering (every page of the nav has its title in
mkdocs.yml, no page is a draft, and the only plugins are search and these hooks), each
process renders each of its pages' template right after the page, as MkDocs'
``_build_page`` does (the context, ``on_page_context``, the template; a worker runs
``on_page_content`` first), with the search plugin's index muted, into a file of its own,
unlinked, so that nothing is left behind: the build's own process does it for the page it
read last when it starts on the next (``EARLY`` tells the hooks to keep what they keep for
the page's turn). In each page's turn, MkDocs runs ``on_page_context`` as always (the
search index is made then, in order), and the build's environment (:meth:`Pool.environment`,
from ``on_env``) gives the HTML made before instead of rendering the template again; MkDocs
writes it. The output is the same byte for byte (tested).

A page whose worker failed, or that the worker did not reach, is rendered by the build
itself, which then reports its error as it would have. No worker is forked while another
thread runs (``mkdocs serve`` between builds: its rebuilds render a few pages), nor for a
build with few pages, nor (the hooks see to it) for ``mkdocs build --dirty``. ``GENERATOR_PAGE_JOBS`` sets the number of processes, whatever the
number of pages (1: none is forked); by default, one per core. A worker ends with the
build, however the build ends.

It relies on MkDocs internals, named in tests/test_mkdocs_internals.py: that ``on_nav``
comes before the pages are read, that a page is read and rendered through its
``read_source`` and ``render`` methods, the attributes ``render`` sets, and the steps of
``_build_page``.
"""

from __future__ import annotations

import logging
import os
import pickle
import struct
import tempfile
import threading
from dataclasses import dataclass, field

from mkdocs.commands.build import get_context
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from .parallel import _end_with_parent

MIN_PAGES = 200
"""Below this many pages a worker costs more than it saves."""
PAGE_COST = 3000
"""Reading a page, rendering it and taking its result cost about as much as rendering this
many bytes of its Markdown (measured at 1,000 articles: with shares by size alone, the build
waited 0.6 s for its worker; with this, 0.1 s)."""
TEMPLATE_COST = 6000
"""Rendering a page's template, and what goes with it, costs about as much as rendering
this many bytes of its Markdown."""
EARLY = False
"""True while the build's own process renders a page's template before the page's turn
(the hooks then leave what they keep for that turn in place)."""
_LENGTH = struct.Struct("<Q")


@dataclass
class _Result:
    markdown: str
    meta: dict
    content: str | None = None
    toc: object = None
    title: str | None = None
    anchors: set = field(default_factory=set)
    links: dict | None = None
    """By the ``src_uri`` of the page linked to: its anchors linked, as ``links_to_anchors``."""
    logged: list = field(default_factory=list)
    """(logger name, level, message), in order."""
    failed: bool = False
    built: tuple[int, int, int] | None = None
    """Where the page's template, rendered, lies: (file descriptor, offset, length)."""
    built_logged: list = field(default_factory=list)
    """What rendering the template logged."""


class Pool:
    """The workers of one build and the results they sent, by page (``src_uri``)."""

    def __init__(self) -> None:
        self._results: dict[str, _Result] = {}
        self._expected: set[str] = set()
        self._done = threading.Condition()
        self._open = 0
        self._owner = os.getpid()
        self.processes = 1
        """This one and the workers."""
        self.taken = 0
        """Pages that took a worker's result."""
        self.built = 0
        """Of those, pages whose template the worker rendered too."""
        self._files: dict | None = None
        """The build's files by ``src_uri`` (made once, for links to anchors)."""
        self._built: dict[str, tuple] = {}
        """By ``src_uri``: where a worker left the page's template rendered, and what it logged."""
        self._spools: list[int] = []
        """The files the processes write the pages' HTML into (already unlinked)."""
        self._mine: set[str] = set()
        """The pages this process renders, when it renders their templates early too."""
        self._templates: _Templates | None = None
        self._previous: Page | None = None

    def take_over(self, page: Page) -> None:
        """If a worker renders ``page``, make its ``read_source`` and ``render`` take the
        worker's result (waited for) instead of doing the work. (And render the template
        of the page read before, if this process read it.)"""
        self._render_previous()
        uri = page.file.src_uri
        if uri in self._mine:
            self._previous = page
        if os.getpid() != self._owner or uri not in self._expected:
            return  # a worker renders its pages itself
        result = self._result(uri)
        if result is None or result.failed:
            return  # rendered here, which reports its error as a serial build would

        def read_source(config) -> None:
            page.markdown, page.meta = result.markdown, result.meta

        def render(config, files) -> None:
            for name, level, message in result.logged:
                logging.getLogger(name).log(level, message)
            page.content, page.toc, page._title_from_render = result.content, result.toc, result.title
            page.present_anchor_ids = result.anchors
            if result.built is not None:
                self._built[uri] = (result.built, result.built_logged)
                self.built += 1
            if result.links is not None:
                if self._files is None:
                    self._files = {file.src_uri: file for file in files}
                page.links_to_anchors = {self._files[linked]: anchors for linked, anchors in result.links.items()
                                         if linked in self._files}
            del page.read_source, page.render  # the class's own again

        page.read_source, page.render = read_source, render
        self.taken += 1

    def environment(self, env):
        """The build's template environment, giving the HTML made of a page's template
        before its turn instead of rendering it again."""
        self._render_previous()
        return _Environment(env, self) if self._spools else env

    def _render_previous(self) -> None:
        """Render the template of the last page this process read (it has been read whole)."""
        page, self._previous = self._previous, None
        if page is not None and self._templates is not None and page.content is not None:
            built = self._templates.build(page)
            if built is not None:
                self._built[page.file.src_uri] = (built, [])

    def close(self) -> None:
        """Let go of the workers' files (at the end of the build)."""
        for spool in self._spools:
            os.close(spool)
        self._spools, self._built = [], {}

    def _result(self, uri: str) -> _Result | None:
        with self._done:
            while uri not in self._results and self._open:
                self._done.wait()
            return self._results.pop(uri, None)

    def _receive(self, stream, worker: int) -> None:
        try:
            while True:
                header = stream.read(_LENGTH.size)
                if len(header) < _LENGTH.size:
                    break
                uri, result = pickle.loads(stream.read(_LENGTH.unpack(header)[0]))
                with self._done:
                    self._results[uri] = result
                    self._done.notify_all()
        except (OSError, EOFError, pickle.UnpicklingError):
            pass  # the pages not received are rendered by the build
        finally:
            stream.close()
            os.waitpid(worker, 0)
            with self._done:
                self._open -= 1
                self._done.notify_all()


class _Environment:
    """A Jinja environment whose templates give a worker's HTML for the pages it rendered."""

    def __init__(self, env, pool: Pool) -> None:
        self._env, self._pool = env, pool

    def __getattr__(self, name: str):
        return getattr(self._env, name)

    def get_template(self, *args, **kwargs):
        return _Template(self._env.get_template(*args, **kwargs), self._pool)


class _Template:
    def __init__(self, template, pool: Pool) -> None:
        self._template, self._pool = template, pool

    def __getattr__(self, name: str):
        return getattr(self._template, name)

    def render(self, *args, **kwargs) -> str:
        context = args[0] if args else kwargs
        page = context.get("page") if hasattr(context, "get") else None
        built = self._pool._built.pop(page.file.src_uri, None) if page is not None else None
        if built is None:
            return self._template.render(*args, **kwargs)
        (spool, offset, length), logged = built
        for name, level, message in logged:
            logging.getLogger(name).log(level, message)
        return os.pread(spool, length, offset).decode("utf-8", "surrogatepass")


def start(config, files, nav, processes: int, min_pages: int = MIN_PAGES) -> Pool | None:
    """Fork ``processes - 1`` workers for the shares of the pages after the first, or None
    (one process, fewer than ``min_pages`` pages, or another thread running)."""
    pages = [file for file in files.documentation_pages()]
    if processes < 2 or len(pages) < max(min_pages, processes) or threading.active_count() > 1 \
            or not hasattr(os, "fork"):  # Windows: one process
        return None
    pool = Pool()
    parent = os.getpid()
    templates = _templates_alone(config, files, nav)
    shares = _shares(pages, processes, templates)
    if templates:
        with tempfile.TemporaryFile() as handle:
            pool._spools.append(os.dup(handle.fileno()))
        pool._templates = _Templates(config, files, nav, pool._spools[0], early=True)
        pool._mine = {file.src_uri for file in shares[0]}
    for share in shares[1:]:
        read, write = os.pipe()
        spool = None
        if templates:
            with tempfile.TemporaryFile() as handle:  # unlinked: nothing is left behind
                spool = os.dup(handle.fileno())
            pool._spools.append(spool)
        child = os.fork()
        if child == 0:  # the worker
            os.close(read)
            try:
                _end_with_parent(parent)
                _render(share, config, files, os.fdopen(write, "wb"), nav if templates else None, spool)
            finally:
                os._exit(0)
        os.close(write)
        pool._expected.update(file.src_uri for file in share)
        pool._open += 1
        pool.processes += 1
        threading.Thread(target=pool._receive, args=(os.fdopen(read, "rb"), child), name="page-pool",
                         daemon=True).start()
    return pool


def _templates_alone(config, files, nav) -> bool:
    """Whether a page's template can be rendered before the other pages are read: every
    page of the nav has its title from mkdocs.yml (not from its Markdown), no page is a
    draft, and no plugin but search and this site's hooks could gather anything from the
    pages for the templates."""
    plugins = all(name in ("search", "material/search") or name.replace("\\", "/").endswith("generator/hooks.py")
                  for name in config.plugins)
    titled = all("title" in vars(page) for page in nav.pages)  # Page.title is overridden on init
    return plugins and titled and not any(file.inclusion is InclusionLevel.DRAFT for file in files)


def _shares(pages: list, processes: int, templates: bool) -> list[list]:
    """The pages cut, in order, into ``processes`` runs that take about as long to render:
    by their size on disk, and :data:`PAGE_COST` each (and :data:`TEMPLATE_COST`, where
    each process renders its pages' templates too)."""
    cost = PAGE_COST + (TEMPLATE_COST if templates else 0)
    sizes = [cost + (os.path.getsize(file.abs_src_path) if file.abs_src_path else 0) for file in pages]
    total, shares, running = sum(sizes), [[] for _ in range(processes)], 0
    for file, size in zip(pages, sizes):
        shares[min(processes - 1, running * processes // total)].append(file)
        running += size
    return shares


class _Capture(logging.Handler):
    """What a worker logs, kept to be logged by the build (each record once, though it may
    reach the handler on two loggers)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []
        self._last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record is not self._last:
            self._last = record
            self.records.append((record.name, record.levelno, record.getMessage()))


def _render(share: list, config, files, stream, nav=None, spool: int | None = None) -> None:
    """In a worker: render each page of ``share`` as MkDocs does, and send its result; with
    a ``nav`` and a ``spool``, render its template into the spool too."""
    capture = _Capture()
    for name in ("mkdocs", ""):  # MkDocs' loggers, and the others (Python-Markdown's)
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(capture)
    templates = _Templates(config, files, nav, spool) if nav is not None and spool is not None else None
    for file in share:
        page = file.page or Page(None, file, config)
        capture.records = []
        try:
            config._current_page = page
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            result = _Result(page.markdown, page.meta)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            result.content, result.toc, result.title = page.content, page.toc, page._title_from_render
            result.anchors = set(page.present_anchor_ids or ())
            if page.links_to_anchors is not None:
                result.links = {linked.src_uri: anchors for linked, anchors in page.links_to_anchors.items()}
            result.logged = capture.records
        except Exception:
            result = _Result("", {}, failed=True)
        finally:
            config._current_page = None
        if templates is not None and not result.failed:
            capture.records = []
            try:
                page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
                result.built = templates.build(page)
            except Exception:
                result.built = None
            result.built_logged = capture.records
        try:
            data = pickle.dumps((file.src_uri, result), pickle.HIGHEST_PROTOCOL)
        except Exception:
            data = pickle.dumps((file.src_uri, _Result("", {}, failed=True)), pickle.HIGHEST_PROTOCOL)
        stream.write(_LENGTH.pack(len(data)) + data)
        page.content = page.markdown = None  # not needed here any more
    stream.close()


class _Templates:
    """A page's template rendered as MkDocs' ``_build_page`` renders it, before its turn:
    the context, ``on_page_context``, the template; the build runs ``on_page_context`` again
    in its turn (for the search index, which is made only then and in order: no plugin
    indexes the page here), then ``on_post_page``, and writes the file. In the build's own
    process (``early``), the page is left as it was found, for that turn."""

    def __init__(self, config, files, nav, spool: int, early: bool = False) -> None:
        self.config, self.files, self.nav, self.spool, self.early = config, files, nav, spool, early
        self.offset = 0
        self.env = None
        self.pages = files.documentation_pages()
        for page in nav.pages:  # their metadata, which the nav may show, as the build reads it
            if page.markdown is None and page.file.abs_src_path:
                page.read_source(config)

    def build(self, page) -> tuple[int, int, int] | None:
        global EARLY
        config = self.config
        current, content = config._current_page, page.content
        indexes = [(plugin, plugin.search_index) for plugin in config.plugins.values() if hasattr(plugin, "search_index")]
        config._current_page, EARLY = page, self.early
        try:
            for plugin, _ in indexes:
                plugin.search_index = _NoIndex()
            if self.env is None:  # as the build's, which only search and these hooks see in on_env
                self.env = config.theme.get_env()
            page.active = True
            context = get_context(self.nav, self.pages, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            data = template.render(context).encode("utf-8", "surrogatepass")
            view, offset = memoryview(data), self.offset
            while view:  # only this process writes to its spool
                view = view[os.write(self.spool, view):]
            self.offset += len(data)
            return self.spool, offset, len(data)
        except Exception:
            return None  # the build renders it in its turn, and reports what went wrong
        finally:
            for plugin, index in indexes:
                plugin.search_index = index
            page.active = False
            config._current_page, EARLY = current, False
            if self.early:
                page.content = content


class _NoIndex:
    """A search index that keeps nothing (while a template is rendered before its turn)."""

    def add_entry_from_context(self, page) -> None:
        pass
