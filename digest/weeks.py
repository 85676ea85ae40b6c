"""ISO weeks: parsing `2026-W48`, the default week, and which week a date belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


class WeekError(ValueError):
    """A week string that is not an ISO week like 2026-W48."""


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Week:
        """Accept `2026-W48` (also `2026W48`, `2026-w48`); reject weeks a year lacks."""
        m = _WEEK_RE.match(text.strip())
        if not m:
            raise WeekError(f"invalid week {text!r}: expected ISO week like 2026-W48")
        year, number = int(m.group(1)), int(m.group(2))
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise WeekError(f"invalid week {text!r}: {year} has no week {number}") from None
        return cls(year, number)

    @classmethod
    def of(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def previous_complete(cls, today: date | None = None) -> Week:
        """The default digest week: the last Monday–Sunday that has fully passed."""
        today = today or datetime.now(STOCKHOLM).date()
        return cls.of(today - timedelta(days=7))

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def shift(self, weeks: int) -> Week:
        return Week.of(self.monday + timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"


def local_date(timestamp: str | None) -> date | None:
    """The Swedish calendar date of an ISO-8601 timestamp, or None if unparseable.

    Timestamps with an offset are converted to Stockholm time, so an article
    published Sunday 23:30 local time stays in that week.
    """
    if not timestamp:
        return None
    text = timestamp.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(STOCKHOLM)
    return parsed.date()
