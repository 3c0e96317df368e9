"""Registry problems are reported all at once, each with file, line, key and a hint."""

import os

import pytest

from conftest import write_sources
from generator.problems import InputError
from generator.registry import read_registry


def problems(tmp_path, **overrides):
    sources = write_sources(tmp_path, **overrides)
    os.chdir(tmp_path)
    with pytest.raises(InputError) as error:
        read_registry(sources)
    return [str(p) for p in error.value.problems]


def test_the_valid_registry_reads(tmp_path):
    registry = read_registry(write_sources(tmp_path))
    assert list(registry.entities) == ["accord", "iturup", "kurils", "sergey-lavrov", "talks"]
    assert registry.entities["iturup"].values["part_of"] == ("kurils",)
    assert registry.entities["accord"].values["signed"].iso() == "1956-10-19"


def test_unknown_reference_with_a_hint(tmp_path):
    assert problems(tmp_path, meetings="""\
- id: talks
  name: The talks
  date: "2019-01-14"
  participants:
    - sergei-lavrov
  summary: [A meeting.]
""") == ["sources/entities/meetings.yml:5: talks.participants[0]: expected the id of a person, "
         "found 'sergei-lavrov' (did you mean 'sergey-lavrov'?)"]


def test_a_reference_to_an_entity_of_the_wrong_kind(tmp_path):
    assert problems(tmp_path, meetings="""\
- id: talks
  name: The talks
  date: "2019-01-14"
  participants: [iturup]
  summary: [A meeting.]
""") == ["sources/entities/meetings.yml:4: talks.participants[0]: expected the id of a person, found 'iturup'"]


def test_every_problem_in_one_run(tmp_path):
    assert problems(tmp_path, people="""\
- id: Sergey Lavrov
  name: Sergey Lavrov
  alises: [Lavrov]
  summary: [A minister.]
- id: kono
  name: 12
  offices:
    - title: Minister
      from: "2019-02-30"
  summary: []
""") == [
        "sources/entities/people.yml:1: id: expected an id of lowercase letters, digits and single hyphens, "
        "found 'Sergey Lavrov'",
        "sources/entities/people.yml:3: ?.alises: expected one of the keys id, name, aliases, exclude, context, "
        "context_aliases, summary, related, country, offices, found the key 'alises' (did you mean 'aliases'?)",
        "sources/entities/people.yml:10: kono.summary: expected a list of 1 to 5 statements (texts, or mappings "
        "with text, cite and quote), found an empty list",
        "sources/entities/people.yml:9: kono.offices[0].from: expected a date written YYYY-MM-DD, YYYY-MM or "
        "YYYY that exists, found '2019-02-30'",
        "sources/entities/meetings.yml:4: talks.participants[0]: expected the id of a person, found "
        "'sergey-lavrov'",
    ]


def test_an_alias_claimed_by_two_entities(tmp_path):
    assert problems(tmp_path, people="""\
- id: sergey-lavrov
  name: Sergey Lavrov
  aliases: [Lavrov, Etorófu]
  summary: [A minister.]
""") == ["sources/entities/people.yml:1: sergey-lavrov.aliases: expected an alias that no other entity has, "
         "found 'Etorófu', which is also 'Etorofu' of 'iturup' (sources/entities/islands.yml:1) "
         "(keep it on one entity, or make both more specific)"]


def test_duplicate_ids_and_yaml_syntax(tmp_path):
    assert problems(tmp_path, treaties="""\
- id: iturup
  name: Another
  summary: [Twice.]
""", people="- id: x\n  name: [unclosed\n") == [
        "sources/entities/islands.yml:1: iturup.id: expected a unique id, found 'iturup' again "
        "(first in sources/entities/treaties.yml:1)",
        "sources/entities/people.yml:3:1: expected valid YAML, found a syntax error (did not find expected ',' "
        "or ']')",
        "sources/entities/meetings.yml:4: talks.participants[0]: expected the id of a person, found "
        "'sergey-lavrov'",
    ]


def test_a_reserved_id_and_a_duplicate_key(tmp_path):
    assert problems(tmp_path, treaties="""\
- id: index
  name: Index
  name: Again
  summary: [A treaty.]
""") == [
        "sources/entities/treaties.yml:3: name: expected each key once in a mapping, found 'name' again "
        "(first on line 2)",
        "sources/entities/treaties.yml:1: id: expected an id other than index (those name index pages), "
        "found 'index'",
    ]


def test_a_yaml_boolean_where_text_belongs_gets_a_hint(tmp_path):
    assert problems(tmp_path, people="""\
- id: sergey-lavrov
  name: no
  summary: [A minister.]
""") == ["sources/entities/people.yml:2: sergey-lavrov.name: expected a non-empty text, found a boolean (false) "
         "(YAML reads yes/no/on/off/true/false as a boolean: put the text in quotes)"]


def test_disagreements_are_validated(tmp_path):
    sources = write_sources(tmp_path)
    (sources / "disagreements.yml").write_text("""\
- id: war
  about: Whether a war goes on
  entities: [iturop]
  statements:
    - cite: one
      quote: Sergey Lavrov spoke
- id: war
  about: Again
  entities: [iturup]
  statements:
    - {cite: one, quote: a}
    - {cite: one}
""")
    os.chdir(tmp_path)
    with pytest.raises(InputError) as error:
        read_registry(sources)
    assert [str(p) for p in error.value.problems] == [
        "sources/disagreements.yml:3: war.entities[0]: expected the id of an entity, found 'iturop' "
        "(did you mean 'iturup'?)",
        "sources/disagreements.yml:4: war.statements: expected a list of at least 2 statements, each with cite "
        "and quote, found a list",
        "sources/disagreements.yml:12: war.statements[1].quote: expected a text, found no such key",
        "sources/disagreements.yml:7: war.id: expected a unique id, found 'war' again",
    ]


def test_aliases_that_need_context_are_aliases_and_come_with_their_context(tmp_path):
    assert problems(tmp_path, treaties="""\
- id: accord
  name: The accord
  aliases: [peace accord]
  context: [Russia or Soviet Union, Japan]
  context_aliases: [peace accord, peace pact]
  summary: [An accord.]
- id: pact
  name: The pact
  aliases: [pact]
  context_aliases: [pact]
  summary: [A pact.]
""") == ["sources/entities/treaties.yml:5: accord.context_aliases[1]: expected one of the entity's aliases "
         "(a general alias listed under aliases too), found 'peace pact' (add it to aliases, or correct it)",
         "sources/entities/treaties.yml:7: pact.context: expected context with context_aliases, found no such key "
         "(context lists what an article must name (context: [Russia, Japan]) for the aliases of context_aliases "
         "to link)"]


def test_an_outlet_says_what_kind_of_outlet_it_is(tmp_path):
    assert problems(tmp_path, outlets="""\
- id: wire
  name: Wire
  country: Nowhere
  type: news agency
- id: paper
  name: Paper
  country: Nowhere
  kind: tabloid
  type: newspaper
""") == ["sources/outlets.yml:1: wire.kind: expected a text, found no such key",
         "sources/outlets.yml:8: paper.kind: expected one of state agency, public broadcaster, private, aggregator, "
         "found 'tabloid'"]
