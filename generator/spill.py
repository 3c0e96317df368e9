"""Values kept in a temporary file instead of memory, read back when a page needs them.

At 50,000 articles the model (every article's findings, every sentence that mentions an
entity, every dated statement) no longer fits in a gigabyte. A :class:`Spill` appends
pickled chunks under keys to one temporary file and keeps only their offsets; a page reads
back the chunks it shows. The file is deleted when the spill is collected.
"""

from __future__ import annotations

import functools
import itertools
import os
import pickle
import tempfile
from array import array
from typing import Callable, Hashable, Iterator, Mapping, Sequence


_pread = getattr(os, "pread", None)
"""Reading at an offset without moving the file's position (not on Windows)."""


class Spill:
    """Chunks of values under keys, in a temporary file."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self._chunks: dict[Hashable, array] = {}
        """By key: offset and length of each of its chunks, in the order they were added."""
        self._end = 0
        self._at_end = True
        self._dirty = False

    def add(self, key: Hashable, value) -> None:
        """Append ``value`` as a chunk of ``key``."""
        self.add_pickled(((key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)),))

    def add_pickled(self, chunks: Sequence[tuple[Hashable, bytes]]) -> None:
        """Append values pickled elsewhere (in a worker process), each as a chunk of its key,
        in one write."""
        if not self._at_end:
            self._file.seek(self._end)
            self._at_end = True
        self._file.write(b"".join(data for _, data in chunks))
        self._dirty = True
        offset = self._end
        for key, data in chunks:
            refs = self._chunks.get(key)
            if refs is None:
                refs = self._chunks[key] = array("Q")
            refs.extend((offset, len(data)))
            offset += len(data)
        self._end = offset

    def chunks(self, key: Hashable) -> list:
        """The chunks of ``key``, in the order they were added (none for an unknown key)."""
        return [pickle.loads(data) for data in self.pickled(key)]

    def pickled(self, key: Hashable) -> list[bytes]:
        """The chunks of ``key`` as stored (pickles), in the order they were added."""
        refs = self._chunks.get(key, ())
        if not refs:
            return []
        self.flush()
        if _pread is not None:  # no shared file position: safe in forked processes too
            fd = self._file.fileno()
            return [_pread(fd, refs[i + 1], refs[i]) for i in range(0, len(refs), 2)]
        self._at_end = False
        pickles = []
        for i in range(0, len(refs), 2):
            self._file.seek(refs[i])
            pickles.append(self._file.read(refs[i + 1]))
        return pickles

    def flush(self) -> None:
        """Write what is buffered (before reading, and before the process forks)."""
        if self._dirty:
            self._file.flush()
            self._dirty = False

    def __contains__(self, key: Hashable) -> bool:
        return key in self._chunks

    def keys(self) -> Iterator[Hashable]:
        return iter(self._chunks)


class SpilledIndex(Mapping):
    """A read-only mapping over the keys ``(tag, key)`` of a spill: each key's chunks (tuples)
    joined into one tuple, sorted by ``order`` when given (a stable sort, so chunks that tie
    keep the order they were added in). With ``row`` (a named tuple type), the chunks hold
    plain tuples, read as that type: plain tuples pickle several times faster than objects."""

    def __init__(self, spill: Spill, tag: str, order: Callable | None = None, row: type | None = None):
        self._spill, self._tag, self._order = spill, tag, order
        self._as_row = functools.partial(tuple.__new__, row) if row else None  # no Python call per item

    def __getitem__(self, key) -> tuple:
        if (self._tag, key) not in self._spill:
            raise KeyError(key)
        items = self._rows(itertools.chain.from_iterable(self._spill.chunks((self._tag, key))))
        return tuple(sorted(items, key=self._order)) if self._order else items

    def _rows(self, items) -> tuple:
        return tuple(map(self._as_row, items) if self._as_row else items)

    def read_with_source(self, key) -> tuple[tuple, bytes]:
        """``self[key]``, and bytes it is a function of (its chunks' pickles, and the order
        they were sorted in): a cheaper digest than pickling the value again
        (:mod:`generator.incremental.reuse`)."""
        if (self._tag, key) not in self._spill:
            raise KeyError(key)
        pickles = self._spill.pickled((self._tag, key))
        items = self._rows(itertools.chain.from_iterable(map(pickle.loads, pickles)))
        if not self._order:
            return items, b"".join(pickles)
        keys = list(map(self._order, items))
        order = sorted(range(len(items)), key=keys.__getitem__)  # stable, as sorting the items
        return tuple(map(items.__getitem__, order)), b"".join(pickles) + array("Q", order).tobytes()

    def source_of(self, key) -> bytes:
        """The bytes of :meth:`read_with_source` alone."""
        return self.read_with_source(key)[1]

    def __iter__(self) -> Iterator:
        return (key for tag, key in self._spill.keys() if tag == self._tag)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class SpilledValues(SpilledIndex):
    """A read-only mapping over the keys ``(tag, key)`` of a spill, each holding one value."""

    def __getitem__(self, key):
        if (self._tag, key) not in self._spill:
            raise KeyError(key)
        return self._spill.chunks((self._tag, key))[0]

    def read_with_source(self, key) -> tuple[object, bytes]:
        """``self[key]``, and the bytes it is read from (see :meth:`SpilledIndex.read_with_source`)."""
        data = self.source_of(key)
        return pickle.loads(data), data

    def source_of(self, key) -> bytes:
        """The bytes ``self[key]`` is read from, without reading the value."""
        if (self._tag, key) not in self._spill:
            raise KeyError(key)
        return self._spill.pickled((self._tag, key))[0]
