"""Text files written to disk in every encoding and shape the ingester must accept or refuse."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from newsprism.errors import IngestError
from newsprism.ingest.sources import iter_drafts
from newsprism.model import ArticleDraft
from newsprism.ingest.textfile import decode_bytes, parse_text

from .conftest import TODAY

WESTERN = ("Le café “Chez Noël” a coûté 5 € — déjà vu, said the mayor’s office.\n\n"
           "Prices in Zürich and São Paulo rose by 12% in a year, according to the naïve façade survey.")


def ingest(path, settings):
    items = list(iter_drafts([str(path)], settings, today=TODAY))
    assert len(items) == 1, items
    return items[0]


def test_utf8_plain(tmp_path, file_settings):
    path = tmp_path / "a.txt"
    path.write_text(WESTERN, "utf-8")
    d = ingest(path, file_settings)
    assert isinstance(d, ArticleDraft)
    assert d.text == WESTERN and d.encoding == "utf-8" and d.source_kind == "text" and d.source == str(path)


@pytest.mark.parametrize("encoding, bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_byte_order_marks(tmp_path, file_settings, encoding, bom):
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + (" date 2023-05-01 " + WESTERN).encode(encoding))
    d = ingest(path, file_settings)
    assert d.text == WESTERN  # no BOM, no marker left in the stored text
    assert d.published == dt.date(2023, 5, 1) and d.published_source == "marker"


def test_cp1252_detected(tmp_path, file_settings):
    path = tmp_path / "legacy.txt"
    path.write_bytes(WESTERN.encode("cp1252"))
    d = ingest(path, file_settings)
    assert d.text == WESTERN and d.encoding == "cp1252"


def test_latin1_detected(tmp_path, file_settings):
    text = ("The café in Zürich said the naïve plan cost 5,000 francs, according to the mayor's office.\n\n"
            "Élise Müller, 45, said she had a feeling of déjà vu when the façade was closed again.")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    assert ingest(path, file_settings).text == text


def test_cp1251_detected(tmp_path, file_settings):
    text = "Москва заявила, что войска покинули город в пятницу утром, сообщили чиновники в субботу."
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    assert ingest(path, file_settings).text == text


def test_front_matter(tmp_path, file_settings):
    path = tmp_path / "fm.md"
    path.write_text("---\ntitle: \"Council approves budget\"\nurl: https://news.example/budget\noutlet: City News\n"
                    "date: 2023-02-03\nauthor: J. Smith\n---\n\nThe council approved the budget on Friday.\n", "utf-8")
    d = ingest(path, file_settings)
    assert (d.title, d.url, d.outlet, d.author) == ("Council approves budget", "https://news.example/budget",
                                                   "City News", "J. Smith")
    assert d.published == dt.date(2023, 2, 3) and d.published_source == "front-matter"
    assert d.text == "The council approved the budget on Friday."


def test_marker_wins_over_front_matter_date():
    d = parse_text("---\ntitle: T\ndate: 2020-01-01\n---\n date 2021-06-07 Body text here.", "x")
    assert d.published == dt.date(2021, 6, 7) and d.published_source == "marker" and d.text == "Body text here."


def test_example_marker_format(file_settings):
    # the bundled example files start with " date YYYY-MM-DD " on the first line of the text
    d = parse_text(" date 2022-11-11 Russia has relinquished its final foothold.\n\nMore.", "x")
    assert d.published == dt.date(2022, 11, 11) and d.text == "Russia has relinquished its final foothold.\n\nMore."


def test_future_marker_date_dropped(tmp_path, file_settings):
    path = tmp_path / "future.txt"
    path.write_text(" date 2099-01-01 Something happened today, officials said.", "utf-8")
    d = ingest(path, file_settings)
    assert d.published is None and d.notes == ["dropped future published date 2099-01-01 from marker"]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file (0 bytes)"),
    (b"   \n\n\t  \r\n", "empty: only whitespace"),
    (b"\xef\xbb\xbf\n\n", "empty: only whitespace"),
    (b" date 2023-01-01 \n", "empty: metadata but no text"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4, "binary content (NUL bytes)"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 40 + b"abc", "binary content (control characters)"),
])
def test_bad_text_files(tmp_path, file_settings, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    err = ingest(path, file_settings)
    assert isinstance(err, IngestError) and err.skipped
    assert str(err) == f"{path}: {reason}"


def test_real_binary_file(tmp_path, file_settings):
    import zlib

    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + zlib.compress(bytes(range(256)) * 64))
    err = ingest(path, file_settings)
    assert isinstance(err, IngestError) and err.reason.startswith(("binary content", "undecodable text"))


def test_invalid_utf16_after_bom():
    with pytest.raises(ValueError, match="undecodable text: invalid utf-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")  # a lone surrogate


def test_oversized_with_small_limit(tmp_path, file_settings):
    path = tmp_path / "big.txt"
    path.write_text("word " * 5000, "utf-8")  # 25,000 bytes > 20,000
    err = ingest(path, file_settings)
    assert str(err) == f"{path}: oversized: 25,000 bytes of text > limit 20,000"


def test_just_under_limit_is_kept(tmp_path, file_settings):
    path = tmp_path / "ok.txt"
    path.write_text("word " * 3999, "utf-8")  # 19,995 bytes
    assert isinstance(ingest(path, file_settings), ArticleDraft)


def test_text_is_normalised(tmp_path, file_settings):
    path = tmp_path / "n.txt"
    path.write_bytes("Cafe\u0301  owners\u00a0said.\r\n\r\n\r\n\r\nSecond   paragraph.\r\n".encode("utf-8"))
    assert ingest(path, file_settings).text == "Café owners said.\n\nSecond paragraph."


def test_rules_around_story_text_are_not_front_matter():
    raw = "---\nBREAKING: The dam has failed, officials said.\nResidents were told to leave at once.\n---\nMore."
    d = parse_text(raw, "x")
    assert d.title is None and "The dam has failed" in d.text and d.text.endswith("More.")


def test_front_matter_with_unknown_keys_only_is_text():
    d = parse_text("---\nfoo: bar\n---\nBody.", "x")
    assert d.text.startswith("---") and d.title is None


# -- issue 12: a UTF-8 file with a few bad bytes stays UTF-8; C1 controls ---------------------------------------


def test_near_clean_utf8_stays_utf8_with_bad_bytes_replaced_and_reported(tmp_path, file_settings):
    good = ("The country’s leaders met on Monday — for the first time since the war — and agreed on a plan. " * 4
            ).strip() + ("\n\nOfficials said the talks in Zürich would resume in a week.")
    data = bytearray(good.encode("utf-8"))
    data[10:11] = b"\xff"  # one stray byte in place of "s"
    path = tmp_path / "almost.txt"
    path.write_bytes(bytes(data))
    items = list(iter_drafts([str(path)], file_settings, today=TODAY))
    drafts = [i for i in items if isinstance(i, ArticleDraft)]
    problems = [i for i in items if isinstance(i, IngestError)]
    (d,) = drafts
    assert d.encoding == "utf-8"
    assert d.text == good[:10] + "\ufffd" + good[11:]  # "country’s" is never "country‚Äôs"
    assert "‚Äô" not in d.text
    (p,) = problems
    assert not p.skipped and "\n" not in str(p) and "1 invalid UTF-8 byte" in p.reason, str(p)


def test_decode_prefers_near_clean_utf8_over_a_legacy_reading():
    good = "Le café “Chez Noël” a coûté 5 € — déjà vu. " * 3
    data = good.encode("utf-8")[:-3] + b"\xe2\x80"  # cut in the middle of the last character
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8" and text.startswith(good[:40])


def test_legacy_text_with_no_valid_utf8_sequence_is_still_legacy(tmp_path, file_settings):
    path = tmp_path / "legacy.txt"
    path.write_bytes(WESTERN.encode("cp1252"))
    d = ingest(path, file_settings)
    assert d.text == WESTERN and d.encoding == "cp1252"


def test_c1_controls_read_as_windows_1252_or_dropped(tmp_path, file_settings):
    # text once decoded as latin-1 instead of windows-1252 carries C1 controls where the quotes were
    path = tmp_path / "c1.txt"
    path.write_text("The minister said \u0093we will stay\u0094 \u0085 and left\u0081. " * 3, "utf-8")
    d = ingest(path, file_settings)
    assert not any("\u0080" <= ch <= "\u009f" for ch in d.text)
    assert d.text.startswith("The minister said “we will stay” … and left. ")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_byte_order_mark(tmp_path, file_settings, encoding):
    path = tmp_path / "unmarked.txt"
    path.write_bytes(WESTERN.encode(encoding))
    d = ingest(path, file_settings)
    assert d.text == WESTERN and d.encoding == encoding
