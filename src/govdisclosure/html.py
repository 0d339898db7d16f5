"""
Reports as they are published: HTML pages (standard library ``html.parser``
only).

:func:`parse` finds the report in a full page or a fragment, expands
``rowspan``/``colspan`` into a grid, joins a cell's text runs (``<span>``,
``<font>``, ``<p>``, ``<br>``: "2" + "1" is 21), reads the narrative
paragraphs, and hands the result to the text parser, which matches every
row by its label (never by position alone) and detects the template
generation.  :func:`render` writes a report as a standard HTML fragment that
:func:`parse` reads back to the same report.

>>> report = parse(
...     "<p>某局2021年度政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>"
...     "<table><tr><td>（一）予以公开</td><td>2</td><td><span>1</span></td>"
...     "<td>&nbsp;</td><td></td><td></td><td></td><td>2<span>1</span></td></tr></table>"
... )
>>> report.applications.granted.natural_person, report.applications.granted.research
(2, None)
>>> report.applications.granted.total
21
"""

from __future__ import annotations

import collections
import functools
import html as _html
import re
from html.parser import HTMLParser

import attrs

from govdisclosure import _lexer, text
from govdisclosure._declare import Header, Heading, Row
from govdisclosure._report2014 import Report2014
from govdisclosure._report_national import Report2019, Report2021
from govdisclosure._templates import REPORT_TYPES, Report
from govdisclosure.errors import ParseError

__all__ = ["decode", "parse", "render", "to_text"]

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "tr",
        "title",
    }
)
_SKIP = frozenset({"script", "style", "head", "noscript", "template"})
_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE
)
_LINE_NOISE = re.compile(r"[\r\n\t]")


@attrs.define
class _Cell:
    text: str = ""
    rowspan: int = 1
    colspan: int = 1


@attrs.define
class _Table:
    rows: list[list[_Cell]] = attrs.Factory(list)
    nested: bool = False


class _Reader(HTMLParser):
    """
    The page as a sequence of blocks: lines of text and tables.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str | _Table] = []
        self.line: list[str] = []
        self.tables: list[_Table] = []
        self.cell: _Cell | None = None
        self.skip = 0

    def flush(self) -> None:
        joined = "".join(self.line).strip()
        if joined:
            self.blocks.append(joined)
        self.line = []

    def handle_starttag(
        self, tag: str, attrs_: list[tuple[str, str | None]]
    ) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "table":
            if self.tables:
                self.tables[-1].nested = True
            else:
                self.flush()
            self.tables.append(_Table())
        elif self.tables and tag == "tr":
            self.tables[-1].rows.append([])
        elif self.tables and tag in ("td", "th"):
            values = dict(attrs_)
            cell = _Cell(
                rowspan=_span(values.get("rowspan")),
                colspan=_span(values.get("colspan")),
            )
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            table.rows[-1].append(cell)
            self.cell = cell
        elif tag in _BLOCKS and not self.tables:
            self.flush()

    def handle_startendtag(
        self, tag: str, _attrs: list[tuple[str, str | None]]
    ) -> None:
        if tag == "br" and not self.tables:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "table" and self.tables:
            table = self.tables.pop()
            self.cell = None
            if not table.nested:
                self.blocks.append(table)
            elif self.tables:
                self.tables[-1].nested = True
        elif tag in ("td", "th"):
            self.cell = None
        elif tag in _BLOCKS and not self.tables:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = _LINE_NOISE.sub("", data)
        if self.tables:
            if self.cell is not None:
                self.cell.text += data
        else:
            self.line.append(data)

    def close(self) -> None:
        super().close()
        self.flush()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 1000))
    except ValueError:
        return 1


def _grid(table: _Table) -> list[list[tuple[int, _Cell] | None]]:
    """
    The table as a grid: each position holds (row where the cell starts,
    cell); spanned positions repeat the same cell.
    """
    grid: list[list[tuple[int, _Cell] | None]] = []
    for r, cells in enumerate(table.rows):
        while len(grid) <= r:
            grid.append([])
        row = grid[r]
        c = 0
        for cell in cells:
            while c < len(row) and row[c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                while len(target) < c + cell.colspan:
                    target.append(None)
                for dc in range(cell.colspan):
                    target[c + dc] = (r, cell)
            c += cell.colspan
    return grid


_NUMBERISH = re.compile(
    r"^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:条|件|项|次|篇|个|人|人次|元|万元|亿元)?$"
)
_UNIT_WORDS = frozenset(
    {
        "条",
        "件",
        "项",
        "次",
        "篇",
        "个",
        "人",
        "人次",
        "元",
        "万元",
        "亿元",
        "单位",
        "计量单位",
    }
)


def _value_like(cell_text: str) -> bool:
    """
    Whether a cell holds a value (a number, a null mark or a unit), not a
    label.
    """
    t = _lexer.compact(cell_text)
    return (
        bool(_NUMBERISH.match(t)) or t in _lexer.NULL_TEXTS or t in _UNIT_WORDS
    )


def _label_columns(grid: list[list[tuple[int, _Cell] | None]]) -> int:
    """
    How many leading columns hold row labels (the merged label blocks of
    table 三 span several): in each row that holds a value, the run of
    label cells from the left; the run behind the most values wins (ties:
    the shorter).  A table without values has one label column if any row
    starts with a label.
    """
    headers = _vocabulary_headers()

    def run(r: int, row: list[tuple[int, _Cell] | None]) -> tuple[int, int]:
        # The label run ends at the row's own label (a cell that starts in
        # this row and spans nothing); cells carried down from a row above
        # or spanning several columns are the merged label block.
        length, labels_done, values = 0, False, 0
        previous: _Cell | None = None
        for pos in row:
            cell = None if pos is None else pos[1]
            if cell is not None and cell is previous:
                continue
            previous = cell
            t = "" if cell is None else cell.text
            if not _lexer.compact(t):
                labels_done = True
                continue
            if _value_like(t) or _lexer.label_key(t) in headers:
                labels_done = True
                values += _value_like(t)
                continue
            if labels_done or cell is None or pos is None:
                continue
            length += cell.colspan
            merged = pos[0] != r or cell.rowspan > 1 or cell.colspan > 1
            labels_done = not merged
        return length, values

    runs = [run(r, row) for r, row in enumerate(grid)]
    counted: collections.Counter[int] = collections.Counter()
    for n, values in runs:
        counted[n] += values  # a run counts as often as its row has values
    counted = +counted
    if not counted:
        return 1 if any(n for n, _ in runs) else 0
    best = max(counted.values())
    return min(n for n, c in counted.items() if c == best)


def _row_cells(
    row: list[tuple[int, _Cell] | None], r: int, first_value: int
) -> tuple[list[str], list[str]]:
    """
    The label cells and the value cells that start in grid row *r* (a
    spanned cell once; a unit or null mark among the labels is a value).
    """
    labels: list[str] = []
    values: list[str] = []
    seen: set[int] = set()
    for c, pos in enumerate(row):
        if pos is None:
            if c >= first_value:
                values.append("")
            continue
        start, cell = pos
        if id(cell) in seen or start != r:
            seen.add(id(cell))
            continue
        seen.add(id(cell))
        cleaned = cell.text.strip().replace("|", "｜")
        if c < first_value and not (labels and _value_like(cell.text)):
            labels.append(cleaned)
        else:
            values.append(cleaned)
    return labels, values


def _table_lines(table: _Table) -> list[str]:
    """
    The table's rows in the pipe form: label cells that start in a row
    become heading lines, the last one labels the row's values.
    """
    grid = _grid(table)
    first_value = _label_columns(grid)
    lines: list[str] = []
    for r, row in enumerate(grid):
        labels, values = _row_cells(row, r, first_value)
        if not labels and not any(values):
            continue
        lines.extend(f"| {heading} |" for heading in labels[:-1])
        label = [labels[-1] if labels else ""] if first_value else []
        lines.append("| " + " | ".join([*label, *values]) + " |")
    return lines


@functools.cache
def _vocabulary() -> frozenset[str]:
    words: set[str] = set()
    for cls in REPORT_TYPES.values():
        words.update(_lexer.candidates(cls.TABLE))
        words.update(_lexer.header_words(cls.TABLE))
    return frozenset(words)


@functools.cache
def _vocabulary_headers() -> frozenset[str]:
    words: set[str] = set()
    for cls in REPORT_TYPES.values():
        words.update(_lexer.header_words(cls.TABLE))
    return frozenset(words | set(_lexer.HEADER_LABELS))


def _is_report_table(table: _Table) -> bool:
    vocabulary = _vocabulary()
    return any(
        _lexer.label_key(cell.text) in vocabulary
        for row in table.rows
        for cell in row
        if cell.text.strip()
    )


_TITLE = re.compile(r"(?:政府信息公开|政务公开).{0,12}(?:年度报告|年报)")


def decode(page: bytes) -> str:
    """
    The text of an HTML page: its declared charset, else UTF-8, else
    GB18030.

    Raises:
        ParseError: when none of them decodes the bytes.
    """
    declared = _CHARSET.search(page[:4096])
    encodings = []
    if declared:
        encodings.append(declared.group(1).decode("ascii", "replace"))
    encodings += ["utf-8-sig", "gb18030"]
    for encoding in encodings:
        try:
            return page.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ParseError(
        "cannot decode the page as its declared charset, UTF-8 or GB18030"
    )


def to_text(page: str | bytes) -> str:
    """
    The report in *page* in the plain-text (pipe) form that
    :func:`govdisclosure.text.parse` reads: the title, the narrative
    paragraphs and every report table, row by row.

    Raises:
        ParseError: when the page has no recognisable report table.
    """
    source = decode(page) if isinstance(page, bytes) else page
    if not isinstance(source, str):
        raise ParseError(
            f"expected HTML (str or bytes), got {type(page).__name__}"
        )
    reader = _Reader()
    try:
        reader.feed(source)
        reader.close()
    except (
        AssertionError,
        ValueError,
    ) as exc:  # pragma: no cover - html.parser is lenient
        raise ParseError(f"cannot read the HTML: {exc}") from None
    blocks = reader.blocks
    tables = [
        b for b in blocks if isinstance(b, _Table) and _is_report_table(b)
    ]
    if not tables:
        raise ParseError(
            "no report table found: expected table 三 (收到和处理政府信息公开申请情况) "
            "or the statistical table (指标 | 单位 | 数量)"
        )
    start = next(
        (
            i
            for i, b in enumerate(blocks)
            if isinstance(b, str) and _TITLE.search(b)
        ),
        0,
    )
    lines: list[str] = []
    for block in blocks[start:]:
        if isinstance(block, str):
            lines.append(block)
        elif block in tables:
            lines.extend(_table_lines(block))
    return "\n".join(lines) + "\n"


def parse(page: str | bytes, *, template: str | None = None) -> Report:
    """
    Read the report in an HTML page (a full page or a fragment).

    Bytes are decoded from the page's declared charset, falling back to
    UTF-8, then GB18030.  The template generation is detected unless
    *template* is given.

    Raises:
        ParseError: for a page without a recognisable report table (saying
            which), or a cell that cannot be read (naming the row).
    """
    return text.parse(to_text(page), template=template)


def _td(value: str, colspan: int = 1, rowspan: int = 1) -> str:
    spans = "".join(
        f' {name}="{n}"'
        for name, n in (("rowspan", rowspan), ("colspan", colspan))
        if n > 1
    )
    return f"<td{spans}>{_html.escape(value, quote=False)}</td>"


def _paragraphs(block: str) -> str:
    return "\n".join(
        f"<p>{_html.escape(line, quote=False)}</p>"
        for line in block.split("\n")
    )


def _header_rows(header: Header, width: int) -> list[str]:
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
            cells.append(_td(header.corner, rowspan=depth))
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
                cells.append(_td(path[level], colspan, rowspan))
            j += span
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return rows


def _html_grid(report: Report2019 | Report2021, name: str) -> list[str]:
    """
    One national table as an HTML ``<table>``: heading rows spanning the
    table, header rows with their spans, a row per table row.
    """
    entries = text._table_entries(report, name)  # noqa: SLF001
    width = max(len(e.cells) for e in entries if isinstance(e, Row))
    out = ['<table border="1">']
    for entry in entries:
        if isinstance(entry, Heading):
            out.append(f"<tr>{_td(entry.label, width + 1)}</tr>")
        elif isinstance(entry, Header):
            out.extend(_header_rows(entry, width))
        elif isinstance(entry, Row):
            shown = [text._shown(report, c) for c in entry.cells]  # noqa: SLF001
            cells = [_td(v) for v in shown]
            cells[-1] = _td(shown[-1], 1 + width - len(shown))
            label = [] if entry.label is None else [_td(entry.label)]
            out.append("<tr>" + "".join([*label, *cells]) + "</tr>")
    out.extend(
        "<tr>" + "".join(_td(c) for c in (row.label, *row.cells)) + "</tr>"
        for row in report.extra_rows
        if row.table == name
    )
    out.append("</table>")
    return out


def render(report: Report) -> str:
    """
    The report as an HTML fragment: the title and narrative as paragraphs,
    the tables as ``<table>`` elements in the places the text form puts
    them.  The national tables are written the way the template prints
    them: header rows with their row and column spans, heading rows across
    the table, and a single-value row's cell across the empty columns.
    :func:`parse` reads the fragment back to the same report.
    """
    if not isinstance(report, Report2014):
        return text._render_national(report, _html_grid, _paragraphs)  # noqa: SLF001
    out: list[str] = []
    in_table = False
    for line in text.render(report).split("\n")[:-1]:
        if "|" in line:
            if not in_table:
                out.append('<table border="1">')
                in_table = True
            out.append(
                "<tr>"
                + "".join(_td(c) for c in _lexer.split_row(line))
                + "</tr>"
            )
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        out.append(_paragraphs(line))
    if in_table:
        out.append("</table>")
    return "\n".join(out) + "\n"
