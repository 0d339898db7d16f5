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

import pint

import govdisclosure
from govdisclosure import (
    Report,
    Report2014,
    Report2021,
    checks,
    metrics,
    serialization,
    text,
    units,
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


def _magnitude(value: pint.Quantity[Decimal] | None) -> int | None:
    """A quantity's magnitude as a whole number, typed."""
    return None if value is None else int(value.magnitude)


def every_reader(examples: Path) -> dict[str, int | None]:
    """
    Every reader with a literal template gives the precise class: no
    ``isinstance``, no ``cast``.
    """
    from govdisclosure import docx, html, pdf  # noqa: PLC0415 - extras

    page = (examples / "pingtan-2024.html").read_bytes()
    from_page: Report2021 = html.parse(page, template="2021")
    from_pdf: Report2021 = pdf.parse(
        (examples / "hongze-2024.pdf").read_bytes(), template="2021"
    )
    from_word: Report2021 = docx.parse(
        (examples / "pingtan-2022.docx").read_bytes(), template="2021"
    )
    from_any: Report2021 = govdisclosure.read(
        examples / "pingtan-2022.json", template="2021"
    )
    document = (examples / "pingtan-2022.json").read_text(encoding="utf-8")
    from_json: Report2021 = serialization.from_json(document, template="2021")
    from_dict: Report2021 = serialization.from_dict(
        serialization.to_dict(from_json), template="2021"
    )
    old: Report2014 = text.parse(
        (examples / "zhuhui-2019-table.txt").read_text(encoding="utf-8"),
        template="2014",
    )
    return {
        "html": from_page.applications.received.total,
        "pdf": from_pdf.applications.received.total,
        "docx": from_word.applications.received.total,
        "read": from_any.applications.received.total,
        "json": from_json.applications.received.total,
        "dict": from_dict.applications.received.total,
        "text": old.table.applications.received,
        "quantity": _magnitude(units.quantity(old, "applications.received")),
    }


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
        "version": govdisclosure.__version__,
        "readers": every_reader(examples),
    }
