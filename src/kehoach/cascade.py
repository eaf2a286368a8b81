"""Plan cascade: which tasks of an upper plan a lower plan carries out, for one unit.

A Sở plan "cụ thể hóa" the tasks a Tỉnh ủy plan gave the Sở. For an upper plan U, a lower plan
L and a unit X:

* an upper task **binds** X when X leads, co-leads or partners it ("explicit"), when it is
  addressed to a group X belongs to ("các sở, ban, ngành", "các cơ quan thành viên Ban Chỉ
  đạo …": "group"), or when it names no actor at all ("open", addressed to everyone);
* each lower task is linked to the upper tasks it carries out: its most similar upper task, and
  any other within reach of that best score, above a floor;
* an explicit task with no link is a **gap** (not taken up); group and open tasks are linked
  where L carries them out and never called gaps;
* lower tasks linked to nothing are the unit's own initiatives.

Similarity is lexical (`kehoach.similarity`: TF-IDF over folded syllables and syllable pairs),
so it works across rewording and across text that lost its diacritics.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .models import Plan, Task
from .similarity import Index, shared_phrases
from .text import fold

# A lower task links to an upper task scoring at least FLOOR, and at least REACH × its best.
FLOOR = 0.10
REACH = 0.85
# … and to any other upper task it matches this well on its own (one lower task may carry out two).
ALSO = 0.2
# Below SPECIFIC a lower task's best specific match is weak: a catch-all upper task may take it.
SPECIFIC = 0.2
_CATCH_ALL = re.compile(r"căn cứ (?:vào )?chức năng|theo chức năng|hình thức phù hợp", re.I)
_PROPAGANDA = re.compile(r"tuyen truyen|thong tin|quang ba|co dong")
# A link at or above FULL means the upper task is covered; below, partly covered.
FULL = 0.30

_ABBREVIATIONS = (
    (r"\bubnd\b", "uy ban nhan dan"), (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bvhttdl\b|\bvh,? ?tt ?(?:&|va) ?dl\b|\bvhtt va dl\b", "van hoa the thao va du lich"),
    (r"\bbtgdv\b|\bbtg ?& ?dv\b", "ban tuyen giao va dan van"), (r"\bmttq\b", "mat tran to quoc"),
    (r"\bttdn\b", "thong tin doi ngoai"), (r"\bsnv\b", "so ngoai vu"),
)
# Groups a kind of unit belongs to, as plans address them (folded patterns).
_GROUPS = {
    "department": (r"^cac so\b", r"\bso, ban, nganh\b", r"\bso, nganh\b", r"^cac co quan, (?:don vi|to chuc)\b",
                   r"\bco quan thanh vien\b", r"^cac nganh\b", r"^cac cap, cac nganh\b"),
    "press": (r"\bco quan bao chi\b", r"\bbao chi\b", r"\bco quan thong tin\b"),
    "commune": (r"\bcac xa\b", r"\bxa, phuong\b", r"\bdia phuong\b", r"\bcap xa\b"),
}
_KIND_OF_UNIT = (
    ("press", r"^(?:bao|dai|tap chi|truyen hinh|phat thanh)\b"),
    ("commune", r"^(?:uy ban nhan dan|ubnd)?\s*(?:xa|phuong|dac khu)\b"),
    ("department", r"^(?:so|ban|bo chi huy|cong an|van phong|lien hiep|hoi|tinh doan|uy ban|trung tam|nha xuat ban)\b"),
)


def normalise_unit(name: str) -> str:
    """Folded, abbreviations written out, province and asides dropped: for comparing unit names."""
    f = fold(re.sub(r"\([^)]*\)", " ", name))
    for pattern, full in _ABBREVIATIONS:
        f = re.sub(pattern, full, f)
    f = re.sub(r"\b(?:tinh|thanh pho)\s+[a-z ]+$", "", f)
    return " ".join(re.findall(r"[a-z0-9]+", f))


def same_unit(a: str, b: str) -> bool:
    """The same unit, written out or abbreviated, with or without its province, or with a word
    damaged by OCR ("86 Văn hóa, Thể thao và Du lịch" for "Sở …")."""
    na, nb = normalise_unit(a), normalise_unit(b)
    if not na or not nb:
        return False
    if na == nb or (len(min(na, nb, key=len).split()) >= 3 and (na.startswith(nb) or nb.startswith(na))):
        return True
    wa, wb = na.split(), nb.split()
    if min(len(wa), len(wb)) < 4:
        return False
    shared = sum((Counter(wa) & Counter(wb)).values())
    return shared >= 0.8 * max(len(wa), len(wb))


def unit_kind(name: str) -> str | None:
    n = normalise_unit(name)
    for kind, pattern in _KIND_OF_UNIT:
        if re.match(pattern, n):
            return kind
    return None


def binding(task: Task, unit: str, member_of: tuple[str, ...] = ()) -> str | None:
    """How `task` binds `unit`: "explicit", "group", "open" (no actor named) or None."""
    named = task.lead + task.co_lead + task.partners
    if any(same_unit(u, unit) for u in named):
        return "explicit"
    if not task.lead:
        return "open"
    kind = unit_kind(unit)
    groups = _GROUPS.get(kind or "", ())
    for actor in task.lead + task.co_lead:
        f = normalise_unit(actor)
        if any(re.search(g, f) for g in groups) or any(normalise_unit(m) in f for m in member_of if m):
            return "group"
    return None


@dataclass
class LowerLink:
    task: Task
    score: float
    shared: list[str]


@dataclass
class Link:
    upper: Task
    binding: str
    lower: list[LowerLink] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.lower:
            return "not_taken_up"
        return "covered" if max(link.score for link in self.lower) >= FULL else "partly"


@dataclass
class Coverage:
    unit: str
    links: list[Link]  # one per upper task that binds the unit (open tasks only where linked)
    own_lower: list[Task]

    def to_json_dict(self) -> dict:
        def brief(t: Task) -> dict:
            return {"id": t.id, "text": t.text, "lead": t.lead}

        return {
            "unit": self.unit,
            "links": [
                {"upper": brief(link.upper), "binding": link.binding, "status": link.status,
                 "lower": [{**brief(low.task), "score": round(low.score, 3), "shared": low.shared} for low in link.lower]}
                for link in self.links
            ],
            "own_lower": [brief(t) for t in self.own_lower],
        }


def cover(upper: Plan, lower: Plan, unit: str, member_of: tuple[str, ...] = (),
          confirmed: frozenset[tuple[str, str]] = frozenset(),
          rejected: frozenset[tuple[str, str]] = frozenset()) -> Coverage:
    """Align the tasks of `upper` that bind `unit` with the tasks of `lower` that carry them out.

    `confirmed` and `rejected` are (upper task id, lower task id) pairs an officer decided: a
    confirmed pair is always linked, a rejected one never (its lower task then goes to its next
    best upper task, or to the lower plan's own work).
    """
    candidates = [(t, b) for t in upper.tasks if (b := binding(t, unit, member_of))]
    lowers = [t for t in lower.tasks if t.text.strip()]
    index = Index.build([task_content(t) for t, _ in candidates] + [task_content(t) for t in lowers])
    n = len(candidates)
    links = [Link(t, b) for t, b in candidates]
    catch_all = [i for i, (t, _) in enumerate(candidates) if _CATCH_ALL.search(t.text)]
    own: list[Task] = []
    for j, low in enumerate(lowers):
        scores = [0.0 if i in catch_all or (candidates[i][0].id, low.id) in rejected else index.cosine(i, n + j)
                  for i in range(n)]
        best = max(scores, default=0.0)
        chosen = [i for i, s in enumerate(scores) if s >= FLOOR and (s >= REACH * best or s >= ALSO)]
        explicit = [i for i in chosen if candidates[i][1] == "explicit"]
        if catch_all and best < SPECIFIC and not explicit and _PROPAGANDA.search(fold(low.text)):
            # "… căn cứ chức năng, nhiệm vụ đẩy mạnh tuyên truyền … thông qua các hình thức phù hợp"
            # takes the propaganda work no specific upper task accounts for.
            allowed = [i for i in catch_all if (candidates[i][0].id, low.id) not in rejected] or catch_all
            general = max(allowed, key=lambda i: index.cosine(i, n + j))
            chosen = [general]
            scores[general] = index.cosine(general, n + j)
        chosen += [i for i in range(n) if (candidates[i][0].id, low.id) in confirmed and i not in chosen]
        chosen = [i for i in chosen if (candidates[i][0].id, low.id) not in rejected]
        if not chosen:
            own.append(low)
            continue
        linked = False
        for i in chosen:
            shared = shared_phrases(low.text, candidates[i][0].text)
            # A link shows what both texts say; one with no phrase in common is chance, not work done.
            if shared or (candidates[i][0].id, low.id) in confirmed:
                links[i].lower.append(LowerLink(low, scores[i], shared))
                linked = True
        if not linked:
            own.append(low)
    kept = [link for link in links if link.lower or link.binding == "explicit"]
    for link in kept:
        link.lower.sort(key=lambda x: -x.score)
    return Coverage(unit=unit, links=kept, own_lower=own)


def task_content(task: Task) -> str:
    """The work a task describes, without the actor it opens with ("Sở X chủ trì, …")."""
    text = task.text
    for actor in task.lead + task.co_lead:
        pos = fold(text).find(fold(actor))
        if 0 <= pos < 20:
            text = text[:pos] + text[pos + len(actor):]
    return text


_content = task_content  # the name the first callers used
