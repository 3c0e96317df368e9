"""The parts of MkDocs (and of watchdog, its watcher) that are not its public interface, and
that generator/watching.py, generator/pagepool.py and generator/fastblocks.py rely on. A release that renames or
reshapes one of them fails here, by name, before any serve test times out."""

import inspect

import mkdocs
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingEmitter
from watchdog.utils import BaseThread

from generator import watching


def test_the_server_keeps_its_builder_its_observer_and_its_script_injection(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert server.builder is not None and callable(server.builder)
        assert list(inspect.signature(server._inject_js_into_html).parameters) == ["content", "epoch"]
        server.watch(str(tmp_path))
        emitters = list(server.observer.emitters)
        assert emitters and all(type(emitter) is PollingEmitter for emitter in emitters), mkdocs.__version__
    finally:
        server.server_close()


def test_the_polling_emitter_still_looks_in_queue_events_and_passes_on_in_queue_event():
    assert list(inspect.signature(PollingEmitter.queue_events).parameters) == ["self", "timeout"]
    assert list(inspect.signature(PollingEmitter.queue_event).parameters) == ["self", "event"]
    assert issubclass(watching._PollingBetweenBuilds, PollingEmitter)
    assert issubclass(PollingEmitter, BaseThread)
    assert isinstance(BaseThread.stopped_event, property)  # the emitter's stop signal


def test_the_serve_builder_reads_is_dirty_and_is_clean_from_its_closure():
    """watching.py makes a plain ``mkdocs serve``'s rebuilds dirty through the builder's
    ``is_dirty``, and leaves ``--clean`` alone through ``is_clean``."""
    from mkdocs.commands import serve

    builders = [code for code in serve.serve.__code__.co_consts
                if inspect.iscode(code) and code.co_name == "builder"]
    assert builders, mkdocs.__version__
    assert {"is_dirty", "is_clean"} <= set(builders[0].co_freevars), builders[0].co_freevars

    def closure(is_dirty, is_clean):
        def builder():
            return is_dirty, is_clean
        return builder

    assert watching._dirty_switch(closure(False, False)).cell_contents is False
    assert watching._dirty_switch(closure(True, False)) is None  # --dirty: already
    assert watching._dirty_switch(closure(False, True)) is None  # --clean: the user's choice


def test_pages_are_read_after_on_nav_through_methods_that_set_what_the_page_pool_sends():
    """generator/pagepool.py forks its workers in ``on_nav``, and makes a page take a worker's
    result through its ``read_source`` and ``render``, setting what ``render`` sets."""
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page

    from generator import pagepool

    source = inspect.getsource(build.build)
    assert source.index("on_nav(") < source.index("_populate_page(") < source.index("on_env("), mkdocs.__version__
    populate = inspect.getsource(build._populate_page)
    assert [populate.index(call) for call in ("on_pre_page(", "read_source(", "on_page_markdown(", ".render(",
                                              "on_page_content(")] == sorted(
        populate.index(call) for call in ("on_pre_page(", "read_source(", "on_page_markdown(", ".render(",
                                          "on_page_content("))
    assert list(inspect.signature(Page.read_source).parameters) == ["self", "config"]
    assert list(inspect.signature(Page.render).parameters) == ["self", "config", "files"]
    render = inspect.getsource(Page.render)
    for attribute in ("self.content", "self.toc", "self._title_from_render", "self.present_anchor_ids",
                      "self.links_to_anchors"):
        assert f"{attribute} =" in render, attribute
    assert {"markdown", "meta", "content", "toc", "title", "anchors", "links"} <= set(
        pagepool._Result.__dataclass_fields__)


def test_a_page_is_built_as_the_page_pool_builds_it_and_takes_its_nav_title_on_init():
    """generator/pagepool.py renders a page's template in a worker with the steps of
    ``_build_page``, in its order, and gives MkDocs the HTML through the environment that
    ``on_env`` returns; a page whose nav entry has a title holds it from the start."""
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page
    from mkdocs.utils import weak_property

    source = inspect.getsource(build._build_page)
    steps = ["get_context(nav, doc_files, config, page)", "env.get_template(page.meta.get('template', 'main.html'))",
             "config.plugins.on_page_context(", "template.render(context)", "config.plugins.on_post_page(",
             "utils.write_file("]
    assert [source.index(step) for step in steps] == sorted(source.index(step) for step in steps), mkdocs.__version__
    whole = inspect.getsource(build.build)
    assert whole.index("env = config.plugins.on_env(env") < whole.index("_build_page(") , mkdocs.__version__
    assert isinstance(Page.__dict__["title"], weak_property)
    assert "self.title = title" in inspect.getsource(Page.__init__)


def test_a_page_renders_with_treeprocessors_that_resolve_links_and_list_anchors(tmp_path):
    """generator/fastblocks.py resolves links with the ``relpath`` treeprocessor's
    ``path_to_url`` (for the page of its ``file``), and places ids in the tree for
    ``mkdocs_extract_anchors``, which runs between its two treeprocessors."""
    from markdown import Extension
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    seen = {}

    class Capture(Extension):
        def extendMarkdown(self, md):
            seen["md"] = md

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\n[b](b.md#x)\n")
    (tmp_path / "docs" / "b.md").write_text("# B\n")
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"),
                      "markdown_extensions": ["attr_list"]})
    errors, warnings = config.validate()
    assert not errors, errors
    config.markdown_extensions.append(Capture())
    files = Files([File(name, config.docs_dir, config.site_dir, True) for name in ("a.md", "b.md")])
    page = Page(None, files.get_file_from_path("a.md"), config)
    page.read_source(config)
    page.render(config, files)
    md = seen["md"]
    relpath = md.treeprocessors["relpath"]
    assert relpath.file is page.file, mkdocs.__version__
    assert relpath.path_to_url("b.md#y") == "../b/#y"
    assert files.get_file_from_path("b.md") in page.links_to_anchors
    assert relpath.links_to_anchors is page.links_to_anchors and relpath.files is files
    assert relpath.files.src_uris["b.md"] is files.get_file_from_path("b.md")
    anchors = md.treeprocessors["mkdocs_extract_anchors"]
    assert isinstance(anchors.present_anchor_ids, set)
    priorities = {item.name: item.priority for item in md.treeprocessors._priority}
    assert priorities["attr_list"] > 6 > priorities["mkdocs_extract_anchors"] == priorities["toc"] > 4, priorities


def test_material_search_indexes_a_page_in_on_page_context_through_its_search_index():
    """generator/pagepool.py renders a template before the page's turn with the search
    plugin's ``search_index`` swapped for one that keeps the page's entries apart (a shallow
    copy of the index with a list of its own), and in the page's turn swapped for one that
    adds those entries: the plugin indexes the page in ``on_page_context`` through it, and
    nothing else there feeds the index; the index is its ``entries``, appended to."""
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    source = inspect.getsource(SearchPlugin.on_page_context)
    assert "self.search_index.add_entry_from_context(page)" in source
    assert source.count("search_index") == 1
    assert "add_entry_from_context" in SearchIndex.__dict__
    assert "self.search_index = SearchIndex(" in inspect.getsource(SearchPlugin)
    assert "self.entries = []" in inspect.getsource(SearchIndex.__init__)
    assert "self.entries.append(entry)" in inspect.getsource(SearchIndex.create_entry_for_section)
    index = SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    assert set(vars(index)) == {"config", "entries"}
    assert "self.entries" in inspect.getsource(SearchIndex.generate_search_index)


def test_materials_nav_and_tabs_use_the_page_only_through_the_nav_and_relative_urls():
    """generator/pagepool.py renders Material's nav and tabs once for the pages outside the
    nav that see the same relative URLs of the nav's items, the home page and the logo.
    That holds while every use of the page, of ``url`` and of the base URL in those
    partials (and in the partials they take in) is one of these; a release that adds one
    fails here, to be looked at before the partials are rendered once again."""
    import re
    from pathlib import Path

    import material

    from generator import pagepool

    templates = Path(material.__file__).parent / "templates"
    uses, seen, queue = set(), set(), list(pagepool.SAME_OUTSIDE_THE_NAV)
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        for tag in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", (templates / name).read_text(), re.S):
            queue += [partial for partial in re.findall(r'(?:include|import) "(partials/[^"]+)"', tag)]
            if re.search(r"\bpage\b|\burl\b|base_url|\bbase\b", tag):
                uses.add(" ".join(tag.split()))
    assert seen == {"partials/nav.html", "partials/nav-item.html", "partials/logo.html", "partials/source.html",
                    "partials/toc.html", "partials/toc-item.html", "partials/tabs.html", "partials/tabs-item.html"}
    assert uses == {
        "{{ config.extra.homepage | d(nav.homepage.url, true) | url }}",
        "{{ config.theme.logo | url }}",
        "{{ first.url | url }}", "{{ index.url | url }}", "{{ nav_item.url | url }}",
        "{% if page in nav_item.pages %}", "{% set nav_item = page %}",
        '{% set class = "md-nav__link--active" if index == page %}', "{% elif nav_item == page %}",
        "{% set toc = page.toc %}", "{{ toc_item.url }}",  # (only where a nav item is the page)
    }, uses
