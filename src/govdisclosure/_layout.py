"""
Compiled row layouts: the fast path of the text parser (private).

Reports of one template, written out the same way, differ only in their
numbers: the row labels, header words, blank padding and line breaks of
their tables are the same text at the same places.  The text parser cuts
a report's table lines into one list of *tokens* (the text between ``|``
signs, see :func:`tokens`).  After the general parser has read a report,
:func:`compile_layout` records its reading as a :class:`Layout`: which
token holds which cell, and what every other token was.  A later report
whose tokens are the same at all those other places is read by
:func:`apply` in a few bulk operations, and gives exactly the report the
general parser would have given.  Anything a layout does not cover (an
unknown row, a printed text where a layout expects a plain number, a line
the general parser would reject) is left to the general parser.

Layouts are kept in :class:`Layouts`, a small bounded memo: it changes
how fast a report is read, never what is read.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from govdisclosure import _declare, _lexer
from govdisclosure._declare import Cell, Kind, Value
from govdisclosure._report2014 import CellText

__all__ = [
    "MAX_LINES",
    "Layout",
    "Layouts",
    "apply",
    "compile_layout",
    "tokens",
]

#: Memo bounds: keys remembered, layouts per key, fingerprints of tables
#: read by the general parser.
_MAX_KEYS = 64
_MAX_PER_KEY = 4
_MAX_SEEN = 4096
#: Tables of more lines than this are never learned (a real report's
#: tables have about 50; this bounds the memo's memory).
MAX_LINES = 400


def tokens(lines: Sequence[str]) -> list[str]:
    """
    The tokens of the table lines *lines*: the text between ``|`` signs
    of all lines joined by line breaks, and a last empty token that stands
    for every cell not read as a plain number.

    >>> tokens(["| a | 1 |", "| b | |"])
    ['', ' a ', ' 1 ', '\\n', ' b ', ' ', '', '']
    """
    out = "\n".join(lines).split("|")
    out.append("")
    return out


@functools.cache
def _plain() -> dict[str, int | None]:
    """
    The printed forms of the commonest cell values, as cut from a line
    (with or without one space each side): blank, and 0 to 9,999.
    """
    plain: dict[str, int | None] = {"": None, " ": None, "  ": None}
    for n in range(10_000):
        plain[str(n)] = plain[f" {n} "] = n
    return plain


class Layout(NamedTuple):
    """
    One compiled reading of a table's lines (see the module docstring).
    """

    #: The template the general parser chose (or was told).
    template: str
    #: The templates tied on labels when detected (the title's year broke
    #: the tie); empty when there was no tie or the template was forced.
    tied: tuple[str, ...]
    #: The number of table lines.
    lines: int
    #: The lines without a cell read, and their text.
    still: Callable[[Sequence[str]], tuple[str, ...]]
    still_text: tuple[str, ...]
    #: The lines with cells read; the tokens are cut from them.
    moving: Callable[[Sequence[str]], tuple[str, ...]]
    #: The number of tokens (the last, empty one included).
    size: int
    #: The tokens that are not cells read, and their text.
    fixed: Callable[[Sequence[str]], tuple[str, ...]]
    expected: tuple[str, ...]
    #: Every cell's token in cell order (the last, empty token for a cell
    #: not printed or read by *slow*).
    cells: Callable[[Sequence[str]], tuple[str, ...]]
    #: The cells always read by the general cell reader (money, or a unit
    #: column other than the cell's unit): (cell index, token, unit text).
    slow: tuple[tuple[int, int, str], ...]
    #: The declared cells of the table, in order.
    declared: tuple[Cell, ...]
    #: The table's slot-setting builder.
    assemble: Callable[[Sequence[Value]], Any]


class Layouts:
    """
    A bounded memo of layouts by (forced template, number of table lines).

    A layout is compiled when a table is met the second time (by
    fingerprint: see :meth:`met`), so that an archive of reports that are
    all written differently does not pay for compiling layouts it never
    reuses.
    """

    def __init__(self) -> None:
        self._by_key: dict[tuple[str | None, int], list[Layout]] = {}
        self._seen: set[int] = set()

    def met(self, fingerprint: int) -> bool:
        """
        Whether a table with this *fingerprint* was met before (and
        remember it).
        """
        if fingerprint in self._seen:
            return True
        if len(self._seen) >= _MAX_SEEN:
            self._seen.clear()
        self._seen.add(fingerprint)
        return False

    def find(self, template: str | None, key: int) -> list[Layout]:
        """
        The layouts that may fit a table of *key* lines.
        """
        return self._by_key.get((template, key), [])

    def add(self, template: str | None, key: int, layout: Layout) -> None:
        """
        Remember *layout* (the oldest of its key goes first when full).
        """
        slot = (template, key)
        if slot not in self._by_key and len(self._by_key) >= _MAX_KEYS:
            self._by_key.clear()
        found = self._by_key.setdefault(slot, [])
        found.insert(0, layout)
        del found[_MAX_PER_KEY:]

    def __len__(self) -> int:
        return sum(len(found) for found in self._by_key.values())


def compile_layout(
    table_type: type[Any],
    lines: Sequence[str],
    origins: Mapping[str, tuple[int, int]],
    *,
    template: str,
    tied: tuple[str, ...] = (),
    units: Mapping[str, str] | None = None,
) -> Layout:
    """
    The layout of a table read by the general parser.

    *lines* are the table lines; *origins* gives, for each cell the
    general parser read, the index of its line in *lines* and of the cell
    in :func:`~govdisclosure._lexer.split_row` of that line; *units* the
    unit column's text per cell (the old table).

    Raises:
        ValueError: when a cell's text cannot be told apart from its
            neighbours (it shares a stretch of text with a line break);
            such a table is always read by the general parser.
    """
    units = units or {}
    declared = tuple(_declare.cell_map(table_type).values())
    moving = sorted({origins[c.key][0] for c in declared if c.key in origins})
    row = {line: n for n, line in enumerate(moving)}  # line -> moving index
    parts = [lines[line].count("|") + 1 for line in moving]
    offsets = [0]
    for count in parts[:-1]:
        offsets.append(offsets[-1] + count - 1)
    read: dict[int, tuple[int, str]] = {}  # cell index -> (token, unit)
    for index, cell in enumerate(declared):
        origin = origins.get(cell.key)
        if origin is None:
            continue
        n = row[origin[0]]
        part = origin[1] + _lexer.cut_row(lines[origin[0]])[1]
        if part >= parts[n]:  # not printed at all: blank
            continue
        if (part == 0 and n > 0) or (
            part == parts[n] - 1 and n < len(moving) - 1
        ):
            msg = f"{cell.key} shares its text with a line break"
            raise ValueError(msg)
        read[index] = (offsets[n] + part, units.get(cell.key, ""))
    toks = tokens([lines[line] for line in moving])
    size = len(toks)
    positions: list[int] = []
    slow: list[tuple[int, int, str]] = []
    for index, cell in enumerate(declared):
        token, unit = read.get(index, (size - 1, ""))
        if token != size - 1 and (
            cell.kind is Kind.MONEY or unit not in ("", cell.unit)
        ):
            slow.append((index, token, unit))
            token = size - 1
        positions.append(token)
    taken = set(positions) | {token for _, token, _ in slow}
    fixed = _getter([t for t in range(size - 1) if t not in taken])
    still = _getter([i for i in range(len(lines)) if i not in row])
    return Layout(
        template=template,
        tied=tied,
        lines=len(lines),
        still=still,
        still_text=still(lines),
        moving=_getter(moving),
        size=size,
        fixed=fixed,
        expected=fixed(toks),
        cells=_getter(positions),
        slow=tuple(slow),
        declared=declared,
        assemble=_declare.assemble(table_type),
    )


def _getter(indices: Sequence[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """
    ``operator.itemgetter`` of *indices* (positions, or keys of a mapping)
    that always returns a tuple.
    """
    if not indices:
        return lambda _: ()
    if len(indices) == 1:
        only = indices[0]
        return lambda seq: (seq[only],)
    getter: Callable[[Any], tuple[Any, ...]] = operator.itemgetter(*indices)
    return getter


def apply(
    layout: Layout, lines: Sequence[str]
) -> tuple[Any, list[CellText]] | None:
    """
    The table and printed cell texts read from the table lines *lines* by
    *layout*, or ``None`` when the layout does not fit them.
    """
    if len(lines) != layout.lines or layout.still(lines) != layout.still_text:
        return None
    toks = tokens(layout.moving(lines))
    if len(toks) != layout.size or layout.fixed(toks) != layout.expected:
        return None
    texts: list[CellText] = []
    raw = layout.cells(toks)
    try:
        values: list[Value] = list(_getter(raw)(_plain()))
    except KeyError:
        reread = _reread(layout, raw, texts)
        if reread is None:
            return None
        values = reread
    for index, token, unit in layout.slow:
        cell = layout.declared[index]
        try:
            value, printed = _lexer.read_value(toks[token].strip(), cell, unit)
        except _lexer.ValueSyntaxError:
            return None
        values[index] = value
        if printed is not None:
            texts.append(CellText(key=cell.key, text=printed))
    return layout.assemble(values), texts


def _reread(
    layout: Layout, raw: tuple[str, ...], texts: list[CellText]
) -> list[Value] | None:
    """
    Token by token: the values of *raw* when some are not in the plain
    forms (appending their printed texts to *texts*), or ``None`` when the
    layout cannot read them.
    """
    plain = _plain()
    values: list[Value] = []
    for index, token in enumerate(raw):
        if token in plain:
            values.append(plain[token])
            continue
        text = token.strip()
        cell = layout.declared[index]
        try:
            value, printed = _lexer.read_value(text, cell, "")
        except _lexer.ValueSyntaxError:
            return None
        values.append(value)
        if printed is not None:
            texts.append(CellText(key=cell.key, text=printed))
    return values
