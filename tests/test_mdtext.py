"""Source text placed in a page is data: rendered, it adds no HTML, link or structure."""

import markdown
import yaml

from conftest import ROOT
from generator.mdtext import escape, external_link, link


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
    assert yaml.safe_load(f"title: {yaml_text(hostile)}\n") == {"title": " ".join(hostile.split())}
