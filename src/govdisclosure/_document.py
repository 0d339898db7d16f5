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

from collections.abc import Callable, Collection, Iterable

__all__ = ["Builder", "Document", "grid_rows"]


class Document:
    """
    A report's prose lines and table rows, in reading order.

    *lines* holds every line; a table row's line is its cells joined with
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
        lines: list[str],
        rows: dict[int, tuple[str, ...]],
        marks: Collection[int] | None,
        places: list[str] | None = None,
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
        texts = tuple(
            _join_broken(c) if "\n" in c else c.strip() for c in cells
        )
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
