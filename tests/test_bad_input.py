"""Bad input through the command line: the exact message, the exit code, no traceback,
nothing written, and no HTML or script from an article in the site."""

import subprocess
import sys
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from conftest import ARTICLE, FRONT_MATTER, ROOT, write_sources



def run(command, root, *extra):
    return subprocess.run([sys.executable, "-m", "generator", command, "--sources", "sources", *extra],
                          cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def problems_of(result):
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: ") and lines[0].endswith("; fix them and run again")
    return [line.strip() for line in lines[1:]]


@pytest.mark.parametrize("files, expected", [
    ({"one": "---\nid: [one\ntitle: x\n---\nText.\n"},
     ["sources/articles/one.md:3:6: expected valid YAML, found a syntax error (did not find expected ',' or ']')"]),
    ({"one": "---\n- a list\n---\nText.\n"},
     ["sources/articles/one.md:2: front matter: expected a mapping of keys to values, found a list"]),
    ({"one": '---\nid: one\ntitle: [A, list]\noutlet: wire\npublished: 2019\nauthors: 5\n---\nText.\n'},
     ["sources/articles/one.md:3: title: expected a non-empty text, found a list",
      "sources/articles/one.md:6: authors: expected a list of texts, found a number (5)"]),
    ({"one": FRONT_MATTER.format(id="one").replace("2019-01-14", "2019-02-30") + "Text.\n"},
     ["sources/articles/one.md:5: published: expected a date written YYYY-MM-DD, YYYY-MM or YYYY that exists, "
      "found '2019-02-30'"]),
    ({"one": ""},
     ["sources/articles/one.md:1: expected front matter: a line '---', YAML, then a line '---', found an empty "
      "file"]),
    ({"one": FRONT_MATTER.format(id="one").encode() + b"Caf\xe9\n"},
     ["sources/articles/one.md:7: expected text encoded as UTF-8, found the byte 0xe9 at byte offset 74"]),
    ({"one": FRONT_MATTER.format(id="../../etc") + "Text.\n"},
     ["sources/articles/one.md:2: id: expected an id of lowercase letters, digits and single hyphens, "
      "found '../../etc'"]),
    ({"my article": FRONT_MATTER.format(id="my-article") + "Text.\n"},
     ["sources/articles/my article.md:2: id: expected the file name without '.md' ('my article'), "
      "found 'my-article' (rename the file to my-article.md)"]),
    ({"статья": FRONT_MATTER.format(id="statya") + "Text.\n"},
     ["sources/articles/статья.md:2: id: expected the file name without '.md' ('статья'), found 'statya' "
      "(rename the file to statya.md)"]),
    ({"one": FRONT_MATTER.format(id="one") + "Share\nListen Live\n0 112\n"},
     ["sources/articles/one.md: expected some article text left after cleaning, found none: every line was "
      "removed as page furniture (check the capture and the title; a source page would be empty)"]),
], ids=["malformed-yaml", "not-a-mapping", "wrong-types", "impossible-date", "empty-file", "not-utf-8",
        "path-traversal-id", "file-name-with-spaces", "non-ascii-file-name", "nothing-left-after-cleaning"])
def test_bad_articles_are_reported_exactly(tmp_path, files, expected):
    write_sources(tmp_path, files)
    result = run("check", tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert problems_of(result) == expected
    built = run("build", tmp_path, "--out", "docs")
    assert built.returncode == 1 and not (tmp_path / "docs").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sources"]


def test_problems_of_every_kind_of_file_come_in_one_run(tmp_path):
    write_sources(tmp_path, {"one": ARTICLE.format(id="one"), "two": FRONT_MATTER.format(id="two").replace(
        "outlet: wire", "outlet: wier") + "Text.\n"}, treaties="""\
- id: accord
  name: Harbour Accord
  summary:
    - text: Misquoted.
      cite: one
      quote: The Accord fell.
- id: accord
  name: Again
  summary: [Twice.]
""")
    assert problems_of(run("check", tmp_path)) == [
        "sources/entities/treaties.yml:7: accord.id: expected a unique id, found 'accord' again "
        "(first in sources/entities/treaties.yml:1)",
        "sources/articles/two.md:4: outlet: expected the id of an outlet in sources/outlets.yml, found 'wier' "
        "(did you mean 'wire'?)",
        "sources/entities/treaties.yml:4: accord.summary[0].quote: expected a passage that appears verbatim in "
        "the text of 'one', found 'The Accord fell.', which does not (copy the passage from the source page; "
        "quote marks, dashes and spaces may differ)",
    ]


def test_a_byte_order_mark_and_crlf_line_ends_are_accepted(tmp_path):
    write_sources(tmp_path, {"one": ("\ufeff" + ARTICLE.format(id="one")).replace("\n", "\r\n")})
    result = run("check", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok: 1 article, 5 entities, 1 dated statement, 0 disagreements: no problems\n"


HOSTILE = """\
<script>alert("x")</script>

A paragraph with <iframe src="https://evil.example/"></iframe> and <img src=x onerror="alert(1)"> inside.

Lavrov said [click me](javascript:alert(1)) and ![pixel](https://evil.example/p.png) {{ config }} {% raw %}.

<div onclick="alert(1)">raw HTML block</div> and an attribute list {: onclick="alert(1)" }

# not a heading, 1956. not a list, !!! danger "not an admonition"
"""


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_an_article_is_data_its_html_and_markdown_stay_text(tmp_path):
    write_sources(tmp_path, {"one": FRONT_MATTER.format(id="one") + HOSTILE})
    result = run("build", tmp_path, "--out", "docs")
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    page = (tmp_path / "docs" / "sources" / "one.md").read_text().split("\n---\n", 1)[1]
    html = markdown.markdown(page, extensions=names)
    parser = _Tags()
    parser.feed(html)
    assert {tag for tag, _ in parser.tags} <= {"h1", "h2", "p", "a", "table", "thead", "tbody", "tr", "th",
                                               "td", "ul", "li", "strong", "em", "details", "summary"}
    assert [tag for tag, _ in parser.tags if tag == "h1"] == ["h1"]  # "# not a heading" stayed text
    for tag, attributes in parser.tags:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert not attributes.get("href", "").startswith(("javascript:", "http")), attributes
    assert ("a", {"href": "../people/sergey-lavrov.md"}) in parser.tags  # our own links still work
    assert "{{ config }}" in html and "{% raw %}" in html  # template syntax in data is shown, never run


def test_a_ten_megabyte_article_is_handled(tmp_path):
    paragraph = ("The minister said that Russia and Japan would continue talks on Iturup while Lavrov met "
                 "officials in 1956 and again {n}. ")
    text = "\n\n".join(paragraph.format(n=n) * 8 for n in range(14_000))
    assert len(text) > 10_000_000
    write_sources(tmp_path, {"one": FRONT_MATTER.format(id="one") + text})
    result = run("check", tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_json_schemas_agree_with_the_checks_on_what_is_valid(tmp_path):
    article = FRONT_MATTER.format(id="one").replace('published: "2019-01-14"', "published: 2019")
    write_sources(tmp_path, {"one": article + "Sergey Lavrov spoke.\n"}, outlets="""\
- id: wire
  name: 1956
  country: Nowhere
  type: news agency
""")
    result = run("check", tmp_path)
    assert result.returncode == 0, result.stderr
