"""Relevance of an article to the province and to the plans' topics.

A `Profile` holds what names the province in print: its names (with and without diacritics —
matching is on folded text, so "Lam Vien" in an English article finds "Lâm Viên"), its communes and
wards (from the unit registry), the official titles of its leaders ("Chủ tịch UBND tỉnh", "Bí thư
Tỉnh ủy"), and topics, each a name and its keywords (flagship topics of the province, and each
plan's own keywords). `Profile.match` gives the terms found, the topics matched and a score.

`TaskMatcher` ranks the tasks an article may serve as evidence for, by the cascade's lexical
similarity (`kehoach.similarity.Index`: TF-IDF over folded syllables and syllable pairs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..similarity import Index
from ..text import fold


def _pattern(terms) -> re.Pattern | None:
    folded = sorted({" ".join(fold(t).split()) for t in terms if t and t.strip()}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(t).replace(r"\ ", r"[\s\-]+") for t in folded) + r")(?![a-z0-9])")


@dataclass
class Match:
    score: float
    province: bool
    terms: list[str]
    topics: list[str]


@dataclass
class Profile:
    names: list[str]  # "Lâm Viên", "tỉnh Lâm Viên", "Lam Vien province"
    communes: list[str] = field(default_factory=list)  # "Phường Hồ Sen", "Xã Đá Bàn"
    leaders: list[str] = field(default_factory=list)  # "Chủ tịch UBND tỉnh Lâm Viên"
    topics: dict[str, list[str]] = field(default_factory=dict)  # topic -> keywords

    def __post_init__(self):
        names = set(self.names) | {fold(n) for n in self.names}
        self._names = _pattern(names)
        # "Phường Hồ Sen" is also printed "Hồ Sen": the bare name counts when the province is named too.
        # Registry names read "UBND phường Hồ Sen"; the bare place name counts when it has two words
        # or more ("Hồ Sen"; not "Hai", which is also a number).
        full = {re.sub(r"^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", "", c, flags=re.I) for c in self.communes}
        bare = {re.sub(r"^(?:phường|xã|thị trấn|đặc khu)\s+", "", c, flags=re.I) for c in full}
        self._communes = _pattern(full | {b for b in bare if len(b.split()) >= 2})
        self._leaders = _pattern(self.leaders)
        self._topics = {name: _pattern(words) for name, words in self.topics.items()}

    def match(self, title: str, text: str) -> Match:
        folded_title, folded = fold(title), fold(text)
        whole = f"{folded_title}\n{folded}"
        terms: list[str] = []
        score = 0.0
        province = False
        if self._names:
            found = self._names.findall(whole)
            if found:
                province = True
                terms += sorted(set(found))
                score += 0.5 + (0.2 if self._names.search(folded_title) else 0.0) + min(0.1 * (len(found) - 1), 0.2)
        if self._communes:
            found = set(self._communes.findall(whole))
            if found:
                terms += sorted(found)
                score += 0.2 if province else 0.1
        if self._leaders:
            found = set(self._leaders.findall(whole))
            if found:
                terms += sorted(found)
                score += 0.2
        topics = [name for name, pattern in self._topics.items() if pattern and pattern.search(whole)]
        if topics:
            score += 0.1
        return Match(score=round(min(score, 1.0), 3), province=province, terms=terms, topics=topics)


@dataclass
class Candidate:
    task_key: object
    score: float


class TaskMatcher:
    """Tasks an article can evidence: cosine similarity over the tasks and the articles together."""

    def __init__(self, tasks: list[tuple[object, str]], *, floor: float = 0.12, limit: int = 3):
        self.tasks = tasks
        self.floor = floor
        self.limit = limit

    def rank(self, articles: list[str]) -> list[list[Candidate]]:
        """For each article text, its best tasks (score ≥ floor), best first."""
        if not self.tasks or not articles:
            return [[] for _ in articles]
        n = len(self.tasks)
        index = Index.build([text for _, text in self.tasks] + list(articles))
        ranked = []
        for j in range(len(articles)):
            scores = [(index.cosine(i, n + j), i) for i in range(n)]
            scores.sort(reverse=True)
            ranked.append([Candidate(self.tasks[i][0], round(s, 3)) for s, i in scores[: self.limit] if s >= self.floor])
        return ranked
