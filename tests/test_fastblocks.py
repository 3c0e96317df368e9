"""generator/fastblocks.py renders a block exactly as Python-Markdown (with MkDocs) would, or
leaves it alone: the whole site is the same byte for byte with and without it, on the seeds,
on hostile sources and on a synthetic corpus; random blocks, made of the generator's forms and
of every kind of stray syntax, come out the same as Python-Markdown makes them; and MkDocs
still resolves, checks and reports the links in the blocks it renders."""

import shutil
import sys
import textwrap

import markdown
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from conftest import ROOT, copy_project, mkdocs, write_hostile_sources
from generator import mdtext
from generator.fastblocks import FastBlocks

EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "footnotes", "pymdownx.details"]
"""This site's Markdown extensions, and MkDocs' own (toc, tables, fenced_code)."""
CONFIGS = {"toc": {"permalink": True}}


def _render(text: str, fast: bool) -> tuple[str, int]:
    """``text`` as HTML, and how many blocks of raw HTML Python-Markdown was handed."""
    md = markdown.Markdown(extensions=EXTENSIONS + ([FastBlocks()] if fast else []), extension_configs=CONFIGS)
    return md.convert(text), md.htmlStash.html_counter


def _same_site(one, other) -> None:
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    for path in files:
        assert (one / path).read_bytes() == (other / path).read_bytes(), path


def _plain_build(project) -> None:
    result = mkdocs(project, "build", "--strict", "--site-dir", "plain", env={"GENERATOR_FAST_BLOCKS": "0"})
    assert result.returncode == 0, result.stderr


def test_the_site_is_the_same_byte_for_byte_without_it(built_site, tmp_path):
    project = copy_project(tmp_path)
    _plain_build(project)
    _same_site(built_site, project / "plain")


def test_a_site_of_hostile_sources_is_the_same_byte_for_byte_without_it(hostile_site, tmp_path):
    project = copy_project(tmp_path)
    shutil.rmtree(project / "sources")
    write_hostile_sources(project)
    _plain_build(project)
    _same_site(hostile_site, project / "plain")


def test_a_synthetic_corpus_is_the_same_byte_for_byte_without_it(tmp_path):
    """Many more pages and forms than the seeds: the benchmark's corpus, 60 articles."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run as benchmark
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    project = copy_project(tmp_path)
    shutil.rmtree(project / "sources")
    benchmark.synthesise(project, 60, 12, 3)
    result = mkdocs(project, "build", "--strict", "--site-dir", "fast", env={"GENERATOR_PAGE_JOBS": "1"})
    assert result.returncode == 0, result.stderr
    _plain_build(project)
    _same_site(project / "fast", project / "plain")


def test_it_renders_most_of_a_generated_page(generated):
    """It does render: the paragraphs of an article's text and the lists of an entity page are
    handed over as HTML, a few runs of blocks per page, and the page is the same."""
    for path in ("sources/tass-2019-01-14-sovereignty-non-negotiable.md", "islands/iturup.md"):
        text = (generated / path).read_text("utf-8").split("\n---\n", 1)[1]
        plain, plain_blocks = _render(text, fast=False)
        fast, fast_blocks = _render(text, fast=True)
        assert fast == plain
        assert fast_blocks > plain_blocks
    md = markdown.Markdown(extensions=EXTENSIONS + [FastBlocks()], extension_configs=CONFIGS)
    md.convert(text)
    assert any(block.startswith("<p") and "<a href=" in block for block in md.htmlStash.rawHtmlBlocks)


# Random pages: the generator's own forms (escaped text, links, strong, emphasis with a language,
# <br>, attribute lists, lists) and every kind of stray syntax, in blocks next to headings, lists,
# admonitions, indented text, tables and HTML.
WORDS = st.sampled_from(["Iturup", "the talks", "Итуруп", "択捉島", "1956.", "(2)", "’s", "a & b", "x < y",
                         "*", "**", "_", "`", "[", "]", "#", "|", "{", "}", "\\", "!", "<br>", "&amp;", "&#35;",
                         "  ", " ", "-", "+", ">", "=", "1.", "{: lang=\"ru\" }", "[^1]", "](x.md)", "\u00a0"])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=6)), min_size=1, max_size=8).map("".join)
INLINE = st.recursive(
    st.one_of(TEXT.map(mdtext.escape), TEXT),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["a.md", "../people/x.md#p2", "#p1", "b.md"])).map(
            lambda pair: mdtext.link(mdtext.Md(pair[0]), pair[1])),
        inner.map(lambda text: mdtext.bold(mdtext.Md(text))),
        TEXT.map(mdtext.with_languages),
        st.lists(inner, min_size=2, max_size=4).map(lambda parts: mdtext.join(parts, " ")),
        inner.map(lambda text: f"*{text}*"),
        inner.map(lambda text: f"{text}<br>{text}"),
    ),
    max_leaves=8,
)
ATTRIBUTES = st.sampled_from(['{: #p1 .source-paragraph data-n="1" }', "{: #p1 }", "{: .a .b #p2 data-search-exclude }",
                              '{: data-pagefind-weight="10" }', "{: #p1 #p2 }", '{: class="x" }', "{:#p3}",
                              '{: hidden="hidden" }', "{ #p4 }"])
BLOCK = st.one_of(
    st.lists(INLINE, min_size=1, max_size=3).map("\n".join),
    st.tuples(st.lists(INLINE, min_size=1, max_size=2).map("\n".join), ATTRIBUTES).map("\n".join),
    st.lists(INLINE.map(lambda text: f"- {text}"), min_size=1, max_size=3).map("\n".join),
    st.sampled_from(["## Heading { data-search-exclude }", "## P1", "# p2", "!!! facts \"Key facts\"",
                     "    - **Date:** 1956", "    indented", "* item", "1. item", "| a | b |\n| - | - |\n| c | d |",
                     "<div>\n\nInside\n\n</div>", "<figure class=\"map\"><svg></svg></figure>", "---", "===",
                     '<div id="x"><p>a &amp; b</p><br></div>', "<div><span></div>", "<span>inline</span>",
                     "<!-- a comment -->", "<div>\n\n<figure><svg></svg></figure>\n\n</div>",
                     "[^1]: A note.", "[x]: y.md", "???+ note\n    text", "```\ncode\n```", "> quoted"]),
)
PAGE = st.lists(st.tuples(BLOCK, st.sampled_from(["\n\n", "\n\n\n", "\n"])), min_size=1, max_size=7).map(
    lambda blocks: "".join(block + gap for block, gap in blocks))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE)
@example("- a\n\n- b\n")  # a loose list: Python-Markdown joins the two
@example("- a\n\n    more\n")  # an item's second paragraph
@example("## Heading\n- a\n\n- b\n")  # a list after a heading in one block: joined too
@example("- a\n\n[^1]: A note.\n\n- b\n")  # a footnote's text is taken out: the lists are joined
@example("P1\n{: #p1 }\n\n## P1\n")  # a heading's id must not take a paragraph's
@example("**a *b* c** *d*{: lang=\"ru\" } [**e**](a.md)<br>&amp; 1956\\.\n")
@example("*a **b** c*\n")  # strong inside emphasis: Python-Markdown reads it otherwise
@example('Text\n\n<figure id="f"><svg><title>T</title><path d="M0"/></svg></figure>\n\nMore\n')
@example("Text\n\n<div><span></div>\n\nMore\n")  # not balanced: Python-Markdown's parser reads it
@example("<div>\n\n<p>Inside</p>\n\n</div>\n\nMore\n")  # a block of HTML left open holds the next
@example("Text\n\n<div>a</div> tail\n\nMore\n")
def test_random_pages_come_out_as_python_markdown_makes_them(text):
    plain = _render(text, fast=False)[0]
    # Python-Markdown leaves its own placeholder, numbered by the page's count, in some
    # broken emphasis ("***a ***"); the generator's escaped text never has it.
    assume("\x02" not in plain and "klzzwxh:" not in plain and "wzxhzdk:" not in plain)
    assert _render(text, fast=True)[0] == plain


def test_another_extension_turns_it_off():
    """With an extension it does not know (smarty would change the quotes), it leaves every block alone."""
    text = "It's \"quoted\" -- [a](b.md)\n"
    fast = markdown.Markdown(extensions=EXTENSIONS + ["smarty", FastBlocks()], extension_configs=CONFIGS)
    plain = markdown.Markdown(extensions=EXTENSIONS + ["smarty"], extension_configs=CONFIGS)
    assert fast.convert(text) == plain.convert(text)
    assert fast.htmlStash.rawHtmlBlocks == plain.htmlStash.rawHtmlBlocks  # smarty's own, none of its
    assert _render(text, fast=True)[1] > _render(text, fast=False)[1]  # without smarty, it renders


def test_under_mkdocs_its_links_are_resolved_checked_and_reported_by_mkdocs(tmp_path):
    """A small MkDocs site whose every page uses it: links become MkDocs' URLs, a link to an id
    it wrote passes the anchor check, and a missing page or anchor fails the strict build with
    MkDocs' own words."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "hooks.py").write_text(textwrap.dedent(f"""\
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from generator.fastblocks import FastBlocks

        def on_config(config):
            config.markdown_extensions.append(FastBlocks())
            return config
        """))
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nhooks: [hooks.py]\nvalidation:\n  anchors: warn\n"
                                         "markdown_extensions: [attr_list]\n")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSee [the text](sub/text.md#p2) and [one](sub/text.md).\n\n"
                                                "[The map](sub/text.md#map)\n")
    (tmp_path / "docs" / "sub").mkdir()
    (tmp_path / "docs" / "sub" / "text.md").write_text("# Text\n\nFirst.\n{: #p1 }\n\n- [home](../index.md)\n\n"
                                                       "Second.\n{: #p2 }\n\n"
                                                       '<figure id="map"><svg><title>A map</title></svg></figure>\n\n'
                                                       "Third.\n")
    result = mkdocs(tmp_path, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text()
    assert '<p>See <a href="sub/text/#p2">the text</a> and <a href="sub/text/">one</a>.</p>' in home
    assert '<li><a href="../../">home</a></li>' in (tmp_path / "site" / "sub" / "text" / "index.html").read_text()

    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSee [a](sub/text.md#p9) and [b](nowhere.md).\n")
    result = mkdocs(tmp_path, "build", "--strict", "--site-dir", "site")
    assert result.returncode != 0
    assert "Doc file 'index.md' contains a link 'nowhere.md', but the target is not found" in result.stderr
    assert "the doc 'sub/text.md' does not contain an anchor '#p9'" in result.stderr
