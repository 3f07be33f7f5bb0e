"""One click: compute a report for a period and write it into a template's .xlsx (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from core import audit
from core.auth import Perm
from core.progress import NO_PROGRESS, Progress
from core.reports.compute import Report, compute_report
from core.reports.excel import write_report
from core.reports.periods import Period
from core.reports.templates import get_template
from core.store import Workspace

STEPS = 3


@dataclass(frozen=True)
class Exported:
    report: Report
    path: Path
    template_id: str


def export_report(ws: Workspace, template_id: str, period: Period, path: Path | str,
                  hamlet_id: str | None = None, today: date | None = None,
                  progress: Progress = NO_PROGRESS, lang: str = "vi",
                  report: Report | None = None) -> Exported:
    """Write the report; the audit event says which template, period and hamlet, and how many
    figures were adjusted by hand (never a figure about a person: there are none).

    `report`: the figures the officer is looking at (same period and hamlet), written as they
    are shown instead of computed again."""
    ws.actor.require(Perm.REPORT_EXPORT)
    template = get_template(ws, template_id)
    progress.step(0, STEPS)
    if report is None or report.period != period or report.hamlet_id != hamlet_id:
        report = compute_report(ws, period, hamlet_id, today)
    progress.step(1, STEPS)
    path = Path(path)
    write_report(report, template, path, lang)
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "report.export", details={
            "template": template.id, "period": period.key, "kind": period.kind,
            "hamlet_id": hamlet_id, "indicators": len(report.values),
            "overrides": report.overrides, "computed_at": report.generated_at.isoformat(
                timespec="seconds")})
    progress.uncancellable().step(STEPS, STEPS)
    return Exported(report, path, template.id)
