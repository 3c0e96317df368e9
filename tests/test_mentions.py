from generator.mentions import build_alias_index, find_mentions

INDEX = build_alias_index([
    ("Sergey Lavrov", "lavrov"), ("Lavrov", "lavrov"),
    ("Taro Kono", "kono"), ("Kono Taro", "kono"), ("Kono", "kono"),
    ("Shinzo Abe", "abe"), ("Abe", "abe"),
    ("Iturup", "iturup"), ("Iturup Island", "iturup"), ("Etorofu", "iturup"), ("択捉島", "iturup"),
    ("Kuril Islands", "kurils"), ("southern Kuril Islands", "south"),
    ("Sakhalin", "sakhalin"), ("Sakhalin Region", None),
    ("Soviet government’s memorandum", "memo"),
])


def found(text):
    return [(m.surface, m.entity) for m in find_mentions(text, INDEX)]


def test_longest_alias_wins():
    assert found("Sergey Lavrov met Lavrov.") == [("Sergey Lavrov", "lavrov"), ("Lavrov", "lavrov")]
    assert found("the southern Kuril Islands and the Kuril Islands") == [
        ("southern Kuril Islands", "south"), ("Kuril Islands", "kurils")]


def test_word_boundaries_are_checked_before_the_longest_match():
    assert found("the Iturup Islands") == [("Iturup", "iturup")]
    assert found("Iturup Island.") == [("Iturup Island", "iturup")]


def test_whole_words_only():
    assert found("Konoha and Abeyance and Lavrovsky") == []


def test_possessives_and_typographic_variants():
    assert found("Abe's plan and Russia’s Lavrov’s words") == [("Abe", "abe"), ("Lavrov", "lavrov")]
    assert found("Tarō Kōno and Kono\u00a0Taro") == [("Tarō Kōno", "kono"), ("Kono\u00a0Taro", "kono")]
    assert found("A Soviet government's memorandum") == [("Soviet government's memorandum", "memo")]


def test_native_scripts():
    assert found("択捉島は") == [("択捉島", "iturup")]


def test_offsets_point_into_the_unchanged_text():
    text = "Then Tarō Kōno’s reply: Sergey Lavrov agreed."
    for mention in find_mentions(text, INDEX):
        assert text[mention.start:mention.end] == mention.surface


def test_an_excluded_phrase_links_nothing():
    assert found("now part of the Sakhalin Region, near Sakhalin") == [("Sakhalin", "sakhalin")]


def test_a_mention_never_spans_paragraphs():
    assert found("Sergey\n\nLavrov") == [("Lavrov", "lavrov")]


def test_mentions_do_not_overlap_and_are_in_order():
    mentions = find_mentions("Kono Taro Kono Taro Kono", INDEX)
    assert [(m.start, m.end) for m in mentions] == [(0, 9), (10, 19), (20, 24)]
