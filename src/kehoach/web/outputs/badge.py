"""Press badges: one A6 page per accredited reporter, with a QR code the gate scans.

The QR code holds only the verification address (a random token), never personal data; the
verification page tells anyone whether the badge is valid, and shows the name, agency and photo
to logged-in accreditation staff only.
"""
from __future__ import annotations

import io
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


class BadgeError(Exception):
    pass


def _qr(pdf, text: str, x: float, y: float, size: float) -> None:
    """The QR code drawn as vector squares (crisp at any print size)."""
    import segno

    code = segno.make(text, error="m", micro=False)
    matrix = list(code.matrix_iter(scale=1, border=0))
    module = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for row, bits in enumerate(matrix):
        for col, bit in enumerate(bits):
            if bit:
                pdf.rect(x + col * module, y + row * module, module + 0.01, module + 0.01, style="F")


def badges_pdf(applications, verify_url) -> bytes:
    """`verify_url(application)` gives the absolute address the QR code points to."""
    from fpdf import FPDF

    if not FONT.exists():
        raise BadgeError(f"the badge font is missing ({FONT}; apt-get install fonts-dejavu-core)")
    pdf = FPDF(format=(105, 148), unit="mm")  # A6
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD if FONT_BOLD.exists() else FONT))
    pdf.set_title("Thẻ phóng viên")
    for application in applications:
        event = application.event
        pdf.add_page()
        width = pdf.w
        pdf.set_fill_color(31, 95, 139)
        pdf.rect(0, 0, width, 22, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("DejaVu", "B", 9)
        pdf.set_xy(5, 3)
        pdf.multi_cell(width - 10, 4.5, event.name, align="C")
        pdf.set_font("DejaVu", "", 7)
        pdf.set_xy(5, 16)
        pdf.cell(width - 10, 4, f"{event.starts_on:%d/%m/%Y} – {event.ends_on:%d/%m/%Y} · {event.venue}"[:90], align="C")
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("DejaVu", "B", 16)
        pdf.set_xy(5, 26)
        pdf.cell(width - 10, 8, "BÁO CHÍ · PRESS", align="C")
        photo_y = 37
        if application.photo:
            try:
                with application.photo.open("rb") as handle:
                    data = io.BytesIO(handle.read())
                pdf.image(data, x=5, y=photo_y, w=28, h=36)
            except (OSError, ValueError, RuntimeError):
                pdf.rect(5, photo_y, 28, 36)
        else:
            pdf.rect(5, photo_y, 28, 36)
        pdf.set_xy(37, photo_y)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(width - 42, 6, application.full_name)
        pdf.set_x(37)
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(width - 42, 4.5, application.agency)
        if application.position:
            pdf.set_x(37)
            pdf.multi_cell(width - 42, 4.5, application.position)
        pdf.set_x(37)
        pdf.set_font("DejaVu", "", 8)
        pdf.multi_cell(width - 42, 4.5, f"Thẻ nhà báo: {application.press_card}")
        _qr(pdf, verify_url(application), x=(width - 40) / 2, y=80, size=40)
        pdf.set_xy(5, 122)
        pdf.set_font("DejaVu", "B", 14)
        pdf.cell(width - 10, 7, f"Số {application.badge_number:03d}", align="C")
        pdf.set_xy(5, 131)
        pdf.set_font("DejaVu", "", 6.5)
        pdf.multi_cell(width - 10, 3.2, "Quét mã QR để kiểm tra thẻ · Scan the QR code to verify", align="C")
    return bytes(pdf.output())
