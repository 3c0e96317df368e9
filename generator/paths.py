"""Every page path and every link between pages: the one place that builds them.

Paths are relative to the output directory (``docs/``), with ``/`` separators.
"""

from __future__ import annotations

from .registry import KINDS

HOME = "index.md"
SOURCES_INDEX = "sources/index.md"
TIMELINE = "timeline.md"
DISAGREEMENTS = "disagreements.md"
ENTITIES_JSON = "data/entities.json"
MENTIONS_JSON = "data/mentions.json"
EVENTS_JSON = "data/events.json"
ARTICLES_JSON = "data/articles.json"
DISAGREEMENTS_JSON = "data/disagreements.json"


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
    here = from_page.split("/")[:-1]
    there = to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    target = "/".join([".."] * (len(here) - common) + there[common:])
    return f"{target}#{anchor}" if anchor else target


def site_url(page: str) -> str:
    """The page's URL relative to the site root, as MkDocs publishes it (directory URLs)."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"
