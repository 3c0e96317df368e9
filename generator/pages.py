"""The plan stage: decide every page (path, template, finished context) and data file.

Contexts hold finished values: text from sources is either escaped here into
:class:`~generator.mdtext.Md` or left as plain strings, which the templates' environment
escapes. Links come from :mod:`generator.paths` only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterator, Mapping, Sequence

from . import graphs, maps, paths
from .dates import PartialDate
from .mdtext import Md, bold, escape, external_link, join, link, with_languages, yaml_text
from .citations import Citation, VerifiedDisagreement
from .contradictions import NameConflict
from .events import Event, dateline_end
from .model import Milestone, SiteModel
from .fields import TYPES
from .registry import KINDS, RELATED, Entity
from .sources import Article

LATEST_ON_HOME = 5
MOST_CITED_ON_HOME = 6
COMENTIONS_SHOWN = 12
TIMELINE_ON_ONE_PAGE = 1000
"""Dated statements shown on one timeline page; more, and the timeline has a page per year."""
UNRESOLVED = "Date not resolved"
COPIES_SHOWN = 12
"""Other copies of a story listed on a source page (a wire story can have hundreds)."""


@dataclass(frozen=True)
class Page:
    """A Markdown page to render."""

    path: str
    """Path in the output directory (see :mod:`generator.paths`)."""
    template: str
    """Template file name in ``generator/templates``."""
    context: Mapping[str, object]


@dataclass(frozen=True)
class Plan:
    """A page, or a part of a data file's records, made when called with the model:
    ``make(model, *args)``. It reads the site from the model it is given, and nothing else
    but its ``args`` (:mod:`generator.incremental.reuse` relies on that)."""

    make: Callable[..., object]
    args: tuple = ()

    def __call__(self, model: SiteModel):
        return self.make(model, *self.args)


@dataclass(frozen=True)
class DataFile:
    """A JSON file published with the site: a list of records, made in parts (in order), so
    that no process holds all of them and the parts can be made in any process that holds
    the model."""

    path: str
    parts: Sequence[Plan]
    """Each makes an iterable of records (mappings)."""


@dataclass(frozen=True)
class SitePlan:
    model: SiteModel
    pages: Sequence[Plan]
    """Each makes a :class:`Page`: one at a time, as it is rendered (a site's contexts
    together are large), in any process that holds the model."""
    data: Sequence[DataFile]


def plan_site(model: SiteModel) -> SitePlan:
    """Every page and data file of the generated part of the site."""
    return SitePlan(model, _pages(model), _data_files(model))


def _pages(model: SiteModel) -> list[Plan]:
    plans = [Plan(_home), Plan(_sources_index), Plan(_relations_page)]
    plans += _timeline(model)
    plans.append(Plan(_disagreements))
    for kind in KINDS:
        plans.append(Plan(_kind_index, (kind,)))
        plans += [Plan(_entity_page, (entity,)) for entity in model.registry.of_kind(kind)]
    plans += [Plan(_article_page, (article,)) for article in model.articles]
    return plans


# --- small pieces ------------------------------------------------------------------

def _entity_link(model: SiteModel, entity_id: str, from_page: str) -> Md:
    entity = model.registry.entities[entity_id]
    return link(entity.name, paths.link(from_page, paths.entity_page(entity.kind, entity.id)))


def _article_link(article: Article, from_page: str, anchor: str | None = None, text: str | None = None) -> Md:
    return link(text or article.title, paths.link(from_page, paths.article_page(article.id), anchor))


def _outlet(model: SiteModel, article: Article) -> str:
    outlet = model.registry.outlets[article.outlet].name
    if article.agency and article.agency != article.outlet:
        return f"{outlet} (a {model.registry.outlets[article.agency].name} story)"
    return outlet


_KIND_NAMES = {"state agency": ("a state agency", "state agencies"),
               "public broadcaster": ("a public broadcaster", "public broadcasters"),
               "private": ("a private outlet", "private outlets"), "aggregator": ("an aggregator", "aggregators")}
"""Each kind of outlet (:data:`~generator.registry.OUTLET_KINDS`), one and several."""


def _whose(model: SiteModel, article_ids) -> Md | None:
    """Whose reports these are: how many of the articles come from each country, and of what
    kind of outlet, saying so when they all come from one country."""
    outlets = [model.registry.outlets[model.article(a).outlet] for a in dict.fromkeys(article_ids)]
    if not outlets:
        return None
    countries = Counter(o.country for o in outlets)
    parts = []
    for country, count in sorted(countries.items(), key=lambda item: (-item[1], item[0])):
        kinds = sorted(Counter(o.kind for o in outlets if o.country == country).items(),
                       key=lambda item: (-item[1], item[0]))
        if len(kinds) == 1:
            parts.append(f"{count} from {country}, by {_KIND_NAMES[kinds[0][0]][count > 1]}")
        else:
            parts.append(f"{count} from {country} (" + ", ".join(
                f"{n} by {_KIND_NAMES[kind][n > 1]}" for kind, n in kinds) + ")")
    text = f"{_count(len(outlets), 'article')}: " + "; ".join(parts) + "."
    if len(countries) == 1 and len(outlets) > 1:
        text += f" All of them come from {next(iter(countries))}."
    return escape(text)


def _count(number: int, one: str) -> str:
    """``1 article``, ``1,204 articles``."""
    return f"{number:,} {one if number == 1 else one + 's'}"


def _value(model: SiteModel, entity: Entity, key: str, from_page: str) -> Md:
    """A field value of ``entity`` as shown in an infobox or index cell."""
    field = next(f for f in (*KINDS[entity.kind].fields, RELATED) if f.key == key)
    value = entity.values.get(key)
    if value is None or value == ():
        return Md("")
    return TYPES[field.type].show(value, lambda ref: _entity_link(model, ref, from_page))


def _highlighted(sentence: str, spans) -> Md:
    """The sentence with the given spans in bold."""
    parts, position = [], 0
    for start, end in spans:
        parts.append(escape(sentence[position:start]))
        parts.append(bold(sentence[start:end]))
        position = end
    parts.append(escape(sentence[position:]))
    return Md("".join(parts))


def _when(event: Event) -> str:
    if event.date is None:
        return UNRESOLVED
    return event.date.display() + (" (planned)" if event.planned else "")


def _paragraph_link(model: SiteModel, article_id: str, paragraph: int, page: str) -> Md:
    """A link to one paragraph of a source page: ``TASS, 14 January 2019, ¶ 4``."""
    article = model.article(article_id)
    return _article_link(article, page, paths.paragraph_anchor(paragraph),
                         f"{_outlet(model, article)}, {article.published.display()}, ¶ {paragraph + 1}")


def _timeline_line(when: str, what: Md, source: Md, who: Md | None = None, note: str | None = None) -> Md:
    """One line of a timeline: date · who · what, and where it comes from."""
    line = f"- **{escape(when)}** · " + (f"{who} · " if who else "") + what + f" ({source}"
    return Md(line + (f"; *date:* {escape(note)})" if note else ")"))


def _event_item(model: SiteModel, event: Event, page: str) -> Md:
    """One dated statement as a timeline line: who acted, the statement in short, and a link
    to the passage that says it in full."""
    return _timeline_line(_when(event), _short(event), _paragraph_link(model, event.article, event.paragraph, page),
                          _entity_link(model, event.subject, page) if event.subject else None, event.note)


def _milestone_item(model: SiteModel, milestone: Milestone, page: str) -> Md:
    """A treaty signed or a meeting held, from the site's records, as a timeline line."""
    entity = model.registry.entities[milestone.entity]
    place = entity.values.get("place")
    what = f"{_entity_link(model, entity.id, page)} {escape(milestone.what)}" + (f" — {escape(place)}" if place else "")
    return _timeline_line(milestone.date.display(), Md(what), Md("the site's records"))


def _dated_items(model: SiteModel, events, milestones, page: str) -> Iterator[Md]:
    """The timeline lines of one year (or month): its statements, and its milestones among
    them by date (before the statements of the same day). Read as the page is rendered."""
    milestones = list(milestones)
    for event in events:
        when = (event.date.month, event.date.day) if event.date else (13, 0)
        while milestones and (milestones[0].date.month, milestones[0].date.day) <= when:
            yield _milestone_item(model, milestones.pop(0), page)
        yield _event_item(model, event, page)
    for milestone in milestones:
        yield _milestone_item(model, milestone, page)


SHORT = 120
"""Characters of a statement on a timeline line, at most: its link leads to it in full."""

_OPENING = re.compile(r"[\"“‘']?(?:(?:in|on|at|by|since|from|during|until|early|late|later|earlier)\s+)?(?:the\s+)?",
                      re.IGNORECASE)
"""What may come before a date phrase that opens a sentence ("In 1956, …")."""


def _short(event: Event) -> Md:
    """The statement in short: its sentence without a dateline or a date phrase that opens it
    (the line gives the date and the source), cut at a word past :data:`SHORT` characters."""
    sentence = event.sentence
    start, end = event.span
    opening = dateline_end(sentence)  # "MOSCOW, February 7 (RIA Novosti) - ": the line gives both
    if opening and opening < start:
        sentence = sentence[opening:].lstrip(" -–—")
        start, end = start - (len(event.sentence) - len(sentence)), end - (len(event.sentence) - len(sentence))
    if _OPENING.fullmatch(sentence[:start]):
        rest = sentence[end:].lstrip(" ,;:—–-")
        if rest:
            sentence = rest[0].upper() + rest[1:]
    if len(sentence) > SHORT:
        sentence = sentence[:SHORT].rsplit(" ", 1)[0].rstrip(",;:—–- ") + " …"
    return escape(sentence)


def _linked_paragraph(model: SiteModel, paragraph: str, offset: int, mentions, page: str) -> Md:
    """The paragraph with the first mention of each entity linked."""
    parts, position, seen = [], 0, set()
    for mention in mentions:
        if mention.entity in seen:
            continue
        seen.add(mention.entity)
        start, end = mention.start - offset, mention.end - offset
        if start > position:
            parts.append(escape(paragraph[position:start]))
        entity = model.registry.entities[mention.entity]
        parts.append(link(paragraph[start:end], paths.link(page, paths.entity_page(entity.kind, entity.id))))
        position = end
    if position < len(paragraph):
        parts.append(escape(paragraph[position:]))
    return Md("".join(parts))


def _source_count(model: SiteModel, entity_id: str) -> str:
    """``3 sources``, or ``3 sources (4 articles, counting reprints)``."""
    stories = model.stories_of.get(entity_id, 0)
    articles = len(model.sources_of.get(entity_id, ()))
    text = f"{stories} source" + ("" if stories == 1 else "s")
    return text + (f" ({articles} articles, counting reprints)" if articles != stories else "")


def _statements(count: int) -> str:
    """``1 statement``, ``1,204 statements``."""
    return _count(count, "statement")


def _date_note(date: PartialDate) -> str:
    return {"day": "", "month": " (day not known)", "year": " (month and day not known)"}[date.precision]


UNSEARCHED = 'data-search-exclude data-pagefind-ignore="all"'
"""The attributes that keep an element out of both search indexes (lunr and Pagefind)."""
MAP_CAPTION = "map-caption"
"""The id of the text that says what the locator map shows (its text alternative)."""


def _map(model: SiteModel, page: str, current: Entity | None = None, aside: bool = False) -> Md:
    """The locator map (:mod:`generator.maps`) and, under it, what it shows in words, with
    links: the map's text alternative. ``current``: the island whose page it is (filled);
    ``aside``: on an entity's page, under the key facts, beside the text on a wide screen."""
    registry = model.registry
    places = maps.labelled(registry)
    borders = maps.borders(registry)
    disputed = maps.disputed(registry)
    words = ["*Map:* the Kuril chain between Hokkaido and Kamchatka, with Sakhalin to the west "
             "(coastlines: GSHHG)."]
    if places:
        words.append("Labelled: " + join([_entity_link(model, e.id, page) for e in places]) + ".")
    if current is not None:
        words.append(f"Filled: {_entity_link(model, current.id, page)}.")
    if disputed:
        words.append("Outlined, as more than one country claims them: "
                     + join([_entity_link(model, e.id, page) for e in disputed]) + ".")
    if borders:
        words.append("Dashed: the borders drawn by " + join([
            _entity_link(model, t.id, page) + maps.year_of(t) for t in borders], " and ") + ".")
    aside = " aside" if aside else ""
    # Neither is indexed for search: the caption names every island, on every island's page.
    caption = Md(" ".join(words) + f"\n{{: #{MAP_CAPTION} .locator-map__caption{aside.replace(' ', ' .')} "
                 f"{UNSEARCHED} }}")
    svg = maps.svg(registry, current, MAP_CAPTION)
    return Md(f'<figure class="locator-map{aside}" {UNSEARCHED}>{svg}</figure>\n\n{caption}')


GRAPH_NODES = 12
"""Entities around one on its page's graph, at most: its relations first, then co-mentions."""
OVERVIEW_NODES = 40
"""Entities on the site's graph: the most mentioned."""


def _graph_node(model: SiteModel, entity_id: str, page: str) -> graphs.Node:
    entity = model.registry.entities[entity_id]
    return graphs.Node(entity.id, entity.name, entity.kind,
                       paths.url_link(page, paths.entity_page(entity.kind, entity.id)))


def _neighbourhood(model: SiteModel, entity: Entity, page: str) -> Md | None:
    """The entity's graph: its typed relations and the entities most mentioned with it. Its
    text alternative is the list under it (the See also section)."""
    edges, around = [], {}
    for relation in model.relations.get(entity.id, ()):
        for other in relation.entities:
            if other != entity.id and (other in around or len(around) < GRAPH_NODES):
                around.setdefault(other, None)
                edges.append(graphs.Edge(entity.id, other, relation.label))
    for other, count in model.comentions.most(entity.id, COMENTIONS_SHOWN):
        if len(around) >= GRAPH_NODES:
            break
        if other not in around:
            around[other] = None
            edges.append(graphs.Edge(entity.id, other, None, count))
    if not around:
        return None
    svg = graphs.neighbourhood(_graph_node(model, entity.id, page),
                               [_graph_node(model, other, page) for other in around], edges, None)
    return Md(f'<figure class="relations-graph" {UNSEARCHED} tabindex="0" '
              f'aria-label="The graph; on a small screen, scroll to see all of it">{svg}</figure>')


# --- pages -------------------------------------------------------------------------


def _home(model: SiteModel) -> Page:
    page = paths.HOME
    kinds = [
        {"title": kind.title, "link": link(kind.title, paths.link(page, paths.kind_index(name))),
         "count": len(model.registry.of_kind(name))}
        for name, kind in KINDS.items()
    ]
    latest = [
        {"link": _article_link(a, page), "outlet": _outlet(model, a), "date": a.published.display()}
        for a in model.articles[:LATEST_ON_HOME]
    ]
    return Page(page, "home.md.j2", {
        "page_title": yaml_text("The Kuril Islands dispute, source by source"),
        "page_description": _description(f"What {len(model.articles)} news articles said about the Russia–Japan "
                                         "dispute over the Kuril Islands, every statement linked to its source."),
        "kinds": kinds,
        "article_count": len(model.articles),
        "whose": _whose(model, [a.id for a in model.articles]),
        "sources_link": link("All sources", paths.link(page, paths.SOURCES_INDEX)),
        "latest": latest,
        "map": _map(model, page),
        "most_cited": [
            {"link": _entity_link(model, e, page), "count": _source_count(model, e)}
            for e in sorted(model.stories_of, key=lambda e: (-model.stories_of[e], e))[:MOST_CITED_ON_HOME]
        ],
    })


def _timeline(model: SiteModel) -> list[Plan]:
    """The timeline: one page while it is short; past TIMELINE_ON_ONE_PAGE statements, a page
    per year (and one for the statements whose date is not resolved) under an overview, and a
    page per month for a year that is itself past TIMELINE_ON_ONE_PAGE (unless its statements
    all share one month, or are all dated to the year alone). The milestones of the site's
    records (treaties signed, meetings held) are among them, by date."""
    timeline = model.events
    if len(timeline) <= TIMELINE_ON_ONE_PAGE:
        return [Plan(_timeline_overview, (True,))]
    plans = [Plan(_timeline_overview, (False,))]
    for year, count, _ in _timeline_years(model):
        split = year is not None and count > TIMELINE_ON_ONE_PAGE and len(timeline.months(year)) > 1
        plans.append(Plan(_timeline_part, (year, 0, count, split)))
        if split:
            plans += [Plan(_timeline_part, (year, month, n, False))
                      for month, n in timeline.months(year) if month]
    return plans


def _timeline_years(model: SiteModel) -> list[tuple[int | None, int, int]]:
    """(year, statements, milestones) of each year that has either, oldest first; None (the
    statements whose date is not resolved) last."""
    statements = dict(model.events.years)
    years = sorted(set(statements) | set(model.history), key=lambda year: (year is None, year or 0))
    return [(year, statements.get(year, 0), len(model.history.get(year, ()))) for year in years]


def _timeline_heading(year: int | None, month: int = 0) -> str:
    if year is None:
        return UNRESOLVED
    return PartialDate(year, month).display()


def _timeline_count(statements: int, milestones: int) -> str:
    """``12 statements``, ``12 statements and 2 from the site's records``."""
    text = _statements(statements)
    return text + (f" and {milestones} from the site's records" if milestones else "")


def _timeline_overview(model: SiteModel, whole: bool) -> Page:
    page = paths.TIMELINE
    years = _timeline_years(model)
    groups = [{"heading": _timeline_heading(year),
               "events": _dated_items(model, model.events.of_year(year), model.history.get(year, ()), page)}
              for year, _, _ in years] if whole else []
    parts = [] if whole else [
        {"link": link(_timeline_heading(year), paths.link(page, paths.timeline_part(year))),
         "count": _timeline_count(statements, milestones)}
        for year, statements, milestones in years]
    first = next((year for year, _, _ in years if year is not None), None)
    return Page(page, "timeline.md.j2", {"page_title": yaml_text("Timeline"), "groups": groups,
                                         "page_description": _description(
                                             "Every dated statement of the sources, and the treaties and "
                                             "meetings of the site's records, oldest first."),
                                         "parts": parts, "parts_heading": "One page per year", "first": first,
                                         "count": _statements(len(model.events))})


def _timeline_part(model: SiteModel, year: int | None, month: int, count: int, split: bool) -> Page:
    """The statements of one year, or of one month; a ``split`` year lists its months and
    shows only the statements dated to the year alone, and the year's milestones."""
    timeline, part = model.events, paths.timeline_part(year, month)
    heading = _timeline_heading(year, month)
    months = [
        {"link": link(_timeline_heading(year, m), paths.link(part, paths.timeline_part(year, m))), "count": _statements(n)}
        for m, n in timeline.months(year) if m
    ] if split else []
    events = timeline.of_month(year, month) if split or month else timeline.of_year(year)  # split: month 0
    milestones = () if month else model.history.get(year, ())
    year_alone = f"{year}, month not known" if split and timeline.months(year)[0][0] == 0 else None
    return Page(part, "timeline_part.md.j2", {
        "page_title": yaml_text(f"Timeline: {heading}"), "heading": heading,
        "count": _timeline_count(count, len(milestones)),
        "page_description": _description(f"The statements of the sources dated to {heading}, oldest first."
                                         if year is not None else "The statements whose date could not be resolved."),
        "scope": f"dated to {heading}" if year is not None else "whose date could not be resolved",
        "timeline_link": link("Timeline", paths.link(part, paths.TIMELINE)),
        "year_link": link(str(year), paths.link(part, paths.timeline_part(year))) if month else None,
        "parts": months, "parts_heading": "One page per month",
        # read as the page is rendered
        "groups": [{"heading": "From the site's records", "events": _dated_items(model, (), milestones, part)},
                   {"heading": year_alone, "events": _dated_items(model, events, (), part)}] if split and milestones
        else [{"heading": year_alone, "events": _dated_items(model, events, milestones, part)}],
    })


def _statement(model: SiteModel, citation: Citation, page: str) -> dict:
    """One side of a disagreement: who says it, the verified quote, the paragraph."""
    return {"source": _paragraph_link(model, citation.article, citation.paragraph, page), "quote": citation.quote}


def _disagreement(model: SiteModel, verified: VerifiedDisagreement, page: str) -> dict:
    disagreement = verified.disagreement
    return {
        "about": disagreement.about,
        "entities": join([_entity_link(model, e, page) for e in disagreement.entities]),
        "statements": [_statement(model, c, page) for c in verified.statements],
        "whose": _whose(model, [c.article for c in verified.statements]),
        "note": disagreement.note,
    }


def _conflict(model: SiteModel, conflict: NameConflict, page: str) -> dict:
    return {
        "source": _paragraph_link(model, conflict.article, conflict.paragraph, page),
        "entity": _entity_link(model, conflict.entity, page),
        "name": conflict.name,
        "owner": _entity_link(model, conflict.owner, page),
        "sentence": conflict.sentence,
    }


DESCRIPTION = 160
"""Characters of a page's description (its meta description, which search engines and link
previews show), at most."""


def _description(text: str) -> Md:
    """A page's description for its front matter: ``text`` on one line, cut at a word when
    longer than :data:`DESCRIPTION`."""
    text = " ".join(str(text).split())
    if len(text) > DESCRIPTION:
        text = text[:DESCRIPTION - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return yaml_text(text)


def _disagreements(model: SiteModel) -> Page:
    page = paths.DISAGREEMENTS
    return Page(page, "disagreements.md.j2", {
        "page_title": yaml_text("Disagreements"),
        "page_description": _description("Points on which news articles contradict each other or this site's "
                                         "records, each side quoted from its article."),
        "disagreements": [_disagreement(model, d, page) for d in model.disagreements],
        "conflicts": [_conflict(model, c, page) for c in model.conflicts],
    })


def _meeting_dates(model: SiteModel, entity: Entity, page: str) -> dict | None:
    """A meeting's registry date, and the statements the articles date to it."""
    start = entity.values.get("date")
    if start is None:
        return None
    end = entity.values.get("end") or start
    dated = [_event_item(model, event, page) for event in model.events_of_meeting.get(entity.id, ())]
    registry = start.display() + (f" to {end.display()}" if end != start else "")
    return {"registry": registry, "dated": dated}


def _sources_index(model: SiteModel) -> Page:
    page = paths.SOURCES_INDEX
    rows = [
        {"date": a.published.iso(), "link": _article_link(a, page), "outlet": _outlet(model, a),
         "entities": len(model.entities_in[a.id])}
        for a in model.articles
    ]
    return Page(page, "sources_index.md.j2", {
        "page_title": yaml_text("Sources"), "rows": rows,
        "page_description": _description(f"The {len(rows)} news articles this site is built from, newest first."),
    })


def _relations_page(model: SiteModel) -> Page:
    """The site's graph: the most mentioned entities, grouped by kind, with their relations
    and strong co-mentions; then, as its text alternative, each entity's relations in words."""
    page = paths.RELATIONS
    ranked = sorted(model.registry.entities, key=lambda e: (-model.stories_of.get(e, 0), e))[:OVERVIEW_NODES]
    kept = set(ranked)
    order = list(KINDS)
    nodes = sorted(ranked, key=lambda e: (order.index(model.registry.entities[e].kind),
                                          model.registry.entities[e].name.casefold(), e))
    together = {entity: model.comentions.most(entity, COMENTIONS_SHOWN) for entity in nodes}
    edges, seen = [], set()
    for entity in nodes:
        for relation in model.relations.get(entity, ()):
            for other in relation.entities:
                pair = tuple(sorted((entity, other)))
                if other in kept and pair not in seen:
                    seen.add(pair)
                    edges.append(graphs.Edge(pair[0], pair[1], relation.label))
    for entity in nodes:
        for other, count in together[entity]:
            pair = tuple(sorted((entity, other)))
            if other in kept and pair not in seen and count >= 2:
                seen.add(pair)
                edges.append(graphs.Edge(pair[0], pair[1], None, count))
    words = []
    for entity in nodes:
        relations = [f"{escape(r.label.lower())} {join([_entity_link(model, e, page) for e in r.entities])}"
                     for r in model.relations.get(entity, ())]
        most = [f"{_entity_link(model, e, page)} ({n})" for e, n in together[entity][:5]]
        if most:
            relations.append("mentioned with " + join(most))
        words.append({"link": _entity_link(model, entity, page), "relations": join(relations, "; ")})
    svg = graphs.overview([_graph_node(model, e, page) for e in nodes], edges, None)
    return Page(page, "relations.md.j2", {
        "page_title": yaml_text("Relations"),
        "page_description": _description("How the treaties, islands, people and meetings of the sources relate: "
                                         "a graph, and the same in words."),
        "count": len(nodes), "total": len(model.registry.entities),
        "graph": Md(f'<figure class="relations-graph" {UNSEARCHED} tabindex="0" '
                    f'aria-label="The graph; scroll to see all of it">{svg}</figure>'),
        "entities": words,
    })


def _kind_index(model: SiteModel, kind_name: str) -> Page:
    kind = KINDS[kind_name]
    page = paths.kind_index(kind_name)
    fields = {f.key: f for f in kind.fields}
    rows = [
        {"link": _entity_link(model, e.id, page),
         "cells": [_value(model, e, key, page) for key in kind.columns],
         "sources": model.stories_of.get(e.id, 0)}
        for e in model.registry.of_kind(kind_name)
    ]
    return Page(page, "kind_index.md.j2", {
        "page_title": yaml_text(kind.title),
        "page_description": _description(f"{kind.title} of the Kuril Islands dispute, and how many stories of "
                                         "the sources mention each."),
        "title": kind.title,
        # The page's search result is this line: the table below is not indexed, as its
        # cells would read as one run of words.
        "intro": escape(f"{len(rows):,} {(kind.label if len(rows) == 1 else kind.title).lower()} in the site's "
                        "records, with how many stories of the sources mention each."),
        "label": kind.label,
        "columns": [fields[key].label for key in kind.columns],
        "rows": rows,
        "map": _map(model, page) if kind_name == "island" else None,
    })


def _entity_page(model: SiteModel, entity: Entity) -> Page:
    kind = KINDS[entity.kind]
    page = paths.entity_page(entity.kind, entity.id)

    summary, footnotes = [], []
    for index, statement in enumerate(entity.summary):
        citation = model.citations.get((entity.id, index))
        if citation is None:
            summary.append(escape(statement.text))
            continue
        footnotes.append(_footnote(model, model.article(citation.article), citation, page))
        summary.append(Md(f"{escape(statement.text)}[^{len(footnotes)}]"))

    groups, current = [], None
    for passage in model.passages.get(entity.id, ()):
        if current is None or current["id"] != passage.article:
            article = model.article(passage.article)
            current = {"id": article.id, "link": _article_link(article, page),
                       "outlet": _outlet(model, article), "date": article.published.display(),
                       "passages": []}
            groups.append(current)
        anchor = paths.paragraph_anchor(passage.paragraph)
        current["passages"].append({
            "sentence": _highlighted(passage.sentence, passage.highlights),
            "link": link(f"¶ {passage.paragraph + 1}", paths.link(page, paths.article_page(passage.article), anchor)),
        })

    relations = [
        {"label": r.label, "links": join([_entity_link(model, e, page) for e in r.entities])}
        for r in model.relations.get(entity.id, ())
    ]
    comentions = [
        {"link": _entity_link(model, other, page), "count": count}
        for other, count in model.comentions.most(entity.id, COMENTIONS_SHOWN)
    ]
    dated_to_it = {(e.article, e.paragraph, e.sentence, e.span) for e in model.events_of_meeting.get(entity.id, ())}
    infobox = [
        {"label": field.label, "value": _value(model, entity, field.key, page)}
        for field in kind.fields
        if field.key in entity.values
    ]
    return Page(page, "entity.md.j2", {
        "page_title": yaml_text(entity.name),
        "page_description": _description(entity.summary[0].text if entity.summary else entity.name),
        "name": entity.name,
        "kind": kind.label,
        "kind_link": link(kind.title, paths.link(page, paths.kind_index(entity.kind))),
        "aliases": join([with_languages(a) for a in entity.aliases]),
        "infobox": infobox,
        # An island's map fills it; a treaty that drew a border shows it.
        "map": (_map(model, page, entity if entity.kind == "island" else None, aside=True)
                if entity.kind == "island" or entity.values.get("border") else None),
        "summary": Md(" ".join(summary)),
        "footnotes": footnotes,
        "source_count": _source_count(model, entity.id),
        "whose": _whose(model, model.sources_of.get(entity.id, ())),
        "groups": groups,
        "relations": relations,
        "comentions": comentions,
        "graph": _neighbourhood(model, entity, page),
        # A meeting's page lists the statements dated to it first (_meeting_dates): not twice.
        "timeline": [_event_item(model, e, page) for e in model.events_of.get(entity.id, ())
                     if (e.article, e.paragraph, e.sentence, e.span) not in dated_to_it],
        "disagreements": [_disagreement(model, d, page) for d in model.disagreements_about.get(entity.id, ())],
        "conflicts": [_conflict(model, c, page) for c in model.conflicts_about.get(entity.id, ())],
        "meeting": _meeting_dates(model, entity, page) if entity.kind == "meeting" else None,
        "note": model.notes[entity.id].markdown if entity.id in model.notes else None,
        "handwritten": [
            {"link": link(hand.title, paths.link(page, hand.path)),
             "count": sum(1 for m in hand.mentions if m.entity == entity.id)}
            for hand in model.handwritten_about.get(entity.id, ())
        ],
    })


def _footnote(model: SiteModel, article: Article, citation, page: str) -> Md:
    anchor = paths.paragraph_anchor(citation.paragraph) if citation.paragraph is not None else None
    where = f", paragraph {citation.paragraph + 1}" if citation.paragraph is not None else ""
    source = _article_link(article, page, anchor,
                           f"{_outlet(model, article)}, {article.published.display()}{where}")
    text = Md(f"{source}: “{escape(article.title)}”")
    if citation.quote:
        text = Md(f"{text}. Quote: “{escape(citation.quote)}”")
    return text


def _article_page(model: SiteModel, article: Article) -> Page:
    page = paths.article_page(article.id)
    finding = model.findings[article.id]
    copies = [c for c in model.stories[model.story_of[article.id]] if c != article.id]
    paragraphs = [
        {"anchor": paths.paragraph_anchor(index), "number": index + 1,
         "text": _linked_paragraph(model, paragraph, offset, mentions, page)}
        for index, paragraph, offset, mentions in finding.by_paragraph()
    ]

    by_kind: dict[str, list] = {kind: [] for kind in KINDS}
    for entity_id, count in model.entities_in[article.id]:
        by_kind[model.registry.entities[entity_id].kind].append(
            {"link": _entity_link(model, entity_id, page), "count": count})
    return Page(page, "article.md.j2", {
        "page_title": yaml_text(article.title),
        "page_description": _description(f"{_outlet(model, article)}, {article.published.display()}: "
                                         f"{article.title}"),
        "title": article.title,
        "outlet": _outlet(model, article),
        "outlet_type": model.registry.outlets[article.outlet].type,
        "outlet_from": f"{model.registry.outlets[article.outlet].country}, "
                       f"{model.registry.outlets[article.outlet].kind}",
        "published": article.published.display() + _date_note(article.published),
        "published_note": article.published_note,
        "captured": article.captured,
        "authors": join([escape(a) for a in article.authors]),
        "language": article.language,
        "url": external_link(article.url, article.url) if article.url else None,
        "paragraphs": paragraphs,
        "entities": [
            {"title": KINDS[kind].title, "members": members} for kind, members in by_kind.items() if members
        ],
        "cited_by": join([_entity_link(model, e, page) for e in model.cited_by.get(article.id, ())]),
        "removed": [{"reason": r.reason, "text": r.text} for r in finding.clean.removed],
        "disagreements": [_disagreement(model, d, page) for d in model.disagreements_citing.get(article.id, ())],
        "conflicts": [_conflict(model, c, page) for c in model.conflicts_in.get(article.id, ())],
        "disagreements_link": link("Disagreements", paths.link(page, paths.DISAGREEMENTS)),
        "copies": [
            {"link": _article_link(model.article(c), page), "outlet": _outlet(model, model.article(c)),
             "date": model.article(c).published.display()}
            for c in copies[:COPIES_SHOWN]
        ],
        "more_copies": max(0, len(copies) - COPIES_SHOWN),
        "sources_link": link("All sources", paths.link(page, paths.SOURCES_INDEX)),
    })


# --- data --------------------------------------------------------------------------

MENTION_PART = 256
"""Articles per part of ``data/mentions.json``."""


def _data_files(model: SiteModel) -> list[DataFile]:
    """The data files; their records are made as they are written, a part at a time."""
    by_id = sorted(a.id for a in model.articles)
    return [
        DataFile(paths.ARTICLES_JSON, [Plan(_article_records, (by_id,))]),
        DataFile(paths.ENTITIES_JSON, [Plan(_entity_records)]),
        DataFile(paths.MENTIONS_JSON, [Plan(_mention_records, (by_id[i:i + MENTION_PART],))
                                       for i in range(0, len(by_id), MENTION_PART)]),
        DataFile(paths.EVENTS_JSON, [Plan(_event_records, (year, month))
                                     for year, _ in model.events.years for month, _ in model.events.months(year)]),
        DataFile(paths.DISAGREEMENTS_JSON, [Plan(_disagreement_records)]),
    ]


def _article_records(model: SiteModel, article_ids: Sequence[str]) -> Iterator[dict]:
    for a in map(model.article, article_ids):
        yield {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published.iso(),
               "precision": a.published.precision, "story": model.story_of[a.id]}


def _entity_records(model: SiteModel) -> Iterator[dict]:
    for e in model.registry.entities.values():
        yield {"id": e.id, "kind": e.kind, "name": e.name, "aliases": list(e.aliases),
               "url": paths.site_url(paths.entity_page(e.kind, e.id))}


def _mention_records(model: SiteModel, article_ids: Sequence[str]) -> Iterator[dict]:
    for article in article_ids:
        for m in model.findings[article].mentions:
            yield {"article": article, "entity": m.entity, "surface": m.surface, "start": m.start, "end": m.end,
                   "how": m.how}


def _event_records(model: SiteModel, year: int | None, month: int) -> Iterator[dict]:
    for e in model.events.of_month(year, month):
        yield {"date": e.date.iso() if e.date else None, "precision": e.date.precision if e.date else None,
               "planned": e.planned, "article": e.article, "sentence": e.sentence, "expression": e.expression,
               "entities": list(e.entities), "subject": e.subject, "note": e.note}


def _disagreement_records(model: SiteModel) -> Iterator[dict]:
    for v in model.disagreements:
        yield {"id": v.disagreement.id, "about": v.disagreement.about, "entities": list(v.disagreement.entities),
               "note": v.disagreement.note,
               "statements": [{"article": c.article, "quote": c.quote, "paragraph": c.paragraph + 1}
                              for c in v.statements]}
