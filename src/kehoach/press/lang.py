"""Which language an article is in: scripts first (Hangul, kana, Han, Cyrillic, Thai), then, for
Latin text, Vietnamese letters and the commonest function words of each language we meet in the
province's coverage. No model to download; good enough for whole articles, not for a phrase."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..text import fold

_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_STOP = {
    "vi": set("và của các những được trong cho với là một người này đã có không để theo tại từ đến về khi "
              "cũng như nhiều năm tỉnh ngày đó sẽ đang".split()),
    "vi_folded": set("va cua cac nhung duoc trong cho voi la mot nguoi nay da co khong de theo tai tu den ve khi "
                     "cung nhu nhieu nam tinh ngay".split()),
    "en": set("the of and to in is for on with that by as at from are was were be this an it its has have "
              "will which their".split()),
    "fr": set("le la les des et est du une dans pour sur au qui que pas par avec sont aux ces".split()),
    "de": set("der die das und ist nicht mit den von zu für auf ein eine im dem des sich".split()),
    "es": set("el los las que y en por con para una del se su al es como más".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str:
    """An ISO 639-1 code ("vi", "en", "ko", "ja", "zh", "ru", "th", "fr", "de", "es"), or "" when unsure."""
    sample = text[:5000]
    scripts = Counter()
    letters = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        code = ord(ch)
        if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF:
            scripts["ko"] += 1
        elif 0x3040 <= code <= 0x30FF:
            scripts["ja"] += 1
        elif 0x4E00 <= code <= 0x9FFF:
            scripts["han"] += 1
        elif 0x0400 <= code <= 0x04FF:
            scripts["ru"] += 1
        elif 0x0E00 <= code <= 0x0E7F:
            scripts["th"] += 1
    if letters == 0:
        return ""
    if scripts["ja"] > 0.05 * letters:
        return "ja"
    for code in ("ko", "ru", "th"):
        if scripts[code] > 0.3 * letters:
            return code
    if scripts["han"] > 0.3 * letters:
        return "zh"
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return ""
    vi_marks = sum(1 for ch in sample if ch in _VI_LETTERS or _has_vietnamese_tone(ch))
    scores = {lang: sum(1 for w in words if w in stop) / len(words) for lang, stop in _STOP.items() if lang != "vi_folded"}
    if vi_marks > 0.03 * letters:
        scores["vi"] += 0.2
    folded_vi = sum(1 for w in words if fold(w) in _STOP["vi_folded"]) / len(words)
    scores["vi"] = max(scores["vi"], folded_vi * 0.9)  # Vietnamese that lost its diacritics
    best, score = max(scores.items(), key=lambda kv: kv[1])
    return best if score >= 0.08 else ""


def _has_vietnamese_tone(ch: str) -> bool:
    decomposed = unicodedata.normalize("NFD", ch)
    # dot below, hook above: marks of Vietnamese only among the languages above
    return "\u0323" in decomposed or "\u0309" in decomposed
