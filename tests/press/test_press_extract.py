"""Extraction on pages written in the templates of the major Vietnamese outlets (kehoach.press.samples):
headline, ISO date with its time, the sapo kept, first and last body sentences kept, and no related
box, byline or share widget in the text. The figures of trafilatura alone are printed beside ours."""
from __future__ import annotations

import json

import pytest

from kehoach.press.extract import decode, extract_article, extract_baseline, parse_date_text
from kehoach.press.samples import extraction_pages, score

PAGES = extraction_pages()


@pytest.mark.parametrize("outlet,story,page", PAGES, ids=[f"{o}-{s.slug}" for o, s, _ in PAGES])
def test_each_template_gives_headline_date_sapo_and_clean_body(outlet, story, page):
    result = extract_article(page, story.url)
    assert result.title == story.title
    assert result.date.isoformat() == story.date.strftime("%Y-%m-%dT%H:%M:00+07:00")
    assert story.sapo in result.text
    assert result.text.index(story.sapo) < result.text.index(story.paras[0])  # the sapo leads
    assert story.paras[0] in result.text and story.paras[-1] in result.text
    for related in story.related:
        assert related not in result.text
    assert story.author not in [line.strip("() ") for line in result.text.splitlines()]
    for widget in ("Chia sẻ", "Zalo", "Sao chép liên kết", "Share:", "Facebook"):
        assert widget not in result.text
    assert result.lang == story.lang
    assert result.author.strip("() ") == story.author


def test_figures_against_trafilatura_alone(capsys):
    ours, alone = score(extract_article, PAGES), score(extract_baseline, PAGES)
    with capsys.disabled():
        print(f"\nextraction on {ours['pages']} outlet-template pages (share of pages right):")
        for key in ours:
            if key != "pages":
                print(f"  {key:<11} kehoach {ours[key]:.2f}   trafilatura alone {alone[key]:.2f}")
    assert all(ours[key] == 1.0 for key in ours if key != "pages")
    assert ours["sapo"] > alone["sapo"]


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese pages wrote it: precomposed base letters, combining tone marks."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", parts[:2]) if len(parts) > 2 else parts[0]
            marks = parts[2:] if len(parts) > 2 else parts[1:]
            out += base.encode("cp1258") + marks.encode("cp1258")
    return out


def test_a_charset_declared_after_the_title_and_past_2kb_is_honoured():
    page = ("<html><head><title>Tiêu đề có dấu: Đắk Lắk</title><!-- " + "x" * 3000 + " -->"
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head>'
            "<body><h1>Tin tức</h1><p>Đoạn văn.</p></body></html>")
    data = _cp1258(page)
    text = decode(data)
    assert "Tin tức" in text and "Tiêu đề có dấu: Đắk Lắk" in text
    assert extract_article(data).title == "Tiêu đề có dấu: Đắk Lắk"
    assert decode("Đắk".encode("utf-8")) == "Đắk"
    # No declaration at all: UTF-8 first.
    assert "Lâm Viên" in decode("<html><title>Lâm Viên</title></html>".encode())


@pytest.mark.parametrize("text,expected", [
    ("Thứ Hai, 24/11/2025, 08:30 (GMT+7)", "2025-11-24T08:30:00+07:00"),
    ("24/11/2025 08:30 GMT+7", "2025-11-24T08:30:00+07:00"),
    ("Thứ hai, 24/11/2025 - 08:30", "2025-11-24T08:30:00+07:00"),
    ("Thứ Hai, 24-11-2025, 08:30", "2025-11-24T08:30:00+07:00"),
    ("08:30 ngày 24/11/2025", "2025-11-24T08:30:00+07:00"),
    ("Cập nhật: 24/11/2025", "2025-11-24"),
    ("November 24, 2025 - 08:30", "2025-11-24T08:30:00+07:00"),
    ("không có ngày", None),
])
def test_vietnamese_and_english_date_lines(text, expected):
    value = parse_date_text(text)
    assert (value.isoformat() if value else None) == expected


def test_cli_prints_the_article_as_json(tmp_path, capsys):
    from kehoach.cli import main

    outlet, story, page = PAGES[0]
    path = tmp_path / "bai.html"
    path.write_bytes(page)
    assert main(["press", "extract", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"url", "title", "date", "author", "lang", "text"}
    assert data["title"] == story.title and data["date"] == "2025-11-23T09:30:00+07:00" and data["lang"] == "vi"
    assert data["text"].startswith(story.sapo)


def test_cli_refuses_a_missing_file_or_a_binary_in_one_line(tmp_path, capsys):
    from kehoach.cli import main

    assert main(["press", "extract", str(tmp_path / "none.html")]) == 2
    assert capsys.readouterr().err.strip().endswith("no such file")
    junk = tmp_path / "x.bin"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    assert main(["press", "extract", str(junk)]) == 2
    err = capsys.readouterr().err
    assert "not an HTML page" in err and "Traceback" not in err
