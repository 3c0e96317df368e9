"""The site's search backend, chosen in ``mkdocs.yml``::

    extra:
      search_backend: lunr       # or: pagefind

- ``lunr`` (the default) is Material's built-in search: one index, which every reader
  downloads whole before the first result. Right for a site of a few thousand pages.
- ``pagefind`` splits the index into chunks and fetches only those a query needs, so the
  first result costs tens of kilobytes however large the site. The ``pagefind`` binary
  (from PyPI, run offline) indexes the built HTML after ``mkdocs build``; the site gets a
  Search page (a tab) with Pagefind's own interface, served from the site itself.

Both index the same text. A page whose front matter says ``search: exclude: true`` is not
indexed, nor is a section whose heading carries ``data-search-exclude`` (the sentences that
entity pages repeat from the articles). Entity names and aliases weigh most: lunr through
the entity pages' ``search.boost``, Pagefind through ``data-pagefind-weight`` on the
heading and the aliases.
"""

from __future__ import annotations

import re
import subprocess
import sys

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

BACKENDS = ("lunr", "pagefind")
SEARCH_PAGE = "search.md"
_HEADING = re.compile(r"<h([1-6])\b[^>]*>")


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


def mark_for_indexing(html: str, page: Page, config) -> str:
    """With Pagefind, the page's content as it should be indexed: inside ``data-pagefind-body``
    (so pages without it are left out), with excluded sections inside ``data-pagefind-ignore``."""
    if backend(config) != "pagefind" or (page.meta.get("search") or {}).get("exclude"):
        return html
    if page.file.src_uri == SEARCH_PAGE:
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
    return f'<div data-pagefind-body>{"".join(parts)}</div>'


def build_index(config) -> None:
    """With Pagefind, index the built site (into ``site/pagefind/``)."""
    if backend(config) != "pagefind":
        return
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent",
                             "--exclude-selectors", ".headerlink"],  # the permalink signs (¶)
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"pagefind could not index {config.site_dir}:\n{result.stderr or result.stdout}")


_SEARCH_PAGE = """\
---
title: Search
search:
  exclude: true
---

# Search

Search every entity and article by any of its names (Iturup, Etorofu, Итуруп, 択捉島).

<div id="pagefind-search"></div>
<link rel="stylesheet" href="../pagefind/pagefind-ui.css">
<script src="../pagefind/pagefind-ui.js"></script>
<script>
new PagefindUI({
  element: "#pagefind-search",
  baseUrl: new URL("../", window.location.href).pathname,
  showSubResults: false,
  showImages: false,
  autofocus: true,
});
</script>
"""
