"""
The compiled layouts (the fast path of the text parser and of every
document's mapping) give exactly what the full parser gives: the same
report, or the same error.
"""

from __future__ import annotations

import html as _escape
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import (
    Report2014,
    Report2019,
    Report2021,
    _declare,
    _layout,
    _lexer,
    _mapper,
    html,
    text,
)
from govdisclosure._document import Document
from govdisclosure.errors import ParseError
from govdisclosure.strategies import reports

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_NAMES = [
    "zhuhui-2019-table.txt",
    "pingtan-2021.txt",
    "pingtan-2022.txt",
    "shanghai-office-2019.txt",
]

#: Cell texts a transcription may hold: plain and padded numbers, blanks,
#: printed texts, units, signs, junk, header and label words.
_CELLS = st.sampled_from(
    [
        "",
        " ",
        "0",
        "7",
        "10000",
        "1,234",
        "００",
        "007",
        "5 ",
        "\u00a05",
        "-3",
        "+2",
        "—",
        "无",
        "25.1万元",
        "251000元",
        "3件",
        "abc",
        "自然人",
        "商业企业",
        "（一）予以公开",
        "9" * 19,
    ]
) | st.text(alphabet="0123456789 .,-元万|", max_size=6)


def _outcome(source: str, layouts: _layout.Layouts) -> str:
    """
    The repr of the report read with *layouts* (so that the types of the
    values count: ``Decimal(5) == 5``), or the text of the ParseError.
    """
    try:
        return repr(_mapper.parse_text(source, None, layouts))
    except ParseError as exc:
        return f"ParseError: {exc}"


def _learned(source: str) -> _layout.Layouts:
    """
    Layouts that have learned *source*'s layout (met twice).
    """
    layouts = _layout.Layouts()
    _mapper.parse_text(source, None, layouts)
    _mapper.parse_text(source, None, layouts)
    return layouts


def test_a_layout_is_learned_when_met_twice() -> None:
    """The first reading of a table learns nothing, the second its layout."""
    source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
    layouts = _layout.Layouts()

    _mapper.parse_text(source, None, layouts)
    assert len(layouts) == 0
    _mapper.parse_text(source, None, layouts)
    assert len(layouts) == 1


@pytest.mark.parametrize("name", _NAMES)
def test_examples_are_learned_and_read_back(name: str) -> None:
    """Every example teaches one layout, which reads it back unchanged."""
    source = (EXAMPLES / name).read_text(encoding="utf-8")
    layouts = _learned(source)
    lines = _mapper.split_lines(source)
    table = [line for line in lines if "|" in line]

    [layout] = layouts.find(None, len(table))
    by_layout = _mapper._read_by_layout(
        Document(lines, {}, None, pipe=True), layout, table
    )

    assert len(layouts) == 1
    assert repr(by_layout) == _outcome(source, _layout.Layouts())


def test_a_layout_serves_other_reports_written_alike() -> None:
    """平潭 2022 is read with the layout learned from 平潭 2021."""
    layouts = _learned((EXAMPLES / "pingtan-2021.txt").read_text("utf-8"))
    later = (EXAMPLES / "pingtan-2022.txt").read_text("utf-8")

    report = _mapper.parse_text(later, None, layouts)

    assert len(layouts) == 1  # nothing new was learned
    assert repr(report) == _outcome(later, _layout.Layouts())
    assert isinstance(report, Report2021)
    assert report.applications.received.total == 74


@given(st.sampled_from(["2014", "2019", "2021"]), st.data())
# Two whole reports per example: slow to draw by nature.
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_a_learned_layout_reads_other_values_as_the_parser_does(
    template: str, data: st.DataObject
) -> None:
    """Learn from one generated report, read another of its template."""
    first = data.draw(reports(template=template, blanks=True))
    second = data.draw(reports(template=template, blanks=True))
    layouts = _learned(text.render(first))
    source = text.render(second)

    assert _outcome(source, layouts) == _outcome(source, _layout.Layouts())
    # Equal to the report written (an amount held as 1E+3 reads as 1000).
    assert second == _mapper.parse_text(source, None, layouts)


@given(st.sampled_from(_NAMES), st.data())
@settings(max_examples=150)
def test_edited_cells_give_what_the_parser_gives(
    name: str, data: st.DataObject
) -> None:
    """Change cells of a learned example: the same report or error."""
    source = (EXAMPLES / name).read_text(encoding="utf-8")
    layouts = _learned(source)
    lines = source.split("\n")
    rows = [i for i, line in enumerate(lines) if "|" in line]
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.sampled_from(rows))
        cells = lines[i].split("|")
        j = data.draw(st.integers(0, len(cells) - 1))
        cells[j] = data.draw(_CELLS)
        lines[i] = "|".join(cells)
    edited = "\n".join(lines)

    assert _outcome(edited, layouts) == _outcome(edited, _layout.Layouts())


@given(st.sampled_from(_NAMES), st.data())
@settings(max_examples=100)
def test_edited_lines_give_what_the_parser_gives(
    name: str, data: st.DataObject
) -> None:
    """Change, add or drop whole lines of a learned example."""
    source = (EXAMPLES / name).read_text(encoding="utf-8")
    layouts = _learned(source)
    lines = source.split("\n")
    i = data.draw(st.integers(0, len(lines) - 1))
    edit = data.draw(st.sampled_from(["replace", "insert", "drop"]))
    new = data.draw(
        st.sampled_from(
            [
                "",
                "三、收到和处理政府信息公开申请情况",
                "本年度无变化。",
                "| 新增一行 | 1 | 2 |",
                lines[i].replace(" | ", "|"),
                lines[i].replace("| ", "|  "),
                lines[i] + "|",
            ]
        )
        | st.text(max_size=10)
    )
    if edit == "replace":
        lines[i] = new
    elif edit == "insert":
        lines.insert(i, new)
    else:
        del lines[i]
    edited = "\n".join(lines)

    assert _outcome(edited, layouts) == _outcome(edited, _layout.Layouts())


def test_a_forced_template_is_learned_apart() -> None:
    """A layout learned under detection is not used for a forced template."""
    source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
    layouts = _learned(source)

    forced = _mapper.parse_text(source, "2021", layouts)
    assert len(layouts) == 1
    _mapper.parse_text(source, "2021", layouts)

    assert len(layouts) == 2
    assert forced == _mapper.parse_text(source, None, layouts)
    with pytest.raises(ParseError):
        _mapper.parse_text(source, "2014", layouts)


def test_the_memo_is_bounded() -> None:
    """However many layouts are met, only a bounded number are kept."""
    layouts = _layout.Layouts()
    for n in range(200):
        padding = " | " * (n % 97)
        source = f"某区2019年报告\n（一）收到申请数 | 件 | {n} |{padding}\n"
        _mapper.parse_text(source, None, layouts)
        _mapper.parse_text(source, None, layouts)

    assert 0 < len(layouts) <= _layout._MAX_KEYS * _layout._MAX_PER_KEY


_Reader = Callable[
    [str, _declare.Cell, str], tuple[_declare.Value, str | None]
]

_ALL_CELLS = [
    cell
    for report_type in (Report2014, Report2019, Report2021)
    for cell in _declare.cell_map(report_type.TABLE).values()
]


@given(
    st.sampled_from(_ALL_CELLS),
    _CELLS
    | st.text(alphabet="0123456789.", min_size=1, max_size=20)
    | st.builds(
        "".join,
        st.lists(
            st.sampled_from(["0", "7", "12", ".", "5", "元", "万元", "亿元"])
        ),
    ),
    st.sampled_from(["", "件", "元", "万元", "条", "—"]),
)
def test_read_value_shortcuts_agree_with_the_full_reader(
    cell: _declare.Cell, printed: str, unit: str
) -> None:
    """The plain-number shortcuts give what the full cell reader gives."""

    def read(reader: _Reader) -> tuple[object, object] | str:
        try:
            value, raw = reader(printed, cell, unit)
        except _lexer.ValueSyntaxError as exc:
            return str(exc)
        return (type(value), value), raw

    assert read(_lexer.read_value) == read(_lexer.read_any)


def test_huge_tables_are_not_learned() -> None:
    """A table of more lines than any report has is never kept in the memo."""
    source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
    padded = source + "| | | |\n" * _layout.MAX_LINES
    layouts = _layout.Layouts()

    first = _mapper.parse_text(padded, None, layouts)
    second = _mapper.parse_text(padded, None, layouts)

    assert len(layouts) == 0
    assert first == second == _mapper.parse_text(source, None, layouts)


def _document_outcome(page: str | bytes, layouts: _layout.Layouts) -> str:
    """The repr of the report of an HTML *page* read with *layouts*."""
    try:
        return repr(
            _mapper.read_document(html.to_document(page), None, layouts)
        )
    except ParseError as exc:
        return f"ParseError: {exc}"


def test_pages_are_learned_and_read_back() -> None:
    """The sample pages teach a layout each, which reads them back alike."""
    for name in ("shanghai-office-2019.html", "pingtan-2024.html"):
        page = (EXAMPLES / name).read_bytes()
        layouts = _layout.Layouts()
        cold = _document_outcome(page, _layout.Layouts())

        readings = [_document_outcome(page, layouts) for _ in range(3)]

        assert len(layouts) == 1
        assert readings == [cold] * 3


_HTML_CELL = re.compile(r"<td>([^<]*)</td>")


@given(st.sampled_from(["2014", "2019", "2021"]), st.data())
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_a_learned_page_layout_reads_other_values_as_the_mapper_does(
    template: str, data: st.DataObject
) -> None:
    """
    Learn the layout of a page, then read it with cells changed (other
    numbers, money, blanks, words, a pipe): what the full mapping reads.
    """
    report = data.draw(reports(template=template, blanks=True))
    page = html.render(report)
    layouts = _layout.Layouts()
    _document_outcome(page, layouts)
    _document_outcome(page, layouts)
    cells = list(_HTML_CELL.finditer(page))
    edited = page
    for _ in range(data.draw(st.integers(0, 3)) if cells else 0):
        m = data.draw(st.sampled_from(cells))
        new = data.draw(_CELLS | st.sampled_from(["1,234", "约3", "a|b"]))
        cell = f"<td>{_escape.escape(new, quote=False)}</td>"
        edited = edited.replace(m[0], cell, 1)

    assert _document_outcome(edited, layouts) == _document_outcome(
        edited, _layout.Layouts()
    )
