"""Quotes stage: quotation-mark pairing (no model) and attribution on real parses (session spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.evaluation import gold_quotes
from newsprism.model import Article
from newsprism.pipeline import parse
from newsprism.report.build import _Texts, quote_json
from newsprism.extract.quotes import find_quotes
from newsprism.extract.quotes.marks import mark_regions

GOLD = Path(__file__).resolve().parents[1] / "gold" / "kherson" / "quotes.json"


def _contents(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in r.pieces] for r in mark_regions(text)]


@pytest.mark.parametrize("text, expected", [
    ("He said “we will win,” and left.", [["we will win"]]),
    ('He said "it\'s over" and the soldiers\' families "wept".', [["it's over"], ["wept"]]),
    ("Il a dit «nous gagnerons» hier.", [["nous gagnerons"]]),
    ("“The order ‘retreat’ came late,” she said.", [["The order ‘retreat’ came late"]]),
    ("She called it ‘a disaster’ on air.", [["a disaster"]]),
    ('"We are grateful. Our boys are amazing," one resident said.', [["We are grateful. Our boys are amazing"]]),
    ("Mixed “marks are fine,\" he said.", [["marks are fine"]]),
    # curly marks nest: a phrase quoted inside the quotation does not end it
    ("“I would rather live in what he calls “a desert” than vote,” she wrote.",
     [["I would rather live in what he calls “a desert” than vote"]]),
    # … unless the inner opening mark is never closed: flat pairing, as before
    ("“We lost “the vote,” he said.", [["We lost “the vote"]]),
])
def test_quotes_mark_pairing(text, expected):
    assert _contents(text) == expected


def test_quotes_paragraph_continuation_and_unclosed_end():
    text = "“First paragraph of the quote.\n\n“Second paragraph ends it,” he said.\n\nA “scare” word."
    regions = mark_regions(text)
    assert [[text[a:b] for a, b in r.pieces] for r in regions] == [
        ["First paragraph of the quote.", "Second paragraph ends it"], ["scare"]]
    unclosed = 'He said, "There is no trap in the city at all.\n\nNext paragraph.'
    assert _contents(unclosed) == [["There is no trap in the city at all."]]


def _quotes(models, text: str):
    facts, doc = parse(Article(id=1, text=text, source="-"), models)
    return [(text[q.span.start:q.span.end], q) for q in find_quotes(facts, doc, models).quotes]


@pytest.mark.slow
def test_quotes_split_quote_is_one_quote_with_two_parts(models):
    text = ('Military analyst Yuri Butusov wrote about the front on Friday.\n\n"Ukrainian forces are attempting to '
            'enter the city," he stated. "Firefights are breaking out near the crossings."')
    found = [q for _, q in _quotes(models, text) if q.direct]
    assert len(found) == 1
    q = found[0]
    assert [text[p.start:p.end] for p in q.parts] == [
        "Ukrainian forces are attempting to enter the city", "Firefights are breaking out near the crossings."]
    assert q.speaker == "Yuri Butusov" and q.cue == "state"
    assert text[q.speaker_span.start:q.speaker_span.end] == "he"


@pytest.mark.slow
def test_quotes_indirect_with_addressee_channel_and_full_name(models):
    text = ("Defence Minister Oleksii Reznikov visited the front.\n\n"
            "It will take at least one week for Russia to withdraw, Reznikov told Reuters on Thursday. "
            "The governor stated on Telegram that the troops had left the bridge.")
    got = {c: q for c, q in _quotes(models, text)}
    q = got["It will take at least one week for Russia to withdraw"]
    assert (q.direct, q.speaker, q.cue, q.addressee) == (False, "Oleksii Reznikov", "tell", "Reuters")
    q = got["the troops had left the bridge"]
    assert (q.speaker, q.addressee) == ("The governor", "Telegram")


@pytest.mark.slow
def test_quotes_according_to_and_scare_quotes(models):
    text = ("The guns fell silent for the first night since the start of the war, according to locals. "
            "Officials called the area a “grey zone” in a report.")
    got = {c: q for c, q in _quotes(models, text)}
    q = got["The guns fell silent for the first night since the start of the war"]
    assert (q.speaker, q.cue) == ("locals", "according to")
    # a scare quote without a speech cue is a phrase, not a quote (issue 11)
    assert _quotes(models, "The so-called “referendums” were held in September amid shelling.") == []


@pytest.mark.slow
def test_quotes_kherson_gold(kherson_articles, models):
    """The issue requires recall >= 0.85 for quotes with the right speaker; pinned a little under today's."""
    texts = _Texts(kherson_articles)
    quotes = []
    for a in kherson_articles:
        facts, doc = parse(a, models)
        quotes += [quote_json(q, texts) for q in find_quotes(facts, doc, models).quotes]
    report = {"articles": [{"id": a.id, "text": a.text} for a in kherson_articles], "quotes": quotes}
    scores = {s.feature: s for s in gold_quotes.score(report, json.loads(GOLD.read_text("utf-8")))}
    assert scores["quotes+speaker"].recall >= 0.93, gold_quotes.misses(report, json.loads(GOLD.read_text("utf-8")))
    assert scores["quotes+speaker"].precision >= 0.93
    assert scores["quotes+speaker/direct"].recall >= 0.95
    assert scores["quotes+speaker/indirect"].recall >= 0.9


@pytest.mark.slow
def test_quotes_pronoun_skips_speaker_of_other_gender(models):
    text = "Mrs. Smith said the plan failed. Mr. Jones said it worked.\n\n“We will try again,” she said."
    got = {c: q for c, q in _quotes(models, text)}
    assert got["it worked"].speaker == "Jones"
    assert got["We will try again"].speaker == "Smith"


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # a gendered noun before the name or in its apposition
    "Ann Lee said the plan was ready. Her husband, Tom Ward, said he agreed.\n\n“We will sign it on Monday,” she said.",
    "Ann Lee said the plan was ready. Tom Ward, the mayor's brother, said he agreed.\n\n“We will sign it on Monday,” "
    "she said.",
    # the next sentence opens with "He" after one whose only person is the subject
    "Tom Ward arrived late. He had driven from Ohio.\n\nAnn Lee said the count was over. Ward said the vote was fair."
    "\n\n“We will sign it on Monday,” she said.",
])
def test_quotes_pronoun_gender_from_titles_appositions_and_earlier_pronouns(models, text):
    got = {c: q.speaker for c, q in _quotes(models, text) if q.direct}
    assert got["We will sign it on Monday"] == "Ann Lee"


@pytest.mark.slow
def test_quotes_pronoun_gender_not_from_words_news_uses_for_both(models):
    # "spokesman" is written for women too, and a sentence naming a second person gives no one a gender
    text = ("Trump spokesman Hope Hicks said the group was independent.\n\n“They are not affiliated with the "
            "campaign,” she said.")
    got = {c: q.speaker for c, q in _quotes(models, text) if q.direct}
    assert got["They are not affiliated with the campaign"] == "Hope Hicks"
    text = ("Ann Lee said the plan was ready. Tom Ward emailed her a draft. She replied at once.\n\n"
            "Ward said the vote was fair.\n\n“We will sign it on Monday,” he said.")
    got = {c: q.speaker for c, q in _quotes(models, text) if q.direct}
    assert got["We will sign it on Monday"] == "Tom Ward"


@pytest.mark.slow
def test_quotes_dash_signed_and_title_quotes(models):
    text = "Readers wrote in.\n\n“He promotes ignorance and hate.” ― Maria Gonzalez\n\nShe appeared on “Morning Joe” on Monday."
    got = {c: q for c, q in _quotes(models, text)}
    assert got["He promotes ignorance and hate."].speaker == "Maria Gonzalez"
    assert "Morning Joe" not in got  # the name of a show is not a quote


@pytest.mark.slow
def test_quotes_noun_object_speech_acts_only_from_main_verbs(models):
    text = ("The ministry denied any involvement in the attack. The mayor urged residents to stay indoors. "
            "He declined to give details to avoid revealing the army's plans.")
    got = {c: q for c, q in _quotes(models, text)}
    assert got["any involvement in the attack"].speaker == "The ministry"
    assert got["residents to stay indoors"].speaker == "The mayor"
    assert not any("plans" in c for c in got)


@pytest.mark.slow
def test_quotes_relative_pronoun_speaker_and_colon_content(models):
    text = ("The plan was backed by Senator Mary Jones, who said the vote would be close.\n\n"
            "The governor added: the state has no money left for roads.")
    got = {c: q for c, q in _quotes(models, text)}
    q = got["the vote would be close"]
    assert q.speaker == "Mary Jones" and text[q.speaker_span.start:q.speaker_span.end] == "who"
    assert got["the state has no money left for roads"].speaker == "The governor"


@pytest.mark.slow
def test_quotes_split_around_one_cue_mid_sentence(models):
    text = "“The plan,” the senator said, “promises to make life harder for our children.”"
    found = [q for _, q in _quotes(models, text)]
    assert len(found) == 1
    assert [text[p.start:p.end] for p in found[0].parts] == [
        "The plan", "promises to make life harder for our children."]
    assert found[0].speaker == "the senator"


@pytest.mark.slow
def test_quotes_colon_lead_paragraph_and_continued(models):
    text = ("The senator spoke to supporters in Ohio on Monday. He said:\n\n"
            "“We have a situation in our cities that nobody wants to talk about.”\n\n"
            "She continued, “All we are asking for is a fair hearing in a courtroom.”")
    got = {c: q for c, q in _quotes(models, text)}
    assert got["We have a situation in our cities that nobody wants to talk about."].speaker == "He"
    assert got["All we are asking for is a fair hearing in a courtroom."].cue == "continue"


@pytest.mark.slow
def test_quotes_scare_quote_is_not_the_first_half_of_a_split_quote(models):
    text = "The ‘so-called’ plan, he said, “is dead on arrival in the Senate.”"
    found = [q for _, q in _quotes(models, text)]
    assert not any(q.parts for q in found)
    text2 = "“The plan,” she said in a phone interview, “promises to make life harder.”"
    (q,) = [q for _, q in _quotes(models, text2)]
    assert len(q.parts) == 2


def _direct(models, text: str) -> dict[str, str | None]:
    return {c: q.speaker for c, q in _quotes(models, text) if q.direct}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "content", "speaker"), [
    # post-posed, inverted, with an age and an appositive after the name
    ("“The campus feels different this year,” said Jane Doe, 24, a junior at the university.",
     "The campus feels different this year", "Jane Doe"),
    # titles written with an abbreviation: the full stop ends neither the sentence nor the attribution
    ("“We will rebuild the church,” said the Rev. Thomas Green, the pastor of the parish.",
     "We will rebuild the church", "Thomas Green"),
    ("“We are ready,” said Gov. Tom Reilly of Ohio, who spoke to reporters.", "We are ready", "Tom Reilly"),
    ("“The bill is dead,” Sen. Maria Lopez said on Tuesday.", "The bill is dead", "Maria Lopez"),
    # pre-posed, with a colon, and "according to"
    ("Texas delegate Bill Eastland, wearing a cowboy hat, said: “We have had better conventions than this one.”",
     "We have had better conventions than this one.", "Bill Eastland"),
    ("According to Jane Doe, the plan “will not survive the winter.”", "will not survive the winter.", "Jane Doe"),
    # a place as speaker only as the subject of the speech verb, kept as written
    ("Kyiv said: “The attack was repelled.”", "The attack was repelled.", "Kyiv"),
    # a name and a colon: round-ups and transcripts
    ("Pollster Daron Shaw: “Lesser-known candidates have seen the biggest boost.”",
     "Lesser-known candidates have seen the biggest boost.", "Pollster Daron Shaw"),
    # a participle cue the parser misreads: the clause's subject speaks
    ("Weaver did not seem impressed on Tuesday, telling reporters, “A lot of people said the governor should go.”",
     "A lot of people said the governor should go.", "Weaver"),
    # wire and archive texts write the double mark as two apostrophes
    ("''Revenues are up a little bit, and so are rounds,'' said Mr. Ekovich, a broker.",
     "Revenues are up a little bit, and so are rounds", "Ekovich"),
    # a surname that is also a title word, after an honorific, is a name
    ("''They pay us a lot of money,'' Mr. King said.", "They pay us a lot of money", "King"),
    # the speech verb before the name and a colon
    ("The plan makes the code harder. Said Ellis: “I don’t think she wants tax reform.”",
     "I don’t think she wants tax reform.", "Ellis"),
    # the attribution after the quote read off the words where the parse links none: an abbreviated military
    # title, a name and its apposition between commas, a manner-of-speaking verb
    ("“The candidates do not understand the army,” said Army Capt. Lena Ortiz, who served two tours.",
     "The candidates do not understand the army", "Lena Ortiz"),
    ("“It is not the position that all is well,” Gene Marlow, a senior campaign adviser, said at an event in Iowa.",
     "It is not the position that all is well", "Gene Marlow"),
    ("“Try the soup,” Paul Becker beamed.", "Try the soup", "Paul Becker"),
    # two sentences in capitals are speech, not a title
    ("“Like Boston. Or Denver,” Mary Calder said.", "Like Boston. Or Denver", "Mary Calder"),
    # the cue and a colon before the quote: the name in the apposition, or the paragraph before
    ("In a statement to the Herald, her senior adviser, Tom Baker, said: “The senator values a strong union.”",
     "The senator values a strong union.", "Tom Baker"),
    ("Seventeen-year-old Jared Poole echoed:\n\n“He speaks his mind, and that is what the town needs.”",
     "He speaks his mind, and that is what the town needs.", "Jared Poole"),
    # "as X put it", and a quote continued after an attribution sentence that holds a scare quote of its own
    ("The bill, as Senator Ann Ruiz put it, is “a promise we cannot keep.” As Ann Ruiz put it, “We cannot pay.”",
     "We cannot pay.", "Ann Ruiz"),
    # a stance verb attributes the quotation it governs, and only that
    ("In the recession, Paul Rayburn worried that the safety net was becoming “a hammock that lulls people.”",
     "a hammock that lulls people.", "Paul Rayburn"),
    # the cue right at the quote wins over a farther cue the parse links it to
    ("Ambassador Tom Hale wrote to Mrs. Anna Berg about a visit by her son ''at the invitation of a friend.'' "
     "Mrs. Berg replied, ''As you know, kind words about children are always welcome.''",
     "As you know, kind words about children are always welcome.", "Anna Berg"),
    # a statement or message sent "saying …": its sender speaks
    ("After the vote, the Harbor Party sent a text message to supporters saying: “With your help, we won the city.”",
     "With your help, we won the city.", "the Harbor Party"),
    # an adverb of the cue between the apposition and the cue
    ("As Steven Rowe, a tax lawyer at the institute, recently put it, “The rules make no sense at all.”",
     "The rules make no sense at all.", "Steven Rowe"),
    # "one of those advisers" is a description; "assured" reports speech next to a quote
    ("“There is no path left for him,” said one of those advisers, who spoke on condition of anonymity.",
     "There is no path left for him", "one of those advisers"),
    ("“Nobody here is a racist, guys,” Dale Lovell assured the crowd.", "Nobody here is a racist, guys",
     "Dale Lovell"),
    # a sentence ending in a colon, its subject a named organisation or a document, introduces the quotation
    ("The Harbor Party, in a note on its website, worded it more carefully: “Our policy was to keep every record.”",
     "Our policy was to keep every record.", "The Harbor Party"),
    # round-up forms that name the source before the colon
    ("The study was long. From the report: “Samples with longer field periods were more accurate.”",
     "Samples with longer field periods were more accurate.", "the report"),
    ("Here’s Bill Carver in December 1992: “Our new direction must rest on the new realities.”",
     "Our new direction must rest on the new realities.", "Bill Carver"),
    # a reader's comment signed with a dash, a phrase quoted inside it
    ("Readers wrote in.\n\n“I would rather move to what he calls “a desert” than vote for him.” ― Maria Gomez",
     "I would rather move to what he calls “a desert” than vote for him.", "Maria Gomez"),
    # verbs of the manner of speaking next to the quotation: pressed, remembered, interjected, riffed, started
    ("“Would the plan cover rural towns?” Dana Cole pressed.", "Would the plan cover rural towns?", "Dana Cole"),
    ("“Everyone told her not to do it,” remembered Sam Ortiz, her former aide.", "Everyone told her not to do it",
     "Sam Ortiz"),
    # the parser takes the quotation after the colon for the main clause: the clause before it still speaks
    ("Mary Lund has since apologized for the delay: “I should have told the council sooner. It was a mistake.”",
     "I should have told the council sooner. It was a mistake.", "Mary Lund"),
    # "it"/"they" inside a larger clause: the body or group the sentence is about
    ("The Harbor Council on Friday issued a warning against what it called “a reckless raid on the port.”",
     "a reckless raid on the port.", "The Harbor Council"),
    ("The mayor's campaign is trying to contrast his record with what they call the governor's “reckless budget.”",
     "reckless budget.", "The mayor's campaign"),
    # "as X put it" with a phrase of its own, before the clause that holds the quotation
    ("As Ms. Park put it in a letter to the board in June, the plan is ''a gift to developers.''",
     "a gift to developers.", "Park"),
    # a speech verb after "and" shares the subject of the verb before it
    ("The governor outlined her budget and vowed to cut “every wasteful program in the state.”",
     "every wasteful program in the state.", "The governor"),
    # a quotation set off by a dash in a sentence about the person: the subject, or the one named in a list
    ("Mr. Hale hardly settled the matter, treating the charge as praise -- ''That makes me clever'' -- and moved on.",
     "That makes me clever", "Hale"),
    ("Several lawmakers objected, including Sen. Ann Ruiz -- ''The court has never been this slow'' -- and two "
     "others.", "The court has never been this slow", "Ann Ruiz"),
    # a parenthetical attribution set off by commas attributes the clause it interrupts
    ("During his years in office, Mr. Lane said, most residents have come to believe \"that the river is worth "
     "saving and we should act.\"", "that the river is worth saving and we should act.", "Lane"),
    # more verbs of speaking next to the quotation, and verbs that attribute the quotation they govern
    ("“It happens to everyone, right?” Dana Cole went on.", "It happens to everyone, right?", "Dana Cole"),
    ("During the debate, Ann Ruiz cracked, “I am a builder who likes to finish things.”",
     "I am a builder who likes to finish things.", "Ann Ruiz"),
    ("Julia Marsh thanked the council for “listening to the families at last.”",
     "listening to the families at last.", "Julia Marsh"),
    ("Paul Amos compared the mayor to a coach who is “working the referees.”", "working the referees.",
     "Paul Amos"),
    # a passive speech verb: its agent asks; a person described by age speaks
    ("Sanders was asked by host Tom Brill, “Are you still tired of hearing about the emails?”",
     "Are you still tired of hearing about the emails?", "Tom Brill"),
    ("“He is a gifted speaker,” said the 46-year-old.", "He is a gifted speaker", "the 46-year-old"),
    # "in X's words" / "in X's view"
    ("The summit moved to Lisbon because, in the organizers’ words, “it is the most open city on the continent.”",
     "it is the most open city on the continent.", "the organizers"),
    ("“This is a failure across the board,” in Bolton’s view.", "This is a failure across the board", "Bolton"),
    # a participle describing a person: that person speaks
    ("The new ad uses footage of Ann Ruiz asking, “Why am I not ahead in every poll?”",
     "Why am I not ahead in every poll?", "Ann Ruiz"),
    # the attribution closing the quotation, over a cue before it that has a clause of its own
    ("The three “gaps” she named are “the tax on savings, the cap on credits and the rule on rent,” the Herald "
     "reported.", "the tax on savings, the cap on credits and the rule on rent", "the Herald"),
    # "she" in a fronted subordinate clause is the main clause's subject
    ("Tom Hale spoke first. Though she called the plan “a reckless gamble on the town's future,” Ann Ruiz voted "
     "for it.", "a reckless gamble on the town's future", "Ann Ruiz"),
    # the speaker phrase before the cue stops at its relative clause; a participle adjective after "said"
    ("Although the teams rarely meet, a city official who spoke anonymously to discuss the talks said Wednesday, "
     "\"Certainly there are discussions between the two offices.\"",
     "Certainly there are discussions between the two offices.", "a city official"),
    ("\"I am not going to call it a mistake,\" said retired surgeon Ben Carter, asked about the claim.",
     "I am not going to call it a mistake", "Ben Carter"),
    # the verb and name before a colon as a paragraph of its own, the quotation opening the next
    ("Stated Stone:\n\n“I think the stakes are so high that they would do anything to stay in power.”",
     "I think the stakes are so high that they would do anything to stay in power.", "Stone"),
    # "As X explained, …" / "But as X pointed out, …": the as-clause attributes the clause it modifies
    ("As city spokesman Tom Reed explained, two projects were postponed, saving $3 million, “which sounds like a "
     "lot of money but is not.”", "which sounds like a lot of money but is not.", "Tom Reed"),
    ("The report was long. But as The Herald pointed out, “Still, the mayor has declined to release the figures.”",
     "Still, the mayor has declined to release the figures.", "Herald"),
    ("On the other side, Sen. Ann Ruiz (R-Tex.), a candidate for governor, tweeted a warning. \"Voters will "
     "remember the lawmakers who blocked this bill.\"", "Voters will remember the lawmakers who blocked this bill.",
     "Ann Ruiz"),
    # "X issued a statement," and the quotation after the comma
    ("Immediately after the storm, Mayor Ann Ruiz issued a statement, “Last night our city was hit hard. My "
     "sympathy goes out to the families.”", "Last night our city was hit hard. My sympathy goes out to the families.",
     "Ann Ruiz"),
    # a sentence that is only a speaker and a plain speech verb, then the quotation with no cue of its own
    ('Ohio State University\'s Maria Lund agreed. "Moderate voters are running out of patience with both parties."',
     "Moderate voters are running out of patience with both parties.", "Maria Lund"),
    ("The count was slow.\n\nTom Hale, a pollster at the institute, said in a statement. “The numbers will move "
     "before November.”", "The numbers will move before November.", "Tom Hale"),
])
def test_quotes_news_attribution_patterns(models, text, content, speaker):
    assert _direct(models, text).get(content, "missing") == speaker


@pytest.mark.slow
def test_quotes_attribution_in_the_previous_sentence_and_continued_quotes(models):
    # a quoted sentence right after a report of the same speaker's words, in the paragraph or as the next one
    got = _direct(models, "Mary Smith told reporters in Ohio that the deal was done.\n\n“We signed it last night. "
                          "It is final.”")
    assert got == {"We signed it last night. It is final.": "Mary Smith"}
    # one quote continued after its attribution sentence: one quote with two parts, one speaker
    text = ("“It is a grave day,” said Rep. G.K. Butterfield (D-N.C.), head of the caucus. “He is a fraud.”")
    (content, q), = [(c, q) for c, q in _quotes(models, text) if q.direct]
    assert q.speaker == "G.K. Butterfield" and len(q.parts) == 2
    # … also when the attribution sentence holds a scare quote or a show's name of its own
    text = "“I had a bad earpiece,” Tom Hale told NBC’s “Today” on Monday. “I could hardly hear the question.”"
    (q,) = [q for _, q in _quotes(models, text) if q.direct]
    assert q.speaker == "Tom Hale" and [text[p.start:p.end] for p in q.parts] == [
        "I had a bad earpiece", "I could hardly hear the question."]
    got = _direct(models, "“No one should feel this,” she continued. “The Bible tells us to heal.”")
    assert list(got.values()) == ["she"]
    # a transcript: each capitalised name before a colon speaks its own line
    got = _direct(models, 'Transcript as follows:\n\n"WALLACE: Let us start with the debate.\n\n'
                          '"PENCE: Well, the question should be why they invited him."')
    assert sorted(got.values()) == ["PENCE", "WALLACE"]
    # a transcript line names its speaker even when it holds a cue of its own ("as “The Times” wrote")
    got = _direct(models, 'Partial transcript:\n\n"WALLACE: But, Governor, I have to ask you, because as “The Times” '
                          'wrote, it worries people. Why is that?"')
    assert list(got.values()) == ["WALLACE"]


@pytest.mark.slow
def test_quotes_speaker_is_never_a_number_a_bare_title_or_a_place_in_passing(models):
    # "New Hampshire" is where Trump spoke, not who called Bush "a total stiff": no guessed speaker
    got = _quotes(models, "Speaking in Salem, New Hampshire, Trump went after Bush, calling him “a total stiff.”")
    assert not any(q.speaker == "New Hampshire" for _, q in got)
    got = _quotes(models, "In the poll, 22 percent say he is “not at all responsible for the violence.”")
    assert not any(q.speaker and "percent" in q.speaker for _, q in got)
    # a bare quantifier or "we" names nobody in particular
    got = _quotes(models, "The senator backs a bill to close what some call the “Charleston loophole” in the law.")
    assert not any(q.speaker == "some" for _, q in got)
    got = _quotes(models, "The roads were built with what we call “infrastructure spending” at the time.")
    assert not any(q.speaker == "we" for _, q in got)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The show “Morning Joe” aired a segment on the “sick care” system.",  # a title and a scare quote
    "Critics of the plan dismissed the “Goldilocks” economy.",  # a nickname
    "The rally ended with “Make America Great Again” hats everywhere.",  # a slogan in title case
    "She is, in her words, a “lifetime politician.”",  # a short noun phrase, no speech cue
    "The editorial, entitled “Mr. Sanders Is Not a Brave Truth-Teller,” ran on Jan. 27.",  # "Mr." ends no sentence
])
def test_quotes_phrases_in_marks_without_a_speech_cue_are_not_quotes(models, text):
    assert not any(q.direct for _, q in _quotes(models, text))


@pytest.mark.slow
def test_quotes_unattributed_speech_is_kept_without_speaker(models):
    # reads as something said (a clause), but no rule names its speaker: kept, speaker empty (precision first)
    got = _quotes(models, "The crowd fell silent.\n\n“We will not leave this square until they listen to us.”")
    assert [(c, q.speaker) for c, q in got] == [("We will not leave this square until they listen to us.", None)]


def test_quotes_he_is_the_person_named_as_a_subject_before(models):
    # the tagger reads the company in "shares in Twitter" as a person: "he" is still the man who bought them, the
    # person named as a subject (a subject is what a pronoun takes up, as Hobbs's walk prefers)
    text = ("Elon Musk bought shares in Twitter. A day earlier, he disclosed that he had become Twitter's largest "
            "shareholder.")
    [(_, q)] = _quotes(models, text)
    assert q.speaker == "Elon Musk" and q.cue == "disclose"


def test_quotes_a_dateline_opening_the_sentence_is_no_part_of_the_content(models):
    """"SINGAPORE: Hackers have attacked …, the company said": the place of the dateline is not what was said."""
    text = "SINGAPORE: Hackers have attacked a second unit of the firm, the company said on Monday."
    facts, doc = parse(Article(id=1, text=text, source="-"), models)
    quotes = find_quotes(facts, doc).quotes
    content = [q.span.text(facts.article) for q in quotes]
    assert content == ["Hackers have attacked a second unit of the firm"]


@pytest.mark.slow
def test_quotes_a_view_held_is_attributed_as_indirect_speech_never_a_quotation(models):
    text = ("Many harbour economists believe the new toll would be easy for shippers to avoid.\n\n"
            "Port officials expect that the river will rise again before the weekend.\n\n"
            "Residents hope to rebuild the quay by spring.\n\n"
            "The mayor said, a majority of residents have come to believe “that the flood wall must be raised.”")
    got = {c: q for c, q in _quotes(models, text)}
    q = got["the new toll would be easy for shippers to avoid"]
    assert (q.direct, q.speaker, q.cue) == (False, "Many harbour economists", "believe")
    assert got["the river will rise again before the weekend"].speaker == "Port officials"
    # a hope without a clause of its own reports nothing
    assert not any("rebuild" in c for c in got)
    # the quoted words are the mayor's, however the sentence frames the view they describe
    quoted = next(q for c, q in got.items() if q.direct)
    assert quoted.speaker == "The mayor"
