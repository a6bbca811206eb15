"""TIMEX values: bounds, labels and where a value sits in its day."""

import datetime as dt

from newsprism.timex import date_label, day_fraction, time_part, value_bounds


def test_timex_value_bounds():
    assert value_bounds("2022-11-10TEV") == (dt.date(2022, 11, 10), dt.date(2022, 11, 10))
    assert value_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert value_bounds("2022-W45") == (dt.date(2022, 11, 7), dt.date(2022, 11, 13))
    assert value_bounds("PRESENT_REF") is None and value_bounds("P3D") is None


def test_timex_time_part_and_day_fraction():
    assert time_part("2022-11-10TEV") == "EV" and time_part("2022-11-10") is None
    assert day_fraction("2022-11-10TMO") < day_fraction("2022-11-10TEV") < day_fraction("2022-11-10TNI")
    assert day_fraction("2022-11-10T18:30") == (18 + 30 / 60) / 24
    assert day_fraction("2022-11-10") == 0.5 and day_fraction("PRESENT_REF") == 0.5


def test_timex_labels_at_their_own_granularity():
    assert date_label("2022-11-10TNI", "part_of_day") == "10 Nov 2022, night"
    assert date_label("2022-W45", "week") == "week of 7 Nov 2022"
    assert date_label("2022", "year", "end") == "late 2022"
