"""Claim frames from the real parse: clause splitting, attribution, polarity, modality, aspect, event family."""

from __future__ import annotations

import pytest

from newsprism.model import Article
from newsprism.pipeline import extract
from newsprism.extract.claims import extract_frames
from newsprism.extract.frame import speaker_key


@pytest.fixture(scope="module")
def frames_of(models):
    def run(text: str):
        facts, doc = extract(Article(id=7, text=text, source="-"), models)
        return extract_frames(facts, doc)

    return run


def test_claims_split_semicolon_and_second_speech_act(frames_of):
    fr = frames_of("The port was closed on Monday; ships were sent north. The chief said the fire was out but said "
                   "that the inquiry would take a month.")
    texts = [f.text for f in fr]
    assert texts[0] == "The port was closed on Monday"
    assert texts[1].startswith("ships were sent north")
    assert len(fr) == 4
    assert fr[3].claim.speaker == fr[2].claim.speaker == "The chief"
    assert [f.claim.id for f in fr] == ["a7-c1", "a7-c2", "a7-c3", "a7-c4"]


def test_claims_a_clause_joined_to_another_speakers_clause_is_not_that_speakers(frames_of):
    # "She did not name them but Jenrick said …": she is the minister before, not the lawmaker who spoke after
    fr = [f for f in frames_of("Prime Minister Ada Velt hailed the release as welcome news. She did not name them "
                               "but lawmaker Ivo Marsh said the pilot Ben Hale was among those released.")
          if not f.inner]
    she = next(f for f in fr if f.text.startswith("She did not name them"))
    assert she.claim.speaker is None and she.subject != next(f for f in fr if "Marsh said" in f.text).speaker_key
    assert she.subject_text and "Velt" in she.subject_text
    # the trap: a clause the speech verb itself reports keeps its speaker
    fr = frames_of("Prices rose sharply in May, and wages fell, the minister said.")
    assert all(f.claim.speaker == "the minister" for f in fr if not f.inner)


def test_claims_postposed_attribution_stays_with_its_content(frames_of):
    fr = frames_of("It will take at least one week for the army to withdraw from the town, Defence Minister "
                   "Anna Berg told reporters on Thursday.")
    assert len(fr) == 1
    f = fr[0]
    assert f.claim.speaker == "Anna Berg"  # the quotes stage names the speaker without the title
    assert f.claim.modality == "predicted" and f.aspect == "forecast" and f.event == "withdraw"
    assert f.duration == "at least one week"
    assert f.content_text.startswith("It will take at least one week")


@pytest.mark.parametrize("text,polarity,modality", [
    ("Officials have not confirmed the town was back in government hands.", "negated", "not_confirmed"),
    ("The army chief said Kyiv could not yet confirm whether the troops were pulling out.", "negated", "not_confirmed"),
    ("The ministry denied that its jets had struck the market.", "negated", "denied"),
    ("Her daughter speculated that the soldiers may be setting a trap.", "affirmed", "uncertain"),
    ("Analysts predicted that the talks would collapse.", "affirmed", "predicted"),
    ("There are no indications that a trap is being set in the town.", "negated", "asserted"),
    ("Reuters confirmed the location of the video.", "affirmed", "confirmed"),
    # "allegedly" is the legal caution on an accusation, not a doubt; "reportedly" still hedges
    ("The inmate allegedly handcuffed the two guards in the van.", "affirmed", "asserted"),
    ("The inmate reportedly handcuffed the two guards in the van.", "affirmed", "uncertain"),
])
def test_claims_polarity_and_modality(frames_of, text, polarity, modality):
    c = frames_of(text)[0].claim
    assert (c.polarity, c.modality) == (polarity, modality)


def test_claims_completed_event_and_family(frames_of):
    f = frames_of("The ministry said its troops finished withdrawing from the western bank at 5am.")[0]
    assert f.aspect == "completed" and f.event == "withdraw" and f.claim.speaker == "The ministry"


def test_claims_left_behind_is_no_withdrawal(frames_of):
    f = frames_of("The retreating troops left behind thousands of landmines.")[0]
    assert f.event != "withdraw"


def test_claims_negated_words_skip_subject_and_non_factive_verbs(frames_of):
    f = frames_of("Its retreat, a major embarrassment, did not change the status of the region.")[0]
    assert "status" in f.negated and "embarrassment" not in f.negated
    g = frames_of("The president did not specify the number of soldiers killed.")[0]
    assert g.negated == frozenset()


def test_claims_passive_addressee_is_no_speaker(frames_of):
    f = frames_of("Residents of the district were told to keep their windows closed.")[0]
    assert f.claim.speaker is None


def test_claims_carry_the_figures_stage_figures(frames_of):
    f = frames_of("Reznikov said the army still had 40,000 troops in the region.")[0]
    assert any(x.value == 40000 for x in f.claim.figures)


def test_speaker_key():
    assert speaker_key("Ukraine's Defense Minister Oleksii Reznikov") == "reznikov"
    assert speaker_key("military analysts") == "analysts"
    assert speaker_key(None) is None


def test_claims_subject_is_the_named_head_not_a_possessor_or_a_dateline(frames_of):
    fr = frames_of("Norland's new Prime Minister Ada Velt flew to Geneva on Monday.\n"
                   "BRAVIK: Norland's Prime Minister Ada Velt will pledge support at the water summit.")
    fr += frames_of("GENEVA - Velt Energy will build the plant, the company said.")  # a dateline opens a report
    assert len(fr) == 3 and all(f.statement for f in fr)
    # the subject is the person the phrase names, not the country in its possessive nor the dateline
    assert [f.subject for f in fr] == ["n:ada velt", "n:ada velt", "n:velt energy"]
    assert "BRAVIK" not in fr[1].subject_text
    assert fr[2].subject_text == "Velt Energy" and "geneva" not in (fr[2].subject or "")


@pytest.mark.parametrize("text,subject", [
    ("Bergen / Oslo: A Norwegian ferry sank off the coast on Friday.", "ferry"),
    ("NTB Mar 3, 2021, 06.10AM CET BERGEN: The ferry company cancelled every crossing on Friday.", "company"),
])
def test_claims_a_title_case_dateline_closed_by_a_colon_is_no_subject(frames_of, text, subject):
    """A run of capitalised words and numbers closed by a colon opens the report, as a dateline in capitals does:
    the sentence is a statement about what follows it."""
    (f,) = frames_of(text)
    assert f.statement and f.subject_text.split()[-1] == subject
    assert not f.text.startswith(("Bergen", "NTB"))


def test_claims_a_speaker_label_before_a_quote_is_no_dateline(models):
    """'Ada Velt: "We will rebuild"' names who speaks: the dateline rule leaves it to the quote rules."""
    from newsprism.extract.parsed import DATELINE

    assert DATELINE.match('Ada Velt: "We will rebuild the pier."') is None
    assert DATELINE.match("Ada Velt said: The pier will be rebuilt.") is None


@pytest.mark.parametrize("text,alone", [
    ("The ferry resumed service on Friday.", True),
    ('"The ferry will run again on Friday," the harbour master Ines Dahl said.', True),
    ('"The ferry will run again on Friday," she said.', False),  # who is "she"?
    ('"By the time the ferry runs again, we must ask the hard question', False),  # a quote cut open
    ("that the ferry would run again.", False),  # a clause cut out of its sentence
])
def test_claims_a_statement_reads_alone_with_whole_quotes_credited_by_name(text, alone):
    from newsprism.extract.claims import reads_alone

    assert reads_alone(text) is alone


def test_claims_the_company_is_the_one_organisation_named_just_before(frames_of):
    one = frames_of("Norvik Airlines chief executive Ada Brandt said on Monday that the company will appeal the fine.")
    two = frames_of("After Norvik Airlines sued Baltic Gate Holdings on Monday, the company will appeal the ruling.")
    # the organisation named before the speaker's role: "the company" is Norvik Airlines
    assert one[0].subject == "n:norvik airlines"
    # two organisations named before it: the clause alone cannot say which one
    assert two[-1].subject == "company"


def test_claims_pull_is_a_withdrawal_only_with_out_or_back(frames_of):
    moved, left = frames_of("The carriage was pulled by sailors through the old town. The army pulled out of the port.")
    assert moved.event is None and left.event == "withdraw"


def test_claims_subject_is_never_a_name_inside_its_apposition_nor_a_dateline(models):
    """"Johan Almqvist, Norra Lines' biggest shareholder, …" with no mention of Almqvist: the subject is Almqvist,
    not Norra Lines (named inside the apposition); "SAN FRANCISCO (AP) -- Norway's largest shipowner, …" parsed
    with the dateline as a subject beside the real one: the subject is the shipowner, not the dateline."""
    from newsprism.extract.parsed import dateline_word
    from newsprism.extract.subjects import resolve_subject, subject_token
    from newsprism.model import Mention, Span

    doc = models.nlp("Johan Almqvist, Norra Lines' biggest shareholder, has decided not to join the board.")
    at = doc.text.index("Norra")
    lines = Mention(span=Span(1, at, at + len("Norra Lines")), label="ORG", text="Norra Lines")
    subj = next(t for t in doc if t.text == "Almqvist")
    assert resolve_subject(subj, [lines], 0, None, None)[0] == "johan almqvist"
    doc = models.nlp("OSLO (AP) -- Shares rose.")
    assert dateline_word(doc[0]) and dateline_word(doc[2]) and not dateline_word(doc[5])
    doc = models.nlp("Oslo (AP) said shares rose.")
    assert not dateline_word(doc[0])
    # in title case only with the agency's credit, as wires write it, or the credit alone
    for text, first in (("Bergen (AFP) - Shares rose.", "Shares"), ("May 4 (Reuters) - Shares rose.", "Shares"),
                        ("(NRK) -- Shares rose.", "Shares"), ("Ada Velt - the mayor - said shares rose.", None)):
        doc = models.nlp(text)
        words = [t.text for t in doc if t.is_alpha and not dateline_word(t)]
        assert words[0] == (first or "Ada"), text
    doc = models.nlp("Bergen (AFP) - Norway's largest shipowner, billionaire Johan Almqvist, will no longer join "
                     "the company's board of directors.")
    assert subject_token(next(t for t in doc if t.dep_ == "ROOT")).text in ("shipowner", "Almqvist")
    doc = models.nlp("SAN FRANCISCO (AP) -- Norway's largest shipowner, billionaire Johan Almqvist, is reversing "
                     "course and will no longer join the company's board of directors.")
    assert subject_token(next(t for t in doc if t.dep_ == "ROOT")).text == "shipowner"


@pytest.mark.parametrize("text", [
    "The ferry company said the crossing will reopen on Monday. ”",  # a stray closing quote ends the text
    "“The crossing will reopen, ” the ferry company said. ” Repairs to the pier took a week.",
])
def test_claims_a_sentence_of_punctuation_only_is_no_clause(frames_of, text):
    fr = frames_of(text)  # the parse may make the lone quote a sentence of its own: no frame, no failure
    assert fr and all(f.text.strip(" ”\"") for f in fr)
    assert any("reopen" in f.text for f in fr)


@pytest.mark.parametrize("text, granted", [
    ("Mayor Ada Velt announced on Monday that food stalls will be able to open late for the next two years.", True),
    ("Mayor Ada Velt announced on Monday that food stalls will be allowed to open late for two years.", True),
    ("Mayor Ada Velt announced on Monday that the new rules will allow food stalls to open late.", True),
    ("Traders said on Monday that food stalls will be able to open late for the next two years.", False),
    ("Mayor Ada Velt announced on Monday that the night market will close in March.", False),
])
def test_claims_a_permission_announced_is_granted(frames_of, text, granted):
    # one announces a permission one grants: a decision told to come, not a forecast of others' acts
    main = next(f for f in frames_of(text) if not f.inner)
    assert main.claim.modality == "predicted" and main.granted is granted


@pytest.mark.parametrize("text, speaker, content", [
    ("The harbour board issued a statement saying that the ferry would resume on Friday.", "The harbour board",
     "that the ferry would resume on Friday"),
    ("The bakers' guild sent out a news release on Monday announcing that the mayor had signed the bread bill.",
     "The bakers' guild", "that the mayor had signed the bread bill"),
])
def test_claims_a_document_that_says_reports_its_sender(frames_of, text, speaker, content):
    # the participle tells what the document says: its sender speaks, and the content is the "that" clause
    main = next(f for f in frames_of(text) if not f.inner)
    assert (main.claim.speaker, main.content_text) == (speaker, content)


def test_claims_a_participle_of_manner_is_no_speech(frames_of):
    # "chanting that …" colours the march; the statement is the march
    main = next(f for f in frames_of("Protesters marched through the old town, chanting that the mayor must go.")
                if not f.inner)
    assert main.claim.speaker is None and main.content_text.startswith("Protesters marched")


def _subject_of(frames, opening: str):
    return next(f for f in frames if f.text.startswith(opening)).subject_text


def test_claims_he_after_an_attribution_is_the_one_told_of(frames_of):
    # "X was hurt, said Y. He was taken to …": the pronoun continues the one the words are about, not the teller
    fr = frames_of("Officer Dana Reyes was shot in the arm on Friday, said Tom Berg of the county police. "
                   "He was flown by helicopter to the regional hospital.")
    assert _subject_of(fr, "He was flown") == "Dana Reyes"
    # the trap: a pronoun that speaks in turn is the teller ("He added …")
    fr = frames_of("Officer Dana Reyes was shot in the arm on Friday, said Tom Berg of the county police. "
                   "He added that the suspect had fled on foot.")
    assert next(f for f in fr if f.text.startswith("He added")).claim.speaker == "Tom Berg"
    # and the teller of words about no named person stays the antecedent
    fr = frames_of("The clinic will close at noon, said Tom Berg of the county health board. "
                   "He was appointed to the board in March.")
    assert _subject_of(fr, "He was appointed") == "Tom Berg"


def test_claims_a_relative_who_stands_for_the_noun_it_hangs_from(frames_of):
    fr = frames_of("Sheriff Tom Cole said on Friday that deputies were still searching for Mark Ellison, 31, who is "
                   "considered dangerous. He is six feet tall and has a shaved head.")
    assert _subject_of(fr, "He is six feet") == "Mark Ellison"


def test_claims_relative_clauses_and_the_names_told_only_inside_them(frames_of):
    fr = frames_of("Dario Velt, who beat Tomas Ruiz for the title in 2019, barely landed a punch against Ivo Kern "
                   "on Saturday.")
    f = fr[0]
    text = "".join(f.text[r.start - f.claim.span.start:r.end - f.claim.span.start] for r in f.relatives)
    assert text == "who beat Tomas Ruiz for the title in 2019"
    assert len(f.aside_entities) == 1 and len(f.claim.entities) >= 3  # Ruiz only; Velt and Kern are the statement's
    # the trap: a name told both inside and outside the relative clause is the statement's own
    both = frames_of("The mayor, who met Anna Holt in Paris last year, will meet Anna Holt in Berlin on Monday.")[0]
    assert both.relatives and both.aside_entities == {"n:paris"}
    # what a linking verb says the subject is, described by a clause, is background too
    one = frames_of("The Hawks are one of four teams that are known to be pursuing Dario Velt.")[0]
    assert one.aside_entities == {"n:dario velt"}
    # the trap: a clause on the object of an act says what was acted on, the act's own content
    signed = frames_of("Governor Ada Holt signed two bills into law that allow street markets in Velmar until 2026.")[0]
    assert not signed.relatives and not signed.aside_entities


@pytest.mark.parametrize("text", [
    "Harlan Oduya was shot seven times, the autopsy found.",
    "The footage showed that Harlan Oduya was shot seven times.",
])
def test_claims_a_finding_is_credited_to_its_document(frames_of, text):
    # an autopsy, tests or footage report what they show as a poll or a study does: the finding is theirs
    (f,) = [f for f in frames_of(text) if not f.inner]
    assert f.statement and f.claim.speaker and f.claim.speaker.split()[-1].lower() in ("autopsy", "footage")


@pytest.mark.parametrize("text,speaker", [
    ("Harlan Oduya was shot nine times after officers said he drew a gun in Delmore.", None),
    ("Harlan Oduya was arrested when police said he had stolen a car.", None),
    ("Harlan Oduya was shot nine times, as officers said.", "officers"),
    ("Officers said Harlan Oduya was shot nine times.", "Officers"),
])
def test_claims_speech_in_a_circumstance_does_not_attribute_the_main_clause(frames_of, text, speaker):
    # "after officers said …" tells when he was shot: the shooting is the reporter's statement, about Oduya
    (f,) = [f for f in frames_of(text) if not f.inner]
    assert f.claim.speaker == speaker
    assert f.subject == "n:harlan oduya"


@pytest.mark.parametrize("text,refused", [
    ("Ada Lund's agent would not say what the actress was being treated for.", True),
    ("The spokesman declined to say where Ada Lund was being treated.", True),
    ("Police did not say how many people were arrested in Delmore.", True),
    # the traps: a statement said, one said in the negative, and a negated confirmation (a stance, compared)
    ("Ada Lund's agent said the actress went to a clinic in Delmore.", False),
    ("Ada Lund said she would not resign from the council.", False),
    ("Officials have not confirmed the town was back in Delmore's hands.", False),
])
def test_claims_a_refusal_to_say_is_marked(frames_of, text, refused):
    # "would not say what she was treated for": a refusal two reports may share, never what another said
    (f,) = [f for f in frames_of(text) if not f.inner]
    assert f.statement and f.refused == refused


def test_claims_a_refusal_is_never_the_statement_it_withholds(frames_of, models):
    from newsprism.story.aspects import AspectParams, same_position
    from newsprism.settings import Settings

    s = Settings()
    p = AspectParams(aspect_link=s.aspect_link, position_sim=s.position_similarity,
                     position_sim_anchored=s.position_similarity_anchored, position_link=s.position_link)
    refusal = frames_of("Ada Lund's agent would not say what the actress was being treated for.")[0]
    said = frames_of("Ada Lund's agent said the actress was being treated for exhaustion.")[0]
    again = frames_of("Ada Lund's agent declined to say what the actress was being treated for.")[0]
    assert not same_position(refusal, said, 0.95, p)
    assert same_position(refusal, again, 0.95, p)
