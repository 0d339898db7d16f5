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

import re
from collections.abc import Callable
from typing import Any, Literal, overload

from govdisclosure import _declare, _lexer
from govdisclosure._declare import Cell, Header, Heading, Kind, Row
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
    stated_scope,
)
from govdisclosure._templates import REPORT_TYPES, Report
from govdisclosure.errors import ParseError

__all__ = ["detect_template", "parse", "render"]

_HEADER_ROW = "指 标 | 单位 | 数量 |"


@overload
def parse(text: str, *, template: Literal["2014"]) -> Report2014: ...
@overload
def parse(text: str, *, template: Literal["2019"]) -> Report2019: ...
@overload
def parse(text: str, *, template: Literal["2021"]) -> Report2021: ...
@overload
def parse(text: str, *, template: str | None = None) -> Report: ...
def parse(text: str, *, template: str | None = None) -> Report:
    """
    Read a report from its plain-text form.

    The template generation is detected from the text (see
    :func:`detect_template`) unless *template* (``"2014"``, ``"2019"`` or
    ``"2021"``) is given.

    Raises:
        ParseError: naming the line and what was expected; no other
            exception escapes for any string.
    """
    if not isinstance(text, str):
        raise ParseError(f"expected text (str), got {type(text).__name__}")
    if template is not None and template not in REPORT_TYPES:
        known = ", ".join(sorted(REPORT_TYPES))
        raise ParseError(
            f"unknown template {template!r}: expected one of {known}"
        )
    lines = _lines(text)
    rows = _split(lines)
    chosen = template or _detect(lines, rows)
    if chosen == Report2014.TEMPLATE:
        return _Parser(lines, rows).report()
    national: type[Report2019 | Report2021] = (
        Report2019 if chosen == Report2019.TEMPLATE else Report2021
    )
    return _NationalParser(lines, rows, national).report()


def _split(lines: list[str]) -> dict[int, tuple[str, ...]]:
    """
    The cells of every table line, by line index (split once per parse).
    """
    return {
        i: _lexer.split_row(line)
        for i, line in enumerate(lines)
        if "|" in line
    }


def _lines(text: str) -> list[str]:
    return [
        line.rstrip("\r") for line in text.removeprefix("\ufeff").split("\n")
    ]


_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def detect_template(text: str) -> str:
    """
    The template generation of a report in text form: ``"2014"`` (the old
    statistical table), ``"2019"`` or ``"2021"`` (the national templates).

    The table rows and header labels are matched against each template's
    declared labels; the template matching the most distinct labels wins.
    A tie is broken by the year in the first line (2019 and 2020 reports
    use the 2019 template; later ones the 2021 template); rows of at most
    three cells that match nothing are read as the old table.

    >>> detect_template("某局2021年度报告\\n| 行政规范性文件 | 3 | 0 | 12 |")
    '2021'
    >>> detect_template("某局2019年度报告\\n| 政府集中采购 | 6 | 251000元 |")
    '2019'
    """
    lines = _lines(text)
    return _detect(lines, _split(lines))


_DIGIT_CELL = re.compile(r"(?:^|\|)\s*\d")


def _detect(lines: list[str], rows: dict[int, tuple[str, ...]]) -> str:
    keys: set[str] = set()
    widest = 0
    for index, cells in rows.items():
        widest = max(widest, len(cells))
        if cells[0]:
            keys.add(_lexer.label_key(cells[0]))
        if not _DIGIT_CELL.search(lines[index]):
            # A header row: its column labels tell the templates apart.
            keys.update(_lexer.label_key(c) for c in cells[1:] if c)
    scores: dict[str, int] = {}
    for name, cls in REPORT_TYPES.items():
        table_type = cls.TABLE
        known = set(_lexer.candidates(table_type)) | _lexer.header_words(
            table_type
        )
        scores[name] = len(keys & known)
    best = max(scores.values())
    if best == 0 and widest <= 3:  # label | unit | value
        return Report2014.TEMPLATE
    tied = [name for name, score in scores.items() if score == best]
    if len(tied) == 1:
        return tied[0]
    first = next((line for line in lines if line.strip()), "")
    m = _YEAR.search(first)
    year = int(m[1]) if m else 9999
    by_year = "2014" if year < 2019 else "2019" if year < 2021 else "2021"
    return by_year if by_year in tied else tied[-1]


class _Parser:
    def __init__(
        self, lines: list[str], rows: dict[int, tuple[str, ...]]
    ) -> None:
        self.lines = lines
        self.rows = rows
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
            cells = self.rows[index]
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

    def __init__(
        self, options: dict[str, tuple[_lexer.Labelled, ...]]
    ) -> None:
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
        if not isinstance(entry, Cell):
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


class _NationalParser:
    """
    A report in a national template: narrative sections, with the tables'
    pipe rows wherever they appear.
    """

    def __init__(
        self,
        lines: list[str],
        rows: dict[int, tuple[str, ...]],
        report_type: type[Report2019 | Report2021],
    ) -> None:
        self.lines = lines
        self.rows = rows
        self.report_type = report_type

    def report(self) -> Report2019 | Report2021:
        title_parser = _Parser(self.lines, self.rows)
        title = title_parser.title()
        table_type = self.report_type.TABLE
        grid = _Grid(table_type)
        preamble: list[str] = []
        sections: list[tuple[str, list[str]]] = []
        for index in range(title_parser.pos, len(self.lines)):
            line = self.lines[index]
            if "|" in line:
                try:
                    grid.add(self.rows[index], index + 1)
                except _lexer.ValueSyntaxError as exc:
                    raise title_parser.error(str(exc), index) from None
            elif _lexer.is_heading_line(line):
                sections.append((line.strip(), []))
                grid.enter(_numeral(line))
            else:
                (sections[-1][1] if sections else preamble).append(line)
        if not grid.seen:
            raise ParseError(
                "no table row of the national template found: expected rows "
                "such as '| （一）予以公开 | 27 | 0 | 0 | 2 | 0 | 1 | 30 |'",
                line=len(self.lines),
            )
        made = [
            Section(heading=h, body="\n".join(_strip_blank(b)))
            for h, b in sections
        ]
        narrative = "\n".join([*preamble, *(s.body for s in made)])
        return self.report_type(
            title=title,
            preamble="\n".join(_strip_blank(preamble)),
            sections=tuple(made),
            scope=stated_scope(narrative),
            table=_declare.build(table_type, grid.values),
            extra_rows=tuple(grid.extra),
            cell_texts=tuple(grid.texts),
        )


_NUMERAL = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*、")


def _numeral(heading: str) -> str:
    m = _NUMERAL.match(heading)
    return m[1] if m else ""


class _Grid:
    """
    The pipe rows of the national tables read so far.
    """

    def __init__(self, table_type: type[Any]) -> None:
        self.table_type = table_type
        self.options = _lexer.candidates(table_type)
        self.headers = _lexer.header_words(table_type)
        self.sections: dict[str, str] = table_type.SECTIONS
        self.unlabelled = [
            r for r in _declare.rows(table_type) if r.label is None
        ]
        self.values: dict[str, Any] = {}
        self.texts: list[CellText] = []
        self.extra: list[GridRow] = []
        self.seen: dict[str, int] = {}
        self.context = ""
        self.table = next(iter(self.sections))

    def enter(self, numeral: str) -> None:
        for table, heading in self.sections.items():
            if _numeral(heading) == numeral:
                self.table = table
                self.context = table

    def add(self, cells: tuple[str, ...], line: int) -> None:
        label, rest = cells[0], cells[1:]
        found = self.options.get(_lexer.label_key(label)) if label else None
        if found:
            entry = _lexer.pick(found, self.context)
            self.context = entry.key
            self.table = entry.key.partition(".")[0]
            if isinstance(entry, Row):
                self.row(entry, rest, line)
            elif any(
                _lexer.compact(c) not in ("", *_lexer.NULL_TEXTS) for c in rest
            ):
                msg = f"{entry.label} is a heading and takes no value, found {rest!r}"
                raise _lexer.ValueSyntaxError(msg)
            return
        if not any(cells) or self.is_header(cells):
            return
        for entry in self.unlabelled:
            width = len(entry.cells)
            if len(cells) == width or (len(cells) == width + 1 and not label):
                self.context = entry.key
                self.table = entry.key.partition(".")[0]
                self.row(entry, cells[-width:], line)
                return
        self.extra.append(
            GridRow(table=self.table, label=label, cells=tuple(rest))
        )

    def is_header(self, cells: tuple[str, ...]) -> bool:
        return all(not c or _lexer.label_key(c) in self.headers for c in cells)

    def row(self, entry: Row, texts: tuple[str, ...], line: int) -> None:
        name = entry.label or "the row of table 四"
        if entry.key in self.seen:
            msg = f"{name} ({entry.key}) is given twice: first on line {self.seen[entry.key]}"
            raise _lexer.ValueSyntaxError(msg)
        width = len(entry.cells)
        if any(texts[width:]):
            msg = f"{name} has {width} column(s), found {len(texts)} cells"
            raise _lexer.ValueSyntaxError(msg)
        self.seen[entry.key] = line
        values = self.values
        for cell, text in zip(entry.cells, texts, strict=False):
            if text == "0" and cell.kind is not Kind.MONEY:
                values[cell.key] = 0  # the commonest cell of all, as printed
                continue
            values[cell.key], raw = _lexer.read_value(text, cell, "")
            if raw is not None:
                self.texts.append(CellText(key=cell.key, text=raw))


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
    otherwise the plain number; blank cells print nothing.  A national
    report's tables are printed in the pipe form, each after the narrative
    of its section (二, 三, 四), or at the end when that section is absent.

    >>> r = Report2014(title="某区2019年政府信息公开工作年度报告")
    >>> print(render(r).splitlines()[2])
    一、主动公开情况 | — | |
    """
    if isinstance(report, Report2019 | Report2021):
        return _render_national(report)
    return _render_2014(report)


def _render_2014(report: Report2014) -> str:
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
        elif isinstance(entry, Cell):
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


def _render_national(
    report: Report2019 | Report2021,
    grid: Callable[[Report2019 | Report2021, str], list[str]] | None = None,
    prose: Callable[[str], str] | None = None,
) -> str:
    """
    The report with each table after the narrative of its section; *grid*
    writes a table (default: the pipe form), *prose* a block of narrative
    text (default: as it is).
    """
    write = grid or _grid_lines
    say = prose or (lambda block: block)
    lines = [say(report.title)]
    if report.preamble:
        lines.append(say(report.preamble))
    table = report.table
    sections: dict[str, str] = type(table).SECTIONS
    pending = list(sections)
    for section in report.sections:
        lines.append(say(section.heading))
        if section.body:
            lines.append(say(section.body))
        numeral = _numeral(section.heading)
        for name in [n for n in pending if _numeral(sections[n]) == numeral]:
            lines.extend(write(report, name))
            pending.remove(name)
    for name in pending:
        lines.extend(write(report, name))
    return "\n".join(lines) + "\n"


def _table_entries(
    report: Report2019 | Report2021, name: str
) -> list[_declare.Entry]:
    """
    The layout entries of the national table *name*.
    """
    return [
        e
        for e in _declare.layout(type(report.table))
        if e.key == name or e.key.startswith(f"{name}.")
    ]


def _shown(report: Report, cell: Cell) -> str:
    """
    How a cell prints: its kept raw text when that still reads as its
    value, else the plain number; blank prints nothing.
    """
    texts = {t.key: t.text for t in report.cell_texts}
    return _cell_text(
        _declare.get(report.table, cell.key), texts.get(cell.key), cell
    )


def _pipe(cells: list[str] | tuple[str, ...]) -> str:
    return "|" + "".join(f" {c} |" if c else " |" for c in cells)


def _grid_lines(report: Report2019 | Report2021, name: str) -> list[str]:
    table = report.table
    texts = {t.key: t.text for t in report.cell_texts}
    entries = _table_entries(report, name)
    width = max(len(e.cells) for e in entries if isinstance(e, Row))
    lines: list[str] = []
    for entry in entries:
        if isinstance(entry, Heading):
            lines.append(_pipe([entry.label, *[""] * width]))
        elif isinstance(entry, Header):
            pad = width if entry.corner is not None else 0
            lines.extend(
                _pipe([*line, *[""] * (pad + 1 - len(line))])
                for line in entry.lines()
            )
        elif isinstance(entry, Row):
            shown = [
                _cell_text(_declare.get(table, c.key), texts.get(c.key), c)
                for c in entry.cells
            ]
            if entry.label is None:
                lines.append(_pipe(shown))
            else:
                padding = [""] * (width - len(shown))
                lines.append(_pipe([entry.label, *shown, *padding]))
    lines.extend(
        _pipe([row.label, *row.cells])
        for row in report.extra_rows
        if row.table == name
    )
    return lines


def _cell_text(value: Any, raw: str | None, cell: Cell) -> str:
    if raw is not None:
        try:
            if _lexer.read_value(raw, cell, cell.unit)[0] == value:
                return raw
        except _lexer.ValueSyntaxError:
            pass
    return "" if value is None else str(value)
