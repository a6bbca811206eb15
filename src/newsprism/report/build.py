"""The JSON report ``newsprism.report/3``: the contract between the core and every surface.

Documented in docs/report.md and fixed by ``report/schema/report.schema.json``. Every item of every section carries
``evidence``: spans ``{"article", "start", "end", "text"}`` whose text is the exact slice of the stored article.
Surfaces (CLI, API, web page, evaluation) read this dict, never the internal records.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

from ..model import (
    Agreement, Article, ArticleFacts, Aspect, Divergence, Entity, Figure, Origin, Quote, SourceLink, Span, Story,
    SummarySentence, TimeExpr, TimelineEntry,
)

SCHEMA_ID = "newsprism.report/3"


class _Texts:
    """Resolves spans to their exact text, so evidence is always the source slice."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.by_id = {a.id: a for a in articles}

    def span(self, span: Span | None) -> dict[str, Any] | None:
        if span is None:
            return None
        article = self.by_id[span.article_id]
        return {"article": span.article_id, "start": span.start, "end": span.end, "text": span.text(article)}

    def spans(self, spans: Iterable[Span | None]) -> list[dict[str, Any]]:
        return [self.span(s) for s in spans if s is not None]  # type: ignore[misc]

    def outlets(self, article_ids: Iterable[int]) -> list[str]:
        """The known outlets of these articles, each once, in article order (an article without one adds none)."""
        out: list[str] = []
        for aid in sorted(set(article_ids)):
            name = self.by_id[aid].outlet
            if name and name not in out:
                out.append(name)
        return out


def support_label(origins: int, outlets: int, copies: int = 0) -> str:
    """"2 independent sources, 5 outlets": counts of independent origins first, then the outlets that carry it."""
    label = f"{origins} independent source{'s' if origins != 1 else ''}"
    if outlets > origins:
        label += f", {outlets} outlets"
    elif copies:
        label += f" (+{copies} cop{'ies' if copies != 1 else 'y'})"
    return label

def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def article_json(a: Article, facts: ArticleFacts | None, texts: _Texts, *, with_text: bool = True) -> dict[str, Any]:
    inferred = None
    if a.published_inferred:
        p = a.published_inferred
        inferred = {"value": _iso(p.value), "method": p.method, "reason": p.reason,
                    "earliest": _iso(p.earliest or p.value), "latest": _iso(p.latest or p.value),
                    "evidence": texts.spans(p.evidence)}
    out: dict[str, Any] = {
        "id": a.id,
        "source": a.source,
        "source_kind": a.source_kind,
        "path": a.source if a.source_kind in ("text", "html", "stdin") else None,
        "url": a.url,
        "title": a.title,
        "outlet": a.outlet,
        "author": a.author,
        "published": _iso(a.published),
        "published_source": a.published_source,
        "modified": _iso(a.modified),
        "published_inferred": inferred,
        "copy_of": a.copy_of,
        "copy_kind": a.copy_kind,
        "copy_similarity": a.copy_similarity,
        "sentence_count": len(facts.story_sentences()) if facts else None,
    }
    if with_text:
        out["text"] = a.text
    return out


def entity_json(e: Entity, texts: _Texts) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "roles": list(e.roles),
            "links": [{"alias": x.alias, "rule": x.rule} for x in e.links],
            "articles": sorted({m.article_id for m in e.mentions}), "evidence": texts.spans(e.mentions)}


def figure_json(f: Figure, texts: _Texts) -> dict[str, Any]:
    return {"value": f.value, "value_high": f.value_high, "unit": f.unit, "qualifier": f.qualifier,
            "counts": f.counts, "kind": f.kind, "article": f.span.article_id,
            "evidence": texts.spans([f.span, f.conversion])}


def quote_json(q: Quote, texts: _Texts) -> dict[str, Any]:
    return {"text": texts.span(q.span)["text"], "direct": q.direct, "speaker": q.speaker,  # type: ignore[index]
            "speaker_entity": q.speaker_entity, "attributed": q.speaker is not None, "cue": q.cue,
            "addressee": q.addressee, "article": q.span.article_id,
            "speaker_evidence": texts.span(q.speaker_span), "cue_evidence": texts.span(q.cue_span),
            "evidence": texts.spans(q.parts or (q.span,))}


def time_json(t: TimeExpr, texts: _Texts) -> dict[str, Any]:
    return {"value": t.value, "granularity": t.granularity, "kind": t.kind, "mod": t.mod,
            "start": _iso(t.start), "end": _iso(t.end), "anchored": t.anchored, "article": t.span.article_id,
            "evidence": texts.spans([t.span])}


def agreement_json(g: Agreement, texts: _Texts) -> dict[str, Any]:
    arts = sorted({*g.sources, *g.copies, *(e.article_id for e in g.evidence)})
    outlets = texts.outlets(arts)
    return {"statement": texts.span(g.statement)["text"], "statement_evidence": texts.span(g.statement),  # type: ignore[index]
            "independent_sources": len(g.sources), "sources": list(g.sources), "copies": list(g.copies),
            "articles": arts, "outlets": outlets, "support": support_label(len(g.sources), len(outlets), len(g.copies)),
            "score": round(g.score, 4), "cohesion": round(g.cohesion, 4), "speakers": list(g.speakers),
            **({"refers_to": g.refers_to} if g.refers_to else {}), "evidence": texts.spans(g.evidence)}


def divergence_json(d: Divergence, texts: _Texts) -> dict[str, Any]:
    return {"type": d.type, "topic": d.topic, "question": d.question, "explanation": d.explanation,
            "confidence": round(d.confidence, 4),
            "positions": [{"article": p.article_id, "speaker": p.speaker, "value": p.value, "subject": p.subject,
                           "articles": list(p.articles or (p.article_id,)),
                           "outlets": texts.outlets(p.articles or (p.article_id,)),
                           "evidence": texts.spans(p.evidence)} for p in d.positions],
            "evidence": texts.spans(s for p in d.positions for s in p.evidence)}


def origin_json(o: Origin, texts: _Texts) -> dict[str, Any]:
    return {"articles": list(o.articles), "outlets": texts.outlets(o.articles), "reason": o.reason,
            "evidence": texts.spans(o.evidence)}


def aspect_json(a: Aspect, texts: _Texts, agreements: Sequence[Agreement] = ()) -> dict[str, Any]:
    # a position groups statements alike in meaning; only the agreements inside it state one fact its origins share
    # (a reader must not take "2 independent sources" on a position for a confirmed fact)
    positions = [{"statement": texts.span(p.statement)["text"], "statement_evidence": texts.span(p.statement),  # type: ignore[index]
                  "independent_sources": len(p.origins), "sources": list(p.origins), "articles": list(p.articles),
                  "outlets": texts.outlets(p.articles), "speakers": list(p.speakers),
                  "agreements": [n for n, g in enumerate(agreements) if set(g.evidence) <= set(p.evidence)],
                  "evidence": texts.spans(p.evidence)}
                 for p in a.positions]
    arts = {aid for p in a.positions for aid in p.articles}
    return {"question": a.question, "independent_sources": len(a.origins), "sources": list(a.origins),
            "outlets": texts.outlets(arts), "centrality": round(a.centrality, 4), "divergence": a.divergence,
            "positions": positions, "evidence": texts.spans(e for p in a.positions for e in p.evidence)}


def source_link_json(link: SourceLink, texts: _Texts) -> dict[str, Any]:
    return {"kind": link.kind, "name": link.name, "articles": list(link.articles), "evidence": texts.spans(link.evidence)}


def timeline_json(t: TimelineEntry, texts: _Texts) -> dict[str, Any]:
    return {"value": t.value, "granularity": t.granularity, "label": t.label, "start": _iso(t.start),
            "end": _iso(t.end), "background": t.background, "inferred": t.inferred, "divergence": t.divergence,
            "articles": sorted({s.article_id for s in t.evidence}), "evidence": texts.spans(t.evidence)}


def summary_json(s: SummarySentence, texts: _Texts) -> dict[str, Any]:
    return {"text": s.text, "kind": s.kind, "citations": sorted({e.article_id for e in s.evidence}),
            "evidence": texts.spans(s.evidence)}


def build_report(story: Story, *, skipped: Iterable[str] = (), generated: dt.datetime | None = None) -> dict[str, Any]:
    """The report dict for one story. ``skipped`` lists the sources that could not be ingested, one line each."""
    texts = _Texts(story.articles)
    facts_by_id = {f.article.id: f for f in story.facts}
    originals = [a for a in story.articles if a.copy_of is None]
    origins = story.origins or tuple(Origin((a.id,)) for a in story.articles)  # before consolidation: one each
    return {
        "schema": SCHEMA_ID,
        "generated": (generated or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds"),
        "story": {
            "title": next((a.title for a in originals if a.title), None),
            "articles": len(story.articles),
            "independent_articles": len(originals),
            "independent_origins": len(origins),
            "outlets": len(texts.outlets(a.id for a in story.articles)),
            "copies": len(story.articles) - len(originals),
        },
        "articles": [article_json(a, facts_by_id.get(a.id), texts) for a in story.articles],
        "entities": [entity_json(e, texts) for e in story.entities],
        "figures": [figure_json(f, texts) for fa in story.facts for f in fa.figures],
        "quotes": [quote_json(q, texts) for fa in story.facts for q in fa.quotes],
        "time_expressions": [time_json(t, texts) for fa in story.facts for t in fa.times],
        "origins": [origin_json(o, texts) for o in origins],
        "agreements": [agreement_json(g, texts) for g in story.agreements],
        "divergences": [divergence_json(d, texts) for d in story.divergences],
        "aspects": [aspect_json(a, texts, story.agreements) for a in story.aspects],
        "source_links": [source_link_json(s, texts) for s in story.source_links],
        "timeline": [timeline_json(t, texts) for t in story.timeline],
        "summary": [summary_json(s, texts) for s in story.summary],
        "problems": list(story.problems),
        "skipped": list(skipped),
    }


@cache
def schema() -> dict[str, Any]:
    return json.loads(resources.files("newsprism.report").joinpath("schema/report.schema.json").read_text("utf-8"))


def validate(report: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if the report breaks the contract."""
    import jsonschema

    jsonschema.validate(report, schema())


def check_evidence(report: dict[str, Any]) -> list[str]:
    """Faithfulness: every evidence span's text equals the slice of its article. Returns the violations."""
    texts = {a["id"]: a["text"] for a in report["articles"]}
    bad: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if {"article", "start", "end", "text"} <= node.keys() and isinstance(node.get("start"), int):
                src = texts.get(node["article"])
                if src is None or src[node["start"]:node["end"]] != node["text"]:
                    bad.append(f"{where}: span {node['article']}:{node['start']}-{node['end']} != source")
            for k, v in node.items():
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")

    for section, items in report.items():
        if section != "articles":
            walk(items, section)
    for a in report["articles"]:
        if a.get("published_inferred"):
            walk(a["published_inferred"], f"articles[{a['id']}].published_inferred")
    return bad
