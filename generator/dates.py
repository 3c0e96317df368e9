"""Dates that are known to the day, the month or only the year."""

from __future__ import annotations

import calendar
import datetime
import os
import re
from dataclasses import dataclass

from .words import MONTH_NAMES

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
EARLIEST_YEAR = 1800
"""No date in the sources is earlier (the first treaty between Russia and Japan is of 1855):
an earlier one is a typing mistake."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date whose precision is the day, the month or the year."""

    year: int
    month: int = 0
    """1-12, or 0 when only the year is known."""
    day: int = 0
    """1-31, or 0 when the day is not known."""

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """``2019-01-14``, ``2019-01`` or ``2019``."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def start(self) -> datetime.date:
        """The first day the date can mean."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def plus_months(self, months: int) -> PartialDate:
        """The month ``months`` after this date's month (before it when negative), to the month."""
        index = self.year * 12 + self.month - 1 + months
        return PartialDate(index // 12, index % 12 + 1)

    def display(self) -> str:
        """``14 January 2019``, ``January 2019`` or ``2019``."""
        if self.day:
            return f"{self.day} {MONTH_NAMES[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTH_NAMES[self.month - 1]} {self.year}"
        return str(self.year)


def parse_date(text: str) -> PartialDate | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when malformed or impossible."""
    match = _PATTERN.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if match.group(2) and not 1 <= month <= 12:
        return None
    if match.group(3) and not 1 <= day <= (29 if month == 2 and calendar.isleap(year) else calendar.mdays[month]):
        return None
    return PartialDate(year, month, day)


def latest_date() -> datetime.date:
    """The latest date a source can have already published: the build's date (UTC; the
    ``SOURCE_DATE_EPOCH`` of reproducible builds when set), plus a day, as it is already
    tomorrow east of the builder."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    now = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch.isdigit()
           else datetime.datetime.now(datetime.timezone.utc))
    return now.date() + datetime.timedelta(days=1)
