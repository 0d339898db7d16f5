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

from hypothesis import strategies as st

from govdisclosure import _declare, _lexer
from govdisclosure._declare import Cell, Kind, RuleKind
from govdisclosure._report2014 import (
    CellText,
    ExtraRow,
    Report2014,
    Section,
    StatisticalTable,
)

__all__ = [
    "amounts",
    "counts",
    "extra_rows",
    "reports",
    "sections",
    "tables",
]

_NUMERALS = "一二三四五六七八九十"
_PROSE = (
    "政府信息公开工作年度报告区县市本年共收到申请件条次主动依法办理答复推进"
)
_SAFE = _PROSE + "abcXYZ0123456789，。；：（）() 《》“”%-"
_BODIES = "珠晖平潭沭阳浦东海淀区县市人民政府办公厅发展和改革局"


def counts(*, max_value: int = 10**6) -> st.SearchStrategy[int]:
    """
    Non-negative counts, mostly small, sometimes large.

    >>> from hypothesis import find
    >>> find(counts(), lambda n: n > 100)
    101
    """
    return st.integers(0, 20) | st.integers(0, max_value)


def amounts(*, max_places: int = 6) -> st.SearchStrategy[Decimal]:
    """
    Non-negative money amounts with up to *max_places* decimals (exact).

    >>> from hypothesis import find
    >>> find(amounts(), lambda a: a != a.to_integral_value())
    Decimal('0.1')
    """
    return st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(0, 10**12),
        st.integers(0, max_places),
    )


def _leaf(cell: Cell, blanks: bool) -> st.SearchStrategy[Any]:
    value: st.SearchStrategy[Any] = (
        counts() if cell.kind is Kind.COUNT else amounts()
    )
    return st.none() | value if blanks else value


@st.composite
def _table(draw: st.DrawFn, table_type: type[Any], blanks: bool) -> Any:
    cells = _declare.cell_map(table_type)
    ordered = _declare.ordered_rules(table_type)
    targets = {r.target.key for r in ordered}
    values: dict[str, Any] = {
        key: draw(_leaf(cell, blanks))
        for key, cell in cells.items()
        if key not in targets
    }
    for rule in ordered:
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
    return _declare.build(table_type, values)


def tables(*, blanks: bool = False) -> st.SearchStrategy[StatisticalTable]:
    """
    Consistent statistical tables; with *blanks*, cells may be blank.

    Every rule holds: under ``BlankPolicy.ZERO`` such a table passes every
    check, and under the default policy it is never *wrong*, only
    sometimes not evaluable.
    """
    return _table(StatisticalTable, blanks)


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
    Table rows whose label the schema does not know.
    """
    known = _lexer.candidates(StatisticalTable)
    cell = st.text("其他指标统计数ABC0123456789 ", max_size=10).map(str.strip)
    label = cell.filter(lambda s: _lexer.label_key(s) not in known).filter(
        lambda s: _lexer.label_key(s) not in _lexer.HEADER_LABELS
    )
    return st.builds(ExtraRow, label=label, unit=cell, value=cell)


def _raw_text(value: Any, cell: Cell) -> st.SearchStrategy[str]:
    if value is None:
        return st.sampled_from(sorted(_lexer.NULL_TEXTS))
    plain = str(value)
    wide = plain.translate(
        str.maketrans("0123456789.", "０１２３４５６７８９．")
    )
    forms = [wide, f"{plain}{cell.unit}"]
    if cell.kind is Kind.COUNT and value >= 1000:
        forms.append(f"{value:,}")
    return st.sampled_from(forms)


@st.composite
def _reports(draw: st.DrawFn, blanks: bool) -> Report2014:
    body = draw(st.text(_BODIES, min_size=1, max_size=12))
    year = draw(st.integers(2008, 2030))
    published = draw(
        st.none() | st.dates(date(2009, 1, 1), date(2031, 12, 31))
    )
    preamble = draw(_lines())
    if published is not None:
        stamp = f"({published.year}年{published.month}月{published.day}日)"
        preamble = f"{stamp}\n{preamble}" if preamble else stamp
    table = draw(tables(blanks=blanks))
    cells = list(_declare.cell_map(StatisticalTable).values())
    chosen = draw(st.lists(st.sampled_from(cells), max_size=4, unique=True))
    texts = [
        CellText(
            key=c.key,
            text=draw(_raw_text(_declare.get(table, c.key), c)),
        )
        for c in chosen
    ]
    trailer = draw(st.sampled_from(("", "扫一扫在手机打开当前页")))
    return Report2014(
        title=f"{body}{year}年政府信息公开工作年度报告",
        preamble=preamble,
        sections=tuple(draw(st.lists(sections(), max_size=4))),
        table=table,
        extra_rows=tuple(draw(st.lists(extra_rows(), max_size=3))),
        cell_texts=tuple(texts),
        trailer=trailer,
    )


def reports(*, blanks: bool = False) -> st.SearchStrategy[Report2014]:
    """
    Consistent reports with narrative, extra rows and raw cell texts.

    With *blanks*, table cells may be blank (see :func:`tables`).
    """
    return _reports(blanks)
