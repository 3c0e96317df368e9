"""The orchestrator: load, find, link, plan, write, in that order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .findings import find_in_article
from .mentions import build_alias_index
from .model import build_model
from .output import WriteReport, render_site, write_files
from .pages import plan_site
from .registry import read_registry
from .sources import read_articles

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = ROOT / "sources"
DEFAULT_OUT = ROOT / "docs"


@dataclass(frozen=True)
class BuildReport:
    """What a build read and wrote."""

    articles: int
    entities: int
    files: WriteReport
    flags: tuple[str, ...]
    """Things in the sources a reviewer should look at (not errors): names that contradict
    the registry."""


def build(sources: Path = DEFAULT_SOURCES, out: Path = DEFAULT_OUT) -> BuildReport:
    """Generate the site's pages from ``sources`` into ``out``; InputError if the input is bad."""
    registry = read_registry(sources)
    articles = read_articles(sources, registry)
    index = build_alias_index(registry.alias_table())
    findings = tuple(find_in_article(article, index) for article in articles)
    model = build_model(registry, findings)
    files = render_site(plan_site(model))
    flags = tuple(
        f"{model.article(c.article).file}: paragraph {c.paragraph + 1} calls '{c.entity}' “{c.name}”, "
        f"a name the registry gives to '{c.owner}'"
        for c in model.conflicts
    )
    return BuildReport(len(articles), len(registry.entities), write_files(files, out), flags)
