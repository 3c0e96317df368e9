"""What a change to the sources does to the site, for a pull request's job summary.

Both source trees are built with the current generator into temporary folders; the
summary lists pages added, changed and removed, entity links (article -> entity) added and
removed, and suggestions that are new. It is a review tool beside the pipeline, not a stage.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .build import build, check
from .suggestions import find_suggestions

LISTED = 15
"""Items listed per group before "and N more"."""


def compare(base: Path, head: Path) -> str:
    """A Markdown summary of the difference between the sites of two source trees."""
    with tempfile.TemporaryDirectory() as folder:
        old_docs, new_docs = Path(folder) / "base", Path(folder) / "head"
        build(base, old_docs)
        build(head, new_docs)
        old, new = _files(old_docs), _files(new_docs)
        old_links, new_links = _links(old_docs), _links(new_docs)
    old_uncovered, old_variants = find_suggestions(check(base))
    new_uncovered, new_variants = find_suggestions(check(head))

    pages = lambda names: sorted(n for n in names if n.endswith(".md"))  # noqa: E731
    added, removed = pages(new.keys() - old.keys()), pages(old.keys() - new.keys())
    changed = pages(n for n in new.keys() & old.keys() if new[n] != old[n])
    lines = ["## What this change does to the site", ""]
    lines.append(f"- **Pages:** {len(added)} added, {len(changed)} changed, {len(removed)} removed")
    for label, names in (("added", added), ("changed", changed), ("removed", removed)):
        if names:
            lines.append(f"  - {label}: " + _listing([f"`{n}`" for n in names]))
    gained, lost = sorted(new_links - old_links), sorted(old_links - new_links)
    lines.append(f"- **Entity links:** {len(gained)} added, {len(lost)} removed")
    if gained:
        lines.append("  - added: " + _listing([f"`{a}` → `{e}`" for a, e in gained]))
    if lost:
        lines.append("  - removed: " + _listing([f"`{a}` → `{e}`" for a, e in lost]))
    known = {s.name for s in old_uncovered}
    fresh = [s for s in new_uncovered if s.name not in known]
    lines.append(f"- **Names no entity covers:** {len(fresh)} new")
    if fresh:
        lines.append("  - " + _listing([f"{s.name} ({s.count})" for s in fresh]))
    known_variants = {(s.name, s.entity) for s in old_variants}
    fresh_variants = [s for s in new_variants if (s.name, s.entity) not in known_variants]
    lines.append(f"- **Spellings that look like a known entity:** {len(fresh_variants)} new")
    if fresh_variants:
        lines.append("  - " + _listing([f"{s.name} → `{s.entity}`" for s in fresh_variants]))
    return "\n".join(lines) + "\n"


def _files(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def _links(docs: Path) -> set[tuple[str, str]]:
    mentions = json.loads((docs / "data" / "mentions.json").read_text("utf-8"))
    return {(m["article"], m["entity"]) for m in mentions}


def _listing(items: list[str]) -> str:
    shown = ", ".join(items[:LISTED])
    return shown + (f", and {len(items) - LISTED} more" if len(items) > LISTED else "")
