"""Vietnamese syllables: tones, tone placement, folding and the inventory of valid syllables.

A syllable is handled as (base, tone): the base keeps the letter marks (ă â ê ô ơ ư đ), the tone
is one of six (0 none, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng). Every syllable is rendered with the
same tone placement (the traditional one used by state documents: "hòa", "thủy"), so that
"hoà" and "hòa" are one syllable to the model.

The inventory is generated (onsets × rhymes × tones with the spelling rules), not read from a
list, so it holds every well-formed syllable, including those no word list happened to contain.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# combining tone marks, by tone number
TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_TONE_OF_MARK = {m: i for i, m in enumerate(TONE_MARKS) if m}
VOWELS = frozenset("aăâeêioôơuưy")
MODIFIED = frozenset("ăâêôơư")
_LETTERS = frozenset("abcdđeghiklmnopqrstuvxyăâêôơư")
FOLD_LETTER = str.maketrans("ăâêôơưđ", "aaeooud")

ONSETS = ("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
          "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x")

# Rhymes without medial, then with the medial o/u. "iê" rhymes are written "yê" without onset
# or after the medial u ("yên", "quyết"); "ia"/"ua"/"ưa" are the open forms of iê/uô/ươ.
_PLAIN_RHYMES = """
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt ăk
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
y
o oc oi om on ong op ot ooc oong
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut
uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu
""".split()
_MEDIAL_RHYMES = """
oa oac oach oai oam oan oang oanh oap oat oay oao
oăc oăm oăn oăng oăt
oe oen oeo oet oem
uân uâng uât uây
uê uêch uênh
uơ
uy uych uynh uyp uyt uyu uya uyên uyêt
""".split()
RHYMES = tuple(_PLAIN_RHYMES + _MEDIAL_RHYMES)
_STOPS = ("c", "ch", "p", "t", "k")  # k: place names of the Highlands ("Đắk Lắk")


def _spellings(onset: str, rhyme: str) -> list[str]:
    """The written bases of onset + rhyme under the spelling rules; [] when not allowed."""
    first = rhyme[0]
    front = first in "eêi" or rhyme.startswith("y") or rhyme.startswith("iê")
    medial = rhyme in _MEDIAL_RHYMES
    if onset == "g" and rhyme[0] == "i" and not rhyme.startswith("iê"):
        return ["g" + rhyme]  # "gì", "gìn": gi + i written once
    if onset in ("c", "g", "ng") and front:
        return []  # k, gh, ngh before e ê i
    if onset in ("gh", "ngh") and not front:
        return []  # k is let through: place names spell it before any vowel ("Bắc Kạn", "Kon Tum")
    if onset == "c" and medial:
        return []  # /kw/ is written qu
    if onset == "qu":
        if medial:
            rest = rhyme[1:]  # the medial is the u of qu: "qua", "quyết", "quân"
            return ["qu" + rest] if rest else []
        if rhyme[0] in "uư" or rhyme[0] == "o":
            return ["qu" + rhyme[1:]] if rhyme.startswith("uô") else []  # "quốc"
        return ["qu" + rhyme]  # "quê", "quen", "quý" read as qu + ê/e/y
    if onset == "gi":
        if rhyme.startswith("iê"):
            return ["gi" + rhyme[1:]]  # "giếng": the i of gi is the i of iê
        if first in "iy" or medial:
            return []
        return ["gi" + rhyme]
    if rhyme.startswith("iê") and onset == "":
        return ["y" + rhyme[1:]]  # "yên", "yêu"
    if rhyme.startswith("uyê") or rhyme == "uya":
        return [onset + rhyme]
    if rhyme == "y":
        # i and y are both written after most onsets (lý/lí, kỹ/kĩ); "y" alone is "ý"
        return [onset + "y"]
    return [onset + rhyme]


@lru_cache(maxsize=1)
def bases() -> frozenset[str]:
    """Every toneless base: "nghiêng", "quôc", "thuơ" (tone not yet placed)."""
    out: set[str] = set()
    for onset in ONSETS:
        for rhyme in RHYMES:
            out.update(_spellings(onset, rhyme))
    return frozenset(out)


def _allowed_tones(base: str) -> range | tuple[int, ...]:
    # a syllable closed by a stop (c ch p t) only takes sắc or nặng
    return (2, 5) if base.endswith(_STOPS) else range(6)


@lru_cache(maxsize=1)
def inventory() -> frozenset[str]:
    """Every valid syllable, lower case, NFC, tone placed the traditional way."""
    return frozenset(render(b, t) for b in bases() for t in _allowed_tones(b))


@lru_cache(maxsize=1)
def by_fold() -> dict[str, tuple[str, ...]]:
    """Folded form ("quoc") -> every valid syllable written with those letters."""
    groups: dict[str, list[str]] = {}
    for s in sorted(inventory()):
        groups.setdefault(fold_syllable(s), []).append(s)
    return {k: tuple(v) for k, v in groups.items()}


def _nucleus(base: str) -> tuple[int, int]:
    """Start and end of the vowel cluster of a lower-case base, the onset's letters skipped."""
    i = 0
    if base.startswith("qu") and len(base) > 2 and base[2] in VOWELS:
        i = 2
    elif base.startswith("gi") and len(base) > 2 and base[2] in VOWELS:
        i = 2
    while i < len(base) and base[i] not in VOWELS:
        i += 1
    j = i
    while j < len(base) and base[j] in VOWELS:
        j += 1
    return i, j


def tone_position(base: str) -> int:
    """Index of the vowel that carries the tone mark (traditional placement), -1 if none."""
    i, j = _nucleus(base)
    if i == j:
        return -1
    marked = [k for k in range(i, j) if base[k] in MODIFIED]
    if marked:
        return marked[-1]  # ươ -> ơ, uô -> ô, iê -> ê
    if j < len(base):
        return j - 1  # closed: "hoàn", "hoạch", "huỳnh"
    n = j - i
    if n == 3:
        return i + 1  # "ngoài", "khuya", "khuỷu"
    return i  # "hòa", "thủy", "của", "mía"


def render(base: str, tone: int) -> str:
    if tone == 0:
        return base
    k = tone_position(base)
    if k < 0:
        return base
    return unicodedata.normalize("NFC", base[: k + 1] + TONE_MARKS[tone] + base[k + 1:])


@lru_cache(maxsize=65536)
def split_tone(word: str) -> tuple[str, int]:
    """Lower-case word -> (base with letter marks, tone); any tone placement is accepted."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tone = 0
    kept = []
    for c in nfd:
        t = _TONE_OF_MARK.get(c)
        if t is None:
            kept.append(c)
        elif tone == 0:
            tone = t
    return unicodedata.normalize("NFC", "".join(kept)), tone


def canonical(word: str) -> str:
    """One spelling per syllable: lower case, NFC, traditional tone placement."""
    base, tone = split_tone(word)
    return render(base, tone)


def fold_syllable(word: str) -> str:
    """"Đường" -> "duong": letters only, no marks, lower case."""
    base, _ = split_tone(word)
    return base.translate(FOLD_LETTER)


def has_marks(word: str) -> bool:
    """True when a word carries any Vietnamese mark (tone, ă â ê ô ơ ư or đ)."""
    return any(ord(c) > 127 for c in word)


def is_syllable(word: str) -> bool:
    return canonical(word) in inventory()
