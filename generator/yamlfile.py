"""YAML reading that keeps line numbers and never guesses types.

Mappings come back as :class:`YamlMap` (a dict that knows the line of each key) and lists
as :class:`YamlList` (a list that knows the line of each item), so that every problem
can name its line. Dates stay strings (the registry parses them itself), and a key that
appears twice in one mapping is a problem, not a silent overwrite.
"""

from __future__ import annotations

import yaml

from .problems import Problem


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


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)


def read_yaml(text: str, file: str, line_offset: int = 0) -> tuple[object, list[Problem]]:
    """Parse ``text``; return the data (None on a syntax error) and the problems found.

    ``line_offset`` is added to every line number (front matter starts below a ``---``).
    """
    loader = _Loader(text.encode("utf-8") if _BASE is not yaml.SafeLoader else text)
    loader.file = file
    loader.line_offset = line_offset
    loader.found = []
    try:
        data = loader.get_single_data()
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
