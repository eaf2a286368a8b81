"""De-duplication across outlets: canonical URLs and near-duplicate text.

- `canonical_url`: the page's rel=canonical / og:url when it names one, else the URL itself, with
  tracking parameters (utm_*, fbclid, gclid, …), fragments, default ports and trailing slashes
  removed, so the same story reached from two feeds is one row.
- `signature(text)`: a MinHash of the text's word 3-shingles (64 hash functions, 32-bit), as 256
  bytes to store. Two signatures agree on a share of positions that estimates the Jaccard
  similarity of the two texts' shingle sets.
- `DedupIndex`: LSH over those signatures (16 bands of 4): a new text meets only the texts that
  share a band, and is a duplicate of the best of them at estimated Jaccard ≥ `threshold`.

Words are folded (no diacritics, lower case) first, so a copy that lost its marks still matches.
numpy does the hashing: 100,000 articles take seconds (benchmarks/bench_press.py).
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from ..text import fold

PERMUTATIONS = 64
BANDS, ROWS = 16, 4
SHINGLE = 3
_rng = np.random.default_rng(20251124)  # fixed: signatures are stored and compared across runs
_A = _rng.integers(1, (1 << 63) - 1, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, (1 << 63) - 1, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"[a-z0-9]+")
_word_hash: dict[str, int] = {}

TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_[ce]id|igshid|zarsrc|gidzl|ref|ref_src|"
                      r"source|cmpid|at_\w+|_ga|s_cid|ocid|rss|from|share)$", re.I)


def canonical_url(url: str, declared: str = "") -> str:
    """The URL that names the story: the page's own canonical when it is an absolute http(s) URL."""
    if declared and urlsplit(declared).scheme in ("http", "https") and urlsplit(declared).netloc:
        url = declared
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit((parts.scheme.lower() or "https", netloc, path, query, ""))


_RAW_WORD = re.compile(r"[^\W_]+")


def _hash_word(word: str) -> int:
    """The 32-bit hash of a word as written (lower case), through its folded form: "Lâm" and "lam"
    hash alike. Kept per word, so each distinct word is folded and hashed once."""
    value = _word_hash.get(word)
    if value is None:
        folded = "".join(_WORD.findall(fold(word)))
        value = int.from_bytes(hashlib.blake2b(folded.encode(), digest_size=4).digest(), "little")
        if len(_word_hash) < 2_000_000:
            _word_hash[word] = value
    return value


def shingle_hashes(text: str) -> np.ndarray:
    words = _RAW_WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter(map(_hash_word, words), dtype=np.uint64, count=len(words))
    if len(h) < SHINGLE:
        return h  # repeated shingles change no minimum: no need to make them unique
    # Each shingle's hash from its words' hashes, 32-bit.
    return (h[:-2] * np.uint64(0x9E3779B1) + h[1:-1] * np.uint64(0x85EBCA77) + h[2:]) & np.uint64(0xFFFFFFFF)


def signature(text: str) -> bytes:
    """The MinHash of `text` as 256 bytes (64 × uint32)."""
    shingles = shingle_hashes(text)
    if shingles.size == 0:
        return bytes(4 * PERMUTATIONS)
    # Multiply-shift hashing: the high 32 bits of a·x + b (mod 2^64) for each of the 64 (a, b), a
    # universal family with no division; the minimum per hash function is the signature.
    values = (shingles[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return values.min(axis=0).astype(np.uint32).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two texts from their signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    va, vb = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    if not va.any() or not vb.any():
        return 0.0
    return float((va == vb).mean())


def bands(sig: bytes) -> list[bytes]:
    step = 4 * ROWS
    return [bytes([i]) + sig[i * step:(i + 1) * step] for i in range(BANDS)]


class DedupIndex:
    """Near-duplicate lookup over signatures; `add` returns the key of the earlier duplicate, if any."""

    def __init__(self, threshold: float = 0.7):
        self.threshold = threshold
        self.buckets: dict[bytes, list] = {}
        self.signatures: dict = {}

    def __len__(self) -> int:
        return len(self.signatures)

    def find(self, sig: bytes):
        """(key, similarity) of the most similar text already in the index, at or over the threshold."""
        if not any(sig):
            return None, 0.0
        best, best_score = None, 0.0
        seen = set()
        for band in bands(sig):
            for key in self.buckets.get(band, ()):
                if key in seen:
                    continue
                seen.add(key)
                score = similarity(sig, self.signatures[key])
                if score > best_score:
                    best, best_score = key, score
        return (best, best_score) if best_score >= self.threshold else (None, best_score)

    def add(self, key, sig: bytes, *, check: bool = True):
        duplicate = self.find(sig)[0] if check else None
        self.signatures[key] = sig
        if any(sig):
            for band in bands(sig):
                self.buckets.setdefault(band, []).append(key)
        return duplicate
