"""The map of the house: the README's stage table and the package docstring name the same
modules, stage by stage, and every module of ``generator/`` is on them."""

import re
from pathlib import Path

import generator

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["load", "find", "link", "plan", "write", "around"]


def _readme_table() -> dict[str, list[str]]:
    rows = {}
    for line in (ROOT / "README.md").read_text("utf-8").splitlines():
        match = re.match(r"\| (load|find|link|plan|write|around them) \| (.*?) \|", line)
        if match:
            stage = match.group(1).split()[0]
            rows[stage] = [m for m in re.findall(r"`([\w/]+)`", match.group(2)) if not m.endswith("/")]
    return rows


def _docstring_map() -> dict[str, list[str]]:
    rows, stage = {}, None
    for line in generator.__doc__.splitlines():
        match = re.match(r"    (\w+)\s{2,}(.*)", line)
        if match and match.group(1) in STAGES:
            stage = match.group(1)
            rows[stage] = re.findall(r"[\w]+", match.group(2))
        elif stage and line.startswith("            — "):
            stage = None  # the stage's description
        elif stage and line.startswith("            "):
            rows[stage] += re.findall(r"[\w]+", line)
    return rows


def test_the_readme_and_the_package_show_the_same_map_naming_every_module():
    readme, docstring = _readme_table(), _docstring_map()
    assert list(readme) == STAGES and readme == docstring
    modules = {path.stem for path in (ROOT / "generator").glob("*.py")} - {"__init__"}
    named = [module for stage in STAGES for module in readme[stage]]
    assert sorted(named) == sorted(modules), (set(modules) - set(named), set(named) - set(modules))
