"""The write stage's rendering, keeping what did not change: each page (or part of a data
file) is made again only when something it read of the model changed (:mod:`.reuse`).

The write stage renders and writes (:mod:`generator.output`); this module stands in for
its :func:`~generator.output.render_site` on a rerun. Every page and every part is made
through a :class:`~.reuse.Recorder`; one whose last record still holds is not made: a
page's content is :data:`~generator.output.KEPT` (its file is as the last run left it),
a part's bytes are read back from the file the last run wrote, and a data file whose
parts were all kept, in place, is :data:`~generator.output.KEPT` too. Why each file was
made again or kept goes to :attr:`.reuse.Reuse.explained`.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Callable, Iterator, Sequence

from ..output import KEPT, Content, json_list, json_part, render_page
from ..pages import Plan, SitePlan
from ..parallel import BATCH, ordered_map
from .reuse import PageRecord, Reads, Reuse, plan_key


def render_site(plan: SitePlan, jobs: int, reuse: Reuse) -> Iterator[tuple[str, Content]]:
    """Every output file's path and content, in order, as
    :func:`generator.output.render_site` gives them, but kept where nothing it read changed."""
    reads = Reads(plan.model, reuse.table)
    for key, previous, made, found in _reusing(reads, reuse, plan.pages, render_page, jobs):
        if made is None:
            reuse.kept += 1
            reuse.current[key] = previous
            reuse.explained[previous.path] = (f"kept: its {len(previous.reads)} reads of the site model returned "
                                              "what they returned in the build before")
            yield previous.path, KEPT
            continue
        path, content = made
        reuse.explained[path] = _why_made(reads, reuse, path, previous, found)  # before this run's record
        if found is not None:
            reuse.current[key] = reuse.record(path, *found)
        yield path, content
    for data in plan.data:
        yield data.path, _data_file(data.path, _reusing(reads, reuse, data.parts, json_part, jobs, 1), reuse)


def _why_made(reads: Reads, reuse: Reuse, path: str, previous: PageRecord | None, found: tuple | None) -> str:
    if previous is None and reuse.had(path):
        return ("made again: what the page is made of changed (its entity's or its article's own record, "
                "which the page is given whole)")
    if previous is None:
        return ("made again: no record of it from the build before (a new page, a file changed since, "
                "or a new version of the generator)")
    return reuse.first_change(reads, previous, dict(zip(found[0], found[2])) if found else {})


def _reusing(reads: Reads, reuse: Reuse, plans: Sequence[Plan], make: Callable, jobs: int,
             batch: int = BATCH) -> Iterator[tuple[str | None, PageRecord | None, object, tuple | None]]:
    """(key, last record, what ``make`` made of the plan or None when that record still
    holds, what it read) for each plan, in order."""
    tasks, keys = [], set()
    for plan in plans:
        key = plan_key(plan.make, plan.args)
        key = None if key in keys else key  # the same plan twice (never expected): recorded once
        keys.add(key)
        tasks.append((reads, plan, make, key, reuse.previous.get(key) if key else None))
    for (_, _, _, key, previous), (made, found) in zip(tasks, ordered_map(_reuse_one, tasks, jobs, batch)):
        yield key, previous, made, found


def _reuse_one(task) -> tuple[object, tuple | None]:
    """What ``make`` makes of a plan (None when its last record still holds), and what it
    read (:meth:`.reuse.Recorder.result`)."""
    reads, plan, make, key, previous = task
    if previous is not None and reads.unchanged(previous):
        return None, None
    recorder = reads.recorder()
    made = make((recorder.model, plan))
    return made, recorder.result() if key else None


def _data_file(path: str, parts: Iterator[tuple], reuse: Reuse) -> Content:
    """A data file made of the parts from :func:`_reusing`: :data:`KEPT` when every part
    was kept and they are the parts its file has, in its order (the file is neither read
    nor written); else its bytes in pieces (:func:`_json_list_reusing`). A file without
    parts is always made: no record says that its file is as the last run left it."""
    kept = []
    for part in parts:
        kept.append(part)
        _, _, made, _ = part
        if made is not None:  # made again: the file changes
            return _json_list_reusing(path, itertools.chain(kept, parts), reuse)
    if kept and reuse.in_place(path, [previous for _, previous, _, _ in kept]):
        for key, previous, _, _ in kept:
            reuse.current[key] = previous
        reuse.kept += 1
        reuse.explained[path] = f"kept: none of its {len(kept)} parts read anything that changed"
        return KEPT
    return _json_list_reusing(path, iter(kept), reuse)


def _json_list_reusing(path: str, parts: Iterator[tuple], reuse: Reuse) -> Iterator[bytes]:
    """:func:`generator.output.json_list` of the parts from :func:`_reusing`: a kept part's
    bytes read back from the file the last run wrote (whose state :meth:`.cache.Cache.reuse`
    checked), and each part recorded with where it lies in the new file."""
    recorded: list[tuple[str | None, PageRecord | None, tuple | None]] = []

    def contents() -> Iterator[bytes]:
        for key, previous, made, found in parts:
            if made is None:
                recorded.append((key, previous, None))
                yield reuse.read_back(path, previous.span)
            else:
                recorded.append((key, None, found))
                yield made

    spans: list[tuple[int, int]] = []
    yield from json_list(contents(), spans)
    made = sum(1 for _, previous, _ in recorded if previous is None)
    reuse.explained[path] = (f"made again: {made} of its {len(recorded)} parts read something that changed, "
                             "or are new" if made else "made again: its parts are the same, in another order")
    for (key, previous, found), span in zip(recorded, spans):
        if previous is not None:
            reuse.current[key] = replace(previous, span=span)
        elif key is not None and found is not None:
            reuse.current[key] = reuse.record(path, *found, span=span)
