"""Quotation marks: where the quotations of a text are, and which of them read as speech.

``mark_regions``: every double-mark style ("…", “…”, „…“, «…») paired per paragraph by
the context of each mark (a mark after a space opens, a mark before a space or punctuation closes), so mixed
or straight marks pair correctly and apostrophes are never marks; single marks (‘…’, '…') only where no double
quote covers them. An opening mark left unclosed at the end of a paragraph continues into the next paragraph
when that one opens with a mark (the news convention for multi-paragraph quotes); otherwise it ends there.

Not quotes (``is_title``, ``reads_as_speech``): a short quotation in title case names a work, show or slogan; an
unattributed one that is not a clause is a scare quote, nickname or slogan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...lexicon.function_words import TITLE_CASE_SMALL as _SMALL_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


_DOUBLE = "\"“”„‟«»"


_SINGLE = "'‘’‚‛‹›"


_OPENERS = "“„‟«‘‚‛‹"


_CLOSERS = "”»’›"


_OPEN_CTX = "([{—–-/:"


_CLOSE_CTX = ".,;:!?)]}—–-…"


@dataclass(slots=True)
class Region:
    """One quotation: its content pieces (one per paragraph, or per half of a split quote), without the marks."""

    pieces: list[tuple[int, int]]
    closed: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _direction(text: str, i: int, lo: int, hi: int, marks: str) -> str:
    """'open', 'close' or the character's own default, from the characters around the mark."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if nxt == _PAIRED_APOSTROPHES:
        nxt = text[i + 2] if i + 2 < hi else " "
    opens = (prev.isspace() or prev in _OPEN_CTX or prev in marks) and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_CTX or nxt in marks)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    ch = text[i]
    if ch in _OPENERS:
        return "open"
    if ch in _CLOSERS:
        return "close"
    return "toggle"


def _pair(text: str, lo: int, hi: int, marks: str, skip: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int | None]:
    """Paired regions (content offsets) of one paragraph, and the start of a quote left open at its end.

    Curly double marks nest: “… what he calls “a desert” …” is one quotation with a phrase quoted inside, the way
    writers who know only one kind of double mark nest them. Where a nested opening mark, or the outer one, is
    never closed in the paragraph, the marks are paired flat. (A straight mark opening a paragraph is often an
    excerpt left open, with curly quotations of its own inside: no nesting there.)"""
    if marks is _DOUBLE:
        nested = _pair_marks(text, lo, hi, marks, skip, nest=True)
        if nested is not None:
            return nested
    flat = _pair_marks(text, lo, hi, marks, skip, nest=False)
    assert flat is not None
    return flat


def _pair_marks(text: str, lo: int, hi: int, marks: str, skip: list[tuple[int, int]], *, nest: bool
                ) -> tuple[list[tuple[int, int]], int | None] | None:
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    depth = 0  # curly pairs open inside the open quotation
    nested = False
    for i in range(lo, hi):
        ch = text[i]
        if ch not in marks or any(a <= i < b for a, b in skip):
            continue
        if marks is _SINGLE:
            prev = text[i - 1] if i > lo else " "
            nxt = text[i + 1] if i + 1 < hi else " "
            if prev.isalnum() and nxt.isalnum():
                continue  # apostrophe inside a word: it's, Nizarenko's
        d = _direction(text, i, lo, hi, marks)
        if nest and open_at is not None:
            if d == "open" and ch in _OPENERS and text[open_at - 1] in _OPENERS:
                depth += 1  # “… “a desert” …”: a quotation inside the quotation
                nested = True
                continue
            if depth and d in ("close", "toggle") and ch in _CLOSERS:
                depth -= 1
                continue
        if d == "toggle":
            d = "close" if open_at is not None else "open"
        if d == "open" and open_at is None:
            if marks is _SINGLE and not (i + 1 < hi and text[i + 1].isalpha()):
                continue  # '90s, ' alone
            open_at = i + 1
        elif d == "close" and open_at is not None:
            if marks is _SINGLE and text[i - 1] == "s" and len(text[open_at:i].split()) > 40:
                continue
            regions.append((open_at, i))
            open_at = None
    if depth or nested and open_at is not None:
        return None  # a nested mark never closed, or the outer one: not nesting after all
    return regions, open_at


_PAIRED_APOSTROPHES = "\x01"  # stands for the second apostrophe of a '' mark while pairing


def mark_regions(original: str) -> list[Region]:
    """All quotations of the text in order, multi-paragraph ones joined.

    Two apostrophes ('') are one double mark, as in archive and wire texts (''We will win,'' he said): they are
    paired as a straight double quote on a copy of the text of the same length."""
    text = original.replace("''", '"' + _PAIRED_APOSTROPHES)
    out: list[Region] = []
    paras = paragraphs(text)
    carry: Region | None = None
    for n, (lo, hi) in enumerate(paras):
        regions, open_at = _pair(text, lo, hi, _DOUBLE, [])
        starts_with_mark = text[lo] in _DOUBLE
        if carry is not None:
            if starts_with_mark and regions and regions[0][0] == lo + 1:
                carry.pieces.append(regions.pop(0))
                out.append(carry)
                carry = None
            elif starts_with_mark and not regions and open_at == lo + 1:
                carry.pieces.append((lo + 1, hi))
                open_at = None
            else:
                out.append(carry)
                carry = None
        if carry is not None:  # continued through this paragraph, still open
            continue
        out.extend(Region([r]) for r in regions)
        if open_at is not None:
            nxt_starts = n + 1 < len(paras) and text[paras[n + 1][0]] in _DOUBLE
            if nxt_starts:
                carry = Region([(open_at, hi)], closed=False)
            elif len(text[open_at:hi].split()) >= 3:  # unclosed to the end of the paragraph
                out.append(Region([(open_at, hi)], closed=False))
        singles, _ = _pair(text, lo, hi, _SINGLE, [(r.start - 1, r.end + 1) for r in out if lo <= r.start <= hi]
                           + ([(open_at - 1, hi)] if open_at is not None else []))
        out.extend(Region([r]) for r in singles)
    if carry is not None:
        out.append(carry)
    out.sort(key=lambda r: r.start)
    return [r for r in (_trim_region(original, r) for r in out) if r is not None]


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in _DOUBLE + _SINGLE):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:" + _DOUBLE + _SINGLE):
        b -= 1
    return a, b


def _trim_region(text: str, r: Region) -> Region | None:
    pieces = [p for p in (trim(text, a, b) for a, b in r.pieces) if p[1] > p[0]]
    if not pieces or not any(ch.isalnum() for a, b in pieces for ch in text[a:b]):
        return None
    return Region(pieces, r.closed)


def abbreviation(word: str) -> bool:
    """"Rep.", "Sen.", "Dr.", "Gov.": a short capitalised word with a full stop, not a sentence end."""
    if re.fullmatch(r"(?:[A-Z]\.){1,3}", word):  # initials: "G.K.", "J."
        return True
    return word.endswith(".") and 2 <= len(word) <= 5 and word[0].isupper() and word[:-1].isalpha()


def is_title(text: str, r: Region) -> bool:
    """A short quotation in title case is the name of a work, show or slogan, not reported speech."""
    if len(r.pieces) > 1:
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", text[r.start:r.end])
    if not 2 <= len(words) <= 10:
        return False
    if any(not abbreviation(m.group(1) + ".") for m in re.finditer(r"(\S+)[.!?]\s+\w", text[r.start:r.end])):
        return False  # two sentences ("Like Oakland. Or Ferguson"): speech, whatever the capitals ("Mr. X" is one)
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and words[-1][0].isupper()


TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s")


def split_transcript(text: str, regions: list[Region]) -> list[Region]:
    """A quotation continued over paragraphs ends where a paragraph opens with another transcript speaker's name
    ("WALLACE: …" / "PENCE: …"): each line is its own quote."""
    out: list[Region] = []
    for r in regions:
        cur: list[tuple[int, int]] = []
        for a, b in r.pieces:
            if cur and TRANSCRIPT.match(text, a) and text[cur[-1][1]: a].count("\n"):
                out.append(Region(cur, True))
                cur = []
            cur.append((a, b))
        out.append(Region(cur, r.closed))
    return out


def reads_as_speech(doc: "Doc", r: Region) -> bool:
    """An unattributed quotation is kept as a quote only when it reads as something said: a clause (a finite or
    imperative verb and three words or more) or a long passage. Single words and short noun phrases in marks
    ("sick care", “Goldilocks”, “a lifetime politician”) are scare quotes, nicknames or slogans."""
    if len(r.pieces) > 1:
        return True
    toks = [t for a, b in r.pieces for t in (doc.char_span(a, b, alignment_mode="expand") or ())]
    words = [t for t in toks if t.is_alpha or t.like_num]
    if len(words) >= 8:
        return True
    finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.tag_ == "VB" and t.dep_ == "ROOT" for t in toks)
    return finite and len(words) >= 3


def one_sentence(gap: str) -> bool:
    """The text between two quotes is at most one attribution sentence ("…," Rep. Jane Doe said on Monday. "…")."""
    ends = [m for m in re.finditer(r"(\S*)[.!?]\s", gap + " ") if not abbreviation(m.group(1) + ".")]
    return len(ends) <= 1


def para_index(paras: list[tuple[int, int]], pos: int) -> int:
    for n, (lo, hi) in enumerate(paras):
        if lo <= pos <= hi:
            return n
    return -1


def same_paragraph(paras: list[tuple[int, int]], a: int, b: int) -> bool:
    return para_index(paras, a) == para_index(paras, b)


def previous_paragraph(paras: list[tuple[int, int]], a: int, b: int) -> bool:
    return para_index(paras, b) - para_index(paras, a) == 1


def whole_paragraph(text: str, paras: list[tuple[int, int]], r: Region) -> bool:
    n = para_index(paras, r.start)
    lo, hi = paras[n]
    outside = text[lo: r.start] + text[r.end: hi]
    return not outside.strip(" \"'“”‘’«».,!?…")
