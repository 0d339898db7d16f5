"""
The one place where a cell is declared, and everything derived from it.

A schema module declares each cell once, as an attrs field built by
:func:`count` or :func:`money`, with its verbatim Chinese label, its unit,
its aliases and (on a total) the rule that ties it to other cells.  Nested
tables are attrs fields built by :func:`group`, with the heading row that
introduces them.  Everything else -- the checks, the parser's label table,
the renderer's row order, the strategies, the unit lint -- reads these
declarations through :func:`layout` and :func:`rules`.
"""

from __future__ import annotations

import enum
import functools
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs

__all__ = [
    "Cell",
    "Dedup",
    "Heading",
    "Kind",
    "Rule",
    "RuleKind",
    "Subset",
    "Sum",
    "build",
    "count",
    "get",
    "group",
    "layout",
    "money",
    "ordered_rules",
    "per_class",
    "rules",
    "values",
]

_META = "govdisclosure"

_T = TypeVar("_T")


def per_class(fn: Callable[[type[Any]], _T]) -> Callable[[type[Any]], _T]:
    """
    Cache *fn*'s result per class (classes are hashable; mypy cannot tell).
    """
    return cast("Callable[[type[Any]], _T]", functools.cache(fn))


Value = int | Decimal | None


class Kind(enum.Enum):
    """
    What a cell holds: a count (``int``) or an amount of money (``Decimal``).
    """

    COUNT = "count"
    MONEY = "money"


class RuleKind(enum.Enum):
    """
    The shape of a declared rule.
    """

    #: The target equals the sum of the operands.
    SUM = "sum"
    #: The target (a "其中" row) is at most its parent.
    SUBSET = "subset"
    #: The target (a de-duplicated total) is at most the sum of the operands.
    DEDUP = "dedup"


@attrs.frozen
class Sum:
    """
    Declares that a total equals the sum of sibling cells.
    """

    rule: str
    parts: tuple[str, ...]


@attrs.frozen
class Subset:
    """
    Declares that a "其中" cell is at most its *parent* (a sibling path).
    """

    rule: str
    parent: str


@attrs.frozen
class Dedup:
    """
    Declares a de-duplicated total: at most the sum of its *channels*.
    """

    rule: str
    channels: tuple[str, ...]


RuleSpec = Sum | Subset | Dedup


@attrs.frozen
class _CellSpec:
    label: str
    unit: str
    kind: Kind
    aliases: tuple[str, ...]
    rule: RuleSpec | None


@attrs.frozen
class _GroupSpec:
    cls: type[Any]
    label: str | None


def _check_count(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value is None:
        return
    if type(value) is not int:
        msg = f"{attribute.name} must be an int or None, not {value!r}"
        raise TypeError(msg)
    if value < 0:
        msg = f"{attribute.name} must not be negative, got {value}"
        raise ValueError(msg)


def _check_money(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value is None:
        return
    if type(value) is not Decimal:
        msg = f"{attribute.name} must be a Decimal or None, not {value!r}"
        raise TypeError(msg)
    if not value.is_finite() or value < 0:
        msg = f"{attribute.name} must be a finite, non-negative amount, got {value}"
        raise ValueError(msg)


def _cell(kind: Kind, validator: Any) -> Callable[..., Any]:
    def declare(
        label: str,
        unit: str,
        *,
        aliases: tuple[str, ...] = (),
        rule: RuleSpec | None = None,
    ) -> Any:
        spec = _CellSpec(label, unit, kind, aliases, rule)
        return attrs.field(
            default=None, validator=validator, metadata={_META: spec}
        )

    return declare


#: Declare a count cell (``int | None``, blank by default):
#: ``count(label, unit, *, aliases=(), rule=None)``.
count = _cell(Kind.COUNT, _check_count)
#: Declare a money cell (``Decimal | None``, blank by default):
#: ``money(label, unit, *, aliases=(), rule=None)``.
money = _cell(Kind.MONEY, _check_money)


def group(cls: type[Any], label: str | None = None) -> Any:
    """
    Declare a nested table, introduced by the heading row *label* (if any).
    """
    return attrs.field(
        factory=cls,
        validator=attrs.validators.instance_of(cls),
        metadata={_META: _GroupSpec(cls, label)},
    )


@attrs.frozen
class Cell:
    """
    One declared cell of a table: its stable key, label, unit and kind.

    *key* is the dotted path of the cell from the table's root (for
    example ``"applications.received"``); *depth* is its nesting level.
    """

    key: str
    label: str
    unit: str
    kind: Kind
    aliases: tuple[str, ...]
    depth: int

    @property
    def path(self) -> tuple[str, ...]:
        """
        The attribute names from the table's root to this cell.
        """
        return tuple(self.key.split("."))


@attrs.frozen
class Heading:
    """
    A heading row of a table: a label that introduces a group of cells.
    """

    key: str
    label: str
    depth: int


@attrs.frozen
class Rule:
    """
    A declared consistency rule, resolved to absolute cell keys.

    *target* is the cell the rule is declared on (the total, the "其中" row
    or the de-duplicated total); *operands* are the cells it is compared
    with.
    """

    id: str
    kind: RuleKind
    target: Cell
    operands: tuple[Cell, ...]


@per_class
def layout(cls: type[Any]) -> tuple[Cell | Heading, ...]:
    """
    Every heading and cell of the table class *cls*, in declaration order.
    """
    return tuple(entry for entry, _ in _walk(cls, (), 0))


def _walk(
    cls: type[Any], prefix: tuple[str, ...], depth: int
) -> list[tuple[Cell | Heading, _CellSpec | None]]:
    out: list[tuple[Cell | Heading, _CellSpec | None]] = []
    for field in attrs.fields(cls):
        spec = field.metadata.get(_META)
        key = ".".join((*prefix, field.name))
        if isinstance(spec, _CellSpec):
            cell = Cell(
                key, spec.label, spec.unit, spec.kind, spec.aliases, depth
            )
            out.append((cell, spec))
        elif isinstance(spec, _GroupSpec):
            inner = depth
            if spec.label is not None:
                out.append((Heading(key, spec.label, depth), None))
                inner = depth + 1
            out.extend(_walk(spec.cls, (*prefix, field.name), inner))
    return out


@per_class
def cell_map(cls: type[Any]) -> Mapping[str, Cell]:
    """
    The cells of *cls* by key.
    """
    return {c.key: c for c in layout(cls) if isinstance(c, Cell)}


@per_class
def rules(cls: type[Any]) -> tuple[Rule, ...]:
    """
    Every rule declared in the table class *cls*, in declaration order.
    """
    cells = cell_map(cls)
    out: list[Rule] = []
    for entry, spec in _walk(cls, (), 0):
        rule = spec.rule if spec is not None else None
        if rule is None:
            continue
        key = entry.key
        base = key.rpartition(".")[0]

        def resolve(rel: str, base: str = base) -> Cell:
            return cells[f"{base}.{rel}" if base else rel]

        if isinstance(rule, Sum):
            ops = tuple(resolve(p) for p in rule.parts)
            out.append(Rule(rule.rule, RuleKind.SUM, cells[key], ops))
        elif isinstance(rule, Subset):
            op = (resolve(rule.parent),)
            out.append(Rule(rule.rule, RuleKind.SUBSET, cells[key], op))
        else:
            ops = tuple(resolve(p) for p in rule.channels)
            out.append(Rule(rule.rule, RuleKind.DEDUP, cells[key], ops))
    return tuple(out)


@per_class
def ordered_rules(cls: type[Any]) -> tuple[Rule, ...]:
    """
    The rules of *cls* so that a rule comes after every rule that
    determines one of its operands (bottom-up through nested totals).
    """
    by_target: dict[str, list[Rule]] = {}
    for rule in rules(cls):
        by_target.setdefault(rule.target.key, []).append(rule)
    ordered: list[Rule] = []
    done: set[str] = set()

    def visit(key: str) -> None:
        if key in done:
            return
        done.add(key)
        for rule in by_target[key]:
            for op in rule.operands:
                if op.key in by_target:
                    visit(op.key)
        ordered.extend(by_target[key])

    for key in by_target:
        visit(key)
    return tuple(ordered)


@functools.cache
def getter(key: str) -> Callable[[Any], Value]:
    """
    A fast accessor for the dotted *key*.
    """
    return operator.attrgetter(key)


def get(table: Any, key: str) -> Value:
    """
    The value of the cell *key* in *table*.
    """
    return getter(key)(table)


def build(cls: type[Any], values: Mapping[str, Value]) -> Any:
    """
    Build a table of class *cls* from a mapping of cell keys to values.

    Cells missing from *values* are blank; unknown keys raise ``KeyError``.
    """
    unknown = set(values) - set(cell_map(cls))
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    return _build(cls, (), values)


def _build(
    cls: type[Any], prefix: tuple[str, ...], values: Mapping[str, Value]
) -> Any:
    kwargs: dict[str, Any] = {}
    for field in attrs.fields(cls):
        spec = field.metadata.get(_META)
        path = (*prefix, field.name)
        if isinstance(spec, _CellSpec):
            kwargs[field.name] = values.get(".".join(path))
        elif isinstance(spec, _GroupSpec):
            kwargs[field.name] = _build(spec.cls, path, values)
    return cls(**kwargs)


def values(table: Any) -> dict[str, Value]:
    """
    Every cell of *table* by key (blank cells as ``None``).
    """
    return {key: get(table, key) for key in cell_map(type(table))}
