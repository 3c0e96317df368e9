"""``mkdocs build`` on every core: the pages' Markdown rendered by forked processes too.

MkDocs renders one page after another, and rendering the Markdown (Python-Markdown, with
MkDocs' link checks) is about four fifths of building this site. When the build starts on
its pages (the hooks' ``on_nav``), :func:`start` forks one process per further core; each
renders a share of the pages, in MkDocs' order, exactly as MkDocs would (its own
``read_source``, the ``on_pre_page`` and ``on_page_markdown`` events, its own ``render``),
and sends back what that gives: the page's source and metadata, its HTML, table of
contents, title, anchors and links to anchors, and what it logged. The build renders the
first share itself; when it comes to a page of another share, :meth:`Pool.take_over` makes
the page take its result instead of rendering it (the events run as always, and what the
worker logged is logged then, so a strict build fails on it as it would). The output is the
same byte for byte (tested).

A page whose worker failed, or that the worker did not reach, is rendered by the build
itself, which then reports its error as it would have. No worker is forked while another
thread runs (``mkdocs serve`` between builds: its rebuilds render a few pages), nor for a
build with few pages, nor (the hooks see to it) for ``mkdocs build --dirty``. ``GENERATOR_PAGE_JOBS`` sets the number of processes, whatever the
number of pages (1: none is forked); by default, one per core. A worker ends with the
build, however the build ends.

It relies on MkDocs internals, named in tests/test_mkdocs_internals.py: that ``on_nav``
comes before the pages are read, that a page is read and rendered through its
``read_source`` and ``render`` methods, and the attributes ``render`` sets.
"""

from __future__ import annotations

import logging
import os
import pickle
import struct
import threading
from dataclasses import dataclass, field

from mkdocs.structure.pages import Page

from .parallel import _end_with_parent

MIN_PAGES = 200
"""Below this many pages a worker costs more than it saves."""
PAGE_COST = 3000
"""Reading a page, rendering it and taking its result cost about as much as rendering this
many bytes of its Markdown (measured at 1,000 articles: with shares by size alone, the build
waited 0.6 s for its worker; with this, 0.1 s)."""
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
        self._files: dict | None = None
        """The build's files by ``src_uri`` (made once, for links to anchors)."""

    def take_over(self, page: Page) -> None:
        """If a worker renders ``page``, make its ``read_source`` and ``render`` take the
        worker's result (waited for) instead of doing the work."""
        uri = page.file.src_uri
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
            if result.links is not None:
                if self._files is None:
                    self._files = {file.src_uri: file for file in files}
                page.links_to_anchors = {self._files[linked]: anchors for linked, anchors in result.links.items()
                                         if linked in self._files}
            del page.read_source, page.render  # the class's own again

        page.read_source, page.render = read_source, render
        self.taken += 1

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


def start(config, files, processes: int, min_pages: int = MIN_PAGES) -> Pool | None:
    """Fork ``processes - 1`` workers for the shares of the pages after the first, or None
    (one process, fewer than ``min_pages`` pages, or another thread running)."""
    pages = [file for file in files.documentation_pages()]
    if processes < 2 or len(pages) < max(min_pages, processes) or threading.active_count() > 1 \
            or not hasattr(os, "fork"):  # Windows: one process
        return None
    shares = _shares(pages, processes)
    pool = Pool()
    parent = os.getpid()
    for share in shares[1:]:
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # the worker
            os.close(read)
            try:
                _end_with_parent(parent)
                _render(share, config, files, os.fdopen(write, "wb"))
            finally:
                os._exit(0)
        os.close(write)
        pool._expected.update(file.src_uri for file in share)
        pool._open += 1
        pool.processes += 1
        threading.Thread(target=pool._receive, args=(os.fdopen(read, "rb"), child), name="page-pool",
                         daemon=True).start()
    return pool


def _shares(pages: list, processes: int) -> list[list]:
    """The pages cut, in order, into ``processes`` runs that take about as long to render:
    by their size on disk, and :data:`PAGE_COST` each."""
    sizes = [PAGE_COST + (os.path.getsize(file.abs_src_path) if file.abs_src_path else 0) for file in pages]
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


def _render(share: list, config, files, stream) -> None:
    """In a worker: render each page of ``share`` as MkDocs does, and send its result."""
    capture = _Capture()
    for name in ("mkdocs", ""):  # MkDocs' loggers, and the others (Python-Markdown's)
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(capture)
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
        try:
            data = pickle.dumps((file.src_uri, result), pickle.HIGHEST_PROTOCOL)
        except Exception:
            data = pickle.dumps((file.src_uri, _Result("", {}, failed=True)), pickle.HIGHEST_PROTOCOL)
        stream.write(_LENGTH.pack(len(data)) + data)
        page.content = page.markdown = None  # not needed here any more
    stream.close()
