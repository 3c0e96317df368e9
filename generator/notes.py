"""Contributed notes: ``sources/notes/<entity-id>.md``, a longer hand-written text that
the generator places on that entity's page (nobody edits a generated file).

A note is Markdown written by a contributor and reviewed in a pull request. It may hold
no raw HTML, attribute list, script address or image from another host
(:mod:`generator.contributed`), and its headings are moved two levels down so that they sit
under the page's own "Notes" heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .contributed import markup_problems
from .mdtext import Md
from .problems import Problem, did_you_mean, display_path
from .schema import Checker

_HEADING = re.compile(r"^(#{1,4})(?=\s)", re.MULTILINE)


@dataclass(frozen=True)
class Note:
    """A contributed text for one entity page."""

    entity: str
    markdown: Md
    """The note, ready to place under the page's "Notes" heading."""
    file: str


def load_notes(sources: Path, entity_ids) -> tuple[dict[str, Note], list[Problem]]:
    """Every note under ``sources/notes/`` and every problem with them."""
    notes: dict[str, Note] = {}
    problems: list[Problem] = []
    folder = sources / "notes"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        checker = Checker(display_path(path))
        text = checker.read_text(path, sources) if path.stem in entity_ids else None
        if path.stem not in entity_ids:
            checker.problem(None, None, "a file named after an entity id (<entity-id>.md)", f"'{path.name}'",
                            did_you_mean(path.stem, entity_ids))
        elif text is not None and not text.strip():
            checker.problem(None, None, "the text of the note", "an empty file")
        elif text is not None:
            text = text.replace("\r\n", "\n")
            checker.problems.extend(markup_problems(text, checker.file))
            if not checker.problems:
                notes[path.stem] = Note(path.stem, Md(_HEADING.sub(r"##\1", text.strip()) + "\n"), checker.file)
        problems.extend(checker.problems)
    return notes, problems
