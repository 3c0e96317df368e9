from generator.folding import TOKEN, alias_key, fold_gap, fold_token


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
