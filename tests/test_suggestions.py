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
    first = data["uncovered"][0]
    assert first == {"name": "Munich Security Conference", "count": 4, "articles": ["one", "two"],
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
    names = {u["name"]: u for u in data["uncovered"]}
    assert names["Singapore"]["articles"] == ["sputnik-2019-02-16-munich-lavrov-kono",
                                              "tass-2019-01-14-sovereignty-non-negotiable"]
    assert "Iturup" not in names and "Tarō Kōno" not in names
