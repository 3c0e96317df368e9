"""``mkdocs serve`` regenerates on an edit under sources/, and does not rebuild in a loop."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_an_edit_under_sources_appears_and_the_rebuilds_settle(tmp_path):
    project = copy_project(tmp_path)
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        page = f"http://127.0.0.1:{port}/islands/iturup/"
        _wait(lambda: "The largest of the four" in _fetch(page), 60, "the first build")
        registry = project / "sources" / "entities" / "islands.yml"
        registry.write_text(registry.read_text().replace("The largest of the four", "The biggest of the four"))
        _wait(lambda: "The biggest of the four" in _fetch(page), 60, "the edit to appear")

        builds = lambda: log_path.read_text().count("Building documentation")  # noqa: E731
        time.sleep(5)
        settled = builds()
        time.sleep(5)
        assert builds() == settled, log_path.read_text()
        assert settled <= 3, log_path.read_text()  # first build, the edit, the generator's own writes
    finally:
        server.terminate()
        server.wait(timeout=20)
