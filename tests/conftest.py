"""Shared fixtures: the real sources built once, a copy of the project for MkDocs, and
small source trees written on the fly for the error tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.build import build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
"""The captures as delivered, beside the checkout (absent on a plain clone, e.g. on GitHub)."""
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the captured seeds are not in {SEEDS}")


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    """The generated pages of the real sources."""
    out = tmp_path_factory.mktemp("generated")
    build(ROOT / "sources", out)
    return out


def wait_for(condition, seconds: float, what: str):
    """The first true value of ``condition()``, polled for ``seconds``; AssertionError naming
    ``what`` when none comes."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def copy_project(target: Path) -> Path:
    """The files MkDocs needs (hand-written docs only), copied so tests never touch the tree."""
    for name in ("mkdocs.yml",):
        shutil.copy2(ROOT / name, target / name)
    for name in ("generator", "sources"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    for name in tracked or []:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    (target / "docs").mkdir(exist_ok=True)
    return target


def mkdocs(project: Path, *arguments: str, env: dict[str, str] | None = None,
           **options) -> subprocess.CompletedProcess:
    """``mkdocs`` with ``arguments`` in ``project``; ``env``: more environment variables."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", *arguments], cwd=project, env=environment,
                          capture_output=True, text=True, **options)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built with ``mkdocs build --strict`` from a copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs(project, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """A site built with ``mkdocs build --strict`` from :func:`write_hostile_sources`."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    shutil.rmtree(project / "sources")
    write_hostile_sources(project)
    result = mkdocs(project, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory) -> Path:
    """The real site with the Pagefind search backend (``extra.search_backend: pagefind``)."""
    project = copy_project(tmp_path_factory.mktemp("pagefind"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("search_backend: lunr", "search_backend: pagefind"))
    result = mkdocs(project, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


PAYLOAD = ('<img src=x onerror=alert(1)> </title><script>alert(2)</script> <!-- [a](javascript:alert(3)) '
           '{: onclick="alert(4)" } &amp;')
"""Markup, script, a comment that would swallow the page, a script link and an attribute list."""


def write_hostile_sources(root: Path) -> Path:
    """Sources whose every text field a reader sees holds :data:`PAYLOAD`; valid otherwise."""
    import yaml

    hostile = lambda suffix="": f"{PAYLOAD}{suffix}"  # noqa: E731
    quote = f"{PAYLOAD} Lavrov said."
    files = {
        "treaties": [{"id": "accord", "name": hostile(" accord"), "aliases": [hostile(" pact")], "signed": "1956-10-19",
                      "place": hostile(), "parties": [hostile()], "status": hostile(), "related": ["iturup"],
                      "summary": [{"text": hostile(), "cite": "one", "quote": quote}, hostile()]}],
        "islands": [{"id": "iturup", "name": hostile(" isle"), "aliases": ["Iturup"], "name_ru": hostile(),
                     "name_ja": hostile(), "area_km2": 3200, "administered_by": hostile(), "claimed_by": [hostile()],
                     "part_of": ["kurils"], "summary": [hostile()]},
                    {"id": "kurils", "name": "Kuril Islands", "aliases": ["Kurils"], "summary": ["Islands."]}],
        "people": [{"id": "sergey-lavrov", "name": hostile(" minister"), "aliases": ["Lavrov", "Sergey Lavrov"],
                    "country": hostile(), "offices": [{"title": hostile(), "from": "2004"}], "summary": [hostile()]}],
        "meetings": [{"id": "talks", "name": hostile(" talks"), "date": "2019-01-14", "place": hostile(),
                      "participants": ["sergey-lavrov"], "outcome": hostile(), "summary": [hostile()]}],
    }
    outlets = yaml.safe_dump([{"id": "wire", "name": hostile(), "country": hostile(), "kind": "private", "type": hostile(),
                               "url": 'https://evil.example/"><script>alert(5)</script>'}], allow_unicode=True)
    sources = write_sources(root, {}, outlets=outlets,
                            **{name: yaml.safe_dump(items, allow_unicode=True) for name, items in files.items()})
    front = yaml.safe_dump({"id": "one", "title": hostile(), "outlet": "wire", "agency": "wire",
                            "published": "2019-01-14", "published_note": hostile(), "authors": [hostile()],
                            "url": 'https://example.com/a"onmouseover="alert(6)'}, allow_unicode=True)
    (sources / "articles" / "one.md").write_text(
        f"---\n{front}---\nSergey Lavrov spoke about Iturup on Monday.\n\n{quote}\n\n"
        "A capture with an unclosed \u202eoverride, then more text on Iturup.\n", "utf-8")
    (sources / "disagreements.yml").write_text(yaml.safe_dump([{
        "id": "who-spoke", "about": hostile(), "entities": ["iturup"], "note": hostile(),
        "statements": [{"cite": "one", "quote": "Sergey Lavrov spoke about Iturup on Monday."},
                       {"cite": "one", "quote": quote}]}], allow_unicode=True), "utf-8")
    return sources


OUTLETS = """\
- id: wire
  name: Wire Agency
  country: Nowhere
  kind: private
  type: news agency
"""

ENTITIES = {
    "treaties": """\
- id: accord
  name: Harbour Accord
  aliases: [the Accord]
  signed: "1956-10-19"
  summary: [A treaty.]
""",
    "islands": """\
- id: iturup
  name: Iturup
  aliases: [Etorofu, Iturup Island]
  part_of: [kurils]
  summary: [An island.]
- id: kurils
  name: Kuril Islands
  aliases: [Kurils]
  summary: [Islands.]
""",
    "people": """\
- id: sergey-lavrov
  name: Sergey Lavrov
  aliases: [Lavrov]
  summary: [A minister.]
""",
    "meetings": """\
- id: talks
  name: The talks
  date: "2019-01-14"
  participants: [sergey-lavrov]
  summary: [A meeting.]
""",
}

FRONT_MATTER = """\
---
id: {id}
title: A headline
outlet: wire
published: "2019-01-14"
---
"""

ARTICLE = FRONT_MATTER + """\
A headline

Sergey Lavrov spoke about Iturup on Monday. He said the Accord stands.
"""


def write_sources(root: Path, articles: dict[str, str] | None = None, **overrides: str) -> Path:
    """A small valid sources tree under ``root``; ``overrides`` replace registry files by name."""
    sources = root / "sources"
    (sources / "entities").mkdir(parents=True, exist_ok=True)
    (sources / "articles").mkdir(exist_ok=True)
    (sources / "outlets.yml").write_text(overrides.pop("outlets", OUTLETS), "utf-8")
    for name, text in {**ENTITIES, **overrides}.items():
        (sources / "entities" / f"{name}.yml").write_text(textwrap.dedent(text), "utf-8")
    for name, text in (articles if articles is not None else {"one": ARTICLE.format(id="one")}).items():
        path = sources / "articles" / f"{name}.md"
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return sources
