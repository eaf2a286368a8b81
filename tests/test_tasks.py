"""Tasks, read through `kehoach.extract` from small whole plans written here.

Each plan uses one of the layouts real plans use: per-task fields, per-unit sections, actor
sentences, a task table in an appendix.
"""
from __future__ import annotations

import pytest

import kehoach
from kehoach.errors import ReadError
from kehoach.reader.tasks import field_of

HEAD = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH

Số: 88/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Tây Ninh, ngày 10 tháng 02 năm 2026

KẾ HOẠCH
Phát triển du lịch cộng đồng năm 2026

Căn cứ Quyết định số 321/QĐ-UBND ngày 05/01/2026 của Ủy ban nhân dân tỉnh về việc giao chỉ tiêu
phát triển kinh tế - xã hội năm 2026, Ủy ban nhân dân tỉnh ban hành Kế hoạch phát triển du lịch
cộng đồng năm 2026 trên địa bàn tỉnh như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Phát huy tiềm năng du lịch cộng đồng của tỉnh, nâng cao thu nhập cho người dân nông thôn.
- Sở Văn hóa, Thể thao và Du lịch nâng cao vai trò quản lý nhà nước về du lịch cộng đồng.
2. Yêu cầu
- Các cơ quan, đơn vị triển khai nghiêm túc, hiệu quả, đúng tiến độ đề ra.
"""
TAIL = """Trên đây là Kế hoạch phát triển du lịch cộng đồng năm 2026 của Ủy ban nhân dân tỉnh Tây Ninh./.
Nơi nhận:
- Bộ Văn hóa, Thể thao và Du lịch (b/c);
- Lưu: VT, KGVX.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Đinh Quốc Bảo
"""


def tasks_of(body: str, head: str = HEAD, tail: str = TAIL) -> list:
    return kehoach.extract(head + body + tail).tasks


def by_start(tasks: list, words: str):
    found = [t for t in tasks if t.text.startswith(words)]
    assert len(found) == 1, [t.text for t in tasks]
    return found[0]


# -------------------------------------------------------------------------------- field lines


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đơn vị chủ trì: Sở Ngoại vụ.", ("lead", "Sở Ngoại vụ.")),
        ("Cơ quan chủ trì thực hiện: Công an tỉnh", ("lead", "Công an tỉnh")),
        ("Đơn vị đồng chủ trì: Tỉnh đoàn", ("co_lead", "Tỉnh đoàn")),
        ("Đơn vị phối hợp: Sở Y tế; Sở Xây dựng.", ("partners", "Sở Y tế; Sở Xây dựng.")),
        ("Thời gian thực hiện: Quý II/2026.", ("time", "Quý II/2026.")),
        ("Thời hạn hoàn thành: trước ngày 30/6/2026", ("time", "trước ngày 30/6/2026")),
        ("Nội dung: Tổ chức hội thi.", ("content", "Tổ chức hội thi.")),
        ("Sản phẩm: Báo cáo tổng kết", ("product", "Báo cáo tổng kết")),
        ("Tổ chức hội nghị chủ trì bởi Sở Y tế.", None),
        ("Phối hợp tổ chức hội nghị.", None),
    ],
)
def test_field_of(text: str, expected) -> None:
    assert field_of(text) == expected


# ---------------------------------------------------------------------------- per-task layout

PER_TASK = """II. NHIỆM VỤ
1. Xây dựng bộ tiêu chí làng du lịch cộng đồng
a) Nội dung:
- Khảo sát hiện trạng các điểm du lịch cộng đồng trên địa bàn tỉnh.
- Ban hành bộ tiêu chí đánh giá làng du lịch cộng đồng (01 bộ).
b) Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch.
c) Đơn vị phối hợp: Sở Nông nghiệp và Môi trường; UBND các xã, phường.
d) Thời gian thực hiện: Quý II, III/2026.
2. Tổ chức lớp tập huấn kỹ năng làm du lịch cho hộ dân tham gia mô hình (03 lớp).
- Đơn vị chủ trì: Trung tâm Xúc tiến Du lịch tỉnh.
- Đơn vị đồng chủ trì: Hội Nông dân tỉnh.
- Thời gian thực hiện: Trước ngày 30/9/2026.
3. Xuất bản bản tin du lịch cộng đồng song ngữ
a) Nội dung: Biên tập, phát hành bản tin giới thiệu các làng du lịch (01 số/quý).
b) Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch.
c) Thời gian thực hiện: Hằng quý.
III. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính
- Tham mưu bố trí kinh phí thực hiện Kế hoạch.
"""


@pytest.fixture(scope="module")
def per_task() -> list:
    return tasks_of(PER_TASK)


def test_per_task_layout_one_task_per_item(per_task: list) -> None:
    ids = [t.id for t in per_task]
    assert ids[:3] == ["II.1", "II.2", "II.3"]
    assert len(ids) == len(set(ids))


def test_per_task_text_joins_heading_and_content_without_field_lines(per_task: list) -> None:
    t = per_task[0]
    assert t.text.split("\n") == [
        "Xây dựng bộ tiêu chí làng du lịch cộng đồng",
        "Khảo sát hiện trạng các điểm du lịch cộng đồng trên địa bàn tỉnh.",
        "Ban hành bộ tiêu chí đánh giá làng du lịch cộng đồng (01 bộ).",
    ]
    assert "chủ trì" not in t.text and "Thời gian" not in t.text


def test_per_task_fields(per_task: list) -> None:
    first, second, third = per_task[:3]
    assert first.lead == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert first.partners == ["Sở Nông nghiệp và Môi trường", "UBND các xã, phường"]
    assert first.co_lead == []
    assert (first.timeframe, first.start, first.end, first.recurrence) == (
        "Quý II, III/2026", "2026-04-01", "2026-09-30", None)
    assert [(o.quantity, o.unit, o.per) for o in first.outputs] == [(1, "bộ", None)]

    assert second.lead == ["Trung tâm Xúc tiến Du lịch tỉnh"]
    assert second.co_lead == ["Hội Nông dân tỉnh"]
    assert second.partners == []
    assert (second.start, second.end) == (None, "2026-09-30")
    assert [(o.quantity, o.unit) for o in second.outputs] == [(3, "lớp")]

    assert third.lead == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert third.recurrence == "quarterly"
    assert [(o.quantity, o.unit, o.per) for o in third.outputs] == [(1, "số", "quý")]


def test_purpose_and_requirements_are_never_tasks(per_task: list) -> None:
    texts = " ".join(t.text for t in per_task)
    assert "Phát huy tiềm năng" not in texts
    assert "nâng cao vai trò quản lý" not in texts  # an actor sentence, but under Mục đích
    assert "nghiêm túc, hiệu quả" not in texts
    assert not any(t.id.startswith("I.") for t in per_task)


def test_closing_formula_is_not_a_task(per_task: list) -> None:
    assert not any(t.text.startswith("Trên đây là") for t in per_task)


def test_funding_assignment_under_organisation_is_a_task(per_task: list) -> None:
    t = by_start(per_task, "Tham mưu bố trí kinh phí")
    assert t.lead == ["Sở Tài chính"]


# ---------------------------------------------------------------------------- per-unit layout

PER_UNIT = """II. NHIỆM VỤ VÀ GIẢI PHÁP
Tăng cường quảng bá sản phẩm du lịch cộng đồng trên các phương tiện thông tin đại chúng.
III. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch
- Chủ trì, phối hợp với Sở Ngoại vụ, Công an tỉnh tổ chức đón tiếp các đoàn khảo sát quốc tế.
- Hướng dẫn các địa phương xây dựng sản phẩm du lịch đặc trưng.
2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
- Vận động hội viên, đoàn viên tham gia phát triển du lịch cộng đồng.
3. Sở Tài chính
Trên cơ sở dự toán của các đơn vị, tham mưu UBND tỉnh bố trí kinh phí thực hiện Kế hoạch.
4. Đề nghị UBND các xã, phường phối hợp thực hiện:
- Rà soát, lựa chọn hộ gia đình tham gia mô hình homestay.
- Giữ gìn vệ sinh môi trường tại các điểm du lịch.
5. Các cơ quan báo chí của tỉnh mở chuyên mục giới thiệu các điểm du lịch cộng đồng.
6. Trên cơ sở kế hoạch này, Sở Công Thương tham mưu tổ chức hội chợ sản phẩm OCOP gắn với du lịch.
"""


@pytest.fixture(scope="module")
def per_unit() -> list:
    return tasks_of(PER_UNIT)


def test_bullets_inherit_the_headings_unit(per_unit: list) -> None:
    t = by_start(per_unit, "Hướng dẫn các địa phương")
    assert t.lead == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert t.id == "III.1.2"


def test_chu_tri_phoi_hop_voi_gives_partners(per_unit: list) -> None:
    t = by_start(per_unit, "Chủ trì, phối hợp với Sở Ngoại vụ")
    assert t.lead == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert t.partners == ["Sở Ngoại vụ", "Công an tỉnh"]


def test_de_nghi_is_stripped_from_the_heading_unit(per_unit: list) -> None:
    assert by_start(per_unit, "Vận động hội viên").lead == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
    for words in ("Rà soát, lựa chọn", "Giữ gìn vệ sinh"):
        assert by_start(per_unit, words).lead == ["UBND các xã, phường"]


def test_paragraph_under_a_unit_heading(per_unit: list) -> None:
    assert by_start(per_unit, "Trên cơ sở dự toán").lead == ["Sở Tài chính"]


def test_actor_subject_paragraphs(per_unit: list) -> None:
    assert by_start(per_unit, "Các cơ quan báo chí").lead == ["Các cơ quan báo chí của tỉnh"]
    assert by_start(per_unit, "Trên cơ sở kế hoạch này").lead == ["Sở Công Thương"]


def test_unit_headings_themselves_are_not_tasks(per_unit: list) -> None:
    texts = [t.text for t in per_unit]
    assert "Sở Văn hóa, Thể thao và Du lịch" not in texts
    assert not any(t.startswith(("Đề nghị", "Sở Tài chính")) for t in texts)


def test_item_that_names_no_one_has_an_empty_lead(per_unit: list) -> None:
    t = by_start(per_unit, "Tăng cường quảng bá")
    assert t.lead == []


# ---------------------------------------------------------------------- a timeframe for a group

GROUP = """II. NHIỆM VỤ
1. Các hoạt động hưởng ứng Ngày Du lịch thế giới
Thời gian thực hiện: Tháng 9/2026
a) Tổ chức Hội chợ ẩm thực đồng quê.
- Đơn vị chủ trì: Sở Công Thương.
b) Tổ chức cuộc thi ảnh đẹp du lịch cộng đồng.
- Đơn vị chủ trì: Hội Văn học Nghệ thuật tỉnh.
- Đơn vị phối hợp: Sở Văn hóa, Thể thao và Du lịch.
2. Giai đoạn 2026 - 2028
- Sở Xây dựng hoàn thiện hạ tầng giao thông đến các điểm du lịch.
- Sở Công Thương hỗ trợ xây dựng thương hiệu đặc sản địa phương.
"""


@pytest.fixture(scope="module")
def group() -> list:
    return tasks_of(GROUP)


def test_timeframe_stated_once_applies_to_each_item(group: list) -> None:
    fair = by_start(group, "Tổ chức Hội chợ")
    photo = by_start(group, "Tổ chức cuộc thi ảnh")
    assert (fair.lead, fair.start, fair.end) == (["Sở Công Thương"], "2026-09-01", "2026-09-30")
    assert (photo.lead, photo.start, photo.end) == (["Hội Văn học Nghệ thuật tỉnh"], "2026-09-01", "2026-09-30")
    assert photo.partners == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert not any(t.text.startswith("Các hoạt động hưởng ứng") for t in group)  # the group is no task


def test_period_heading_applies_to_its_bullets(group: list) -> None:
    roads = by_start(group, "Sở Xây dựng hoàn thiện")
    brand = by_start(group, "Sở Công Thương hỗ trợ")
    assert roads.lead == ["Sở Xây dựng"] and brand.lead == ["Sở Công Thương"]
    for t in (roads, brand):
        assert (t.timeframe, t.start, t.end) == ("Giai đoạn 2026 - 2028", "2026-01-01", "2028-12-31")


def test_deadline_in_the_text_gives_the_end() -> None:
    tasks = tasks_of("II. NHIỆM VỤ\n1. Sở Nội vụ hoàn thành việc rà soát thủ tục hành chính trước ngày 30/6/2026.\n")
    t = by_start(tasks, "Sở Nội vụ hoàn thành")
    assert (t.lead, t.end) == (["Sở Nội vụ"], "2026-06-30")


def test_recurrence_from_the_opening_words() -> None:
    tasks = tasks_of("II. NHIỆM VỤ\n1. Thường xuyên, Sở Văn hóa, Thể thao và Du lịch cập nhật cơ sở dữ liệu du lịch.\n")
    t = by_start(tasks, "Thường xuyên")
    assert t.recurrence == "continuous"


def test_group_timeframe_is_as_printed_without_the_stop() -> None:
    tasks = tasks_of(GROUP.replace("Thời gian thực hiện: Tháng 9/2026\n", "Thời gian thực hiện: Tháng 9/2026.\n"))
    assert by_start(tasks, "Tổ chức Hội chợ").timeframe == "Tháng 9/2026"


def test_timeframe_taken_from_the_text_is_only_the_deadline() -> None:
    tasks = tasks_of("II. NHIỆM VỤ\n1. Các đơn vị gửi kết quả khảo sát trước ngày 20/11/2026 về Sở Văn hóa, Thể thao "
                     "và Du lịch để tổng hợp.\n")
    assert by_start(tasks, "Các đơn vị gửi").timeframe == "trước ngày 20/11/2026"


def test_fields_after_the_last_sub_item_apply_to_the_group() -> None:
    tasks = tasks_of("""II. NHIỆM VỤ
1. Tổ chức các hoạt động hưởng ứng Ngày Du lịch thế giới
a) Tổ chức Hội chợ ẩm thực đồng quê.
b) Tổ chức cuộc thi ảnh đẹp du lịch cộng đồng.
c) Phát hành ấn phẩm quảng bá (500 cuốn).
- Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch.
- Thời gian thực hiện: Tháng 9/2026.
""")
    for words in ("Tổ chức Hội chợ", "Tổ chức cuộc thi", "Phát hành ấn phẩm"):
        t = by_start(tasks, words)
        assert (t.lead, t.end) == (["Sở Văn hóa, Thể thao và Du lịch"], "2026-09-30"), words


def test_task_ids_are_unique() -> None:
    tasks = tasks_of("""II. TỔ CHỨC THỰC HIỆN
- Các sở, ngành, địa phương tổ chức quán triệt Kế hoạch này đến cán bộ, công chức.
1. Sở Tư pháp chủ trì hướng dẫn nghiệp vụ hòa giải ở cơ sở.
2. Sở Nội vụ tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh.
""")
    ids = [t.id for t in tasks]
    assert len(tasks) == 3
    assert len(ids) == len(set(ids)), ids


# ---------------------------------------------------------------------- a task table (appendix)

TABLE_BODY = """II. NHIỆM VỤ
Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.
"""
APPENDIX = """PHỤ LỤC
DANH MỤC NHIỆM VỤ PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG NĂM 2026
| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |
|---|---|---|---|---|
| I | NHÓM NHIỆM VỤ TUYÊN TRUYỀN | | | |
| 1 | Xây dựng phóng sự về làng nghề truyền thống (04 phóng sự) | Đài Phát thanh và Truyền hình tỉnh | Sở Văn hóa, Thể thao và Du lịch | Quý II/2026 |
| 2 | Phát hành bản tin du lịch | Sở Văn hóa, Thể thao và Du lịch | Sở Ngoại vụ; Sở Công Thương | 01 số/quý |
| II | NHÓM NHIỆM VỤ ĐÀO TẠO | | | |
| 1 | Tập huấn kỹ năng cho hướng dẫn viên tại điểm | Trường Cao đẳng Nghề tỉnh | | Trong năm 2026 |
"""


@pytest.fixture(scope="module")
def table_tasks() -> list:
    return [t for t in tasks_of(TABLE_BODY, tail=TAIL + APPENDIX) if t.id.startswith("PL.")]


def test_table_gives_one_task_per_row_and_no_group_rows(table_tasks: list) -> None:
    assert [t.id for t in table_tasks] == ["PL.I.1", "PL.I.2", "PL.II.1"]
    assert not any("NHÓM NHIỆM VỤ" in t.text for t in table_tasks)


def test_table_row_fields(table_tasks: list) -> None:
    film, bulletin, course = table_tasks
    assert film.text == "Xây dựng phóng sự về làng nghề truyền thống (04 phóng sự)"
    assert film.lead == ["Đài Phát thanh và Truyền hình tỉnh"]
    assert film.partners == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert (film.start, film.end) == ("2026-04-01", "2026-06-30")
    assert [(o.quantity, o.unit) for o in film.outputs] == [(4, "phóng sự")]
    assert bulletin.partners == ["Sở Ngoại vụ", "Sở Công Thương"]
    assert bulletin.recurrence == "quarterly"
    assert [(o.quantity, o.unit, o.per) for o in bulletin.outputs] == [(1, "số", "quý")]
    assert course.lead == ["Trường Cao đẳng Nghề tỉnh"]
    assert course.partners == []
    assert (course.start, course.end) == ("2026-01-01", "2026-12-31")


# -------------------------------------------------------------------------- no tasks / no plan


def test_plan_with_no_tasks_gives_a_warning() -> None:
    plan = kehoach.extract("KẾ HOẠCH\nGiới thiệu chung\nVăn bản này giới thiệu chương trình\n")
    assert plan.tasks == []
    assert any("no task" in w for w in plan.warnings)


def test_plan_with_tasks_gives_no_warning() -> None:
    plan = kehoach.extract(HEAD + PER_TASK + TAIL)
    assert plan.tasks and plan.warnings == []


def test_text_that_is_not_a_plan_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="not a plan"):
        kehoach.extract("Xin chào,\nđây là một lá thư bình thường\nkhông phải văn bản hành chính.\n")


def test_numbered_sections_without_a_title_are_still_a_plan() -> None:
    plan = kehoach.extract("I. NHIỆM VỤ\n1. Sở Y tế chủ trì tổ chức tiêm chủng.\nII. TỔ CHỨC THỰC HIỆN\n"
                           "1. Sở Tài chính bố trí kinh phí.\n")
    assert [t.lead for t in plan.tasks] == [["Sở Y tế"], ["Sở Tài chính"]]


def test_a_sub_section_under_a_directing_unit_names_its_own_unit() -> None:
    tasks = tasks_of("""IV. TỔ CHỨC THỰC HIỆN
3. Đảng ủy Ủy ban nhân dân tỉnh chỉ đạo
3.1. Sở Ngoại vụ
Thông tin về kết quả Đại hội đến các cơ quan đại diện nước ngoài.
3.2. Sở Văn hóa, Thể thao và Du lịch
Tổ chức triển lãm ảnh chào mừng Đại hội.
""")
    assert by_start(tasks, "Thông tin về kết quả").lead == ["Sở Ngoại vụ"]
    assert by_start(tasks, "Tổ chức triển lãm").lead == ["Sở Văn hóa, Thể thao và Du lịch"]


def test_under_to_chuc_thuc_hien_a_short_heading_is_a_unit_even_if_unlisted() -> None:
    tasks = tasks_of("""IV. TỔ CHỨC THỰC HIỆN
1. Thuế tỉnh
- Kiểm tra việc kê khai, nộp thuế tài nguyên của các doanh nghiệp.
""")
    assert by_start(tasks, "Kiểm tra việc kê khai").lead == ["Thuế tỉnh"]


def test_a_field_line_may_name_the_partners_too_and_a_short_tail_stays_in_the_name() -> None:
    tasks = tasks_of("""II. NỘI DUNG
1. Giới thiệu hình ảnh xã trên trang thông tin điện tử
- Đơn vị thực hiện: Văn phòng Ủy ban nhân dân xã; phối hợp: Phòng Văn hóa - Xã hội.
- Thời gian: Quý II/2026.
2. Phát thanh tin tức trên loa truyền thanh
- Đơn vị thực hiện: Trung tâm Dịch vụ tổng hợp xã.
""")
    first = by_start(tasks, "Giới thiệu hình ảnh")
    assert (first.lead, first.partners) == (["Văn phòng Ủy ban nhân dân xã"], ["Phòng Văn hóa - Xã hội"])
    assert by_start(tasks, "Phát thanh tin tức").lead == ["Trung tâm Dịch vụ tổng hợp xã"]
