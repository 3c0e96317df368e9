"""The generated pages' plain blocks, rendered straight to the HTML Python-Markdown makes.

Most of ``mkdocs build`` for this site is Python-Markdown trying its inline patterns on the
generated pages: some 18 patterns on every piece of text, for about a hundred links per
article. Yet those pages are written by the generator (generator/mdtext.py), almost all in
a few forms: paragraphs and one-level lists of text, escapes, entities, links, strong and
emphasis, ``<br>``, and attribute lists. This Python-Markdown extension (the hooks add it to
MkDocs' and ProperDocs' Markdown, for the generated pages only) reads each block of a page,
and when the block is made only of those forms, in a place where Python-Markdown would read
it on its own, it writes the block's HTML itself, as Python-Markdown would (attributes in
lexical order, ``>`` as ``&gt;``, the same whitespace), and hands it over as raw HTML. Any
other block, or a block in doubt, is left to Python-Markdown: the extension either renders
a block exactly or not at all. The site is byte-identical with and without it (tested on
the seeds and on a synthetic corpus, and on random blocks against Python-Markdown itself).

Links are resolved as MkDocs resolves them (:class:`_Links`; anything but a plain link to
a page of the site goes through ``path_to_url`` of its ``relpath`` treeprocessor): the same
URLs, the same warnings for a missing page, the same anchors recorded for MkDocs to check. The ids the extension writes stand in the document tree while the table of contents
and MkDocs' anchor list are made (``toc`` keeps heading ids distinct from them; MkDocs
checks links to them), and are taken out before the HTML is written.

It stands in for one Python-Markdown: the one this site configures. If a Markdown instance
has any processor it does not know (another extension, say ``smarty``, which would change
plain text), it does nothing. It relies on MkDocs internals, named in
tests/test_mkdocs_internals.py: the treeprocessors ``relpath`` (with ``file``, ``files``,
``links_to_anchors`` and ``path_to_url``) and ``mkdocs_extract_anchors``. Without them (Python-Markdown alone), links
are left as written, as Python-Markdown leaves them.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from xml.etree import ElementTree as etree

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.serializers import _escape_attrib_html
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from mkdocs.utils import get_relative_url

_KNOWN = {
    "preprocessors": {"normalize_whitespace", "fenced_code_block", "mkdocs_raw_html", "html_block", "fast_blocks",
                      "fast_html_blocks"},
    "blockprocessors": {"admonition", "details", "empty", "indent", "code", "table", "hashheader", "setextheader",
                        "hr", "olist", "ulist", "quote", "footnote", "reference", "paragraph"},
    "inlinePatterns": {"backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
                       "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "not_strong",
                       "em_strong", "em_strong2", "footnote"},
    "treeprocessors": {"inline", "prettify", "unescape", "toc", "attr_list", "footnote", "footnote-duplicate",
                       "mkdocs_extract_anchors", "relpath", "mkdocs_extract_title", "fast_blocks_ids",
                       "fast_blocks_ids_out"},
    "postprocessors": {"raw_html", "amp_substitute", "footnote"},
}
"""Every processor of the Python-Markdown this extension stands in for (this site's
extensions and MkDocs' own)."""
_NEEDED = {"escape", "link", "html", "entity", "em_strong"}
"""Inline patterns whose work it does: without one of them, it would do more than
Python-Markdown."""

_TOKEN = re.compile(r"""
    (?P<text>(?:[^\\&<\[\]*_`{}|>!\x00-\x1f\x7f]|!(?!\[))+)
  | \\(?P<escape>.)
  | (?P<entity>&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)
  | (?P<br><br>)
  | (?P<open>\[)
  | \]\((?P<url>[^\s()<>"'`\\&\x00-\x1f\x7f]+)\)
  | (?P<strong>\*\*)
  | (?P<em>\*)
  | (?P<newline>\n)
""", re.VERBOSE)
_WORDS = r"(?:[^\\&<\[\]*_`{}|>!\x00-\x1f\x7f]|!(?!\[)|&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);|<br>)"
_LINK = r"\[(?P<label>" + _WORDS + r"+)\]\((?P<url>[^\s()<>\"'`\\&\x00-\x1f\x7f]+)\)"
_PLAIN_LINK = re.compile(_LINK)
_PLAIN_MARK = re.compile(
    _LINK
    + r"|(?<!\*)\*\*(?=[^\s*])(?P<strong>(?:" + _WORDS + "|" + _LINK.replace("?P<label>", "").replace("?P<url>", "")
    + r")+)(?<=\S)\*\*(?![*{])"
    + r"|(?<!\*)\*(?=[^\s*])(?P<em>" + _WORDS + r"+)(?<=\S)\*(?![*{])")
_PLAIN = re.compile(r"(?:" + _WORDS + r"|\n|" + _PLAIN_MARK.pattern.replace("?P<", "?P<plain_") + r")*")
"""Text of words, entities, ``<br>``, links whose text is words, and strong (holding words
and such links) or emphasis (holding words) without an attribute list: most text, turned
into HTML by a substitution (what :func:`_inline` gives, the quicker way)."""
_TAG_START = re.compile(r" {0,3}<")
_OTHER_TAG = re.compile(r"<(?!br>)")
_COMMENT = re.compile(r"<!--(?:(?!--).)*-->")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"<>]*\")?)*)\s*(/?)>")
_ATTRIBUTE = re.compile(r"\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(=\"[^\"<>]*\")?")
_RAW_TEXT = frozenset({"script", "style", "textarea", "pre"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_PLAIN_PATH = re.compile(r"(?![/\\])[A-Za-z0-9._~/-]+")
"""A relative path with nothing to unquote, no scheme and no query."""
_LANG = re.compile(r'\{: lang="([a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)" \}')
"""An attribute list after emphasis, as generator/mdtext.py writes it for Russian and
Japanese text."""
_ATTRIBUTES = re.compile(r"\{: ((?:(?:#[A-Za-z][\w-]*|\.[A-Za-z_][\w-]*|[a-z][a-z0-9-]*(?:=\"[\w.:-]*\")?) )+)\}")
"""A paragraph's attribute list on its last line: ids, classes and quoted values made
only of characters that need no escaping."""
_UNSAFE_START = re.compile(r"[\s#>=+\-|:!?<{_`~\x00-\x1f]|\*(?:\s|\*\*|\*?$)|\d+[.)](?:\s|$)")
"""A line start Python-Markdown may read as block syntax (or that might join a line to
another block): headings, lists, quotes, rules, tables, admonitions, details, HTML, code.
A list item's text is read as a block of its own, so the same holds for it."""

_HEADING = re.compile(r"#{1,6}(?!#)")
_STASHED = HTML_PLACEHOLDER_RE
"""A block of HTML that Python-Markdown has set aside (its placeholder)."""


class FastBlocks(Extension):
    """Render plain blocks straight to HTML in the pages ``applies`` accepts (its argument
    is the page's ``src_uri`` under MkDocs, None without it; by default, every page)."""

    def __init__(self, applies: Callable[[str | None], bool] | None = None) -> None:
        super().__init__()
        self.applies = applies or (lambda uri: True)

    def extendMarkdown(self, md: Markdown) -> None:
        ids = _Ids(md)
        md.preprocessors.register(_HtmlBlocks(md, self.applies), "fast_html_blocks", 22)  # before MkDocs' (21)
        md.preprocessors.register(_Blocks(md, self.applies, ids), "fast_blocks", 19)  # after html_block (20)
        md.treeprocessors.register(ids, "fast_blocks_ids", 6)  # after attr_list (8), before toc (5)
        md.treeprocessors.register(_IdsOut(ids), "fast_blocks_ids_out", 4)  # after MkDocs' anchors (5)


class _Ids(Treeprocessor):
    """Places the ids of the blocks rendered here in the tree, for ``toc`` and MkDocs."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.ids: list[str] = []
        self.holder: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        self.holder = None
        if self.ids:
            self.holder = etree.SubElement(root, "div")
            for name in self.ids:
                etree.SubElement(self.holder, "span", id=name)
            self.ids = []


class _IdsOut(Treeprocessor):
    def __init__(self, ids: _Ids) -> None:
        super().__init__()
        self.placed = ids

    def run(self, root: etree.Element) -> None:
        if self.placed.holder is not None:
            root.remove(self.placed.holder)
            self.placed.holder = None


class _HtmlBlocks(Preprocessor):
    """Blocks of HTML on one line of their own (the map, the graphs), set aside as
    Python-Markdown's ``html_block`` sets them aside (the line and its newline), without its
    HTML parser, and MkDocs', reading every tag of them. Their ids are added to the page's
    anchors, as MkDocs adds those of raw HTML. Only where every line that starts with a tag
    is such a block or a comment, and no other line holds a ``<`` but in ``<br>``, so that
    nothing the parser reads as HTML holds one."""

    def __init__(self, md: Markdown, applies: Callable[[str | None], bool]) -> None:
        super().__init__(md)
        self.applies = applies

    def run(self, lines: list[str]) -> list[str]:
        relpath = self.md.treeprocessors["relpath"] if "relpath" in self.md.treeprocessors else None
        if not self.applies(relpath.file.src_uri if relpath is not None else None) or not _known(self.md):
            return lines
        found = []
        for index, line in enumerate(lines):
            if not _TAG_START.match(line):
                if _OTHER_TAG.search(line):
                    return lines  # a tag, or what the parser might take for the start of one
                continue
            ids = _element(line, self.md) if 0 < index < len(lines) - 1 and not lines[index - 1].strip() \
                and not lines[index + 1].strip() else None
            if ids is None:
                if not _COMMENT.fullmatch(line):
                    return lines  # HTML Python-Markdown's parser had better read
                continue
            found.append((index, ids))
        anchors = self.md.treeprocessors["mkdocs_extract_anchors"].present_anchor_ids \
            if "mkdocs_extract_anchors" in self.md.treeprocessors else set()
        lines = list(lines)
        for index, ids in found:
            anchors.update(ids)
            lines[index] = self.md.htmlStash.store(lines[index] + "\n")
        return lines


def _element(line: str, md: Markdown) -> list[str] | None:
    """The ids (and names of ``a``) in ``line`` if it is one element of block level, its
    tags balanced, closed at the line's end; else None."""
    stack, ids, position = [], [], 0
    while position < len(line):
        if line[position] != "<":
            position = line.find("<", position)
            if position < 0:
                return None  # text after the element
            continue
        tag = _TAG.match(line, position)
        if tag is None:
            return None
        closing, name, attributes, empty = tag.groups()
        name = name.lower()
        if name in _RAW_TEXT or (not stack and (closing or not md.is_block_level(name))):
            return None
        if closing:
            if stack.pop() != name:
                return None
        else:
            for key, value in _ATTRIBUTE.findall(attributes):
                key = key.lower()
                if key == "markdown":
                    return None
                if key == "id" or (key == "name" and name == "a"):
                    if not value:
                        return None
                    ids.append(html.unescape(value[2:-1]))
            if not empty and name not in _VOID:
                stack.append(name)
        position = tag.end()
        if not stack:
            return ids if position == len(line) else None
    return None


class _Blocks(Preprocessor):
    def __init__(self, md: Markdown, applies: Callable[[str | None], bool], ids: _Ids) -> None:
        super().__init__(md)
        self.applies = applies
        self.ids = ids

    def run(self, lines: list[str]) -> list[str]:
        relpath = self.md.treeprocessors["relpath"] if "relpath" in self.md.treeprocessors else None
        if not self.applies(relpath.file.src_uri if relpath is not None else None) or not _known(self.md):
            return lines
        resolve = _Links(relpath) if relpath is not None else None
        groups = _groups(lines)
        kinds = [_kind(lines[start:end]) for start, end in groups]
        rendered = [_render(lines[start:end], kind, self.md.ESCAPED_CHARS) if kind in ("para", "list") else None
                    for (start, end), kind in zip(groups, kinds)]
        closed = [kind in ("heading", "stashed") or (kind == "para" and done is not None)
                  for kind, done in zip(kinds, rendered)]
        """Blocks that hold no list, nor a list item's next part: Python-Markdown joins a list
        to either (a footnote's text, say, is taken out of the way first)."""
        out, position, run = [], 0, []  # run: the HTML of consecutive blocks rendered here

        def flush() -> None:
            if run:
                out.extend(["", self.md.htmlStash.store("\n".join(run)), ""])
                run.clear()

        for index, (start, end) in enumerate(groups):
            done = rendered[index]
            if kinds[index] == "list" and not ((index == 0 or closed[index - 1])
                                               and (index + 1 == len(groups) or closed[index + 1])):
                done = None
            if done is None:
                flush()
                out.extend(lines[position:end])
            else:
                if not run:
                    out.extend(lines[position:start])
                html, links, ids = done
                run.append(_resolved(html, links, resolve))
                self.ids.ids.extend(ids)
            position = end
        flush()
        out.extend(lines[position:])
        return out


class _Links:
    """A page's links resolved as MkDocs' ``path_to_url`` resolves them. A plain relative
    path to a page of the site (most links) takes MkDocs' own steps, done once per path and
    page: the target's ``src_uri`` joined and normalised, the file looked up, its URL made
    relative to the page's, and a link to an anchor recorded for MkDocs to check. Anything
    else, a missing or excluded target above all, goes to ``path_to_url`` itself, which
    resolves it or warns as MkDocs does."""

    def __init__(self, relpath) -> None:
        self.relpath = relpath
        self.page = relpath.file
        self.folder = posixpath.dirname(relpath.file.src_uri)
        self.files = relpath.files.src_uris
        self.known: dict[str, tuple[str, object]] = {}

    def __call__(self, url: str) -> str:
        path, _, anchor = url.partition("#")
        known = self.known.get(path)
        if known is None:
            target = self.files.get(posixpath.normpath(posixpath.join(self.folder, path).lstrip("/"))) \
                if _PLAIN_PATH.fullmatch(path) else None
            if target is None or target.inclusion.is_excluded():
                return self.relpath.path_to_url(url)
            known = self.known[path] = (get_relative_url(target.url, self.page.url), target)
        relative, target = known
        if not anchor:
            return relative
        self.relpath.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
        return f"{relative}#{anchor}"


def _known(md: Markdown) -> bool:
    """True when every processor of ``md`` is one this extension stands in for."""
    for registry, known in _KNOWN.items():
        names = {item.name for item in getattr(md.parser if registry == "blockprocessors" else md, registry)._priority}
        if not names <= known:
            return False
    return _NEEDED <= {item.name for item in md.inlinePatterns._priority}


def _groups(lines: list[str]) -> list[tuple[int, int]]:
    """The runs of non-blank lines, as (start, end) indexes."""
    groups, start = [], None
    for index, line in enumerate(lines):
        if line.strip():
            if start is None:
                start = index
        elif start is not None:
            groups.append((start, index))
            start = None
    if start is not None:
        groups.append((start, len(lines)))
    return groups


def _kind(block: list[str]) -> str | None:
    """"para" or "list" when every line of ``block`` can be one (inline content aside);
    "heading" or "stashed" (HTML Python-Markdown has set aside) for one line of those; else
    None."""
    if all(line.startswith("- ") for line in block):
        return "list" if all(_safe_start(line[2:]) for line in block) else None
    if len(block) == 1 and (_STASHED.fullmatch(block[0]) or _HEADING.match(block[0])):
        return "stashed" if block[0][0] == "\x02" else "heading"
    body = block[:-1] if len(block) > 1 and block[-1].startswith("{:") else block
    return "para" if all(_safe_start(line) for line in body) else None


def _safe_start(line: str) -> bool:
    return bool(line) and not _UNSAFE_START.match(line) and not line.endswith((" ", "\t"))


def _render(block: list[str], kind: str, escaped: list[str]) -> tuple[str, list[str], list[str]] | None:
    """The HTML of ``block``, the link targets in it (in order, each as ``\\x00N\\x00``
    in the HTML) and the ids it gives; or None, if Python-Markdown should render it."""
    links: list[str] = []
    if kind == "list":
        items = []
        for line in block:
            inline = _inline(line[2:], escaped, links)
            if inline is None:
                return None
            items.append(f"<li>{inline}</li>")
        return "<ul>\n" + "\n".join(items) + "\n</ul>", links, []
    attributes, ids = "", []
    if len(block) > 1 and block[-1].startswith("{:"):
        parsed = _attributes(block[-1])
        if parsed is None:
            return None
        attributes, ids = parsed
        block = block[:-1]
    inline = _inline("\n".join(block), escaped, links)
    if inline is None:
        return None
    return f"<p{attributes}>{inline}</p>", links, ids


def _attributes(line: str) -> tuple[str, list[str]] | None:
    """A paragraph's attribute list, as attr_list sets it (classes joined, the last id and
    value winning) and Python-Markdown writes it (in lexical order), and its id."""
    match = _ATTRIBUTES.fullmatch(line)
    if match is None:
        return None
    values: dict[str, str | None] = {}
    for part in match.group(1).split():
        if part[0] == "#":
            values["id"] = part[1:]
        elif part[0] == ".":
            values["class"] = f"{values['class']} {part[1:]}" if "class" in values else part[1:]
        else:
            name, _, value = part.partition("=")
            if name in ("id", "class") or value[1:-1] == name:
                return None  # attr_list's rules for these are not worth copying
            values[name] = value[1:-1] if value else None  # None: a name without a value
    attributes = "".join(f" {name}" if value is None else f' {name}="{value}"'
                         for name, value in sorted(values.items(), key=lambda item: item[0]))
    return attributes, [values["id"]] if "id" in values else []


def _inline(text: str, escaped: list[str], links: list[str]) -> str | None:
    """The HTML of inline ``text``, or None if it holds anything but the forms rendered
    here, or holds them where Python-Markdown might read them otherwise. A link's target
    is left as ``\\x00N\\x00`` (N: its index in ``links``) to be resolved."""
    if _PLAIN.fullmatch(text):  # most text
        return _PLAIN_MARK.sub(lambda match: _marked(match, links), text)
    stack: list[tuple[str, list[str]]] = [("", [])]  # (what is open, its HTML so far)
    position, end = 0, len(text)
    while position < end:
        match = _TOKEN.match(text, position)
        if match is None:
            return None
        position = match.end()
        kind, value = match.lastgroup, match.group(match.lastgroup)
        parts = stack[-1][1]
        if kind == "text" or kind == "entity" or kind == "br":
            parts.append(value)
        elif kind == "newline":
            if stack[-1][0] == "[":
                return None
            parts.append("\n")
        elif kind == "escape":
            if value not in escaped:
                return None
            parts.append("&gt;" if value == ">" else value)
        elif kind == "open":
            if any(opened == "[" for opened, _ in stack):
                return None
            stack.append(("[", []))
        elif kind == "url":
            opened, label = stack.pop()
            if opened != "[" or not label:
                return None
            links.append(value)
            stack[-1][1].append(f'<a href="\x00{len(links) - 1}\x00">{"".join(label)}</a>')
        else:  # ** or *
            if stack[-1][0] == value:
                _, inner = stack.pop()
                content = "".join(inner)
                if not content or content[0].isspace() or content[-1].isspace():
                    return None
                tag, attributes = ("strong", "") if value == "**" else ("em", "")
                if value == "*":
                    lang = _LANG.match(text, position)
                    if lang is not None:
                        attributes, position = f' lang="{lang.group(1)}"', lang.end()
                stack[-1][1].append(f"<{tag}{attributes}>{content}</{tag}>")
            elif any(opened in ("*", "**") for opened, _ in stack) and not (value == "*" and stack[-1][0] == "**"):
                return None  # crossing, or strong inside emphasis: Python-Markdown reads those otherwise
            else:
                stack.append((value, []))
    if len(stack) != 1:
        return None
    return "".join(stack[0][1])


def _marked(match: re.Match, links: list[str]) -> str:
    """The HTML of a link, strong or emphasis of :data:`_PLAIN_MARK`."""
    if match.group("strong") is not None:
        return f"<strong>{_PLAIN_LINK.sub(lambda inner: _linked(inner, links), match.group('strong'))}</strong>"
    if match.group("em") is not None:
        return f"<em>{match.group('em')}</em>"
    return _linked(match, links)


def _linked(match: re.Match, links: list[str]) -> str:
    links.append(match.group("url"))
    return f'<a href="\x00{len(links) - 1}\x00">{match.group("label")}</a>'


def _resolved(html: str, links: list[str], resolve: Callable[[str], str] | None) -> str:
    """``html`` with each link target in place, resolved as MkDocs resolves a link."""
    if not links:
        return html
    pieces = html.split("\x00")
    for index in range(1, len(pieces), 2):
        url = links[int(pieces[index])]
        pieces[index] = _escape_attrib_html(resolve(url)) if resolve is not None else url
    return "".join(pieces)


