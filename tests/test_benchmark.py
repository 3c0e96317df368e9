"""The benchmark's synthetic corpus is shaped like the seed articles, so its timings say what
a real corpus of that size would cost."""

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from run import SEED_SHAPE, synthesise  # noqa: E402
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
