"""The write stage: only what changed is written; files it did not write are never touched."""

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARTICLE, ROOT, wait_for, write_sources
from generator import output
from generator.build import build
from generator.problems import InputError

sys.path.insert(0, str(ROOT / "benchmarks"))
from run import synthesise  # noqa: E402


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_run_writes_nothing(tmp_path):
    sources, out = write_sources(tmp_path), tmp_path / "docs"
    first = build(sources, out).files
    before = snapshot(out)
    second = build(sources, out).files
    assert first.written == first.total > 0
    assert (second.written, second.deleted, second.unchanged) == (0, 0, first.total)
    assert snapshot(out) == before


def test_changing_one_article_rewrites_only_what_shows_it(tmp_path):
    sources, out = write_sources(tmp_path), tmp_path / "docs"
    build(sources, out)
    before = snapshot(out)
    article = sources / "articles" / "one.md"
    article.write_text(article.read_text().replace("He said the Accord stands.", "He said little."))
    build(sources, out)
    changed = {path for path, (content, _) in snapshot(out).items() if before[path][0] != content}
    # The Accord is no longer mentioned: its page, its index row, the co-mentions on the pages
    # of the entities still mentioned, the home page's counts and the sources index change.
    assert changed == {"sources/one.md", "sources/index.md", "treaties/accord.md", "treaties/index.md", "relations.md",
                       "islands/iturup.md", "people/sergey-lavrov.md", "index.md", "data/mentions.json"}


def test_hand_written_pages_are_never_touched_and_stale_pages_go(tmp_path):
    sources, out = write_sources(tmp_path), tmp_path / "docs"
    (out / "essays").mkdir(parents=True)
    (out / "essays" / "history.md").write_text("# History\n")
    (out / "about.md").write_text("# About\n")
    build(sources, out)
    (sources / "articles" / "two.md").write_text(ARTICLE.format(id="two"))
    build(sources, out)
    assert (out / "sources" / "two.md").is_file()
    (sources / "articles" / "two.md").unlink()
    report = build(sources, out).files
    assert report.deleted == 1 and not (out / "sources" / "two.md").exists()
    assert (out / "essays" / "history.md").read_text() == "# History\n"
    assert (out / "about.md").read_text() == "# About\n"


def test_a_hand_written_file_where_a_page_would_go_is_an_error(tmp_path):
    sources, out = write_sources(tmp_path), tmp_path / "docs"
    (out / "islands").mkdir(parents=True)
    (out / "islands" / "iturup.md").write_text("mine")
    os.chdir(tmp_path)
    with pytest.raises(InputError) as error:
        build(sources, out)
    assert str(error.value) == (
        "docs/islands/iturup.md: expected no hand-written file where the generator writes a page, found a file "
        "that the generator did not write (move it elsewhere; the generator owns data/, disagreements.md, "
        "index.md, islands/, meetings/, people/, relations.md, sources/, timeline.md, treaties/)")
    assert (out / "islands" / "iturup.md").read_text() == "mine"
    assert sorted(p.name for p in out.rglob("*")) == ["islands", "iturup.md"]


def test_a_failed_run_leaves_the_previous_output_exactly_as_it_was(tmp_path):
    sources, out = write_sources(tmp_path), tmp_path / "docs"
    build(sources, out)
    before = snapshot(out)
    (sources / "entities" / "people.yml").write_text("- id: [broken\n")
    with pytest.raises(InputError):
        build(sources, out)
    assert snapshot(out) == before


def test_two_builds_are_byte_identical(tmp_path):
    sources = write_sources(tmp_path)
    build(sources, tmp_path / "a")
    build(sources, tmp_path / "b")
    first = {k: v[0] for k, v in snapshot(tmp_path / "a").items()}
    assert first == {k: v[0] for k, v in snapshot(tmp_path / "b").items()}


def test_pages_are_public_whatever_the_umask_and_what_an_interrupted_run_left_is_removed(tmp_path):
    sources, out = write_sources(tmp_path), tmp_path / "docs"
    build(sources, tmp_path / "first")
    # What a run killed while writing leaves: its temporary files, in the staging folder.
    (out / output.STAGING).mkdir(parents=True)
    for name in ("0.md", "1.json", "2.md"):
        (out / output.STAGING / name).write_text("left over")
    previous = os.umask(0o077)
    try:
        build(sources, out)
    finally:
        os.umask(previous)
    assert not (out / output.STAGING).exists()
    assert snapshot(out).keys() == snapshot(tmp_path / "first").keys()
    assert {oct(p.stat().st_mode & 0o777) for p in out.rglob("*.md")} == {"0o644"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A synthetic corpus that takes a few seconds to build, with two processes."""
    folder = tmp_path_factory.mktemp("corpus")
    synthesise(folder, 400, 80, seed=2)
    return folder / "sources"


def _generator(*arguments, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", *arguments],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, **options)


def _build(*arguments) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "build", *arguments, "--no-cache"],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert result.returncode == 0, result.stderr


def _children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_killed_build_leaves_the_output_as_it_was_and_no_worker_behind(corpus, tmp_path):
    out = tmp_path / "docs"
    _build("--sources", str(corpus), "--out", str(out))
    before = snapshot(out)
    article = sorted((corpus / "articles").glob("*.md"))[0]
    text = article.read_text()
    article.write_text(text + "\nThe minister spoke of Iturup again.\n")
    try:
        build_ = _generator("build", "--sources", str(corpus), "--out", str(out), "--no-cache", "--jobs", "2",
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        workers = wait_for(lambda: _children(build_.pid), 60, "the workers to start")
        build_.kill()  # SIGKILL: no handler runs
        build_.wait(timeout=10)
        wait_for(lambda: not any(_alive(w) for w in workers), 10, f"the workers {workers} to end with the build")
        assert snapshot(out) == before
    finally:
        article.write_text(text)
    _build("--sources", str(corpus), "--out", str(out))
    assert not (out / output.STAGING).exists()
    assert {k: v[0] for k, v in snapshot(out).items()} == {k: v[0] for k, v in before.items()}


def test_two_builds_into_one_folder_wait_for_each_other(corpus, tmp_path):
    """While a build holds the output folder (here the test holds its lock), the next ones
    wait, say so, and then each ends well, after articles were deleted too: the output is
    one whole build."""
    sources = tmp_path / "sources"
    shutil.copytree(corpus, sources)
    out, alone = tmp_path / "docs", tmp_path / "alone"
    _build("--sources", str(sources), "--out", str(out))
    for article in sorted((sources / "articles").glob("*.md"))[:100]:
        article.unlink()
    held = os.open(out, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    logs = [tmp_path / f"build-{n}.log" for n in range(2)]
    with open(logs[0], "w") as first, open(logs[1], "w") as second:
        try:
            pair = [_generator("build", "--sources", str(sources), "--out", str(out), "--no-cache",
                               stdout=subprocess.DEVNULL, stderr=stream) for stream in (first, second)]
            for log in logs:
                wait_for(lambda: f"waiting for another build into {out} to finish..." in log.read_text(), 60,
                         "the build to wait")
        finally:
            os.close(held)
        assert [p.wait(timeout=300) for p in pair] == [0, 0]
    assert not any("Traceback" in log.read_text() for log in logs)
    _build("--sources", str(sources), "--out", str(alone))
    assert {k: v[0] for k, v in snapshot(out).items()} == {k: v[0] for k, v in snapshot(alone).items()}
