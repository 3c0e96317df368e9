"""The shape of a corpus, as the generator sees it: what the synthetic corpus of
benchmarks/run.py is calibrated against (the seed articles in sources/).

    python benchmarks/shape.py [SOURCES] [--articles N] [--json]

Per article: words, paragraphs and sentences of the cleaned text, mentions of entities and
dated statements. And how much text unrelated articles share: the median, over pairs of
articles, of the share of the smaller one's word 5-grams found in the other (the measure
reprint detection uses; a copy shares 50% or more).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.findings import find_in_article  # noqa: E402
from generator.mentions import build_alias_index  # noqa: E402
from generator.registry import load_registry  # noqa: E402
from generator.reprints import containment  # noqa: E402
from generator.sentences import split_sentences  # noqa: E402
from generator.sources import load_articles  # noqa: E402

PAIRS = 500
"""Pairs of articles sampled for the shared 5-grams (all pairs when there are fewer)."""


def shape(sources: Path, articles: int | None = None) -> dict:
    """The shape of the first ``articles`` articles of ``sources`` (all by default)."""
    registry, _ = load_registry(sources)
    loaded, _ = load_articles(sources, registry, 1)
    index = build_alias_index(registry.alias_table())
    findings = [find_in_article(article, index) for article in loaded[:articles]]
    sentences = [sum(len(split_sentences(p)) for p in f.clean.paragraphs) for f in findings]
    pairs = list(itertools.combinations(range(len(findings)), 2))
    random.Random(1).shuffle(pairs)
    shared = [containment(findings[first].shingles, findings[second].shingles) for first, second in pairs[:PAIRS]]
    total = sum(sentences)
    return {
        "articles": len(findings),
        "words": round(statistics.mean(len(f.clean.text.split()) for f in findings), 1),
        "paragraphs": round(statistics.mean(len(f.clean.paragraphs) for f in findings), 1),
        "sentences": round(total / len(findings), 1),
        "mentions": round(statistics.mean(len(f.mentions) for f in findings), 1),
        "dated": round(statistics.mean(len(f.events) for f in findings), 1),
        "mentions_per_sentence": round(sum(len(f.mentions) for f in findings) / total, 2),
        "dated_per_sentence": round(sum(len(f.events) for f in findings) / total, 2),
        "shared_5grams_median": round(statistics.median(shared), 4) if shared else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", type=Path, nargs="?", default=ROOT / "sources")
    parser.add_argument("--articles", type=int, help="only the first N articles")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    arguments = parser.parse_args()
    result = shape(arguments.sources, arguments.articles)
    if arguments.json:
        print(json.dumps(result, sort_keys=True))
    else:
        for key, value in result.items():
            print(f"{key:>22}: {value}")


if __name__ == "__main__":
    main()
