import posixpath

from hypothesis import given, strategies as st

from generator import paths


def test_links_are_relative_between_pages():
    assert paths.link("islands/iturup.md", "people/sergey-lavrov.md") == "../people/sergey-lavrov.md"
    assert paths.link("index.md", "islands/index.md") == "islands/index.md"
    assert paths.link("islands/iturup.md", "sources/a.md", "p3") == "../sources/a.md#p3"


def test_site_urls_follow_directory_urls():
    assert paths.site_url(paths.entity_page("island", "iturup")) == "islands/iturup/"
    assert paths.site_url(paths.kind_index("person")) == "people/"
    assert paths.site_url(paths.HOME) == ""


_PAGES = st.lists(st.sampled_from(["a", "b", "sources", "people"]), max_size=3).map(
    lambda folders: "/".join([*folders, "page.md"]))


@given(_PAGES, _PAGES)
def test_a_link_is_the_relative_path_between_the_pages(from_page, to_page):
    assert paths.link(from_page, to_page) == posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
