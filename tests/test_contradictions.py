from generator.cleaning import clean_article
from generator.contradictions import find_name_conflicts
from generator.mentions import build_alias_index, find_mentions

INDEX = build_alias_index([("Iturup", "iturup"), ("Etorofu", "iturup"), ("Shikotan", "shikotan"),
                           ("Kunashir", "kunashir")])


def conflicts(text):
    clean = clean_article(text, "Title")
    return [(c.entity, c.name, c.owner, c.paragraph)
            for c in find_name_conflicts("a", clean, find_mentions(clean.text, INDEX))]


def test_a_name_held_by_another_entity_is_flagged():
    assert conflicts("First.\n\nKunashir and Iturup (called Shikotan in Japan) were taken.") == [
        ("iturup", "Shikotan", "shikotan", 1)]
    assert conflicts("Iturup, known as Shikotan, is large.") == [("iturup", "Shikotan", "shikotan", 0)]


def test_the_right_name_and_plain_lists_are_not_flagged():
    assert conflicts("Iturup (called Etorofu in Japan) is large.") == []
    assert conflicts("Kunashir and Iturup, Shikotan — and Kunashir (Shikotan) too.") == []
