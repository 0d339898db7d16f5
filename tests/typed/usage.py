"""
Downstream code as a user of the library writes it, type-checked with
``mypy --strict`` in CI (and run by tests/test_exports.py), so that the
public API's types stay usable without casts or ``Any``.
"""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import govdisclosure
from govdisclosure import (
    Report,
    Report2021,
    checks,
    metrics,
    serialization,
    text,
)
from govdisclosure.analysis import aggregate, compare
from govdisclosure.checks import BlankPolicy, Finding, Severity


def errors_of(path: Path) -> list[tuple[str, str, int | Decimal | None]]:
    """The error-level findings of a report file: rule, cell, printed value."""
    report: Report = text.parse(path.read_text(encoding="utf-8"))
    found: tuple[Finding, ...] = checks.check(report, blank=BlankPolicy.ZERO)
    return [
        (f.rule, f.cells[0].name, f.cells[0].value)
        for f in found
        if f.severity is Severity.ERROR
    ]


def received_by_natural_persons(report: Report2021) -> int | None:
    """Typed access to a table 三 cell."""
    return report.applications.received.natural_person


def disclosure_rate(report: Report) -> Fraction | None:
    """An exact metric, or None when it is not defined."""
    return metrics.value_of(report, "disclosure_rate").value


def panel(reports: list[Report]) -> str:
    """Many reports as one tidy CSV."""
    out = io.StringIO()
    serialization.write_csv(reports, out)
    return out.getvalue()


def main(examples: Path) -> dict[str, object]:
    """Run the examples end to end; return what a script would print."""
    pingtan = text.parse(
        (examples / "pingtan-2021.txt").read_text(encoding="utf-8"),
        template="2021",
    )
    later = text.parse(
        (examples / "pingtan-2022.txt").read_text(encoding="utf-8"),
        template="2021",
    )
    total: Report2021 = aggregate([pingtan, later])
    back: list[Report] = serialization.read_csv(io.StringIO(panel([pingtan])))
    change = compare(pingtan, later).cell("applications.received.total")
    return {
        "errors": errors_of(examples / "shanghai-office-2019.txt"),
        "natural_persons": received_by_natural_persons(pingtan),
        "rate": disclosure_rate(pingtan),
        "aggregate": total.applications.received.total,
        "csv_reports": len(back),
        "change": change.describe(),
        "version_name": govdisclosure.__name__,
    }
