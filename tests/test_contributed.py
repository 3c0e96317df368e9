"""Markdown written by people (notes, hand-written pages): refused, with file and line, when it
could put markup, script or a request to another host into the site."""

import os

import pytest
import yaml

from conftest import ROOT, write_sources
from generator.build import build, check
from generator.contributed import EXTENSIONS, markup_problems
from generator.problems import InputError

NO_SCRIPT = "the site runs no script and fetches nothing from another host"
LINK = "expected a link to a page of this site or a web address (http, https, mailto)"


@pytest.mark.parametrize("text, expected", [
    ('A paragraph.\n{: onclick="alert(1)" }\n',
     ["2: expected Markdown without attribute lists, found '{: onclick=\"alert(1)\" }' (an attribute list sets "
      "HTML attributes; write \\{ to show a brace)"]),
    ('Text.\n\n## A heading { onclick="alert(1)" }\n',
     ["3: expected Markdown without attribute lists, found '{ onclick=\"alert(1)\" }' (an attribute list sets "
      "HTML attributes; write \\{ to show a brace)"]),
    ("A [link](javascript:alert(1)).\n", [f"1: {LINK}, found 'javascript:alert(1)' (a 'javascript:' address) "
                                          f"({NO_SCRIPT})"]),
    ("A [link](&#106;avascript:alert(1)).\n", [f"1: {LINK}, found '&#106;avascript:alert(1)' (a 'javascript:' "
                                               f"address) ({NO_SCRIPT})"]),
    ("A [link](<VBScript:msgbox(1)>).\n", [f"1: {LINK}, found '<VBScript:msgbox(1)>' (a 'vbscript:' address) "
                                           f"({NO_SCRIPT})"]),
    ("A [link][x].\n\n[x]: data:text/html;base64,PHNjcmlwdD4=\n",
     [f"3: {LINK}, found 'data:text/html;base64,PHNjcmlwdD4=' (a 'data:' address) ({NO_SCRIPT})"]),
    ("A picture: ![x](https://evil.example/p.png)\n",
     ["1: expected an image from this site (a relative path), found 'https://evil.example/p.png' (an image from "
      f"another host) ({NO_SCRIPT})"]),
    ("A picture: ![x][p]\n\n[p]: //evil.example/p.png\n",  # only the rendered page shows it is an image
     ["3: expected Markdown that makes only the site's own elements and addresses, found the address "
      f"'//evil.example/p.png' (an image from another host) ({NO_SCRIPT})"]),
    ("Raw <svg/onload=alert(1)> and <!-- a comment\n",
     ["1: expected Markdown without raw HTML, found '<svg/onload=alert(1)>' (write it in Markdown; the site takes "
      "no HTML from its sources)",
      "1: expected Markdown without raw HTML, found '<!-- a comment' (write it in Markdown; the site takes no HTML "
      "from its sources)"]),
    ("---\n<script>alert(1)</script>\n---\n",  # no front matter in a note: it would be a rule and raw HTML
     ["2: expected Markdown without raw HTML, found '<script>' (write it in Markdown; the site takes no HTML from "
      "its sources)",
      "2: expected Markdown without raw HTML, found '</script>' (write it in Markdown; the site takes no HTML from "
      "its sources)"]),
    ("The name \u202egnirts.\n",
     ["1: expected Markdown without bidirectional control characters, found U+202E (RIGHT-TO-LEFT OVERRIDE) (it "
      "would reverse the text after it; remove it)"]),
    ("A [page](../islands/iturup.md), <https://example.com>, [web](https://a.example/b_(c)), `<b>` and {}.\n\n"
     "    <i>code</i>\n\n```html\n<b>{: x }</b>\n```\n\n![map](../assets/map.png) [^1]\n\n[^1]: A footnote.\n", []),
], ids=["attribute-list", "heading-attributes", "javascript", "entity-javascript", "vbscript", "data-reference",
        "remote-image", "remote-image-by-reference", "raw-html", "html-after-rules", "bidi", "allowed"])
def test_what_a_note_may_not_hold_is_named_with_its_line(text, expected):
    assert [str(p) for p in markup_problems(text, "n.md")] == [f"n.md:{e}" for e in expected]


def test_a_hand_written_page_may_have_front_matter_but_no_html_in_it():
    page = "---\ntitle: A <b>page</b>\nsearch: {exclude: true}\n---\n# A page\n\nText.\n"
    assert [str(p) for p in markup_problems(page, "p.md", front_matter=True)] == [
        "p.md:2: expected Markdown without raw HTML, found '<b>' (write it in Markdown; the site takes no HTML "
        "from its sources)",
        "p.md:2: expected Markdown without raw HTML, found '</b>' (write it in Markdown; the site takes no HTML "
        "from its sources)"]


def test_the_extensions_are_the_sites():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert tuple(e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]) == EXTENSIONS


def test_check_and_build_refuse_a_note_or_a_hand_written_page_that_breaks_the_rules(tmp_path):
    sources, docs = write_sources(tmp_path), tmp_path / "docs"
    (sources / "notes").mkdir()
    (sources / "notes" / "iturup.md").write_text("Fine.\n\nA [link](javascript:alert(1)).\n")
    (docs / "essays").mkdir(parents=True)
    (docs / "essays" / "history.md").write_text("# History\n\nText.\n{: onclick=\"alert(1)\" }\n")
    os.chdir(tmp_path)
    expected = [
        f"sources/notes/iturup.md:3: {LINK}, found 'javascript:alert(1)' (a 'javascript:' address) ({NO_SCRIPT})",
        "docs/essays/history.md:4: expected Markdown without attribute lists, found '{: onclick=\"alert(1)\" }' "
        "(an attribute list sets HTML attributes; write \\{ to show a brace)"]
    for run in (lambda: check(sources, docs), lambda: build(sources, docs)):
        with pytest.raises(InputError) as error:
            run()
        assert [str(p) for p in error.value.problems] == expected
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["essays", "essays/history.md"]
