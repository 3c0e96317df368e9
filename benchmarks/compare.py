"""Compare the generator of two commits on one synthetic corpus: time, CPU time, same output.

    python benchmarks/compare.py BASE [HEAD] [--articles 3000] [--entities 600] [--jobs 2] [--rounds 2]
                                 [--cache | --site] [--json]

On this kind of machine one run can take much longer than the next (see
docs/contributing/performance.md), so two versions measured on different days say little. This checks out each commit in a
temporary git worktree, runs their full builds (``build --no-cache``) one after the other,
``--rounds`` times, and reports each run's wall time and CPU time (workers included; CPU time
varies less). It also says whether the two commits wrote byte-identical output: a change made
for speed must not change a page. HEAD defaults to the commit checked out here.

With ``--site``, each run is instead the whole site build as a user runs it from a checkout
(``mkdocs build`` with the commit's hook, no generated page, no cache), and each round also
builds the engine's floor (``run.py``'s: the same article texts as plain pages), so that
both commits' builds can be read against the floor of the same moment. The built sites are
compared.

With ``--cache``, each full build starts with an empty cache folder (as ``run.py``'s full run
does), and is followed by a build after one article gained a sentence (``one_article``: it
renders every page, and records what each read), then by one after a second article did
(``next_article``: it renders only the pages whose reads changed). Their outputs are
compared too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from run import ROOT, floor_project, site_project, synthesise, timed


def output_digest(folder: Path) -> str:
    """One digest of every file under ``folder``, with its path."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def compare(base: str, head: str, articles: int, entities: int, jobs: int, rounds: int, cache: bool = False,
            site: bool = False) -> dict:
    """The runs of each commit, in the order they ran, and whether their outputs agree."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        synthesise(work, articles, entities, seed=1)
        trees: dict[str, Path] = {}
        try:
            for name, revision in (("base", base), ("head", head)):
                subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(work / name),
                                revision], check=True)
                trees[name] = work / name
            runs: dict[str, list[dict]] = {"base": [], "head": []}
            digests: dict[str, set[str]] = {"base": set(), "head": set()}
            sources_of = {name: _sources_for(tree, work) for name, tree in trees.items()}
            if site:
                floors = []
                for _ in range(rounds):
                    for name, tree in trees.items():
                        run, digest = _site_build(tree, work, name)
                        runs[name].append({"wall_s": round(run.wall_s, 2), "cpu_s": round(run.cpu_s, 2),
                                           "peak_mb": round(run.peak_mb)})
                        digests[name].add(digest)
                    floor = floor_project(work, "lunr")
                    floors.append(round(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(floor / "site")],
                                              cwd=floor, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}).wall_s, 2))
                    shutil.rmtree(floor)
                runs["floor_s"] = floors
            for _ in range(rounds if not site else 0):
                for name, tree in trees.items():
                    edited = [sources_of[name] / "articles" / f"{article}.md" for article in ("a1", "a2")]
                    originals = [path.read_text("utf-8") for path in edited]
                    out, cache_folder = work / f"out-{name}", work / f"cache-{name}"
                    shutil.rmtree(out, ignore_errors=True)
                    shutil.rmtree(cache_folder, ignore_errors=True)
                    command = [sys.executable, "-m", "generator", "build", "--sources", str(sources_of[name]),
                               "--out", str(out), "--jobs", str(jobs),
                               *(["--cache", str(cache_folder)] if cache else ["--no-cache"])]
                    env = {**os.environ, "PYTHONPATH": str(tree)}
                    run = timed(command, cwd=tree, env=env)
                    result = {"wall_s": round(run.wall_s, 2), "cpu_s": round(run.cpu_s, 2)}
                    digests[name].add(output_digest(out))
                    if cache:
                        try:
                            for key, path, original in zip(("one_article", "next_article"), edited, originals):
                                path.write_text(original + "\nA closing sentence about Iturup, added later.\n", "utf-8")
                                edit = timed(command, cwd=tree, env=env)
                                result.update({f"{key}_wall_s": round(edit.wall_s, 2),
                                               f"{key}_cpu_s": round(edit.cpu_s, 2)})
                                digests[name].add(f"{key}: " + output_digest(out))
                        finally:
                            for path, original in zip(edited, originals):
                                path.write_text(original, "utf-8")
                    runs[name].append(result)
        finally:
            for tree in trees.values():
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    return {"base": base, "head": head, "articles": articles, "entities": entities, "jobs": jobs, **runs,
            "same_output": digests["base"] == digests["head"] and len(digests["base"]) == 1 + 2 * cache}


def _site_build(tree: Path, work: Path, name: str):
    """The whole site built by the commit in ``tree`` from the corpus in ``work``, as a user
    builds it from a checkout; its run, and the digest of the site."""
    project = work / f"project-{name}"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    env = site_project(project, "lunr", root=tree)
    env["GENERATOR_SOURCES"] = str(work / "sources")
    run = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")], cwd=project, env=env)
    return run, output_digest(project / "site")


def _sources_for(tree: Path, work: Path) -> Path:
    """The corpus for the generator of ``tree``: as made, or, for a commit from before outlets
    had a ``kind`` (which it would refuse as an unknown key), a copy without it."""
    if "OUTLET_KINDS" in (tree / "generator" / "registry.py").read_text("utf-8"):
        return work / "sources"
    older = work / "sources-before-outlet-kinds"
    if not older.exists():
        shutil.copytree(work / "sources", older)
        outlets = older / "outlets.yml"
        outlets.write_text("".join(line for line in outlets.read_text("utf-8").splitlines(keepends=True)
                                   if not line.startswith("  kind: ")), "utf-8")
    return older


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the commit to compare against (a hash, a branch, HEAD~1)")
    parser.add_argument("head", nargs="?", default="HEAD", help="the commit to measure (default: HEAD)")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--entities", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=2, help="passed to the generator")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each commit, taking turns")
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--cache", action="store_true",
                       help="build with an empty cache, then again after one article changed, and another")
    modes.add_argument("--site", action="store_true",
                       help="time the whole site build (mkdocs build with the hook), and the engine's floor")
    parser.add_argument("--json", action="store_true", help="end with one JSON object")
    arguments = parser.parse_args()
    try:
        result = compare(arguments.base, arguments.head, arguments.articles, arguments.entities, arguments.jobs,
                         arguments.rounds, arguments.cache, arguments.site)
    except subprocess.CalledProcessError as error:  # git said why above
        raise SystemExit(f"could not check out {error.cmd[-1]!r}: a commit of this repository was expected")
    for name in ("base", "head"):
        walls = ", ".join(f"{r['wall_s']} s" for r in result[name])
        cpus = ", ".join(f"{r['cpu_s']} s" for r in result[name])
        print(f"{name} {getattr(arguments, name)}: wall {walls}; CPU {cpus}")
        if arguments.cache:
            for key, label in (("one_article", "one article changed"), ("next_article", "then another")):
                edits = ", ".join(f"{r[f'{key}_wall_s']} s (CPU {r[f'{key}_cpu_s']} s)" for r in result[name])
                print(f"  {label}: {edits}")
    if arguments.site:
        print(f"engine's floor: {', '.join(f'{s} s' for s in result['floor_s'])}")
    print("output: byte-identical" if result["same_output"] else "output: DIFFERENT")
    if arguments.json:
        print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
