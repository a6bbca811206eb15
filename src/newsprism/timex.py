"""TIMEX values, read and written in one place: ``2022-11-10TEV``, ``2022-W45``, ``2022-03``, ``PAST_REF``.

Times writes them (part-of-day codes), pubdates and the timeline read their bounds and granularity, the
renderers place and label them from the report alone. TimeML's TIMEX3 value format, with its part-of-day codes
MO, MI, AF, EV, NI and DT.
"""

from __future__ import annotations

import datetime as dt
import re

from .lexicon.calendar import MONTHS

MONTH_NAMES = [m.capitalize() for m in MONTHS]
# The part-of-day code a word writes after a date: "Monday evening" -> ...TEV.
PART_OF_DAY_CODES = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "overnight": "TNI",
                     "tonight": "TNI", "midday": "TMI", "noon": "TMI", "daytime": "TDT"}
PART_LABELS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
# Order of the parts within a day, for sorting events of one date.
PART_ORDER = {"MO": 1, "MI": 2, "DT": 2, "AF": 3, "EV": 4, "NI": 5}
# Where in its day a part sits (fraction of 24 hours), for placing it on an axis.
PART_FRACTION = {"MO": 0.3, "MI": 0.5, "DT": 0.5, "AF": 0.6, "EV": 0.8, "NI": 0.92}
# Granularities from coarse to fine.
GRANULARITY_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3, "part_of_day": 4, "time": 5}
VALUE_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?P<t>[A-Z]{2}|\d{2}(?::\d{2})?))?)?)?$")
WEEK_RE = re.compile(r"^(?P<y>\d{4})-W(?P<w>\d{2})$")
# A weekday with no date ("on Friday" before it is resolved): XXXX-WXX-5, XXXX-WXX-5TNI
WEEKDAY_RE = re.compile(r"^XXXX-WXX-(?P<d>\d)(?:T(?P<t>[A-Z]{2}))?$")


def value_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by a TIMEX-style value, or None when it is not a calendar date."""
    m = VALUE_RE.match(value)
    if m:
        y = int(m["y"])
        if m["d"]:
            day = dt.date(y, int(m["m"]), int(m["d"]))
            return day, day
        if m["m"]:
            mo = int(m["m"])
            nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
            return dt.date(y, mo, 1), nxt - dt.timedelta(days=1)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = WEEK_RE.match(value)
    if m:
        monday = dt.date.fromisocalendar(int(m["y"]), int(m["w"]), 1)
        return monday, monday + dt.timedelta(days=6)
    return None


def time_part(value: str) -> str | None:
    m = VALUE_RE.match(value)
    return m["t"] if m else None


def day_label(d: dt.date) -> str:
    return f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}"


def date_label(value: str, granularity: str, mod: str | None = None) -> str:
    """Honest human rendering at the value's own granularity.

    Examples:
        >>> date_label("2022-03", "month", "start")
        'early March 2022'
        >>> date_label("2022-11-10TEV", "part_of_day")
        '10 Nov 2022, evening'
        >>> date_label("2014", "year")
        '2014'
    """
    bounds = value_bounds(value)
    if bounds is None:
        return value
    start, _ = bounds
    m = VALUE_RE.match(value)
    if WEEK_RE.match(value):
        text = f"week of {day_label(start)}"
    elif m and m["d"]:
        text = day_label(start)
        t = m["t"]
        if t in PART_LABELS:
            text += f", {PART_LABELS[t]}"
        elif t:
            text += f", {t if ':' in t else t + ':00'}"
        elif mod == "start":
            text += ", early"
        elif mod == "end":
            text += ", late"
    elif m and m["m"]:
        month = f"{MONTH_NAMES[start.month - 1]} {start.year}"
        text = {"start": f"early {month}", "mid": f"mid-{month}", "end": f"late {month}"}.get(mod or "", month)
    else:
        text = {"start": f"early {start.year}", "mid": f"mid-{start.year}", "end": f"late {start.year}"}.get(
            mod or "", str(start.year))
    if mod in ("approx",):
        text = f"about {text}"
    elif mod in ("before", "after"):
        text = f"{mod} {text}"
    return text


def day_fraction(value: str) -> float:
    """Where in its day a value's time falls (0 to 1): its part of day or clock time; midday when it has none."""
    part = value.split("T", 1)[1] if "T" in value else ""
    if part in PART_FRACTION:
        return PART_FRACTION[part]
    if part[:2].isdigit():
        return (int(part[:2]) + (int(part[3:5]) if len(part) >= 5 else 0) / 60) / 24
    return 0.5


def weekday_value(value: str) -> tuple[int, str | None] | None:
    """A dateless weekday value's weekday (Monday 0, as ``date.weekday()``) and part-of-day code, else None.

    Examples:
        >>> weekday_value("XXXX-WXX-5TNI")
        (4, 'NI')
        >>> weekday_value("2022-11-11") is None
        True
    """
    m = WEEKDAY_RE.match(value)
    return (int(m["d"]) - 1, m["t"]) if m else None


def normalise_value(value: str) -> str:
    """A value with its notation folded, never its meaning: seconds of zero, "T05" and "T05:00", "W07" and "W7",
    a decade "199X" and "199", "1997-XX-XX" and "1997" (TimeBank's annotators wrote both forms)."""
    v = value.strip().upper()
    v = re.sub(r"(T\d\d:\d\d):00$", r"\1", v)  # seconds of zero
    v = re.sub(r"T(\d\d)$", r"T\1:00", v)  # "T05" and "T05:00" are the same hour
    v = re.sub(r"-W0(\d)\b", r"-W\1", v)  # "2000-W07" and "2000-W7"
    v = re.sub(r"^(\d{3})X$", r"\1", v)  # a decade: "199X" and "199"
    v = re.sub(r"^(\d{4})(?:-XX)+$", r"\1", v)  # "1997-XX-XX" says no more than "1997"
    return v


def without_part_of_day(value: str) -> str | None:
    """The value with its part-of-day code taken off ("1998-10-23TNI" -> "1998-10-23"), None when it has none."""
    part = value.rsplit("T", 1)[1] if "T" in value else ""
    return value[: -len(part) - 1] if part in PART_LABELS else None
