"""YAML reading that keeps line numbers and never guesses types.

Mappings come back as :class:`YamlMap` (a dict that knows the line of each key) and lists
as :class:`YamlList` (a list that knows the line of each item), so that every problem
can name its line. Dates stay strings (the registry parses them itself), a number keeps
the text it was written as (:class:`WrittenInt`, :class:`WrittenFloat`: ``title: 1.10``
is the text "1.10"), and a key that appears twice in one mapping is a problem, not a
silent overwrite.

A file is untrusted input, so what YAML lets it build is bounded before anything is built
from it: nesting depth, size, and the values that aliases add (an anchor repeated in a
chain of lists grows as a power of the chain's length). Each bound is a problem naming
the line, never a RecursionError, a MemoryError or a crash of the C parser.
"""

from __future__ import annotations

import re

import yaml

from .problems import Problem

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
"""A Markdown file's front matter: a line ``---``, the YAML (group 1), a line ``---``. The one
pattern for articles, notes and hand-written pages."""

MAX_DEPTH = 50
"""Collections nested in one another, at most (a registry file needs four or five)."""
MAX_ALIASED = 100_000
"""Values that aliases may add to a file, beyond the values written in it."""
MAX_CHARACTERS = 32 * 1024 * 1024
"""The longest YAML text read (a registry of 50,000 entities is about 5 MB)."""
_NESTING_SAFE = 10_000
"""Shorter texts cannot nest deeper than this, which libyaml's composer (recursive, in C)
survives; longer ones are first checked event by event, as deeper ones crash it."""


class YamlMap(dict):
    """A mapping with ``line`` (its own first line) and ``key_lines`` (line of each key)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A list with ``line`` (its own first line) and ``item_lines`` (line of each item)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class WrittenInt(int):
    """An integer that keeps the text it was written as (``0x1F``, ``1_000``)."""

    written: str


class WrittenFloat(float):
    """A number with a fraction that keeps the text it was written as (``1.10``)."""

    written: str


_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (same nodes and marks, much faster), else PyYAML's own."""


class _Loader(_BASE):
    pass


# No implicit timestamps: "2019-01-14" stays the text the contributor wrote.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    result = YamlMap()
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1 + loader.line_offset
        if not isinstance(key, str):
            loader.found.append(Problem(loader.file, line, None, "a text key", f"the key {key!r}"))
            continue
        if key in result:
            loader.found.append(
                Problem(loader.file, line, key, "each key once in a mapping",
                        f"'{key}' again (first on line {result.key_lines[key]})")
            )
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_list(loader: _Loader, node: yaml.SequenceNode) -> YamlList:
    result = YamlList(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.item_lines = [item.start_mark.line + 1 + loader.line_offset for item in node.value]
    return result


def _written(kind, construct):
    def constructor(loader: _Loader, node: yaml.ScalarNode):
        value = kind(construct(loader, node))
        value.written = node.value
        return value
    return constructor


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)
_Loader.add_constructor("tag:yaml.org,2002:int", _written(WrittenInt, yaml.SafeLoader.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:float", _written(WrittenFloat, yaml.SafeLoader.construct_yaml_float))


def read_yaml(text: str, file: str, line_offset: int = 0) -> tuple[object, list[Problem]]:
    """Parse ``text``; return the data (None on a syntax error) and the problems found.

    ``line_offset`` is added to every line number (front matter starts below a ``---``).
    """
    if len(text) > MAX_CHARACTERS:
        return None, [Problem(file, None, None, f"YAML of at most {MAX_CHARACTERS:,} characters",
                              f"{len(text):,} characters", "split the file")]
    source = text.encode("utf-8") if _BASE is not yaml.SafeLoader else text
    loader = _Loader(source)
    loader.file = file
    loader.line_offset = line_offset
    loader.found = []
    try:
        too_deep = _too_deep(_Loader(source), line_offset) if len(text) > _NESTING_SAFE else None
        if too_deep is not None:
            return None, [_too_deep_problem(file, too_deep)]
        node = loader.get_single_node()
        problem = _bounds_problem(node, file, line_offset)
        if problem is not None:
            return None, [problem]
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        reason = error.problem or error.context or "invalid YAML"
        return None, [Problem(file, line, None, "valid YAML", f"a syntax error ({reason})", column=column)]
    except yaml.YAMLError as error:  # e.g. a reader error on a control character
        return None, [Problem(file, None, None, "valid YAML",
                              f"a syntax error ({str(error).splitlines()[0]})")]
    finally:
        loader.dispose()
    return data, loader.found


def _too_deep(parser: _Loader, line_offset: int) -> int | None:
    """The line where the document's nesting passes :data:`MAX_DEPTH`, or None: read event
    by event, which builds nothing (a syntax error is left to the composer to report)."""
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1 + line_offset
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return None


def _too_deep_problem(file: str, line: int) -> Problem:
    return Problem(file, line, None, f"values nested at most {MAX_DEPTH} deep", f"more than {MAX_DEPTH} levels")


def _bounds_problem(root: yaml.Node | None, file: str, line_offset: int) -> Problem | None:
    """A problem when the composed document nests deeper than :data:`MAX_DEPTH`, uses a
    collection as a mapping key, or has aliases that add more than :data:`MAX_ALIASED`
    values; None when it is within bounds. Walked without recursion, each node once."""
    if root is None:
        return None
    line = lambda node: node.start_mark.line + 1 + line_offset  # noqa: E731
    sizes: dict[int, int] = {}  # node id -> values it stands for, aliases expanded
    distinct = 0
    stack: list[tuple[yaml.Node, int, list | None]] = [(root, 1, None)]  # node, depth, its children once seen
    while stack:
        node, depth, children = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            distinct += 1
            continue
        if children is None:  # first seen: check it, then see its children before it
            if depth > MAX_DEPTH:
                return _too_deep_problem(file, line(node))
            if isinstance(node, yaml.MappingNode):
                for key, _ in node.value:
                    if not isinstance(key, yaml.ScalarNode):
                        return Problem(file, line(key), None, "a text key",
                                       "a list" if isinstance(key, yaml.SequenceNode) else "a mapping",
                                       "a key is a name; write the value after it")
                children = [n for pair in node.value for n in pair]
            else:
                children = list(node.value)
            stack.append((node, depth, children))
            stack.extend((child, depth + 1, None) for child in children if id(child) not in sizes)
            continue
        sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
        distinct += 1
        if sizes[id(node)] - distinct > MAX_ALIASED:
            return Problem(file, line(node), None,
                           f"aliases (*name) that repeat at most {MAX_ALIASED:,} values",
                           f"aliases that repeat {sizes[id(node)] - distinct:,} or more",
                           "write the values out, or repeat them fewer times")
    return None
