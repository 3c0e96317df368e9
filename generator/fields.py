"""The registry's field types, in one table (:data:`TYPES`): how a value of each type is
read and checked from YAML (the load stage), what the JSON Schemas say of it, how pages show
it (the plan stage), and whether it names other entities (the model's relations). A new type
is one entry here; ``KINDS`` in :mod:`generator.registry` gives each kind's fields a type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .dates import PartialDate
from .mdtext import Md, escape, join, with_languages
from .problems import describe
from .schema import SLUG, Checker
from .yamlfile import YamlMap

if TYPE_CHECKING:
    from .registry import Field


@dataclass(frozen=True)
class Office:
    """An office a person held."""

    title: str
    start: PartialDate | None
    end: PartialDate | None
    """None while the office is held (or when the end is not recorded)."""


@dataclass(frozen=True)
class FieldType:
    """What the generator knows of one type of field."""

    read: Callable[[YamlMap, Field, str, Checker], object]
    """The value of ``field`` in a YAML mapping, checked (problems go to the checker; None,
    or an empty tuple, when it is missing or wrong). ``where`` prefixes the key in problems."""
    schema: Callable[[Field], dict]
    """The field's JSON Schema (for editors, and as a net under the checks)."""
    show: Callable[[object, Callable[[str], Md]], Md]
    """The value as an infobox or an index cell shows it, given how to link an entity id."""
    links: bool = False
    """The values are entity ids: relations between entities."""


ID = {"type": "string", "pattern": f"^{SLUG.pattern}$", "description": "lowercase letters, digits, hyphens"}
DATE = {"oneOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                  {"type": "integer", "minimum": 1000, "maximum": 9999}],
        "description": "YYYY-MM-DD, YYYY-MM or YYYY (quote it in YAML)"}
TEXT = {"type": ["string", "number"], "minLength": 1}
"""Text; a number is accepted and kept as written, as ``check`` does."""
TEXTS = {"oneOf": [TEXT, {"type": "array", "items": TEXT}]}
POINT = {"type": "array", "minItems": 2, "maxItems": 2,
         "prefixItems": [{"type": "number", "minimum": -90, "maximum": 90},
                         {"type": "number", "minimum": -180, "maximum": 180}]}
_OFFICE_KEYS = ("title", "from", "to")


def _read_offices(item: YamlMap, field: Field, where: str, checker: Checker) -> tuple[Office, ...]:
    value = item.get(field.key)
    if value is None:
        return ()
    if not isinstance(value, list):
        checker.problem(item.line_of(field.key), f"{where}{field.key}", "a list of offices",
                        "a " + type(value).__name__)
        return ()
    offices = []
    for index, entry in enumerate(value):
        key = f"{where}{field.key}[{index}]."
        entry = checker.mapping(entry, value.line_of(index), key.rstrip("."))
        if entry is None:
            continue
        checker.keys(entry, _OFFICE_KEYS, key)
        title = checker.text(entry, "title", key, required=True)
        start = checker.date(entry, "from", key, past=True)
        end = checker.date(entry, "to", key)
        if start and end and end < start:
            checker.problem(entry.line_of("to"), f"{key}to", f"a date after 'from' ({start.iso()})",
                            f"'{end.iso()}'")
        if title:
            offices.append(Office(title, start, end))
    return tuple(offices)


def _read_points(item: YamlMap, field: Field, where: str, checker: Checker):
    """A ``point`` (``[latitude, longitude]``), or a ``line`` of two points or more."""
    value = item.get(field.key)
    if value is None:
        return None
    line, key = item.line_of(field.key), f"{where}{field.key}"
    if field.type == "point":
        return checker.point(value, line, key)
    if not isinstance(value, list) or len(value) < 2:
        checker.problem(line, key, "a list of two points or more, each [latitude, longitude]",
                        f"a list of {len(value)} point{'' if len(value) == 1 else 's'}" if isinstance(value, list)
                        else describe(value))
        return None
    points = tuple(checker.point(point, value.line_of(index), f"{key}[{index}]") for index, point in enumerate(value))
    return None if None in points else points


def office_text(office: Office) -> str:
    """``Minister of Foreign Affairs (9 March 2004 – 2010)``, as an infobox shows an office."""
    if office.start and office.end:
        return f"{office.title} ({office.start.display()} – {office.end.display()})"
    if office.start:
        return f"{office.title} (since {office.start.display()})"
    if office.end:
        return f"{office.title} (until {office.end.display()})"
    return office.title


def point_text(point: tuple[float, float]) -> str:
    """``45.03° N, 147.89° E``."""
    latitude, longitude = point
    return (f"{abs(latitude):.2f}° {'N' if latitude >= 0 else 'S'}, "
            f"{abs(longitude):.2f}° {'E' if longitude >= 0 else 'W'}")


def _refs_schema(field: Field) -> dict:
    from .registry import KINDS  # the kinds' titles; the registry's table of kinds uses this one

    what = f"ids of {KINDS[field.refers_to].title.lower()}" if field.refers_to else "entity ids"
    return {"type": "array", "items": ID, "description": f"{field.label}: {what}"}


TYPES: dict[str, FieldType] = {
    "text": FieldType(
        read=lambda item, field, where, checker: checker.text(item, field.key, where, field.required),
        schema=lambda field: {**TEXT, "description": field.label},
        show=lambda value, link: with_languages(value)),
    "texts": FieldType(
        read=lambda item, field, where, checker: checker.texts(item, field.key, where, field.required),
        schema=lambda field: {**TEXTS, "description": field.label},
        show=lambda value, link: join([with_languages(v) for v in value])),
    "date": FieldType(
        read=lambda item, field, where, checker: checker.date(item, field.key, where, field.required, field.past),
        schema=lambda field: {**DATE, "description": f"{field.label}: {DATE['description']}"},
        show=lambda value, link: escape(value.display())),
    "number": FieldType(
        read=lambda item, field, where, checker: checker.number(item, field.key, where),
        schema=lambda field: {"type": "number", "minimum": 0, "description": field.label},
        show=lambda value, link: escape(f"{value:,}")),
    "refs": FieldType(
        read=lambda item, field, where, checker: checker.texts(item, field.key, where, field.required),
        schema=lambda field: _refs_schema(field),
        show=lambda value, link: join([link(v) for v in value]),
        links=True),
    "offices": FieldType(
        read=_read_offices,
        schema=lambda field: {"type": "array", "description": field.label, "items": {
            "type": "object", "additionalProperties": False, "required": ["title"],
            "properties": {"title": TEXT, "from": DATE, "to": DATE}}},
        show=lambda value, link: join([escape(office_text(o)) for o in value], "; ")),
    "point": FieldType(
        read=_read_points,
        schema=lambda field: {**POINT, "description": f"{field.label}: [latitude, longitude] in degrees"},
        show=lambda value, link: escape(point_text(value))),
    "line": FieldType(
        read=_read_points,
        schema=lambda field: {"type": "array", "items": POINT, "minItems": 2,
                              "description": f"{field.label}: a list of points, each [latitude, longitude]"},
        show=lambda value, link: escape(f"from {point_text(value[0])} to {point_text(value[-1])}, on the map")),
}
