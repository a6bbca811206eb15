"""Verbs and nouns of saying: who said what, in which document.

One core, ``REPORTING_VERBS``, that every stage reads as "this verb reports speech"; each stage's own set is that
core plus the verbs its rule needs on purpose, named for the rule. A verb added to the core reaches every stage.
"""

# Verbs every stage reads as reporting speech or writing.
REPORTING_VERBS = frozenset("say tell state announce report write claim add note confirm".split())

# Verbs that report speech or writing: with a clausal complement they make indirect speech, and they attribute
# direct quotes they govern (quotes).
SPEECH_VERBS = REPORTING_VERBS | frozenset("""
insist predict warn deny tweet post urge explain
argue suggest acknowledge admit assert declare reiterate stress emphasize emphasise contend allege testify recall
reveal disclose estimate speculate ask reply respond answer concede boast complain vow pledge promise threaten
caution forecast conclude observe remark comment mention quip joke shout scream yell cry whisper mutter murmur
agree counter retort charge maintain indicate signal concur affirm proclaim recount
describe read order demand propose recommend advise hint posit surmise theorize theorise reason grouse gripe
""".split())
# Verbs of the manner of speaking that report speech only right next to a quotation ("“…,” she echoed", "“…,”
# he barked"): read as cues by the quotes stage's adjacency rule, never as verbs of indirect speech.
QUOTE_MANNER_VERBS = frozenset("""
echo bark beam laugh smile sigh snap gush chuckle exclaim scoff muse sneer marvel quip add continue shoot fire
assure press remember interject riff begin start crack
""".split())
# Verbs whose subject is the speaker of a statement, so the subject names a person or organisation (mentions):
# the posting verbs of social media, not the whole speech vocabulary.
STATEMENT_VERBS = REPORTING_VERBS | frozenset("post tweet deny warn declare insist publish share".split())
# Verbs that introduce reported speech or a stance on a statement (claims): speech plus belief and expectation.
STANCE_VERBS = REPORTING_VERBS | frozenset("""
deny warn insist accuse predict expect believe think tweet post allege estimate speculate suggest argue acknowledge
admit reiterate declare indicate stress explain describe forecast fear hope urge vow
""".split())
# Verbs a date attaches to that name no event of their own (pubdates, timeline): "said Monday", "spoke on Friday".
EVENTLESS_REPORTING = REPORTING_VERBS | {"speak"}

# Verbs that only attribute a quotation they govern ("described it as “difficult”", "hailed it as a "…"", "worried
# that the net was becoming “a hammock …”", "blamed the law on “knuckleheaded politicians”"), never indirect speech.
FRAMING_VERBS = frozenset("describe call hail label dub term brand praise welcome decry condemn slam blast "
                          "characterize characterise refer chant sing accuse criticize criticise reject dismiss "
                          "lament bemoan mock ridicule worry fear blame cite express assail thank question compare attack".split())
# Verbs of belief and expectation that attribute a view when they take a clause of their own ("many economists
# believe it would be easy to …", "analysts expect that rates will rise"): whose view it is, like a speech verb's
# content; without a clause ("hope to win") they report nothing. ("fear" and "worry" frame the words they govern:
# ``FRAMING_VERBS``.)
BELIEF_VERBS = frozenset("believe think feel hope expect doubt suspect".split())
# Verbs that take a gerund object as reported content ("denies attacking civilians").
GERUND_VERBS = frozenset("deny admit acknowledge recall suggest propose recommend".split())
# Verbs that report a finding only when a document or survey is their subject: "a poll found that …".
FINDING_VERBS = frozenset("find show suggest indicate conclude reveal estimate say".split())
FINDING_SUBJECTS = frozenset("poll polls survey surveys study studies report reports analysis data research review "
                             "investigation audit document documents records filing filings memo letter autopsy "
                             "autopsies test tests footage figures statistics census".split())
# Speech acts whose noun object is what was said: "denied any involvement", "announced the arrest of …".
NOUN_CONTENT_VERBS = frozenset("deny announce confirm promise acknowledge stress propose disclose reveal admit "
                               "reject dismiss pledge vow demand praise criticize criticise condemn".split())
# Directives with an infinitive: "urged Congress to …", "called on voters to …".
DIRECTIVE_VERBS = frozenset("urge ask order demand warn advise encourage implore beg appeal promise vow pledge "
                            "threaten".split())
# Verbs whose object is the addressee, before the reported clause: "told Reuters that …", "warned voters that …".
OBJECT_CLAUSE_VERBS = frozenset("tell ask inform warn assure remind notify convince persuade advise urge promise "
                                "caution brief reassure show teach".split())
# "read" attributes only to documents: "the statement read".
DOCUMENT_NOUNS = frozenset("statement message post note letter sign banner text notice release report "
                           "communique communiqué tweet caption headline order".split())
# Prepositions that name the channel of a statement: "said on Telegram", "via a spokesman".
CHANNEL_PREPS = frozenset("on via in through to over".split())

# Verbs of prediction and of uncertainty: what a cue says about its content's modality (claims).
PREDICTIVE_CUES = frozenset({"predict", "expect", "forecast", "anticipate", "project"})
# one announces what one decided or arranges, not a forecast of what others will do: a permission announced to come
# ("the governor announced that bars will be able to sell ...") is a decision, firm like an own act
ANNOUNCING_CUES = frozenset({"announce", "unveil"})
PERMISSION_VERBS = frozenset({"allow", "permit", "authorize", "authorise", "let", "enable"})
UNCERTAIN_CUES = frozenset({"speculate", "suggest", "believe", "think", "fear", "hope", "suspect", "allege", "claim"})
