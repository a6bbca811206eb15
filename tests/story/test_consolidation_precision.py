"""Precision regressions from the audit on real multi-outlet stories (issue 5): each test reproduces, in short
texts written for the test, one pattern that made consolidation report a false divergence or a wrong agreement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from newsprism.model import Article, Claim, Span
from newsprism.pipeline import extract
from newsprism.story.align import Pair, relate
from newsprism.extract.claims import extract_frames
from newsprism.extract.frame import Frame
from newsprism.story.compare import claim_conflict
from newsprism.story.aspects import AspectParams, positions, same_facts
from newsprism.story.consolidate import agreements, build_aspects, verbatim_witnesses
from newsprism.story.independence import sentence_copies

from consolidation_helpers import consolidated


@pytest.fixture(scope="module")
def frames_of(models):
    def run(text: str, aid: int = 1) -> list[Frame]:
        facts, doc = extract(Article(id=aid, text=text, source="-"), models)
        return extract_frames(facts, doc)

    return run


def _article(aid: int, text: str) -> Article:
    return Article(id=aid, text=text, source=f"audit-{aid}", outlet=f"Outlet {aid}", published=dt.date(2024, 3, 6))


# --- claim divergences -------------------------------------------------------------------------------------------


def test_negation_denies_the_object_not_a_concessive_adjunct(frames_of):
    """"Despite claims that she was the winner, she did not get a bump" denies the bump, not the win."""
    f = frames_of("Despite claims that Governor Alma Reyes was the winner of the debate, she did not receive a "
                  "bump in the first polls.")[0]
    assert "bump" in f.negated
    assert not {"winner", "claim", "debate"} & f.negated


def test_negation_skips_conditional_clause_and_infinitive_hung_on_the_object(frames_of):
    f = frames_of("He cannot mock the ratings if the moderator asks him about his tax returns.")[0]
    assert "return" not in f.negated and "ask" not in f.negated


def test_negated_negative_verb_denies_nothing(frames_of):
    """"never missed an opportunity to remind ..." affirms; it is no denial of "a missed opportunity"."""
    f = frames_of("Reyes never missed an opportunity to remind the audience that she funds her own campaign.")[0]
    assert f.negated == frozenset()


def test_no_claim_conflict_between_a_win_and_a_missing_poll_bump(frames_of):
    a = frames_of("Instant polls showed Governor Alma Reyes was the winner of the debate in Denver.", 1)[0]
    b = frames_of("Despite claims that Governor Alma Reyes was the winner of the debate in Denver, she did not "
                  "receive a bump in the first polls.", 2)[0]
    assert claim_conflict(a, b, 0.66, rare=a.lemmas | b.lemmas) is None


def test_real_negation_still_found(frames_of):
    """The rule still fires where one side denies the very thing the other asserts."""
    a = frames_of("The inspector said the collapse was caused by a cracked beam.", 1)[0]
    b = frames_of("Engineers said the collapse was not caused by a cracked beam.", 2)[0]
    assert claim_conflict(a, b, 0.8, rare=a.lemmas | b.lemmas) == "negation"


# --- unique items ------------------------------------------------------------------------------------------------


def test_questions_and_entity_less_counts_are_not_unique(models):
    story = consolidated([
        _article(1, "The Harbor Council approved the new ferry budget on Tuesday.\n\n"
                    "Mayor Lena Ortiz said the vote was a turning point for the city.\n\n"
                    "\"Do you really see those two plans as equivalent, Mayor Ortiz?\" a reporter asked.\n\n"
                    "Yesterday, there were two polls."),
        _article(2, "The Harbor Council approved the ferry budget on Tuesday after a long debate.\n\n"
                    "Mayor Lena Ortiz called the vote a turning point.\n\n"
                    "The Harbor Council has hired 140 deckhands for the northern ferry routes.\n\n"
                    "Dock workers in Port Vell staged a short protest against night shifts.\n\n"
                    "The regional transport agency publishes its annual safety review next month."),
    ], models)
    texts = [story.articles[p.article_id - 1].text[s.start:s.end]
             for d in story.divergences if d.type == "unique" for p in d.positions for s in p.evidence]
    assert not any("?" in t for t in texts)
    assert not any("two polls" in t for t in texts)
    assert any("140 deckhands" in t for t in texts)  # a figure about a main entity is still shown
    assert not any("Port Vell" in t for t in texts)  # about no one the rest of the story names: not on the story


# --- agreements --------------------------------------------------------------------------------------------------


def test_forecast_is_not_the_same_fact_as_an_outcome_from_another_source(frames_of):
    a = frames_of("A majority of voters expect Reyes to win Tuesday's debate in Denver.", 1)[0]
    b = frames_of("Instant polls showed Reyes was the winner of Tuesday's debate in Denver.", 2)[0]
    assert a.claim.modality == "predicted" and b.claim.modality == "asserted"
    assert relate(a, b, 0.79) != "same"


def test_same_speakers_forecast_reworded_is_still_the_same_fact(frames_of):
    a = frames_of("Adviser Tomas Varga predicted that the company would close the plant in May.", 1)[0]
    b = frames_of("Adviser Tomas Varga said that the company intended to close the plant in May.", 2)[0]
    assert {a.claim.modality, b.claim.modality} == {"predicted", "asserted"}
    assert relate(a, b, 0.8) == "same"


def _frame(aid: int, n: int, text: str) -> Frame:
    span = Span(aid, 0, len(text))
    claim = Claim(id=f"a{aid}-c{n}", span=span, sentence_index=n, predicate="say")
    return Frame(claim=claim, text=text, content=span, content_text=text, lemmas=frozenset(), families=frozenset())


def test_agreement_does_not_chain_different_facts():
    """A~B and B~C, with A and C far apart, make no three-source fact (single-link chaining)."""
    frames = [_frame(1, 1, "Fact A stated here"), _frame(2, 1, "Fact between here"), _frame(3, 1, "Fact C here")]
    v1 = np.array([1.0, 0.0])
    v3 = np.array([0.5, np.sqrt(1 - 0.25)])  # A~B and B~C at 0.87 (paraphrase level), A~C at 0.5
    v2 = (v1 + v3) / np.linalg.norm(v1 + v3)
    vectors = np.stack([v1, v2, v3])
    # the position may hold all three (C reads like most of it), the facts an agreement counts are pairwise alike
    facts = [f for g in positions([0, 1, 2], frames, vectors, AspectParams())
             for f in same_facts(g, frames, vectors, AspectParams())]
    assert sorted(len(f) for f in facts) == [1, 2]  # complete linkage: C never joins A through B
    got = agreements(frames, vectors, facts, {1: 1, 2: 2, 3: 3})
    assert got and all(len(g.sources) == 2 for g in got)


def test_verbatim_sentence_in_two_articles_is_one_witness():
    text = "The federal charge also carries a fine of up to a quarter of a million dollars."
    frames = [_frame(1, 1, text), _frame(2, 1, text), _frame(3, 1, "A different outlet says the fine is large.")]
    witness = verbatim_witnesses(frames, [0, 1, 2], {1: 1, 2: 2, 3: 3})
    assert witness == {1: 1, 2: 1, 3: 3}
    vectors = np.stack([np.array([1.0, 0.0])] * 3)
    got = agreements(frames[:2], vectors[:2], [[0, 1]], {1: 1, 2: 2})
    assert got == []  # one wire sentence printed twice is no agreement of two sources


def test_near_identical_sentence_in_two_articles_is_one_witness():
    # one agency sentence, trimmed by one outlet (its sentence is the copied text number 0); a third writes its own
    frames = [_frame(1, 1, "Prime Minister Ada Velt's insistence that the cuts are vital did not stop the unions."),
              _frame(2, 1, "Prime minister Ada Velt's insistence that the cuts are vital failed to stop the unions."),
              _frame(3, 1, "The unions went ahead with the strike although Velt called the cuts vital.")]
    origins = {1: 1, 2: 2, 3: 3}
    assert verbatim_witnesses(frames, [0, 1, 2], origins, {0: 0, 1: 0}) == {1: 1, 2: 1, 3: 3}
    assert verbatim_witnesses(frames, [0, 1, 2], origins) == {1: 1, 2: 2, 3: 3}  # worded apart: two witnesses
    vectors = np.stack([np.array([1.0, 0.0])] * 2)
    assert agreements(frames[:2], vectors, [[0, 1]], {1: 1, 2: 2}, copied={0: 0, 1: 0}) == []


def test_statement_crediting_another_articles_outlet_is_that_outlets_witness():
    # article 2 quotes one line of the trade paper that article 1 is, by name; article 3 reports it on its own
    frames = [_frame(1, 1, "The ferry operator will lose its licence after the inspection."),
              _frame(2, 1, "The ferry operator is set to lose its licence, The Harbour Watch wrote."),
              _frame(3, 1, "Inspectors will strip the ferry operator of its licence, officials said.")]
    origins = {1: 1, 2: 2, 3: 3}
    assert verbatim_witnesses(frames, [0, 1, 2], origins, credited={1: 1}) == {1: 1, 2: 1, 3: 3}
    assert verbatim_witnesses(frames, [0, 1, 2], origins) == {1: 1, 2: 2, 3: 3}  # no credit: three witnesses
    vectors = np.stack([np.array([1.0, 0.0])] * 2)
    assert agreements(frames[:2], vectors, [[0, 1]], {1: 1, 2: 2}, credited={1: 1}) == []


def test_a_position_counts_witnesses_as_an_agreement_does():
    # one agency sentence printed by two origins, and a third origin's own wording: two witnesses, not three
    text = "The federal charge also carries a fine of up to a quarter of a million dollars."
    frames = [_frame(1, 1, text), _frame(2, 1, text), _frame(3, 1, "The fine for the federal charge is large.")]
    vectors = np.stack([np.array([1.0, 0.0])] * 3)
    origins = {1: 1, 2: 2, 3: 3}
    (aspect,) = build_aspects(frames, vectors, [[0, 1, 2]], [[[0, 1], [2]]], origins, {0: 1.0, 1: 1.0, 2: 1.0},
                              [], {}, 10)
    assert [p.origins for p in aspect.positions] == [(1,), (3,)] and aspect.origins == (1, 3)
    # a line crediting another article's outlet is that article's witness
    (aspect,) = build_aspects(frames, vectors, [[2, 0]], [[[2, 0]]], origins, {0: 1.0, 2: 1.0}, [], {}, 10,
                              credited={2: 1})
    assert aspect.positions[0].origins == (1,)


def test_sentence_copies_number_each_copied_text_once():
    a, b, c, d = Span(1, 0, 40), Span(2, 10, 52), Span(3, 0, 41), Span(2, 60, 90)
    shared = {(1, 2): [(a, b)], (2, 3): [(b, c)], (1, 3): [(a, c)], (2, 4): [(d, Span(4, 0, 30))]}
    copies = sentence_copies(shared)
    assert copies[a] == copies[b] == copies[c] != copies[d] == copies[Span(4, 0, 30)]


def test_dateline_is_no_agreement(models):
    story = consolidated([
        _article(1, "LIMA (AP)\n\nThe Andean Water Board raised tariffs by 12 percent on Monday, officials said."),
        _article(2, "LIMA (AP)\n\nWater tariffs will rise after a vote by the Andean Water Board, its chair said."),
    ], models)
    texts = [story.articles[s.article_id - 1].text[s.start:s.end] for g in story.agreements for s in g.evidence]
    assert not any(t.startswith("LIMA") for t in texts)


# --- robustness ----------------------------------------------------------------------------------------------------


def test_claims_number_after_its_head_does_not_break_frames(models):
    """"Room 101": the number's head comes first; a backwards span here once crashed claim extraction."""
    facts, doc = extract(Article(id=1, text="Room 101 was empty when 40 troops arrived.", source="-"), models)
    frames = extract_frames(facts, doc)
    assert (40.0, "troops") in [(f.value, f.counts) for fr in frames for f in fr.claim.figures]


def test_agreement_statement_prefers_a_claim_that_reads_as_a_sentence():
    from newsprism.story.consolidate import _reads_as_sentence

    assert _reads_as_sentence("“Russian forces began withdrawing,” the minister Ada Velt said.")
    assert not _reads_as_sentence("“Russian forces began withdrawing,” he said.")  # who is "he"? (issue 10 audit)
    assert _reads_as_sentence("Intelligence indicated its forces were in the city.")
    assert not _reads_as_sentence("that intelligence indicated that its forces were in and around the city.")


def test_a_single_source_story_has_nothing_unique(models):
    """"Only one independent source reports this" means nothing when the story has one source."""
    from newsprism.pipeline import build_story

    text = "Officials said on Tuesday that 40 people were evacuated from the flooded town of Ashby."
    story = build_story([Article(id=1, text=text, source="-", published=dt.date(2024, 3, 7))], models,
                        until="consolidate")
    assert story.divergences == ()


def test_a_count_two_sources_give_rounded_apart_is_not_unique(models):
    story = consolidated([
        _article(1, "According to figures the Harbor Council collated from 38 districts, more than 1,402 commuters "
                    "had been stranded by the strike.\n\n"
                    "Mayor Lena Ortiz said the Harbor Council would hire 140 deckhands for the northern routes."),
        _article(2, "The Harbor Council said at least 1,400 people were left without a ferry.\n\n"
                    "The Harbor Council also bought 12 new boats for the southern routes, Mayor Lena Ortiz said."),
    ], models)
    texts = [story.articles[p.article_id - 1].text[s.start:s.end]
             for d in story.divergences if d.type == "unique" for p in d.positions for s in p.evidence]
    assert not any("1,40" in t for t in texts)  # one count, rounded apart by its qualifiers
    assert any("12 new boats" in t for t in texts)  # only one source has it


def _unit_vectors(cos: list[list[float]]) -> np.ndarray:
    """Vectors whose pairwise cosines are the given (positive definite) matrix."""
    return np.linalg.cholesky(np.array(cos))


def test_position_holds_a_paraphrase_the_slots_cannot_show_alike_but_no_fact_counts_it():
    """Two statements with no subject or anchor in common that read close (0.75: above the wording threshold,
    below near-identical) are one position (what the sources say alike), never one fact for an agreement."""
    frames = [_frame(1, 1, "The plan was approved"), _frame(2, 1, "Approval came for the plan")]
    vectors = _unit_vectors([[1.0, 0.75], [0.75, 1.0]])
    p = AspectParams()
    groups = positions([0, 1], frames, vectors, p)
    assert groups == [[0, 1]]
    assert sorted(same_facts(groups[0], frames, vectors, p)) == [[0], [1]]
    assert agreements(frames, vectors, same_facts(groups[0], frames, vectors, p), {1: 1, 2: 2}) == []
    # read further apart (0.6), nothing says they are alike: two positions
    far = _unit_vectors([[1.0, 0.6], [0.6, 1.0]])
    assert sorted(positions([0, 1], frames, far, p)) == [[0], [1]]


def test_position_never_holds_an_incompatible_pair_however_close_the_rest():
    """B and C read alike, A and B too; A and C name two different subjects: C may join B, never A's position,
    and A stays out of theirs (one incompatible pair outweighs any average)."""
    def named_frame(aid: int, text: str, subject: str | None) -> Frame:
        span = Span(aid, 0, len(text))
        claim = Claim(id=f"a{aid}-c1", span=span, sentence_index=1, predicate="approve",
                      entities=(subject,) if subject else ())
        return Frame(claim=claim, text=text, content=span, content_text=text, lemmas=frozenset(),
                     families=frozenset(), subject=subject)

    frames = [named_frame(1, "Mayor Adler approved the plan", "e:adler"),
              named_frame(2, "The plan was approved", None),
              named_frame(3, "Governor Brandt approved the plan", "e:brandt")]
    vectors = _unit_vectors([[1.0, 0.9, 0.9], [0.9, 1.0, 0.95], [0.9, 0.95, 1.0]])
    groups = positions([0, 1, 2], frames, vectors, AspectParams())
    assert sorted(groups) == [[0], [1, 2]]


def test_a_name_set_off_by_a_comma_before_its_description_names_the_participant():
    from dataclasses import replace as with_

    from newsprism.model import Entity
    from newsprism.story.aspects import participant_resolver

    people = [Entity("e1", "Ada Velt", "PERSON", ("Velt",), ()), Entity("e2", "Harbour Group", "ORG", (), ())]
    resolve = participant_resolver(people)
    frame = _frame(1, 1, "Velt said so.")
    for text in ("Ada Velt, Harbour Group's largest shareholder,", "Velt, who chairs the Harbour Group board,"):
        assert resolve(with_(frame, subject="velt", subject_text=text)) == "e1"
    # a description before the comma is no name: the clause's own key stays
    assert resolve(with_(frame, subject="investor", subject_text="the largest investor, a fund manager,")) == "investor"


def test_a_role_names_its_holder_by_its_title_words_not_by_the_organisation_it_names():
    from dataclasses import replace as with_

    from newsprism.model import Entity
    from newsprism.story.aspects import participant_resolver

    people = [Entity("e1", "Ada Velt", "PERSON", ("Velt",), (), roles=("Harbour Group CEO",)),
              Entity("e2", "Harbour Group", "ORG", (), ())]
    resolve = participant_resolver(people)
    frame = _frame(1, 1, "It was said.")
    assert resolve(with_(frame, subject="ceo", subject_text="the CEO")) == "e1"
    # a subject that ends on the organisation's name is not its chief executive
    assert resolve(with_(frame, subject="ship", subject_text="Ships bound for Harbour Group")) == "ship"


def test_an_agreement_names_who_says_it(models):
    # one remark printed by two outlets: one credits "he" after naming the speaker, the other names him; the
    # agreement names him once, and no pronoun stands in for a speaker
    remark = "Without this collaboration, the move to clean power will be delayed by decades"
    a = Article(id=1, text=f"Ada Velt, the head of the Velmar energy agency, spoke in Ostria on Monday. \"{remark},\" "
                           "she said. The agency published its yearly report on the same day.", source="a",
                outlet="Daily A")
    b = Article(id=2, text=f"The Velmar energy agency warned on Monday that countries were not working together. "
                           f"\"{remark},\" Ada Velt said in Ostria.", source="b", outlet="Herald B")
    story = consolidated([a, b], models)
    [g] = [g for g in story.agreements if remark in g.statement.text(story.article(g.statement.article_id))]
    assert g.speakers == ("Ada Velt",)


def test_an_agreement_is_stated_by_the_member_the_others_also_say():
    # one outlet tells the shared fact inside a sentence of its own history; the others tell the fact alone. The
    # agreement shows what they all say, though the longer sentence reads closest to the rest (the most central)
    from dataclasses import replace as with_

    long = with_(_frame(1, 1, "Between 2001 and 2009 Roe was in and out of jail on parole violations and lived in "
                              "three states until she returned in May 2010 to serve a term for a bank robbery."),
                 lemmas=frozenset("roe jail parole violation live state return may serve term bank robbery".split()))
    short = with_(_frame(2, 1, "Roe was serving a term for a bank robbery conviction."),
                  lemmas=frozenset("roe serve term bank robbery conviction".split()))
    third = with_(_frame(3, 1, "Roe was serving a jail term for robbing a bank."),
                  lemmas=frozenset("roe serve jail term rob bank".split()))
    vectors = np.array([[1.0, 0.0], [0.9, np.sqrt(1 - 0.81)], [0.9, -np.sqrt(1 - 0.81)]])
    [g] = agreements([long, short, third], vectors, [[0, 1, 2]], {1: 1, 2: 2, 3: 3})
    assert g.statement.article_id == 2


def test_an_opening_pronoun_is_glossed_only_where_another_statement_names_the_person():
    from dataclasses import replace as _replace

    from newsprism.story.consolidate import stands_for

    def frame(aid: int, text: str, subject: str | None) -> Frame:
        span = Span(aid, 0, len(text))
        claim = Claim(id=f"a{aid}-c1", span=span, sentence_index=0, entities=(), figures=(), times=(),
                      predicate="escape", speaker=None, speaker_entity=None)
        return Frame(claim=claim, text=text, content=span, content_text=text, lemmas=frozenset(),
                     families=frozenset(), subject=subject)

    people = {"e1": "Ada Lund", "e2": "Tom Berg"}
    he = frame(1, "He escaped last week while being moved from the harbour jail.", "e1")
    named = frame(2, "Inmate Ada Lund escaped when she was moved from the harbour jail.", "e1")
    assert stands_for(he, people, [named]) == "Ada Lund"
    # the traps: no other statement names the person (the resolution alone may be wrong), another person named,
    # a subject that is no person of the story, a statement that opens on a name
    assert stands_for(he, people, [frame(3, "He escaped last week from the jail.", "e1")]) is None
    assert stands_for(he, people, [_replace(named, subject="e2")]) is None
    assert stands_for(_replace(he, subject="e9"), people, [_replace(named, subject="e9")]) is None
    assert stands_for(named, people, [he]) is None


def test_an_agreement_is_stated_by_a_member_whose_count_the_others_also_give():
    from newsprism.model import Figure
    from newsprism.story.consolidate import _clearest

    def frame(aid: int, text: str, figures: tuple = ()) -> Frame:
        span = Span(aid, 0, len(text))
        claim = Claim(id=f"a{aid}-c1", span=span, sentence_index=0, entities=(), figures=figures, times=(),
                      predicate="fire", speaker=None, speaker_entity=None)
        return Frame(claim=claim, text=text, content=span, content_text=text, lemmas=frozenset({"officer", "fire"}),
                     families=frozenset(), subject="officer")

    eleven = Figure(span=Span(1, 18, 20), value=11, counts="shots")
    frames = [frame(1, "The officers then fired 11 shots, the police said.", (eleven,)),
              frame(2, "The officers fired their weapons at the teenager.")]
    vectors = np.array([[1.0, 0.0], [0.9, 0.1]], dtype=np.float32)  # the first the more central
    # shown as the agreement and cited for both, "11 shots" would credit the second source with a count it never gives
    assert _clearest(frames, [0, 1], vectors, set()) == 1
    # the trap: a count both give does not keep the statement that states it from being shown
    frames[1] = frame(2, "The officers fired 11 shots at the teenager.", (replace(eleven, span=Span(2, 18, 20)),))
    assert _clearest(frames, [0, 1], vectors, set()) == 0


def test_an_agreement_is_stated_by_a_member_whose_speaker_the_others_also_credit():
    from newsprism.story.consolidate import _clearest

    def frame(aid: int, text: str, speaker: str | None) -> Frame:
        span = Span(aid, 0, len(text))
        claim = Claim(id=f"a{aid}-c1", span=span, sentence_index=0, entities=(), figures=(), times=(),
                      predicate="fire", speaker=speaker, speaker_entity=None)
        return Frame(claim=claim, text=text, content=span, content_text=text, lemmas=frozenset({"club", "fire"}),
                     families=frozenset(), subject="club")

    frames = [frame(1, "Radio host Ada Lund reported that the Harbour club fired its coach.", "Radio host Ada Lund"),
              frame(2, "The Harbour club fired its coach on Saturday.", None)]
    vectors = np.array([[1.0, 0.0], [0.9, 0.1]], dtype=np.float32)  # the first the more central
    # shown as the agreement, Lund's report would be credited to the second source too
    assert _clearest(frames, [0, 1], vectors, set()) == 1
    # the trap: a speaker both credit does not keep the statement that names it from being shown
    frames[1] = frame(2, "Ada Lund, a radio host, said the Harbour club fired its coach.", "Ada Lund")
    assert _clearest(frames, [0, 1], vectors, set()) == 0


def test_an_agreement_names_its_quoted_speakers_only_beside_their_remark():
    from newsprism.story.consolidate import shown_speakers

    def frame(aid: int, text: str, speaker: str | None, key: str | None) -> Frame:
        span = Span(aid, 0, len(text))
        claim = Claim(id=f"a{aid}-c1", span=span, sentence_index=0, entities=(), figures=(), times=(),
                      predicate="chase", speaker=speaker, speaker_entity=None)
        return Frame(claim=claim, text=text, content=span, content_text=text, lemmas=frozenset(),
                     families=frozenset(), subject="e1", speaker_key=key)

    frames = [frame(1, "The prosecutor's release says the deputy \"chased him to the apartment.\"", "the release",
                    "release"),
              frame(2, "The deputy followed the suspect to an apartment complex at about 3:30 p.m.", None, None),
              frame(3, "The deputy chased the suspect to the apartment, Captain Lund said.", "Captain Lund", "lund")]
    # a police account shown: the release's quote elsewhere in the agreement does not say who told it
    assert shown_speakers(frames, 1, [0]) == ()
    assert shown_speakers(frames, 2, [0]) == ()  # credited to someone else
    # the remark itself shown, or a statement crediting the same speaker: its speaker is named
    assert shown_speakers(frames, 0, [0]) == ("the release",)
    assert shown_speakers([frames[0], frame(4, "The deputy chased him there, the release says.", "the release",
                                            "release")], 1, [0]) == ("the release",)
