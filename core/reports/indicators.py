"""How indicators are computed: a small registry of named computations, and the passes over
the store that feed them.

The catalogue (resources/reports/indicators.json) names a computation and its parameters; it
never holds SQL. A computation turns *facts* — counters per hamlet gathered by a few set-wise
passes over the store — into a numerator (and, for ratios, a denominator) per hamlet, so the
commune's figure is always the sum of its hamlets' (ratios: sum over sum, never an average).

Passes (each a statement or two, run side by side on their own read connections: SQLite
releases the GIL while it steps, and the machines have two cores):

- persons: every live resident (a sequential scan) with their hamlet, age band at the as-of
  day, current VNeID level (covering index) and data-quality group;
- statuses: every VNeID status (a sequential scan): the day each funnel step was reached
  (state_dates), failure reasons, digital-citizen criteria; only rows that matter are joined
  to their resident's hamlet;
- records: records created (digitised) or dated in the windows, and welfare beneficiaries;
- workflow: collection sessions, review items and follow-ups (small tables).

Flows (things that happened: a level-2 application collected) count inside a window: the
period, and the year to date for cumulative indicators. Stocks (a state: coverage, backlog)
are taken at the as-of day, the period's end or today if that is earlier; data quality, failure
reasons and digital-citizen criteria have no history and are always today's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text

from core.record_types import RecordType
from core.reports.periods import Period, utc_bounds
from core.services.vneid import FAILURE_REASONS
from core.services.vneid_reports import _cutoff
from core.text import fold

WINDOWS = ("period", "ytd")
UNSPLIT = "*"  # facts counted for the commune's total only, not found a hamlet (see records)
FUNNEL = ("submitted", "issued", "activated")  # journey steps, in order
TYPED_CRITERIA = ("e_payment", "digital_signature", "digital_address")
QUALITY_GROUPS = ("G1", "G2", "G3")
WELFARE_ACTIVE = "Đang hưởng"  # status choice of the welfare record types
WELFARE_ACCOUNT = "Tài khoản"  # payment_method choice: paid into an account (cashless)


@dataclass(frozen=True)
class Part:
    """One hamlet's share of an indicator: the count, or a ratio's numerator and denominator."""

    num: int
    den: int | None = None


Breakdown = dict[str | None, Part]  # hamlet id (None: residents with no hamlet) → part
Facts = dict[str | None, Counter]  # hamlet id → metric name → count


@dataclass
class Plan:
    """What the passes must count for one report."""

    windows: dict[str, Period]  # "period" and "ytd"
    as_of: date  # stocks are taken at the end of this day
    ages: set[int] = field(default_factory=set)  # age bands: residents aged n and over
    criteria: tuple[str, ...] = ()  # the digital-citizen criteria enabled ("all" means these)
    record_types: dict[str, RecordType] = field(default_factory=dict)
    created_types: set[str] = field(default_factory=set)
    dated_types: set[str] = field(default_factory=set)
    welfare_types: set[str] = field(default_factory=set)
    hamlet_roles: dict[str, str] = field(default_factory=dict)  # record type → role
    hamlet_fields: dict[str, str] = field(default_factory=dict)  # record type → payload field
    passes: set[str] = field(default_factory=set)
    split_ytd: bool = False  # year-to-date figures are needed per hamlet (a one-hamlet report)


# -- the registry ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Computation:
    name: str
    flow: bool  # counts events in a window (may be cumulative); else a stock at the as-of day
    passes: tuple[str, ...]
    params: dict[str, Callable[[object], bool]]  # allowed parameter → validity check
    required: tuple[str, ...]
    evaluate: Callable[[Facts, dict, str], Breakdown]
    plan: Callable[[Plan, dict], None]
    ratio: bool  # gives a denominator too, so it may back a ratio indicator


def _parts(facts: Facts, num: Callable[[Counter], int],
           den: Callable[[Counter], int] | None = None) -> Breakdown:
    return {hamlet: Part(num(c), den(c) if den else None) for hamlet, c in facts.items()}


def _age_ok(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 120


def _plan_age(plan: Plan, params: dict) -> None:
    if "min_age" in params:
        plan.ages.add(params["min_age"])


def _residents(facts, params, window):
    age = params.get("min_age", 0)
    return _parts(facts, lambda c: c["residents"] if not age else c[f"eligible:{age}"])


def _level2(facts, params, window):
    age = params["min_age"]
    return _parts(facts, lambda c: c[f"level2:{age}"] - c[f"level2_later:{age}"],
                  lambda c: c[f"eligible:{age}"])


def _reached(facts, params, window):
    return _parts(facts, lambda c: c[f"reached:{params['state']}:{window}"])


def _failure(facts, params, window):
    return _parts(facts, lambda c: c[f"failure:{params['reason']}"])


def _criterion(facts, params, window):
    age, key = params["min_age"], params["criterion"]
    return _parts(facts, lambda c: c[f"criterion:{key}:{age}"], lambda c: c[f"eligible:{age}"])


def _sessions(facts, params, window):
    return _parts(facts, lambda c: c[f"sessions:{window}"])


def _records_created(facts, params, window):
    code = params.get("type")
    if code:
        return _parts(facts, lambda c: c[f"created:{code}:{window}"])
    return _parts(facts, lambda c: c[f"created:*:{window}"])


def _records_dated(facts, params, window):
    return _parts(facts, lambda c: c[f"dated:{params['type']}:{window}"])


def _welfare(facts, params, window):
    types = params["types"]
    key = "welfare_account" if params.get("payment") == "account" else "welfare"
    return _parts(facts, lambda c: sum(c[f"{key}:{t}"] for t in types),
                  lambda c: sum(c[f"welfare:{t}"] for t in types))


def _quality(facts, params, window):
    group = params["group"]

    def count(c: Counter) -> int:
        if group == "G2":
            return c["residents"] - c["quality:G1"] - c["quality:G3"]
        return c[f"quality:{group}"]

    return _parts(facts, count, lambda c: c["residents"])


def _reviews(facts, params, window):
    return _parts(facts, lambda c: c["review_open"])


def _overdue(facts, params, window):
    return _parts(facts, lambda c: c["follow_ups_overdue"])


def _plan_records(kind: str):
    def plan_types(plan: Plan, params: dict) -> None:
        codes = params.get("types") or ([params["type"]] if params.get("type") else
                                        list(plan.record_types))
        target = {"created": plan.created_types, "dated": plan.dated_types,
                  "welfare": plan.welfare_types}[kind]
        target.update(codes)
        for code in codes:
            if params.get("role"):
                plan.hamlet_roles[code] = params["role"]
            if params.get("hamlet_field"):
                plan.hamlet_fields[code] = params["hamlet_field"]
    return plan_types


def _is_str(value) -> bool:
    return isinstance(value, str) and bool(value)


def _computation(name, flow, passes, evaluate, params=None, required=(), plan=None,
                 ratio=False) -> Computation:
    return Computation(name, flow, passes, params or {}, required, evaluate,
                       plan or (lambda plan, params: None), ratio)


_AGE = {"min_age": _age_ok}
REGISTRY: dict[str, Computation] = {c.name: c for c in (
    _computation("residents", False, ("persons",), _residents, _AGE, plan=_plan_age),
    _computation("vneid_level2", False, ("persons", "statuses"), _level2, _AGE, ("min_age",),
                 _plan_age, ratio=True),
    _computation("vneid_reached", True, ("statuses",), _reached,
                 {"state": lambda v: v in FUNNEL}, ("state",)),
    _computation("vneid_failure", False, ("statuses",), _failure,
                 {"reason": lambda v: v in FAILURE_REASONS}, ("reason",)),
    _computation("digital_criterion", False, ("persons", "statuses"), _criterion,
                 {"criterion": lambda v: v in (*TYPED_CRITERIA, "all"), **_AGE},
                 ("criterion", "min_age"), _plan_age, ratio=True),
    _computation("collection_sessions", True, ("workflow",), _sessions),
    _computation("records_created", True, ("records",), _records_created, {"type": _is_str},
                 plan=_plan_records("created")),
    _computation("records_dated", True, ("records",), _records_dated,
                 {"type": _is_str, "role": _is_str, "hamlet_field": _is_str}, ("type",),
                 _plan_records("dated")),
    _computation("welfare_beneficiaries", False, ("records",), _welfare,
                 {"types": lambda v: isinstance(v, list) and v and all(map(_is_str, v)),
                  "payment": lambda v: v in ("account", None)}, ("types",),
                 _plan_records("welfare"), ratio=True),
    _computation("data_quality", False, ("persons",), _quality,
                 {"group": lambda v: v in QUALITY_GROUPS}, ("group",), ratio=True),
    _computation("review_backlog", False, ("workflow",), _reviews),
    _computation("follow_ups_overdue", False, ("workflow",), _overdue),
)}


# -- the passes -----------------------------------------------------------------------------

def _day(value: date) -> str:
    return value.isoformat()


def _next_day_utc(day: date) -> str:
    return utc_bounds(Period("custom", day, day, ""))[1]


def _band(plan: Plan, params: dict) -> tuple[str, list[int]]:
    """An SQL expression giving each resident's age band at the as-of day, and the ages by
    band: band k means aged ages[i] or over for every i < k (ages from the oldest down),
    so one small integer says every "aged n and over" at once."""
    ages = sorted(plan.ages, reverse=True)
    params |= {f"cut{a}": _cutoff(plan.as_of, a) for a in ages}
    whens = " ".join(f"WHEN p.dob <= :cut{a} THEN {len(ages) - i}" for i, a in enumerate(ages))
    return (f"CASE {whens} ELSE 0 END" if ages else "0"), ages


def _aged(band: int, ages: list[int]) -> list[int]:
    return ages[len(ages) - band:] if band else []


# Both resident passes GROUP BY a few small codes and count(*): SQLite then evaluates a
# handful of comparisons per row instead of one sum() per figure (25 of them cost ~0.5 s at
# 200k residents), and Python turns the few hundred groups into the figures.

def persons_pass(session, plan: Plan) -> Facts:
    """Residents per hamlet: in each age band, with level 2 now, and the quality groups.

    G1: a 12-digit number whose value came from the chip, a date of birth, no open review
    item; G3: no 12-digit number or no date of birth; G2: everyone else.
    """
    params: dict = {}
    band, ages = _band(plan, params)
    sql = f"""
        SELECT a.hamlet_id, {band},
               coalesce(s.vneid_state IN ('issued', 'activated'), 0),
               CASE WHEN p.personal_number IS NULL OR p.dob IS NULL THEN 3
                    WHEN instr(p.provenance, '"chip"')
                         AND p.provenance ->> '$.personal_number.source' = 'chip'
                         AND p.id NOT IN (SELECT entity_id FROM review_item
                                          WHERE status = 'open' AND entity = 'person'
                                            AND deleted_at IS NULL) THEN 1
                    ELSE 2 END,
               count(*)
        FROM person p NOT INDEXED
        LEFT JOIN digital_citizen_status s INDEXED BY ix_digital_citizen_status_coverage
               ON s.person_id = p.id AND s.deleted_at IS NULL
        LEFT JOIN address a INDEXED BY ix_address_hamlet ON a.id = p.residence_address_id
        WHERE p.deleted_at IS NULL
        GROUP BY 1, 2, 3, 4
    """  # noqa: S608 - only generated parameter names; values are bound
    facts: Facts = defaultdict(Counter)
    for hamlet, band_of, level2, group, n in session.execute(text(sql), params):
        c = facts[hamlet]
        c["residents"] += n
        c[f"quality:G{group}"] += n
        for age in _aged(band_of, ages):
            c[f"eligible:{age}"] += n
            c[f"level2:{age}"] += n * level2
    return facts


def statuses_pass(session, plan: Plan) -> Facts:
    """VNeID statuses: funnel steps reached in each window, level 2 reached after the as-of
    day (taken off today's level-2 count for a past period), failure reasons, criteria.

    A step counts as reached on the earliest day recorded for it or a later step (someone
    moved straight to "issued" was collected no later than that); a level-2 account with no
    recorded day at all is taken as reached before any window.
    """
    period, ytd = plan.windows["period"], plan.windows["ytd"]
    params = {"p0": _day(period.start), "y0": _day(ytd.start), "end": _day(period.end),
              "asof": _day(plan.as_of)}
    band, ages = _band(plan, params)
    typed = [k for k in plan.criteria if k in TYPED_CRITERIA]
    derived_level2 = "vneid_level2" in plan.criteria
    all_mask = sum(1 << TYPED_CRITERIA.index(k) for k in typed)
    crit_bits = " | ".join(f"(coalesce(s.criteria ->> '$.{k}' = 1, 0) << {i})"
                           for i, k in enumerate(TYPED_CRITERIA))  # | and << bind equally

    def when(column: str, later: bool = False) -> str:  # bit 0: period, 1: year, 2: later
        code = (f"coalesce({column} BETWEEN :p0 AND :end, 0)"
                f" | (coalesce({column} BETWEEN :y0 AND :end, 0) << 1)")
        return code + (f" | (coalesce({column} > :asof, 0) << 2)" if later else "")

    # Rows that can count at all (the others need no hamlet lookup): the latest step reached
    # is in the year (each step's day is no earlier than the one before), or level 2 came
    # after the as-of day, or a failure reason, or a criterion.
    wanted = ["coalesce(r_activated, r_issued, r_submitted) >= :y0", "r_issued > :asof",
              "fr IS NOT NULL", "crit <> 0"]
    if derived_level2 and not typed:
        wanted.append("level = 2")
    sql = f"""
        SELECT a.hamlet_id, {band}, {when("r_submitted")}, {when("r_issued", later=True)},
               {when("r_activated")}, fr, crit, level = 2, count(*)
        FROM (SELECT * FROM (
            SELECT person_id, fr, crit, level,
                   CASE WHEN st >= 3 THEN min(d3, d4, d5) END AS r_submitted,
                   -- no day recorded at all: reached long ago, never "after the as-of day"
                   CASE WHEN st >= 4 THEN nullif(min(d4, d5), '9') END AS r_issued,
                   CASE WHEN st = 5 THEN d5 END AS r_activated
            FROM (
                SELECT s.person_id, s.failure_reason AS fr, s.vneid_level AS level,
                       CASE s.vneid_state WHEN 'submitted' THEN 3 WHEN 'issued' THEN 4
                                          WHEN 'activated' THEN 5 ELSE 0 END AS st,
                       coalesce(s.state_dates ->> '$.submitted', '9') AS d3,
                       coalesce(s.state_dates ->> '$.issued', '9') AS d4,
                       coalesce(s.state_dates ->> '$.activated', '9') AS d5,
                       {crit_bits} AS crit
                FROM digital_citizen_status s NOT INDEXED
                WHERE s.deleted_at IS NULL
                LIMIT -1  -- a co-routine: each json_extract runs once per row
            )
            LIMIT -1
        ) WHERE {" OR ".join(wanted)}
        ORDER BY person_id  -- statuses come in any order: look residents up in index order
        LIMIT -1) s
        CROSS JOIN person p INDEXED BY ix_person_coverage
              ON p.id = s.person_id AND p.deleted_at IS NULL
        LEFT JOIN address a INDEXED BY ix_address_hamlet ON a.id = p.residence_address_id
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    """  # noqa: S608 - generated from our constants; values are bound
    facts: Facts = defaultdict(Counter)
    rows = session.execute(text(sql), params)
    for hamlet, band_of, sub, iss, act, fr, crit, level2, n in rows:
        c = facts[hamlet]
        for step, code in zip(FUNNEL, (sub, iss, act), strict=True):
            c[f"reached:{step}:period"] += n * (code & 1)
            c[f"reached:{step}:ytd"] += n * (code >> 1 & 1)
        if fr in FAILURE_REASONS:
            c[f"failure:{fr}"] += n
        every = (crit & all_mask) == all_mask and (level2 or not derived_level2) and (
            typed or derived_level2)
        for age in _aged(band_of, ages):
            c[f"level2_later:{age}"] += n * (iss >> 2 & 1)
            for i, key in enumerate(TYPED_CRITERIA):
                c[f"criterion:{key}:{age}"] += n * (crit >> i & 1)
            c[f"criterion:all:{age}"] += n * bool(every)
    return facts


def _case(column: str, mapping: dict[str, str], params: dict, prefix: str) -> str:
    """CASE column WHEN :k0 THEN :v0 … END, every value bound."""
    if not mapping:
        return "NULL"
    parts = []
    for i, (key, value) in enumerate(sorted(mapping.items())):
        params[f"{prefix}k{i}"], params[f"{prefix}v{i}"] = key, value
        parts.append(f"WHEN :{prefix}k{i} THEN :{prefix}v{i}")
    return f"CASE {column} {' '.join(parts)} END"


def _in(name: str, values, params: dict) -> str:
    keys = []
    for i, value in enumerate(sorted(values)):
        params[f"{name}{i}"] = value
        keys.append(f":{name}{i}")
    return f"({', '.join(keys) or 'NULL'})"


def records_pass(session, plan: Plan, hamlet_names: dict[str, str | None]) -> Facts:
    """Records per type and hamlet: created (digitised) in each window, dated in each window
    (key date, e.g. a stay's first day), and active welfare beneficiaries (paid to an account).

    A record's hamlet is the one its payload names (a welfare list's "Thôn" column, a stay's
    host hamlet: the catalogue may name the field), else its person's in the type's hamlet
    role (the catalogue may name it; else the type's first role). Finding it is only done
    where a hamlet's figure is shown: records of the period and welfare beneficiaries (every
    record for a one-hamlet report); the other year-to-date records count under UNSPLIT, in
    the commune's total only. Person lookups go in person order, walking the person index
    instead of jumping around it.
    """
    period, ytd = plan.windows["period"], plan.windows["ytd"]
    (c_p0, c_end), (c_y0, _) = utc_bounds(period), utc_bounds(ytd)
    params = {"cp0": c_p0, "cy0": c_y0, "cend": c_end, "dp0": _day(period.start),
              "dy0": _day(ytd.start), "dend": _day(period.end), "active": WELFARE_ACTIVE,
              "account": WELFARE_ACCOUNT, "unsplit": UNSPLIT}
    types = plan.record_types
    roles = {code: plan.hamlet_roles.get(code) or (t.roles[0].role if t.roles else "")
             for code, t in types.items()}
    fields = {code: "$." + (plan.hamlet_fields.get(code) or "hamlet") for code, t in
              types.items() if t.field(plan.hamlet_fields.get(code) or "hamlet")}
    welfare = _in("wt", plan.welfare_types & set(types), params)
    dated = _in("dt", plan.dated_types, params)
    with_field = _in("hf", fields, params)
    in_period = "(r.created_at >= :cp0 AND r.created_at < :cend)"
    in_ytd = "(r.created_at >= :cy0 AND r.created_at < :cend)"
    dated_period = f"(r.type_code IN {dated} AND r.key_date BETWEEN :dp0 AND :dend)"
    dated_ytd = f"(r.type_code IN {dated} AND r.key_date BETWEEN :dy0 AND :dend)"
    is_welfare = f"r.type_code IN {welfare}"
    need = "1" if plan.split_ytd else f"({in_period} OR {dated_period} OR {is_welfare})"
    # Per hamlet: the period (and welfare), or everything for a one-hamlet report; the
    # year to date of the other records goes to the commune's total in one GROUP BY.
    ytd = "sum(cy), sum(dy)" if plan.split_ytd else "0, 0"
    split = f"sum(cp), {ytd.split(', ')[0]}, sum(dp), {ytd.split(', ')[1]}, sum(wa), " \
            "sum(wa AND wc)"
    unsplit = "" if plan.split_ytd else """
        SELECT type_code, :unsplit, NULL, 0, sum(cy), 0, sum(dy), 0, 0 FROM r GROUP BY 1
        UNION ALL"""
    # Only cheap comparisons for every row; the payload's JSON only where it is needed.
    sql = f"""
        WITH r AS MATERIALIZED (
            SELECT r.rowid AS rid, r.type_code, {in_period} AS cp, {in_ytd} AS cy, {dated_period} AS dp,
                   {dated_ytd} AS dy, {need} AS need,
                   CASE WHEN {need} AND r.type_code IN {with_field}
                        THEN nullif(r.payload ->> {_case("r.type_code", fields, params, "f")},
                                    '') END AS named,
                   CASE WHEN {is_welfare}
                        THEN coalesce(r.payload ->> '$.status', :active) = :active
                        ELSE 0 END AS wa,
                   CASE WHEN {is_welfare} THEN r.payload ->> '$.payment_method' = :account
                        ELSE 0 END AS wc
            FROM record r NOT INDEXED
            WHERE r.deleted_at IS NULL AND ({in_ytd} OR {dated_ytd} OR {is_welfare})
        ){unsplit}
        SELECT type_code, NULL, named, {split} FROM r WHERE need AND named IS NOT NULL
        GROUP BY 1, 3
        UNION ALL
        SELECT type_code, a.hamlet_id, NULL, {split}
        FROM (SELECT r.*, rp.person_id FROM r
              JOIN record own ON own.rowid = r.rid  -- its id: only for these few rows
              LEFT JOIN record_person rp INDEXED BY ix_record_person_record_id
                     ON rp.record_id = own.id AND rp.deleted_at IS NULL
                    AND rp.role = {_case("r.type_code", roles, params, "r")}
              WHERE need AND named IS NULL
              ORDER BY rp.person_id
              LIMIT -1) x
        LEFT JOIN person p INDEXED BY ix_person_coverage ON p.id = x.person_id
        LEFT JOIN address a INDEXED BY ix_address_hamlet ON a.id = p.residence_address_id
        GROUP BY 1, 2
    """  # noqa: S608 - generated parameter names only; values are bound
    by_name = {fold(name): hamlet_id for hamlet_id, name in hamlet_names.items() if name}
    facts: Facts = defaultdict(Counter)
    for code, hamlet, named, cp, cy, dp, dy, w_all, w_account in session.execute(
            text(sql), params):
        if named is not None:  # a name no hamlet has (a typo): residents with no hamlet
            hamlet = by_name.get(fold(str(named)))
        c = facts[hamlet]
        c.update({f"created:{code}:period": cp or 0, f"created:{code}:ytd": cy or 0,
                  f"dated:{code}:period": dp or 0, f"dated:{code}:ytd": dy or 0,
                  f"welfare:{code}": w_all or 0, f"welfare_account:{code}": w_account or 0})
        if code in types:  # "all types": the ones this version knows
            c.update({"created:*:period": cp or 0, "created:*:ytd": cy or 0})
    return facts


_HAMLET_OF_PERSON = """
    (SELECT a.hamlet_id FROM person p INDEXED BY ix_person_coverage
     JOIN address a INDEXED BY ix_address_hamlet ON a.id = p.residence_address_id
     WHERE p.id = {column})
"""


def workflow_pass(session, plan: Plan) -> Facts:
    """Collection sessions held in each window; review items still open and follow-ups
    overdue at the end of the as-of day."""
    period, ytd = plan.windows["period"], plan.windows["ytd"]
    params = {"p0": _day(period.start), "y0": _day(ytd.start), "end": _day(period.end),
              "asof": _day(plan.as_of), "asof_end": _next_day_utc(plan.as_of)}
    facts: Facts = defaultdict(Counter)
    for hamlet, in_period, in_ytd in session.execute(text("""
            SELECT hamlet_id, sum(held_on BETWEEN :p0 AND :end), sum(held_on BETWEEN :y0 AND :end)
            FROM collection_session WHERE deleted_at IS NULL GROUP BY hamlet_id"""), params):
        facts[hamlet].update({"sessions:period": in_period or 0, "sessions:ytd": in_ytd or 0})
    reviews = f"""
        SELECT CASE WHEN r.entity = 'person' THEN {_HAMLET_OF_PERSON.format(column="r.entity_id")}
               END AS hamlet, count(*)
        FROM review_item r
        WHERE r.deleted_at IS NULL AND r.created_at < :asof_end
          AND (r.status = 'open' OR r.resolved_at >= :asof_end)
        GROUP BY 1
    """  # noqa: S608 - a fixed fragment
    for hamlet, count in session.execute(text(reviews), params):
        facts[hamlet]["review_open"] += count
    overdue = f"""
        SELECT {_HAMLET_OF_PERSON.format(column="f.person_id")} AS hamlet, count(*)
        FROM follow_up f JOIN person p ON p.id = f.person_id AND p.deleted_at IS NULL
        WHERE f.deleted_at IS NULL AND f.due_date < :asof AND f.created_at < :asof_end
          AND (f.done_at IS NULL OR f.done_at >= :asof_end)
        GROUP BY 1
    """  # noqa: S608 - a fixed fragment
    for hamlet, count in session.execute(text(overdue), params):
        facts[hamlet]["follow_ups_overdue"] += count
    return facts


def gather(read_session, plan: Plan, hamlet_names: dict[str, str | None]) -> Facts:
    """Run the passes the plan needs, side by side, and merge their counters per hamlet.

    `read_session()` opens a read session (a context manager); each pass has its own, so they
    may see snapshots a moment apart when someone saves meanwhile (counts, not a ledger).
    """
    jobs = {"persons": persons_pass, "statuses": statuses_pass, "workflow": workflow_pass,
            "records": lambda session, plan: records_pass(session, plan, hamlet_names)}

    def run(name: str) -> Facts:
        with read_session() as session:
            return jobs[name](session, plan)

    # Longest first; one thread each (the OS shares the cores): the last to start never
    # waits for a free worker while a core idles.
    names = [n for n in ("records", "statuses", "persons", "workflow") if n in plan.passes]
    with ThreadPoolExecutor(max_workers=len(names) or 1,
                            thread_name_prefix="xaso-report") as pool:
        results = list(pool.map(run, names))
    facts: Facts = defaultdict(Counter)
    for result in results:
        for hamlet, counter in result.items():
            facts[hamlet].update(counter)
    return facts


def as_of_day(period: Period, today: date) -> date:
    """Stocks of a period still running are today's; of a past period, its last day's."""
    return min(period.end, today)
