"""What a figure quantifies (extract.quantities) and the divergences compared on it (compare.quantity_conflicts):
one count told in clauses of different sentences is one quantity; another thing, place, period or group is not."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.extract.claims import extract_frames
from newsprism.extract.quantities import SELF
from newsprism.model import Article
from newsprism.pipeline import extract

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quantities(models):
    def of(text: str) -> list:
        facts, doc = extract(Article(id=1, text=text, source="-"), models)
        return [q for f in extract_frames(facts, doc) for q in f.quantities]

    return of


def test_quantities_the_verb_and_holder_of_a_figure_in_its_own_clause(quantities):
    # the figure's clause ("where … marched") is not the sentence's main clause ("broke out")
    (q,) = quantities("Fighting broke out in the port of Delmore, where 4,000 dockers marched through the old town.")
    assert q is not None and q.verb == "march" and q.holder == SELF
    (q,) = quantities("Harlan Oduya was shot seven times by officers on the ferry.")
    assert q is not None and q.verb == "shoot" and q.holder not in (SELF, None)


def test_quantities_a_part_of_another_count_and_a_counted_period(quantities):
    assert quantities("Oduya was hit by three of the seven bullets the officers fired.")[:1] == [None]
    (q,) = quantities("Oduya had been arrested three times since October.")
    assert q is not None and q.over  # a count over a period is not every arrest


def _numeric(texts: dict[int, str], models) -> list[dict]:
    from consolidation_helpers import written_report

    return [d for d in written_report(texts, models)["divergences"] if d["type"] == "numeric"]


_MARCHES = {
    1: "Protests spread across the coast on Monday. Violence broke out in the port of Delmore, where 4,000 "
       "dockers marched through the old town. Shops were closed.",
    2: "Unions staged a strike along the coast on Monday. In Delmore about 9,000 dockers marched to the "
       "harbour gates, union leaders said. Ferries did not sail.",
}


def test_quantities_one_count_told_in_different_sentences_is_a_divergence(models):
    found = _numeric(_MARCHES, models)
    assert len(found) == 1
    sides = {p["article"]: p["value"] for p in found[0]["positions"]}
    assert set(sides) == {1, 2} and "4,000" in sides[1] and "9,000" in sides[2]


def test_quantities_a_numeric_divergence_asks_in_the_statement_s_own_words(models):
    # "How many dockers?" says neither what they did, nor where: the statement, its figure left blank, says both
    found = _numeric(_MARCHES, models)
    (q,) = [d["question"] for d in found]
    assert q.startswith("How many: “") and "___ dockers marched" in q and "Delmore" in q
    assert "4,000" not in q and "9,000" not in q


@pytest.mark.parametrize("one,other", [
    # another place: the crowd in one town is not the one along the whole coast
    ("Dockers marched in Delmore, where 4,000 people joined the rally.",
     "About 9,000 people joined the rally along the coast."),
    # another group: "another 4,000" came beside ones counted before
    ("Crowds filled the square in Delmore, where another 4,000 dockers joined the rally by noon.",
     "In Delmore, about 9,000 dockers joined the rally, union leaders said."),
    # another thing worked for: the unit is not the force
    ("Ivo Marsh, the strike leader, had worked with the harbour unit for five years.",
     "Before he joined the union, Marsh worked for the county police for 15 years."),
    # another period: arrests since October are not every arrest
    ("The union said its leader Ivo Marsh had been arrested three times since October.",
     "Police records show that Marsh was arrested five times at earlier protests."),
    # another span: arrests made over four nights are more than one night's
    ("Police made more than 60 arrests in Delmore over four nights.",
     "Police made 46 arrests in Delmore."),
])
def test_quantities_other_places_groups_objects_and_periods_are_not_compared(models, one, other):
    # each pair is compared (a divergence) when the rule that tells them apart is left out
    assert _numeric({1: f"A dock strike shut every port on the coast on Monday. {one} No ferries sailed from the "
                        f"islands.",
                     2: f"Harbour workers walked out along the whole coastline, halting cargo traffic. {other} "
                        f"Shipping firms warned of delays."}, models) == []


def test_quantities_a_participle_clause_counts_under_the_subject_of_its_clause(quantities):
    # "…, injuring twelve dockers": the storm injured them, in the place and period of the clause it hangs from;
    # what is counted is who was injured
    qs = quantities("The storm struck the port of Delmore in March, injuring twelve dockers.")
    q = qs[-1]
    assert q is not None and q.verb == "wound" and q.holder == SELF and q.places
    assert q.over  # "in March" is the period the storm's count is of


def test_quantities_a_participle_count_is_compared_with_the_same_count(models):
    found = _numeric({
        1: "A storm struck the port of Delmore on Monday, injuring twelve dockers. Ferries did not sail.",
        2: "Cranes toppled on Monday. The storm injured 30 dockers in Delmore, union leaders said. Shops were closed.",
    }, models)
    assert len(found) == 1
    sides = {p["article"]: p["value"] for p in found[0]["positions"]}
    assert set(sides) == {1, 2} and "twelve" in sides[1] and "30" in sides[2]


def test_quantities_a_toll_told_as_what_the_event_left_is_the_toll(quantities, models):
    # "left 12 people dead" counts the dead as "killed 12 people" does; "left" is no withdrawal there
    (q,) = quantities("The storm left 12 people dead in Delmore on Monday.")
    assert q is not None and q.verb == "kill" and q.holder == SELF
    (q,) = quantities("The storm left three injured in Delmore on Monday.")
    assert q is not None and q.verb == "wound"
    found = _numeric({
        1: "A storm hit the port of Delmore on Monday. The storm left 12 people dead in Delmore, officials said. "
           "Ferries did not sail.",
        2: "Cranes toppled on Monday. The storm killed 30 people in Delmore, union leaders said. Shops were closed.",
    }, models)
    assert len(found) == 1
    assert {p["article"]: p["value"] for p in found[0]["positions"]} == {1: "12", 2: "30"}


def test_quantities_a_toll_told_in_a_relative_clause_is_set_where_and_when_its_noun_acted(quantities, models):
    # the quake "that left 31,000 people dead" razed Varna in 2003: its toll is no count of the story's quake
    q = quantities("In 2003, the city of Varna was razed by a quake that left more than 31,000 people dead.")[-1]
    assert q is not None and q.verb == "kill" and q.places and q.over
    found = _numeric({
        1: "A quake struck Norvale on Sunday, killing 10 people. In 2003, the city of Varna was razed by a quake "
           "that left more than 31,000 people dead.",
        2: "Rescue teams reached the villages by night. The quake killed 12 people in Norvale on Sunday, officials "
           "said.",
    }, models)
    assert [sorted(p["value"] for p in d["positions"]) for d in found] == [["10", "12"]]


def test_quantities_a_date_and_a_qualifier_are_not_what_is_counted(quantities):
    # "in December 2003" is the period (the times read it), not a counted span like "in 54 games"; "more than" says
    # how exact the figure is, not that it counts a further group ("another 20,000 people")
    (a,) = quantities("More than 31,000 people were killed in the city of Varna in December 2003.")
    (b,) = quantities("About 26,000 people were killed in the city of Varna in December 2003.")
    assert a is not None and b is not None
    assert a.over == b.over and "2003 december" not in a.over
    assert a.holder_words == b.holder_words == frozenset()
    (c,) = quantities("Another 2,000 people were killed in the city of Varna in December 2003.")
    assert c is not None and "another" in c.holder_words  # the trap: a further group is another count
    d = quantities("Oduya hit 13 homers in 54 games.")[0]
    assert d is not None and "54 game" in d.over


def test_quantities_a_toll_is_the_victims_count_active_or_passive(quantities, models):
    (a,) = quantities("A powerful quake killed more than 26,000 people in the city of Varna in December 2003.")
    (b,) = quantities("More than 31,000 people were killed in the city of Varna in December 2003.")
    assert a is not None and b is not None and a.holder == b.holder == SELF and a.verb == b.verb
    # the trap: a named doer's count stays its own ("Harbour Police arrested" is not every arrest)
    (c,) = quantities("Harbour Police arrested 20 dockers in Delmore on Monday.")
    assert c is not None and c.holder != SELF
    found = _numeric({
        1: "Quakes are frequent there. A powerful quake killed more than 26,000 people in the city of Varna in "
           "December 2003.",
        2: "The region is prone to earthquakes. More than 31,000 people were killed in the city of Varna in "
           "December 2003, officials said.",
    }, models)
    assert len(found) == 1


def test_quantities_a_casualty_count_with_no_noun_counts_people(models):
    bare = "The quake shook the island on Sunday. Governor Ada Velt said 50 were injured in Varna on Sunday."
    found = _numeric({1: bare, 2: "Rescuers worked through the night. Some 80 people were also wounded in "
                                  "Varna on Sunday, officials said."}, models)
    assert len(found) == 1
    # the trap: a count of soldiers is not every injured person
    assert _numeric({1: bare, 2: "Rescuers worked through the night. Some 80 soldiers were also wounded "
                                 "in Varna on Sunday, officials said."}, models) == []


def test_quantities_two_tolls_of_one_kind_are_two_divergences(models):
    # the toll of one quake and of another share what is counted, not the question: one divergence each
    found = _numeric({
        1: "Quakes are frequent there. In December 2003, 26,000 people were killed in the city of Varna. Schools "
           "stayed shut for a month. In February 2005, 612 people were killed in the town of Tarsk.",
        2: "A quake killed 400 people in Tarsk in February 2005. The government promised new building rules after "
           "that. Tremors killed 31,000 people in Varna, the old city, in December 2003, officials said. Aid came "
           "from abroad.",
    }, models)
    assert len(found) == 2 and all(len(d["positions"]) == 2 for d in found)
    pairs = sorted(sorted(p["value"] for p in d["positions"]) for d in found)
    assert pairs == [["26,000", "31,000"], ["400", "612"]]


@pytest.mark.parametrize("text", [
    "Officials said turnout reached 61.4 percent in the Norvale county vote.",
    "Storm damage in Norvale totalled $3 million, the county said.",
    "Flood losses in Norvale amounted to $3 million, the county said.",
])
def test_quantities_a_verb_of_level_gives_its_subject_s_value(quantities, text):
    # "turnout reached 61.4 percent" says what "turnout was 61.4 percent" says: no act of its own
    (q,) = [q for q in quantities(text) if q is not None]
    assert q.verb == "be"


def test_quantities_reaching_a_place_is_still_an_act(quantities):
    (q,) = [q for q in quantities("About 300 volunteers reached Norvale on Sunday.") if q is not None]
    assert q.verb != "be"


def test_quantities_a_level_told_with_another_verb_is_one_quantity(models):
    # "turnout reached 61.4 percent" / "turnout was almost 55%": one turnout, two values
    found = _numeric({
        1: "Voters in Norvale chose a new council on Sunday. Officials said turnout reached 61.4 percent in the "
           "vote. Counting ended at midnight, and the Harbour Party claimed victory before dawn.",
        2: "Rain kept queues short at polling stations across the valley. The county election office said that "
           "turnout was almost 55%. Two candidates demanded a recount of the postal ballots.",
    }, models)
    assert len(found) == 1
    assert {p["article"] for p in found[0]["positions"]} == {1, 2}


def test_quantities_a_bare_surname_is_the_person_the_story_names_most(models):
    # the teenager is named in full again and again, his mother once: "Oduya" alone is the teenager, and his
    # count in one report ("Oduya … was shot nine times") meets "Harlan Oduya … seven times" in another
    found = _numeric({
        1: "Harlan Oduya, 17, was shot by two officers in Delmore on Saturday. An autopsy showed Harlan Oduya was "
           "shot seven times. His mother, Ruth Oduya, asked for calm. Friends of Harlan Oduya held a vigil.",
        2: "Oduya, 17, was shot nine times after officers said he drew a gun in Delmore. Harlan Oduya died at the "
           "scene. Harlan Oduya had no record, his family said.",
    }, models)
    assert len(found) == 1
    assert {p["article"]: p["value"] for p in found[0]["positions"]} == {1: "seven", 2: "nine"}


def test_quantities_participles_joined_share_their_doer(quantities):
    # "…, causing damage … and killing 10 people and injuring 80": the quake killed and injured them
    q = quantities("A powerful earthquake hit Norvale on Sunday, causing damage in seven villages and killing 10 "
                   "people and injuring 80.")
    assert [(x.verb, x.holder) for x in q[1:]] == [("kill", SELF), ("wound", SELF)]


def test_quantities_a_toll_told_with_no_place_is_the_story_s(models):
    # "50 people were injured in the quake" (no place) and "the quake hit Norvale, … injuring 80" count one toll;
    # "more than 20 injured by a quake in Tarvia", elsewhere, is another
    found = _numeric({
        1: "A powerful earthquake hit Norvale on Sunday, causing damage in seven villages and killing 10 people and "
           "injuring 80. Rescue teams reached the villages of Norvale by night. On Saturday, more than 20 people "
           "were injured by a quake in Tarvia. Engineers will inspect the dam on the river next week.",
        2: "Ten people died when the quake struck Norvale on Sunday. Governor Ada Holt said 50 people were injured "
           "in the quake. Schools across Norvale will stay shut until Wednesday, and the football final was "
           "postponed.",
    }, models)
    assert len(found) == 1
    assert {p["article"]: p["value"] for p in found[0]["positions"]} == {1: "80", 2: "50"}


def _agree(one: str, other: str, models) -> bool:
    """Whether the report of two articles (other outlets, one day) has an agreement both back."""
    from consolidation_helpers import written_report

    report = written_report({1: one, 2: other}, models)
    return any({1, 2} <= set(a["sources"]) for a in report["agreements"])


def test_quantities_the_dead_and_the_injured_are_two_counts_in_one_statement(models):
    # "killing 10 people and injuring 80" and "killing 10 people" agree on the dead; the injured are another count
    assert _agree("A powerful earthquake hit Norvale on Sunday, killing 10 people and injuring 80. Rescue teams "
                  "reached the villages by night. Engineers will inspect the dam next week.",
                  "A powerful earthquake struck Norvale on Sunday, killing 10 people, officials said. Schools will "
                  "stay shut until Wednesday, and the football final was postponed.", models)


def test_quantities_two_tolls_stay_apart_where_one_act_is_unknown(models):
    # "killed more than 26,000 people" and "left more than 31,000 people dead" (a verb that names no act): still
    # two tolls of the dead, never one shared fact
    assert not _agree("A strong quake killed more than 26,000 people in the old city of Varn in 2003. Rescue teams "
                      "reached the villages by night. Engineers will inspect the dam next week.",
                      "In 2003, the old city of Varn was razed by a strong quake that left more than 31,000 people "
                      "dead. Schools will stay shut until Wednesday.", models)


def test_quantities_a_vague_count_holds_the_exact_one(models):
    # "injuring dozens more" and "injuring 80" tell one toll, one more precisely: the statements agree
    assert _agree("A powerful earthquake hit Norvale on Sunday, killing 10 people and injuring 80. Rescue teams "
                  "reached the villages by night. Engineers will inspect the dam next week.",
                  "A powerful earthquake has hit Norvale, killing at least 10 people, injuring dozens more and "
                  "damaging several villages, officials say. Schools will stay shut until Wednesday.", models)


def test_quantities_a_relative_clause_counts_for_the_noun_it_hangs_from(quantities):
    # "Harlan Oduya, who was shot nine times, …": the count is Oduya's, as in "Harlan Oduya was shot nine times"
    (q,) = quantities("Harlan Oduya, who was shot nine times, died in Delmore on Saturday.")
    assert q is not None and q.verb == "shoot" and q.holder == "n:harlan oduya"
    (q,) = quantities("The island, which has about 9,000 residents, lies off Delmore.")
    assert q is not None and q.holder == "island" and not q.holder_words


def test_quantities_a_count_told_in_a_relative_clause_meets_one_told_plainly(models):
    found = _numeric({
        1: "Harlan Oduya, who was shot nine times, died in Delmore on Saturday. Rescue teams reached the villages "
           "by night. Engineers will inspect the dam next week.",
        2: "An autopsy showed that Harlan Oduya was shot seven times. Schools will stay shut until Wednesday, and "
           "the football final was postponed.",
    }, models)
    assert len(found) == 1
    assert {p["article"]: p["value"] for p in found[0]["positions"]} == {1: "nine", 2: "seven"}


def test_quantities_a_count_among_the_things_acted_on_and_a_subject_described(quantities):
    # "attacked a town hall, four shops and two banks": the banks are acted on, the other objects are other counts;
    # "a few hundred youths wearing gas masks" are youths (how many, and what they wore, describe them)
    for text in ("Overnight, a few hundred youths wearing gas masks attacked a town hall, four shops and two banks.",
                 # a list the parse joins to the verb itself
                 "Delmore was calm on Sunday but broken windows bore witness to the latest riots overnight, when a "
                 "few hundred youths wearing gas masks attacked a town hall, four shops and two banks."):
        q = [x for x in quantities(text) if x is not None]
        assert [(x.verb, x.holder, x.holder_words, x.objects) for x in q] == \
            [("attack", "youth", frozenset(), frozenset())] * 2


def test_quantities_one_count_of_things_attacked_told_apart(models):
    found = _numeric({
        1: "Youths attacked the town hall in Delmore as well as at least five banks, police said. Rescue teams "
           "reached the villages by night. Engineers will inspect the dam next week.",
        2: "A few hundred youths wearing gas masks attacked a town hall, four shops and two banks in Delmore. "
           "Schools will stay shut until Wednesday, and the football final was postponed.",
    }, models)
    assert len(found) == 1
    assert {p["article"]: p["value"] for p in found[0]["positions"]} == {1: "at least five", 2: "two"}
