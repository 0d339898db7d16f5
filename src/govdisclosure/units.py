"""
Units of the reports, with :mod:`pint` at the boundary.

Cells store plain ``int`` and ``Decimal`` values; their unit lives in the
schema.  This module turns a cell into a :class:`pint.Quantity` on request
and converts money exactly.  Each counting unit (条, 件, 项, 次, 篇, 个, 人)
is its own dimension, so adding 条 to 件 raises; money (元, 万元, 亿元) is one dimension; 人次 is
人·次.  ``pint`` is imported, and the registry built, on first use only.

>>> from decimal import Decimal
>>> convert(Decimal("0.3"), "万元", "元")
Decimal('3000.0')
>>> q = registry().Quantity(300, "人次") / registry().Quantity(3, "次")
>>> print(q.to("人"))
100 人
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal
from typing import TYPE_CHECKING

from govdisclosure import _declare
from govdisclosure.errors import UnitError

if TYPE_CHECKING:
    import pint

    from govdisclosure._templates import Report

__all__ = [
    "COUNT_UNITS",
    "MONEY_UNITS",
    "convert",
    "quantity",
    "registry",
    "unit_of",
]

#: The counting units, each its own dimension.
COUNT_UNITS = ("条", "件", "项", "次", "篇", "个", "人", "人次")
#: The money units, one dimension, in 元.
MONEY_UNITS = ("元", "万元", "亿元")

_DEFINITIONS = (
    "条 = [information_item]",
    "件 = [case]",
    "项 = [item]",
    "次 = [occasion]",
    "篇 = [article]",
    "个 = [organisation]",
    "人 = [person]",
    "人次 = 人 * 次",
    "元 = [currency]",
    "万元 = 10000 * 元",
    "亿元 = 100000000 * 元",
)

_MONEY_FACTOR = {
    "元": Decimal(1),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
}


@functools.cache
def registry() -> pint.UnitRegistry[Decimal]:
    """
    The library's pint registry (built once, on first call).

    It holds only the report units and uses ``Decimal`` for exact money.

    >>> registry().Quantity(1, "条") + registry().Quantity(1, "件")
    Traceback (most recent call last):
    ...
    pint.errors.DimensionalityError: Cannot convert from '条' ([information_item]) to '件' ([case])
    """
    import pint  # noqa: PLC0415 - pint is imported on first use only

    ureg: pint.UnitRegistry[Decimal] = pint.UnitRegistry(
        None, non_int_type=Decimal
    )
    for line in _DEFINITIONS:
        ureg.define(line)
    return ureg


def convert(amount: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """
    Convert an amount of money between 元, 万元 and 亿元, exactly.

    >>> convert(Decimal("24252.311082"), "万元", "亿元")
    Decimal('2.4252311082')
    >>> convert(Decimal(1), "万元", "条")
    Traceback (most recent call last):
    ...
    govdisclosure.errors.UnitError: cannot convert 万元 to 条: both must be money units (元, 万元, 亿元)
    """
    try:
        numerator = _MONEY_FACTOR[from_unit]
        denominator = _MONEY_FACTOR[to_unit]
    except KeyError:
        msg = (
            f"cannot convert {from_unit} to {to_unit}: both must be money "
            f"units ({', '.join(MONEY_UNITS)})"
        )
        raise UnitError(msg) from None
    if from_unit == to_unit:
        return amount
    # Powers of ten: exact at any size with enough precision.
    digits = len(amount.as_tuple().digits) + 20
    ctx = decimal.Context(prec=digits)
    ctx.traps[decimal.Inexact] = True
    return ctx.divide(ctx.multiply(amount, numerator), denominator)


def unit_of(report_type: type[Report], key: str) -> str:
    """
    The declared unit of the cell *key* of a report type.

    >>> from govdisclosure import Report2014
    >>> unit_of(Report2014, "meetings.trainees")
    '人次'
    """
    try:
        return _declare.cell_map(report_type.TABLE)[key].unit
    except KeyError:
        raise UnitError(f"no cell {key!r} in {report_type.__name__}") from None


def quantity(report: Report, key: str) -> pint.Quantity[Decimal] | None:
    """
    The cell *key* of *report* as a :class:`pint.Quantity` (``None`` if blank).

    >>> from govdisclosure import Meetings, Report2014, StatisticalTable
    >>> r = Report2014(
    ...     title="某区2019年政府信息公开工作年度报告",
    ...     table=StatisticalTable(meetings=Meetings(trainees=300)),
    ... )
    >>> print(quantity(r, "meetings.trainees"))
    300 人次
    """
    unit = unit_of(type(report), key)
    value = _declare.get(report.table, key)
    if value is None:
        return None
    made: pint.Quantity[Decimal] = registry().Quantity(Decimal(value), unit)
    return made
