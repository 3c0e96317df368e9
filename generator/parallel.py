"""Work spread over processes (``--jobs``), results in input order.

Both the find stage (per article) and the render stage (per page) use :func:`ordered_map`.
Workers are forked, so they share the function and the items (the alias index, the site
model) instead of each receiving a pickled copy; only positions go out and results come
back. Batches go out a few at a time, so results the caller has not taken yet do not pile up
in memory. A worker ends when the process that started it ends, however it ends (``kill -9``
included): no worker lives on after a build.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

BATCH = 64
"""Items per batch sent to a worker, by default (fewer when there are few items)."""
_work: tuple[Callable, Sequence] | None = None
"""The function and items of the running map, inherited by the forked workers."""


def ordered_map(function: Callable[[T], R], items: Sequence[T], jobs: int, batch: int = BATCH) -> Iterator[R]:
    """``function`` of each item, in order, computed by ``jobs`` processes; at most ``batch``
    items go to a worker at a time (1 for items whose results are large)."""
    global _work
    if jobs <= 1 or len(items) < 2 * jobs:
        yield from map(function, items)
        return
    size = max(1, min(batch, len(items) // (jobs * 4)))
    _work = (function, items)
    _release_free_memory()
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_end_with_parent, initargs=(os.getpid(),)) as pool:
            pending: deque = deque()
            for start in range(0, len(items), size):
                pending.append(pool.submit(_run, start, min(start + size, len(items))))
                if len(pending) > 2 * jobs:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _work = None


def _release_free_memory() -> None:
    """Give the memory this process freed back to the system before forking: a forked
    worker starts with its parent's resident memory, freed or not (glibc only)."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):  # not glibc
        pass


_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """In a worker: be killed when the parent process ends (Linux's parent-death signal; the
    workers are forked by the thread that maps, which outlives them), and, where there is no
    such signal, end within a second of noticing that the parent is gone."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):  # not Linux
        pass
    if os.getppid() != parent:  # it ended before the signal was asked for
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _run(start: int, end: int) -> list:
    function, items = _work
    return [function(items[i]) for i in range(start, end)]
