"""Typed reading of YAML values: each reader checks one value and records a problem.

The registry and the article front matter are read through one :class:`Checker` per
file, which collects every problem in the file instead of stopping at the first.
"""

from __future__ import annotations

import re
from pathlib import Path

from .dates import PartialDate, parse_date
from .problems import Problem, describe, did_you_mean
from .yamlfile import YamlList, YamlMap

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
RESERVED_IDS = frozenset({"index"})
"""Ids that would collide with the index page of their folder."""


class Checker:
    """Reads values of one file; ``problems`` holds what was wrong with them."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def read_text(self, path: Path) -> str | None:
        """The file as text (UTF-8, a byte-order mark dropped); None and a problem if it is not."""
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            self.problem(raw[: error.start].count(b"\n") + 1, None, "text encoded as UTF-8",
                         f"the byte 0x{raw[error.start]:02x} at byte offset {error.start}")
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
        """A non-empty text (a number is accepted and kept as written)."""
        value = data.get(key)
        if value is None:
            if required:
                self.problem(data.line, f"{where}{key}", "a text", "no value" if key in data else "no such key")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str) or not value.strip():
            hint = ("YAML reads yes/no/on/off/true/false as a boolean: put the text in quotes"
                    if isinstance(value, bool) else None)
            self.problem(data.line_of(key), f"{where}{key}", "a non-empty text", describe(value), hint)
            return None
        return value.strip()

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
            if isinstance(item, str) and item.strip():
                result.append(item.strip())
            else:
                self.problem(value.line_of(index), f"{where}{key}[{index}]", "a non-empty text",
                             describe(item))
        return tuple(result)

    def date(self, data: YamlMap, key: str, where: str, required: bool = False) -> PartialDate | None:
        """A date written YYYY-MM-DD, YYYY-MM or YYYY, that exists in the calendar."""
        text = self.text(data, key, where, required)
        if text is None:
            return None
        parsed = parse_date(text)
        if parsed is None:
            self.problem(data.line_of(key), f"{where}{key}",
                         "a date written YYYY-MM-DD, YYYY-MM or YYYY that exists", f"'{text}'")
        return parsed

    def number(self, data: YamlMap, key: str, where: str) -> float | int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            self.problem(data.line_of(key), f"{where}{key}", "a number of zero or more", describe(value))
            return None
        return value

    def slug(self, data: YamlMap, key: str, where: str) -> str | None:
        """An id: lowercase letters, digits and single hyphens (safe in paths and URLs)."""
        value = self.text(data, key, where, required=True)
        if value is not None and not SLUG.fullmatch(value):
            self.problem(data.line_of(key), f"{where}{key}",
                         "an id of lowercase letters, digits and single hyphens", f"'{value}'")
            return None
        if value in RESERVED_IDS:
            self.problem(data.line_of(key), f"{where}{key}", "an id other than " +
                         ", ".join(sorted(RESERVED_IDS)) + " (those name index pages)", f"'{value}'")
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
