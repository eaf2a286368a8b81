"""The unit registry: matching keys, name resolution and loading the province's units.

A unit name as a plan writes it ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Nai",
"Công an tỉnh") is reduced to a key: folded, punctuation out, "Ủy ban nhân dân" as "ubnd", the
province's name and a trailing "tỉnh" dropped. Equal keys resolve at once; other names get
fuzzy suggestions (rapidfuzz) for the reviewer to pick from.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from kehoach.text import fold, squash

_NON_WORD = re.compile(r"[^a-z0-9]+")
_LEADING = re.compile(r"^(?:kinh moi|de nghi|giao|chu tri|phoi hop voi|phoi hop)\s+")
_TRAILING = re.compile(r"\s+(?:co lien quan|lien quan|tren dia ban(?: tinh)?)$")


def place_keys() -> list[str]:
    """Folded names of the provinces in the registry ("dong nai"), to strip from unit names."""
    from ..models import Unit, UnitKind

    names = Unit.objects.filter(kind=UnitKind.PROVINCE).values_list("name", flat=True)
    return sorted({_place(n) for n in names if _place(n)}, key=len, reverse=True)


def _place(province_name: str) -> str:
    key = _NON_WORD.sub(" ", fold(province_name)).strip()
    return re.sub(r"^(?:tinh|thanh pho|tp)\s+", "", key)


def match_key(name: str, places: list[str] | tuple[str, ...] = ()) -> str:
    key = _NON_WORD.sub(" ", fold(name)).strip()
    key = re.sub(r"\buy ban nhan dan\b", "ubnd", key)
    key = _LEADING.sub("", key)
    key = _TRAILING.sub("", key)
    for place in places:
        key = re.sub(rf"\s+(?:tinh\s+|thanh pho\s+|tp\s+)?{re.escape(place)}$", "", key)
    key = re.sub(r"\s+(?:tinh|thanh pho)$", "", key)
    return key.strip()


def unit_keys(unit, places: list[str] | None = None) -> list[str]:
    if places is None:
        places = place_keys()
    keys: list[str] = []
    for name in [unit.name, *unit.abbreviations, *unit.aliases]:
        key = match_key(name, places)
        if key and key not in keys:
            keys.append(key)
    return keys


def refresh_keys() -> int:
    """Recompute every unit's keys (after the province itself was added or renamed)."""
    from ..models import Unit

    places = place_keys()
    changed = []
    for unit in Unit.objects.all():
        keys = "\n".join(unit_keys(unit, places))
        if keys != unit.keys:
            unit.keys = keys
            changed.append(unit)
    Unit.objects.bulk_update(changed, ["keys"], batch_size=500)
    return len(changed)


@dataclass
class Suggestion:
    unit: object
    score: float


class Matcher:
    """Resolves names against the registry; build one per request or ingestion (it is a snapshot)."""

    def __init__(self, units=None):
        from ..models import Unit

        self.places = place_keys()
        if units is None:
            units = Unit.objects.filter(active=True).only("id", "name", "kind", "keys", "abbreviations")
        self.by_key: dict[str, object] = {}
        self._choices: list[str] = []
        self._owners: list[object] = []
        for unit in units:
            for key in filter(None, unit.keys.split("\n")):
                self.by_key.setdefault(key, unit)
                self._choices.append(key)
                self._owners.append(unit)

    def key(self, name: str) -> str:
        return match_key(name, self.places)

    def exact(self, name: str):
        return self.by_key.get(self.key(name))

    def suggest(self, name: str, limit: int = 5) -> list[Suggestion]:
        from rapidfuzz import fuzz, process

        key = self.key(name)
        if not key or not self._choices:
            return []
        found: dict[int, Suggestion] = {}
        for _choice, score, index in process.extract(key, self._choices, scorer=fuzz.WRatio, limit=limit * 4):
            unit = self._owners[index]
            if unit.pk not in found:
                found[unit.pk] = Suggestion(unit, round(score, 1))
            if len(found) == limit:
                break
        return sorted(found.values(), key=lambda s: -s.score)


# --------------------------------------------------------------------------- loading


def default_units() -> list[dict]:
    """The reviewed list of provincial bodies (data/provincial_units.json)."""
    text = resources.files("kehoach.web.plans").joinpath("data/provincial_units.json").read_text(encoding="utf-8")
    return json.loads(text)["units"]


def find_province(name: str):
    """The `vietnam-provinces` province whose name is `name` ("Đồng Nai", "Tỉnh Đồng Nai", "dong nai")."""
    from vietnam_provinces import Province

    wanted = _place(name)
    for province in Province.iter_all():
        if _place(province.name) == wanted:
            return province
    return None


@dataclass
class LoadResult:
    province: object
    created: int
    existing: int


def load_province(name: str, *, communes: bool = True, provincial: bool = True, user=None) -> LoadResult:
    """Create the province, its provincial bodies (default list) and its communes and wards.

    Idempotent: units already there (same name under the same parent) are kept as they are,
    so an admin's edits survive a second load.
    """
    from vietnam_provinces import Ward

    province = find_province(name)
    if province is None:
        from kehoach.errors import KehoachError

        raise KehoachError(f"province {name!r} not found (34 provinces since 1/7/2025, e.g. “Đồng Nai”)")
    wards = [(w.name, str(int(w.code))) for w in Ward.iter_by_province(province.code)] if communes else []
    return load_units(province.name, str(int(province.code)), wards, provincial=provincial, user=user)


def load_units(province_name: str, code: str, wards: list[tuple[str, str]], *, provincial: bool = True, user=None) -> LoadResult:
    """The province unit, the default provincial bodies and the given communes/wards (name, code)."""
    from django.db import transaction

    from ..models import Unit, UnitKind
    from .audit import record

    short = re.sub(r"^(?:Tỉnh|Thành phố)\s+", "", province_name)
    created = existing = 0

    def get_or_create(name, kind, parent, **extra):
        nonlocal created, existing
        unit = Unit.objects.filter(parent=parent, name=name).first()
        if unit:
            existing += 1
            return unit
        unit = Unit.objects.create(name=name, kind=kind, parent=parent, **extra)
        record(user, "create", unit, after=unit_snapshot(unit))
        created += 1
        return unit

    with transaction.atomic():
        root = get_or_create(province_name, UnitKind.PROVINCE, None, code=code, aliases=[short])
        by_name = {}
        if provincial:
            for item in default_units():
                parent = by_name.get(item.get("parent"), root)
                unit = get_or_create(
                    item["name"].format(province=short),
                    item["kind"],
                    parent,
                    abbreviations=[a.format(province=short) for a in item.get("abbreviations", [])],
                    aliases=[a.format(province=short) for a in item.get("aliases", [])],
                )
                by_name[item["name"]] = unit
        for ward_name, ward_code in wards:
            # "Phường Biên Hòa" -> "UBND phường Biên Hòa", as plans address them.
            kind_word, _, place = ward_name.partition(" ")
            get_or_create(
                f"UBND {kind_word.lower()} {place}",
                UnitKind.COMMUNE,
                root,
                code=ward_code,
                aliases=[ward_name, f"Ủy ban nhân dân {kind_word.lower()} {place}"],
            )
        refresh_keys()
    return LoadResult(root, created, existing)


def unit_snapshot(unit) -> dict:
    return {
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent_id,
        "abbreviations": list(unit.abbreviations),
        "aliases": list(unit.aliases),
        "code": unit.code,
        "active": unit.active,
    }


def add_alias(unit, name: str) -> bool:
    """Remember a spelling a reviewer resolved to `unit`, so the next plan resolves it at once."""
    name = squash(name)
    if not name or name == unit.name or name in unit.aliases or name in unit.abbreviations:
        return False
    unit.aliases = [*unit.aliases, name]
    unit.save(update_fields=["aliases", "keys", "folded"])
    return True
