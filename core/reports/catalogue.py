"""The indicator catalogue (resources/reports/indicators.json): what a report can contain.

Each indicator: ``code`` ([a-z][a-z0-9_]*), ``name`` {vi, en}, ``domain`` (a key of the
file's ``domains``), ``kind`` (count / ratio / yesno), ``compute`` (a computation of
core.reports.indicators.REGISTRY) with its ``params``, ``target`` (a number or null: a count,
a percentage for ratios, 1 for "yes"), ``cumulative`` (also report the figure from the start of
the reporting year; only for computations that count events), optional ``unit`` {vi, en} and
``description`` {vi, en}. Unknown keys and wrong values are errors naming the indicator.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from core.i18n import Label
from core.reports.indicators import REGISTRY, Computation

RESOURCE = Path(__file__).resolve().parent.parent.parent / "resources" / "reports" / \
    "indicators.json"
KINDS = ("count", "ratio", "yesno")
_CODE = re.compile(r"[a-z][a-z0-9_]*")
_KEYS = {"code", "name", "domain", "kind", "compute", "params", "target", "cumulative", "unit",
         "description"}
_REQUIRED = ("code", "name", "domain", "kind", "compute", "cumulative")


class CatalogueError(ValueError):
    """The catalogue file is wrong; the message names the indicator and the field."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name: dict
    domain: str
    kind: str
    compute: str
    params: dict = field(hash=False, compare=False)
    target: float | None = None
    cumulative: bool = False
    unit: dict | None = None
    description: dict | None = None

    @property
    def computation(self) -> Computation:
        return REGISTRY[self.compute]

    @property
    def label(self) -> Label:
        return Label(self.name)

    def name_in(self, lang: str = "vi") -> str:
        return self.name.get(lang) or self.name["vi"]

    def unit_in(self, lang: str = "vi") -> str:
        return (self.unit or {}).get(lang) or (self.unit or {}).get("vi", "")

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "domain": self.domain, "kind": self.kind,
                "compute": self.compute, "params": self.params, "target": self.target,
                "cumulative": self.cumulative, "unit": self.unit,
                "description": self.description}


@dataclass(frozen=True)
class Catalogue:
    indicators: tuple[Indicator, ...]
    domains: dict

    @property
    def by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    def domain_label(self, domain: str) -> Label:
        return Label(self.domains.get(domain) or {"vi": domain, "en": domain})


def _texts(where: str, value, key: str, required: bool = True) -> dict | None:
    if value is None and not required:
        return None
    if not isinstance(value, dict) or not all(
            isinstance(value.get(lang), str) and value[lang].strip() for lang in ("vi", "en")):
        raise CatalogueError(f"{where}: “{key}” needs non-empty “vi” and “en” texts")
    return {"vi": value["vi"], "en": value["en"]}


def _indicator(data, domains: dict, seen: set[str]) -> Indicator:
    where = f"indicator {data.get('code', '?') if isinstance(data, dict) else '?'}"
    if not isinstance(data, dict):
        raise CatalogueError(f"{where}: must be a JSON object")
    if unknown := sorted(set(data) - _KEYS):
        raise CatalogueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if missing := [k for k in _REQUIRED if k not in data]:
        raise CatalogueError(f"{where}: missing {', '.join(missing)}")
    code = data["code"]
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise CatalogueError(f"{where}: code must match [a-z][a-z0-9_]*")
    if code in seen:
        raise CatalogueError(f"{where}: code used twice")
    if data["domain"] not in domains:
        raise CatalogueError(f"{where}: domain “{data['domain']}” is not in “domains”")
    if data["kind"] not in KINDS:
        raise CatalogueError(f"{where}: kind must be one of {', '.join(KINDS)}")
    computation = REGISTRY.get(data["compute"])
    if computation is None:
        raise CatalogueError(f"{where}: unknown computation “{data['compute']}” "
                             f"(known: {', '.join(sorted(REGISTRY))})")
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise CatalogueError(f"{where}: params must be an object")
    for name, value in params.items():
        check = computation.params.get(name)
        if check is None:
            raise CatalogueError(f"{where}: {data['compute']} takes no parameter “{name}”")
        if not check(value):
            raise CatalogueError(f"{where}: parameter “{name}” has a wrong value {value!r}")
    if missing := [p for p in computation.required if p not in params]:
        raise CatalogueError(f"{where}: {data['compute']} needs {', '.join(missing)}")
    if data["kind"] == "ratio" and not computation.ratio:
        raise CatalogueError(f"{where}: {data['compute']} has no denominator for a ratio")
    cumulative = data["cumulative"]
    if not isinstance(cumulative, bool):
        raise CatalogueError(f"{where}: cumulative must be true or false")
    if cumulative and not computation.flow:
        raise CatalogueError(f"{where}: {data['compute']} is a state at a day, not a count of "
                             f"events: it cannot be cumulative")
    target = data.get("target")
    if target is not None and (isinstance(target, bool) or not isinstance(target, int | float)
                               or target < 0):
        raise CatalogueError(f"{where}: target must be a non-negative number or null")
    seen.add(code)
    return Indicator(code, _texts(where, data["name"], "name"), data["domain"], data["kind"],
                     data["compute"], dict(params), target, cumulative,
                     _texts(where, data.get("unit"), "unit", required=False),
                     _texts(where, data.get("description"), "description", required=False))


def parse_catalogue(data) -> Catalogue:
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise CatalogueError("the catalogue needs an “indicators” list")
    domains = data.get("domains") or {}
    for key, texts in domains.items():
        _texts(f"domain {key}", texts, "label")
    seen: set[str] = set()
    return Catalogue(tuple(_indicator(item, domains, seen) for item in data["indicators"]),
                     dict(domains))


@lru_cache(maxsize=4)
def load_catalogue(path: Path = RESOURCE) -> Catalogue:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogueError(f"{Path(path).name}: not readable JSON: {exc}") from exc
    return parse_catalogue(data)
