"""Source text placed in a page is data: rendered, it adds no HTML, link or structure."""

import html
import random

import markdown
import yaml

from conftest import ROOT
from generator.mdtext import _escaped, _is_plain, escape, external_link, link


def render(text):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = options or {}
    return markdown.markdown(text, extensions=names, extension_configs=configs)


HOSTILE = [
    "<script>alert(1)</script>", '<iframe src="https://evil.example"></iframe>',
    '<img src=x onerror="alert(1)">', "[click](javascript:alert(1))", "![img](https://evil.example/x.png)",
    "{{ config }} and {% include 'x' %}", "# Heading", "- item", "1956. A year", "!!! danger \"Boom\"",
    '??? note "Folded"', "> quote", "*bold* _it_ `code`", "text {: onclick=alert(1) }", "a | b | c",
    "[^1] footnote", "<https://evil.example>", "&lt;script&gt; &amp;", "    indented code",
    "line\nbreak\n\n# heading after blank line", "\\[escaped\\]",
]


def test_hostile_text_renders_as_one_plain_paragraph_showing_the_same_characters():
    for text in HOSTILE:
        html = render(escape(text))
        assert html.startswith("<p>") and html.endswith("</p>") and html.count("<") == 2, (text, html)
        shown = html[3:-4].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        for entity, char in (("&#45;", "-"), ("&#33;", "!"), ("&#63;", "?"), ("&#35;", "#")):
            shown = shown.replace(entity, char)
        assert shown == " ".join(text.split()), (text, html)


def test_links_are_built_only_from_our_targets():
    assert render(link("<b>Iturup</b>", "../islands/iturup.md")) == (
        '<p><a href="../islands/iturup.md">&lt;b&gt;Iturup&lt;/b&gt;</a></p>')
    assert external_link("x", "https://e.example/a b(c)") == "[x](https://e.example/a%20b%28c%29)"


def test_a_title_cannot_escape_the_front_matter():
    from generator.mdtext import yaml_text

    hostile = 'x"\n---\n<script>: [1]\ntitle: "y'
    title = yaml.safe_load(f"title: {yaml_text(hostile)}\n")["title"]
    # HTML-escaped: the theme places the title into the page as HTML
    assert "<" not in title and html.unescape(title) == " ".join(hostile.split())


def test_text_taken_as_plain_is_text_the_escaping_would_not_change():
    """escape's fast path: whatever it returns as it is, the full escaping leaves alone."""
    rng = random.Random(5)
    alphabet = "ab é1²٣.)#-+!?=:~%&<>\\`*_{}[]|\t\n\r\x00\x1c\x7f\x85\u00a0\u00ad\u200b\u2028  "
    plain = 0
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        if _is_plain(text):
            plain += 1
            assert _escaped(text) == text, repr(text)
    assert plain > 1000
    assert _is_plain("14 January 2019") and not _is_plain("1956. A list?") and not _is_plain(" # no")


def test_russian_and_japanese_runs_carry_their_language():
    from generator.mdtext import with_languages
    assert with_languages("択捉島 (Etorofu-tō)") == '*択捉島*{: lang="ja" } (Etorofu-tō)'
    assert with_languages("Сергей Лавров") == '*Сергей Лавров*{: lang="ru" }'
    assert with_languages("Iturup") == "Iturup"
    # what is around a run is escaped as any text: no attribute list, no markup gets through
    assert with_languages("Ит{: onclick=x }уруп*") == '*Ит*{: lang="ru" }\\{: onclick=x \\}*уруп*{: lang="ru" }\\*'
    rendered = markdown.markdown(with_languages("Ит{: onclick=x }уруп*"), extensions=["attr_list"])
    assert rendered == '<p><em lang="ru">Ит</em>{: onclick=x }<em lang="ru">уруп</em>*</p>'
