"""OCR confusion candidates: which syllables a token damaged by an English OCR model may be.

A noisy channel: P(token | syllable) is modelled by the cost (in nats) of the cheapest chain of
rewrites that turns the token into the syllable's letters. The rewrites are a small table of the
confusions an English model makes on Vietnamese print (Đ read as P or B, ô/ơ as 6 or d, ư as
"ir"/"w", l as 1, ...) plus generic one-letter edits at a higher cost. A rewrite may produce a
marked letter (ư, ô, đ): the syllable must then have that letter; a plain letter accepts any
of its marked forms, the language model choosing among them.
"""
from __future__ import annotations

import heapq
import unicodedata
from functools import lru_cache

from .syllables import FOLD_LETTER, by_fold, split_tone


# (damaged, intended, cost); "^" anchors at the token start, "~" keeps off it, "$" anchors at
# its end. A letter pattern never replaces a whole token: "T" stays "T", not "Ư".
CONFUSIONS = (
    ("^p", "đ", 0.5), ("^b", "đ", 2.0), ("^1", "l", 0.3), ("1", "l", 1.0), ("1", "i", 0.8),
    ("¢", "c", 0.3), ("¥", "y", 0.3), ("&", "ơ", 0.5), ("€", "ê", 0.3),
    ("0", "o", 0.4), ("0", "ô", 0.6), ("6", "ô", 0.4), ("6", "ơ", 0.6), ("6", "o", 0.8),
    ("8", "ă", 0.6), ("3", "â", 1.0),
    ("ud", "ươ", 0.3), ("ue", "ươ", 0.8), ("wo", "ươ", 0.3), ("we", "ươ", 0.4), ("w", "ư", 0.5),
    ("ﬁ", "â", 0.5),
    ("ir", "ư", 0.3), ("ur", "ư", 0.4), ("lr", "ư", 0.5), ("~tr", "ư", 0.6), ("t$", "ư", 1.5),
    ("y", "ư", 1.0), ("e", "â", 1.2),
    ("d", "ô", 1.0), ("d", "o", 1.3), ("d", "ơ", 1.3), ("d", "a", 1.8),
    ("ti", "u", 0.8), ("ii", "u", 0.8), ("ul", "u", 0.8), ("i", "u", 1.5), ("ia", "ă", 1.2),
    ("e", "ô", 1.5), ("e", "ơ", 1.5),
    # the hook of "ủ" read as a stem ("Đảng ủy" -> "Pang ty", "Pang iy"); "8" for a round "S";
    # "0" for "ơ"; the breve of "ă" lost into an "i" ("Văn" -> "Vin")
    ("^ty$", "uy", 0.8), ("^iy$", "uy", 0.8), ("^tiy$", "uy", 0.8), ("^8", "s", 0.8), ("0", "ơ", 0.8),
    ("i", "ă", 1.4),
)
EDIT_COST = 2.5  # one generic letter edit (substitution, insertion, deletion)
MAX_COST = 4.0
CHEAP = 1.0  # a table rewrite this cheap explains the token: no generic edit is tried
_ALPHABET = "abcdeghiklmnopqrstuvxy"


def _rewrites(s: str):
    for src, dst, cost in CONFUSIONS:
        start_only, inner, end_only = src[0] == "^", src[0] == "~", src[-1] == "$"
        pat = src.strip("^~$")
        if pat == s and len(pat) == 1:
            continue
        i = s.find(pat)
        while i >= 0:
            if ((not start_only or i == 0) and (not inner or i > 0)
                    and (not end_only or i + len(pat) == len(s))):
                yield s[:i] + dst + s[i + len(pat):], cost
            i = s.find(pat, i + 1)


def _edits(s: str):
    for i in range(len(s) + 1):
        if i < len(s):
            yield s[:i] + s[i + 1:]
            for c in _ALPHABET:
                if c != s[i]:
                    yield s[:i] + c + s[i + 1:]
        for c in _ALPHABET:
            yield s[:i] + c + s[i:]


def _matches(pattern: str) -> list[str]:
    """Syllables whose letters fit a pattern: a marked letter must match, a plain one is free."""
    folded = pattern.translate(FOLD_LETTER)
    found = by_fold().get(folded)
    if not found:
        return []
    marked = [(i, c) for i, c in enumerate(pattern) if c != folded[i]]
    if not marked:
        return list(found)
    out = []
    for s in found:
        base, _ = split_tone(s)
        if all(base[i] == c for i, c in marked):
            out.append(s)
    return out


@lru_cache(maxsize=20000)
def ocr_candidates(token: str, generic: bool = True) -> tuple[tuple[str, float], ...]:
    """Syllables a damaged lower-case token may stand for, each with its channel cost (nats).

    Uniform-cost search over the confusion table (at most three rewrites), then at most one
    generic edit of the result. The token's own marks are dropped first: an English model
    puts é or ¢ where it saw any mark, so they only tell that some mark was there.
    """
    start = _strip_marks(token)
    best: dict[str, float] = {}
    seen = {start: 0.0}
    queue = [(0.0, 0, start)]
    while queue:
        cost, depth, s = heapq.heappop(queue)
        if cost > seen.get(s, MAX_COST + 1):
            continue
        for syl in _matches(s):
            if cost < best.get(syl, MAX_COST + 1):
                best[syl] = cost
        if depth >= 3:
            continue
        for t, c in _rewrites(s):
            total = cost + c
            if total <= MAX_COST and total < seen.get(t, MAX_COST + 1):
                seen[t] = total
                heapq.heappush(queue, (total, depth + 1, t))
    if generic and len(start) >= 2 and start not in by_fold():
        # one generic edit on the token or on a table rewrite of it, where no table rewrite
        # reached a syllable more cheaply (a token that is a syllable already gets none: most
        # such tokens are right as they are, and the edits would mostly trade one for another)
        floor = min(best.values(), default=MAX_COST + 1)
        for s, cost in list(seen.items()):
            total = cost + EDIT_COST
            if total > MAX_COST or floor <= CHEAP or cost >= floor:
                continue
            for t in _edits(s):
                for syl in _matches(t):
                    if total < best.get(syl, MAX_COST + 1):
                        best[syl] = total
    return tuple(sorted(best.items(), key=lambda kv: (kv[1], kv[0])))


def _strip_marks(token: str) -> str:
    # keep ư/ơ/ô/đ the OCR did read (rare, but exact), drop tone marks and stray accents
    out = []
    for ch in unicodedata.normalize("NFD", token.lower()):
        if unicodedata.category(ch) == "Mn":
            if ch in ("\u031b", "\u0302", "\u0306") and out and out[-1] in "uoae":
                out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
            continue
        out.append(ch)
    return "".join(out)
