"""
The walk every writer shares (private): the order of a report's tables and
narrative, the entries of one national table, and how a cell prints.

The text form, HTML, Markdown and Word writers differ only in how they
write a table and a block of prose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from govdisclosure import _declare, _lexer
from govdisclosure._declare import Cell, Header, Heading, Row
from govdisclosure._mapper import numeral
from govdisclosure._report2014 import Report2014
from govdisclosure._report_national import Report2019, Report2021
from govdisclosure._templates import Report

__all__ = [
    "cell_text",
    "grid_lines",
    "render_2014",
    "render_national",
    "rows_2014",
    "shown",
    "table_entries",
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
    for entry in _declare.layout(type(table)):
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
    pending = list(sections)
    for section in report.sections:
        lines.append(say(section.heading))
        if section.body:
            lines.append(say(section.body))
        number = numeral(section.heading)
        for name in [n for n in pending if numeral(sections[n]) == number]:
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
    The layout entries of the national table *name*.
    """
    return [
        e
        for e in _declare.layout(type(report.table))
        if e.key == name or e.key.startswith(f"{name}.")
    ]


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


def cell_text(value: Any, raw: str | None, cell: Cell) -> str:
    if raw is not None:
        try:
            if _lexer.read_value(raw, cell, cell.unit)[0] == value:
                return raw
        except _lexer.ValueSyntaxError:
            pass
    return "" if value is None else str(value)