"""Measure how long an edit under sources/ takes to show in ``mkdocs serve``.

    python benchmarks/serve.py --articles 1000 --entities 200 [--dirty] [--jobs 1] [--edit add] [--json]

Synthesises the corpus of benchmarks/run.py, starts ``mkdocs serve`` on it, as the README
does (its rebuilds render only the pages whose Markdown changed: generator/watching.py;
``--dirty``: ``mkdocs serve --dirty``, the same since issue 22), and waits for the first
build. Then it appends a sentence naming the island ``Iturup`` to one article
(``--edit add``: adds an article, a copy of one with that sentence, which also changes the
home page) and reports how long until the served page of that island shows it, and until
the server is idle again (no build started for 10 s). Also the time of each build, from
MkDocs' log (which leaves out a time an earlier build took too). ``--jobs`` is passed to the generator (``GENERATOR_JOBS``; by default the hooks use every core). With ``--json``,
the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from run import site_project, synthesise

EDIT = "\nA closing sentence about Iturup, added later.\n"
PAGE = "islands/e1/"
"""The page of the island whose alias the edit names (``Iturup``, island e1)."""
QUIET_S = 10
"""The server is idle when no build started for this long after the last one ended."""


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(condition, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(0.1)
    raise SystemExit(f"timed out after {timeout_s} s waiting for {what}")


def _builds_ended(log: str) -> int:
    """Builds ended: the first, and one per "Reloading browsers" (MkDocs logs "Documentation
    built in 3.69 seconds" once only, when a later build takes as long)."""
    return 1 + log.count("Reloading browsers") if "Documentation built" in log else 0


def measure(work: Path, dirty: bool, jobs: int | None, timeout_s: float, edit: str = "append") -> dict:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**site_project(work, "lunr"), **({"GENERATOR_JOBS": str(jobs)} if jobs else {})}
    log_path = work / "serve.log"
    log = lambda: log_path.read_text("utf-8", errors="replace")  # noqa: E731
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])]
    with open(log_path, "w") as stream:
        start = time.monotonic()
        server = subprocess.Popen(command, cwd=work, env=env, stdout=stream, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/{PAGE}"
        ready = _wait(lambda: "Serving on" in log() and "Iturup" in _fetch(url), timeout_s, "the first build")
        first = _builds_ended(log())
        articles = work / "sources" / "articles"
        text = (articles / "a1.md").read_text("utf-8") + EDIT
        edited = time.monotonic()
        if edit == "add":
            (articles / "added.md").write_text(text.replace("id: a1\n", "id: added\n", 1), "utf-8")
        else:
            (articles / "a1.md").write_text(text, "utf-8")
        shown = _wait(lambda: "added later" in _fetch(url), timeout_s, "the edit to show")

        last = {"count": -1, "at": 0.0}  # builds ended, and when that count was first seen

        def settled() -> bool:
            text = log()
            count = _builds_ended(text)
            if count != last["count"]:
                last.update(count=count, at=time.monotonic())
            return text.count("Building documentation") == count and time.monotonic() - last["at"] > QUIET_S
        _wait(settled, timeout_s, "the rebuilds to settle")
        ended = _builds_ended(log())
        builds = [float(s) for s in re.findall(r"Documentation built in ([\d.]+) seconds", log())]
    finally:
        server.terminate()
        server.wait(timeout=60)
    if "ERROR" in log() or "Aborted" in log():
        raise SystemExit(f"mkdocs serve reported a problem:\n{log()[-3000:]}")
    return {
        "first_build_s": round(ready - start, 2),
        "edit_shown_s": round(shown - edited, 2),
        "edit_settled_s": round(last["at"] - edited, 2),
        "builds_s": builds,
        "builds_after_edit": ended - first,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--entities", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dirty", action="store_true", help="mkdocs serve --dirty")
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes for the generator (GENERATOR_JOBS; default: the hooks' own, every core)")
    parser.add_argument("--edit", choices=("append", "add"), default="append",
                        help="append a sentence to an article, or add an article")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait for each step")
    parser.add_argument("--json", action="store_true", help="end with one JSON object")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        synthesise(work, arguments.articles, arguments.entities, arguments.seed)
        result = {"articles": arguments.articles, "entities": arguments.entities, "dirty": arguments.dirty,
                  "jobs": arguments.jobs, "edit": arguments.edit,
                  **measure(work, arguments.dirty, arguments.jobs, arguments.timeout, arguments.edit)}
    for key, value in result.items():
        print(f"{key:>18}: {value}")
    if arguments.json:
        print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
