"""Every field a reader sees, filled with markup and script, judged in the HTML that
``mkdocs build --strict`` makes: shown as text everywhere, never an element, an attribute,
a script, a comment or an address (tests/conftest.py: write_hostile_sources)."""

import json
import re
from html.parser import HTMLParser

from conftest import PAYLOAD
from generator import bidi

SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")


class _Page(HTMLParser):
    """What a page holds that its input could have introduced."""

    def __init__(self):
        super().__init__()
        self.introduced, self.texts, self.open, self.footers, self.described = [], [], [], 0, []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)
        attributes = dict(attrs)
        if tag == "footer" and "md-footer" in (attributes.get("class") or ""):
            self.footers += 1
        for name, value in attrs:
            value = value or ""
            if tag == "meta" and name == "content" and not value.lower().startswith(SCRIPT_SCHEMES):
                self.described.append(value)  # a page's description: text, however it reads
                continue
            if name.startswith("on") or "alert(" in value:
                self.introduced.append(f"<{tag} {name}={value!r}>")
            if re.sub(r"[\x00-\x20]", "", value).lower().startswith(SCRIPT_SCHEMES):
                self.introduced.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and attributes.get("src") == "x":
            self.introduced.append("<img src=x>")

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]

    def handle_data(self, data):
        if self.open and self.open[-1] == "script" and "alert" in data:
            self.introduced.append(f"<script>{data[:60]}")
        self.texts.append(data)

    def handle_comment(self, data):
        if "alert" in data or "img" in data:
            self.introduced.append(f"<!--{data[:60]}")


def _pages(site):
    for path in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text("utf-8"))
        page.close()
        yield path.relative_to(site).as_posix(), page


def test_no_page_holds_an_element_attribute_script_or_address_from_the_sources(hostile_site):
    shown = {}
    for path, page in _pages(hostile_site):
        assert page.introduced == [], path
        assert page.footers == 1, f"{path}: the page was cut short"
        shown[path] = "".join(page.texts).count("<img src=x onerror=alert(1)>")
        if path == "islands/iturup/index.html":  # its description, from its summary: text as written
            assert any("<img src=x onerror=alert(1)>" in value for value in page.described), page.described
    for path in ("islands/iturup/index.html", "people/sergey-lavrov/index.html", "meetings/talks/index.html",
                 "treaties/accord/index.html", "sources/one/index.html", "disagreements/index.html",
                 "index.html", "sources/index.html", "timeline/index.html"):
        assert shown[path] > 0, f"{path} does not show the text as written"


def test_titles_show_as_written_in_the_tab_the_header_and_the_heading(hostile_site):
    html = (hostile_site / "people" / "sergey-lavrov" / "index.html").read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    page = _Page()
    page.feed(f"<p>{title}</p>")
    assert page.introduced == [] and "".join(page.texts) == f"{PAYLOAD} minister - Kuril Islands dispute reference"
    heading = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", html, re.S).group(1)
    page = _Page()
    page.feed(f"<p>{heading}</p>")
    assert "".join(page.texts) == f"{PAYLOAD} minister"


def test_the_search_index_holds_text_never_markup(hostile_site):
    """Material places search results into the page as HTML: the index must hold escaped text."""
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    titles = [d["title"] for d in index["docs"]]
    assert "&lt;img src=x onerror=alert(1)&gt; &lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in " ".join(titles)
    for document in index["docs"]:
        for field in ("title", "text"):
            assert not re.search(r"<(?:img|script|/title|!--)", document[field]), (document["location"], field)


def test_a_bidirectional_override_in_an_article_is_closed_where_its_text_ends(hostile_site):
    texts = [text for _, page in _pages(hostile_site) for text in page.texts if bidi.CONTROLS.search(text)]
    assert texts, "the article's override is not shown"
    assert all(bidi.isolate(text) == text for text in texts), texts
