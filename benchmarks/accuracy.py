"""How well the generator reads references: links, dated statements, who said it, and
what ``suggest`` proposes, per category, on an annotated set written for this project.

    .venv/bin/python benchmarks/accuracy.py [--cases benchmarks/accuracy/cases.yml] [--json]

The set (``benchmarks/accuracy/cases.yml``) holds sentences of our own, never text copied
from real articles, each with every link, dated statement and new name a careful reader
would mark. The run writes the cases as articles next to the site's registry (plus the
set's own entities) in a temporary folder, checks them as ``python -m generator check``
does, and compares:

- **links**: a mention is right when an expected link of the same entity overlaps it;
  precision = right mentions / mentions, recall = expected links found / expected links;
- **dated statements**: an expected one is found when an event's expression overlaps it,
  dated right when the dates are equal (both unresolved counts as right); date precision
  = events with a date that is right / events with a date;
- **who said it**: subjects named right / subjects named, and / subjects expected;
- **suggest**: the share of the expected new names that ``suggest`` lists.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import check  # noqa: E402
from generator.suggestions import find_suggestions  # noqa: E402

CASES = ROOT / "benchmarks" / "accuracy" / "cases.yml"
MISTAKES: list[str] = []
"""What the last :func:`score` got wrong, one line each (``--mistakes`` prints them)."""


def write_sources(cases: dict, folder: Path) -> list[str]:
    """The site's sources (the registry cites its articles), the set's entities and one article
    per case; the ids of the cases' articles."""
    shutil.copytree(ROOT / "sources", folder, dirs_exist_ok=True)
    for plural, text in (cases.get("entities") or {}).items():
        with open(folder / "entities" / f"{plural}.yml", "a", encoding="utf-8") as file:
            file.write("\n" + text)
    ids = []
    for number, case in enumerate(cases["cases"], 1):
        article_id = f"case-{number:03d}-{case['category']}"
        front = {"id": article_id, "title": f"Case {number}", "outlet": "tass",
                 "published": case["published"], "language": "en"}
        (folder / "articles" / f"{article_id}.md").write_text(
            "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + case["text"], encoding="utf-8")
        ids.append(article_id)
    return ids


def _spans(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """The span of each expected surface (listed in text order): its first occurrence after
    the previous surface's."""
    spans, after = [], 0
    for surface in surfaces:
        start = text.find(surface, after)
        if start < 0:
            raise SystemExit(f"accuracy set: {surface!r} is not in the text after offset {after}: {text[:60]!r}...")
        spans.append((start, start + len(surface)))
        after = start + len(surface)
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(cases_file: Path = CASES) -> dict[str, dict[str, float | int]]:
    """Counts and rates by category (and ``all``)."""
    cases = yaml.safe_load(cases_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        ids = write_sources(cases, folder)
        model = check(folder)
        uncovered, variants = find_suggestions(model)
    suggested = [s.name.casefold() for s in (*uncovered, *variants)]
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    MISTAKES.clear()
    for article_id, case in zip(ids, cases["cases"]):
        finding = model.findings[article_id]
        text = finding.clean.text
        before = len(MISTAKES)
        for key in (case["category"], "all"):
            del MISTAKES[before:]  # each case's mistakes once
            _score_case(case, finding, text, suggested, counts[key])
    return {category: _rates(c) for category, c in counts.items()}


def _score_case(case: dict, finding, text: str, suggested: list[str], c: dict) -> None:
    links = case.get("links") or []
    expected = list(zip(_spans(text, [surface for surface, _ in links]), [entity for _, entity in links]))
    used = set()
    for mention in finding.mentions:
        c["mentions"] += 1
        match = next((i for i, (span, entity) in enumerate(expected) if i not in used
                      and entity == mention.entity and _overlaps(span, (mention.start, mention.end))), None)
        if match is not None:
            used.add(match)
            c["right mentions"] += 1
        else:
            MISTAKES.append(f"{case['category']}: wrong link {mention.surface!r} -> {mention.entity} ({mention.how})")
    MISTAKES.extend(f"{case['category']}: missed link {text[span[0]:span[1]]!r} -> {entity}"
                    for i, (span, entity) in enumerate(expected) if i not in used)
    c["expected links"] += len(expected)
    c["links found"] += len(used)

    events = [(e[0], e[1], e[2] if len(e) > 2 else None) for e in case.get("events") or []]
    spans = _spans(text, [expression for expression, _, _ in events])
    starts = finding.clean.paragraph_starts()
    taken = set()
    for event in finding.events:
        paragraph_start = starts[event.paragraph]
        sentence_start = text.find(event.sentence, paragraph_start)
        span = (sentence_start + event.span[0], sentence_start + event.span[1])
        match = next((i for i, s in enumerate(spans) if i not in taken and _overlaps(s, span)), None)
        right = match is not None and (event.date.iso() if event.date else None) == events[match][1]
        if event.date is not None:
            c["dated events"] += 1
            c["dated right"] += right
        if not right:
            MISTAKES.append(f"{case['category']}: event {event.expression!r} -> "
                            f"{event.date.iso() if event.date else None}"
                            + (f", expected {events[match][1]}" if match is not None else ", not expected"))
        if match is None:
            continue
        taken.add(match)
        c["events found"] += 1
        c["found and dated right"] += right
        subject = events[match][2]
        if event.subject is not None:
            c["subjects named"] += 1
            c["subjects right"] += event.subject == subject
            if event.subject != subject:
                MISTAKES.append(f"{case['category']}: subject of {event.expression!r}: {event.subject}, expected {subject}")
    MISTAKES.extend(f"{case['category']}: missed event {events[i][0]!r}" for i in range(len(events)) if i not in taken)
    MISTAKES.extend(f"{case['category']}: subject of {events[i][0]!r}: expected {events[i][2]}"
                    for i in range(len(events)) if events[i][2] and i not in taken)
    c["expected events"] += len(events)
    c["expected subjects"] += sum(1 for _, _, subject in events if subject)
    new = [name.casefold() for name in case.get("new") or []]
    c["new names"] += len(new)
    c["new names suggested"] += sum(1 for name in new if name in suggested)
    MISTAKES.extend(f"{case['category']}: not suggested {name!r}" for name in new if name not in suggested)


def _rates(c: dict[str, int]) -> dict[str, float | int]:
    def rate(part: str, whole: str) -> float | None:
        return round(c[part] / c[whole], 3) if c[whole] else None
    return {
        **c,
        "link precision": rate("right mentions", "mentions"),
        "link recall": rate("links found", "expected links"),
        "events found": rate("events found", "expected events"),
        "dated right of found": rate("found and dated right", "events found"),
        "date precision": rate("dated right", "dated events"),
        "subject precision": rate("subjects right", "subjects named"),
        "subject recall": rate("subjects right", "expected subjects"),
        "suggest share": rate("new names suggested", "new names"),
    }


COLUMNS = ("link precision", "link recall", "events found", "dated right of found", "date precision",
           "subject precision", "subject recall", "suggest share")


def table(results: dict) -> str:
    """A Markdown table of the rates, a row per category, ``all`` last."""
    def cell(value) -> str:
        return "–" if value is None else f"{value:.3f}"
    order = sorted(k for k in results if k != "all") + ["all"]
    lines = ["| category | " + " | ".join(COLUMNS) + " |", "| --- |" + " --- |" * len(COLUMNS)]
    for category in order:
        lines.append(f"| {category} | " + " | ".join(cell(results[category][c]) for c in COLUMNS) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--json", action="store_true", help="all counts and rates as JSON")
    parser.add_argument("--mistakes", action="store_true", help="also list every wrong or missed item")
    args = parser.parse_args()
    results = score(args.cases)
    print(json.dumps(results, indent=2, sort_keys=True) if args.json else table(results))
    if args.mistakes:
        print("\n".join(["", *MISTAKES]))


if __name__ == "__main__":
    main()
