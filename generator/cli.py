"""Command line: ``python -m generator check|build|suggest [--sources DIR]``, ``build --out DIR``,
``suggest --json``, ``compare BASE [--sources DIR]``, ``explain PATH [--out DIR]``, ``schemas``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .build import DEFAULT_CACHE, DEFAULT_OUT, DEFAULT_SOURCES, build, check, flags_of
from .compare import compare
from .incremental import Cache, explain
from .jsonschemas import write_schemas
from .problems import InputError, display_path
from .suggestions import find_suggestions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Generate the reference site's pages from sources/.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", help="validate every source and registry file; write nothing")
    build_command = commands.add_parser("build", help="check, then generate the pages and data files")
    commands.add_parser("schemas", help="write the JSON Schemas of the source files (for editors)")
    compare_command = commands.add_parser(
        "compare", help="what a change to the sources does to the site (Markdown, for CI summaries)")
    compare_command.add_argument("base", type=Path, help="the sources folder before the change")
    compare_command.add_argument("--sources", type=Path, default=DEFAULT_SOURCES,
                                 help=f"the sources folder after it (default: {display_path(DEFAULT_SOURCES)})")
    suggest_command = commands.add_parser(
        "suggest", help="names no entity covers, and spellings that look like a known entity")
    suggest_command.add_argument("--json", action="store_true", help="one JSON object, for tools")
    suggest_command.add_argument("--limit", type=int, default=None,
                                 help="names listed at most (default: 50 as text, all as JSON)")
    explain_command = commands.add_parser(
        "explain", help="why the last build made a generated file again or kept it, and what it depends on")
    explain_command.add_argument("path", type=Path, help="a generated file (docs/islands/iturup.md)")
    explain_command.add_argument("--out", type=Path, default=DEFAULT_OUT,
                                 help=f"the folder the build wrote (default: {display_path(DEFAULT_OUT)})")
    explain_command.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                                 help=f"the build's cache (default: {display_path(DEFAULT_CACHE)})")
    for command in (check_command, build_command, suggest_command, explain_command):
        command.add_argument("--sources", type=Path, default=DEFAULT_SOURCES,
                             help=f"the sources folder (default: {display_path(DEFAULT_SOURCES)})")
    build_command.add_argument("--out", type=Path, default=DEFAULT_OUT,
                               help=f"where to write (default: {display_path(DEFAULT_OUT)}); "
                                    "files the generator did not write are never touched")
    check_command.add_argument("--docs", type=Path, default=DEFAULT_OUT,
                               help=f"the hand-written pages to check too (default: {display_path(DEFAULT_OUT)})")
    for command in (check_command, build_command):
        command.add_argument("--jobs", type=_positive, default=1, metavar="N",
                             help="processes for the per-article work (default: 1); the output is the same")
        command.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                             help="where to keep work between runs (default: "
                                  f"{display_path(DEFAULT_CACHE)}); deleting it is always safe")
        command.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    arguments = parser.parse_args(argv)
    if arguments.command == "schemas":
        for path in write_schemas():
            print(f"wrote {display_path(path)}")
        return 0

    if arguments.command == "explain":
        text, code = explain(arguments.path, arguments.out, Cache(arguments.cache), arguments.sources)
        print(text, file=sys.stdout if code == 0 else sys.stderr)
        return code

    try:
        if arguments.command == "compare":
            print(compare(arguments.base, arguments.sources), end="")
            return 0
        if arguments.command == "suggest":
            uncovered, variants = find_suggestions(check(arguments.sources))
            print(_suggestions_json(uncovered, variants, arguments.limit) if arguments.json
                  else _suggestions_text(uncovered, variants, 50 if arguments.limit is None else arguments.limit))
            return 0
        if arguments.command == "check":
            model = check(arguments.sources, arguments.docs, jobs=arguments.jobs, cache=_cache(arguments))
            print(f"ok: {_count(len(model.articles), 'article')}, "
                  f"{_count(len(model.registry.entities), 'entity', 'entities')}, "
                  f"{_count(len(model.events), 'dated statement')}, "
                  f"{_count(len(model.disagreements), 'disagreement')}: no problems")
            flags = flags_of(model)
        else:
            report = build(arguments.sources, arguments.out, jobs=arguments.jobs, cache=_cache(arguments))
            files = report.files
            print(f"{_count(report.articles, 'article')}, {_count(report.entities, 'entity', 'entities')} -> "
                  f"{_count(files.total, 'file')} in {display_path(arguments.out)} ({files.written} written, "
                  f"{files.unchanged} unchanged, {files.deleted} deleted; {report.rendered} rendered)")
            flags = report.flags
    except InputError as error:
        written = "nothing was written" if arguments.command == "build" else "fix them and run again"
        print(f"error: {error.summary()}; {written}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    for flag in flags:
        print(f"flag: {flag}")
    return 0


def _cache(arguments) -> Cache | None:
    return None if arguments.no_cache else Cache(arguments.cache)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more; found '{text}'")
    return int(text)


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _suggestions_text(uncovered, variants, limit: int) -> str:
    lines = ["Spellings that look like a known entity (add them as aliases, or fix the entity):"]
    for s in variants[:limit]:
        lines.append(f"  {s.name}  ->  {s.entity} (registered: {s.alias}); {_count(s.count, 'time')} in "
                     f"{_count(len(s.articles), 'article')}, e.g. {s.article}: {_excerpt(s)}")
    if not variants:
        lines.append("  none")
    lines.append("")
    names, countries = _without_countries(uncovered)
    lines.append(f"Names that no entity covers, people, meetings, documents and places first, the most "
                 f"frequent first in each kind ({min(limit, len(names))} of {len(names)}):")
    for s in names[:limit]:
        lines.append(f"  {s.count:>4}  {s.name} [{s.guess}]; {_count(len(s.articles), 'article')}, e.g. "
                     f"{s.article}: {_excerpt(s)}")
    if not names:
        lines.append("  none")
    lines.append("")
    lines.append(f"Countries and nationalities, which the site does not list as entities ({len(countries)}):")
    lines.append("  " + (", ".join(f"{s.name} ({s.count})" for s in countries) or "none"))
    return "\n".join(lines)


def _without_countries(uncovered) -> tuple[list, list]:
    """The names, and the countries and nationalities (listed apart: rarely what is looked for)."""
    return [s for s in uncovered if s.guess != "country"], [s for s in uncovered if s.guess == "country"]


def _suggestions_json(uncovered, variants, limit: int | None) -> str:
    def record(s):
        data = {"name": s.name, "count": s.count, "articles": list(s.articles), "guess": s.guess,
                "example": {"article": s.article, "sentence": s.sentence}}
        if s.entity:
            data.update(entity=s.entity, alias=s.alias)
        return data
    names, countries = _without_countries(uncovered)
    return json.dumps({"variants": [record(s) for s in variants[:limit]],
                       "uncovered": [record(s) for s in names[:limit]],
                       "countries": [record(s) for s in countries[:limit]]}, ensure_ascii=False, sort_keys=True)


def _excerpt(suggestion, width: int = 100) -> str:
    """The example sentence, cut to about ``width`` characters around the name."""
    sentence = suggestion.sentence
    if len(sentence) <= width:
        return f"“{sentence}”"
    at = max(0, sentence.find(suggestion.name))
    start = max(0, min(at - width // 3, len(sentence) - width))
    if start:  # begin and end on word boundaries
        start = sentence.find(" ", start) + 1 or start
    end = start + width
    if end < len(sentence):
        end = sentence.rfind(" ", start, end) if " " in sentence[start:end] else end
    return ("“" + ("…" if start else "") + sentence[start:end].strip()
            + ("…" if end < len(sentence) else "") + "”")
