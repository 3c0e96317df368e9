"""End to end in headless Chromium: search by any name lands on the entity's page.

Every request is routed; any request to a host other than the local server fails the
test. Chromium comes from Debian (``scripts/test.sh`` installs it); without it the test
is skipped on a developer machine and fails in CI.
"""

import functools
import http.server
import os
import shutil
import threading

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is required in CI: run scripts/test.sh, which installs it")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

from benchmarks.search import first_search  # noqa: E402  (the benchmark's own measurement)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@pytest.fixture(scope="module")
def chromium():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser_page(built_site, chromium):
    yield from _serve(built_site, chromium)


@pytest.fixture(scope="module")
def pagefind_page(pagefind_site, chromium):
    yield from _serve(pagefind_site, chromium)


def _serve(site, chromium):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    foreign = []

    def route(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page = chromium.new_page()
    page.route("**/*", route)
    yield page, base, foreign
    page.close()
    server.shutdown()
    assert foreign == [], f"requests to other hosts: {foreign}"


def search(page, base, query):
    """Type ``query`` into Material's search and return the first result's link."""
    page.goto(base)
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=15)
    page.keyboard.press("End")  # an input method ends with a key press; Material searches on keys
    page.wait_for_function(
        """query => {
            const input = document.querySelector('.md-search__input');
            const meta = document.querySelector('.md-search-result__meta');
            const first = document.querySelector('.md-search-result__item a');
            return input.value === query && meta && /matching/.test(meta.textContent) && first;
        }""", arg=query, timeout=15000)
    page.wait_for_timeout(300)  # let results for the last keystroke replace earlier ones
    return page.locator(".md-search-result__item a").first


def test_etorofu_lands_on_iturup(browser_page):
    page, base, foreign = browser_page
    first = search(page, base, "Etorofu")
    first.click()
    page.wait_for_load_state()
    assert page.url.split("?")[0] == base + "islands/iturup/"
    assert page.title().startswith("Iturup - ")
    assert foreign == []


@pytest.mark.parametrize("query, expected", [
    ("Итуруп", "islands/iturup/"), ("択捉島", "islands/iturup/"), ("Kono Taro", "people/taro-kono/"),
    ("Northern Territories", "islands/southern-kurils/"), ("Khabomai", "islands/habomai/"),
    ("北方領土", "islands/southern-kurils/"), ("Tarō Kōno", "people/taro-kono/"),
    # Names the meetings share: the person first, not the meetings he attended.
    ("Lavrov", "people/sergey-lavrov/"), ("Putin", "people/vladimir-putin/"),
    # A registered alias of two words, one of them common.
    ("Etorofu Island", "islands/iturup/"),
])
def test_any_alias_puts_its_entity_first(browser_page, query, expected):
    page, base, _ = browser_page
    href = search(page, base, query).get_attribute("href")
    assert href.split("?")[0] == base + expected, (query, href)


@pytest.mark.parametrize("query, expected", [
    ("Etorofu", "/islands/iturup/"), ("Итуруп", "/islands/iturup/"), ("択捉島", "/islands/iturup/"),
    ("Kono Taro", "/people/taro-kono/"), ("Khabomai", "/islands/habomai/"),
    ("Northern Territories", "/islands/southern-kurils/"), ("Lavrov", "/people/sergey-lavrov/"),
    ("Etorofu Island", "/islands/iturup/"),
])
def test_pagefind_puts_the_entity_first_too_and_fetches_little(pagefind_site, chromium, query, expected):
    result = first_search(pagefind_site, query, chromium)
    assert result["foreign"] == []
    assert result["first_result"] == expected, result
    assert result["data_fetched_kb"] < 100, result


def test_pagefind_shows_the_names_then_the_articles(pagefind_page):
    page, base, foreign = pagefind_page
    page.set_viewport_size({"width": 1280, "height": 2400})  # results load as they come into view
    page.goto(base + "search/")
    page.locator("#search-input").click()
    page.keyboard.type("Kunashir", delay=15)
    names = page.locator("#search-names .pagefind-modular-list-link")
    names.first.wait_for(timeout=30_000)
    assert names.first.get_attribute("href").endswith("/islands/kunashir/")
    article = page.locator('#search-pages .pagefind-modular-list-link[href*="/sources/"]').first
    article.wait_for(timeout=30_000)  # the articles' index, searched once a name showed
    hrefs = page.locator("#search-pages .pagefind-modular-list-link").evaluate_all("links => links.map(a => a.href)")
    assert not any(href.endswith(("/islands/kunashir/", "/people/taro-kono/")) for href in hrefs), hrefs
    excerpt = page.locator('#search-pages li:has(a[href*="/sources/"]) .pagefind-modular-list-excerpt').first
    assert "<mark>Kunashir" in excerpt.inner_html()
    assert foreign == []


@pytest.mark.parametrize("query, expected", [("Habomia", "islands/habomai/"), ("Shikotn", "islands/shikotan/"),
                                             ("Lavrof", "people/sergey-lavrov/")])
def test_a_misspelled_name_offers_the_closest(browser_page, query, expected):
    page, base, foreign = browser_page
    page.goto(base)
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=15)
    offer = page.locator(".md-search-result .did-you-mean a").first
    offer.wait_for(timeout=10_000)
    assert page.locator(".md-search-result .did-you-mean").inner_text().startswith("Did you mean ")
    assert offer.get_attribute("href") == base + expected
    page.keyboard.press("Backspace")  # "Habomi", "Shikot": still offered, or a prefix of a name
    page.keyboard.type(query[-1] + " ", delay=15)
    assert foreign == []


def test_a_name_spelled_right_offers_nothing_and_index_pages_read_as_text(browser_page):
    page, base, foreign = browser_page
    search(page, base, "Shikotan")
    assert page.locator(".did-you-mean").count() == 0
    search(page, base, "Meetings")
    index = page.locator(".md-search-result__item:has(a[href^='%smeetings/?'])" % base).first
    index.locator("details summary").first.click()  # "1 more on this page": its intro line
    assert "in the site's records" in index.inner_text()
    assert "Meeting Date Place" not in index.inner_text()


def test_pagefind_offers_the_closest_name_too(pagefind_page):
    page, base, foreign = pagefind_page
    page.goto(base + "search/")
    page.locator("#search-input").click()
    page.keyboard.type("Habomia", delay=15)
    offer = page.locator(".did-you-mean a").first
    offer.wait_for(timeout=10_000)
    assert offer.get_attribute("href") == base + "islands/habomai/"
    assert foreign == []


@pytest.fixture(scope="module")
def hostile_page(hostile_site, chromium):
    yield from _serve(hostile_site, chromium)


def test_markup_in_every_field_runs_nothing_in_the_pages_or_the_search_results(hostile_page):
    """Names, titles and texts holding script, opened and searched in a real browser: no
    dialog opens, and no element of theirs appears (search results are placed as HTML)."""
    page, base, foreign = hostile_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("", "islands/iturup/", "people/sergey-lavrov/", "sources/one/", "disagreements/", "timeline/"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.locator("img[src='x'], [onclick], [onerror]").count() == 0, path
    search(page, base, "onerror")
    results = page.locator(".md-search-result")
    assert "<img src=x onerror=alert(1)>" in results.inner_text()
    assert results.locator("img, script, [onclick], [onerror]").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == [] and foreign == []


_CONTRAST = """element => {
    const rgb = text => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const luminance = ([r, g, b]) => [r, g, b].map(c => c / 255)
        .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    let back = null;
    for (let node = element; node && !back; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (!/rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent') back = rgb(colour);
    }
    const opacity = Number(getComputedStyle(element).opacity);
    const fore = rgb(getComputedStyle(element).color).map((c, i) => c * opacity + back[i] * (1 - opacity));
    const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_tabs_have_contrast_and_links_in_text_are_underlined(browser_page, scheme):
    page, base, foreign = browser_page
    page.goto(base + "islands/iturup/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.set_viewport_size({"width": 1366, "height": 900})
    tab = page.locator(".md-tabs__item:not(.md-tabs__item--active) .md-tabs__link").first
    assert tab.evaluate(_CONTRAST) >= 4.5
    link = page.locator(".md-typeset li > a[href*='sources/']").first
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"
    assert foreign == []


@pytest.fixture(scope="module")
def subpath_page(built_site, chromium, tmp_path_factory):
    """The site served under a sub-path (``/kuril/``), as on a project's pages host."""
    root = tmp_path_factory.mktemp("served")
    (root / "kuril").symlink_to(built_site, target_is_directory=True)
    for page, base, foreign in _serve(root, chromium):
        yield page, base + "kuril/", foreign


def _preview(page, link):
    link.hover()
    preview = page.locator("#link-preview")
    preview.wait_for(state="visible", timeout=5000)
    return preview


def test_a_link_to_an_entity_previews_its_summary_and_a_paragraph_link_its_paragraph(subpath_page):
    page, base, foreign = subpath_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(base + "islands/iturup/")
    link = page.locator(".md-typeset .admonition a[href*='southern-kurils']").first
    preview = _preview(page, link)
    assert preview.locator(".link-preview__title").inner_text() == "Southern Kurils"
    assert "The four islands at the southern end of the Kuril chain" in preview.inner_text()
    assert link.get_attribute("aria-describedby") == "link-preview"

    paragraph = page.locator(".md-typeset a[href$='#p5']").first
    href = paragraph.get_attribute("href")
    page.mouse.move(0, 0)
    preview = _preview(page, paragraph)
    page.wait_for_function("document.querySelector('#link-preview').innerText.includes('¶ 5')")
    quoted = paragraph.evaluate("a => a.closest('li').textContent")
    sentence = quoted.split(" (¶")[0].strip()
    assert sentence in preview.inner_text(), (href, preview.inner_text())

    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert link.get_attribute("aria-describedby") is None
    assert foreign == []


def test_a_preview_shows_on_keyboard_focus_and_not_on_a_touch(subpath_page, chromium):
    page, base, foreign = subpath_page
    page.goto(base + "islands/iturup/")
    link = page.locator(".md-typeset .admonition a[href*='southern-kurils']").first
    link.focus()
    page.locator("#link-preview").wait_for(state="visible", timeout=5000)
    page.keyboard.press("Tab")  # on to the next link: the first preview goes with the focus
    assert link.get_attribute("aria-describedby") is None

    phone = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    touch = phone.new_page()
    touch.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else
                (foreign.append(route.request.url), route.abort()))
    touch.goto(base + "islands/iturup/")
    touch.locator(".md-typeset .admonition a[href*='southern-kurils']").first.tap()
    touch.wait_for_url("**/islands/southern-kurils/")
    assert touch.locator("#link-preview:visible").count() == 0
    phone.close()
    assert foreign == []


_FILL = "element => getComputedStyle(element).fill"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path, current", [("", None), ("islands/", None), ("islands/iturup/", "Iturup"),
                                           ("islands/habomai/", "Habomai Islands"),
                                           ("treaties/treaty-of-shimoda/", None)])  # a treaty with a border
def test_the_map_shows_the_islands_in_both_schemes_with_a_text_alternative(browser_page, path, current, scheme):
    page, base, foreign = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(base + path)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.wait_for_timeout(300)
    svg = page.locator("figure.locator-map svg")
    assert svg.count() == 1 and svg.get_attribute("role") == "img"
    caption = page.locator("#" + svg.get_attribute("aria-describedby"))
    words = caption.inner_text()
    for island in ("Iturup", "Kunashir", "Shikotan", "Habomai Islands"):
        assert caption.locator(f"a:text-is('{island}')").count() >= 1, (island, words)
    assert "Treaty of Shimoda (1855)" in words and "Treaty of Saint Petersburg (1875)" in words
    assert svg.locator(".land.disputed").count() >= 4  # Habomai is several islets
    assert svg.locator("path.border").count() == 2
    assert svg.locator(".land").count() > 20  # a real coastline, not a sketch
    sea, land = svg.locator(".sea").evaluate(_FILL), svg.locator(".land").first.evaluate(_FILL)
    assert sea != land
    page_colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert sea == page_colour  # the map follows the colour scheme
    if current:
        assert svg.locator("text.current").text_content() == current
        assert svg.locator(".land.current").count() >= 1
        assert f"Filled: {current}" in words
    else:
        assert svg.locator(".current").count() == 0
    label = svg.locator("text.place").first
    assert label.evaluate(_CONTRAST.replace("getComputedStyle(element).color", "getComputedStyle(element).fill")
                          .replace("getComputedStyle(node).backgroundColor",
                                   "(node.tagName === 'svg' ? getComputedStyle(node.querySelector('.sea')).fill"
                                   " : getComputedStyle(node).backgroundColor)")) >= 4.5
    assert foreign == []


def test_an_entity_graph_is_links_a_keyboard_reaches(browser_page):
    page, base, foreign = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "people/sergey-lavrov/")
    graph = page.locator("figure.relations-graph svg")
    names = graph.locator("a.node").evaluate_all("links => links.map(a => a.querySelector('title').textContent)")
    assert names[-1] == "Sergey Lavrov"  # the centre, drawn last
    assert "Lavrov–Kono talks in Moscow (January 2019)" in names and "Taro Kono" in names
    assert graph.locator("text.edge-label").first.text_content() == "Meetings"
    # The text alternative: every node of the graph is in the lists that follow it.
    listed = page.locator("h2#see-also ~ ul a").evaluate_all("links => links.map(a => a.textContent)")
    assert set(names[:-1]) <= set(listed)
    # On a phone the graph scrolls sideways, by keyboard too: the figure takes the focus.
    figure = page.locator("figure.relations-graph")
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth") and figure.get_attribute("tabindex") == "0"
    # Tab from the heading before the graph reaches the figure, then its first node; Enter follows it.
    page.locator("h2#see-also .headerlink").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.querySelector('title').textContent")
    assert focused == names[0]
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().startswith(names[0].split("…")[0])
    assert foreign == []


def test_the_relations_page_draws_the_most_mentioned_entities(browser_page):
    page, base, foreign = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "relations/")
    graph = page.locator("figure.relations-graph svg")
    nodes = graph.locator("a.node")
    in_words = page.locator("h2#in-words + ul > li > a:first-child")
    assert nodes.count() == in_words.count() > 20
    assert graph.locator("line.relation").count() > 10
    # On a phone the graph keeps a readable size and scrolls sideways, by keyboard too.
    figure = page.locator("figure.relations-graph")
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth") and figure.get_attribute("tabindex") == "0"
    hrefs = nodes.evaluate_all("links => links.map(a => new URL(a.href.baseVal, location.href).href)")
    for href in hrefs[:3]:
        assert page.goto(href).ok, href
    assert foreign == []


def test_a_node_of_a_graph_previews_its_entity(browser_page):
    page, base, foreign = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(base + "people/sergey-lavrov/")
    node = page.locator("figure.relations-graph a.node:has(title:text-is('Taro Kono'))")
    preview = _preview(page, node)
    assert preview.locator(".link-preview__title").inner_text() == "Taro Kono"
    assert foreign == []
