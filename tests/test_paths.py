from generator import paths


def test_links_are_relative_between_pages():
    assert paths.link("islands/iturup.md", "people/sergey-lavrov.md") == "../people/sergey-lavrov.md"
    assert paths.link("index.md", "islands/index.md") == "islands/index.md"
    assert paths.link("islands/iturup.md", "sources/a.md", "p3") == "../sources/a.md#p3"


def test_site_urls_follow_directory_urls():
    assert paths.site_url(paths.entity_page("island", "iturup")) == "islands/iturup/"
    assert paths.site_url(paths.kind_index("person")) == "people/"
    assert paths.site_url(paths.HOME) == ""
