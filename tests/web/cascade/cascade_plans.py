"""Two small plans written for the cascade tests (invented, in the test province "Tỉnh Thử
Nghiệm"): a Tỉnh ủy plan with tasks for the Sở Văn hóa, Thể thao và Du lịch, and the Sở's plan
that carries out part of it. Expected: the exhibition task covered, the documentary film a gap,
the group task (các sở, ban, ngành) carried out by the Sở's portal column, the running race
the Sở's own initiative."""
from __future__ import annotations

SO = "Sở Văn hóa, Thể thao và Du lịch"

UPPER = """TỈNH ỦY THỬ NGHIỆM
BAN THƯỜNG VỤ
Số 37-KH/TU

ĐẢNG CỘNG SẢN VIỆT NAM
Thử Nghiệm, ngày 29 tháng 9 năm 2025

KẾ HOẠCH
triển khai công tác thông tin đối ngoại về Đại hội Đảng bộ tỉnh lần thứ nhất

Thực hiện Hướng dẫn số 21-HD/BTGDVTW ngày 23/7/2025 của Ban Tuyên giáo và Dân vận Trung ương về công tác thông tin đối ngoại về Đại hội đại biểu toàn quốc lần thứ XIV của Đảng, Ban Thường vụ Tỉnh ủy xây dựng kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
Tăng cường công tác thông tin đối ngoại về Đại hội Đảng bộ tỉnh, góp phần quảng bá hình ảnh tỉnh Thử Nghiệm với bạn bè quốc tế.

II. NHIỆM VỤ CỤ THỂ
1. Sở Văn hóa, Thể thao và Du lịch
- Chủ trì tham mưu tổ chức các hoạt động văn hóa, nghệ thuật, triển lãm ảnh chào mừng Đại hội Đảng bộ tỉnh.
- Xây dựng phim tài liệu quảng bá tiềm năng du lịch của tỉnh bằng tiếng Anh, phát hành trên các nền tảng số.
2. Công an tỉnh
- Bảo đảm an ninh mạng cho hệ thống thông tin phục vụ Đại hội.
3. Các sở, ban, ngành
- Xây dựng chuyên mục tuyên truyền về Đại hội trên cổng thông tin điện tử của cơ quan, đơn vị.

III. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy trước ngày 15/12/2025.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Nguyễn Văn Thử
"""

LOWER = """UBND TỈNH THỬ NGHIỆM
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH
Số: 12/KH-SVHTTDL

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thử Nghiệm, ngày 10 tháng 10 năm 2025

KẾ HOẠCH
Triển khai công tác thông tin đối ngoại về Đại hội Đảng bộ tỉnh lần thứ nhất

Thực hiện {citation} của Ban Thường vụ Tỉnh ủy về triển khai công tác thông tin đối ngoại về Đại hội Đảng bộ tỉnh lần thứ nhất, Sở Văn hóa, Thể thao và Du lịch ban hành kế hoạch cụ thể hóa nhiệm vụ được giao như sau:

I. MỤC ĐÍCH, YÊU CẦU
Cụ thể hóa các nhiệm vụ Ban Thường vụ Tỉnh ủy giao cho Sở.

II. NHIỆM VỤ
1. Phòng Quản lý Văn hóa chủ trì tổ chức các hoạt động văn hóa, nghệ thuật, triển lãm ảnh trong tỉnh chào mừng Đại hội Đảng bộ tỉnh.
2. Văn phòng Sở chủ trì mở chuyên mục tuyên truyền về Đại hội trên cổng thông tin điện tử của Sở.
3. Văn phòng Sở chủ trì tổ chức giải chạy việt dã cho cán bộ, công chức, người lao động của Sở.

III. TỔ CHỨC THỰC HIỆN
Các phòng báo cáo kết quả về Văn phòng Sở trước ngày 05/12/2025.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Trần Thị Nghiệm
"""


def lower_text(citation: str = "Kế hoạch số 37-KH/TU ngày 29/9/2025", number: str = "12/KH-SVHTTDL") -> str:
    return LOWER.replace("12/KH-SVHTTDL", number).format(citation=citation)



def task_of(plan, words: str):
    """The plan's task whose text contains `words`."""
    return next(t for t in plan.tasks.order_by("position") if words in t.text)
