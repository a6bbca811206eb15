"""Predicates that never tell one act: opposites, verbs (and the states a copula gives) that say the contrary of each
other of one subject, and the steps of one process (``DISTINCT_STEPS``).

"The port opened" / "the port closed", "the index rose" / "the index fell": worded alike (MiniLM puts such pairs
near 0.9), they never say the same thing. Each pair of groups is one opposition; a word may stand in several
("decline" falls, and refuses). Lower-case lemmas as spaCy gives them, with the participles it leaves unlemmatised
as adjectives ("closed", "banned"). NLTK's WordNet needs a data download at run time, so the list is kept here.
"""

from __future__ import annotations

OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(a.split()), frozenset(b.split())) for a, b in (
        ("open reopen opened reopened", "close shut closed shut reclose"),
        ("rise increase grow climb jump surge soar rebound raise hike boost", "fall decrease drop decline plunge "
         "slump sink tumble slide dip shrink lower reduce cut slash"),
        ("win", "lose"),
        ("gain", "lose"),
        ("accept", "reject refuse decline"),
        ("approve endorse", "reject veto oppose"),
        ("support back", "oppose"),
        ("allow permit authorize authorise legalize legalise allowed permitted authorized legal", "ban prohibit "
         "forbid outlaw bar banned prohibited forbidden outlawed illegal"),
        ("confirm", "deny"),
        ("start begin resume launch", "stop end halt suspend cease"),
        ("extend", "end"),
        ("impose", "lift"),
        ("enter arrive", "leave exit depart"),
        ("join", "leave quit"),
        ("buy", "sell"),
        ("agree", "disagree"),
        ("convict", "acquit"),
        ("succeed", "fail"),
        ("include", "exclude"),
        ("strengthen", "weaken"),
        ("expand", "contract shrink"),
        ("guilty", "innocent"),
        ("alive", "dead"),
    ))


# Steps of one process, each another event however alike the words: "he was charged with murder" is not "he was
# convicted of murder", "three were injured" is not "three were killed". Kept apart like opposites, never a conflict.
DISTINCT_STEPS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(a.split()), frozenset(b.split())) for a, b in (
        ("arrest detain", "charge indict convict sentence acquit"),
        ("charge indict accuse", "convict sentence acquit"),
        ("convict", "sentence"),
        ("injure wound hurt", "kill"),
        ("propose", "pass adopt enact"),
    ))


KEPT_APART = OPPOSITES + DISTINCT_STEPS


def negated_by_prefix(a: str, b: str) -> bool:
    """``a`` is ``b`` with the negating "un-" of a state ("undamaged" / "damage", "unharmed" / "harmed", "unhurt" /
    "hurt"): the participle the tagger leaves as an adjective against the verb's lemma or its participle."""
    rest = a[2:] if a.startswith("un") and len(a) >= 6 else ""
    return bool(rest) and rest in (b, b + "d", b + "ed")


def kept_apart(a: str | None, b: str | None) -> bool:
    """Whether two predicate words never tell one act: they say the contrary of each other (``OPPOSITES``: "open" /
    "close", or a state and its negation by prefix: "undamaged" / "damaged") or two steps of one process
    (``DISTINCT_STEPS``); never a word and itself."""
    if not a or not b or a == b:
        return False
    return negated_by_prefix(a, b) or negated_by_prefix(b, a) or \
        any(a in x and b in y or b in x and a in y for x, y in KEPT_APART)
