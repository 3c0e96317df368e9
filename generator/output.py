"""The write stage: render the plan and write only the files whose content changed.

The generator shares ``docs/`` with hand-written pages. It records the files it wrote in
a manifest (``docs/.generated.json``; MkDocs skips dot-files) and only ever overwrites
or deletes files listed there: a file it did not write is never touched, and a page
planned where such a file lies is an error.

Pages are rendered one at a time, and a changed page goes to a temporary file in the
output's staging folder (``docs/.generating/``) at once; only when every page is rendered
and written are they moved into place. So rendered pages do not pile up in memory, and a
run that fails (on its input, or on a full disk) leaves the output as it was; what a
killed run left in the staging folder, the next run removes. Unchanged files are not
rewritten, so ``mkdocs serve`` does not see a change where there is none.

One build at a time writes into an output folder (:func:`output_lock`): a second waits
for the first, so the output is always one whole build.
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Union

try:
    import fcntl
except ImportError:  # Windows: builds into one folder are not kept apart
    fcntl = None

import jinja2

from . import atomic
from .mdtext import Md, escape
from .model import SiteModel
from .pages import Plan, SitePlan
from .parallel import ordered_map
from .problems import InputError, Problem, display_path

MANIFEST = ".generated.json"
STAGING = ".generating"
"""The folder in the output where a build writes files before it moves them into place
(MkDocs skips dot-folders)."""
Content = Union[bytes, Iterable[bytes], "_Kept"]
"""A file's content: bytes, bytes in pieces, or :data:`KEPT`."""
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class WriteReport:
    """What a run did to the output directory."""

    written: int
    unchanged: int
    deleted: int
    deleted_paths: tuple[str, ...] = ()
    """The files it deleted (pages no longer made), relative to the output directory."""

    @property
    def total(self) -> int:
        return self.written + self.unchanged


def _finalize(value: object) -> str:
    """Every value placed by a template: finished Markdown as is, anything else escaped."""
    if isinstance(value, Md):
        return value
    if isinstance(value, bool) or value is None:
        raise TypeError(f"a template placed {value!r}; pass text or Md")
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return escape(value)
    raise TypeError(f"a template placed a {type(value).__name__}; pass text or Md")


class _Environment(jinja2.Environment):
    """Jinja, with ``item.key`` on a context dict read as the key at once: contexts are plain
    data, and Jinja's own order (an attribute first, then the key, through an exception)
    made a third of the time templates take."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


_ENVIRONMENT = _Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    finalize=_finalize,
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render_site(plan: SitePlan, jobs: int = 1) -> Iterator[tuple[str, Content]]:
    """Every output file's path and content, in order, one at a time (a page's context is
    dropped as soon as it is rendered, so memory does not grow with the site): a page's
    bytes, or a data file's bytes in pieces, made by ``jobs`` processes. (On a rerun,
    :mod:`generator.incremental` stands in for this, keeping what did not change.)"""
    yield from ordered_map(render_page, [(plan.model, page) for page in plan.pages], jobs)
    for data in plan.data:
        yield data.path, json_list(ordered_map(json_part, [(plan.model, part) for part in data.parts], jobs, batch=1))


class _Kept:
    def __repr__(self) -> str:
        return "KEPT"


KEPT = _Kept()
"""The content of a file kept as it is (a page, or a data file): its file already has it."""


def render_page(task: tuple[SiteModel, Plan]) -> tuple[str, bytes]:
    """A page's path and its Markdown, rendered from its template."""
    model, plan = task
    page = plan(model)
    return page.path, _tidy(_ENVIRONMENT.get_template(page.template).render(page.context)).encode("utf-8")


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""One encoder for every record (``json.dumps`` with options makes a new one each call)."""


def json_part(task: tuple[SiteModel, Plan]) -> bytes:
    """A part of a data file's records, one JSON record per line."""
    model, plan = task
    return b",\n".join(_JSON.encode(record).encode("utf-8") for record in plan(model))


def json_list(parts: Iterable[bytes], spans: list | None = None) -> Iterator[bytes]:
    """A JSON list of the records of every part, one record per line, in pieces (a data file
    can be larger than a page). ``spans`` gets the (offset, length) of each part in it."""
    first, offset = True, 0
    for part in parts:
        if part:
            piece = (b"[\n" if first else b",\n") + part
            first = False
            if spans is not None:
                spans.append((offset + 2, len(part)))
            offset += len(piece)
            yield piece
        elif spans is not None:
            spans.append((offset, 0))
    yield b"[]\n" if first else b"\n]\n"


def _tidy(text: str) -> str:
    """At most one blank line in a row, and one newline at the end."""
    lines, blank = [], False
    for line in text.splitlines():
        if not line.strip():
            if not blank and lines:
                lines.append("")
            blank = True
            continue
        lines.append(line.rstrip())
        blank = False
    return "\n".join(lines).rstrip("\n") + "\n"


def write_files(files: Iterable[tuple[str, Content]], out: Path) -> WriteReport:
    """Bring ``out`` to exactly ``files`` (for the files the generator owns).

    ``files`` is consumed one file at a time: a changed file goes to a temporary file at
    once, and only when every file is rendered and written are they moved into place.
    """
    out.mkdir(parents=True, exist_ok=True)
    owned = _read_manifest(out)
    paths: list[str] = []
    problems: list[Problem] = []
    # Two phases: every changed file is written to a temporary file in the staging folder,
    # and only when all writes succeeded (and no page lands on a hand-written file) are they
    # moved into place; a failure (a full disk) removes the staging folder and leaves the
    # output as it was.
    staging = out / STAGING
    staging.mkdir(exist_ok=True)
    temporaries: list[tuple[Path, Path]] = []
    try:
        for path, content in files:
            target = _inside(out, path)
            paths.append(path)
            if path not in owned and target.exists():
                problems.append(Problem(display_path(target), None, None,
                                        "no hand-written file where the generator writes a page",
                                        "a file that the generator did not write", ""))
            elif not problems:
                temporary = None if content is KEPT else _changed(target, content, staging)
                if temporary is not None:
                    temporaries.append((temporary, target))
        if problems:
            roots = _owned_roots(paths)
            raise InputError([replace(p, hint=f"move it elsewhere; the generator owns {roots}")
                              for p in problems])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    written = set(paths)
    # Record ownership before moving, so that an interrupted run can be repeated.
    _write_if_changed(out / MANIFEST, _manifest(owned | written), staging)
    folders: set[Path] = {out}  # known to exist: a folder holds many pages
    for temporary, target in temporaries:
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        os.replace(temporary, target)
    deleted: list[str] = []
    for path in sorted(owned - written):
        target = _inside(out, path)
        if target.is_file():
            target.unlink()
            deleted.append(path)
            _remove_empty_parents(target.parent, out)
    _write_if_changed(out / MANIFEST, _manifest(written), staging)
    staging.rmdir()
    return WriteReport(len(temporaries), len(written) - len(temporaries), len(deleted), tuple(deleted))


def output_problems(out: Path, sources: Path) -> list[Problem]:
    """What is wrong with ``out`` as the output folder, before anything is written: a file
    there, or a folder inside the sources or holding them (pages would land among them)."""
    where = display_path(out)
    if out.exists() and not out.is_dir():
        return [Problem(where, None, "--out", "a folder to write the pages into", "a file")]
    out, sources = out.resolve(), sources.resolve()
    if out == sources or sources in out.parents:
        return [Problem(where, None, "--out", f"a folder outside the sources ({display_path(sources)})",
                        "a folder inside them", "pages written there would be read as sources")]
    if out in sources.parents:
        return [Problem(where, None, "--out", f"a folder that does not hold the sources ({display_path(sources)})",
                        "the folder holding them", "the generator writes a folder sources/ of pages")]
    return []


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold ``out`` for one build: made when missing (and removed again when the build
    leaves it empty), locked against other builds into it (a second one waits for the
    first), cleared of what an interrupted build left in the staging folder, and shown to be
    writable, before anything is built. OSError when it cannot be made or written."""
    made = []
    for folder in reversed([out, *out.parents]):
        if not folder.exists():
            folder.mkdir()
            made.append(folder)
    try:
        handle = _locked(out)
        try:
            shutil.rmtree(out / STAGING, ignore_errors=True)
            try:
                with tempfile.TemporaryFile(dir=out):  # no name on Linux: nothing to clean up
                    pass
            except OSError as error:  # named for the folder, not for the probe
                raise OSError(error.errno, error.strerror, str(out)) from None
            yield
        finally:
            os.close(handle)  # and with it the lock
    finally:
        for folder in reversed(made):
            try:
                folder.rmdir()  # only when it is empty: a build that wrote nothing
            except OSError:
                break


def _locked(out: Path) -> int:
    """An open handle of the folder ``out``, holding its lock (waited for, when another build
    holds it). A lock on the folder itself: nothing is left behind, and the system releases
    it when the process ends, however it ends."""
    while True:
        handle = os.open(out, os.O_RDONLY)
        if fcntl is None:
            return handle
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build into {display_path(out)} to finish...", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        if os.path.isdir(out) and os.path.samestat(os.fstat(handle), os.stat(out)):
            return handle
        os.close(handle)  # the folder was removed (and perhaps made again) while this waited
        out.mkdir(parents=True, exist_ok=True)


def file_system_problem(error: OSError, out: Path) -> Problem:
    """An error of the file system during a build, as a problem naming its path."""
    path = error.filename if isinstance(error.filename, (str, Path)) else out
    return Problem(display_path(Path(path)), None, None, "a file or folder the build can read and write",
                   (error.strerror or str(error)).lower(), "the output is as the last build left it")


def _owned_roots(files) -> str:
    roots = sorted({PurePosixPath(p).parts[0] + ("/" if len(PurePosixPath(p).parts) > 1 else "")
                    for p in files})
    return ", ".join(roots)


def _manifest(paths: set[str]) -> bytes:
    return (json.dumps(sorted(paths), indent=0, ensure_ascii=False) + "\n").encode("utf-8")


def owned_files(out: Path) -> set[str]:
    """The files in ``out`` that the generator wrote (paths relative to ``out``)."""
    return _read_manifest(out)


def _read_manifest(out: Path) -> set[str]:
    path = out / MANIFEST
    if not path.is_file():
        return set()
    try:
        listed = json.loads(path.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError([Problem(display_path(path), None, None,
                                  "the generator's list of the files it wrote (JSON)",
                                  f"unreadable content ({error})",
                                  "delete the generated folders and this file, then build again")])
    return {p for p in listed if isinstance(p, str) and _is_safe(p)}


def _is_safe(path: str) -> bool:
    """A relative path inside the output folder (checked as text: a PurePosixPath for each of
    the manifest's paths was a twentieth of a run after one article changed)."""
    return not path.startswith("/") and ".." not in path.split("/") and path not in ("", MANIFEST)


def _inside(out: Path, path: str) -> Path:
    if not _is_safe(path):
        raise ValueError(f"refusing to write outside the output directory: {path!r}")
    return out / path


def _has(target: Path, content: bytes) -> bool:
    return target.is_file() and target.read_bytes() == content


def _changed(target: Path, content: Content, staging: Path) -> Path | None:
    """A temporary file with ``content`` when ``target`` does not have it already, else None."""
    if isinstance(content, bytes):
        return None if _has(target, content) else atomic.temporary(staging, content, target.suffix)
    temporary = atomic.temporary(staging, content, target.suffix)  # in pieces: compared on disk
    if target.is_file() and filecmp.cmp(temporary, target, shallow=False):
        temporary.unlink()
        return None
    return temporary


def _write_if_changed(target: Path, content: bytes, staging: Path) -> bool:
    """Replace ``target`` atomically with ``content``; False when it already had it."""
    if _has(target, content):
        return False
    atomic.replace(target, content, staging)
    return True


def _remove_empty_parents(folder: Path, out: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
