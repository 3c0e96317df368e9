"""Property-based tests: arbitrary text never loses characters in the cleaner, never makes
overlapping mentions, and never escapes into HTML or breaks the page structure."""

import html
import re
from collections import Counter
from html.parser import HTMLParser

import markdown
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import FRONT_MATTER, ROOT, write_sources
from generator import bidi
from generator.build import build
from generator.cleaning import clean_article
from generator.folding import alias_key
from generator.mdtext import _CONTROL as CONTROL, escape
from generator.mentions import build_alias_index, find_mentions
from generator.problems import InputError

ALIASES = ["Sergey Lavrov", "Lavrov", "Tarō Kōno", "Kono", "Iturup", "Iturup Island", "南千島", "Sakhalin",
           "Sakhalin Region"]
INDEX = build_alias_index([(a, None if a == "Sakhalin Region" else a.lower()) for a in ALIASES])
# Text mixing aliases, their pieces, punctuation, markup and every kind of whitespace.
PIECES = st.sampled_from(ALIASES + ["Lav", "rov", "Island", "'s", "’s", "-", "—", ".", ",", "(", ")",
                                    "<script>", "[x](y)", "*", "_", "#", "1956.", "{{", "%}", "&amp;",
                                    " ", "  ", "\n", "\n\n", "\u00a0", "\t", "Read more", "Share", "0 112"])
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join))
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def visible(text):
    return Counter(c for c in text if not c.isspace())


@FAST
@given(TEXT, st.text(max_size=30))
def test_the_cleaner_loses_and_invents_nothing(text, title):
    clean = clean_article(text, title)
    assert all(p and "\n" not in p and p == p.strip() for p in clean.paragraphs)
    assert visible(text) == visible(clean.text) + visible("".join(r.text for r in clean.removed))


@FAST
@given(TEXT)
def test_mentions_never_overlap_and_point_at_an_alias(text):
    mentions = find_mentions(text, INDEX)
    keys = {alias_key(a) for a in ALIASES}
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
        assert alias_key(mention.surface) in keys
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


EXTENSIONS = [e if isinstance(e, str) else next(iter(e))
              for e in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]]


@FAST
@given(TEXT)
@example("\u2069")
@example("a\u202e<b>")
def test_escaped_text_renders_as_exactly_that_text(text):
    if not bidi.isolate(text).strip():
        return  # nothing to show: whitespace, or bidirectional closers that close nothing
    parser = _Tags()
    parser.feed(markdown.markdown(escape(text), extensions=EXTENSIONS))
    assert [tag for tag, _ in parser.tags] == ["p"]
    shown = "".join("\ufffd" if ord(c) < 32 and c not in "\t\n\r" or c == "\x7f" else c for c in text)
    assert " ".join("".join(parser.text).split()) == " ".join(bidi.isolate(shown).split())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(TEXT, st.text(min_size=1, max_size=40).filter(str.strip))
def test_a_source_page_keeps_its_structure_whatever_the_article(tmp_path_factory, body, title):
    root = tmp_path_factory.mktemp("page")
    front = FRONT_MATTER.format(id="one").replace("title: A headline", f"title: {yaml.safe_dump(title).strip()}"
                                                  .replace("\n...", ""))
    write_sources(root, {"one": front + "Sergey Lavrov spoke.\n\n" + body})
    try:
        build(root / "sources", root / "docs")
    except InputError as error:  # a clear refusal is fine: say exactly which
        assert {p.expected for p in error.problems} <= {"some article text left after cleaning",
                                                        "a text without bidirectional control characters"}
        return
    page = (root / "docs" / "sources" / "one.md").read_text().split("\n---\n", 1)[1]
    parser = _Tags()
    parser.feed(markdown.markdown(page, extensions=EXTENSIONS))
    tags = [tag for tag, _ in parser.tags]
    assert tags.count("h1") == 1
    assert [t for t in tags if t == "h2"] == ["h2"] * len([t for t in tags if t == "h2"])
    assert set(tags) <= {"h1", "h2", "p", "a", "table", "thead", "tbody", "tr", "th", "td", "ul", "li",
                         "strong", "em", "details", "summary", "code"}
    for tag, attributes in parser.tags:
        assert not any(name.startswith("on") for name, _ in attributes)
        for name, value in attributes:
            if name == "href":
                assert value.endswith(".md") or ".md#" in value or value.startswith("#"), value


def _front_matter_title(page: str) -> str:
    return yaml.safe_load(page.split("---\n", 2)[1])["title"]


def _shown(html_text: str) -> tuple[list[str], str]:
    """The tags of an HTML fragment and the text it shows."""
    parser = _Tags()
    parser.feed(html_text)
    parser.close()
    return [tag for tag, _ in parser.tags], "".join(parser.text)


NAMES = st.one_of(st.text(min_size=1, max_size=40), st.lists(PIECES, min_size=1, max_size=12).map("".join)).filter(
    lambda name: any(c.isalnum() for c in name) and not bidi.CONTROLS.search(name))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(NAMES, NAMES)
def test_a_name_and_a_title_show_as_written_in_the_page_title_and_heading(tmp_path_factory, name, title):
    """The theme prints the front matter's title as HTML; the heading is Markdown: both show
    the text and nothing else, whatever it holds."""
    root = tmp_path_factory.mktemp("names")
    people = yaml.safe_dump([{"id": "someone", "name": name, "summary": ["A person."]},
                             {"id": "sergey-lavrov", "name": "Sergey Lavrov", "aliases": ["Lavrov"],
                              "summary": ["A minister."]}])
    front = yaml.safe_dump({"id": "one", "title": title, "outlet": "wire", "published": "2019-01-14"})
    write_sources(root, {"one": f"---\n{front}---\nSergey Lavrov spoke.\n"}, people=people)
    try:
        build(root / "sources", root / "docs")
    except InputError as error:  # only a name that is another entity's alias may be refused
        assert {p.expected for p in error.problems} <= {"an alias that no other entity has",
                                                        "an alias with letters or digits"}, error
        return
    for page, text in (("people/someone.md", name.strip()), ("sources/one.md", " ".join(title.split()))):
        markdown_page = (root / "docs" / page).read_text("utf-8")
        wanted = " ".join(CONTROL.sub("\ufffd", text).split())  # a control character is never content
        assert _shown(_front_matter_title(markdown_page)) == ([], wanted)  # printed as HTML by the theme
        heading = next(line for line in markdown_page.splitlines() if line.startswith("# "))
        tags, shown = _shown(markdown.markdown(heading, extensions=EXTENSIONS))
        assert tags == ["h1"] and " ".join(shown.split()).removesuffix(" { data-pagefind-weight=\"10\" }") == wanted


NOTE_PIECES = st.sampled_from(["text", "\n", "\n\n", "    ", "# ", "## ", "*", "_", "`", "[", "]", "(", ")", "<", ">",
                               "!", "{", "}", ":", "#", ".", '"', "'", "=", "&", ";", "/", "\\", "-", "|", "^1",
                               "javascript:", "JaVa\tScript:", "data:", "vbscript:", "&#106;", "&#x3A;", "https://",
                               "//evil.example/p.png", "onclick", "onerror", "alert(1)", "script", "img src=x",
                               "<!--", "!!! note", "??? tip", "[^1]:", "[x]: ", "[x]", "\u202e", "```"])
NOTES = st.lists(st.one_of(NOTE_PIECES, st.text(max_size=5)), min_size=1, max_size=40).map("".join)


class _Everything(_Tags):
    def handle_comment(self, data):
        self.tags.append(("!--", []))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(NOTES)
def test_a_note_that_check_accepts_adds_no_markup_script_or_address_to_its_page(tmp_path_factory, note):
    root = tmp_path_factory.mktemp("note")
    sources = write_sources(root)
    (sources / "notes").mkdir()
    (sources / "notes" / "iturup.md").write_text(note, "utf-8")
    try:
        build(sources, root / "docs")
    except InputError as error:
        assert all(p.file.endswith("iturup.md") and p.line is not None or p.expected.startswith("the text of")
                   for p in error.problems), error
        return
    page = (root / "docs" / "islands" / "iturup.md").read_text("utf-8").split("\n---\n", 1)[1]
    # The generator's own drawings (the map, the graph: tests/test_hostile_site.py) set aside.
    page, drawings = re.subn(r'^<figure class="(?:locator-map|relations-graph)[^"]*" data-search-exclude '
                             r'data-pagefind-ignore="all"[^<>]*><svg .*?</svg></figure>$', "", page, flags=re.S | re.M)
    assert drawings == 2
    parser = _Everything()
    parser.feed(markdown.markdown(page, extensions=EXTENSIONS))
    assert [tag for tag, _ in parser.tags].count("!--") == 1  # the generator's own note that it made the page
    for tag, attributes in parser.tags:
        if tag == "!--":
            continue
        assert tag in {"h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "table", "thead", "tbody", "tr", "th", "td",
                       "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "hr", "br", "div", "details",
                       "summary", "sup", "img"}, (tag, note)
        for name, value in attributes:
            assert not name.startswith("on") and name in {"href", "src", "alt", "title", "id", "class", "style",
                                                          "data-pagefind-weight", "data-search-exclude",
                                                          "data-pagefind-ignore"}
            plain = "".join(c for c in html.unescape(value or "") if c > " " and c != "\\").lower()
            if name in ("href", "src"):
                assert not plain.startswith(("javascript:", "vbscript:", "data:")), (value, note)
            if name == "src":
                assert ":" not in plain.split("/")[0] and not plain.startswith("//"), (value, note)
