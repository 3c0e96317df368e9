"""Markdown that is safe by construction: article and registry text is data.

:class:`Md` marks a string as finished Markdown. Every other string placed in a page is
escaped (the template environment does it), so no text from a source can add HTML,
script, links, images, attributes or Markdown structure to the site.
"""

from __future__ import annotations

import functools
import html
import json
import re
from urllib.parse import quote

from . import bidi


class Md(str):
    """A string of finished, safe Markdown."""


_INLINE = re.compile(r"([\\`*_{}\[\]|#])")
"""Characters with inline meaning (and ``#``, which a heading drops from its end);
Python-Markdown (with tables) honours these escapes."""
_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters: never content, and Python-Markdown uses some as internal markers."""
_MARKUP = re.compile(r"[&<>\\`*_{}\[\]|#]")
"""Characters with HTML or inline Markdown meaning."""
_MARKUP_START = re.compile(r" *(?:\d+[.)]|[#+!?=:~%-])")
"""A start that Markdown reads as block syntax (see the end of :func:`escape`)."""
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML_CHARS = re.compile(r"[&<>]")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")
_BLOCK_START = frozenset("#-+!?=:~%")
"""First characters that can start block syntax (headings, lists, admonitions, details)."""


@functools.lru_cache(maxsize=1 << 14)
def escape(text: str) -> Md:
    """``text`` shown as it is: HTML characters as entities, Markdown syntax neutralised.

    Every run of whitespace becomes one space: an escaped text is one line of Markdown.
    A control character is shown as U+FFFD, and a bidirectional embedding, override or
    isolate is closed within the text (:func:`generator.bidi.isolate`).

    Pages escape the same texts again and again (outlets, dates, titles, "¶ 3"): the
    latest results are kept, which halves the time escaping takes.
    """
    text = str(text)
    return Md(text if _is_plain(text) else _escaped(text))


def _escaped(text: str) -> str:
    text = _CONTROL.sub("\ufffd", bidi.isolate(text))
    text = _WHITESPACE.sub(" ", text)
    text = _HTML_CHARS.sub(lambda m: _HTML[m.group()], text)
    text = _INLINE.sub(r"\\\1", text)
    first = len(text) - len(text.lstrip(" "))  # Markdown ignores up to three leading spaces
    if text[first:first + 1].isdigit():
        text = _LIST_NUMBER.sub(r"\1\\\2", text)  # "1956. " must not start a list
    if text[first:first + 1] in _BLOCK_START:
        text = f"{text[:first]}&#{ord(text[first])};{text[first + 1:]}"
    return text


def _is_plain(text: str) -> bool:
    """True when :func:`escape` would not change ``text`` (most text): printable (no control
    character, no whitespace but the space), no double space, nothing with a meaning."""
    return text.isprintable() and "  " not in text and not _MARKUP.search(text) and not _MARKUP_START.match(text)


def link(text: str | Md, target: str) -> Md:
    """A link to another page of the site (``target`` comes from :mod:`paths`)."""
    label = text if isinstance(text, Md) else escape(text)
    return Md(f"[{label}]({target})")


def external_link(text: str, url: str) -> Md:
    """A link to an address outside the site (http or https only, percent-encoded)."""
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not a web address: {url!r}")
    return Md(f"[{escape(text)}]({quote(url, safe=':/?#@!$&*+,;=%~')})")


def bold(text: str | Md) -> Md:
    return Md(f"**{text if isinstance(text, Md) else escape(text)}**")


def join(parts, separator: str = ", ") -> Md:
    """Join finished pieces with one of the code's own plain separators."""
    return Md(separator.join(parts))


_SCRIPT_RUNS = re.compile(
    r"(?P<ru>[\u0400-\u04ff](?:[\u0400-\u04ff .-]*[\u0400-\u04ff])?)"
    r"|(?P<ja>[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]+)")
"""A run of Cyrillic (Russian, on this site) or of Japanese script."""


def with_languages(text: str) -> Md:
    """``text`` escaped, each run of Russian or Japanese script in it marked with its
    language, so that screen readers pronounce it and browsers choose fonts for it
    (``*Итуруп*{: lang="ru" }``; the style sheet keeps it upright)."""
    pieces, position = [], 0
    for match in _SCRIPT_RUNS.finditer(text):
        pieces.append(escape(text[position:match.start()]))
        pieces.append(f'*{escape(match.group())}*{{: lang="{match.lastgroup}" }}')
        position = match.end()
    pieces.append(escape(text[position:]))
    return Md("".join(pieces))


def yaml_text(text: str) -> Md:
    """``text`` as a page's title in its front matter: a double-quoted YAML scalar of the
    text escaped for HTML, as the theme places the title into the page as HTML (in
    ``<title>``, the header, the search index and its results). Written in ASCII, as JSON
    writes it, but for a character beyond the 16-bit range: YAML reads JSON's pair of
    surrogates as two broken characters, and takes ``\\U0001F600`` instead."""
    shown = html.escape(" ".join(_CONTROL.sub("\ufffd", bidi.isolate(str(text))).split()))
    return Md(_SURROGATES.sub(_yaml_escape, json.dumps(shown, ensure_ascii=True)))


_SURROGATES = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _yaml_escape(match: re.Match) -> str:
    high, low = int(match.group(1), 16), int(match.group(2), 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"
