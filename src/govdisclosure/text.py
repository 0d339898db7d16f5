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
from typing import Any, Literal, NamedTuple, overload

from govdisclosure import _declare, _layout, _lexer
from govdisclosure._declare import Cell, Header, Heading, Kind, Row
from govdisclosure._report2014 import (
    CellText,
    ExtraRow,
    Report2014,
    Section,
    _sorted_texts,
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

    A report whose table lines are written like those of a report read
    before (the same rows, labels and header lines; only the numbers
    differ, as in an archive written out by one tool) is read through the
    compiled layout of the earlier one, several times faster; the result
    is always the one the full parser gives.

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
    return _parse(text, template, _LAYOUTS)


#: Layouts compiled from the reports read so far (a bounded memo: it
#: decides how fast a report is read, never what is read).
_LAYOUTS = _layout.Layouts()


def _parse(
    text: str, template: str | None, layouts: _layout.Layouts
) -> Report:
    """
    :func:`parse`, with the layouts known so far in *layouts*.
    """
    lines = _lines(text)
    table = [line for line in lines if "|" in line]
    for layout in layouts.find(template, len(table)):
        report = _read_by_layout(lines, layout, table)
        if report is not None:
            return report
    return _read(lines, table, template, layouts)


def _read(
    lines: list[str],
    table: list[str],
    template: str | None,
    layouts: _layout.Layouts,
) -> Report:
    """
    The general parser; a report whose table lines it has met before
    teaches *layouts* their layout.
    """
    rows = _split(lines)
    contenders = (template,) if template else _contenders(lines, rows)
    chosen = _choose(lines, contenders)
    report: Report
    if chosen == Report2014.TEMPLATE:
        parser = _Parser(lines, rows)
        report = parser.report()
        reading = parser.reading
    else:
        grid_parser = _NationalParser(lines, rows, _NATIONAL[chosen])
        report = grid_parser.report()
        reading = grid_parser.reading
    if (
        reading is not None
        and not report.extra_rows
        and len(table) <= _layout.MAX_LINES
        and layouts.met(
            hash((template, *(cells[0] for cells in rows.values())))
        )
    ):
        _learn(
            report,
            reading=reading,
            table_index=list(rows),
            table=table,
            template=template,
            contenders=contenders,
            layouts=layouts,
        )
    return report


def _learn(
    report: Report,
    *,
    reading: _Reading,
    table_index: list[int],
    table: list[str],
    template: str | None,
    contenders: tuple[str, ...],
    layouts: _layout.Layouts,
) -> None:
    """
    Compile the layout of *report*'s *table* lines (at *table_index* in
    the text's lines) and keep it when it reads them back to the same
    table.
    """
    ordinal = {index: n for n, index in enumerate(table_index)}
    try:
        layout = _layout.compile_layout(
            type(report.table),
            table,
            {key: (ordinal[i], j) for key, (i, j) in reading.origins.items()},
            template=type(report).TEMPLATE,
            tied=contenders if len(contenders) > 1 else (),
            units=reading.units,
        )
    except ValueError:
        return
    read = _layout.apply(layout, table)
    if (
        read is not None
        and _typed(read[0]) == _typed(report.table)
        and _sorted_texts(read[1]) == report.cell_texts
    ):
        layouts.add(template, layout.lines, layout)


def _assemble(table_type: type[Any], values: dict[str, Any]) -> Any:
    """
    The table of the cell *values* the parser read (by key; blank when
    absent), built without re-running the validators on what
    :func:`_lexer.read_value` already checked.
    """
    keys = _declare.cell_map(table_type)
    return _declare.assemble(table_type)([values.get(k) for k in keys])


def _typed(table: Any) -> tuple[tuple[type, Any], ...]:
    """
    Every cell of *table* with its type (``Decimal(5) == 5``).
    """
    return tuple((type(v), v) for v in _declare.reader(type(table))(table))


def _read_by_layout(
    lines: list[str], layout: _layout.Layout, table: list[str]
) -> Report | None:
    """
    The report read with a compiled *layout*, or ``None`` when the layout
    does not fit (the general parser then reads it).
    """
    if layout.tied and _choose(lines, layout.tied) != layout.template:
        return None
    read = _layout.apply(layout, table)
    if read is None:
        return None
    if layout.template == Report2014.TEMPLATE:
        return _Parser(lines, {}).report(read)
    national = _NATIONAL[layout.template]
    return _NationalParser(lines, {}, national).report(read)


_NATIONAL: dict[str, type[Report2019 | Report2021]] = {
    Report2019.TEMPLATE: Report2019,
    Report2021.TEMPLATE: Report2021,
}


class _Reading(NamedTuple):
    """
    Where the general parser found each cell: *origins* gives the line
    index and the cell index in :func:`_lexer.split_row` of that line;
    *units* the unit column's text (the old table).
    """

    origins: dict[str, tuple[int, int]]
    units: dict[str, str]


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
    lines = text.removeprefix("\ufeff").split("\n")
    if "\r" in text:
        return [line.rstrip("\r") for line in lines]
    return lines


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
    return _choose(lines, _contenders(lines, _split(lines)))


_DIGIT_CELL = re.compile(r"(?:^|\|)\s*\d")


def _contenders(
    lines: list[str], rows: dict[int, tuple[str, ...]]
) -> tuple[str, ...]:
    """
    The templates whose labels match the most distinct row and header
    labels (several on a tie).
    """
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
        return (Report2014.TEMPLATE,)
    return tuple(name for name, score in scores.items() if score == best)


def _choose(lines: list[str], contenders: tuple[str, ...]) -> str:
    """
    One of the *contenders*: the only one, else by the title's year
    (2019 and 2020 reports use the 2019 template, later ones 2021).
    """
    if len(contenders) == 1:
        return contenders[0]
    first = next((line for line in lines if line.strip()), "")
    m = _YEAR.search(first)
    year = int(m[1]) if m else 9999
    by_year = "2014" if year < 2019 else "2019" if year < 2021 else "2021"
    return by_year if by_year in contenders else contenders[-1]


#: A table already read by a layout: the table and its printed texts.
_Read = tuple[Any, list[CellText]]


class _Parser:
    def __init__(
        self, lines: list[str], rows: dict[int, tuple[str, ...]]
    ) -> None:
        self.lines = lines
        self.rows = rows
        self.pos = 0
        #: Where the table's cells were found (after a general read that
        #: used every table line).
        self.reading: _Reading | None = None

    def error(self, message: str, index: int) -> ParseError:
        return _error(self.lines, message, index)

    @overload
    def report(self) -> Report2014: ...
    @overload
    def report(self, read: _Read) -> Report2014 | None: ...
    def report(self, read: _Read | None = None) -> Report2014 | None:
        """
        The report; with *read* (the table as a layout read it), ``None``
        unless every table line is in the table's block.
        """
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
        if read is None:
            values, texts, extra = self.table(table_type)
            table = _assemble(table_type, values)
        else:
            table, texts = read
            extra = []
            if self.skip_table() != sum("|" in line for line in self.lines):
                return None
        trailer = _strip_blank(self.lines[self.pos :])
        return Report2014(
            title=title,
            preamble=preamble,
            sections=tuple(sections),
            table=table,
            extra_rows=tuple(extra),
            cell_texts=tuple(texts),
            trailer="\n".join(trailer),
        )

    def skip_table(self) -> int:
        """
        Move past the table's block; return how many table lines it has.
        """
        count = 0
        lines = self.lines
        while self.pos < len(lines):
            line = lines[self.pos]
            if "|" in line:
                count += 1
            elif line.strip():
                break
            self.pos += 1
        return count

    def title(self) -> str:
        title, self.pos = _title(self.lines, self.pos)
        return title

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
        used = 0
        while self.pos < len(self.lines):
            index = self.pos
            line = self.lines[index]
            if not line.strip():
                self.pos += 1
                continue
            if "|" not in line:
                break
            self.pos += 1
            used += 1
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
                rows.add(label, unit, value, index)
            except _lexer.ValueSyntaxError as exc:
                raise self.error(str(exc), index) from None
        if used == len(self.rows):
            self.reading = _Reading(rows.origins, rows.units)
        return rows.values, rows.texts, rows.extra


def _error(lines: list[str], message: str, index: int) -> ParseError:
    """
    A ParseError about line *index* (from 0) of *lines*.
    """
    source = lines[index] if 0 <= index < len(lines) else ""
    return ParseError(message, line=index + 1, source=source.strip())


def _title(lines: list[str], pos: int = 0) -> tuple[str, int]:
    """
    The title (the first non-blank line from *pos* on) and the index of
    the line after it.
    """
    while pos < len(lines) and not lines[pos].strip():
        pos += 1
    if pos >= len(lines):
        raise ParseError("empty text: expected the report's title", line=1)
    line = lines[pos]
    if "|" in line or _lexer.is_heading_line(line):
        raise _error(
            lines,
            "expected the report's title before the sections and table",
            pos,
        )
    return line.strip(), pos + 1


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
        self.origins: dict[str, tuple[int, int]] = {}
        self.units: dict[str, str] = {}

    def add(self, label: str, unit: str, value: str, index: int) -> None:
        """
        Read the row on line *index* (from 0).
        """
        line = index + 1
        found = self.options.get(_lexer.label_key(label))
        if not found:
            self.extra.append(ExtraRow(label=label, unit=unit, value=value))
            return
        entry = _lexer.pick(found, self.context)
        self.context = entry.key
        if not isinstance(entry, Cell):
            if value and _lexer.compact(value) not in _NO_VALUE:
                msg = f"{entry.label} is a heading and takes no value, found {value!r}"
                raise _lexer.ValueSyntaxError(msg)
            return
        if entry.key in self.seen:
            msg = f"{entry.label} ({entry.key}) is given twice: first on line {self.seen[entry.key]}"
            raise _lexer.ValueSyntaxError(msg)
        self.seen[entry.key] = line
        self.origins[entry.key] = (index, 2)
        self.units[entry.key] = unit
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
        #: Where the table's cells were found (after a general read).
        self.reading: _Reading | None = None

    def report(self, read: _Read | None = None) -> Report2019 | Report2021:
        """
        The report; with *read*, the table as a layout read it.
        """
        title, start = _title(self.lines)
        if read is None:
            read, extra = self.grid(start)
        else:
            extra = []
        table, texts = read
        preamble, sections = _prose(self.lines, start)
        made: list[Section] = []
        narrative = preamble[:]  # for the stated scope
        section = _declare.direct(Section)
        for heading, before, under in sections:
            body = "\n".join(_strip_blank(before))
            after = "\n".join(_strip_blank(under)) if under else ""
            made.append(section(heading, body, after))
            narrative.append(body)
            if after:
                narrative.append(after)
        fields = {
            "title": title,
            "preamble": "\n".join(_strip_blank(preamble)),
            "sections": tuple(made),
            "scope": stated_scope("\n".join(narrative)),
            "table": table,
        }
        if extra:
            return self.report_type(
                **fields, extra_rows=tuple(extra), cell_texts=tuple(texts)
            )
        # Every field is already in the form the validators and converters
        # require (a layout's reading has no unknown rows).
        made_report: Report2019 | Report2021 = _declare.direct(
            self.report_type
        )(**fields, extra_rows=(), cell_texts=_sorted_texts(texts))
        return made_report

    def grid(self, start: int) -> tuple[_Read, list[GridRow]]:
        """
        Read the tables' rows with the general parser (recording where
        each cell was found in :attr:`reading`).
        """
        table_type = self.report_type.TABLE
        grid = _Grid(table_type)
        for index in range(start, len(self.lines)):
            line = self.lines[index]
            if "|" in line:
                try:
                    grid.add(self.rows[index], index)
                except _lexer.ValueSyntaxError as exc:
                    raise _error(self.lines, str(exc), index) from None
            elif _lexer.HEADING.match(line):
                grid.enter(_numeral(line))
        if not grid.seen:
            raise ParseError(
                "no table row of the national template found: expected "
                "rows such as '| （一）予以公开 | 27 | 0 | 0 | 2 | 0 | 1 | 30 |'",
                line=len(self.lines),
            )
        self.reading = _Reading(grid.origins, {})
        table = _assemble(table_type, grid.values)
        return (table, grid.texts), grid.extra


#: What a heading row may print in its value cells.
_NO_VALUE = frozenset({"", *_lexer.NULL_TEXTS})


def _prose(
    lines: list[str], start: int
) -> tuple[list[str], list[tuple[str, list[str], list[str]]]]:
    """
    The narrative from line *start* on (table lines left out): the lines
    before the first section heading, and each heading with the lines
    under it before its first table line and after it.
    """
    preamble: list[str] = []
    sections: list[tuple[str, list[str], list[str]]] = []
    body = preamble
    tabled = True  # no section yet: the preamble takes every line
    heading = _lexer.HEADING.match
    for line in lines[start:]:
        if "|" in line:
            if not tabled:
                body = sections[-1][2]
                tabled = True
            continue
        if "、" in line and heading(line):
            body = []
            sections.append((line.strip(), body, []))
            tabled = False
        else:
            body.append(line)
    return preamble, sections


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
        self.origins: dict[str, tuple[int, int]] = {}

    def enter(self, numeral: str) -> None:
        for table, heading in self.sections.items():
            if _numeral(heading) == numeral:
                self.table = table
                self.context = table

    def add(self, cells: tuple[str, ...], index: int) -> None:
        """
        Read the row *cells* on line *index* (from 0).
        """
        label, rest = cells[0], cells[1:]
        found = self.options.get(_lexer.label_key(label)) if label else None
        if found:
            entry = _lexer.pick(found, self.context)
            self.context = entry.key
            self.table = entry.key.partition(".")[0]
            if isinstance(entry, Row):
                self.row(entry, rest, index, 1)
            elif any(c and _lexer.compact(c) not in _NO_VALUE for c in rest):
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
                self.row(entry, cells[-width:], index, len(cells) - width)
                return
        self.extra.append(
            GridRow(table=self.table, label=label, cells=tuple(rest))
        )

    def is_header(self, cells: tuple[str, ...]) -> bool:
        return all(not c or _lexer.label_key(c) in self.headers for c in cells)

    def row(
        self, entry: Row, texts: tuple[str, ...], index: int, first: int
    ) -> None:
        """
        Read *texts*, the cells of *entry* from cell *first* of line
        *index* on.
        """
        name = entry.label or "the row of table 四"
        if entry.key in self.seen:
            msg = f"{name} ({entry.key}) is given twice: first on line {self.seen[entry.key]}"
            raise _lexer.ValueSyntaxError(msg)
        width = len(entry.cells)
        if any(texts[width:]):
            msg = f"{name} has {width} column(s), found {len(texts)} cells"
            raise _lexer.ValueSyntaxError(msg)
        self.seen[entry.key] = index + 1
        values = self.values
        for column, (cell, text) in enumerate(
            zip(entry.cells, texts, strict=False)
        ):
            self.origins[cell.key] = (index, first + column)
            if text == "0" and cell.kind is not Kind.MONEY:
                values[cell.key] = 0  # the commonest cell of all, as printed
                continue
            if not text:
                values[cell.key] = None  # the next commonest: blank
                continue
            values[cell.key], raw = _lexer.read_value(text, cell, "")
            if raw is not None:
                self.texts.append(CellText(key=cell.key, text=raw))


def _strip_blank(lines: list[str]) -> list[str]:
    if not lines or (lines[0].strip() and lines[-1].strip()):
        return lines  # nothing to strip (the common case)
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
        if section.text:
            lines.append(section.text)
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
        if section.after:
            lines.append(say(section.after))
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
