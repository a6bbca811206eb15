"""Sources: directories, globs, stdin, missing paths; one bad source never stops the rest."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path

import pytest

from newsprism.errors import IngestError
from newsprism.ingest import iter_drafts
from newsprism.ingest.sources import expand_source
from newsprism.model import ArticleDraft

from .conftest import DATA, TODAY

KHERSON = Path(__file__).resolve().parents[2] / "examples" / "kherson"


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, ArticleDraft)], [i for i in items if isinstance(i, IngestError)]


def test_example_folder_with_copy_empty_and_binary(tmp_path, file_settings):
    """The issue's scenario: four examples, an exact copy, an empty file and a binary file in one folder."""
    for path in sorted(KHERSON.glob("*.txt")):
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(KHERSON / "000_bc99e4526b0d7b06.txt", tmp_path / "004_copy.txt")
    (tmp_path / "005_empty.txt").write_bytes(b"")
    (tmp_path / "006_binary.bin").write_bytes(bytes(range(256)) * 8)
    drafts, errors = split(iter_drafts([str(tmp_path)], file_settings.with_(max_text_bytes=5_000_000), today=TODAY))
    assert [Path(d.source).name for d in drafts] == ["000_bc99e4526b0d7b06.txt", "001_ef148b2b24f95f6d.txt",
                                                     "002_160ca2489a0774a9.txt", "003_fce05b1cdafe814c.txt",
                                                     "004_copy.txt"]
    assert [d.published for d in drafts] == [dt.date(2022, 11, 11), dt.date(2022, 11, 12), None,
                                             dt.date(2022, 11, 11), dt.date(2022, 11, 11)]
    assert drafts[4].text == drafts[0].text  # the copy is kept; the store links it to its original
    assert [str(e) for e in errors] == [f"{tmp_path / '005_empty.txt'}: empty file (0 bytes)",
                                        f"{tmp_path / '006_binary.bin'}: binary content (NUL bytes)"]


def test_directory_recursive_sorted_skipping_hidden_and_docs(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("b/2.txt", "a/z.txt", "a/1.txt", "0.txt", ".hidden.txt", ".git/config", "README.md", "LICENSE",
                "PROVENANCE.md", "readme_not_really.txt"):
        (tmp_path / rel).write_text("x", "utf-8")
    names = [p.relative_to(tmp_path).as_posix() for p in expand_source(str(tmp_path))]
    assert names == ["0.txt", "a/1.txt", "a/z.txt", "b/2.txt", "readme_not_really.txt"]  # by path parts


def test_glob_and_missing(tmp_path, file_settings):
    for n in (2, 1):
        (tmp_path / f"r{n}.txt").write_text(f"Report number {n} says the river rose overnight.", "utf-8")
    (tmp_path / "other.md").write_text("Not matched.", "utf-8")
    drafts, errors = split(iter_drafts([str(tmp_path / "r*.txt"), str(tmp_path / "nope.txt"),
                                        str(tmp_path / "*.zzz")], file_settings, today=TODAY))
    assert [Path(d.source).name for d in drafts] == ["r1.txt", "r2.txt"]
    assert [e.reason for e in errors] == ["no such file or directory", "no file matches this pattern"]


def test_named_doc_file_is_read(tmp_path, file_settings):
    (tmp_path / "README.md").write_text("A note a user asked for by name.", "utf-8")
    (d,) = iter_drafts([str(tmp_path / "README.md")], file_settings, today=TODAY)
    assert isinstance(d, ArticleDraft)


@pytest.mark.parametrize("data, kind, text_start", [
    (" date 2023-03-03 Flood waters receded on Friday.".encode("utf-8"), "stdin", "Flood waters"),
    ((DATA / "article.html").read_bytes(), "stdin", "The Harbour Bridge"),
])
def test_stdin(file_settings, data, kind, text_start):
    (d,) = iter_drafts(["-"], file_settings, stdin=io.BytesIO(data), today=TODAY)
    assert d.source == "-" and d.source_kind == kind and d.text.startswith(text_start)


def test_stdin_feed_and_empty(file_settings):
    drafts, _ = split(iter_drafts(["-"], file_settings, stdin=io.BytesIO((DATA / "atom.xml").read_bytes()),
                                  today=TODAY))
    assert [d.source_kind for d in drafts] == ["feed", "feed"]
    (err,) = iter_drafts(["-"], file_settings, stdin=io.BytesIO(b""), today=TODAY)
    assert str(err) == "-: empty input on standard input"


def test_stdin_oversized(file_settings):
    (err,) = iter_drafts(["-"], file_settings, stdin=io.BytesIO(b"word " * 10_000), today=TODAY)
    assert err.reason == "oversized: more than 20,000 bytes on standard input"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path, file_settings):
    path = tmp_path / "secret.txt"
    path.write_text("text", "utf-8")
    path.chmod(0)
    (err,) = iter_drafts([str(path)], file_settings, today=TODAY)
    assert err.reason == "cannot read: permission denied"


def test_unsupported_scheme_and_bad_sources_do_not_stop_the_run(tmp_path, file_settings):
    good = tmp_path / "good.txt"
    good.write_text("The bridge reopened on Thursday.", "utf-8")
    items = list(iter_drafts(["ftp://example.org/a.txt", str(tmp_path / "missing"), str(good)], file_settings,
                             today=TODAY))
    assert [isinstance(i, IngestError) for i in items] == [True, True, False]
    assert items[0].reason == "unsupported URL scheme 'ftp' (only http and https)"


def test_ingestion_does_not_load_spacy():
    import subprocess
    import sys

    code = ("import sys, io; from newsprism.ingest import iter_drafts; from newsprism.settings import Settings; "
            "list(iter_drafts(['-'], Settings(), stdin=io.BytesIO(b'Some text.'))); "
            "print('spacy' in sys.modules, 'onnxruntime' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_fifo_is_not_read(tmp_path, file_settings):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block for ever
    (err,) = iter_drafts([str(fifo)], file_settings, today=TODAY)
    assert err.reason == "not a regular file"


def test_broken_symlink(tmp_path, file_settings):
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    (err,) = iter_drafts([str(tmp_path)], file_settings, today=TODAY)
    assert err.reason == f"broken symbolic link (to {tmp_path / 'gone.txt'})"


def test_sources_bad_file_in_folder_does_not_stop_the_folder(tmp_path):
    """Files are read one by one: a binary file sorted first must not cost the good files after it."""
    from newsprism.errors import IngestError
    from newsprism.ingest.sources import iter_drafts
    from newsprism.settings import Settings

    (tmp_path / "a_binary.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    (tmp_path / "b_good.txt").write_text("A good report about the harbour fire, with enough words. " * 5, "utf-8")
    (tmp_path / "c_good.txt").write_text("Another report about the harbour fire, told differently. " * 5, "utf-8")
    items = list(iter_drafts([str(tmp_path)], Settings(db_url="sqlite://")))
    errors = [i for i in items if isinstance(i, IngestError)]
    drafts = [i for i in items if not isinstance(i, IngestError)]
    assert [e.source.rsplit("/", 1)[-1] for e in errors] == ["a_binary.txt"]
    assert sorted(d.source.rsplit("/", 1)[-1] for d in drafts) == ["b_good.txt", "c_good.txt"]


# -- issue 12: link loops and unreadable directories are reported, each in one line --------------------------------


def test_symlink_loop_named_is_reported_as_a_loop(tmp_path, file_settings):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (err,) = iter_drafts([str(tmp_path / "a.txt")], file_settings, today=TODAY)
    assert err.reason == "symbolic link loop"


def test_symlink_loop_in_a_folder_is_reported_as_a_loop(tmp_path, file_settings):
    (tmp_path / "good.txt").write_text("The bridge reopened on Thursday.", "utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    drafts, errors = split(iter_drafts([str(tmp_path)], file_settings, today=TODAY))
    assert len(drafts) == 1 and [e.reason for e in errors] == ["symbolic link loop"]


def _listed_unprivileged(folder: Path) -> list[str]:
    """What `expand_source` yields for ``folder``, run as an unprivileged user (root reads every directory)."""
    if os.geteuid() != 0:
        return [str(i) for i in expand_source(str(folder))]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child drops to nobody, lists, and reports through the pipe
        try:
            os.close(read)
            os.setgid(65534)
            os.setuid(65534)
            out = "\n".join(str(i) for i in expand_source(str(folder)))
            os.write(write, out.encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        data = fh.read().decode()
    os.waitpid(pid, 0)
    return data.splitlines()


def test_unreadable_directory_is_reported(tmp_path):
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="np-unreadable-"))  # outside pytest's root-only folder
    try:
        root.chmod(0o755)
        (root / "good.txt").write_text("The bridge reopened on Thursday.", "utf-8")
        (root / "good.txt").chmod(0o644)
        locked = root / "locked"
        locked.mkdir()
        (locked / "hidden.txt").write_text("Lost text.", "utf-8")
        locked.chmod(0)
        listed = _listed_unprivileged(root)
    finally:
        locked.chmod(0o755)
        shutil.rmtree(root)
    assert listed == [str(root / "good.txt"), f"{locked}: cannot read directory: permission denied"], listed
