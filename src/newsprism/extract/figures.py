"""Figures per article: every stated quantity with its normalised value, unit, qualifier and what it counts.

A figure is found from the tokens of one story sentence, in this order:

1. the number: digits ("40,000", "1.5 million"), number words ("three", "twenty-five"), vague counts ("dozens",
   "thousands", "tens of thousands": a low and a high value), or "a"/"an" after a qualifier and before a time
   unit ("at least a week" = 1 week);
2. not a figure: years, days of the month, clock times, ordinals, numbers inside names ("F-16", "Covid-19"),
   and a bare "one" without a unit or qualifier ("one resident told...", "one of four": an article, not a count);
3. its qualifier to the left ("about", "approximately" -> about; "more than", "over"; "less than"; "at least";
   "nearly"; "up to"; "just over"), its unit to the right ("%", "square kilometers" -> km2, "weeks" -> week,
   "-year-old" -> age) and a conversion in brackets ("18 kilometers (11 miles)": one figure);
4. what it counts, from the parse: the noun it modifies ("40,000 troops"), the noun after "of" ("dozens of
   communities", "70% of the region"), the noun it is "of" ("a population of 280,000"), the participle it
   stands with ("two dead", "killing thousands"), the unit noun of a measure ("square kilometers").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import ArticleFacts, Figure, Span
from ..lexicon.calendar import MONTH_ABBREVIATIONS, MONTHS, TIME_UNITS as _TIME_UNITS
from ..lexicon.numbers import SCALES as _SCALE_WORDS, SMALL_NUMBERS as _SMALL, VAGUE_COUNTS as _VAGUE

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span as DocSpan, Token

_MONTHS = frozenset(MONTHS + MONTH_ABBREVIATIONS)
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "tn": 1_000_000_000_000, "m": 1_000_000, "k": 1_000}
_FRACTIONS = {"quarter", "quarters", "third", "thirds", "half", "halves", "fifth", "fifths", "tenth", "tenths"}
_QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("no", "fewer", "than"), "at least"), (("no", "less", "than"), "at least"), (("as", "many", "as"), "up to"),
    (("as", "much", "as"), "up to"), (("more", "than"), "more than"), (("fewer", "than"), "less than"),
    (("less", "than"), "less than"), (("at", "least"), "at least"), (("at", "most"), "at most"),
    (("up", "to"), "up to"), (("just", "over"), "just over"), (("just", "under"), "just under"),
    (("an", "estimated"), "about"), (("nearly",), "nearly"), (("almost",), "nearly"), (("about",), "about"),
    (("around",), "about"), (("approximately",), "about"), (("roughly",), "about"), (("some",), "about"),
    (("approx",), "about"), (("over",), "more than"), (("under",), "less than"), (("minimum",), "at least"),
    (("maximum",), "up to"), (("only",), "only"), (("exactly",), "exactly"),
]
# the words of those qualifiers: they say how exact a figure is, never what it counts
QUALIFIER_WORDS = frozenset(w for pattern, _ in _QUALIFIERS for w in pattern)
_LENGTH = {"kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km", "km": "km", "kms": "km",
           "mile": "mi", "miles": "mi", "meter": "m", "meters": "m", "metre": "m", "metres": "m", "feet": "ft",
           "foot": "ft", "yards": "yd", "yard": "yd", "centimeters": "cm", "centimetres": "cm", "cm": "cm",
           "mm": "mm", "m": "m", "millimeters": "mm", "millimetres": "mm", "inches": "in", "inch": "in"}
_MASS = {"tonnes": "t", "tonne": "t", "tons": "t", "ton": "t", "kilograms": "kg", "kilogram": "kg", "kg": "kg",
         "grams": "g", "gram": "g", "pounds": "lb", "lbs": "lb", "litres": "l", "liters": "l", "litre": "l",
         "liter": "l", "barrels": "bbl", "gallons": "gal", "hectares": "ha", "hectare": "ha", "acres": "acre",
         "megawatts": "MW", "mw": "MW", "gigawatts": "GW", "degrees": "deg", "kph": "km/h", "mph": "mph"}
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH", "₽": "RUB", "us$": "USD", "dlrs": "USD",
                   "usd": "USD", "eur": "EUR", "gbp": "GBP"}
_CURRENCY_WORDS = {"cents": "USD cents", "pence": "GBP pence", "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
                   "hryvnias": "UAH", "hryvnia": "UAH", "roubles": "RUB", "rubles": "RUB", "yen": "JPY",
                   "yuan": "CNY"}
_CLOCK = {"am", "pm", "a.m.", "p.m.", "gmt", "utc", "hrs", "o'clock", "cet", "est", "bst", "a.m", "p.m"}
_NAME_LABELS = {"PRODUCT", "LAW", "WORK_OF_ART", "FAC", "ORG", "EVENT", "PERSON"}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_GLUED_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(bn|tn|m|k)$")
# "$US1 million", "$A2.5 billion": the dollar's country written between the sign and the number
_CODED = re.compile(r"^(us|a|c|nz|hk|s)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$")
_CODED_DOLLARS = {"us": "USD", "a": "AUD", "c": "CAD", "nz": "NZD", "hk": "HKD", "s": "SGD"}
_HYPHEN_WORDS = re.compile(r"^(\w+)-(\w+)$")


def find_figures(facts: ArticleFacts, doc: "Doc", models: object) -> ArticleFacts:
    """Quantities stated in the story sentences of one article.

    Args:
        facts: the article's facts, with sentences.
        doc: the spaCy parse of the whole article text.
        models: unused; kept for the stage contract.

    Returns:
        ``facts`` with ``figures`` filled, in text order.
    """
    story = [s.span for s in facts.sentences if s.kind == "story"]
    starts = [s.start for s in story]
    ent_of = {}
    for ent in doc.ents:
        for t in ent:
            ent_of[t.i] = ent
    out: list[Figure] = []
    aid = facts.article.id
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        k = bisect.bisect_right(starts, tok.idx) - 1
        if k < 0 or not (story[k].start <= tok.idx < story[k].end):
            i += 1
            continue
        found = _figure_at(doc, i, ent_of, aid)
        if found is None:
            i += 1
            continue
        figure, next_i = found
        out.append(figure)
        i = next_i
    return replace(facts, figures=tuple(out))


def counted_noun(f: Figure) -> str:
    """What a figure counts, as one word: the last word of its counted noun, else its unit. A duration counts its
    time unit ("an eight-year offer" counts years; ``counts`` keeps the offer they are of)."""
    text = f.unit if f.kind == "duration" else counted_words(f) or f.unit
    return text.lower().split()[-1] if text else ""


# a casualty count told with no noun ("50 were injured", "ten dead") counts people, as "80 people were wounded"
# does; the word names its event family (extract.frame.FAMILIES)
_BARE_CASUALTIES = {"killed": "kill", "dead": "kill", "injured": "wound", "wounded": "wound", "hurt": "wound",
                    "arrested": "arrest", "detained": "arrest",
                    # the verb a bare count is the object of ("killing thousands", "injuring 80"); not a form that
                    # is also a plural noun ("three wounds", "dozens of arrests" count other things)
                    "killing": "kill", "kill": "kill", "injuring": "wound", "injure": "wound", "injures": "wound",
                    "wounding": "wound", "wound": "wound", "arresting": "arrest", "arrest": "arrest",
                    "detaining": "arrest", "detain": "arrest", "detains": "arrest"}


def counted_words(f: Figure) -> str:
    """The figure's counted words, lower-cased and spaced alike ("people" for a bare casualty count)."""
    words = _spaced(f.counts)
    return "people" if words in _BARE_CASUALTIES else words


def casualty_family(f: Figure) -> str | None:
    """The event family a bare casualty count names ("12 arrested": arrest), else None."""
    return _BARE_CASUALTIES.get(_spaced(f.counts))


def _spaced(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _number(doc: "Doc", i: int) -> tuple[float, float | None, int, str] | None:
    """The number starting at token i: (value, high, index after it, how it was written: digits/words/vague)."""
    t = doc[i]
    low = t.lower_
    if low in ("tens", "hundreds") and i + 2 < len(doc) and doc[i + 1].lower_ == "of" \
            and doc[i + 2].lower_ in ("thousands", "millions"):
        base = 10 if low == "tens" else 100
        scale = 1_000 if doc[i + 2].lower_ == "thousands" else 1_000_000
        return 2 * base * scale, 10 * base * scale - 1, i + 3, "vague"
    if low in _VAGUE:
        lo, hi = _VAGUE[low]
        return lo, hi, i + 1, "vague"
    glued = _GLUED_SCALE.match(t.lower_)
    if glued and (glued.group(2) in ("bn", "tn") or (i > 0 and doc[i - 1].text.lower() in _CURRENCY_SIGNS)):
        return float(glued.group(1)) * _SCALE[glued.group(2)], None, i + 1, "digits"  # "£1.5bn", "$5m"
    coded = _CODED.match(t.lower_) if i > 0 and doc[i - 1].text == "$" else None
    if _DIGITS.match(t.text) or coded:
        value = float((coded.group(2) if coded else t.text).replace(",", ""))
        j = i + 1
        # scales: "1.5 million", "40 bn", "5m" written apart
        while j < len(doc) and doc[j].lower_ in _SCALE:
            if doc[j].lower_ in ("m", "k") and (doc[j].idx != doc[j - 1].idx + len(doc[j - 1].text)
                                               or i == 0 or doc[i - 1].text.lower() not in _CURRENCY_SIGNS):
                break  # "$5m" is five million; "a 5m wall" is five metres
            value *= _SCALE[doc[j].lower_]
            j += 1
        return value, None, j, "digits"
    parsed = _number_words(doc, i)
    if parsed is None:
        return None
    return parsed[0], None, parsed[1], "words"


def _number_words(doc: "Doc", i: int) -> tuple[float, int] | None:
    """A number in words: "twenty four", "two hundred and thirty four", "a hundred thirty million"."""
    total, current, j, last = 0.0, 0.0, i, None  # last: "unit" (<10), "teen", "tens", "scale"
    n = len(doc)
    while j < n:
        w = doc[j].lower_
        parts = w.split("-") if "-" in w else [w]
        if not all(p in _SMALL or p in _SCALE_WORDS for p in parts) or not w:
            if w in ("and", "-") and last is not None and j + 1 < n and (
                    doc[j + 1].lower_ in _SMALL or doc[j + 1].lower_ in _SCALE_WORDS) \
                    and doc[j + 1].lower_ not in ("a", "an"):
                j += 1
                continue
            break
        stop = False
        for p in parts:
            if p in ("a", "an"):
                if j != i or j + 1 >= n or doc[j + 1].lower_ not in _SCALE_WORDS:
                    stop = True
                    break
                current, last = 1.0, "unit"
                continue
            if p in _SCALE_WORDS:
                if last is None:
                    stop = True
                    break
                scale = _SCALE_WORDS[p]
                if scale == 100:
                    current = (current or 1) * 100
                else:
                    total += (current or 1) * scale
                    current = 0.0
                last = "scale"
                continue
            v = _SMALL[p]
            kind = "unit" if v < 10 else ("teen" if v < 20 or p == "dozen" else "tens")
            if last == "unit" or last == "teen" or (last == "tens" and kind != "unit"):
                stop = True  # "one five thousand", "twenty thirty": two numbers, not one
                break
            current += v
            last = kind
        if stop:
            break
        j += 1
    if last is None or j == i:
        return None
    while j > i and doc[j - 1].lower_ in ("and", "-"):
        j -= 1
    return total + current, j


def _is_time_unit(tok: "Token") -> bool:
    return tok.lower_ in _TIME_UNITS


def _figure_at(doc: "Doc", i: int, ent_of: dict, aid: int) -> tuple[Figure, int] | None:
    t = doc[i]
    if t.is_punct or t.is_space:
        return None
    # "a"/"an" as one: only "at least a week", "just over a month"
    if t.lower_ in ("a", "an") and not (i + 1 < len(doc) and doc[i + 1].lower_ in _SCALE_WORDS):
        if i + 1 < len(doc) and doc[i + 1].lower_ == "dozen":
            parsed: tuple[float, float | None, int, str] | None = (12.0, None, i + 2, "words")
        elif i + 1 < len(doc) and _is_time_unit(doc[i + 1]) and _qualifier(doc, i)[0] is not None:
            parsed = (1.0, None, i + 1, "words")
        else:
            return None
    else:
        parsed = _number(doc, i)
    if parsed is None:
        return None
    value, high, j, written = parsed
    tally = _tally_end(doc, i) if written == "digits" else None
    if tally is not None:  # "Klitschko (52-3, 46 KOs)", "an 88-72 loss": a record or a score, not two counts
        start, end = t.idx, doc[tally - 1].idx + len(doc[tally - 1].text)
        return Figure(span=Span(aid, start, end), value=value, kind="tally"), tally
    ent = ent_of.get(i)
    label = ent.label_ if ent is not None else None
    if t.tag_ in ("JJ",) and t.lower_ in ("first", "second", "third") or label == "ORDINAL":
        return None
    if label in _NAME_LABELS:
        return None
    if i > 0 and doc[i - 1].text == "-" and i > 1 and doc[i - 2].text[:1].isupper() \
            and doc[i - 2].idx + len(doc[i - 2].text) == doc[i - 1].idx:  # "F-16", "Covid-19"
        return None
    nxt = doc[j] if j < len(doc) else None
    prev = doc[i - 1] if i > 0 else None
    if nxt is not None and nxt.text == "-" and j + 1 < len(doc) and doc[j + 1].lower_ in _FRACTIONS:
        return None  # "three-quarters": a fraction, not a count
    if prev is not None and prev.tag_ in ("NNP", "NNPS") and prev.lower_ not in _MONTHS \
            and prev.text.lower() not in _CURRENCY_SIGNS \
            and prev.text[:1].isupper() and _qualifier(doc, i)[0] is None \
            and (ent_of.get(i - 1) is None or ent_of[i - 1].label_ not in ("GPE", "NORP", "LOC")):
        return None  # "Flight 800", "TWA eight hundred": a number inside a name
    if _street_number(doc, j):
        return None  # "at 31 Changi South Avenue 2": a house number, not a count
    # clock times and dates
    if nxt is not None and nxt.lower_ in _CLOCK or (label == "TIME" and not _duration_ahead(doc, j)):
        return None
    if nxt is not None and nxt.text == ":" and j + 1 < len(doc) and doc[j + 1].like_num:
        return None
    if written == "digits" and value == int(value) and 1000 <= value <= 2100 and "," not in t.text:
        if nxt is None or not (nxt.lower_ in _LENGTH or nxt.lower_ in _MASS or nxt.text == "%"
                               or nxt.lower_ in ("people", "troops", "soldiers", "civilians")):
            return None  # a year
    if (prev is not None and prev.lower_ in _MONTHS) or (nxt is not None and nxt.lower_ in _MONTHS):
        return None  # a day of the month
    if label == "DATE" and not _duration_ahead(doc, j) and _age(doc, i, j) is None and not _object_count(doc, i, ent):
        return None
    # qualifier to the left, currency sign
    qualifier, q_start = _qualifier(doc, i)
    start_i = q_start if q_start is not None else i
    currency = None
    if prev is not None and prev.text.lower() in _CURRENCY_SIGNS:
        coded = _CODED.match(t.lower_) if prev.text == "$" else None
        currency = _CODED_DOLLARS[coded.group(1)] if coded else _CURRENCY_SIGNS[prev.text.lower()]
        if q_start is None:
            start_i = i - 1
            qualifier, q_start = _qualifier(doc, i - 1)
            if q_start is not None:
                start_i = q_start
    if written == "vague":
        qualifier = doc[i:j].text.lower()
    # unit to the right
    unit, kind, end_j, counts_tok = _unit(doc, j)
    if currency:
        unit, kind = currency, "money"
    # a bare "one" is an article more often than a count
    if written == "words" and value == 1 and unit is None and qualifier is None:
        return None
    end_i = end_j
    # a range: "55 to 65", "between $30,000 and $60,000", "10-20 km" (only upwards: "80-19" is a tally)
    rng = _range_end(doc, i, end_i, value, written)
    if rng is not None and high is None:
        high, end_i, unit2, kind2, end_j2 = rng
        if unit is None and unit2 is not None:
            unit, kind = unit2, kind2
        end_j = end_i
        if qualifier is None and start_i >= 1 and doc[start_i - 1].lower_ == "between":
            start_i -= 1
    # postfix qualifiers: "$100,000 or more", "20 or so"
    if end_i + 1 < len(doc) and doc[end_i].lower_ == "or" and doc[end_i + 1].lower_ in ("more", "so", "less", "fewer"):
        qualifier = qualifier or {"more": "at least", "so": "about"}.get(doc[end_i + 1].lower_, "at most")
        end_i += 2
    conversion, after = _conversion(doc, end_i)
    if kind == "count" and written != "vague" and unit is None and value == int(value):
        age = _age(doc, i, j)
        if age is not None:
            kind, unit = "age", "year"
            counts = age
        else:
            counts = _counts(doc, i, j)
    elif kind == "age":
        counts = _counts(doc, i, end_j)
    elif written == "vague":
        counts = _counts(doc, i, j)
    elif kind == "percent":
        counts = _of_object(doc[end_j - 1])
    elif kind in ("measure", "duration") and j < len(doc) and doc[j].text == "-":
        # "a 1,200-mile road route", "an eight-year offer": the noun it describes (a seven-year history is no offer)
        head = doc[end_j - 1].head
        counts = _np_text(head, skip_before=end_j - 1) if head.i >= end_j and head.pos_ == "NOUN" else None
    elif kind == "measure":
        counts = doc[j:end_j].text if counts_tok else None
    elif kind == "money":
        counts = None
    else:
        counts = None
    start, end = doc[start_i].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text)
    conv_span = Span(aid, conversion[0], conversion[1]) if conversion else None
    fig = Figure(span=Span(aid, start, end), value=value, unit=unit, qualifier=qualifier, counts=counts,
                 kind=kind, value_high=high, conversion=conv_span)  # type: ignore[arg-type]
    return fig, max(after, end_i)


def _tally_end(doc: "Doc", i: int) -> int | None:
    """The index after a tally starting at token i: whole numbers joined by hyphens, three of them ("45-7-2": wins,
    losses, draws), or two not rising ("52-3", "88-72", "1-1"); a rising pair is a range ("10-20 km"). A number
    inside a name ("F-16-2") or a date ("2008-12-09") is none."""
    parts, k = [doc[i]], i + 1
    while k + 1 < len(doc) and doc[k].text == "-" and doc[k + 1].text.isdecimal() and len(parts) < 3:
        parts.append(doc[k + 1])
        k += 2
    if len(parts) < 2 or not all(p.text.isdecimal() and len(p.text) <= 3 for p in parts):
        return None
    if i > 0 and doc[i - 1].text == "-":
        return None
    if len(parts) == 2 and int(parts[1].text) > int(parts[0].text):
        return None
    return k


_STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "drive", "lane", "boulevard", "way", "crescent",
                 "close", "place", "square", "terrace", "highway", "walk", "link", "central", "park"}


def _object_count(doc: "Doc", i: int, ent: "DocSpan | None") -> bool:
    """A bare number of digits (below 1000) the recogniser took for a date on its own, standing as the object of a
    verb: "…, injuring 80." counts the injured (a year has four digits; a date has a month or a day word)."""
    t = doc[i]
    return ent is not None and len(ent) == 1 and t.text.isdigit() and int(t.text) < 1000 and \
        t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ == "VERB"


def _street_number(doc: "Doc", j: int) -> bool:
    """The number is followed by a street name: capitalised words ending in a street word ("31 Changi South
    Avenue 2", "10 Downing Street"), within four words."""
    for k in range(j, min(j + 5, len(doc))):
        t = doc[k]
        if not t.text[:1].isupper():
            return False
        if t.lower_ in _STREET_WORDS and k > j:
            return True
    return False


def _range_end(doc: "Doc", i: int, j: int, low: float, written: str):
    """The upper end of a range starting with the number at i that ends before token j."""
    if written == "vague" or j + 1 >= len(doc):
        return None
    sep = doc[j].lower_
    b = i - 2 if i >= 2 and doc[i - 1].text in _CURRENCY_SIGNS else i - 1
    between = b >= 0 and doc[b].lower_ == "between"
    if (sep == "and" and between) or sep in ("to", "-", "–"):
        k = j + 1
        if k < len(doc) and doc[k].text in _CURRENCY_SIGNS:
            k += 1
        parsed = _number(doc, k)
        if parsed is None or parsed[3] == "vague":
            return None
        high, _, after, _ = parsed
        if not high > low:
            return None
        unit, kind, end_u, _ = _unit(doc, after)
        return high, (end_u if unit else after), unit, kind, end_u
    return None


def _duration_ahead(doc: "Doc", j: int) -> bool:
    """A number inside a DATE entity is a figure only as a duration ("six weeks", "nine-month")."""
    k = j
    if k < len(doc) and doc[k].text == "-":
        k += 1
    return k < len(doc) and (_is_time_unit(doc[k]) or doc[k].lower_ in ("-year", "year-old"))


def _qualifier(doc: "Doc", i: int) -> tuple[str | None, int | None]:
    words = [doc[k].lower_ for k in range(max(0, i - 3), i)]
    for pattern, canon in _QUALIFIERS:
        if len(words) >= len(pattern) and tuple(words[-len(pattern):]) == pattern:
            if pattern == ("some",) and not doc[i].like_num:
                continue
            if pattern in (("over",), ("under",)) and i - 2 >= 0 and doc[i - 2].pos_ == "VERB":
                continue  # "took over 300..." is fine, but "won over two" is rare; keep conservative
            return canon, i - len(pattern)
    return None, None


def _unit(doc: "Doc", j: int) -> tuple[str | None, str, int, bool]:
    """(unit, kind, index after the unit, whether the unit is a noun that is what the figure measures)."""
    n = len(doc)
    k = j
    hyphen = k < n and doc[k].text == "-"
    if hyphen:
        k += 1
    if k >= n:
        return None, "count", j, False
    w = doc[k].lower_
    if w == "percentage" and k + 1 < n and doc[k + 1].lower_ in ("point", "points"):
        return "pp", "measure", k + 2, False
    if w == "%" or w == "percent" or (w == "per" and k + 1 < n and doc[k + 1].lower_ == "cent"):
        return "%", "percent", k + (2 if w == "per" else 1), False
    if w in ("year", "years") and k + 2 < n and doc[k + 1].text == "-" and doc[k + 2].lower_ == "old":
        return "year", "age", k + 3, False
    if w in ("year", "years") and k + 1 < n and doc[k + 1].lower_ == "old":
        return "year", "age", k + 2, False
    if w == "year-old":
        return "year", "age", k + 1, False
    if w in _TIME_UNITS:
        return _TIME_UNITS[w], "duration", k + 1, False
    if w == "square" and k + 1 < n and doc[k + 1].lower_ in _LENGTH:
        return _LENGTH[doc[k + 1].lower_] + "2", "measure", k + 2, True
    glued = doc[k].idx == doc[k - 1].idx + len(doc[k - 1].text)
    if w in _LENGTH and not (w == "m" and (hyphen or not glued)):  # "5m" is metres; "5 m" is unclear
        return _LENGTH[w], "measure", k + 1, True
    if w in _MASS:
        return _MASS[w], "measure", k + 1, True
    if w in ("point", "points") and (hyphen or doc[j - 1].text[:1].isdigit()):
        return "pt", "measure", k + 1, False  # "a ten-point lead", "rose 3 points"; not "at one point"
    if w in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[w], "money", k + 1, False
    return None, "count", j, False


def _conversion(doc: "Doc", k: int) -> tuple[tuple[int, int] | None, int]:
    """ "(11 miles)" right after a measure: the same figure in other units."""
    n = len(doc)
    if k + 2 < n and doc[k].text == "(" and (doc[k + 1].like_num or doc[k + 1].text in _CURRENCY_SIGNS):
        close = next((m for m in range(k + 1, min(n, k + 8)) if doc[m].text == ")"), None)
        if close is not None and close > k + 2:
            inner = doc[k + 1:close]
            if any(t.lower_ in _LENGTH or t.lower_ in _MASS or t.lower_ in _CURRENCY_WORDS or t.text == "%"
                   for t in inner) or doc[k + 1].text in _CURRENCY_SIGNS:
                return (inner.start_char, inner.end_char), close + 1
    return None, k


def _np_text(head: "Token", skip_before: int | None = None) -> str:
    """The noun with its left modifiers (no article, no number): "three other Ukrainian provinces" -> "other
    Ukrainian provinces"."""
    doc = head.doc
    left = head.i
    for c in head.lefts:
        if c.dep_ in ("amod", "compound", "nmod") and (skip_before is None or c.i > skip_before):
            left = min(left, c.left_edge.i if c.left_edge.i > (skip_before or -1) else c.i)
    while left < head.i and (doc[left].is_punct or doc[left].lower_ in ("the", "a", "an")
                             or doc[left].like_num):
        left += 1
    return doc[left:head.i + 1].text


def _of_object(tok: "Token") -> str | None:
    """The noun after "of" that hangs on ``tok`` or on the figure's head: "70% of the Kherson region"."""
    for cand in (tok, tok.head):
        for c in cand.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                    return _np_text(obj)
    return None


def _counts(doc: "Doc", i: int, j: int) -> str | None:
    """What a bare count counts, from the parse."""
    num = doc[j - 1]
    # "dozens of communities", "thousands of unexploded landmines"
    obj = _of_object(num)
    if obj is not None and num.pos_ in ("NOUN", "NUM") and (num.lower_ in _VAGUE or num.lower_ in ("tens", "dozen")):
        return obj
    head = num.head
    # "40,000 troops", "three other Ukrainian provinces": the noun the number modifies
    if num.dep_ in ("nummod", "quantmod", "amod", "compound") and head.i > num.i \
            and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _np_text(head, skip_before=num.i)
    # "Two dead, two wounded": a participle or adjective right after
    nxt = doc[j] if j < len(doc) else None
    if nxt is not None and nxt.tag_ in ("JJ", "VBN") and nxt.lower_ not in ("more", "other", "many", "few"):
        return nxt.text
    if obj is not None:
        return obj
    # "a population of 280,000": the noun the number is "of"
    if num.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN",):
        return _np_text(head.head)
    # "killing thousands", "wounding two": the verb whose object the number is
    if num.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return head.text
    # "three others": the number heads its own noun phrase
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ in ("NNS", "NN") and nxt.head.i == num.i:
        return nxt.text
    if num.pos_ == "NOUN" and num.tag_ == "NNS" and not num.like_num:
        return None
    if nxt is not None and nxt.tag_ == "NNS" and num.head.i == nxt.i:
        return nxt.text
    return None


def _age(doc: "Doc", i: int, j: int) -> str | None:
    """ "Nadiia Nizarenko, 85, said": a bare number set off by commas right after a person's name."""
    if i < 2 or doc[i - 1].text != "," or j >= len(doc) or doc[j].text not in (",", ")", "—", "–", "―", "-", "."):
        return None
    prev = doc[i - 2]
    if prev.ent_type_ == "PERSON" and 0 < float(doc[i].text.replace(",", "") if doc[i].like_num and
                                                doc[i].text[0].isdigit() else 0) <= 120:
        k = i - 2
        while k > 0 and doc[k - 1].ent_type_ == "PERSON" and doc[k - 1].ent_iob_ != "O":
            k -= 1
        return doc[k:i - 1].text
    return None
