"""Story-level entity canonicalisation: every mention of every article joined into one `Entity` per referent.

Mentions are grouped in steps, each a rule a reader of any story would accept:

1. **Same name**: mentions whose transliteration-folded form is equal are one group, whatever label the model
   gave each (the model often calls a town a person once and a place the next time; the group votes).
   Folding (``fold``) undoes the usual variation of romanised names: case, accents, y/i (Zelenskyy, Zelenskiy,
   Zelensky; Oleksiy, Oleksii), doubled letters, kh/h, w/v, ph/f, a plural demonym ("Ukrainians").
2. **Type by vote**: each group's type is the weighted majority of its mentions' labels; a one-word PERSON label
   weighs half, as the small model gives PERSON to many unknown capitalised words, and a full two-word PERSON
   name weighs double; ties go to a place.
3. **Spelling variants**: two groups of the same kind with the same number of words whose words match after
   folding, or whose long words (5+ letters) are within edit ratio 0.85 (Mykolayiv/Mykolaiyv, Kharkiv/Kharkov);
   a person's given names must match after folding (Daniel is not Danielle), only the surname may vary.
4. **Surname**: a one-word name that is the surname of exactly one person named in full in the story is that
   person ("Reznikov", "Kim"), unless it is named as a place twice or more and never as a person ("Jordan"). Of
   several people sharing it, it is the one named in full at least twice as often as all the others together
   (a relative is named in full or by first name; the bare surname is kept for the person the story is about).
5. **Natural-feature stem**: "Dnieper River" is also "Dnieper".
6. **Exonym/endonym of a natural feature**: a name and a river/sea/... name of the story with the same first
   letter, the same consonant skeleton of 3+ consonants (Dnieper/Dnipro: d-n-p-r), lengths within one letter,
   and neither a prefix of the other (Virginia is not the Virgin Islands; Dnipropetrovsk is not the Dnipro). Limited to pairs where one
   side is a natural feature, because between two countries or cities the same skeleton is a real risk
   (Toronto/Taranto); the known residual risk is a city named after its river (Dnipro the city).
7. **Acronyms**: a short form defined in the text right after the full name ("the National Bureau of Economic
   Research (NBER)"), else one that spells the initials of exactly one organisation or place of the story,
   with or without its small words ("IISS", "UK", "WSJ" for "The Wall Street Journal", "BoA" for "Bank of
   America"). Two organisations of the story with the same short form leave it unlinked (it could be either).
8. **Clipped forms**: a one-word name that is a clipping (3+ letters, two or more letters short) of the first
   word of exactly one multi-word organisation of the story ("Fed" / "Federal Reserve").

Each alias linked by steps 3–8 is recorded on its entity with the rule that linked it (``Entity.links``).

The entity's name is its most frequent longest form; aliases are all surface forms; roles are as stated. Quote
speakers are then mapped to entities (``resolve_name``), and every mention gets its ``entity_id``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import replace
from collections.abc import Iterable

from ..model import AliasLink, Entity, EntityId, Mention, Story
from ..lexicon.function_words import NAME_PARTICLES as _FUNCTION_WORDS, PREPOSITIONS as _PREPOSITIONS
from ..lexicon.people import HONORIFICS
from ..lexicon.organisations import COMPANY_NOUNS
from ..lexicon.places import FEATURE_WORDS, PLACE_LABELS as _PLACE
from .union_find import UnionFind

_VOWELS = set("aeiouy")


def _coarse(label: str) -> str:
    return "PLACE" if label in _PLACE else label


def fold(text: str, *, plural: bool = False) -> str:
    """Transliteration-aware comparison key of a name.

    Examples:
        >>> fold("Zelenskyy") == fold("Zelenskiy") == fold("Zelensky")
        True
        >>> fold("Mykhaylo") == fold("Mykhailo")
        True
    """
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    t = t.replace("’", "'").replace("‘", "'")
    t = re.sub(r"'s?\b", "", t)
    t = re.sub(r"[^\w\s-]", "", t).replace("-", " ")
    t = re.sub(r"^the\s+", "", t.strip())
    t = t.replace("kh", "h").replace("ph", "f").replace("w", "v").replace("y", "i")
    t = re.sub(r"ie(?=[^aeiou\s]|$)", "i", t)  # Dnieper/Dniper, Nadiia-style vowel clusters
    t = re.sub(r"(\w)\1+", r"\1", t)  # doubled letters: Zelenskii -> zelenski, Mykolaiiv -> mikolaiv
    if plural and t.endswith("s") and len(t) > 4:
        t = t[:-1]
    return re.sub(r"\s+", " ", t).strip()


def _skeleton(key: str) -> str:
    return "".join(c for c in key if c.isalpha() and c not in _VOWELS and c not in "hj")


def _levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _word_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or a[0] != b[0]:
        return False
    return 1 - _levenshtein(a, b) / max(len(a), len(b)) >= 0.85


def _strip_city(text: str, label: str) -> str:
    """"Kherson city" names the same place as "Kherson"; "Kherson region" does not, and keeps its word."""  # noqa: D300
    if label in _PLACE:
        return re.sub(r"\s+city$", "", text)  # lower-case only: "Oklahoma City" is a name of its own
    return text


class _Group:
    """Mentions that share one folded name."""

    __slots__ = ("key", "mentions", "votes")

    def __init__(self, key: str) -> None:
        self.key = key
        self.mentions: list[tuple[int, int, Mention]] = []  # (facts index, mention index, mention)
        self.votes: Counter[str] = Counter()

    @property
    def words(self) -> list[str]:
        return self.key.split()

    @property
    def type(self) -> str:
        return self.votes.most_common(1)[0][0]


def _vote_type(votes: Counter[str]) -> str:
    """Majority label; GPE/LOC/FAC votes pool against other kinds, then the most frequent place label wins."""
    pooled: Counter[str] = Counter()
    for label, w in votes.items():
        pooled[_coarse(label)] += w
    # ties go to a place: a capitalised word the model is unsure of is most often a place in news text
    kind = max(pooled, key=lambda k: (pooled[k], k == "PLACE"))
    if kind != "PLACE":
        return kind
    return max((lab for lab in votes if lab in _PLACE), key=lambda lab: votes[lab])


_COMPANY = "|".join(sorted(COMPANY_NOUNS))
_TOWN = "city|town|village|port|capital|province|region|island|district|county|state"
_AS_COMPANY = (
    # "Dialog, an Australia-based IT services consulting company" / "Dialog, the Australian unit of Singtel,"
    re.compile(rf",\s+(?:an?|the|its)\s+(?:[\w'’-]+\s+){{0,6}}?(?:{_COMPANY})\b", re.I),
    # "its unit Dialog", "the Australian company Dialog"
    re.compile(rf"\b(?:its|the|an?)\s+(?:[\w'’-]+\s+){{0,2}}(?:{_COMPANY})\s+$", re.I))
_AS_PLACE = (
    # "Bandar Abbas, a port city of 500,000 people"
    re.compile(rf",\s+(?:an?|the)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_TOWN})\b", re.I),
    # "the port city of Bandar Abbas", "the town of Wasilla"
    re.compile(rf"\b(?:{_TOWN})\s+of\s+$", re.I))


def _described(story: Story, g: "_Group", after: re.Pattern[str], before: re.Pattern[str]) -> bool:
    """A mention of the group that the text itself describes as a business (or a place): an appositive right
    after it, or a noun right before it ("its unit Dialog", "the port city of Bandar Abbas"). The recogniser often
    takes a company named like a place for one, and a two-word place for a person."""
    for fi, _, m in g.mentions:
        text = story.facts[fi].article.text
        if after.match(text, m.span.end) or before.search(text[max(0, m.span.start - 60):m.span.start]):
            return True
    return False


def canonicalise(story: Story, models: object = None) -> Story:
    """Merge the mentions of all articles into the story's entities; link mentions and quote speakers to them.

    Args:
        story: the story after per-article extraction.
        models: unused; kept for the stage contract.

    Returns:
        The story with ``entities`` filled, each ``Mention.entity_id`` set and ``Quote.speaker_entity`` set where
        the speaker names an entity.
    """
    # 1. groups by folded name
    groups: dict[str, _Group] = {}
    for fi, facts in enumerate(story.facts):
        for mi, m in enumerate(facts.mentions):
            key = fold(_strip_city(m.text, m.label), plural=(m.label == "NORP"))
            if not key:
                continue
            g = groups.setdefault(f"{'N' if m.label == 'NORP' else 'X'}:{key}", _Group(key))
            g.mentions.append((fi, mi, m))
            # one-word PERSON labels are the model's weakest guess; a full "First Last" PERSON its strongest
            weight = 1.0 if m.label != "PERSON" else (0.5 if len(key.split()) == 1 else 2.0)
            g.votes[m.label] += weight
    glist = list(groups.values())
    placed: set[int] = set()  # groups the text calls a place ("the port city of Bandar Abbas")
    for i, g in enumerate(glist):  # the text's own description outweighs the recogniser
        if g.votes.get("ORG", 0) < sum(g.votes.values()) and _described(story, g, *_AS_COMPANY):
            g.votes["ORG"] += sum(g.votes.values()) + 1
        elif g.votes.get("PERSON", 0) and _described(story, g, *_AS_PLACE):
            g.votes["GPE"] += sum(g.votes.values()) + 1
            placed.add(i)
    types = [_vote_type(g.votes) for g in glist]
    uf = UnionFind(len(glist))
    _merge_variants(glist, types, uf)
    _merge_surnames(glist, types, uf)
    _merge_features(glist, types, uf)
    _merge_acronyms(glist, types, uf, story)
    _merge_clipped(glist, types, uf)
    # build entities
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(glist)):
        clusters[uf.find(i)].append(i)
    ordered = sorted(clusters.values(), key=lambda idx: min((glist[i].mentions[0][0], glist[i].mentions[0][2].span.start)
                                                           for i in idx))
    entities: list[Entity] = []
    entity_of: dict[tuple[int, int], EntityId] = {}
    for n, idx in enumerate(ordered, 1):
        eid = f"e{n}"
        members = [m for i in idx for m in glist[i].mentions]
        votes: Counter[str] = Counter()
        for i in idx:
            votes.update(glist[i].votes)
        etype = _vote_type(votes)
        if placed & set(idx):
            etype = "GPE"
        elif any(m.role for _, _, m in members) or any(
                m.label == "PERSON" and len(m.text.split()) >= 2 for _, _, m in members):
            etype = "PERSON"  # a stated role ("Wells Fargo CEO") or a full name the model calls a person
        elif etype != "PERSON" and any(m.text.split()[-1].lower() in FEATURE_WORDS and " " in m.text
                                       for _, _, m in members):  # "X River" names a natural feature
            etype = "LOC"
        root = uf.find(idx[0])
        links = tuple(dict.fromkeys(AliasLink(_form(glist[a]), rule) for a, rule in uf.rules if uf.find(a) == root))
        entities.append(replace(_entity(eid, etype, members), links=links))
        for fi, mi, _ in members:
            entity_of[(fi, mi)] = eid
    new_facts = []
    index = _NameIndex(entities)
    for fi, facts in enumerate(story.facts):
        mentions = tuple(replace(m, entity_id=entity_of.get((fi, mi))) for mi, m in enumerate(facts.mentions))
        quotes = tuple(
            replace(q, speaker_entity=index.resolve(q.speaker)) if q.speaker and not q.speaker_entity else q
            for q in facts.quotes)
        new_facts.append(replace(facts, mentions=mentions, quotes=quotes))
    return replace(story, facts=tuple(new_facts), entities=tuple(entities))


def _form(g: _Group) -> str:
    """A group's most used surface form."""
    return Counter(m.text for _, _, m in g.mentions).most_common(1)[0][0]


def _entity(eid: EntityId, etype: str, members: list[tuple[int, int, Mention]]) -> Entity:
    forms = Counter(m.text for _, _, m in members)
    size = {f: len(_strip_city(f, etype).split()) for f in forms}
    longest = max(size.values())
    full = [f for f in forms if size[f] == longest]
    # the most frequent full form; ties go to the first written
    first_seen = {f: k for k, f in enumerate(dict.fromkeys(m.text for _, _, m in members))}
    name = max(full, key=lambda f: (forms[f], -first_seen[f]))
    aliases = tuple(sorted(forms, key=lambda f: (-forms[f], first_seen[f])))
    roles = tuple(dict.fromkeys(m.role for _, _, m in members if m.role))
    spans = tuple(sorted(m.span for _, _, m in members))
    return Entity(id=eid, name=name, type=etype if etype in _TYPES else "OTHER",  # type: ignore[arg-type]
                  aliases=aliases, mentions=spans, roles=roles)


_TYPES: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "LOC", "EVENT", "NORP", "FAC", "OTHER"})


def _merge_variants(glist: list[_Group], types: list[str], uf: UnionFind) -> None:
    """Step 3: same kind, same word count, every word equal after folding or a close long-word variant."""
    # words only match with the same first letter, so the initials bucket the pairs worth comparing
    by_shape: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, g in enumerate(glist):
        by_shape[(_coarse(types[i]), "".join(w[0] for w in g.words))].append(i)
    for idx in by_shape.values():
        for a_pos, a in enumerate(idx):
            for b in idx[a_pos + 1:]:
                wa, wb = glist[a].words, glist[b].words
                if len(wa) != len(wb):
                    continue
                # a person's given names must fold equal (Daniel is not Danielle); the surname may vary
                if _coarse(types[a]) == "PERSON" and wa[:-1] != wb[:-1]:
                    continue
                if all(_word_match(x, y) for x, y in zip(wa, wb)):
                    uf.union(b, a, "spelling variant")


def _merge_surnames(glist: list[_Group], types: list[str], uf: UnionFind) -> None:
    """Step 4: a one-word name equal to the surname of exactly one full-named person."""
    surnames: dict[str, set[int]] = defaultdict(set)
    named: Counter[int] = Counter()  # mentions in full, per person
    for i, g in enumerate(glist):
        if types[i] == "PERSON" and len(g.words) >= 2:
            surnames[g.words[-1]].add(uf.find(i))
            named[uf.find(i)] += len(g.mentions)
    for i, g in enumerate(glist):
        if len(g.words) != 1 or types[i] == "NORP":
            continue
        place_votes = sum(w for lab, w in g.votes.items() if lab in _PLACE)
        if place_votes >= 2 and not g.votes.get("PERSON"):
            continue  # named as a place again and again, never as a person: "Jordan" the country
        # exact (folded) equality only: a near-miss surname may be another name ("Brazil" / "Donna Brazile")
        owners = {uf.find(j) for j in surnames.get(g.words[0], ())}
        if len(owners) == 1:
            uf.union(i, owners.pop(), "surname of the full name")
        elif owners and (main := _main_bearer(owners, named)) is not None:
            uf.union(i, main, "surname of the person named most")


# How much more often the person the story is about is named in full than every other bearer of the surname
# together, for the bare surname to be that person (news names a relative in full or by first name: "his mother,
# Mahnefah Gray"; "Gray" is then the teenager named in full 14 times)
_MAIN_BEARER_RATIO = 2


def _main_bearer(owners: set[int], named: Counter[int]) -> int | None:
    """Of several full-named people sharing a surname, the one named in full at least ``_MAIN_BEARER_RATIO``
    times as often as all the others together; None when no one is (two Bushes named alike: either)."""
    top = max(owners, key=lambda o: (named[o], -o))
    rest = sum(named[o] for o in owners if o != top)
    return top if named[top] >= _MAIN_BEARER_RATIO * rest and named[top] > rest else None


def _merge_features(glist: list[_Group], types: list[str], uf: UnionFind) -> None:
    """Steps 5 and 6: a natural feature's stem, and the exonym/endonym of a natural feature."""
    features: list[tuple[int, str]] = []  # (group, stem key)
    for i, g in enumerate(glist):
        if len(g.words) >= 2 and g.words[-1] in FEATURE_WORDS and _coarse(types[i]) == "PLACE":
            features.append((i, " ".join(g.words[:-1])))
    # a bare name that fits two different features ("Pacific": Pacific Ocean, Pacific Island) is left alone
    fits: dict[int, set[int]] = defaultdict(set)
    for fi, stem in features:
        skel = _skeleton(stem)
        for j, g in enumerate(glist):
            if j == fi or types[j] in ("PERSON", "NORP") or (len(g.words) >= 2 and g.words[-1] in FEATURE_WORDS):
                continue
            if g.key == stem:
                fits[j].add(fi)
            elif len(g.words) == len(stem.split()) == 1 and g.key[0] == stem[0] and len(skel) >= 3 \
                    and _skeleton(g.key) == skel and abs(len(g.key) - len(stem)) <= 1 \
                    and not (g.key.startswith(stem) or stem.startswith(g.key)):  # Virginia is not Virgin Islands
                fits[j].add(fi)
    for j, owners in fits.items():
        roots = {uf.find(fi) for fi in owners}
        if len(roots) == 1:
            uf.union(j, roots.pop(), "name of the natural feature")


def _merge_acronyms(glist: list[_Group], types: list[str], uf: UnionFind, story: Story) -> None:
    """Step 7: a short form defined in the text, else the initials of exactly one organisation or place."""
    defined = _defined_short_forms(glist, types, story)
    initials: dict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(glist):  # initials of the surface form: folding may change first letters
        if types[i] in ("PERSON", "NORP") or " " not in g.mentions[0][2].text.strip():
            continue
        words = [w for w in re.split(r"[\s-]+", g.mentions[0][2].text.casefold()) if w]
        if words and words[0] == "the":
            words = words[1:]
        big = [w for w in words if w not in _FUNCTION_WORDS]
        if len(big) >= 2:
            initials["".join(w[0] for w in big)].add(i)  # "IMF", "WSJ"
        if len(words) > len(big) >= 1:
            initials["".join(w[0] for w in words)].add(i)  # "BoA", "DoD": the small words count too
    for i, g in enumerate(glist):
        surface = g.mentions[0][2].text.replace(".", "").strip()
        if len(g.words) != 1 or not _short_form(surface):
            continue
        if defined.get(i):
            owners, rule = {uf.find(j) for j in defined[i]}, "acronym defined in the text"
        else:
            owners, rule = {uf.find(j) for j in initials.get(surface.casefold(), set()) if j != i}, \
                "acronym of the full name"
        owners.discard(uf.find(i))
        if len(owners) == 1:  # two organisations with one short form: it could be either, so neither
            uf.union(i, owners.pop(), rule)


def _short_form(surface: str) -> bool:
    """An acronym as written: 2–6 letters, capitals but for small-word letters ("NBER", "BoA", "DoD")."""
    return 2 <= len(surface) <= 6 and surface.isalpha() and surface[0].isupper() \
        and sum(c.isupper() for c in surface) >= max(2, len(surface) - 2) and not surface.istitle()


_DEFINED = re.compile(r"\s*\(\s*(?:the\s+)?([A-Z][A-Za-z.&]{1,9})\s*\)")


def _defined_short_forms(glist: list[_Group], types: list[str], story: Story) -> dict[int, set[int]]:
    """Short forms the text defines: a multi-word name followed by its short form in brackets, whose capitals
    are the name's letters in order starting with its first ("Organisation for Economic Co-operation and
    Development (OECD)"). Maps the short form's group to the groups of the names it was defined for."""
    group_of: dict[tuple[int, int], int] = {}
    for gi, g in enumerate(glist):
        for fi, mi, _ in g.mentions:
            group_of[(fi, mi)] = gi
    by_text: dict[str, int] = {}
    for gi, g in enumerate(glist):
        surface = g.mentions[0][2].text.replace(".", "").strip()
        if len(g.words) == 1 and _short_form(surface):
            by_text[surface] = gi
    out: dict[int, set[int]] = defaultdict(set)
    for fi, facts in enumerate(story.facts):
        text = facts.article.text
        for mi, m in enumerate(facts.mentions):
            gi = group_of.get((fi, mi))
            if gi is None or types[gi] in ("PERSON", "NORP") or " " not in m.text.strip():
                continue
            hit = _DEFINED.match(text, m.span.end)
            if hit is None:
                continue
            short = hit.group(1).replace(".", "")
            if short in by_text and _spells(short, m.text):
                out[by_text[short]].add(gi)
    return out


def _spells(short: str, name: str) -> bool:
    """The short form's capitals are letters of the name in order, the first its first word's initial."""
    words = [w for w in re.split(r"[\s-]+", name.casefold()) if w and w != "the"]
    if not words or short[0].casefold() != words[0][0]:
        return False
    letters = iter("".join(words))
    return all(c in letters for c in short.casefold())


def _merge_clipped(glist: list[_Group], types: list[str], uf: UnionFind) -> None:
    """Step 8: "Fed" for "Federal Reserve": a clipping of the first word of exactly one multi-word organisation."""
    firsts: dict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(glist):
        if types[i] == "ORG" and len(g.words) >= 2 and g.words[0] not in _FUNCTION_WORDS:
            firsts[g.words[0]].add(i)
    for i, g in enumerate(glist):
        surface = g.mentions[0][2].text.strip()
        # a place is no clipping: "Iran" is not the "Iranian Red Crescent"
        if len(g.words) != 1 or types[i] in ("PERSON", "NORP") or types[i] in _PLACE or not surface[:1].isupper() \
                or surface.isupper() or len(g.key) < 3:
            continue
        owners = {uf.find(j) for first, idx in firsts.items()
                  if first.startswith(g.key) and len(first) >= len(g.key) + 2 for j in idx}
        owners.discard(uf.find(i))
        if len(owners) == 1:
            uf.union(i, owners.pop(), "clipped form")


_SPEAKER_DROP = re.compile(r"^(?:the|a|an)\s+", re.I)


def resolve_name(entities: Iterable[Entity], name: str | None) -> EntityId | None:
    """The entity a name or speaker phrase refers to, or None when it names none safely.

    Each comma-separated part of the phrase is tried: an alias after folding ("Mr Zelensky's" -> Zelensky); the
    name as the head at the end of a title phrase ("Ukraine's Defense Minister Oleksii Reznikov"); a surname of
    exactly one person. A person found wins over anything else ("The mayor of Mykolayiv, Oleksandr Sienkovych").
    A description that only mentions an entity after a preposition ("a spokesperson for the Kremlin") names none.

    Args:
        entities: the story's entities.
        name: a name or a speaker phrase as written.

    Returns:
        The entity id, or None.
    """
    if not name:
        return None
    return _NameIndex(entities).resolve(name)


class _NameIndex:
    """Folded aliases and surnames of a story's entities, built once for many look-ups."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.types: dict[EntityId, str] = {}
        self.by_alias: dict[str, set[EntityId]] = defaultdict(set)
        self.surnames: dict[str, set[EntityId]] = defaultdict(set)
        for e in entities:
            self.types[e.id] = e.type
            for a in e.aliases:
                key = fold(a, plural=(e.type == "NORP"))
                self.by_alias[key].add(e.id)
                if e.type == "PERSON" and len(key.split()) >= 2:
                    self.surnames[key.split()[-1]].add(e.id)

    def resolve(self, name: str | None) -> EntityId | None:
        if not name:
            return None
        return _resolve(name, self.types, self.by_alias, self.surnames)


def _resolve(name: str, types: dict[EntityId, str], by_alias: dict[str, set[EntityId]],
             surnames: dict[str, set[EntityId]]) -> EntityId | None:
    found: list[tuple[bool, int, EntityId]] = []  # (is a person, alias length, id)
    for part in name.split(","):
        words = _SPEAKER_DROP.sub("", part.strip()).split()
        while words and words[0].lower().rstrip(".") in HONORIFICS:
            words.pop(0)
        key = fold(" ".join(words))
        if not key:
            continue
        ids = by_alias.get(key, set())
        if len(ids) == 1:
            eid = next(iter(ids))
            found.append((types[eid] == "PERSON", len(key), eid))
            continue
        if len(key.split()) == 1 and len(surnames.get(key, ())) == 1:
            eid = next(iter(surnames[key]))
            found.append((True, len(key), eid))
            continue
        # "the General Staff of the Armed Forces": the head of "X of Y" is X
        head = re.split(r" (?:of|for|at|from|in|on) ", key, maxsplit=1)[0]
        ids = by_alias.get(head, set()) if head != key else set()
        if len(ids) == 1:
            eid = next(iter(ids))
            found.append((types[eid] == "PERSON", len(head), eid))
            continue
        # the name at the end of a title phrase: "Ukraine's Defense Minister Oleksii Reznikov"
        kw = key.split()
        for k in range(1, len(kw)):
            if kw[k - 1] in _PREPOSITIONS:
                break  # "spokesperson for the Kremlin": the head is the spokesperson
            ids = by_alias.get(" ".join(kw[k:]), set())
            if len(ids) == 1:
                eid = next(iter(ids))
                found.append((types[eid] == "PERSON", len(" ".join(kw[k:])), eid))
                break
    if not found:
        return None
    return max(found)[2]




__all__ = ["canonicalise", "fold", "resolve_name"]
