"""Header and signature: number, issuing body, place and date, title, signer.

The issuing body is written out in full with its province, as a register would file it:
"UBND TỈNH ĐẮK LẮK / SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" -> "Sở Văn hóa, Thể thao và Du lịch tỉnh
Đắk Lắk". Where a copy lost its letterhead, the body comes from the text ("UBND tỉnh ban hành
Kế hoạch ...", "Kế hoạch ... của Sở ...") and from the signature ("KT. CHỦ TỊCH").
"""
from __future__ import annotations

import re
from collections import Counter

from ..models import Meta, Signer
from ..text import fold, is_upper_line, sentence_case, squash
from .dates import DATE_WORDS, iso
from .zones import CLOSING_START, Zones

PROVINCES = (
    "Hà Nội", "Huế", "Thừa Thiên Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai",
    "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long",
    "Đồng Tháp", "Cà Mau", "An Giang",
    # Provinces merged on 1/7/2025: older plans still name them.
    "Hà Giang", "Yên Bái", "Bắc Kạn", "Vĩnh Phúc", "Bắc Giang", "Hải Dương", "Thái Bình", "Hà Nam",
    "Nam Định", "Hòa Bình", "Quảng Bình", "Quảng Nam", "Kon Tum", "Bình Định", "Phú Yên", "Ninh Thuận",
    "Bình Thuận", "Đắk Nông", "Bình Phước", "Bình Dương", "Long An", "Tiền Giang", "Bến Tre",
    "Trà Vinh", "Sóc Trăng", "Hậu Giang", "Bạc Liêu", "Kiên Giang", "Bà Rịa - Vũng Tàu",
)
_CITIES = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}
_PROVINCE_BY_FOLD = {fold(p): p for p in PROVINCES}
_PROVINCE_RE = re.compile(
    r"(?<!\w)(" + "|".join(sorted((re.escape(fold(p)) for p in PROVINCES), key=len, reverse=True)) + r")(?!\w)"
)

# Bodies whose capitalisation a register keeps (folded key -> official spelling).
_BODIES = {fold(b): b for b in (
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Sở Văn hóa, Thể thao và Du lịch", "Sở Ngoại vụ",
    "Sở Thông tin và Truyền thông", "Sở Nội vụ", "Sở Tài chính", "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng",
    "Sở Tư pháp", "Sở Dân tộc và Tôn giáo", "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường",
    "Sở Giao thông vận tải", "Sở Lao động - Thương binh và Xã hội", "Ban Thường vụ Tỉnh ủy", "Tỉnh ủy",
    "Thành ủy", "Ban Thường vụ Thành ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy",
    "Thủ tướng Chính phủ", "Chính phủ", "Văn phòng Ủy ban nhân dân", "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Ngoại giao", "Bộ Công an", "Bộ Tài chính", "Bộ Thông tin và Truyền thông", "Bộ Khoa học và Công nghệ",
    "Ban Chỉ đạo", "Ủy ban Mặt trận Tổ quốc Việt Nam",
)}
_ABBREVIATIONS = (
    (r"\bUBND\b", "Ủy ban nhân dân"), (r"\bHĐND\b", "Hội đồng nhân dân"), (r"\bUB\b", "Ủy ban"),
    (r"\bVHTTDL\b|\bVH,\s*TT\s*&\s*DL\b|\bVHTT&DL\b", "Văn hóa, Thể thao và Du lịch"),
    (r"\bTT&TT\b|\bTTTT\b", "Thông tin và Truyền thông"), (r"\bKH&CN\b|\bKHCN\b", "Khoa học và Công nghệ"),
    (r"\bBTV\b", "Ban Thường vụ"), (r"\bTU\b", "Tỉnh ủy"), (r"\bTP\.\s*", "Thành phố "),
)
_MOTTO = re.compile(
    r"cong hoa xa hoi|doc lap\s*-\s*tu do|dang cong san viet nam|^[-_=.\s]+$|^so\s*:|^so\s+\d|ngay .* thang|^\W*$"
)
_TITLE_WORDS = {"pho": "PHÓ", "chu tich": "CHỦ TỊCH", "bi thu": "BÍ THƯ", "giam doc": "GIÁM ĐỐC", "thuong truc": "THƯỜNG TRỰC"}
_TITLE_SPELLING = re.compile(r"(?i)\b(?:ph[oóòỏõọôốồổỗộ]|ch[uủ] t[iị]ch|b[ií] th[uư]|gi[aá]m đ[oố]c|th[uư][oờ]ng tr[uự]c)\b")
_MOTTO_PART = re.compile(r"dang cong san viet nam|cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc")


def _drop_motto(line: str) -> str:
    """The national motto cut out of a letterhead line (compared folded: OCR may lose its marks)."""
    folded = fold(line)
    if len(folded) != len(line):
        return squash(line)
    for m in reversed(list(_MOTTO_PART.finditer(folded))):
        line = line[:m.start()] + " " + line[m.end():]
    return squash(line)
_AUTHORITY = re.compile(r"^(KT|K/T|TM|T/M|Q|TL|TUQ|T\.M|K\.T)\s*[./]?\s*(.+)$")
# Matched folded: an OCR copy may have lost or misplaced the marks ("PHỔ BÍ THƯ").
_SIGNER_TITLE = re.compile(
    r"^(?:pho\s+)?(?:chu tich|giam doc|bi thu|truong ban|thu tuong|bo truong|chanh van phong|"
    r"vien truong|cuc truong|tong giam doc|truong phong|thu truong|pho thu tuong)\b"
)
_WORD_CASE = {
    "chủ tịch": "Chủ tịch", "giám đốc": "Giám đốc", "ủy ban nhân dân": "Ủy ban nhân dân",
    "ban thường vụ": "Ban Thường vụ", "bí thư": "Bí thư", "thường trực": "Thường trực",
    "thủ tướng": "Thủ tướng", "bộ trưởng": "Bộ trưởng", "trưởng ban": "Trưởng ban", "phó": "Phó",
    "chánh văn phòng": "Chánh Văn phòng", "tỉnh ủy": "Tỉnh ủy", "thành ủy": "Thành ủy",
    "ban chấp hành": "Ban Chấp hành", "hội đồng nhân dân": "Hội đồng nhân dân",
}
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\.?\s+){1,5}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+$")
# "Số: 37-KH/TU"; an English OCR model reads "Số" as "S6" or "So".
_NUMBER = re.compile(r"\bS(?:ố|o|ô|6)\s*:?\s*(\d+\s?[\w.\-]*\s?/\s?[\w.&/\-Đđ]+)", re.I)


def read_meta(z: Zones, text: str) -> Meta:
    """Everything in `meta` from the zones; `text` is the whole cleaned document for fall-backs."""
    header = [squash(x) for x in z.header if x.strip()]
    header_text = "\n".join(header)
    meta = Meta(doc_type=z.doc_type)
    m = _NUMBER.search(header_text)
    if m:
        meta.number = re.sub(r"\s+", "", m.group(1)).rstrip(".,;")
        meta.number = re.sub(r"/TỈNH ỦY$", "/TU", meta.number, flags=re.I)  # a restorer reads "TU" as a word
    place = re.search(r"(?:^|\n)[^\w\n]*([A-ZĐ][^\n,:;]{1,40}?),\s*ngày", header_text)
    if place:
        meta.place = _expand(place.group(1).strip())
    date = DATE_WORDS.search(header_text)
    if date:
        meta.date = iso(date.group(1), date.group(2), date.group(3))
    meta.signer = read_signer(z.closings[0] if z.closings else [])
    meta.issuer, province = _issuer(header, meta.signer, text, meta.place)
    meta.letterhead = _letterhead(header)[:3]  # as printed: a report in reply reprints it
    meta.title = _title(z.title_lines, province)
    return meta


def _title(lines: list[str], province: str | None = None) -> str | None:
    title = squash(" ".join(lines)).strip(" *")
    if not title:
        return None
    title = title[:1].upper() + title[1:]
    if is_upper_line(title):
        title = sentence_case(title)
        title = _restore_proper_names(title)
        if province:
            title = re.sub(rf"(?<!\w){re.escape(province.lower())}(?!\w)", province, title)
    return title


def _restore_proper_names(text: str) -> str:
    """After lower-casing a title printed in capitals, give provinces and bodies their capitals."""
    for name in sorted(PROVINCES, key=len, reverse=True):
        text = re.sub(re.escape(name.lower()), name, text)
    names = sorted(_BODIES.values(), key=len, reverse=True) + ["Đảng", "Việt Nam"]
    for name in names:
        text = re.sub(rf"(?<!\w){re.escape(name.lower())}(?!\w)", name, text)
    text = re.sub(r"(?<!\w)luật(?= )", "Luật", text)  # a law is named with a capital
    text = re.sub(r"(\d+/)([a-zđ\-]+)", lambda m: m.group(1) + m.group(2).upper(), text)  # 06/qđ-ttg
    text = re.sub(r"(/[A-ZĐ]+-)TTG\b", r"\1TTg", text)
    return text


def _expand(name: str) -> str:
    for pattern, full in _ABBREVIATIONS:
        name = re.sub(pattern, full, name)
    return squash(name)


def _case_words(text: str) -> str:
    """ "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch"; "KT. CHỦ TỊCH" keeps "KT."."""
    low = squash(text).lower()
    for key in sorted(_WORD_CASE, key=len, reverse=True):
        low = re.sub(rf"(?<!\w){re.escape(key)}(?!\w)", _WORD_CASE[key], low)
    return low[:1].upper() + low[1:]


def read_signer(lines: list[str]) -> Signer:
    """The signature block: authority ("KT. Chủ tịch"), title ("Phó Chủ tịch") and the name."""
    signer = Signer()
    authorities: list[str] = []
    for raw in _signature_lines(lines):
        line = squash(raw).strip(" *")
        if not line or line.startswith(("-", "+", "Nơi nhận", "Noi nhan")):
            continue
        m = _AUTHORITY.match(line)
        if m and is_upper_line(m.group(2)):
            prefix = {"T.M": "TM", "K.T": "KT", "K/T": "KT"}.get(m.group(1), m.group(1))
            authorities.append(f"{prefix}. {_case_words(m.group(2))}" if "/" not in prefix else f"{prefix} {_case_words(m.group(2))}")
            continue
        if _SIGNER_TITLE.match(fold(line)) and is_upper_line(line):
            signer.title = _case_words(_TITLE_SPELLING.sub(lambda m: _TITLE_WORDS[fold(m.group(0))], line))
            continue
        if _NAME.match(line) and not re.search(r"\d", line) and len(line.split()) >= 2:
            signer.name = line
    if authorities:
        signer.authority = ", ".join(authorities)
    return signer


_AUTHORITY_INSIDE = re.compile(r"(?<=\S)\s+(?=(?:(?:KT|TM|TL|TUQ|Q)\.|K/T|T/M)\s*[A-ZĐ])")
_TITLE_INSIDE = re.compile(r"(?<=\S)(?<!PHÓ)(?<!KT\.)(?<!K/T)(?<!TM\.)(?<!T/M)(?<!TL\.)(?<!Q\.)\s+(?=(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|BÍ THƯ|TRƯỞNG BAN|THỦ TƯỚNG|BỘ TRƯỞNG)\b)")


def _right_column(lines: list[str]) -> list[str]:
    """An OCR copy runs the signature column into the Nơi nhận lines ("Nơi nhận: T/M BAN THƯỜNG VỤ",
    "- Ban … Trung ương, PHÓ BÍ THƯ THƯỜNG TRỰC", "…, Tôn Ngọc Hạnh"): take those tails out."""
    out = []
    for raw in lines:
        line = squash(raw)
        head = CLOSING_START.match(line)
        if head:
            line = line[head.end():]
            if line and is_upper_line(line):
                out.append(line)
            continue
        tail = line.rsplit(",", 1)[-1].strip() if "," in line else ""
        if tail and (is_upper_line(tail) and len(tail.split()) >= 2 or _NAME.match(tail) and _personal(tail)):
            out.append(tail)
    return out


def _personal(name: str) -> bool:
    """A person's name, not a body's: no word of a unit's name in it."""
    return not re.search(r"\b(?:Tỉnh|Ủy|Ban|Sở|Văn|Phòng|Hội|Báo|Đảng|Nam|Trung|Công|Cục|Bộ)\b", name)


def _signature_lines(lines: list[str]) -> list[str]:
    """Split lines that a conversion ran together: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A"."""
    out: list[str] = []
    if not any(_AUTHORITY.match(squash(x)) or _SIGNER_TITLE.match(fold(squash(x))) for x in lines):
        lines = _right_column(lines) or lines
    for raw in lines:
        raw = squash(raw)
        if is_upper_line(raw):
            raw = _TITLE_SPELLING.sub(lambda m: _TITLE_WORDS[fold(m.group(0))], raw)
        for part in _AUTHORITY_INSIDE.split(raw):
            words = part.split()
            # A name in title case after words in capitals: split it off.
            cut = len(words)
            while cut > 0 and words[cut - 1][:1].isupper() and words[cut - 1][1:].islower():
                cut -= 1
            if 0 < cut < len(words) and len(words) - cut >= 2 and all(w.isupper() for w in words[:cut]):
                head, name = " ".join(words[:cut]), " ".join(words[cut:])
            else:
                head, name = part, None
            out.extend(x for x in _TITLE_INSIDE.split(head) if x) if is_upper_line(head) else out.append(head)
            if name:
                out.append(name)
    return out


def _issuer(header: list[str], signer: Signer, text: str, place: str | None) -> tuple[str | None, str | None]:
    """The issuing body written out with its province, and the province."""
    # Two columns printed on one line ("TỈNH ỦY X   ĐẢNG CỘNG SẢN VIỆT NAM"): keep the left one.
    letterhead = _letterhead(header)
    province = None
    body = None
    if letterhead:
        joined = [_expand(x) for x in letterhead[:3]]
        for line in joined:
            province = province or _province_in(line) or _province_named(line)
        # The issuing body is the last letterhead line; the line above names its superior.
        body_line = joined[-1] if len(joined) > 1 and not _province_in(joined[-1]) else " ".join(joined)
        if len(joined) > 1 and _province_in(joined[-1]) and not re.match(r"^(TỈNH|THÀNH PHỐ)\b", joined[-1]):
            body_line = joined[-1]
        party = next((x for x in joined if re.match(r"^(?:TỈNH|THÀNH) ỦY\b", x)), None)
        if party and (body_line is party or not re.match(r"^BAN\b", body_line) or body_line == party):
            # "TỈNH ỦY X" alone: the plan is the Tỉnh ủy's, or its standing committee's where it signs.
            body = "Ban Thường vụ Tỉnh ủy" if "ban thuong vu" in fold(signer.authority or "") else "Tỉnh ủy"
        elif party:
            body = f"{_body_name(body_line)} {'Tỉnh ủy' if party.startswith('TỈNH') else 'Thành ủy'}"
            body = _BODIES.get(fold(body), body)
        else:
            body = _body_name(body_line)
            # "ỦY BAN NHÂN DÂN / XÃ TÂN PHÚ": a body of a commune, ward or district under its name.
            local = re.match(r"^(XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|HUYỆN|QUẬN|THỊ XÃ)\s+(.+)$", joined[-1])
            if local and len(joined) > 1:
                place = " ".join(w.capitalize() for w in local.group(2).split())
                return f"{_body_name(joined[-2]) or ''} {local.group(1).lower()} {place}".strip(), province
    if not body:
        body = _body_from_text(text, signer)
    if not province:
        province = _province_in(place or "") or _main_province(text)
    if not body:
        return None, province
    return _with_province(body, province), province


def _letterhead(header: list[str]) -> list[str]:
    """The issuing body's lines: the capitals just before the national motto (a web copy puts
    banners above them), or every capitals line of the header when there is no motto."""
    motto_at = next((i for i, x in enumerate(header) if _MOTTO_PART.search(fold(x))), None)
    if motto_at is not None:
        lines = [_drop_motto(header[motto_at])]
        for x in reversed(header[:motto_at]):
            x = squash(x)
            if re.fullmatch(r"[-_=.*\s]*", x) or _NUMBER.match(x) or re.search(r"\d+\s*-?\s*\w*/", x):
                continue  # rules and the number line sit between the body's name and the motto
            if not is_upper_line(x):
                break
            lines.insert(0, x)
        found = [x for x in lines if x and is_upper_line(x)]
        if found:
            return found
    lines = [_drop_motto(x) for x in header]
    return [x for x in lines if x and is_upper_line(x) and not _MOTTO.search(fold(x))
            and not re.search(r"\d+\s*-?\s*\w*/", x)]


def _body_name(line: str) -> str | None:
    line = re.sub(r"\b(TỈNH|THÀNH PHỐ|TP\.?)\s+.*$", "", line).strip(" ,-")
    if not line:
        return None
    key = fold(line)
    if key in _BODIES:
        return _BODIES[key]
    return sentence_case(line) if is_upper_line(line) else line


def _body_from_text(text: str, signer: Signer) -> str | None:
    """No letterhead: "UBND tỉnh ban hành Kế hoạch", "Kế hoạch ... của Sở ...", or the signature."""
    m = re.search(r"((?:UBND|Ủy ban nhân dân|Sở [^;:.]{3,60}?|Ban Thường vụ Tỉnh ủy|Tỉnh ủy|Ban [^;:.]{3,50}?))"
                  r"\s+(?:tỉnh\s+|thành phố\s+)?(?:[A-ZĐ]\w+(?:\s[A-ZĐ]\w+)?\s+)?ban hành\s+(?:Kế hoạch|kế hoạch)", text)
    if m:
        return _canonical(m.group(1))
    m = re.search(r"Trên đây là Kế hoạch[^./]{0,400}?\s(?:của|do)\s+((?:Ủy ban nhân dân|UBND|Sở|Ban|Tỉnh ủy)[^.;,/]*?"
                  r"(?:, Thể thao và Du lịch)?)(?=\s+(?:yêu cầu|đề nghị|tỉnh|thành phố|[A-ZĐ][a-zđ]|\W|$))", text)
    if m:
        return _canonical(m.group(1))
    authority = fold(signer.authority or "")
    if "uy ban nhan dan" in authority or "chu tich" in authority:
        return "Ủy ban nhân dân"
    if "ban thuong vu" in authority:
        return "Ban Thường vụ Tỉnh ủy"
    title = fold(signer.title or "")
    if "chu tich" in title:
        return "Ủy ban nhân dân"
    if "thu tuong" in title:
        return "Thủ tướng Chính phủ"
    return None


def _canonical(name: str) -> str:
    name = _expand(squash(name))
    name = re.sub(r"\s+(tỉnh|thành phố)$", "", name)
    return _BODIES.get(fold(name), name)


def _province_named(line: str) -> str | None:
    """ "UBND TỈNH LÂM VIÊN" -> "Lâm Viên": a province the list does not know, from its letterhead."""
    m = re.search(r"\b(?:(?:TỈNH|THÀNH) [ỦU]Y|TỈNH|THÀNH PHỐ)\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\s-]{1,30})$", line)
    if not m or re.match(r"^(?:ỦY|UỶ)\b", m.group(1)):
        return None
    return " ".join(w.capitalize() for w in m.group(1).split())


def _province_in(text: str) -> str | None:
    m = _PROVINCE_RE.search(fold(text))
    return _PROVINCE_BY_FOLD[m.group(1)] if m else None


def _main_province(text: str) -> str | None:
    counts = Counter(_PROVINCE_BY_FOLD[m.group(1)] for m in _PROVINCE_RE.finditer(fold(text)))
    return counts.most_common(1)[0][0] if counts else None


def _with_province(body: str, province: str | None) -> str:
    if not province or fold(province) in fold(body) or body in ("Thủ tướng Chính phủ", "Chính phủ"):
        return body
    if body.startswith("Bộ "):
        return body
    if re.search(r"(Tỉnh ủy|Thành ủy)$", body):
        return f"{body} {province}"
    level = "Thành phố" if province in _CITIES else "tỉnh"
    return f"{body} {level} {province}"
