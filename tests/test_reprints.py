"""Reprints: a lightly edited copy joins its story; other reports of the same event do not."""

import json
import shutil

import pytest

from conftest import ROOT
from generator.build import build
from generator.reprints import find_stories, shingles

TASS = "tass-2019-01-14-sovereignty-non-negotiable"


def reprint_of_tass() -> str:
    """The TASS seed as another outlet might run it: new headline and page furniture,
    small edits, the last paragraph cut."""
    original = (ROOT / "sources" / "articles" / f"{TASS}.md").read_text("utf-8")
    body = original.split("---\n", 2)[2]
    body = body.split("Russia’s sovereignty over Kuril Islands non-negotiable - Lavrov\n", 1)[1]
    body = body.replace("MOSCOW, January 14. /TASS/. ", "MOSCOW, Jan 14 (TASS) - ")
    body = body.replace("Russia’s sovereignty over the Kuril Islands is non-negotiable",
                        "Russian sovereignty over the Kuril Islands cannot be negotiated")
    body = body.replace("he stressed", "the minister stressed").replace("Read more\n\nX\n", "")
    body = body.rsplit(" However, after Japan", 1)[0] + "\n"
    return ("---\nid: wire-2019-01-15-lavrov-kurils\ntitle: Lavrov rules out talks on Kurils sovereignty\n"
            "outlet: urdupoint\npublished: \"2019-01-15\"\n---\nPosted 15 Jan 2019 10:00\nShare\n\n"
            "Lavrov rules out talks on Kurils sovereignty\n\n" + body + "\nRelated: More news\n")


@pytest.fixture(scope="module")
def with_reprint(tmp_path_factory):
    root = tmp_path_factory.mktemp("reprint")
    shutil.copytree(ROOT / "sources", root / "sources")
    (root / "sources" / "articles" / "wire-2019-01-15-lavrov-kurils.md").write_text(reprint_of_tass(), "utf-8")
    build(root / "sources", root / "docs")
    return root / "docs"


def test_a_lightly_edited_reprint_joins_the_story_of_the_original(with_reprint):
    stories = {a["id"]: a["story"] for a in json.loads((with_reprint / "data/articles.json").read_text())}
    assert stories["wire-2019-01-15-lavrov-kurils"] == TASS
    assert len(set(stories.values())) == 5  # the five seeds stay five stories
    page = (with_reprint / "sources" / "wire-2019-01-15-lavrov-kurils.md").read_text()
    assert "## Other copies of this story" in page and f"]({TASS}.md) (TASS)" in page


def test_an_entity_counts_stories_not_copies(with_reprint):
    page = (with_reprint / "people" / "vladimir-putin.md").read_text()
    assert "mentioned in 1 source (2 articles, counting reprints)" in page
    index = (with_reprint / "people" / "index.md").read_text()
    assert "| [Vladimir Putin](vladimir-putin.md) | Russia |" in index
    assert index.split("[Vladimir Putin](vladimir-putin.md)")[1].split("\n")[0].endswith("| 1 |")


def test_reports_of_the_same_event_in_other_words_stay_apart(generated):
    stories = {a["id"]: a["story"] for a in json.loads((generated / "data/articles.json").read_text())}
    same_event = ["tass-2019-01-14-sovereignty-non-negotiable", "urdupoint-2019-01-14-significant-differences",
                  "vesti-2019-01-14-sovereignty-non-negotiable"]
    assert len({stories[a] for a in same_event}) == 3


def test_a_story_is_named_by_its_earliest_copy():
    texts = {"a": "one two three four five six seven eight nine ten",
             "b": "one two three four five six seven eight nine ten eleven",
             "c": "entirely different words in this other text about nothing"}
    hashes = {article: shingles(text) for article, text in texts.items()}
    assert find_stories(hashes, ["a", "b", "c"]) == {"a": "a", "b": "a", "c": "c"}
    assert find_stories(hashes, ["b", "a", "c"]) == {"a": "b", "b": "b", "c": "c"}


def test_a_story_reprinted_hundreds_of_times_is_one_story():
    text = "the minister said the talks on the islands would go on next month in the capital as planned"
    order = [f"copy-{n:03d}" for n in range(450)] + ["other"]
    texts = {article: f"{text} copy {n}" for n, article in enumerate(order)}
    texts["other"] = "an unrelated report about fishing quotas in the northern seas and the weather there"
    stories = find_stories({article: shingles(text) for article, text in texts.items()}, order)
    assert {stories[a] for a in order[:-1]} == {"copy-000"} and stories["other"] == "other"


def test_a_reprint_is_found_when_much_of_its_text_is_common_to_many_articles():
    """Phrases that many articles share pair an article with their first holder only (here an
    unrelated article); the words a reprint shares with its original alone still bring the
    two together."""
    common = " ".join(f"common{i}" for i in range(60))
    texts = {f"a-other-{n:03d}": f"{common} " + " ".join(f"other{n}x{i}" for i in range(60)) for n in range(100)}
    story = " ".join(f"story{i}" for i in range(200))
    texts["b-original"] = f"{common} {story}"
    texts["c-copy"] = f"{common} {story.replace('story7 ', 'edited ')}"
    order = sorted(texts)
    stories = find_stories({article: shingles(text) for article, text in texts.items()}, order)
    assert stories["c-copy"] == stories["b-original"] == "b-original"
    assert all(stories[a] == a for a in order if "other" in a)
