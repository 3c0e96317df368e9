"""The benchmark's synthetic corpus is shaped like the seed articles, so its timings say what
a real corpus of that size would cost; benchmarks/compare.py runs two commits on it, and
benchmarks/serve.py times an edit under ``mkdocs serve``."""

import re
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from compare import compare, output_digest  # noqa: E402
from run import SEED_SHAPE, synthesise  # noqa: E402
from serve import measure  # noqa: E402
from shape import shape  # noqa: E402


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    synthesise(folder, 300, 60, seed=1)
    return folder / "sources"


def test_the_synthetic_corpus_is_shaped_like_the_seeds(synthetic):
    made = shape(synthetic)
    for key, seeds in SEED_SHAPE.items():
        assert made[key] == pytest.approx(seeds, rel=0.2), key
    assert made["shared_5grams_median"] < 0.1  # unrelated reports share little text


def test_the_synthetic_corpus_is_the_same_for_a_seed(synthetic, tmp_path):
    synthesise(tmp_path, 300, 60, seed=1)
    made = sorted(p.relative_to(synthetic) for p in synthetic.rglob("*") if p.is_file())
    again = sorted(p.relative_to(tmp_path / "sources") for p in (tmp_path / "sources").rglob("*") if p.is_file())
    assert made == again
    assert all((synthetic / p).read_bytes() == (tmp_path / "sources" / p).read_bytes() for p in made)


def test_compare_runs_both_commits_and_checks_their_output(tmp_path):
    """benchmarks/compare.py: each commit's full build, in turns, and whether the outputs agree."""
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    result = compare("HEAD", "HEAD", articles=30, entities=12, jobs=1, rounds=1, cache=True)
    assert result["same_output"]
    assert [len(result["base"]), len(result["head"])] == [1, 1]
    assert all(run["wall_s"] > 0 and run["cpu_s"] > 0 and run["one_article_wall_s"] > 0
               and run["next_article_wall_s"] > 0 for run in result["base"] + result["head"])
    for name in ("a", "b"):
        (tmp_path / name / "people").mkdir(parents=True)
        (tmp_path / name / "people" / "x.md").write_text("# X\n")
    assert output_digest(tmp_path / "a") == output_digest(tmp_path / "b")
    (tmp_path / "b" / "people" / "x.md").write_text("# Y\n")  # one byte differs
    assert output_digest(tmp_path / "a") != output_digest(tmp_path / "b")


@pytest.mark.parametrize("edit, articles", [("append", 30), ("add", 31)])
def test_serve_times_an_edit_until_it_shows_and_the_rebuilds_settle(tmp_path, edit, articles):
    """benchmarks/serve.py on ``mkdocs serve --dirty``, with the generator on 2 processes; an
    added article also changes the home page."""
    synthesise(tmp_path, 30, 12, seed=1)
    result = measure(tmp_path, dirty=True, jobs=2, timeout_s=120, edit=edit)
    assert 0 < result["edit_shown_s"] <= result["edit_settled_s"]
    # the first build and the edit's (the generator's writes start no build)
    assert len(result["builds_s"]) == 2 and result["builds_after_edit"] == 1
    edit = re.findall(rf"generator: {articles} articles, 12 entities, (\d+) files written, (\d+) unchanged",
                      (tmp_path / "serve.log").read_text())[-1]
    assert 0 < int(edit[0]) < int(edit[1])  # the edit's build wrote only the pages that show it
