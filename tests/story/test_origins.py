"""Independent origins (issue 10): versions of one text count once; citing an agency is not being its text.

Short texts written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.extract.sentences import split_sentences
from newsprism.model import Article, ArticleFacts
from newsprism.settings import Settings
from newsprism.story.independence import (author_wire, independent_origins, is_medium, mostly_quoted,
                                          origins_by_settings, outlet_key)

WIRE_STORY = [
    "Storm Helga flooded the lower town of Portview on Sunday night.",
    "Emergency crews evacuated 400 residents from homes along the river.",
    "The river rose two metres above its usual level within six hours.",
    "Schools in the district will stay closed until Wednesday.",
    "The regional council opened three shelters in the upper town.",
]


def _facts(aid: int, text: str, outlet: str | None = None, copy_of: int | None = None) -> ArticleFacts:
    a = Article(id=aid, text=text, source=f"t{aid}", outlet=outlet, published=dt.date(2024, 5, 6), copy_of=copy_of)
    return ArticleFacts(article=a, sentences=split_sentences(a))


def test_origins_versions_of_one_text_share_near_identical_sentences():
    # two outlets run the same agency story, each trimming and editing it a little
    a = _facts(1, "\n".join(WIRE_STORY), "Coast Herald")
    b = _facts(2, "\n".join(WIRE_STORY[:3] + ["Local shops stayed shut on Monday as the water went down slowly."]),
               "Valley News")
    c = _facts(3, "Portview's mayor said the town had not seen such a flood in forty years.\n"
                  "Volunteers filled sandbags near the old bridge through the night.\n"
                  "The council said repairs to the river wall would start next month.", "City Post")
    origins = independent_origins([a, b, c])
    assert [o.articles for o in origins] == [(1, 2), (3,)]
    assert origins[0].reason == "shared sentences" and origins[0].evidence


def test_origins_same_author_wire_credit_is_one_origin_citing_it_is_not():
    a = _facts(1, "PORTVIEW (Reuters) - Storm Helga flooded the lower town on Sunday night.", "Coast Herald")
    b = _facts(2, "PORTVIEW (Reuters) - Rescue crews worked through the night after the river burst its banks.",
               "Valley News")
    c = _facts(3, "The mayor told Reuters the flood was the worst in forty years.", "City Post")
    assert author_wire(a.article)[0] == "Reuters" and author_wire(c.article) is None
    origins = independent_origins([a, b, c])
    assert [o.articles for o in origins] == [(1, 2), (3,)] and origins[0].reason == "wire credit: Reuters"


def test_origins_closing_agency_line_and_agency_outlet_credit_the_text():
    assert author_wire(Article(id=1, text="The river fell back overnight. AFP", source="x"))[0] == "AFP"
    assert author_wire(Article(id=2, text="The river fell back.", source="x", outlet="Reuters"))[0] == "Reuters"
    assert author_wire(Article(id=3, text="Reporting by AP and Reuters staff.\nThe river fell back.", source="x")) \
        is None  # a contributor line: the outlet wrote its own text


def test_origins_a_national_agency_is_a_wire_like_the_international_ones():
    # a national agency's story runs under many mastheads: its interview and its credit line are its reporting
    shared = "Emergency crews evacuated 400 residents from homes along the river on Sunday night."
    a = _facts(1, f"Storm Helga flooded the lower town of Portview.\n{shared}\n"
                  "A ferryman told The Canadian Press the river had never been this high.", "Coast Herald")
    b = _facts(2, f"{shared}\nThe water is still rising, fire chief Ana Pires told The Canadian Press.\n"
                  "Local shops stayed shut on Monday.\nThe mayor asked residents to stay away from the bridge.\n"
                  "Volunteers filled sandbags near the old mill.", "Valley News")
    c = _facts(3, "Portview's mayor said the flood was the worst in forty years.", "City Post")
    assert [o.articles for o in independent_origins([a, b, c])] == [(1, 2), (3,)]
    assert author_wire(Article(id=4, text="The river fell back overnight. PTI", source="x"))[0] == "PTI"
    assert author_wire(Article(id=5, text="The river fell back overnight, said Ani.\nAni", source="x")) is None


def test_origins_a_shared_direct_quote_does_not_make_one_origin():
    quote = '"We have never seen the river rise this fast in all our years here," the mayor said.'
    a = _facts(1, quote + "\nStorm Helga flooded the lower town on Sunday night.")
    b = _facts(2, quote + "\nSchools in the district will stay closed until Wednesday after the storm.")
    assert mostly_quoted(quote)
    assert [o.articles for o in independent_origins([a, b])] == [(1,), (2,)]


def test_origins_a_copy_joins_its_original():
    a = _facts(1, "Storm Helga flooded the lower town on Sunday night.")
    b = _facts(2, "Storm Helga flooded the lower town on Sunday night.", copy_of=1)
    origins = independent_origins([a, b])
    assert [o.articles for o in origins] == [(1, 2)] and origins[0].reason == "copy"


def test_origins_an_article_crediting_the_outlet_whose_own_text_is_another_article_re_reports_it():
    # b is the Harbour Times' own report (it speaks of its own queries); a credits the Harbour Times for its facts
    a = _facts(1, "According to the Harbour Times, the district court allowed the ferry operator a two-week delay.\n"
                  "The operator had asked for more time to prepare its defence.", "Bay Blog")
    b = _facts(2, "The district court gave the ferry operator two more weeks on Friday.\n"
                  "Its lawyer did not respond to the Harbour Times' queries.\n"
                  "The operator is accused of falsifying safety logs.", "Harbour Times")
    c = _facts(3, "Ferry passengers said the delay left them without answers about the safety logs.", "City Post")
    origins = independent_origins([a, b, c])
    assert [o.articles for o in origins] == [(1, 2), (3,)] and origins[0].reason.startswith("re-report of")


def test_origins_two_credited_lines_in_a_long_story_of_its_own_are_no_re_report():
    # b is the Harbour Times' own report; a reports the flood itself (its own interviews) and
    # credits the Harbour Times for two facts past its lead (2 of 15 sentences): those lines are the Times', a's
    # text is a's
    own = ["The pastor said the water reached the altar within an hour.",
           "Volunteers moved the hymn books to the gallery.",
           "The fire brigade pumped out the crypt overnight.",
           "A baker on Quay Lane said she lost a week of flour.",
           "Ferry services to the island were suspended.",
           "The mayor said the river wall would be raised next year.",
           "Schools in the lower town stayed shut on Monday.",
           "Insurers sent assessors to the quay on Tuesday.",
           "The council opened two shelters in the upper town.",
           "Farmers upstream moved their cattle to higher fields.",
           "The rail line to the capital reopened on Tuesday evening.",
           "A care home on the river road was evacuated by boat.",
           "Church bells rang at dusk for the volunteers."]
    credited = ["The old bridge lost two of its arches, the Harbour Times reported.",
                "According to the Harbour Times, the museum's basement flooded."]
    a = _facts(1, "\n".join(own[:3] + credited[:1] + own[3:6] + credited[1:] + own[6:]), "Bay Blog")
    b = _facts(2, "The old bridge lost two arches to the flood on Sunday.\n"
                  "The museum's basement flooded, its director told the Harbour Times.", "Harbour Times")
    assert [o.articles for o in independent_origins([a, b])] == [(1,), (2,)]
    # the trap: the same two credits in a short write-up re-report the Times
    short = _facts(3, "Flood news from the coast.\nNothing else was reported overnight.\nThe tide turned at noon.\n" +
                   "\n".join(credited), "Bay Blog")
    assert [o.articles for o in independent_origins([short, b])] == [(2, 3)]
    # and so do two credits in the long story when it owes the Times more lines, its interviews too
    owing = _facts(4, "\n".join(own[:3] + credited[:1] + own[3:6] + credited[1:] + own[6:9] +
                                ["Sources tell the Harbour Times that the quay will stay shut for a month."] + own[9:]),
                   "Bay Blog")
    assert [o.articles for o in independent_origins([owing, b])] == [(2, 4)]


def test_origins_credit_of_earlier_reporting_is_not_a_re_report():
    a = _facts(1, "In 2019, according to the Harbour Times, the operator had already been fined once.\n"
                  "The district court gave the operator two more weeks on Friday.", "Bay Blog")
    b = _facts(2, "Its lawyer did not respond to the Harbour Times' queries on Friday evening.\n"
                  "The operator is accused of falsifying safety logs.", "Harbour Times")
    assert [o.articles for o in independent_origins([a, b])] == [(1,), (2,)]


def test_origins_told_the_agency_and_its_credit_line_with_a_shared_sentence_are_one_origin():
    shared = "Emergency crews evacuated 400 residents from homes along the river on Sunday night."
    # a: the agency text with its closing credit; b: an outlet's cut of it, the interview kept ("told Reuters")
    a = _facts(1, f"Storm Helga flooded the lower town of Portview.\n{shared}\n"
                  "The council opened three shelters in the upper town.\nSchools stay shut. REUTERS", "Coast Herald")
    b = _facts(2, f"{shared}\nThe water is still rising, the town's fire chief Ana Pires told Reuters.\n"
                  "Local shops stayed shut on Monday.\nThe mayor asked residents to stay away from the bridge.\n"
                  "Volunteers filled sandbags near the old mill.", "Valley News")
    c = _facts(3, "Portview's mayor told Reuters the flood was the worst in forty years.", "City Post")
    origins = independent_origins([a, b, c])
    # one shared sentence of five is under the shared-sentence share; the agency's reporting in both joins them
    assert [o.articles for o in origins] == [(1, 2), (3,)]
    assert origins[0].reason == "one outlet's reporting: reuters"


def test_origins_one_agency_s_interview_printed_alike_by_two_is_one_origin():
    # both name the agency as their own reporting (its interview of a witness) and print the witness's words to it
    # word for word; nothing else is shared, so only the agency's material joins them
    words = '"The water came through the door in a minute and took the sofa, the table and the dog\'s basket," ' \
            'said Ilse Marten.'
    a = _facts(1, "Storm Helga flooded the lower town of Portview on Sunday.\n"
                  "A ferryman told The Canadian Press the river had never been this high.\n" + words, "Coast Herald")
    b = _facts(2, "Hundreds spent the night in shelters after the river burst its banks.\n" + words + "\n"
                  "Marten, who lives by the old mill, told The Canadian Press she would not go back.", "Valley News")
    # the same interview named, nothing printed alike: two write-ups
    c = _facts(3, "The council will inspect the river wall next week, a spokesman told The Canadian Press.",
               "City Post")
    assert mostly_quoted(words)
    origins = independent_origins([a, b, c])
    assert [o.articles for o in origins] == [(1, 2), (3,)]
    assert origins[0].reason == "one outlet's reporting: canadian press"


# Two outlets' own reporting of the flood: sentences no other text shares
COAST_OWN = [
    "A baker on Quay Lane said she lost a week of flour to the water.",
    "Ferry services to the island were suspended until further notice.",
    "The fire brigade pumped out the basement of the old library overnight.",
    "Farmers upstream reported fields of young barley under half a metre of water.",
    "A retired teacher described watching her garden shed float past the window.",
    "Insurance brokers in the town opened their offices on Monday to take claims.",
    "The local football ground was turned into a lake beside the clubhouse.",
    "Police closed the coast road after a section of the embankment slipped away.",
    "Two kayakers helped carry elderly neighbours to the church hall.",
    "A power cut left about 900 homes in the lower town without electricity.",
]
VALLEY_OWN = [
    "The railway operator cancelled all trains between Portview and Millbrook.",
    "Hospital staff moved patients from the ground floor of the west wing.",
    "Several cars were swept into the harbour when the quay wall gave way.",
    "The weather service had issued its highest warning on Saturday afternoon.",
    "A supermarket on the ring road handed out bottled water to queues of people.",
    "Engineers will inspect the three road bridges once the river falls.",
    "Shopkeepers on the high street piled sandbags against their doors at dawn.",
    "The town's museum moved its oldest maps to the upper floor in time.",
    "A volunteer group set up a kitchen serving hot meals at the sports centre.",
    "Residents of the riverside flats were told they could return within days.",
]


def test_origins_a_run_of_sentences_in_order_is_one_text_however_long_the_articles():
    # an agency story inside two long articles: five of fifteen sentences shared, under the share, but in order
    a = _facts(1, "\n".join(WIRE_STORY + COAST_OWN), "Coast Herald")
    b = _facts(2, "\n".join(VALLEY_OWN[:5] + WIRE_STORY + VALLEY_OWN[5:]), "Valley News")
    origins = independent_origins([a, b], shared_share=0.35, shared_run=5)
    assert [o.articles for o in origins] == [(1, 2)] and origins[0].reason == "shared sentences in order"
    # four shared sentences are no run of five; the same five shuffled are no run either
    a4 = _facts(1, "\n".join(WIRE_STORY[:4] + COAST_OWN), "Coast Herald")
    b4 = _facts(2, "\n".join(VALLEY_OWN[:5] + WIRE_STORY[:4] + VALLEY_OWN[5:]), "Valley News")
    assert len(independent_origins([a4, b4], shared_run=5)) == 2
    shuffled = [WIRE_STORY[k] for k in (3, 1, 4, 0, 2)]
    bs = _facts(2, "\n".join(VALLEY_OWN[:5] + shuffled + VALLEY_OWN[5:]), "Valley News")
    assert len(independent_origins([a, bs], shared_run=5)) == 2


@pytest.mark.parametrize("shared, one_text", [(3, True), (2, False)])
def test_origins_three_sentences_in_order_make_versions_of_one_text(shared, one_text):
    # an agency story its outlets rewrote: the lead and most paragraphs reworded, three left near word for word,
    # in the order the agency wrote them (the default run); two such sentences may be a shared press release line
    a = _facts(1, "\n".join(WIRE_STORY[:shared] + COAST_OWN), "Coast Herald")
    b = _facts(2, "\n".join(VALLEY_OWN[:5] + WIRE_STORY[:shared] + VALLEY_OWN[5:]), "Valley News")
    assert (len(independent_origins([a, b])) == 1) is one_text
    assert Settings().origin_shared_run == 3


def test_origins_an_outlet_named_in_a_citation_meets_the_host_it_publishes_on():
    # b is the trade paper's own page (its outlet known only as the page's host); a quotes it by name
    a = _facts(1, "The ferry operator will lose its licence, trade paper The Harbour Watch wrote on Friday.\n"
                  "Passengers said they had heard nothing from the company.", "Bay Blog")
    b = _facts(2, "The ferry operator is set to lose its licence after an inspection found forged safety logs.\n"
                  "The regulator will announce its decision next week.", "www.harbourwatch.com")
    c = _facts(3, "The regulator inspected the ferry fleet twice this year.", "citypost.co.uk")
    origins = independent_origins([a, b, c])
    assert [o.articles for o in origins] == [(1, 2), (3,)]
    assert origins[0].reason == "re-report of www.harbourwatch.com"
    # the same two texts with no citation of the paper stay two origins
    quiet = _facts(1, "The ferry operator will lose its licence, a regulator's source said on Friday.", "Bay Blog")
    assert len(independent_origins([quiet, b])) == 2


def test_origins_outlet_key_folds_a_name_and_a_host_alike():
    assert outlet_key("The Harbour Watch") == outlet_key("www.harbourwatch.com") == "harbourwatch"
    assert outlet_key("edition.cnn.com") == outlet_key("CNN") and outlet_key("bbc.co.uk") == "bbc"


def test_origins_an_outlet_cited_by_its_initials_where_another_article_names_it():
    paper = _facts(1, "The ferry operator is set to lose its licence after an inspection found forged safety logs.\n"
                      "The regulator will announce its decision next week.", "www.harbourwatchreporter.com")
    named = _facts(2, "The Harbour Watch Reporter says the operator will lose its licence.\n"
                      "Passengers said they had heard nothing from the company.", "Bay Blog")
    initials = _facts(3, "HWR is reporting that the regulator found forged logs on two ferries.\n"
                         "Union leaders called for a public inquiry.", "Coast Notes")
    own = _facts(4, "The regulator inspected the ferry fleet twice this year.", "citypost.co.uk")
    origins = independent_origins([paper, named, initials, own])
    assert [o.articles for o in origins] == [(1, 2, 3), (4,)]
    # the initials alone, with no article writing the name, say nothing
    assert len(independent_origins([paper, initials])) == 2


def test_origins_one_line_credited_late_is_that_facts_not_a_re_report_of_the_whole():
    paper = _facts(1, "The ferry operator is set to lose its licence after an inspection found forged safety logs.\n"
                      "The regulator will announce its decision next week.", "www.harbourwatch.com")
    own = ("Ferries to the island ran half empty on Monday after the storm.\n"
           "The operator's chief executive visited the harbour office in the morning.\n"
           "Crew members said they had not been paid for two weeks.\n")
    once = _facts(2, own + "The operator will lose its licence, trade paper The Harbour Watch wrote.", "Coast Notes")
    assert len(independent_origins([paper, once])) == 2  # one credited line: that fact is the paper's alone
    twice = _facts(2, own + "The operator will lose its licence, trade paper The Harbour Watch wrote.\n"
                            "According to The Harbour Watch, the regulator found forged logs.", "Coast Notes")
    assert [o.articles for o in independent_origins([paper, twice])] == [(1, 2)]  # a write-up of the paper


RELEASE_QUOTES = (
    '"We are proud to welcome the festival back to the old harbour this summer," the organisers said in a statement.\n'
    '"Every stage will be free to visit, and the night market will run until midnight," the statement said.\n'
    '"We thank the city council for its support through a difficult year," the organisers said.\n'
)


def test_origins_two_reports_quoting_one_press_release_are_no_reworded_copy(models):
    from consolidation_helpers import consolidated

    a = Article(id=1, text="The harbour festival will return in July after two years away.\n" + RELEASE_QUOTES +
                "Hotels near the quay said bookings for the opening weekend had already doubled.",
                source="a", outlet="Coast Herald", published=dt.date(2024, 5, 6))
    b = Article(id=2, text="Organisers confirmed on Monday that the festival is coming back to the harbour.\n" +
                RELEASE_QUOTES + "Residents of the old town have complained about noise in past years.",
                source="b", outlet="Valley News", published=dt.date(2024, 5, 7))
    story = consolidated([a, b], models)
    assert all(x.copy_of is None for x in story.articles)  # the quotes are the release's words, the rest their own


def test_origins_one_outlets_articles_are_one_witness():
    # a newspaper's follow-up retells its own reporting: no shared sentence, one outlet
    first = _facts(1, "Storm Helga flooded the lower town of Portview on Sunday night.", "www.coastherald.com")
    later = _facts(2, "Repairs to the river wall of Portview will start next month, the council said.",
                   "coastherald.com")
    other = _facts(3, "Volunteers filled sandbags near the old bridge through the night.", "City Post")
    origins = independent_origins([first, later, other])
    assert [o.articles for o in origins] == [(1, 2), (3,)] and origins[0].reason == "one outlet: coastherald.com"
    # the traps: an aggregator's pages crediting two agencies (or one and none) carry the agencies' texts; another
    # subdomain of a host is another publisher
    ap = _facts(4, "PORTVIEW (AP) - Storm Helga flooded the lower town on Sunday night.", "news.example.com")
    reuters = _facts(5, "PORTVIEW (Reuters) - Rescue crews worked through the night.", "news.example.com")
    own = _facts(6, "Portview's mayor said the town had not seen such a flood in forty years.", "news.example.com")
    blog = _facts(7, "Schools in the district will stay closed until Wednesday.", "voices.example.com")
    assert [o.articles for o in independent_origins([ap, reuters, own, blog])] == [(4,), (5,), (6,), (7,)]


def test_origins_a_line_told_another_outlet_is_that_outlets_not_a_re_report():
    from newsprism.story.independence import clipped_forms, outlet_credits_in, rereports

    paper = _facts(1, "Storm Helga flooded the lower town of Portview on Sunday night.\n"
                      "\"We have never seen the river this high,\" a ferryman said.", "www.pvtimes.com")
    other = _facts(2, "Crews evacuated 400 residents from homes along the river.\n"
                      "The council opened three shelters in the upper town.\n"
                      "\"We have never seen the river this high,\" a ferryman told the Port View Times.\n"
                      "The mayor told the Port View Times the town would rebuild.", "City Post")
    credits, _ = outlet_credits_in([paper.article, other.article], {})
    assert [(c.article, c.outlet_article, c.interview) for c in credits] == [(2, 1, True), (2, 1, True)]
    # the ferryman's line is the paper's interview; two such lines do not make the whole article its re-report
    assert not rereports(other, credits)
    assert [o.articles for o in independent_origins([paper, other])] == [(1,), (2,)]
    # the traps: a wire told is the text's own reporting (module rule 4), and an outlet's own interviews are its own
    wire = _facts(3, "The mayor told Reuters the town would rebuild.", "City Post")
    own = _facts(4, "The mayor told the Port View Times the town would rebuild.", "www.pvtimes.com")
    credits, _ = outlet_credits_in([paper.article, wire.article, own.article], {})
    assert [c for c in credits if c.interview] == []
    # a host registered with the name's first words as initials meets the name
    assert clipped_forms("The Port View Times") == {"pvtimes"} and clipped_forms("City Post") == set()


RELEASE = [
    "The patrol ship spotted five fast boats approaching the convoy at 9.25 am on Thursday.",
    "While two of the boats managed to get away, the ship intercepted the remaining three.",
    "The three boats had a total of 26 crew on board.",
    "During the search, six rifles, 12 magazines and about 300 rounds of ammunition were found.",
]


def test_origins_a_text_printed_as_its_own_and_quoted_at_length_elsewhere_is_one_origin(models):
    from newsprism.pipeline import extract

    def facts(aid: int, text: str, outlet: str) -> ArticleFacts:
        return extract(Article(id=aid, text=text, source=f"t{aid}", outlet=outlet,
                               published=dt.date(2024, 5, 6)), models)[0]

    # the navy's release as published, and an outlet quoting most of it, each sentence edited a little
    release = facts(1, "\n".join(RELEASE + [
        "The ship has escorted more than 200 merchant vessels through the corridor since it was deployed.",
        "Its crew also rescued fishermen whose boat had broken down near the coast last month.",
        "The navy has kept a ship on patrol in the area since the first attacks were reported.",
        "The convoy continued its passage through the corridor without further incident."]), "navy.example.org")
    quoting = facts(2, "The navy said its patrol ship had foiled an attack on a convoy on Thursday.\n"
                       "Shipping companies have asked for more escorts after a rise in attacks this year.\n"
                       "Insurers have raised premiums for vessels crossing the gulf since the spring.\n"
                       "A tanker was boarded in the same waters three weeks ago, its owners said.\n"
                       "\"While two of the boats got away, the ship intercepted the remaining three.\n"
                       "The three boats had a total of 26 crew onboard.\n"
                       "During the search, six rifles, 12 Magazines and about 300 rounds of ammunition were "
                       "found,\" the officer said.", "Coast Herald")
    own = facts(3, "A patrol ship drove off pirates near the convoy route, witnesses on a tanker said.\n"
                   "The ship's crew detained the men aboard three boats.", "City Post")
    assert [o.articles for o in origins_by_settings([release, quoting, own], Settings())] == [(1, 2), (3,)]
    # the trap: two reporters quoting one statement alike, sentence by sentence, wrote their own texts
    statement = ("\"The patrol ship spotted five fast boats approaching the convoy at 9.25 am on Thursday,\" the "
                 "navy said.\n\"While two of the boats managed to get away, the ship intercepted the remaining "
                 "three,\" it said.\n\"The three boats had a total of 26 crew on board,\" the statement added.")
    a = facts(4, "Pirates attacked a convoy in the gulf on Thursday.\n" + statement, "Coast Herald")
    b = facts(5, "A navy ship foiled an attack on merchant ships.\n" + statement.replace("on board", "onboard"),
              "City Post")
    assert [o.articles for o in origins_by_settings([a, b], Settings())] == [(4,), (5,)]


EDITED_WIRE = [  # WIRE_STORY's first three sentences as an outlet edits them: each near Jaccard 0.4-0.5 of the agency's
    "Storm Helga flooded the low-lying town of Portview on Sunday night.",
    "Emergency crews evacuated 400 people from homes along the river bank.",
    "The river rose more than two metres above its usual level within six hours.",
]


def test_origins_an_edited_agency_story_is_one_text_with_its_original():
    # an outlet reworks a few words of each agency sentence and keeps their order: an edited version, one witness
    a = _facts(1, "\n".join(WIRE_STORY + COAST_OWN[:3]), "Coast Herald")
    b = _facts(2, "\n".join(VALLEY_OWN[:3] + EDITED_WIRE + VALLEY_OWN[3:6]), "Valley News")
    settings = Settings()
    assert settings.origin_edited_jaccard < settings.origin_run_jaccard
    origins = origins_by_settings([a, b], settings)
    assert [o.articles for o in origins] == [(1, 2)]
    assert origins[0].reason == "edited version: shared sentences in order"
    assert len(independent_origins([a, b])) == 2  # the rule reads nothing at the default edited_jaccard of 1.0
    # the traps: the same sentences in another order are no run; two outlets quoting one statement at length (each
    # sentence inside quotation marks) are two witnesses of it
    shuffled = _facts(2, "\n".join(VALLEY_OWN[:3] + [EDITED_WIRE[k] for k in (2, 0, 1)] + VALLEY_OWN[3:6]), "Valley News")
    assert len(origins_by_settings([a, shuffled], settings)) == 2
    quoted_a = _facts(1, "\n".join([f'"{s}" the mayor said.' for s in WIRE_STORY[:3]] + COAST_OWN[:3]), "Coast Herald")
    quoted_b = _facts(2, "\n".join(VALLEY_OWN[:3] + [f'"{s}" the mayor said.' for s in EDITED_WIRE]), "Valley News")
    assert len(origins_by_settings([quoted_a, quoted_b], settings)) == 2


def test_origins_two_write_ups_of_one_outside_report_are_one_witness():
    # neither article is the paper's: each retells, in its lead, what the Harbour Times reported
    blog = _facts(1, "According to this Harbour Times story, the ferry operator will lose its licence.\n"
                     "The paper says the regulator found forged safety logs.\nThat changes everything for the island.",
                  "Coast Notes")
    column = _facts(2, "So the island may soon have no ferry at all.\nIt was a quiet week until Tuesday.\n"
                       "According to a report in the Harbour Times, the operator is set to lose its licence.",
                    "Island Daily")
    origins = independent_origins([blog, column])
    assert [o.articles for o in origins] == [(1, 2)] and origins[0].reason == "re-reports of harbour times"
    # the traps: a person credited is no medium; a credit far from the lead, once, is one line's, not the story's
    person = _facts(2, "So the island may soon have no ferry at all.\nIt was a quiet week until Tuesday.\n"
                       "According to Harbour Master Ada Velt, the operator is set to lose its licence.", "Island Daily")
    late = _facts(2, "So the island may soon have no ferry at all.\nIt was a quiet week until Tuesday.\n"
                     "Crews said they had not been paid.\nThe harbour office opened late.\n"
                     "According to a report in the Harbour Times, the operator is set to lose its licence.",
                  "Island Daily")
    assert len(independent_origins([blog, person])) == 2 and len(independent_origins([blog, late])) == 2
    assert is_medium("L.A. Times") and is_medium("the Journal-Constitution") and is_medium("mlb.com")
    assert not is_medium("Environmental Protection Agency") and not is_medium("Ada Velt")
    # a credit set after what it credits ("…, reports the Harbour Times.") is a credit too; a name that only
    # follows a reporting verb ("reported Velt was absent") is none
    after = _facts(2, "The ferry operator is set to lose its licence, reports the Harbour Times.\n"
                      "So the island may soon have no ferry at all.", "Island Daily")
    assert [o.articles for o in independent_origins([blog, after])] == [(1, 2)]
    named = _facts(2, "The ferry operator is set to lose its licence, reported Ada Velt.\n"
                      "So the island may soon have no ferry at all.", "Island Daily")
    assert len(independent_origins([blog, named])) == 2


@pytest.mark.parametrize("text, outlet", [
    ("Ten people died, Iranian officials were quoted by AP as saying.", "ap"),
    ("The official IRNA news agency reported that seven villages were flattened.", "irna"),
    ("Reuters quoted a port official as saying the quay was closed.", "reuters"),
    ("The quay was closed on Sunday, citing Reuters.", "reuters"),
    ("According to a Reuters report, the quay was closed.", "reuters"),
    ("The Harbour Times newspaper reported that the quay was closed.", "harbour times"),
])
def test_origins_the_ways_an_article_credits_an_outlet(text, outlet):
    from newsprism.story.independence import outlet_credits

    assert [name for name, _ in outlet_credits(Article(id=1, text=text, source="x"))] == [outlet]


@pytest.mark.parametrize("text", ["Police quoted the driver as saying he had not seen the boat.",
                                  "The ferry was stopped, citing safety rules.",
                                  "The mayor said the quay was closed, according to officials."])
def test_origins_no_outlet_is_credited_by_a_source_quoted_or_a_reason_cited(text):
    from newsprism.story.independence import outlet_credits

    assert outlet_credits(Article(id=1, text=text, source="x")) == []


def test_origins_a_lead_quoted_by_an_agency_re_reports_it():
    ap = _facts(1, "PORTVIEW (AP) - Storm Helga flooded the lower town on Sunday, killing two people.\n"
                   "Emergency crews evacuated 400 residents from homes along the river.", "Coast Herald")
    rewrite = _facts(2, "A storm has killed two people in Portview, officials were quoted by AP as saying.\n"
                        "Hundreds of residents had to leave their homes by the river.", "Valley News")
    own = _facts(3, "Portview's mayor said the flood was the worst in forty years.", "City Post")
    origins = independent_origins([ap, rewrite, own])
    assert [o.articles for o in origins] == [(1, 2), (3,)] and origins[0].reason == "re-report of ap"


def test_origins_an_outlet_name_never_runs_over_a_sentence_end():
    from newsprism.story.independence import outlet_credits

    text = "The gunman also killed customs agent Ben Hale. The Harbour Times said he showed no remorse."
    assert [name for name, _ in outlet_credits(Article(id=1, text=text, source="x"))] == ["harbour times"]
    # initials are no sentence end
    text = "The deal is done, the L.A. Times reported."
    assert [name for name, _ in outlet_credits(Article(id=1, text=text, source="x"))] == ["l.a. times"]
