"""Restore a damaged Vietnamese text: tokenise, propose candidates, decode with the n-gram model.

Each word-like token gets a candidate set: the syllables whose folded letters equal its own
(diacritic restoration) or, in a text the OCR damaged, the syllables an OCR confusion could have
turned into it (`ocr.py`). A trigram beam search over each clause then picks the sequence the
language model (`model.py`) likes best, weighed with the channel costs. Words that are no Vietnamese
syllable (acronyms, numbers, codes, foreign words) are left as they are.
"""
from __future__ import annotations

import itertools

import heapq
import math
import re
import unicodedata
from dataclasses import dataclass, field

from .model import ACRONYM, BOUNDARY, NUMBER, Model
from .ocr import MAX_COST, ocr_candidates
from .syllables import by_fold, canonical, fold_syllable, has_marks, inventory

_MARKS = "\u0300-\u036f"
TOKEN = re.compile(rf"(?:[^\W_]|[{_MARKS}&¢¥€])+(?:[’'](?:[^\W_]|[{_MARKS}&¢¥€])+)*")
# common administrative acronyms whose Đ a stripped copy turned into D (a D in an unknown
# acronym is left alone: it may be a D, as in HD for "hướng dẫn")
ACRONYMS = {a.replace("Đ", "D"): a for a in (
    "QĐ", "NĐ", "HĐND", "TTĐT", "ĐBQH", "BCĐ", "HĐQT", "ĐU", "ĐTN", "TĐKT",
    "VNĐ", "HĐTV", "TTĐN", "ĐVHC")}
_ROMAN = re.compile(r"(?=[IVXLC])(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_TRAILING_DIGITS = re.compile(r"(\D{2,}?)(\d{2,})")  # "ngdy29"; "hd1" is one damaged word
_OCR_SYMBOLS = str.maketrans("&¢¥€", "ocye")
_CLAUSE_GAP = re.compile(r"\s*")  # only white space between two tokens of one clause
PRUNE = 1e-3  # candidates less likely than this share of their group's best are dropped
CONFIDENT = 0.9  # words below this are listed for review even when unchanged
MARK_EVIDENCE = 1.0  # nats: an OCR token that shows a mark prefers marked syllables
BEAM = 8  # (previous, current) states kept by the trigram decoder; 0: exact bigram Viterbi
CASE_WEIGHT = 1.0  # how much a capital inside a clause counts (1: as the model estimates it)
KEEP_CLEAN = 4.0  # nats against changing an unmarked word of a text that has its marks


@dataclass(frozen=True)
class RepairedWord:
    start: int  # offsets into the original text
    end: int
    original: str
    repaired: str
    confidence: float  # the model's probability of `repaired`, given its neighbours


@dataclass
class Restoration:
    text: str
    original: str
    words: list[RepairedWord] = field(default_factory=list)


@dataclass
class _Token:
    start: int
    end: int
    text: str
    ids: list[int]
    costs: list[float]  # channel log-probabilities, <= 0


@dataclass
class _Fixed:
    """A token replaced outside the language model (a known acronym)."""

    start: int
    end: int
    text: str
    repaired: str


@dataclass(frozen=True)
class Damage:
    """What a text looks like: how many syllables carry marks, how many words are broken."""

    syllables: int  # tokens that fold to a valid syllable (not counting capitals-only ones)
    marked: float  # share of those that carry a Vietnamese mark
    broken: float  # share of all lower/title-case words that are no syllable or mix in digits

    @property
    def ocr(self) -> bool:
        # clean and stripped plans both have ~1 % broken words (foreign words); OCR ~15 %, and an
        # English model also loses most marks (a short clean text can reach 5 % with "b/c", "VT")
        return self.broken > 0.05 and self.marked < 0.7

    @property
    def stripped(self) -> bool:
        # normal Vietnamese marks ~85 % of its syllables; OCR output keeps a few (~15 %)
        return self.marked < 0.5


def measure(text: str, limit: int = 3000) -> Damage:
    """The damage of the first `limit` words: a few thousand tell the state of a whole plan."""
    valid = marked = broken = words = 0
    bf = by_fold()
    for m in itertools.islice(TOKEN.finditer(text), limit):
        tok = unicodedata.normalize("NFC", m.group())
        if not any(c.isalpha() for c in tok) or (len(tok) > 1 and tok.isupper()):
            continue  # numbers; capitals are often acronyms
        words += 1
        if tok.isalpha() and fold_syllable(tok) in bf:
            valid += 1
            marked += has_marks(tok)
        else:
            broken += 1
    return Damage(valid, marked / valid if valid else 0.0, broken / words if words else 0.0)


def needs_restoring(text: str) -> bool:
    """True for Vietnamese text that lost its marks or carries OCR confusions."""
    d = measure(text)
    if d.syllables < 3:
        return False  # too little Vietnamese to tell
    return d.stripped or d.ocr


class Restorer:
    def __init__(self, model: Model) -> None:
        if not model._compiled:
            model.compile()
        self.m = model
        self._cache: dict[int, float] = {}
        self._cache3: dict[int, float] = {}
        self._groups: dict[str, list[int]] = {}
        self.beam = BEAM

    # -- candidates -------------------------------------------------------------------------

    def _syllable_options(self, word: str) -> tuple[list[int], list[float]] | None:
        """Candidates of a clean-letter word: every seen syllable with the same folded letters."""
        folded = fold_syllable(word)
        found = self._groups.get(folded)
        if found is None:
            group = by_fold().get(folded)
            if not group:
                return None
            ids, p = self.m.ids, self.m.p_uni
            seen = [ids[s] for s in group if self.m.seen(ids[s])] or [ids[s] for s in group]
            # syllables far rarer than the group's most common one are never chosen in practice;
            # dropping them keeps the decoder's work small
            top = max(p[i] for i in seen)
            found = self._groups[folded] = [i for i in seen if p[i] >= top * PRUNE]
        return found, [0.0] * len(found)

    def _ocr_options(self, word: str, generic: bool) -> tuple[list[int], list[float]] | None:
        low = word.lower()
        for a, b in (("u’", "ư"), ("o’", "ơ"), ("u'", "ư"), ("o'", "ơ")):
            low = low.replace(a, b)  # an English model writes ư ơ as u’ o’
        low = low.replace("’", "").replace("'", "")
        found = ocr_candidates(low, generic)
        ids, p = self.m.ids, self.m.p_uni
        opts = [(ids[s], -c) for s, c in found if c <= MAX_COST and self.m.seen(ids[s])]
        if not opts:
            return None
        top = max(p[i] * math.exp(c) for i, c in opts)
        opts = [(i, c) for i, c in opts if p[i] * math.exp(c) >= top * PRUNE]
        return [i for i, _ in opts], [c for _, c in opts]

    def _tokens(self, text: str, damage: Damage) -> list[_Token | _Fixed | None]:
        """Tokens with candidates; None stands for anything that ends a clause."""
        out: list[_Token | None] = []
        last_end = 0
        for m in TOKEN.finditer(text):
            start, end, raw = m.start(), m.end(), m.group()
            if not _CLAUSE_GAP.fullmatch(text, last_end, start):
                out.append(None)
            last_end = end
            if damage.ocr:
                split = _TRAILING_DIGITS.fullmatch(raw)
                if split and not any(c.isdigit() for c in split.group(1)):
                    end = start + len(split.group(1))  # "ngdy29": a space lost before a number
            if raw.isdigit():
                out.append(_Token(start, end, raw, [NUMBER], [0.0]))  # context only, never changed
                continue
            word = unicodedata.normalize("NFC", text[start:end])
            fixed = ACRONYMS.get(word) if damage.stripped or damage.ocr else None
            if fixed:
                out.append(_Fixed(start, end, word, fixed))
                out.append(None)
                continue
            opts = self._options(text, start, end, word, damage)
            if opts is None:
                if len(word) > 1 and word.isalpha() and word.isupper():
                    out.append(_Token(start, end, word, [ACRONYM], [0.0]))  # "UBND" before "tỉnh"
                else:
                    out.append(None)
                continue
            out.append(_Token(start, end, text[start:end], *opts))
        return out

    def _options(self, text: str, start: int, end: int, word: str, damage: Damage):
        probe = word.translate(_OCR_SYMBOLS) if damage.ocr else word
        letters = [c for c in probe if c.isalpha()]
        if not letters:
            return None
        caps = len(letters) > 1 and all(c.isupper() for c in letters)
        if caps and (_ROMAN.fullmatch(word) or _in_code(text, start, end)):
            return None  # "XIV", "KH/TU", "NQ-CP"
        if len(letters) == 1 and text[end: end + 1] in (")", "."):
            return None  # list labels "a)", "b."
        if text[max(0, start - 2): start].endswith(("<", "</")):
            return None  # markup: <sup>, <br>
        opts = self._syllable_options(word) if word.isalpha() else None
        if opts is not None and has_marks(word):
            own = canonical(word)
            if own in inventory() and not damage.ocr:
                return [self.m.ids[own]], [0.0]  # a syllable already written with its marks
            if damage.ocr:
                ids, _ = opts
                costs = [0.0 if has_marks(self.m.names[i]) else -MARK_EVIDENCE for i in ids]
                opts = (ids, costs)
        elif opts is not None and not damage.stripped and not damage.ocr:
            # an unmarked word in a text that has its marks is most likely right as it is
            own = self.m.ids.get(word.lower())
            if own is None or caps:
                return None  # "KOC", "UBND": not a word that lost its marks
            opts = (opts[0], [0.0 if i == own else -KEEP_CLEAN for i in opts[0]])
        if damage.ocr and not caps:
            more = self._ocr_options(word, generic=True)
        elif damage.ocr:
            more = self._ocr_options(word, generic=False)  # capitals: table only, no guessing
        else:
            more = None
        if more is not None:
            merged = dict(zip(*opts)) if opts else {}
            for i, c in zip(*more):
                if c > merged.get(i, -math.inf):
                    merged[i] = c
            opts = (list(merged), list(merged.values()))
        return opts

    # -- decoding ---------------------------------------------------------------------------

    def _lp(self, p: int, w: int) -> float:
        key = p * self.m.size + w
        v = self._cache.get(key)
        if v is None:
            v = self._cache[key] = math.log(self.m.p_bigram(p, w))
        return v

    def _viterbi(self, run: list[_Token]) -> list[int]:
        lp = self._lp
        first = run[0]
        scores = [lp(BOUNDARY, w) + c for w, c in zip(first.ids, first.costs)]
        backs: list[list[int]] = []
        prev_ids = first.ids
        for tok in run[1:]:
            new_scores, back = [], []
            for w, c in zip(tok.ids, tok.costs):
                best, arg = -math.inf, 0
                for k, p in enumerate(prev_ids):
                    s = scores[k] + lp(p, w)
                    if s > best:
                        best, arg = s, k
                new_scores.append(best + c)
                back.append(arg)
            scores, prev_ids = new_scores, tok.ids
            backs.append(back)
        final = [s + lp(w, BOUNDARY) for s, w in zip(scores, prev_ids)]
        k = max(range(len(final)), key=final.__getitem__)
        path = [k]
        for back in reversed(backs):
            k = back[k]
            path.append(k)
        path.reverse()
        return path

    def _lp3(self, u: int, v: int, w: int) -> float:
        size = self.m.size
        key = (u * size + v) * size + w
        val = self._cache3.get(key)
        if val is None:
            val = self._cache3[key] = math.log(self.m.p_trigram(u, v, w))
        return val

    def _beam(self, run: list[_Token]) -> list[int]:
        """Trigram decoding: a beam of the best (previous, current) states, recombined.

        Most (u, v) contexts were never seen, and there the trigram is the bigram: those
        transitions come from the bigram cache, which the whole document shares.
        """
        m = self.m
        size, tri_norm = m.size, m.tri_norm
        lp, lp3 = self._lp, self._lp3
        cache2 = self._cache
        width = self.beam
        # a state: (score, u, v, index of v in its candidates, parent state)
        states = [(0.0, BOUNDARY, BOUNDARY, -1, None)]
        for tok in run:
            best: dict[int, tuple] = {}
            options = list(enumerate(zip(tok.ids, tok.costs)))
            for st in states:
                score, u, v = st[0], st[1], st[2]
                seen_ctx = (u * size + v) in tri_norm
                row = v * size
                for k, (w, c) in options:
                    if seen_ctx:
                        t = lp3(u, v, w)
                    else:
                        t = cache2.get(row + w)
                        if t is None:
                            t = lp(v, w)
                    s = score + t + c
                    key = row + w  # the state (v, w)
                    old = best.get(key)
                    if old is None or s > old[0]:
                        best[key] = (s, v, w, k, st)
            states = list(best.values())
            if len(states) > width:
                states = heapq.nlargest(width, states, key=_score)
        final = max(states, key=lambda st: st[0] + lp3(st[1], st[2], BOUNDARY))
        path = []
        st = final
        while st is not None and st[3] >= 0:
            path.append(st[3])
            st = st[4]
        path.reverse()
        return path

    def _weigh_case(self, run: list[_Token]) -> None:
        """Add the evidence of capitals inside a clause: "Sở" there is a name, "số" is not."""
        log_case, default = self.m.log_case, self.m.log_case_default
        for tok in run[1:]:
            if len(tok.ids) < 2:
                continue
            letters = [c for c in tok.text if c.isalpha()]
            if not letters or (len(letters) > 1 and all(c.isupper() for c in letters)):
                continue  # an OCR symbol ("&"), or a line in capitals: nothing to tell
            case = int(letters[0].isupper())
            tok.costs = [c + CASE_WEIGHT * log_case.get(i, default)[case] for i, c in zip(tok.ids, tok.costs)]

    def _confidence(self, run: list[_Token], path: list[int], i: int) -> float:
        tok = run[i]
        left = run[i - 1].ids[path[i - 1]] if i else BOUNDARY
        right = run[i + 1].ids[path[i + 1]] if i + 1 < len(run) else BOUNDARY
        scores = [self._lp(left, w) + self._lp(w, right) + c for w, c in zip(tok.ids, tok.costs)]
        top = max(scores)
        z = sum(math.exp(s - top) for s in scores)
        return math.exp(scores[path[i]] - top) / z

    def restore(self, text: str) -> Restoration:
        damage = measure(text)
        tokens = self._tokens(text, damage)
        runs: list[list[_Token]] = []
        current: list[_Token] = []
        fixed = [t for t in tokens if isinstance(t, _Fixed)]
        for tok in tokens + [None]:
            if isinstance(tok, _Fixed):
                continue
            if tok is None:
                if current:
                    runs.append(current)
                current = []
            else:
                current.append(tok)
        for run in runs:
            self._weigh_case(run)
        words = [RepairedWord(f.start, f.end, f.text, f.repaired, 1.0) for f in fixed]
        edits = [(f.start, f.end, f.repaired) for f in fixed]
        for run in runs:
            path = self._beam(run) if self.beam else self._viterbi(run)
            for i, (tok, k) in enumerate(zip(run, path)):
                if tok.ids[0] in (NUMBER, ACRONYM):
                    continue
                repaired = recase(self.m.names[tok.ids[k]], tok.text)
                changed = unicodedata.normalize("NFC", tok.text) != repaired
                if len(tok.ids) == 1 and not changed:
                    continue
                conf = self._confidence(run, path, i)
                if changed or conf < CONFIDENT:
                    words.append(RepairedWord(tok.start, tok.end, tok.text, repaired, round(conf, 3)))
                if changed:
                    edits.append((tok.start, tok.end, repaired))
        pieces: list[str] = []
        pos = 0
        for start, end, repaired in sorted(edits):
            pieces += [text[pos:start], repaired]
            pos = end
        pieces.append(text[pos:])
        words.sort(key=lambda w: w.start)
        return Restoration("".join(pieces), text, words)


def _score(state: tuple) -> float:
    return state[0]


def _in_code(text: str, start: int, end: int) -> bool:
    """A capitals token glued to a slash, hyphen or digit: part of a reference code."""
    before = text[start - 1: start]
    after = text[end: end + 1]
    return bool(before and before in "/-–" or after and after in "/-–") or (
        before.isdigit() or after.isdigit())


def recase(syllable: str, original: str) -> str:
    """Give the restored syllable the capitalisation of the word it replaces."""
    letters = [c for c in original if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    # all capitals, or mostly capitals in a longer OCR word ("PiCH" for "ĐÍCH")
    if len(letters) > 1 and (upper == len(letters) or (len(letters) > 2 and upper * 2 > len(letters))):
        return syllable.upper()
    if letters and letters[0].isupper():
        return syllable[:1].upper() + syllable[1:]
    return syllable
