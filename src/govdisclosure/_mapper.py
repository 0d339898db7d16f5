"""
The one reader of reports: a :class:`~govdisclosure._document.Document`
(prose lines, and table rows as cell texts, from any form) mapped onto the
schema of its template generation.

Every form turns its bytes into a document and hands it here: the label
matching, the template detection, the variants and the errors are written
once.  Pipe text keeps its fast path, compiled row layouts (see
:mod:`govdisclosure._layout`), which changes how fast a report is read,
never what is read.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from typing import Any, NamedTuple, overload

from govdisclosure import _declare, _layout, _lexer
from govdisclosure._declare import Cell, Heading, Kind, Row
from govdisclosure._document import Document, joined, lines_of
from govdisclosure._report2014 import (
    CellText,
    ExtraRow,
    Report2014,
    Section,
    _sorted_texts,
    is_report_title,
)
from govdisclosure._report_national import (
    TABLES,
    GridRow,
    Report2019,
    Report2021,
    stated_scope,
)
from govdisclosure._templates import REPORT_TYPES, Report
from govdisclosure.errors import ParseError

__all__ = [
    "LAYOUTS",
    "candidate_templates",
    "choose",
    "header_vocabulary",
    "is_label",
    "label_vocabulary",
    "parse_text",
    "pipe_document",
    "read_document",
    "split",
    "split_lines",
    "vocabulary",
]

#: Layouts compiled from the reports read so far (a bounded memo: it
#: decides how fast a report is read, never what is read).
LAYOUTS = _layout.Layouts()


def parse_text(
    text: str, template: str | None, layouts: _layout.Layouts
) -> Report:
    """
    :func:`parse`, with the layouts known so far in *layouts*.
    """
    lines = split_lines(text)
    table = [line for line in lines if "|" in line]
    for layout in layouts.find(template, len(table)):
        report = _read_by_layout(
            Document(lines, {}, None, pipe=True), layout, table
        )
        if report is not None:
            return report
    return _read(pipe_document(lines), table, template, layouts)


def read_document(
    document: Document,
    template: str | None = None,
    layouts: _layout.Layouts | None = None,
) -> Report:
    """
    The report in *document*, whatever form it was read from: the one
    mapping of prose lines and table rows onto the schema.

    Its table rows (in the pipe form: ``| cell | cell |``) are read
    through a compiled layout when a document of the same table lines was
    read twice before (*layouts*, by default the one memo of every
    reader), exactly as the full mapping reads them.

    Raises:
        ParseError: naming the place in the source and what was expected.
    """
    memo = LAYOUTS if layouts is None else layouts
    rows = document.rows
    if any("|" in cell for cells in rows.values() for cell in cells):
        # A cell with a pipe: its line cannot be cut back into its cells.
        return _read(document, [], template, None)
    lines = document.lines
    table = [f"| {lines[i]} |" for i in rows]  # the pipe form's row lines
    for layout in memo.find(template, len(table)):
        report = _read_by_layout(document, layout, table)
        if report is not None:
            return report
    return _read(document, table, template, memo)


def _read(
    document: Document,
    table: list[str],
    template: str | None,
    layouts: _layout.Layouts | None,
) -> Report:
    """
    The general parser; with *layouts*, a report whose table lines (the
    pipe text's *table*) it has met before teaches *layouts* their layout.
    """
    lines, rows = document.lines, document.rows
    if not rows:
        _tableless(document)
    contenders = (template,) if template else candidate_templates(rows)
    chosen = choose(lines, contenders)
    report: Report
    if chosen == Report2014.TEMPLATE:
        parser = _Parser(document)
        report = parser.report()
        reading = parser.reading
    else:
        grid_parser = _NationalParser(document, _NATIONAL[chosen])
        report = grid_parser.report()
        reading = grid_parser.reading
    if (
        layouts is not None
        and reading is not None
        and not report.extra_rows
        and not report.missing_tables
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


def _tableless(document: Document) -> None:
    """
    A document without any table row is a report (whose missing tables
    rule M-1 names) only when it opens with a report's title, whose year
    tells its template.

    Raises:
        ParseError: when it does not.
    """
    at, first = next(
        ((i, line) for i, line in enumerate(document.lines) if line.strip()),
        (0, ""),
    )
    if not is_report_title(first.strip()):
        raise ParseError(
            "no table found, and no report title: expected the tables' rows "
            "('（一）收到申请数 | 件 | 5 |', '| （一）予以公开 | 27 | … |') or, "
            "for a report without tables, its title first "
            "('某局2023年政府信息公开工作年度报告')",
            line=at + 1,
        )


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
    document: Document, layout: _layout.Layout, table: list[str]
) -> Report | None:
    """
    The report of *document* read with a compiled *layout* (its *table*
    lines), or ``None`` when the layout does not fit (the general parser
    then reads it).
    """
    if layout.tied and choose(document.lines, layout.tied) != layout.template:
        return None
    read = _layout.apply(layout, table)
    if read is None:
        return None
    if layout.template == Report2014.TEMPLATE:
        return _Parser(document).report(read)
    national = _NATIONAL[layout.template]
    return _NationalParser(document, national).report(read)


_NATIONAL: dict[str, type[Report2019 | Report2021]] = {
    Report2019.TEMPLATE: Report2019,
    Report2021.TEMPLATE: Report2021,
}


@functools.cache
def vocabulary() -> frozenset[str]:
    """
    The matching keys of every label of every template's tables: row,
    heading and column-header labels.
    """
    return label_vocabulary() | _header_words()


@functools.cache
def label_vocabulary() -> frozenset[str]:
    """
    The matching keys of every row and heading label of every template's
    tables.
    """
    words: set[str] = set()
    for cls in REPORT_TYPES.values():
        words.update(_lexer.candidates(cls.TABLE))
    return frozenset(words)


def is_label(text: str) -> bool:
    """
    Whether *text* is a row or heading label of some template's table (and
    no column header's).
    """
    key = _lexer.label_key(text)
    return key in label_vocabulary() and key not in header_vocabulary()


@functools.cache
def _header_words() -> frozenset[str]:
    words: set[str] = set()
    for cls in REPORT_TYPES.values():
        words.update(_lexer.header_words(cls.TABLE))
    return frozenset(words)


@functools.cache
def header_vocabulary() -> frozenset[str]:
    """
    The matching keys of every column-header label of every template's
    tables, and the old table's header row (指标, 单位, 数量).
    """
    return _header_words() | _lexer.HEADER_LABELS


class _Reading(NamedTuple):
    """
    Where the general parser found each cell: *origins* gives the line
    index and the cell index in :func:`_lexer.split_row` of that line;
    *units* the unit column's text (the old table).
    """

    origins: dict[str, tuple[int, int]]
    units: dict[str, str]


def split(lines: Sequence[str]) -> dict[int, tuple[str, ...]]:
    """
    The cells of every table line, by line index (split once per parse).
    """
    return {
        i: _lexer.split_row(line)
        for i, line in enumerate(lines)
        if "|" in line
    }


def pipe_document(lines: Sequence[str]) -> Document:
    """
    The document of pipe text split into *lines*: every line with a ``|``
    is a table row.
    """
    rows = split(lines)
    return Document(lines, rows, rows.keys(), pipe=True)


def split_lines(text: str) -> Sequence[str]:
    """
    The lines of *text*, ended by LF, CRLF or a lone CR (old Mac
    exports): a list, or the :class:`~govdisclosure._document.Lines` of a
    big text (no string a line held).
    """
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = _LINE_END.sub("\n", text)
    return lines_of(text)


_LINE_END = re.compile(r"\r\n?|\n")


_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def candidate_templates(rows: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    """
    The templates whose labels match the most distinct row and header
    labels (several on a tie).
    """
    keys: set[str] = set()
    widest = 0
    for cells in rows.values():
        widest = max(widest, len(cells))
        if cells[0]:
            keys.add(_lexer.label_key(cells[0]))
        if not any(c[:1].isdigit() for c in cells):
            # A header row: its column labels tell the templates apart.
            keys.update(_lexer.label_key(c) for c in cells[1:] if c)
    scores: dict[str, int] = {}
    for name, cls in REPORT_TYPES.items():
        table_type = cls.TABLE
        known = set(_lexer.candidates(table_type)) | _lexer.header_words(
            table_type
        )
        scores[name] = len(keys & known)
    if not rows:  # no table at all: the title's year decides
        return tuple(REPORT_TYPES)
    best = max(scores.values())
    if best == 0 and widest <= 3:  # label | unit | value
        return (Report2014.TEMPLATE,)
    return tuple(name for name, score in scores.items() if score == best)


def choose(lines: Sequence[str], contenders: tuple[str, ...]) -> str:
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
    def __init__(self, document: Document) -> None:
        self.document = document
        self.lines = document.lines
        self.rows = document.rows
        self.marks = document.marks
        self.pos = 0
        #: Where the table's cells were found (after a general read that
        #: used every table line).
        self.reading: _Reading | None = None

    def error(self, message: str, index: int) -> ParseError:
        return _error(self.document, message, index)

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
        while (
            self.pos < len(self.lines)
            and self.pos not in self.marks
            and _lexer.HEADING.match(self.lines[self.pos])
        ):
            heading = self.lines[self.pos].strip()
            self.pos += 1
            sections.append(Section(heading=heading, body=self.block()))
        if self.pos >= len(self.lines):
            # No table (rule M-1 reports it).
            return Report2014(
                title=title,
                preamble=preamble,
                sections=tuple(sections),
                missing_tables=("table",),
            )
        table_type = Report2014.TABLE
        labels: list[CellText] = []
        if read is None:
            values, texts, extra, labels = self.table(table_type)
            table = _assemble(table_type, values)
        else:
            table, texts = read
            extra = []
            if self.skip_table() != len(self.marks):
                return None
        trailer = joined(_strip_blank(self.lines[self.pos :]))
        return Report2014(
            title=title,
            preamble=preamble,
            sections=tuple(sections),
            table=table,
            extra_rows=tuple(extra),
            cell_texts=tuple(texts),
            label_texts=tuple(labels),
            trailer=trailer,
        )

    def skip_table(self) -> int:
        """
        Move past the table's block; return how many table lines it has.
        """
        count = 0
        lines = self.lines
        marks = self.marks
        while self.pos < len(lines):
            line = lines[self.pos]
            if self.pos in marks:
                count += 1
            elif line.strip():
                break
            self.pos += 1
        return count

    def title(self) -> str:
        title, self.pos = _title(self.document, self.pos)
        return title

    def block(self) -> str:
        start = self.pos
        while self.pos < len(self.lines):
            if self.pos in self.marks or _lexer.HEADING.match(
                self.lines[self.pos]
            ):
                break
            self.pos += 1
        return joined(_strip_blank(self.lines[start : self.pos]))

    def table(
        self, table_type: type[Any]
    ) -> tuple[dict[str, Any], list[CellText], list[ExtraRow], list[CellText]]:
        rows = _Rows(_lexer.candidates(table_type))
        first = True
        used = 0
        while self.pos < len(self.lines):
            index = self.pos
            line = self.lines[index]
            if not line.strip():
                self.pos += 1
                continue
            if index not in self.marks:
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
        if used == len(self.rows) and not rows.labels:
            self.reading = _Reading(rows.origins, rows.units)
        return rows.values, rows.texts, rows.extra, rows.labels


def _error(document: Document, message: str, index: int) -> ParseError:
    """
    A ParseError about line *index* (from 0) of *document*.
    """
    lines = document.lines
    source = lines[index] if 0 <= index < len(lines) else ""
    where = "" if document.places is None else document.place(index)
    return ParseError(
        _lexer.shorten(message, 300),
        line=index + 1,
        source=_lexer.shorten(source.strip()),
        where=where,
    )


def _title(document: Document, pos: int = 0) -> tuple[str, int]:
    """
    The title (the first non-blank line from *pos* on) and the index of
    the line after it.
    """
    lines = document.lines
    while pos < len(lines) and not lines[pos].strip():
        pos += 1
    if pos >= len(lines):
        raise ParseError("empty text: expected the report's title", line=1)
    line = lines[pos]
    row = "|" in line if document.pipe else pos in document.marks
    if row or _lexer.HEADING.match(line):
        raise _error(
            document,
            "expected the report's title before the sections and table",
            pos,
        )
    return line.strip(), pos + 1


class _Near:
    """
    Matches a printed label that is no declared label (a typo, a dropped
    or added character) to the declared entry it stands for: one of the
    next few entries after the previous row, in the template's order, whose
    label is close to it.  Never closeness alone: an entry elsewhere in the
    table is not considered.
    """

    #: How many declared entries after the previous row are considered.
    WINDOW = 3
    #: How close the texts must be (difflib's ratio of the label keys).
    CLOSE = 0.75

    def __init__(self, table_type: type[Any]) -> None:
        self.entries = _near_entries(table_type)

    def match(
        self, label: str, context: str, seen: dict[str, int]
    ) -> _lexer.Labelled | None:
        """
        The entry *label* stands for after the entry *context*, or
        ``None``.

        Raises:
            ValueSyntaxError: when two entries are equally close.
        """
        key = _lexer.label_key(label)
        if len(key) < 3 or _lexer.value_like(label):
            return None
        start = _start(self.entries, context)
        window = [e for e in self.entries[start:] if e.key not in seen][
            : self.WINDOW
        ]
        scored = sorted(
            (
                (_closeness(key, known), n, e)
                for n, (e, known) in enumerate(
                    (e, _lexer.label_key(e.label or "")) for e in window
                )
            ),
            key=lambda s: (-s[0], s[1]),
        )
        close = [s for s in scored if s[0] >= self.CLOSE]
        if not close:
            return None
        if len(close) > 1 and close[1][0] >= close[0][0] - 0.05:
            names = " or ".join(repr(s[2].label) for s in close[:2])
            msg = f"the label {label!r} is no label of the template and could be {names}"
            raise _lexer.ValueSyntaxError(msg)
        return close[0][2]


@_declare.per_class
def _near_entries(table_type: type[Any]) -> tuple[_lexer.Labelled, ...]:
    return tuple(
        e
        for e in _declare.layout(table_type)
        if isinstance(e, Heading | Row)
        or (isinstance(e, Cell) and e.column is None)
        if e.label
    )


def _start(entries: tuple[_lexer.Labelled, ...], context: str) -> int:
    """
    The index of the first entry after *context* (an entry's key, or a
    table's name: its first entry).
    """
    if not context:
        return 0
    for n, e in enumerate(entries):
        if e.key == context:
            return n + 1
    prefix = f"{context}."
    for n, e in enumerate(entries):
        if e.key.startswith(prefix):
            return n
    return 0


class _Rows:
    """
    The rows of a table read so far, matched to the schema.
    """

    def __init__(
        self, options: dict[str, tuple[_lexer.Labelled, ...]]
    ) -> None:
        self.options = options
        self.near = _Near(Report2014.TABLE)
        self.values: dict[str, Any] = {}
        self.texts: list[CellText] = []
        self.labels: list[CellText] = []
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
            near = self.near.match(label, self.context, self.seen)
            if near is None:
                self.extra.append(
                    ExtraRow(label=label, unit=unit, value=value)
                )
                return
            self.labels.append(CellText(key=near.key, text=label))
            found = (near,)
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
        self.values[entry.key], raw = _lexer.read_cell(value, entry, unit)
        if raw is not None:
            self.texts.append(CellText(key=entry.key, text=raw))


class _NationalParser:
    """
    A report in a national template: narrative sections, with the tables'
    pipe rows wherever they appear.
    """

    def __init__(
        self, document: Document, report_type: type[Report2019 | Report2021]
    ) -> None:
        self.document = document
        self.lines = document.lines
        self.rows = document.rows
        self.report_type = report_type
        #: Where the table's cells were found (after a general read).
        self.reading: _Reading | None = None
        #: The tables with no row in the document (after a general read).
        self.missing: tuple[str, ...] = ()

    def report(self, read: _Read | None = None) -> Report2019 | Report2021:
        """
        The report; with *read*, the table as a layout read it.
        """
        title, start = _title(self.document)
        labels: list[CellText] = []
        if read is None:
            read, extra, labels = self.grid(start)
        else:
            extra = []
        table, texts = read
        preamble, sections = _prose(
            self.document, start, _tabled(self.report_type)
        )
        made: list[Section] = []
        lines = self.document.lines
        opening = _runs_text(lines, preamble)
        narrative = [opening] if preamble else []  # for the stated scope
        section = _declare.direct(Section)
        for heading, before, under in sections:
            body = _strip_blank_text(_runs_text(lines, before))
            after = (
                _strip_blank_text(_runs_text(lines, under)) if under else ""
            )
            made.append(section(heading, body, after))
            narrative.append(body)
            if after:
                narrative.append(after)
        fields = {
            "title": title,
            "preamble": _strip_blank_text(opening),
            "sections": tuple(made),
            "scope": stated_scope("\n".join(narrative)),
            "table": table,
        }
        if extra or labels or self.missing:
            return self.report_type(
                **fields,
                extra_rows=tuple(extra),
                cell_texts=tuple(texts),
                label_texts=tuple(labels),
                missing_tables=self.missing,
            )
        # Every field is already in the form the validators and converters
        # require (a layout's reading has no unknown rows).
        made_report: Report2019 | Report2021 = _declare.direct(
            self.report_type
        )(
            **fields,
            extra_rows=(),
            cell_texts=_sorted_texts(texts),
            label_texts=(),
        )
        return made_report

    def grid(self, start: int) -> tuple[_Read, list[GridRow], list[CellText]]:
        """
        Read the tables' rows with the general parser (recording where
        each cell was found in :attr:`reading`).
        """
        table_type = self.report_type.TABLE
        grid = _Grid(table_type)
        rows = self.rows
        for index, line in enumerate(self.lines[start:], start):
            if index in rows:
                try:
                    grid.add(rows[index], index)
                except _lexer.ValueSyntaxError as exc:
                    raise _error(self.document, str(exc), index) from None
            elif "、" in line and _lexer.HEADING.match(line):
                grid.enter(_lexer.numeral(line))
        printed = {key.partition(".")[0] for key in grid.seen}
        printed.update(row.table for row in grid.extra)
        printed.update(grid.printed)
        self.missing = tuple(t for t in TABLES if t not in printed)
        if not grid.labels:
            self.reading = _Reading(grid.origins, {})
        table = _assemble(table_type, grid.values)
        return (table, grid.texts), grid.extra, grid.labels


#: What a heading row may print in its value cells.
_NO_VALUE = frozenset({"", *_lexer.NULL_TEXTS})


#: Runs of consecutive lines, as (first, past the last) line indices.
_Runs = list[tuple[int, int]]


def _prose(
    document: Document, start: int, tabled_numerals: frozenset[str]
) -> tuple[_Runs, list[tuple[str, _Runs, _Runs]]]:
    """
    The narrative from line *start* on (table lines left out): the runs of
    lines before the first section heading, and each heading with the
    runs under it before its first table line and after it.  Only the
    sections the template prints a table in (*tabled_numerals*: 二, 三,
    四) have text after a table; elsewhere a table's rows leave the text
    around them one body, as the writers print it.  Runs, not lines: a
    big text's lines are never held one string each.
    """
    preamble: _Runs = []
    sections: list[tuple[str, _Runs, _Runs]] = []
    body = preamble
    opened: int | None = None  # where the run being read started
    tabled = True  # no section yet: the preamble takes every line
    heading = _lexer.NUMERAL.match
    pipe = document.pipe
    marks = document.marks if not pipe else ()
    for index, line in enumerate(document.lines[start:], start):
        if "|" in line if pipe else index in marks:
            if opened is not None:
                body.append((opened, index))
                opened = None
            if not tabled:
                body = sections[-1][2]
                tabled = True
            continue
        m = heading(line) if "、" in line else None
        if m:
            if opened is not None:
                body.append((opened, index))
                opened = None
            body = []
            sections.append((line.strip(), body, []))
            tabled = m[1] not in tabled_numerals
        elif opened is None:
            opened = index
    if opened is not None:
        body.append((opened, len(document.lines)))
    return preamble, sections


def _runs_text(lines: Sequence[str], runs: _Runs) -> str:
    """The lines of *runs* joined by line breaks."""
    return "\n".join(joined(lines[a:b]) for a, b in runs)


def _strip_blank_text(text: str) -> str:
    """
    *text* without its leading and trailing blank lines (lines of white
    space only); ``"\\n".join`` of :func:`_strip_blank` of its lines.

    >>> _strip_blank_text("\\n  \\n 一\\n二 \\n\\n")
    ' 一\\n二 '
    """
    start = 0
    while True:
        cut = text.find("\n", start)
        if text[start : len(text) if cut == -1 else cut].strip():
            break
        if cut == -1:
            return ""  # every line blank
        start = cut + 1
    end = len(text)
    while True:
        cut = text.rfind("\n", start, end)
        if cut == -1 or text[cut + 1 : end].strip():
            return text[start:end]
        end = cut


@functools.lru_cache(maxsize=4096)
def _closeness(key: str, known: str) -> float:
    """
    How close two label keys are (difflib's ratio), remembered: a text
    repeating one unknown label pays for the comparison once.
    """
    return difflib.SequenceMatcher(None, key, known).ratio()


@_declare.per_class
def _tabled(report_type: type[Any]) -> frozenset[str]:
    """
    The numerals of the sections a national template prints a table in.
    """
    return frozenset(
        _lexer.numeral(h) for h in report_type.TABLE.SECTIONS.values()
    )


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
        self.near = _Near(table_type)
        self.values: dict[str, Any] = {}
        self.texts: list[CellText] = []
        self.labels: list[CellText] = []
        self.extra: list[GridRow] = []
        self.seen: dict[str, int] = {}
        self.context = ""
        self.table = next(iter(self.sections))
        self.origins: dict[str, tuple[int, int]] = {}
        #: The tables a header row or an empty row was printed in (under
        #: their section's heading): printed, though without a value.
        self.printed: set[str] = set()

    def enter(self, number: str) -> None:
        for table, heading in self.sections.items():
            if _lexer.numeral(heading) == number:
                self.table = table
                self.context = table

    def add(self, cells: tuple[str, ...], index: int) -> None:
        """
        Read the row *cells* on line *index* (from 0).
        """
        label, rest = cells[0], cells[1:]
        if not label and len(cells) > 1:
            # Merged label columns left empty (a table continued on the
            # next page, an indented copied row): the first label counts.
            k = next((k for k, c in enumerate(cells) if c), 0)
            if k and self.options.get(_lexer.label_key(cells[k])):
                self.add(cells[k:], index)
                return
        found = self.find(label, cells)
        if found:
            if len(found) > 1:
                found = _by_values(found, rest)
            entry = _lexer.pick(found, self.context)
            self.context = entry.key
            self.table = entry.key.partition(".")[0]
            if isinstance(entry, Row):
                self.row(entry, rest, index, 1)
            elif any(c and _lexer.compact(c) not in _NO_VALUE for c in rest):
                msg = f"{entry.label} is a heading and takes no value, found {rest!r}"
                raise _lexer.ValueSyntaxError(msg)
            return
        if self.blank_or_header(cells):
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

    def blank_or_header(self, cells: tuple[str, ...]) -> bool:
        """
        Whether *cells* is an empty row or a header row, which prints its
        table (the one whose header it is, else the current one).
        """
        if any(cells) and not self.is_header(cells):
            return False
        owner = _header_table(self.table_type, cells)
        if owner is not None:
            self.table = owner
        self.printed.add(self.table)
        return True

    def find(
        self, label: str, cells: tuple[str, ...]
    ) -> tuple[_lexer.Labelled, ...] | None:
        """
        The entries *label* names: by its text, else (a misprinted label)
        the one it stands for by its place and text, noted in
        :attr:`labels`.
        """
        if not label:
            return None
        found = self.options.get(_lexer.label_key(label))
        if found or self.is_header(cells):
            return found
        near = self.near.match(label, self.context, self.seen)
        if near is None:
            return None
        self.labels.append(CellText(key=near.key, text=label))
        return (near,)

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
            values[cell.key], raw = _lexer.read_cell(text, cell, "")
            if raw is not None:
                self.texts.append(CellText(key=cell.key, text=raw))


@_declare.per_class
def _words_by_table(table_type: type[Any]) -> dict[str, frozenset[str]]:
    """
    The matching keys of the words each national table's header rows
    print, by table.
    """
    words: dict[str, set[str]] = {}
    for entry in _declare.layout(table_type):
        if isinstance(entry, _declare.Header):
            table = entry.key.partition(".")[0]
            for line in entry.lines():
                words.setdefault(table, set()).update(
                    _lexer.label_key(w) for w in line if w
                )
    return {table: frozenset(w) for table, w in words.items()}


def _header_table(table_type: type[Any], cells: tuple[str, ...]) -> str | None:
    """
    The one table whose header rows print every word of *cells*, else
    ``None`` (an empty row, or words that several tables print).
    """
    keys = {_lexer.label_key(c) for c in cells if c}
    if not keys:
        return None
    owners = [t for t, w in _words_by_table(table_type).items() if keys <= w]
    return owners[0] if len(owners) == 1 else None


def _by_values(
    found: tuple[_lexer.Labelled, ...], rest: tuple[str, ...]
) -> tuple[_lexer.Labelled, ...]:
    """
    Of the entries one label names, the rows when the row prints anything
    in its cells (（六）其他处理 printed as one row), else the headings.
    """
    filled = any(rest)
    chosen = tuple(e for e in found if isinstance(e, Row) == filled)
    return chosen or found


def _strip_blank(lines: Sequence[str]) -> Sequence[str]:
    if not lines or (lines[0].strip() and lines[-1].strip()):
        return lines  # nothing to strip (the common case)
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]
