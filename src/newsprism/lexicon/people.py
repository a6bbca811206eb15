"""Words about people: honorifics, titles and offices, roles, pronouns."""

# Honorifics written before a name (mentions, entities). General English news vocabulary, not from any one story.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "mr.", "mrs.",
                        "ms.", "dr.", "prof.", "st", "st."})
# Honorifics and the short titles that stand before a speaker's name (quotes): "Gen. X said", "Sen. Y told".
SPEAKER_TITLES = HONORIFICS | frozenset("gen. gen col. sen. sen rep. rep gov. gov president minister".split())
# Abbreviated titles and the office they stand for, so "Gov. X" and "the governor" name one participant (aspects).
TITLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "pres": "president",
                       "gen": "general", "lt": "lieutenant", "col": "colonel", "capt": "captain", "prof": "professor",
                       "dr": "doctor", "supt": "superintendent"}
# The grammatical gender an honorific gives its bearer, for resolving "he"/"she" to a speaker.
GENDERED_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m",
                       "lady": "f"}
# Nouns that give the gender of the person they name, as a title before the name ("Congresswoman X", "his wife,
# X") or as the head of an apposition ("X, a spokeswoman for the party"): for resolving "he"/"she" to a speaker.
# Not "spokesman", "chairman" and the like: news uses them for women too ("Trump spokesman Hope Hicks"). Also
# the nouns a report calls an unnamed person by ("the woman … she"), for resolving a clause's "he"/"she".
GENDERED_NOUNS = {
    **{w: "m" for w in "congressman husband father son brother uncle nephew grandfather grandson boyfriend "
                       "widower king prince duke emperor monk mr mr. sir lord man boy gentleman schoolboy dad "
                       "groom".split()},
    **{w: "f" for w in "congresswoman assemblywoman councilwoman alderwoman spokeswoman chairwoman businesswoman "
                       "sportswoman anchorwoman wife mother daughter sister aunt niece grandmother granddaughter "
                       "girlfriend widow queen princess duchess empress actress waitress nun firewoman policewoman "
                       "mrs mrs. ms ms. miss dame lady woman girl schoolgirl mum mom bride".split()},
}
# Personal pronouns a speaker may be referred to by, with their gender (m, f, plural, neuter).
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": "p", "them": "p", "it": "n", "we": "p"}

TITLE_WORDS = frozenset({
    "president", "vice", "prime", "minister", "ministers", "secretary", "chancellor", "premier", "king", "queen",
    "prince", "princess", "emperor", "pope", "cardinal", "bishop", "archbishop", "patriarch", "imam", "rabbi",
    "mayor", "governor", "senator", "sen", "sen.", "rep", "rep.", "representative", "congressman", "congresswoman",
    "mp", "mep", "lawmaker", "deputy", "speaker", "chairman", "chairwoman", "chair", "chief", "head", "director",
    "commander", "general", "gen", "gen.", "admiral", "colonel", "col", "col.", "major", "maj", "captain", "capt",
    "lieutenant", "lt", "sergeant", "sgt", "marshal", "spokesman", "spokeswoman", "spokesperson", "adviser",
    "advisor", "aide", "ambassador", "envoy", "consul", "attorney", "prosecutor", "judge", "justice", "officer",
    "official", "analyst", "commentator", "expert", "researcher", "professor", "fellow", "correspondent",
    "reporter", "editor", "founder", "ceo", "cfo", "coo", "executive", "leader", "boss", "coach", "manager",
    "councillor", "councilor", "commissioner", "inspector", "superintendent", "sheriff", "counsel", "dean",
    "presidential", "ministerial", "military", "army", "defence", "defense", "foreign", "interior", "finance",
    "health", "economy", "economic", "justice", "energy", "agriculture", "education", "culture", "transport",
    "trade", "home", "environment", "intelligence", "security", "national", "state", "senior", "former", "acting",
    "first", "top", "regional", "local", "assistant", "associate", "staff", "press", "mp", "spokesmen",
    "spokeswomen", "general-secretary", "secretary-general", "commander-in-chief", "chief-of-staff",
})
# Nouns that head a title phrase: a word that names an office, so "X Minister" before a name is a title.
TITLE_HEADS = frozenset({
    "president", "minister", "secretary", "chancellor", "premier", "king", "queen", "prince", "princess", "pope",
    "mayor", "governor", "senator", "representative", "congressman", "congresswoman", "mp", "mep", "lawmaker",
    "speaker", "chairman", "chairwoman", "chair", "chief", "head", "director", "commander", "general", "admiral",
    "colonel", "captain", "lieutenant", "sergeant", "marshal", "spokesman", "spokeswoman", "spokesperson",
    "adviser", "advisor", "aide", "ambassador", "envoy", "prosecutor", "judge", "officer", "official", "analyst",
    "commentator", "expert", "professor", "fellow", "correspondent", "founder", "ceo", "executive", "leader",
    "commissioner", "deputy", "dr", "mr", "mrs", "ms",
})
# Nouns that describe a person by occupation or relation in an apposition: "X, a commentator from Kherson".
ROLE_NOUNS = frozenset({
    "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "widow", "widower", "friend",
    "partner", "grandmother", "grandfather", "niece", "nephew", "cousin", "resident", "member", "owner",
    "candidate", "nominee", "opponent", "rival", "victim", "survivor", "student", "teacher", "doctor", "nurse",
    "lawyer", "soldier", "veteran", "volunteer", "activist", "journalist", "writer", "author", "businessman",
    "businesswoman", "economist", "scientist", "historian", "politician", "diplomat", "negotiator", "lawmaker",
    "legislator", "pundit", "blogger", "photographer", "producer", "actor", "actress", "singer", "player",
    "athlete", "pilot", "engineer", "worker", "farmer", "priest", "monk", "bishop", "activist", "organizer",
    "organiser", "campaigner", "protester", "witness", "eyewitness", "spokesman", "representative", "head",
    "chief", "member", "colleague", "ally", "supporter", "critic", "co-founder", "director", "president",
})
