"""
The one intermediate every form is read into: a :class:`Document`.

A reader of a form (pipe text, tab-separated or Markdown text, HTML, PDF,
Word) only turns its bytes into a document: the report's lines in order,
where a line is either prose or a table row given as its cell texts
(merged cells already spread out, label cells of a merged block given as
heading rows).  One mapper (:mod:`govdisclosure._mapper`) turns a document
into a typed report, so the label matching, the template detection and the
errors are written once, whatever the form.
"""

from __future__ import annotations

import array
import bisect
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import overload

__all__ = [
    "Builder",
    "Document",
    "LinePlaces",
    "Lines",
    "grid_rows",
    "joined",
    "lines_of",
    "row_texts",
]

#: Texts longer than this (in characters) are split into :class:`Lines`,
#: not into a list of strings.
LAZY_CHARS = 1 << 20
#: How many characters :class:`Lines` splits at once when it walks a text.
_CHUNK = 1 << 18


class Lines(Sequence[str]):
    """
    The lines of a text (split at ``"\\n"``), each cut out of the text when
    asked: a big text's lines cost the text and four or eight bytes a
    line, not a string object each (about 60 bytes and more).  A slice is
    a view of the same text; :func:`joined` gives a run of lines as one
    slice of it.

    >>> lines = Lines("一\\n二\\n\\n三")
    >>> len(lines), lines[1], lines[-1], list(lines[1:3])
    (4, '二', '三', ['二', ''])
    >>> joined(lines[1:])
    '二\\n\\n三'
    """

    __slots__ = ("end", "first", "patched_at", "patches", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        #: Where each line starts, and one past the end of the text + 1.
        self.starts = _starts(text)
        #: The lines of the text these are: from *first* to before *end*.
        self.first = 0
        self.end = len(self.starts) - 1
        #: Lines given instead of the text's (by index in the whole text),
        #: and their indices in order.
        self.patches: dict[int, str] = {}
        self.patched_at: list[int] = []

    def _view(self, lo: int, hi: int) -> Lines:
        """Lines *lo* to before *hi* (indices in the whole text)."""
        view = Lines.__new__(Lines)
        view.text, view.starts, view.first, view.end = (
            self.text,
            self.starts,
            lo,
            hi,
        )
        view.patches, view.patched_at = self.patches, self.patched_at
        return view

    def patched(self, lines: dict[int, str]) -> Lines:
        """
        These lines with the line at each index of *lines* replaced by its
        text there (a table row written anew, say).

        >>> Lines("a\\nb\\nc").patched({1: "B"})[0:3].joined()
        'a\\nB\\nc'
        """
        view = self._view(self.first, self.end)
        view.patches = {
            **self.patches,
            **{self.first + i: text for i, text in lines.items()},
        }
        view.patched_at = sorted(view.patches)
        return view

    def __len__(self) -> int:
        return self.end - self.first

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Lines: ...
    def __getitem__(self, index: int | slice) -> str | Lines:
        if isinstance(index, slice):
            lo, hi, step = index.indices(len(self))
            if step != 1:
                raise ValueError("Lines slices have a step of 1")
            return self._view(self.first + lo, self.first + max(lo, hi))
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("line index out of range")
        at = self.first + index
        if at in self.patches:
            return self.patches[at]
        starts = self.starts
        return self.text[starts[at] : starts[at + 1] - 1]

    def __iter__(self) -> Iterator[str]:
        # In chunks of lines split at once (C speed, bounded memory).
        starts, text, patched = self.starts, self.text, self.patches
        lo = self.first
        while lo < self.end:
            hi = min(self.end, lo + max(1, _CHUNK // 16))
            chunk = text[starts[lo] : starts[hi] - 1].split("\n")
            if self._touched(lo, hi):
                chunk = [
                    patched.get(lo + i, line) for i, line in enumerate(chunk)
                ]
            yield from chunk
            lo = hi

    def _touched(self, lo: int, hi: int) -> bool:
        """Whether a line from *lo* to before *hi* is patched."""
        at = bisect.bisect_left(self.patched_at, lo)
        return at < len(self.patched_at) and self.patched_at[at] < hi

    def joined(self) -> str:
        """
        The lines joined by ``"\\n"`` (one slice of the text if none is
        patched).
        """
        if self.first >= self.end:
            return ""
        if self._touched(self.first, self.end):
            return "\n".join(self)
        starts = self.starts
        return self.text[starts[self.first] : starts[self.end] - 1]

    def __repr__(self) -> str:
        return f"Lines({len(self)} lines)"


def _starts(text: str) -> array.array[int]:
    """
    Where each line of *text* starts, and ``len(text) + 1``: found chunk by
    chunk, so that no list of every line is ever held.
    """
    code = "I" if len(text) < 2**32 - 2 else "Q"
    starts = array.array(code)
    position, end = 0, len(text)
    while position < end:
        cut = text.find("\n", position + _CHUNK)
        cut = end if cut == -1 else cut
        pieces = text[position:cut].split("\n")
        starts.extend(
            itertools.accumulate(
                (len(piece) + 1 for piece in pieces), initial=position
            )
        )
        starts.pop()  # where the next chunk starts: it adds it
        position = cut + 1
    if position == end:
        starts.append(end)  # the empty line after a last line break
    starts.append(end + 1)
    return starts


def lines_of(text: str) -> list[str] | Lines:
    """
    The lines of *text* (``"\\n"`` ends a line): a list, or for a text of
    more than :data:`LAZY_CHARS` characters a :class:`Lines`.

    >>> lines_of("a\\nb")
    ['a', 'b']
    """
    return Lines(text) if len(text) > LAZY_CHARS else text.split("\n")


def joined(lines: Sequence[str]) -> str:
    """
    *lines* joined by ``"\\n"`` (a :class:`Lines` without a string a line).

    >>> joined(["a", "b"])
    'a\\nb'
    """
    if isinstance(lines, Lines):
        return lines.joined()
    return "\n".join(lines)


class Document:
    """
    A report's prose lines and table rows, in reading order.

    *lines* holds every line (a list, or for a text of over a million
    characters its :class:`Lines`, a sequence that cuts each line out of
    the text when asked); a table row's line is its cells joined with
    ``" | "`` (what messages quote).  *rows* gives the cells of every table
    row by line index, and *marks* the indices of the table rows (the keys
    of *rows*, or, on the pipe text's fast path, the lines with a ``|``).
    *places* says where each line stands in the source when that is not
    "line N" of a text (``"page 3, table 2, row 5"``).

    >>> b = Builder()
    >>> b.prose("某局2021年度政府信息公开工作年度报告")
    >>> b.row(["（一）予以公开", "2", "0"], "table 1, row 1")
    >>> doc = b.document()
    >>> doc.lines
    ['某局2021年度政府信息公开工作年度报告', '（一）予以公开 | 2 | 0']
    >>> doc.rows
    {1: ('（一）予以公开', '2', '0')}
    >>> doc.place(1)
    'table 1, row 1'
    """

    __slots__ = ("_marks", "lines", "pipe", "places", "rows")

    def __init__(
        self,
        lines: Sequence[str],
        rows: dict[int, tuple[str, ...]],
        marks: Collection[int] | None,
        places: Sequence[str] | None = None,
        *,
        pipe: bool = False,
    ) -> None:
        self.lines = lines
        self.rows = rows
        self._marks = marks
        self.places = places
        #: Whether this is pipe text: a line is a row exactly when it holds
        #: a ``|`` (what the fast path tests, without *marks*).
        self.pipe = pipe

    @property
    def marks(self) -> Collection[int]:
        """
        The indices of the table rows (of the lines with a ``|`` in pipe
        text, found when first asked).
        """
        if self._marks is None:
            self._marks = frozenset(
                [i for i, line in enumerate(self.lines) if "|" in line]
            )
        return self._marks

    def place(self, index: int) -> str:
        """
        Where line *index* (from 0) stands in the source.
        """
        if self.places is not None and 0 <= index < len(self.places):
            return self.places[index]
        return f"line {index + 1}"

    def __repr__(self) -> str:
        return f"Document({len(self.lines)} lines, {len(self.rows)} rows)"


class Builder:
    """
    Builds a :class:`Document` line by line (what every reader uses).
    """

    __slots__ = ("_lines", "_places", "_rows")

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._rows: dict[int, tuple[str, ...]] = {}
        self._places: list[str] = []

    def prose(self, text: str, place: str = "") -> None:
        """
        Add the prose *text*, a line for each of its lines.
        """
        for line in text.split("\n"):
            self._places.append(place or f"line {len(self._lines) + 1}")
            self._lines.append(line)

    def row(self, cells: Iterable[str], place: str = "") -> None:
        """
        Add a table row of *cells* (their texts; line breaks inside a cell
        become nothing, as a label broken over lines is one label).
        """
        self.clean_row(row_texts(cells), place)

    def clean_row(self, texts: tuple[str, ...], place: str = "") -> None:
        """
        Add a table row of *texts* already as :meth:`row` makes them
        (stripped, without line breaks).
        """
        self._rows[len(self._lines)] = texts
        self._places.append(place or f"line {len(self._lines) + 1}")
        self._lines.append(" | ".join(texts))

    def document(self) -> Document:
        """
        The document built so far.
        """
        return Document(
            self._lines, self._rows, self._rows.keys(), self._places
        )


def row_texts(cells: Iterable[str]) -> tuple[str, ...]:
    """
    A row's cell texts as a document holds them: stripped, a cell broken
    over lines joined.
    """
    return tuple(_join_broken(c) if "\n" in c else c.strip() for c in cells)


class LinePlaces(Sequence[str]):
    """The places of *count* lines of a text: "line 1", "line 2" …"""

    __slots__ = ("_count",)

    def __init__(self, count: int) -> None:
        self._count = count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [
                f"line {i + 1}" for i in range(*index.indices(self._count))
            ]
        if not -self._count <= index < self._count:
            raise IndexError("line index out of range")
        return f"line {index % self._count + 1}"


def _join_broken(text: str) -> str:
    """
    A cell's text broken over lines, joined: the pieces are stripped and
    put together (a CJK label broken anywhere reads as one label).
    """
    return "".join(part.strip() for part in text.split("\n"))


def grid_rows(
    grid: list[list[str | None]], is_label: Callable[[str], bool]
) -> list[tuple[int, list[str]]]:
    """
    A table given as a grid, ``None`` where a merged cell covers a
    position, as the rows a :class:`Document` holds, each with the index of
    the grid row it comes from: the label cells that start in a row become
    heading rows of their own, and the last one labels the row's values
    (the cells after the label columns, a covered one blank).

    The label columns are those up to the last one holding a row label of
    the template (*is_label*); a table without one (table 四) has none.

    >>> grid = [["三、办理结果", "（一）予以公开", "5", None],
    ...         [None, "（二）部分公开", "1", "2"]]
    >>> for row in grid_rows(grid, lambda t: "、" in t or "）" in t):
    ...     print(row)
    (0, ['三、办理结果'])
    (0, ['（一）予以公开', '5', ''])
    (1, ['（二）部分公开', '1', '2'])
    """
    labelled = [
        c
        for row in grid
        for c, text in enumerate(row)
        if text and is_label(text)
    ]
    first = max(labelled) + 1 if labelled else 0
    out: list[tuple[int, list[str]]] = []
    for r, row in enumerate(grid):
        labels = [t for t in row[:first] if t and t.strip()]
        values = [t or "" for t in row[first:]]
        if not labels and not any(v.strip() for v in values):
            continue
        out.extend((r, [heading]) for heading in labels[:-1])
        label = [labels[-1] if labels else ""] if first else []
        out.append((r, [*label, *values]))
    return out
