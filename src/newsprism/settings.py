"""The one configuration object. Built by the CLI or API and passed down; never a module-level instance.

The ``Settings`` fields are the table of every setting: name, default and help (``newsprism settings`` prints
it). Where a value comes from, later ones winning:

1. the default in this table;
2. a TOML settings file: ``--config FILE``, else ``$NEWSPRISM_CONFIG`` (top-level ``name = value`` keys, or the
   same under a ``[newsprism]`` table);
3. an environment variable: ``NEWSPRISM_<NAME>`` (``NEWSPRISM_DB`` and ``NEWSPRISM_CACHE`` for the database and
   the cache folder);
4. a command-line option (``--db``, ``--max-bytes``, ...) or a keyword given to `Settings.load`.

Every value is converted to its field's type and checked; a bad one is a `ConfigError` naming the setting, the
value and where it came from.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import MISSING, Field, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_HOME = Path(os.environ.get("NEWSPRISM_HOME", Path.home() / ".newsprism"))
CONFIG_ENV = "NEWSPRISM_CONFIG"
_ENV_NAMES = {"db_url": "NEWSPRISM_DB", "cache_dir": "NEWSPRISM_CACHE"}


def default_db_url() -> str:
    """``$NEWSPRISM_DB`` if set, else a SQLite file in ``$NEWSPRISM_HOME`` (default ``~/.newsprism/newsprism.db``)."""
    return os.environ.get("NEWSPRISM_DB") or f"sqlite:///{DEFAULT_HOME / 'newsprism.db'}"


def default_cache_dir() -> Path:
    """Where built model files (the MiniLM .onnx) live: ``$NEWSPRISM_CACHE`` or ``$NEWSPRISM_HOME/cache``."""
    return Path(os.environ.get("NEWSPRISM_CACHE") or DEFAULT_HOME / "cache")


# -- checks a setting's value must pass (each returns what is wrong, or None) ------------------------------------

Check = Callable[[Any], "str | None"]


def _positive(v: Any) -> str | None:
    return None if v > 0 else "must be positive"


def _not_negative(v: Any) -> str | None:
    return None if v >= 0 else "must not be negative"


MAX_BYTES = 2**62  # a size limit beyond this is no limit at all (and overflows C sizes)


def _size(v: Any) -> str | None:
    return None if 0 < v <= MAX_BYTES else f"must be positive and at most {MAX_BYTES:,}"


def _share(v: Any) -> str | None:
    return None if 0.0 < v <= 1.0 else "must be in (0, 1]"


def _unit(v: Any) -> str | None:
    return None if 0.0 <= v <= 1.0 else "must be in [0, 1]"


def _setting(default: Any = MISSING, help: str = "", check: Check | None = None, *,  # noqa: A002
             factory: Callable[[], Any] | None = None) -> Any:
    meta = {"help": help, "check": check}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of newsprism: each field is one row (name, default, help, check) of the settings table."""

    db_url: str = _setting(help="the database: any SQLAlchemy URL", factory=default_db_url)
    cache_dir: Path = _setting(help="folder for built model files (the MiniLM ONNX graph) and the LSH banding",
                               factory=default_cache_dir)
    # ingest
    max_text_bytes: int = _setting(5_000_000, "sources with more text than this many bytes are skipped", _size)
    max_download_bytes: int = _setting(10_000_000, "size cap for one fetched URL, in bytes", _size)
    connect_timeout: float = _setting(5.0, "seconds to connect to a server", _positive)
    read_timeout: float = _setting(15.0, "seconds to wait for a server's next bytes", _positive)
    max_redirects: int = _setting(3, "HTTP redirects followed for one URL", _not_negative)
    allow_private: bool = _setting(False, "fetch loopback and private addresses (tests, intranets)")
    allow_link_local: bool = _setting(False, "fetch link-local addresses (169.254/16, fe80::/10) and cloud metadata "
                                             "endpoints; never implied by allow_private")
    max_fetch_seconds: float = _setting(60.0, "overall deadline for one download (connect, headers and body), "
                                              "against servers that drip bytes", _positive)
    max_feed_seconds: float = _setting(180.0, "overall budget for fetching the full texts of one feed's teaser "
                                              "entries", _positive)
    min_article_words: int = _setting(40, "an extracted page with fewer words is a stub (teaser, paywall)",
                                      _not_negative)
    feed_teaser_words: int = _setting(120, "a feed entry with fewer words is a teaser: its link's page is read",
                                      _not_negative)
    # copies (ingest/copies)
    near_duplicate_threshold: float = _setting(0.8, "MinHash Jaccard estimate at which two articles are near copies",
                                               _share)
    minhash_perm: int = _setting(128, "MinHash permutations per signature", _positive)
    shingle_words: int = _setting(5, "words per shingle of the near-duplicate index", _positive)
    # consolidation (story/independence, story/aspects, story/compare)
    origin_sentence_jaccard: float = _setting(0.6, "word-trigram Jaccard at which two sentences are near-identical",
                                              _share)
    origin_shared_share: float = _setting(0.35, "share of near-identical sentences (quotes aside) that makes two "
                                                "articles one origin", _share)
    origin_shared_run: int = _setting(3, "near-identical sentences, in the same order, that make two articles "
                                         "versions of one text whatever their lengths", _positive)
    origin_run_jaccard: float = _setting(0.5, "word-trigram Jaccard at which a run in order of one text, printed by "
                                              "one article as its own and quoted by the other, shows one origin",
                                              _share)
    origin_edited_jaccard: float = _setting(0.4, "word-trigram Jaccard at which a run in order of one text, printed "
                                                 "by both articles as their own words (no sentence of it inside a "
                                                 "quotation), shows an agency story and its edited version", _share)
    aspect_link: float = _setting(0.6, "average combined similarity (MiniLM + anchors) for statements to be one "
                                       "aspect", _share)
    position_similarity: float = _setting(0.72, "MiniLM cosine for two compatible statements to say the same thing",
                                          _share)
    position_similarity_anchored: float = _setting(0.6, "the same, when they share a figure, a date or two "
                                                        "participants besides the subject", _share)
    position_link: float = _setting(0.4, "average pair score (the cosine where the slots show two statements say "
                                         "the same) for statements to be one position", _share)
    reworded_share: float = _setting(0.6, "share of an article's claims aligned in order to one other article that "
                                          "makes it a reworded copy", _share)
    reworded_min_claims: int = _setting(3, "fewest claims an article needs to be found a reworded copy", _positive)
    reworded_sim: float = _setting(0.72, "MiniLM cosine at which a claim matches another for reworded copies",
                                   _share)
    same_fact_sim: float = _setting(0.82, "MiniLM cosine alone enough for two claims to state the same fact "
                                          "(paraphrase level on news sentences)", _share)
    same_fact_sim_with_slots: float = _setting(0.65, "the same, when the two claims share a figure", _share)
    related_sim: float = _setting(0.4, "MiniLM cosine below which two claims are not about the same thing unless "
                                       "shared entities and an event family say so", _share)
    numeric_conflict_sim: float = _setting(0.6, "MiniLM cosine two claims with figures of the same counted noun "
                                                "need before different values are a divergence", _share)
    negation_conflict_sim: float = _setting(0.4, "MiniLM cosine below which a claim and its denial are about "
                                                 "different things", _share)
    unique_per_article: int = _setting(3, "facts only one origin reports that are listed from any one article",
                                       _positive)
    origin_min_sentence_words: int = _setting(6, "shorter sentences are not compared between articles for shared "
                                                 "text (any two texts have \"He said so.\")", _positive)
    max_agreements: int = _setting(50, "agreements listed, best supported first", _not_negative)
    max_aspects: int = _setting(40, "aspects listed (those two or more independent origins speak to first)",
                                _not_negative)
    max_unique: int = _setting(24, "facts only one origin reports that are listed, most salient first",
                               _not_negative)
    # publication dates (story/pubdates)
    pubdate_window_days: int = _setting(10, "how many days from the story's dated articles an undated one's "
                                            "inferred date may lie", _not_negative)
    # timeline (story/timeline)
    story_lead_days: int = _setting(7, "events ending more than this many days before the first report are "
                                       "background history", _not_negative)
    same_event_minilm: float = _setting(0.78, "MiniLM cosine at which two sentences of one date tell the same "
                                              "event", _share)
    same_event_tokens: float = _setting(0.45, "the same, by token overlap (when MiniLM is not available)", _share)
    # summary (story/summary)
    summary_sentences: int = _setting(5, "sentences in the summary", _positive)
    summary_mmr_lambda: float = _setting(0.7, "weight of relevance against redundancy when choosing summary "
                                              "sentences", _unit)
    summary_redundant_minilm: float = _setting(0.85, "MiniLM cosine to a chosen sentence above which a candidate "
                                                     "says it again", _share)
    summary_redundant_tokens: float = _setting(0.6, "the same, by token overlap", _share)
    summary_headline_minilm: float = _setting(0.45, "MiniLM cosine of a lead sentence to its report's headline "
                                                    "at which it tells the headline's event (else it opens the "
                                                    "summary only after those that do; bench/headline_leads.py: on "
                                                    "Clust-McMs' marked main-event sentences it best separates "
                                                    "first sentences that state it)", _share)
    summary_headline_tokens: float = _setting(0.3, "the same, by token overlap", _share)
    summary_confident_divergence: float = _setting(0.75, "a divergence below this confidence is listed but never "
                                                         "summarised", _unit)
    group_across_languages: bool = _setting(True, "story grouping joins a report in another language to its story "
                                            "(by a multilingual model, loaded only once a second language is stored)")
    threads: int = _setting(2, "threads for the embedding model", _positive)
    # serving (api, web)
    max_body_bytes: int = _setting(16 * 1024 * 1024, "the API refuses request bodies over this many bytes (413), "
                                                     "from Content-Length before reading them", _positive)
    page_size: int = _setting(20, "articles per page of search results in the web app", _positive)

    def __post_init__(self) -> None:
        for f in fields(self):
            check = f.metadata.get("check")
            value = getattr(self, f.name)
            wrong = check(value) if check is not None else None
            if wrong:
                raise ConfigError(f"setting {f.name} {wrong} (got {value!r})", code="config.invalid")

    def with_(self, **changes: object) -> "Settings":
        """A copy with ``changes`` (``None`` values are ignored), each converted and checked."""
        return replace(self, **_converted({k: v for k, v in changes.items() if v is not None}, "option"))

    @classmethod
    def load(cls, config: str | os.PathLike[str] | None = None, *, env: Mapping[str, str] | None = None,
             **overrides: object) -> "Settings":
        """Defaults, then the TOML file (``config`` or ``$NEWSPRISM_CONFIG``), then ``NEWSPRISM_*`` environment
        variables, then ``overrides`` (``None`` values ignored).

        Raises:
            ConfigError: an unreadable or malformed file, an unknown setting, or a value of the wrong type or
                range (``config.file``, ``config.unknown``, ``config.invalid``).
        """
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        path = config if config is not None else env.get(CONFIG_ENV) or None
        if path is not None:
            values.update(_converted(read_config_file(Path(path)), f"file {path}"))
        for f in fields(cls):
            name = _ENV_NAMES.get(f.name, f"NEWSPRISM_{f.name.upper()}")
            if env.get(name):
                values.update(_converted({f.name: env[name]}, f"${name}"))
        values.update(_converted({k: v for k, v in overrides.items() if v is not None}, "option"))
        return cls(**values)


def table() -> list[Field[Any]]:
    """The settings table: every field with its ``metadata["help"]``, in order."""
    return list(fields(Settings))


def default_of(f: Field[Any]) -> Any:
    return f.default_factory() if f.default_factory is not MISSING else f.default  # type: ignore[misc]


def read_config_file(path: Path) -> dict[str, Any]:
    """The settings a TOML file sets: its top-level keys, or those of its ``[newsprism]`` table."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc.strerror or exc}", code="config.file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"settings file {path} is not valid TOML: {exc}", code="config.file") from None
    if isinstance(data.get("newsprism"), dict):
        data = data["newsprism"]
    return data


def _converted(values: Mapping[str, Any], where: str) -> dict[str, Any]:
    """``values`` converted to the fields' types; unknown names and unconvertible values raise."""
    by_name = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(values) - set(by_name))
    if unknown:
        raise ConfigError(f"unknown setting{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} ({where}); "
                          "`newsprism settings` lists them", code="config.unknown")
    out = {}
    for name, value in values.items():
        kind = type(default_of(by_name[name]))
        kind = Path if issubclass(kind, Path) else kind
        try:
            out[name] = _convert(value, kind)
        except (TypeError, ValueError):
            raise ConfigError(f"setting {name} must be {_KIND_WORDS.get(kind, kind.__name__)} (got {value!r}, "
                              f"{where})", code="config.invalid") from None
    return out


_KIND_WORDS = {bool: "true or false", int: "a whole number", float: "a number", str: "text", Path: "a path"}
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _convert(value: Any, kind: type) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(value)
    if kind is int:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(value)
        return int(value.replace("_", "") if isinstance(value, str) else value)
    if kind is float:
        if isinstance(value, bool):
            raise ValueError(value)
        return float(value)
    if issubclass(kind, Path):
        if not isinstance(value, (str, os.PathLike)):
            raise ValueError(value)
        return Path(value).expanduser()
    if not isinstance(value, str):
        raise ValueError(value)
    return value


def settings_of(models: Any) -> Settings:
    """The settings a stage reads: those its ``models`` were built with (defaults for bare test doubles)."""
    return getattr(models, "settings", None) or Settings()
