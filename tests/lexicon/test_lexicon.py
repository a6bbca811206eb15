"""The word lists: each stage's named subset keeps the shared core, so a verb added there reaches every stage."""

import re

import pytest

from newsprism.lexicon import calendar, numbers, speech


@pytest.mark.parametrize("name", ["SPEECH_VERBS", "STATEMENT_VERBS", "STANCE_VERBS", "EVENTLESS_REPORTING"])
def test_lexicon_speech_subsets_keep_the_core(name):
    assert speech.REPORTING_VERBS <= getattr(speech, name)


def test_lexicon_calendar_patterns_match_the_names():
    for month in calendar.MONTHS:
        assert re.fullmatch(calendar.MONTH_WORD_RE, month, re.I)
        if month != "may":  # "May" is also a verb: the unambiguous pattern leaves it to context
            assert re.fullmatch(calendar.UNAMBIGUOUS_MONTH_RE, month.capitalize())
    assert not re.fullmatch(calendar.UNAMBIGUOUS_MONTH_RE, "May")
    assert re.fullmatch(calendar.UNAMBIGUOUS_MONTH_RE, "Sept.") and re.fullmatch(calendar.WEEKDAY_RE, "Wednesday")


def test_lexicon_vague_quantities_extend_the_vague_counts():
    assert numbers.VAGUE_QUANTITIES.items() >= numbers.VAGUE_COUNTS.items()
    assert all(lo < hi for lo, hi in numbers.VAGUE_QUANTITIES.values())
    assert re.fullmatch(numbers.DURATION_COUNT_RE, "a few") and re.fullmatch(numbers.DURATION_COUNT_RE, "12")
