"""The article store: SQLAlchemy over any URL (a SQLite file by default), schema migrated on open.

Each ``add_draft`` is one transaction holding the article, its copy link and its duplicate-index entries, so a
failure on one source never loses the others and a process killed mid-run leaves a consistent database; running
the same ingest again stores what is missing and finds the rest already there.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine, and_, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..ingest import copies
from ..errors import ConfigError, IngestError, StorageError
from ..model import Article, ArticleDraft
from ..settings import Settings
from ..text import content_hash, normalise
from . import migrate
from .orm import GROUPING_EPOCH, ArticleRow, BandRow, IndexMetaRow, SignatureRow


@dataclass(frozen=True, slots=True)
class CopyLink:
    """A copy and the original it is linked to."""

    copy: Article
    original: Article


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What the stored duplicate index holds, for ``newsprism articles --copies``."""

    params: copies.IndexParams
    signatures: int
    band_rows: int
    buckets_shared: int  # buckets holding more than one article
    articles: int


_BUSY_SECONDS = 10  # how long a SQLite connection waits for another process's write lock


def _sqlite_connect(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
    # The driver must not open transactions itself: SQLAlchemy emits BEGIN (below), so DDL is transactional too
    # and a write transaction can take the write lock up front (the SQLAlchemy recipe for pysqlite).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={_BUSY_SECONDS * 1000}")  # wait for another writer instead of failing
    _journal_wal(dbapi_conn, cur)  # readers never block the writer; a killed writer leaves no torn state
    # In WAL mode NORMAL still survives a killed process with every committed article; only a power cut may lose
    # the last commits (never consistency). It saves an fsync per article.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _journal_wal(dbapi_conn, cur) -> None:  # noqa: ANN001 - DB-API connection and cursor
    # WAL is kept in the file, so only a new database switches. The switch needs the file to itself and SQLite
    # answers "database is locked" at once, without its busy handler, while another process is opening or
    # migrating the same new file: wait for that process as a writer would (up to the busy timeout), then switch.
    # (A database in memory answers "memory" and stays so.)
    if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    deadline = time.monotonic() + _BUSY_SECONDS
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except dbapi_conn.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(conn) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    # Writers say BEGIN IMMEDIATE: they queue on the lock (busy_timeout) rather than fail half-way when another
    # process (a second CLI run, the API) commits between their read and their write.
    mode = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql(f"BEGIN {mode}" if mode else "BEGIN")


_TURN_SECONDS = 0.11
_REBUILD_BATCH = 500  # articles read per rebuild transaction (it commits sooner when the time is up)
WRITE_OPTION = "sqlite_begin"
WRITE = {WRITE_OPTION: "IMMEDIATE"}  # execution options of a write transaction; ignored by other databases


def sqlite_file(url: str) -> Path | None:
    """The file a ``sqlite:///`` URL names, or None (another database, memory, or a ``file:`` URI)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:" \
            or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database).expanduser()


def storage_error(message: str, exc: BaseException, *, code: str) -> StorageError:
    """A `StorageError` whose message is one line (the driver's own words, never the SQL or its parameters);
    the full text is kept in ``detail`` for ``-v``."""
    orig = getattr(exc, "orig", None)
    reason = f"{type(orig).__name__}: {orig}" if orig is not None else str(exc)
    error = StorageError(f"{message}: {' '.join(reason.split()) if reason else type(exc).__name__}", code=code)
    error.detail = str(exc)  # type: ignore[attr-defined]
    return error


def make_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for ``url``; for a SQLite file, WAL and foreign keys are switched on, and its folder is created
    (``create``) or the file must exist already (``create=False``: reading commands never make one)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"not a database URL: {url!r} (e.g. sqlite:///path/to/file.db)",
                          code="config.db-url") from exc
    is_sqlite = parsed.get_backend_name() == "sqlite"
    path = sqlite_file(url)
    if path is not None and not create and not path.is_file():
        raise StorageError(f"no database at {path} (check --db or $NEWSPRISM_DB; reading commands never create "
                           "one)", code="store.missing")
    if path is not None and create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the database folder {path.parent}: "
                               f"{exc.strerror or exc}", code="store.open") from exc
    try:
        engine = create_engine(parsed)
    except (ArgumentError, ImportError) as exc:
        raise ConfigError(f"cannot use database {url!r}: {exc}", code="config.db-url") from exc
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def lock_meta(s: Session) -> None:
    """Take ``index_meta`` for this transaction on PostgreSQL (two processes opening a new database at once
    would both write its rows); SQLite's write transaction holds the whole database already."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(sql_text("LOCK TABLE index_meta IN SHARE ROW EXCLUSIVE MODE"))


def _to_article(row: ArticleRow) -> Article:
    return Article(id=row.id, text=row.text, source=row.source, source_kind=row.source_kind,  # type: ignore[arg-type]
                   title=row.title, outlet=row.outlet, author=row.author, url=row.url, published=row.published,
                   published_source=row.published_source, modified=row.modified, content_hash=row.content_hash,
                   copy_of=row.copy_of, copy_kind=row.copy_kind,  # type: ignore[arg-type]
                   copy_similarity=row.copy_similarity)


def _earliest_key(row: ArticleRow) -> tuple[bool, dt.date, int]:
    """Order originals: dated before undated, earliest published first, then earliest ingested."""
    return (row.published is None, row.published or dt.date.max, row.id)


class Store:
    """Articles and their duplicate index in one database.

    Args:
        settings: ``db_url`` and the duplicate-detection parameters are read from it.
        migrate_schema: run the Alembic migrations up to the newest revision on open (the default).

    Examples:
        >>> with Store(Settings(db_url="sqlite:///:memory:")) as store:  # doctest: +SKIP
        ...     article, created = store.add_draft(draft)
    """

    def __init__(self, settings: Settings, *, migrate_schema: bool = True, create: bool = True) -> None:
        self.settings = settings
        self.url = settings.db_url
        self.engine = make_engine(self.url, create=create)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        try:
            if migrate_schema:
                self._migrate()
            self._check_index_params()
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise storage_error(f"cannot open the database {self._safe_url()}", exc, code="store.open") from exc

    def _migrate(self) -> None:
        """Upgrade the schema; if another process upgraded the same database at the same moment, accept its work."""
        try:
            if migrate.current(self.engine) != migrate.head():  # checked first: no write lock in the usual case
                migrate.upgrade(self.engine)
        except SQLAlchemyError:
            if migrate.current(self.engine) != migrate.head():
                raise

    @cached_property
    def params(self) -> copies.IndexParams:
        """LSH parameters, computed on first need (reading commands never import datasketch)."""
        return copies.index_params(self.settings)

    # -- life cycle ------------------------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def _transaction(self, *, write: bool = False) -> Iterator[Session]:
        """One session, one transaction: committed on success, rolled back on any error."""
        with self._sessions() as session:
            try:
                with session.begin():
                    if write:
                        session.connection(execution_options=WRITE)
                    yield session
            except SQLAlchemyError as exc:
                raise storage_error(f"database error on {self._safe_url()}", exc, code="store.failed") from exc

    # -- writing ---------------------------------------------------------------------------------------------

    def add_draft(self, draft: ArticleDraft) -> tuple[Article, bool]:
        """Store one draft in its own transaction and link it to its original if it is a copy.

        Returns:
            The stored article and whether it was created (False: the same content from the same source was
            already stored, and that row is returned unchanged).

        Raises:
            IngestError: the draft holds no text.
            StorageError: the database refused the write.
        """
        text = normalise(draft.text)
        if not text:
            raise IngestError(draft.source, "no text (empty after normalisation)", code="ingest.no-text")
        digest = content_hash(text)
        try:
            with self._transaction(write=True) as s:
                existing = s.scalar(select(ArticleRow).where(ArticleRow.source == draft.source,
                                                             ArticleRow.content_hash == digest))
                if existing is not None:
                    return _to_article(existing), False
                row = ArticleRow(source=draft.source, source_kind=draft.source_kind, url=draft.url,
                                 title=draft.title, outlet=draft.outlet, author=draft.author,
                                 published=draft.published,
                                 published_source=draft.published_source if draft.published else None,
                                 modified=draft.modified, text=text, content_hash=digest,
                                 ingested_at=dt.datetime.now(dt.timezone.utc))
                s.add(row)
                s.flush()
                sig = copies.signature(text, self.params)
                self._link_copy(s, row, sig)
                self._index(s, row.id, sig)
                return _to_article(row), True
        except StorageError as exc:
            if isinstance(exc.__cause__, IntegrityError):  # another process stored the same draft meanwhile
                with self._transaction() as s:
                    again = s.scalar(select(ArticleRow).where(ArticleRow.source == draft.source,
                                                              ArticleRow.content_hash == digest))
                    if again is not None:
                        return _to_article(again), False
            raise

    def _index(self, s: Session, article_id: int, sig: copies.Signature) -> None:
        # Bulk INSERTs (no ORM objects to track): the index rows are written, never read back in this session.
        s.execute(insert(SignatureRow), [{"article_id": article_id, "num_perm": self.params.num_perm,
                                          "shingle_words": self.params.shingle_words, "shingles": sig.shingles,
                                          "signature": sig.to_bytes()}])
        bands = [{"article_id": article_id, "band": b, "bucket": k} for b, k in copies.band_keys(sig, self.params)]
        if bands:
            s.execute(insert(BandRow), bands)

    def _link_copy(self, s: Session, row: ArticleRow, sig: copies.Signature) -> None:
        """Find the original of ``row`` among stored articles and set its copy fields (or re-root the group)."""
        matches: dict[int, tuple[str, float]] = {}  # root id -> (kind, similarity)
        # Only articles stored before this one count (all of them at ingest; the ones done so far in a relink).
        for other in s.scalars(select(ArticleRow).where(ArticleRow.content_hash == row.content_hash,
                                                        ArticleRow.id < row.id)):
            matches[other.copy_of or other.id] = ("exact", 1.0)
        if not matches:
            for other_id, similarity in self._near(s, row.id, sig):
                other = s.get(ArticleRow, other_id)
                if other is None:
                    continue
                root = other.copy_of or other.id
                if similarity > matches.get(root, ("near", -1.0))[1]:
                    matches[root] = ("near", similarity)
        matches.pop(row.id, None)
        if not matches:
            return
        roots = sorted((s.get(ArticleRow, r) for r in matches), key=_earliest_key)  # type: ignore[arg-type]
        root = roots[0]
        kind, similarity = matches[root.id]
        if row.published is not None and root.published is not None and row.published < root.published:
            # The newcomer was provably published first: it becomes the original of the whole group.
            s.execute(update(ArticleRow).where(ArticleRow.copy_of == root.id).values(copy_of=row.id))
            root.copy_of, root.copy_kind, root.copy_similarity = row.id, kind, round(similarity, 4)
            return
        row.copy_of, row.copy_kind, row.copy_similarity = root.id, kind, round(similarity, 4)

    def _near(self, s: Session, article_id: int, sig: copies.Signature) -> list[tuple[int, float]]:
        """Stored articles sharing an LSH bucket with ``sig`` whose estimated similarity reaches the threshold."""
        keys = copies.band_keys(sig, self.params)
        if not keys:
            return []
        # One (band = ? AND bucket = ?) term per band: each term is a seek in the (band, bucket) index, so the
        # lookup costs the same in an empty store and in one of millions of rows (a bucket-only IN cannot use an
        # index led by band and scanned the whole table). Only articles stored before this one are candidates:
        # all of them at ingest, the ones already redone during a relink.
        terms = [and_(BandRow.band == band, BandRow.bucket == bucket) for band, bucket in keys]
        rows = s.execute(select(BandRow.article_id).where(or_(*terms), BandRow.article_id < article_id))
        candidates = sorted({aid for (aid,) in rows})
        if not candidates:
            return []
        out = []
        for stored in s.scalars(select(SignatureRow).where(
                SignatureRow.article_id.in_(candidates), SignatureRow.num_perm == self.params.num_perm,
                SignatureRow.shingle_words == self.params.shingle_words)):
            cid = stored.article_id
            similarity = sig.similarity(copies.Signature.from_bytes(stored.signature, stored.shingles))
            if similarity >= self.params.threshold:
                out.append((cid, similarity))
        return out

    # -- the duplicate index ---------------------------------------------------------------------------------

    def _check_index_params(self) -> None:
        """Rebuild the index if it was built with other parameters (e.g. a new threshold in the settings)."""
        with self._transaction() as s:
            if self._meta_matches(s):
                return  # the usual case, answered without taking the write lock
        with self._transaction(write=True) as s:
            lock_meta(s)
            if self._meta_matches(s):
                return
            if not s.scalar(select(func.count()).select_from(SignatureRow)):
                self._write_meta(s)
                return
        self.rebuild_duplicate_index()

    def _meta_matches(self, s: Session) -> bool:
        meta = {m.key: m.value for m in s.scalars(select(IndexMetaRow))}
        wanted = copies.key_params(self.settings)
        return {k: meta.get(k) for k in wanted} == wanted

    def _write_meta(self, s: Session) -> None:
        s.execute(delete(IndexMetaRow).where(IndexMetaRow.key != GROUPING_EPOCH))  # grouping's row is not ours
        s.add_all(IndexMetaRow(key=k, value=v) for k, v in self.params.as_meta().items())

    def rebuild_duplicate_index(self, *, relink: bool = False, batch_seconds: float = 0.5) -> int:
        """Recompute every signature and LSH bucket from the stored texts, in ingest order, in short transactions.

        Each transaction redoes the articles it can in about ``batch_seconds``, commits and pauses, so other writers (an
        ingest, the API) take turns with a long rebuild instead of failing with "database is locked". At every
        commit each article has a complete index entry and a valid copy link, so a rebuild that is killed leaves
        a consistent store, and running it again finishes the job. Articles stored while it runs are redone too.

        Args:
            relink: also re-detect every copy link from scratch, in ingest order (e.g. after changing the threshold);
                otherwise the links recorded at ingest are kept.
            batch_seconds: how long one transaction may hold the write lock (about).

        Returns:
            The number of articles indexed.
        """
        n, last = 0, 0
        while True:
            with self._transaction(write=True) as s:
                rows = s.scalars(select(ArticleRow).where(ArticleRow.id > last).order_by(ArticleRow.id)
                                 .limit(_REBUILD_BATCH)).all()
                if not rows:
                    break
                started = time.monotonic()
                for row in rows:
                    s.execute(delete(BandRow).where(BandRow.article_id == row.id))
                    s.execute(delete(SignatureRow).where(SignatureRow.article_id == row.id))
                    sig = copies.signature(row.text, self.params)
                    if relink:
                        # Its old link is dropped and found again among the articles before it, already redone.
                        row.copy_of, row.copy_kind, row.copy_similarity = None, None, None
                        self._link_copy(s, row, sig)
                    self._index(s, row.id, sig)
                    s.flush()
                    n, last = n + 1, row.id
                    if time.monotonic() - started > batch_seconds:
                        break
            # Lock released: pause for longer than SQLite's longest busy-handler sleep (100 ms), so a writer that
            # waits for the lock finds it free, rather than losing the race to our next BEGIN every time.
            time.sleep(_TURN_SECONDS)
        with self._transaction(write=True) as s:
            self._write_meta(s)
        return n

    def index_stats(self) -> IndexStats:
        with self._transaction() as s:
            shared = select(BandRow.band, BandRow.bucket).group_by(BandRow.band, BandRow.bucket) \
                .having(func.count() > 1).subquery()
            return IndexStats(
                params=self.params,
                signatures=s.scalar(select(func.count()).select_from(SignatureRow)) or 0,
                band_rows=s.scalar(select(func.count()).select_from(BandRow)) or 0,
                buckets_shared=s.scalar(select(func.count()).select_from(shared)) or 0,
                articles=s.scalar(select(func.count()).select_from(ArticleRow)) or 0,
            )

    # -- reading ---------------------------------------------------------------------------------------------

    def get(self, article_id: int) -> Article:
        """The article with this id. Raises ``KeyError`` if there is none."""
        if not -(2**63) <= article_id < 2**63:  # no such row can exist (and SQLite cannot even take the value)
            raise KeyError(article_id)
        with self._transaction() as s:
            row = s.get(ArticleRow, article_id)
            if row is None:
                raise KeyError(article_id)
            return _to_article(row)

    def get_many(self, ids: Iterable[int]) -> list[Article]:
        """The articles with these ids, in id order (unknown ids are left out)."""
        ids = sorted(set(ids))
        if not ids:
            return []
        with self._transaction() as s:
            return [_to_article(r) for r in s.scalars(select(ArticleRow).where(ArticleRow.id.in_(ids))
                                                      .order_by(ArticleRow.id))]

    def list(self, *, copies_only: bool = False, limit: int | None = None) -> list[Article]:
        """Stored articles in ingest order."""
        query = select(ArticleRow).order_by(ArticleRow.id)
        if copies_only:
            query = query.where(ArticleRow.copy_of.is_not(None))
        if limit is not None:
            query = query.limit(limit)
        with self._transaction() as s:
            return [_to_article(r) for r in s.scalars(query)]

    def copies(self) -> list[CopyLink]:
        """Every copy with the original it is linked to."""
        found = self.list(copies_only=True)
        originals = {a.id: a for a in self.get_many(a.copy_of for a in found if a.copy_of is not None)}
        return [CopyLink(a, originals[a.copy_of]) for a in found if a.copy_of in originals]

    def count(self) -> int:
        with self._transaction() as s:
            return s.scalar(select(func.count()).select_from(ArticleRow)) or 0
