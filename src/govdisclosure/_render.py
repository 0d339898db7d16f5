"""
The walk every writer shares (private): the order of a report's tables and
narrative, the entries of one national table, and how a cell prints.

The text form, HTML, Markdown and Word writers differ only in how they
write a table and a block of prose.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

from govdisclosure import _declare, _lexer
from govdisclosure._declare import Cell, Header, Heading, Row
from govdisclosure._report2014 import Report2014
from govdisclosure._report_national import Report2019, Report2021
from govdisclosure._templates import Report

__all__ = [
    "Spanned",
    "cell_text",
    "entries",
    "grid_lines",
    "grid_spec",
    "header_spec",
    "render_2014",
    "render_national",
    "rows_2014",
    "shown",
    "skipped",
    "table_entries",
    "without",
]


def render_2014(
    report: Report2014,
    table: Callable[[list[list[str]]], list[str]] | None = None,
    prose: Callable[[str], str] | None = None,
) -> str:
    """
    The old-appendix report: title, preamble, sections, the table, the
    trailer; *table* writes the table's rows (default: the pipe form),
    *prose* a block of narrative text (default: as it is).
    """
    say = prose or (lambda block: block)
    lines = [say(report.title)]
    if report.preamble:
        lines.append(say(report.preamble))
    for section in report.sections:
        lines.append(say(section.heading))
        if section.text:
            lines.append(say(section.text))
    if not report.missing_tables:
        lines.extend((table or _pipe_2014)(rows_2014(report)))
    if report.trailer:
        lines.append(say(report.trailer))
    return "\n".join(lines) + "\n"


def rows_2014(report: Report2014) -> list[list[str]]:
    """
    The old appendix as rows of three cells (label, unit, value), the
    header row first, unknown rows last.
    """
    rows = [["指 标", "单位", "数量"]]
    table = report.table
    texts = {t.key: t.text for t in report.cell_texts}
    for entry in entries(report):
        if isinstance(entry, Heading):
            rows.append([entry.label, "—", ""])
        elif isinstance(entry, Cell):
            value = _declare.get(table, entry.key)
            shown = cell_text(value, texts.get(entry.key), entry)
            rows.append([entry.label, entry.unit, shown])
    rows.extend([row.label, row.unit, row.value] for row in report.extra_rows)
    return rows


def _pipe_2014(rows: list[list[str]]) -> list[str]:
    lines = []
    for label, unit, value in rows:
        # An empty label needs the leading "|" so the row keeps 3 cells.
        lead = "" if label else "| "
        tail = " |" if unit == "—" and not value else f" {value} |"
        lines.append(f"{lead}{label} | {unit} |{tail}")
    return lines


def render_national(
    report: Report2019 | Report2021,
    grid: Callable[[Report2019 | Report2021, str], list[str]] | None = None,
    prose: Callable[[str], str] | None = None,
) -> str:
    """
    The report with each table after the narrative of its section; *grid*
    writes a table (default: the pipe form), *prose* a block of narrative
    text (default: as it is).
    """
    write = grid or grid_lines
    say = prose or (lambda block: block)
    lines = [say(report.title)]
    if report.preamble:
        lines.append(say(report.preamble))
    table = report.table
    sections: dict[str, str] = type(table).SECTIONS
    pending = [n for n in sections if n not in report.missing_tables]
    for section in report.sections:
        lines.append(say(section.heading))
        if section.body:
            lines.append(say(section.body))
        number = _lexer.numeral(section.heading)
        for name in [
            n for n in pending if _lexer.numeral(sections[n]) == number
        ]:
            lines.extend(write(report, name))
            pending.remove(name)
        if section.after:
            lines.append(say(section.after))
    for name in pending:
        lines.extend(write(report, name))
    return "\n".join(lines) + "\n"


def table_entries(
    report: Report2019 | Report2021, name: str
) -> list[_declare.Entry]:
    """
    The layout entries of the national table *name*, as this report prints
    them (see :func:`entries`).
    """
    return [
        e
        for e in entries(report)
        if e.key == name or e.key.startswith(f"{name}.")
    ]


def entries(report: Report) -> list[_declare.Entry]:
    """
    The layout entries of *report*'s table as the report prints them: a
    row or heading with its printed label when that is not the template's,
    and a group printed as one row (（六）其他处理 in the 2019 form) as that
    row, else the group (the stand-in row left out while it is blank).
    """
    table = report.table
    table_type: Any = type(table)  # classes are hashable; mypy cannot tell
    out = without(table_type, skipped(report))
    if not report.label_texts:
        return list(out)
    printed = {t.key: t.text for t in report.label_texts}
    return [
        e._replace(label=printed[e.key])
        if e.key in printed and isinstance(e, Heading | Row | Cell)
        else e
        for e in out
    ]


def skipped(report: Report) -> frozenset[str]:
    """
    The keys of the rows and groups *report* does not print: a stand-in
    row while it is blank, else the group it stands for.
    """
    table = report.table
    stand_ins = _declare.stand_ins(type(table))
    skip: set[str] = set()
    if stand_ins:
        texts = {t.key for t in report.cell_texts}

        def blank(rows: tuple[Row, ...]) -> bool:
            return all(
                _declare.get(table, c.key) is None and c.key not in texts
                for r in rows
                for c in r.cells
            )

        for row, members in stand_ins:
            if blank((row,)):
                skip.add(row.key)
            elif blank(members):
                skip.add(members[0].key.rpartition(".")[0])
    return frozenset(skip)


@functools.lru_cache(maxsize=64)
def without(
    table_type: Any, skip: frozenset[str]
) -> tuple[_declare.Entry, ...]:
    """
    The layout of *table_type* without the entries at or under *skip*.
    """
    prefixes = tuple(f"{s}." for s in skip)
    return tuple(
        e
        for e in _declare.layout(table_type)
        if e.key not in skip and not e.key.startswith(prefixes)
    )


def shown(report: Report, cell: Cell) -> str:
    """
    How a cell prints: its kept raw text when that still reads as its
    value, else the plain number; blank prints nothing.
    """
    texts = {t.key: t.text for t in report.cell_texts}
    return cell_text(
        _declare.get(report.table, cell.key), texts.get(cell.key), cell
    )


def _pipe(cells: list[str] | tuple[str, ...]) -> str:
    return "|" + "".join(f" {c} |" if c else " |" for c in cells)


def grid_lines(report: Report2019 | Report2021, name: str) -> list[str]:
    table = report.table
    texts = {t.key: t.text for t in report.cell_texts}
    entries = table_entries(report, name)
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
                cell_text(_declare.get(table, c.key), texts.get(c.key), c)
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


class Spanned(NamedTuple):
    """
    A cell of a table as the template prints it, with its spans.
    """

    text: str
    colspan: int = 1
    rowspan: int = 1


def grid_spec(
    report: Report2019 | Report2021, name: str
) -> list[list[Spanned]]:
    """
    One national table as the template prints it: heading rows spanning
    the table, header rows with their row and column spans, a row per
    table row (a single-value row's cell across the empty columns), then
    the unknown rows.
    """
    entries = table_entries(report, name)
    width = max(len(e.cells) for e in entries if isinstance(e, Row))
    out: list[list[Spanned]] = []
    for entry in entries:
        if isinstance(entry, Heading):
            out.append([Spanned(entry.label, width + 1)])
        elif isinstance(entry, Header):
            out.extend(header_spec(entry, width))
        elif isinstance(entry, Row):
            values = [shown(report, c) for c in entry.cells]
            cells = [Spanned(v) for v in values]
            cells[-1] = Spanned(values[-1], 1 + width - len(values))
            label = [] if entry.label is None else [Spanned(entry.label)]
            out.append([*label, *cells])
    out.extend(
        [Spanned(c) for c in (row.label, *row.cells)]
        for row in report.extra_rows
        if row.table == name
    )
    return out


def header_spec(header: Header, width: int) -> list[list[Spanned]]:
    """
    The header rows with the template's spans: a label spans the columns
    it heads, and the rows below it when nothing is under it.
    """
    paths = header.columns
    depth = max(len(p) for p in paths)
    rows = []
    for level in range(depth):
        cells = []
        if header.corner is not None and level == 0:
            cells.append(Spanned(header.corner, 1, depth))
        j = 0
        while j < len(paths):
            path = paths[j]
            span = 1
            while (
                j + span < len(paths)
                and len(paths[j + span]) > level
                and paths[j + span][: level + 1] == path[: level + 1]
            ):
                span += 1
            if len(path) > level:
                last = j + span == len(paths)
                colspan = span + (width - len(paths) if last else 0)
                rowspan = depth - level if level == len(path) - 1 else 1
                cells.append(Spanned(path[level], colspan, rowspan))
            j += span
        rows.append(cells)
    return rows


def cell_text(value: Any, raw: str | None, cell: Cell) -> str:
    if raw is not None:
        try:
            if _lexer.read_value(raw, cell, cell.unit)[0] == value:
                return raw
        except _lexer.ValueSyntaxError:
            if value is None:
                return raw  # printed, but not a number (rule V-1)
    if value is None:
        return ""
    return _lexer.plain(value) if isinstance(value, Decimal) else str(value)
