"""axe-core (WCAG 2.1 A and AA) on the built site in Chromium, in both colour schemes.

axe-core comes from npm (``package.json``; ``scripts/test.sh`` installs it) and is placed
into each page by Playwright, so nothing is fetched from another host. Every serious or
critical violation fails the test, with the rule, the elements and axe's advice.
"""

import os
from pathlib import Path

import pytest

from tests.test_browser import _serve, chromium  # noqa: F401  (the browser fixture)

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
if not AXE.exists():
    if os.environ.get("CI"):
        raise RuntimeError("axe-core is required in CI: run scripts/test.sh, which installs it with npm")
    pytest.skip("axe-core is not installed (npm ci)", allow_module_level=True)

PAGES = ["", "treaties/joint-declaration-1956/", "islands/iturup/", "people/sergey-lavrov/",
         "meetings/moscow-talks-2019/", "sources/tass-2019-01-14-sovereignty-non-negotiable/",
         "timeline/", "disagreements/", "islands/", "relations/"]
"""The home page, a page of each entity kind, a source page, the timeline, the disagreements,
an index page (with the map) and the Relations page (a graph that scrolls on a phone)."""

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def site_page(built_site, chromium):  # noqa: F811
    yield from _serve(built_site, chromium)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path, width", [(path, 1366) for path in PAGES] +
                         [("islands/iturup/", 390), ("relations/", 390)])  # on a phone too
def test_no_serious_or_critical_violation(site_page, path, width, scheme):
    page, base, foreign = site_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + path)
    page.wait_for_load_state("load")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.wait_for_timeout(400)  # the theme's colour transitions end before axe measures
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']}; " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
    assert page.locator('.md-search[role="dialog"]').get_attribute("aria-label") == "Search the site"
    assert foreign == []
