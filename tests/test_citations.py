import os

import pytest

from conftest import write_sources
from generator.build import build
from generator.problems import InputError

CITING = """\
- id: accord
  name: Harbour Accord
  summary:
    - A treaty.
    - text: Lavrov said it stands.
      cite: one
      quote: He said   the Accord stands.
    - text: Misquoted.
      cite: one
      quote: He said the Accord fell.
    - text: Unknown article.
      cite: onne
"""


def test_quotes_are_verified_against_the_cleaned_text(tmp_path):
    sources = write_sources(tmp_path, treaties=CITING)
    os.chdir(tmp_path)
    with pytest.raises(InputError) as error:
        build(sources, tmp_path / "out")
    assert [str(p) for p in error.value.problems] == [
        "sources/entities/treaties.yml:8: accord.summary[2].quote: expected a passage that appears verbatim in "
        "the text of 'one', found 'He said the Accord fell.', which does not (copy the passage from the source "
        "page; quote marks, dashes and spaces may differ)",
        "sources/entities/treaties.yml:11: accord.summary[3].cite: expected the id of an article in "
        "sources/articles/, found 'onne' (did you mean 'one'?)",
    ]
    assert not (tmp_path / "out").exists()


def test_a_verified_quote_becomes_a_footnote_linking_its_paragraph(tmp_path):
    sources = write_sources(tmp_path, treaties=CITING.split("    - text: Misquoted.")[0])
    build(sources, tmp_path / "out")
    page = (tmp_path / "out" / "treaties" / "accord.md").read_text()
    assert "Lavrov said it stands.[^1]" in page
    assert ("[^1]: [Wire Agency, 14 January 2019, paragraph 1](../sources/one.md#p1): “A headline”. "
            "Quote: “He said the Accord stands.”") in page


def test_disagreement_quotes_are_verified_with_the_citations(tmp_path):
    sources = write_sources(tmp_path, treaties=CITING.split("    - text: Unknown article.")[0])
    (sources / "disagreements.yml").write_text("""\
- id: accord
  about: Whether the Accord stands
  entities: [accord]
  statements:
    - {cite: one, quote: He said the Accord stands.}
    - {cite: one, quote: The Accord has fallen.}
""")
    os.chdir(tmp_path)
    with pytest.raises(InputError) as error:
        build(sources, tmp_path / "out")
    assert [p.key for p in error.value.problems] == ["accord.summary[2].quote", "accord.statements[1].quote"]
    assert str(error.value.problems[1]) == (
        "sources/disagreements.yml:6: accord.statements[1].quote: expected a passage that appears verbatim in "
        "the text of 'one', found 'The Accord has fallen.', which does not (copy the passage from the source "
        "page; quote marks, dashes and spaces may differ)")
