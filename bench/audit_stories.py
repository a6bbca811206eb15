"""Audit harness (not a test): real multi-article clusters from ../shared/data run through the pipeline.

Usage: .venv/bin/python bench/audit_stories.py report [cluster...]   # Markdown reports to read
       .venv/bin/python bench/audit_stories.py pubdates [cluster...] # blank each date, infer, compare
Reads the corpora in place; no corpus text is copied into the repository.
"""
import sys, csv, datetime as dt
from pathlib import Path
from dataclasses import replace

from newsprism.model import Article
from newsprism.nlp.models import Models
from newsprism.settings import Settings
from newsprism.pipeline import build_story
from newsprism.report import build_report
from newsprism.render import render
from newsprism.evaluation.timebank import read_tml

D = Path(__file__).resolve().parents[1].parent / "shared" / "data"
meta = {r["filename"]: r for r in csv.DictReader(open(D/"polnear-dev/metadata.tsv"), delimiter="\t")}
CLUSTERS = {
 "health": ["breitbart_2016-09-12_stealth-over-health-hillary-clin", "west-journal_2016-09-14_clinton-hid-past-health-problems", "breitbart_2016-09-15_pat-caddell-democrat-voters-worr"],
 "debate": ["usa-today_2016-09-23_ready-for-trump-vs-clinton-his-p", "usa-today_2016-09-23_trump-questions-the-fairness-of-", "politico_2016-09-25_poll-clinton-and-trump-in-dead-h", "wash-post_2016-09-29_the-real-trump-showed-up-at-deba", "west-journal_2016-09-30_new-poll-shows-minor-post-debate"],
 "embassy": ["APW19980807.0261", "APW19980808.0022", "XIE19980808.0049", "APW19980809.0700"],
 "nato": ["APW19990312.0251", "NYT19990312.0271", "XIE19990313.0031", "XIE19990313.0229"],
 "kopp": ["NYT19990505.0443", "APW19990506.0155", "APW19990507.0207"],
 "elian": ["APW20000107.0088", "APW20000107.0318", "APW20000115.0209"],
}
def articles(name):
    out = []
    for n, f in enumerate(CLUSTERS[name], 1):
        if f in meta:
            m = meta[f]; text = (D/"polnear-dev/text"/(f+".txt")).read_text("utf-8")
            out.append(Article(id=n, text=text, source=f, title=m["title"], outlet=m["publisher"],
                               published=dt.date.fromisoformat(m["publication_date"]), published_source="metadata"))
        else:
            doc = read_tml(D/"timebank-aquaint/AQUAINT"/(f+".tml"))
            out.append(Article(id=n, text=doc.text, source=f, outlet=f[:3], published=doc.dct, published_source="dct"))
    return out

if __name__ == "__main__":
    models = Models(Settings())
    mode = sys.argv[1]
    names = sys.argv[2:] or list(CLUSTERS)
    for name in names:
        arts = articles(name)
        if mode == "report":
            story = build_story(arts, models)
            print(f"\n\n######## CLUSTER {name}")
            print(render(build_report(story), "md"))
            
        else:
            for i in range(len(arts)):
                a2 = list(arts); truth = a2[i].published
                a2[i] = replace(a2[i], published=None, published_source=None)
                story = build_story(a2, models, until="pubdates")
                inf = story.articles[i].published_inferred
                v = inf.value if inf else None
                verdict = "UNDATED" if v is None else ("RIGHT" if v == truth else "WRONG")
                print(f"{name} {arts[i].source} truth={truth} inferred={v} {verdict} :: {inf.method + ' ' + inf.reason if inf else [p for p in story.problems if 'undated' in p]}", flush=True)
