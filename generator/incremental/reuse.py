"""Keeping pages between runs: a page is rendered again only when something it read changed.

While a page is planned and rendered, it reads the site model through a :class:`Recorder`,
which notes every read (an attribute, a key, a method call, with its arguments) and a
digest of what it returned. The next run replays a page's reads on its own model; when
every read returns what it returned then, the page would come out the same, and its file
(if untouched since) is kept without planning or rendering it.

Nothing is declared by hand: a page depends on exactly what it read, so a new field or a
new page cannot be forgotten. What a page is given besides the model (its entity, its
article) is part of its key (:func:`plan_key`), and the generator's code is part of every
record (:mod:`generator.incremental.cache`). A read whose result cannot be digested makes its page one
that is always rendered.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import pickle
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, MappingView, Sequence
from dataclasses import dataclass, field, is_dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping

Read = tuple
"""``(route, name, args)``: the attributes followed from the model, then the attribute ``name``
read (``args`` None) or the method ``name`` called with ``args``."""
_RAISED = b"raised "
_WHOLE = (str, bytes, int, float, bool, type(None), tuple, list)
"""Values handed to a page as they are, digested whole (so are dataclasses: records of data);
anything else (mappings, the model's indexes) is recorded read by read."""
_KEYED = frozenset(("__getitem__", "get"))
"""The reads that take a key (and, for ``get``, a default)."""
_DISPATCH = {MappingProxyType: lambda proxy: (dict, (dict(proxy),))}
"""How values that pickle cannot take are digested: a read-only mapping as its dict."""


def digest(value) -> bytes | None:
    """A digest of ``value``, by its pickle (None when it cannot be pickled)."""
    try:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except TypeError:  # a read-only mapping in it, maybe
        stream = io.BytesIO()
        pickler = pickle.Pickler(stream, pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = _DISPATCH
        try:
            pickler.dump(value)
        except Exception:
            return None
        data = stream.getbuffer()
    except Exception:
        return None
    return hashlib.blake2b(data, digest_size=16).digest()


def _raised(error: Exception) -> bytes:
    return hashlib.blake2b(_RAISED + type(error).__name__.encode(), digest_size=16).digest()


def plan_key(make: Callable, args: tuple) -> str | None:
    """What identifies a page between runs: its planning function and what it is given
    besides the model (None when that cannot be digested)."""
    found = digest((make.__module__, make.__qualname__, args))
    return None if found is None else found.hex()


@dataclass(frozen=True)
class PageRecord:
    """What one page (or one part of a data file) read, and where it was written."""

    path: str
    reads: array
    """Positions of its reads in the run's table of reads (:attr:`Reuse.table`), in order."""
    digest: bytes
    """Of what its reads returned, together."""
    span: tuple[int, int] | None = None
    """For a part of a data file: where its bytes lie in the file (offset, length)."""


@functools.cache
def _streams(kind: type) -> bool:
    """Whether a result of this type is read as it is consumed (an iterator, a mapping
    view): such a result is recorded, and handed on, as a tuple."""
    return issubclass(kind, (Iterator, MappingView))


def _read_with_source(target, name: str, args: tuple, result_too: bool = True):
    """``target[key]`` or ``target.get(key[, default])`` (None unless ``result_too``) with its
    digest, from the bytes the value is a function of, as an object that can tell them gives
    them (a value read from disk: cheaper than pickling it again)."""
    try:
        if result_too:
            result, source = target.read_with_source(args[0])
        else:
            result, source = None, target.source_of(args[0])
    except KeyError:
        if name == "__getitem__":
            raise
        result = args[1] if len(args) > 1 else None
        return result, digest(("missing", result))
    return result, hashlib.blake2b(source, digest_size=16, person=b"source").digest()


class Reads:
    """The reads of the pages of one model: recorded, and replayed against it (each read
    done and digested once)."""

    def __init__(self, model, table: Sequence[Read] = ()) -> None:
        self.model = model
        self.table = table
        """The reads that records refer to by position."""
        self.digested: dict[Read, bytes | None] = {}
        """By read: the digest of what it returns from this model."""

    def recorder(self) -> Recorder:
        return Recorder(self)

    def unchanged(self, record: PageRecord) -> bool:
        """Whether a page's reads all return from this model what they returned when recorded."""
        return self.combined(self.table[i] for i in record.reads) == record.digest

    def combined_one(self, read: Read) -> bytes | None:
        """The digest of what one read returns from this model."""
        found = self.digested.get(read, False)
        return self._do(read, result_too=False)[1] if found is False else found

    def combined(self, reads: Iterable[Read]) -> bytes | None:
        """One digest of what ``reads`` return, in order (None when one cannot be digested)."""
        together = hashlib.blake2b(digest_size=16)
        for read in reads:
            found = self.digested.get(read, False)
            if found is False:
                found = self._do(read, result_too=False)[1]
            if found is None:
                return None
            together.update(found)
        return together.digest()

    def _do(self, read: Read, target=None, result_too: bool = True):
        """(result, digest) of one read on this model (the result is the exception it raised,
        if it did); the digest is remembered. ``target``: what the read's route leads to,
        when known; ``result_too`` False: only the digest is needed (a value read from disk
        is then not read)."""
        route, name, args = read
        if target is None:
            target = self.model
            for step in route:
                target = getattr(target, step)
        known = found = self.digested.get(read, False)
        try:
            if found is False and name in _KEYED and args and hasattr(target, "read_with_source"):
                result, found = _read_with_source(target, name, args, result_too)
            else:
                result = _perform(target, name, args)
        except Exception as error:
            result = error
        if known is False:
            if found is False:
                found = _raised(result) if isinstance(result, Exception) else digest(result)
            self.digested[read] = found
        return result, found

    def noted(self, read: Read, recorder: Recorder, target):
        """Do one read of ``target`` (where its route leads) for ``recorder``, and return
        its result (or raise what it raised)."""
        try:
            known = read in self.digested
        except TypeError:  # unhashable arguments: the page cannot be recorded
            recorder.whole = False
            return _perform(target, read[1], read[2])
        recorder.log[read] = None
        if known:  # digested already: only the result is needed
            return _perform(target, read[1], read[2])
        result, _ = self._do(read, target)
        if isinstance(result, Exception):
            raise result
        return result


def _perform(target, name: str, args: tuple | None):
    """One read of ``target``: the attribute ``name``, or the method called with ``args``."""
    result = getattr(target, name) if args is None else getattr(target, name)(*args)
    return tuple(result) if _streams(type(result)) else result


class Recorder:
    """The model as one page sees it (:attr:`model`): every read noted."""

    def __init__(self, reads: Reads) -> None:
        self._reads = reads
        self.log: dict[Read, None] = {}
        """Every read, in the order of the first time, without repeats."""
        self.whole = True
        """False when a read could not be noted."""
        self.model = _Recorded(self, reads, (), reads.model)

    def result(self) -> tuple[tuple[Read, ...], bytes, tuple[bytes, ...]] | None:
        """The page's reads, the digest of what they returned together, and each one's
        digest (for ``explain``); None when not every read could be noted and digested."""
        reads = tuple(self.log)
        found = self._reads.combined(reads) if self.whole else None
        return None if found is None else (reads, found, tuple(self._reads.digested[read] for read in reads))


class _Recorded:
    """A part of the model, reached by ``route``; every read of it is noted. What a page
    reads of it is kept as an attribute of this object (the model does not change), so
    that reading it again costs what reading the model costs."""

    def __init__(self, recorder: Recorder, reads: Reads, route: tuple, value) -> None:
        self.__dict__.update(_recorder=recorder, _reads=reads, _route=route, _value=value)

    def __getattr__(self, name: str):
        attribute = getattr(self._value, name)
        route, recorder, reads, value = self._route, self._recorder, self._reads, self._value
        if callable(attribute):
            digested, log = reads.digested, recorder.log

            def part(*args):
                read = (route, name, args)
                try:
                    known = read in digested
                except TypeError:
                    known = False
                if not known:
                    return reads.noted(read, recorder, value)
                log[read] = None  # digested already: only the result is needed
                result = attribute(*args)
                return tuple(result) if _streams(type(result)) else result
        elif isinstance(attribute, _WHOLE) or is_dataclass(attribute):
            part = reads.noted((route, name, None), recorder, value)
        else:
            part = _Recorded(recorder, reads, (*route, name), attribute)
        self.__dict__[name] = part
        return part

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError("the model is read-only")

    def _noted(self, name: str, args: tuple):
        return self._reads.noted((self._route, name, args), self._recorder, self._value)

    def __getitem__(self, key):
        return self._noted("__getitem__", (key,))

    def __contains__(self, key) -> bool:
        return self._noted("__contains__", (key,))

    def __iter__(self):
        return iter(self._noted("__iter__", ()))

    def __len__(self) -> int:
        return self._noted("__len__", ())


@dataclass
class Reuse:
    """The pages a run may keep, and the records of the pages of this run."""

    previous: Mapping[str, PageRecord] = field(default_factory=dict)
    """By plan key: the last run's record of each page whose file is as that run left it."""
    table: list[Read] = field(default_factory=list)
    """The reads the records refer to: the last run's, then this run's new ones."""
    current: dict[str, PageRecord] = field(default_factory=dict)
    """By plan key: this run's records (filled as pages are rendered or kept)."""
    kept: int = 0
    """Files kept without making them again in this run: pages, and data files whose parts
    were all kept in place."""
    folder: Path | None = None
    """The output folder the last run wrote."""
    digests: list[bytes | None] = field(default_factory=list)
    """By position in :attr:`table`: the digest of what the read returned when last recorded
    (None when not known: a record of an older generator); this run's records update it."""
    explained: dict[str, str] = field(default_factory=dict)
    """By path: why this run made the file again or kept it (``python -m generator explain``)."""
    _positions: dict[Read, int] | None = None
    _parts: Counter | None = None
    _before: tuple[bytes | None, ...] | None = None
    """The digests of the last run, as loaded (``digests`` changes as this run records)."""
    _paths: frozenset[str] | None = None

    def __post_init__(self) -> None:
        self._before = tuple(self.digests)

    def read_back(self, path: str, span: tuple[int, int]) -> bytes:
        """The bytes of a kept part of a data file, from the file the last run wrote."""
        offset, length = span
        with open(self.folder / path, "rb") as stream:
            stream.seek(offset)
            found = stream.read(length)
        if len(found) != length:
            raise OSError(f"{self.folder / path} is shorter than the last run left it")
        return found

    def in_place(self, path: str, kept: Sequence[PageRecord]) -> bool:
        """Whether ``kept``, the records of every part of a data file (each kept), are the
        parts the last run wrote to ``path``, all of them and in the same order: the file has
        its content already."""
        if self._parts is None:
            self._parts = Counter(record.path for record in self.previous.values() if record.span is not None)
        offsets = [record.span[0] for record in kept]
        return len(kept) == self._parts[path] and all(record.path == path for record in kept) \
            and offsets == sorted(offsets)

    def record(self, path: str, reads: tuple[Read, ...], found: bytes, digests: Sequence[bytes] = (),
               span: tuple[int, int] | None = None) -> PageRecord:
        """A record of a page (or part) made in this run, its reads placed in the table with
        what each returned (``digests``)."""
        if self._positions is None:
            self._positions = {read: i for i, read in enumerate(self.table)}
        positions, table, known = self._positions, self.table, self.digests
        known.extend([None] * (len(table) - len(known)))
        indices = array("I")
        for read, one in itertools.zip_longest(reads, digests[:len(reads)]):
            position = positions.get(read)
            if position is None:
                position = positions[read] = len(table)
                table.append(read)
                known.append(None)
            known[position] = one
            indices.append(position)
        return PageRecord(path, indices, found, span)

    def had(self, path: str) -> bool:
        """Whether the last run recorded a page (or part) written to ``path``."""
        if self._paths is None:
            self._paths = frozenset(record.path for record in self.previous.values())
        return path in self._paths

    def first_change(self, reads: Reads, previous: PageRecord, now: Mapping[Read, bytes]) -> str:
        """Why a page whose last record no longer holds was made again: the first of its
        recorded reads that returns something else now (``now``: digests of this run's
        reads of it, when it made them again)."""
        for position in previous.reads:
            read = self.table[position]
            before = self._before[position] if position < len(self._before) else None
            after = now[read] if read in now else reads.combined_one(read)
            if before is None:
                return "made again: the build before did not keep what its reads returned"
            if after != before:
                return f"made again: {describe(read)} returns something else than in the build before"
        return "made again: its reads, together, returned something else than in the build before"

    def saved(self) -> tuple[list[Read], list[bytes | None], dict[str, PageRecord]]:
        """The table, its digests and the records to keep: the table without the reads no
        record uses, when they are most of it."""
        digests = self.digests + [None] * (len(self.table) - len(self.digests))
        used = sorted({i for record in self.current.values() for i in record.reads})
        if 2 * len(used) >= len(self.table):
            return self.table, digests, self.current
        moved = {old: new for new, old in enumerate(used)}
        return ([self.table[i] for i in used], [digests[i] for i in used],
                {key: replace(r, reads=array("I", (moved[i] for i in r.reads)))
                 for key, r in self.current.items()})


def describe(read: Read) -> str:
    """A read as ``explain`` names it: ``model.passages.get('iturup')``."""
    route, name, args = read
    text = ".".join(("model", *route, name))
    if args is None:
        return text
    if name in _KEYED:
        return f"{'.'.join(('model', *route))}[{', '.join(map(repr, args[:1]))}]"
    return f"{text}({', '.join(map(repr, args))})"
