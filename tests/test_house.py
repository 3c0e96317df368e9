"""The map of the house: the README's stage table and the package docstring name the same
modules, stage by stage, and every module of ``generator/`` is on them."""

import ast
import re
from pathlib import Path

import generator

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["load", "find", "link", "plan", "write", "rerun", "around"]


def _readme_table() -> dict[str, list[str]]:
    rows = {}
    for line in (ROOT / "README.md").read_text("utf-8").splitlines():
        match = re.match(r"\| (load|find|link|plan|write|rerun|around them) \| (.*?) \|", line)
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
            rows[stage] = re.findall(r"[\w/]+", match.group(2))
        elif stage and line.startswith("            — "):
            stage = None  # the stage's description
        elif stage and line.startswith("            "):
            rows[stage] += re.findall(r"[\w/]+", line)
    return rows


def test_the_readme_and_the_package_show_the_same_map_naming_every_module():
    readme, docstring = _readme_table(), _docstring_map()
    assert list(readme) == STAGES and readme == docstring
    modules = set(_modules())
    named = [module for stage in STAGES for module in readme[stage]]
    assert sorted(named) == sorted(modules), (set(modules) - set(named), set(named) - set(modules))


def _modules() -> dict[str, Path]:
    """Every module of the package, by its name in the map: ``model``, ``incremental`` (a
    package), ``incremental/cache``."""
    found = {}
    for path in (ROOT / "generator").rglob("*.py"):
        parts = path.relative_to(ROOT / "generator").with_suffix("").parts
        if parts == ("__init__",):
            continue
        found["/".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path) -> set[str]:
    """The modules of the package that ``path`` imports, and the names it imports from
    them, as the map names them (``incremental``, ``incremental/Rerun``, ``model``)."""
    package = ["generator", *path.parent.relative_to(ROOT / "generator").parts]
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = (package[:len(package) - node.level + 1] if node.level else []) + \
                (node.module.split(".") if node.module else [])
            imported = [module, *([*module, alias.name] for alias in node.names)]
        elif isinstance(node, ast.Import):
            imported = [alias.name.split(".") for alias in node.names]
        else:
            continue
        names.update("/".join(name[1:]) for name in imported if name[0] == "generator" and len(name) > 1)
    return names


def test_no_stage_imports_the_rerun_machinery_and_build_asks_one_object():
    readme, modules = _readme_table(), _modules()
    machinery = set(readme["rerun"])
    for stage in ("load", "find", "link", "plan", "write"):
        for module in readme[stage]:
            assert not _imports(modules[module]) & machinery, (module, _imports(modules[module]) & machinery)
    for module in readme["around"]:
        if module != "__main__":
            assert _imports(modules[module]) & machinery <= {"incremental", "incremental/Cache", "incremental/Rerun",
                                                              "incremental/explain"}, module
    build = (ROOT / "generator" / "build.py").read_text("utf-8")
    calls = [build.index(call) for call in ("load_registry(", "rerun.findings(", "build_model(", "plan_site(",
                                            "write_files(rerun.render(")]
    assert calls == sorted(calls), "build.py calls load, find, link, plan, write in that order"
