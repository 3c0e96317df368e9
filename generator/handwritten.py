"""Hand-written pages in ``docs/``: their mentions, for backlinks, and links at build time.

The generator never changes a hand-written page. It reads each one's prose (front matter,
code, existing links, headings and raw HTML are left alone) to find entity mentions; the
entities' pages list the hand-written pages that mention them, and the MkDocs hook links
the first mention of each entity per paragraph as the page is rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .contributed import blank, code_mask, markup_problems
from .mentions import AliasIndex, Mention, find_mentions
from .problems import Problem, display_path
from .schema import Checker

_NOT_PROSE = re.compile(
    r"!?\[[^\]\n]*\]\([^)\n]*\)"      # links and images
    r"|!?\[[^\]\n]*\]\[[^\]\n]*\]"    # reference links
    r"|<[^>\n]*>"                     # HTML tags and autolinks
    r"|^[ \t]{0,3}#{1,6}[ \t].*$"     # headings
    r"|^\[[^\]\n]+\]:.*$"             # link definitions
    r"|\{[^}\n]*\}",                  # attribute lists
    re.M,
)
_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


@dataclass(frozen=True)
class HandwrittenPage:
    """A page in ``docs/`` that the generator did not write."""

    path: str
    """Relative to ``docs/``, with ``/``."""
    title: str
    mentions: tuple[Mention, ...]
    """Mentions in the page's prose, offsets in the page's Markdown."""

    @property
    def for_readers(self) -> bool:
        """False for a page for contributors (under ``contributing/``: benchmarks, accuracy),
        which entity pages do not list among the pages that mention them."""
        return not self.path.startswith(paths.CONTRIBUTING)


def prose_mask(markdown: str) -> str:
    """``markdown`` with everything that is not prose blanked (same length, same lines)."""
    return _NOT_PROSE.sub(blank, code_mask(markdown))


def prose_mentions(markdown: str, index: AliasIndex) -> tuple[Mention, ...]:
    """Mentions in the prose of ``markdown``; offsets and surfaces refer to the original."""
    masked = prose_mask(markdown)
    return tuple(Mention(m.entity, m.start, m.end, markdown[m.start:m.end]) for m in find_mentions(masked, index))


def read_handwritten(docs: Path, generated: set[str],
                     index: AliasIndex) -> tuple[tuple[HandwrittenPage, ...], list[Problem]]:
    """Every ``*.md`` in ``docs`` that is not in ``generated``, with its mentions, and every
    problem with them: a page that is not a readable file inside ``docs``, or that holds
    what Markdown written by people may not (:mod:`generator.contributed`)."""
    pages, problems = [], []
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        relative = path.relative_to(docs).as_posix()
        if relative in generated or any(part.startswith(".") for part in path.relative_to(docs).parts):
            continue
        checker = Checker(display_path(path))
        markdown = checker.read_text(path, docs)
        if markdown is not None:
            checker.problems.extend(markup_problems(markdown, checker.file, front_matter=True))
        problems.extend(checker.problems)
        if checker.problems:
            continue
        title = _TITLE.search(code_mask(markdown))  # same offsets: read the title from the page
        pages.append(HandwrittenPage(relative, markdown[title.start(1):title.end(1)] if title else path.stem,
                                     prose_mentions(markdown, index)))
    return tuple(pages), problems


def link_mentions(markdown: str, page: str, index: AliasIndex, kinds: dict[str, str]) -> str:
    """``markdown`` with the first mention of each entity per paragraph linked to its page."""
    mentions = prose_mentions(markdown, index)
    pieces, position, seen, paragraph = [], 0, set(), 0
    for mention in mentions:
        current = markdown.count("\n\n", 0, mention.start)
        if current != paragraph:
            paragraph, seen = current, set()
        if mention.entity in seen:
            continue
        seen.add(mention.entity)
        target = paths.link(page, paths.entity_page(kinds[mention.entity], mention.entity))
        pieces.append(markdown[position:mention.start])
        pieces.append(f"[{mention.surface}]({target})")
        position = mention.end
    pieces.append(markdown[position:])
    return "".join(pieces)
