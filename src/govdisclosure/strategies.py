"""
Hypothesis strategies for reports (needs the ``strategies`` extra).

Valid reports are built, not filtered: leaves are drawn first, then every
declared rule is satisfied in dependency order (totals are the sums of
their parts, "其中" rows are drawn below their parent, de-duplicated totals
below the sum of their channels).  The rules come from the schema's
declarations, so a new row needs no change here.

>>> from hypothesis import given
>>> from govdisclosure import checks
>>> @given(reports())
... def test_valid(report):
...     assert checks.check(report) == ()
>>> test_valid()
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from govdisclosure.errors import MissingExtraError

try:
    from hypothesis import strategies as st
except ImportError as exc:  # the extra is not installed
    raise MissingExtraError(
        "govdisclosure.strategies", "strategies", "hypothesis"
    ) from exc

from govdisclosure import _declare, _lexer
from govdisclosure._declare import Cell, Kind, RuleKind
from govdisclosure._report2014 import (
    CellText,
    ExtraRow,
    Report2014,
    Section,
)
from govdisclosure._report_national import (
    GridRow,
    Report2019,
    Report2021,
    Scope,
)
from govdisclosure._templates import REPORT_TYPES, Report

__all__ = [
    "amounts",
    "changes",
    "counts",
    "extra_rows",
    "grid_rows",
    "reports",
    "sections",
    "tables",
]

_NUMERALS = "一二三四五六七八九十"
_PROSE = (
    "政府信息公开工作年度报告区县市本年共收到申请件条次主动依法办理答复推进"
)
_SAFE = (
    _PROSE + "abcXYZ，。；：（）() 《》“”%-"
)  # no digits: no narrative claim
_BODIES = "珠晖平潭沭阳浦东海淀区县市人民政府办公厅发展和改革局"


def counts(*, max_value: int = 10**6) -> st.SearchStrategy[int]:
    """
    Non-negative counts, mostly small, sometimes large.

    >>> from hypothesis import find
    >>> find(counts(), lambda n: n > 100)
    101
    """
    return st.integers(0, 20) | st.integers(0, max_value)


def amounts(*, max_places: int = 8) -> st.SearchStrategy[Decimal]:
    """
    Non-negative money amounts with up to *max_places* decimals (exact),
    including the extremes: tiny (``Decimal("1E-7")``) and amounts held
    with a positive exponent (``Decimal("1E+3")``), which every writer
    prints in plain notation.

    >>> from hypothesis import find
    >>> find(amounts(), lambda a: a != a.to_integral_value())
    Decimal('0.1')
    """
    return st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(0, 10**12),
        st.integers(-3, max_places),
    )


def changes(*, max_value: int = 10**4) -> st.SearchStrategy[int]:
    """
    Signed changes such as 本年增/减: small or large, either sign.

    >>> from hypothesis import find
    >>> find(changes(), lambda n: n < 0)
    -1
    """
    return st.integers(-20, 20) | st.integers(-max_value, max_value)


def _leaf(cell: Cell, blanks: bool) -> st.SearchStrategy[Any]:
    if cell.kind is Kind.COUNT:
        value: st.SearchStrategy[Any] = counts()
    elif cell.kind is Kind.CHANGE:
        value = changes()
    else:
        value = amounts()
    return st.none() | value if blanks else value


def _deferred(ordered: tuple[_declare.Rule, ...]) -> set[str]:
    """
    Leaves on the "plus" side of a balance: drawn with their rule, so that
    the balance's target cannot go negative.
    """
    targets = {r.target.key for r in ordered}
    return {
        c.key
        for r in ordered
        if r.kind is RuleKind.BALANCE
        for c in r.operands
        if c.key not in targets
    }


@st.composite
def _table(draw: st.DrawFn, table_type: type[Any], blanks: bool) -> Any:
    cells = _declare.cell_map(table_type)
    ordered = _declare.ordered_rules(table_type)
    targets = {r.target.key for r in ordered}
    deferred = _deferred(ordered)
    values: dict[str, Any] = {
        key: draw(_leaf(cell, blanks))
        for key, cell in cells.items()
        if key not in targets and key not in deferred
    }
    for rule in ordered:
        if rule.kind is RuleKind.BALANCE:
            _balance(draw, rule, values, deferred, blanks)
            continue
        ops = [values[c.key] for c in rule.operands]
        given = [v for v in ops if v is not None]
        bound = sum(given)
        if rule.kind is RuleKind.SUM:
            values[rule.target.key] = bound if given else None
        elif blanks and not given:
            values[rule.target.key] = draw(st.sampled_from((None, 0)))
        else:
            value = draw(st.integers(0, bound))
            values[rule.target.key] = (
                draw(st.sampled_from((None, value))) if blanks else value
            )
    for row, members in _declare.stand_ins(table_type):
        # A group printed as one row (（六）其他处理 in the 2019 form) in
        # some reports: the row holds the group's sums, the group is blank.
        one_row = draw(st.booleans())
        for j, cell in enumerate(row.cells):
            column = [values[r.cells[j].key] for r in members]
            given = [v for v in column if v is not None]
            values[cell.key] = sum(given) if one_row and given else None
            if one_row:
                for r in members:
                    values[r.cells[j].key] = None
    return _declare.build(table_type, values)


def _balance(
    draw: st.DrawFn,
    rule: _declare.Rule,
    values: dict[str, Any],
    deferred: set[str],
    blanks: bool,
) -> None:
    """
    Satisfy target + operands = others, drawing deferred operands within
    what the other side leaves.
    """
    others = [values[c.key] for c in rule.others]
    room = sum(v for v in others if v is not None)
    plus: list[Any] = []
    for cell in rule.operands:
        if cell.key in deferred and cell.key not in values:
            value = draw(st.integers(0, room))
            values[cell.key] = (
                draw(st.sampled_from((None, value))) if blanks else value
            )
        plus.append(values[cell.key])
    given = [v for v in (*others, *plus) if v is not None]
    target = room - sum(v for v in plus if v is not None)
    values[rule.target.key] = target if given else None


def tables(
    *, template: str = "2014", blanks: bool = False
) -> st.SearchStrategy[Any]:
    """
    Consistent tables of the *template* generation (``"2014"``, ``"2019"``
    or ``"2021"``); with *blanks*, cells may be blank.

    Every rule holds: under ``BlankPolicy.ZERO`` such a table passes every
    check, and under the default policy it is never *wrong*, only
    sometimes not evaluable.
    """
    return _table(REPORT_TYPES[template].TABLE, blanks)


def _lines() -> st.SearchStrategy[str]:
    line = st.text(_SAFE, min_size=1, max_size=30).map(str.strip).filter(bool)
    return st.lists(line, max_size=3).map("\n".join)


def sections() -> st.SearchStrategy[Section]:
    """
    Numbered narrative sections such as ``三、依申请公开情况``.
    """
    heading = st.builds(
        lambda n, t: f"{n}、{t}",
        st.sampled_from([*_NUMERALS, "十一"]),
        st.text(_PROSE, min_size=1, max_size=12),
    )
    return st.builds(Section, heading=heading, body=_lines())


def extra_rows() -> st.SearchStrategy[ExtraRow]:
    """
    Rows of the old table whose label the schema does not know.
    """
    known = _lexer.candidates(Report2014.TABLE)
    cell = st.text("其他指标统计数ABC0123456789 ", max_size=10).map(str.strip)
    label = cell.filter(lambda s: _lexer.label_key(s) not in known).filter(
        lambda s: _lexer.label_key(s) not in _lexer.HEADER_LABELS
    )
    return st.builds(ExtraRow, label=label, unit=cell, value=cell)


def grid_rows(template: str = "2021") -> st.SearchStrategy[GridRow]:
    """
    Rows of the national tables whose label the schema does not know.
    """
    table_type: Any = REPORT_TYPES[template].TABLE
    known = set(_lexer.candidates(table_type)) | _lexer.header_words(
        table_type
    )
    text = st.text("其他指标统计数ABC0123456789 ", max_size=8).map(str.strip)
    label = text.filter(bool).filter(
        lambda s: _lexer.label_key(s) not in known
    )
    return st.builds(
        GridRow,
        table=st.sampled_from(sorted(table_type.SECTIONS)),
        label=label,
        cells=st.lists(text, max_size=4).map(tuple),
    )


def _raw_text(value: Any, cell: Cell) -> st.SearchStrategy[str]:
    if value is None:
        return st.sampled_from(sorted(_lexer.NULL_TEXTS))
    plain = _lexer.plain(value) if isinstance(value, Decimal) else str(value)
    wide = plain.translate(
        str.maketrans("0123456789.-", "０１２３４５６７８９．－")
    )
    forms = [wide, f"{plain}{cell.unit}"]
    if cell.kind is Kind.CHANGE and value > 0:
        forms.append(f"+{plain}")
    if cell.kind is Kind.COUNT and value >= 1000:
        forms.append(f"{value:,}")
    return st.sampled_from(forms)


_TABLE_SECTIONS = frozenset(Report2021.TABLE.SECTIONS.values())
_NATIONAL_SECTIONS = (
    "一、总体情况",
    *Report2021.TABLE.SECTIONS.values(),
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


#: What 五 says at the least (so that S-1 holds) and what 六 says about
#: the 信息处理费 from the 2021 template on (so that S-2 holds).
_PROBLEMS = "主要问题是政府信息公开内容还不够全面，下一步将加强培训。"
_FEES = "本年度未收取信息处理费。"


def _said(heading: str, template: str) -> st.SearchStrategy[str]:
    """
    The body of the national section *heading*: random lines, with what
    the reviewers' checks ask of 五 and (2021) 六 first.
    """
    first = ""
    if heading.startswith("五、"):
        first = _PROBLEMS
    elif heading.startswith("六、") and template == "2021":
        first = _FEES
    if not first:
        return _lines()
    return _lines().map(lambda rest: f"{first}\n{rest}" if rest else first)


@st.composite
def _metadata(draw: st.DrawFn) -> tuple[str, str]:
    body = draw(st.text(_BODIES, min_size=1, max_size=12))
    year = draw(st.integers(2008, 2030))
    # Published in January of the next year: on time for every body (D-1).
    published = draw(
        st.none() | st.dates(date(year + 1, 1, 1), date(year + 1, 1, 31))
    )
    preamble = draw(_lines())
    if published is not None:
        stamp = f"({published.year}年{published.month}月{published.day}日)"
        preamble = f"{stamp}\n{preamble}" if preamble else stamp
    return f"{body}{year}年政府信息公开工作年度报告", preamble


@st.composite
def _cell_texts(draw: st.DrawFn, table: Any) -> list[CellText]:
    cells = list(_declare.cell_map(type(table)).values())
    chosen = draw(st.lists(st.sampled_from(cells), max_size=4, unique=True))
    return [
        CellText(
            key=c.key,
            text=draw(_raw_text(_declare.get(table, c.key), c)),
        )
        for c in chosen
    ]


@st.composite
def _report2014(draw: st.DrawFn, blanks: bool) -> Report2014:
    title, preamble = draw(_metadata())
    table = draw(tables(blanks=blanks))
    trailer = draw(st.sampled_from(("", "扫一扫在手机打开当前页")))
    return Report2014(
        title=title,
        preamble=preamble,
        sections=tuple(draw(st.lists(sections(), max_size=4))),
        table=table,
        extra_rows=tuple(draw(st.lists(extra_rows(), max_size=3))),
        cell_texts=tuple(draw(_cell_texts(table))),
        trailer=trailer,
    )


@st.composite
def _national(
    draw: st.DrawFn, cls: type[Report2019 | Report2021], blanks: bool
) -> Report2019 | Report2021:
    title, preamble = draw(_metadata())
    standard = st.tuples(
        *(
            st.builds(
                Section,
                heading=st.just(h),
                body=_said(h, cls.TEMPLATE),
                # Text after the table: only a section with a table has it.
                after=_lines() if h in _TABLE_SECTIONS else st.just(""),
            )
            for h in _NATIONAL_SECTIONS
        )
    )
    chosen = draw(standard | st.lists(sections(), max_size=4).map(tuple))
    scope = draw(st.sampled_from((Scope.UNKNOWN, Scope.AGGREGATE)))
    if scope is Scope.AGGREGATE:
        compiled = "本报告由本级政府办公室综合所属各部门的政府信息公开工作年度报告编制而成。"
        preamble = f"{preamble}\n{compiled}" if preamble else compiled
    table = draw(tables(template=cls.TEMPLATE, blanks=blanks))
    return cls(
        title=title,
        preamble=preamble,
        sections=tuple(chosen),
        scope=scope,
        table=table,
        extra_rows=tuple(draw(st.lists(grid_rows(cls.TEMPLATE), max_size=3))),
        cell_texts=tuple(draw(_cell_texts(table))),
    )


def reports(
    *, template: str | None = None, blanks: bool = False
) -> st.SearchStrategy[Any]:
    """
    Consistent reports with narrative, unknown rows and raw cell texts, of
    the *template* generation (``"2014"``, ``"2019"``, ``"2021"``, or any
    of them when ``None``).

    With *blanks*, table cells may be blank (see :func:`tables`).  The
    scope of a national report is ``AGGREGATE`` exactly when its preamble
    says it was compiled from other reports, else ``UNKNOWN``, so that the
    text form can carry it.
    """
    makers: dict[str, st.SearchStrategy[Report]] = {
        "2014": _report2014(blanks),
        "2019": _national(Report2019, blanks),
        "2021": _national(Report2021, blanks),
    }
    if template is None:
        return st.one_of(*makers.values())
    return makers[template]
