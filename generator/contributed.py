"""What Markdown written by people (notes in sources/notes/, hand-written pages in docs/)
may hold: Markdown, and nothing that puts markup, script or a request to another host into
the site.

Refused, each with its file and line: raw HTML (a tag, a comment, a declaration), an
attribute list (``{: onclick=... }``, which the site's ``attr_list`` extension would apply),
a link whose address is not a page of the site or a web address (``javascript:``,
``vbscript:``, ``data:``, whatever its spelling: ``&#106;avascript:``, ``java\\tscript:``),
an image from another host, and a bidirectional control character.

The text is scanned for these first (exact lines). Then, as a net, it is rendered with the
site's Markdown extensions and the HTML is read back: an element, an attribute or an
address that the rules do not allow is a problem too, whatever Markdown made it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown

from . import bidi
from .problems import Problem
from .yamlfile import FRONT_MATTER

EXTENSIONS = ("admonition", "attr_list", "footnotes", "tables", "toc", "pymdownx.details")
"""The Markdown extensions of the site (``markdown_extensions`` in mkdocs.yml; a test keeps
them equal)."""
SCHEMES = ("http", "https", "mailto")
"""The schemes a link may have; a link without one is to a page of the site."""

_TAG = re.compile(r"<[A-Za-z/!?]")
"""Where raw HTML starts: a tag, a closing tag, a comment, a declaration."""
_AUTOLINK = re.compile(r"<(?:https?://[^<>\s]*|[^<>\s!]+@[^@<>\s]+)>")
"""Markdown's own links in angle brackets: a web address, an e-mail address."""
_ATTRIBUTES = re.compile(r"\{:?[ \t]*[^}\s][^}\n]*\}")
"""An attribute list, as the ``attr_list`` extension finds one."""
_LINK_START = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(")
"""A link's or an image's text, up to the parenthesis its address follows."""
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
"""A reference link's definition: ``[name]: address``."""
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_IN_ADDRESSES = re.compile(r"[\x00-\x20\x7f\\]")
"""What browsers drop from an address (spaces, tabs, newlines, control characters), and the
backslash Markdown may take away: left out before the scheme is read."""
_FENCED = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.S | re.M)
_CODE = re.compile(
    r"`[^`\n]*`"                      # inline code
    r"|^ {4,}.*$",                    # indented code
    re.M,
)

_ELEMENTS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "code", "pre", "ul",
                       "ol", "li", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div",
                       "details", "summary", "sup"})
"""The elements the site's Markdown makes (admonitions and footnotes make div, details, sup)."""
_ATTRIBUTES_ALLOWED = frozenset({"href", "src", "alt", "title", "id", "class"})
_ALIGN = re.compile(r"text-align: (?:left|right|center);")
"""The one style Markdown sets: a table column's alignment."""


def blank(match: re.Match) -> str:
    """The matched text as spaces, its line breaks kept (offsets and lines stay the same)."""
    return re.sub(r"[^\n]", " ", match.group())


def code_mask(markdown: str, front_matter: bool = True) -> str:
    """``markdown`` with its code blanked, and its front matter unless ``front_matter`` is
    False: what is left is what Markdown reads as text and markup."""
    if front_matter:
        markdown = FRONT_MATTER.sub(blank, markdown)
    return _CODE.sub(blank, _FENCED.sub(blank, markdown))


def markup_problems(text: str, file: str, front_matter: bool = False) -> list[Problem]:
    """Everything in ``text`` that Markdown written by people may not hold, with its line.

    ``front_matter``: ``text`` may start with YAML front matter (a hand-written page), in
    which only raw HTML and bidirectional controls are looked for (MkDocs places its title
    into the page as HTML).
    """
    text = text.replace("\r\n", "\n")
    head = FRONT_MATTER.match(text) if front_matter else None
    body_start = head.end() if head else 0
    masked = code_mask(text[body_start:], front_matter=False)
    masked = text[:body_start] + masked
    problems: list[Problem] = []

    def problem(at: int, expected: str, found: str, hint: str | None = None) -> None:
        problems.append(Problem(file, text.count("\n", 0, at) + 1, None, expected, found, hint))

    for match in bidi.CONTROLS.finditer(text):
        problem(match.start(), "Markdown without bidirectional control characters",
                bidi.describe(match.group()), "it would reverse the text after it; remove it")
    addresses = list(_addresses(masked, body_start))
    for start, end, image in addresses:
        found = address_problem(text[start:end], image)
        if found is not None:
            problem(start, "an image from this site (a relative path)" if image else
                    "a link to a page of this site or a web address (http, https, mailto)",
                    f"'{text[start:end]}' ({found})", "the site runs no script and fetches nothing from another host")
    blanked = list(masked)
    for start, end, _ in addresses:  # an address is not raw HTML, whatever it holds
        blanked[start:end] = " " * (end - start)
    blanked = "".join(blanked)
    for match in _TAG.finditer(blanked):
        if _AUTOLINK.match(blanked, match.start()):
            continue
        shown = text[match.start():].split("\n", 1)[0][:60]  # the tag, on its line
        shown = shown[:shown.find(">") + 1] if ">" in shown else shown
        problem(match.start(), "Markdown without raw HTML", f"'{shown}'",
                "write it in Markdown; the site takes no HTML from its sources")
    for match in _ATTRIBUTES.finditer(blanked, body_start):
        problem(match.start(), "Markdown without attribute lists", f"'{match.group()}'",
                "an attribute list sets HTML attributes; write \\{ to show a brace")
    if not problems:
        problems.extend(_rendered_problems(text, body_start, file))
    return sorted(problems, key=lambda p: p.line or 0)


def address_problem(address: str, image: bool) -> str | None:
    """Why ``address`` (as written in Markdown) may not be a link's (or an image's), in
    words; None when it may."""
    plain = _IGNORED_IN_ADDRESSES.sub("", html.unescape(address.strip("<>"))).lower()
    scheme = _SCHEME.match(plain)
    if scheme and scheme.group(1) not in SCHEMES:
        return f"a '{scheme.group(1)}:' address"
    if image and (scheme or plain.startswith("//") or address.strip("<> ").startswith("\\\\")):
        return "an image from another host"
    return None


def _addresses(masked: str, start: int):
    """(start, end, is an image) of the address of every inline link and image, and of every
    reference definition, in ``masked`` (from ``start`` on)."""
    for match in _LINK_START.finditer(masked, start):
        at = match.end()
        while at < len(masked) and masked[at] in " \t\n":
            at += 1
        end = _address_end(masked, at)
        if end > at:
            yield at, end, bool(match.group(1))
    for match in _DEFINITION.finditer(masked, start):
        yield match.start(1), match.end(1), False


def _address_end(text: str, at: int) -> int:
    """The end of a link's address starting at ``at``: ``<...>``, or up to a space or the
    parenthesis that closes the link (parentheses inside it balanced)."""
    if text.startswith("<", at):
        close = text.find(">", at)
        return close + 1 if close != -1 and "\n" not in text[at:close] else at
    depth, position = 0, at
    while position < len(text) and text[position] not in " \t\n":
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        position += 1
    return min(position, len(text))


_MARKDOWN = markdown.Markdown(extensions=list(EXTENSIONS))


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.found.append(("!--", {}))

    def handle_decl(self, decl):
        self.found.append(("!", {}))

    def handle_pi(self, data):
        self.found.append(("?", {}))


def _rendered_problems(text: str, body_start: int, file: str) -> list[Problem]:
    """What the rendered Markdown holds that the rules do not allow (the net under the
    scan: an element, an attribute, an address), each at the first line that shows it."""
    _MARKDOWN.reset()
    parser = _Elements()
    parser.feed(_MARKDOWN.convert(text[body_start:]))
    parser.close()
    problems = []
    for tag, attributes in parser.found:
        found = (f"the element <{tag}>", tag) if tag not in _ELEMENTS else None
        for name, value in attributes.items():
            value = value or ""
            if name == "style" and tag in ("th", "td") and _ALIGN.fullmatch(value):
                continue
            if name not in _ATTRIBUTES_ALLOWED:
                found = f"the attribute {name}=\"{value}\" on <{tag}>", value or name
            elif name in ("href", "src") and address_problem(value, name == "src"):
                found = f"the address '{value}' ({address_problem(value, name == 'src')})", value
        if found is not None:
            at = text.find(found[1], body_start)
            problems.append(Problem(file, text.count("\n", 0, at) + 1 if at != -1 else None, None,
                                    "Markdown that makes only the site's own elements and addresses",
                                    found[0], "the site runs no script and fetches nothing from another host"))
    return problems
