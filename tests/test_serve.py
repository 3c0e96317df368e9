"""``mkdocs serve`` regenerates on an edit under sources/, once, and sees edits to
hand-written pages, and after a failed build serves the last site with the error on it; a
rebuild (plain ``mkdocs serve``, or ``--dirty``) renders only the changed pages, and gives
what a full build gives; a change to mkdocs.yml makes a full one."""

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs, wait_for as _wait


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


@contextlib.contextmanager
def _serving(project, log_path, *options: str):
    """``mkdocs serve [options]`` in ``project``, logging to ``log_path``; yields its address."""
    port = _free_port()
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"],
            cwd=project, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_an_edit_under_sources_appears_and_the_rebuilds_settle(tmp_path):
    project = copy_project(tmp_path)
    log_path = tmp_path / "serve.log"
    with _serving(project, log_path) as site:
        page = f"{site}/islands/iturup/"
        _wait(lambda: "The largest of the four" in _fetch(page), 60, "the first build")
        registry = project / "sources" / "entities" / "islands.yml"
        registry.write_text(registry.read_text().replace("The largest of the four", "The biggest of the four"))
        _wait(lambda: "The biggest of the four" in _fetch(page), 60, "the edit to appear")

        builds = lambda: log_path.read_text().count("Building documentation")  # noqa: E731
        time.sleep(5)
        settled = builds()
        time.sleep(5)
        assert builds() == settled, log_path.read_text()
        # the first build and the edit: the generator's own writes are not watched
        assert settled == 2, log_path.read_text()

        # What people write under docs/ is watched: files at the top, and in folders.
        about = project / "docs" / "about.md"
        about.write_text(about.read_text().replace("This is a reference", "This is a cited reference"))
        _wait(lambda: "This is a cited reference" in _fetch(f"{site}/about/"), 60,
              "a hand-written page's edit to appear")
        style = project / "docs" / "assets" / "extra.css"
        style.write_text(style.read_text() + "\n/* edited while serving */\n")
        _wait(lambda: "edited while serving" in _fetch(f"{site}/assets/extra.css"), 60,
              "an edit in a hand-written folder to appear")


def test_an_article_added_and_removed_makes_one_build_each(tmp_path):
    """Adding or removing an article changes generated pages at the top of docs/ (the home
    page counts the articles) and adds or deletes its page, here in a folder that is watched
    because it holds a hand-written page too: the generator's own writes start no second
    build."""
    project = copy_project(tmp_path)
    (project / "docs" / "sources").mkdir()
    (project / "docs" / "sources" / "reading-the-sources.md").write_text("# Reading the sources\n")
    log_path = tmp_path / "serve.log"
    articles = project / "sources" / "articles"
    original = articles / "tass-2019-01-14-sovereignty-non-negotiable.md"
    added = articles / "tass-2019-01-15-added-while-serving.md"
    builds = lambda: log_path.read_text().count("Building documentation")  # noqa: E731
    with _serving(project, log_path) as site:
        _wait(lambda: "5 articles" in _fetch(f"{site}/"), 60, "the first build")
        assert "'docs/sources'" in log_path.read_text()  # watched, for the hand-written page
        added.write_text(original.read_text("utf-8").replace(
            "id: tass-2019-01-14-sovereignty-non-negotiable", "id: tass-2019-01-15-added-while-serving").replace(
            'title: "Russia’s sovereignty', 'title: "Added while serving: Russia’s sovereignty'), "utf-8")
        _wait(lambda: "6 articles" in _fetch(f"{site}/") and "Added while serving" in _fetch(f"{site}/sources/"),
              60, "the added article")
        for expected in (2, 3):  # the first build, then one per edit
            time.sleep(4)
            assert builds() == expected, log_path.read_text()
            if expected == 2:
                added.unlink()
                _wait(lambda: "5 articles" in _fetch(f"{site}/"), 60, "the removed article")
        assert not _fetch(f"{site}/sources/tass-2019-01-15-added-while-serving/")
        assert not (project / "docs" / "sources" / "tass-2019-01-15-added-while-serving.md").exists()


_SLOW_BUILD = """
import time

def on_post_build(config, **kwargs):  # a build that takes longer than a poll of the watched files
    time.sleep(3)
"""


def test_the_watched_files_are_not_polled_while_the_site_builds(tmp_path):
    """A poll during a build would compete with it; an edit made meanwhile is seen once the
    build ends, and starts the next one."""
    project = copy_project(tmp_path)
    (project / "slow_build.py").write_text(_SLOW_BUILD)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("hooks:\n", "hooks:\n  - slow_build.py\n") + "watch:\n  - notes\n")
    (project / "notes").mkdir()  # a folder mkdocs.yml asks MkDocs to watch
    (project / "notes" / "todo.txt").write_text("To do:\n")
    log_path = tmp_path / "serve.log"
    articles = project / "sources" / "articles"
    first, second = "tass-2019-01-14-sovereignty-non-negotiable", "ria-novosti-2007-02-07-ready-for-dialogue"
    text = lambda: log_path.read_text()  # noqa: E731
    with _serving(project, log_path, "-v") as site:  # -v: MkDocs logs each change it sees
        page = f"{site}/sources/{second}/"
        _wait(lambda: "Serving on" in text() and _fetch(page), 60, "the first build")
        for name in (first, second):  # the second edit while the first one's build runs, once
            with open(articles / f"{name}.md", "a", encoding="utf-8") as article:  # it read the sources
                article.write(f"\nA closing sentence about Shikotan, added to {name}.\n")
            if name == second:
                with open(project / "notes" / "todo.txt", "a", encoding="utf-8") as notes:
                    notes.write("- check the edit\n")
            _wait(lambda: text().count("INFO    -  generator: 5 articles") == 2, 60,
                  "the edit's build to read the sources")
        _wait(lambda: f"added to {second}" in _fetch(page), 60, "the edit made during a build to appear")
    lines = text().splitlines()
    # A rebuild ends with "Reloading browsers" ("Documentation built in 3.69 seconds" is not
    # logged again when an earlier build took as long: MkDocs drops a repeated message).
    ended = [i for i, line in enumerate(lines) if "Reloading browsers" in line]
    started = [i for i, line in enumerate(lines) if "Building documentation" in line]
    for edited in (f"{second}.md", "todo.txt"):
        seen = [i for i, line in enumerate(lines) if "FileModifiedEvent" in line and edited in line]
        # seen after the build it was made in ended (3 s after the edit), and before the next began
        assert seen and started[1] < ended[0] < seen[0] < started[2], (edited, "\n".join(lines[started[1]:]))


# What ``mkdocs serve --dirty`` does, without the server: a first build, an edit, a dirty
# rebuild with the configuration loaded again (the plugins and hooks are kept). Prints the
# pages the rebuild wrote.
_DIRTY_REBUILD = """
import json, logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(format="%(levelname)s %(message)s")
config = load_config("mkdocs.yml", site_dir="dirty")
config.plugins.on_startup(command="serve", dirty=True)
build(config, dirty=True)
before = {p: p.stat().st_mtime_ns for p in Path("dirty").rglob("*.html")}
article = Path(sys.argv[1])
article.write_text(article.read_text("utf-8") + sys.argv[2], "utf-8")
build(load_config("mkdocs.yml", site_dir="dirty"), dirty=True)
print(json.dumps(sorted(str(p) for p in Path("dirty").rglob("*.html") if p.stat().st_mtime_ns != before.get(p))))
"""


@pytest.mark.parametrize("backend, command", [("lunr", "serve"), ("pagefind", "serve"), ("lunr", "build")])
def test_a_dirty_rebuild_writes_only_changed_pages_and_what_a_full_build_writes(tmp_path, backend, command):
    """``mkdocs serve --dirty`` (both builds in one process), or ``mkdocs build --dirty`` twice."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("search_backend: lunr", f"search_backend: {backend}"))
    article = project / "sources" / "articles" / "tass-2019-01-14-sovereignty-non-negotiable.md"
    edit = "\nA closing sentence about Shikotan, added later.\n"
    if command == "serve":
        rebuild = subprocess.run([sys.executable, "-c", _DIRTY_REBUILD, str(article), edit], cwd=project,
                                 capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        # The site is strict: a warning in either build would have stopped it.
        assert rebuild.returncode == 0, rebuild.stderr
        assert "WARNING" not in rebuild.stderr, rebuild.stderr
        rebuilt = json.loads(rebuild.stdout)
    else:
        first = mkdocs(project, "build", "--dirty", "--site-dir", "dirty")
        assert first.returncode == 0 and "WARNING" not in first.stderr, first.stderr
        before = {p: p.stat().st_mtime_ns for p in (project / "dirty").rglob("*.html")}
        article.write_text(article.read_text("utf-8") + edit, "utf-8")
        second = mkdocs(project, "build", "--dirty", "--site-dir", "dirty")
        assert second.returncode == 0 and "WARNING" not in second.stderr, second.stderr
        rebuilt = sorted(str(p.relative_to(project)) for p in (project / "dirty").rglob("*.html")
                         if p.stat().st_mtime_ns != before.get(p))
    pages = sorted((project / "dirty").rglob("*.html"))
    assert "dirty/sources/tass-2019-01-14-sovereignty-non-negotiable/index.html" in rebuilt
    assert "dirty/islands/shikotan/index.html" in rebuilt
    assert len(rebuilt) < len(pages) / 2, rebuilt

    full = mkdocs(project, "build", "--strict", "--site-dir", "full")
    assert full.returncode == 0, full.stderr
    assert [p.relative_to(project / "dirty") for p in pages] == \
        [p.relative_to(project / "full") for p in sorted((project / "full").rglob("*.html"))]
    for page in pages:  # the nav of a rebuilt page names pages the rebuild did not read
        assert page.read_bytes() == (project / "full" / page.relative_to(project / "dirty")).read_bytes(), page
    if backend == "lunr":
        index = "search/search_index.json"
        assert json.loads((project / "dirty" / index).read_text()) == json.loads((project / "full" / index).read_text())
    else:
        for index in ("pagefind", "pagefind-names"):
            files = lambda site: {p.relative_to(site): p.read_bytes()  # noqa: E731
                                  for p in (site / index).rglob("*") if p.is_file()}
            assert files(project / "full") and files(project / "dirty") == files(project / "full"), index


def _fetch_within(url: str, seconds: float = 5) -> str:
    """The page, which must come within ``seconds`` (a page request must never hang)."""
    start = time.monotonic()
    with urllib.request.urlopen(url, timeout=seconds) as response:
        body = response.read().decode("utf-8")
    assert time.monotonic() - start < seconds
    return body


@pytest.mark.parametrize("options, broken, how", [
    ((), "sources/articles/tass-2019-01-14-sovereignty-non-negotiable.md", "title: ["),
    (("--dirty",), "sources/entities/islands.yml", "- id: [iturup\n"),
], ids=["article", "registry-dirty"])
def test_a_failed_rebuild_serves_the_last_site_with_the_error_and_recovers(tmp_path, options, broken, how):
    project = copy_project(tmp_path)
    log_path = tmp_path / "serve.log"
    path = project / broken
    good = path.read_text("utf-8")
    with _serving(project, log_path, *options) as site:
        page = f"{site}/islands/iturup/"
        _wait(lambda: "The largest of the four" in _fetch(page), 60, "the first build")
        path.write_text(how + good if how.startswith("- ") else good.replace("title: ", how, 1), "utf-8")
        _wait(lambda: "The build failed" in log_path.read_text(), 60, "the failed build")
        time.sleep(1)  # the browsers are told to reload
        served = _fetch_within(page)
        assert "The largest of the four" in served  # the last site built
        assert 'role="alert"' in served and "The last build failed." in served
        assert f"{broken}:" in served and "expected valid YAML" in served
        assert "The last build failed." in _fetch_within(f"{site}/about/")
        path.write_text(good, "utf-8")
        _wait(lambda: "The largest of the four" in _fetch(page) and "The last build failed." not in _fetch(page),
              60, "the fixed build")


def test_plain_serve_rebuilds_dirty_and_fully_when_mkdocs_yml_changes(tmp_path):
    """The README's ``mkdocs serve``, no flags: an edit is a dirty rebuild (only the pages
    whose Markdown changed are written again); a change to mkdocs.yml, which every page
    shows, makes a full one."""
    project = copy_project(tmp_path)
    log_path = tmp_path / "serve.log"
    text = lambda: log_path.read_text()  # noqa: E731
    with _serving(project, log_path, "-v") as site:  # -v: MkDocs logs the folder it serves from
        page = f"{site}/islands/iturup/"
        _wait(lambda: "The largest of the four" in _fetch(page), 60, "the first build")
        served = Path(re.search(r"Config value 'site_dir' = '([^']+)'", text()).group(1))
        written = lambda: {p.relative_to(served).as_posix(): p.stat().st_mtime_ns  # noqa: E731
                           for p in served.rglob("*.html")}
        first = written()
        registry = project / "sources" / "entities" / "islands.yml"
        registry.write_text(registry.read_text().replace("The largest of the four", "The biggest of the four"))
        _wait(lambda: "The biggest of the four" in _fetch(page), 60, "the edit to appear")
        time.sleep(1)
        rebuilt = sorted(path for path, mtime in written().items() if mtime != first.get(path))
        assert "islands/iturup/index.html" in rebuilt and "about/index.html" not in rebuilt, rebuilt
        assert len(rebuilt) < len(first) / 2, rebuilt

        second = written()
        config = project / "mkdocs.yml"
        config.write_text(config.read_text().replace("site_name: Kuril Islands dispute reference",
                                                     "site_name: Kuril Islands reference, renamed"))
        _wait(lambda: "Kuril Islands reference, renamed" in _fetch(f"{site}/about/"), 60,
              "the new name on a page whose Markdown did not change")
        time.sleep(1)
        assert all(written().get(path) != mtime for path, mtime in second.items())
    assert "WARNING" not in text(), text()
