"""The demo's offline press archive: invented articles about the fictional tỉnh Lâm Viên.

Every outlet page is rendered in its outlet's template (`kehoach.press.samples`) and written under
`archive/` with each outlet's feed (RSS 2.0, one Atom feed, one sitemap). One story of Báo Lâm Viên
is syndicated by VietnamPlus at another address: the collector counts it once. Two stories are
about somewhere else: the relevance filter leaves them out of the counts.

    python -m kehoach.web.outputs.demo_stories     # rewrite archive/ after editing the stories
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from kehoach.press.samples import Story, render

ARCHIVE = Path(__file__).resolve().parent / "archive"
PREFIX = "/outputs/archive"

# outlet key -> (name, template, feed kind, language, scope)
OUTLETS = {
    "baolamvien": ("Báo Lâm Viên", "baolamvien", "rss", "vi", "domestic"),
    "vnexpress": ("VnExpress", "vnexpress", "rss", "vi", "domestic"),
    "tuoitre": ("Tuổi Trẻ", "tuoitre", "rss", "vi", "domestic"),
    "thanhnien": ("Thanh Niên", "thanhnien", "rss", "vi", "domestic"),
    "dantri": ("Dân trí", "dantri", "rss", "vi", "domestic"),
    "vietnamplus": ("VietnamPlus", "vietnamplus", "atom", "vi", "domestic"),
    "nhandan": ("Nhân Dân", "nhandan", "sitemap", "vi", "domestic"),
    "vietnamnews": ("Viet Nam News", "english", "rss", "en", "domestic"),
    "asiapacific": ("Asia Pacific Daily", "english", "rss", "en", "foreign"),
    "seoulherald": ("Seoul Herald", "english", "rss", "ko", "foreign"),
}

TOPICS = {
    "Thông tin đối ngoại": ["thông tin đối ngoại", "external information", "bản tin", "phát ngôn", "báo chí nước ngoài"],
    "Du lịch": ["du lịch", "du khách", "tourism", "tourist", "festival", "관광"],
    "Đầu tư nước ngoài": ["đầu tư", "nhà đầu tư", "FDI", "investment", "investor", "xúc tiến", "투자"],
    "Hợp tác quốc tế": ["hợp tác quốc tế", "kết nghĩa", "đoàn công tác", "sister province", "cooperation", "đại sứ", "협력"],
    "Đại hội Đảng bộ": ["đại hội đại biểu", "đại hội đảng bộ", "party congress", "nhiệm kỳ"],
    "Nông nghiệp công nghệ cao": ["nông nghiệp công nghệ cao", "cà phê", "hoa", "coffee", "high-tech agriculture", "커피"],
    "Văn hóa": ["văn hóa", "lễ hội", "triển lãm", "di sản", "culture", "exhibition", "heritage"],
}


def d(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")


# (outlet, slug, date, title, sapo, paragraphs, author, related)
STORIES = [
    ("baolamvien", "ban-tin-lam-vien-hoi-nhap-so-1", "2026-03-28 09:15",
     "Phát hành số đầu tiên bản tin song ngữ “Lâm Viên hội nhập”",
     "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Viên vừa phát hành số 1 năm 2026 bản tin thông tin đối ngoại song ngữ Việt - Anh “Lâm Viên hội nhập”, gửi các cơ quan đại diện Việt Nam ở nước ngoài và các đối tác quốc tế của tỉnh.",
     ["Bản tin dày 24 trang, in 1.000 bản, giới thiệu tiềm năng du lịch, nông nghiệp công nghệ cao và các sự kiện đối ngoại nổi bật của tỉnh trong quý I.",
      "Phiên bản điện tử của bản tin được đăng tải trên Cổng thông tin điện tử tỉnh Lâm Viên để bạn đọc trong và ngoài nước tiện theo dõi.",
      "Theo kế hoạch thông tin đối ngoại năm 2026, bản tin được xuất bản định kỳ mỗi quý một số.",
      "Đại diện Sở cho biết các số tiếp theo sẽ bổ sung chuyên mục dành cho nhà đầu tư Hàn Quốc và Nhật Bản."],
     "Hoài An", ["Lâm Viên tăng cường quảng bá hình ảnh ra nước ngoài", "Hội nghị triển khai công tác thông tin đối ngoại năm 2026"]),
    ("baolamvien", "lop-boi-duong-thong-tin-doi-ngoai-2026", "2026-04-16 16:40",
     "Bồi dưỡng kiến thức, kỹ năng thông tin đối ngoại cho 120 cán bộ",
     "Ngày 16/4, tại Phường Hồ Sen, Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Viên khai giảng lớp bồi dưỡng kiến thức, kỹ năng thông tin đối ngoại năm 2026 cho 120 cán bộ phụ trách công tác thông tin đối ngoại của các sở, ngành, địa phương.",
     ["Trong hai ngày, học viên được nghe báo cáo viên trung ương trình bày về tình hình thế giới, khu vực và chủ trương, đường lối đối ngoại của Đảng.",
      "Lớp học dành nhiều thời gian thực hành viết tin, bài giới thiệu hình ảnh tỉnh Lâm Viên bằng tiếng Anh và sử dụng mạng xã hội một cách có trách nhiệm.",
      "Đây là lớp thứ nhất trong hai lớp bồi dưỡng thông tin đối ngoại mà tỉnh tổ chức năm 2026.",
      "Kết thúc khóa học, các học viên được cấp giấy chứng nhận hoàn thành chương trình."],
     "Minh Khang", ["Nâng cao chất lượng đội ngũ làm công tác thông tin đối ngoại"]),
    ("baolamvien", "trien-lam-anh-hop-tac-phat-trien-dot-1", "2026-05-19 10:05",
     "Khai mạc triển lãm ảnh “Lâm Viên - Hợp tác và phát triển”",
     "Sáng 19/5, tại Nhà Văn hóa tỉnh ở Phường Đồi Thông, triển lãm ảnh “Lâm Viên - Hợp tác và phát triển” đợt 1 năm 2026 khai mạc với hơn 150 bức ảnh về quan hệ hợp tác quốc tế của tỉnh.",
     ["Các bức ảnh ghi lại những dấu mốc trong quan hệ giữa tỉnh Lâm Viên với các địa phương kết nghĩa của Hàn Quốc, Nhật Bản và Lào.",
      "Triển lãm thu hút đông đảo người dân, du khách và đại diện các cơ quan ngoại giao đến tham quan trong ngày khai mạc.",
      "Ban tổ chức cho biết triển lãm sẽ tiếp tục được tổ chức tại các huyện miền núi và tại Hà Nội trong các đợt tiếp theo.",
      "Triển lãm kéo dài đến hết ngày 25/5."],
     "Thu Hà", ["Lâm Viên và tỉnh Gangwon ký biên bản ghi nhớ hợp tác", "Festival hoa Lâm Viên thu hút 200.000 lượt khách"]),
    ("baolamvien", "xuc-tien-dau-tu-han-quoc", "2026-06-09 14:20",
     "Lâm Viên đón đoàn 30 doanh nghiệp Hàn Quốc tìm hiểu cơ hội đầu tư",
     "Chiều 9/6, Chủ tịch UBND tỉnh Lâm Viên tiếp đoàn 30 doanh nghiệp Hàn Quốc đến tìm hiểu cơ hội đầu tư vào lĩnh vực nông nghiệp công nghệ cao, chế biến cà phê và du lịch nghỉ dưỡng.",
     ["Phát biểu tại buổi tiếp, Chủ tịch UBND tỉnh cho biết Lâm Viên luôn tạo điều kiện thuận lợi nhất cho các nhà đầu tư nước ngoài.",
      "Tỉnh có lợi thế về khí hậu mát mẻ quanh năm, quỹ đất sạch và nguồn nhân lực trẻ được đào tạo bài bản.",
      "Đại diện đoàn doanh nghiệp bày tỏ ấn tượng với cảnh quan thiên nhiên và môi trường đầu tư của địa phương.",
      "Hai bên thống nhất sẽ tổ chức hội nghị xúc tiến đầu tư tại Seoul vào quý IV năm 2026."],
     "Quang Vinh", ["Lâm Viên thu hút 12 dự án FDI trong 6 tháng"]),
    ("baolamvien", "festival-hoa-lam-vien-2026", "2026-01-03 20:30",
     "Festival hoa Lâm Viên 2026 thu hút hơn 200.000 lượt du khách",
     "Sau 5 ngày diễn ra, Festival hoa Lâm Viên 2026 đã thu hút hơn 200.000 lượt du khách trong và ngoài nước, trong đó có khoảng 15.000 lượt khách quốc tế.",
     ["Điểm nhấn của festival là chương trình diễu hành xe hoa qua các tuyến phố trung tâm Phường Hồ Sen.",
      "Nhiều đoàn nghệ thuật đến từ Hàn Quốc, Nhật Bản và Thái Lan tham gia biểu diễn, góp phần quảng bá hình ảnh địa phương.",
      "Doanh thu du lịch trong dịp festival ước đạt 900 tỷ đồng, tăng 20% so với năm trước.",
      "Ban tổ chức đánh giá festival đã góp phần khẳng định thương hiệu du lịch Lâm Viên."],
     "Bảo Ngọc", []),
    ("baolamvien", "hoi-nghi-bao-chi-quy-1", "2026-04-02 11:00",
     "Họp báo cung cấp thông tin về tình hình kinh tế - xã hội quý I",
     "Sáng 2/4, UBND tỉnh Lâm Viên tổ chức họp báo định kỳ cung cấp thông tin về tình hình kinh tế - xã hội quý I năm 2026 cho các cơ quan báo chí trong nước và nước ngoài.",
     ["Tại buổi họp báo, người phát ngôn của UBND tỉnh thông tin tăng trưởng kinh tế quý I của tỉnh ước đạt 7,2%.",
      "Nhiều phóng viên quan tâm đến tiến độ các dự án giao thông kết nối và công tác chuẩn bị Đại hội đại biểu Đảng bộ tỉnh.",
      "Lãnh đạo các sở, ngành đã trả lời trực tiếp các câu hỏi của phóng viên.",
      "Họp báo được tổ chức định kỳ hằng quý theo quy chế phát ngôn và cung cấp thông tin cho báo chí."],
     "Thanh Tùng", []),
    ("baolamvien", "ban-tin-lam-vien-hoi-nhap-so-3", "2026-09-30 08:00",
     "Bản tin “Lâm Viên hội nhập” số 3 giới thiệu cà phê đặc sản",
     "Số 3 năm 2026 của bản tin thông tin đối ngoại “Lâm Viên hội nhập” dành nhiều trang giới thiệu ngành cà phê đặc sản và các chuỗi giá trị nông nghiệp công nghệ cao của tỉnh.",
     ["Ngoài hai ấn bản tiếng Việt và tiếng Anh, số này lần đầu có thêm ấn bản tiếng Hàn.",
      "Bản tin được gửi tới các cơ quan đại diện Việt Nam ở nước ngoài, các tổ chức quốc tế và doanh nghiệp đối tác.",
      "Tổng số lượng phát hành của số 3 là 1.200 bản in và bản điện tử trên cổng thông tin của tỉnh.",
      "Sở Văn hóa, Thể thao và Du lịch đang chuẩn bị nội dung cho số 4 năm 2026."],
     "Hoài An", []),
    ("baolamvien", "dai-hoi-dang-bo-tinh-cong-tac-chuan-bi", "2026-10-21 17:10",
     "Khẩn trương chuẩn bị Đại hội đại biểu Đảng bộ tỉnh Lâm Viên",
     "Các tiểu ban phục vụ Đại hội đại biểu Đảng bộ tỉnh Lâm Viên đang khẩn trương hoàn thiện văn kiện, công tác tuyên truyền và đón tiếp phóng viên trong và ngoài nước đến đưa tin.",
     ["Tiểu ban Tuyên truyền đã mở cổng đăng ký tác nghiệp cho phóng viên các cơ quan báo chí trung ương, địa phương và báo chí nước ngoài.",
      "Trung tâm báo chí của Đại hội được bố trí đầy đủ trang thiết bị, đường truyền phục vụ phóng viên.",
      "Các phóng viên được cấp thẻ tác nghiệp có mã QR để kiểm tra tại cổng.",
      "Công tác tuyên truyền trước, trong và sau Đại hội được triển khai đồng bộ trên các phương tiện thông tin đại chúng."],
     "Thanh Tùng", []),
    ("baolamvien", "lop-tap-huan-phat-ngon", "2026-08-12 15:00",
     "Tập huấn kỹ năng phát ngôn và cung cấp thông tin cho báo chí",
     "Ngày 12/8, tại Xã Đá Bàn, tỉnh Lâm Viên tổ chức lớp tập huấn kỹ năng phát ngôn và cung cấp thông tin cho báo chí trong nước và nước ngoài dành cho người phát ngôn của các cơ quan, đơn vị.",
     ["Học viên được hướng dẫn quy trình tiếp xúc, trả lời phỏng vấn của phóng viên nước ngoài.",
      "Các tình huống thực hành được xây dựng từ những sự kiện thực tế của địa phương.",
      "Lớp tập huấn có sự tham gia của 80 người phát ngôn và cán bộ đầu mối cung cấp thông tin.",
      "Ban tổ chức đánh giá lớp học đạt yêu cầu đề ra."],
     "Minh Khang", []),
    ("vnexpress", "lam-vien-thu-hut-fdi", "2026-07-06 06:00",
     "Lâm Viên thu hút 12 dự án FDI trong 6 tháng",
     "Trong 6 tháng đầu năm 2026, tỉnh Lâm Viên thu hút 12 dự án có vốn đầu tư nước ngoài với tổng vốn đăng ký khoảng 450 triệu USD, chủ yếu vào nông nghiệp công nghệ cao và du lịch.",
     ["Các nhà đầu tư đến từ Hàn Quốc, Nhật Bản, Singapore và Hà Lan.",
      "Theo Sở Tài chính tỉnh Lâm Viên, số dự án mới tăng gấp đôi so với cùng kỳ năm trước.",
      "Tỉnh đang hoàn thiện hạ tầng các khu nông nghiệp ứng dụng công nghệ cao để đón làn sóng đầu tư mới.",
      "Lãnh đạo tỉnh đặt mục tiêu thu hút 1 tỷ USD vốn FDI đến năm 2030."],
     "Đức Minh", ["Giá vàng hôm nay tăng mạnh", "Xuất khẩu cà phê đạt kỷ lục"]),
    ("vnexpress", "mua-hoa-tam-giac-mach", "2026-11-08 07:30",
     "Du khách đổ về Lâm Viên ngắm mùa hoa dã quỳ",
     "Những ngày cuối tuần, hàng nghìn du khách đổ về các xã vùng cao của tỉnh Lâm Viên để ngắm hoa dã quỳ nở vàng trên các sườn đồi.",
     ["Nhiều homestay ở Xã Mây Ngàn và Xã Thác Bạc kín phòng đến hết tháng 11.",
      "Chính quyền địa phương bố trí lực lượng hướng dẫn giao thông, bảo đảm an toàn cho du khách.",
      "Ngành du lịch Lâm Viên dự kiến đón 6 triệu lượt khách trong năm nay.",
      "Mùa hoa dã quỳ thường kéo dài đến giữa tháng 12."],
     "Phước Tuấn", ["Mùa hoa tam giác mạch ở Hà Giang"]),
    ("vnexpress", "ca-phe-lam-vien-xuat-khau", "2026-02-14 09:00",
     "Cà phê đặc sản Lâm Viên lần đầu xuất khẩu sang Nhật Bản",
     "Lô cà phê đặc sản đầu tiên của các hợp tác xã tỉnh Lâm Viên vừa được xuất khẩu sang Nhật Bản, mở ra hướng đi mới cho nông sản địa phương.",
     ["Lô hàng gồm 20 tấn cà phê arabica được trồng và chế biến theo tiêu chuẩn của đối tác Nhật Bản.",
      "Sở Nông nghiệp và Môi trường tỉnh cho biết sẽ hỗ trợ các hợp tác xã xây dựng thương hiệu và truy xuất nguồn gốc.",
      "Giá bán cà phê đặc sản cao gấp ba lần cà phê thông thường.",
      "Tỉnh Lâm Viên hiện có hơn 5.000 ha cà phê được chứng nhận bền vững."],
     "Đức Minh", []),
    ("vnexpress", "gia-vang-hom-nay", "2026-06-10 08:00",
     "Giá vàng miếng tăng lên mức cao nhất trong tháng",
     "Giá vàng miếng trong nước sáng nay tăng thêm 500.000 đồng mỗi lượng, lên mức cao nhất kể từ đầu tháng.",
     ["Các doanh nghiệp kinh doanh vàng lớn đồng loạt điều chỉnh giá mua vào và bán ra.",
      "Trên thị trường thế giới, giá vàng giao ngay cũng tăng nhẹ.",
      "Chuyên gia khuyến nghị người dân cân nhắc khi mua vàng ở vùng giá cao.",
      "Chênh lệch giá mua và bán vẫn duy trì ở mức khoảng 2 triệu đồng mỗi lượng."],
     "Minh Sơn", []),
    ("tuoitre", "lam-vien-gangwon-ket-nghia", "2026-03-12 18:45",
     "Lâm Viên và tỉnh Gangwon (Hàn Quốc) ký biên bản ghi nhớ hợp tác",
     "Ngày 12/3, UBND tỉnh Lâm Viên và chính quyền tỉnh Gangwon (Hàn Quốc) ký biên bản ghi nhớ hợp tác quốc tế trong các lĩnh vực du lịch, nông nghiệp và giáo dục.",
     ["Theo biên bản, hai địa phương sẽ trao đổi đoàn công tác hằng năm và hỗ trợ doanh nghiệp tìm kiếm cơ hội hợp tác.",
      "Phía Gangwon cam kết tiếp nhận 50 thực tập sinh nông nghiệp của tỉnh Lâm Viên mỗi năm.",
      "Hai bên cũng thống nhất phối hợp tổ chức các hoạt động giao lưu văn hóa, quảng bá du lịch.",
      "Đây là địa phương thứ tư của Hàn Quốc thiết lập quan hệ hợp tác với tỉnh Lâm Viên."],
     "Lê Hoàng", ["Hàn Quốc là nhà đầu tư lớn nhất tại Việt Nam"]),
    ("tuoitre", "lam-vien-du-lich-xanh", "2026-05-02 12:00",
     "Lâm Viên phát triển du lịch xanh gắn với bảo tồn rừng",
     "Tỉnh Lâm Viên đang triển khai nhiều mô hình du lịch xanh, du lịch cộng đồng gắn với bảo tồn rừng và văn hóa các dân tộc bản địa.",
     ["Tại Xã Thác Bạc, người dân tham gia làm hướng dẫn viên, đưa du khách khám phá rừng thông và thác nước.",
      "Thu nhập từ du lịch giúp nhiều hộ đồng bào thoát nghèo bền vững.",
      "Tỉnh khuyến khích doanh nghiệp đầu tư sản phẩm du lịch thân thiện với môi trường.",
      "Mô hình được kỳ vọng nhân rộng ra các địa phương khác trong tỉnh."],
     "Mai Vinh", []),
    ("tuoitre", "hoi-nghi-xuc-tien-dau-tu-seoul", "2026-10-15 19:20",
     "Lâm Viên tổ chức hội nghị xúc tiến đầu tư tại Seoul",
     "Ngày 15/10, tại Seoul, UBND tỉnh Lâm Viên phối hợp với Đại sứ quán Việt Nam tại Hàn Quốc tổ chức hội nghị xúc tiến đầu tư, thương mại và du lịch.",
     ["Hội nghị thu hút hơn 200 doanh nghiệp Hàn Quốc tham dự.",
      "Tại hội nghị, tỉnh trao giấy chứng nhận đầu tư cho 3 dự án với tổng vốn 120 triệu USD.",
      "Các doanh nghiệp Hàn Quốc đánh giá cao tiềm năng nông nghiệp công nghệ cao của Lâm Viên.",
      "Đoàn công tác của tỉnh cũng làm việc với chính quyền tỉnh Gangwon về triển khai biên bản hợp tác."],
     "Lê Hoàng", []),
    ("thanhnien", "le-hoi-van-hoa-cong-chieng", "2026-11-20 10:00",
     "Lễ hội văn hóa cồng chiêng Lâm Viên sẽ diễn ra vào tháng 12",
     "Lễ hội văn hóa cồng chiêng tỉnh Lâm Viên năm 2026 sẽ diễn ra từ ngày 10 đến 12/12 tại Phường Suối Vàng với sự tham gia của 20 đội nghệ nhân.",
     ["Lễ hội nhằm bảo tồn và phát huy giá trị di sản văn hóa cồng chiêng của các dân tộc bản địa.",
      "Nhiều hoạt động bên lề như chợ phiên, ẩm thực và trưng bày nhạc cụ truyền thống sẽ được tổ chức.",
      "Ban tổ chức dự kiến đón khoảng 50.000 lượt khách.",
      "Đại diện các tổ chức quốc tế được mời tham dự lễ khai mạc."],
     "Lâm Viên", []),
    ("thanhnien", "trien-lam-anh-ha-noi", "2026-09-10 21:00",
     "Triển lãm ảnh về Lâm Viên tại Hà Nội",
     "Triển lãm ảnh “Lâm Viên - Hợp tác và phát triển” đợt 2 vừa khai mạc tại Hà Nội, giới thiệu tới công chúng thủ đô và bạn bè quốc tế hình ảnh đất và người Lâm Viên.",
     ["Hơn 120 bức ảnh được chọn lọc từ các cuộc thi ảnh nghệ thuật của tỉnh.",
      "Nhiều đại sứ, tham tán các nước đến dự lễ khai mạc triển lãm.",
      "Triển lãm là hoạt động thông tin đối ngoại nằm trong kế hoạch năm 2026 của tỉnh.",
      "Triển lãm mở cửa miễn phí đến hết ngày 20/9."],
     "Hà Mai", []),
    ("thanhnien", "mua-lu-mien-trung", "2026-10-28 09:00",
     "Miền Trung chủ động ứng phó mùa mưa lũ",
     "Các tỉnh miền Trung đang triển khai nhiều biện pháp chủ động ứng phó với mùa mưa lũ, sơ tán người dân khỏi vùng nguy hiểm.",
     ["Lực lượng chức năng đã chuẩn bị sẵn sàng phương tiện cứu hộ, cứu nạn.",
      "Nhiều hồ chứa thủy điện được yêu cầu vận hành theo đúng quy trình liên hồ.",
      "Người dân được khuyến cáo dự trữ lương thực, nước uống.",
      "Cơ quan khí tượng dự báo mưa lớn có thể kéo dài đến cuối tuần."],
     "Hoàng Sơn", []),
    ("dantri", "lam-vien-chuyen-doi-so-cong-thong-tin", "2026-08-25 08:30",
     "Lâm Viên ra mắt Cổng thông tin đối ngoại đa ngữ",
     "Tỉnh Lâm Viên vừa chính thức ra mắt Cổng thông tin đối ngoại với 5 ngôn ngữ: tiếng Việt, tiếng Anh, tiếng Hàn, tiếng Nhật và tiếng Trung.",
     ["Cổng thông tin cập nhật tin, bài, video giới thiệu tiềm năng, cơ hội hợp tác và các sự kiện lớn của tỉnh.",
      "Nhà đầu tư có thể tra cứu danh mục dự án kêu gọi đầu tư và thủ tục hành chính liên quan.",
      "Sở Văn hóa, Thể thao và Du lịch là đơn vị quản lý nội dung cổng thông tin.",
      "Trong tháng đầu hoạt động, cổng đã đón hơn 100.000 lượt truy cập."],
     "Ngọc Tân", ["Chuyển đổi số trong cơ quan nhà nước"]),
    ("dantri", "sinh-vien-lao-lam-vien", "2026-06-20 14:00",
     "Lưu học sinh Lào tại Lâm Viên vui Tết Bunpimay",
     "Hơn 300 lưu học sinh Lào đang học tập tại tỉnh Lâm Viên đã cùng nhau đón Tết cổ truyền Bunpimay trong không khí ấm áp.",
     ["Chương trình do Sở Ngoại vụ phối hợp với các trường đại học trên địa bàn tổ chức.",
      "Các lưu học sinh tham gia nghi lễ té nước, múa lăm vông và thưởng thức ẩm thực truyền thống.",
      "Hoạt động góp phần vun đắp tình hữu nghị đặc biệt Việt Nam - Lào.",
      "Tỉnh Lâm Viên hiện có quan hệ hợp tác với 3 tỉnh của Lào."],
     "Hồng Nhung", []),
    ("vietnamplus", "lam-vien-ket-noi-kieu-bao", "2026-02-05 15:00",
     "Lâm Viên gặp mặt kiều bào về quê đón Tết",
     "Chiều 5/2, UBND tỉnh Lâm Viên tổ chức chương trình gặp mặt kiều bào về quê đón Tết Nguyên đán, ghi nhận những đóng góp của cộng đồng người Việt ở nước ngoài.",
     ["Hơn 150 kiều bào đến từ 15 quốc gia và vùng lãnh thổ tham dự chương trình.",
      "Lãnh đạo tỉnh thông tin về kết quả phát triển kinh tế - xã hội và định hướng thu hút đầu tư.",
      "Nhiều kiều bào mong muốn đầu tư vào du lịch và nông nghiệp công nghệ cao tại quê nhà.",
      "Tỉnh cam kết tạo điều kiện thuận lợi để kiều bào về đầu tư, kinh doanh."],
     "TTXVN", []),
    ("vietnamplus", "lam-vien-don-doan-doanh-nghiep-han-quoc", "2026-06-09 18:00",
     "Lâm Viên đón đoàn 30 doanh nghiệp Hàn Quốc tìm hiểu cơ hội đầu tư",
     "Chiều 9/6, Chủ tịch UBND tỉnh Lâm Viên tiếp đoàn 30 doanh nghiệp Hàn Quốc đến tìm hiểu cơ hội đầu tư vào lĩnh vực nông nghiệp công nghệ cao, chế biến cà phê và du lịch nghỉ dưỡng.",
     ["Phát biểu tại buổi tiếp, Chủ tịch UBND tỉnh cho biết Lâm Viên luôn tạo điều kiện thuận lợi nhất cho các nhà đầu tư nước ngoài.",
      "Tỉnh có lợi thế về khí hậu mát mẻ quanh năm, quỹ đất sạch và nguồn nhân lực trẻ được đào tạo bài bản.",
      "Đại diện đoàn doanh nghiệp bày tỏ ấn tượng với cảnh quan thiên nhiên và môi trường đầu tư của địa phương.",
      "Hai bên thống nhất sẽ tổ chức hội nghị xúc tiến đầu tư tại Seoul vào quý IV năm 2026."],
     "Theo Báo Lâm Viên", []),  # the syndicated copy
    ("vietnamplus", "dai-hoi-dang-bo-lam-vien-phong-vien", "2026-11-18 10:30",
     "Hơn 200 phóng viên đăng ký đưa tin Đại hội Đảng bộ tỉnh Lâm Viên",
     "Tính đến ngày 18/11, hơn 200 phóng viên của các cơ quan báo chí trung ương, địa phương và báo chí nước ngoài đã đăng ký tác nghiệp tại Đại hội đại biểu Đảng bộ tỉnh Lâm Viên.",
     ["Ban Tổ chức Đại hội đã phê duyệt hồ sơ và cấp thẻ tác nghiệp có mã QR cho các phóng viên.",
      "Trung tâm báo chí được bố trí tại Phường Hồ Sen với đầy đủ trang thiết bị phục vụ tác nghiệp.",
      "Phóng viên nước ngoài được hỗ trợ phiên dịch và cung cấp tài liệu bằng tiếng Anh.",
      "Đại hội là sự kiện chính trị quan trọng nhất của tỉnh trong nhiệm kỳ."],
     "TTXVN", []),
    ("nhandan", "lam-vien-thong-tin-doi-ngoai-6-thang", "2026-07-15 09:40",
     "Lâm Viên nâng cao hiệu quả công tác thông tin đối ngoại",
     "Sáu tháng đầu năm 2026, công tác thông tin đối ngoại của tỉnh Lâm Viên đạt nhiều kết quả tích cực, góp phần quảng bá hình ảnh địa phương tới bạn bè quốc tế.",
     ["Tỉnh đã phát hành hai số bản tin song ngữ, tổ chức một lớp bồi dưỡng và một đợt triển lãm ảnh.",
      "Các cơ quan báo chí của tỉnh duy trì chuyên trang, chuyên mục thông tin đối ngoại.",
      "Nhiều tin, bài về Lâm Viên được đăng tải trên báo chí nước ngoài.",
      "Sở Văn hóa, Thể thao và Du lịch đề xuất tăng cường thông tin bằng tiếng nước ngoài trong sáu tháng cuối năm."],
     "Phan Anh", []),
    ("nhandan", "lam-vien-nong-nghiep-cong-nghe-cao", "2026-04-22 07:00",
     "Nông nghiệp công nghệ cao - động lực tăng trưởng của Lâm Viên",
     "Diện tích sản xuất nông nghiệp ứng dụng công nghệ cao của tỉnh Lâm Viên đã đạt hơn 60.000 ha, chiếm gần một phần ba diện tích canh tác.",
     ["Giá trị sản xuất trên mỗi héc-ta đất nông nghiệp đạt bình quân 250 triệu đồng mỗi năm.",
      "Nhiều doanh nghiệp Hà Lan, Nhật Bản chuyển giao công nghệ nhà kính và tưới tiết kiệm.",
      "Hoa, rau và cà phê của tỉnh đã có mặt tại nhiều thị trường khó tính.",
      "Tỉnh đặt mục tiêu nâng tỷ lệ này lên 50% vào năm 2030."],
     "Phan Anh", []),
    ("vietnamnews", "lam-vien-korean-investors", "2026-06-10 11:00",
     "Lâm Viên welcomes Korean business delegation",
     "A delegation of 30 South Korean businesses visited Lâm Viên Province on Tuesday to explore investment opportunities in high-tech agriculture, coffee processing and resort tourism.",
     ["The Chairman of the Lâm Viên People's Committee said the province would create the most favourable conditions for foreign investors.",
      "The province has a cool climate all year round, available land and a young, well-trained workforce.",
      "Representatives of the delegation said they were impressed by the natural landscape and the investment environment.",
      "The two sides agreed to hold an investment promotion conference in Seoul in the fourth quarter of 2026."],
     "Viet Nam News", []),
    ("vietnamnews", "lam-vien-flower-festival", "2026-01-04 09:00",
     "Lâm Viên flower festival draws 200,000 visitors",
     "The Lâm Viên Flower Festival 2026 attracted more than 200,000 domestic and international tourists over five days, including about 15,000 foreign visitors.",
     ["The highlight of the festival was a parade of flower floats through the central streets of Hồ Sen Ward.",
      "Art troupes from South Korea, Japan and Thailand performed at the event, helping to promote the image of the province.",
      "Tourism revenue during the festival was estimated at VNĐ900 billion, up 20 per cent from last year.",
      "Organisers said the festival had strengthened the Lâm Viên tourism brand."],
     "Viet Nam News", []),
    ("vietnamnews", "lam-vien-external-information-portal", "2026-08-26 10:00",
     "Lâm Viên launches multilingual external information portal",
     "Lâm Viên Province has launched an external information portal in five languages: Vietnamese, English, Korean, Japanese and Chinese.",
     ["The portal publishes news and videos introducing the province's potential, cooperation opportunities and major events.",
      "Investors can look up the list of projects calling for investment and the related administrative procedures.",
      "The Department of Culture, Sports and Tourism manages the portal's content.",
      "The portal received more than 100,000 visits in its first month."],
     "Viet Nam News", []),
    ("asiapacific", "lam-vien-coffee-japan", "2026-02-20 13:00",
     "Vietnam's Lam Vien sends first specialty coffee to Japan",
     "Cooperatives in Lam Vien province in Vietnam's Central Highlands have shipped their first consignment of specialty arabica coffee to Japan, a milestone for the region's high-tech agriculture drive.",
     ["The 20-tonne shipment was grown and processed to the standards of the Japanese buyer.",
      "Provincial officials said they would help cooperatives build brands and traceability systems.",
      "Specialty coffee sells for about three times the price of ordinary beans.",
      "Lam Vien has more than 5,000 hectares of coffee certified as sustainable."],
     "Staff reporter", []),
    ("asiapacific", "lam-vien-gangwon-seoul-forum", "2026-10-16 08:00",
     "Lam Vien courts Korean investors at Seoul forum",
     "Officials from Vietnam's Lam Vien province presented investment opportunities to more than 200 South Korean companies at a promotion conference in Seoul on Thursday.",
     ["Investment certificates for three projects worth a combined $120 million were handed over at the event.",
      "Korean firms praised the province's potential in high-tech agriculture and tourism.",
      "The delegation also met officials of Gangwon province to follow up on a cooperation agreement signed in March.",
      "Lam Vien aims to attract $1 billion in foreign direct investment by 2030."],
     "Staff reporter", []),
    ("asiapacific", "regional-markets-week", "2026-05-05 06:00",
     "Asian markets close higher on tech rally",
     "Stock markets across Asia closed higher on Monday, led by technology shares after strong earnings reports.",
     ["Tokyo's benchmark index rose 1.2 per cent while Seoul gained 0.8 per cent.",
      "Analysts said investors were encouraged by signs of easing inflation.",
      "Oil prices were little changed in Asian trading.",
      "The US dollar weakened slightly against major currencies."],
     "Markets desk", []),
    ("seoulherald", "lam-vien-gangwon-mou-ko", "2026-03-13 09:00",
     "강원도, 베트남 람비엔성과 협력 양해각서 체결",
     "강원도는 12일 베트남 람비엔성(Lâm Viên)과 관광, 농업, 교육 분야의 국제 협력을 위한 양해각서를 체결했다고 밝혔다.",
     ["양측은 매년 대표단을 교류하고 기업의 협력 기회 발굴을 지원하기로 했다.",
      "강원도는 람비엔성의 농업 실습생을 매년 50명씩 받아들이기로 했다.",
      "두 지역은 문화 교류와 관광 홍보 행사도 함께 열 계획이다.",
      "람비엔성은 커피와 꽃 재배로 유명한 베트남 고원 지역이다."],
     "국제부", []),
]


def stories() -> dict[str, list[Story]]:
    by_outlet: dict[str, list[Story]] = {key: [] for key in OUTLETS}
    for outlet, slug, date, title, sapo, paras, author, related in STORIES:
        url = f"{PREFIX}/{outlet}/{slug}.html"
        by_outlet[outlet].append(Story(slug=slug, title=title, sapo=sapo, paras=paras, date=d(date), author=author,
                                       lang=OUTLETS[outlet][3], related=related, url=url))
    return by_outlet


def _rss(name: str, outlet: str, items: list[Story]) -> str:
    entries = "".join(
        f"<item><title>{html.escape(s.title)}</title><link>{s.url}</link><guid>{s.url}</guid>"
        f"<pubDate>{s.date.replace(tzinfo=dt.timezone(dt.timedelta(hours=7))).strftime('%a, %d %b %Y %H:%M:%S +0700')}</pubDate>"
        f"<description>{html.escape(s.sapo)}</description></item>"
        for s in sorted(items, key=lambda s: s.date, reverse=True))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{html.escape(name)}</title>'
            f"<link>{PREFIX}/{outlet}/</link><description>{html.escape(name)}</description>{entries}</channel></rss>\n")


def _atom(name: str, outlet: str, items: list[Story]) -> str:
    entries = "".join(
        f'<entry><title>{html.escape(s.title)}</title><link href="{s.url}"/><id>tag:demo,2026:{s.slug}</id>'
        f"<updated>{s.date.isoformat()}+07:00</updated><summary>{html.escape(s.sapo)}</summary></entry>"
        for s in sorted(items, key=lambda s: s.date, reverse=True))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>{html.escape(name)}</title>'
            f'<id>tag:demo,2026:{outlet}</id><updated>2026-11-20T00:00:00+07:00</updated>{entries}</feed>\n')


def _sitemap(items: list[Story]) -> str:
    entries = "".join(
        f"<url><loc>{s.url}</loc><news:news><news:publication_date>{s.date.isoformat()}+07:00</news:publication_date>"
        f"<news:title>{html.escape(s.title)}</news:title></news:news></url>" for s in items)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>\n')


def feed_path(outlet: str) -> str:
    kind = OUTLETS[outlet][2]
    return f"{PREFIX}/{outlet}/" + {"rss": "rss.xml", "atom": "feed.atom", "sitemap": "sitemap.xml"}[kind]


def build(folder: Path = ARCHIVE) -> int:
    count = 0
    for outlet, items in stories().items():
        name, template, kind, _lang, _scope = OUTLETS[outlet]
        target = folder / outlet
        target.mkdir(parents=True, exist_ok=True)
        for story in items:
            (target / f"{story.slug}.html").write_text(render(template, story), encoding="utf-8")
            count += 1
        feed = {"rss": _rss, "atom": _atom}.get(kind)
        text = feed(name, outlet, items) if feed else _sitemap(items)
        (folder / feed_path(outlet)[len(PREFIX) + 1:]).write_text(text, encoding="utf-8")
    return count


if __name__ == "__main__":
    print(f"{build()} pages written to {ARCHIVE}")
