"""What may be compared (issue 10): only statements, with an explicit subject that names someone or something.

Short texts written for these tests, one rule each.
"""

from __future__ import annotations

import pytest

from newsprism.extract.claims import extract_frames
from newsprism.extract.frame import Frame
from newsprism.model import Article
from newsprism.pipeline import extract


@pytest.fixture(scope="module")
def frames_of(models):
    def run(text: str, title: str | None = None) -> list[Frame]:
        facts, doc = extract(Article(id=1, text=text, source="-", title=title), models)
        return extract_frames(facts, doc)

    return run


def _one(frames: list[Frame], words: str) -> Frame:
    return next(f for f in frames if words in f.text)


def test_statements_question_is_not_a_statement(frames_of):
    f = _one(frames_of("So does that mean the town is in a drought?\n"), "drought")
    assert f.excluded == "question" and not f.statement


def test_statements_sign_up_and_credit_lines_are_boilerplate(frames_of):
    frames = frames_of("The ferry service resumed on Monday after the storm. Sign up for our morning newsletter to "
                       "get the best stories from the harbour and the bay delivered to you every day.\n")
    assert _one(frames, "newsletter").excluded == "boilerplate"
    assert _one(frames, "ferry service").statement


def test_statements_headline_repeated_in_the_body_is_kept_out(frames_of):
    frames = frames_of("Ferry service resumes after the storm passed the bay.\n\n"
                       "The ferry service resumed on Monday after the storm.\n",
                       title="Ferry service resumes after the storm passed the bay")
    assert _one(frames, "passed the bay").excluded == "headline"


def test_statements_heading_that_states_something_is_compared(frames_of):
    frames = frames_of("Harbour council extends the ferry licence until 2026\n\n"
                       "What we know so far\n\n"
                       "The licence had been due to expire in the spring.\n")
    assert _one(frames, "extends the ferry licence").statement
    assert not any("What we know" in f.text for f in frames)  # a label heading: no statement, not even a frame
    assert _one(frames, "due to expire").statement


def test_statements_one_or_two_word_quote_is_kept_out(frames_of):
    frames = frames_of('The harbour master shook his head. "Never again," he said.\n')
    assert all(not f.statement for f in frames if "Never again" in f.text)


def test_statements_unresolved_pronoun_subject_is_kept_out(frames_of):
    f = _one(frames_of("It was the worst week for the harbour since 1998.\n"), "worst week")
    assert f.excluded == "unresolved pronoun"


def test_statements_he_is_the_person_named_as_subject_before(frames_of):
    frames = frames_of("Harbour master Tomas Veld inspected the damaged pier on Monday.\n\n"
                       "He ordered the north quay closed until further notice.\n")
    f = _one(frames, "north quay")
    assert f.statement and f.subject_text == "Tomas Veld"


def test_statements_pronoun_in_reported_speech_is_the_speaker(frames_of):
    f = _one(frames_of("The ferry company said it would cancel all crossings on Friday.\n"), "cancel")
    assert f.statement and f.subject and "company" in (f.subject_text or "").lower()


def test_statements_empty_it_stands_for_the_real_subject(frames_of):
    f = _one(frames_of("It will take at least a month for the port authority to repair the pier.\n"), "a month")
    assert f.statement and "port authority" in (f.subject_text or "")


def test_statements_possessive_of_no_one_named_is_kept_out(frames_of):
    f = _one(frames_of("His wife called the coast guard after midnight.\n"), "coast guard")
    assert not f.statement


def test_statements_dateline_is_not_the_subject(frames_of):
    f = _one(frames_of("PORTVIEW: Storm surges flooded the lower town on Sunday night, officials said.\n"), "flooded")
    assert f.statement and "surge" in (f.subject or "") and not f.text.startswith("PORTVIEW")


@pytest.mark.parametrize("text", [
    "HARBOURTON, Calder -- Storm surges flooded the lower town on Sunday night.\n",  # place and region in capitals
    "Harbourton (NPA) - Storm surges flooded the lower town on Sunday night.\n",  # title case with the credit
    "Calm returned.\n\n(NPA) -- Storm surges flooded the lower town on Sunday night.\n",  # the credit alone
    "HARBOURTON :Storm surges flooded the lower town on Sunday night.\n",  # the colon touching the first word
])
def test_statements_dateline_in_any_wire_form_is_not_the_subject(frames_of, text):
    f = _one(frames_of(text), "flooded")
    assert f.statement and "surge" in (f.subject or "")
    assert f.text.startswith("Storm surges")


def test_statements_one_of_a_group_is_about_the_group(frames_of):
    f = _one(frames_of("One of the harbour's two ferries stayed in port on Sunday.\n"), "stayed")
    assert f.statement and "ferr" in (f.subject or "")
    f = _one(frames_of("One stayed in port on Sunday.\n"), "stayed")
    assert f.excluded == "unresolved pronoun"
    # a phrase set before the subject names no subject: "its hull" is still of something the clause cannot name
    f = _one(frames_of("One of the oldest ferries on the coast, its hull is now rusting in the port.\n"), "rusting")
    assert f.excluded == "unresolved pronoun"


def test_statements_subject_the_parse_hangs_from_the_auxiliary_is_the_subject(frames_of):
    """"Norland was calmly and patiently negotiating …": two adverbs before the verb lead the parse to hang the
    subject from "was"; it is still the clause's explicit subject."""
    f = _one(frames_of("The harbour master said Norland was calmly and patiently negotiating with the ferry owners "
                       "about the new timetable.\n"), "negotiating")
    assert f.statement and f.subject == "n:norland"


def test_statements_condition_marks_a_hypothetical(frames_of):
    f = _one(frames_of("Even a 6 percent rise in fares would cost the ferry company its busiest routes, "
                       "an analyst said.\n"), "6 percent")
    assert f.hypothetical


def test_statements_direct_quote_and_two_remarks_of_one_speaker_are_two_positions(frames_of, models):
    from newsprism.extract.claims import direct_quote
    from newsprism.story.aspects import AspectParams, positions

    texts = ['"Working together, we can make the cleanup faster and cheaper for every town," '
             'the agency chief Rhea Olsen said on Monday.',
             '"We see one big obstacle, which is working together across the towns and the sectors," '
             'said agency chief Rhea Olsen.',
             '"Working together, we can make the cleanup faster and cheaper for every town," said Rhea Olsen.']
    frames = [frames_of(t)[0] for t in texts]
    assert all(direct_quote(f) for f in frames)
    assert not direct_quote(frames_of("Rhea Olsen said the cleanup would be faster if towns worked together.")[0])
    vectors = models.embedder.embed([f.content_text for f in frames])
    groups = positions([0, 1, 2], frames, vectors, AspectParams())
    # the same remark printed twice is one position; her other remark (other words, one topic) is another
    assert sorted(map(sorted, groups)) == [[0, 2], [1]]


def test_statements_scheduled_act_is_the_predicate(frames_of):
    """"is due to meet" names the act "meet", scheduled as firmly as "will meet"."""
    f = _one(frames_of("The harbour master is due to meet the ferry owners on Friday.\n"), "due to meet")
    assert f.claim.predicate == "meet" and f.claim.modality == "predicted" and f.statement
    g = _one(frames_of("The harbour master will meet the ferry owners on Friday.\n"), "will meet")
    assert (g.claim.predicate, g.claim.modality) == (f.claim.predicate, f.claim.modality)


def test_statements_she_is_the_one_person_named_before(frames_of):
    """"She" with no person as a subject nearby stands for the one person the article has named so far."""
    text = ("Harbour politics resumes on Monday, with Mayor Jane Roe signalling her priorities. The council will sit "
            "for an extra day. She will also meet the ferry owners on Friday.\n")
    assert _one(frames_of(text), "She will also meet").statement
    two = ("Harbour politics resumes on Monday, with Mayor Jane Roe and Councillor Ann Lee at odds. The council will "
           "sit for an extra day. She will also meet the ferry owners on Friday.\n")
    assert _one(frames_of(two), "She will also meet").excluded == "unresolved pronoun"


def test_statements_she_far_from_any_subject_is_the_one_person_made_a_subject(frames_of):
    """Past the sentences searched for a subject, "she" is the one person the article made the subject of a
    clause; a person only named in passing does not compete, two subjects leave it unresolved."""
    text = ("Mayor Jane Roe opened the harbour festival on Monday. The festival marks the founding of the port. "
            "Crowds lined the quay. The first ferry sailed at noon. A statue of the founder, Ada Velt, was unveiled. "
            "She will also meet the ferry owners on Friday.\n")
    f = _one(frames_of(text), "She will also meet")
    assert f.statement and f.subject_text == "Jane Roe"
    two = text.replace("The festival marks", "Councillor Ann Lee said the festival marks")
    assert _one(frames_of(two), "She will also meet").excluded == "unresolved pronoun"


def test_statements_descriptions_run_into_the_name_they_describe(frames_of):
    """"The port's newest board member and largest stakeholder Johan Almqvist wrote …": both descriptions are
    Almqvist's, the subject and the description's participant are Almqvist; a conjunct with its own possessor is
    another participant, and a dateline before the run describes no one."""
    frames = frames_of("Bergen (NPA) - The port's newest board member and largest stakeholder Johan Almqvist wrote "
                       "on Saturday that the ferry network was dying.\n"
                       "The mayor and his deputy, Ada Velt, closed the bridge on Sunday.\n")
    d = [f for f in frames if f.description]
    assert [f.text for f in d] == ["The port's newest board member and largest stakeholder Johan Almqvist"]
    assert d[0].subject == "n:johan almqvist" and d[0].subject_text == "Johan Almqvist"
    assert _one(frames, "closed the bridge").subject == "mayor"


def test_statements_a_participant_besides_the_subject_is_described_too(frames_of):
    """"… an idea put forth by Jane Roe, who recently became the port's largest shareholder": the outlet describes
    Roe inside a statement about someone else; "became" and "remains" describe as "is" does. A clause that tells
    what the participant did ("who sailed on Friday") is no description."""
    frames = frames_of("The mayor backed a plan put forth by Jane Roe, who recently became the port's largest "
                       "shareholder, to rebuild the quay.\n"
                       "The council thanked Ada Velt, the harbour's longest-serving pilot, for her work.\n"
                       "The union praised Ann Lee, who sailed the first ferry on Friday.\n")
    d = {f.content_text: f for f in frames if f.description}
    assert set(d) == {"who recently became the port's largest shareholder", "the harbour's longest-serving pilot"}
    roe = d["who recently became the port's largest shareholder"]
    assert roe.subject_text == "Jane Roe" and roe.obj == "shareholder"
    assert d["the harbour's longest-serving pilot"].subject_text == "Ada Velt"


def test_statements_a_verb_of_saying_under_another_verb_reports_its_own_object(frames_of):
    """"He continued to stress the support offered by …": what he stressed is the object of "stress", told in the
    clause; the verb above it ("continued") is no content. A scare-quoted phrase inside does not make the clause a
    short quote."""
    frames = frames_of('Mayor Ada Velt spoke on Tuesday. She continued to stress the support offered by the '
                       'harbour towns and the other members of the "coast family" in recent years.\n')
    f = _one(frames, "continued to stress")
    assert f.statement and f.content_text.startswith("She continued to stress the support")
    # the trap: a cue with its own complement still reports it
    g = _one(frames_of("Ada Velt declined to say where the ferry would dock on Friday.\n"), "declined")
    assert g.content_text == "where the ferry would dock on Friday"


def test_statements_a_participle_used_as_a_preposition_heads_no_clause(frames_of):
    """"Under pressure, including from her own party, Mayor Ada Velt appears ready to …": the clause is Velt's
    appearing ready, not "including"; the parse hangs both from the dateline."""
    f = _one(frames_of("PORTVIEW - Under intense pressure, including from her own party, Mayor Ada Velt appears "
                       "ready to reopen the old ferry line to the islands.\n"), "appears ready")
    assert f.statement and f.verb == "appear" and f.subject_text == "Mayor Ada Velt"


def test_statements_brackets_after_a_name_are_background(frames_of):
    """"Velt (31-2, 20 knockouts) kept her title on Saturday": the record in brackets describes Velt, like a
    relative clause; its figures anchor no comparison of the statement. Brackets after anything else are the
    statement's own ("passed 52-48 (two absent)")."""
    from newsprism.story.aspects import position_slots

    kept = _one(frames_of("Ada Velt (31-2, 20 knockouts) kept her title on Saturday.\n"), "kept her title")
    assert [kept.text[r.start - kept.claim.span.start:r.end - kept.claim.span.start] for r in kept.relatives] == \
        ["(31-2, 20 knockouts)"]
    assert not position_slots(kept).figures
    passed = _one(frames_of("The harbour bill passed 52-48 (two members absent) on Friday.\n"), "passed")
    assert not passed.relatives and position_slots(passed).figures


def test_statements_description_of_a_participant_is_its_own_frame(frames_of):
    """"Jane Roe, the harbour's longest-serving pilot, said …": the description is compared as the outlet's own
    statement about Roe, with no verb (never an agreement on its own)."""
    frames = frames_of("Jane Roe, the harbour's longest-serving pilot, said the ferry would sail on Friday.\n"
                       "Pilot Ann Lee, who is the union's treasurer, welcomed the decision.\n")
    d = [f for f in frames if f.description]
    assert {f.content_text for f in d} == {"the harbour's longest-serving pilot", "who is the union's treasurer"}
    roe = next(f for f in d if "Roe" in f.text)
    assert roe.text == "Jane Roe, the harbour's longest-serving pilot" and roe.subject_text == "Jane Roe"
    assert roe.claim.predicate is None and roe.statement
    assert _one(frames, "said the ferry").statement and not _one(frames, "said the ferry").description


def test_statements_aim_of_an_act_is_its_own_frame(frames_of):
    """"… to curb smuggling", "… in response to the flooding", "… because the bridge was unsafe": why the subject
    acted is a frame of that subject, with no verb of its own (never an agreement alone); "after …" says when, not
    why, "it will take a week for X to …" how long; an act's noun takes its aim ("an initiative to stem …"); an aim
    told negated keeps its polarity."""
    frames = frames_of("The harbour board closed the pier to protect the divers.\n\n"
                       "The council shut the road in response to the flooding of the river.\n\n"
                       "The mayor cancelled the fair because the bridge was unsafe.\n\n"
                       "The ferry company cut fares so as not to lose its passengers.\n\n"
                       "The mayor spoke after the vote on the budget.\n\n"
                       "It will take a week for the ferry company to repair the pier.\n\n"
                       "The port launched an initiative to stem fuel smuggling at the docks.\n\n"
                       "The council made a decision to close the road.\n")
    aims = {f.text: f for f in frames if f.aim}
    assert set(aims) == {"to protect the divers", "in response to the flooding of the river",
                         "because the bridge was unsafe", "so as not to lose its passengers",
                         "to stem fuel smuggling at the docks"}  # a decision's infinitive is what was decided
    board = aims["to protect the divers"]
    assert board.subject == _one(frames, "closed the pier").subject and board.statement and board.inner
    assert board.claim.predicate is None and not board.description
    assert aims["so as not to lose its passengers"].claim.polarity == "negated"
    assert aims["to protect the divers"].claim.polarity == "affirmed"
    assert not _one(frames, "closed the pier").aim


def test_statements_an_aim_is_the_doer_of_its_act(frames_of):
    """An aim belongs to whoever does the act it serves, when that doer is named, not to the subject of the
    statement telling it: the mayor's reason told in a clause of a statement about delays, a passive act's agent; a
    need told with no doer is the reason its speaker gives. Trap: a reason given against that act (the truckers'
    protest) stays theirs."""
    frames = frames_of("Delays grew at the bridge after Mayor Ada Velt ordered the police to search every truck to "
                       "stop the smuggling of fuel.\n\n"
                       "The truckers blocked the bridge to protest Ada Velt's order on fuel checks.\n\n"
                       "Ada Velt says tighter checks are needed to curb fuel smuggling.\n\n"
                       "The council said the road was closed by Ada Velt to allow repairs to the bridge.\n")
    aims = {f.text: f.subject for f in frames if f.aim}
    velt = aims["to curb fuel smuggling"]
    assert _one(frames, "Delays grew").subject == "delay" and velt != _one(frames, "tighter checks").subject
    assert aims == {"to stop the smuggling of fuel": velt, "to protest Ada Velt's order on fuel checks": "trucker",
                    "to curb fuel smuggling": velt, "to allow repairs to the bridge": velt}


def test_statements_what_was_urged_or_pledged_is_compared_not_asserted(frames_of):
    """"urged the council not to sign", "vowed to reopen": the cue is the finite verb, the addressee (of a
    directive) or the speaker (of a pledge) is to act; the content is compared, as content that is not asserted,
    so it never says the same as the fact ("the council did not sign the lease")."""
    from newsprism.story.aspects import AspectParams, same_position

    frames = frames_of("Harbour officials urged the town council not to sign the lease.\n\n"
                       "The mayor vowed to reopen the pier by June.\n\n"
                       "The town council did not sign the lease.\n\n"
                       "Residents were urged to leave the pier.\n")
    urged, vowed, fact = _one(frames, "not to sign"), _one(frames, "vowed"), _one(frames, "did not sign")
    assert urged.statement and urged.hypothetical and urged.claim.polarity == "negated"
    assert urged.subject == fact.subject and vowed.subject == "mayor" and vowed.statement and vowed.hypothetical
    assert fact.statement and not fact.hypothetical
    assert not same_position(urged, fact, 0.95, AspectParams())
    # a passive directive: its subject is the one told what to do (the urger unnamed); compared, not asserted
    residents = _one(frames, "Residents")
    assert residents.statement and residents.hypothetical and residents.subject == "resident"


def test_statements_she_is_the_unnamed_woman_made_the_subject_before(frames_of):
    """A report that does not name someone calls them "the woman", then "she": the pronoun stands for the nearest
    earlier subject that is a noun for a person of its gender; a person of the other gender is passed over, and a
    named person as a subject nearer is the one meant."""
    text = ("A court on Tuesday found that the 41-year-old woman had set fire to the ferry office. "
            "The man who reported the fire was not hurt. She had been dismissed by the ferry company a week earlier.\n")
    f = _one(frames_of(text), "dismissed")
    assert f.statement and f.subject == "woman" and f.subject_text == "the 41-year-old woman"
    named = text.replace("The man who reported the fire", "Harbour master Tomas Veld")
    assert _one(frames_of(named), "dismissed").subject_text != "the 41-year-old woman"
    nobody = "The man who reported the fire was not hurt. She had been dismissed by the ferry company a week earlier.\n"
    assert _one(frames_of(nobody), "dismissed").excluded == "unresolved pronoun"


def test_statements_there_is_stands_for_what_there_is(frames_of):
    f = _one(frames_of('"There will be delays on every crossing," the harbour master said.\n'), "delays")
    assert f.statement and f.subject == "delay"


def test_statements_name_the_parse_takes_for_an_adverb_is_the_subject(frames_of):
    """A surname that is also a word ("Little"), opening a sentence and set off by a comma, is read as an adverb
    and the verb is left without a subject: the name is the subject, the person the article named with it."""
    text = ("Mayor Ada Little opened the new pier on Monday. Little, on her first visit to the harbour as mayor, "
            "will meet the ferry owners on Friday.\n")
    frames = frames_of(text)
    f, opened = _one(frames, "will meet"), _one(frames, "opened")
    assert f.statement and f.subject == opened.subject
    # a word opening a sentence that names no one stays what it is: no subject is made of it
    g = _one(frames_of("Little, on the first day of the festival, will change on the quay.\n"), "will change")
    assert not g.statement
