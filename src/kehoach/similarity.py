"""Lexical similarity of Vietnamese task texts, robust to diacritics and rewording.

Texts are folded (no diacritics, lower case) so that an OCR copy that lost its marks still meets
the clean one. Vietnamese words are mostly two syllables ("thông tin", "đối ngoại"), so the
features are single syllables and adjacent syllable pairs, a cheap stand-in for word
segmentation that needs no model. Weights are TF-IDF over the texts being compared, with
common administrative filler ("tổ chức", "thực hiện", "các") down-weighted by IDF and a
stop-list.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .text import fold

# Function words and administrative filler that carry no topic.
STOP = set(
    "va cua cac cho trong tren voi ve de la co duoc theo tai tu den nhung mot so nay do khi hoac "
    "nham dong thoi cung nhu viec su ve tinh cap xa phuong thuc hien trien khai to chuc tang cuong "
    "day manh chu tri phoi hop tham muu can cu chuc nang nhiem vu duoc giao dinh ky hoac khi yeu cau "
    "bao dam dam bao ket qua tot kip thoi hieu qua cong tac hoat dong".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def syllables(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def features(text: str) -> Counter:
    """Syllables (less the stop-list) and syllable pairs (a pair is kept unless both are stop words)."""
    syl = syllables(text)
    feats = Counter(s for s in syl if s not in STOP and not s.isdigit())
    feats.update(f"{a}_{b}" for a, b in zip(syl, syl[1:]) if not (a in STOP and b in STOP))
    return feats


@dataclass
class Index:
    """TF-IDF vectors of a set of texts, for cosine similarity between any two of them."""

    idf: dict[str, float]
    vectors: list[dict[str, float]]

    @classmethod
    def build(cls, texts: list[str]) -> "Index":
        feats = [features(t) for t in texts]
        df = Counter(f for fs in feats for f in fs)
        n = len(texts)
        idf = {f: math.log((n + 1) / (d + 0.5)) for f, d in df.items()}
        vectors = [cls._weigh(fs, idf) for fs in feats]
        return cls(idf, vectors)

    @staticmethod
    def _weigh(fs: Counter, idf: dict[str, float]) -> dict[str, float]:
        vec = {f: (1 + math.log(c)) * idf.get(f, 0.0) for f, c in fs.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {f: v / norm for f, v in vec.items()}

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b.get(f, 0.0) for f, v in a.items())


def shared_phrases(a: str, b: str, limit: int = 5) -> list[str]:
    """The longest runs of words two texts share (compared folded), as printed in `a`."""
    words = [m.group(0) for m in re.finditer(r"[^\W_]+", a)]
    sa = [fold(w) for w in words]
    sb = syllables(b)
    positions: dict[str, list[int]] = {}
    for j, s in enumerate(sb):
        positions.setdefault(s, []).append(j)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(sa):
        length = 0
        for j in positions.get(sa[i], []):
            k = 0
            while i + k < len(sa) and j + k < len(sb) and sa[i + k] == sb[j + k]:
                k += 1
            length = max(length, k)
        if length >= 2 and any(s not in STOP for s in sa[i:i + length]):
            runs.append((i, length))
            i += length
        else:
            i += 1
    runs.sort(key=lambda r: -r[1])
    return [" ".join(words[start:start + length]) for start, length in runs[:limit]]
