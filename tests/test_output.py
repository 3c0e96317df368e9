"""The write stage: only what changed is written; files it did not write are never touched."""

import itertools
import os

import pytest

from conftest import ARTICLE, write_sources
from generator import output
from generator.build import build
from generator.problems import InputError


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
    assert changed == {"sources/one.md", "sources/index.md", "treaties/accord.md", "treaties/index.md",
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
        "index.md, islands/, meetings/, people/, sources/, timeline.md, treaties/)")
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


def test_pages_are_public_whatever_the_umask_and_no_temporary_file_is_left(tmp_path, monkeypatch):
    sources = write_sources(tmp_path)
    build(sources, tmp_path / "first")
    folders = {p.parent.relative_to(tmp_path / "first") for p in (tmp_path / "first").rglob("*") if p.is_file()}
    # Temporary files of an interrupted run, with the names this run would take first.
    out = tmp_path / "docs"
    monkeypatch.setattr(output, "_NAMES", itertools.count())
    squatters = [out / folder / f".tmp-{os.getpid()}-0{suffix}" for folder in folders for suffix in (".md", ".json")]
    for squatter in squatters:
        squatter.parent.mkdir(parents=True, exist_ok=True)
        squatter.write_text("left over")
    previous = os.umask(0o077)
    try:
        build(sources, out)
    finally:
        os.umask(previous)
    assert {squatter.read_text() for squatter in squatters} == {"left over"}
    written = [p for p in out.rglob("*") if p.is_file() and p not in squatters]
    left_over = {squatter.relative_to(out).as_posix() for squatter in squatters}
    assert snapshot(out).keys() - left_over == snapshot(tmp_path / "first").keys()
    assert not [p for p in written if p.name.startswith(".tmp-")]
    assert {oct(p.stat().st_mode & 0o777) for p in written if p.suffix == ".md"} == {"0o644"}
