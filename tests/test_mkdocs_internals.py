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
