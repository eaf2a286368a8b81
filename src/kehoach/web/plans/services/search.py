"""Search that ignores diacritics and case: "dai hoi" finds "Đại hội".

On PostgreSQL the raw text is compared through `unaccent` (a trigram GIN index on
`lower(immutable_unaccent(search_text))` serves the LIKE, see migration 0002); on SQLite a
folded copy of the text (`search_folded`, kept by `Plan.save`) is compared instead.
"""
from __future__ import annotations

import re

from django.db import connection

from kehoach.text import fold

_NON_WORD = re.compile(r"[^a-z0-9]+")


def number_key(number: str | None) -> str:
    """"Số 37-KH/TU" and "37/KH-TU" -> "37-kh-tu": how references find the plan they name."""
    if not number:
        return ""
    key = fold(number).strip()
    key = re.sub(r"^so[:\s]+", "", key)
    return _NON_WORD.sub("-", key).strip("-")


def words(query: str) -> list[str]:
    return [w for w in _NON_WORD.split(fold(query or "")) if w][:10]


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_plans(queryset, query: str):
    """Plans whose title, number, issuer… contain every word of `query`, folded."""
    for word in words(query):
        if connection.vendor == "postgresql":
            queryset = queryset.extra(
                where=["lower(immutable_unaccent(plans_plan.search_text)) LIKE %s"],
                params=[f"%{_escape_like(word)}%"],
            )
        else:
            queryset = queryset.filter(search_folded__contains=word)
    return queryset
