"""Reruns and parallel runs: the cache and ``--jobs`` save work and never change a byte."""

import shutil

from conftest import ROOT, write_sources
from generator import pages
from generator.build import build
from generator.incremental.cache import Cache
from generator.cli import main
from test_output import snapshot


def contents(folder):
    return {path: content for path, (content, _) in snapshot(folder).items()}


def test_a_rerun_with_nothing_changed_is_not_redone(tmp_path):
    sources, out, cache = write_sources(tmp_path), tmp_path / "docs", Cache(tmp_path / "cache")
    first = build(sources, out, cache=cache)
    before = snapshot(out)
    again = build(sources, out, cache=cache)
    assert (again.files.written, again.files.deleted, again.files.unchanged) == (0, 0, first.files.total)
    assert snapshot(out) == before  # not one file rewritten
    assert (again.generated, again.flags, again.kinds) == (first.generated, first.flags, first.kinds)
    assert again.aliases == first.aliases


def test_any_change_to_an_input_or_an_output_is_seen(tmp_path):
    sources, out, cache = write_sources(tmp_path), tmp_path / "docs", Cache(tmp_path / "cache")
    build(sources, out, cache=cache)
    # A generated page edited by hand is put back.
    page = out / "islands" / "iturup.md"
    original = page.read_bytes()
    page.write_text("edited")
    assert build(sources, out, cache=cache).files.written == 1
    assert page.read_bytes() == original
    # A hand-written page beside the generated ones is listed on the entities it mentions.
    (out / "essay.md").write_text("# Essay\n\nIturup is an island.\n")
    build(sources, out, cache=cache)
    assert "[Essay](../essay.md)" in page.read_text()
    # A registry change reaches every article, though no article changed.
    islands = sources / "entities" / "islands.yml"
    islands.write_text(islands.read_text().replace("name: Iturup\n", "name: Iturup Island Proper\n"))
    build(sources, out, cache=cache)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy2(out / "essay.md", fresh / "essay.md")
    build(sources, fresh)
    assert contents(out) == contents(fresh)


def test_changing_one_article_finds_only_that_article_again(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    out, cache = tmp_path / "docs", Cache(tmp_path / "cache")
    build(sources, out, cache=cache)
    entries = sorted((tmp_path / "cache" / "findings").iterdir())
    stamps = {p.name: p.stat().st_mtime_ns for p in entries}
    before = snapshot(out)
    article = sources / "articles" / "ria-novosti-2007-02-07-ready-for-dialogue.md"
    article.write_text(article.read_text("utf-8") + "\nTaro Kono did not comment.\n", "utf-8")
    build(sources, out, cache=cache)

    after = sorted((tmp_path / "cache" / "findings").iterdir())
    new = [p.name for p in after if p.name not in stamps]
    assert len(new) == 1 and len(after) == len(entries) + 1  # the old entry is kept, unused
    assert all(p.stat().st_mtime_ns == stamps[p.name] for p in after if p.name in stamps)
    rewritten = {path for path, (content, stamp) in snapshot(out).items()
                 if path not in before or before[path] != (content, stamp)}
    assert "sources/ria-novosti-2007-02-07-ready-for-dialogue.md" in rewritten
    assert "people/taro-kono.md" in rewritten
    # Pages that do not show the article are left alone.
    assert "sources/tass-2019-01-14-sovereignty-non-negotiable.md" not in rewritten
    assert "meetings/yalta-conference.md" not in rewritten
    # And the result is exactly what a build without the cache gives.
    build(sources, tmp_path / "fresh")
    assert contents(out) == contents(tmp_path / "fresh")


def test_a_damaged_cache_is_only_a_missing_one(tmp_path):
    sources, out, folder = write_sources(tmp_path), tmp_path / "docs", tmp_path / "cache"
    build(sources, out, cache=Cache(folder))
    expected = contents(out)
    for path in folder.rglob("*.pickle"):
        path.write_bytes(b"not a pickle")
    shutil.rmtree(out)
    build(sources, out, cache=Cache(folder))
    assert contents(out) == expected


def test_jobs_give_the_same_bytes(tmp_path, monkeypatch):
    build(ROOT / "sources", tmp_path / "one")
    build(ROOT / "sources", tmp_path / "two", jobs=2)  # five articles: two worker processes
    assert contents(tmp_path / "one") == contents(tmp_path / "two")
    monkeypatch.setattr(pages, "MENTION_PART", 2)  # data/mentions.json in three parts, by the workers
    build(ROOT / "sources", tmp_path / "three", jobs=2)
    assert contents(tmp_path / "one") == contents(tmp_path / "three")


def test_the_command_line_takes_jobs_and_cache_folders(tmp_path, capsys):
    sources = write_sources(tmp_path)
    arguments = ["build", "--sources", str(sources), "--out", str(tmp_path / "docs"), "--jobs", "2",
                 "--cache", str(tmp_path / "cache")]
    assert main(arguments) == 0
    assert main(arguments) == 0
    assert "(0 written," in capsys.readouterr().out
    assert (tmp_path / "cache" / "runs").is_dir()
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "other"), "--no-cache",
                 "--cache", str(tmp_path / "unused")]) == 0
    assert not (tmp_path / "unused").exists()
    try:
        main(["build", "--jobs", "0"])
    except SystemExit as error:
        assert error.code == 2
    assert "expected a whole number of processes, 1 or more; found '0'" in capsys.readouterr().err
