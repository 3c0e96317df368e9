"""Each cleaning rule on made-up captures (no outlet is special), and nothing lost."""

from collections import Counter

from generator.cleaning import clean_article

BODY = "The minister said the talks would go on. Both sides agreed to meet again in June."


def removed(clean):
    return [(r.reason, r.text) for r in clean.removed]


def words(text):
    return Counter(text.split())


def test_page_furniture_lines_are_removed_with_their_reason():
    capture = "\n".join([
        "12:05 GMT 3 March 2020", "Listen Live", "Get short URL", "0 112", "Author :",
        "By John Smith", "", BODY, "", "READ MORE: Another story - Agency", "Subscribe",
        "Share", "Community standardsDiscussion", "X", "Заголовок открываемого материала",
        "peace treaty, meeting, Taro Kono, Japan, Russia",
    ])
    clean = clean_article(capture, "A headline not in the capture")
    assert clean.paragraphs == (BODY,)
    assert removed(clean) == [
        ("time the page was saved or posted", "12:05 GMT 3 March 2020"),
        ("page interface text", "Listen Live"),
        ("page interface text", "Get short URL"),
        ("no words: a counter, an ID or a separator", "0 112"),
        ("header field or byline", "Author :"),
        ("header field or byline", "By John Smith"),
        ("link to another article", "READ MORE: Another story - Agency"),
        ("page interface text", "Subscribe"),
        ("page interface text", "Share"),
        ("page interface text", "Community standardsDiscussion"),
        ("page interface text", "X"),
        ("page text in another script", "Заголовок открываемого материала"),
        ("tag list", "peace treaty, meeting, Taro Kono, Japan, Russia"),
    ]


def test_the_headline_and_the_page_header_above_it_are_removed():
    capture = "- Example News\nWorld\nThe latest stories.\n\nBig Headline Here\n\n" + BODY + "\n\nBig Headline Here\n"
    clean = clean_article(capture, "Big headline here")
    assert clean.paragraphs == (BODY,)
    assert removed(clean) == [
        ("page header above the headline", "- Example News"),
        ("page header above the headline", "World"),
        ("page header above the headline", "The latest stories."),
        ("headline (shown as the page title)", "Big Headline Here"),
        ("repeated headline", "Big Headline Here"),
    ]


def test_a_list_of_other_headlines_is_removed_but_a_single_subheading_stays():
    capture = (BODY + "\n\nA subheading\n\nMore text follows here, as it should.\n\n"
               "Putin Says Something - Kremlin\nJapan Protests Again\nIslands Seen From Space - Photos\n")
    clean = clean_article(capture, "Title")
    assert clean.paragraphs == (BODY, "A subheading", "More text follows here, as it should.")
    assert [r.reason for r in clean.removed] == ["list of other headlines"] * 3


def test_repeated_paragraphs_and_a_standfirst_repeated_in_the_lead_are_dropped():
    lead = "Moscow and Tokyo still have major disagreements over the treaty, the minister said"
    capture = f"{lead}\n\nCITY (Agency) - {lead}.\n\n{BODY}\n\n{BODY}\n"
    clean = clean_article(capture, "Title")
    assert clean.paragraphs == (f"CITY (Agency) - {lead}.", BODY)
    assert removed(clean) == [("repeated in a neighbouring paragraph", lead), ("repeated paragraph", BODY)]


def test_a_trailing_read_more_is_cut_from_the_paragraph():
    clean = clean_article(BODY + " Read more", "Title")
    assert clean.paragraphs == (BODY,)
    assert removed(clean) == [("link text at the end of a paragraph", "Read more")]


def test_wrapped_lines_are_joined_and_separate_lines_stay_paragraphs():
    clean = clean_article("The minister said the talks\nwould go on.\nA new paragraph starts.", "Title")
    assert clean.paragraphs == ("The minister said the talks would go on.", "A new paragraph starts.")


def test_a_run_in_heading_and_a_missing_break_are_split_out():
    capture = ('He said so. Islands issue Since the war, nothing moved. '
               'He added: “We wait.”The talks went on.')
    clean = clean_article(capture, "Title")
    assert clean.paragraphs == ("He said so.", "Islands issue",
                                "Since the war, nothing moved. He added: “We wait.”",
                                "The talks went on.")
    assert clean.removed == ()


def test_a_very_long_paragraph_is_split_at_quotations_and_keeps_every_word():
    narrative = " ".join(f"Sentence number {n} says something plain about the talks." for n in range(12))
    capture = (f'{narrative} "We agree. We will meet again," he said. {narrative} '
               f'"Nothing changes," he added.')
    clean = clean_article(capture, "Title")
    assert len(clean.paragraphs) > 3
    assert '"We agree. We will meet again," he said.' in clean.paragraphs
    assert '"Nothing changes," he added.' in clean.paragraphs
    assert words(" ".join(clean.paragraphs)) == words(capture)


def test_nothing_is_lost_kept_plus_removed_is_the_capture():
    capture = "Listen Live\n\nBig Headline\n\n" + BODY + " Read more\n\n0 112\n\n" + BODY
    clean = clean_article(capture, "Big Headline")
    assert words(clean.text) + words(" ".join(r.text for r in clean.removed)) == words(capture)


def test_crlf_and_whitespace_only_lines():
    clean = clean_article("First line here.\r\n\u00a0\r\n   Second line here.  \r\n", "Title")
    assert clean.paragraphs == ("First line here.", "Second line here.")
