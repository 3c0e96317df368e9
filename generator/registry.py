"""The registry: outlets and entities (treaties, islands, people, meetings).

``KINDS`` declares each kind's typed fields once; reading, validation, the infobox and
the index columns all follow it. Files: ``sources/outlets.yml``,
``sources/entities/<plural>.yml`` (``treaties.yml``, ``islands.yml``, ...) and, optionally,
``sources/disagreements.yml``; each is a list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .fields import TYPES, Office  # noqa: F401  (Office: a value of the registry)
from .folding import alias_key
from .problems import InputError, Problem, describe, display_path, quoted
from .schema import Checker, as_text, check_reference, item_line
from .schemacheck import schema_problems
from .yamlfile import YamlMap, read_yaml


@dataclass(frozen=True)
class Field:
    """One typed field of an entity kind."""

    key: str
    """The YAML key."""
    label: str
    """How the infobox and the index name it."""
    type: str
    """A key of :data:`generator.fields.TYPES`: ``text``, ``texts``, ``date``, ``number``,
    ``refs`` (entity ids), ``offices``, ``point`` (``[latitude, longitude]``: where the map
    places it) or ``line`` (a list of points: a border the map draws)."""
    refers_to: str | None = None
    """For ``refs``: the kind the ids must have (None: any kind)."""
    reverse: str | None = None
    """For ``refs``: how the referenced entity's page names the relation back."""
    required: bool = False
    past: bool = False
    """For ``date``: a date that has happened (a treaty's signing), not after the build's
    date; a meeting can be planned."""
    history: str | None = None
    """For ``date``: what happened on that date, as the site's timeline says it (``signed``);
    the timeline lists it among the statements of the sources, from the site's records."""


@dataclass(frozen=True)
class Kind:
    """An entity kind and its fields."""

    name: str
    """Singular id: ``treaty``."""
    plural: str
    """Plural id, used for the registry file and the URL: ``treaties``."""
    label: str
    """``Treaty``."""
    title: str
    """``Treaties``."""
    fields: tuple[Field, ...]
    """The kind's own fields, in infobox order (``related`` is common to all kinds)."""
    columns: tuple[str, ...]
    """Keys of the fields shown in the kind's index table."""


RELATED = Field("related", "Related", "refs", reverse="Related")

KINDS: Mapping[str, Kind] = MappingProxyType({
    kind.name: kind
    for kind in (
        Kind("treaty", "treaties", "Treaty", "Treaties", (
            Field("signed", "Signed", "date", past=True, history="signed"),
            Field("place", "Place", "text"),
            Field("parties", "Parties", "texts"),
            Field("status", "Status", "text"),
            Field("border", "Border", "line"),
        ), ("signed", "status")),
        Kind("island", "islands", "Island", "Islands", (
            Field("name_ru", "Russian name", "text"),
            Field("name_ja", "Japanese name", "text"),
            Field("area_km2", "Area (km²)", "number"),
            Field("administered_by", "Administered by", "text"),
            Field("claimed_by", "Claimed by", "texts"),
            Field("part_of", "Part of", "refs", refers_to="island", reverse="Includes"),
            Field("location", "Location", "point"),
        ), ("name_ru", "name_ja", "area_km2")),
        Kind("person", "people", "Person", "People", (
            Field("country", "Country", "text"),
            Field("offices", "Offices", "offices"),
        ), ("country", "offices")),
        Kind("meeting", "meetings", "Meeting", "Meetings", (
            Field("date", "Date", "date", required=True, history="held"),
            Field("end", "Until", "date"),
            Field("place", "Place", "text"),
            Field("participants", "Participants", "refs", refers_to="person",
                  reverse="Meetings"),
            Field("outcome", "Outcome", "text"),
        ), ("date", "place")),
    )
})

_COMMON_KEYS = ("id", "name", "aliases", "exclude", "context", "context_aliases", "summary", "related")
_STATEMENT_KEYS = ("text", "cite", "quote")
_OUTLET_KEYS = ("id", "name", "country", "kind", "type", "url")
OUTLET_KINDS = ("state agency", "public broadcaster", "private", "aggregator")
"""What an outlet is, as readers weigh its reports: an agency or outlet of a state, a public
broadcaster, a private outlet, or a site that republishes others' stories."""
MAX_SUMMARY = 5
_DISAGREEMENT_KEYS = ("id", "about", "entities", "statements", "note")


@dataclass(frozen=True)
class Statement:
    """A sentence of an entity's summary, optionally citing an article."""

    text: str
    cite: str | None
    """Id of the article the statement is taken from."""
    quote: str | None
    """A passage of that article supporting the statement; must appear in it verbatim."""
    line: int
    """Line of the statement in the registry file."""


@dataclass(frozen=True)
class Entity:
    """A treaty, island, person or meeting."""

    id: str
    kind: str
    """A key of :data:`KINDS`."""
    name: str
    aliases: tuple[str, ...]
    """Every other form the sources use (the name is matched too)."""
    exclude: tuple[str, ...]
    """Phrases that contain an alias but do not refer to this entity."""
    context: tuple[str, ...]
    """What an article must name for :attr:`context_aliases` to link: each a name ("Japan"),
    or names of which one will do ("Russia or Soviet Union"); a country's adjective counts."""
    context_aliases: tuple[str, ...]
    """Aliases too general to link everywhere ("peace treaty"): they link only in an
    article that names everything in :attr:`context`."""
    summary: tuple[Statement, ...]
    values: Mapping[str, object]
    """Typed values of the kind's fields and ``related``, by key; absent when not given."""
    file: str
    line: int

    @property
    def names(self) -> tuple[str, ...]:
        """The name and then the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class DisputedStatement:
    """One side of a disagreement: what an article says, in its own words."""

    cite: str
    """Id of the article."""
    quote: str
    """The passage, verbatim (checked at build time)."""
    line: int


@dataclass(frozen=True)
class Disagreement:
    """A point on which the sources contradict each other or the registry."""

    id: str
    about: str
    """What is disputed, as a neutral question or topic."""
    entities: tuple[str, ...]
    """Ids of the entities involved."""
    statements: tuple[DisputedStatement, ...]
    note: str | None
    """The registry's own neutral account, when it has one."""
    file: str
    line: int


@dataclass(frozen=True)
class Outlet:
    """A news outlet."""

    id: str
    name: str
    country: str
    type: str
    """As the outlet describes itself ("state television news")."""
    url: str | None
    kind: str = "private"
    """One of :data:`OUTLET_KINDS`."""


@dataclass(frozen=True)
class Registry:
    """All outlets and entities, validated."""

    outlets: Mapping[str, Outlet]
    entities: Mapping[str, Entity]
    """By id, ordered by kind (as in KINDS) and then by id."""
    disagreements: tuple[Disagreement, ...] = ()
    """From ``sources/disagreements.yml``, in file order."""
    flags: tuple[str, ...] = ()
    """What a reviewer should look at in the registry, though it is not wrong (a meeting
    dated after the build's date)."""

    def of_kind(self, kind: str) -> tuple[Entity, ...]:
        """The entities of ``kind``, ordered by name."""
        return tuple(sorted((e for e in self.entities.values() if e.kind == kind),
                            key=lambda e: (e.name.casefold(), e.id)))

    def alias_table(self) -> list[tuple[str, str | None]]:
        """``(alias, entity id)`` for every name and alias; ``(phrase, None)`` for exclusions."""
        table: list[tuple[str, str | None]] = []
        for entity in self.entities.values():
            table.extend((name, entity.id) for name in entity.names)
            table.extend((phrase, None) for phrase in entity.exclude)
        return table


def read_registry(sources: Path) -> Registry:
    """Read and validate the registry under ``sources``; InputError on any problem."""
    registry, problems = load_registry(sources)
    if problems:
        raise InputError(problems)
    return registry


def load_registry(sources: Path) -> tuple[Registry, tuple[Problem, ...]]:
    """The registry under ``sources`` (without what could not be read) and every problem in it."""
    problems: list[Problem] = []
    flags: list[str] = []
    outlets = _read_outlets(sources, problems)
    entities: dict[str, Entity] = {}
    pending_refs = []
    for kind in KINDS.values():
        path = sources / "entities" / f"{kind.plural}.yml"
        checker = Checker(display_path(path))
        if not os.path.lexists(path):
            checker.problem(None, None, f"a registry file of {kind.title.lower()}", "no such file")
        else:
            data, items = _read_list(path, kind.title.lower(), checker, sources)
            for item in items:
                entity, refs = _read_entity(item, kind, checker)
                if entity is None:
                    continue
                if entity.id in entities:
                    first = entities[entity.id]
                    checker.problem(item.line_of("id"), f"{entity.id}.id", "a unique id",
                                    f"'{entity.id}' again (first in {first.file}:{first.line})")
                    continue
                entities[entity.id] = entity
                pending_refs.extend(refs)
            _schema_net(checker, data, f"{kind.plural}.schema.json")
        problems.extend(checker.problems)
        flags.extend(checker.flags)
        checker.problems.clear()  # the references below report through the same checker
    unknown_files = sorted(p.name for p in (sources / "entities").glob("*.yml")
                           if p.stem not in {k.plural for k in KINDS.values()})
    for name in unknown_files:
        problems.append(Problem(display_path(sources / "entities" / name), None, None,
                                "a registry file named " + ", ".join(
                                    f"{k.plural}.yml" for k in KINDS.values()),
                                f"'{name}'"))
    for checker, line, key, value, refers_to in pending_refs:
        known = {i for i, e in entities.items() if refers_to is None or e.kind == refers_to}
        what = f"a {KINDS[refers_to].label.lower()}" if refers_to else "an entity"
        check_reference(checker, line, key, value, known, what)
        problems.extend(checker.problems)
        checker.problems.clear()
    problems.extend(_alias_problems(entities.values()))
    disagreements = _read_disagreements(sources, entities, problems)
    ordered = sorted(entities.values(), key=lambda e: (list(KINDS).index(e.kind), e.id))
    registry = Registry(MappingProxyType(outlets), MappingProxyType({e.id: e for e in ordered}),
                        disagreements, tuple(flags))
    return registry, tuple(problems)


def _read_disagreements(sources: Path, entities: Mapping[str, Entity],
                        problems: list[Problem]) -> tuple[Disagreement, ...]:
    """``sources/disagreements.yml`` (optional). Quotes are verified later, against the articles."""
    path = sources / "disagreements.yml"
    if not os.path.lexists(path):
        return ()
    checker = Checker(display_path(path))
    result: list[Disagreement] = []
    data, items = _read_list(path, "disagreements", checker, sources)
    for item in items:
        disagreement_id, where = checker.record(item, _DISAGREEMENT_KEYS)
        about = checker.text(item, "about", where, required=True)
        involved = checker.texts(item, "entities", where, required=True)
        for index, entity_id in enumerate(involved):
            check_reference(checker, item_line(item, "entities", index), f"{where}entities[{index}]",
                            entity_id, entities, "an entity")
        note = checker.text(item, "note", where)
        statements = []
        listed = item.get("statements")
        if not isinstance(listed, list) or len(listed) < 2:
            checker.problem(item.line_of("statements"), f"{where}statements",
                            "a list of at least 2 statements, each with cite and quote",
                            "no such key" if listed is None else describe(listed))
            listed = listed if isinstance(listed, list) else []
        for index, entry in enumerate(listed):
            key = f"{where}statements[{index}]"
            entry = checker.mapping(entry, listed.line_of(index), key)
            if entry is None:
                continue
            checker.keys(entry, ("cite", "quote"), key + ".")
            cite = checker.text(entry, "cite", key + ".", required=True)
            quote = checker.text(entry, "quote", key + ".", required=True)
            if cite and quote:
                statements.append(DisputedStatement(cite, " ".join(quote.split()), listed.line_of(index)))
        if any(d.id == disagreement_id for d in result):
            checker.problem(item.line_of("id"), f"{disagreement_id}.id", "a unique id",
                            f"'{disagreement_id}' again")
        elif disagreement_id and about:
            result.append(Disagreement(disagreement_id, " ".join(about.split()), involved, tuple(statements),
                                       " ".join(note.split()) if note else None, checker.file, item.line))
    _schema_net(checker, data, "disagreements.schema.json")
    problems.extend(checker.problems)
    return tuple(result)


def _read_list(path: Path, what: str, checker: Checker, sources: Path) -> tuple[object, list[YamlMap]]:
    """The data of a registry file that is a YAML list, and its mappings; problems go to ``checker``."""
    text = checker.read_text(path, sources)
    if text is None:
        return None, []
    data, found = read_yaml(text, checker.file)
    checker.problems.extend(found)
    return data, checker.items(data, what)


def _schema_net(checker: Checker, data: object, schema: str) -> None:
    """Apply the file's JSON Schema when the declaration checks found nothing wrong in it."""
    if not checker.problems and data is not None:
        checker.problems.extend(schema_problems(data, schema, checker.file))


def _read_outlets(sources: Path, problems: list[Problem]) -> dict[str, Outlet]:
    path = sources / "outlets.yml"
    checker = Checker(display_path(path))
    outlets: dict[str, Outlet] = {}
    if not os.path.lexists(path):
        problems.append(Problem(checker.file, None, None, "the list of outlets", "no such file"))
        return outlets
    data, items = _read_list(path, "outlets", checker, sources)
    for item in items:
        outlet_id, where = checker.record(item, _OUTLET_KEYS)
        name = checker.text(item, "name", where, required=True)
        country = checker.text(item, "country", where, required=True)
        kind = checker.text(item, "type", where, required=True)
        weight = checker.text(item, "kind", where, required=True)
        if weight and weight not in OUTLET_KINDS:
            checker.problem(item.line_of("kind"), f"{where}kind", "one of " + ", ".join(OUTLET_KINDS),
                            quoted(weight))
        url = checker.text(item, "url", where)
        if url and not url.startswith(("https://", "http://")):
            checker.problem(item.line_of("url"), f"{where}url", "an address starting with https:// or http://",
                            f"'{url}'")
        if outlet_id in outlets:
            checker.problem(item.line_of("id"), f"{outlet_id}.id", "a unique id", f"'{outlet_id}' again")
        elif outlet_id and name and country and kind and weight in OUTLET_KINDS:
            outlets[outlet_id] = Outlet(outlet_id, name, country, kind, url, weight)
    _schema_net(checker, data, "outlets.schema.json")
    problems.extend(checker.problems)
    return outlets


def _read_entity(item: YamlMap, kind: Kind, checker: Checker):
    entity_id, where = checker.record(item, _COMMON_KEYS + tuple(f.key for f in kind.fields))
    name = checker.text(item, "name", where, required=True)
    aliases = checker.texts(item, "aliases", where)
    exclude = checker.texts(item, "exclude", where)
    context = checker.texts(item, "context", where)
    context_aliases = checker.texts(item, "context_aliases", where)
    for index, alias in enumerate(context_aliases):
        if alias not in aliases:
            checker.problem(item_line(item, "context_aliases", index), f"{where}context_aliases[{index}]",
                            "one of the entity's aliases (a general alias listed under aliases too)",
                            quoted(alias), "add it to aliases, or correct it")
    if bool(context) != bool(context_aliases):
        missing, present = ("context", "context_aliases") if context_aliases else ("context_aliases", "context")
        checker.problem(item.line, f"{where}{missing}", f"{missing} with {present}",
                        "no such key", "context lists what an article must name (context: [Russia, Japan]) "
                        "for the aliases of context_aliases to link")
    summary = _read_summary(item, where, checker)
    values: dict[str, object] = {}
    refs = []
    for field in (*kind.fields, RELATED):
        value = TYPES[field.type].read(item, field, where, checker)
        if value is None or value == ():
            continue
        values[field.key] = value
        if TYPES[field.type].links:
            for index, ref in enumerate(value):
                refs.append((checker, item_line(item, field.key, index), f"{where}{field.key}[{index}]",
                             ref, field.refers_to))
    if entity_id is None:
        return None, []
    # Kept even when other fields are wrong (the run fails on those problems anyway), so
    # that references to it do not add a cascade of "unknown id" problems.
    entity = Entity(entity_id, kind.name, name or entity_id, aliases, exclude, context, context_aliases, summary,
                    MappingProxyType(values), checker.file, item.line)
    return entity, refs


def _read_summary(item: YamlMap, where: str, checker: Checker) -> tuple[Statement, ...]:
    value = item.get("summary")
    if not isinstance(value, list) or not value:
        checker.problem(item.line_of("summary"), f"{where}summary",
                        "a list of 1 to 5 statements (texts, or mappings with text, cite and quote)",
                        "no such key" if "summary" not in item else
                        ("an empty list" if isinstance(value, list) else describe(value)))
        return ()
    if len(value) > MAX_SUMMARY:
        checker.problem(value.line_of(MAX_SUMMARY), f"{where}summary",
                        f"at most {MAX_SUMMARY} statements (a summary is short; details go to the sources)",
                        f"{len(value)}")
    statements = []
    for index, entry in enumerate(value):
        key = f"{where}summary[{index}]"
        line = value.line_of(index)
        if as_text(entry) is not None:  # a statement without a citation
            text = checker.text_value(entry, line, key)
            if text is not None:
                statements.append(Statement(" ".join(text.split()), None, None, line))
            continue
        entry = checker.mapping(entry, line, key)
        if entry is None:
            continue
        checker.keys(entry, _STATEMENT_KEYS, key + ".")
        text = checker.text(entry, "text", key + ".", required=True)
        cite = checker.text(entry, "cite", key + ".")
        quote = checker.text(entry, "quote", key + ".")
        if quote and not cite:
            checker.problem(entry.line_of("quote"), f"{key}.cite", "the id of the quoted article",
                            "a quote without 'cite'")
        if text:
            statements.append(Statement(" ".join(text.split()), cite,
                                        " ".join(quote.split()) if quote else None, line))
    return tuple(statements)


def _alias_problems(entities) -> list[Problem]:
    """An alias key may belong to one entity only, or to several people (namesakes, told apart
    in each article by their offices: :func:`generator.mentions.resolve_names`); ambiguity is
    never settled by file order."""
    problems = []
    owners: dict[str, tuple[Entity, str]] = {}
    for entity in entities:
        own: set[str] = set()
        for name in entity.names:
            key = alias_key(name)
            if not key:
                problems.append(Problem(entity.file, entity.line, f"{entity.id}.aliases",
                                        "an alias with letters or digits", f"'{name}'"))
                continue
            if name in own:
                problems.append(Problem(entity.file, entity.line, f"{entity.id}.aliases",
                                        "each alias once", f"{quoted(name)} twice"))
                continue
            own.add(name)
            if key in owners and owners[key][0] is not entity and not (
                    entity.kind == owners[key][0].kind == "person"):  # namesakes: told apart by their offices
                other, other_name = owners[key]
                problems.append(Problem(
                    entity.file, entity.line, f"{entity.id}.aliases",
                    "an alias that no other entity has",
                    f"{quoted(name)}, which is also {quoted(other_name)} of '{other.id}' ({other.file}:{other.line})",
                    "keep it on one entity, or make both more specific",
                ))
            else:
                owners.setdefault(key, (entity, name))
    for entity in entities:
        for phrase in entity.exclude:
            key = alias_key(phrase)
            if key in owners:
                problems.append(Problem(entity.file, entity.line, f"{entity.id}.exclude",
                                        "a phrase that is nobody's alias",
                                        f"'{phrase}', an alias of '{owners[key][0].id}'"))
    return problems
