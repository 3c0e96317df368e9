from generator.dates import PartialDate, parse_date


def test_partial_dates_keep_their_precision():
    assert parse_date("2019-01-14") == PartialDate(2019, 1, 14)
    assert parse_date("2019-01").precision == "month" and parse_date("2019").precision == "year"
    assert [parse_date(t).display() for t in ("2019-01-14", "2019-01", "2019")] == [
        "14 January 2019", "January 2019", "2019"]
    assert parse_date("2007-02").iso() == "2007-02"


def test_impossible_or_malformed_dates_are_refused():
    for text in ("2019-02-29", "2019-13", "2019-00-10", "19-01-01", "2019/01/14", "2019-1-4", ""):
        assert parse_date(text) is None, text
    assert parse_date("2020-02-29") == PartialDate(2020, 2, 29)
