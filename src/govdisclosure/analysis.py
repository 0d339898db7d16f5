"""
Aggregation (a city from its districts) and comparison (two years of one
body).

>>> from pathlib import Path
>>> from govdisclosure import text
>>> y2021 = text.parse(Path("examples/pingtan-2021.txt").read_text(encoding="utf-8"))
>>> y2022 = text.parse(Path("examples/pingtan-2022.txt").read_text(encoding="utf-8"))
>>> both = aggregate([y2021, y2022])
>>> both.applications.received.total
144
>>> change = compare(y2021, y2022).cell("applications.received.total")
>>> change.before, change.after, change.describe()
(70, 74, '一、本年新收政府信息公开申请数量·总计较上年上升5.7%')
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from govdisclosure import _declare, metrics
from govdisclosure._findings import BlankPolicy
from govdisclosure._report_national import NationalReport, Scope
from govdisclosure._templates import Report
from govdisclosure.errors import GovDisclosureError

__all__ = ["CellChange", "Change", "Comparison", "aggregate", "compare"]

_R = TypeVar("_R", bound=Report)

Value = int | Decimal | None


def _column_sum(column: Sequence[Value], blank: BlankPolicy) -> Value:
    given = [v for v in column if v is not None]
    if not given:
        return None
    if len(given) < len(column) and blank is BlankPolicy.UNKNOWN:
        return None
    return sum(given)


def aggregate(
    reports: Iterable[_R],
    *,
    title: str | None = None,
    blank: BlankPolicy = BlankPolicy.UNKNOWN,
) -> _R:
    """
    The sum of reports of one template generation, cell by cell.

    Blank plus a number follows *blank*: unknown (the default) gives blank,
    ``BlankPolicy.ZERO`` reads the blank as 0; blank plus blank is blank.
    Money is summed exactly.  The result has the *title* given (by default
    ``"汇总{year}年政府信息公开工作年度报告"`` when every report is of one
    year), no narrative and no printed cell texts, and a national report's
    scope is ``AGGREGATE``.  Unknown rows are not summed (they are not
    comparable across reports).

    Raises:
        GovDisclosureError: for no reports, or reports of different
            template generations.
    """
    listed = list(reports)
    if not listed:
        raise GovDisclosureError("aggregate() needs at least one report")
    kinds = {type(r) for r in listed}
    if len(kinds) > 1:
        names = ", ".join(sorted(k.TEMPLATE for k in kinds))
        raise GovDisclosureError(
            f"cannot aggregate reports of different templates ({names})"
        )
    table_type = type(listed[0].table)
    keys = list(_declare.cell_map(table_type))
    read = _declare.reader(table_type)
    columns = zip(*(read(r.table) for r in listed), strict=True)
    with decimal.localcontext() as ctx:
        # Exact: a sum that would round raises instead.
        ctx.prec = 200
        ctx.traps[decimal.Inexact] = True
        totals = [_column_sum(column, blank) for column in columns]
    table = _declare.build(table_type, dict(zip(keys, totals, strict=True)))
    years = {r.year for r in listed}
    if title is None:
        (year,) = years if len(years) == 1 else (None,)
        stamp = f"{year}年" if year is not None else ""
        title = f"汇总{stamp}政府信息公开工作年度报告"
    fields: dict[str, Any] = {
        "title": title,
        "table": table,
    }
    if isinstance(listed[0], NationalReport):
        fields["scope"] = Scope.AGGREGATE
    result: _R = type(listed[0])(**fields)
    return result


@attrs.frozen(kw_only=True)
class Change:
    """
    How a value changed: *before*, *after*, the absolute *change* and the
    *relative* change (``None`` when a value is blank or *before* is 0:
    "not defined", never 0 or 100 %).
    """

    before: Fraction | int | Decimal | None
    after: Fraction | int | Decimal | None
    change: Fraction | int | Decimal | None
    relative: Fraction | None

    @staticmethod
    def of(before: Any, after: Any) -> Change:
        """
        The change from *before* to *after*.

        >>> Change.of(58, 75).relative
        Fraction(17, 58)
        >>> Change.of(0, 5).relative is None
        True
        """
        if before is None or after is None:
            return Change(
                before=before, after=after, change=None, relative=None
            )
        change = after - before
        relative = None if before == 0 else Fraction(change) / Fraction(before)
        return Change(
            before=before, after=after, change=change, relative=relative
        )

    def percent(self, places: int = 1) -> Decimal | None:
        """
        The relative change in per cent, rounded half-even to *places*.
        """
        if self.relative is None:
            return None
        with decimal.localcontext(prec=60):
            exact = (
                Decimal(self.relative.numerator)
                * 100
                / self.relative.denominator
            )
            return exact.quantize(Decimal(1).scaleb(-places))

    def phrase(self, name: str, places: int = 1) -> str:
        """
        A sentence as reports write it: ``"新收申请较上年上升29.3%"``.
        """
        pct = self.percent(places)
        if self.change is None:
            return f"{name}无法比较（存在空白）"
        if self.change == 0:
            return f"{name}与上年持平"
        if pct is None:
            return f"{name}较上年增加{self.change}（上年为0）"
        word = "上升" if pct > 0 else "下降"
        return f"{name}较上年{word}{abs(pct)}%"


@attrs.frozen(kw_only=True)
class CellChange:
    """
    The change of one cell between two reports.
    """

    key: str
    label: str
    column: str | None
    change: Change

    @property
    def before(self) -> Any:
        """
        The earlier value.
        """
        return self.change.before

    @property
    def after(self) -> Any:
        """
        The later value.
        """
        return self.change.after

    def describe(self, places: int = 1) -> str:
        """
        ``"一、本年新收…·总计较上年上升5.7%"``.
        """
        return self.change.phrase(
            _declare.display_name(self.label, self.column), places
        )


@attrs.frozen(kw_only=True)
class Comparison:
    """
    Two reports compared: every cell both templates have, and every metric
    both apply.
    """

    cells: tuple[CellChange, ...]
    metrics: tuple[tuple[metrics.Metric, Change], ...]

    def cell(self, key: str) -> CellChange:
        """
        The change of the cell *key*.

        Raises:
            KeyError: if the cell is not in both reports.
        """
        for c in self.cells:
            if c.key == key:
                return c
        raise KeyError(key)

    def metric(self, key: str) -> Change:
        """
        The change of the metric *key*.

        Raises:
            KeyError: if the metric does not apply to both reports.
        """
        for m, change in self.metrics:
            if m.key == key:
                return change
        raise KeyError(key)


def compare(
    before: Report,
    after: Report,
    *,
    blank: BlankPolicy = BlankPolicy.UNKNOWN,
) -> Comparison:
    """
    Compare two reports (usually two years of one body): per cell and per
    metric, the absolute and the relative change.  Reports of different
    template generations are compared on the cells and metrics they share.
    """
    old_cells = _declare.cell_map(type(before.table))
    new_cells = _declare.cell_map(type(after.table))
    changes = tuple(
        CellChange(
            key=key,
            label=cell.label,
            column=cell.column,
            change=Change.of(
                _declare.get(before.table, key), _declare.get(after.table, key)
            ),
        )
        for key, cell in new_cells.items()
        if key in old_cells
    )
    old = {v.key: v for v in metrics.compute(before, blank=blank)}
    pairs: Sequence[tuple[metrics.Metric, Change]] = [
        (v.metric, Change.of(old[v.key].value, v.value))
        for v in metrics.compute(after, blank=blank)
        if v.key in old
    ]
    return Comparison(cells=changes, metrics=tuple(pairs))
