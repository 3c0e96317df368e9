"""Problems found in the input, and the error that carries them.

Every problem names the file, the line (and column when known), the key, what was
expected and what was found, so that a contributor can fix it without reading code.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input."""

    file: str
    """Path of the file, as the user would type it (relative to the working directory)."""
    line: int | None
    """1-based line in the file, when known."""
    key: str | None
    """The key or item the problem is about (``aliases[2]``), or None for the whole file."""
    expected: str
    """What the generator expected, in words."""
    found: str
    """What it found instead, in words (values are shown quoted)."""
    hint: str | None = None
    """A suggested fix, when there is one."""
    column: int | None = None
    """1-based column, when the YAML parser gives one."""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.key:
            text += f"{self.key}: "
        text += f"expected {self.expected}, found {self.found}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(Exception):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    where = "in the sources"
    """Where the problems are, for :meth:`summary`."""

    def summary(self) -> str:
        """What went wrong, in one line, before the problems: ``2 problems in the sources``."""
        count = len(self.problems)
        return f"{count} problem{'' if count == 1 else 's'} {self.where}"


class OutputError(InputError):
    """The pages cannot be written where they should go; the output is as it was."""

    where = "writing the site"


def display_path(path: Path) -> str:
    """The path relative to the working directory when it is below it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def did_you_mean(value: str, candidates) -> str | None:
    """A hint naming the closest candidate, or None when nothing is close."""
    close = difflib.get_close_matches(value, sorted(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def quoted(text: str) -> str:
    """``text`` in quotes, its invisible characters written out (``'Lav<U+200B>rov'``)."""
    if text.isprintable():
        return f"'{text}'"
    return "'" + "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cf", "Cc") else c
                         for c in text) + "'"


def describe(value: object) -> str:
    """A short description of a found value for an error message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({getattr(value, 'written', value)})"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return quoted(shown) if value else "an empty text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
