"""``mkdocs build`` on every core: the pages rendered by forked processes.

MkDocs renders one page after another: its Markdown (Python-Markdown, with MkDocs' link
checks), then, once every page is read, its template. When the build starts on its pages
(the hooks' ``on_nav``), :func:`start` forks one process per core. The pages, in MkDocs'
order, are cut into small runs (:data:`RUN`); each worker takes the next run no worker has
taken, as it comes to be free, so that they finish together whatever the pages cost. A
worker renders the pages of its runs exactly as MkDocs would (its own ``read_source``, the
``on_pre_page`` and ``on_page_markdown`` events, its own ``render``), and sends back what
that gives: the page's source and metadata, its HTML, table of contents, title, anchors and
links to anchors, and what it logged. The build renders no page itself: as it comes to each
page, in its order, :meth:`Pool.take_over` makes the page take the worker's result instead
of rendering it (the events run as always, and what the worker logged is logged then, so a
strict build fails on it as it would).

MkDocs renders the templates after every page is read, in one process. Where nothing in a
page's template depends on another page's rendering (every page of the nav has its title in
mkdocs.yml, no page is a draft, and the only plugins are search and these hooks), a worker
renders each page's template right after the page, as MkDocs' ``_build_page`` does
(``on_page_content``, the context, ``on_page_context``, the template), into a file of its
own, unlinked, so that nothing is left behind; the entries the search plugin makes of the
page are kept aside instead of going into its index. In each page's turn, MkDocs runs
``on_page_context`` as always, and the search plugin's index (from ``on_env``,
:meth:`Pool.environment`) takes the entries made before, so the index is made in the pages'
order; the build's environment gives the HTML made before instead of rendering the template
again; MkDocs writes it. The output is the same byte for byte (tested).

A page whose worker failed, or that no worker reached, is rendered by the build itself,
which then reports its error as it would have. No worker is forked while another thread
runs (``mkdocs serve`` between builds: its rebuilds render a few pages), nor for a build
with few pages, nor (the hooks see to it) for ``mkdocs build --dirty``.
``GENERATOR_PAGE_JOBS`` sets the number of workers, whatever the number of pages (1: none
is forked, the build renders every page); by default, one per core. A worker ends with the
build, however the build ends.

It relies on MkDocs internals, named in tests/test_mkdocs_internals.py: that ``on_nav``
comes before the pages are read, that a page is read and rendered through its
``read_source`` and ``render`` methods, the attributes ``render`` sets, and the steps of
``_build_page``.
"""

from __future__ import annotations

import copy
import logging
import os
import pickle
import struct
import tempfile
import threading
from dataclasses import dataclass, field

from jinja2 import TemplateNotFound
from mkdocs.commands.build import get_context
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from .parallel import _end_with_parent

MIN_PAGES = 200
"""Below this many pages a worker costs more than it saves."""
RUN = 8
"""Pages in a run that one worker takes (more where there would be over :data:`MAX_RUNS`):
the workers finish within about one run's time of each other."""
MAX_RUNS = 1024
"""All runs are queued before the workers start, 4 bytes each: this many fill 4 KB, the
least a pipe holds (Linux gives a pipe one page when a user has many), so that queueing
them never waits."""
_LENGTH = struct.Struct("<Q")
_RUN = struct.Struct("<I")


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
    indexed: list | None = None
    """The entries each search plugin made of the page then (see :class:`_Recorder`)."""


class Pool:
    """The workers of one build and the results they sent, by page (``src_uri``)."""

    def __init__(self) -> None:
        self._results: dict[str, _Result] = {}
        self._runs: _Runs | None = None
        self._done = threading.Condition()
        self._open = 0
        self._owner = os.getpid()
        self.workers = 0
        self.taken = 0
        """Pages that took a worker's result."""
        self.built = 0
        """Of those, pages whose template the worker rendered too."""
        self.indexed = 0
        """Of those, pages whose search entries the worker made too."""
        self._files: dict | None = None
        """The build's files by ``src_uri`` (made once, for links to anchors)."""
        self._built: dict[str, tuple] = {}
        """By ``src_uri``: where a worker left the page's template rendered, and what it logged."""
        self._indexed: dict[str, list] = {}
        """By ``src_uri``: the search entries made of the page before its turn, by search plugin."""
        self._indexes: list[tuple] = []
        """(search plugin, its own index) while the index takes the entries made before."""
        self._spools: list[int] = []
        """The files the workers write the pages' HTML into (already unlinked)."""

    def take_over(self, page: Page) -> None:
        """Make the ``read_source`` and ``render`` of ``page`` take a worker's result
        (waited for) instead of doing the work."""
        uri = page.file.src_uri
        if os.getpid() != self._owner or self._runs is None or not self._runs.has(uri):
            return  # a worker renders its pages itself; the build, a page no worker renders
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
                self._keep_indexed(uri, result.indexed)
            if result.links is not None:
                if self._files is None:
                    self._files = {file.src_uri: file for file in files}
                page.links_to_anchors = {self._files[linked]: anchors for linked, anchors in result.links.items()
                                         if linked in self._files}
            del page.read_source, page.render  # the class's own again

        page.read_source, page.render = read_source, render
        self.taken += 1

    def made(self, page: Page) -> bool:
        """Whether a worker made the page's HTML and search entries (its turn needs only
        to take them)."""
        return page.file.src_uri in self._built and page.file.src_uri in self._indexed

    def environment(self, env, config):
        """The build's template environment, giving the HTML made of a page's template
        before its turn instead of rendering it again; and the search plugins' indexes
        taking the entries made of a page before its turn (until :meth:`close`)."""
        if not self._spools:
            return env
        for plugin in _search_plugins(config):
            self._indexes.append((plugin, plugin.search_index))
            plugin.search_index = _Index(plugin.search_index, self, len(self._indexes) - 1)
        return _Environment(env, self)

    def _keep_indexed(self, uri: str, indexed: list | None) -> None:
        """Keep the page's search entries if every search plugin's could be kept (else each
        plugin indexes the page in its turn, from the content the hooks give it then)."""
        if indexed is not None and all(entries is not None for entries in indexed):
            self._indexed[uri] = indexed
            self.indexed += 1

    def close(self) -> None:
        """Let go of the workers' files, and give the search plugins their own indexes back
        (at the end of the build, before the search plugin writes its index)."""
        for spool in self._spools:
            os.close(spool)
        for plugin, index in self._indexes:
            plugin.search_index = index
        if self._runs is not None:
            self._runs.close()
        self._spools, self._built, self._indexed, self._indexes, self._runs = [], {}, {}, [], None

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
        if page is not None:
            self._pool._indexed.pop(page.file.src_uri, None)
        if built is None:
            return self._template.render(*args, **kwargs)
        (spool, offset, length), logged = built
        for name, level, message in logged:
            logging.getLogger(name).log(level, message)
        return os.pread(spool, length, offset).decode("utf-8", "surrogatepass")


def start(config, files, nav, processes: int, min_pages: int = MIN_PAGES) -> Pool | None:
    """Fork ``processes`` workers that render the pages for the build, or None (one
    process asked for, fewer than ``min_pages`` pages, or another thread running)."""
    pages = [file for file in files.documentation_pages()]
    if processes < 2 or len(pages) < max(min_pages, processes) or threading.active_count() > 1 \
            or not hasattr(os, "fork"):  # Windows: one process
        return None
    pool = Pool()
    parent = os.getpid()
    templates = _templates_alone(config, files, nav)
    pool._runs = _Runs(pages)
    for _ in range(processes):
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
                _render(pool._runs, config, files, os.fdopen(write, "wb"), nav if templates else None, spool)
            finally:
                os._exit(0)
        os.close(write)
        pool._open += 1
        pool.workers += 1
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


class _Runs:
    """The pages cut into runs of consecutive pages, numbered in order, and queued in a pipe
    that every process reads from: a read of a run's 4 bytes takes it, so each run is taken
    by one process, in order; once the queue is empty, every read finds its end. (No lock
    that a process killed while holding it would leave held.)"""

    def __init__(self, pages: list) -> None:
        self.pages = pages
        self.size = max(RUN, -(-len(pages) // MAX_RUNS))
        self._runs = {file.src_uri: number // self.size for number, file in enumerate(pages)}
        self._queue, write = os.pipe()
        try:
            os.write(write, b"".join(_RUN.pack(number) for number in range(len(self))))
        finally:
            os.close(write)

    def __len__(self) -> int:
        return -(-len(self.pages) // self.size)

    def has(self, uri: str) -> bool:
        return uri in self._runs

    def take(self) -> int | None:
        """The next run no process has taken (None: none is left)."""
        data = os.read(self._queue, _RUN.size)
        return _RUN.unpack(data)[0] if len(data) == _RUN.size else None

    def pages_of(self, run: int) -> list:
        return self.pages[run * self.size:(run + 1) * self.size]

    def close(self) -> None:
        os.close(self._queue)


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


def _render(runs: _Runs, config, files, stream, nav=None, spool: int | None = None) -> None:
    """In a worker: take run after run, render each of its pages as MkDocs does, and send
    its result; with a ``nav`` and a ``spool``, render its template into the spool too."""
    capture = _Capture()
    for name in ("mkdocs", ""):  # MkDocs' loggers, and the others (Python-Markdown's)
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(capture)
    templates = _Templates(config, files, nav, spool) if nav is not None and spool is not None else None
    for file in _taken(runs):
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
                result.markdown = page.markdown  # as the build keeps it (the hooks let some go)
                result.built, result.indexed = templates.build(page) or (None, None)
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


def _taken(runs: _Runs):
    """The pages of the runs this process takes, one run after another until none is left."""
    while (run := runs.take()) is not None:
        yield from runs.pages_of(run)


class _Templates:
    """In a worker, a page's template rendered as MkDocs' ``_build_page`` renders it, before
    its turn: the context, ``on_page_context``, the template; the build runs
    ``on_page_context`` again in its turn (where the search index takes the entries made
    here: it is made in the pages' order), then ``on_post_page``, and writes the file."""

    def __init__(self, config, files, nav, spool: int) -> None:
        self.config, self.files, self.nav, self.spool = config, files, nav, spool
        self.offset = 0
        self.env = None
        self.pages = files.documentation_pages()
        for page in nav.pages:  # their metadata, which the nav may show, as the build reads it
            if page.markdown is None and page.file.abs_src_path:
                page.read_source(config)

    def build(self, page) -> tuple[tuple[int, int, int], list] | None:
        """Where the page's HTML lies in the spool (file descriptor, offset, length), and
        the entries each search plugin made of it (None where they could not be kept)."""
        config = self.config
        current = config._current_page
        indexes = [(plugin, plugin.search_index) for plugin in _search_plugins(config)]
        recorders = [_Recorder(index) for _, index in indexes]
        config._current_page = page
        try:
            for (plugin, _), recorder in zip(indexes, recorders):
                plugin.search_index = recorder
            if self.env is None:  # as the build's, which only search and these hooks see in on_env
                self.env = config.theme.get_env()
                _OutsideTheNav(self.env, self.nav, config)
            page.active = True
            context = get_context(self.nav, self.pages, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            data = template.render(context).encode("utf-8", "surrogatepass")
            view, offset = memoryview(data), self.offset
            while view:  # only this process writes to its spool
                view = view[os.write(self.spool, view):]
            self.offset += len(data)
            return (self.spool, offset, len(data)), [recorder.entries for recorder in recorders]
        except Exception:
            return None  # the build renders it in its turn, and reports what went wrong
        finally:
            for plugin, index in indexes:
                plugin.search_index = index
            page.active = False
            config._current_page = current


SAME_OUTSIDE_THE_NAV = ("partials/nav.html", "partials/tabs.html")
"""Material's partials whose HTML, for a page that is not in the nav, depends on the page
only through the URLs they make relative to it with the ``url`` filter: those of the nav's
items, the home page and the logo (tests/test_mkdocs_internals.py names every use of the
page and of ``url`` in them)."""


class _OutsideTheNav:
    """In a worker's template environment, each partial of :data:`SAME_OUTSIDE_THE_NAV`
    rendered once for the pages not in the nav that see the same relative URLs (most of
    the site: a page's folder decides them), and its HTML given again to the others."""

    def __init__(self, env, nav, config) -> None:
        self.in_nav = {page.file.src_uri for page in nav.pages}
        self.url = env.filters["url"]
        self.targets: list[str] = [str(url) for url in (config.extra.get("homepage"), config.theme.get("logo"),
                                                        nav.homepage.url if nav.homepage else None) if url]
        self._add_targets(nav.items)
        for name in SAME_OUTSIDE_THE_NAV:
            try:
                template = env.get_template(name)
            except TemplateNotFound:
                continue
            template.root_render_func = self._once_per_urls(template.root_render_func)

    def _add_targets(self, items) -> None:
        for item in items:
            if getattr(item, "url", None):
                self.targets.append(str(item.url))
            self._add_targets(getattr(item, "children", None) or ())

    def _once_per_urls(self, render):
        made: dict[tuple, str] = {}

        def root(context):
            page = context.get("page")
            if page is None or page.file.src_uri in self.in_nav:
                yield from render(context)
                return
            key = tuple(self.url(context, target) for target in self.targets)
            if key not in made:
                made[key] = "".join(render(context))
            yield made[key]

        return root


def _search_plugins(config) -> list:
    return [plugin for plugin in config.plugins.values() if hasattr(plugin, "search_index")]


class _Recorder:
    """Stands for a search plugin's index while a template is rendered before its turn:
    keeps the entries the plugin makes of the page apart (in ``entries``), where the index
    is Material's (a list of entries, each page's made by ``add_entry_from_context`` alone);
    any other keeps nothing (None), and the page is indexed in its turn."""

    def __init__(self, index) -> None:
        self._index = index
        self.entries: list | None = None

    def add_entry_from_context(self, page) -> None:
        if isinstance(getattr(self._index, "entries", None), list):
            own = copy.copy(self._index)
            own.entries = []
            own.add_entry_from_context(page)
            self.entries = own.entries


class _Index:
    """A search plugin's index in the pages' turns: takes the entries made of a page before
    (by its :class:`_Recorder`) instead of making them again; the rest is the index's own."""

    def __init__(self, index, pool: Pool, position: int) -> None:
        self._index, self._pool, self._position = index, pool, position

    def __getattr__(self, name: str):
        return getattr(self._index, name)

    def add_entry_from_context(self, page) -> None:
        indexed = self._pool._indexed.get(page.file.src_uri)
        if indexed is None:
            self._index.add_entry_from_context(page)
        else:
            self._index.entries.extend(indexed[self._position])
