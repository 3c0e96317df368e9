"""Each rule of references by description, people in time, variants and dates as reporters
write them, on sentences written for these tests (generator/references.py, mentions.py,
variants.py, events.py)."""

from pathlib import Path

import pytest

from generator.facts import registry_facts
from generator.findings import find_in_article
from generator.mentions import build_alias_index, find_mentions
from generator.registry import read_registry
from generator.sources import Article
from generator.dates import parse_date
from generator.variants import alias_variants

ROOT = Path(__file__).resolve().parent.parent

SHINTARO = """
- id: shintaro-abe
  name: Shintaro Abe
  aliases: [Abe]
  country: Japan
  offices:
    - title: Minister for Foreign Affairs of Japan
      from: "1982-11-27"
      to: "1986-07-22"
  summary: [A Japanese foreign minister of the 1980s.]
"""


SAKHALIN = """
- id: sakhalin-talks-2019
  name: Fisheries talks in Yuzhno-Sakhalinsk (2019)
  date: "2019-03-20"
  place: Yuzhno-Sakhalinsk
  participants: [toyohisa-kodzuki]
  summary: [Talks held for these tests.]
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """The site's registry with a namesake added (two people called Abe) and a meeting in a
    city whose name has a hyphen."""
    import shutil
    sources = tmp_path_factory.mktemp("sources")
    shutil.copytree(ROOT / "sources", sources, dirs_exist_ok=True)
    with open(sources / "entities" / "people.yml", "a", encoding="utf-8") as file:
        file.write(SHINTARO)
    with open(sources / "entities" / "meetings.yml", "a", encoding="utf-8") as file:
        file.write(SAKHALIN)
    registry = read_registry(sources)
    return build_alias_index(registry.alias_table(), registry_facts(registry))


def finding(index, text: str, published: str = "2019-01-15"):
    article = Article(id="test", file="sources/articles/test.md", title="Test", outlet="tass", agency=None,
                      url=None, published=parse_date(published), published_note=None, captured=None,
                      authors=(), language="en", body=text)
    return find_in_article(article, index)


def links(index, text, published="2019-01-15"):
    return [(m.surface, m.entity, m.how) for m in finding(index, text, published).mentions]


def events(index, text, published="2019-01-15"):
    return [(e.expression, e.date.iso() if e.date else None, e.subject) for e in finding(index, text, published).events]


# --- meetings by description ------------------------------------------------------------------

def test_a_description_links_when_date_and_participant_agree(index):
    found = links(index, "Sergey Lavrov said on Monday that the talks with his Japanese counterpart had been difficult.")
    assert ("the talks", "moscow-talks-2019", "description") in found


def test_a_description_without_a_date_is_the_meeting_of_the_last_days(index):
    assert ("the meeting", "moscow-talks-2019", "description") in links(
        index, "Kono told reporters after the meeting that Tokyo wanted to keep talking.")
    # the same words a month later: no meeting of the last days, nothing linked
    assert not [f for f in links(index, "Kono told reporters after the meeting that Tokyo wanted to keep talking.",
                                 "2019-03-20") if f[2] == "description"]


def test_a_description_needs_a_participant_or_the_place(index):
    found = links(index, "Diplomats said on Monday that the talks had been difficult.")
    assert not [f for f in found if f[2] == "description"]


def test_a_named_other_event_or_another_place_is_not_the_meeting(index):
    text = "Putin and Abe met on the sidelines of the ASEAN summit in Singapore on November 14, 2018."
    assert not [f for f in links(index, text) if f[1] == "singapore-meeting-2018"]
    text = "Sergey Lavrov said on Monday that the talks in Tokyo had been difficult."
    assert not [f for f in links(index, text) if f[2] == "description"]


def test_a_word_of_the_meetings_name_may_modify_a_description(index):
    text = "Abe is due in Osaka for the G20 summit on June 28."
    assert ("the G20 summit", "g20-osaka-2019", "description") in links(index, text, "2019-02-17")
    # the word must be in the name of the meeting it links to, and the rest must agree
    for text, published in (("Abe was in Buenos Aires for the G20 summit on December 1.", "2018-12-03"),
                            ("Abe is due in Osaka for the Tokyo summit on June 28.", "2019-02-17")):
        assert not [f for f in links(index, text, published) if f[2] == "description"], text


def test_next_new_and_process_words_point_elsewhere(index):
    for text in ("Lavrov said a new meeting with Kono was needed.",
                 "Lavrov and Kono agreed on Monday to continue the talks."):
        assert not [f for f in links(index, text) if f[2] in ("description", "coreference")], text


def test_a_later_definite_description_is_the_meeting_named_before(index):
    text = ("Sergey Lavrov said on Monday that the talks with Taro Kono had been difficult.\n\n"
            "The Japanese delegation refused to hold a press conference after the negotiations.")
    assert ("the negotiations", "moscow-talks-2019", "coreference") in links(index, text)


def test_a_place_whose_name_has_a_hyphen_is_evidence_and_fits(index):
    # the place is compared word by word, as the meeting's place is split ("Yuzhno", "Sakhalinsk")
    text = "Officials described the talks in Yuzhno-Sakhalinsk on Wednesday as useful."
    assert ("the talks", "sakhalin-talks-2019", "description") in links(index, text, "2019-03-22")
    assert not [f for f in links(index, text, "2019-05-22") if f[1] == "sakhalin-talks-2019"]  # another date


def test_a_time_counted_from_a_meeting_moves_the_date_the_description_must_agree_with(index):
    text = "Lavrov and Kono met in Munich on Saturday, a month after the first round of talks in Moscow."
    assert ("the first round of talks", "moscow-talks-2019", "description") in links(index, text, "2019-02-18")
    assert events(index, text, "2019-02-18") == [("on Saturday", "2019-02-16", None),
                                                 ("a month after the first round of talks", "2019-02", None)]
    # without a date of its own, the statement is not dated to the day of the talks
    assert events(index, "Kono visited Munich a month after the talks in Moscow.", "2019-02-18") == [
        ("a month after the talks", "2019-02", None)]
    assert events(index, "Japan protested a year after the signing of the Treaty of San Francisco.") == [
        ("a year after the signing of the Treaty of San Francisco", "1952", None)]


KREMLIN = """
- id: kremlin-talks-2019
  name: Putin–Abe talks in Moscow (January 2019)
  date: "2019-01-14"
  place: Moscow, the Kremlin
  participants: [vladimir-putin, shinzo-abe]
  summary: [Talks held for these tests, in Moscow on the day of the Lavrov–Kono talks.]
"""


def test_of_meetings_that_agree_the_one_of_the_people_named_wins_over_the_place_alone(tmp_path):
    import shutil
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    with open(tmp_path / "sources" / "entities" / "meetings.yml", "a", encoding="utf-8") as file:
        file.write(KREMLIN)
    registry = read_registry(tmp_path / "sources")
    two = build_alias_index(registry.alias_table(), registry_facts(registry))
    assert ("the talks", "moscow-talks-2019", "description") in links(
        two, "Kono spoke after the talks in Moscow on Monday.")
    assert ("the talks", "kremlin-talks-2019", "description") in links(
        two, "Abe spoke after the talks in Moscow on Monday.")
    # the place alone, or people of both: nothing
    for text in ("Reporters waited after the talks in Moscow on Monday.",
                 "Kono and Abe spoke after the talks in Moscow on Monday."):
        assert not [f for f in links(two, text) if f[2] == "description"], text


def test_a_meeting_named_as_background_is_not_what_later_talks_are(index):
    # an article of 2021 recalls the Moscow talks of 2019, then reports talks of its own day
    text = ("In January 2019, Lavrov and Kono held the Lavrov–Kono talks in Moscow.\n\n"
            "The Japanese side said nothing after the negotiations.")
    assert [f for f in links(index, text, "2021-03-02") if f[1] == "moscow-talks-2019"] == [
        ("Lavrov–Kono talks in Moscow", "moscow-talks-2019", "name")]
    assert "2019-01-14" not in [date for _, date, _ in events(index, text, "2021-03-02")]
    # within a month of the meeting, the same words refer back to it
    assert ("the negotiations", "moscow-talks-2019", "coreference") in links(index, text, "2019-02-10")


def test_two_meetings_on_the_evidence_link_neither(index):
    # a year alone is not enough evidence, and "in 2019" fits two meetings of the same people
    text = "In 2019 Lavrov and Kono held the talks that both sides called useful."
    assert not [f for f in links(index, text, "2020-01-10") if f[2] == "description"]


def test_a_statement_at_a_meeting_takes_the_meeting_date(index):
    text = "Sergey Lavrov said on Monday that the talks had been difficult.\n\nKono spoke after the talks."
    assert ("after the talks", "2019-01-14", None) in events(index, text)
    assert ("the signing of the Treaty of San Francisco", "1951-09-08", None) in events(
        index, "Since the signing of the Treaty of San Francisco, Japan has argued its case.")


# --- people in time ---------------------------------------------------------------------------

def test_a_shared_surname_is_the_person_in_office_at_the_article_date(index):
    assert ("Abe", "shintaro-abe", "namesake") in links(index, "Abe visited Moscow.", "1986-01-20")
    assert ("Abe", "shinzo-abe", "namesake") in links(index, "Abe visited Moscow.", "2016-05-07")


def test_a_shared_surname_outside_every_office_is_ambiguous_and_not_linked(index):
    result = finding(index, "Abe visited Moscow.", "2002-04-08")
    assert not [m for m in result.mentions if m.surface == "Abe"]
    assert [a.candidates for a in result.ambiguous] == [("shintaro-abe", "shinzo-abe")]


def test_the_full_name_in_the_article_decides(index):
    found = links(index, "Shinzo Abe arrived. Abe said he was hopeful.", "2002-04-08")
    assert ("Abe", "shinzo-abe", "surname") in found


def test_a_surname_after_an_unknown_given_name_is_someone_else(index):
    assert not [f for f in links(index, "Akie Abe, his wife, said nothing.", "2016-05-07") if f[0] == "Abe"]
    assert ("Abe", "shinzo-abe", "namesake") in links(index, "Prime Minister Abe said nothing.", "2016-05-07")


def test_a_bare_surname_before_the_persons_first_office_is_not_linked():
    index = build_alias_index([("Sergey Lavrov", "lavrov"), ("Lavrov", "lavrov")],
                              _facts({"lavrov": [("2004-03-09", None)]}))
    assert find_mentions("Lavrov spoke.", index, when=parse_date("1990")) == ()
    assert [m.entity for m in find_mentions("Lavrov spoke.", index, when=parse_date("2019"))] == ["lavrov"]


def _facts(offices):
    from generator.facts import Facts, PersonFacts, first_day
    return Facts(people={p: PersonFacts(tuple((first_day(parse_date(a)), b and first_day(parse_date(b)))
                                              for a, b in spans)) for p, spans in offices.items()},
                 kinds={p: "person" for p in offices})


# --- variants ---------------------------------------------------------------------------------

def test_regular_variants_are_generated_and_misspellings_are_not():
    assert set(alias_variants("Kurils", "island")) >= {"Kuriles", "Kuril", "Kurile"}
    assert "Kunashir Isle" in alias_variants("Kunashir Island", "island")
    assert "South Kuriles" in alias_variants("South Kurils", "island")
    assert alias_variants("peace treaty", "treaty") == []  # not a proper name
    assert alias_variants("Sergey Lavrov", "person") == []
    assert "Northern Territory" not in alias_variants("Northern Territories", "island")


def test_variants_link_and_a_longer_name_is_not_split(index):
    assert ("South Kuriles", "southern-kurils", "variant") in links(index, "Money for the South Kuriles.")
    assert ("Iturup Isle", "iturup", "variant") in links(index, "He flew to Iturup Isle.")
    assert ("Etorofu", "iturup", "name") in links(index, "He flew to Etorofu-to.")
    assert links(index, "Residents of the Greater Kuril Chain and the North Kurils district.") == []
    # the longer name is set aside before overlaps are settled: the name it overlaps is found
    assert links(index, "The Lesser Kuril islands lie east.") == [("Lesser Kuril", "lesser-kuril-chain", "variant")]
    assert links(index, "He flew to Kunasiri.") == []  # a misspelling


def test_a_general_alias_links_only_where_the_article_names_its_context(index):
    # "peace treaty" is the Russia–Japan peace treaty only in an article about Russia and Japan
    assert links(index, "Japan and China signed a peace treaty in 1978.") == []
    assert ("peace pact", "peace-treaty", "name") in links(
        index, "Tokyo wants the islands back.\n\nRussia says Japan must accept the results of the war "
               "before a peace pact.")
    assert ("peace treaty", "peace-treaty", "name") in links(
        index, "The Soviet Union never signed a peace treaty with Japan.", "1990-05-01")
    # a name of its own links everywhere
    assert ("Russia–Japan peace treaty", "peace-treaty", "name") in links(index, "The Russia–Japan peace treaty.")


# --- dates as reporters write them ------------------------------------------------------------

@pytest.mark.parametrize("text, published, expected", [
    ("The rally is held on Feb.7 each year.", "2007-02-08", ("Feb.7", "2007-02-07")),
    ("Putin will visit on 15-16 December.", "2016-11-30", ("on 15-16 December", "2016-12")),
    ("They fought a war in 1904-1905.", "2005-09-27", ("in 1904-1905", None)),
    ("He had tried in the 1980s.", "2019-05-10", ("in the 1980s", None)),
    ("They want a treaty by the end of the year.", "2018-09-13", ("by the end of the year", "2018")),
    ("Last autumn, officials said so.", "2019-02-10", ("Last autumn", "2018")),
    ("Last summer, officials said so.", "2019-10-10", ("Last summer", "2019")),
    ("Earlier this month, officials said so.", "2019-01-25", ("Earlier this month", "2019-01")),
])
def test_one_date_expression(index, text, published, expected):
    assert [e[:2] for e in events(index, text, published)] == [expected]


def test_a_date_counted_from_the_date_just_before(index):
    found = events(index, "On Thursday he arrived; the previous day he had spoken. Two days later he left.", "2016-12-17")
    assert [e[:2] for e in found] == [("Thursday", "2016-12-15"), ("the previous day", "2016-12-14"),
                                      ("Two days later", "2016-12-16")]
    # counted from a month, a day cannot be resolved
    assert [e[:2] for e in events(index, "Earlier this month, it began. Two days later, it ended.", "2019-01-25")] == [
        ("Earlier this month", "2019-01"), ("Two days later", None)]


def test_several_dates_in_one_sentence_and_a_month_taking_the_next_year(index):
    found = events(index, "The Soviet Union took the islands in August and September 1945, and signed in October 1956.",
                   "2019-06-30")
    assert [e[:2] for e in found] == [("in August", "1945-08"), ("September 1945", "1945-09"),
                                      ("October 1956", "1956-10")]


# --- who said it ------------------------------------------------------------------------------

def test_a_pronoun_subject_names_the_one_person_named_before(index):
    text = "Mikhail Kamynin spoke to reporters.\n\nOn Wednesday he said that Russia was ready for dialogue."
    assert events(index, text, "2007-02-07") == [("Wednesday", "2007-02-07", "mikhail-kamynin")]


def test_a_pronoun_after_two_people_names_nobody(index):
    text = "Putin met Abe in the Kremlin.\n\nYesterday he said there was no deadline."
    assert events(index, text, "2019-01-23") == [("Yesterday", "2019-01-22", None)]
