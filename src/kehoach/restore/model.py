"""The syllable language model: an interpolated trigram model with absolute discounting.

Discounting as in Kneser-Ney (D = 0.75, the freed mass given to the lower order in proportion
to the number of distinct continuations); the lowest order is the wordfreq unigram rather than
continuation counts, which running text this small could not estimate. Counts come from three
packaged sources and, at run time, from a corpus of clean text:

- running text: the packaged text written for the project, and the ``--corpus`` files, whose
  counts are multiplied by ``CORPUS_WEIGHT`` so an office's own archive weighs more;
- the pyvi word list: each word adds its syllable pairs once as counts, and the pairs also
  shape the bigram's lower order (see `Model.p_lower`); no frequencies exist, so a word is
  evidence that two syllables go together, not of how common they are;
- the wordfreq syllable frequencies: a Dirichlet prior on the unigram distribution.

Besides syllables the model knows a number ("số 37") and an acronym ("UBND tỉnh") as context,
and how often each syllable is capitalised inside a clause (names: "Sở", "Ban", "Đảng").
Syllables are integer ids and n-grams packed integers, so a transition is one dict look-up.
"""
from __future__ import annotations

import gzip
import math
import re
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path

from .syllables import by_fold, canonical, inventory

BOUNDARY = 0
NUMBER = 1  # any run of digits: "số 37", "ngày 15", "năm 2025" are strong contexts
ACRONYM = 2  # a word in capitals that is no syllable: "UBND tỉnh", "lần thứ XIV"
CASE_PRIOR = 2.0  # pseudo-counts pulling a syllable's capital rate towards the overall one
# a corpus n-gram counts twice: more lets one archive's quirks overrule general usage (and the
# fixed discount then smooths it less); measured best at 2-4 on held-out plans
CORPUS_WEIGHT = 2.0
TEXT_WEIGHT = 1.0
WORDLIST_WEIGHT = 1.0  # each listed word's pairs, once
WORD_SHARE = 0.3  # share of the bigram's lower order given to listed words' continuations
DISCOUNT = 0.75
PRIOR_MASS = 30_000.0  # pseudo-tokens the wordfreq prior weighs against running text
FLOOR = 1e-9  # probability of a syllable no source has seen
# a clause is a run of syllables and numbers with only white space between them; line breaks
# do not end one (conversions break lines mid-sentence), punctuation and foreign words do
_SYLLABLE_RUN = re.compile(r"[^\W\d_]+|[^\w\s]+|\d+")


class Model:
    def __init__(self) -> None:
        self.ids: dict[str, int] = {"": BOUNDARY, "0": NUMBER, "A": ACRONYM}
        for s in sorted(inventory()):
            self.ids[s] = len(self.ids)
        self.names = list(self.ids)
        self.size = len(self.names)
        self.prior = [0.0] * self.size  # wordfreq probabilities
        self.uni = Counter()  # id -> weighted count in running text and word lists
        self.bi = Counter()  # p * size + w -> weighted count
        self.tri = Counter()  # (u * size + v) * size + w
        self.pairs: set[int] = set()  # p * size + w for two syllables that follow in a listed word
        self.capital = Counter()  # id -> weighted count written with a capital inside a clause
        self.inside = Counter()  # id -> weighted count inside a clause (any case)
        self._compiled = False

    # -- counting ---------------------------------------------------------------------------

    def add_prior(self, counts: dict[str, float]) -> None:
        total = sum(counts.values()) or 1.0
        for s, n in counts.items():
            i = self.ids.get(s)
            if i is not None:
                self.prior[i] += n / total
        self._compiled = False

    def add_sequence(self, ids: list[int], weight: float, text: bool = True) -> None:
        """Count the n-grams of one run of syllables: a clause of text, or one listed word.

        A listed word adds no unigram counts and no boundaries: a word list tells which
        syllables go together, not how often a syllable is used.
        """
        seq = [BOUNDARY, *ids, BOUNDARY] if text else ids
        size = self.size
        uni, bi, tri = self.uni, self.bi, self.tri
        if text:
            for i in ids:
                uni[i] += weight
        for a, b in zip(seq, seq[1:]):
            bi[a * size + b] += weight
        for a, b, c in zip(seq, seq[1:], seq[2:]):
            tri[(a * size + b) * size + c] += weight
        self._compiled = False

    def add_word(self, ids: list[int]) -> None:
        """A listed word: its syllable pairs become allowed continuations (see `p_lower`)."""
        size = self.size
        for a, b in zip(ids, ids[1:]):
            self.pairs.add(a * size + b)
        self._compiled = False

    def add_text(self, text: str, weight: float) -> int:
        """Count every clause of a clean text; returns the number of syllables counted."""
        total = 0
        for run in clause_runs(text):
            ids = [self.ids[s] for s, _ in run]
            self.add_sequence(ids, weight)
            total += len(ids)
            for i, (_, case) in zip(ids[1:], run[1:]):
                if case is not None:
                    self.inside[i] += weight
                    self.capital[i] += weight * case
        return total

    # -- probabilities ----------------------------------------------------------------------

    def compile(self) -> None:
        """Precompute the normalisers of the smoothed model (after all counting)."""
        size = self.size
        text_tokens = sum(self.uni.values())
        self.p_uni = [0.0] * size
        for i in range(NUMBER, size):
            p = (self.uni.get(i, 0.0) + PRIOR_MASS * self.prior[i]) / (text_tokens + PRIOR_MASS)
            self.p_uni[i] = max(p, FLOOR)
        self.p_uni[BOUNDARY] = 0.05  # about one clause end every 20 syllables
        self.p_uni[NUMBER] = max(self.p_uni[NUMBER], 0.01)
        self.p_uni[ACRONYM] = max(self.p_uni[ACRONYM], 0.005)
        self.log_uni = [math.log(p) for p in self.p_uni]
        # capitals inside a clause mark names ("Sở Nội vụ", "Ban Chỉ đạo"), rarely "số" or "bạn"
        rate = (sum(self.capital.values()) + 1.0) / (sum(self.inside.values()) + 10.0)
        self.log_case = {}
        for i, n in self.inside.items():
            p = (self.capital.get(i, 0.0) + CASE_PRIOR * rate) / (n + CASE_PRIOR)
            self.log_case[i] = (math.log(1.0 - p), math.log(p))
        self.log_case_default = (math.log(1.0 - rate), math.log(rate))
        self.pair_mass: dict[int, float] = {}
        for key in self.pairs:
            p = key // size
            self.pair_mass[p] = self.pair_mass.get(p, 0.0) + self.p_uni[key - p * size]
        ctx_total: Counter = Counter()
        ctx_types: Counter = Counter()
        for key, c in self.bi.items():
            p = key // size
            ctx_total[p] += c
            ctx_types[p] += 1
        self.bi_norm = {p: (1.0 / t, DISCOUNT * ctx_types[p] / t) for p, t in ctx_total.items()}
        tri_total: Counter = Counter()
        tri_types: Counter = Counter()
        for key, c in self.tri.items():
            ctx = key // size
            tri_total[ctx] += c
            tri_types[ctx] += 1
        self.tri_norm = {k: (1.0 / t, DISCOUNT * tri_types[k] / t) for k, t in tri_total.items()}
        self._compiled = True

    def seen(self, i: int) -> bool:
        return self.p_uni[i] > FLOOR

    def p_lower(self, p: int, w: int) -> float:
        """The bigram's lower order: the unigram, mixed with the word list's continuations.

        The word list has no frequencies, so it does not give P(w | p) itself: it restricts
        the unigram to the syllables that follow p inside some word ("bao" -> "nhiêu", "giờ",
        ...), which keeps a rare word from outweighing a common one.
        """
        base = self.p_uni[w]
        mass = self.pair_mass.get(p)
        if mass is None:
            return base
        inside = base / mass if p * self.size + w in self.pairs else 0.0
        return (1.0 - WORD_SHARE) * base + WORD_SHARE * inside

    def p_bigram(self, p: int, w: int) -> float:
        norm = self.bi_norm.get(p)
        if norm is None:
            return self.p_lower(p, w)
        c = self.bi.get(p * self.size + w, 0.0)
        inv, gamma = norm
        return max(c - DISCOUNT, 0.0) * inv + gamma * self.p_lower(p, w)

    def p_trigram(self, u: int, v: int, w: int) -> float:
        lower = self.p_bigram(v, w)
        ctx = u * self.size + v
        norm = self.tri_norm.get(ctx)
        if norm is None:
            return lower
        c = self.tri.get(ctx * self.size + w, 0.0)
        inv, gamma = norm
        return max(c - DISCOUNT, 0.0) * inv + gamma * lower


def clause_runs(text: str):
    """Yield runs of (syllable, case) that no punctuation separates.

    Syllables are in canonical spelling; a number is "0" and a capitals acronym "A". The case
    is 1 for a capitalised syllable, 0 for a lower-case one, None for one in capitals.
    """
    inv = inventory()
    run: list[tuple[str, int | None]] = []
    for m in _SYLLABLE_RUN.finditer(unicodedata.normalize("NFC", text)):
        tok = m.group()
        if tok[0].isalpha():
            s = canonical(tok)
            if s in inv:
                caps = len(tok) > 1 and tok.isupper()
                run.append((s, None if caps else int(tok[0].isupper())))
                continue
            if len(tok) > 1 and tok.isupper():
                run.append(("A", None))
                continue
        elif tok.isdigit():
            run.append(("0", None))
            continue
        if run:
            yield run
            run = []
    if run:
        yield run


def _data_file(name: str):
    return resources.files("kehoach").joinpath("data", name)


def _read_data(name: str) -> list[str]:
    raw = _data_file(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return [line for line in raw.decode("utf-8").splitlines() if line and not line.startswith("#")]


def packaged_model() -> Model:
    """The model of the packaged sources only (see scripts/build_restore_model.py)."""
    model = Model()
    prior = {}
    for line in _read_data("restore_unigrams.tsv.gz"):
        s, n = line.split("\t")
        prior[s] = float(n)
    model.add_prior(prior)
    ids = model.ids
    for line in _read_data("restore_words.txt.gz"):
        word = [ids[s] for s in line.split()]
        model.add_word(word)
        if WORDLIST_WEIGHT:
            model.add_sequence(word, WORDLIST_WEIGHT, text=False)
    model.add_text("\n".join(_read_data("restore_text_vi.txt")), TEXT_WEIGHT)
    return model


def candidates_of(folded: str) -> tuple[str, ...]:
    return by_fold().get(folded, ())


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix.lower() in (".txt", ".md") and p.is_file())
