"""Measure search in headless Chromium: bytes fetched and time until the first result.

    python benchmarks/search.py SITE_DIR [--query Etorofu] [--json]

SITE_DIR is a built site (``mkdocs build``), with either search backend (see
generator/search.py): the script finds out which from the files. It serves the site on
127.0.0.1, opens the page with the search box, types the query, and waits for the first
result. Every request to another host is refused (and reported). It prints the search data
on disk; what was fetched from opening the page to the first result, as sent (Pagefind's
chunks are compressed files, lunr's index is plain JSON, and this server compresses
nothing), split into search *data* (lunr's index; Pagefind's entry file, metadata, index
chunks and result fragments) and search *code* (scripts, styles, WebAssembly: the same size
for any site); the time from the first keystroke to the first result; and that result.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import threading
import time
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


def backend_of(site: Path) -> str:
    return "pagefind" if (site / "pagefind" / "pagefind-entry.json").is_file() else "lunr"


def index_bytes(site: Path) -> int:
    """The search data on disk: Pagefind's indexes, metadata and fragments, or lunr's index."""
    if backend_of(site) == "pagefind":
        return sum(p.stat().st_size for p in site.glob("pagefind*/**/*") if p.is_file() and _is_data(p.as_posix()))
    return (site / "search" / "search_index.json").stat().st_size


@functools.cache
def _playwright():
    from playwright.sync_api import sync_playwright
    return sync_playwright().start()


def first_search(site: Path, query: str, browser=None) -> dict:
    """Search ``query`` on the built ``site``; what it cost and what came first."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    own = browser is None
    browser = browser or _playwright().chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    foreign, fetched = [], []
    try:
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                   else (foreign.append(route.request.url), route.abort()))
        page.on("requestfinished", lambda request: fetched.append(request))
        backend = backend_of(site)
        if backend == "pagefind":
            page.goto(base + "search/")
            page.wait_for_load_state("load")
            box, result = "#search-input", ".pagefind-modular-list-link"
        else:
            page.goto(base)
            page.wait_for_load_state("load")
            box, result = ".md-search__input", ".md-search-result__item a"
        page.locator(box).click()
        start = time.perf_counter()
        page.keyboard.type(query, delay=15)
        page.keyboard.press("End")  # Material searches on key events
        page.wait_for_function(
            """([box, result, query]) => document.querySelector(box).value === query
                                       && document.querySelector(result)""",
            arg=[box, result, query], timeout=600_000, polling=20)
        elapsed = time.perf_counter() - start
        before = list(fetched)  # what came before the first result
        page.wait_for_timeout(500)  # results for the last keystroke replace earlier ones
        href = page.locator(result).first.get_attribute("href")
        data = [r for r in before if _is_data(r.url)]
        code = [r for r in before if not _is_data(r.url) and ("/pagefind" in r.url or "/workers/search" in r.url)]
        data_kb, code_kb = (round(sum(r.sizes()["responseBodySize"] for r in group) / 1024, 1) for group in (data, code))
        page.close()
    finally:
        if own:
            browser.close()
        server.shutdown()
    return {"backend": backend, "query": query, "index_kb": round(index_bytes(site) / 1024, 1),
            "data_fetched_kb": data_kb, "data_requests": len(data), "code_fetched_kb": code_kb,
            "first_result_s": round(elapsed, 2), "first_result": href.replace(base, "/"), "foreign": foreign}


def _is_data(url: str) -> bool:
    return url.endswith("search_index.json") or "/pagefind" in url and (
        ".pf_" in url or url.endswith("pagefind-entry.json"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="Etorofu")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    result = first_search(arguments.site, arguments.query)
    for key, value in result.items():
        print(f"{key:>16}: {value}")
    if arguments.json:
        print(json.dumps(result, sort_keys=True, ensure_ascii=False))
    if result["foreign"]:
        raise SystemExit("requests to other hosts were made")


if __name__ == "__main__":
    main()
