"""``python -m generator explain PATH``: why the last build into a folder made a generated
file again or kept it, and which source files it depends on.

It reads what that build recorded (:mod:`generator.incremental.cache`, :mod:`generator.incremental.reuse`): for a
page made again, the first of its recorded reads of the site model that returned something
else than in the build before; for a page kept, how many reads returned what they did; for
a file the build deleted, that no page makes it any more. A build records its pages from
the second build into a folder on (from the first under ``mkdocs serve``), with the cache.
"""

from __future__ import annotations

from pathlib import Path

from .cache import Cache
from ..problems import display_path



def explain(path: Path, out: Path, cache: Cache, sources: Path) -> tuple[str, int]:
    """The explanation of ``path`` (inside ``out``, or relative to it), and an exit code: 1
    when the last build recorded nothing of it."""
    relative = _relative(path, out)
    shown = display_path(out / relative)
    state, unchanged = cache.explanations(out)
    if state is None:
        return (f"{shown}: the last build into {display_path(out)} recorded none of its pages (a first "
                "build, or one without the cache: build again, or serve, and ask again)", 1)
    if relative in state.get("deleted", ()):
        return f"{shown}: deleted by the last build: no page of the site is made there any more", 0
    why = state.get("explained", {}).get(relative)
    if why is None:
        return (f"{shown}: not a file the last build into {display_path(out)} made (a hand-written page, "
                "or a path outside the generated pages)", 1)
    if unchanged:
        why = "kept: the last build found every input as the build before left it, and touched no file"
    lines = [f"{shown}: {why}"]
    depends = _depends_on(state, relative, sources)
    if depends:
        lines.append("depends on: " + ", ".join(depends))
    return "\n".join(lines), 0


def _relative(path: Path, out: Path) -> str:
    try:
        return path.resolve().relative_to(out.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _depends_on(state: dict, relative: str, sources: Path) -> list[str]:
    """The source files whose content the file's recorded reads name: articles (by id), the
    registry, the notes."""
    table = state["table"]
    reads = {table[i] for record in state["records"].values() if record.path == relative for i in record.reads}
    articles = {p.stem for p in (sources / "articles").glob("*.md")}
    found, registry, notes, every_article = set(), False, set(), False
    for route, name, args in reads:
        registry = registry or route[:1] == ("registry",) or (route == () and name == "registry")
        every_article = every_article or (route == () and name == "articles")
        for value in args or ():
            if isinstance(value, str) and value in articles:
                found.add(value)
            if route[:1] == ("notes",) and isinstance(value, str) and (sources / "notes" / f"{value}.md").is_file():
                notes.add(value)
    named = [display_path(sources / "articles" / f"{a}.md") for a in sorted(found)]
    if every_article:
        named.append(f"the list of every article in {display_path(sources / 'articles')}")
    named += [display_path(sources / "notes" / f"{n}.md") for n in sorted(notes)]
    if registry:
        named.append(f"the registry ({display_path(sources / 'entities')}, {display_path(sources / 'outlets.yml')})")
    return named



