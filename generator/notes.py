"""Contributed notes: ``sources/notes/<entity-id>.md``, a longer hand-written text that
the generator places on that entity's page (nobody edits a generated file).

A note is Markdown written by a contributor and reviewed in a pull request. It may not
contain raw HTML (the site carries no HTML from its sources), and its headings are moved
two levels down so that they sit under the page's own "Notes" heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .mdtext import Md
from .problems import Problem, did_you_mean, display_path

_HTML = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--")
_HEADING = re.compile(r"^(#{1,4})(?=\s)", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)


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
        file = display_path(path)
        if path.stem not in entity_ids:
            problems.append(Problem(file, None, None, "a file named after an entity id (<entity-id>.md)",
                                    f"'{path.name}'", did_you_mean(path.stem, entity_ids)))
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError as error:
            problems.append(Problem(file, None, None, "text encoded as UTF-8", f"the byte at offset {error.start}"))
            continue
        found = [(text.count("\n", 0, m.start()) + 1, m.group()) for m in _HTML.finditer(_outside_code(text))]
        for line, tag in found:
            problems.append(Problem(file, line, None, "Markdown without raw HTML", f"'{tag}'",
                                    "write it in Markdown; the site takes no HTML from its sources"))
        if not text.strip():
            problems.append(Problem(file, None, None, "the text of the note", "an empty file"))
        if not found and text.strip():
            notes[path.stem] = Note(path.stem, Md(_HEADING.sub(r"##\1", text.strip()) + "\n"), file)
    return notes, problems


def _outside_code(text: str) -> str:
    """The text with fenced code blocks and inline code blanked (same length, same lines)."""
    parts = _FENCE.split(text)
    blanked, inside = [], False
    for part in parts:
        if part in ("```", "~~~"):
            inside = not inside
            blanked.append(part)
        else:
            blanked.append(re.sub(r"[^\n]", " ", part) if inside else re.sub(r"`[^`\n]*`", lambda m: " " * len(m.group()), part))
    return "".join(blanked)
