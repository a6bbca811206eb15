"""Number words: counts (figures), durations (times) and the words that make a sentence carry a figure (summary)."""

SMALL_NUMBERS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                 "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
                 "dozen": 12}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
# Vague counts written as a plural scale: "dozens" is two dozen up to just below a hundred, and so on (figures).
VAGUE_COUNTS = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
                "millions": (2_000_000, 9_999_999), "billions": (2_000_000_000, 9_999_999_999)}
# The range a vague quantity allows, for comparing figures across sources (compare): the vague counts plus the
# quantifiers a figure's qualifier may hold.
VAGUE_QUANTITIES = VAGUE_COUNTS | {"several": (3, 9), "a few": (2, 5)}
# Number words that count a duration: "two weeks ago", "a few days later" (times; a regex alternation).
DURATION_COUNT_RE = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|" \
                    r"several|a few|few|some|many|\d+(?:\.\d+)?)"
# Words that put a figure in a sentence without digits (summary): cardinals, scales, fractions, ordinals.
FIGURE_WORDS = tuple(w for w in SMALL_NUMBERS if w not in ("zero", "a", "an")) + (
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozens", "half",
    "quarter", "first", "second", "third", "fourth", "fifth")
