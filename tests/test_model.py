"""The link stage: backlinks newest first, co-mention counts, relations both ways."""

from conftest import ARTICLE, write_sources
from generator.filing import file_articles
from generator.mentions import build_alias_index
from generator.model import build_model
from generator.registry import read_registry
from generator.sources import read_articles

OLDER = ARTICLE.format(id="older").replace('"2019-01-14"', '"2018"').replace(
    "Sergey Lavrov spoke about Iturup on Monday. He said the Accord stands.",
    "Lavrov visited the Kurils. Lavrov said Etorofu and the Kurils matter.")


def model_of(tmp_path):
    sources = write_sources(tmp_path, {"one": ARTICLE.format(id="one"), "older": OLDER})
    registry = read_registry(sources)
    index = build_alias_index(registry.alias_table())
    return build_model(registry, file_articles(read_articles(sources, registry), index))


def test_passages_are_grouped_newest_article_first_with_their_paragraph(tmp_path):
    model = model_of(tmp_path)
    assert [a.id for a in model.articles] == ["one", "older"]
    passages = model.passages["sergey-lavrov"]
    assert [(p.article, p.paragraph, p.sentence) for p in passages] == [
        ("one", 0, "Sergey Lavrov spoke about Iturup on Monday."),
        ("older", 0, "Lavrov visited the Kurils."),
        ("older", 0, "Lavrov said Etorofu and the Kurils matter."),
    ]
    assert passages[0].highlights == ((0, 13),)
    assert model.sources_of["iturup"] == ("one", "older")


def test_co_mentions_count_articles_not_mentions(tmp_path):
    model = model_of(tmp_path)
    assert model.comentions["sergey-lavrov"] == (("iturup", 2), ("accord", 1), ("kurils", 1))
    assert model.entities_in["older"] == (("sergey-lavrov", 2), ("kurils", 2), ("iturup", 1))


def test_registry_relations_are_shown_from_both_sides(tmp_path):
    model = model_of(tmp_path)
    assert [(r.label, r.entities) for r in model.relations["iturup"]] == [("Part of", ("kurils",))]
    assert [(r.label, r.entities) for r in model.relations["kurils"]] == [("Includes", ("iturup",))]
    assert [(r.label, r.entities) for r in model.relations["sergey-lavrov"]] == [("Meetings", ("talks",))]
