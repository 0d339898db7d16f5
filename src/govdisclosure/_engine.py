"""
The rule engine: evaluate a table's declared rules at once, with exact
counts, interval reasoning for money, and the single-cell culprit search.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from govdisclosure import _declare
from govdisclosure._declare import Cell, Kind, Rule, RuleKind
from govdisclosure._findings import (
    BlankPolicy,
    CellRef,
    Culprit,
    Finding,
    Severity,
)

__all__ = [
    "Outcome",
    "evaluate",
    "half_unit",
    "one_row_rules",
    "severity_of",
]

Number = int | Decimal

_SEVERITY = {
    RuleKind.SUM: Severity.ERROR,
    RuleKind.SUBSET: Severity.ERROR,
    RuleKind.DEDUP: Severity.WARNING,
    RuleKind.BALANCE: Severity.ERROR,
}


def severity_of(kind: RuleKind) -> Severity:
    """
    The severity of a broken rule of this kind.
    """
    return _SEVERITY[kind]


@attrs.frozen
class _Step:
    rule: Rule
    where: tuple[int, ...]
    split: int
    bound: bool
    severity: Severity
    #: The rule's cells (target, operands, others), their display names,
    #: and a reference to each when blank (one shared immutable object).
    cells: tuple[Cell, ...]
    names: tuple[str, ...]
    blanks: tuple[CellRef, ...]


@_declare.per_class
def _plan(
    table_type: type[Any],
) -> tuple[Callable[[Any], Any], tuple[_Step, ...]]:
    """
    How to check a table class fast: one getter for all its cells, and per
    rule the positions of its cells, where its right side starts and
    whether it is an upper bound (else an equality).  Rules on a row that
    stands for a group (see :func:`_declare.row`) are left out: they count
    only in the one-row form (:func:`_alternates`).
    """
    stand_in = _declare.stand_in_cells(table_type)
    normal = [
        rule
        for rule in _declare.rules(table_type)
        if not any(c.key in stand_in for c in _cells(rule))
    ]
    return _declare.reader(table_type), _steps(table_type, normal)


@_declare.per_class
def _used(table_type: type[Any]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """
    A getter of the cells the normal form's rules read (all of them but a
    stand-in row's).
    """
    _, steps = _plan(table_type)
    used = sorted({i for s in steps for i in s.where})
    if not used:
        return lambda _values: ()
    if len(used) == 1:
        return lambda values: (values[used[0]],)
    return operator.itemgetter(*used)


def _cells(rule: Rule) -> tuple[Cell, ...]:
    return (rule.target, *rule.operands, *rule.others)


@_declare.per_class
def _alternates(
    table_type: type[Any],
) -> tuple[tuple[tuple[int, ...], tuple[int, ...], tuple[_Step, ...]], ...]:
    """
    Per row that stands for a group: the positions of its cells, those of
    the group's cells, and the steps of the one-row form (the row's cells
    in place of the group's, column by column; rules within the group
    left out).
    """
    index = {k: i for i, k in enumerate(_declare.cell_map(table_type))}
    out = []
    for row, members in _declare.stand_ins(table_type):
        by_column = {c.column: c for c in row.cells}
        group = {c.key: by_column[c.column] for r in members for c in r.cells}
        rules: list[Rule] = []
        for rule in _declare.rules(table_type):
            cells = _cells(rule)
            if all(c.key in group for c in cells):
                continue
            if rule.target.key in group:
                continue

            rules.append(
                rule._replace(
                    operands=_swap(rule.operands, group),
                    others=_swap(rule.others, group),
                )
            )
        out.append(
            (
                tuple(index[c.key] for c in row.cells),
                tuple(index[k] for k in group),
                _steps(table_type, rules),
            )
        )
    return tuple(out)


def _swap(part: tuple[Cell, ...], group: dict[str, Cell]) -> tuple[Cell, ...]:
    """
    *part* with the group's cells replaced by the stand-in row's (each
    once).
    """
    return tuple(dict.fromkeys(group.get(c.key, c) for c in part))


def _steps(table_type: type[Any], rules: list[Rule]) -> tuple[_Step, ...]:
    index = {k: i for i, k in enumerate(_declare.cell_map(table_type))}
    steps = []
    for rule in rules:
        cells = _cells(rule)
        split = 1 + len(rule.operands) if rule.kind is RuleKind.BALANCE else 1
        bound = rule.kind in (RuleKind.SUBSET, RuleKind.DEDUP)
        where = tuple(index[c.key] for c in cells)
        steps.append(
            _Step(
                rule,
                where,
                split,
                bound,
                _SEVERITY[rule.kind],
                cells,
                tuple(c.name for c in cells),
                tuple(CellRef(c.key, c.label, None, c.column) for c in cells),
            )
        )
    return tuple(steps)


@_declare.per_class
def _all_hold(table_type: type[Any]) -> Callable[[Sequence[Any]], bool]:
    """
    One generated function: whether every rule holds exactly on complete
    values (no blank).  Money within its printed precision that is not
    exactly equal falls back to the full evaluation.
    """
    _, steps = _plan(table_type)
    terms = []
    for step in steps:
        left = "+".join(f"v[{i}]" for i in step.where[: step.split])
        right = "+".join(f"v[{i}]" for i in step.where[step.split :]) or "0"
        terms.append(f"({left}) {'<=' if step.bound else '=='} ({right})")
    source = "def all_hold(v):\n    return " + (" and ".join(terms) or "True")
    scope: dict[str, Any] = {}
    exec(source, scope)  # noqa: S102 - generated from the declarations
    function: Callable[[Sequence[Any]], bool] = scope["all_hold"]
    return function


def half_unit(value: Number) -> Decimal:
    """
    Half a unit of the last printed digit of *value*: the radius of the
    interval a printed amount stands for (0 for a count, which is exact).

    >>> half_unit(Decimal("24252.31")), half_unit(Decimal("100")), half_unit(7)
    (Decimal('0.005'), Decimal('0.5'), Decimal('0'))
    """
    if isinstance(value, int):
        return Decimal(0)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101 - values are finite
    return Decimal(5).scaleb(exponent - 1)


def _sides(step: _Step, values: Sequence[Any]) -> tuple[Number, Number, bool]:
    left = values[0] if step.split == 1 else sum(values[: step.split])
    right = sum(values[step.split :])
    if left == right or (step.bound and left <= right):
        return left, right, True
    if not any(isinstance(v, Decimal) for v in values):
        return left, right, False
    # Money: consistent when the printed values could come from exact
    # values that satisfy the rule (interval reasoning, as in XBRL
    # Calculations 1.1).
    slack = sum((half_unit(v) for v in values), Decimal(0))
    holds = left - right <= slack if step.bound else abs(left - right) <= slack
    return left, right, holds


@attrs.frozen
class Outcome:
    """
    The result of evaluating every rule of a table (private).
    """

    findings: tuple[Finding, ...]
    rules: int
    failed: int
    not_evaluable: int


def one_row_rules(table: Any) -> tuple[Rule, ...] | None:
    """
    The rules of *table* when it prints a group as one row (（六）其他处理
    in the 2019 form: the row's cells in place of the group's), else
    ``None`` (the declared rules apply).
    """
    steps = _one_row(table, _declare.reader(type(table))(table))
    return None if steps is None else tuple(s.rule for s in steps)


def _one_row(table: Any, values: Sequence[Any]) -> tuple[_Step, ...] | None:
    for own, group, one_row in _alternates(type(table)):
        if all(values[i] is None for i in group) and any(
            values[i] is not None for i in own
        ):
            return one_row
    return None


def evaluate(table: Any, blank: BlankPolicy) -> Outcome:
    """
    Evaluate every declared rule of *table*; name a culprit when one cell
    explains every failing equality.
    """
    read, steps = _plan(type(table))
    values_now = read(table)
    alternate = (
        _one_row(table, values_now) if _alternates(type(table)) else None
    )
    if alternate is not None:
        steps = alternate  # the group printed as one row
    elif None not in _used(type(table))(values_now) and _all_hold(type(table))(
        values_now
    ):
        # The common case, a complete and consistent table: one
        # generated expression checks every rule exactly.
        return Outcome((), len(steps), 0, 0)
    flat = list(values_now)
    zero = blank is BlankPolicy.ZERO
    found: list[tuple[_Step, Finding]] = []
    failing: list[tuple[_Step, Number, Number]] = []
    not_evaluable = 0
    for step in steps:
        printed = [flat[i] for i in step.where]
        if None in printed:
            if not zero:
                not_evaluable += 1
                found.append((step, _not_evaluable(step, printed)))
                continue
            values = [0 if v is None else v for v in printed]
        else:
            values = printed
        left, right, holds = _sides(step, values)
        if holds:
            continue
        if not step.bound and step.severity is Severity.ERROR:
            failing.append((step, left, right))
        found.append((step, _failure(step, printed, left, right)))
    if failing:
        cells = list(_declare.cell_map(type(table)).values())
        found = _blame(
            found, failing, steps=steps, flat=flat, zero=zero, cells=cells
        )
    failed = len(found) - not_evaluable
    return Outcome(
        tuple(f for _, f in found), len(steps), failed, not_evaluable
    )


def _holds_everywhere(
    steps: tuple[_Step, ...], flat: list[Any], zero: bool
) -> bool:
    for step in steps:
        if step.severity is not Severity.ERROR:
            continue
        printed = [flat[i] for i in step.where]
        if None in printed:
            if not zero:
                continue
            printed = [0 if v is None else v for v in printed]
        if not _sides(step, printed)[2]:
            return False
    return True


def _blame(
    found: list[tuple[_Step, Finding]],
    failing: list[tuple[_Step, Number, Number]],
    *,
    steps: tuple[_Step, ...],
    flat: list[Any],
    zero: bool,
    cells: list[Cell],
) -> list[tuple[_Step, Finding]]:
    """
    Find the cells that, changed alone, make every failing rule hold and
    break none; attach the culprit (one) or the suspects (several).
    """
    shared = set.intersection(*(set(s.where) for s, _, _ in failing))
    fixes: list[tuple[int, Number]] = []
    for i in sorted(shared):
        deltas = {
            (right - left) if s.where.index(i) < s.split else (left - right)
            for s, left, right in failing
        }
        if len(deltas) != 1:
            continue
        old = flat[i] if flat[i] is not None else 0
        new = old + deltas.pop()
        kind = cells[i].kind
        if kind is not Kind.CHANGE and new < 0:
            continue
        if kind is Kind.MONEY:
            new = Decimal(new)
        trial = flat.copy()
        trial[i] = new
        if _holds_everywhere(steps, trial, zero):
            fixes.append((i, new))
    if not fixes:
        return found
    errors = {id(s) for s, _, _ in failing}
    if len(fixes) == 1:
        i, new = fixes[0]
        c = cells[i]
        culprit = Culprit(
            key=c.key,
            label=c.label,
            column=c.column,
            value=flat[i],
            suggested=new,
        )
        return [
            (s, attrs.evolve(f, culprit=culprit) if id(s) in errors else f)
            for s, f in found
        ]
    suspects = tuple(
        CellRef(cells[i].key, cells[i].label, flat[i], cells[i].column)
        for i, _ in fixes
    )
    return [
        (s, attrs.evolve(f, suspects=suspects) if id(s) in errors else f)
        for s, f in found
    ]


def _refs(step: _Step, printed: Sequence[Any]) -> tuple[CellRef, ...]:
    """
    The cells a finding names: the step's shared reference for a blank
    cell, else one built directly (a check may build hundreds).
    """
    make = _declare.direct(CellRef)
    refs = list(step.blanks)
    for i, value in enumerate(printed):
        if value is not None:
            cell = step.cells[i]
            refs[i] = make(cell.key, cell.label, value, cell.column)
    return tuple(refs)


def _not_evaluable(step: _Step, printed: Sequence[Any]) -> Finding:
    rule = step.rule
    blanks = [n for n, v in zip(step.names, printed, strict=True) if v is None]
    return Finding(
        rule=rule.id,
        severity=Severity.NOT_EVALUABLE,
        cells=_refs(step, printed),
        expected=None,
        actual=None,
        difference=None,
        message_zh=f"{step.names[0]}：存在空白单元格，无法核对（{'、'.join(blanks)}）",
        message_en=f"{rule.target.key}: not evaluable, {len(blanks)} blank cell(s)",
    )


def _failure(
    step: _Step, printed: Sequence[Any], actual: Number, expected: Number
) -> Finding:
    rule = step.rule
    return Finding(
        rule=rule.id,
        severity=_SEVERITY[rule.kind],
        cells=_refs(step, printed),
        expected=expected,
        actual=actual,
        difference=actual - expected,
        message_zh=_message_zh(rule, actual, expected, printed),
        message_en=_message_en(rule, actual, expected, printed),
    )


def total(values: Iterable[Any]) -> Number:
    """
    The exact sum of *values* (``0`` when empty).
    """
    result: Number = 0
    for v in values:
        result += v
    return result


def _names(target: Cell, cells: tuple[Cell, ...]) -> str:
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


def _message_zh(
    rule: Rule, actual: Number, expected: Number, printed: Sequence[Any]
) -> str:
    # Under the blank-as-0 policy a blank cell is named as such.
    label = rule.target.name
    shown = "空白（按0计）" if printed[0] is None else str(actual)
    note = "；其中空白单元格按0计" if None in printed[1:] else ""
    if rule.kind is RuleKind.SUM:
        parts = _names(rule.target, rule.operands)
        return f"{label}为{shown}，但各分项之和为{expected}（{parts}{note}）"
    if rule.kind is RuleKind.BALANCE:
        left = _names(rule.target, (rule.target, *rule.operands))
        right = _names(rule.target, rule.others)
        column = f"{rule.target.column}列：" if rule.target.column else ""
        blank = "；其中空白单元格按0计" if None in printed else ""
        return f"{column}{left}为{actual}，但{right}为{expected}（两者应相等{blank}）"
    if rule.kind is RuleKind.SUBSET:
        parent = rule.operands[0].name
        return f"{label}为{shown}，超过其所属的{parent}（{expected}{note}）"
    return f"{label}为{shown}，超过各渠道公开数之和{expected}（去重后的总数不应大于各渠道之和{note}）"


def _message_en(
    rule: Rule, actual: Number, expected: Number, printed: Sequence[Any]
) -> str:
    key = rule.target.key
    shown = "blank (read as 0)" if printed[0] is None else str(actual)
    note = " (blank cells read as 0)" if None in printed[1:] else ""
    if rule.kind is RuleKind.SUM:
        parts = " + ".join(c.key for c in rule.operands)
        return f"{key} is {shown} but {parts} = {expected}{note}"
    if rule.kind is RuleKind.BALANCE:
        left = " + ".join(c.key for c in (rule.target, *rule.operands))
        right = " + ".join(c.key for c in rule.others)
        blank = " (blank cells read as 0)" if None in printed else ""
        return f"{left} = {actual} but {right} = {expected}{blank}"
    if rule.kind is RuleKind.SUBSET:
        return f"{key} is {shown}, more than its parent {rule.operands[0].key} ({expected}){note}"
    return f"{key} is {shown}, more than the sum of its channels ({expected}){note}"
