"""Command line: ``python -m generator check|build [--sources DIR] [--out DIR]``, ``schemas``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import DEFAULT_OUT, DEFAULT_SOURCES, build, check, flags_of
from .jsonschemas import write_schemas
from .problems import InputError, display_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Generate the reference site's pages from sources/.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", help="validate every source and registry file; write nothing")
    build_command = commands.add_parser("build", help="check, then generate the pages and data files")
    commands.add_parser("schemas", help="write the JSON Schemas of the source files (for editors)")
    for command in (check_command, build_command):
        command.add_argument("--sources", type=Path, default=DEFAULT_SOURCES,
                             help=f"the sources folder (default: {display_path(DEFAULT_SOURCES)})")
    build_command.add_argument("--out", type=Path, default=DEFAULT_OUT,
                               help=f"where to write (default: {display_path(DEFAULT_OUT)}); "
                                    "files the generator did not write are never touched")
    arguments = parser.parse_args(argv)
    if arguments.command == "schemas":
        for path in write_schemas():
            print(f"wrote {display_path(path)}")
        return 0

    try:
        if arguments.command == "check":
            model = check(arguments.sources)
            print(f"ok: {_count(len(model.articles), 'article')}, "
                  f"{_count(len(model.registry.entities), 'entity', 'entities')}, "
                  f"{_count(len(model.events), 'dated statement')}, "
                  f"{_count(len(model.disagreements), 'disagreement')}: no problems")
            flags = flags_of(model)
        else:
            report = build(arguments.sources, arguments.out)
            files = report.files
            print(f"{_count(report.articles, 'article')}, {_count(report.entities, 'entity', 'entities')} -> "
                  f"{_count(files.total, 'file')} in {display_path(arguments.out)} ({files.written} written, "
                  f"{files.unchanged} unchanged, {files.deleted} deleted)")
            flags = report.flags
    except InputError as error:
        written = "nothing was written" if arguments.command == "build" else "fix them and run again"
        print(f"error: {_count(len(error.problems), 'problem')} in the sources; {written}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    for flag in flags:
        print(f"flag: {flag}")
    return 0


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"
