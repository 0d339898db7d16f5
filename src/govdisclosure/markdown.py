"""
A report's tables as Markdown, for notebooks, issue trackers and READMEs.

Blank cells stay blank; a cell prints its kept raw text when there is one
(``251000元``), else the plain number.

>>> from pathlib import Path
>>> from govdisclosure import text
>>> report = text.parse(Path("examples/pingtan-2021.txt").read_text(encoding="utf-8"))
>>> print("\\n".join(render(report).splitlines()[:6]))
## 二、主动公开政府信息情况
<BLANKLINE>
**第二十条第（一）项**
<BLANKLINE>
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| --- | --- | --- | --- |
"""

from __future__ import annotations

from typing import Any

from govdisclosure import _render
from govdisclosure._declare import Cell, Header, Heading, Row
from govdisclosure._report2014 import Report2014
from govdisclosure._templates import Report

__all__ = ["render"]


#: How a cell prints: the text form's rule (raw text kept when it still
#: reads as the value).
_shown = _render.shown


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(_escape(c) for c in cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        _line(header),
        "| " + " | ".join("---" for _ in header) + " |",
        *(_line(r) for r in rows),
    ]


def render(report: Report) -> str:
    """
    The report's tables as Markdown (a level-2 heading per table of a
    national report; one table for the old statistical table).
    """
    if isinstance(report, Report2014):
        return _render_2014(report)
    return _render_national(report)


def _render_2014(report: Report2014) -> str:
    rows: list[list[str]] = []
    for entry in _render.entries(report):
        if isinstance(entry, Heading):
            rows.append([f"**{entry.label}**", "", ""])
        elif isinstance(entry, Cell):
            rows.append([entry.label, entry.unit, _shown(report, entry)])
    rows.extend([r.label, r.unit, r.value] for r in report.extra_rows)
    if report.missing_tables:
        return f"## {report.title}\n\n{_NOT_PRINTED}\n"
    lines = [f"## {report.title}", "", *_table(["指标", "单位", "数量"], rows)]
    return "\n".join(lines) + "\n"


def _columns(header: Header) -> list[str]:
    """
    One label per column: its header path, without a caption that every
    column shares (申请人情况).
    """
    paths = header.columns
    shared = len({p[0] for p in paths}) == 1 and len(paths) > 1
    return ["·".join(p[1:] if shared else p) for p in paths]


class _Section:
    """
    The Markdown of one national table, built block by block.
    """

    def __init__(self, report: Any) -> None:
        self.report = report
        self.lines: list[str] = []
        self.block: list[list[str]] = []
        self.header: list[str] | None = None
        self.corner: list[str] = []

    def flush(self) -> None:
        if self.header is not None and self.block:
            table = _table([*self.corner, *self.header], self.block)
            self.lines.extend([*table, ""])
        self.block = []

    def add(self, entry: Any) -> None:
        if isinstance(entry, Header):
            self.flush()
            self.header = _columns(entry)
            # Rows without a label (table 四) get no label column.
            self.corner = [] if entry.corner is None else [entry.corner]
        elif isinstance(entry, Heading):
            if self.header is not None and len(self.header) > _NARROW:
                # Inside a grid (table 三), a heading is a row of its own.
                self.block.append(
                    [f"**{entry.label}**", *[""] * len(self.header)]
                )
            else:
                self.flush()
                self.lines.extend([f"**{entry.label}**", ""])
        elif isinstance(entry, Row):
            shown = [_shown(self.report, c) for c in entry.cells]
            label = [] if entry.label is None else [entry.label]
            self.block.append([*label, *shown])

    def unknown_row(self, label: str, cells: tuple[str, ...]) -> None:
        width = len(self.header) if self.header else len(cells)
        self.block.append([label, *[*cells, *[""] * width][:width]])


#: What stands for a table the report does not print (rule M-1).
_NOT_PRINTED = "*（报告未印出此表 / the report does not print this table）*"

#: Table 二's blocks have at most three columns; a wider header is a grid.
_NARROW = 3


def _render_national(report: Any) -> str:
    table = report.table
    lines: list[str] = []
    entries = _render.entries(report)
    for name, heading in type(table).SECTIONS.items():
        if name in report.missing_tables:
            lines.extend([f"## {heading}", "", _NOT_PRINTED, ""])
            continue
        section = _Section(report)
        for entry in entries:
            if entry.key == name or entry.key.startswith(f"{name}."):
                section.add(entry)
        for row in report.extra_rows:
            if row.table == name:
                section.unknown_row(row.label, row.cells)
        section.flush()
        lines.extend([f"## {heading}", "", *section.lines])
    return "\n".join(lines).rstrip("\n") + "\n"
