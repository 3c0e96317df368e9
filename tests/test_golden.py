"""The real sources, built: the golden checks of the end-to-end issue."""

import json
import os
import re
import subprocess
import sys
from collections import Counter

import pytest

from conftest import ROOT
from generator import pages
from generator.build import build
from generator.findings import find_in_article
from generator.facts import registry_facts
from generator.mentions import build_alias_index
from generator.registry import read_registry
from generator.sources import read_articles

REQUIRED = {
    "treaties": ["joint-declaration-1956", "peace-treaty", "treaty-of-san-francisco", "yalta-agreement",
                 "us-japan-security-treaty-1960", "soviet-memorandum-1960", "un-charter",
                 "japanese-instrument-of-surrender"],
    "islands": ["kuril-islands", "southern-kurils", "iturup", "kunashir", "shikotan", "habomai",
                "lesser-kuril-chain", "sakhalin"],
    "people": ["sergey-lavrov", "taro-kono", "vladimir-putin", "shinzo-abe", "mikhail-kamynin",
               "toyohisa-kodzuki", "joseph-stalin", "franklin-roosevelt", "winston-churchill"],
    "meetings": ["singapore-meeting-2018", "moscow-talks-2019", "munich-meeting-2019", "yalta-conference",
                 "g20-osaka-2019"],
}

# What the cleaner must remove from each seed, and nothing else: all of it is page furniture.
BOILERPLATE = {
    "tass-2019-01-14-sovereignty-non-negotiable": [
        "ID :", "519237", "Tue, 01/15/2019 - 10:27", "Auther :",
        "Russia’s sovereignty over Kuril Islands non-negotiable - Lavrov", "X", "Read more"],
    "vesti-2019-01-14-sovereignty-non-negotiable": [
        "Russia’s Sovereignty Non-Negotiable! Kuril Islands Aren’t Going Anywhere!",
        "The issue of Russia's sovereignty over the southernmost Kuril Islands isn't negotiable. Foreign Minister "
        "Sergey Lavrov stated that after the first round of negotiations with his Japanese counterpart Tarō Kōno. "
        "They discussed a peace treaty between our countries which has been negotiated over 60 years. There are "
        "still some disagreements, but the dialogue is being maintained."],
    "urdupoint-2019-01-14-significant-differences": [
        "Lavrov Says Russia, Japan Still Have Significant Differences Over Peace Treaty Subject",
        "Lavrov Says Russia, Japan Still Have Significant Differences Over Peace Treaty Subject",
        "Moscow and Tokyo still have some major disagreements over the subject of the negotiated peace treaty but "
        "the two sides have reaffirmed commitment to work based on the 1956 declaration, Russian Foreign Minister "
        "Sergey Lavrov said on Monday, following the first round of peace talks with his Japanese counterpart, "
        "Kono Taro"],
    "sputnik-2019-02-16-munich-lavrov-kono": [
        "04:38 GMT13 May 2021", "Listen Live", "Get short URL", "0 112",
        "READ MORE: Russia, Japan Confirm Interest in\u00a0Signing Peace Treaty\u00a0— Putin",
        "READ MORE: US Actions in\u00a0Japan Create Risks For Security of\u00a0Russia, China\u00a0— Lavrov (VIDEO)",
        "READ MORE: Russian Pompeii: Volcano on\u00a0Kurils Sends Two-Kilometer Ash Plume Into Air",
        "Over 88% of Japanese Sceptical That Kurils Dispute to be Solved Under Abe - Poll",
        "Putin-Abe Kurils Talks Seem to be Stalled, But Peace Treaty Possible - Scholars",
        "Russian-Japanese Peace Talks: Compromising on the Kurils",
        "Russia-Japan Peace Treaty Talks Will Not Affect Kurils Residents - Kremlin",
        "Japan to Propose Russia Abandon Mutual Compensation Claims on Kurils - Reports",
        "peace treaty, meeting, Munich Security Conference, Taro Kono, Sergei Lavrov, Japan, Russia, Kuril Islands",
        "Community standardsDiscussion"],
    "ria-novosti-2007-02-07-ready-for-dialogue": [
        "- Sputnik International", "Russia",
        "The latest news and stories from Russia. Stay tuned for updates and breaking news on defense, politics, "
        "economy and more.",
        "Moscow ready for dialogue with Japan on Kurils - Foreign Ministry", "Subscribe", "Newsfeed", "0",
        "To participate in the discussion", "log in or register", "loader", "Chats",
        "Заголовок открываемого материала",
        "The Foreign Ministry said Wednesday Russia rejects any attempts to revise the results of the Second "
        "World War, but is ready for dialogue with Japan on the sovereignty of the southern Kuril islands."],
}


@pytest.fixture(scope="module")
def findings():
    registry = read_registry(ROOT / "sources")
    index = build_alias_index(registry.alias_table(), registry_facts(registry))
    return registry, {a.id: find_in_article(a, index) for a in read_articles(ROOT / "sources", registry)}


def test_every_seed_has_a_source_page(generated, findings):
    _, by_id = findings
    assert len(by_id) == 5
    for article_id, finding in by_id.items():
        page = (generated / "sources" / f"{article_id}.md").read_text()
        assert f"# {finding.article.title}" in page.replace("\\", "")


def test_every_required_entity_has_its_page(generated):
    for folder, ids in REQUIRED.items():
        for entity_id in ids:
            assert (generated / folder / f"{entity_id}.md").is_file(), entity_id


def test_the_removed_text_of_each_seed_is_exactly_its_boilerplate(findings):
    _, by_id = findings
    assert {i: sorted(r.text for r in f.clean.removed) for i, f in by_id.items()} == {
        i: sorted(texts) for i, texts in BOILERPLATE.items()}


def test_every_word_and_sentence_of_the_body_survives(findings):
    _, by_id = findings
    for article_id, finding in by_id.items():
        captured = finding.article.body
        removed = " ".join(r.text for r in finding.clean.removed)
        visible = lambda text: Counter(c for c in text if not c.isspace())  # noqa: E731
        assert visible(captured) == visible(finding.clean.text) + visible(removed), article_id
        body = captured
        for piece in BOILERPLATE[article_id]:
            body = body.replace(piece, " ", 1)
        kept = "".join(finding.clean.text.split())  # whitespace aside: the cleaner may add breaks
        for sentence in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+", " ".join(body.split())):
            assert "".join(sentence.split()) in kept, (article_id, sentence)


def test_every_alias_occurrence_is_linked_to_the_right_entity(findings):
    registry, by_id = findings
    for finding in by_id.values():
        text = finding.clean.text
        for entity in registry.entities.values():
            for alias in entity.names:
                for occurrence in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text, re.IGNORECASE):
                    covering = [m for m in finding.mentions
                                if m.start <= occurrence.start() and occurrence.end() <= m.end]
                    excluded = any(
                        re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text[max(0, occurrence.start() - 40):
                                                                         occurrence.end() + 40], re.I)
                        for e in registry.entities.values() for p in e.exclude if alias.lower() in p.lower())
                    assert covering or excluded, (finding.article.id, alias)
                    if covering and (covering[0].start, covering[0].end) == occurrence.span():
                        assert covering[0].entity == entity.id, (finding.article.id, alias)


def test_tricky_mentions_in_the_seeds(findings):
    _, by_id = findings
    surfaces = {(i, m.surface, m.entity) for i, f in by_id.items() for m in f.mentions}
    assert ("vesti-2019-01-14-sovereignty-non-negotiable", "Tarō Kōno", "taro-kono") in surfaces
    assert ("urdupoint-2019-01-14-significant-differences", "Kono Taro", "taro-kono") in surfaces
    assert ("ria-novosti-2007-02-07-ready-for-dialogue", "Khabomai islands", "habomai") in surfaces
    assert ("tass-2019-01-14-sovereignty-non-negotiable", "Soviet government’s memorandum",
            "soviet-memorandum-1960") in surfaces
    ria = by_id["ria-novosti-2007-02-07-ready-for-dialogue"]
    assert [m.surface for m in ria.mentions if m.entity == "sakhalin"] == ["Sakhalin"]
    assert "Sakhalin Region" in ria.clean.text


def test_source_pages_link_the_first_mention_per_paragraph(generated):
    page = (generated / "sources" / "tass-2019-01-14-sovereignty-non-negotiable.md").read_text()
    paragraph = next(line for line in page.splitlines() if line.startswith("Moscow has stated"))
    assert paragraph.count("(../treaties/peace-treaty.md)") == 1
    assert "[Vladimir Putin](../people/vladimir-putin.md)" in paragraph


def test_published_data_matches_the_text(generated, findings):
    _, by_id = findings
    mentions = json.loads((generated / "data" / "mentions.json").read_text())
    assert len(mentions) == sum(len(f.mentions) for f in by_id.values())
    for record in mentions:
        text = by_id[record["article"]].clean.text
        assert text[record["start"]:record["end"]] == record["surface"]
    entities = {e["id"]: e for e in json.loads((generated / "data" / "entities.json").read_text())}
    assert entities["iturup"] == {"id": "iturup", "kind": "island", "name": "Iturup",
                                  "aliases": ["Etorofu", "Iturup Island", "Etorofu Island", "Итуруп", "択捉島"],
                                  "url": "islands/iturup/"}


def test_output_is_identical_whatever_the_hash_seed_locale_and_file_order(tmp_path):
    """Two runs differ in hash seed, locale and the order the source files were created in."""
    reversed_copy = tmp_path / "sources"
    for path in sorted((ROOT / "sources").rglob("*"), reverse=True):
        target = reversed_copy / path.relative_to(ROOT / "sources")
        if path.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    trees = []
    for seed, locale, sources in (("1", "C", ROOT / "sources"), ("2", "C.UTF-8", reversed_copy)):
        out = tmp_path / seed
        environment = {**os.environ, "PYTHONHASHSEED": seed, "LC_ALL": locale, "LANG": locale}
        subprocess.run([sys.executable, "-m", "generator", "build", "--sources", str(sources), "--out", str(out)],
                       cwd=ROOT, env=environment, check=True, capture_output=True)
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert trees[0] == trees[1] and len(trees[0]) > 40


def test_a_build_in_place_matches_the_standalone_build(tmp_path):
    report = build(ROOT / "sources", tmp_path)
    assert report.articles == 5 and report.entities == 35


def test_the_timeline_groups_dated_statements_by_year_oldest_first(generated):
    page = (generated / "timeline.md").read_text()
    headings = [line[3:] for line in page.splitlines() if line.startswith("## ")]
    # From the registry's dated history (treaties signed, meetings held) on, one line each.
    assert headings == ["1855", "1875", "1945", "1951", "1956", "1960", "2006", "2007", "2018", "2019"]
    assert ("- **7 February 1855** · [Treaty of Shimoda](treaties/treaty-of-shimoda.md) signed — Shimoda, Japan "
            "(the site's records)") in page
    assert "- **June 2019 (planned)** · When asked by reporters whether the sides would be able to overcome" in page
    assert "*date:* “Last month”: counted from the publication month" in page
    assert "*date:* “Last week”: the week of 7–13 January 2019" in page
    # A dateline and a date phrase that open the sentence are left out: the line gives both.
    assert "- **7 February 2007** · The Foreign Ministry said Wednesday Russia rejects" in page


def test_meeting_pages_show_the_registry_date_next_to_what_the_sources_say(generated):
    page = (generated / "meetings" / "munich-meeting-2019.md").read_text()
    assert "This site dates this meeting **16 February 2019**." in page
    assert ("- **16 February 2019** · Russia expects to continue talks with Japan on concluding a permanent peace "
            "treaty in accordance with the … ([Sputnik, 16 February 2019, ¶ 1]") in page
    assert page.count("Russia expects to continue talks with Japan") == 2  # in the sources, dated to it
    singapore = (generated / "meetings" / "singapore-meeting-2018.md").read_text()
    assert "- **14 November 2018** · Russian President Vladimir Putin and Japanese Prime Minister" in singapore


def test_events_are_published_as_data(generated):
    events = json.loads((generated / "data" / "events.json").read_text())
    assert len(events) == 22  # 3 of them dated by the meeting they name ("after the negotiations")
    assert events[0] == {
        "article": "tass-2019-01-14-sovereignty-non-negotiable", "date": "1945-09-02", "precision": "day",
        "planned": False, "expression": "September 2, 1945", "entities": ["un-charter"], "note": None,
        "subject": "sergey-lavrov",  # '"...," he noted.' after a paragraph that quotes Lavrov
        "sentence": "A thing to note is that it was enshrined in the United Nations Charter and numerous documents "
                    "signed after World War II, including those signed on September 2, 1945, and a number of "
                    "later documents,\" he noted."}
    assert {e["precision"] for e in events} == {"day", "month", "year"}


def test_the_disagreements_of_the_seeds_are_recorded_and_shown(generated):
    records = json.loads((generated / "data" / "disagreements.json").read_text())
    assert [r["id"] for r in records] == ["state-of-war", "japanese-name-of-iturup",
                                          "islands-of-the-lesser-kuril-chain", "areas-of-the-disputed-islands"]
    assert records[0]["statements"][0] == {"article": "vesti-2019-01-14-sovereignty-non-negotiable",
                                           "quote": "Russia and Japan are still formally in a state of war.",
                                           "paragraph": 5}
    iturup = (generated / "islands" / "iturup.md").read_text()
    assert "## Disagreements" in iturup and "### What Japan calls Iturup" in iturup
    assert ("calls [Iturup](iturup.md) “Shikotan”, a name this site gives to [Shikotan](shikotan.md)"
            in iturup)
    vesti = (generated / "sources" / "vesti-2019-01-14-sovereignty-non-negotiable.md").read_text()
    assert "## Disagreements" in vesti and "### Whether Russia and Japan are still formally" in vesti
    assert "## Names this site gives to something else" in (generated / "disagreements.md").read_text()


def test_a_long_timeline_gets_a_page_per_year(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "TIMELINE_ON_ONE_PAGE", 10)  # the seeds have 19 dated statements
    build(ROOT / "sources", tmp_path)
    overview = (tmp_path / "timeline.md").read_text()
    assert "- [2019](timeline/2019.md) (" in overview and "## 2019" not in overview
    years = sorted(p.stem for p in (tmp_path / "timeline").glob("*.md"))
    assert years == ["1855", "1875", "1945", "1951", "1956", "1960", "2006", "2007", "2018", "2019"]
    part = (tmp_path / "timeline" / "2019.md").read_text()
    assert "- **June 2019 (planned)** · When asked by reporters whether the sides would be able to overcome" in part
    assert "[Timeline](../timeline.md)" in part and "](../sources/" in part
    for target in re.findall(r"\]\((\.\./[^)#]+)", part):
        assert (tmp_path / "timeline" / target).resolve().is_file(), target


def test_a_long_year_gets_a_page_per_month(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "TIMELINE_ON_ONE_PAGE", 1)
    build(ROOT / "sources", tmp_path)
    parts = sorted(p.stem for p in (tmp_path / "timeline").glob("*.md"))
    assert parts == ["1855", "1875", "1945", "1951", "1956", "1960", "1960-01", "2006", "2007", "2018", "2018-11",
                     "2019", "2019-01", "2019-02", "2019-06"]  # 1956: three statements, all "in 1956"
    year = (tmp_path / "timeline" / "2019.md").read_text()
    assert "- [January 2019](2019-01.md) (8 statements)\n- [February 2019](2019-02.md) (1 statement)\n" in year
    assert "** · He was summoned" not in year and "month not known" not in year  # on the month's page
    assert "- **14 January 2019** · [Lavrov–Kono talks in Moscow (January 2019)]" in year  # the records
    month = (tmp_path / "timeline" / "2019-01.md").read_text()
    assert "# January 2019\n" in month and "the page\nfor [2019](2019.md) lists its months" in month
    assert month.index("- **January 2019** · He was summoned") < month.index("- **14 January 2019** ·")
    assert "June 2019" not in month
    mixed = (tmp_path / "timeline" / "1960.md").read_text()
    assert ("- [January 1960](1960-01.md) (1 statement)\n\n## From the site's records\n\n- **19 January 1960** · "
            "[US–Japan Security Treaty (1960)]") in mixed
    assert "## 1960, month not known\n\n- **1960** · However" in mixed
    assert "memorandum dated January 27" not in mixed  # on the page of January 1960
    for page in (tmp_path / "timeline").glob("*.md"):
        for target in re.findall(r"\]\(([^)#]+)", page.read_text()):
            assert (page.parent / target).resolve().is_file(), (page.name, target)


def test_meeting_pages_list_the_articles_that_describe_them(generated):
    """The seeds call the meetings "the first round of talks", "a meeting with his Japanese
    counterpart", "a meeting on the sidelines of the ASEAN summit": each such sentence is on
    the meeting's page, with a paragraph link."""
    def sources(meeting):
        page = (generated / "meetings" / f"{meeting}.md").read_text()
        section = page.split("## In the sources", 1)[1].split("\n## ", 1)[0]
        return {line.split("](../sources/", 1)[1].split(".md", 1)[0]
                for line in section.splitlines() if line.startswith("- ") and "#p" in line}
    assert sources("moscow-talks-2019") >= {"tass-2019-01-14-sovereignty-non-negotiable",
                                            "vesti-2019-01-14-sovereignty-non-negotiable",
                                            "urdupoint-2019-01-14-significant-differences"}
    assert "sputnik-2019-02-16-munich-lavrov-kono" in sources("munich-meeting-2019")
    assert sources("singapore-meeting-2018") == {"tass-2019-01-14-sovereignty-non-negotiable"}
    mentions = json.loads((generated / "data" / "mentions.json").read_text())
    assert {"article": "tass-2019-01-14-sovereignty-non-negotiable", "entity": "moscow-talks-2019",
            "surface": "the first round of Russian-Japanese talks", "how": "description"} in [
        {k: m[k] for k in ("article", "entity", "surface", "how")} for m in mentions]


def test_pages_say_whose_sources_their_statements_rest_on(generated):
    home = (generated / "index.md").read_text()
    assert ("**Whose sources:** 5 articles: 4 from Russia (3 by state agencies, 1 by a public broadcaster); "
            "1 from Pakistan, by an aggregator.") in home
    iturup = (generated / "islands" / "iturup.md").read_text()
    assert ("*Whose sources:* 3 articles: 3 from Russia (2 by state agencies, 1 by a public broadcaster). "
            "All of them come from Russia.") in iturup
    disagreements = (generated / "disagreements.md").read_text()
    assert ("*Whose sources:* 3 articles: 2 from Russia (1 by a public broadcaster, 1 by a state agency); "
            "1 from Pakistan, by an aggregator.") in disagreements
    tass = (generated / "sources" / "tass-2019-01-14-sovereignty-non-negotiable.md").read_text()
    assert "**TASS** (Russia, state agency) · published **14 January 2019**" in tass
