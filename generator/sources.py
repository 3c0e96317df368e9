"""Articles: ``sources/articles/<id>.md``, YAML front matter above the text as captured.

The front matter records what the captured text cannot be trusted for (outlet, dates,
authors). The text below it is kept exactly as captured; cleaning happens later, in
memory, so the capture itself is never edited.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .dates import PartialDate
from .parallel import ordered_map
from .problems import InputError, Problem, display_path, quoted
from .registry import Registry
from .schema import Checker, check_reference
from .schemacheck import schema_problems
from .yamlfile import FRONT_MATTER, YamlMap, read_yaml

_KEYS = ("id", "title", "outlet", "agency", "url", "published", "published_note", "captured",
         "authors", "language")
_CAPTURED = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Article:
    """A news article as captured, with what is known about it."""

    id: str
    title: str
    outlet: str
    """Id of the outlet that published this copy."""
    agency: str | None
    """Id of the news agency the text credits, when the outlet republished its story."""
    url: str | None
    published: PartialDate
    published_note: str | None
    """How the publication date was determined, when the article does not print it plainly."""
    captured: str | None
    """A crawl time printed on the captured page (ISO 8601); not the publication date."""
    authors: tuple[str, ...]
    language: str
    body: str
    """The captured text, exactly as in the file."""
    file: str


def read_articles(sources: Path, registry: Registry) -> tuple[Article, ...]:
    """Read and validate every ``sources/articles/*.md``, ordered by id; InputError on any problem."""
    articles, problems = load_articles(sources, registry)
    if problems:
        raise InputError(problems)
    return articles


def load_articles(sources: Path, registry: Registry, jobs: int = 1) -> tuple[tuple[Article, ...], tuple[Problem, ...]]:
    """The valid articles under ``sources``, ordered by id, and every problem found; read
    by ``jobs`` processes."""
    folder = sources / "articles"
    problems: list[Problem] = []
    articles: dict[str, Article] = {}
    paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    if not paths:
        problems.append(Problem(display_path(folder), None, None, "at least one article (*.md)",
                                "none"))
    shown = display_path(folder)  # resolved once: resolving each file's path took a third of reading it
    load = functools.partial(_load_article, registry=registry, folder=shown, sources=sources)
    for article, found in ordered_map(load, paths, jobs):
        if article is not None:  # ids are unique: each must equal its file's name
            articles[article.id] = article
        problems.extend(found)
    return tuple(articles[key] for key in sorted(articles)), tuple(problems)


def _load_article(path: Path, registry: Registry, folder: str, sources: Path) -> tuple[Article | None, list[Problem]]:
    checker = Checker(os.path.join(folder, path.name))
    return _read_article(path, registry, checker, sources), checker.problems


def _read_article(path: Path, registry: Registry, checker: Checker, sources: Path) -> Article | None:
    text = checker.read_text(path, sources)
    if text is None:
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        found = ("an empty file" if not text.strip() else
                 "no front matter" if not text.startswith("---") else "no closing '---' line")
        checker.problem(1, None, "front matter: a line '---', YAML, then a line '---'", found)
        return None
    data, found = read_yaml(match.group(1), checker.file, line_offset=1)
    checker.problems.extend(found)
    if found:
        return None
    front = checker.mapping(data, 2, "front matter")
    if front is None:
        return None
    body = text[match.end():]
    article = _read_front_matter(front, body, path, registry, checker)
    if article is not None:  # the declarations passed: the JSON Schema must agree
        checker.problems.extend(schema_problems(front, "article.schema.json", checker.file))
    return article if not checker.problems else None


def _read_front_matter(front: YamlMap, body: str, path: Path, registry: Registry,
                       checker: Checker) -> Article | None:
    checker.keys(front, _KEYS, "")
    article_id = checker.slug(front, "id", "")
    if article_id and path.stem != article_id:
        checker.problem(front.line_of("id"), "id", f"the file name without '.md' ({quoted(path.stem)})",
                        f"'{article_id}'", f"rename the file to {article_id}.md")
    title = checker.text(front, "title", "", required=True)
    outlet = checker.text(front, "outlet", "", required=True)
    if outlet:
        check_reference(checker, front.line_of("outlet"), "outlet", outlet, registry.outlets,
                        "an outlet in sources/outlets.yml")
    agency = checker.text(front, "agency", "")
    if agency:
        check_reference(checker, front.line_of("agency"), "agency", agency, registry.outlets,
                        "an outlet in sources/outlets.yml")
    url = checker.text(front, "url", "")
    if url and not url.startswith(("https://", "http://")):
        checker.problem(front.line_of("url"), "url", "an address starting with https:// or http://",
                        f"'{url}'")
    published: PartialDate | None = checker.date(front, "published", "", required=True, past=True)
    note = checker.text(front, "published_note", "")
    captured = checker.text(front, "captured", "")
    if captured and not _CAPTURED.fullmatch(captured):
        checker.problem(front.line_of("captured"), "captured",
                        "a time written YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z]", f"'{captured}'")
    elif captured:  # the day it was captured must exist, and have come
        checker.date_text(captured[:10], front.line_of("captured"), "captured", past=True)
    authors = checker.texts(front, "authors", "")
    language = checker.text(front, "language", "") or "en"
    if not _LANGUAGE.fullmatch(language):
        checker.problem(front.line_of("language"), "language", "a language code such as 'en'",
                        f"'{language}'")
    if not body.strip():
        checker.problem(None, None, "the article text below the front matter", "no text")
    if checker.problems or not (article_id and title and outlet and published):
        return None
    return Article(article_id, " ".join(title.split()), outlet, agency, url, published,
                   " ".join(note.split()) if note else None, captured, authors, language, body,
                   checker.file)
