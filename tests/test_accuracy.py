"""The accuracy benchmark (benchmarks/accuracy.py) on its annotated set: precision first, in
every category, and the Accuracy page shows the figures it prints."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy  # noqa: E402


def test_precision_holds_in_every_category_and_the_page_shows_the_figures():
    results = accuracy.score()
    for category, rates in results.items():
        assert rates["link precision"] is None or rates["link precision"] >= 0.98, (category, accuracy.MISTAKES)
        assert rates["date precision"] is None or rates["date precision"] >= 0.95, (category, accuracy.MISTAKES)
        assert rates["subject precision"] is None or rates["subject precision"] >= 0.95, (category, accuracy.MISTAKES)
    assert results["all"]["link recall"] >= 0.9 and results["all"]["events found"] >= 0.9
    page = (ROOT / "docs" / "contributing" / "accuracy.md").read_text(encoding="utf-8")
    assert accuracy.table(results) in page, "docs/contributing/accuracy.md: run benchmarks/accuracy.py and update the table"
