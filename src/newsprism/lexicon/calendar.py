"""Month and weekday names, as words and as the patterns the stages match them with."""

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# Short forms written in news copy ("Sept", "Nov"); "may" has none.
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words that name a day relative to today.
RELATIVE_DAYS = ("yesterday", "today", "tomorrow", "tonight")

# A weekday in running text ("Monday", "Tuesday").
WEEKDAY_RE = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A month written so that it cannot be another word: a full name other than "May", or an abbreviation with its
# full stop ("Sept.") — "May" and a bare "Mar" need context the caller adds.
UNAMBIGUOUS_MONTH_RE = (r"(?:January|February|March|April|June|July|August|September|October|November|December|"
                        r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
# A month abbreviated without its full stop ("Nov 12, 2011"): a month for sure only before a day and a year.
BARE_MONTH_ABBREVIATION_RE = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
# Any month, full or abbreviated, with an optional full stop (datelines, embed signatures; match with re.I).
MONTH_WORD_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"

# Holidays on the same calendar day every year, as written in news copy (lower case): (month, day). Only forms the
# recogniser reads as that day (a test pins each); holidays that move (Easter, Thanksgiving, Memorial Day) are left
# to it.
FIXED_HOLIDAYS = {
    **dict.fromkeys(("christmas", "christmas day", "xmas"), (12, 25)),
    "christmas eve": (12, 24),
    **dict.fromkeys(("new year's day", "new years day"), (1, 1)),
    **dict.fromkeys(("new year's eve", "new years eve"), (12, 31)),
    "halloween": (10, 31),
    **dict.fromkeys(("independence day", "us independence day"), (7, 4)),
    **dict.fromkeys(("veterans day", "veterans' day"), (11, 11)),
    **dict.fromkeys(("valentine's day", "valentines day"), (2, 14)),
    "st patrick's day": (3, 17),
    "may day": (5, 1),
    "bastille day": (7, 14),
    "guy fawkes day": (11, 5),
    "inauguration day": (1, 20),
}

# Units of time, each written form to its singular: a figure they count is a duration ("three years", "48 hours").
TIME_UNITS = {"second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour",
              "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
              "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade",
              "fortnight": "fortnight", "century": "century", "centuries": "century", "night": "night",
              "nights": "night"}

# Time-zone codes as news copy prints them beside a clock time ("06:00 BST", "1336 GMT"): no organisation or place.
TIME_ZONE_CODES = frozenset("GMT UTC BST CET CEST EET EEST IST JST KST PST PDT EST EDT CST CDT MST MDT AEST AEDT SGT HKT "
                            "WIB ICT MSK".split())
