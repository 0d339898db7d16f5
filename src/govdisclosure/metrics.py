"""
Derived metrics: what researchers and journalists compute from the tables,
declared once and computed exactly.

Each :class:`Metric` is a ratio of two sums of cells (a term may be
subtracted, and ``*`` stands for every row of a group), with its unit and
the template generations it applies to.  Values are exact
:class:`fractions.Fraction` objects; a zero denominator gives "not
defined" (``None``), never 0 or 100 %.

>>> from pathlib import Path
>>> from govdisclosure import text
>>> report = text.parse(Path("examples/pingtan-2021.txt").read_text(encoding="utf-8"))
>>> rate = value_of(report, "disclosure_rate")
>>> rate.value, rate.decimal(4), rate.unit
(Fraction(35, 69), Decimal('0.5072'), '1')
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure import _declare
from govdisclosure._findings import BlankPolicy
from govdisclosure._templates import Report

if TYPE_CHECKING:
    import pint

__all__ = [
    "METRICS",
    "Metric",
    "MetricValue",
    "applicable",
    "compute",
    "value_of",
]

_NATIONAL = ("2019", "2021")


def _terms(expression: str) -> tuple[tuple[int, str], ...]:
    """
    ``"a + b - c"`` as ((1, "a"), (1, "b"), (-1, "c")).
    """
    out: list[tuple[int, str]] = []
    sign = 1
    for word in expression.replace("-", " - ").replace("+", " + ").split():
        if word in {"+", "-"}:
            sign = 1 if word == "+" else -1
            continue
        out.append((sign, word))
        sign = 1
    return tuple(out)


@attrs.frozen(kw_only=True)
class Metric:
    """
    A derived metric: ``numerator / denominator``, each a sum of cells.

    A term is a cell key; ``-`` subtracts it; ``*`` matches one level of
    keys (``applications.withheld.*.total`` is the 总计 of every reason of
    （三）).  *unit* is the metric's unit (``"1"`` for a rate); a test checks
    that it is the numerator's unit divided by the denominator's.
    """

    key: str
    name_zh: str
    name_en: str
    numerator: str
    denominator: str
    unit: str
    templates: tuple[str, ...]
    #: A rate between 0 and 1 on every consistent report.
    rate: bool = True

    def terms(
        self, table_type: type[Any]
    ) -> tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]:
        """
        The numerator's and the denominator's (sign, cell key) terms for a
        table class, with every ``*`` expanded.
        """
        return _expand(self.numerator, table_type), _expand(
            self.denominator, table_type
        )

    @property
    def formula(self) -> str:
        """
        The formula as written: ``numerator / denominator``.
        """
        return f"({self.numerator}) / ({self.denominator})"


@_declare.per_class
def _keys(table_type: type[Any]) -> tuple[str, ...]:
    return tuple(_declare.cell_map(table_type))


def _expand(
    expression: str, table_type: type[Any]
) -> tuple[tuple[int, str], ...]:
    keys = _keys(table_type)
    out: list[tuple[int, str]] = []
    for sign, term in _terms(expression):
        if "*" in term:
            depth = term.count(".")
            out.extend(
                (sign, k)
                for k in keys
                if k.count(".") == depth and fnmatch.fnmatchcase(k, term)
            )
        else:
            out.append((sign, term))
    return tuple(out)


#: The metric catalogue.
METRICS: tuple[Metric, ...] = (
    Metric(
        key="disclosure_rate",
        name_zh="公开率",
        name_en="disclosure rate",
        numerator="applications.granted.total + applications.partly_granted.total",
        denominator="applications.total.total",
        unit="1",
        templates=_NATIONAL,
    ),
    Metric(
        key="withheld_rate",
        name_zh="不予公开率",
        name_en="refusal rate",
        numerator="applications.withheld.*.total",
        denominator="applications.total.total",
        unit="1",
        templates=_NATIONAL,
    ),
    Metric(
        key="unavailable_rate",
        name_zh="无法提供率",
        name_en="information-unavailable rate",
        numerator="applications.unavailable.*.total",
        denominator="applications.total.total",
        unit="1",
        templates=_NATIONAL,
    ),
    Metric(
        key="carry_over_rate",
        name_zh="结转率",
        name_en="carry-over rate",
        numerator="applications.carried_over.total",
        denominator="applications.received.total + applications.carried_in.total",
        unit="1",
        templates=_NATIONAL,
    ),
    Metric(
        key="organisation_share",
        name_zh="法人或其他组织申请占比",
        name_en="share of applications from organisations",
        numerator="applications.received.total - applications.received.natural_person",
        denominator="applications.received.total",
        unit="1",
        templates=_NATIONAL,
    ),
    Metric(
        key="reconsideration_correction_rate",
        name_zh="行政复议纠错率",
        name_en="reconsideration correction rate",
        numerator="appeals.reconsideration.corrected",
        denominator="appeals.reconsideration.total - appeals.reconsideration.pending",
        unit="1",
        templates=_NATIONAL,
    ),
    Metric(
        key="litigation_correction_rate",
        name_zh="行政诉讼纠错率",
        name_en="litigation correction rate",
        numerator=(
            "appeals.direct_litigation.corrected"
            " + appeals.litigation_after_review.corrected"
        ),
        denominator=(
            "appeals.direct_litigation.total - appeals.direct_litigation.pending"
            " + appeals.litigation_after_review.total"
            " - appeals.litigation_after_review.pending"
        ),
        unit="1",
        templates=_NATIONAL,
    ),
    Metric(
        key="on_time_rate",
        name_zh="按时办结率",
        name_en="share concluded on time",
        numerator="applications.on_time",
        denominator="applications.concluded",
        unit="1",
        templates=("2014",),
    ),
    Metric(
        key="online_share",
        name_zh="网络申请占比",
        name_en="share of applications made online",
        numerator="applications.online",
        denominator="applications.received",
        unit="1",
        templates=("2014",),
    ),
    Metric(
        key="trainees_per_session",
        name_zh="人均培训人次（每班培训人数）",
        name_en="trainees per training session",
        numerator="meetings.trainees",
        denominator="meetings.training_sessions",
        unit="人",
        templates=("2014",),
        rate=False,
    ),
    Metric(
        key="items_per_staff",
        name_zh="每名工作人员主动公开条数",
        name_en="items published per staff member",
        numerator="proactive.items",
        denominator="organisation.staff",
        unit="条/人",
        templates=("2014",),
        rate=False,
    ),
    Metric(
        key="budget_per_staff",
        name_zh="人均专项经费",
        name_en="dedicated budget per staff member",
        numerator="organisation.budget",
        denominator="organisation.staff",
        unit="万元/人",
        templates=("2014",),
        rate=False,
    ),
)


@attrs.frozen(kw_only=True)
class MetricValue:
    """
    A metric computed on one report: the exact *value* (``None`` when not
    defined, with the *reason*: ``"zero denominator"`` or ``"blank
    cell"``), and the metric's unit.
    """

    metric: Metric
    value: Fraction | None
    reason: str | None = None

    @property
    def key(self) -> str:
        """
        The metric's key.
        """
        return self.metric.key

    @property
    def unit(self) -> str:
        """
        The metric's unit (``"1"`` for a rate).
        """
        return self.metric.unit

    def decimal(self, places: int = 12) -> Decimal | None:
        """
        The value as a :class:`~decimal.Decimal`: exact when the fraction
        terminates within *places* decimals, else rounded half-even to
        *places* decimals.

        >>> MetricValue(metric=METRICS[0], value=Fraction(1, 8)).decimal()
        Decimal('0.125')
        >>> MetricValue(metric=METRICS[0], value=Fraction(1, 3)).decimal(4)
        Decimal('0.3333')
        """
        if self.value is None:
            return None
        with localcontext(prec=60):
            exact = Decimal(self.value.numerator) / Decimal(
                self.value.denominator
            )
            rounded = exact.quantize(Decimal(1).scaleb(-places))
        return _plain(exact if exact == rounded else rounded)

    def quantity(self) -> pint.Quantity[Decimal] | None:
        """
        The value as a :class:`pint.Quantity` in the metric's unit (pint is
        imported on first use).
        """
        from govdisclosure import units  # noqa: PLC0415 - pint on demand

        value = self.decimal()
        if value is None:
            return None
        return units.registry().Quantity(value, self.unit)


def _plain(value: Decimal) -> Decimal:
    """
    *value* without trailing zeros, and never in exponent form (100, not
    1E+2).
    """
    value = value.normalize()
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        value = value.quantize(Decimal(1))
    return value


def applicable(report_type: type[Report]) -> tuple[Metric, ...]:
    """
    The metrics that apply to a report type's template generation.

    >>> from govdisclosure import Report2014
    >>> [m.key for m in applicable(Report2014)][:2]
    ['on_time_rate', 'online_share']
    """
    return tuple(m for m in METRICS if report_type.TEMPLATE in m.templates)


def _side(
    terms: Iterable[tuple[int, str]], table: Any, blank: BlankPolicy
) -> Fraction | None:
    total = Fraction(0)
    for sign, key in terms:
        value = _declare.get(table, key)
        if value is None:
            if blank is BlankPolicy.UNKNOWN:
                return None
            continue
        total += sign * Fraction(value)
    return total


def _compute(
    metric: Metric, report: Report, blank: BlankPolicy
) -> MetricValue:
    numerator, denominator = metric.terms(type(report.table))
    top = _side(numerator, report.table, blank)
    bottom = _side(denominator, report.table, blank)
    if top is None or bottom is None:
        return MetricValue(metric=metric, value=None, reason="blank cell")
    if bottom == 0:
        return MetricValue(
            metric=metric, value=None, reason="zero denominator"
        )
    return MetricValue(metric=metric, value=top / bottom)


def compute(
    report: Report, *, blank: BlankPolicy = BlankPolicy.UNKNOWN
) -> tuple[MetricValue, ...]:
    """
    Every metric that applies to *report*, in catalogue order.

    Under the default *blank* policy a metric with a blank cell is not
    defined; with ``BlankPolicy.ZERO`` blanks count as 0.
    """
    return tuple(_compute(m, report, blank) for m in applicable(type(report)))


def value_of(
    report: Report,
    key: str,
    *,
    blank: BlankPolicy = BlankPolicy.UNKNOWN,
) -> MetricValue:
    """
    One metric of *report*, by key.

    Raises:
        KeyError: if no metric of that key applies to the report's
            template generation.
    """
    for metric in applicable(type(report)):
        if metric.key == key:
            return _compute(metric, report, blank)
    raise KeyError(key)
