"""The JSON Schemas for editors: current, in step with the loaders, and true of the sources."""

import re

import jsonschema
import yaml

from conftest import ROOT
from generator import jsonschemas, registry, sources
from generator.registry import KINDS


def test_the_committed_schemas_are_current():
    for name, schema in jsonschemas.schemas().items():
        assert (jsonschemas.FOLDER / name).read_text("utf-8") == jsonschemas.render(schema), (
            f"{name} is stale: run python -m generator schemas")


def test_the_schemas_accept_exactly_the_keys_the_loaders_accept():
    schemas = jsonschemas.schemas()
    assert set(schemas["article.schema.json"]["properties"]) == set(sources._KEYS)
    assert set(schemas["outlets.schema.json"]["items"]["properties"]) == set(registry._OUTLET_KEYS)
    assert set(schemas["disagreements.schema.json"]["items"]["properties"]) == set(registry._DISAGREEMENT_KEYS)
    for kind in KINDS.values():
        keys = set(schemas[f"{kind.plural}.schema.json"]["items"]["properties"])
        assert keys == set(registry._COMMON_KEYS) | {f.key for f in kind.fields}


def test_every_registry_file_names_its_schema_and_satisfies_it():
    files = [ROOT / "sources" / "outlets.yml", ROOT / "sources" / "disagreements.yml",
             *sorted((ROOT / "sources" / "entities").glob("*.yml"))]
    for path in files:
        text = path.read_text("utf-8")
        reference = re.match(r"# yaml-language-server: \$schema=(\S+)\n", text).group(1)
        schema_path = (path.parent / reference).resolve()
        assert schema_path.parent == jsonschemas.FOLDER.resolve(), path
        schema = yaml.safe_load(schema_path.read_text())
        jsonschema.validate(yaml.safe_load(text), schema)


def test_the_article_front_matter_satisfies_its_schema():
    schema = jsonschemas.schemas()["article.schema.json"]
    for path in sorted((ROOT / "sources" / "articles").glob("*.md")):
        front = path.read_text("utf-8").split("---\n", 2)[1]
        jsonschema.validate(yaml.safe_load(front), schema)


def test_a_schema_violation_is_a_problem_with_its_line():
    from generator.schemacheck import schema_problems
    from generator.yamlfile import read_yaml

    data, _ = read_yaml("- id: wire\n  name: Wire\n  country: [a, list]\n  kind: private\n  type: agency\n", "outlets.yml")
    (problem,) = schema_problems(data, "outlets.schema.json", "outlets.yml")
    assert str(problem) == ("outlets.yml:3: [0].country: expected what outlets.schema.json allows, "
                            "found ['a', 'list'] is not of type 'string', 'number'")
