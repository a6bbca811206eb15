"""Subjects: who or what a clause is about. The explicit subject of a verb (a dateline or a name the parse took for
an adverb aside), resolved to a story entity where a mention covers it, a pronoun to its antecedent ("he" to the
person last named as a subject, "it" within its own sentence, a speaker's "I"), "the company" to the organisation
just named; a subject the clause alone cannot name resolves to nothing, and its clause is kept out of comparisons.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from ..intervals import Intervals
from ..lexicon.calendar import TIME_UNITS
from ..lexicon.people import GENDERED_NOUNS
from ..lexicon.speech import FRAMING_VERBS, SPEECH_VERBS
from ..model import Mention
from .frame import entity_key, speaker_key
from .parsed import (dateline_word, doc_text, entities, is_cue, sentence_start, tensed_verb_joined,
                     verb_taken_for_modifier, window_start)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


# the dependencies that make a token its verb's subject
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
# pronouns resolved to the last named person ("he", "she"); to the speaker inside a quote ("I"); all others kept out
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_FIRST_PERSON = {"i", "me"}
# verbs whose "it" subject is empty, standing for a clause or phrase after them ("it will take a week for …")
_EXTRAPOSING = {"be", "take", "seem", "appear", "remain", "become", "matter", "emerge", "turn", "cost", "look"}
_POSSESSIVES = {"his", "her", "its", "their", "my", "our", "your"}
_SPEAKER_PRONOUNS = {"he", "she", "it", "they", "we", "i"}  # in reported content: the speaker (see resolve_subject)
_PARTITIVE = {"one", "some", "many", "few", "all", "both", "each", "most", "several", "two", "three"}
_UNRESOLVED = {"it", "they", "them", "we", "us", "you", "this", "that", "these", "those", "one", "who", "which",
               "what", "something", "someone", "anyone", "everyone", "all", "some", "both", "each", "many", "few"}


def mention_at(t: "Token", mentions: Sequence[Mention], label: str | None = None) -> Mention | None:
    """The first mention (of ``label``, if given) that covers token ``t``."""
    index = _start_index(mentions)
    if index is None:
        return next((m for m in mentions if (label is None or m.label == label) and m.span.start <= t.idx < m.span.end),
                    None)
    return next((m for k in index.covering(t.idx) if t.idx < (m := mentions[k]).span.end
                 and (label is None or m.label == label)), None)


# start orders of the mention tuples asked most recently, kept with the tuple itself (an object's id is reused only
# once it is freed): an article's every clause asks of its one mention tuple
_INDEXES: "OrderedDict[int, tuple[Sequence[Mention], Intervals | None]]" = OrderedDict()


def _start_index(mentions: Sequence[Mention]) -> Intervals | None:
    """The spans of a tuple of mentions in start order, indexed; None for a short one, one out of order or a list,
    which may still change (a scan serves them)."""
    if not isinstance(mentions, tuple) or len(mentions) < 32:
        return None
    kept = _INDEXES.get(id(mentions))
    if kept is not None and kept[0] is mentions:
        return kept[1]
    index = None if any(a.span.start > b.span.start for a, b in pairwise(mentions)) else \
        Intervals((m.span.start, m.span.end) for m in mentions)
    _INDEXES[id(mentions)] = (mentions, index)
    while len(_INDEXES) > 8:
        _INDEXES.popitem(last=False)
    return index


def subject_token(v: "Token") -> "Token | None":
    """The explicit subject of a verb, or of the verb it is coordinated with ("X rose and then fell"), or the noun
    the parse hung the main verb from (``parsed.verb_taken_for_modifier``)."""
    if v.dep_ == "acl" and (verb_taken_for_modifier(v.head) or v.head).i == v.i:
        return v.head
    joined = v.dep_ == "conj" or v.dep_ == "advcl" and getattr(tensed_verb_joined(v.head), "i", None) == v.i
    for t in (v, v.head if joined else None):
        if t is None:
            continue
        # a dateline parsed as a subject ("LONDON: Prime Minister Liz Truss will …") is not the subject
        subj = next((c for c in t.children if c.dep_ in _SUBJECT_DEPS and not dateline_word(c)), None)
        # the parse hung the real subject from the dateline ("SAN FRANCISCO (AP) -- Twitter's largest investor …")
        dateline = next((c for c in t.children if c.dep_ in _SUBJECT_DEPS and dateline_word(c)), None)
        if subj is None and dateline is not None:
            subj = next((c for c in dateline.children if c.dep_ == "appos" and c.i > dateline.i and
                         not dateline_word(c) and c.pos_ in ("NOUN", "PROPN", "NUM") and
                         not (c.pos_ == "PROPN" and c.is_upper)), None)
        if subj is None:
            # the parse hung the subject from the auxiliary before the verb ("Australia was … communicating")
            subj = next((g for c in t.children if c.dep_ in ("aux", "auxpass") and c.i < t.i for g in c.children
                         if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i and not dateline_word(g)), None)
        if subj is None:
            subj = _name_taken_for_adverb(t)
        if subj is None:
            subj = _subject_hung_before(t) or _inverted_subject(t) or _subject_in_time_phrase(t)
        if subj is not None:
            if subj.dep_ == "expl":  # "there are no signs …": the existential's noun is what it is about
                attr = next((c for c in t.children if c.dep_ in ("attr", "dobj", "nsubj")), None)
                return attr or subj
            return subj
    return None


_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def _name_taken_for_adverb(v: "Token") -> "Token | None":
    """The subject of a verb the parse left without one because it took the name opening the sentence, set off by
    a comma, for an adverb ("Truss, on her first visit, will call …", "Asean, however, has not …"): a capitalised
    first word hung from the verb as a modifier that the article names as a person, organisation or place (here
    or elsewhere: "Truss" read as the noun "truss" here, named in "Liz Truss" before)."""
    doc = v.doc
    for c in v.children:
        if c.dep_ not in ("advmod", "npadvmod", "dep", "nmod") or c.i >= v.i or not c.is_title:
            continue
        if c.i != sentence_start(doc, c.i) or c.i + 1 >= len(doc) or doc[c.i + 1].text != ",":
            continue
        if c.ent_type_ in _NAME_LABELS or any(c.text in e.text.split() for e in entities(doc)
                                                  if e.label_ in _NAME_LABELS):
            return c
    return None


_TENSED = {"VBD", "VBZ", "VBP", "MD"}
_STEP_BACK = ("aux", "auxpass", "neg", "advmod")


def _word_before_finite(v: "Token") -> "Token | None":
    """The word right before a finite verb, past its auxiliaries and adverbs: where English puts its subject. None
    for a verb with no tense, or one that opens the text."""
    if not (v.tag_ in _TENSED or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _TENSED for c in v.children)):
        return None
    doc = v.doc
    k = v.i
    while k > 0 and doc[k - 1].head.i == v.i and doc[k - 1].dep_ in _STEP_BACK:
        k -= 1
    return doc[k - 1] if k > 0 else None


def _subject_hung_before(v: "Token") -> "Token | None":
    """The subject of a finite verb the parse left without one because it hung the noun phrase into the phrase
    that opens the sentence (", when restaurants were shut, to-go drinks were crucial": "drinks" read as the
    object of "shut"). In English order the noun phrase standing right before a finite verb (past its auxiliaries
    and adverbs), after the comma that closes the opening phrase, is its subject. A preposition's object there is
    not: the sentence is inverted ("In the front row sat the mayor", "At issue is whether …")."""
    noun = _word_before_finite(v)
    if noun is None or noun.pos_ not in ("NOUN", "PROPN", "NUM") or noun.dep_ == "pobj":
        return None
    doc, k = v.doc, noun.i + 1
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN", "NUM") and noun.head.i < noun.i and \
            doc[noun.left_edge.i - 1].dep_ == "cc":
        noun = noun.head  # "the pony and the dogs": the first conjunct heads the subject (not a list after commas)
    if noun.dep_ in ("pobj", *_SUBJECT_DEPS) or noun.left_edge.i == 0:
        return None
    comma = noun.left_edge.i - 1
    if doc[comma].text != "," or noun.right_edge.i != k - 1 or comma < sentence_start(doc, v.i):
        return None  # the phrase must run from the comma to the verb, and be the noun's own
    return noun


# units of a length of time (their singular lemmas): "three years" before a noun is a duration, never a modifier of
# that noun
_TIME_UNITS = frozenset(TIME_UNITS.values())


def time_taken_for_modifier(noun: "Token") -> "Token | None":
    """The counted time unit the parse made a modifier of the noun after it ("for the next three years bars and
    restaurants can sell": "years" a compound of "bars"); None when the noun has none."""
    return next((c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and
                 c.lemma_.lower() in _TIME_UNITS and any(g.dep_ == "nummod" for g in c.children)), None)


def _subject_in_time_phrase(v: "Token") -> "Token | None":
    """The subject of a finite verb the parse left without one because it read the subject as the end of an opening
    phrase of time ("For the next three years bars and restaurants can sell …": "bars" the object of "for", "years"
    its modifier): the noun right before the verb (past its auxiliaries and adverbs), object of a preposition of the
    verb, with a counted time unit parsed as its modifier."""
    noun = _word_before_finite(v)
    if noun is None:
        return None
    while noun.dep_ == "conj" and noun.head.i < noun.i:
        noun = noun.head  # "bars and restaurants": the first conjunct heads the subject
    if noun.dep_ != "pobj" or noun.head.head.i != v.i or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    return noun if time_taken_for_modifier(noun) is not None else None


def _inverted_subject(v: "Token") -> "Token | None":
    """The subject of "be" put after it when a phrase of place or circumstance is fronted ("Among the mourners were
    500 presidents", "Also present were members of the inquiry"): the parse reads the noun after the verb as its
    complement; with nothing before the verb but the fronted phrase, that noun is what the sentence is about (not after
    a partitive "of" phrase, nor where a noun or number stands before the verb). A clause after the verb ("At issue is
    whether …", "Here is what …") is no noun and is not taken."""
    before = [c for c in v.children if c.i < v.i]
    if v.lemma_.lower() != "be" or not any(c.dep_ in ("prep", "acomp") for c in before):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" or c.pos_ in ("NOUN", "PROPN", "NUM", "PRON") for c in before):
        return None  # "Of the 1,500 dead, around 530 are children": the part named before the verb is the subject
    return next((c for c in v.children if c.dep_ == "attr" and c.i > v.i and c.pos_ in ("NOUN", "PROPN", "NUM")),
                None)


def _dummy_it_subject(v: "Token") -> "Token | None":
    """The logical subject behind an empty "it": "it will take Russia a week to …" (Russia), "it will take a week
    for Russia to …" (Russia), "it is likely that prices rise" (prices)."""
    for c in v.children:
        # "take Russia a week": the dative, or a named direct object before the duration
        if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN") or c.dep_ == "dobj" and c.pos_ == "PROPN":
            return c
    doc = v.doc
    for c in v.subtree:
        if c.lower_ != "for" or c.i <= v.i:
            continue
        obj = next((g for g in c.children if g.dep_ in ("pobj", "nsubj")), None)
        after = doc[obj.i + 1: obj.i + 3] if obj is not None else ()
        # "for Russia to withdraw": the noun is the subject of the infinitive after it
        if obj is not None and obj.pos_ in ("PROPN", "NOUN") and any(t.lower_ == "to" for t in after):
            return obj
        if c.dep_ == "mark" and c.head.i > v.i:
            sub = next((g for g in c.head.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if sub is not None and sub.pos_ in ("PROPN", "NOUN"):
                return sub
    for c in v.children:
        if c.dep_ in ("ccomp", "xcomp", "csubj", "advcl"):
            sub = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if sub is not None and sub.lower_ != "it":
                return sub
    return None


def _person_antecedent(pron: "Token", mentions: list[Mention], sentences_back: int = 3) -> Mention | None:
    """The person "he"/"she" stands for: the nearest earlier person named as a subject (or speaker-like
    subject) in this or the ``sentences_back`` sentences before, as Hobbs's walk prefers subjects; a person
    named only in passing ("… like Louis XIV") is not taken. None when no such subject is found."""
    doc = pron.doc
    start = window_start(doc, pron.i, sentences_back)
    speaking = is_cue(pron.head)
    for t in reversed(doc[start: pron.i]):
        if t.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if t.lower_ in ("who", "whom") and t.head.dep_ == "relcl":
            t = t.head.head  # "… searching for Jose Orozco, who is considered armed. He is …": its noun
        if t.pos_ != "PROPN" or t.i < start:
            continue
        m = mention_at(t, mentions, "PERSON")
        if m is None:
            continue
        if not speaking and is_cue(t.head) and _named_in_content(t, entity_key(m), mentions):
            continue  # "Ortiz was shot, said Larry Waldie. He was taken to …": the one told of, not the teller,
            # unless the pronoun speaks too ("He added …")
        return m
    # no person named as a subject nearby: the one person the article has named so far, if it named only one
    # ("… with Prime Minister Jane Roe signalling her priorities. … She will meet …"), else the one it has made
    # the subject of a clause, its protagonist (a queen named only at her funeral does not compete)
    earlier = [m for m in mentions if m.label == "PERSON" and m.span.end <= pron.idx]
    if earlier and len({entity_key(m) for m in earlier}) == 1:
        return earlier[-1]
    acting = {entity_key(m): m for at, m in _person_subjects(doc, mentions) if at < pron.idx and m.span.end <= pron.idx}
    return next(iter(acting.values())) if len(acting) == 1 else None


def _named_in_content(speaker: "Token", speaker_key: str, mentions: list[Mention]) -> bool:
    """Another person (not ``speaker_key``) named as a subject in the words the speaker's verb reports, in the same
    sentence ("Ortiz was shot in the head, said Larry Waldie": Ortiz)."""
    cue = speaker.head
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and t.head.i != cue.i and not is_cue(t.head)
               and (m := mention_at(t, mentions, "PERSON")) is not None and entity_key(m) != speaker_key
               for t in cue.sent)


def _person_noun_antecedent(pron: "Token", mentions: list[Mention], sentences_back: int = 3) -> "Token | None":
    """The unnamed person "he"/"she" stands for: the nearest earlier subject that is a noun for a person of the
    pronoun's gender ("The 36-year-old woman was found … She stabbed …": the woman), in this or the
    ``sentences_back`` sentences before. None when a named person is a subject nearer (`_person_antecedent` takes
    that one) or no such noun is a subject there; a person of the other gender in between is passed over."""
    doc = pron.doc
    gender = "f" if pron.lower_ in ("she", "her") else "m"  # "he", "him", "his"
    start = window_start(doc, pron.i, sentences_back)
    for t in reversed(doc[start: pron.i]):
        if t.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if t.pos_ == "PROPN" and mention_at(t, mentions, "PERSON") is not None:
            return None
        if t.pos_ == "NOUN" and t.tag_ == "NN" and GENDERED_NOUNS.get(t.lemma_.lower()) == gender:
            return t
    return None


def _person_subjects(doc: "Doc", mentions: list[Mention]) -> list[tuple[int, Mention]]:
    """(offset, mention) of every person the parse makes a subject (or a subject's conjunct), in reading order;
    read once per parse, from the article's mentions (the only ones a parse is resolved with)."""
    found = doc.user_data.get("newsprism_person_subjects")
    if found is None:
        people = [m for m in mentions if m.label == "PERSON"]
        found = []
        for t in doc:
            if t.pos_ == "PROPN" and (t.dep_ in ("nsubj", "nsubjpass") or
                                      t.dep_ == "conj" and t.head.dep_ in ("nsubj", "nsubjpass")):
                m = mention_at(t, people)
                if m is not None:
                    found.append((t.idx, m))
        doc.user_data["newsprism_person_subjects"] = found
    return found


# Common nouns a report uses for an organisation it has just named ("SpaceX CEO Elon Musk said the company will …")
_ORG_NOUNS = {"company", "firm", "group", "bank", "lender", "insurer", "carrier", "airline", "operator", "retailer",
              "automaker", "carmaker", "manufacturer", "maker", "start-up", "startup", "conglomerate", "exchange",
              "agency", "regulator", "ministry", "department", "party", "club", "university", "broadcaster"}


_ROLE_NOUNS = {"ceo", "executive", "chief", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
               "chair", "founder", "owner", "president", "boss", "head", "director", "official", "officer"}


def _organisation_antecedent(subj: "Token", mentions: list[Mention]) -> Mention | None:
    """The organisation "the company" stands for, named earlier in its own sentence: the name before a role word
    ("SpaceX CEO Elon Musk said the company …", "Orbitel's chief executive …"), else the one organisation named
    there; None when none or two different ones are (the clause alone cannot say which). Named-entity labels of
    unfamiliar names are unreliable ("SpaceX" as a person), so the role word is the first evidence."""
    doc = subj.doc
    lo, hi = doc[sentence_start(doc, subj.i)].idx, subj.idx

    named = {}
    for t in doc[sentence_start(doc, subj.i): subj.i]:
        if t.lower_ in _ROLE_NOUNS:
            for c in t.children:
                if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and c.idx < t.idx:
                    m = mention_at(c, mentions)
                    if m is not None and m.label not in ("GPE", "NORP", "LOC"):
                        named[entity_key(m)] = m
    if not named:
        named = {entity_key(m): m for m in mentions if m.label == "ORG" and lo <= m.span.start and m.span.end <= hi}
    return next(iter(named.values())) if len(named) == 1 else None


def _antecedent(pron: "Token") -> "Token | None":
    """The antecedent of "it"/"they" inside its own sentence: the nearest earlier subject or object noun of the
    same number ("Firefighters brought the fire under control and it was put out" -> fire); None when there is
    no such noun in the sentence (the previous sentence is not searched: too often wrong)."""
    plural = pron.lower_ == "they"
    for t in reversed(pron.doc[sentence_start(pron.doc, pron.i): pron.i]):
        if t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.pos_ in ("NOUN", "PROPN"):
            if (t.tag_ in ("NNS", "NNPS")) == plural:
                return t
    return None


# verbs whose subject acts or speaks: an "it" doing so is an organisation or a country, never a thing
_AGENT_VERBS = SPEECH_VERBS | FRAMING_VERBS


def _agent_before(pron: "Token", mentions: list[Mention]) -> Mention | None:
    """The organisation or country a sentence-opening "it" stands for when it speaks or acts ("In its statement,
    the Solomon Islands said it would … It thanked Australia …"): the subject of the sentence before, where a
    name of one covers it. None for any other "it" (the previous sentence is searched only for this one case)."""
    doc = pron.doc
    start = sentence_start(doc, pron.i)
    if pron.head.lemma_.lower() not in _AGENT_VERBS or start == 0 or \
            any(not (t.is_punct or t.dep_ in ("advmod", "cc")) for t in doc[start:pron.i]):
        return None
    return _subject_before(doc, start, mentions)


def _subject_before(doc: "Doc", start: int, mentions: list[Mention]) -> Mention | None:
    """The organisation or country (a place that acts: a country) named as the subject of the sentence before the
    one that starts at ``start``, else None."""
    if start == 0:
        return None
    prev = sentence_start(doc, start - 1)
    root = next((t for t in doc[prev:start] if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    m = mention_at(subj, mentions) if subj is not None else None
    return m if m is not None and m.label in ("ORG", "GPE", "NORP", "LOC") else None


def _owner_before(poss: "Token", mentions: list[Mention]) -> Mention | None:
    """Whose "its" opens a subject no name in its own sentence stands for ("Australia has been the most visible
    source of support. In 2021, its development assistance reached …"): the organisation or country that was the
    subject of the sentence before, as a reader takes it up."""
    return _subject_before(poss.doc, sentence_start(poss.doc, poss.i), mentions) if poss.lower_ == "its" else None


def resolve_subject(subj: "Token", mentions: list[Mention], before: int, speaker: str | None,
                    speaker_entity: str | None, reported: bool = False) -> tuple[str | None, str | None]:
    """(key, text) of a subject: an entity key where a mention covers its head, a resolved pronoun, else the
    head noun's lemma (with its compounds). ``(None, None)`` for a pronoun that cannot be resolved."""
    low = subj.lower_
    if low == "it" and subj.head.lemma_.lower() in _EXTRAPOSING:
        real = _dummy_it_subject(subj.head)
        if real is not None:
            return resolve_subject(real, mentions, before, speaker, speaker_entity)
    if low in ("it", "they"):
        ante = _antecedent(subj)
        if ante is not None:
            return resolve_subject(ante, mentions, before, speaker, speaker_entity)
        agent = _agent_before(subj, mentions) if low == "it" else None
        if agent is not None:
            return entity_key(agent), agent.text
    if reported and speaker and low in _SPEAKER_PRONOUNS:
        # "Russia announced it would withdraw", "Zelensky said he would …": the content's pronoun is the speaker
        return (speaker_entity or "s:" + (speaker_key(speaker) or speaker.lower())), speaker
    if low in _FIRST_PERSON:
        if speaker:
            return (speaker_entity or "s:" + (speaker_key(speaker) or speaker.lower())), speaker
        return None, None
    if low == "there" and subj.dep_ == "expl":
        # "There will be fighting for every centimetre": the subject is what there is
        real = next((c for c in subj.head.children if c.dep_ in ("attr", "nsubj") and c.pos_ in ("NOUN", "PROPN")),
                    None)
        if real is not None:
            return resolve_subject(real, mentions, before, speaker, speaker_entity)
    if low in _PERSON_PRONOUNS:
        noun = _person_noun_antecedent(subj, mentions)
        if noun is not None:
            doc = subj.doc
            return resolve_subject(noun, mentions, doc[sentence_start(doc, noun.i)].idx, speaker, speaker_entity)
        m = _person_antecedent(subj, mentions)
        return (entity_key(m), m.text) if m is not None else (None, None)
    after = subj.right_edge.i + 1
    if low in _PARTITIVE and not (after < len(subj.doc) and subj.doc[after].text == ","):
        # "one of the busiest ports", "some of the lenders": the clause is about the group it names (not a phrase
        # set before the subject, "One of the largest investors, it owns …")
        whole = next((g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
        if whole is not None:
            return resolve_subject(whole, mentions, before, speaker, speaker_entity)
    if low in _UNRESOLVED or subj.pos_ == "PRON":
        return None, None
    if subj.pos_ not in ("NOUN", "PROPN", "NUM") and subj.is_title:
        # a name the parse took for another word (`_name_taken_for_adverb`): the participant the article named
        # with it, here or before ("Liz Truss" … "Truss, on her visit, …")
        m = mention_at(subj, mentions) or \
            next((m for m in reversed(mentions) if m.label in _NAME_LABELS and m.span.end <= subj.idx and
                  m.text.split()[-1] == subj.text), None)
        if m is not None:
            return entity_key(m), subj.text
    # "his wife", "their lawyer": the possessor must be known (the speaker of reported speech, or a person or
    # thing named just before); else the subject is someone the clause alone cannot name
    poss = next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVES), None)
    if poss is not None and not (reported and speaker):
        if poss.lower_ in ("his", "her"):
            if _person_antecedent(poss, mentions) is None and _person_noun_antecedent(poss, mentions) is None:
                return None, None
        elif poss.lower_ in ("its", "their") and _antecedent(poss) is None and _owner_before(poss, mentions) is None:
            return None, None
        elif poss.lower_ in ("my", "our", "your"):
            return None, None
    # the subject phrase within its clause: a dateline glued to it ("WASHINGTON - SpaceX") is not part of it
    s, e = max(subj.left_edge.idx, before), subj.right_edge.idx + len(subj.right_edge.text)
    unit = time_taken_for_modifier(subj)
    if unit is not None:  # the opening phrase of time the parse joined to the subject is not part of it
        s = max(s, subj.doc[unit.i + 1].idx)
    taken = verb_taken_for_modifier(subj)
    if taken is not None:  # the subject the parse made the root: its phrase ends before its verb
        last = subj.doc[taken.left_edge.i - 1]
        while last.i > subj.i and last.is_punct:
            last = subj.doc[last.i - 1]
        e = last.idx + len(last.text)
    if subj.pos_ == "NOUN" and subj.lemma_.lower() in _ORG_NOUNS and e - s == len(subj.text) + 4 and \
            subj.left_edge.lower_ == "the":  # "the company" alone, not "the company's board" or "the new firm"
        m = _organisation_antecedent(subj, mentions)
        if m is not None:
            return entity_key(m), doc_text(subj.doc)[s:e]
    # the entity the subject's head names, else the one its apposition names ("Britain's new Prime Minister Liz
    # Truss": Truss), never a possessor or a modifier inside it ("Britain's")
    heads = [subj, *(c for c in subj.children if c.dep_ == "appos"), *shared_names(subj)]
    for h in heads:
        m = mention_at(h, mentions)
        if m is not None:
            return entity_key(m), doc_text(subj.doc)[s:e]
    if subj.pos_ == "PROPN":
        # a name's possessor, phrase, clause or apposition names another participant ("Elon Musk, Twitter Inc's
        # biggest shareholder": not Twitter Inc)
        aside = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in subj.children
                 if c.dep_ in ("poss", "prep", "relcl", "acl", "appos")]
        for m in mentions:
            if s <= m.span.start and m.span.end <= e and not any(a <= m.span.start < b for a, b in aside):
                return entity_key(m), doc_text(subj.doc)[s:e]
    head = " ".join([c.lemma_.lower() for c in subj.children if c.dep_ == "compound" and
                     (unit is None or c.i != unit.i)] +
                    [subj.lemma_.lower()])
    return head, doc_text(subj.doc)[s:e]


def shared_names(subj: "Token") -> "list[Token]":
    """The name closing a run of descriptions of one participant ("Twitter's newest board member and largest
    stakeholder Elon Musk": Musk), however the parse hangs it: in apposition to the last description, or as the
    conjunct with the description compounded to it. A conjunct with a determiner or possessor of its own is
    another participant ("the mayor and his deputy, Ada Velt" are two)."""
    out = []
    for c in subj.children:
        if c.dep_ != "conj" or any(d.dep_ in ("det", "poss") for d in c.children):
            continue
        if c.pos_ == "NOUN":
            out += [g for g in c.children if g.dep_ == "appos" and g.pos_ == "PROPN" and g.i > c.i]
        elif c.pos_ == "PROPN" and any(d.dep_ == "compound" and d.pos_ == "NOUN" for d in c.children):
            out.append(c)
    return out


def name_tokens(name: "Token") -> "list[Token]":
    """The name ending at ``name``: the proper nouns just before it and itself ("largest stakeholder Elon Musk")."""
    doc, k = name.doc, name.i
    while k > 0 and doc[k - 1].pos_ == "PROPN" and doc[k - 1].head.i == name.i:
        k -= 1
    return list(doc[k: name.i + 1])
