"""What ``mkdocs serve`` watches, and when it looks.

MkDocs polls every file it watches, twice a second, in a thread of the process that builds.
Here is what the server does with that:

- The generated pages need no watching: the generator writes them within the build that
  reads them. So of docs/ only its own files and the folders that hold a file the generator
  did not write are watched (a folder made while serving is watched from the next start).
- What the generator writes where people write too (index.md, timeline.md at the top of
  docs/; a page added or deleted with an article) is seen by the polls, but starts no
  second build: a change to a file the generator wrote in this session is not passed on.
  A generated page edited by hand is therefore not rebuilt at once; the next build writes
  it again, as it does in the generated folders.
- A poll during a build competes with it for Python's interpreter lock: one look at
  sources/ stats every article, and a large corpus's served edits were markedly slower with
  the polls running (the figures: docs/contributing/performance.md). So the polls wait
  while the site builds. Nothing is lost: the first poll after the build compares with the one before
  it, and an edit made meanwhile starts the next build.
- Every rebuild is a dirty one, as with ``mkdocs serve --dirty``: MkDocs renders only the
  pages whose Markdown changed (the generator writes only the files whose content changed,
  and mkdocs.yml names every title of the nav), so an edit shows in seconds, not in the
  minutes a full build of a large corpus takes. The pages a rebuild no longer makes (an
  article removed) are removed from the served site. A change to anything else MkDocs
  watches (mkdocs.yml, the theme, a folder of mkdocs.yml's ``watch:``) or a hand-written file
  deleted or moved makes a full build. ``mkdocs serve --clean`` keeps MkDocs' own behaviour.
- A build that fails (broken YAML in an article, a registry file that cannot be read) is
  reported in the log, and the server goes on serving the last site that was built, each
  page with a banner that shows the error; the next good save builds the site and takes the
  banner away. (MkDocs itself would hold every page request until a build succeeds.)

Every use of MkDocs' server internals is here: ``server.builder`` (and the ``is_dirty`` and
``is_clean`` its closure reads), the class of its polling emitters, and
``server._inject_js_into_html``. tests/test_mkdocs_internals.py names each one
and fails, by name, on a release of MkDocs or watchdog that changes it; tests/test_serve.py
checks the behaviour built on them.
"""

from __future__ import annotations

import html
import logging
import os
import threading
from pathlib import Path

from mkdocs.exceptions import BuildError
from mkdocs.structure.files import File
from watchdog.events import FileDeletedEvent, FileMovedEvent
from watchdog.observers.polling import PollingEmitter

from .output import MANIFEST, owned_files
from .problems import InputError

log = logging.getLogger("mkdocs.generator")


def watch(server, config, sources: Path) -> None:
    """Make ``server`` (MkDocs' LiveReloadServer, before it starts) watch ``sources``, and of
    docs/ only what people write there; its polls wait while it builds, and pass on no change
    the generator made."""
    server.watch(str(sources))
    docs = Path(config.docs_dir)
    generated = _generated_folders(docs)
    if generated:
        server.unwatch(config.docs_dir)
        server.watch(config.docs_dir, recursive=False)
        for folder in sorted(docs.iterdir()):
            if folder.is_dir() and folder.name not in generated:
                server.watch(str(folder))
    # MkDocs watches the paths of mkdocs.yml's `watch:` after this hook: watched here first,
    # their polls wait too (MkDocs' own watch then only counts one more watcher).
    for path in config.watch:
        server.watch(path)
    _poll_between_builds(server, _Builds(docs, sources, config), config)


class _Builds:
    """What the server's builder shares with its polls: a lock held while it builds, and
    the files the generator wrote."""

    def __init__(self, docs: Path, sources: Path, config):
        self.lock = threading.Lock()
        """Held by a build, and by a poll while it looks."""
        self._docs = docs
        self._folder = os.path.abspath(docs)  # how MkDocs names the paths it watches
        self._settings = [os.path.abspath(path) for path in (config.config_file_path, *config.theme.dirs,
                                                             *config.watch) if path]
        """Where a change makes a full build: mkdocs.yml, the theme, the paths of its ``watch:``."""
        self.generated: frozenset[str] = frozenset()
        """Every file the generator listed as its own in this session, and its list (as
        the polls name them): what it deletes is in it too."""
        self.owned: set[str] = set()
        """The files the generator owns after the latest build (relative to docs/)."""
        self.failed: str | None = None
        """Why the latest build failed; None when it succeeded."""
        self.full = False
        """A change since the last build that a dirty rebuild would not show everywhere."""
        self.note_generated()

    def note_generated(self) -> None:
        try:
            self.owned = owned_files(self._docs)
        except InputError:  # the build reports an unreadable list
            self.owned = set()
        self.generated = self.generated.union(
            os.path.join(self._folder, *path.split("/")) for path in (*self.owned, MANIFEST))

    def wrote(self, event) -> bool:
        """Whether ``event`` (a file's) is only about files the generator wrote."""
        return all(path in self.generated for path in (event.src_path, event.dest_path) if path)

    def note(self, event) -> None:
        """Note a change the polls pass on: one to mkdocs.yml, the theme or a path of its
        ``watch:``, or a file of docs/ deleted or moved, asks for a full build."""
        moved = isinstance(event, (FileDeletedEvent, FileMovedEvent))
        for path in (event.src_path, event.dest_path):
            if path and (any(path == setting or path.startswith(setting + os.sep) for setting in self._settings)
                         or moved and path.startswith(self._folder + os.sep)):
                self.full = True


class _PollingBetweenBuilds(PollingEmitter):
    """MkDocs' polling emitter, but a poll and a build never run at once, and a change to a
    file the generator wrote is not passed on."""

    builds: _Builds

    def queue_events(self, timeout) -> None:
        if self.stopped_event.wait(timeout):
            return
        while not self.builds.lock.acquire(timeout=timeout):
            if self.stopped_event.is_set():
                return
        try:
            super().queue_events(0)  # the interval has been waited
        finally:
            self.builds.lock.release()

    def queue_event(self, event) -> None:
        if event.is_directory or not self.builds.wrote(event):
            if not event.is_directory:
                self.builds.note(event)
            super().queue_event(event)


def _poll_between_builds(server, builds: _Builds, config) -> None:
    """The server's builder holds ``builds.lock`` while it builds, and notes what the
    generator wrote; a rebuild is dirty unless :attr:`_Builds.full` asks for a full one, and
    removes the pages that are no longer made; a build that fails leaves the last site
    served, with the error on each page it serves; its polling emitters take the lock to look.

    The emitters are MkDocs' own (so every path any plugin watched is kept), given the class
    above; an observer of another kind is left as it is."""
    build = server.builder
    dirty = _dirty_switch(build)

    def builder(*args, **kwargs):
        with builds.lock:
            full, builds.full = builds.full, False
            if dirty is not None:
                dirty.cell_contents = not full
            before = builds.owned
            try:
                build(*args, **kwargs)
                builds.failed = None
            except Exception as error:  # served on: the last site built, with the error on it
                builds.failed = _reason(error)
                builds.full = builds.full or full  # a full build cleans the site first: the next one is full
                log.error("The build failed: the server shows the last site built, with this error on "
                          "every page, until a build succeeds.")
            finally:
                builds.note_generated()
            if not full:
                _remove_pages(before - builds.owned, config)

    inject_reload = server._inject_js_into_html  # what MkDocs adds to every page it serves

    def inject(content: bytes, epoch: int) -> bytes:
        content = inject_reload(content, epoch)
        return content if builds.failed is None else _with_banner(content, builds.failed)

    server.builder = builder
    server._inject_js_into_html = inject
    for emitter in server.observer.emitters:
        if type(emitter) is PollingEmitter:
            emitter.__class__ = _PollingBetweenBuilds
            emitter.builds = builds


def _dirty_switch(build):
    """The cell of ``mkdocs serve``'s builder that says whether a rebuild is dirty, when it
    is MkDocs' default (neither ``--dirty`` nor ``--clean`` given); else None (the user's
    choice stands)."""
    cells = dict(zip(build.__code__.co_freevars, build.__closure__ or ()))
    dirty, clean = cells.get("is_dirty"), cells.get("is_clean")
    if dirty is None or clean is None:
        log.info("This MkDocs serves without dirty rebuilds: every edit rebuilds the whole site.")
        return None
    return None if dirty.cell_contents or clean.cell_contents else dirty


def _remove_pages(removed: set[str], config) -> None:
    """Remove from the served site the pages of the generated files ``removed`` (a dirty
    build does not), and the folders that held only them."""
    site = Path(config.site_dir)
    for path in sorted(removed):
        if not path.endswith(".md"):
            continue
        target = Path(File(path, config.docs_dir, config.site_dir, config.use_directory_urls).abs_dest_path)
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != site and site in folder.parents and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _reason(error: BaseException) -> str:
    """What made a build fail: the first of MkDocs' build errors (a plugin's, the
    generator's) among the exceptions chained to ``error``, else ``error`` itself."""
    seen, current = [], error
    while current is not None and current not in seen:
        seen.append(current)
        if isinstance(current, BuildError):
            return str(current)
        current = current.__cause__ or current.__context__
    return str(error) or type(error).__name__


_BANNER = ('<div role="alert" style="position:sticky;top:0;z-index:10;margin:0;padding:.8em 1.2em;'
           'background:#8b0000;color:#fff;font:14px/1.4 system-ui,sans-serif;max-height:40vh;overflow:auto">'
           "<strong>The last build failed.</strong> This is the site as it was last built; it is built "
           'again when you save a fix.<pre style="white-space:pre-wrap;margin:.5em 0 0;color:#fff;'
           'background:none;font-size:13px">{}</pre></div>')


def _with_banner(content: bytes, reason: str) -> bytes:
    """The page with a banner showing why the last build failed, first in its body."""
    lines = reason.splitlines()
    shown = "\n".join(lines[:40] + ([f"... and {len(lines) - 40} more lines (see the log)"] if len(lines) > 40 else []))
    banner = _BANNER.format(html.escape(shown)).encode("utf-8")
    body = content.find(b"<body")
    at = content.find(b">", body) + 1 if body != -1 else 0
    return content[:at] + banner + content[at:]


def _generated_folders(docs: Path) -> set[str]:
    """The names of the folders in ``docs`` whose every file the generator wrote."""
    owned = owned_files(docs)
    folders = {path.split("/", 1)[0] for path in owned if "/" in path}
    return {folder for folder in folders
            if all(file.relative_to(docs).as_posix() in owned for file in (docs / folder).rglob("*") if file.is_file())}
