"""The ``newsprism`` command (typer + rich). Each command parses its options, calls the core, and translates.

Exit codes (documented in README.md and docs/cli.md):

    0  everything asked for was done
    1  done, but some sources were skipped or read only in part (each said in one line on stderr)
    2  usage error: unknown option, bad value, bad database URL
    3  nothing could be done: no source gave an article, no such article, database or pipeline failure
"""

from __future__ import annotations

import enum
import errno
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from .errors import ConfigError, NewsprismError
from .settings import MAX_BYTES, Settings

if TYPE_CHECKING:  # pragma: no cover - records, tables and progress bars are loaded when a command needs them
    from .model import Article

REPO_ROOT = Path(__file__).resolve().parents[2]


class ExitCode(enum.IntEnum):
    OK = 0
    SKIPPED = 1
    USAGE = 2
    FATAL = 3


class Format(str, enum.Enum):
    json = "json"
    md = "md"
    html = "html"


class Corpus(str, enum.Enum):
    example = "example"
    timebank = "timebank"
    polnear = "polnear"
    nanco = "nanco"
    ecbplus_events = "ecbplus-events"
    ecbplus = "ecbplus"
    clustmcms = "clustmcms"


app = typer.Typer(
    name="newsprism",
    help="Split one news story into its sources: what they agree on, where they diverge, timeline, quotes, "
         "cited summary. Every item is traced to exact source spans.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# -- shared options ---------------------------------------------------------------------------------------------

Sources = Annotated[list[str], typer.Argument(help="Files, directories (recursive), globs, '-' for standard input, "
                                                   "or http(s) URLs of pages and RSS/Atom/JSON feeds.",
                                              show_default=False, metavar="SOURCES")]
DbOpt = Annotated[str | None, typer.Option("--db", metavar="URL", show_default=False,
                                           help="Any SQLAlchemy URL. Default: $NEWSPRISM_DB, else "
                                                "sqlite:///~/.newsprism/newsprism.db.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no closing line; "
                                                               "skipped sources are still reported.")]
PrivateOpt = Annotated[bool, typer.Option("--allow-private", help="Allow fetching loopback and private "
                                                                   "addresses.")]
LinkLocalOpt = Annotated[bool, typer.Option("--allow-link-local", help="Allow fetching link-local addresses "
                                                                       "(169.254.0.0/16, fe80::/10) and cloud "
                                                                       "metadata endpoints; never implied.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Print the full details of database errors.")]
MaxBytesOpt = Annotated[int | None, typer.Option("--max-bytes", min=1, max=MAX_BYTES, show_default=False,
                                                 help="Skip sources with more text than this (default 5,000,000).")]
FormatOpt = Annotated[Format | None, typer.Option("--format", "-f", show_default=False,
                                                  help="Report format (default: from the -o suffix, else md).")]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", show_default=False,
                                             help="Write the report to FILE instead of standard output.")]

err = Console(stderr=True, soft_wrap=True, highlight=False)


def _settings(db: str | None = None, *, allow_private: bool = False, max_bytes: int | None = None,
              allow_link_local: bool = False) -> Settings:
    """Defaults, then the settings file (--config or $NEWSPRISM_CONFIG), then NEWSPRISM_* variables, then options."""
    from typer._click.globals import get_current_context  # typer's own click: its context holds --config

    ctx = get_current_context(silent=True)
    config = (ctx.find_root().obj or {}).get("config") if ctx is not None else None
    try:
        return Settings.load(config, db_url=db, allow_private=allow_private or None, max_text_bytes=max_bytes,
                             allow_link_local=allow_link_local or None)
    except ConfigError as exc:
        _fail(str(exc), ExitCode.USAGE, error_code=exc.code)


def _fail(message: str, code: ExitCode = ExitCode.FATAL, *, error_code: str) -> NoReturn:
    # the stable code of docs/errors.md, e.g. [ingest.empty]
    err.print(f"[bold red]error \\[{error_code}]:[/] {escape(message)}")
    raise typer.Exit(int(code))


@contextmanager
def _errors() -> Iterator[None]:
    """Translate core errors into one line on stderr and a documented exit code."""
    try:
        yield
    except ConfigError as exc:
        _fail(str(exc), ExitCode.USAGE, error_code=exc.code)
    except NewsprismError as exc:
        _fail(str(exc), ExitCode.FATAL, error_code=exc.code)


def _open_store(settings: Settings, *, create: bool = True):  # noqa: ANN202 - imported lazily: --help stays fast
    from .storage import Store

    return Store(settings, create=create)  # reading commands pass create=False: a mistyped --db makes no file


class _Progress:
    """A rich progress display on stderr, shown only on a terminal and never with --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and err.is_terminal
        from rich.progress import (
            BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
        )

        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("{task.fields[detail]}"), console=err, transient=True,
                            disable=not self.enabled)
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> "_Progress":
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)  # type: ignore[arg-type]

    def ingest(self, done: int, total: int, source: str) -> None:
        task = self.tasks.get("ingest")
        if task is None:
            task = self.tasks["ingest"] = self.bar.add_task("reading sources", total=total, detail="")
        self.bar.update(task, completed=done, total=total, detail=escape(_short(source, 40)))

    def stage(self, stage: str, done: int, total: int) -> None:
        """Pipeline progress: one bar for per-article extraction, one for the story stages (named as they end)."""
        key = "extract" if stage == "extract" else "story"
        task = self.tasks.get(key)
        if task is None:
            label = "extracting facts per article" if key == "extract" else "story stages"
            task = self.tasks[key] = self.bar.add_task(label, total=total, detail="")
        self.bar.update(task, completed=done, total=total, detail="" if key == "extract" else f"{stage} done")


def _table(*columns: str, **options: Any) -> Any:
    from rich.table import Table  # loaded by the commands that print one, not by --help

    return Table(*columns, **options)


def _short(text: str, width: int = 50) -> str:
    """The end of a long path or URL (where the file name is)."""
    return text if len(text) <= width else "…" + text[-width + 1:]


def _clip(text: str, width: int = 60) -> str:
    """The start of a long title."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _report_ingest(result: Any, quiet: bool, verbose: bool = False) -> None:
    for problem in result.skipped:
        err.print(f"[yellow]skipped[/] {escape(str(problem))} [dim]\\[{problem.code}][/]")
        if verbose and getattr(problem, "detail", None):  # a database error's SQL and driver text, with -v only
            err.print(escape(problem.detail), style="dim")
    for problem in result.problems:
        err.print(f"[yellow]problem[/] {escape(str(problem))} [dim]\\[{problem.code}][/]")
    if not quiet:
        for note in result.notes:
            err.print(f"[dim]note[/] {escape(note)}")
        err.print(escape(result.summary_line()))


def _ingest(sources: Sequence[str], settings: Settings, store: Any, quiet: bool, verbose: bool = False) -> Any:
    from .service import ingest_sources

    with _Progress(quiet) as progress:
        result = ingest_sources(sources, settings, store, progress=progress.ingest)
    _report_ingest(result, quiet, verbose)
    return result


def _ingest_exit(result: Any) -> ExitCode:
    if not result.articles:
        return ExitCode.FATAL
    return ExitCode.SKIPPED if result.skipped or result.problems else ExitCode.OK


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"newsprism {__version__}")
        raise typer.Exit()


@app.callback()
def _main(ctx: typer.Context,
          version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False,
          config: Annotated[Path | None, typer.Option("--config", metavar="FILE", show_default=False,
                                                      help="A TOML settings file (default: $NEWSPRISM_CONFIG). "
                                                           "See `newsprism settings`.")] = None) -> None:
    """Split one news story into its sources: what they agree on, where they diverge, timeline, quotes, cited
    summary. Every item is traced to exact source spans."""
    ctx.obj = {"config": config}


# -- commands -------------------------------------------------------------------------------------------------


class EngineName(str, enum.Enum):
    local = "local"
    ray = "ray"


EngineOpt = Annotated[EngineName, typer.Option("--engine", help="Where the bulk work runs: this process, or Ray.")]
RayAddressOpt = Annotated[str | None, typer.Option("--ray-address", metavar="ADDRESS", show_default=False,
                                                   help="Join this Ray cluster ('auto', 'ray://HOST:10001'); "
                                                        "default: start a local Ray for the run.")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", min=1, show_default=False,
                                                help="Ray workers (default: 2 locally, the cluster's CPUs).")]




@app.command()
def ingest(sources: Sources, db: DbOpt = None, quiet: QuietOpt = False, allow_private: PrivateOpt = False,
           max_bytes: MaxBytesOpt = None, allow_link_local: LinkLocalOpt = False, verbose: VerboseOpt = False,
           engine: Annotated[EngineName | None, typer.Option(
               "--engine", show_default=False, help="Also analyse the stories the new articles joined, on this "
                                                    "engine (local or ray), and store their reports.")] = None,
           ray_address: RayAddressOpt = None, workers: WorkersOpt = None) -> None:
    """Store articles from files, directories, globs, '-' or URLs; copies are detected and linked, and each new
    article joins its story (or founds one) in the database."""
    settings = _settings(db, allow_private=allow_private, max_bytes=max_bytes, allow_link_local=allow_link_local)
    with _errors(), _open_store(settings) as store:
        result = _ingest(sources, settings, store, quiet, verbose)
        if engine is not None and result.stories:
            _analyse_stories(store, settings, result.stories, engine, ray_address, workers, quiet)
    code = _ingest_exit(result)
    if code == ExitCode.FATAL:
        _fail("no article could be ingested from the sources given", error_code="ingest.empty")
    raise typer.Exit(int(code))


def _analyse_stories(store: Any, settings: Settings, story_ids: Sequence[int] | None, engine: "EngineName",
                     ray_address: str | None, workers: int | None, quiet: bool,
                     output: Path | None = None) -> int:
    """Analyse grouped stories (these, or all) on the engine; store each report (and write it to ``output``)."""
    from .engine import open_engine
    from .service import save_story_report
    from .stories.stored import rebuild as rebuild_stories, stored_stories

    wanted = None if story_ids is None else set(story_ids)
    found = [g for g in stored_stories(store) if wanted is None or g.id in wanted]

    def done(story: Any, report: dict[str, Any]) -> None:
        save_story_report(store, story.id, story.articles, report)
        if output is not None:
            (output / f"story-{story.id}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
        if not quiet:
            err.print(f"story {story.id}: {len(story.articles)} articles, {escape(_clip(story.title or ''))}")

    with open_engine(engine.value, settings, ray_address=ray_address, workers=workers) as eng:
        rebuild_stories(found, eng, done)
    return len(found)


@app.command()
def rebuild(db: DbOpt = None, engine: EngineOpt = EngineName.local, ray_address: RayAddressOpt = None,
            workers: WorkersOpt = None,
            output: Annotated[Path | None, typer.Option("--output", "-o", metavar="DIR", show_default=False,
                                                        help="Also write each story's JSON report to "
                                                             "DIR/story-ID.json.")] = None,
            quiet: QuietOpt = False) -> None:
    """Analyse every stored story (articles not grouped yet join theirs first) on the local engine or on Ray,
    and store each report in the database."""
    from .stories.stored import group_stored

    settings = _settings(db)
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
    with _errors(), _open_store(settings) as store:
        articles = store.count()
        if not articles:
            _fail("no stored article: nothing to rebuild", error_code="store.empty")
        group_stored(store)
        n = _analyse_stories(store, settings, None, engine, ray_address, workers, quiet, output)
    if not quiet:
        err.print(f"{articles} articles in {n} stories, analysed on the {engine.value} engine; reports stored")


@app.command()
def regroup(db: DbOpt = None, quiet: QuietOpt = False) -> None:
    """Group every stored article afresh (in the order stored) and record what moved: stories merged, articles
    moved out of a story they were wrongly joined to."""
    from .stories.stored import grouping_for

    settings = _settings(db)
    with _errors(), _open_store(settings) as store:
        change = grouping_for(store).regroup()
    if not quiet:
        moved = sum(len(v) for v in change.moved.values())
        err.print(f"{len(change.touched)} stories changed: {moved} articles moved, {len(change.created)} stories "
                  f"founded, {len(change.removed)} merged away")


StateOpt = Annotated[Path | None, typer.Option("--state", metavar="FILE", show_default=False,
                                               help="The feeds' state file: validators and backoff (default: "
                                                    "$NEWSPRISM_HOME/watch.json); stories and updates are in the "
                                                    "database.")]


def _state_path(state: Path | None) -> Path:
    from .settings import DEFAULT_HOME

    return state if state is not None else DEFAULT_HOME / "watch.json"


@app.command()
def watch(feeds: Annotated[list[str], typer.Argument(help="Feed URLs (RSS, Atom, JSON Feed).", metavar="FEED...")],
          interval: Annotated[str, typer.Option("--interval", help="Time between polls of one feed: 30s, 15m, 2h.")]
          = "15m",
          polls: Annotated[int | None, typer.Option("--polls", min=1, show_default=False,
                                                    help="Stop after N polls (default: run until interrupted).")]
          = None,
          once: Annotated[bool, typer.Option("--once", help="Poll once and stop (same as --polls 1).")] = False,
          state: StateOpt = None, db: DbOpt = None, allow_private: PrivateOpt = False,
          quiet: QuietOpt = False) -> None:
    """Poll feeds (conditional GET, per-feed backoff), ingest new entries, group them into stories, rebuild the
    stories they touch and keep what changed (see `newsprism stories`)."""
    import time

    from .stories.watch import Watcher, parse_interval

    try:
        seconds = parse_interval(interval)
    except ValueError as exc:
        _fail(str(exc), ExitCode.USAGE, error_code="config.invalid")
    settings = _settings(db, allow_private=allow_private)
    limit = 1 if once else polls
    done = 0
    with _errors(), _open_store(settings) as store:
        watcher = Watcher(feeds, settings, store, state_path=_state_path(state), interval=seconds)
        try:
            while limit is None or done < limit:
                if done:
                    time.sleep(watcher.seconds_to_next())
                result = watcher.poll()
                done += 1
                for e in result.failed + result.skipped:
                    err.print(f"skipped {escape(str(e))}", highlight=False)
                if not quiet:
                    err.print(f"poll {done}: {len(result.polled)} feeds polled, {len(result.not_modified)} not "
                              f"modified, {len(result.new_articles)} new articles, {len(result.touched)} stories "
                              f"rebuilt, {len(result.updates)} updates")
        except KeyboardInterrupt:
            pass
        finally:
            watcher.close()


def _grouped_stories(db: str | None, as_json: bool) -> None:
    """Every grouped story in the store with its articles and the updates `watch` recorded for it."""
    from .storage.stories import Stories
    from .stories.stored import stored_stories, stories_json

    settings = _settings(db)
    with _errors(), _open_store(settings) as store:
        grouped = stored_stories(store)
        out = stories_json(grouped, Stories(store).changes())
    if as_json:
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    table = _table("id", "articles", "updates", "title", title=f"{len(grouped)} stories")
    for entry in out["stories"]:
        table.add_row(str(entry["id"]), str(len(entry["articles"])), str(len(entry["updates"])),
                      escape(_clip(entry["title"] or "")))
    Console(soft_wrap=False).print(table)


@app.command()
def articles(
    db: DbOpt = None,
    copies: Annotated[bool, typer.Option("--copies", help="Show only copies, linked to their originals, and the "
                                                          "duplicate index.")] = False,
    rebuild_index: Annotated[bool, typer.Option("--rebuild-index", help="Recompute the duplicate index from "
                                                                        "the stored texts first.")] = False,
    relink: Annotated[bool, typer.Option("--relink", help="With --rebuild-index: re-detect every copy link.")]
    = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List stored articles (id, date, outlet, title, source, copy link)."""
    settings = _settings(db)
    with _errors(), _open_store(settings, create=False) as store:
        if rebuild_index or relink:
            n = store.rebuild_duplicate_index(relink=relink)
            err.print(f"duplicate index rebuilt over {n} articles" + (" (copy links re-detected)" if relink else ""))
        if copies:
            links = store.copies()
            stats = store.index_stats()
            if as_json:
                typer.echo(json.dumps({"index": _stats_json(stats), "copies": [
                    {"id": c.copy.id, "copy_of": c.original.id, "copy_kind": c.copy.copy_kind,
                     "copy_similarity": c.copy.copy_similarity, "source": c.copy.source,
                     "original_source": c.original.source} for c in links]}, indent=2))
                return
            _print_copies(links, stats)
            return
        found = store.list()
    if as_json:
        typer.echo(json.dumps([_article_meta(a) for a in found], indent=2, ensure_ascii=False))
        return
    table = _table("id", "published", "outlet", "title", "source", "copy of", title=f"{len(found)} articles")
    table.expand = True  # id, date and link keep their width; title and source share the rest
    for column, ratio in zip(table.columns, (None, None, None, 3, 2, None)):
        column.no_wrap, column.overflow, column.ratio = True, "ellipsis", ratio
    table.columns[2].max_width = 16
    for a in found:
        link = f"{a.copy_of} ({a.copy_kind}, {a.copy_similarity:.2f})" if a.copy_of else ""
        table.add_row(str(a.id), a.published.isoformat() if a.published else "—", escape(a.outlet or ""),
                      escape(_clip(a.title or a.text.split("\n", 1)[0])), escape(_source_label(a)), link)
    Console(soft_wrap=False).print(table)


def _source_label(a: Article) -> str:
    """A file's name (its full path is in `newsprism show`), or the URL."""
    return Path(a.source).name if a.source_kind in ("text", "html") else a.source


def _stats_json(stats: Any) -> dict[str, Any]:
    p = stats.params
    return {"threshold": p.threshold, "num_perm": p.num_perm, "shingle_words": p.shingle_words, "bands": p.bands,
            "rows": p.rows, "signatures": stats.signatures, "band_rows": stats.band_rows,
            "buckets_shared": stats.buckets_shared, "articles": stats.articles}


def _print_copies(links: list[Any], stats: Any) -> None:
    out = Console()
    p = stats.params
    out.print(f"duplicate index: {stats.signatures} signatures of {stats.articles} articles, MinHash {p.num_perm} "
              f"permutations over {p.shingle_words}-word shingles, LSH {p.bands} bands x {p.rows} rows, threshold "
              f"{p.threshold}; {stats.buckets_shared} buckets shared by more than one article", highlight=False)
    table = _table("copy", "original", "kind", "similarity", "copy source", "original source",
                  title=f"{len(links)} copies")
    for c in links:
        table.add_row(str(c.copy.id), str(c.original.id), c.copy.copy_kind or "",
                      f"{c.copy.copy_similarity:.3f}" if c.copy.copy_similarity is not None else "",
                      escape(_short(c.copy.source, 40)), escape(_short(c.original.source, 40)))
    out.print(table)


def _article_meta(a: Article) -> dict[str, Any]:
    return {"id": a.id, "source": a.source, "source_kind": a.source_kind, "url": a.url, "title": a.title,
            "outlet": a.outlet, "author": a.author, "published": a.published.isoformat() if a.published else None,
            "published_source": a.published_source, "modified": a.modified.isoformat() if a.modified else None,
            "content_hash": a.content_hash, "copy_of": a.copy_of, "copy_kind": a.copy_kind,
            "copy_similarity": a.copy_similarity}


@app.command()
def show(
    article_id: Annotated[int, typer.Argument(metavar="ID", help="The article id (see `newsprism articles`).")],
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (metadata and text).")] = False,
) -> None:
    """Print one stored article: its metadata and its stored text (the text every span points into)."""
    settings = _settings(db)
    with _errors(), _open_store(settings, create=False) as store:
        try:
            article = store.get(article_id)
        except KeyError:
            _fail(f"no article {article_id} in {settings.db_url}", error_code="store.no-such-article")
    if as_json:
        typer.echo(json.dumps(_article_meta(article) | {"text": article.text}, indent=2, ensure_ascii=False))
        return
    out = Console(highlight=False)
    for key, value in _article_meta(article).items():
        if value is not None:
            out.print(f"[bold]{key}:[/] {escape(str(value))}")
    out.print()
    out.print(article.text, markup=False)


@app.command()
def reindex(
    db: DbOpt = None,
    relink: Annotated[bool, typer.Option("--relink", help="Also re-detect every copy link, in ingest order.")]
    = False,
    batch_seconds: Annotated[float, typer.Option(
        "--batch-seconds", min=0.01, help="How long one transaction may hold the write lock (about).")] = 0.5,
) -> None:
    """Rebuild the duplicate index (MinHash signatures and LSH buckets) from the stored texts."""
    settings = _settings(db)
    with _errors(), _open_store(settings, create=False) as store:
        n = store.rebuild_duplicate_index(relink=relink, batch_seconds=batch_seconds)
        copies = len(store.copies())
    err.print(f"duplicate index rebuilt over {n} articles; {copies} copies")


def _print_problems(problems: list[str]) -> None:
    for line in problems:
        err.print(f"problem {escape(line)}", highlight=False)


def _check_output(output: Path | None) -> None:
    """Fail at once, before any ingest or analysis, when the report could not be written to ``output``."""
    if output is None:
        return
    try:
        if output.is_dir():
            raise IsADirectoryError(errno.EISDIR, "it is a directory")
        output.parent.mkdir(parents=True, exist_ok=True)
        existed = output.exists()
        with output.open("ab"):  # opened for appending: an existing report is not touched yet
            pass
        if not existed:
            output.unlink()
    except OSError as exc:
        _fail(f"cannot write the report to {output}: {exc.strerror or exc}", ExitCode.USAGE,
              error_code="cli.output")


def _emit(text: str, fmt: Format, output: Path | None, quiet: bool) -> None:
    if output is not None:
        try:  # written next to its place, then moved there: a failed write never leaves half a report
            tmp = output.with_name(f".{output.name}.tmp")
            tmp.write_text(text, "utf-8")
            os.replace(tmp, output)
        except OSError as exc:  # checked before the analysis, so this is rare (a full disk): keep the report
            fd, kept = tempfile.mkstemp(prefix="newsprism-report-", suffix=output.suffix)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            _fail(f"cannot write the report to {output}: {exc.strerror or exc}; it was saved to {kept}",
                  error_code="cli.output")
        if not quiet:
            err.print(f"report written to {escape(str(output))}")
        return
    out = Console()
    if fmt == Format.md and out.is_terminal:
        from rich.markdown import Markdown

        out.print(Markdown(text))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _format_for(fmt: Format | None, output: Path | None) -> Format:
    if fmt is not None:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return {"json": Format.json, "html": Format.html, "htm": Format.html}.get(suffix, Format.md)


StoryOpt = Annotated[str | None, typer.Option("--story", metavar="ID|NAME", show_default=False,
                                              help="With no sources: report the stored story ID (as `newsprism "
                                                   "stories` lists it). With sources: keep the story in the "
                                                   "database under NAME: the articles join it (created if new) and "
                                                   "the report is the story's, rebuilt only when its articles or "
                                                   "the pipeline changed.")]


@app.command()
def analyze(sources: Annotated[list[str] | None, typer.Argument(
                help="Files, directories (recursive), globs, '-' for standard input, or http(s) URLs of pages and "
                     "RSS/Atom/JSON feeds (none with --story ID).", show_default=False, metavar="SOURCES")] = None,
            fmt: FormatOpt = None, output: OutOpt = None, db: DbOpt = None,
            quiet: QuietOpt = False, allow_private: PrivateOpt = False, max_bytes: MaxBytesOpt = None,
            allow_link_local: LinkLocalOpt = False, verbose: VerboseOpt = False, story: StoryOpt = None) -> None:
    """Ingest the sources, then report the story they tell: built from exactly the articles of these sources
    (with --story, from every article of the kept story)."""
    from .render import render

    from .service import analyse_sources

    settings = _settings(db, allow_private=allow_private, max_bytes=max_bytes, allow_link_local=allow_link_local)
    fmt = _format_for(fmt, output)
    _check_output(output)
    if not sources:
        if story is None or not story.strip().isdigit():
            _fail("give sources to analyse, or --story ID of a stored story", ExitCode.USAGE,
                  error_code="config.invalid")
        _emit(render(_stored_story_report(settings, int(story), quiet), fmt.value), fmt, output, quiet)
        raise typer.Exit(0)
    if story is not None:
        with _errors(), _open_store(settings) as store:
            result = _ingest(sources, settings, store, quiet, verbose)
            if not result.articles:
                _fail("no article could be ingested from the sources given: nothing to analyse",
                      error_code="ingest.empty")
            report = _keep_story(store, story, result, settings, quiet)
        _emit(render(report, fmt.value), fmt, output, quiet)
        raise typer.Exit(int(_ingest_exit(result)))
    with _errors(), _open_store(settings) as store, _Progress(quiet) as progress:
        analysis = analyse_sources(sources, settings=settings, store=store, progress=progress.ingest,
                                   stage_progress=progress.stage,
                                   on_ingested=lambda r: _report_ingest(r, quiet, verbose))
    _print_problems(analysis.problems)
    _emit(render(analysis.report, fmt.value), fmt, output, quiet)
    result = analysis.ingest
    raise typer.Exit(int(_ingest_exit(result)))


def _stored_story_report(settings: Settings, story_id: int, quiet: bool) -> dict[str, Any]:
    """The report of stored story ``story_id``: the stored one if current, else rebuilt and stored."""
    from .service import build_story_report
    from .storage.stories import Stories

    with _errors(), _open_store(settings, create=False) as store, _Progress(quiet) as progress:
        try:
            build = build_story_report(store, story_id, settings, progress=progress.stage)
        except KeyError:
            _fail(f"no story {story_id} (see `newsprism stories`)", error_code="story.not-found")
        if build.report is not None:
            _print_problems(build.problems)
            return build.report
        stored = Stories(store).report(story_id)
    if stored is None:
        _fail(f"story {story_id} has no article: nothing to report", error_code="story.empty")
    return json.loads(stored.text)


def _keep_story(store: Any, name: str, result: Any, settings: Settings, quiet: bool) -> dict[str, Any]:
    from .service import keep_story

    if not name.strip():
        _fail("--story needs a name", ExitCode.USAGE, error_code="config.invalid")
    with _Progress(quiet) as progress:
        build, report = keep_story(store, name.strip(), [a.id for a in result.articles], settings,
                                   progress=progress.stage)
    _print_problems(build.problems)
    if not quiet:
        s = build.story
        how = "report rebuilt" if build.rebuilt else "report unchanged (same articles, same pipeline)"
        err.print(f"story {escape(name)} (id {s.id}): {s.articles} articles, {how}")
    return report


@app.command()
def stories(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    kept: Annotated[bool, typer.Option("--kept", help="Instead: every story kept in the database, named ones "
                                                      "too, with counts and report status.")] = False,
) -> None:
    """List every story of the stored articles (each article in exactly one, as grouping placed it) with its
    articles and the updates `watch` recorded; with --kept, every kept story with counts and report status."""
    if not kept:
        _grouped_stories(db, as_json)
        return
    from .service import list_stories

    settings = _settings(db)
    with _errors(), _open_store(settings) as store:
        found = list_stories(store)
    if as_json:
        typer.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    table = _table("id", "name", "title", "art.", "indep.", "diverg.", "updated (UTC)", "report",
                  title=f"{len(found)} stories")
    table.expand = True  # the title takes what the other columns leave
    for column in table.columns:
        column.no_wrap, column.overflow = True, "ellipsis"
    table.columns[1].min_width = min(24, max((len(s["name"] or "") for s in found), default=4))
    table.columns[2].ratio, table.columns[2].min_width = 1, 20
    table.columns[7].min_width = 7
    for s in found:
        table.add_row(str(s["id"]), escape(s["name"] or ""), escape(_clip(s["title"] or "")), str(s["articles"]),
                      "" if s["independent_sources"] is None else str(s["independent_sources"]),
                      "" if s["divergences"] is None else str(s["divergences"]),
                      (s["updated"] or "").replace("T", " ")[:16], s["status"])
    Console(soft_wrap=False).print(table)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let the API fetch loopback, private and "
                                                                         "link-local addresses.")] = False,
    max_body: Annotated[int | None, typer.Option("--max-body", min=1, show_default=False,
                                                 help="Refuse request bodies over this many bytes (413); "
                                                      "default 16 MB.")] = None,
    example: Annotated[Path | None, typer.Option("--example", metavar="DIR", show_default=False,
                                                 help="Ingest this folder as a story first (make serve: the "
                                                      "bundled example).")] = None,
) -> None:
    """Serve the HTTP API and the web app (FastAPI + uvicorn). Writes need a bearer token when NEWSPRISM_TOKEN is
    set; without one they are open to loopback clients only."""
    import os

    settings = _settings(db, allow_private=allow_private)
    if max_body is not None:
        settings = settings.with_(max_body_bytes=max_body)
    with _errors():
        from .api import serve as run_server

        run_server(settings, host=host, port=port, token=os.environ.get("NEWSPRISM_TOKEN") or None,
                   example=example, log=lambda line: err.print(escape(line)))


def _data_dir(data: Path | None) -> Path:
    if data is not None:
        return data
    from .evaluation import data_root

    return data_root()


@app.command()
def evaluate(
    corpus: Annotated[Corpus, typer.Option("--corpus", help="example: the bundled story against its hand gold; "
                                                            "timebank / polnear / nanco / ecbplus-events: annotated "
                                                            "corpora; ecbplus / clustmcms: story grouping "
                                                            "(B-cubed).")]
    = Corpus.example,
    data: Annotated[Path | None, typer.Option("--data", metavar="DIR", show_default=False,
                                              help="Corpus folder (default: $NEWSPRISM_DATA, else ../shared/data "
                                                   "next to the repository).")] = None,
    example: Annotated[Path, typer.Option("--example", metavar="DIR", help="Example story folder.")]
    = REPO_ROOT / "examples" / "kherson",
    gold: Annotated[Path, typer.Option("--gold", metavar="DIR", help="Gold folder of the example story.")]
    = REPO_ROOT / "tests" / "gold" / "kherson",
    limit: Annotated[int | None, typer.Option("--limit", min=1, show_default=False,
                                              help="Corpora: score only the first N documents (quick runs).")]
    = None,
    split: Annotated[str, typer.Option("--split", metavar="dev|train",
                                       help="PolNeAR: the split to score (polnear-dev or polnear-train).")] = "dev",
    sample: Annotated[int, typer.Option("--sample", min=1, metavar="K",
                                        help="PolNeAR: score every K-th article by name (a deterministic "
                                             "sample of a large split).")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Measure precision and recall per feature (example story in a temporary database, or a corpus)."""
    settings = _settings(None)
    with _errors():
        if corpus == Corpus.example:
            scores = _evaluate_example(example, gold, settings, quiet)
        else:
            if split not in ("dev", "train") or (corpus != Corpus.polnear and (split != "dev" or sample != 1)):
                _fail("--split (dev|train) and --sample apply to --corpus polnear only", ExitCode.USAGE,
                      error_code="config.invalid")
            scores = _evaluate_corpus(corpus.value, _data_dir(data), settings, limit, split=split, sample=sample)
    if as_json:
        typer.echo(json.dumps([s.as_dict() for s in scores], indent=2))
        return
    from .evaluation import Figure

    pr = [s for s in scores if not isinstance(s, Figure)]
    figures = [s for s in scores if isinstance(s, Figure)]
    if figures:  # figures that are not precision/recall pairs (balanced accuracy, coverage)
        table = _table("figure", "value", "counts", title=f"evaluation: {corpus.value}")
        for f in figures:
            table.add_row(f.feature, f"{f.value:.3f}", ", ".join(f"{k} {v}" for k, v in f.detail.items()))
        Console().print(table)
    if pr:
        table = _table("feature", "precision", "recall", "F1", "found", "gold", title=f"evaluation: {corpus.value}")
        for s in pr:
            table.add_row(s.feature, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.found),
                          str(s.gold))
        Console().print(table)


def _evaluate_example(example: Path, gold: Path, settings: Settings, quiet: bool) -> list[Any]:
    from .evaluation.example import evaluate_report

    if not example.is_dir():
        _fail(f"example story not found at {example} (evaluate runs from a source checkout; use --example DIR)",
              error_code="evaluate.data-missing")
    if not gold.is_dir():
        _fail(f"gold folder not found at {gold} (use --gold DIR)", error_code="evaluate.data-missing")
    from .service import analyse_sources

    with tempfile.TemporaryDirectory(prefix="newsprism-eval-") as tmp:
        settings = settings.with_(db_url=f"sqlite:///{Path(tmp) / 'eval.db'}")
        with _open_store(settings) as store, _Progress(quiet) as progress:
            analysis = analyse_sources([str(example)], settings=settings, store=store,
                                       stage_progress=progress.stage)
        _print_problems(analysis.problems)
    report = analysis.report
    return evaluate_report(report, gold)


CORPUS_FOLDERS = {"timebank": "timebank-aquaint", "polnear": "polnear-dev", "nanco": "nanco-val",
                  "ecbplus-events": "ecbplus-dev", "ecbplus": "ecbplus-dev", "clustmcms": "clustmcms-dev"}


def _evaluate_corpus(name: str, data_dir: Path, settings: Settings, limit: int | None = None, *,
                     split: str = "dev", sample: int = 1) -> list[Any]:
    import importlib

    from .nlp.models import Models

    try:
        module = importlib.import_module(f"newsprism.evaluation.{name.replace('-', '_')}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("newsprism.evaluation"):
            _fail(f"the {name} evaluator (newsprism.evaluation.{name}) is not available in this version",
                  error_code="evaluate.data-missing")
        raise
    folder = f"polnear-{split}" if name == "polnear" else CORPUS_FOLDERS[name]
    if (data_dir / folder).is_dir():  # the shared data root rather than the corpus folder itself
        data_dir = data_dir / folder
    if not data_dir.is_dir():
        _fail(f"{name} corpus data folder not found: {data_dir} (give --data DIR or set NEWSPRISM_DATA)",
              error_code="evaluate.data-missing")
    if name == "polnear":
        return module.evaluate(data_dir, Models(settings), limit=limit, sample=sample)
    return module.evaluate(data_dir, Models(settings), limit=limit)


@app.command("settings")
def settings_command(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: name, value, default, help.")] = False,
) -> None:
    """List every setting with its current value (defaults < settings file < NEWSPRISM_* < options) and help."""
    from .settings import default_of, table

    settings = _settings(db)
    rows = [{"name": f.name, "value": _plain(getattr(settings, f.name)), "default": _plain(default_of(f)),
             "env": _env_name(f.name), "help": f.metadata.get("help", "")} for f in table()]
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    # Printed as a TOML settings file, each setting under its help: the output can be saved and edited.
    lines = []
    for r in rows:
        default = "" if r["value"] == r["default"] else f" (default: {_toml(r['default'])})"
        lines += [f"# {r['help']}{default}; ${r['env']}", f"{r['name']} = {_toml(r['value'])}", ""]
    typer.echo("\n".join(lines).rstrip())


def _toml(value: Any) -> str:
    return json.dumps(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Path) else value


def _env_name(name: str) -> str:
    from .settings import _ENV_NAMES

    return _ENV_NAMES.get(name, f"NEWSPRISM_{name.upper()}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI in-process and return its exit code (for tests and ``python -m newsprism``)."""
    try:
        app(args=argv, prog_name="newsprism", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


# One command is one short process that allocates millions of small objects while it imports, loads the models and
# parses, few of them cyclic garbage: the default first-generation threshold (700) runs a collection every 700 of
# them and a full one every 70,000. At 50,000 the bench measures ~4 % less CPU for an example analysis; a long
# command (serve, watch) only holds young garbage a little longer. Set here, for the process, not in main():
# tests and library users call main() in their own processes.
GC_THRESHOLD = 50_000
# NumPy's OpenBLAS starts a thread per core and keeps them spinning after each product; the products of a report
# are many and small (positions: 70 of them cost 0.65 s CPU on two threads, 0.01 s on one), and on two cores the
# spinning thread takes CPU from the stages. The models' threads are their own (ONNX Runtime's, spaCy's blis).
# A value the user set wins; it only takes effect if NumPy is not loaded yet, which is so when the command starts.
BLAS_THREADS = "1"


def process_defaults() -> None:
    """The command's process-wide settings (BLAS threads, collector threshold); the consolidation bench sets them
    too, so that it times what the command runs. Call before NumPy is imported."""
    import gc

    os.environ.setdefault("OPENBLAS_NUM_THREADS", BLAS_THREADS)
    gc.set_threshold(GC_THRESHOLD, 10, 10)


def run() -> None:
    """The ``newsprism`` command and ``python -m newsprism``."""
    process_defaults()
    sys.exit(main())


if __name__ == "__main__":
    run()
