"""Judged audit of agreements and divergences on real multi-outlet stories (Clust-McMs dev event clusters).

Usage (from the repository root, PYTHONPATH=src):
    python bench/audit_clustmcms.py run            # analyse every audited story, (re)write tests/audit/clustmcms/
    python bench/audit_clustmcms.py run c19 c46    # only these stories
    python bench/audit_clustmcms.py show c19       # the story's English articles, numbered, to judge from
    python bench/audit_clustmcms.py list           # the stories the selection rule picks
    python bench/audit_clustmcms.py candidates c19 # pairs to read for divergences the report missed
    python bench/audit_clustmcms.py judge c19 < verdicts.txt   # write judgements (format: see judge())
    ... --out DIR                                  # another folder than tests/audit/clustmcms (prior verdicts too)
    ... --corpus ecbplus                           # the ECB+ stories (tests/audit/ecbplus/) instead
    ... --corpus ecb                               # the held-out ECB stories (tests/audit/ecb/) instead
    ... --corpus rest                              # the ECB+ dev stories no other audit holds (tests/audit/rest/)

The stories: ``mds_clusters_gpt_event_dev.json`` (read in place from the shared data; trailing commas repaired as its
README says). Only English articles are used (share of the most common English function words > 0.1: English text
scores about 0.2, the Malay and Chinese articles about 0). Selection, by cluster index only: every cluster with at
least two English articles (42 of the 50; the first 14 audited were those with 3 English articles and the first 8
with 2 English of 3 or more articles; the other 28 were added, and judged blind to the rules of the time, so the
figures rest on stories beyond those the first rules were read from). Each article is ingested as a text file
with ``title`` and ``date`` front-matter, the body its sentences joined by spaces, and the story analysed by the
real pipeline (``newsprism.evaluation.stories.report_of``).

One file per story, ``tests/audit/clustmcms/<id>.json``: the articles (id, title, date, copy link), the story-level
judgements (``main_event``, ``independent_origins_reporting_main_event``), the unique facts (listed, not judged), and
every agreement and divergence item
with its text, sources, copies, origins, evidence and the judged ``verdict`` / ``why`` (agreements: CORRECT /
TRIVIAL / WRONG; divergences: REAL / PARTIAL / FALSE; see docs in bench/audit_figures.py). Agreements also carry
``main_event`` (judged: it states the story's main event); ``has_main_event_agreement`` is derived from those.

``--corpus ecbplus`` audits ECB+ stories instead (``tests/audit/ecbplus/``): larger stories (5-11 articles of one
event from different outlets) where agreements, divergences and the main event are read across many origins. One
story = one ECB+ topic with one suffix, as in ``newsprism.evaluation.ecbplus_events`` (each document one article, its
sentences detokenised and joined by spaces, a line without closing punctuation — a headline, a dateline — ending its
line; the page URL is the article's URL and its host the outlet; ECB+ gives no titles or dates). Selection, by
story size and topic number only: the ``ecbplus`` stories of at most 11 documents of the first fourteen such topics
(2, 3, 4, 5, 6, 7, 8, 11, chosen before any of them was read; then 12, 13, 14, 16, 18, 19, added in session 15 and
judged blind to the rules, which were never read on them).

``--corpus ecb`` audits the held-out set (``tests/audit/ecb/``): the ``ecb`` half of every topic of 1-20 (the other
event of each topic, from the original EventCorefBank: mostly agency and newspaper reports of 2008, no page URLs,
so no outlet is known and independence is read from the texts alone), the stories of at most 11 documents (2, 3, 6,
7, 8, 9, 10, 11, 14, 16, 20). Chosen in session 19 before any of them was read, and first judged blind to the
rules of that session's start: their first figures are those of stories no rule was written on.

``--corpus rest`` audits every other story of ECB+ dev topics 1-20 (``tests/audit/rest/``): the ``ecbplus``
stories of at most 11 documents beyond the first fourteen, and every story of more than 11 documents of either half
(1ecb, 1ecbplus, 4ecb, 5ecb, 9ecbplus, 10ecbplus, 12ecb, 13ecb, 18ecb, 19ecb, 20ecbplus). Chosen in session 21 as
the complement of the other two ECB+ audits, before any of them was read: no rule was written on them, and their
first verdicts (judged blind at that session's start) measure the rules on stories they have never seen.

Re-running keeps the judgement of every item whose normalised text and evidence texts are unchanged (agreement:
its statement and its evidence; divergence: its type and the evidence texts of its positions) and leaves new items
with ``verdict: null``. Judged
items the report no longer gives move to ``retired_agreements`` / ``retired_divergences`` (not counted by the
figures; their verdict is reused if the item comes back).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "audit" / "clustmcms"
CORPUS = "clustmcms"  # or "ecbplus", "ecb", "rest" (``--corpus``): the stories audited, and the articles' source prefix
ECBPLUS_MAX_DOCS, ECBPLUS_STORIES = 11, 14
MIN_ENGLISH = 2  # a story needs two English articles to agree or differ
EN_WORDS = {"the", "of", "and", "to", "in", "is", "that", "for", "was", "on", "said", "with"}
AGREEMENT_VERDICTS = ("CORRECT", "TRIVIAL", "WRONG")
DIVERGENCE_VERDICTS = ("REAL", "PARTIAL", "FALSE")
POSITION_VERDICTS = ("SAME", "PARTIAL", "DIFFERENT")
SUMMARY_VERDICTS = ("GOOD", "TRIVIAL", "MISLEADING")
KINDS = {"A": "agreements", "D": "divergences", "P": "positions", "S": "summary"}
VERDICTS = {"A": AGREEMENT_VERDICTS, "D": DIVERGENCE_VERDICTS, "P": POSITION_VERDICTS, "S": SUMMARY_VERDICTS}
JUDGED_KEYS = ("verdict", "why", "main_event")


def clusters() -> list[dict[str, Any]]:
    from newsprism.evaluation.clustmcms import default_data_dir, read_json

    return read_json(default_data_dir() / "mds_clusters_gpt_event_dev.json")


def body(doc: dict[str, Any]) -> str:
    return " ".join((s["content"] if isinstance(s, dict) else str(s)).strip() for s in doc["sentences"]).strip()


def english(doc: dict[str, Any]) -> bool:
    text = body(doc)
    words = re.findall(r"\S+", text)
    return bool(words) and sum(w in EN_WORDS for w in re.findall(r"[a-z]+", text.lower())) / len(words) > 0.1


def selection() -> list[tuple[str, int, list[dict[str, Any]]]]:
    """(story id, cluster index, its English documents) by the rule in the module docstring."""
    if CORPUS in ("ecbplus", "ecb", "rest"):
        return ecbplus_selection(CORPUS)
    cs = clusters()
    en = [[d for d in c["documents"] if english(d)] for c in cs]
    chosen = [i for i, docs in enumerate(en) if len(docs) >= MIN_ENGLISH]
    return [(f"c{i:02d}", i, en[i]) for i in chosen]


def ecbplus_selection(half: str = "ecbplus") -> list[tuple[str, int, list[dict[str, Any]]]]:
    """(story id, topic number, its documents in the shape of a Clust-McMs document) by the module docstring's rule:
    ``half`` "ecbplus" (the audited ECB+ stories) or "ecb" (the held-out ones)."""
    from newsprism.evaluation.ecbplus_events import default_data_dir, read_document, stories

    every = list(stories(default_data_dir()))

    def small(name: str) -> list:
        picked = [(sid, docs) for sid, docs in every
                  if sid.lstrip("0123456789") == name and len(docs) <= ECBPLUS_MAX_DOCS]
        return picked[:ECBPLUS_STORIES] if name == "ecbplus" else picked

    if half == "rest":  # the complement of the two audits above
        taken = {sid for name in ("ecbplus", "ecb") for sid, _ in small(name)}
        chosen = [(sid, docs) for sid, docs in every if sid not in taken]
    else:
        chosen = small(half)
    return [(sid, int(sid.rstrip("abcelpsu")),
             [{"ID": d.stem, "title": None, "publish_date": None, "url": doc.url, "sentences": [doc.text]}
              for d in docs for doc in [read_document(d)]])
            for sid, docs in chosen]


def key(text: str) -> str:
    from newsprism.evaluation import normalise_key

    return normalise_key(text)


def _ev(texts: dict[int, str], spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"article": s["article"], "text": s["text"]} for s in spans]


def items(report: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The report's agreements, divergences and unique facts as audit items (text, provenance, evidence; no
    verdict yet). Divergences of type ``unique`` (one source only; report schema 1) are unique facts."""
    texts = {a["id"]: a["text"] for a in report["articles"]}
    agreements = []
    for g in report.get("agreements") or []:
        agreements.append({
            "text": g["statement"], "support": g.get("support"), "sources": g.get("sources"),
            "copies": g.get("copies"), "articles": g.get("articles"), "origins": g.get("origins"),
            "speakers": g.get("speakers") or [], **({"refers_to": g["refers_to"]} if g.get("refers_to") else {}),
            "evidence": _ev(texts, g.get("evidence") or [])})
    divergences, unique = [], []
    for d in report.get("divergences") or []:
        positions = [{"article": p.get("article"), "articles": p.get("articles"), "origins": p.get("origins"),
                      "speaker": p.get("speaker"), "subject": p.get("subject"), "value": p.get("value"),
                      "evidence": _ev(texts, p.get("evidence") or [])} for p in d.get("positions") or []]
        pos_text = " || ".join(" | ".join(e["text"] for e in p["evidence"]) for p in positions)
        item = {"text": f"{d.get('type')}: {pos_text}", "type": d.get("type"),
                "question": d.get("question") or d.get("topic"), "explanation": d.get("explanation"),
                "confidence": d.get("confidence"), "positions": positions}
        # a fact only one source reports is not a disagreement: listed apart, not judged as a divergence
        (unique if d.get("type") == "unique" else divergences).append(item)
    for u in report.get("unique") or []:  # a section of its own in later report versions
        ev = _ev(texts, u.get("evidence") or [])
        unique.append({"text": u.get("statement") or " | ".join(e["text"] for e in ev), "evidence": ev})
    return agreements, divergences, unique


def positions(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's positions that two or more independent origins hold (what a reader sees as "these sources
    say the same"), each with its aspect's question, its statement and evidence, and whether one agreement
    gives the same evidence (the strict facts an agreement counts); no verdict yet."""
    agreed = {tuple(sorted((e["article"], e["start"]) for e in g.get("evidence") or []))
              for g in report.get("agreements") or []}
    out = []
    for aspect in report.get("aspects") or []:
        for p in aspect.get("positions") or []:
            if (p.get("independent_sources") or 0) < 2:
                continue
            ev = p.get("evidence") or []
            out.append({"text": p["statement"]["text"] if isinstance(p.get("statement"), dict) else p.get("statement"),
                        "question": aspect.get("question"), "origins": p.get("sources"),
                        "articles": p.get("articles"), "speakers": p.get("speakers"),
                        "is_agreement": tuple(sorted((e["article"], e["start"]) for e in ev)) in agreed,
                        "evidence": _ev({}, ev)})
    return out


def summary(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's summary sentences as audit items (text, kind, the articles cited, evidence); no verdict yet."""
    return [{"text": s["text"], "kind": s.get("kind"), "citations": s.get("citations"),
             "evidence": _ev({}, s.get("evidence") or [])} for s in report.get("summary") or []]


def item_key(item: dict[str, Any]) -> str:
    """What a verdict is about: the item's text, who its opening pronoun is shown to refer to, and the texts of its
    evidence (an agreement whose statement stays but whose other side or gloss changes is another item: it must be
    judged again)."""
    ev = sorted(key(e["text"]) for e in item.get("evidence") or [])
    shown = key(item["text"]) + (f" [{key(item['refers_to'])}]" if item.get("refers_to") else "")
    return " || ".join([shown, *ev])


def merge(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """New items, each with the judgement of the old item of the same text and evidence (else unjudged)."""
    judged = {item_key(o): o for o in old if o.get("verdict")}
    out = []
    for item in new:
        prior = judged.get(item_key(item))
        for k in JUDGED_KEYS:
            item[k] = prior.get(k) if prior else None
        out.append(item)
    return out


def prior(old: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The judged items of a previous run: current and retired (no longer in the report, not counted)."""
    return (old.get(kind) or []) + (old.get(f"retired_{kind}") or [])


def derive(story: dict[str, Any]) -> None:
    """``has_main_event_agreement``: a CORRECT agreement judged to state the main event; null while undecided."""
    ags = story["agreements"]
    if any(a.get("verdict") == "CORRECT" and a.get("main_event") for a in ags):
        story["has_main_event_agreement"] = True
    elif all(a.get("verdict") for a in ags):
        story["has_main_event_agreement"] = False
    else:
        story["has_main_event_agreement"] = None


def run(ids: list[str]) -> None:
    from newsprism.evaluation.stories import front_matter, host_of, report_of
    from newsprism.nlp.models import Models
    from newsprism.settings import Settings

    settings = Settings.load()  # NEWSPRISM_* variables and $NEWSPRISM_CONFIG apply, as for `newsprism evaluate`
    models = Models(settings)
    OUT.mkdir(parents=True, exist_ok=True)
    for sid, index, docs in selection():
        if ids and sid not in ids:
            continue
        # an ECB+ page's URL and its host as the outlet, as ingest records a fetched page (Clust-McMs has neither)
        texts = [(f"{CORPUS}:{d['ID']}", front_matter(body(d), title=d.get("title"), date=d.get("publish_date"),
                                                      url=d.get("url"), outlet=host_of(d.get("url"))))
                 for d in docs]
        report = report_of(texts, settings, models)
        path = OUT / f"{sid}.json"
        old = json.loads(path.read_text("utf-8")) if path.exists() else {}
        agreements, divergences, unique = items(report)
        story = {
            "story": sid, "cluster_index": index, "report_schema": report.get("schema"),
            "articles": [{"id": a["id"], "corpus_id": a["source"].split(":", 1)[1], "title": a["title"],
                          "date": a["published"], "copy_of": a.get("copy_of"), "copy_kind": a.get("copy_kind")}
                         for a in report["articles"]],
            # the report's own grouping of articles into independent origins (report schema 2)
            "system_origins": [o.get("articles") for o in report.get("origins") or []] or None,
            # the judge's grouping of the articles into independent origins, read from the texts (optional: the
            # stories judged since session 19 have it), against which ``system_origins`` is scored
            **({"judged_origins": old["judged_origins"]} if old.get("judged_origins") else {}),
            "main_event": old.get("main_event"),
            "independent_origins_reporting_main_event": old.get("independent_origins_reporting_main_event"),
            # real divergences the report does not give, found by reading the ``candidates`` pairs (judged)
            "missed_divergences": old.get("missed_divergences"),
            "has_main_event_agreement": None,
            "agreements": merge(agreements, prior(old, "agreements")),
            "divergences": merge(divergences, prior(old, "divergences")),
            "unique": unique,
            # positions two or more origins hold, judged SAME / PARTIAL / DIFFERENT (see bench/audit_figures.py)
            "positions": merge(positions(report), prior(old, "positions")),
            # the summary's sentences, judged GOOD / TRIVIAL / MISLEADING (see bench/audit_figures.py)
            "summary": merge(summary(report), prior(old, "summary")),
        }
        for kind in KINDS.values():  # judged items the report no longer has, kept for reuse
            now = {item_key(i) for i in story[kind]}
            story[f"retired_{kind}"] = [i for i in prior(old, kind) if i.get("verdict") and item_key(i) not in now]
        derive(story)
        path.write_text(json.dumps(story, indent=1, ensure_ascii=False) + "\n", "utf-8")
        new = sum(1 for kind in KINDS.values() for i in story[kind] if not i["verdict"])
        print(f"{sid}: {len(docs)} articles, {len(agreements)} agreements, {len(divergences)} divergences, "
              f"{len(story['positions'])} positions of 2+ origins, {len(story['summary'])} summary sentences, "
              f"{len(unique)} unique, "
              f"{new} unjudged", flush=True)


def judge(sid: str, lines: list[str]) -> None:
    """Write judgements read as lines: ``A3 CORRECT why...`` / ``D0 FALSE why...`` / ``P2 SAME why...`` /
    ``S1 GOOD why...`` (item index
    in the story file's lists), ``A3 main`` (agreement 3 states the main event), ``main_event: text``, ``origins: N``,
    ``missed: none`` or ``missed: <a real divergence the report lacks>``, ``summary_main: 2`` (the first summary
    sentence that states the main event) or ``summary_main: none``, ``judged_origins: 1 2 6 | 3 | 4 5`` (the
    judge's independent origins, every article once) (one line each)."""
    path = OUT / f"{sid}.json"
    story = json.loads(path.read_text("utf-8"))
    for line in (x.strip() for x in lines):
        if not line or line.startswith("#"):
            continue
        if line.startswith("main_event:"):
            story["main_event"] = line.split(":", 1)[1].strip()
        elif line.startswith("missed:"):  # "missed: none" or "missed: <the two positions, in words>"
            text = line.split(":", 1)[1].strip()
            story["missed_divergences"] = [] if text == "none" else (story.get("missed_divergences") or []) + [text]
        elif line.startswith("summary_main:"):
            at = line.split(":", 1)[1].strip()
            for i, item in enumerate(story["summary"]):
                item["main_event"] = at != "none" and i == int(at)
        elif line.startswith("origins:"):
            story["independent_origins_reporting_main_event"] = int(line.split(":", 1)[1])
        elif line.startswith("judged_origins:"):  # "judged_origins: 1 2 6 | 3 | 4 | 5 7 | 8": every article once
            groups = [sorted(int(x) for x in g.split()) for g in line.split(":", 1)[1].split("|") if g.strip()]
            ids = sorted(a["id"] for a in story["articles"])
            if sorted(x for g in groups for x in g) != ids:
                raise SystemExit(f"{sid}: judged_origins must name every article once ({ids})")
            story["judged_origins"] = groups
        else:
            ref, verdict, *why = line.split(None, 2)
            item = story[KINDS[ref[0]]][int(ref[1:])]
            if verdict == "main":
                item["main_event"] = True
                continue
            allowed = VERDICTS[ref[0]]
            if verdict not in allowed:
                raise SystemExit(f"{sid} {ref}: verdict {verdict!r} is not one of {allowed}")
            item["verdict"], item["why"] = verdict, why[0] if why else ""
            if ref[0] == "A" and item.get("main_event") is None:
                item["main_event"] = False
    derive(story)
    path.write_text(json.dumps(story, indent=1, ensure_ascii=False) + "\n", "utf-8")


def candidates(sid: str) -> None:
    """The pairs a reader checks for divergences the report may have missed: statements of two independent
    origins that share a counted noun with different values, carry different resolved dates, differ in polarity
    (both at MiniLM cosine >= 0.55; counted nouns from 0.4) or credit the same wording to different speakers
    (cosine >= 0.7). The judge reads each and records the real ones under ``missed_divergences``."""
    import datetime as dt

    from newsprism.model import Article
    from newsprism.nlp.models import Models
    from newsprism.pipeline import build_story
    from newsprism.settings import Settings
    from newsprism.story.aspects import _counted
    from newsprism.story.consolidate import story_frames
    from newsprism.evaluation.stories import host_of
    from newsprism.story.independence import origin_of

    models = Models(Settings.load())
    docs = next(d for s, _, d in selection() if s == sid)
    arts = [Article(id=n, text=body(d), source=f"{CORPUS}:{d['ID']}", title=d.get("title"), url=d.get("url"),
                    outlet=host_of(d.get("url")),
                    published=dt.date.fromisoformat(d["publish_date"][:10]) if d.get("publish_date") else None)
            for n, d in enumerate(docs, 1)]
    story = build_story(arts, models)
    frames = [f for f in story_frames(story, models) if f.statement]
    vectors = models.embedder.embed([f.content_text for f in frames])
    origin = origin_of(story.origins)
    for i, a in enumerate(frames):
        for j in range(i + 1, len(frames)):
            b = frames[j]
            if origin.get(a.article_id) == origin.get(b.article_id):
                continue
            sim = float(vectors[i] @ vectors[j])
            why = []
            va = {_counted(f): f.value for f in a.claim.figures if _counted(f)}
            if sim >= 0.4 and any(_counted(f) in va and va[_counted(f)] != f.value for f in b.claim.figures):
                why.append("numeric")
            da = {t.value for t in a.claim.times if t.kind == "date" and t.value}
            db = {t.value for t in b.claim.times if t.kind == "date" and t.value}
            if sim >= 0.55 and da and db and not da & db:
                why.append("temporal")
            if sim >= 0.55 and a.claim.polarity != b.claim.polarity:
                why.append("claim")
            if sim >= 0.7 and a.claim.speaker and b.claim.speaker and a.speaker_key != b.speaker_key:
                why.append("attribution")
            if why:
                print(f"[{','.join(why)}] cos {sim:.2f}\n  ({a.article_id}) {a.text}\n  ({b.article_id}) {b.text}")


def _print_evidence(spans: list[dict[str, Any]], indent: str = "   - ") -> None:
    for e in spans:
        print(f"{indent}({e['article']}) {e['text']}")


def show(sid: str) -> None:
    """The story's English articles, then its items numbered as ``judge`` reads them."""
    for s, index, docs in selection():
        if s == sid:
            for n, d in enumerate(docs, 1):
                print(f"=== [{n}] {d.get('title')} ({d.get('publish_date')})\n{body(d)}\n")
    path = OUT / f"{sid}.json"
    if not path.exists():
        return
    story = json.loads(path.read_text("utf-8"))
    for a in story["articles"]:
        print(f"article {a['id']}: {a['title']} (copy of {a['copy_of']})" if a["copy_of"] else
              f"article {a['id']}: {a['title']}")
    if story.get("system_origins"):
        print(f"origins (the report's): {story['system_origins']}")
    print(f"main event (judged): {story.get('main_event')} "
          f"({story.get('independent_origins_reporting_main_event')} independent origins report it)")
    for i, a in enumerate(story["agreements"]):
        print(f"\nA{i} [{a['support']}] sources {a['sources']} copies {a['copies']} origins {a.get('origins')} "
              f"verdict {a['verdict']}\n  {a['text']}" + (f"  [refers to: {a['refers_to']}]" if a.get("refers_to") else "")
              + (f"  — said by {', '.join(a['speakers'])}" if a.get("speakers") else ""))
        _print_evidence(a["evidence"])
    for i, d in enumerate(story["divergences"]):
        print(f"\nD{i} {d['type']} question {d['question']!r}: {d['explanation']!r} verdict {d['verdict']}")
        for p in d["positions"]:
            print(f"   * article {p['article']} speaker {p['speaker']} value {p['value']}")
            _print_evidence(p["evidence"], "       ")
    for i, p in enumerate(story.get("positions") or []):
        print(f"\nP{i} origins {p['origins']} question {p['question']!r} verdict {p['verdict']}\n  {p['text']}")
        _print_evidence(p["evidence"])
    for i, s in enumerate(story.get("summary") or []):
        print(f"\nS{i} [{s['kind']}] cites {s['citations']} verdict {s['verdict']} main event {s.get('main_event')}"
              f"\n  {s['text']}")
        _print_evidence(s["evidence"])


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--corpus" in args:
        at = args.index("--corpus")
        CORPUS = args[at + 1]
        if CORPUS not in ("clustmcms", "ecbplus", "ecb", "rest"):
            raise SystemExit(f"no audit corpus {CORPUS!r}: clustmcms, ecbplus, ecb or rest")
        OUT = ROOT / "tests" / "audit" / CORPUS
        del args[at:at + 2]
    if "--out" in args:  # write (and read prior verdicts) elsewhere, e.g. to try a branch without touching the audit
        at = args.index("--out")
        OUT = Path(args[at + 1])
        del args[at:at + 2]
    mode, rest = (args[0], args[1:]) if args else ("run", [])
    if mode == "run":
        run(rest)
    elif mode == "show":
        show(rest[0])
    elif mode == "judge":
        judge(rest[0], sys.stdin.read().splitlines())
    elif mode == "candidates":
        candidates(rest[0])
    elif mode == "list":
        for sid, index, docs in selection():
            print(sid, len(docs), [d.get("title") for d in docs])
    else:
        raise SystemExit(__doc__)
