"""Every page path and every link between pages: the one place that builds them.

Paths are relative to the output directory (``docs/``), with ``/`` separators.
"""

from __future__ import annotations

import functools

from .registry import KINDS

HOME = "index.md"
RELATIONS = "relations.md"
SOURCES_INDEX = "sources/index.md"
TIMELINE = "timeline.md"
DISAGREEMENTS = "disagreements.md"
ENTITIES_JSON = "data/entities.json"
MENTIONS_JSON = "data/mentions.json"
EVENTS_JSON = "data/events.json"
ARTICLES_JSON = "data/articles.json"
DISAGREEMENTS_JSON = "data/disagreements.json"
CONTRIBUTING = "contributing/"
"""Hand-written pages for contributors (benchmarks, accuracy), apart from the reader's pages."""


def timeline_part(year: int | None, month: int = 0) -> str:
    """The page of one year of the timeline (``timeline/2019.md``), of one month of a long
    year (``timeline/2019-03.md``), or of its undated part (``timeline/unresolved.md``)."""
    if year is None:
        return "timeline/unresolved.md"
    return f"timeline/{year:04d}" + (f"-{month:02d}" if month else "") + ".md"


def kind_index(kind: str) -> str:
    return f"{KINDS[kind].plural}/index.md"


def entity_page(kind: str, entity_id: str) -> str:
    return f"{KINDS[kind].plural}/{entity_id}.md"


def article_page(article_id: str) -> str:
    return f"sources/{article_id}.md"


def paragraph_anchor(index: int) -> str:
    """The anchor of paragraph ``index`` (0-based) on a source page: ``p1``, ``p2``, ..."""
    return f"p{index + 1}"


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link from one page to another (MkDocs turns ``.md`` links into URLs)."""
    folder, _, name = to_page.rpartition("/")
    target = _relative_folder(from_page.rpartition("/")[0], folder) + name
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=256)
def _relative_folder(here: str, there: str) -> str:
    """The way from folder ``here`` to folder ``there`` ("" for the root): ``../sources/``."""
    here_parts, there_parts = here.split("/") if here else [], there.split("/") if there else []
    common = 0
    while common < min(len(here_parts), len(there_parts)) and here_parts[common] == there_parts[common]:
        common += 1
    return "".join(["../"] * (len(here_parts) - common) + [f"{part}/" for part in there_parts[common:]])


def site_url(page: str) -> str:
    """The page's URL relative to the site root, as MkDocs publishes it (directory URLs)."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def url_link(from_page: str, to_page: str) -> str:
    """A relative URL from one page to another, for links in raw HTML (an SVG), which MkDocs
    does not rewrite: ``../../people/sergey-lavrov/``."""
    here, there = site_url(from_page).rstrip("/"), site_url(to_page)
    folder, _, _ = there.rstrip("/").rpartition("/") if there else ("", "", "")
    name = there[len(folder) + 1:] if folder else there
    return _relative_folder(here, folder) + name or "./"
