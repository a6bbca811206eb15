"""Statements kept in or out of comparison: a parse or tagging error must not keep a statement out, a real fragment
stays out. Texts written for the tests."""

from __future__ import annotations

import pytest

from newsprism.model import Article
from newsprism.pipeline import extract
from newsprism.extract.claims import extract_frames


@pytest.fixture(scope="module")
def main_frame(models):
    def run(text: str):
        facts, doc = extract(Article(id=3, text=text, source="-"), models)
        return next(f for f in extract_frames(facts, doc) if not f.inner)

    return run


@pytest.mark.parametrize("text,subject,verb", [
    # a past tense the tagger read as a participle, with its own subject and no auxiliary
    ("The two singers never married.", "singer", "marry"),
    ("Officials said the new figures included 40 towns on the coast.", "figure", "include"),
    # a present tense read as a bare form
    ("Farmers and traders consider the new tariff an unfair burden.", "farmer", "consider"),
    # the main verb hung from its subject as if a reduced relative (an aside before it)
    ("The river barge, also known as the Maren, crumbled against the pier on Monday and blocked the harbour that "
     "the town had dredged.", "river barge", "crumble"),
])
def test_exclusions_misread_tense_is_a_statement(main_frame, text, subject, verb):
    f = main_frame(text)
    assert f.excluded is None and f.subject == subject and f.verb == verb


def test_exclusions_subject_taken_for_root_ends_before_its_verb(main_frame):
    f = main_frame("The river barge, also known as the Maren, crumbled against the pier on Monday and blocked the "
                   "harbour that the town had dredged.")
    assert f.subject_text == "The river barge, also known as the Maren"


@pytest.mark.parametrize("text", [
    "The man arrested at the harbour on Monday.",  # a reduced relative: no verb of the sentence's own
    "A photo released by the police on Tuesday.",  # passive, with its agent
    "Stay informed about local news and weather.",  # an imperative has no subject
    "The minister urged to reopen the bridge quickly.",  # a directive with no addressee names no doer
])
def test_exclusions_true_fragment_stays_out(main_frame, text):
    assert main_frame(text).excluded == "no finite verb"


@pytest.mark.parametrize("text,subject,hypothetical,modality", [
    # raising: the passive cue's subject; what is expected is predicted, not wanted
    ("The storm is expected to strengthen as it moves north toward the islands.", "storm", False, "predicted"),
    # a passive directive: its subject is told what to do (not asserted)
    ("The port workers were told to wait for further orders from the ministry.", "port worker", True, "asserted"),
    # object control: the addressee does it
    ("The mayor urged the ferry crews to stay in port.", "ferry crew", True, "asserted"),
    # subject control with a gerund: a report of what was seen (asserted)
    ("Residents reported seeing smoke rising from the factory before dawn.", "resident", False, "asserted"),
    # a pledge: the speaker is to do it
    ("The union vowed to keep the strike going until Friday.", "union", True, "asserted"),
])
def test_exclusions_doer_of_a_cue_infinitive(main_frame, text, subject, hypothetical, modality):
    f = main_frame(text)
    assert f.excluded is None and f.subject == subject
    assert f.hypothetical is hypothetical and f.claim.modality == modality


def test_exclusions_small_clause_participle_is_no_tense(main_frame):
    # "declaring the territory annexed": the participle after its noun is no verb of a statement of its own
    f = main_frame("The army staged a vote in the region before declaring the territory annexed.")
    assert not (f.excluded is None and f.verb == "annex" and f.subject == "territory")


def test_exclusions_participle_with_agent_stays_a_modifier(main_frame):
    # "appointed … by the mayor" is passive: the reduced relative is no tense, whatever the parse makes its head
    f = main_frame("Jane Roe, appointed harbour master by the mayor two days before the storm, flew to the capital.")
    assert not (f.excluded is None and f.verb == "appoint" and f.subject == "n:jane roe")


def test_exclusions_subject_hung_into_the_opening_phrase(main_frame):
    # the parse made the name a conjunct of the places before it; it stands between the comma and the verb
    f = main_frame("in Porto, Portugal, cafe owner Rui Costa showed off his new tattoo of the saint on his arm.")
    assert f.excluded is None and f.subject == "n:rui costa"


@pytest.mark.parametrize("text", [
    "In the front row of the hall sat the mayor and her two deputies.",  # inverted: no subject before the verb
    "At issue is whether the agency overstepped its authority by using its powers.",
])
def test_exclusions_inverted_sentence_takes_no_preposition_object_as_subject(main_frame, text):
    assert main_frame(text).excluded == "no subject"


@pytest.mark.parametrize("text", [
    "Jane Roe, appointed harbour master two days before the storm, flew to the capital.",
    "Boats moored along the quay loaded with fish sat idle for hours on Friday.",
])
def test_exclusions_participle_before_the_real_verb_is_no_tense(main_frame, text):
    f = main_frame(text)
    assert not (f.excluded is None and f.verb in ("appoint", "load"))


def test_exclusions_tensed_verb_joined_to_a_participle_is_the_verb():
    # the parse as the model gave it on a real sentence, built by hand: "loaded" the root, "sat" joined with no "and"
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsprism.extract.parsed import misread_tense, tensed_verb_joined

    words = ["Lorries", "loaded", "with", "grain", "sat", "idle", "."]
    doc = Doc(Vocab(), words=words, heads=[1, 1, 1, 2, 1, 4, 1],
              deps=["nsubj", "ROOT", "prep", "pobj", "conj", "acomp", "punct"],
              tags=["NNS", "VBN", "IN", "NN", "VBD", "JJ", "."],
              pos=["NOUN", "VERB", "ADP", "NOUN", "VERB", "ADJ", "PUNCT"])
    assert tensed_verb_joined(doc[1]).text == "sat"
    assert not misread_tense(doc[1])
    joined = Doc(Vocab(), words=["Lorries", "loaded", "grain", "and", "sat", "idle", "."],
                 heads=[1, 1, 1, 1, 1, 4, 1], deps=["nsubj", "ROOT", "dobj", "cc", "conj", "acomp", "punct"],
                 tags=["NNS", "VBN", "NN", "CC", "VBD", "JJ", "."],
                 pos=["NOUN", "VERB", "NOUN", "CCONJ", "VERB", "ADJ", "PUNCT"])
    assert tensed_verb_joined(joined[1]) is None and misread_tense(joined[1])  # "loaded grain and sat": both verbs


def test_exclusions_tensed_verb_joined_to_a_present_participle_is_the_verb():
    # "The coast guard patrolling the strait on Monday stopped a boat": the parse made "patrolling" the root and
    # hung "stopped" from it as a clause with no subject; the participle's subject is the sentence's
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsprism.extract.parsed import tensed_verb_joined
    from newsprism.extract.subjects import subject_token

    words = ["Guards", "patrolling", "the", "strait", "on", "Monday", "stopped", "a", "boat", "."]
    doc = Doc(Vocab(), words=words, heads=[1, 1, 3, 1, 6, 4, 1, 8, 6, 1],
              deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "advcl", "det", "dobj", "punct"],
              tags=["NNS", "VBG", "DT", "NN", "IN", "NNP", "VBD", "DT", "NN", "."],
              pos=["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "VERB", "DET", "NOUN", "PUNCT"])
    assert tensed_verb_joined(doc[1]).text == "stopped"
    assert subject_token(doc[6]).text == "Guards"
    # a clause of its own ("… when it stopped a boat") is no verb of the participle's subject
    own = Doc(Vocab(), words=["Guards", "patrolling", "the", "strait", "when", "they", "stopped", "a", "boat", "."],
              heads=[1, 1, 3, 1, 6, 6, 1, 8, 6, 1],
              deps=["nsubj", "ROOT", "det", "dobj", "advmod", "nsubj", "advcl", "det", "dobj", "punct"],
              tags=["NNS", "VBG", "DT", "NN", "WRB", "PRP", "VBD", "DT", "NN", "."],
              pos=["NOUN", "VERB", "DET", "NOUN", "ADV", "PRON", "VERB", "DET", "NOUN", "PUNCT"])
    assert tensed_verb_joined(own[1]) is None


@pytest.mark.parametrize("text,subject", [
    ("Among the mourners at the harbour were about 300 fishermen from the northern villages.", "fisherman"),
    ("Also present at the hearing were members of the port authority and two lawyers.", "member"),
])
def test_exclusions_subject_after_be_when_a_phrase_is_fronted(main_frame, text, subject):
    f = main_frame(text)
    assert f.excluded is None and f.subject == subject


def test_exclusions_clause_after_be_is_no_inverted_subject(main_frame):
    assert main_frame("Here is what you need to know about the new port rules.").excluded is not None


def test_exclusions_partitive_before_be_is_no_inversion(main_frame):
    f = main_frame("Of the nearly 900 passengers on the ferry, around 200 are children.")
    assert not (f.excluded is None and f.subject == "child")


def test_exclusions_subject_read_into_an_opening_phrase_of_time(main_frame):
    # the parse made "months" a modifier of "cafes", the object of "for": the verb had no subject
    f = main_frame("For the next four months cafes and bakeries may open on Sundays, the council said.")
    assert f.excluded is None and f.subject == "cafe" and f.subject_text == "cafes and bakeries"
    # an opening phrase of time parsed apart leaves the subject as it was
    g = main_frame("For three years the council has refused to act on the harbour wall.")
    assert g.excluded is None and g.subject == "council"


def test_exclusions_a_heading_in_title_case_is_no_statement(models):
    # headline grammar drops verbs and articles; set in Title Case the parse reads "Hurt" as a subject
    facts, doc = extract(Article(id=3, text="80 Hurt and 7 Villages Damaged\nThe quake hit the island on Sunday.",
                                 source="-"), models)
    assert [f.text for f in extract_frames(facts, doc)] == ["The quake hit the island on Sunday."]
    facts, doc = extract(Article(id=4, text="Council extends the permit to 2025\nThe vote was on Monday.",
                                 source="-"), models)
    assert "Council extends the permit to 2025" in [f.text for f in extract_frames(facts, doc) if f.statement]


def test_exclusions_a_sentence_opening_it_that_speaks_is_the_country_before(models):
    facts, doc = extract(Article(id=5, text="In a statement, the Republic of Velmar said it would keep its border "
                                             "open. It thanked Ostria and Kelland for sending doctors to the camps.",
                                 source="-"), models)
    thanked = next(f for f in extract_frames(facts, doc) if f.text.startswith("It thanked"))
    assert thanked.excluded is None and "Velmar" in (thanked.subject_text or "")
    # an "it" that does not speak or act stays unresolved: a thing may stand before it
    facts, doc = extract(Article(id=6, text="The storm hit the coast of Velmar on Monday. It flooded the lower town.",
                                 source="-"), models)
    flooded = next(f for f in extract_frames(facts, doc) if f.text.startswith("It flooded"))
    assert flooded.excluded == "unresolved pronoun"


def test_exclusions_its_in_a_subject_is_the_country_named_as_the_subject_before(models):
    # "its aid" needs its owner known: the country the sentence before made its subject
    facts, doc = extract(Article(id=7, text="Ostria has been the largest donor to the islands. Last year, its aid to "
                                             "the islands reached $40 million.", source="-"), models)
    aid = next(f for f in extract_frames(facts, doc) if "its aid" in f.text)
    assert aid.excluded is None
    # no organisation or country as the subject before: the owner stays unknown
    facts, doc = extract(Article(id=8, text="Prices rose sharply on Monday. Its shares fell 5% in early trading.",
                                 source="-"), models)
    shares = next(f for f in extract_frames(facts, doc) if f.text.startswith("Its shares"))
    assert shares.excluded == "unresolved pronoun"
