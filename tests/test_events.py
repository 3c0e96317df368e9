"""Dated statements: the rules on made-up sentences, and precision and recall on the seeds."""

from pathlib import Path

import yaml

from conftest import ROOT
from generator.cleaning import clean_article
from generator.dates import parse_date
from generator.events import find_events
from generator.findings import find_in_article
from generator.mentions import build_alias_index
from generator.registry import read_registry
from generator.sources import Article, read_articles


def events(text, published="2019-02-16"):
    article = Article("a", "Title", "wire", None, None, parse_date(published), None, None, (), "en", text, "a.md")
    clean = clean_article(text, "Title")
    return [(e.date.iso() if e.date else None, e.planned, e.expression)
            for e in find_events(article, clean, ())]


def test_full_dates_in_common_forms():
    assert events("It was signed on November 14, 2018. Then 14th January, 2019 came. "
                  "Talks began 3 Feb. 2019 and ended 2019-02-05.") == [
        ("2018-11-14", False, "November 14, 2018"), ("2019-01-14", False, "14th January, 2019"),
        ("2019-02-03", False, "3 Feb. 2019"), ("2019-02-05", False, "2019-02-05")]


def test_months_and_years_keep_their_precision():
    assert events("In 1956, they signed. Talks resumed in January 2019.") == [
        ("1956", False, "In 1956"), ("2019-01", False, "January 2019")]


def test_relative_expressions_resolve_against_the_publication_date():
    assert events("Last month, they met. Last year, they spoke. At the end of last year, they agreed. "
                  "Sixty years ago, it began. Last week, he was summoned. He said on Saturday that "
                  "talks go on. The minister said Wednesday it was over. Today, we confirm.") == [
        ("2019-01", False, "Last month"), ("2018", False, "Last year"),
        ("2018", False, "At the end of last year"), ("1959", False, "Sixty years ago"),
        ("2019-02", False, "Last week"), ("2019-02-16", False, "on Saturday"),
        ("2019-02-13", False, "Wednesday"), ("2019-02-16", False, "Today")]


def test_a_week_across_two_months_is_only_a_year():
    assert events("Last week, they met.", published="2019-02-04") == [("2019", False, "Last week")]


def test_planned_events_are_after_publication():
    assert events("The summit in June will decide. They will meet on Friday. Next year, more talks.") == [
        ("2019-06", True, "in June"), ("2019-02-22", True, "on Friday"), ("2020", True, "Next year")]


def test_a_weekday_is_not_resolved_without_the_day_of_publication():
    article = Article("a", "T", "wire", None, None, parse_date("2019"), None, None, (), "en", "", "a.md")
    (event,) = find_events(article, clean_article("He spoke on Monday.", "T"), ())
    assert event.date is None and not event.planned
    assert event.note == "“on Monday”: cannot be resolved, the article is dated only 2019"


def test_years_as_names_amounts_and_durations_date_nothing():
    assert events("Based on the 1956 declaration and the declaration of 1956, with 4629 sq km and "
                  "a treaty negotiated over 60 years, May we go?") == []


def test_a_month_abbreviation_is_a_whole_word():
    # "in Decker's office" is no December, and "in Janet's" no January
    assert events("The decision was taken in Decker's office. They met in Janet's house, not in Jan. "
                  "or in March.") == [("2019-01", False, "in Jan."), ("2019-03", True, "in March")]


def test_every_form_of_a_date_passes_the_tests_that_choose_the_patterns_to_try():
    # the cheap tests that decide which patterns to try on a sentence must let every form through
    assert events("SIGNED ON November 14, 2018. (Feb.7) Talks on 15-16 December. In the 1990s. "
                  "From 1904-1905. Three days later. The previous day. Last autumn. Earlier today.") == [
        ("2018-11-14", False, "November 14, 2018"), ("2019-02-07", False, "Feb.7"),
        ("2018-12", False, "on 15-16 December"), (None, False, "In the 1990s"),
        (None, False, "From 1904-1905"), (None, False, "Three days later"), (None, False, "The previous day"),
        ("2018", False, "Last autumn"), ("2019-02-16", False, "Earlier today")]


def test_a_dateline_is_not_an_event_but_the_rest_of_the_sentence_is():
    assert events("MOSCOW, February 7 (Agency) - The ministry said Wednesday it agrees.",
                  published="2007-02-07") == [("2007-02-07", False, "Wednesday")]
    assert events("PARIS, May 5. /Agency/. Nothing else.", published="2019-05-05") == []


def labelled_and_found():
    labels = yaml.safe_load((Path(__file__).parent / "dated_statements.yml").read_text("utf-8"))
    registry = read_registry(ROOT / "sources")
    index = build_alias_index(registry.alias_table())
    found = [e for a in read_articles(ROOT / "sources", registry) for e in find_in_article(a, index).events]
    expected = [(article, label["sentence"], label["date"], label.get("planned", False))
                for article, items in labels.items() for label in items]
    return expected, found


def test_precision_and_recall_on_the_labelled_seeds(record_property):
    expected, found = labelled_and_found()

    def matches(label, event):
        article, sentence, date, planned = label
        return (event.article == article and event.sentence.startswith(sentence)
                and event.date is not None and event.date.iso() == date and event.planned == planned)

    true_positives = sum(1 for label in expected if any(matches(label, e) for e in found))
    correct = sum(1 for e in found if any(matches(label, e) for label in expected))
    precision, recall = correct / len(found), true_positives / len(expected)
    record_property("precision", precision)
    record_property("recall", recall)
    print(f"\ndated statements in the seeds: precision {precision:.2f} ({correct}/{len(found)}), "
          f"recall {recall:.2f} ({true_positives}/{len(expected)})")
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
