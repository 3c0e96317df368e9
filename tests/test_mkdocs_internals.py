"""The parts of MkDocs (and of watchdog, its watcher) that are not its public interface, and
that generator/watching.py, the one module using them, relies on. A release that renames or
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
