"""Benchmark the generator on a synthetic corpus, next to a copy floor.

    python benchmarks/run.py --articles 1000 --entities 200 [--seed 1] [--jobs 1] [--site [--search lunr|pagefind]] [--json]

The corpus (deterministic for a seed) has multi-word names, diacritics, possessives,
overlapping aliases, capture boilerplate, publication dates and reprints, and is shaped like
the seed articles (benchmarks/shape.py): as many words, sentences, mentions and dated
statements per article, and unrelated articles share few word 5-grams. The generator runs in a
subprocess (``python -m generator build``) so its peak memory can be read: first with an
empty cache (a full run), then again with nothing changed, then after one article gained a
sentence (which renders every page: a first build records nothing for reuse), and after a
second one did (which renders only the pages that read it). The copy floor is a plain
script, also a subprocess, that reads the same sources and writes the same number of files
and bytes into the same file system (the fastest of three runs). ``--site`` also times ``mkdocs build`` of the generated pages with the
``--search`` backend (``mkdocs_s``: the generator's hook finds nothing to do), the whole
build as a user runs it from a checkout (``site_s``: ``mkdocs build`` with the hook, no
generated page and no cache yet), and the engine's floor in the same run
(``mkdocs_floor_s``: the same article texts as plain pages, the same theme, plugins and
extensions, a one-entry nav, no hook), with their ratio (``site_to_floor``); then the first
search in Chromium (benchmarks/search.py). With
``--json``, the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from generator.output import owned_files  # noqa: E402
from search import first_search  # noqa: E402
FIRST = ["Sergey", "Taro", "Shinzo", "Yuri", "Mikhail", "Fumio", "Dmitry", "Yōko", "Kōichi", "Andrei", "Masahiro",
         "Olga", "Ryūji", "Hiroshi", "Natalya", "Kenji", "Pavel", "Akiko", "Igor", "Shūji"]
LAST = ["Lavrov", "Kono", "Abe", "Ushakov", "Galuzin", "Kishida", "Medvedev", "Kamikawa", "Matsuno", "Rudenko",
        "Nakamura", "Sato", "Ivanov", "Suzuki", "Petrov", "Tanaka", "Kozlov", "Watanabe", "Sokolov", "Yamamoto"]
PLACES = ["Iturup", "Kunashir", "Shikotan", "Habomai", "Paramushir", "Simushir", "Urup", "Onekotan", "Shumshu",
          "Matua", "Rasshua", "Ketoy", "Chirpoy", "Brat Chirpoyev", "Ekarma", "Kharimkotan", "Makanrushi"]
DOCUMENTS = ["Joint Declaration", "Peace Treaty", "Security Treaty", "Memorandum", "Agreement", "Protocol",
             "Charter", "Convention"]
MEETINGS = ["Summit", "Conference", "Talks", "Forum", "Meeting"]
CITIES = ["Moscow", "Tokyo", "Sapporo", "Vladivostok", "Yuzhno-Sakhalinsk", "Osaka", "Singapore", "Munich"]
# Sentences are put together from these pools, so that two unrelated articles share few word
# 5-grams (as real reports do: 0.2% at the median between the seed articles, see
# benchmarks/shape.py), and a sentence mentions an entity and dates something about as often
# as in the seeds. No pool word is an alias, a month, a weekday or a relative date.
SUBJECTS = ["The foreign ministry", "A government spokesman", "The delegation", "Officials in {city}",
            "The prime minister's office", "Local residents", "A senior diplomat", "Analysts in {city}",
            "The defence ministry", "Opposition lawmakers", "The fisheries agency", "Regional authorities"]
VERBS = ["said", "stressed", "told reporters", "noted", "argued", "repeated", "warned", "confirmed",
         "suggested", "insisted", "announced", "denied"]
ADJECTIVES = ["economic", "joint", "military", "territorial", "visa-free", "humanitarian", "bilateral",
              "legal", "historical", "commercial", "diplomatic", "new", "long-standing", "disputed", "coastal",
              "strategic", "former", "cultural", "environmental", "practical"]
NOUNS = ["cooperation", "activity", "sovereignty", "negotiations", "deployment", "fishing rights", "exchanges",
         "investment", "position", "framework", "proposal", "claim", "border", "settlement", "infrastructure",
         "agreement", "dialogue", "visits", "quotas", "projects", "patrols", "residents", "ferries", "airport",
         "harbour", "garrison", "development", "tourism", "sanctions", "compensation"]
LINKS = ["would depend on", "could not be separated from", "remained tied to", "was discussed alongside",
         "should come before", "had been linked to", "was raised together with", "must not undermine",
         "would be reviewed with", "was not a condition for"]
ENDINGS = ["in the coming talks", "on the islands", "near the strait", "in the region", "for both sides",
           "under the current rules", "without preconditions", "at the working level", "in the long run",
           "as a first step", "after the consultations", "within the existing framework"]
DATES = ["on {weekday}", "last month", "last week", "last year", "in {year}", "in {month} {year}",
         "on {day} {month} {year}", "{count} years ago", "yesterday", "earlier today", "in {month}"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SEED_SHAPE = {"words": 395.6, "sentences": 17.4, "mentions": 22.6, "dated": 3.8}
"""Per article, in the five seed articles (benchmarks/shape.py on sources/ as they came)."""
DATED = 0.22
"""Share of sentences that date something (the seeds: 3.8 of 17.4)."""
NAMED_SUBJECT, NAMED_OBJECT = 0.5, 0.8
"""Shares of sentences whose subject, and whose object, is an entity (the seeds: 1.3 mentions
a sentence)."""
REPRINTED = 0.05
"""Share of articles that are another outlet's lightly edited copy of an earlier one."""
BOILERPLATE = ["Listen Live", "Get short URL", "0 112", "Subscribe", "Share", "READ MORE: Another story - Agency",
               "Community standardsDiscussion", "peace treaty, meeting, Japan, Russia, Kuril Islands"]


def synthesise(folder: Path, articles: int, entities: int, seed: int) -> None:
    """Write a sources tree of ``articles`` articles and ``entities`` entities."""
    rng = random.Random(seed)
    sources = folder / "sources"
    (sources / "entities").mkdir(parents=True)
    (sources / "articles").mkdir()
    (sources / "outlets.yml").write_text(
        "".join(f"- id: outlet-{n}\n  name: Outlet {n}\n  country: Country {n}\n  kind: private\n  type: news agency\n"
                for n in range(20)), "utf-8")
    kinds = {"treaties": [], "islands": [], "people": [], "meetings": []}
    names: list[str] = []
    for n in range(entities):
        kind = ("people", "islands", "treaties", "meetings")[n % 4]
        i = n // 4  # index within the kind: names stay unique, aliases overlap only within an entity
        if kind == "people":
            last = LAST[i % len(LAST)] + ("" if i < len(LAST) * len(FIRST) else f"-{i}")
            first = FIRST[(i // len(LAST)) % len(FIRST)]
            name = f"{first} {last}"
            aliases = [f"{last} {first}"] + ([last] if i < len(LAST) else [])
        elif kind == "islands":
            name = PLACES[i % len(PLACES)] + ("" if i < len(PLACES) else f" {i}")
            aliases = [f"{name} Island"]
        elif kind == "treaties":
            document = DOCUMENTS[i % len(DOCUMENTS)]
            name, aliases = f"{document} of {1850 + i}", [f"{1850 + i} {document}"]
        else:
            name, aliases = f"{CITIES[i % len(CITIES)]} {MEETINGS[i % len(MEETINGS)]} {2000 + i}", []
        entity_id = f"e{n}"
        fields = '  date: "2019-01-14"\n' if kind == "meetings" else ""
        kinds[kind].append(f"- id: {entity_id}\n  name: {json.dumps(name, ensure_ascii=False)}\n"
                           f"  aliases: {json.dumps(aliases, ensure_ascii=False)}\n"
                           f"{fields}  summary: [A synthetic entity.]\n")
        names.append(name)
        names.extend(aliases)
    for kind, items in kinds.items():
        (sources / "entities" / f"{kind}.yml").write_text("".join(items) or "[]\n", "utf-8")
    bodies: list[list[str]] = []
    for n in range(articles):
        day = f"20{10 + n % 14}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        if bodies and rng.random() < REPRINTED:  # new page furniture and headline, the last paragraph cut
            paragraphs = [p.replace(" said", " told the agency", 1) for p in rng.choice(bodies)[:-1]]
        else:
            paragraphs = [" ".join(_sentence(rng, names) for _ in range(rng.randint(1, 3)))
                          for _ in range(rng.randint(6, 12))]
        bodies.append(paragraphs)
        header = "\n".join(rng.sample(BOILERPLATE, 3))
        body = f"{header}\n\nHeadline number {n} about the islands\n\n" + "\n\n".join(paragraphs) + "\n\nRead more\n"
        (sources / "articles" / f"a{n}.md").write_text(
            f'---\nid: a{n}\ntitle: Headline number {n} about the islands\noutlet: outlet-{n % 20}\n'
            f'published: "{day}"\n---\n{body}', "utf-8")


def _sentence(rng: random.Random, names: list[str]) -> str:
    """One sentence of a synthetic report: who said what, about which entity, maybe when."""
    subject = rng.choice(names) if rng.random() < NAMED_SUBJECT else rng.choice(SUBJECTS).format(
        city=rng.choice(CITIES))
    words = [subject, rng.choice(VERBS), "that the", rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(LINKS),
             "the", rng.choice(ADJECTIVES), rng.choice(NOUNS)]
    if rng.random() < NAMED_OBJECT:
        words.append(rng.choice(["of {}", "and {}’s {}", "and {}'s {}"]).format(rng.choice(names), rng.choice(NOUNS)))
    words.append(rng.choice(ENDINGS))
    if rng.random() < DATED:
        words.append(rng.choice(DATES).format(
            weekday=rng.choice(WEEKDAYS), year=rng.randint(1945, 2009), month=rng.choice(MONTH_NAMES),
            day=rng.randint(1, 28), count=rng.randint(2, 60)))
    return " ".join(words) + "."


COPY_FLOOR = textwrap.dedent("""
    import sys
    from pathlib import Path
    sources, out, sizes = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]).read_text().split()
    data = b"".join(p.read_bytes() for p in sorted(sources.rglob("*")) if p.is_file())
    out.mkdir()
    for n, size in enumerate(map(int, sizes)):
        folder = out / str(n // 1000)
        folder.mkdir(exist_ok=True)
        (folder / f"{n}.md").write_bytes((data * (size // max(1, len(data)) + 1))[:size])
""")


FLOOR_RUNS = 3
"""The copy floor is a lower bound, so the fastest of this many runs is taken: on this kind of
machine one run of it can take several times as long as another (0.16 s to 1.16 s at 1,000)."""


@dataclass(frozen=True)
class Run:
    """One timed command."""

    wall_s: float
    cpu_s: float
    """User and system time of the command and its worker processes: what the work costs the
    processor, which varies less between runs than wall time."""
    peak_mb: float
    """Peak RSS of the command or of its largest worker."""
    output: str


def timed(command: list[str], **options) -> Run:
    """Run ``command`` and time it.

    Written data still in memory is flushed to disk first, so that a command does not pay
    for the writes of the one before it (the copy floor runs right after the generator)."""
    os.sync()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)
    output = process.stdout.read().decode()  # small: one summary line
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-3000:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def site_project(work: Path, search: str, root: Path = ROOT) -> dict[str, str]:
    """Make ``work`` (with the synthetic ``sources/``) a project MkDocs can build: the
    configuration of the project in ``root`` with the ``search`` backend, and its
    hand-written pages beside the generated ones. Returns the environment for ``mkdocs``
    there: the hook (``root``'s) reads the synthetic sources and keeps its cache in ``work``."""
    config = (root / "mkdocs.yml").read_text()
    config = config.replace("  - generator/hooks.py\n", f"  - {root / 'generator' / 'hooks.py'}\n")
    config = config.replace("search_backend: lunr", f"search_backend: {search}")
    (work / "mkdocs.yml").write_text(config)
    generated = owned_files(root / "docs")
    for path in (root / "docs").rglob("*"):
        relative = path.relative_to(root / "docs").as_posix()
        if path.is_file() and relative not in generated and not relative.startswith("."):
            (work / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, work / "docs" / relative)
    return {**os.environ, "PYTHONPATH": str(root), "NO_MKDOCS_2_WARNING": "1",
            "GENERATOR_SOURCES": str(work / "sources"), "GENERATOR_CACHE": str(work / "cache")}


def floor_project(work: Path, search: str) -> Path:
    """The engine's floor for the corpus in ``work``: a project that builds each article's
    text as a plain page, with the site's theme, plugins, extensions and assets, a one-entry
    nav and no hook (what MkDocs and Material cost for this much text). Returns its folder."""
    floor = work / "engine-floor"
    docs = floor / "docs"
    (docs / "articles").mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    for path in sorted((work / "sources" / "articles").glob("*.md")):
        text = path.read_text("utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        (docs / "articles" / path.name).write_text(f"# {path.stem}\n\n{body}", "utf-8")
    (docs / "index.md").write_text("# The engine's floor\n\nEvery article as a plain page.\n", "utf-8")
    config = (ROOT / "mkdocs.yml").read_text()
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"\nnav:\n(  .*\n|\s*#.*\n)+", "\nnav:\n  - Home: index.md\n", config)
    config = config.replace("search_backend: lunr", f"search_backend: {search}")
    (floor / "mkdocs.yml").write_text(config)
    return floor


def written(output: str) -> int:
    """Files written, from the generator's summary line."""
    return int(re.search(r"\((\d+) written", output).group(1))


def rendered(output: str) -> int:
    """Files rendered (not kept from the last run), from the generator's summary line."""
    return int(re.search(r"; (\d+) rendered\)", output).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--entities", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1, help="passed to the generator")
    parser.add_argument("--one-article", action=argparse.BooleanOptionalAction, default=True,
                        help="also time a run after one article changed (default: yes)")
    parser.add_argument("--site", action="store_true", help="also time mkdocs build of the generated pages")
    parser.add_argument("--search", choices=("lunr", "pagefind"), default="lunr",
                        help="the search backend of that build (its first search is measured in Chromium)")
    parser.add_argument("--json", action="store_true", help="end with one JSON object")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCHMARK_DIR")) as folder:
        work = Path(folder)
        synthesise(work, arguments.articles, arguments.entities, arguments.seed)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        generate = [sys.executable, "-m", "generator", "build", "--sources", str(work / "sources"),
                    "--out", str(work / "docs"), "--cache", str(work / "cache"), "--jobs", str(arguments.jobs)]
        full = timed(generate, env=env)
        generator_s = full.wall_s
        outputs = [p for p in (work / "docs").rglob("*") if p.is_file()]
        sizes = [p.stat().st_size for p in outputs]
        (work / "sizes").write_text(" ".join(map(str, sizes)))
        floors = []
        for _ in range(FLOOR_RUNS):
            shutil.rmtree(work / "floor", ignore_errors=True)
            floors.append(timed([sys.executable, "-c", COPY_FLOOR, str(work / "sources"), str(work / "floor"),
                                 str(work / "sizes")]).wall_s)
        floor_s = min(floors)
        rerun = timed(generate, env=env)
        if arguments.one_article:
            # The first edit after a first build renders every page (a first build records
            # nothing: generator/incremental/reuse.py); from the next edit on, pages are kept.
            changed = []
            for name in ("a1", "a2"):
                edited = work / "sources" / "articles" / f"{name}.md"
                edited.write_text(edited.read_text("utf-8") + "\nA closing sentence about Iturup, added later.\n",
                                  "utf-8")
                changed.append(timed(generate, env=env))
            one, next_one = changed
        result = {
            "articles": arguments.articles, "entities": arguments.entities, "seed": arguments.seed,
            "jobs": arguments.jobs,
            "generator_s": round(generator_s, 2), "copy_floor_s": round(floor_s, 2),
            "copy_floor_runs_s": [round(f, 2) for f in floors],
            "ratio_to_floor": round(generator_s / floor_s, 2), "generator_cpu_s": round(full.cpu_s, 2),
            "peak_rss_mb": round(full.peak_mb),
            "pages": sum(1 for p in outputs if p.suffix == ".md"), "files": len(outputs),
            "output_mb": round(sum(sizes) / 1e6, 1), "mb_per_s": round(sum(sizes) / 1e6 / generator_s, 1),
            "ms_per_article": round(1000 * generator_s / arguments.articles, 2),
            "rerun_s": round(rerun.wall_s, 2), "rerun_share": round(rerun.wall_s / generator_s, 3),
            "rerun_written": written(rerun.output),
        }
        if arguments.one_article:
            for key, run in (("one_article", one), ("next_article", next_one)):
                result.update({f"{key}_s": round(run.wall_s, 2), f"{key}_written": written(run.output),
                               f"{key}_rendered": rendered(run.output), f"{key}_peak_rss_mb": round(run.peak_mb)})
        if arguments.site:
            # The hook runs on the synthetic sources, where it finds nothing to do (the cache).
            site_env = site_project(work, arguments.search)
            mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-d"]
            site_s = timed([*mkdocs, str(work / "site")], cwd=work, env=site_env).wall_s
            # The whole build as a user runs it, from a checkout: no generated page, no cache.
            for path in sorted(owned_files(work / "docs")) + [".generated.json"]:
                (work / "docs" / path).unlink(missing_ok=True)
            shutil.rmtree(work / "cache")
            whole = timed([*mkdocs, str(work / "whole-site")], cwd=work, env=site_env)
            floor = floor_project(work, arguments.search)
            floor_s = timed([*mkdocs, str(floor / "site")], cwd=floor,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}).wall_s
            shutil.rmtree(floor)
            result["search"] = arguments.search
            result["mkdocs_s"] = round(site_s, 2)
            result["generator_share"] = round(generator_s / (generator_s + site_s), 3)
            result["site_s"] = round(whole.wall_s, 2)
            result["site_peak_rss_mb"] = round(whole.peak_mb)
            result["mkdocs_floor_s"] = round(floor_s, 2)
            result["site_to_floor"] = round(whole.wall_s / floor_s, 2)
            print(json.dumps(result, sort_keys=True), file=sys.stderr, flush=True)  # in case the browser fails
            found = first_search(work / "site", "Iturup Island")  # an alias of island e1
            result.update({f"search_{key}": value for key, value in found.items() if key not in ("backend", "query")})
    for key, value in result.items():
        print(f"{key:>16}: {value}")
    if arguments.json:
        print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
