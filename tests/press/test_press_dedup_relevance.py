"""De-duplication (canonical URLs, near-duplicate text), language, relevance, and output periods."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from kehoach.press.dedup import DedupIndex, canonical_url, signature, similarity
from kehoach.press.lang import detect_language
from kehoach.press.relevance import Profile, TaskMatcher
from kehoach.web.outputs import periods

TEXT = ("Chiều 9/6, Chủ tịch UBND tỉnh Lâm Viên tiếp đoàn 30 doanh nghiệp Hàn Quốc đến tìm hiểu cơ hội đầu tư vào "
        "lĩnh vực nông nghiệp công nghệ cao, chế biến cà phê và du lịch nghỉ dưỡng. Phát biểu tại buổi tiếp, Chủ tịch "
        "UBND tỉnh cho biết Lâm Viên luôn tạo điều kiện thuận lợi nhất cho các nhà đầu tư nước ngoài. Tỉnh có lợi thế "
        "về khí hậu mát mẻ quanh năm, quỹ đất sạch và nguồn nhân lực trẻ được đào tạo bài bản.")


def test_tracking_parameters_and_canonical_links():
    assert canonical_url("https://www.vnexpress.net/a-1.html?utm_source=fb&utm_medium=x&fbclid=1#top") == \
        "https://vnexpress.net/a-1.html"
    assert canonical_url("http://Example.VN:80/tin//bai/?id=5&gclid=9") == "http://example.vn/tin/bai?id=5"
    assert canonical_url("https://amp.example.vn/x.amp", "https://example.vn/x.html") == "https://example.vn/x.html"
    assert canonical_url("https://example.vn/x.html", "/relative-is-ignored") == "https://example.vn/x.html"


def test_a_syndicated_copy_is_found_and_a_different_story_is_not():
    copy = "(TTXVN) " + TEXT.replace("Chiều 9/6", "Chiều ngày 9/6") + " Theo Báo Lâm Viên."
    unaccented = "Chieu 9/6, Chu tich UBND tinh Lam Vien tiep doan 30 doanh nghiep Han Quoc" + TEXT[80:]
    other = ("Sáng 19/5, tại Nhà Văn hóa tỉnh, triển lãm ảnh Lâm Viên - Hợp tác và phát triển khai mạc với hơn 150 bức "
             "ảnh về quan hệ hợp tác quốc tế của tỉnh với các địa phương kết nghĩa của Hàn Quốc, Nhật Bản và Lào.")
    index = DedupIndex()
    assert index.add("original", signature(TEXT)) is None
    assert index.add("copy", signature(copy)) == "original"
    assert index.add("no-diacritics", signature(unaccented)) == "original"
    assert index.add("other", signature(other)) is None
    assert similarity(signature(TEXT), signature(other)) < 0.3
    assert index.find(signature(""))[0] is None  # an empty text is nobody's copy


def test_synthetic_corpus_keeps_only_planted_copies():
    rng = random.Random(7)
    vocab = [f"tu{i}" for i in range(5000)]
    docs = [" ".join(rng.choices(vocab, k=150)) for _ in range(1500)]
    planted = {}
    for n in range(50):
        source = rng.randrange(len(docs))
        words = docs[source].split()
        words[rng.randrange(len(words))] = "khac"
        planted[len(docs)] = source
        docs.append(" ".join(words))
    index = DedupIndex()
    found = {i: index.add(i, signature(d)) for i, d in enumerate(docs)}
    assert {i: s for i, s in found.items() if s is not None} == planted


@pytest.mark.parametrize("text,lang", [
    (TEXT, "vi"),
    ("Chu tich UBND tinh Lam Vien tiep doan doanh nghiep Han Quoc den tim hieu co hoi dau tu va hop tac cua tinh", "vi"),
    ("Officials of Lam Vien province met a delegation of thirty South Korean companies on Monday to present the investment.", "en"),
    ("강원도는 12일 베트남 람비엔성과 관광, 농업, 교육 분야의 국제 협력을 위한 양해각서를 체결했다고 밝혔다.", "ko"),
    ("ラムビエン省の代表団が東京を訪問し、投資の機会について説明した。", "ja"),
    ("林园省代表团访问首尔，介绍高科技农业投资机会。", "zh"),
    ("Делегация провинции посетила Сеул и представила инвестиционные возможности.", "ru"),
    ("12345 !!!", ""),
])
def test_language(text, lang):
    assert detect_language(text) == lang


def test_profile_matches_names_with_and_without_diacritics_communes_leaders_and_topics():
    profile = Profile(names=["Lâm Viên", "tỉnh Lâm Viên"], communes=["Phường Hồ Sen", "Xã Đá Bàn"],
                      leaders=["Chủ tịch UBND tỉnh"], topics={"Du lịch": ["du lịch", "tourism"], "Đầu tư": ["đầu tư", "FDI"]})
    vi = profile.match("Lâm Viên đón nhà đầu tư", "Tại Phường Hồ Sen, Chủ tịch UBND tỉnh tiếp đoàn đầu tư.")
    assert vi.province and vi.topics == ["Đầu tư"] and vi.score >= 0.9
    assert {"lam vien", "phuong ho sen", "chu tich ubnd tinh"} <= set(vi.terms)
    en = profile.match("Lam Vien tourism booms", "Visitors flock to Lam Vien province.")
    assert en.province and en.topics == ["Du lịch"]
    elsewhere = profile.match("Giá vàng tăng", "Giá vàng miếng tăng mạnh tại Hà Nội; Lâm Đồng không đổi.")
    assert not elsewhere.province and elsewhere.score == 0.0
    # "Lâm Viên" inside another word is no match.
    assert not profile.match("Xlam vien", "").province


def test_articles_are_matched_to_the_tasks_they_evidence():
    matcher = TaskMatcher([
        ("bulletin", "Xuất bản bản tin thông tin đối ngoại song ngữ Việt - Anh Lâm Viên hội nhập, 01 số/quý"),
        ("class", "Tổ chức lớp bồi dưỡng kiến thức, kỹ năng thông tin đối ngoại cho cán bộ"),
        ("budget", "Tham mưu bố trí kinh phí thực hiện kế hoạch theo quy định của Luật Ngân sách"),
    ])
    ranked = matcher.rank(["Phát hành số 3 bản tin song ngữ Lâm Viên hội nhập",
                           "Khai giảng lớp bồi dưỡng kỹ năng thông tin đối ngoại cho 120 cán bộ"])
    assert ranked[0][0].task_key == "bulletin" and ranked[1][0].task_key == "class"
    assert all(c.task_key != "budget" for cands in ranked for c in cands)


def test_one_issue_a_quarter_over_a_year_expects_four_and_names_the_missing_quarter():
    records = [{"date": dt.date(2026, m, 28)} for m in (3, 6, 9)]
    result = periods.progress({"quantity": 1, "unit": "số", "per": "quý"}, dt.date(2026, 1, 1), dt.date(2026, 12, 31), records)
    assert (result.done, result.expected) == (3, 4)
    assert [p.label for p in result.missing] == ["Quý IV/2026"]
    assert result.summary() == "3/4 số — thiếu Quý IV/2026"
    classes = periods.progress({"quantity": 2, "unit": "lớp", "per": None}, dt.date(2026, 4, 1), dt.date(2026, 9, 30),
                               [{"date": dt.date(2026, 4, 16)}, {"date": dt.date(2026, 9, 22)}])
    assert classes.complete and classes.summary() == "2/2 lớp — đủ"


@pytest.mark.parametrize("text,span", [
    ("Quý I/2026", (dt.date(2026, 1, 1), dt.date(2026, 3, 31))),
    ("quý iv năm 2026", (dt.date(2026, 10, 1), dt.date(2026, 12, 31))),
    ("Q2 2026", (dt.date(2026, 4, 1), dt.date(2026, 6, 30))),
    ("Tháng 2/2028", (dt.date(2028, 2, 1), dt.date(2028, 2, 29))),
    ("6 tháng cuối năm 2026", (dt.date(2026, 7, 1), dt.date(2026, 12, 31))),
    ("Năm 2026", (dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
    ("quý năm", None),
    ("Tháng 13/2026", None),
])
def test_periods_as_officers_write_them(text, span):
    assert periods.parse_period(text) == span
