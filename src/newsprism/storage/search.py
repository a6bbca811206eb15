"""Full-text search over stored articles, by the database's own index: FTS5 on SQLite, tsvector on PostgreSQL.

A query is split into words (runs of letters and digits, lower-cased); an article matches when its title or text
holds every word. Both indexes tokenise the same way (no stemming, no accent folding; see migration 0002), so the
same query finds the same articles on both databases. Results come newest first (highest id), which is the same
order on both; relevance ranks differ between the two engines and are not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from ..model import Article

if TYPE_CHECKING:  # pragma: no cover
    from .store import Store

SEARCH_CHARS = 200_000  # how much of each text is indexed (migration 0002)
MAX_WORDS = 16  # longer queries are cut: each word is one more index lookup

_WORD = re.compile(r"[^\W_]+")


def words(query: str) -> list[str]:
    """The words of a query, lower-cased, without repeats, in order."""
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))[:MAX_WORDS]


def search(s: Session, query: str, *, limit: int, offset: int = 0) -> tuple[list[int], int]:
    """Ids of the articles matching every word of ``query`` (newest first) and how many match in all.

    A query with no word matches nothing.
    """
    found = words(query)
    if not found:
        return [], 0
    dialect = s.get_bind().dialect.name
    if dialect == "sqlite":
        # Each word a quoted FTS5 string: no operator or column filter can be smuggled in through the query.
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in found)
        where, params = "rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q)", {"q": match}
    elif dialect == "postgresql":
        # The indexed expression, word for word, so the GIN index serves the query; each word a quoted lexeme.
        tsq = " & ".join("'" + w.replace("'", "''") + "'" for w in found)
        where = (f"to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || left(text, {SEARCH_CHARS})) "
                 "@@ to_tsquery('simple'::regconfig, :q)")
        params = {"q": tsq}
    else:  # any other database: a plain scan, same semantics on lower-cased words
        return _scan(s, found, limit=limit, offset=offset)
    total = s.execute(sql(f"SELECT count(*) FROM articles WHERE {where}"), params).scalar_one()
    ids = s.execute(sql(f"SELECT id FROM articles WHERE {where} ORDER BY id DESC LIMIT :limit OFFSET :offset"),
                    params | {"limit": limit, "offset": offset}).scalars().all()
    return list(ids), int(total)


def _scan(s: Session, found: list[str], *, limit: int, offset: int) -> tuple[list[int], int]:
    rows = s.execute(sql("SELECT id, title, text FROM articles ORDER BY id DESC")).all()
    hits = [r.id for r in rows
            if set(found) <= set(words(f"{r.title or ''} {r.text[:SEARCH_CHARS]}"))]
    return hits[offset:offset + limit], len(hits)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of matching articles, newest first, and how many match in all."""

    articles: list[Article]
    total: int


def search_articles(store: "Store", query: str, *, limit: int = 20, offset: int = 0) -> SearchPage:
    """The articles of ``store`` matching every word of ``query`` (see `search`)."""
    with store._transaction() as s:  # noqa: SLF001 - same package
        ids, total = search(s, query, limit=limit, offset=offset)
    by_id = {a.id: a for a in store.get_many(ids)}
    return SearchPage([by_id[i] for i in ids if i in by_id], total)


def recent_articles(store: "Store", *, limit: int = 20, offset: int = 0) -> SearchPage:
    """Stored articles, newest first, one page of them, and how many are stored."""
    with store._transaction() as s:  # noqa: SLF001 - same package
        ids = list(s.execute(sql("SELECT id FROM articles ORDER BY id DESC LIMIT :limit OFFSET :offset"),
                             {"limit": limit, "offset": offset}).scalars())
        total = int(s.execute(sql("SELECT count(*) FROM articles")).scalar_one())
    by_id = {a.id: a for a in store.get_many(ids)}
    return SearchPage([by_id[i] for i in ids if i in by_id], total)
