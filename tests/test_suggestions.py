"""python -m generator suggest: uncovered names and likely spelling variants."""

import json
import subprocess
import sys

from conftest import FRONT_MATTER, ROOT, write_sources

TEXT = """\
Sergei Lavrov met the delegation at the Munich Security Conference on Friday.
The Munich Security Conference ended. However, Sergey Lavrov spoke again.

Initially, nothing moved. Officials cited the Treaty of Mutual Cooperation. Etorofo was mentioned once.
Ambassador Toyohisa Kozuki arrived at the Munich Security Conference.
"""


def suggest(tmp_path, *extra):
    write_sources(tmp_path, {"one": FRONT_MATTER.format(id="one") + TEXT,
                             "two": FRONT_MATTER.format(id="two") + "Talks at the Munich Security Conference.\n"})
    return subprocess.run([sys.executable, "-m", "generator", "suggest", "--sources", "sources", *extra],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_suggestions_as_json(tmp_path):
    result = suggest(tmp_path, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    variants = {v["name"]: (v["entity"], v["alias"], v["count"]) for v in data["variants"]}
    assert variants == {"Sergei Lavrov": ("sergey-lavrov", "Sergey Lavrov", 1),
                        "Etorofo": ("iturup", "Etorofu", 1)}
    # people first, then meetings, documents and places; the most frequent first in each kind
    assert [(u["name"], u["guess"]) for u in data["uncovered"][:3]] == [
        ("Toyohisa Kozuki", "person"), ("Munich Security Conference", "meeting"),
        ("Treaty of Mutual Cooperation", "document")]
    assert data["uncovered"][1] == {"name": "Munich Security Conference", "count": 4, "articles": ["one", "two"],
                                    "guess": "meeting", "example": {"article": "one", "sentence":
                                    "Sergei Lavrov met the delegation at the Munich Security Conference on Friday."}}
    names = [u["name"] for u in data["uncovered"]]
    assert "Treaty of Mutual Cooperation" in names and "Toyohisa Kozuki" in names
    assert "Initially" not in names and "However" not in names and "Friday" not in names
    assert not any("Sergey Lavrov" in n for n in names)  # covered by a mention


def test_suggestions_as_text(tmp_path):
    result = suggest(tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0] == "Spellings that look like a known entity (add them as aliases, or fix the entity):"
    assert ("  Sergei Lavrov  ->  sergey-lavrov (registered: Sergey Lavrov); 1 time in 1 article, e.g. one: "
            "“Sergei Lavrov met the delegation at the Munich Security Conference on Friday.”") in lines
    assert "     4  Munich Security Conference [meeting]; 2 articles, e.g. one: " \
           "“Sergei Lavrov met the delegation at the Munich Security Conference on Friday.”" in lines


def test_suggestions_on_the_seeds_list_places_no_entity_covers(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "suggest", "--json", "--limit", "500"],
                            cwd=ROOT, capture_output=True, text=True)
    data = json.loads(result.stdout)
    countries = {u["name"]: u for u in data["countries"]}
    assert countries["Singapore"]["articles"] == ["sputnik-2019-02-16-munich-lavrov-kono",
                                                  "tass-2019-01-14-sovereignty-non-negotiable"]
    names = {u["name"]: u for u in data["uncovered"]}
    assert "Iturup" not in names and "Tarō Kōno" not in names


def test_what_a_contributor_is_not_looking_for_is_left_out_or_apart():
    text = subprocess.run([sys.executable, "-m", "generator", "suggest"], cwd=ROOT, capture_output=True,
                          text=True).stdout
    data = json.loads(subprocess.run([sys.executable, "-m", "generator", "suggest", "--json"], cwd=ROOT,
                                     capture_output=True, text=True).stdout)
    names = {u["name"]: u["guess"] for u in data["uncovered"]}
    # the outlets and agencies of sources/outlets.yml, pronouns, a role alone, "of" after a role
    for name in ("Sputnik", "RIA Novosti", "TASS", "Vesti", "VGTRK", "I'd", "Japanese Foreign Minister",
                 "of Japan", "of Russia"):
        assert name not in names, name
    # countries and nationalities in a group of their own
    assert {"Japan", "Russia", "Japanese", "Russian", "Russians"} <= {u["name"] for u in data["countries"]}
    assert "country" not in names.values()
    assert names["Andrey Grigoriev"] == "person" and names["Munich Security Conference"] == "meeting"
    # JSON lists every name; the text says how many there are
    assert f"({min(50, len(names))} of {len(names)}):" in text
    assert "Countries and nationalities, which the site does not list as entities" in text


def test_json_lists_every_name_and_the_text_the_first_fifty(tmp_path):
    people = [f"{first} {last}" for first in ("Anna", "Boris", "Clara", "Denis", "Elena", "Fyodor", "Galina", "Ivan")
              for last in ("Orlova", "Pavlov", "Quist", "Rudin", "Sorokin", "Titov", "Umarov", "Volkov")]
    body = "\n\n".join(f"The delegation met {name} on the island." for name in people)
    write_sources(tmp_path, {"one": FRONT_MATTER.format(id="one") + body + "\n"})
    run = lambda *extra: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "generator", "suggest", "--sources", "sources", *extra], cwd=tmp_path,
        capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    data = json.loads(run("--json").stdout)
    assert {u["name"] for u in data["uncovered"]} >= set(people) and len(people) == 64
    assert "(50 of 64):" in run().stdout
