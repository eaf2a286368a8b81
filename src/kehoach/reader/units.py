"""Units (cơ quan, đơn vị) as plans name them: who leads, co-leads and partners a task.

Unit names carry commas of their own ("Sở Văn hóa, Thể thao và Du lịch", "Các Sở, ban, ngành,
địa phương"), so a list is split only where a comma, "và" or "cùng" is followed by the head
word of a new unit ("Sở", "Ban", "Công an", "UBND", "các cơ quan" ...). A phrase naming the
actor ends where its predicate begins ("... tỉnh phối hợp triển khai", "... bố trí thời lượng").
"""
from __future__ import annotations

import itertools
import re

from ..text import squash

# Head words that open a unit's name (matched case-insensitively at a word start).
_HEADS = (
    r"Sở(?![,;])|Ban(?! hành|[,;])|Bộ(?! máy| tiêu chí| công cụ| phận| luật)|Phòng(?![ ,]*(?:chống|ngừa|thủ|,))|Công an|Văn phòng|"
    r"Ủy ban|Uỷ ban|UBND|HĐND|UB MTTQ|MTTQ|Mặt trận|Hội đồng|Liên hiệp|Liên đoàn|"
    r"Hội(?! nghị| thảo| thi| diễn| chợ| báo| viên| nhập)|Báo(?! cáo)|Đài|Trung tâm|Nhà [Xx]uất bản|"
    r"Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Đảng ủy|Đảng uỷ|Đảng đoàn|Ban cán sự|Tỉnh đoàn|Thành đoàn|"
    r"Đoàn(?! kết| viên)|Bộ Chỉ huy|Bộ đội|Bộ Tư lệnh|Cục|Tổng cục|Chi cục|Viện|Học viện|Trường(?! hợp)|Kho bạc|"
    r"Ngân hàng|Thanh tra|Cơ quan|Đơn vị|Chính phủ|Thủ tướng|Bộ trưởng|Chủ tịch|Giám đốc|Thủ trưởng|"
    r"Tiểu ban|Tổ (?!chức)|Hiệp hội|Cảnh sát|Bảo hiểm xã hội|Thông tấn xã|Tòa án|Toà án|Công ty|"
    r"Tổng công ty|Tập đoàn|Doanh nghiệp|Lãnh đạo|VOV|VTV|TTXVN|Người đứng đầu|Thuế|Kiểm toán|Hải quan|Quỹ|"
    r"(?:các|Các|những) (?:sở|Sở|ban|Ban|ngành|bộ|Bộ|cơ quan|đơn vị|phòng|tổ chức|hội|đoàn thể|địa phương|"
    r"xã|phường|huyện|tỉnh|doanh nghiệp|lực lượng|trường|cơ sở|thành viên|Ủy ban|UBND|Báo|báo|đảng ủy|cấp ủy|"
    r"trung tâm|Trung tâm|nhà xuất bản|đài|Đài|thành phố|Hội|cơ quan|Cơ quan|Đảng ủy|Phòng|Đoàn|Bộ|cấp|ngành|"
    r"Sở, ngành|sở, ngành)"
)
UNIT_START = re.compile(rf"^(?:{_HEADS})\b")
_UNIT_START_ANY_CASE = re.compile(rf"^(?:{_HEADS})\b", re.I)

# Words that begin the predicate after an actor ("Sở Tài chính tham mưu ...").
_VERBS = (
    "chủ trì", "phối hợp", "tham mưu", "thực hiện", "triển khai", "bố trí", "xây dựng", "hướng dẫn",
    "chỉ đạo", "theo dõi", "tăng cường", "đẩy mạnh", "cung cấp", "căn cứ", "có trách nhiệm",
    "chịu trách nhiệm", "theo chức năng", "trong phạm vi", "rà soát", "nghiên cứu", "kiểm tra",
    "đôn đốc", "tuyên truyền", "đăng tải", "huy động", "vận động", "quán triệt", "phổ biến",
    "tiếp tục", "chủ động", "nắm bắt", "tổng hợp", "báo cáo", "ban hành", "đề xuất", "trình",
    "bảo đảm", "đảm bảo", "giám sát", "lồng ghép", "sản xuất", "cập nhật", "khẩn trương", "kịp thời",
    "thường xuyên", "định kỳ", "phát huy", "nâng cao", "quan tâm", "dành", "ưu tiên", "tích cực",
    "là cơ quan", "là đầu mối", "được giao", "gửi", "sơ kết", "tổng kết", "đánh giá", "hỗ trợ",
    "phát hiện", "đấu tranh", "xử lý", "biên soạn", "phát hành", "thành lập", "duy trì", "vận hành",
    "tiếp nhận", "kiện toàn", "bồi dưỡng", "tập huấn", "hoàn thành", "hoàn thiện", "để", "nhằm",
    "mở", "đăng", "lập", "cử", "thông tin", "tổ chức", "định hướng", "theo", "chuẩn bị", "phân công",
    "giao", "yêu cầu", "quản lý", "đề nghị", "nghiêm túc", "có ý kiến", "trực tiếp", "cân đối",
    "sử dụng", "khai thác", "ứng dụng", "đầu tư", "thẩm định", "phê duyệt", "soạn thảo", "tiến hành",
    "nêu cao", "chú trọng", "thu hút", "kêu gọi", "phấn đấu", "tập trung", "đánh giá", "xét", "lập",
)
_VERB_RE = re.compile(r"(?<![\w])(" + "|".join(sorted(map(re.escape, _VERBS), key=len, reverse=True)) + r")(?![\w])")
# "tổ chức" is a noun after "các", "những", a comma or "và" ("các tổ chức thành viên").
_NOUN_BEFORE = re.compile(r"(?:các|những|,|và|cùng|;)\s*$", re.I)
_NOUN_AFTER = {"tổ chức": re.compile(r"^\s*(?:chính trị|thành viên|xã hội|hữu nghị|đoàn thể|quốc tế|liên quan|,|;)"),
               "thông tin": re.compile(r"^\s*(?:điện tử|và truyền thông|đối ngoại|cơ sở|,)"),
               "quản lý": re.compile(r"^\s*(?:dự án|khu|nhà nước|thị trường)"),
               "theo": re.compile(r"^\s*(?:dõi)")}

_LEAD_INS = re.compile(
    r"^(?:(?:kính\s+)?đề nghị|kính mời|giao(?:\s+cho)?|yêu cầu|trân trọng đề nghị|đồng chí|đ/c)\s+", re.I
)
_ASIDE = re.compile(r"\s*\([^()]*\)")
_TRAILERS = re.compile(
    r"\s*(?:[-–]\s*)?(?:là cơ quan (?:chủ trì|thường trực|đầu mối)\b.*|\(?cơ quan thường trực\b.*|làm đầu mối\b.*)$", re.I
)
_SPLIT = re.compile(r"\s*;\s*|\s*,\s*(?=" + f"(?:{_HEADS})" + r"\b)|\s+(?:và|cùng|với)\s+(?=" + f"(?:{_HEADS})" + r"\b)")


def starts_with_unit(text: str, any_case: bool = False) -> bool:
    text = _LEAD_INS.sub("", text.strip())
    return bool((_UNIT_START_ANY_CASE if any_case else UNIT_START).match(text))


def strip_unit(text: str) -> str:
    """One unit's name as an officer would file it: no "kính mời", no aside, no trailing stop."""
    text = _LEAD_INS.sub("", squash(text))
    text = _TRAILERS.sub("", text)
    text = _ASIDE.sub("", text)
    text = re.sub(r"\s*\([^()]*$", "", text)  # an aside left open by a cut
    text = text.strip(" .;:,-–")
    return squash(text)


def split_units(text: str) -> list[str]:
    """ "Sở Công Thương, Sở Tài chính và Công an tỉnh" -> three units; commas inside names stay."""
    text = _ASIDE.sub("", squash(text))
    units: list[str] = []
    pieces = _SPLIT.split(text)
    for i, part in enumerate(pieces):
        unit = strip_unit(part)
        if len(unit.split()) == 1 and i + 1 < len(pieces):
            # "Báo và Đài Phát thanh, Truyền hình X": a bare head word shares the name that follows.
            pieces[i + 1] = f"{unit} và {pieces[i + 1]}"
            continue
        if unit and unit not in units and len(unit) > 2:
            units.append(unit)
    return units


def cut_predicate(text: str, start: int = 1) -> tuple[str, str]:
    """Split "Báo X bố trí thời lượng ..." into ("Báo X", "bố trí thời lượng ...").

    The first `start` words are never cut (they are the head of the name). Verbs written with a
    capital are part of a name ("Ban Chỉ đạo", "Tiểu ban Tuyên truyền"), so only lower case counts.
    """
    words = list(re.finditer(r"\S+", text))
    if len(words) <= start:
        return text, ""
    offset = words[start].start()
    for m in _VERB_RE.finditer(text, offset):
        verb = m.group(1)
        before = text[:m.start()]
        if verb in ("tổ chức", "thông tin", "quản lý", "theo", "giao", "đề nghị", "mở", "đăng", "lập", "cử", "dành", "gửi"):
            if _NOUN_BEFORE.search(before):
                continue
            after = _NOUN_AFTER.get(verb)
            if after and after.match(text[m.end():]):
                continue
        if verb == "theo" and not re.match(r"\s*(?:chức năng|nhiệm vụ|thẩm quyền|quy định|hướng dẫn|kế hoạch)", text[m.end():]):
            continue
        return text[:m.start()].rstrip(" ,"), text[m.start():]
    return text, ""


def subject_of(text: str) -> tuple[list[str], str] | None:
    """The actor a sentence opens with and the rest of the sentence, or None.

    "Đề nghị UBND các xã, phường phối hợp chỉ đạo:" -> (["UBND các xã, phường"], "phối hợp chỉ đạo:")
    "Các cơ quan báo chí ...: Mở chuyên trang ..." -> (["Các cơ quan báo chí ..."], "Mở chuyên trang ...")
    "Trên cơ sở ..., Sở Tài chính tham mưu ..." -> (["Sở Tài chính"], "tham mưu ...")
    """
    body = _LEAD_INS.sub("", text.strip())
    if not UNIT_START.match(body):
        # "Trên cơ sở …, tùy theo …, Sở Tài chính tham mưu …": the actor after an opening clause.
        opening = r"^(?:Trên cơ sở|Căn cứ|Để|Nhằm|Sau khi|Trong quá trình|Khi|Trường hợp|Quý|Tháng|Năm|Trong|Trước|Đến|Từ|Hằng|Định kỳ)\b"
        if not re.match(opening, body):
            return None
        for m in re.finditer(r"[,;]\s+", body[:400]):
            if UNIT_START.match(body[m.end():]):
                body = body[m.end():]
                break
        else:
            return None
    colon = body.find(":")
    head, rest = cut_predicate(body)
    if colon != -1 and (not rest or colon < len(head)):
        head, rest = body[:colon], body[colon + 1:].strip()
    if not rest:
        return None
    if len(head.split()) > 40:
        return None
    # "Ủy ban nhân dân tỉnh yêu cầu các Sở, ban, ngành … triển khai": the one asked is the actor.
    asked = re.match(r"^(?:yêu cầu|đề nghị|giao(?: cho)?)\s+", rest)
    if asked and _UNIT_START_ANY_CASE.match(rest[asked.end():]):
        inner = subject_of(rest[asked.end():])
        if inner:
            return inner
    units = split_units(head)
    return (units, rest) if units else None


_PARTNER = re.compile(r"phối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s+", re.I)


def partners_in(text: str) -> list[str]:
    """Units a sentence says it works with: "Chủ trì, phối hợp với X, Y tổ chức ..." -> [X, Y]."""
    found: list[str] = []
    for m in _PARTNER.finditer(text):
        rest = text[m.end():]
        if not _UNIT_START_ANY_CASE.match(rest):
            continue
        # "phối hợp với Sở Y tế; Sở Xây dựng; UBND các xã tổ chức …": the list runs on through ";"
        # as long as each piece opens with a unit.
        pieces = re.split(r"\s*;\s*", rest)
        listed = [pieces[0]] + list(itertools.takewhile(lambda p: bool(UNIT_START.match(p)), pieces[1:]))
        phrase, _ = cut_predicate("; ".join(listed))
        phrase = re.split(r"[.:]", phrase)[0]
        for unit in split_units(phrase):
            if unit not in found:
                found.append(unit)
    return found
