"""Typed reading of source files and their YAML values: each reader checks one value and
records a problem.

The registry and the article front matter are read through one :class:`Checker` per
file, which collects every problem in the file instead of stopping at the first.
"""

from __future__ import annotations

import math
import os
import re
import stat
from pathlib import Path

from . import bidi
from .dates import EARLIEST_YEAR, PartialDate, latest_date, parse_date
from .problems import Problem, describe, did_you_mean, display_path
from .yamlfile import WrittenFloat, WrittenInt, YamlList, YamlMap

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID = 100
"""The longest id: it names files (``<id>.md``, with a temporary name while written), and
file names are limited to 255 bytes."""
RESERVED_IDS = frozenset({"index"})
"""Ids that would collide with the index page of their folder."""
WINDOWS_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                           *(f"lpt{n}" for n in range(10))})
"""Ids that cannot name a file on Windows (``nul.md`` is the device ``nul`` there)."""
MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest source file read (a long article is well under 1 MB)."""
_KINDS_OF_FILE = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                  (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


class Checker:
    """Reads values of one file; ``problems`` holds what was wrong with them."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.flags: list[str] = []
        """What a reviewer should look at, though it is not wrong: a date still to come."""

    def read_text(self, path: Path, root: Path) -> str | None:
        """The file as text (UTF-8, a byte-order mark dropped); None and a problem if it is
        not, or if it is not a regular file inside the folder ``root`` (a link may point to
        one). Never blocks: a named pipe is refused, not opened for a writer."""
        raw = self._read_bytes(path, root)
        if raw is None:
            return None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            self.problem(raw[: error.start].count(b"\n") + 1, None, "text encoded as UTF-8",
                         f"the byte 0x{raw[error.start]:02x} at byte offset {error.start}")
            return None

    def _read_bytes(self, path: Path, root: Path) -> bytes | None:
        found = _not_a_source_file(path, root)
        if found is None:
            try:  # non-blocking, and checked again once open: the file may change meanwhile
                handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                                 | getattr(os, "O_BINARY", 0))
            except OSError as error:
                self.problem(None, None, "a file the generator can read", _os_error(error))
                return None
            with os.fdopen(handle, "rb") as stream:
                mode = os.fstat(handle).st_mode
                found = _kind_of_file(mode) if not stat.S_ISREG(mode) else None
                raw = stream.read(MAX_FILE_BYTES + 1) if found is None else b""
                if len(raw) > MAX_FILE_BYTES:
                    found = f"a file of more than {MAX_FILE_BYTES // (1024 * 1024)} MB"
                if found is None:
                    return raw
        self.problem(None, None, f"a regular file inside {display_path(root)}", found,
                     "copy the file itself into the folder" if found.startswith("a link") else None)
        return None

    def problem(self, line: int | None, key: str | None, expected: str, found: str,
                hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, key, expected, found, hint))

    def keys(self, data: YamlMap, allowed, where: str) -> None:
        """Every key of ``data`` must be one of ``allowed``."""
        for key in data:
            if key not in allowed:
                self.problem(data.line_of(key), f"{where}{key}",
                             "one of the keys " + ", ".join(allowed), f"the key '{key}'",
                             did_you_mean(key, allowed))

    def record(self, data: YamlMap, allowed) -> tuple[str | None, str]:
        """A registry record's id and the prefix for its keys (``iturup.``); checks its keys."""
        record_id = self.slug(data, "id", "")
        where = f"{record_id or '?'}."
        self.keys(data, allowed, where)
        return record_id, where

    def text(self, data: YamlMap, key: str, where: str, required: bool = False) -> str | None:
        """A non-empty text (a number is accepted and kept as written: ``1.10``, ``0x1F``)."""
        value = data.get(key)
        if value is None:
            if required:
                self.problem(data.line, f"{where}{key}", "a text", "no value" if key in data else "no such key")
            return None
        return self.text_value(value, data.line_of(key), f"{where}{key}")

    def text_value(self, value: object, line: int, key: str) -> str | None:
        """``value`` as a text, stripped; None and a problem when it is not a non-empty text
        (or a number) or holds a bidirectional control character."""
        text = as_text(value)
        if text is None or not text.strip():
            hint = ("YAML reads yes/no/on/off/true/false as a boolean: put the text in quotes"
                    if isinstance(value, bool) else None)
            self.problem(line, key, "a non-empty text", describe(value), hint)
            return None
        control = bidi.first_control(text)
        if control is not None:
            self.problem(line, key, "a text without bidirectional control characters", control,
                         "it would reverse the text that follows it on the page; remove it")
            return None
        return text.strip()

    def texts(self, data: YamlMap, key: str, where: str, required: bool = False) -> tuple[str, ...]:
        """A list of non-empty texts (a single text is taken as a list of one)."""
        value = data.get(key)
        if value is None:
            if required:
                self.problem(data.line, f"{where}{key}", "a list of texts", "no such key")
            return ()
        if isinstance(value, str):
            value = YamlList([value])
            value.line, value.item_lines = data.line_of(key), [data.line_of(key)]
        if not isinstance(value, list):
            self.problem(data.line_of(key), f"{where}{key}", "a list of texts", describe(value))
            return ()
        result = []
        for index, item in enumerate(value):
            text = self.text_value(item, value.line_of(index), f"{where}{key}[{index}]")
            if text is not None:
                result.append(text)
        return tuple(result)

    def date(self, data: YamlMap, key: str, where: str, required: bool = False,
             past: bool = False) -> PartialDate | None:
        """A date written YYYY-MM-DD, YYYY-MM or YYYY, that exists in the calendar, from
        :data:`EARLIEST_YEAR` on; with ``past``, not after the build's date (give or take a
        day: an article's date is where it was published), else a later one is flagged."""
        text = self.text(data, key, where, required)
        return None if text is None else self.date_text(text, data.line_of(key), f"{where}{key}", past)

    def date_text(self, text: str, line: int, key: str, past: bool = False) -> PartialDate | None:
        """:meth:`date` of a text already read."""
        parsed = parse_date(text)
        if parsed is None:
            self.problem(line, key, "a date written YYYY-MM-DD, YYYY-MM or YYYY that exists", f"'{text}'")
        elif parsed.year < EARLIEST_YEAR:
            self.problem(line, key, f"a date from {EARLIEST_YEAR} on", f"'{text}'")
            return None
        elif parsed.start() > latest_date():
            if past:
                self.problem(line, key, f"a date no later than {latest_date().isoformat()} (the build's date, "
                             "give or take a day)", f"'{text}'", "a date to come is a mistake here; check the year")
                return None
            self.flags.append(f"{self.file}:{line}: {key} is {text}, after the build's date: planned, or a mistake?")
        return parsed

    def number(self, data: YamlMap, key: str, where: str) -> float | int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < math.inf:
            self.problem(data.line_of(key), f"{where}{key}", "a number of zero or more", describe(value))
            return None
        return value

    def point(self, value, line: int, key: str) -> tuple[float, float] | None:
        """A place on Earth written ``[latitude, longitude]`` in degrees (north and east positive)."""
        found = None
        if not isinstance(value, list):
            found = describe(value)
        elif len(value) != 2:
            found = f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
        elif any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in value):
            found = "[" + ", ".join(describe(v) for v in value) + "]"
        elif not -90 <= value[0] <= 90:
            found = f"a latitude of {value[0]} (latitude comes first)"
        elif not -180 <= value[1] <= 180:
            found = f"a longitude of {value[1]}"
        if found:
            self.problem(line, key, "[latitude, longitude] in degrees: two numbers, -90 to 90 and -180 to 180",
                         found)
            return None
        return float(value[0]), float(value[1])

    def slug(self, data: YamlMap, key: str, where: str) -> str | None:
        """An id: lowercase letters, digits and single hyphens (safe in paths and URLs)."""
        value = self.text(data, key, where, required=True)
        if value is not None and not SLUG.fullmatch(value):
            self.problem(data.line_of(key), f"{where}{key}",
                         "an id of lowercase letters, digits and single hyphens", f"'{value}'")
            return None
        if value is not None and len(value) > MAX_ID:
            self.problem(data.line_of(key), f"{where}{key}", f"an id of at most {MAX_ID} characters",
                         f"{len(value)} characters ('{value[:40]}...')", "an id names a file: make it shorter")
            return None
        if value in RESERVED_IDS:
            self.problem(data.line_of(key), f"{where}{key}", "an id other than " +
                         ", ".join(sorted(RESERVED_IDS)) + " (those name index pages)", f"'{value}'")
            return None
        if value in WINDOWS_NAMES:
            self.problem(data.line_of(key), f"{where}{key}", "an id that can name a file on every common system",
                         f"'{value}'", "Windows reserves con, prn, aux, nul, com0-com9 and lpt0-lpt9")
            return None
        return value

    def mapping(self, value: object, line: int, key: str) -> YamlMap | None:
        if isinstance(value, YamlMap):
            return value
        self.problem(line, key, "a mapping of keys to values", describe(value))
        return None

    def items(self, data: object, what: str) -> list[YamlMap]:
        """The top level of a registry file: a list of mappings."""
        if data is None:
            return []
        if not isinstance(data, YamlList):
            self.problem(getattr(data, "line", 1), None, f"a list of {what}", describe(data))
            return []
        found = []
        for index, item in enumerate(data):
            mapping = self.mapping(item, data.line_of(index), f"item {index + 1}")
            if mapping is not None:
                found.append(mapping)
        return found


def as_text(value: object) -> str | None:
    """A YAML value read as a text: a text, or a number as it was written; else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, (WrittenInt, WrittenFloat)):
        return value.written
    return None


def _not_a_source_file(path: Path, root: Path) -> str | None:
    """What ``path`` is, when it is not a regular file inside ``root`` (or a link to one)."""
    try:
        if os.path.islink(path):
            target = os.path.realpath(path)
            if not os.path.exists(target):
                return f"a link to '{os.readlink(path)}', which does not exist"
            inside = os.path.realpath(root)
            if os.path.commonpath([inside, target]) != inside:
                return f"a link to '{target}', outside {display_path(root)}"
        return _kind_of_file(os.stat(path).st_mode)
    except OSError as error:
        return _os_error(error)


def _kind_of_file(mode: int) -> str | None:
    return next((name for test, name in _KINDS_OF_FILE if test(mode)), None if stat.S_ISREG(mode) else "not a file")


def _os_error(error: OSError) -> str:
    """An operating system's error, in words: ``permission denied``."""
    return (error.strerror or str(error)).lower()


def check_reference(checker: Checker, line: int, key: str, value: str, known, what: str) -> bool:
    """``value`` must be one of the ``known`` ids; records a problem with a hint if not."""
    if value in known:
        return True
    checker.problem(line, key, f"the id of {what}", f"'{value}'", did_you_mean(value, known))
    return False


def item_line(data: YamlMap, key: str, index: int) -> int:
    """The line of item ``index`` of the list under ``key`` (of the key, for a single value)."""
    value = data.get(key)
    return value.line_of(index) if isinstance(value, YamlList) else data.line_of(key)
