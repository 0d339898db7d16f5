"""
The totals invariants (勾稽关系) of a report, evaluated all at once.

Every rule is declared once, on the cell it constrains (see the schema
modules); :func:`check` evaluates all of them and returns what it found as
:class:`Finding` objects.  It never raises for inconsistent data and never
changes the report.

>>> from govdisclosure import Applications, Report2014, StatisticalTable
>>> report = Report2014(
...     title="某区2019年政府信息公开工作年度报告",
...     table=StatisticalTable(
...         applications=Applications(
...             received=5, in_person=0, fax=0, online=5, letter=0
...         )
...     ),
... )
>>> [f.rule for f in check(report) if f.severity is Severity.ERROR]
[]
>>> derive_totals(report) == report  # O-1 already holds
True

Rules whose cells are blank are *not evaluable* under the default policy:

>>> [f.rule for f in check(report)][:3]
['O-9', 'O-8', 'O-8']
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from govdisclosure import _declare
from govdisclosure._declare import Rule, RuleKind
from govdisclosure._report2014 import Report2014
from govdisclosure._templates import Report

__all__ = [
    "BlankPolicy",
    "CellRef",
    "Finding",
    "Report",
    "Rule",
    "RuleKind",
    "Severity",
    "check",
    "derive_totals",
    "rules",
]

Number = int | Decimal


class Severity(enum.Enum):
    """
    How serious a finding is.
    """

    #: A rule of the template is broken: the printed figures contradict.
    ERROR = "error"
    #: Something is unlikely but possible (e.g. channels below a total).
    WARNING = "warning"
    #: A rule could not be evaluated because an operand is blank.
    NOT_EVALUABLE = "not-evaluable"


class BlankPolicy(enum.Enum):
    """
    How :func:`check` reads a blank cell.
    """

    #: A blank cell is unknown: a rule with a blank operand is not evaluable.
    UNKNOWN = "unknown"
    #: A blank cell counts as 0 (what most real reports mean by it).
    ZERO = "zero"


_SEVERITY = {
    RuleKind.SUM: Severity.ERROR,
    RuleKind.SUBSET: Severity.ERROR,
    RuleKind.DEDUP: Severity.WARNING,
    RuleKind.BALANCE: Severity.ERROR,
}


@attrs.frozen
class CellRef:
    """
    A cell named in a finding: its key, verbatim row label, printed value
    and, in a grid, its column label (``None`` elsewhere).
    """

    key: str
    label: str
    value: int | Decimal | None
    column: str | None = None

    @property
    def name(self) -> str:
        """
        The row label, with the column label in a grid.
        """
        return _declare.display_name(self.label, self.column)


@attrs.frozen(kw_only=True)
class Finding:
    """
    One broken (or unevaluable) rule.

    *expected* is what the rule requires of the target cell (the sum of
    the parts, or the upper bound); *actual* is the target's printed value;
    *difference* is ``actual - expected``.  For a balance (T3-A), *actual*
    is the left side (一 + 二) and *expected* the right side (（七） + 四).
    All three are ``None`` when the rule was not evaluable.  *cells* lists
    the target first, then the operands, then a balance's other side.
    """

    rule: str
    severity: Severity
    cells: tuple[CellRef, ...]
    expected: int | Decimal | None
    actual: int | Decimal | None
    difference: int | Decimal | None
    message_zh: str
    message_en: str

    @property
    def message(self) -> str:
        """
        The Chinese and English messages, on one line.
        """
        return f"{self.message_zh} / {self.message_en}"


def rules(report_type: type[Report] = Report2014) -> tuple[Rule, ...]:
    """
    The rules declared for a report type, in declaration order.

    >>> [r.id for r in rules()][:4]
    ['O-9', 'O-8', 'O-8', 'O-8']
    """
    return _declare.rules(_table_type(report_type))


def _table_type(report_type: type[Report]) -> type[Any]:
    return report_type.TABLE


def check(
    report: Report, *, blank: BlankPolicy = BlankPolicy.UNKNOWN
) -> tuple[Finding, ...]:
    """
    Evaluate every declared rule on *report* and return what is wrong.

    Under the default *blank* policy a rule with a blank operand is
    reported as not evaluable (severity ``NOT_EVALUABLE``), never as a
    failure; with ``BlankPolicy.ZERO`` blank cells count as 0.

    >>> from govdisclosure import Organisation, StatisticalTable
    >>> r = Report2014(
    ...     title="某区2019年政府信息公开工作年度报告",
    ...     table=StatisticalTable(
    ...         organisation=Organisation(staff=5, full_time=3, part_time=1)
    ...     ),
    ... )
    >>> [(f.rule, f.expected, f.actual) for f in check(r, blank=BlankPolicy.ZERO)]
    [('O-7', 4, 5)]
    """
    table = report.table
    read, plan = _plan(type(table))
    flat = read(table)
    found: list[Finding] = []
    for rule, where, split, bound in plan:
        printed = [flat[i] for i in where]
        if None not in printed:
            # Fast path: a rule that holds costs one sum and one compare.
            left = printed[0] if split == 1 else sum(printed[:split])
            right = sum(printed[split:])
            if left <= right if bound else left == right:
                continue
        finding = _evaluate(rule, printed, blank)
        if finding is not None:
            found.append(finding)
    return tuple(found)


@_declare.per_class
def _plan(
    table_type: type[Any],
) -> tuple[Any, tuple[tuple[Rule, tuple[int, ...], int, bool], ...]]:
    """
    How to check a table class fast: one getter for all its cells, and per
    rule the positions of its cells, where the right side starts and
    whether the rule is an upper bound (else an equality).
    """
    keys = list(_declare.cell_map(table_type))
    index = {k: i for i, k in enumerate(keys)}
    getter = operator.attrgetter(*keys)
    plan = []
    for rule in _declare.rules(table_type):
        where = tuple(index[c.key] for c in _cells(rule))
        split = 1 + len(rule.operands) if rule.kind is RuleKind.BALANCE else 1
        bound = rule.kind in (RuleKind.SUBSET, RuleKind.DEDUP)
        plan.append((rule, where, split, bound))
    return getter, tuple(plan)


def _evaluate(
    rule: Rule, printed: list[Any], blank: BlankPolicy
) -> Finding | None:
    values: list[Any]
    if blank is BlankPolicy.ZERO:
        values = [0 if v is None else v for v in printed]
    elif None in printed:
        return _not_evaluable(rule, printed)
    else:
        values = printed
    target: Any = values[0]
    if rule.kind is RuleKind.BALANCE:
        n = 1 + len(rule.operands)
        target = _sum(values[:n])
        ops: list[Any] = values[n:]
    else:
        ops = values[1:]
    expected = _sum(ops)
    if rule.kind in (RuleKind.SUM, RuleKind.BALANCE):
        if target == expected:
            return None
    elif target <= expected:
        return None
    return Finding(
        rule=rule.id,
        severity=_SEVERITY[rule.kind],
        cells=_refs(rule, printed),
        expected=expected,
        actual=target,
        difference=target - expected,
        message_zh=_message_zh(rule, target, expected),
        message_en=_message_en(rule, target, expected),
    )


def _cells(rule: Rule) -> tuple[_declare.Cell, ...]:
    return (rule.target, *rule.operands, *rule.others)


def _refs(rule: Rule, printed: list[Any]) -> tuple[CellRef, ...]:
    return tuple(
        CellRef(c.key, c.label, v, c.column)
        for c, v in zip(_cells(rule), printed, strict=True)
    )


def _not_evaluable(rule: Rule, printed: list[Any]) -> Finding:
    refs = _refs(rule, printed)
    blanks = [r.name for r in refs if r.value is None]
    return Finding(
        rule=rule.id,
        severity=Severity.NOT_EVALUABLE,
        cells=refs,
        expected=None,
        actual=None,
        difference=None,
        message_zh=f"{rule.target.name}：存在空白单元格，无法核对（{'、'.join(blanks)}）",
        message_en=f"{rule.target.key}: not evaluable, {len(blanks)} blank cell(s)",
    )


def _sum(values: Iterable[Any]) -> Number:
    total: Number = 0
    for v in values:
        total += v
    return total


def _message_zh(rule: Rule, actual: Number, expected: Number) -> str:
    label = rule.target.name
    if rule.kind is RuleKind.SUM:
        parts = _names(rule.target, rule.operands)
        return f"{label}为{actual}，但各分项之和为{expected}（{parts}）"
    if rule.kind is RuleKind.BALANCE:
        left = _names(rule.target, (rule.target, *rule.operands))
        right = _names(rule.target, rule.others)
        column = f"{rule.target.column}列：" if rule.target.column else ""
        return f"{column}{left}为{actual}，但{right}为{expected}（两者应相等）"
    if rule.kind is RuleKind.SUBSET:
        parent = rule.operands[0].name
        return f"{label}为{actual}，超过其所属的{parent}（{expected}）"
    return f"{label}为{actual}，超过各渠道公开数之和{expected}（去重后的总数不应大于各渠道之和）"


def _names(target: _declare.Cell, cells: tuple[_declare.Cell, ...]) -> str:
    """
    Name *cells* briefly: by column when they share the target's row, by
    row when they share its column.
    """
    if target.column is not None:
        if all(c.label == target.label for c in cells):
            return "+".join(str(c.column) for c in cells)
        if all(c.column == target.column for c in cells):
            return "+".join(c.label for c in cells)
    return "+".join(c.name for c in cells)


def _message_en(rule: Rule, actual: Number, expected: Number) -> str:
    key = rule.target.key
    if rule.kind is RuleKind.SUM:
        parts = " + ".join(c.key for c in rule.operands)
        return f"{key} is {actual} but {parts} = {expected}"
    if rule.kind is RuleKind.BALANCE:
        left = " + ".join(c.key for c in (rule.target, *rule.operands))
        right = " + ".join(c.key for c in rule.others)
        return f"{left} = {actual} but {right} = {expected}"
    if rule.kind is RuleKind.SUBSET:
        return f"{key} is {actual}, more than its parent {rule.operands[0].key} ({expected})"
    return f"{key} is {actual}, more than the sum of its channels ({expected})"


def derive_totals(report: Report) -> Report:
    """
    Return a copy of *report* with every declared total set to the sum of
    its parts.

    Parts that are blank count as 0; a total whose parts are all blank is
    left as it is.  Totals of totals are derived bottom-up.  "其中" rows and
    de-duplicated totals are facts, not sums, and are never changed.

    >>> from govdisclosure import Organisation, StatisticalTable
    >>> r = Report2014(
    ...     title="某区2019年政府信息公开工作年度报告",
    ...     table=StatisticalTable(
    ...         organisation=Organisation(full_time=3, part_time=2)
    ...     ),
    ... )
    >>> derive_totals(r).table.organisation.staff
    5
    """
    table = report.table
    values = _declare.values(table)
    for rule in _declare.ordered_rules(type(table)):
        if rule.kind is not RuleKind.SUM:
            continue
        parts = [values[c.key] for c in rule.operands]
        if all(v is None for v in parts):
            continue
        values[rule.target.key] = _sum(0 if v is None else v for v in parts)
    new_table = _declare.build(type(table), values)
    return attrs.evolve(report, table=new_table)
