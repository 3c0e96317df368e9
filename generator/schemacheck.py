"""Validate a source file's data against its committed JSON Schema (``generator/schemas/``).

``check`` first validates with the registry's declarations (which give precise messages and
cross-file checks); the schemas, generated from the same declarations, are then applied to
every file that passed, as a net: a violation there means the two have drifted apart, and
is reported like any other problem, with file and line.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema

from .problems import Problem
from .yamlfile import YamlList, YamlMap

FOLDER = Path(__file__).parent / "schemas"


@lru_cache(maxsize=None)
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((FOLDER / name).read_text("utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def schema_problems(data: object, schema: str, file: str, line_offset: int = 0) -> list[Problem]:
    """Every way ``data`` breaks the schema named ``schema``, as problems."""
    problems = []
    for error in sorted(_validator(schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or None
        problems.append(Problem(file, _line_at(data, path), key, f"what {schema} allows", error.message))
    return problems


def _line_at(data: object, path: list) -> int | None:
    """The line of the value at ``path`` in YAML read with line numbers."""
    line = getattr(data, "line", None)
    for step in path:
        if isinstance(data, YamlMap) and step in data:
            line, data = data.line_of(step), data[step]
        elif isinstance(data, YamlList) and isinstance(step, int) and step < len(data):
            line, data = data.line_of(step), data[step]
        else:
            break
    return line
