"""Bad input through the command line: the exact message, the exit code, no traceback,
nothing written, and no HTML or script from an article in the site."""

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from conftest import ARTICLE, FRONT_MATTER, OUTLETS, ROOT, write_sources



def run(command, root, *extra):
    return subprocess.run([sys.executable, "-m", "generator", command, "--sources", "sources", *extra],
                          cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)


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
  kind: private
  type: news agency
""")
    result = run("check", tmp_path)
    assert result.returncode == 0, result.stderr


# --- untrusted files: what a careless or hostile contributor can put into sources/ -------------

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
"""An anchor repeated nine times in each of eight lists: 9**9 values if expanded."""


def _outside(root):
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "x.md").write_text(FRONT_MATTER.format(id="x") + "Sergey Lavrov spoke.\n")
    os.symlink(root / "elsewhere" / "x.md", root / "sources" / "articles" / "x.md")


def _front(**changes):
    text = FRONT_MATTER.format(id="one")
    for old, new in changes.items():
        text = text.replace(old.replace("_", " "), new)
    return {"one": text + "Sergey Lavrov spoke.\n"}


@pytest.mark.parametrize("files, setup, expected", [
    (None, lambda root: (root / "sources" / "articles" / "x.md").mkdir(),
     ["sources/articles/x.md: expected a regular file inside sources, found a folder"]),
    (None, lambda root: os.symlink("nowhere.md", root / "sources" / "articles" / "x.md"),
     ["sources/articles/x.md: expected a regular file inside sources, found a link to 'nowhere.md', which does "
      "not exist (copy the file itself into the folder)"]),
    (None, lambda root: os.mkfifo(root / "sources" / "articles" / "x.md"),
     ["sources/articles/x.md: expected a regular file inside sources, found a named pipe"]),
    (None, _outside,
     ["sources/articles/x.md: expected a regular file inside sources, found a link to '{root}/elsewhere/x.md', "
      "outside sources (copy the file itself into the folder)"]),
    (None, lambda root: ((root / "sources" / "notes").mkdir(), os.mkfifo(root / "sources" / "notes" / "iturup.md")),
     ["sources/notes/iturup.md: expected a regular file inside sources, found a named pipe"]),
    (None, lambda root: ((root / "sources" / "outlets.yml").unlink(), (root / "sources" / "outlets.yml").mkdir()),
     ["sources/outlets.yml: expected a regular file inside sources, found a folder",
      "sources/articles/one.md:4: outlet: expected the id of an outlet in sources/outlets.yml, found 'wire'"]),
    ({"one": "---\n" + LAUGHS + "? *i\n: 1\n---\nText.\n"}, None,
     ["sources/articles/one.md:10: expected a text key, found a list (a key is a name; write the value after it)"]),
    ({"one": FRONT_MATTER.format(id="one").replace("---\n", "---\n" + LAUGHS, 1) + "Text.\n"}, None,
     ["sources/articles/one.md:7: expected aliases (*name) that repeat at most 100,000 values, found aliases "
      "that repeat 597,848 or more (write the values out, or repeat them fewer times)"]),
    ({"one": FRONT_MATTER.format(id="one").replace("---\n", "---\nauthors: " + "[" * 1000 + "]" * 1000 + "\n", 1)
      + "Text.\n"}, None,
     ["sources/articles/one.md:2: expected values nested at most 50 deep, found more than 50 levels"]),
    ({"one": FRONT_MATTER.format(id="one").replace("---\n", "---\nauthors: " + "[" * 100_000 + "]" * 100_000
                                                   + "\n", 1) + "Text.\n"}, None,  # crashed libyaml's C code
     ["sources/articles/one.md:2: expected values nested at most 50 deep, found more than 50 levels"]),
    (_front(**{'"2019-01-14"': '"0000-01-01"'}), None,
     ["sources/articles/one.md:5: published: expected a date from 1800 on, found '0000-01-01'"]),
    (_front(**{'"2019-01-14"': '"2099-01-01"'}), None,
     ["sources/articles/one.md:5: published: expected a date no later than {latest} (the build's date, give or "
      "take a day), found '2099-01-01' (a date to come is a mistake here; check the year)"]),
    (_front(**{'"2019-01-14"': '"2019-01-14"\ncaptured: 2099-01-01T10:00Z'}), None,
     ["sources/articles/one.md:6: captured: expected a date no later than {latest} (the build's date, give or "
      "take a day), found '2099-01-01' (a date to come is a mistake here; check the year)"]),
    (_front(**{'"2019-01-14"': "0x7E3"}), None,  # YAML reads 0x7E3 as 2019: kept as written, it is no date
     ["sources/articles/one.md:5: published: expected a date written YYYY-MM-DD, YYYY-MM or YYYY that exists, "
      "found '0x7E3'"]),
    ({"con": FRONT_MATTER.format(id="con") + "Text.\n"}, None,
     ["sources/articles/con.md:2: id: expected an id that can name a file on every common system, found 'con' "
      "(Windows reserves con, prn, aux, nul, com0-com9 and lpt0-lpt9)"]),
    (_front(**{"title: A headline": "title: \"Lav\u202erov spoke\""}), None,
     ["sources/articles/one.md:3: title: expected a text without bidirectional control characters, found U+202E "
      "(RIGHT-TO-LEFT OVERRIDE) at character 4 (it would reverse the text that follows it on the page; remove it)"]),
    (None, lambda root: (root / "sources" / "outlets.yml").write_text(OUTLETS + "  url: javascript:alert(1)\n"),
     ["sources/outlets.yml:6: wire.url: expected an address starting with https:// or http://, found "
      "'javascript:alert(1)'"]),
], ids=["folder", "dangling-link", "named-pipe", "link-outside", "note-pipe", "registry-folder", "alias-chain-key",
        "alias-expansion", "nested-1000", "nested-100000", "year-0", "published-2099", "captured-2099",
        "number-as-written", "windows-name", "bidi-override-title", "outlet-script-url"])
def test_hostile_files_and_values_are_reported_exactly(tmp_path, files, setup, expected):
    from generator.dates import latest_date

    write_sources(tmp_path, files)
    if setup:
        setup(tmp_path)
    result = run("check", tmp_path)  # a named pipe must not block: run() would time out
    assert result.returncode == 1 and result.stdout == ""
    assert problems_of(result) == [e.format(root=tmp_path.resolve(), latest=latest_date().isoformat())
                                   for e in expected]
    built = run("build", tmp_path, "--out", "docs")
    assert built.returncode == 1 and "Traceback" not in built.stderr and not (tmp_path / "docs").exists()


def test_registry_ids_names_and_aliases(tmp_path):
    write_sources(tmp_path, people="""\
- id: {long}
  name: Sergey Lavrov
  aliases: [Lavrov]
  summary: [A minister.]
""".format(long="a" * 300), islands="""\
- id: kurils
  name: Kuril Islands
  aliases: [Kurils, "Lav\u200brov", "Ку\u202eрилы"]
  summary: [Islands.]
- id: iturup
  name: Iturup
  summary: [An island.]
""", meetings="""\
- id: talks
  name: The talks
  date: "2019-01-14"
  summary: [A meeting.]
""")
    assert problems_of(run("check", tmp_path)) == [
        "sources/entities/islands.yml:3: kurils.aliases[2]: expected a text without bidirectional control "
        "characters, found U+202E (RIGHT-TO-LEFT OVERRIDE) at character 3 (it would reverse the text that follows "
        "it on the page; remove it)",
        "sources/entities/people.yml:1: id: expected an id of at most 100 characters, found 300 characters "
        "('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...') (an id names a file: make it shorter)",
    ]
    (tmp_path / "sources" / "entities" / "people.yml").write_text(
        "- id: sergey-lavrov\n  name: Sergey Lavrov\n  aliases: [Lavrov]\n  summary: [A minister.]\n")
    (tmp_path / "sources" / "entities" / "islands.yml").write_text(
        (tmp_path / "sources" / "entities" / "islands.yml").read_text().replace(', "Ку\u202eрилы"', ""))
    assert problems_of(run("check", tmp_path)) == [  # the same alias, but for a zero-width space
        "sources/entities/people.yml:1: sergey-lavrov.aliases: expected an alias that no other entity has, found "
        "'Lavrov', which is also 'Lav<U+200B>rov' of 'kurils' (sources/entities/islands.yml:1) (keep it on one "
        "entity, or make both more specific)"]


def test_numbers_are_kept_as_written_in_every_text_field(tmp_path):
    write_sources(tmp_path, _front(**{"title: A headline": "title: 1.10\nauthors: [0x1F, 1_000]"}), outlets="""\
- id: wire
  name: 0x1F
  country: Nowhere
  kind: private
  type: news agency
""")
    result = run("build", tmp_path, "--out", "docs")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "docs" / "sources" / "one.md").read_text()
    assert page.startswith('---\ntitle: "1.10"\ndescription: "0x1F, 14 January 2019: 1.10"\n---\n')  # not a list
    assert "\n# 1\\.10\n" in page
    assert "**0x1F** (Nowhere, private) · published" in page and " · by 0x1F, 1\\_000 · " in page


def _cli(root, *arguments):
    return subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)


@pytest.mark.parametrize("out, setup, expected", [
    ("docs", lambda root: (root / "docs").write_text("a file"),
     "docs: --out: expected a folder to write the pages into, found a file"),
    ("sources/site", None,
     "sources/site: --out: expected a folder outside the sources (sources), found a folder inside them (pages "
     "written there would be read as sources)"),
    (".", None,
     ".: --out: expected a folder that does not hold the sources (sources), found the folder holding them (the "
     "generator writes a folder sources/ of pages)"),
    ("docs/site", lambda root: (root / "docs").write_text("a file"),
     "docs/site: expected a file or folder the build can read and write, found not a directory (the output is as "
     "the last build left it)"),
], ids=["a-file", "inside-sources", "holding-sources", "under-a-file"])
def test_an_output_folder_that_cannot_hold_the_pages_is_refused_before_anything_is_written(tmp_path, out, setup,
                                                                                          expected):
    write_sources(tmp_path)
    if setup:
        setup(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = _cli(tmp_path, "build", "--sources", "sources", "--out", out, "--no-cache")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == ["error: 1 problem writing the site; nothing was written", f"  {expected}"]
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_an_output_folder_that_cannot_be_written_is_refused(tmp_path):
    """As root, permissions do not stop a write: the build runs without the capability that
    overrides them (setpriv, from util-linux)."""
    write_sources(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n")
    (tmp_path / "docs").chmod(0o555)
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        prefix = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "generator", "build", "--sources", "sources",
                                 "--out", "docs", "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                                env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    finally:
        (tmp_path / "docs").chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "error: 1 problem writing the site; nothing was written",
        "  docs: expected a file or folder the build can read and write, found permission denied (the output is "
        "as the last build left it)"]
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["about.md"]


def test_a_meeting_still_to_come_is_flagged_with_file_and_key(tmp_path):
    write_sources(tmp_path, meetings="""\
- id: talks
  name: The talks
  date: "2099-01-14"
  participants: [sergey-lavrov]
  summary: [A meeting.]
""")
    result = run("check", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "flag: sources/entities/meetings.yml:3: talks.date is 2099-01-14, after the build's date: planned, or a "
        "mistake?"]


def test_an_article_that_cannot_be_read_is_one_problem_not_one_per_citation_of_it(tmp_path):
    write_sources(tmp_path, {"one": "---\nid: [one\n---\nText.\n"}, treaties="""\
- id: accord
  name: Harbour Accord
  summary:
    - text: A treaty.
      cite: one
      quote: The Accord stands.
""")
    assert problems_of(run("check", tmp_path)) == [
        "sources/articles/one.md:3:1: expected valid YAML, found a syntax error (did not find expected ',' or ']')"]


def test_places_and_borders_are_checked_with_file_line_and_key(tmp_path):
    write_sources(tmp_path, islands="""\
- id: iturup
  name: Iturup
  location: [147.9, 45.0]
  summary: [An island.]
- id: urup
  name: Urup
  location: "45.9 N, 149.9 E"
  summary: [An island.]
""", treaties="""\
- id: shimoda
  name: Treaty of Shimoda
  border: [[46.05, 148.55]]
  summary: [A treaty.]
- id: petersburg
  name: Treaty of Saint Petersburg
  border:
    - [51.15, 156.3]
    - [50.7, east]
  summary: [A treaty.]
""")
    assert problems_of(run("check", tmp_path)) == [
        "sources/entities/treaties.yml:3: shimoda.border: expected a list of two points or more, each [latitude, "
        "longitude], found a list of 1 point",
        "sources/entities/treaties.yml:9: petersburg.border[1]: expected [latitude, longitude] in degrees: two "
        "numbers, -90 to 90 and -180 to 180, found [a number (50.7), 'east']",
        "sources/entities/islands.yml:3: iturup.location: expected [latitude, longitude] in degrees: two numbers, "
        "-90 to 90 and -180 to 180, found a latitude of 147.9 (latitude comes first)",
        "sources/entities/islands.yml:7: urup.location: expected [latitude, longitude] in degrees: two numbers, "
        "-90 to 90 and -180 to 180, found '45.9 N, 149.9 E'",
    ]
