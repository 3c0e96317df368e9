"""The built site (``mkdocs build --strict`` on a copy of the project)."""

import gzip
import json
import re
from html.parser import HTMLParser
from types import SimpleNamespace

from conftest import copy_project, mkdocs
from generator import search


class _Resources(HTMLParser):
    """Every address the page would fetch by itself (not links a reader may follow)."""

    def __init__(self):
        super().__init__()
        self.fetched = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and attrs.get("src"):
            self.fetched.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.fetched.append(attrs["href"])
        if tag == "object" and attrs.get("data"):
            self.fetched.append(attrs["data"])


def test_every_generated_page_is_in_the_site(built_site):
    for path in ("index.html", "islands/iturup/index.html", "people/taro-kono/index.html",
                 "meetings/moscow-talks-2019/index.html", "treaties/peace-treaty/index.html",
                 "sources/tass-2019-01-14-sovereignty-non-negotiable/index.html", "about/index.html",
                 "data/entities.json", "data/mentions.json"):
        assert (built_site / path).is_file(), path
    assert not (built_site / ".generated.json").exists()


def test_the_site_fetches_nothing_from_another_host(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        parser = _Resources()
        parser.feed(page.read_text("utf-8"))
        for address in parser.fetched:
            assert not re.match(r"(?i)(https?:)?//", address), (page, address)
    for sheet in built_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", sheet.read_text("utf-8")), sheet


def test_source_pages_have_paragraph_anchors_and_escaped_text(built_site):
    html = (built_site / "sources/tass-2019-01-14-sovereignty-non-negotiable/index.html").read_text()
    assert re.search(r'<p class="source-paragraph" data-n="11" id="p11">', html)
    assert '<a href="../../islands/kuril-islands/">Kuril Islands</a>' in html
    assert "Removed from the saved page (7 pieces)" in html


def test_source_pages_number_their_paragraphs_and_say_who_and_when_in_one_line(built_site):
    html = (built_site / "sources/sputnik-2019-02-16-munich-lavrov-kono/index.html").read_text()
    # every paragraph carries the number its "¶ N" citations give, shown by the style sheet
    numbers = [int(n) for n in re.findall(r'<p class="source-paragraph" data-n="(\d+)" id="p\1">', html)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 5
    css = (built_site / "assets" / "extra.css").read_text()
    assert 'content: "¶ " attr(data-n);' in css
    # one line of outlet and date, the way the date was found folded below it, no table
    text = html[:html.index('id="text"')]
    assert "<strong>Sputnik</strong> (Russia, state agency) · published <strong>16 February 2019</strong>" in text
    assert '<details class="note">\n<summary>How the date was established</summary>' in text
    assert "<table>" not in text


def test_an_entity_page_reads_summary_first_then_key_facts_in_a_box_with_a_caption(built_site):
    iturup = (built_site / "islands" / "iturup" / "index.html").read_text()
    summary = iturup.index('id="summary"')
    facts = iturup.index('<div class="admonition facts">\n<p class="admonition-title">Key facts</p>')
    assert iturup.index("The largest of the four disputed") < facts  # the definition before the facts
    assert summary < facts < iturup.index('id="in-the-sources"')
    assert "<th>" not in iturup[:iturup.index('id="in-the-sources"')]  # no table with a header row
    assert '<strong>Russian name:</strong> <em lang="ru">Итуруп</em>' in iturup[facts:]
    assert '<em lang="ja">択捉島</em> (Etorofu-tō)' in iturup[facts:]  # names carry their language
    assert ".md-typeset em[lang]" in (built_site / "assets" / "extra.css").read_text()
    css = (built_site / "assets" / "extra.css").read_text()
    assert ".md-typeset .admonition.facts" in css and "float: right" in css


def test_every_page_has_a_description_of_its_own(built_site):
    descriptions = {}
    for path in built_site.rglob("index.html"):
        match = re.search(r'<meta name="description" content="([^"]*)"', path.read_text())
        assert match, path
        descriptions.setdefault(match.group(1), []).append(path)
    assert all(len(paths) == 1 for paths in descriptions.values()), descriptions
    assert all(len(description) <= 160 + len("&amp;") * description.count("&") for description in descriptions)
    iturup = (built_site / "islands" / "iturup" / "index.html").read_text()
    assert ('<meta name="description" content="The largest of the four disputed southern Kuril islands, '
            'called Etorofu in Japan.">') in iturup


def test_entity_pages_are_boosted_and_carry_every_alias_in_the_search_index(built_site):
    index = json.loads((built_site / "search/search_index.json").read_text())
    assert index["config"]["lang"] == ["en", "ru", "ja"]
    iturup = [d for d in index["docs"] if d["location"].startswith("islands/iturup/")]
    assert iturup[0]["boost"] > 1
    text = " ".join(d["text"] for d in iturup)
    for alias in ("Etorofu", "Итуруп", "択捉島"):
        assert alias in text
    assert not any(d["location"] == "" for d in index["docs"])  # the home page is not searched


def test_the_search_index_holds_each_text_once(built_site):
    """Article text is indexed on its source page; the sentences entity pages repeat from it,
    the timeline and the list of sources are not indexed again (the Disagreements page, which
    quotes it, is)."""
    docs = json.loads((built_site / "search/search_index.json").read_text())["docs"]
    locations = {d["location"] for d in docs}
    sentence = "Russia and Japan are still formally in a state of war."
    holding = sorted({d["location"].split("#")[0] for d in docs if sentence in d["text"]})
    assert holding == ["disagreements/", "sources/vesti-2019-01-14-sovereignty-non-negotiable/"]
    for section in ("#in-the-sources", "#timeline", "#related", "#sources-disagree",
                    "#mentioned-in-this-article", "#removed-from-the-capture"):
        assert not any(location.endswith(section) for location in locations), section
    assert not any(location.startswith(("timeline/", "sources/#", "sources/?")) or location == "sources/"
                   for location in locations)
    assert "islands/iturup/#summary" in locations
    assert "disagreements/" in {location.split("#")[0] for location in locations}


def test_what_the_search_plugin_is_given_indexes_as_the_page_would(built_site):
    """lunr is given each page without the parts its parser would only read to leave out
    (generator.search.lunr_view): Material's own parser finds the same sections in both."""
    from material.plugins.search.plugin import Parser  # noqa: I001 (Material's own parser)

    def sections(html):
        parser = Parser()
        parser.feed(html)
        parser.close()
        return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]

    page = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri="islands/iturup.md"))  # indexed by lunr
    config = SimpleNamespace(extra={"search_backend": "lunr"})
    checked = 0
    for path in sorted(built_site.rglob("*.html")):
        text = path.read_text("utf-8")
        start, end = text.find("<article"), text.find("</article>")
        content = text[start:end]
        view = search.lunr_view(content, page, config)
        if view is not None:
            checked += 1
            assert sections(view) == sections(content), path
    assert checked > 30


def test_a_broken_anchor_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / "broken.md").write_text("[x](islands/iturup.md#no-such-anchor)\n")
    result = mkdocs(project, "build", "--strict", "--site-dir", "site")
    assert result.returncode != 0
    assert "does not contain an anchor '#no-such-anchor'" in result.stderr


def test_page_titles_come_from_the_sources(built_site):
    html = (built_site / "sources/tass-2019-01-14-sovereignty-non-negotiable/index.html").read_text()
    assert "<title>Russia’s sovereignty over Kuril Islands non-negotiable - Lavrov - " in html
    assert "<title>Soviet–Japanese Joint Declaration of 1956 - " in (
        built_site / "treaties/joint-declaration-1956/index.html").read_text()


def test_hand_written_pages_are_linked_and_listed(built_site):
    about = (built_site / "about/index.html").read_text()
    assert '<a href="../islands/southern-kurils/">southern Kuril Islands</a>' in about
    kurils = (built_site / "islands/southern-kurils/index.html").read_text()
    assert '<a href="../../about/">About this site</a>' in kurils


def test_the_pagefind_backend_indexes_the_same_text_in_pieces(pagefind_site):
    assert not (pagefind_site / "search" / "search_index.json").exists()  # no lunr index
    for folder in ("pagefind", "pagefind-names"):  # the other pages; the entity pages
        assert (pagefind_site / folder / "pagefind-entry.json").is_file()
        assert list((pagefind_site / folder / "index").glob("*.pf_index"))
    search = (pagefind_site / "search" / "index.html").read_text()
    assert 'id="search-input"' in search and "../pagefind/pagefind-modular-ui.js" in search
    assert 'href="search/"' in (pagefind_site / "index.html").read_text() or \
        'href="./search/"' in (pagefind_site / "index.html").read_text()  # the Search tab
    iturup = (pagefind_site / "islands" / "iturup" / "index.html").read_text()
    assert re.search(r'<h1 data-pagefind-weight="10" id="iturup">', iturup)
    assert re.search(r'<p data-pagefind-weight="10"><strong>Also known as:</strong> Etorofu', iturup)
    body = iturup.index('<div data-pagefind-index="names">')
    ignored = iturup.index('<div data-pagefind-ignore="all"><h2 data-search-exclude id="in-the-sources"')
    assert body < iturup.index('id="summary"') < ignored
    article = next((pagefind_site / "sources").glob("*/index.html")).read_text()
    assert '<div data-pagefind-index="pages">' in article
    timeline = (pagefind_site / "timeline" / "index.html").read_text()
    assert "data-pagefind-index" not in timeline  # excluded pages are not indexed
    def urls(folder: str) -> set[str]:  # of the pages in an index: its fragments say
        return {json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])["url"]
                for path in (pagefind_site / folder / "fragment").glob("*.pf_fragment")}
    names, pages = urls("pagefind-names"), urls("pagefind")
    assert "/islands/iturup/" in names and "/people/taro-kono/" in names
    assert all(url.count("/") == 3 and not url.startswith("/sources/") for url in names)
    assert not names & pages and "/sources/" not in pages and any(url.startswith("/sources/") for url in pages)


def test_an_unknown_search_backend_is_a_clear_error(tmp_path):
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("search_backend: lunr", "search_backend: elastic"))
    result = mkdocs(project, "build", "--strict", "--site-dir", "site")
    assert result.returncode != 0
    assert "mkdocs.yml: expected extra.search_backend to be one of lunr, pagefind, found 'elastic'" \
        in result.stderr


def test_a_bad_number_of_generator_processes_is_a_clear_error(tmp_path):
    project = copy_project(tmp_path)
    result = mkdocs(project, "build", "--strict", "--site-dir", "site", env={"GENERATOR_JOBS": "two"})
    assert result.returncode != 0
    assert "GENERATOR_JOBS: expected a number of processes, 1 or more; found 'two'" in result.stderr


def test_every_link_drawn_in_a_graph_or_map_leads_to_a_page_of_the_site(built_site):
    """Links in the SVG graphs are raw HTML, which MkDocs does not check: check them here."""
    checked = 0
    for html in built_site.rglob("*.html"):
        text = html.read_text("utf-8")
        for svg in re.findall(r"<svg class=\"(?:relations-graph|locator-map)__svg.*?</svg>", text, re.S):
            for href in re.findall(r'<a [^>]*?(?:xlink:)?href="([^"]+)"', svg):
                target = (html.parent / href).resolve() / "index.html"
                assert target.is_file(), (html.relative_to(built_site), href)
                checked += 1
    assert checked > 100


def test_pages_rendered_by_more_processes_give_the_same_site(built_site, tmp_path):
    """generator/pagepool.py: three worker processes render the pages' Markdown and
    templates and make their search entries; every file of the site (the search index too)
    is the same, byte for byte, as when the build renders them all itself."""
    project = copy_project(tmp_path)
    result = mkdocs(project, "build", "--strict", "--site-dir", "site", env={"GENERATOR_PAGE_JOBS": "3"})
    assert result.returncode == 0, result.stderr
    taken = re.search(r"pages rendered by 3 processes \((\d+) pages, (\d+) with their templates, "
                      r"(\d+) with their search entries\)", result.stderr)
    assert taken and int(taken.group(1)) > 40, result.stderr
    assert taken.group(1) == taken.group(2) == taken.group(3), result.stderr
    built = sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*") if p.is_file())
    assert built == sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    for path in built:
        assert (project / "site" / path).read_bytes() == (built_site / path).read_bytes(), path


def test_templates_wait_for_every_page_when_the_nav_takes_a_title_from_one(tmp_path):
    """A nav entry without a title in mkdocs.yml takes its page's heading, which only the
    process that renders the page knows: then the other processes render no template."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - About this site: about.md\n", "  - about.md\n"))
    assert "  - about.md\n" in config.read_text()
    result = mkdocs(project, "build", "--strict", "--site-dir", "site", env={"GENERATOR_PAGE_JOBS": "3"})
    assert result.returncode == 0, result.stderr
    assert re.search(r"pages rendered by 3 processes \(\d+ pages, 0 with their templates, 0 with their search",
                     result.stderr)
    pages = list((project / "site").rglob("index.html"))
    assert len(pages) > 40
    for page in pages:  # the heading of about.md, in the nav of every page
        assert "About this site" in page.read_text(), page


def test_a_broken_link_in_a_page_another_process_renders_fails_the_strict_build(tmp_path):
    """A worker renders the page (the last in MkDocs' order): its warning is logged by the
    build, which fails in strict mode."""
    project = copy_project(tmp_path)
    (project / "docs" / "zz-last.md").write_text("# Last\n\nSee [a page](no-such-page.md).\n")
    result = mkdocs(project, "build", "--strict", "--site-dir", "site", env={"GENERATOR_PAGE_JOBS": "3"})
    assert "pages rendered by 3 processes" in result.stderr
    assert result.returncode != 0
    assert "Doc file 'zz-last.md' contains a link 'no-such-page.md'" in result.stderr, result.stderr
