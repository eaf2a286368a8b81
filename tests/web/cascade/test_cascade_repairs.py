"""The review page of a plan the reader repaired: each repaired word marked in the source with the
original beside it, uncertain ones stronger, and the list "Từ đã sửa (N)". The plan is our own
small plan with its diacritics stripped here (as a copy typed without accents would be)."""
from __future__ import annotations

import html
import re
import unicodedata

import pytest
from cascade_plans import UPPER

from kehoach.web.cascade.services.repairs import marked_source, repairs_of

pytestmark = pytest.mark.django_db


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@pytest.fixture
def accentless(ingest_text):
    return ingest_text(strip_marks(UPPER), "ke-hoach-khong-dau.txt")


def test_ingestion_keeps_the_readers_repairs(accentless):
    reader = accentless.extracted["reader"]
    assert reader["restored"] is True and reader["format"] == "text+restored"
    repairs = repairs_of(accentless)
    assert len(repairs) > 50 and all(r.placed for r in repairs)
    lines = accentless.source_text.split("\n")
    first = repairs[0]
    assert lines[first.line][first.start - sum(len(x) + 1 for x in lines[: first.line]):].startswith(first.original)
    assert any(r.original == "Dai" and r.repaired == "Đại" for r in repairs)


def test_the_review_page_marks_each_repaired_word_with_its_original(admin_client, accentless):
    page = admin_client.get(f"/plans/{accentless.pk}/review/").content.decode()
    count = len(accentless.extracted["reader"]["repairs"])
    assert f"Từ đã sửa ({count})" in page
    source = page[page.index('<pre class="source"'):page.index("</pre>")]
    marks = re.findall(r'<mark class="repair( low)?" id="rep-(\d+)"[^>]* title="([^"]*)">([^<]*)</mark>', source)
    assert len(marks) == count
    titles = {html.unescape(word): html.unescape(title) for _low, _i, title, word in marks}
    assert re.fullmatch(r"Gốc: Dai — [01],\d\d", titles["Đại"])  # the original and the confidence
    assert "Đại hội" in html.unescape(re.sub(r"<[^>]+>", "", source))  # the source reads repaired
    # Task passages keep their marks, so selecting a task still finds its passage.
    task = accentless.tasks.exclude(source_start=None).first()
    assert f'<mark id="src-{task.pk}" data-task="{task.pk}">' in source
    # The list: original → repaired, confidence, least sure first.
    rows = re.findall(r'<tr( class="low")?><td class="num">\d+</td><td><span class="original">([^<]*)</span> → '
                      r'<a href="#rep-\d+">([^<]*)</a></td><td class="num conf">([\d,]+)</td>', page)
    assert len(rows) == count
    confidences = [float(c.replace(",", ".")) for *_rest, c in rows]
    assert confidences == sorted(confidences)
    assert all(bool(low) == (c < 0.8) for (low, _o, _r, _c), c in zip(rows, confidences))


def test_low_confidence_words_are_marked_stronger():
    from kehoach.web.cascade.services.repairs import Repair

    segments = [{"text": "Dang uy tinh", "task": None}, {"text": " va nhan dan", "task": 7}]
    repairs = [Repair(0, 0, "Dang", "Đảng", 0.97, 0, 4), Repair(1, 0, "nhan", "nhân", 0.41, 16, 20)]
    out = str(marked_source(segments, repairs))
    assert out.startswith('<mark class="repair" id="rep-0" title="Gốc: Dang — 0,97">Đảng</mark> uy tinh')
    assert '<mark id="src-7" data-task="7"> va <mark class="repair low" id="rep-1" data-task="7"' in out


def test_a_clean_plan_shows_its_source_unchanged(admin_client, ingest_text):
    plan = ingest_text(UPPER, "clean.txt")
    page = admin_client.get(f"/plans/{plan.pk}/review/").content.decode()
    assert "Từ đã sửa" not in page and 'class="repair' not in page
    assert html.unescape(re.sub(r"<[^>]+>", "", page[page.index('<pre class="source"'):page.index("</pre>")])).endswith(
        plan.source_text)
