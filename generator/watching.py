"""What ``mkdocs serve`` watches, and when it looks.

MkDocs polls every file it watches, twice a second, in a thread of the process that builds.
Two things follow for a large corpus:

- The generated pages need no watching: the generator writes them within the build that
  reads them. So of docs/ only its own files and the folders that hold a file the generator
  did not write are watched (a folder made while serving is watched from the next start).
- A poll during a build competes with it for Python's interpreter lock: at 10,000 articles
  one look at sources/ stats 10,000 files, and a served edit took about 29 s with the polls
  running and 22–23 s with them paused (docs/performance.md). So the polls wait while the site builds. Nothing
  is lost: the first poll after the build compares with the one before it, and an edit made
  meanwhile starts the next build.
"""

from __future__ import annotations

import threading
from pathlib import Path

from watchdog.observers.polling import PollingEmitter

from .output import owned_files


def watch(server, config, sources: Path) -> None:
    """Make ``server`` (MkDocs' LiveReloadServer, before it starts) watch ``sources``, and of
    docs/ only what people write there; its polls wait while it builds."""
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
    _poll_between_builds(server)


class _PollingBetweenBuilds(PollingEmitter):
    """MkDocs' polling emitter, but a poll and a build never run at once."""

    building: threading.Lock
    """Held by a build, and by a poll while it looks."""

    def queue_events(self, timeout) -> None:
        if self.stopped_event.wait(timeout):
            return
        while not self.building.acquire(timeout=timeout):
            if self.stopped_event.is_set():
                return
        try:
            super().queue_events(0)  # the interval has been waited
        finally:
            self.building.release()


def _poll_between_builds(server) -> None:
    """The server's builder holds a lock while it builds, and its polling emitters take it
    to look.

    The emitters are MkDocs' own (so every path any plugin watched is kept), given the class
    above; an observer of another kind is left as it is."""
    building = threading.Lock()
    build = server.builder

    def builder(*args, **kwargs):
        with building:
            return build(*args, **kwargs)

    server.builder = builder
    for emitter in server.observer.emitters:
        if type(emitter) is PollingEmitter:
            emitter.__class__ = _PollingBetweenBuilds
            emitter.building = building


def _generated_folders(docs: Path) -> set[str]:
    """The names of the folders in ``docs`` whose every file the generator wrote."""
    owned = owned_files(docs)
    folders = {path.split("/", 1)[0] for path in owned if "/" in path}
    return {folder for folder in folders
            if all(file.relative_to(docs).as_posix() in owned for file in (docs / folder).rglob("*") if file.is_file())}
