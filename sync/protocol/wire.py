"""Shared wire helpers: strict JSON, canonical bytes, UTC timestamps, field checks."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime

from core.audit import canonical_json
from sync.protocol.errors import InvalidOp, Malformed, ProtocolError, UnsupportedVersion

MAX_INT = 2**63 - 1  # SQLite's INTEGER range: larger numbers could not be stored anyway
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
HEX64 = re.compile(r"[0-9a-f]{64}")


def canonical_bytes(value) -> bytes:
    """UTF-8 canonical JSON (sorted keys, no spaces): equal values give equal bytes."""
    try:
        return canonical_json(value).encode("utf-8")
    except UnicodeEncodeError as e:  # lone surrogates cannot be UTF-8
        raise Malformed("text is not valid Unicode") from e


def _no_duplicate_keys(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError("duplicate key")
        obj[key] = value
    return obj


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def loads_strict(data: bytes, what: str):
    """Parse JSON refusing duplicate keys, NaN/Infinity, bad UTF-8 and absurd nesting."""
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys,
                          parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise Malformed(f"{what} is not valid JSON") from e


def format_time(value: datetime) -> str:
    """UTC with microseconds and a Z: one spelling per instant, so encodings are canonical."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_time(value, where: str, error: type[ProtocolError] = Malformed) -> datetime:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        raise error(f"{where}: expected UTC time like 2025-01-31T08:00:00.000000Z")
    try:
        return datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)
    except ValueError as e:
        raise error(f"{where}: not a real date/time") from e


def check_time(value, where: str, error: type[ProtocolError] = Malformed) -> datetime:
    """An aware datetime, normalised to UTC (naive times have no meaning across machines)."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise error(f"{where}: expected a timezone-aware datetime")
    return value.astimezone(UTC)


def is_uuid(value) -> bool:
    """A UUID in its canonical lowercase spelling (one spelling per id: no replay by re-casing)."""
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def is_int(value, low: int = 0, high: int = MAX_INT) -> bool:
    return type(value) is int and low <= value <= high  # bool is not an int here


def exact_keys(obj, keys: frozenset[str], where: str, error: type[ProtocolError] = Malformed):
    if not isinstance(obj, dict):
        raise error(f"{where}: expected an object")
    if obj.keys() != keys:
        missing = sorted(keys - obj.keys())
        extra = sorted(str(k)[:40] for k in obj if k not in keys)
        raise error(f"{where}: missing {missing}, unexpected {extra[:5]}")


def check_document(obj, fmt: str, version: int, keys: frozenset[str], where: str) -> None:
    """A top-level document: an object of our format and version, with exactly `keys`."""
    if not isinstance(obj, dict) or obj.get("format") != fmt:
        raise Malformed(f"{where}.format: not a {fmt} document")
    if obj.get("version") != version:
        raise UnsupportedVersion(f"{where}.version: only {version} is understood")
    exact_keys(obj, keys, where)


def parse_items(items, parse, name: str) -> list:
    """`items` (a list) parsed one by one; an invalid item's error says which one it was."""
    if not isinstance(items, list):
        raise Malformed(f"{name}: expected a list")
    parsed = []
    for i, item in enumerate(items):
        try:
            parsed.append(parse(item, f"{name}[{i}]"))
        except InvalidOp as e:
            e.op_index = i
            raise
    return parsed
