from generator.sentences import split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_splits_at_sentence_ends():
    assert sentences('He spoke. "We agree," he said. Then? Yes!') == [
        "He spoke.", '"We agree," he said.', "Then?", "Yes!"]


def test_abbreviations_and_initials_end_nothing():
    assert sentences("U.S. President Bush met Dr. Smith and J. Doe. Then they left.") == [
        "U.S. President Bush met Dr. Smith and J. Doe.", "Then they left."]


def test_sentences_run_together_by_the_capture_are_split():
    assert sentences("the islands.”The first step was made.") == ["the islands.”", "The first step was made."]


def test_lowercase_after_a_period_is_not_a_new_sentence():
    assert sentences("MOSCOW, January 14. /TASS/. Russia said so.") == [
        "MOSCOW, January 14. /TASS/.", "Russia said so."]
