"""Reuse between runs, so that a rerun costs a fraction of a full run.

A cache folder (``.cache/generator`` in the project by default; ``build --cache DIR``,
``--no-cache``) keeps three things:

- **the findings of each article** (cleaned text, mentions, dated statements, name
  conflicts), keyed by a digest of the article file, the alias index and the generator's
  own code. An edited article, a changed alias or a new generator finds again; every
  other article's findings are read back.
- **the last successful build of each output folder**, keyed by a digest of every input
  (the sources, the hand-written pages beside the output, the generator's code), with
  the size and modification time of every file it wrote. When none of that changed, the
  build is not redone and no file is touched.
- **what each page of that build read** (:mod:`generator.incremental.reuse`), with the generator's code
  and the state of the page's file: a page whose reads all return what they returned, and
  whose file was not touched, is not rendered again. With them, why the build made each
  file again or kept it, and which files it deleted (``python -m generator explain``).

The cache only saves work: deleting it, or building without it, gives the same output.
Entries are written atomically, and an unreadable entry is treated as missing; a cache
folder that cannot be written is said once (on stderr), and the build goes on without
keeping its work. Entries are pickles: the cache is the builder's own working folder,
never something downloaded.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from .. import atomic
from .reuse import Reuse

CODE = Path(__file__).resolve().parent.parent
"""The generator's own files: a change to any of them invalidates every entry."""
KEEP_UNUSED = 1000
"""Findings not used by a run are deleted once the cache holds more than this many of them."""

T = TypeVar("T")


@functools.cache
def code_digest() -> str:
    """A digest of the generator's code, templates and schemas."""
    digest = hashlib.sha256()
    for path in sorted(CODE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".json"):
            digest.update(path.relative_to(CODE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def digest_of(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


class Cache:
    """One cache folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.broken: str | None = None
        """Why entries cannot be written (said once), or None."""

    # Per-article findings ------------------------------------------------------------

    def filed(self, articles: Sequence, index, compute: Callable[[list[int]], Iterable[T]]) -> Iterator[T]:
        """The filed findings of each article, in order (:func:`findings`), keyed by the
        article, the alias ``index`` it was read with and the generator's code; ``compute``
        finds and files the articles at the positions it is given."""
        common = digest_of(code_digest(), pickle.dumps((index.keys, sorted(index.prefixes), sorted(index.variants),
                                                        sorted(index.surnames), index.facts)))
        return self.findings([digest_of(common, pickle.dumps(article)) for article in articles], compute)

    def findings(self, keys: Sequence[str], compute: Callable[[list[int]], Iterable[T]]) -> Iterator[T]:
        """The value for each key, in order, as they come: read back where cached, else
        computed (in one call to ``compute`` with the positions of the missing keys, whose
        values it yields in order) and stored."""
        folder = self.folder / "findings"
        paths = [folder / f"{key}.pickle" for key in keys]
        missing = [i for i, path in enumerate(paths) if not path.is_file()]
        computed = iter(compute(missing)) if missing else iter(())
        missing_set = set(missing)
        for i, path in enumerate(paths):
            value = None if i in missing_set else self._read(path)
            if value is None:  # missing, or damaged: computed again
                value = next(computed) if i in missing_set else next(iter(compute([i])))
                self._write(path, value)
            yield value
        self._prune(folder, {path.name for path in paths})

    def _prune(self, folder: Path, used: set[str]) -> None:
        unused = sorted(set(os.listdir(folder)) - used) if folder.is_dir() else []
        if len(unused) > KEEP_UNUSED:
            for name in unused:
                (folder / name).unlink(missing_ok=True)

    # Whole runs ----------------------------------------------------------------------

    def last_run(self, out: Path, inputs: str):
        """What the last build into ``out`` returned, if its inputs digest was ``inputs`` and
        every file it wrote is still as it left it; else None."""
        state = self._read(self._run_file(out))
        if state is None or state["inputs"] != inputs or state["files"] != _file_states(out, state["files"]):
            return None
        return state["result"]

    def save_run(self, out: Path, inputs: str, written: Iterable[str], result, reuse: Reuse | None = None) -> None:
        """Keep what the build into ``out`` returned, with the state of every file it wrote,
        and the records of its pages when it made them (``reuse``)."""
        states = _file_states(out, {path: None for path in sorted(written)})
        if reuse is not None:  # first: a run file without its pages is a run that recorded none
            table, digests, records = reuse.saved()
            files = {record.path: states.get(record.path) for record in records.values()}
            self._write(self._run_file(out, "pages"), {
                "code": code_digest(), "table": table, "digests": digests, "records": records, "files": files,
                "explained": reuse.explained, "deleted": result.files.deleted_paths})
        else:
            self._run_file(out, "pages").unlink(missing_ok=True)  # it would explain an older build
        self._run_file(out, "unchanged").unlink(missing_ok=True)
        self._write(self._run_file(out), {"inputs": inputs, "files": states, "result": result})

    def note_unchanged(self, out: Path) -> None:
        """The last build into ``out`` found every input as the build before left it, and
        touched no file (``explain`` says so)."""
        marker = self._run_file(out, "unchanged")
        if not marker.is_file():
            self._write(marker, True)

    def explanations(self, out: Path) -> tuple[dict | None, bool]:
        """What the last build into ``out`` recorded of its pages, and whether a later build
        found nothing changed; (None, False) without a record."""
        return self._read(self._run_file(out, "pages")), self._run_file(out, "unchanged").is_file()

    def _run_file(self, out: Path, part: str = "run") -> Path:
        name = digest_of(str(out.resolve()))
        return self.folder / "runs" / (f"{name}.pickle" if part == "run" else f"{name}.{part}.pickle")

    # Pages ---------------------------------------------------------------------------

    def reuse(self, out: Path, first: bool = False) -> Reuse | None:
        """What the last build into ``out`` recorded of its pages (see :mod:`generator.incremental.reuse`),
        for the pages whose files are still as it left them; nothing when the generator's
        code changed since. None for a first build into ``out`` (unless ``first``): there is
        nothing to keep, and recording would only slow it down (a one-off build, as in CI)."""
        state = self._read(self._run_file(out, "pages"))
        if state is None and not first and not self._run_file(out).is_file():
            return None
        if state is None or state["code"] != code_digest():
            return Reuse(folder=out)
        recorded = state["files"]
        now = _file_states(out, recorded)
        return Reuse({key: record for key, record in state["records"].items()
                      if now[record.path] is not None and now[record.path] == recorded[record.path]},
                     state["table"], folder=out, digests=list(state.get("digests") or ()))

    # Storage -------------------------------------------------------------------------

    @staticmethod
    def _read(path: Path):
        try:
            with open(path, "rb") as stream:
                return pickle.load(stream)
        except Exception:  # a missing, damaged or outdated entry is a missing one
            return None

    def _write(self, path: Path, value) -> None:
        if self.broken is not None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic.replace(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as error:
            self.broken = f"{error.filename or path}: {(error.strerror or str(error)).lower()}"
            print(f"warning: the cache cannot be written ({self.broken}); the build goes on without it",
                  file=sys.stderr, flush=True)


def inputs_digest(sources: Path, out: Path, generated: set[str]) -> str:
    """A digest of everything a build reads: every file under ``sources``, every file in
    ``out`` but the ``generated`` ones (hand-written pages are linked and listed), and the
    generator's code."""
    parts: list[bytes | str] = [code_digest()]
    for root, skip in ((sources, set()), (out, generated)):
        # Sorted as text: sorting Path objects compares them part by part in Python.
        for path in sorted(root.rglob("*"), key=str) if root.is_dir() else []:
            relative = path.relative_to(root).as_posix()
            if relative not in skip and path.is_file():
                parts += [f"{root.name}/{relative}", path.read_bytes()]
    return digest_of(*parts)


def _file_states(out: Path, files: dict) -> dict:
    """Size and modification time of each file (None when it is missing)."""
    states, base = {}, str(out)
    for path in files:
        try:
            stat = os.stat(os.path.join(base, path))  # not Path objects: this runs for every file
            states[path] = (stat.st_size, stat.st_mtime_ns)
        except FileNotFoundError:
            states[path] = None
    return states
