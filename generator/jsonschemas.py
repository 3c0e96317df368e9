"""JSON Schemas of the source files, for editors (validation and autocompletion).

Derived from the same declarations ``check`` enforces (``KINDS`` and the key lists of the
registry and the articles), so they cannot drift apart; ``python -m generator schemas``
writes them to ``generator/schemas/`` and a test keeps the committed copies current.
``check`` validates with the declarations first (precise messages, cross-file checks such
as unknown ids, aliases and quotes), then applies these schemas to every file that passed
(:mod:`generator.schemacheck`), so a drift between the two is caught as a problem.
"""

from __future__ import annotations

import json
from pathlib import Path

from .registry import KINDS, OUTLET_KINDS, RELATED, Field
from .fields import DATE as _DATE, ID as _ID, TEXT as _TEXT, TEXTS as _TEXTS, TYPES

from .schemacheck import FOLDER
_BASE = "https://json-schema.org/draft/2020-12/schema"
def _field(field: Field) -> dict:
    return TYPES[field.type].schema(field)


_STATEMENT = {"oneOf": [_TEXT, {
    "type": "object", "additionalProperties": False, "required": ["text"],
    "properties": {"text": _TEXT, "cite": {**_ID, "description": "id of the article"},
                   "quote": {**_TEXT, "description": "a passage of the article, verbatim"}}}]}


def _entity_list(kind) -> dict:
    fields = (*kind.fields, RELATED)
    return {
        "$schema": _BASE,
        "title": f"{kind.title} of the Kuril Islands dispute reference",
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "name", "summary", *(f.key for f in fields if f.required)],
            "properties": {
                "id": _ID,
                "name": _TEXT,
                "aliases": {**_TEXTS, "description": "every form the sources use"},
                "exclude": {**_TEXTS, "description": "phrases containing an alias that mean something else"},
                "context": {**_TEXTS, "description": "what an article must name for context_aliases to link: "
                                                     "names, or 'A or B'"},
                "context_aliases": {**_TEXTS, "description": "aliases too general to link everywhere; "
                                                             "listed under aliases too"},
                "summary": {"type": "array", "minItems": 1, "maxItems": 5, "items": _STATEMENT},
                **{f.key: _field(f) for f in fields},
            },
        },
    }


def schemas() -> dict[str, dict]:
    """Every schema, by file name."""
    result = {f"{kind.plural}.schema.json": _entity_list(kind) for kind in KINDS.values()}
    result["outlets.schema.json"] = {
        "$schema": _BASE, "title": "News outlets", "type": "array",
        "items": {"type": "object", "additionalProperties": False, "required": ["id", "name", "country", "kind", "type"],
                  "properties": {"id": _ID, "name": _TEXT, "country": _TEXT, "type": _TEXT,
                                 "kind": {"enum": list(OUTLET_KINDS)},
                                 "url": {"type": "string", "pattern": "^https?://"}}},
    }
    result["disagreements.schema.json"] = {
        "$schema": _BASE, "title": "Where the sources disagree", "type": "array",
        "items": {"type": "object", "additionalProperties": False, "required": ["id", "about", "entities", "statements"],
                  "properties": {
                      "id": _ID, "about": _TEXT, "entities": {"type": "array", "items": _ID}, "note": _TEXT,
                      "statements": {"type": "array", "minItems": 2, "items": {
                          "type": "object", "additionalProperties": False, "required": ["cite", "quote"],
                          "properties": {"cite": _ID, "quote": _TEXT}}}}},
    }
    result["article.schema.json"] = {
        "$schema": _BASE, "title": "Front matter of an article in sources/articles/", "type": "object",
        "additionalProperties": False, "required": ["id", "title", "outlet", "published"],
        "properties": {
            "id": {**_ID, "description": "the file name without .md"}, "title": _TEXT,
            "outlet": {**_ID, "description": "an id from sources/outlets.yml"},
            "agency": {**_ID, "description": "the wire agency the text credits, when republished"},
            "url": {"type": "string", "pattern": "^https?://"}, "published": _DATE,
            "published_note": {**_TEXT, "description": "how the date was established"},
            "captured": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$"},
            "authors": _TEXTS, "language": {"type": "string", "pattern": "^[a-z]{2,3}$"},
        },
    }
    return result


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas() -> list[Path]:
    """Write every schema to :data:`FOLDER`; the paths written."""
    FOLDER.mkdir(exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = FOLDER / name
        path.write_text(render(schema), "utf-8")
        written.append(path)
    return written
