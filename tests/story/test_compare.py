"""Divergence rules on real frames: qualifiers reconcile values, finished vs forecast, negation, attribution."""

from __future__ import annotations

from dataclasses import replace

import math

import pytest

from newsprism.model import Article, Figure, Span
from newsprism.pipeline import extract
from newsprism.extract.claims import extract_frames
from newsprism.story.compare import (
    attribution_conflict, claim_conflict, interval, numeric_conflict, temporal_conflict,
)


def fig(value, qualifier=None, counts="civilians", high=None, kind="count"):
    return Figure(Span(1, 0, 1), value, qualifier=qualifier, counts=counts, value_high=high, kind=kind)


@pytest.mark.parametrize("f,expected", [
    (fig(2, "at least"), (2, math.inf)),
    (fig(18, "less than"), (0, 18)),
    (fig(40213), (40213, 40213)),
    (fig(600), (570, 630)),  # a round figure is a rounding
    (fig(2000, kind="year"), (2000, 2000)),
    (fig(41, "dozens", high=99), (24, 99)),
])
def test_compare_interval_of_qualifiers(f, expected):
    lo, hi = interval(f)
    assert lo == pytest.approx(expected[0]) and hi == expected[1]
    assert interval(fig(70, "about"))[0] < 70 < interval(fig(70, "about"))[1]


@pytest.fixture(scope="module")
def frame(models):
    def one(text: str, aid: int = 1, n: int = 0):
        facts, doc = extract(Article(id=aid, text=text, source="-"), models)
        return extract_frames(facts, doc)[n]

    return one


def test_compare_numeric_values_reconciled_by_qualifier(frame):
    a = frame("A rocket attack on the city killed at least two civilians, officials said.", 1)
    b = frame("A rocket attack on the city killed two civilians, the mayor said.", 2)
    c = frame("A rocket attack on the city killed five civilians, the mayor said.", 3)
    assert numeric_conflict(a, b, 0.9) is None  # "at least two" and "two" are compatible
    d = frame("A rocket attack on the city killed at least five civilians, the mayor said.", 4)
    assert numeric_conflict(a, d, 0.9) is not None  # two bounds on one side: two tolls reported
    assert numeric_conflict(b, c, 0.9) is not None
    assert numeric_conflict(b, c, 0.3) is None  # not the same statement: values are not compared


def test_compare_a_qualifier_says_how_exact_not_what_is_counted(frame):
    # "as many as 20,000 people" and "about 30,000 people" both count the marchers
    a = frame("As many as 20,000 people marched through Velmar on Wednesday, police said.", 1)
    b = frame("About 30,000 people marched through Velmar on Wednesday.", 2)
    assert numeric_conflict(a, b, 0.9) is not None
    # the trap: "another 20,000" counts a second group, not the same marchers
    c = frame("Another 20,000 people marched through Velmar on Wednesday, police said.", 3)
    assert numeric_conflict(c, b, 0.9) is None


def test_compare_counts_of_one_event_are_compared_at_a_lower_cosine(frame):
    # one side adds another detail, so the wording reads apart; the event and its participants are the same
    a = frame("Twelve people were injured in the clashes, police said.", 1)
    b = frame("Eighteen people had been injured in the clashes and 12 arrested for carrying weapons.", 2)
    assert numeric_conflict(a, b, 0.55) is not None
    # the trap: counts of the event in two different places are two quantities
    c = frame("Twelve people were injured in the clashes in Velmar, police said.", 3)
    d = frame("Eighteen people were injured in the clashes in Tarsk, police said.", 4)
    assert numeric_conflict(c, d, 0.55) is None
    assert numeric_conflict(a, frame("Eighteen people were arrested after the clashes.", 5), 0.55) is None


def test_compare_finished_against_forecast_is_temporal(frame):
    done = frame("The ministry said its troops finished withdrawing from the city at 5am.", 1)
    fore = frame("It will take at least a week for the troops to withdraw from the city, the minister said.", 2)
    other = frame("It will take at least a week to rebuild the bridge, the mayor said.", 3)
    assert temporal_conflict(done, fore) is not None
    assert temporal_conflict(done, other) is None  # a different event


def test_compare_negation_needs_a_shared_specific_word(frame):
    neg = frame("There are no indications that a trap is being set in the city.", 1)
    pos = frame("The governor said the retreating troops intended to leave behind a trap.", 2)
    assert claim_conflict(neg, pos, 0.5, rare={"trap"}) == "negation"
    assert claim_conflict(neg, pos, 0.5, rare=set()) is None


def test_compare_not_confirmed_against_done_is_claim(frame):
    nc = frame("The army chief said Kyiv could not yet confirm whether the troops were pulling out.", 1)
    done = frame("The ministry said its troops finished withdrawing from the city.", 2)
    assert claim_conflict(nc, done, 0.5) == "certainty"


def test_compare_attribution_same_statement_different_speakers(frame):
    a = frame("Fire chief Marta Ilves said the blaze was the largest at the port in a decade.", 1)
    b = frame("Mayor Tomas Brandt said the blaze was the largest at the port in a decade.", 2)
    c = frame("Chief Ilves said the blaze was the largest at the port in a decade.", 3)
    d = frame("The fire service said the blaze was the largest at the port in a decade.", 4)
    assert attribution_conflict(a, b, 0.95, True)
    assert not attribution_conflict(a, c, 0.95, True)  # same speaker
    assert not attribution_conflict(a, d, 0.95, True)  # a generic source may well be the chief
    assert not attribution_conflict(a, b, 0.95, False)


def test_compare_attribution_two_speakers_stating_one_figure_in_their_words_corroborate(frame):
    # two officials each giving one figure in their own words confirm it; only one sentence near word for word
    # credited to two speakers is one statement with two credits
    a = frame("Fire chief Marta Ilves said 41 people were rescued from the burning warehouse.", 1)
    b = frame("Mayor Tomas Brandt said crews had brought 41 people out of the port warehouse alive.", 2)
    assert not attribution_conflict(a, b, 0.7, True)
    assert attribution_conflict(a, replace(b, claim=replace(b.claim, speaker="Tomas Brandt")), 0.9, True)


def test_compare_attribution_not_when_the_sentence_names_the_other_speaker(frame):
    # the parse may credit a quote to the wrong person of its paragraph; a sentence that names the other side's
    # speaker credits the statement to them too: no conflict to show
    a = frame("Fire chief Marta Ilves said the blaze was the largest at the port in a decade.", 1)
    b = replace(frame("The blaze was the largest at the port in a decade, said fire chief Marta Ilves.", 2),
                claim=replace(frame("The blaze was the largest at the port in a decade, said fire chief Marta Ilves.",
                                    2).claim, speaker="Tomas Brandt"), speaker_key="brandt")
    c = frame("Mayor Tomas Brandt said the blaze was the largest at the port in a decade.", 3)
    assert not attribution_conflict(a, b, 0.95, True)
    assert attribution_conflict(a, c, 0.95, True)  # the trap: a sentence that names only its own speaker


def test_compare_a_pronoun_standing_for_a_name_counts_that_person(models):
    # "… searching for Mark Ellison, who is considered dangerous. He weighs 130 pounds" / "Mark Ellison weighs 135
    # pounds": the resolved "he" is the named suspect, so the two weights are one quantity
    def frames_of(aid: int, text: str):
        facts, doc = extract(Article(id=aid, text=text, source="-"), models)
        return extract_frames(facts, doc)

    he = next(f for f in frames_of(1, "Sheriff Tom Cole said deputies were searching for Mark Ellison, who is "
                                      "considered dangerous. He weighs 130 pounds and has a shaved head.")
              if f.text.startswith("He weighs"))
    named = frames_of(2, "Mark Ellison weighs 135 pounds and has a shaved head, deputies said.")[0]
    assert he.subject_resolved and he.subject_text == "Mark Ellison"
    # one entity, written "Mark Ellison" (what "he" stands for) and "Ellison"
    he = replace(he, subject="e1")
    named = replace(named, subject="e1", subject_text="Ellison", claim=replace(named.claim, entities=("e1",)))
    assert numeric_conflict(he, named, 0.8) is not None
    # the trap: a subject that is a common noun counts by its words ("the suspect" is not "the older suspect")
    noun = replace(he, subject="suspect", subject_text="The older suspect", subject_resolved=False)
    other = replace(named, subject="suspect", subject_text="The suspect", claim=replace(named.claim, entities=()))
    assert numeric_conflict(noun, other, 0.8) is None


def test_compare_attribution_not_to_a_news_medium_that_relays_the_words(frame):
    # an outlet's story or an agency passes on what someone said: it is a relay, not a second speaker
    a = frame("According to the Daily Courier story, the council approved the harbour budget on Monday.", 1)
    b = frame("Mayor Tomas Brandt said the council approved the harbour budget on Monday.", 2)
    c = frame("Another news agency said the council approved the harbour budget on Monday.", 3)
    assert not attribution_conflict(a, b, 0.95, True)
    assert not attribution_conflict(c, b, 0.95, True)
    # the trap: a person named in the sentence is a speaker
    d = frame("Fire chief Marta Ilves said the council approved the harbour budget on Monday.", 4)
    assert attribution_conflict(d, b, 0.95, True)


def test_compare_attribution_needs_each_speaker_named_in_its_own_sentence(frame):
    # "…," he said: whoever the pronoun was read as, the sentence shown names no one to set against the other side
    he = frame('Fire chief Marta Ilves toured the docks. "The blaze was the largest at the port in a decade," '
               'he said.', 1, n=1)
    named = frame("Mayor Tomas Brandt said the blaze was the largest at the port in a decade.", 2)
    assert he.claim.speaker  # the quote is credited to someone
    assert not attribution_conflict(he, named, 0.95, True)
    ilves = frame("Fire chief Marta Ilves said the blaze was the largest at the port in a decade.", 3)
    assert attribution_conflict(ilves, named, 0.95, True)


def test_compare_attribution_a_described_speaker_may_be_the_named_one(frame):
    # "Festival organisers said …" / "Ivo Lind said …": where the story calls Lind an organiser of the festival, the
    # description may name the same people
    a = frame("Festival organisers said the parade drew the largest crowd in its history.", 1)
    b = frame("Ivo Lind said the parade drew the largest crowd in its history.", 2)
    roles = {"lind": frozenset({"organiser", "festival"}), "ivo": frozenset({"organiser", "festival"})}
    assert not attribution_conflict(a, b, 0.95, True, roles)
    # the trap: a description the story gives not to the named speaker stays another source
    assert attribution_conflict(a, b, 0.95, True, {"lind": frozenset({"mayor"})})


def test_speaker_roles_reads_each_name_word_with_the_entitys_role_words():
    from newsprism.model import Entity
    from newsprism.story.compare import speaker_roles

    roles = speaker_roles([Entity(id="e1", name="Laurence Mark", type="PERSON", aliases=("Mark",), mentions=(),
                                  roles=("producer of the telecast",)),
                           Entity(id="e2", name="Bill Condon", type="PERSON", aliases=(), mentions=())])
    assert "producer" in roles["mark"] and "producer" in roles["laurence"]
    assert "condon" not in roles


def test_compare_a_sum_or_a_part_is_not_the_whole_count(frame):
    # "a combined 157 matches" adds up more than one count; "37 of the candidates" are some of them
    summed = frame("Lind played a combined 157 matches for the two clubs last season.", 1)
    plain = frame("Lind played 157 matches for the two clubs last season.", 1)
    other = frame("Lind played 54 matches for the two clubs last season.", 2)
    assert numeric_conflict(summed, other, 0.95) is None
    assert numeric_conflict(plain, other, 0.95) is not None  # the trap: two plain counts of one thing
    part = frame("In the vote, 37 of the candidates stood in Velmar province.", 1)
    whole = frame("In the vote, 288 candidates stood in Velmar province.", 2)
    assert numeric_conflict(part, whole, 0.95) is None
    assert numeric_conflict(frame("In the vote, 37 candidates stood in Velmar province.", 1), whole, 0.95) is not None


def test_compare_a_hedge_doubts_the_verb_it_modifies_not_a_phrase(frame):
    # "reportedly of her own free will" doubts why, not whether she entered: no certainty conflict
    firm = frame("Lena Marsh entered the Harbour clinic on Tuesday, her agent said.", 1)
    phrase = frame("Lena Marsh entered the Harbour clinic on Tuesday, reportedly of her own free will.", 2)
    hedged = frame("Lena Marsh reportedly entered the Harbour clinic on Tuesday.", 3)
    assert phrase.claim.modality != "uncertain" and hedged.claim.modality == "uncertain"
    assert claim_conflict(phrase, firm, 0.9) is None
    assert claim_conflict(hedged, firm, 0.9) == "certainty"  # the trap: the verb itself doubted
    worth = frame("Velmar City made an offer reportedly worth $12 million on Monday.", 4)
    assert worth.claim.modality == "uncertain"  # a value doubted is doubted


def test_compare_a_reporting_verb_is_no_doubt_of_the_content(frame):
    # "Police claim that residents were evacuated" credits the fact, it does not doubt it; "may have been" does
    firm = frame("Residents near the port have been evacuated.", 2)
    claimed = frame("Police claim that residents near the port have been evacuated.", 1)
    hedged = frame("Residents near the port may have been evacuated.", 3)
    assert claim_conflict(claimed, firm, 0.9) is None
    assert claim_conflict(hedged, firm, 0.9) == "certainty"


def test_compare_a_duration_measures_the_noun_it_describes(frame):
    # "the seven-year history of the club's owners" is no contract length
    a = frame("The club made Lind an eight-year offer on Monday.", 1)
    b = frame("The club made Lind a five-year offer on Monday.", 2)
    c = frame("The club made Lind an offer on Monday, the largest in the eight-year history of its owners.", 3)
    assert numeric_conflict(b, c, 0.95) is None
    assert numeric_conflict(a, b, 0.95) is not None  # the trap: two lengths of the offer


def test_compare_a_negated_verb_of_opinion_negates_its_clause(frame):
    # "I didn't feel we were ready" says what "I feel we weren't ready" says (neg-raising): no negation conflict
    a = frame('"I didn\'t feel the harbour crews were ready for the storm," Marsh said.', 1)
    b = frame('"I feel the harbour crews weren\'t ready for the storm," Marsh said.', 2)
    c = frame('"I feel the harbour crews were ready for the storm," Marsh said.', 3)
    assert a.claim.polarity == b.claim.polarity == "negated"
    assert c.claim.polarity == "affirmed"
    assert claim_conflict(a, b, 0.95, rare={"harbour", "crew", "ready", "storm"}) is None


def test_compare_a_copula_names_no_act_of_its_own(frame):
    # "was about two hours" and "lasted almost four hours" time one standoff: a conflict
    a = frame("The standoff on Dock Street was about two hours, police said.", 1)
    b = frame("The standoff on Dock Street lasted almost four hours.", 2)
    assert numeric_conflict(a, b, 0.95) is not None


def test_quantities_a_copula_heads_its_own_figure(frame):
    # "Deputies said Orozco is 135 pounds": the weight is Orozco's, under "is", not the deputies' under "said"
    (q,) = frame("Deputies said Orozco is 135 pounds and has a shaved head.", 1).quantities
    assert q is not None and q.verb == "be" and q.holder != "deputy"


@pytest.mark.parametrize("one,other,trap", [
    # "13 goals in 54 matches" / "33 goals in 157 matches": counted over different spans (a season's part, the
    # whole), the matches only say which span; the trap: the same span with another count
    ("Lind scored 13 goals in 54 matches for the Harbour club last season.",
     "Lind scored 33 goals in 157 matches for the Harbour club last season.",
     "Lind scored 15 goals in 54 matches for the Harbour club last season."),
    # the second statement gives Lind's 14 goals too: its 6 goals are another player's
    ("Lind has scored 14 goals for the Harbour club this season.",
     "Lind has scored 14 goals for the Harbour club this season, while Osei has scored 6 goals.",
     "Lind has scored 6 goals for the Harbour club this season."),
    # how long police negotiated is not how long they closed the street while they negotiated
    ("Police spent about two hours negotiating with the gunman on Dock Street.",
     "Police closed Dock Street for almost three hours while they negotiated with the gunman.",
     "Police spent almost four hours negotiating with the gunman on Dock Street."),
    # the Harbour club's offer and the Velmar club's offer to one player are two offers; the trap: one club, two sums
    ("Harbour United offered Lind Osei a contract worth $18 million on Monday.",
     "Velmar City offered Lind Osei a contract worth $12 million on Monday.",
     "Harbour United offered Lind Osei a contract worth $12 million on Monday."),
    # a round figure rounds the exact one; the trap: a count that is no rounding of it
    ("A quake killed 612 people in the town of Tarsk in February.",
     "A quake killed 600 people in the town of Tarsk in February.",
     "A quake killed 400 people in the town of Tarsk in February."),
    # a name the recogniser missed still names the holder (a capital that only opens the sentence does not)
    ("Harbour United offered Lind Osei a contract worth $18 million on Monday.",
     "The Nationals have offered Lind Osei a contract worth $12 million on Monday.",
     "Harbour United offered Lind Osei a contract worth $12 million on Monday."),
])
def test_compare_another_quantity_is_no_conflict_the_same_one_is(frame, one, other, trap):
    a = frame(one, 1)
    assert numeric_conflict(a, frame(other, 2), 0.95) is None
    assert numeric_conflict(a, frame(trap, 3), 0.95) is not None


def test_compare_one_verb_told_in_opposite_directions_is_two_acts(frame):
    # "checked into" / "checked out of" the clinic: never one fact, however alike the words
    from newsprism.story.aspects import opposed

    into = frame("Ada Lund checked into the Harbour clinic on Thursday.", 1)
    out = frame("Ada Lund checked out of the Harbour clinic on Thursday.", 2)
    assert opposed(into, out)
    up, down = frame("Fuel prices went up in Delmore on Monday.", 3), frame("Fuel prices went down in Delmore.", 4)
    assert opposed(up, down)
    # the trap: the same direction told twice
    assert not opposed(into, frame("Ada Lund checked into the Harbour clinic late on Thursday.", 5))


def test_compare_a_state_negated_by_its_prefix_is_its_opposite(frame):
    # "the old town was undamaged" / "buildings in the old town were damaged": never one fact; the table says so too
    from newsprism.lexicon.antonyms import kept_apart
    from newsprism.story.aspects import _opposed_pairs, opposed

    assert kept_apart("undamaged", "damage") and kept_apart("unharmed", "harm") and kept_apart("hurt", "unhurt")
    assert not kept_apart("under", "der") and not kept_apart("unite", "ite")  # no state behind the letters
    fs = [frame("The old town of Velmar was undamaged, the mayor said.", 1),
          frame("Several buildings in the old town of Velmar were damaged, the mayor said.", 2),
          frame("The old town of Velmar was undamaged by the storm, officials said.", 3)]
    assert opposed(fs[0], fs[1]) and not opposed(fs[0], fs[2])
    table = _opposed_pairs(fs)
    assert [[bool(table[i, j]) for j in range(3)] for i in range(3)] == [[opposed(a, b) for b in fs] for a in fs]


def test_compare_the_opposition_table_holds_opposite_directions(frame):
    from newsprism.story.aspects import _opposed_pairs, opposed

    fs = [frame("Ada Lund checked into the Harbour clinic on Thursday.", 1),
          frame("Ada Lund checked out of the Harbour clinic on Thursday.", 2),
          frame("Ada Lund checked into the Harbour clinic late on Thursday.", 3),
          frame("Ada Lund has left the Harbour clinic.", 4)]  # leaving is what checking out does
    table = _opposed_pairs(fs)
    assert [[bool(table[i, j]) for j in range(4)] for i in range(4)] == [[opposed(a, b) for b in fs] for a in fs] == \
        [[False, True, False, True], [True, False, True, False], [False, True, False, True], [True, False, True, False]]
