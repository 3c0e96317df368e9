import re

from hypothesis import given, settings, strategies as st

from generator.folding import _CJK, TOKEN, alias_key, fold_gap, fold_token


def test_fold_token_removes_case_and_diacritics():
    assert fold_token("Tarō") == "taro"
    assert fold_token("KŌNO") == "kono"
    assert fold_token("Итуруп") == "итуруп"


def test_gaps_fold_spaces_dashes_and_apostrophes():
    assert fold_gap(" \u00a0 ") == " "
    assert fold_gap("–") == fold_gap("-") == "-"
    assert fold_gap("’") == "'"
    assert fold_gap("") == ""
    assert fold_gap("\n\n") is None


def test_alias_keys_compare_typographic_variants_equal():
    assert alias_key("Tarō Kōno") == alias_key("Taro  Kono") == "taro kono"
    assert alias_key("Soviet–Japanese declaration") == alias_key("Soviet-Japanese declaration")
    assert alias_key("Soviet government’s memorandum") == alias_key("Soviet government's memorandum")
    assert alias_key("...") == ""


def test_chinese_and_japanese_characters_are_one_token_each():
    assert [m.group() for m in TOKEN.finditer("択捉島へ")] == ["択", "捉", "島", "へ"]
    assert [m.group() for m in TOKEN.finditer("Abe's GMT13")] == ["Abe", "s", "GMT13"]


_TRICKY = "aZ9_ é\u0301\u0300ß漢字かナ-’'.,\u00a0\u2013ｶ①²\u0663"
"""Letters, digits, accents on their own, CJK, and what separates tokens."""


@settings(max_examples=500)
@given(st.text(st.sampled_from(_TRICKY), max_size=12) | st.text(max_size=12))
def test_a_token_is_one_cjk_character_or_a_run_of_letters_digits_and_accents(text):
    """TOKEN is written for speed; it must split text as the plain definition does."""
    def kind(char: str) -> str:
        if re.fullmatch(f"[{_CJK}]", char):
            return "cjk"
        return "run" if char.isalnum() or "\u0300" <= char <= "\u036f" else "gap"
    expected, start = [], None
    for index, char in enumerate(text + " "):
        if start is not None and kind(char) != "run":
            expected.append(text[start:index])
            start = None
        if kind(char) == "cjk":
            expected.append(char)
        elif kind(char) == "run" and start is None:
            start = index
    assert [m.group() for m in TOKEN.finditer(text)] == expected
