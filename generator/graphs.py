"""Graphs of how the entities relate, drawn at build time as inline SVG.

- :func:`neighbourhood`: one entity in the middle, its typed relations (solid lines, named)
  and the entities most often mentioned with it (dashed, thicker for more articles) around it.
- :func:`overview`: the most mentioned entities on a circle, grouped by kind, with the
  relations and strong co-mentions between them.

The functions take finished names and URLs (:mod:`generator.pages` makes them) and return
SVG text: every name is escaped here and placed as text, never in an attribute; every node
is a link (a keyboard reaches it with Tab; its full name, in its ``<title>``, is its
accessible name); the same input gives the same text (coordinates rounded to 0.1). The
theme's colours come from ``extra.css``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Sequence

LABEL_CHARS = 24
"""A node's label is cut at a word after this many characters (its link carries the full name)."""


@dataclass(frozen=True)
class Node:
    key: str
    name: str
    kind: str
    url: str
    """Relative to the page that shows the graph."""


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    label: str | None = None
    """A typed relation (``Part of``); None for a co-mention."""
    weight: int = 0
    """For a co-mention: the articles that mention both."""


def _short(name: str) -> str:
    if len(name) <= LABEL_CHARS:
        return name
    return name[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"


def _f(value: float) -> str:
    return f"{round(value, 1):g}"


def _svg(width: int, height: int, label: str, described_by: str | None, body: list[str], kind: str) -> str:
    described = f' aria-describedby="{escape(described_by)}"' if described_by else ""
    return (f'<svg class="relations-graph__svg {kind}" viewBox="0 0 {width} {height}" role="group"{described}>'
            f'<title>{escape(label)}</title>' + "".join(body) + "</svg>")


def _edges(edges: Sequence[Edge], at: dict[str, tuple[float, float]], strongest: int, named: bool) -> list[str]:
    body = []
    for edge in edges:
        (x1, y1), (x2, y2) = at[edge.a], at[edge.b]
        if edge.label is None:
            width = 1 + 3 * edge.weight / max(strongest, 1)
            body.append(f'<line class="comention" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
                        f'stroke-width="{_f(width)}"/>')
        else:
            body.append(f'<line class="relation" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}"/>')
            if named:
                body.append(f'<text class="edge-label" x="{_f((x1 + x2) / 2)}" y="{_f((y1 + y2) / 2 - 4)}" '
                            f'text-anchor="middle">{escape(edge.label)}</text>')
    return body


def _node(node: Node, x: float, y: float, radius: float, anchor: str, dx: float, dy: float,
          centre: bool = False, turn: float = 0) -> str:
    """A node: a link around a circle and its label; ``turn``: the label's rotation, in degrees,
    about the node. The link is ``xlink:href``, which browsers follow as they do ``href``:
    MkDocs and ProperDocs leave a link in raw HTML as it is written, but Zensical reads an
    ``href`` there as a Markdown link, relative to the page's file, and leaves ``xlink:href``
    alone, so this one link works under all three."""
    kind = f"node kind-{escape(node.kind)}" + (" centre" if centre else "")
    rotate = f' transform="rotate({_f(turn)} {_f(x)} {_f(y)})"' if turn else ""
    return (f'<a class="{kind}" xlink:href="{escape(node.url)}">'
            f'<title>{escape(node.name)}</title>'
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(radius)}"/>'
            f'<text x="{_f(x + dx)}" y="{_f(y + dy)}" text-anchor="{anchor}"{rotate}>{escape(_short(node.name))}</text></a>')


def neighbourhood(centre: Node, around: Sequence[Node], edges: Sequence[Edge], described_by: str | None) -> str:
    """``centre`` and the nodes ``around`` it on an ellipse, first at the top, clockwise."""
    width, height, cx, cy, rx, ry = 800, 380, 400, 190, 190, 135  # room for a label beside each node
    at = {centre.key: (cx, cy)}
    placed = []
    for index, node in enumerate(around):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(around), 1)
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        at[node.key] = (x, y)
        placed.append((node, x, y, math.cos(angle)))
    strongest = max((e.weight for e in edges), default=0)
    body = _edges(edges, at, strongest, named=True)
    for node, x, y, side in placed:
        if side > 0.3:
            body.append(_node(node, x, y, 7, "start", 11, 5))
        elif side < -0.3:
            body.append(_node(node, x, y, 7, "end", -11, 5))
        else:
            body.append(_node(node, x, y, 7, "middle", 0, -13 if y < cy else 24))
    body.append(_node(centre, cx, cy, 11, "middle", 0, 30, centre=True))
    return _svg(width, height, f"Graph: {centre.name} and the entities it relates to", described_by, body,
                "neighbourhood")


def overview(nodes: Sequence[Node], edges: Sequence[Edge], described_by: str | None) -> str:
    """The nodes on one circle in the order given (group them by kind first), each label
    turned outward along its radius so that none overlaps its neighbours."""
    size = 1000
    centre, radius = size / 2, 255
    at, body_nodes = {}, []
    for index, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * (index + 0.5) / max(len(nodes), 1)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        at[node.key] = (x, y)
        degrees = math.degrees(angle)
        if math.cos(angle) >= 0:
            body_nodes.append(_node(node, x, y, 7, "start", 12, 5, turn=degrees))
        else:
            body_nodes.append(_node(node, x, y, 7, "end", -12, 5, turn=degrees + 180))
    strongest = max((e.weight for e in edges), default=0)
    body = _edges(edges, at, strongest, named=False) + body_nodes
    return _svg(size, size, f"Graph of the {len(nodes)} most mentioned entities and how they relate",
                described_by, body, "overview")
