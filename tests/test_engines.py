"""The site builds under the successor engines too (README, "Other engines"), from the pages
``python -m generator build`` writes: Zensical, which ignores hooks, and ProperDocs, the
MkDocs fork, which runs them. Every entity and source page exists, every internal link and
anchor resolves, and no page loads anything from another host."""

import html
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import copy_project

BIN = Path(sys.executable).parent
ENGINES = {
    "zensical": [str(BIN / "zensical"), "build"],
    "properdocs": [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml"],
}
KINDS = ("treaties", "islands", "people", "meetings", "sources")
_LINK = re.compile(r'<(\w+)\b[^>]*?\s((?:xlink:)?href|src)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')


@pytest.fixture(scope="module", params=sorted(ENGINES))
def engine_site(request, tmp_path_factory) -> tuple[Path, Path]:
    project = copy_project(tmp_path_factory.mktemp(request.param))
    environment = {"NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin"}
    generated = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, capture_output=True,
                               text=True, env=environment)
    assert generated.returncode == 0, generated.stderr
    built = subprocess.run(ENGINES[request.param], cwd=project, capture_output=True, text=True, env=environment,
                           timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "WARNING" not in built.stdout + built.stderr and "issues found" not in built.stdout.replace(
        "No issues found", ""), built.stdout + built.stderr
    return project / "docs", project / "site"


def _page(site: Path, path: str) -> Path:
    """The HTML file of a generated page (directory URLs)."""
    stem = path[:-len(".md")]
    return site / ("index.html" if stem == "index" else f"{stem.removesuffix('index')}index.html"
                   if stem.endswith("/index") else f"{stem}/index.html")


def test_every_entity_and_source_page_is_built(engine_site):
    docs, site = engine_site
    generated = json.loads((docs / ".generated.json").read_text())
    pages = [path for path in generated if path.endswith(".md") and path.split("/")[0] in KINDS]
    assert len([p for p in pages if p.startswith("sources/")]) > 5 and len(pages) > 40
    missing = [path for path in pages if not _page(site, path).is_file()]
    assert not missing, missing


def test_every_internal_link_and_anchor_resolves_and_nothing_comes_from_another_host(engine_site):
    _, site = engine_site
    ids: dict[Path, set[str]] = {}
    broken, foreign = [], []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text("utf-8")
        for tag, attribute, value in _LINK.findall(text):
            value = html.unescape(value)
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") or value.startswith("//"):
                if tag != "a":  # a script, a style sheet, an image, a font: a request
                    foreign.append((page.relative_to(site).as_posix(), value))
                continue
            if parts.scheme or not (parts.path or parts.fragment):
                continue  # mailto:, data:, javascript: never appear; an empty href is a no-op
            base = site if parts.path.startswith("/") else page.parent  # the 404 page's links are absolute
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            if not target.is_file() or site.resolve() not in target.resolve().parents:
                broken.append((page.relative_to(site).as_posix(), value))
                continue
            if parts.fragment and target.suffix == ".html":
                known = ids.setdefault(target, set(_ID.findall(target.read_text("utf-8"))))
                if unquote(parts.fragment) not in known:
                    broken.append((page.relative_to(site).as_posix(), value))
    assert not broken, broken[:20]
    assert not foreign, foreign[:20]
