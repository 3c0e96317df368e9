"""Contributed notes: sources/notes/<entity-id>.md placed on the entity's page."""

import os

import pytest

from conftest import write_sources
from generator.build import build
from generator.problems import InputError

NOTE = """\
# Names of the island

Japan calls it *Etorofu*. The Ainu name is older.

```html
<b>code may show HTML</b>
```
"""


def test_a_note_is_placed_on_its_entity_page_under_its_own_heading(tmp_path):
    sources = write_sources(tmp_path)
    (sources / "notes").mkdir()
    (sources / "notes" / "iturup.md").write_text(NOTE)
    build(sources, tmp_path / "docs")
    page = (tmp_path / "docs" / "islands" / "iturup.md").read_text()
    assert "## Notes\n\n### Names of the island\n\nJapan calls it *Etorofu*." in page
    assert page.index("## Notes") < page.index("## In the sources")
    assert "## Notes" not in (tmp_path / "docs" / "islands" / "kurils.md").read_text()


def test_notes_for_unknown_entities_or_with_raw_html_are_refused(tmp_path):
    sources = write_sources(tmp_path)
    (sources / "notes").mkdir()
    (sources / "notes" / "iturop.md").write_text("A note.\n")
    (sources / "notes" / "kurils.md").write_text("Fine.\n\nNot fine: <script>alert(1)</script>\n")
    os.chdir(tmp_path)
    with pytest.raises(InputError) as error:
        build(sources, tmp_path / "docs")
    assert [str(p) for p in error.value.problems] == [
        "sources/notes/iturop.md: expected a file named after an entity id (<entity-id>.md), found 'iturop.md' "
        "(did you mean 'iturup'?)",
        "sources/notes/kurils.md:3: expected Markdown without raw HTML, found '<script>' (write it in Markdown; "
        "the site takes no HTML from its sources)",
        "sources/notes/kurils.md:3: expected Markdown without raw HTML, found '</script>' (write it in Markdown; "
        "the site takes no HTML from its sources)",
    ]
