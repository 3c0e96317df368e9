"""Hand-written pages: linked at build time, listed on the entities they mention, never changed."""

from conftest import write_sources
from generator.build import build
from generator.handwritten import link_mentions
from generator.mentions import build_alias_index

INDEX = build_alias_index([("Iturup", "iturup"), ("Etorofu", "iturup"), ("Sergey Lavrov", "sergey-lavrov"),
                           ("Lavrov", "sergey-lavrov")])
KINDS = {"iturup": "island", "sergey-lavrov": "person"}

PAGE = """\
---
title: Iturup in the news
---
# Iturup and its names

Iturup, which Japan calls Etorofu, is large. Lavrov spoke of Iturup.

See [Iturup](islands/iturup.md) and `Iturup` in code, or <span title="Iturup">html</span>.

```
Lavrov in a code block
```

    Iturup in indented code

Sergey Lavrov, again: Iturup.
"""


def test_only_prose_is_linked_first_mention_per_paragraph():
    linked = link_mentions(PAGE, "essays/history.md", INDEX, KINDS)
    assert linked.splitlines()[3] == "# Iturup and its names"
    assert ("[Iturup](../islands/iturup.md), which Japan calls Etorofu, is large. "
            "[Lavrov](../people/sergey-lavrov.md) spoke of Iturup.") in linked
    assert "See [Iturup](islands/iturup.md) and `Iturup` in code, or <span title=\"Iturup\">html</span>." in linked
    assert "Lavrov in a code block" in linked and "    Iturup in indented code" in linked
    assert ("[Sergey Lavrov](../people/sergey-lavrov.md), again: [Iturup](../islands/iturup.md)."
            in linked)
    assert linked.startswith("---\ntitle: Iturup in the news\n---\n")


def test_hand_written_pages_appear_on_the_entities_they_mention(tmp_path):
    sources, docs = write_sources(tmp_path), tmp_path / "docs"
    (docs / "essays").mkdir(parents=True)
    page = PAGE.replace('<span title="Iturup">html</span>', "plain words")  # raw HTML is refused
    (docs / "essays" / "history.md").write_text(page)
    report = build(sources, docs)
    iturup = (docs / "islands" / "iturup.md").read_text()
    assert "## On this site { data-search-exclude }\n\nPages written for this site that mention Iturup:\n\n" \
           "- [Iturup and its names](../essays/history.md) (4)" in iturup
    assert (docs / "essays" / "history.md").read_text() == page  # never changed
    assert "essays/history.md" not in report.generated
    assert "## On this site" not in (docs / "islands" / "kurils.md").read_text()


def test_pages_for_contributors_are_not_listed_on_the_entities_they_mention(tmp_path):
    sources, docs = write_sources(tmp_path), tmp_path / "docs"
    (docs / "contributing").mkdir(parents=True)
    (docs / "contributing" / "benchmarks.md").write_text("# Benchmarks\n\nThe query Iturup Island, timed.\n")
    build(sources, docs)
    assert "## On this site" not in (docs / "islands" / "iturup.md").read_text()
