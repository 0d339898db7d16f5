"""
Reports in their plain-text form: :func:`parse` and :func:`render`.

The form is the one text extraction gives for a report with the old
statistical appendix (see ``zhuhui-2019.txt``)::

    report     = title, {preamble line}, {section}, table, {trailer line} ;
    title      = non-blank line ;
    section    = heading, {body line} ;         (* heading: "一、…" … "十一、…" *)
    table      = [header row], row, {row} ;     (* the first line with "|" *)
    row        = label, "|", unit, "|", value, ["|"] ;
    header row = ("指 标" | "统计指标" | …), "|", …  ;

Rows are matched to the schema by label (enumerators such as ``（一）``,
``1、`` or ``1.``, notes in parentheses, white space, NBSP and full-width
forms are ignored; aliases are accepted).  A row the schema does not know
is kept as an :class:`~govdisclosure.ExtraRow`.  Values may carry commas,
full-width digits, or a unit; ``无``, ``—`` and blank cells are blank
(``None``), and any printed text that is not the plain number is kept.

>>> report = parse('''某区2019年政府信息公开工作年度报告
... 一、概述
... 本年度共收到申请5件。
... 二、附表
... 指标 | 单位 | 数量 |
... （一）收到申请数 | 件 | 5 |
... 1.当面申请数 | 件 | 0 |
... 3.网络申请数 | 件 | 5 |
... ''')
>>> report.year, report.table.applications.received
(2019, 5)
>>> report.table.applications.fax is None
True
>>> parse(render(report)) == report
True
"""

from __future__ import annotations

from typing import Any

from govdisclosure import _declare, _lexer
from govdisclosure._declare import Cell, Heading
from govdisclosure._report2014 import (
    CellText,
    ExtraRow,
    Report2014,
    Section,
)
from govdisclosure._templates import Report
from govdisclosure.errors import ParseError

__all__ = ["parse", "render"]

_HEADER_ROW = "指 标 | 单位 | 数量 |"


def parse(text: str) -> Report:
    """
    Read a report from its plain-text form.

    Raises:
        ParseError: naming the line and what was expected; no other
            exception escapes for any string.
    """
    if not isinstance(text, str):
        raise ParseError(f"expected text (str), got {type(text).__name__}")
    lines = [
        line.rstrip("\r") for line in text.removeprefix("\ufeff").split("\n")
    ]
    return _Parser(lines).report()


class _Parser:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.pos = 0

    def error(self, message: str, index: int) -> ParseError:
        source = self.lines[index] if 0 <= index < len(self.lines) else ""
        return ParseError(message, line=index + 1, source=source.strip())

    def report(self) -> Report2014:
        title = self.title()
        preamble = self.block()
        sections: list[Section] = []
        while self.pos < len(self.lines) and _lexer.is_heading_line(
            self.lines[self.pos]
        ):
            heading = self.lines[self.pos].strip()
            self.pos += 1
            sections.append(Section(heading=heading, body=self.block()))
        if self.pos >= len(self.lines):
            raise ParseError(
                "no statistical table found: expected rows such as "
                "'（一）收到申请数 | 件 | 5 |'",
                line=len(self.lines),
            )
        table_type = Report2014.TABLE
        values, texts, extra = self.table(table_type)
        trailer = _strip_blank(self.lines[self.pos :])
        return Report2014(
            title=title,
            preamble=preamble,
            sections=tuple(sections),
            table=_declare.build(table_type, values),
            extra_rows=tuple(extra),
            cell_texts=tuple(texts),
            trailer="\n".join(trailer),
        )

    def title(self) -> str:
        while self.pos < len(self.lines) and not self.lines[self.pos].strip():
            self.pos += 1
        if self.pos >= len(self.lines):
            raise ParseError("empty text: expected the report's title", line=1)
        line = self.lines[self.pos]
        if "|" in line or _lexer.is_heading_line(line):
            raise self.error(
                "expected the report's title before the sections and table",
                self.pos,
            )
        self.pos += 1
        return line.strip()

    def block(self) -> str:
        start = self.pos
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            if "|" in line or _lexer.is_heading_line(line):
                break
            self.pos += 1
        return "\n".join(_strip_blank(self.lines[start : self.pos]))

    def table(
        self, table_type: type[Any]
    ) -> tuple[dict[str, Any], list[CellText], list[ExtraRow]]:
        rows = _Rows(_lexer.candidates(table_type))
        first = True
        while self.pos < len(self.lines):
            index = self.pos
            line = self.lines[index]
            if not line.strip():
                self.pos += 1
                continue
            if "|" not in line:
                break
            self.pos += 1
            cells = _lexer.split_row(line)
            if len(cells) > 3 and any(cells[3:]):
                raise self.error(
                    f"expected 'label | unit | value |', found {len(cells)} cells",
                    index,
                )
            label, unit, value = [*cells, "", ""][:3]
            if first and _lexer.label_key(label) in _lexer.HEADER_LABELS:
                first = False
                continue
            first = False
            try:
                rows.add(label, unit, value, index + 1)
            except _lexer.ValueSyntaxError as exc:
                raise self.error(str(exc), index) from None
        return rows.values, rows.texts, rows.extra


class _Rows:
    """
    The rows of a table read so far, matched to the schema.
    """

    def __init__(self, options: dict[str, tuple[Cell | Heading, ...]]) -> None:
        self.options = options
        self.values: dict[str, Any] = {}
        self.texts: list[CellText] = []
        self.extra: list[ExtraRow] = []
        self.seen: dict[str, int] = {}
        self.context = ""

    def add(self, label: str, unit: str, value: str, line: int) -> None:
        found = self.options.get(_lexer.label_key(label))
        if not found:
            self.extra.append(ExtraRow(label=label, unit=unit, value=value))
            return
        entry = _lexer.pick(found, self.context)
        self.context = entry.key
        if isinstance(entry, Heading):
            if _lexer.compact(value) not in ("", *_lexer.NULL_TEXTS):
                msg = f"{entry.label} is a heading and takes no value, found {value!r}"
                raise _lexer.ValueSyntaxError(msg)
            return
        if entry.key in self.seen:
            msg = f"{entry.label} ({entry.key}) is given twice: first on line {self.seen[entry.key]}"
            raise _lexer.ValueSyntaxError(msg)
        self.seen[entry.key] = line
        self.values[entry.key], raw = _lexer.read_value(value, entry, unit)
        if raw is not None:
            self.texts.append(CellText(key=entry.key, text=raw))


def _strip_blank(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def render(report: Report) -> str:
    """
    Write *report* in the plain-text form that :func:`parse` reads.

    Cells print their kept raw text when it still reads as their value,
    otherwise the plain number; blank cells print nothing.

    >>> r = Report2014(title="某区2019年政府信息公开工作年度报告")
    >>> print(render(r).splitlines()[2])
    一、主动公开情况 | — | |
    """
    lines = [report.title]
    if report.preamble:
        lines.append(report.preamble)
    for section in report.sections:
        lines.append(section.heading)
        if section.body:
            lines.append(section.body)
    lines.append(_HEADER_ROW)
    table = report.table
    texts = {t.key: t.text for t in report.cell_texts}
    for entry in _declare.layout(type(table)):
        if isinstance(entry, Heading):
            lines.append(f"{entry.label} | — | |")
            continue
        value = _declare.get(table, entry.key)
        shown = _cell_text(value, texts.get(entry.key), entry)
        lines.append(f"{entry.label} | {entry.unit} | {shown} |")
    for row in report.extra_rows:
        # An empty label needs the leading "|" so the row keeps 3 cells.
        lead = "" if row.label else "| "
        lines.append(f"{lead}{row.label} | {row.unit} | {row.value} |")
    if report.trailer:
        lines.append(report.trailer)
    return "\n".join(lines) + "\n"


def _cell_text(value: Any, raw: str | None, cell: Cell) -> str:
    if raw is not None:
        try:
            if _lexer.read_value(raw, cell, cell.unit)[0] == value:
                return raw
        except _lexer.ValueSyntaxError:
            pass
    return "" if value is None else str(value)
