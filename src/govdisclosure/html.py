"""
Reports as they are published: HTML pages, whole or as a fragment (read
with lxml, the ``html`` extra).

:func:`parse` finds the report in the page: on a whole published page the
title and publication date come from the article's own metadata (the
``ArticleTitle`` and ``PubDate`` meta tags of 《政府网站发展指引》, a
"标题：" or "发布日期：" label, the 信息公开目录's metadata table, or the
``<title>``), and the report is the part of the page that holds its
tables and section headings, without the site's navigation and footer.
Tables are expanded into a grid (``rowspan``/``colspan``), a cell's text
runs are joined (``<span>``, ``<font>``, ``<p>``, ``<br>``: "2" + "1" is 21;
a table nested in a cell is the cell's text), and the result is one
:class:`~govdisclosure._document.Document`, mapped onto the schema like
every other form.  Text outside the tables is prose, whatever characters it
holds; what ``<script>``, ``<style>``, ``<noscript>``, ``<template>`` and
``<head>`` hold is not the page's text at all.  :func:`render` writes a
report as a standard HTML fragment that :func:`parse` reads back to the
same report.

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

import codecs
import collections
import functools
import html as _html
import re
from typing import Any, Literal, overload

import attrs

from govdisclosure import _extras, _lexer, _mapper, _render
from govdisclosure._document import Builder, Document
from govdisclosure._report2014 import (
    Report2014,
    is_report_title,
    labelled_date,
)
from govdisclosure._report_national import Report2019, Report2021
from govdisclosure._templates import Report, check_template
from govdisclosure.errors import ParseError

__all__ = ["decode", "parse", "render", "to_document", "to_text"]

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
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "header",
        "footer",
        "nav",
        "main",
        "aside",
        "blockquote",
        "pre",
        "center",
    }
)
_SKIP = frozenset({"script", "style", "head", "noscript", "template"})
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE
)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
#: Charsets a page may declare that cannot be what its bytes are in: the
#: single-byte Western ones decode any bytes, and a declaration readable as
#: ASCII is never UTF-16 or UTF-32 (the HTML standard reads it as UTF-8).
_WESTERN = re.compile(
    r"(?i)iso[-_]?8859[-_]?1|latin[-_]?1|l1|cp819|windows[-_]?125[0-8]|"
    r"cp125[0-8]|us[-_]?ascii|ascii|utf[-_]?(?:16|32)(?:[-_]?[bl]e)?"
)
#: The article metadata of 《政府网站发展指引》 that a report reads.
_META_NAMES = frozenset({"articletitle", "pubdate", "contentsource"})
#: The most grid positions a table may expand to, per cell it has (a span
#: reaches no further than the rows and columns the table has).
_GRID_PER_CELL = 64


@attrs.define(eq=False)
class _Cell:
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    #: What the text is (:func:`_classify`), set by :func:`_table_rows`.
    kind: int = -1


@attrs.define(eq=False)
class _Table:
    rows: list[list[_Cell]] = attrs.Factory(list)
    nested: bool = False
    path: tuple[int, ...] = ()
    #: How many lines of prose its cells gave (see :class:`_Line`).
    lines: int = 0
    #: The cell of the enclosing table this table is nested in.
    parent_cell: _Cell | None = None


@attrs.define(eq=False)
class _Line:
    text: str
    path: tuple[int, ...]
    #: The table whose cell the line was read in: kept as prose when that
    #: table turns out to be the page's layout, dropped (it is cell text)
    #: when it is a table of data.
    owner: _Table | None = None


class _Reader:
    """
    The page as a sequence of blocks (lines of text and tables), each with
    the path of the elements it stands in; the page's metadata.
    """

    def __init__(self) -> None:
        self.blocks: list[_Line | _Table] = []
        self.line: list[str] = []
        self.line_path: tuple[int, ...] | None = None
        #: The text of the current cell since its last block boundary.
        self.cell_line: list[str] = []
        #: Inside ``<sup>``: a footnote mark, kept as superscript digits
        #: ("5<sup>1</sup>" is 5 with the mark ¹, never 51).
        self.sup = 0
        self.tables: list[_Table] = []
        self.cell: _Cell | None = None
        #: The numbers of the open elements (the current path).
        self.numbers: list[int] = []
        self.counter = 0
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        #: Inside a ``<p data-verbatim>`` that :func:`render` wrote for a
        #: line whose tabs, carriage returns, blank or surrounding white
        #: space must survive: its text is kept as it is.
        self.verbatim = False
        #: The path of the element the walk kept to (:func:`_scope`), if
        #: it left blocks outside it unread.
        self.scope_path: tuple[int, ...] | None = None

    def path(self) -> tuple[int, ...]:
        return tuple(self.numbers)

    def flush_cell(self) -> None:
        joined = "".join(self.cell_line).strip()
        self.cell_line = []
        if joined and self.tables:
            owner = self.tables[-1]
            owner.lines += 1
            self.blocks.append(_Line(joined, self.path(), owner))

    def flush(self) -> None:
        # The line is emptied in place: the walk holds on to it.
        if self.verbatim:
            path = self.path() if self.line_path is None else self.line_path
            self.blocks.append(_Line("".join(self.line), path))
            self.line.clear()
            self.line_path = None
            return
        if not self.line:
            return
        joined = "".join(self.line).strip()
        if joined:
            path = self.path() if self.line_path is None else self.line_path
            self.blocks.append(_Line(joined, path))
        self.line.clear()
        self.line_path = None

    def start(self, tag: str, element: Any) -> None:
        """An element starts (not a skipped, void or fast-read one)."""
        if tag == "sup":
            self.sup += 1
        self.counter += 1
        self.numbers.append(self.counter)
        if tag == "table":
            self.boundary()
            self.tables.append(_Table(path=self.path(), parent_cell=self.cell))
            self.cell = None
        elif self.tables and tag == "tr":
            self.tables[-1].rows.append([])
        elif self.tables and tag in ("td", "th"):
            self.flush_cell()
            self.start_cell(element.get("rowspan"), element.get("colspan"))
        elif tag in _BLOCKS:
            self.boundary()
            if tag == "p" and not self.tables:
                self.verbatim = element.get("data-verbatim") is not None

    def boundary(self) -> None:
        """
        A block boundary: the line of text (or of the cell) ends here.
        """
        if self.tables:
            self.flush_cell()
        else:
            self.flush()

    def start_cell(self, rowspan: str | None, colspan: str | None) -> None:
        cell = _Cell(rowspan=_span(rowspan), colspan=_span(colspan))
        table = self.tables[-1]
        if not table.rows:
            table.rows.append([])
        table.rows[-1].append(cell)
        self.cell = cell

    def end(self, tag: str) -> None:
        """The element that :meth:`start` opened ends."""
        if tag == "sup":
            self.sup -= 1
        if tag == "table":
            self.end_table()
        elif tag in ("td", "th"):
            self.flush_cell()
            self.cell = None
        elif tag in _BLOCKS:
            self.boundary()
            self.verbatim = False
        self.numbers.pop()

    def fast_table(self, element: Any, text_of: Any, strip: Any) -> bool:
        """
        A table without a table, a footnote mark or a skipped element
        inside: its cells' texts read by lxml at once (the same texts
        :meth:`start`, :meth:`data` and :meth:`end` would gather; its
        cells' lines are never prose, since it holds no report table).
        *text_of* reads an element's text, *strip* is lxml's
        ``strip_tags``.

        Returns ``False``, having read nothing, for a table with a row or
        cell inside a cell (what a stray ``<td>`` in a cell's markup
        makes): :meth:`start` and :meth:`end` read it.  The markup inside
        its cells is gone then, which changes no cell's text.
        """
        rows: list[list[_Cell]] = []
        row: list[_Cell] | None = None
        # The markup inside its cells goes (lxml joins the texts around
        # it): most cells are then one text node, read without a call.
        strip(element, *_CELL_MARKUP)
        for item in element.iter("tr", "td", "th"):
            if item.tag == "tr":
                row = []
                rows.append(row)
                continue
            if row is None:
                row = []
                rows.append(row)
            if not len(item):
                text = item.text or ""
            elif next(item.iterdescendants("tr", "td", "th"), None) is None:
                text = text_of(item)
            else:
                return False  # a row or cell inside a cell
            rowspan, colspan = item.get("rowspan"), item.get("colspan")
            row.append(
                _Cell(text)
                if rowspan is None and colspan is None
                else _Cell(text, _span(rowspan), _span(colspan))
            )
        # Line breaks and tabs out of every cell at once (lxml's texts hold
        # no NUL).
        texts = "\0".join([c.text for cells in rows for c in cells])
        if "\n" in texts or "\r" in texts or "\t" in texts:
            cells = [c for cells in rows for c in cells]
            parts = _without_breaks(texts).split("\0")
            for cell, text in zip(cells, parts, strict=True):
                cell.text = text
        self.boundary()
        self.counter += 1
        table = _Table(
            rows, path=(*self.numbers, self.counter), parent_cell=self.cell
        )
        self.tables.append(table)
        self.cell = None
        self.end_table()
        return True

    def end_table(self) -> None:
        self.flush_cell()
        table = self.tables.pop()
        self.cell = table.parent_cell
        if table.lines and not table.nested:
            # A table of data: its cells' lines are its cells, not prose.
            self.blocks = [
                b
                for b in self.blocks
                if not (isinstance(b, _Line) and b.owner is table)
            ]
        outer = self.tables[-1] if self.tables else None
        if outer is None:
            if not table.nested:
                self.blocks.append(table)
            return
        if table.nested or _is_report_table(table):
            # A report table inside a layout table: the outer one is the
            # page's layout.
            outer.nested = True
            if not table.nested:
                self.blocks.append(table)
        elif self.cell is not None:
            # A table inside a cell (a CMS artefact): its text is the cell's.
            self.cell.text += " ".join(
                c.text.strip() for row in table.rows for c in row if c.text
            )

    def data(self, data: str) -> None:
        """Text in the page (not in a skipped element)."""
        if not self.verbatim and (
            "\n" in data or "\r" in data or "\t" in data
        ):
            data = _without_breaks(data)
            if not data:
                return  # white space between tags
        if self.sup:
            data = data.translate(_SUPERSCRIPT)
        if self.tables:
            if self.cell is not None:
                self.cell.text += data
                self.cell_line.append(data)
        else:
            if self.line_path is None and data and not data.isspace():
                self.line_path = self.path()
            self.line.append(data)

    def finish(self) -> None:
        """The end of the page: close what is still open."""
        while self.tables:
            self.end_table()
        self.flush()


def _without_breaks(text: str) -> str:
    """*text* without line breaks and tabs (a page's source formatting)."""
    return text.replace("\n", "").replace("\r", "").replace("\t", "")


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return max(1, min(int(value or "1"), 1000))
    except ValueError:
        return 1


def _grid(table: _Table) -> list[list[tuple[int, _Cell] | None]]:
    """
    The table as a grid: each position holds (row where the cell starts,
    cell); spanned positions repeat the same cell.  A span reaches no
    further than the rows the table has and the widest row's cells, and
    the grid no larger than a bound proportional to the table's cells.

    Raises:
        ParseError: when the spans still ask for more than that bound.
    """
    rows = table.rows
    if all(c.rowspan == 1 == c.colspan for cells in rows for c in cells):
        return [[(r, cell) for cell in cells] for r, cells in enumerate(rows)]
    cells_total = sum(len(cells) for cells in rows)
    widest = max((len(cells) for cells in rows), default=0)
    budget = _GRID_PER_CELL * cells_total + 1024
    used = 0
    grid: list[list[tuple[int, _Cell] | None]] = [[] for _ in rows]
    height, width = len(rows), max(widest, 1)
    for r, cells in enumerate(rows):
        row = grid[r]
        c = 0
        for cell in cells:
            n = len(row)
            while c < n and row[c] is not None:
                c += 1
            if cell.rowspan == 1 == cell.colspan:  # the common cell
                used += 1
                if c == n:
                    row.append((r, cell))
                else:
                    row[c] = (r, cell)
                c += 1
                continue
            rowspan = min(cell.rowspan, height - r)
            colspan = min(cell.colspan, width)
            used += rowspan * colspan
            if used > budget:
                raise ParseError(
                    "a table's rowspan/colspan ask for more cells than the "
                    "table has"
                )
            position = (r, cell)
            for dr in range(rowspan):
                target = grid[r + dr]
                if len(target) < c + colspan:
                    target.extend([None] * (c + colspan - len(target)))
                target[c : c + colspan] = [position] * colspan
            c += colspan
    return grid


#: What a cell's text is to :func:`_label_columns`: nothing, a value (a
#: number, a null mark or a unit), a column header, or a label.
_BLANK, _VALUE, _HEADER, _LABEL = range(4)


def _classify(text: str) -> int:
    """
    *text* as :data:`_BLANK`, :data:`_VALUE`, :data:`_HEADER` or
    :data:`_LABEL`.
    """
    if len(text) > _CACHED_TEXT:
        return _classify_text(text)
    return _classify_cached(text)


def _classify_text(text: str) -> int:
    if not _lexer.compact(text):
        return _BLANK
    if _lexer.value_like(text):
        return _VALUE
    if _lexer.label_key(text) in _mapper.header_vocabulary():
        return _HEADER
    return _LABEL


#: Cell texts up to this length are classified once (a table's cells
#: repeat: 0, 无, the template's labels).
_CACHED_TEXT = 200
_classify_cached = functools.lru_cache(maxsize=4096)(_classify_text)


def _label_columns(grid: list[list[tuple[int, _Cell] | None]]) -> int:
    """
    How many leading columns hold row labels (the merged label blocks of
    table 三 span several): in each row that holds a value, the run of
    label cells from the left; the run behind the most values wins (ties:
    the shorter).  A table without values has one label column if any row
    starts with a label.
    """

    def run(r: int, row: list[tuple[int, _Cell] | None]) -> tuple[int, int]:
        # The label run ends at the row's own label (a cell that starts in
        # this row and spans nothing); cells carried down from a row above
        # or spanning several columns are the merged label block.
        length, labels_done, values = 0, False, 0
        previous: _Cell | None = None
        for pos in row:
            if pos is None:
                labels_done = True  # an empty position
                continue
            cell = pos[1]
            if cell is previous:
                continue
            previous = cell
            kind = cell.kind
            if kind != _LABEL:
                labels_done = True
                values += kind == _VALUE
                continue
            if labels_done:
                continue
            length += cell.colspan
            labels_done = not (
                pos[0] != r or cell.rowspan > 1 or cell.colspan > 1
            )
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
) -> tuple[list[_Cell], list[_Cell | None]]:
    """
    The label cells and the value cells that start in grid row *r* (a
    spanned cell once; a unit or null mark among the labels is a value;
    ``None`` for an empty position among the values).
    """
    labels: list[_Cell] = []
    values: list[_Cell | None] = []
    previous: _Cell | None = None
    for c, pos in enumerate(row):
        if pos is None:
            if c >= first_value:
                values.append(None)
            continue
        start, cell = pos
        if cell is previous or start != r:
            previous = cell
            continue
        previous = cell
        if c < first_value and not (labels and cell.kind == _VALUE):
            labels.append(cell)
        else:
            values.append(cell)
    return labels, values


def _table_plan(table: _Table) -> list[list[int]]:
    """
    Where :func:`_table_rows` takes each text from: the rows, each a list
    of the numbers of the cells (counted row by row) whose text stands
    there, ``-1`` for an empty one.  Label cells that start in a row
    become heading rows of their own, the last one labels the row's
    values; a row of no label and blank values is left out.
    """
    number = {id(c): n for n, c in enumerate(c for r in table.rows for c in r)}
    grid = _grid(table)
    first_value = _label_columns(grid)
    plan: list[list[int]] = []
    for r, row in enumerate(grid):
        labels, values = _row_cells(row, r, first_value)
        if not labels and all(c is None or c.kind == _BLANK for c in values):
            continue
        plan.extend([number[id(heading)]] for heading in labels[:-1])
        label = (
            [number[id(labels[-1])] if labels else -1] if first_value else []
        )
        plan.append(
            [*label, *(-1 if c is None else number[id(c)] for c in values)]
        )
    return plan


#: The plans of the table shapes met (:func:`_table_rows`), at most
#: :data:`_PLANS_KEPT` of them, each of a table of at most
#: :data:`_PLAN_CELLS` cells (a bigger one is planned each time: the memo
#: stays small whatever the pages).
_PLANS: dict[tuple[int, ...], list[list[int]]] = {}
_PLANS_KEPT = 512
_PLAN_CELLS = 2048


def _table_rows(table: _Table) -> list[list[str]]:
    """
    The table's rows as cell texts (stripped), as :func:`_table_plan`
    places them.  The plan depends only on the table's shape (its rows'
    cells' spans and what each cell's text is to :func:`_classify`), and
    a site's tables repeat their shapes: it is made once per shape.
    """
    shape: list[int] = []
    texts: list[str] = []
    for cells in table.rows:
        shape.append(-1)
        for cell in cells:
            text = cell.text
            kind = cell.kind = _classify(text)
            shape.append(kind | cell.rowspan << 2 | cell.colspan << 12)
            texts.append(text.strip())
    texts.append("")  # what -1 stands for
    key = tuple(shape)
    plan = _PLANS.get(key)
    if plan is None:
        plan = _table_plan(table)
        if len(texts) <= _PLAN_CELLS:
            if len(_PLANS) >= _PLANS_KEPT:
                _PLANS.clear()
            _PLANS[key] = plan
    return [[texts[n] for n in row] for row in plan]


def _is_report_table(table: _Table) -> bool:
    vocabulary = _mapper.vocabulary()
    return any(
        _lexer.label_key(cell.text) in vocabulary
        for row in table.rows
        for cell in row
        if cell.text.strip()
    )


#: "标题：…" as sites print it above an article.
_TITLE_LABEL = re.compile(
    r"^\s*(?:标\s*题|文\s*章\s*标\s*题|名\s*称)\s*[:：]\s*(.+)$"
)
_META_TABLE_KEYS = frozenset(
    {"索引号", "发布机构", "文号", "主题分类", "公开方式"}
)


def decode(page: bytes) -> str:
    """
    The text of an HTML page: its declared charset, else UTF-8, else
    GB18030.

    A page that declares a charset that cannot be it (a single-byte
    Western one such as ``iso-8859-1``, which decodes any bytes) is read as
    UTF-8, else GB18030, before that charset; a name Python does not know
    (``undefined``) or a charset that fails on the bytes falls back the
    same way.

    >>> decode('<meta charset="undefined"><p>报告</p>'.encode())
    '<meta charset="undefined"><p>报告</p>'

    Raises:
        ParseError: when none of them decodes the bytes.
    """
    return _decoded(page)[1]


def _decoded(page: bytes) -> tuple[str, str]:
    """
    The codec :func:`decode` reads *page* with (``"utf-8"`` for UTF-8
    without a byte order mark) and the text it gives.

    Raises:
        ParseError: when none decodes the bytes.
    """
    declared = _CHARSET.search(page[:4096])
    name = declared.group(1).decode("ascii", "replace") if declared else ""
    if name and _WESTERN.fullmatch(name) is None:
        encodings = [name, "utf-8-sig", "gb18030"]
    else:
        # Undeclared, or a single-byte Western charset that a Chinese page
        # is not written in (it would decode anything).
        encodings = ["utf-8-sig", "gb18030", *([name] if name else [])]
    for encoding in encodings:
        try:
            codec = codecs.lookup(encoding).name
            text = page.decode(codec)
        except (UnicodeError, LookupError):
            continue
        if codec == "utf-8-sig" and not page.startswith(codecs.BOM_UTF8):
            codec = "utf-8"
        return codec, text
    raise ParseError(
        "cannot decode the page as UTF-8, its declared charset or GB18030"
    )


def _read_page(page: str | bytes, *, prune: bool = True) -> _Reader:
    """
    The page read into blocks; with *prune*, the blocks that cannot hold
    the report on a page that states its title and date in meta tags are
    left unread (:func:`_scope`: :func:`to_document` reads the page again
    without when that was not enough to place the report).
    """
    etree = _extras.require("lxml.etree", "html", "reading HTML")
    if isinstance(page, bytes):
        codec, text = _decoded(page)
        # UTF-8 bytes go to lxml as they are; others as their UTF-8.
        data = page if codec == "utf-8" else text.encode("utf-8", "replace")
    elif isinstance(page, str):
        data = page.encode("utf-8", "replace")
    else:
        raise ParseError(
            f"expected HTML (str or bytes), got {type(page).__name__}"
        )
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError) as exc:  # pragma: no cover
        raise ParseError(f"cannot read the HTML: {exc}") from None
    reader = _Reader()
    if root is not None:
        _metadata(reader, root)
        scope = _scope(reader, root) if prune and _SHORTCUTS else None
        _walk(reader, root, etree, scope)
    reader.finish()
    return reader


def _scope(reader: _Reader, root: Any) -> Any | None:
    """
    The element a walk may keep to on a page whose meta tags state the
    article's title and date (so that no line outside the article is
    needed for them): the block around the parent of every table's common
    ancestor, where the report's tables and narrative stand.  Blocks
    outside it whose text holds no 、 (so no numbered heading) are not
    read; :func:`to_document` reads the page again without a scope when
    the report is not placed inside it (no heading, one heading alone, or
    a heading outside it).  ``None`` for no scope: no such meta tags, no
    table, or a scope under a table, mark or paragraph.
    """
    meta = reader.meta
    if not (
        meta.get("articletitle", "").strip()
        and meta.get("pubdate", "").strip()
    ):
        return None
    tables = list(root.iter("table"))
    if not tables:
        return None
    path = [*reversed(list(tables[0].iterancestors())), tables[0]]
    depth = len(path)
    for table in tables[1:]:
        ancestors = set(table.iterancestors())
        ancestors.add(table)
        while depth and path[depth - 1] not in ancestors:
            depth -= 1
    # The common ancestor's parent, or the nearest block above it.
    depth -= 1
    while depth > 1 and path[depth - 1].tag not in _BLOCKS:
        depth -= 1
    if depth <= 1 or any(
        type(e.tag) is not str or e.tag in _SPECIAL - _BLOCKS or e.tag == "p"
        for e in path[:depth]
    ):
        return None
    return path[depth - 1]


def _metadata(reader: _Reader, root: Any) -> None:
    """The page's article meta tags and ``<title>`` text."""
    for element in root.iter("meta", "title"):
        if element.tag == "title":
            reader.title_parts.extend(element.itertext())
            continue
        name = (element.get("name") or "").lower()
        content = element.get("content")
        if name in _META_NAMES and content:
            reader.meta.setdefault(name, content)


#: Elements the reader does more with than read their text.
_SPECIAL = _BLOCKS | _VOID | _SKIP | {"table", "tr", "td", "th", "sup"}
#: Elements inside which a table is read by :meth:`_Reader.fast_table`
#: only when none of these is in it.
_SLOW_INSIDE = ("table", "sup", *sorted(_SKIP))
#: The markup a table's cells are written with, taken out of a table that
#: :meth:`_Reader.fast_table` reads (a cell's text is all of its text).
_CELL_MARKUP = (
    *("p", "span", "font", "div", "br", "a", "b", "strong", "em", "i", "u"),
    *("small", "big", "center", "label", "nobr", "s", "strike", "sub"),
    *("ins", "del", "code", "tt", "abbr", "o:p", "wbr"),
)
#: Whether :func:`_walk` reads text outside tables itself instead of
#: through :meth:`_Reader.start`, :meth:`_Reader.data` and
#: :meth:`_Reader.end` (the same lines, faster; off in the tests that
#: compare the two).
_SHORTCUTS = True


def _walk(
    reader: _Reader, root: Any, etree: Any, scope: Any | None = None
) -> None:
    """
    Feed the reader lxml's tree of the page in document order: an
    element's start, its text, its children, its end, its tail.  Skipped
    elements (``<script>``, ``<head>`` …) are left out but for their tail;
    a table with no table, mark or skipped element inside is read at once
    (:meth:`_Reader.fast_table`).  With a *scope* (:func:`_scope`), the
    blocks outside it with no 、 in their text are left out too, each a
    line boundary.
    """
    _Walk(reader, etree, scope).visit(root)


#: Elements :meth:`_Walk.visit` leaves to the reader's start and end.
_BY_READER = frozenset({"table", "sup"})


class _Walk:
    """
    One walk of lxml's tree into a :class:`_Reader`.

    Outside tables, footnote marks and verbatim lines (where a page is
    mostly navigation and prose), the walk keeps the reader's line itself:
    what :meth:`_Reader.start`, :meth:`_Reader.data` and
    :meth:`_Reader.end` would do, without a call per element and text.
    """

    def __init__(self, reader: _Reader, etree: Any, scope: Any | None) -> None:
        self.reader = reader
        self.text_of = _string_value(etree)
        self.strip = etree.strip_tags
        self.numbers = reader.numbers
        self.line = reader.line
        self.shortcuts = _SHORTCUTS
        self.scope = scope
        #: The elements above the scope.
        self.chain = set() if scope is None else set(scope.iterancestors())

    def visit(self, element: Any) -> None:
        tag = element.tag
        reader = self.reader
        if type(tag) is not str or tag in _SKIP:
            return  # a comment or processing instruction; a skipped element
        if tag in _VOID:
            if tag == "br":
                reader.boundary()
        elif (
            tag == "table"
            and _fast(element)
            and reader.fast_table(element, self.text_of, self.strip)
        ):
            return
        elif (
            self.shortcuts
            and not (reader.tables or reader.verbatim or reader.sup)
            and tag not in _BY_READER
            and (tag != "p" or element.get("data-verbatim") is None)
        ):
            self.outside(element, tag, above=element in self.chain)
        else:
            reader.start(tag, element)
            text = element.text
            if text:
                reader.data(text)
            self.children(element)
            reader.end(tag)

    def outside(self, element: Any, tag: str, *, above: bool = False) -> None:
        """
        An element outside tables, marks and verbatim lines: a block ends
        the line before and after it; any other element only takes a
        number in the path.  White space before a line is no text (the
        line is stripped).  For an element *above* the scope, its children
        go by :meth:`beside` first.
        """
        reader, numbers, line = self.reader, self.numbers, self.line
        block = tag in _BLOCKS
        if block and line:
            reader.flush()
        reader.counter += 1
        numbers.append(reader.counter)
        text = element.text
        if text and (line or not text.isspace()):
            self.data(text, 0)
        for child in element:
            tag = child.tag
            if above and self.beside(child, tag):
                pass
            elif type(tag) is str and tag not in _SPECIAL and not len(child):
                # A plain inline element without children (a link, a
                # span): a number in the path, and its text.
                reader.counter += 1
                text = child.text
                if text and (line or not text.isspace()):
                    self.data(text, reader.counter)
            else:
                self.visit(child)
            text = child.tail
            if text and (line or not text.isspace()):
                self.data(text, 0)
        if block and line:
            reader.flush()
        numbers.pop()

    def beside(self, child: Any, tag: Any) -> bool:
        """
        A child of an element above the scope: whether it was dealt with
        here (an element above the scope or the scope itself, visited; a
        block outside the scope with no 、 in its text, a line boundary,
        unread).
        """
        if child in self.chain:
            self.outside(child, tag, above=True)
        elif child is self.scope:
            # outside() numbers it next.
            reader = self.reader
            reader.scope_path = (*self.numbers, reader.counter + 1)
            self.visit(child)
        elif (
            type(tag) is str
            and tag in _BLOCKS
            and "、" not in self.text_of(child)
        ):
            if self.line:
                self.reader.flush()
        else:
            return False
        return True

    def data(self, text: str, inline: int) -> None:
        """
        Text outside tables, marks and verbatim lines (in the childless
        inline element numbered *inline*, if not 0).
        """
        if "\n" in text or "\r" in text or "\t" in text:
            text = _without_breaks(text)
            if not text:
                return  # line breaks and tabs between tags
        reader = self.reader
        if reader.line_path is None and not text.isspace():
            numbers = self.numbers
            reader.line_path = (*numbers, inline) if inline else tuple(numbers)
        self.line.append(text)

    def children(self, element: Any) -> None:
        """*element*'s children, through the reader's start, data and end."""
        reader, numbers = self.reader, self.numbers
        for child in element:
            tag = child.tag
            if type(tag) is str and tag not in _SPECIAL and not len(child):
                # A plain inline element without children: a number in
                # the path, and its text.
                reader.counter += 1
                text = child.text
                if text:
                    numbers.append(reader.counter)
                    reader.data(text)
                    numbers.pop()
            else:
                self.visit(child)
            text = child.tail
            # Line breaks and tabs alone between tags are no text.
            if text and (reader.verbatim or text.strip("\r\n\t")):
                reader.data(text)


@functools.cache
def _string_value(etree: Any) -> Any:
    """
    An element's text, every descendant's joined (XPath's ``string()``):
    lxml's text serialization, without the tail (twice as fast as XPath
    ``string()``, six times as fast as joining ``itertext()``).
    """
    return functools.partial(
        etree.tostring, method="text", encoding=str, with_tail=False
    )


def _fast(table: Any) -> bool:
    """Whether :meth:`_Reader.fast_table` reads *table*."""
    return next(table.iterdescendants(*_SLOW_INSIDE), None) is None


def _common(paths: list[tuple[int, ...]]) -> tuple[int, ...]:
    first = paths[0]
    n = len(first)
    for path in paths[1:]:
        n = min(n, len(path))
        for k in range(n):
            if path[k] != first[k]:
                n = k
                break
    return first[:n]


def _is_heading(text: str) -> bool:
    return len(text) <= 60 and _lexer.HEADING.match(text) is not None


def _metadata_table(table: _Table) -> dict[str, str]:
    """
    The label → value pairs of a 信息公开目录 metadata table (索引号 |
    发布机构 | 生成日期 | 文号 …), or nothing for any other table.
    """
    cells = [
        _lexer.compact(c.text).rstrip(":：") for r in table.rows for c in r
    ]
    if len(_META_TABLE_KEYS.intersection(cells)) < 2:
        return {}
    pairs: dict[str, str] = {}
    texts = [c.text.strip() for r in table.rows for c in r]
    for k, key in enumerate(cells[:-1]):
        pairs.setdefault(key, texts[k + 1])
    return pairs


def _page_metadata(
    reader: _Reader, tables: list[_Table]
) -> tuple[str | None, str | None]:
    """
    The title and publication date the page states for its article: the
    meta tags, else a "标题：" label, the metadata table or the
    ``<title>`` (the title); the metadata table or a "发布日期：" label
    (the date).
    """
    lines = [b.text for b in reader.blocks if isinstance(b, _Line)]
    pairs: dict[str, str] = {}
    for block in reader.blocks:
        if isinstance(block, _Table) and block not in tables:
            for key, value in _metadata_table(block).items():
                pairs.setdefault(key, value)
    title = (
        reader.meta.get("articletitle", "").strip()
        or _labelled_title(lines)
        or next(
            (
                pairs[k]
                for k in ("标题", "名称")
                if is_report_title(pairs.get(k, ""))
            ),
            None,
        )
        or _title_part("".join(reader.title_parts))
    )
    published = (
        reader.meta.get("pubdate", "").strip()
        or next(
            (
                pairs[k]
                for k in ("发布日期", "公开日期", "生成日期", "成文日期")
                if pairs.get(k)
            ),
            None,
        )
        or next(
            (str(d) for d in map(labelled_date, lines) if d is not None), None
        )
    )
    return title or None, published or None


def _labelled_title(lines: list[str]) -> str | None:
    for line in lines:
        m = _TITLE_LABEL.match(line)
        if m and is_report_title(m[1]):
            return m[1].strip()
    return None


def _title_part(whole: str) -> str | None:
    """
    The report's title in a ``<title>`` of "article-column-site" or
    "article_column_site".
    """
    for part in re.split(r"\s*[-_|｜—]+\s*", whole.strip()):
        if is_report_title(part):
            return part
    return None


_SENTENCE = re.compile("[。；;，,！!？?]")


def _fragment_start(kept: list[_Line | _Table], tables: list[_Table]) -> int:
    """
    Where the report starts in a fragment without metadata: at the first
    line naming a report (not a sentence citing one) before the first
    heading or table, what stands above it being the site's; else at the
    first line.
    """
    for i, block in enumerate(kept):
        if isinstance(block, _Table):
            if any(block is t for t in tables):
                break
            continue  # the site's own tables (navigation, layout)
        if _is_heading(block.text):
            break
        if is_report_title(block.text) and not _SENTENCE.search(block.text):
            return i
    return 0


def _article_path(
    tables: list[_Table], headings: list[tuple[int, ...]]
) -> tuple[int, ...] | None:
    """
    The path of what holds every report table and section heading (none
    when there is no heading: the whole page).
    """
    if not headings:
        return None
    placed = [t.path for t in tables] + headings
    article = _common(placed)
    if len(set(placed)) == 1:
        article = article[:-1]  # one heading alone: what holds it
    return article


def _article(
    blocks: list[_Line | _Table], article: tuple[int, ...] | None
) -> list[_Line | _Table]:
    """The blocks of the article at path *article* (all for ``None``)."""
    if article is None:
        return list(blocks)
    return [b for b in blocks if b.path[: len(article)] == article]


def _placed(
    reader: _Reader,
) -> tuple[list[_Table], list[tuple[int, ...]], tuple[int, ...] | None] | None:
    """
    The page's report tables, the paths of its section headings and of its
    article; ``None`` when the reader kept to a scope that does not hold
    them all (:func:`_scope`: the page is to be read whole).
    """
    blocks = reader.blocks
    tables = [
        b for b in blocks if isinstance(b, _Table) and _is_report_table(b)
    ]
    headings = [
        b.path for b in blocks if isinstance(b, _Line) and _is_heading(b.text)
    ]
    article = _article_path(tables, headings)
    scope = reader.scope_path
    if scope is not None and (
        article is None
        or len(set([t.path for t in tables] + headings)) == 1
        or article[: len(scope)] != scope
    ):
        return None
    return tables, headings, article


def _compacts_to(line: str, key: str) -> bool:
    """
    Whether *line* compacts to *key* (:func:`govdisclosure._lexer.compact`),
    without normalizing a line too long to: NFKC composes at most four
    characters into one and turns none into white space alone, so a line
    of more than four times the key's length in letters (not white space)
    never compacts to it.
    """
    most = 4 * len(key)
    if len(line) > most and len("".join(line.split())) > most:
        return False
    return _lexer.compact(line) == key


def to_document(page: str | bytes) -> Document:
    """
    The :class:`~govdisclosure._document.Document` of the report in
    *page*: its title (and, on a whole page, the publication date the site
    states, as a ``发布日期：`` line), its prose lines and its report
    tables' rows.

    Raises:
        ParseError: when the page has no recognisable report table.
    """
    reader = _read_page(page)
    placed = _placed(reader)
    if placed is None:
        reader = _read_page(page, prune=False)
        placed = _placed(reader)
        assert placed is not None  # noqa: S101 - read whole
    tables, headings, article = placed
    blocks = reader.blocks
    if (
        not tables
        and not headings
        and not any(
            isinstance(b, _Line) and is_report_title(b.text) for b in blocks
        )
    ):
        raise ParseError(
            "no report found: expected table 三 (收到和处理政府信息公开申请情况), "
            "the statistical table (指标 | 单位 | 数量), the report's "
            "numbered sections (一、总体情况 …) or its title"
        )
    # A report without its tables still loads (rule M-1 names them).
    title, published = _page_metadata(reader, tables)
    kept = _article(blocks, article)
    if title is None:
        kept = kept[_fragment_start(kept, tables) :]
    else:
        key = _lexer.compact(title)
        kept = [
            b
            for b in kept
            if not (isinstance(b, _Line) and _compacts_to(b.text, key))
        ]
    builder = Builder()
    if title is not None:
        builder.prose(title, "the page's title")
    if published is not None and not any(
        isinstance(b, _Line) and labelled_date(b.text) is not None
        for b in kept
    ):
        builder.prose(f"发布日期：{published}", "the page's metadata")
    paragraph = 0
    for n, block in enumerate(kept):
        if isinstance(block, _Line):
            paragraph += 1
            builder.prose(block.text, f"paragraph {paragraph}")
        elif block in tables:
            number = tables.index(block) + 1
            for r, cells in enumerate(_table_rows(block), 1):
                # Stripped, without line breaks already (see _Reader.data).
                builder.clean_row(tuple(cells), f"table {number}, row {r}")
        del n
    return builder.document()


def to_text(page: str | bytes) -> str:
    """
    The report in *page* in the plain-text (pipe) form that
    :func:`govdisclosure.text.parse` reads: the title, the narrative
    paragraphs and every report table, row by row (to look at what was
    read; :func:`parse` does not go through it).

    Raises:
        ParseError: when the page has no recognisable report table.
    """
    document = to_document(page)
    return (
        "\n".join(
            "| " + " | ".join(document.rows[i]) + " |"
            if i in document.rows
            else line
            for i, line in enumerate(document.lines)
        )
        + "\n"
    )


@overload
def parse(page: str | bytes, *, template: Literal["2014"]) -> Report2014: ...
@overload
def parse(page: str | bytes, *, template: Literal["2019"]) -> Report2019: ...
@overload
def parse(page: str | bytes, *, template: Literal["2021"]) -> Report2021: ...
@overload
def parse(page: str | bytes, *, template: str | None = None) -> Report: ...
def parse(page: str | bytes, *, template: str | None = None) -> Report:
    """
    Read the report in an HTML page (a full page or a fragment).

    Bytes are decoded as :func:`decode` says.  The template generation is detected
    unless *template* is given.

    Raises:
        ParseError: for a page without a recognisable report table (saying
            which), or a cell that cannot be read (naming the table and
            row).
    """
    check_template(template)
    return _mapper.read_document(to_document(page), template)


def _td(value: str, colspan: int = 1, rowspan: int = 1) -> str:
    spans = "".join(
        f' {name}="{n}"'
        for name, n in (("rowspan", rowspan), ("colspan", colspan))
        if n > 1
    )
    return f"<td{spans}>{_html.escape(value, quote=False)}</td>"


def _paragraphs(block: str) -> str:
    return "\n".join(_paragraph(line) for line in block.split("\n"))


def _paragraph(line: str) -> str:
    """
    A line of prose as a ``<p>``; a line that a reader would change (a
    tab, a carriage return, white space around it, a blank line) as a
    ``<p data-verbatim>``, which :func:`parse` keeps as it is.
    """
    text = _html.escape(line, quote=False)
    if not line or line != line.strip() or "\t" in line or "\r" in line:
        text = text.replace("\r", "&#13;").replace("\t", "&#9;")
        return f"<p data-verbatim>{text}</p>"
    return f"<p>{text}</p>"


def _html_grid(report: Report2019 | Report2021, name: str) -> list[str]:
    """
    One national table as an HTML ``<table>``, laid out as the template
    prints it (:func:`govdisclosure._render.grid_spec`).
    """
    return [
        '<table border="1">',
        *(
            "<tr>"
            + "".join(_td(c.text, c.colspan, c.rowspan) for c in row)
            + "</tr>"
            for row in _render.grid_spec(report, name)
        ),
        "</table>",
    ]


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
        return _render.render_national(report, _html_grid, _paragraphs)
    return _render.render_2014(report, _html_rows, _paragraphs)


def _html_rows(rows: list[list[str]]) -> list[str]:
    return [
        '<table border="1">',
        *("<tr>" + "".join(_td(c) for c in row) + "</tr>" for row in rows),
        "</table>",
    ]
