"""Articles: front matter validated with file and line; the text kept byte for byte."""

import os

import pytest

from conftest import ARTICLE, ROOT, SEEDS, needs_seeds, write_sources
from generator.problems import InputError
from generator.registry import read_registry
from generator.sources import read_articles


def problems(tmp_path, articles):
    sources = write_sources(tmp_path, articles)
    os.chdir(tmp_path)
    with pytest.raises(InputError) as error:
        read_articles(sources, read_registry(sources))
    return [str(p) for p in error.value.problems]


def test_an_article_reads_with_its_text_unchanged(tmp_path):
    text = ARTICLE.format(id="one").replace("\n", "\r\n")
    sources = write_sources(tmp_path, {"one": "\ufeff" + text})
    (article,) = read_articles(sources, read_registry(sources))
    assert article.published.iso() == "2019-01-14" and article.language == "en"
    assert article.body == text.split("---\r\n", 2)[2]


def test_bad_front_matter_values(tmp_path):
    text = """\
---
id: two
title: ""
outlet: wirre
published: "2019-13-01"
captured: yesterday
colour: red
---
Text.
"""
    assert problems(tmp_path, {"two": text}) == [
        "sources/articles/two.md:7: colour: expected one of the keys id, title, outlet, agency, url, published, "
        "published_note, captured, authors, language, found the key 'colour'",
        "sources/articles/two.md:3: title: expected a non-empty text, found an empty text",
        "sources/articles/two.md:4: outlet: expected the id of an outlet in sources/outlets.yml, found 'wirre' "
        "(did you mean 'wire'?)",
        "sources/articles/two.md:5: published: expected a date written YYYY-MM-DD, YYYY-MM or YYYY that exists, "
        "found '2019-13-01'",
        "sources/articles/two.md:6: captured: expected a time written YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z], "
        "found 'yesterday'",
    ]


def test_missing_front_matter_file_name_mismatch_and_bad_bytes(tmp_path):
    assert problems(tmp_path, {
        "a": "No front matter here.\n",
        "b": ARTICLE.format(id="c"),
        "d": ARTICLE.format(id="d").encode() + b"\xff\n",
        "e": ARTICLE.format(id="e").rsplit("---\n", 1)[0] + "---\n  \n\u00a0\n",
    }) == [
        "sources/articles/a.md:1: expected front matter: a line '---', YAML, then a line '---', found no front matter",
        "sources/articles/b.md:2: id: expected the file name without '.md' ('b'), found 'c' (rename the file to c.md)",
        "sources/articles/d.md:10: expected text encoded as UTF-8, found the byte 0xff at byte offset 152",
        "sources/articles/e.md: expected the article text below the front matter, found no text",
    ]


@needs_seeds
def test_the_seed_articles_keep_the_captured_text_byte_for_byte():
    registry = read_registry(ROOT / "sources")
    bodies = {a.body.encode("utf-8") for a in read_articles(ROOT / "sources", registry)}
    seeds = {path.read_bytes() for path in SEEDS.glob("*.txt")}
    assert len(seeds) == 5 and bodies == seeds
