"""Cheap reruns, behind one object: :class:`Rerun`. The stages know nothing of it.

A build (:mod:`generator.build`) asks its :class:`Rerun`, in this order:

- :meth:`~Rerun.last_build`: the last build's report, when no input changed since and no
  file it wrote was touched; the build then does nothing;
- :meth:`~Rerun.findings`: the find stage's result for each article, read back from the
  cache where the article, the alias index and the generator are as they were, else found;
- :meth:`~Rerun.render`: the planned files, for the write stage, a page (or part of a data
  file) kept without rendering it when its reads of the site model return what they did;
- :meth:`~Rerun.save`: this build's report, what its pages read and why each file was made
  again or kept, for the next build and for ``python -m generator explain``.

Without a cache folder, a :class:`Rerun` does everything afresh and keeps nothing. The cache
only saves work: the output is the same byte for byte with it, without it, or after it is
deleted.

Modules: :mod:`.cache` (the cache folder: its entries and digests), :mod:`.reuse`
(recording a page's reads of the model, and replaying them), :mod:`.rendering` (rendering
that keeps what did not change), :mod:`.explain` (why the last build made a file again or
kept it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from .. import output
from ..pages import SitePlan
from . import rendering
from .cache import Cache, inputs_digest
from .explain import explain
from .reuse import Reuse

__all__ = ["Cache", "Rerun", "explain"]

T = TypeVar("T")


class Rerun:
    """What one build (or one check) keeps from the last, and keeps for the next.

    ``cache``: the cache folder (None: nothing is read or kept); ``out`` and ``sources``:
    the build's output folder and sources (a check has neither); ``record_first``: record
    the pages of a first build into ``out`` too (more builds will follow, as under
    ``mkdocs serve``); a one-off build does not pay for recording.
    """

    def __init__(self, cache: Cache | None, out: Path | None = None, sources: Path | None = None, *,
                 record_first: bool = False) -> None:
        self._cache, self._out, self._sources, self._record_first = cache, out, sources, record_first
        self._inputs: str | None = None
        self._reuse: Reuse | None = None

    def last_build(self):
        """The report of the last build into the output folder, when every input is as that
        build found it and every file it wrote as it left it (noted, for ``explain``);
        else None."""
        if self._cache is None:
            return None
        generated = output.owned_files(self._out) | {output.MANIFEST}
        self._inputs = inputs_digest(self._sources, self._out, generated)
        previous = self._cache.last_run(self._out, self._inputs)
        if previous is not None:
            self._cache.note_unchanged(self._out)
        return previous

    def findings(self, articles: Sequence, index, find: Callable[..., Iterable[T]]) -> Iterator[T]:
        """What ``find`` gives for each article, in order, as they come: ``find()`` for all,
        or ``find(positions)`` for the articles at those positions only (the others' are
        read back)."""
        if self._cache is None:
            return iter(find())
        return self._cache.filed(articles, index, find)

    def render(self, plan: SitePlan, jobs: int) -> Iterator[tuple[str, output.Content]]:
        """Every planned file's path and content, in order (:func:`generator.output.render_site`),
        with what did not change kept (:mod:`.rendering`)."""
        if self._cache is not None:
            self._reuse = self._cache.reuse(self._out, self._record_first)
        if self._reuse is None:
            return output.render_site(plan, jobs)
        return rendering.render_site(plan, jobs, self._reuse)

    @property
    def kept(self) -> int:
        """Files :meth:`render` kept without making them again."""
        return self._reuse.kept if self._reuse is not None else 0

    def save(self, report) -> None:
        """Keep this build's ``report`` (a :class:`generator.build.BuildReport`), with what
        its pages read, for the next build."""
        if self._cache is not None:
            if self._inputs is None:
                raise RuntimeError("Rerun.save before Rerun.last_build: the inputs were not read")
            self._cache.save_run(self._out, self._inputs, report.generated, report, self._reuse)
