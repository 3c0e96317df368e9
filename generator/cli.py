"""Command line: ``python -m generator build [--sources DIR] [--out DIR]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import DEFAULT_OUT, DEFAULT_SOURCES, build
from .problems import InputError, display_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Generate the reference site's pages from sources/.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="generate the pages and data files")
    build_command.add_argument("--sources", type=Path, default=DEFAULT_SOURCES,
                               help=f"the sources folder (default: {display_path(DEFAULT_SOURCES)})")
    build_command.add_argument("--out", type=Path, default=DEFAULT_OUT,
                               help=f"where to write (default: {display_path(DEFAULT_OUT)}); "
                                    "files the generator did not write are never touched")
    arguments = parser.parse_args(argv)

    try:
        report = build(arguments.sources, arguments.out)
    except InputError as error:
        print(f"error: {_count(len(error.problems), 'problem')} in the sources; nothing was written",
              file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    files = report.files
    print(f"{_count(report.articles, 'article')}, {_count(report.entities, 'entity', 'entities')} -> "
          f"{_count(files.total, 'file')} in "
          f"{display_path(arguments.out)} ({files.written} written, {files.unchanged} unchanged, "
          f"{files.deleted} deleted)")
    for flag in report.flags:
        print(f"flag: {flag}")
    return 0


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"
