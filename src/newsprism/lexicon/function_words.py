"""Closed-class words: articles, prepositions, conjunctions, auxiliaries, negations, hedges.

Named subsets, because stages ignore different small words on purpose: a name keeps "of" ("Bank of England")
where a headline's capitalisation does not.
"""

# Words a headline writes in lower case: what "Title Case" leaves small (quotes).
TITLE_CASE_SMALL = frozenset("a an the of and or to in on for at by with from as vs".split())
# Small words inside a multi-word name that do not make it a different name (entities): "Bank of England".
NAME_PARTICLES = frozenset({"of", "the", "for", "and", "de", "du", "la", "le", "&"})
# Prepositions that can end a name's phrase (entities).
PREPOSITIONS = frozenset({"of", "for", "at", "from", "with", "in", "on", "to", "by", "about", "near", "under"})
# Words too common to tell two event phrases apart (claims).
GENERIC_WORDS = frozenset({"the", "a", "an", "of", "for", "in", "on", "at", "and", "his", "her", "its", "their", "s"})
# Pronouns and demonstratives that point back to an earlier sentence: a summary must not open on them.
ANAPHORA = frozenset({"he", "she", "they", "it", "this", "these", "those", "his", "her", "their", "its", "him",
                      "them"})
# Connectives opening a sentence (or set off inside it, ", however,") that continue the sentence before it: a
# summary sentence that opens on one answers a sentence the reader was never shown.
LEANING_CONNECTIVES = frozenset({"however", "but", "also", "still", "yet", "instead", "nevertheless", "nonetheless",
                                 "moreover", "furthermore", "besides", "likewise", "similarly", "otherwise", "thus",
                                 "therefore", "hence"})
# Openings, before a comma, that answer or weigh what the sentence before said ("In return, Kyiv freed …")
LEANING_PHRASES = ("in return", "in turn", "in response", "as a result", "by contrast", "in contrast", "even so",
                   "in addition", "on the other hand", "at the same time")
# What "this"/"these"/"those" may point to without an earlier sentence: the time of the report ("this week").
DEICTIC_TIME_NOUNS = frozenset({"week", "weekend", "year", "month", "morning", "afternoon", "evening", "season",
                                "summer", "winter", "spring", "autumn", "fall", "time", "day", "decade", "century",
                                "quarter", "term", "past", "coming", "current"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
LEADING_ARTICLES = frozenset({"the", "a", "an"})

NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor", "without"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
# "is due to / set to / scheduled to meet": a scheduled act, said as firmly as "will meet"
SCHEDULED_WORDS = frozenset({"due", "set", "scheduled", "slated", "poised"})
# Hedges: modal verbs and adverbs that make a statement uncertain. "Allegedly" is not one: it is the legal caution
# an outlet puts on an accusation before a verdict ("Comeaux allegedly handcuffed the officers" / "Comeaux
# handcuffed the officers"), the same fact, not a doubt about it.
UNCERTAIN_WORDS = frozenset({"may", "might", "could", "apparently", "possibly", "perhaps", "reportedly",
                             "likely", "probably", "seemingly", "unclear", "unconfirmed"})

# verbs that link a subject to what it is ("is", "became", "remains", "seems" the favourite): a clause of one says
# what its subject is, a description, not an act
LINKING_VERBS = frozenset({"be", "look", "seem", "appear", "become", "remain", "stay"})
