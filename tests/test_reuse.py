"""Pages kept between runs (generator/incremental/reuse.py): a page is rendered again only when something it
read changed, and the pages come out exactly as a build without the cache writes them."""

import random
import re
import shutil

import pytest

from conftest import FRONT_MATTER, ROOT, write_sources
from generator.incremental import cache as cache_module
from generator import pages
from generator.build import build
from generator.incremental.cache import Cache
from generator.incremental.reuse import PageRecord, Reads, Reuse
from test_incremental import contents

ARTICLES = "articles"


def _articles(sources):
    return sorted((sources / ARTICLES).glob("*.md"))


def _set(path, key, value):
    text = path.read_text("utf-8")
    path.write_text(re.sub(rf"(?m)^{key}: .*$", f"{key}: {value}", text, count=1), "utf-8")


# Edits a contributor makes; each keeps the sources valid.

def add_sentence(sources, rng, step):
    article = rng.choice(_articles(sources))
    name = rng.choice(["Iturup", "Etorofu", "Taro Kono", "Sergey Lavrov", "Shikotan", "the 1956 Joint Declaration"])
    when = rng.choice(["", " on 3 March 2015", " last month", " in 1998"])
    article.write_text(article.read_text("utf-8") + f"\n{name} was discussed again{when} (edit {step}).\n", "utf-8")


def change_date(sources, rng, step):
    article = rng.choice(_articles(sources))
    _set(article, "published", f'"{rng.randint(1995, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"')


def change_title(sources, rng, step):
    _set(rng.choice(_articles(sources)), "title", f"A title from edit {step}")


def add_reprint(sources, rng, step):
    """A copy of an article from another outlet: the two become one story."""
    original = rng.choice([a for a in _articles(sources) if "-copy-" not in a.name])
    copy = sources / ARTICLES / f"{original.stem}-copy-{step}.md"
    shutil.copy2(original, copy)
    _set(copy, "id", copy.stem)
    _set(copy, "outlet", rng.choice(["tass", "vesti", "urdupoint"]))


def remove_reprint(sources, rng, step):
    copies = [a for a in _articles(sources) if "-copy-" in a.name]
    if copies:
        rng.choice(copies).unlink()


def rename_outlet(sources, rng, step):
    outlets = sources / "outlets.yml"
    outlets.write_text(re.sub(r"(?m)^  name: TASS.*$", f"  name: TASS (edit {step})", outlets.read_text("utf-8")),
                       "utf-8")


def add_alias(sources, rng, step):
    islands = sources / "entities" / "islands.yml"
    islands.write_text(islands.read_text("utf-8").replace("aliases: [Kurils,", f"aliases: [Kuril edit {step}, Kurils,", 1),
                       "utf-8")


EDITS = [add_sentence, add_sentence, change_date, change_title, add_reprint, add_reprint, remove_reprint,
         rename_outlet, add_alias]


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_give_what_a_build_without_the_cache_gives(tmp_path, monkeypatch, seed):
    monkeypatch.setattr(pages, "MENTION_PART", 2)  # data/mentions.json in parts, some of them kept
    rng = random.Random(seed)
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    out, cache = tmp_path / "docs", Cache(tmp_path / "cache")
    build(sources, out, cache=cache)
    kept_some = False
    for step in range(8):
        edit = rng.choice(EDITS)
        edit(sources, rng, step)
        if rng.random() < 0.3:  # and now and then a generated page edited by hand
            page = rng.choice(sorted(p for p in out.rglob("*.md") if p.parent != out))
            page.write_text(page.read_text("utf-8") + "\nedited by hand\n", "utf-8")
        report = build(sources, out, cache=cache)
        kept_some |= report.rendered < report.files.total
        fresh = tmp_path / f"fresh-{step}"
        build(sources, fresh)
        assert contents(out) == contents(fresh), f"after {edit.__name__} (step {step})"
    assert kept_some


def test_one_changed_article_renders_only_the_pages_that_read_it(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    out, cache = tmp_path / "docs", Cache(tmp_path / "cache")
    first = build(sources, out, cache=cache, record_first=True)
    assert first.rendered == first.files.total  # nothing to keep yet
    assert len(list((tmp_path / "cache" / "runs").glob("*.pages.pickle"))) == 1
    article = sources / ARTICLES / "ria-novosti-2007-02-07-ready-for-dialogue.md"
    article.write_text(article.read_text("utf-8") + "\nTaro Kono did not comment.\n", "utf-8")
    report = build(sources, out, cache=cache)
    # The article's page, the pages of the entities it mentions, the indexes that count
    # mentions, and the data files that list mentions; not the other articles' pages.
    assert report.files.written <= report.rendered < first.files.total / 2
    # A first build records nothing unless asked (a one-off build would only be slower); the
    # second build into the same folder records its pages, and the third keeps them.
    other, touched = tmp_path / "other", sources / ARTICLES / "tass-2019-01-14-sovereignty-non-negotiable.md"
    build(sources, other, cache=cache)
    assert len(list((tmp_path / "cache" / "runs").glob("*.pages.pickle"))) == 1
    for count in (1, 2):
        touched.write_text(touched.read_text("utf-8") + f"\nIturup, again ({count}).\n", "utf-8")
        again = build(sources, other, cache=cache)
        assert (again.rendered == first.files.total) if count == 1 else (again.rendered < first.files.total / 2)
    # A change to the generator's code renders everything again.
    monkeypatch.setattr(cache_module, "code_digest", lambda: "another generator")
    assert build(sources, out, cache=cache).rendered == first.files.total


def test_a_data_file_is_kept_whole_only_when_it_has_every_part_in_place(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "MENTION_PART", 1)  # data/mentions.json has a part per article
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    copy = sources / ARTICLES / "a-copy.md"
    shutil.copy2(_articles(sources)[0], copy)
    _set(copy, "id", copy.stem)
    out, cache = tmp_path / "docs", Cache(tmp_path / "cache")
    build(sources, out, cache=cache, record_first=True)
    read_back = []
    original = Reuse.read_back
    monkeypatch.setattr(Reuse, "read_back",
                        lambda self, path, span: read_back.append(path) or original(self, path, span))
    # A page edited by hand: no part of any data file read it, so no data file is made again
    # (nor read back), and the page is the one file rendered.
    page = out / "islands" / "iturup.md"
    page.write_text(page.read_text("utf-8") + "\nedited by hand\n", "utf-8")
    report = build(sources, out, cache=cache)
    assert (report.rendered, report.files.written, read_back) == (1, 1, [])
    # The copy goes: every other part of data/mentions.json is kept, but the file has one part
    # fewer, so it is made again from the kept parts.
    copy.unlink()
    build(sources, out, cache=cache)
    fresh = tmp_path / "fresh"
    build(sources, fresh)
    assert contents(out) == contents(fresh)
    assert "data/mentions.json" in read_back


class _Shelf:
    """A stand-in for a part of the site model: a mapping-like object with methods."""

    def __init__(self, items):
        self.items, self.title = dict(items), "shelf"

    def __getitem__(self, key):
        return self.items[key]

    def get(self, key, default=None):
        return self.items.get(key, default)

    def keys_from(self, start):
        return (key for key in sorted(self.items) if key >= start)

    def first(self, keys):
        return next((key for key in keys if key in self.items), None)


class _Model:
    def __init__(self, items):
        self.shelf = _Shelf(items)


def _page(model):
    """What a page might read: a key, a missing key, an attribute, a stream."""
    return model.shelf["a"], model.shelf.get("z", 0), model.shelf.title, list(model.shelf.keys_from("b"))


def test_a_record_holds_until_something_the_page_read_changes():
    first = Reads(_Model({"a": 1, "b": 2, "c": 3}))
    recorder = first.recorder()
    assert _page(recorder.model) == (1, 0, "shelf", ["b", "c"])  # a stream is read whole, as a tuple
    reads, found, digests = recorder.result()
    assert [name for _, name, _ in reads] == ["__getitem__", "get", "title", "keys_from"]
    assert len(digests) == 4 and len(set(digests)) == 4  # what each read returned, for explain
    reuse = Reuse()
    record = reuse.record("page.md", reads, found, digests)
    assert isinstance(record, PageRecord) and list(record.reads) == [0, 1, 2, 3]
    assert reuse.digests == list(digests)

    def holds(items):
        return Reads(_Model(items), reuse.table).unchanged(record)

    assert holds({"a": 1, "b": 2, "c": 3, "0": "not read"})
    assert not holds({"a": 1, "b": 2, "c": 3, "d": 4})  # in the stream
    assert not holds({"a": 5, "b": 2, "c": 3})  # a value read
    assert not Reads(_Model({"a": 1, "b": 2, "c": 3}), reuse.table).unchanged(
        reuse.record("page.md", reads[:2], found))  # the reads' digests, together, are what is compared
    assert not holds({"b": 2, "c": 3})  # a key read is missing: the read raises now

    unhashable = Reads(_Model({"a": 1})).recorder()
    assert unhashable.model.shelf.first(["z", "a"]) == "a"
    assert unhashable.result() is None  # a read that cannot be remembered: the page is always rendered


def test_a_data_file_without_parts_is_written_by_a_first_build_that_records(tmp_path):
    """With no dated statement, data/events.json has no parts: there is nothing to keep, and
    the file ("[]") must still be written, and written again when it goes."""
    article = FRONT_MATTER.format(id="one") + "A headline\n\nSergey Lavrov spoke about Iturup.\n"
    sources, out, cache = write_sources(tmp_path, {"one": article}), tmp_path / "docs", Cache(tmp_path / "cache")
    events = out / "data" / "events.json"
    build(sources, out, cache=cache, record_first=True)
    assert events.read_text("utf-8") == "[]\n"
    events.unlink()
    (sources / "articles" / "one.md").write_text(article + "He said little.\n", "utf-8")
    build(sources, out, cache=cache)
    assert events.read_text("utf-8") == "[]\n"
