"""TIMEX values: bounds, labels, where a value sits in its day, weekdays and notation folding."""

import datetime as dt

from newsprism.timex import (
    date_label, day_fraction, normalise_value, time_part, value_bounds, weekday_value, without_part_of_day,
)


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


def test_timex_weekday_values():
    assert weekday_value("XXXX-WXX-1") == (0, None)  # TIMEX weekday 1 is Monday, date.weekday() 0
    assert weekday_value("XXXX-WXX-5TNI") == (4, "NI")
    assert dt.date(2022, 11, 11).weekday() == weekday_value("XXXX-WXX-5")[0]
    assert weekday_value("2022-11-11") is None and weekday_value("2022-W45") is None


def test_timex_notation_folded_never_meaning():
    assert normalise_value("2022-11-10t05") == normalise_value("2022-11-10T05:00:00") == "2022-11-10T05:00"
    assert normalise_value("1997-XX-XX") == "1997" and normalise_value("199X") == "199"
    assert normalise_value("2000-W07") == normalise_value("2000-W7")
    assert normalise_value("2022-11-10") != normalise_value("2022-11-17")


def test_timex_part_of_day_taken_off():
    assert without_part_of_day("1998-10-23TNI") == "1998-10-23"
    assert without_part_of_day("XXXX-WXX-5TEV") == "XXXX-WXX-5"
    assert without_part_of_day("1998-10-23T05:00") is None and without_part_of_day("PRESENT_REF") is None
    assert without_part_of_day("1998-10-23") is None
