"""
The one place where a cell is declared, and everything derived from it.

A schema module declares each cell once, as an attrs field built by
:func:`count`, :func:`change` or :func:`money`, with its verbatim Chinese
label, its unit, its aliases and (on a total) the rule that ties it to other
cells.  Nested tables are attrs fields built by :func:`group`, with the
heading row that introduces them; a row of a grid (a row label with one
cell per column, as in the national templates) is built by :func:`row`, and
a rule declared on a row holds column by column.  Everything else -- the
checks, the parser's label table, the renderer's row order and header rows,
the strategies, the unit lint -- reads these declarations through
:func:`layout` and :func:`rules`.
"""

from __future__ import annotations

import enum
import functools
import operator
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar, cast

import attrs

__all__ = [
    "INTERNED",
    "META",
    "SHORT_ROW",
    "Balance",
    "Carry",
    "Cell",
    "CellSpec",
    "Claim",
    "CrossYearRule",
    "Dedup",
    "GroupSpec",
    "Header",
    "Heading",
    "Kind",
    "Row",
    "Rule",
    "RuleKind",
    "Subset",
    "Sum",
    "assemble",
    "build",
    "change",
    "count",
    "cross_year_rules",
    "direct",
    "display_name",
    "get",
    "group",
    "interned_rows",
    "layout",
    "money",
    "ordered_rules",
    "per_class",
    "prototypes",
    "reader",
    "row",
    "rows",
    "rules",
    "signed_fields",
    "stand_in_cells",
    "stand_ins",
    "values",
]

_META = "govdisclosure"
#: The metadata key of a declaration on an attrs field (for readers of the
#: declarations outside this module, e.g. the JSON Schema).
META = _META

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
    #: A signed count: a change such as 本年增/减 (``int``, may be < 0).
    CHANGE = "change"
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
    #: The target plus the operands equals the sum of the others (a flow
    #: balance such as 新收 + 上年结转 = 办结 + 结转下年度).
    BALANCE = "balance"


class Sum(NamedTuple):
    """
    Declares that a total equals the sum of sibling cells.
    """

    rule: str
    parts: tuple[str, ...]


class Subset(NamedTuple):
    """
    Declares that a "其中" cell is at most its *parent* (a sibling path).
    """

    rule: str
    parent: str


class Dedup(NamedTuple):
    """
    Declares a de-duplicated total: at most the sum of its *channels*.
    """

    rule: str
    channels: tuple[str, ...]


class Balance(NamedTuple):
    """
    Declares a balance: the cell *plus* the sibling cells *plus* equals the
    sum of the sibling cells *equals*.
    """

    rule: str
    plus: tuple[str, ...]
    equals: tuple[str, ...]


RuleSpec = Sum | Subset | Dedup | Balance


class Carry(NamedTuple):
    """
    Declares a cross-year rule on a cell (or, on a row, column by column):
    this year's cell equals the sum of the sibling cells *last* in last
    year's report of the same body, plus this year's *plus*, minus this
    year's *minus*.  With *warning*, a break is a warning (a heuristic that
    real reports break), else an error.
    """

    rule: str
    last: tuple[str, ...]
    plus: tuple[str, ...] = ()
    minus: tuple[str, ...] = ()
    warning: bool = False


class Claim(NamedTuple):
    """
    Declares a narrative claim: a number the report's text states about
    table cells.  *pattern* is a regular expression in which ``NUM``
    stands for a number in digits or in Chinese numerals (``17``, ``十七``,
    ``两``); the first of its groups that matched is the number.
    *readings* are the sums of cells (absolute keys joined with ``+``)
    that the number may mean -- e.g. 收到申请 may count 新收 alone or
    新收 + 上年结转.
    """

    rule: str
    pattern: str
    readings: tuple[str, ...]


class _CellSpec(NamedTuple):
    label: str
    unit: str
    kind: Kind
    aliases: tuple[str, ...]
    rule: RuleSpec | None
    band: str | None
    carry: Carry | None = None


#: What :func:`count`, :func:`change` and :func:`money` declare.
CellSpec = _CellSpec


class GroupSpec(NamedTuple):
    cls: type[Any]
    label: str | None
    row: bool = False
    aliases: tuple[str, ...] = ()
    rule: RuleSpec | None = None
    band: str | None = None
    heading: str | None = None
    rule_ids: tuple[tuple[str, str], ...] = ()
    carry: Carry | None = None
    stands_for: str | None = None


#: The most digits a count may have, in every reader and in the classes
#: themselves (a count below 10**18).
MAX_DIGITS = 18
_LIMIT = 10**MAX_DIGITS
#: The most digits an amount of money may have in plain notation (sums of
#: amounts printed to different places, as an aggregate has, need more).
MONEY_DIGITS = 36


def _too_large(
    attribute: attrs.Attribute[Any], limit: int = MAX_DIGITS
) -> ValueError:
    return ValueError(
        f"{attribute.name} has more than {limit} digits: too large"
    )


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
    if value >= _LIMIT:
        raise _too_large(attribute)


def _check_change(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value is None:
        return
    if type(value) is not int:
        msg = f"{attribute.name} must be an int or None, not {value!r}"
        raise TypeError(msg)
    if abs(value) >= _LIMIT:
        raise _too_large(attribute)


def money_digits(value: Decimal) -> int:
    """
    How many digits *value* has in plain notation (``0.0000001``: 8).
    """
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101 - finite amounts only
    if exponent >= 0:
        return len(digits) + exponent if any(digits) else 1
    return max(len(digits), -exponent + 1)


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
    if money_digits(value) > MONEY_DIGITS:
        raise _too_large(attribute, MONEY_DIGITS)


def _cell(kind: Kind, validator: Any) -> Callable[..., Any]:
    def declare(
        label: str,
        unit: str,
        *,
        aliases: tuple[str, ...] = (),
        rule: RuleSpec | None = None,
        band: str | None = None,
        carry: Carry | None = None,
    ) -> Any:
        spec = _CellSpec(label, unit, kind, aliases, rule, band, carry)
        return attrs.field(
            default=None, validator=validator, metadata={_META: spec}
        )

    return declare


#: Declare a count cell (``int | None``, blank by default):
#: ``count(label, unit, *, aliases=(), rule=None, band=None, carry=None)``.
#: In a grid
#: row, *label* is the column label and *band* the header label spanning
#: this column and its neighbours (e.g. 法人或其他组织).
count = _cell(Kind.COUNT, _check_count)
#: Declare a signed count (``int | None``), e.g. 本年增/减.
change = _cell(Kind.CHANGE, _check_change)
#: Declare a money cell (``Decimal | None``, blank by default):
#: ``money(label, unit, *, aliases=(), rule=None)``.
money = _cell(Kind.MONEY, _check_money)


def group(
    cls: type[Any],
    label: str | None = None,
    *,
    band: str | None = None,
    heading: str | None = None,
    rule_ids: Mapping[str, str] | None = None,
) -> Any:
    """
    Declare a nested table, introduced by the heading row *label* (if any).

    *band* is a header label spanning this group and its neighbours (in a
    grid row); *heading* is a heading row printed before the group;
    *rule_ids* renames the rules declared inside *cls* (for a class used
    twice under different rule ids).
    """
    spec = GroupSpec(
        cls,
        label,
        band=band,
        heading=heading,
        rule_ids=tuple((rule_ids or {}).items()),
    )
    return attrs.field(
        factory=cls,
        validator=attrs.validators.instance_of(cls),
        metadata={_META: spec},
    )


def row(
    cls: type[Any],
    label: str | None = None,
    *,
    aliases: tuple[str, ...] = (),
    rule: RuleSpec | None = None,
    heading: str | None = None,
    carry: Carry | None = None,
    stands_for: str | None = None,
) -> Any:
    """
    Declare a grid row: the row *label* and one cell per column of *cls*.

    A *rule* (or a cross-year *carry*) on a row holds column by column; its
    sibling paths may name rows or groups of rows (a group stands for every
    row inside it).  A row without a label is printed without a label
    column (table 四).

    A row that *stands_for* a sibling group is the group printed as one
    row (a form some reports keep): when it has figures and the group's
    rows are blank, the rules read it in place of the group's rows; when
    it is blank, its own rules are not counted.
    """
    spec = GroupSpec(
        cls,
        label,
        row=True,
        aliases=aliases,
        rule=rule,
        heading=heading,
        carry=carry,
        stands_for=stands_for,
    )
    return attrs.field(
        factory=cls,
        validator=attrs.validators.instance_of(cls),
        metadata={_META: spec},
    )


class Cell(NamedTuple):
    """
    One declared cell of a table: its stable key, label, unit and kind.

    *key* is the dotted path of the cell from the table's root (for
    example ``"applications.received"``); *depth* is its nesting level.
    In a grid, *label* is the row label and *column* the column label;
    elsewhere *column* is ``None``.
    """

    key: str
    label: str
    unit: str
    kind: Kind
    aliases: tuple[str, ...]
    depth: int
    column: str | None = None

    @property
    def path(self) -> tuple[str, ...]:
        """
        The attribute names from the table's root to this cell.
        """
        return tuple(self.key.split("."))

    @property
    def name(self) -> str:
        """
        The row label, and the column label in a grid (``"（七）总计·自然人"``).
        """
        return display_name(self.label, self.column)


def display_name(label: str, column: str | None) -> str:
    """
    How a cell is named to people: the row label, then the column label in
    a grid.

    >>> display_name("（七）总计", "自然人")
    '（七）总计·自然人'
    """
    if column is None:
        return label
    if not label:
        return column
    return f"{label}·{column}"


class Heading(NamedTuple):
    """
    A heading row of a table: a label that introduces a group of cells.
    """

    key: str
    label: str
    depth: int


class Row(NamedTuple):
    """
    A grid row: a row label (``None`` when the row is printed without one)
    and its cells, one per column, in column order.

    *columns* gives, per cell, the header labels above it from the top
    (e.g. ``("申请人情况", "法人或其他组织", "商业企业")``).
    """

    key: str
    label: str | None
    aliases: tuple[str, ...]
    depth: int
    cells: tuple[Cell, ...]
    columns: tuple[tuple[str, ...], ...]


class Header(NamedTuple):
    """
    The column-header rows of a grid, printed where a block of rows starts.

    *corner* is the text above the row labels (``None`` when the rows have
    no label column); *columns* are the header paths of the row's cells.
    """

    key: str
    corner: str | None
    columns: tuple[tuple[str, ...], ...]

    def lines(self) -> tuple[tuple[str, ...], ...]:
        """
        The header rows as printed: a spanning label appears once, above
        the first column it spans; the corner text is on the first row.

        >>> h = Header("t", "项目", (("甲", "a"), ("甲", "b"), ("乙",)))
        >>> h.lines()
        (('项目', '甲', '', '乙'), ('', 'a', 'b', ''))
        """
        depth = max((len(p) for p in self.columns), default=0)
        out: list[tuple[str, ...]] = []
        for level in range(depth):
            cells: list[str] = []
            if self.corner is not None:
                cells.append(self.corner if level == 0 else "")
            previous: tuple[str, ...] | None = None
            for path in self.columns:
                here = path[: level + 1]
                shown = len(path) > level and here != previous
                cells.append(path[level] if shown else "")
                previous = here
            out.append(tuple(cells))
        return tuple(out)


Entry = Cell | Heading | Row | Header


class Rule(NamedTuple):
    """
    A declared consistency rule, resolved to absolute cell keys.

    *target* is the cell the rule is declared on (the total, the "其中" row,
    the de-duplicated total, or the first term of a balance); *operands*
    are the cells it is compared with.  For a balance, target plus
    operands must equal the sum of *others*.
    """

    id: str
    kind: RuleKind
    target: Cell
    operands: tuple[Cell, ...]
    others: tuple[Cell, ...] = ()


class _Item(NamedTuple):
    entry: Entry
    rule: RuleSpec | None = None
    rule_ids: tuple[tuple[str, str], ...] = ()
    carry: Carry | None = None


@per_class
def layout(cls: type[Any]) -> tuple[Entry, ...]:
    """
    Every heading, header, row and cell of the table class *cls*, in
    declaration order (a row's cells follow the row).
    """
    return tuple(item.entry for item in _walk(cls, (), 0, ()))


_NO_CORNER = object()


def _walk(
    cls: type[Any],
    prefix: tuple[str, ...],
    depth: int,
    renames: tuple[tuple[str, str], ...],
) -> list[_Item]:
    out: list[_Item] = []
    for field in attrs.fields(cls):
        spec = field.metadata.get(_META)
        path = (*prefix, field.name)
        key = ".".join(path)
        if isinstance(spec, _CellSpec):
            cell = Cell(
                key, spec.label, spec.unit, spec.kind, spec.aliases, depth
            )
            out.append(_Item(cell, spec.rule, renames, spec.carry))
        elif isinstance(spec, GroupSpec):
            if spec.heading is not None:
                out.append(_Item(Heading(key, spec.heading, depth)))
            if spec.row:
                out.extend(_row(spec, path, depth, renames))
                continue
            inner = depth
            if spec.label is not None:
                out.append(_Item(Heading(key, spec.label, depth)))
                inner = depth + 1
            out.extend(_walk(spec.cls, path, inner, renames + spec.rule_ids))
    corner = getattr(cls, "CORNER", _NO_CORNER)
    if corner is not _NO_CORNER:
        first = next(i.entry for i in out if isinstance(i.entry, Row))
        header = Header(
            ".".join(prefix), cast("str | None", corner), first.columns
        )
        out.insert(0, _Item(header))
    return out


def _row(
    spec: GroupSpec,
    path: tuple[str, ...],
    depth: int,
    renames: tuple[tuple[str, str], ...],
) -> list[_Item]:
    cells: list[_Item] = []
    columns: list[tuple[str, ...]] = []
    caption = getattr(spec.cls, "CAPTION", None)

    def visit(
        cls: type[Any],
        prefix: tuple[str, ...],
        above: tuple[str, ...],
        owner: str,
        ids: tuple[tuple[str, str], ...],
    ) -> None:
        for field in attrs.fields(cls):
            inner = field.metadata.get(_META)
            here = (*prefix, field.name)
            if isinstance(inner, _CellSpec):
                band = (inner.band,) if inner.band else ()
                columns.append((*above, *band, inner.label))
                cell = Cell(
                    ".".join(here),
                    spec.label if spec.label is not None else owner,
                    inner.unit,
                    inner.kind,
                    inner.aliases,
                    depth + 1,
                    column=inner.label,
                )
                cells.append(_Item(cell, inner.rule, ids, inner.carry))
            elif isinstance(inner, GroupSpec):
                band = (inner.band,) if inner.band else ()
                label = (inner.label,) if inner.label else ()
                visit(
                    inner.cls,
                    here,
                    (*above, *band, *label),
                    inner.label or owner,
                    ids + inner.rule_ids,
                )

    visit(spec.cls, path, (caption,) if caption else (), "", renames)
    entry = Row(
        ".".join(path),
        spec.label,
        spec.aliases,
        depth,
        tuple(cast("Cell", i.entry) for i in cells),
        tuple(columns),
    )
    out = [_Item(entry, spec.rule, renames, spec.carry)]
    if spec.label is None:
        out.insert(0, _Item(Header(entry.key, None, entry.columns)))
    return out + cells


@per_class
def cell_map(cls: type[Any]) -> Mapping[str, Cell]:
    """
    The cells of *cls* by key.
    """
    return {c.key: c for c in layout(cls) if isinstance(c, Cell)}


@per_class
def rows(cls: type[Any]) -> tuple[Row, ...]:
    """
    The grid rows of *cls*, in order.
    """
    return tuple(r for r in layout(cls) if isinstance(r, Row))


def _rename(rule_id: str, renames: tuple[tuple[str, str], ...]) -> str:
    for old, new in reversed(renames):
        if rule_id == old:
            rule_id = new
    return rule_id


@per_class
def stand_ins(cls: type[Any]) -> tuple[tuple[Row, tuple[Row, ...]], ...]:
    """
    Each row of the table class *cls* declared to stand for a sibling group
    (see :func:`row`), with the group's rows.
    """
    out: list[tuple[Row, tuple[Row, ...]]] = []
    by_key = {r.key: r for r in rows(cls)}

    def visit(owner: type[Any], prefix: tuple[str, ...]) -> None:
        for field in attrs.fields(owner):
            spec = field.metadata.get(_META)
            if not isinstance(spec, GroupSpec):
                continue
            path = (*prefix, field.name)
            if spec.row:
                if spec.stands_for is not None:
                    group = ".".join((*prefix, spec.stands_for))
                    members = tuple(
                        r
                        for r in by_key.values()
                        if r.key.startswith(f"{group}.")
                    )
                    out.append((by_key[".".join(path)], members))
                continue
            visit(spec.cls, path)

    visit(cls, ())
    return tuple(out)


@per_class
def stand_in_cells(cls: type[Any]) -> frozenset[str]:
    """
    The keys of the cells of every row of *cls* that stands for a group:
    their rules count only in the one-row form.
    """
    return frozenset(c.key for row, _ in stand_ins(cls) for c in row.cells)


@per_class
def rules(cls: type[Any]) -> tuple[Rule, ...]:
    """
    Every rule declared in the table class *cls*, in declaration order
    (a rule declared on a grid row gives one rule per column).
    """
    cells = cell_map(cls)
    by_key = {r.key: r for r in rows(cls)}
    out: list[Rule] = []
    for item in _walk(cls, (), 0, ()):
        spec = item.rule
        if spec is None:
            continue
        entry = item.entry
        rule_id = _rename(spec.rule, item.rule_ids)
        base = entry.key.rpartition(".")[0]

        def absolute(rel: str, base: str = base) -> str:
            return f"{base}.{rel}" if base else rel

        if isinstance(entry, Row):
            out.extend(_row_rules(rule_id, spec, entry, absolute, by_key))
            continue
        target = cells[entry.key]

        def resolve(rels: tuple[str, ...]) -> tuple[Cell, ...]:
            return tuple(cells[absolute(r)] for r in rels)

        if isinstance(spec, Sum):
            out.append(
                Rule(rule_id, RuleKind.SUM, target, resolve(spec.parts))
            )
        elif isinstance(spec, Subset):
            out.append(
                Rule(
                    rule_id,
                    RuleKind.SUBSET,
                    target,
                    resolve((spec.parent,)),
                )
            )
        elif isinstance(spec, Dedup):
            out.append(
                Rule(rule_id, RuleKind.DEDUP, target, resolve(spec.channels))
            )
        else:
            out.append(
                Rule(
                    rule_id,
                    RuleKind.BALANCE,
                    target,
                    resolve(spec.plus),
                    resolve(spec.equals),
                )
            )
    return tuple(out)


def _row_rules(
    rule_id: str,
    spec: RuleSpec,
    entry: Row,
    absolute: Callable[[str], str],
    by_key: Mapping[str, Row],
) -> list[Rule]:
    def rows_at(rels: tuple[str, ...]) -> list[Row]:
        found: list[Row] = []
        for rel in rels:
            key = absolute(rel)
            if key in by_key:
                found.append(by_key[key])
            else:
                found.extend(
                    r for r in by_key.values() if r.key.startswith(f"{key}.")
                )
        for r in found:
            if len(r.cells) != len(entry.cells):
                msg = f"rule {rule_id}: {r.key} and {entry.key} differ in columns"
                raise TypeError(msg)
        return found

    out: list[Rule] = []
    if isinstance(spec, Sum):
        parts = rows_at(spec.parts)
        for j, target in enumerate(entry.cells):
            ops = tuple(r.cells[j] for r in parts)
            out.append(Rule(rule_id, RuleKind.SUM, target, ops))
    elif isinstance(spec, Balance):
        plus, equals = rows_at(spec.plus), rows_at(spec.equals)
        for j, target in enumerate(entry.cells):
            out.append(
                Rule(
                    rule_id,
                    RuleKind.BALANCE,
                    target,
                    tuple(r.cells[j] for r in plus),
                    tuple(r.cells[j] for r in equals),
                )
            )
    else:
        msg = f"rule {rule_id}: only Sum and Balance may be declared on a row"
        raise TypeError(msg)
    return out


class CrossYearRule(NamedTuple):
    """
    A declared cross-year rule, resolved to absolute keys: *target* (this
    year) equals the sum of *last* (keys in last year's table) plus *plus*
    minus *minus* (this year's cells).
    """

    id: str
    target: Cell
    last: tuple[str, ...]
    plus: tuple[Cell, ...]
    minus: tuple[Cell, ...]
    warning: bool


@per_class
def cross_year_rules(cls: type[Any]) -> tuple[CrossYearRule, ...]:
    """
    Every cross-year rule declared in the table class *cls* (one per
    column for a rule declared on a row).
    """
    cells = cell_map(cls)
    out: list[CrossYearRule] = []
    for item in _walk(cls, (), 0, ()):
        carry = item.carry
        if carry is None:
            continue
        entry = item.entry
        base = entry.key.rpartition(".")[0]

        def absolute(rel: str, base: str = base) -> str:
            return f"{base}.{rel}" if base else rel

        if isinstance(entry, Row):
            for target in entry.cells:
                suffix = target.key[len(entry.key) + 1 :]

                def at(rel: str, suffix: str = suffix) -> str:
                    return f"{absolute(rel)}.{suffix}"

                out.append(
                    CrossYearRule(
                        carry.rule,
                        target,
                        tuple(at(r) for r in carry.last),
                        tuple(cells[at(r)] for r in carry.plus),
                        tuple(cells[at(r)] for r in carry.minus),
                        carry.warning,
                    )
                )
            continue
        out.append(
            CrossYearRule(
                carry.rule,
                cells[entry.key],
                tuple(absolute(r) for r in carry.last),
                tuple(cells[absolute(r)] for r in carry.plus),
                tuple(cells[absolute(r)] for r in carry.minus),
                carry.warning,
            )
        )
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
            for op in (*rule.operands, *rule.others):
                if op.key in by_target:
                    visit(op.key)
        ordered.extend(by_target[key])

    for key in by_target:
        visit(key)
    return tuple(ordered)


@per_class
def signed_fields(cls: type[Any]) -> dict[type[Any], tuple[str, ...]]:
    """
    The classes nested in *cls* (itself included) that declare signed
    cells (:func:`change`), with the names of those fields.
    """
    found: dict[type[Any], tuple[str, ...]] = {}
    names = tuple(
        f.name
        for f in attrs.fields(cls)
        if isinstance(f.metadata.get(_META), _CellSpec)
        and f.metadata[_META].kind is Kind.CHANGE
    )
    if names:
        found[cls] = names
    for f in attrs.fields(cls):
        spec = f.metadata.get(_META)
        if isinstance(spec, GroupSpec):
            found.update(signed_fields(spec.cls))
    return found


@functools.cache
def getter(key: str) -> Callable[[Any], Value]:
    """
    A fast accessor for the dotted *key*.
    """
    return operator.attrgetter(key)


@per_class
def reader(cls: type[Any]) -> Callable[[Any], tuple[Value, ...]]:
    """
    A function giving every cell value of a *cls* table at once, in
    :func:`cell_map` order.
    """
    keys = list(cell_map(cls))
    read: Callable[[Any], Any] = operator.attrgetter(*keys)
    if len(keys) == 1:
        return lambda table: (read(table),)
    return cast("Callable[[Any], tuple[Value, ...]]", read)


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
    keys = cell_map(cls)
    if not keys.keys() >= values.keys():
        unknown = set(values) - set(keys)
        raise KeyError(", ".join(sorted(unknown)))
    return _builder(cls)(values)


@per_class
def _builder(cls: type[Any]) -> Callable[[Mapping[str, Value]], Any]:
    """
    One generated function that builds a *cls* table, nested groups
    included, from a mapping of cell keys (through the classes' own
    ``__init__``, so every validator runs).
    """
    scope: dict[str, Any] = {}

    def expression(owner: type[Any], prefix: tuple[str, ...]) -> str:
        name = f"_c{len(scope)}"
        scope[name] = owner
        args = []
        for field in attrs.fields(owner):
            spec = field.metadata.get(_META)
            path = (*prefix, field.name)
            if isinstance(spec, _CellSpec):
                args.append(f"{field.name}=get({'.'.join(path)!r})")
            elif isinstance(spec, GroupSpec):
                args.append(f"{field.name}={expression(spec.cls, path)}")
        return f"{name}({', '.join(args)})"

    body = expression(cls, ())
    source = f"def build(values):\n    get = values.get\n    return {body}"
    exec(source, scope)  # noqa: S102 - generated from the declarations
    function: Callable[[Mapping[str, Value]], Any] = scope["build"]
    return function


@per_class
def assemble(cls: type[Any]) -> Callable[[Sequence[Value]], Any]:
    """
    A generated function that builds a *cls* table from its cell values in
    :func:`cell_map` order, without running the validators.

    Only for values already known to be valid (read by the library's own
    readers): counts are ``int`` >= 0, changes ``int``, money a finite
    ``Decimal`` >= 0, blanks ``None``.  It sets each slot directly, about
    three times faster than going through ``__init__``.  Instances are
    immutable, so a row of counts equal to one built before is that
    instance (:func:`interned_rows`), and a block of rows all 0 or all
    blank is one shared instance: less memory for every report held, and
    fewer objects for the garbage collector to walk.  A class
    that is not a slotted attrs class without converters or post-init
    hooks is built through its ``__init__`` instead.
    """
    return _Assembler(cls).function()


class _Assembler:
    """
    The source of an :func:`assemble` function, and the objects it uses.
    """

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.position = {key: i for i, key in enumerate(cell_map(cls))}
        self.scope: dict[str, Any] = {"new": object.__new__}

    def function(self) -> Callable[[Sequence[Value]], Any]:
        top, statements, _, _ = self.block(self.cls, ())
        body = "".join(f"    {s}\n" for s in statements)
        source = f"def assemble(v):\n{body}    return {top}\n"
        exec(source, self.scope)  # noqa: S102 - generated from the declarations
        function: Callable[[Sequence[Value]], Any] = self.scope["assemble"]
        return function

    def block(
        self, owner: type[Any], prefix: tuple[str, ...]
    ) -> tuple[str, list[str], list[int], bool]:
        """
        The statements that build an *owner* at *prefix*: the variable
        that holds it, the statements, the positions of its cells, and
        whether they are all counts.
        """
        name = f"o{len(self.scope)}"
        self.scope[f"C{name}"] = owner
        statements: list[str] = []
        args: list[tuple[str, str]] = []
        cells: list[int] = []
        counts = True
        groups = 0
        for field in attrs.fields(owner):
            spec = field.metadata.get(_META)
            path = (*prefix, field.name)
            if isinstance(spec, _CellSpec):
                index = self.position[".".join(path)]
                args.append((field.name, f"v[{index}]"))
                cells.append(index)
                counts = counts and spec.kind is not Kind.MONEY
            elif isinstance(spec, GroupSpec):
                groups += 1
                child, inner, more, only = self.block(spec.cls, path)
                statements.extend(inner)
                args.append((field.name, child))
                cells.extend(more)
                counts = counts and only
        if not _settable(owner):
            keywords = ", ".join(f"{n}={e}" for n, e in args)
            return (
                name,
                [*statements, f"{name} = C{name}({keywords})"],
                cells,
                False,
            )
        statements.append(f"{name} = new(C{name})")
        setters = {f.name: function for f, function in _setters(owner)}
        for field_name, value in args:
            setter = f"S{len(self.scope)}"
            self.scope[setter] = setters[field_name]
            statements.append(f"{setter}({name}, {value})")
        # A class holding one group only: the group has the test already.
        wrapper = len(args) == 1 and groups == 1
        contiguous = cells == list(range(cells[0], cells[0] + len(cells)))
        if counts and contiguous and not wrapper:
            if groups == 0 and len(cells) <= SHORT_ROW:
                statements = self.interned(owner, name, cells, statements)
            else:
                statements = self.shared(owner, name, cells, statements)
        return name, statements, cells, counts

    def interned(
        self,
        owner: type[Any],
        name: str,
        cells: list[int],
        statements: list[str],
    ) -> list[str]:
        """
        *statements* behind a lookup of the row's values among the rows
        already built (a row of counts is immutable, so equal rows can be
        one instance): fewer objects for the garbage collector to walk and
        less memory for every report held.  The first :data:`INTERNED`
        rows of each class are kept (all-0 and all-blank among them).
        """
        self.scope[f"I{name}"] = interned_rows(owner)
        key = "(" + "".join(f"v[{i}], " for i in cells) + ")"
        return [
            f"k = {key}",
            f"{name} = I{name}.get(k)",
            f"if {name} is None:",
            *(f"    {s}" for s in statements),
            f"    if len(I{name}) < {INTERNED}: I{name}[k] = {name}",
        ]

    def shared(
        self,
        owner: type[Any],
        name: str,
        cells: list[int],
        statements: list[str],
    ) -> list[str]:
        """
        *statements* behind a test that picks a shared instance when the
        *owner*'s cells (contiguous counts) are all 0 or all blank.
        """
        shared = prototypes(owner)
        assert shared is not None  # noqa: S101 - counts only, checked above
        self.scope[f"PZ{name}"], self.scope[f"PN{name}"] = shared
        if len(cells) <= SHORT_ROW:
            # Cell by cell: a mixed row fails at its first cell.
            zero = " and ".join(f"v[{i}] == 0" for i in cells)
            blank = " and ".join(f"v[{i}] is None" for i in cells)
            tests = [
                f"if {zero}: {name} = PZ{name}",
                f"elif {blank}: {name} = PN{name}",
            ]
        else:
            first, end = cells[0], cells[0] + len(cells)
            self.scope[f"Z{name}"] = [0] * len(cells)
            self.scope[f"N{name}"] = [None] * len(cells)
            # The first cell decides most cases without a slice.
            span = f"v[{first}:{end}]"
            tests = [
                f"if v[{first}] == 0 and {span} == Z{name}: {name} = PZ{name}",
                f"elif v[{first}] is None and {span} == N{name}: {name} = PN{name}",
            ]
        return [*tests, "else:", *(f"    {s}" for s in statements)]


#: Rows of at most this many cells are tested for sharing cell by cell.
SHORT_ROW = 8
#: How many distinct rows of one class are kept for sharing.
INTERNED = 4096


@per_class
def interned_rows(cls: type[Any]) -> dict[tuple[Value, ...], Any]:
    """
    The rows of counts of class *cls* built so far by the readers, by their
    values (the first :data:`INTERNED`; all-0 and all-blank among them):
    equal rows are one immutable instance.
    """
    shared = prototypes(cls)
    assert shared is not None  # noqa: S101 - rows of counts only
    width = len(cell_map(cls))
    return {(0,) * width: shared[0], (None,) * width: shared[1]}


@per_class
def direct(cls: type[Any]) -> Callable[..., Any]:
    """
    A generated constructor of the attrs class *cls* that sets its slots
    directly, without validators or converters: for values already in the
    form those require (the library's own readings).  It takes the fields
    in order, by position or keyword (by keyword only when a required field
    follows one with a default); a field with a plain default may be left
    out.

    >>> from govdisclosure import Section
    >>> direct(Section)("一、概述", "正文") == Section(heading="一、概述", body="正文")
    True
    """
    scope: dict[str, Any] = {"new": object.__new__, "C": cls}
    params, sets = [], []
    for i, (field, setter) in enumerate(_setters(cls)):
        scope[f"S{i}"] = setter
        default = field.default
        if default is attrs.NOTHING or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            params.append(field.name)
        else:
            scope[f"D{i}"] = default
            params.append(f"{field.name}=D{i}")
        sets.append(f"    S{i}(o, {field.name})\n")
    # attrs's keyword-only classes may put a required field after one with
    # a default; then every parameter is keyword-only.
    defaulted = ["=" in p for p in params]
    signature = ", ".join(
        params if defaulted == sorted(defaulted) else ["*", *params]
    )
    source = (
        f"def make({signature}):\n    o = new(C)\n"
        + "".join(sets)
        + "    return o\n"
    )
    exec(source, scope)  # noqa: S102 - generated from the class's fields
    function: Callable[..., Any] = scope["make"]
    return function


def _setters(
    cls: type[Any],
) -> list[tuple[attrs.Attribute[Any], Callable[[Any, Any], None]]]:
    """
    Each field of *cls* with the function that sets its slot directly
    (past a frozen class's ``__setattr__``; inherited slots included).
    """
    return [(f, getattr(cls, f.name).__set__) for f in attrs.fields(cls)]


@per_class
def prototypes(cls: type[Any]) -> tuple[Any, Any] | None:
    """
    The all-0 and the all-blank *cls* (a table class whose cells are all
    counts), shared by every reader that meets such a row or block: the
    instances are immutable.  ``None`` when *cls* has a money cell.
    """
    if any(c.kind is Kind.MONEY for c in cell_map(cls).values()):
        return None
    return build(cls, dict.fromkeys(cell_map(cls), 0)), build(cls, {})


def _settable(owner: type[Any]) -> bool:
    """
    Whether *owner*'s instances may be built by setting their slots.
    """
    return (
        "__slots__" in owner.__dict__
        and not hasattr(owner, "__attrs_post_init__")
        and all(f.converter is None for f in attrs.fields(owner))
    )


def values(table: Any) -> dict[str, Value]:
    """
    Every cell of *table* by key (blank cells as ``None``).
    """
    return {key: get(table, key) for key in cell_map(type(table))}
