"""The site's search backend, chosen in ``mkdocs.yml``::

    extra:
      search_backend: lunr       # or: pagefind

- ``lunr`` (the default) is Material's built-in search: one index, which every reader
  downloads whole before the first result. Right for a site of a few thousand pages.
- ``pagefind`` splits the index into chunks and fetches only those a query needs. The
  ``pagefind`` binary (from PyPI, run offline) indexes the built HTML after ``mkdocs build``
  into two indexes: the entity pages (``pagefind-names/``), and every other page
  (``pagefind/``). The site gets a Search page (a tab) with Pagefind's modular interface,
  served from the site itself: it searches the names first and shows them, then the other
  pages. So the first result costs tens of kilobytes however many articles there are: the
  metadata Pagefind loads before any search grows with the pages of the index searched.

Both index the same text. The entity pages are the pages whose front matter boosts them
(``search.boost``). A page whose front matter says ``search: exclude: true`` is not
indexed, nor is a section whose heading carries ``data-search-exclude`` (the sentences that
entity pages repeat from the articles). Entity names and aliases weigh most: lunr through
the entity pages' ``search.boost``, Pagefind through ``data-pagefind-weight`` on the
heading and the aliases. A dirty rebuild (``mkdocs serve --dirty``), which builds only the
changed pages, gives both the index a full build gives (:func:`keep_index_whole`).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Collection, Sequence

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

BACKENDS = ("lunr", "pagefind")
SEARCH_PAGE = "search.md"
_HEADING = re.compile(r"<h([1-6])\b[^>]*>")
_EXCLUDED = re.compile(r"<h[1-6]\b[^>]*\sdata-search-exclude[\s>=][^>]*>.*?(?=<h[1-6]\b|\Z)"
                       r"|<(figure|p)\b[^>]*\sdata-search-exclude[\s>=][^>]*>.*?</\1>", re.S)
"""What Material's search parser reads only to leave out: a section whose heading carries
``data-search-exclude`` (up to the next heading, as the parser divides sections), and a
figure or paragraph that carries it (the map, the graphs, the map's caption)."""


def backend(config) -> str:
    """The backend ``mkdocs.yml`` names; PluginError for an unknown one."""
    name = config.extra.get("search_backend", "lunr")
    if name not in BACKENDS:
        raise PluginError(f"mkdocs.yml: expected extra.search_backend to be one of {', '.join(BACKENDS)}, "
                          f"found {name!r}")
    return name


def configure(config) -> None:
    """With Pagefind, switch Material's search off (no lunr index, no search box)."""
    if backend(config) == "pagefind" and "material/search" in config.plugins:
        config.plugins["material/search"].config.enabled = False


def add_search_page(files: Files, config) -> None:
    """With Pagefind, the Search page: Pagefind's interface, loaded from the site itself."""
    if backend(config) != "pagefind":
        return
    files.append(File.generated(config, SEARCH_PAGE, content=_SEARCH_PAGE))


def add_search_tab(nav: Navigation, files: Files, config) -> None:
    if backend(config) != "pagefind":
        return
    page = files.get_file_from_path(SEARCH_PAGE).page
    if page is not None and page not in nav.items:
        nav.items.append(page)
        nav.pages.append(page)


INDEXES = {"names": "pagefind-names", "pages": "pagefind"}
"""Pagefind's indexes: which pages go in each (see :func:`index_of`), and its folder in the site."""


def index_of(page: Page) -> str | None:
    """The Pagefind index of ``page``: ``names`` for the entity pages (boosted in search),
    ``pages`` for the others; None for a page excluded from search."""
    search = page.meta.get("search") or {}
    if search.get("exclude") or page.file.src_uri == SEARCH_PAGE:
        return None
    return "names" if search.get("boost") else "pages"


def mark_for_indexing(html: str, page: Page, config) -> str:
    """With Pagefind, the page's content as it should be indexed: inside an element naming
    its index (pages without one are left out), with excluded sections inside
    ``data-pagefind-ignore``."""
    index = index_of(page) if backend(config) == "pagefind" else None
    if index is None:
        return html
    parts, position, ignoring = [], 0, None  # ignoring: level of the excluded heading, if in one
    for match in _HEADING.finditer(html):
        level = int(match.group(1))
        if ignoring is not None and level <= ignoring:
            parts.append(html[position:match.start()] + "</div>")
            position, ignoring = match.start(), None
        if ignoring is None and "data-search-exclude" in match.group():
            parts.append(html[position:match.start()] + '<div data-pagefind-ignore="all">')
            position, ignoring = match.start(), level
    parts.append(html[position:] + ("</div>" if ignoring is not None else ""))
    return f'<div data-pagefind-index="{index}">{"".join(parts)}</div>'


def lunr_view(html: str, page: Page, config) -> str | None:
    """What Material's search plugin (lunr) is given to index of ``page``: its content
    without the parts it would only parse to leave out (the sentences that entity pages
    repeat, the map, the graphs), which were a third of its work; the index is the same.
    None when lunr does not index the page or nothing is left out."""
    if backend(config) != "lunr" or index_of(page) is None:
        return None
    view = _EXCLUDED.sub("", html)
    return None if len(view) == len(html) else view


def keep_index_whole(config, pages: Sequence[str], built: Collection[str]) -> None:
    """In a dirty rebuild (``mkdocs serve --dirty``), give lunr the index a full build gives.

    MkDocs rebuilds only the pages whose Markdown changed, so Material's search plugin has
    entries for those pages only. Under ``mkdocs serve`` it merges them into the previous
    index by dropping the entries of the first page rebuilt, as if one page changed per
    rebuild; ``mkdocs build --dirty`` writes them alone. An edit under sources/ changes
    several pages (the article, the entities it mentions, the indexes). Here every page of
    ``pages`` (the URLs of the site's pages, in the order MkDocs builds them) takes its
    entries from this build when it is in ``built``, else from the previous index: the
    plugin's, or the one on disk. A page that is gone has none. Call it before Material's
    search plugin writes the index.
    """
    plugin = config.plugins.get("material/search")
    if plugin is None or not plugin.config.enabled or not getattr(plugin, "is_dirty", False):
        return  # not lunr, or a full build: the index holds every page already
    if plugin.search_index_prev is not None:
        before = plugin.search_index_prev.entries
    else:  # the first dirty build of this process: what the last build wrote, if any
        on_disk = Path(config.site_dir) / "search" / "search_index.json"
        before = json.loads(on_disk.read_text("utf-8"))["docs"] if on_disk.is_file() else []
    previous, fresh = defaultdict(list), defaultdict(list)
    for entries, by_page in ((before, previous), (plugin.search_index.entries, fresh)):
        for entry in entries:
            by_page[entry["location"].partition("#")[0]].append(entry)
    plugin.search_index.entries = [entry for url in pages
                                   for entry in (fresh if url in built else previous).get(url, ())]
    plugin.search_index_prev = None  # merged here: the plugin writes these entries as they are


def build_index(config, changed: bool = True) -> None:
    """With Pagefind, index the built site: each index of :data:`INDEXES` into its folder.

    ``changed``: False when this build wrote no page (a dirty rebuild that found nothing
    to do), so the indexes on disk still hold.
    """
    if backend(config) != "pagefind" or not changed:
        return
    site = Path(config.site_dir)
    for index, folder in INDEXES.items():
        shutil.rmtree(site / folder, ignore_errors=True)
        if not _has_pages(site, index):  # Pagefind fails on an empty index; the page copes
            continue
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", folder, "--silent",
             "--root-selector", f"[data-pagefind-index={index}]",
             "--exclude-selectors", ".headerlink"],  # the permalink signs (¶)
            capture_output=True, text=True)
        if result.returncode != 0:
            raise PluginError(f"pagefind could not index {site} ({index}):\n{result.stderr or result.stdout}")


def _has_pages(site: Path, index: str) -> bool:
    marker = f'data-pagefind-index="{index}"'.encode()
    return any(marker in path.read_bytes() for path in site.rglob("*.html"))


_SEARCH_PAGE = """\
---
title: Search
search:
  exclude: true
---

# Search

Search every entity and article by any of its names (Iturup, Etorofu, Итуруп, 択捉島).

<form class="search-page" role="search" action="javascript:void(0);">
<input id="search-input" type="search" placeholder="Search" aria-label="Search the site" autocomplete="off" autofocus>
</form>
<div id="search-names-part">
<h2>Islands, people, treaties and meetings</h2>
<div id="search-names-summary"></div>
<div id="search-names"></div>
</div>
<h2 id="search-pages-heading">Articles and other pages</h2>
<div id="search-pages-summary"></div>
<div id="search-pages"></div>
<link rel="stylesheet" href="../pagefind/pagefind-modular-ui.css">
<script src="../pagefind/pagefind-modular-ui.js"></script>
<script>
(async () => {
  // The names first: a small index. The other pages are searched once a name shows,
  // so that their larger index is not loaded before the first result.
  const base = new URL("../", window.location.href).pathname;
  const ui = PagefindModularUI;
  const part = (bundle, summary, results) => {
    const instance = new ui.Instance({bundlePath: base + bundle + "/", baseUrl: base});
    instance.add(new ui.Summary({containerElement: summary}));
    instance.add(new ui.ResultList({containerElement: results}));
    return instance;
  };
  const pages = part("pagefind", "#search-pages-summary", "#search-pages");
  const found = await fetch(base + "pagefind-names/pagefind-entry.json", {method: "HEAD"}).catch(() => null);
  if (!found || !found.ok) {  // a site without entity pages
    document.getElementById("search-names-part").hidden = true;
    pages.add(new ui.Input({inputElement: "#search-input"}));
    return;
  }
  const names = part("pagefind-names", "#search-names-summary", "#search-names");
  names.add(new ui.Input({inputElement: "#search-input"}));
  const list = document.getElementById("search-names");
  names.on("results", (found) => {
    const term = names.searchTerm;
    let done = false;
    const then = () => { if (!done && names.searchTerm === term) { done = true; pages.triggerSearch(term); } };
    if (!found || !found.results || !found.results.length || list.querySelector("a")) return then();
    const watch = new MutationObserver(() => { if (list.querySelector("a")) { watch.disconnect(); then(); } });
    watch.observe(list, {childList: true, subtree: true});
    setTimeout(() => { watch.disconnect(); then(); }, 2000);
  });
})();
</script>
"""
