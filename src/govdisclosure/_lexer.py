"""
Text normalisation, label tables and cell readers for the text parser.

The label tables are derived from the schema declarations; nothing here
lists a row of a template.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal
from typing import Any

from govdisclosure import _declare
from govdisclosure._declare import Cell, Header, Heading, Kind, Row
from govdisclosure.units import MONEY_UNITS, convert

__all__ = [
    "HEADER_LABELS",
    "HEADING",
    "NULL_TEXTS",
    "NUMERAL",
    "ValueSyntaxError",
    "candidates",
    "cut_row",
    "header_words",
    "is_heading_line",
    "label_key",
    "not_a_number",
    "numeral",
    "pick",
    "plain",
    "read_any",
    "read_cell",
    "read_value",
    "shorten",
    "split_row",
    "value_like",
]

#: Normalised first cells of a table's column-header row.
HEADER_LABELS = frozenset({"指标", "统计指标", "指标名称", "项目"})

#: Printed forms of a cell that carry no number (kept as raw text).
NULL_TEXTS = frozenset(
    {
        "-",
        "--",
        "---",
        "----",
        "—",
        "——",
        "–",
        "―",
        "－",
        "/",
        "无",
        "略",
        "不适用",
        "N/A",
        "n/a",
    }
)

_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|"
    r"\d{1,2}[、.]|\(\d{1,2}\))"
)
_NOTE = re.compile(r"\([^()]*\)$")
#: A numbered section heading such as ``十一、附表`` at the start of a line.
HEADING = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*、")
_COUNT = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<unit>\D*)$")
_MONEY = re.compile(
    r"^(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<unit>\D*)$"
)
_PLAIN_AMOUNT = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_NEGATIVE = re.compile(r"^[-－−]\d")
_SIGNED = re.compile(
    r"^(?P<sign>[-+−]?)(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<unit>\D*)$"
)


#: The most digits a printed number may have (a count of 10^18 is already
#: absurd; Python refuses to read ints of over 4,300 digits).
MAX_DIGITS = _declare.MAX_DIGITS


def _check_size(raw: str, number: str, cell: Cell) -> None:
    digits = sum(map(str.isdigit, number))
    limit = _declare.MONEY_DIGITS if cell.kind is Kind.MONEY else MAX_DIGITS
    if digits > limit:
        msg = (
            f"{raw[:20]!r}… has {digits} digits, more than {limit}: "
            f"too large for {cell.name}"
        )
        raise ValueSyntaxError(msg)


class ValueSyntaxError(ValueError):
    """
    A cell's text cannot be read as its declared kind (private).
    """


#: A numbered heading's numeral: "三、收到和处理…" → "三".
NUMERAL = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*、")


def numeral(heading: str) -> str:
    """
    The numeral a heading starts with ("" for none).

    >>> numeral("三、收到和处理政府信息公开申请情况"), numeral("附表")
    ('三', '')
    """
    m = NUMERAL.match(heading)
    return m[1] if m else ""


def compact(text: str) -> str:
    """
    NFKC-normalise *text* and drop all white space (NBSP included).
    """
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


def plain(value: Decimal) -> str:
    """
    An amount in plain positional notation, as every writer prints money
    (never an exponent, so that every reader reads it back).

    >>> plain(Decimal("1E-7")), plain(Decimal("1E+3")), plain(Decimal("0.10"))
    ('0.0000001', '1000', '0.10')
    """
    return format(value, "f")


def shorten(text: str, limit: int = 200) -> str:
    """
    *text* cut to *limit* characters for a message (``…`` marks the cut).

    >>> shorten("一二三四五", 3)
    '一二…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def value_like(cell_text: str) -> bool:
    """
    Whether a cell holds a value (a number, a null mark or a unit), not a
    label.
    """
    t = compact(cell_text)
    return bool(_NUMBERISH.match(t)) or t in NULL_TEXTS or t in _UNIT_WORDS


def label_key(label: str) -> str:
    """
    The matching key of a row label: no enumerator, no note, no space.

    Keys of labels of up to 200 characters are cached (4,096 of them; a
    longer text is no real label and is not kept).

    >>> label_key("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）")
    '主动公开政府信息数'
    >>> label_key(" 其中:主要负责同志参加新闻发布会次数")
    '主要负责同志参加新闻发布会次数'
    >>> label_key("（三）5.属于三类内部事务信息")
    '属于三类内部事务信息'
    >>> label_key("第二十条第（五）项")
    '第二十条第(五)项'
    """
    if len(label) <= _CACHED_LABEL:
        return _cached_key(label)
    return _key(label)


_CACHED_LABEL = 200


def _key(label: str) -> str:
    s = compact(label)
    previous = None
    while previous != s:
        previous = s
        s = s.removeprefix("其中:")
        s = _ENUMERATOR.sub("", s, count=1)
    stripped = _NOTE.sub("", s)
    return stripped or s


_cached_key = functools.lru_cache(maxsize=4096)(_key)


def is_heading_line(line: str) -> bool:
    """
    Whether *line* is a numbered section heading such as ``十一、附表``.
    """
    return "|" not in line and HEADING.match(line) is not None


def split_row(line: str) -> tuple[str, ...]:
    """
    The cells of a ``label | unit | value |`` line (one leading and one
    trailing ``|`` are delimiters, not empty cells).

    >>> split_row("| （一）收到申请数 | 件 | 5 |")
    ('（一）收到申请数', '件', '5')
    >>> split_row("六、举报投诉数量 | 件 | 0")
    ('六、举报投诉数量', '件', '0')
    """
    cells, lead = cut_row(line)
    return tuple(cells[lead:])


def cut_row(line: str) -> tuple[list[str], int]:
    """
    The stripped ``|``-separated parts of *line* without a trailing empty
    one, and how many leading parts (0 or 1) are a delimiter rather than a
    cell: :func:`split_row` is ``parts[lead:]``.

    >>> cut_row("| a | b |")
    (['', 'a', 'b'], 1)
    """
    cells = list(map(str.strip, line.split("|")))
    if len(cells) > 1 and not cells[-1]:
        cells.pop()
    lead = int(
        len(cells) > 1 and not cells[0] and line.lstrip().startswith("|")
    )
    return cells, lead


Labelled = Cell | Heading | Row


@_declare.per_class
def candidates(table_type: type[Any]) -> dict[str, tuple[Labelled, ...]]:
    """
    Every heading, labelled row and (outside grids) cell of *table_type* by
    matching key (label and aliases).
    """
    out: dict[str, list[Labelled]] = {}
    for entry in _declare.layout(table_type):
        if isinstance(entry, Header) or (
            isinstance(entry, Cell) and entry.column is not None
        ):
            continue
        aliases = () if isinstance(entry, Heading) else entry.aliases
        if entry.label is None:
            continue
        for label in (entry.label, *aliases):
            bucket = out.setdefault(label_key(label), [])
            if entry not in bucket:
                bucket.append(entry)
    return {k: tuple(v) for k, v in out.items()}


def pick(options: tuple[Labelled, ...], context: str) -> Labelled:
    """
    The option whose key shares the longest dotted prefix with *context*
    (the key of the previous row); declaration order breaks ties.
    """
    if len(options) == 1:
        return options[0]
    here = context.split(".")

    def shared(entry: Labelled) -> int:
        n = 0
        for a, b in zip(entry.key.split("."), here, strict=False):
            if a != b:
                break
            n += 1
        return n

    return max(options, key=shared)


def read_value(
    text: str, cell: Cell, unit_column: str
) -> tuple[int | Decimal | None, str | None]:
    """
    Read a cell's printed *text* in a row whose unit column says
    *unit_column*.

    Return the value and the raw text to keep (``None`` when the value's
    plain rendering reproduces what was printed).

    Raises:
        ValueSyntaxError: with a message saying what was expected.
    """
    if not text:
        return None, None  # a blank cell, as cut from its line
    if (
        cell.kind is Kind.COUNT
        and len(text) <= MAX_DIGITS
        and text.isdigit()
        and text.isascii()
        and (text[0] != "0" or text == "0")
        and unit_column in ("", cell.unit)
    ):
        # The common case: a plain number, as printed.
        return int(text), None
    if cell.kind is Kind.MONEY and unit_column in ("", cell.unit):
        # A plain amount in the cell's own unit, as printed (the unit may
        # be written after it).
        number = text.removesuffix(cell.unit)
        if (
            len(number) <= MAX_DIGITS
            and number.isascii()
            and _PLAIN_AMOUNT.fullmatch(number)
        ):
            amount = Decimal(number)
            return amount, (None if plain(amount) == text else text)
    return read_any(text, cell, unit_column)


def read_cell(
    text: str, cell: Cell, unit_column: str
) -> tuple[int | Decimal | None, str | None]:
    """
    :func:`read_value`, but a printed text that is not a number for the
    cell (``见附件``, ``约30``, ``-3``, ``1 2``) is no error: the value is
    ``None`` (unknown) and the printed text is kept, with the unit column
    when that says something else than the cell's unit, so that a writer
    prints it again and the checks report it (rule V-1).
    """
    try:
        return read_value(text, cell, unit_column)
    except ValueSyntaxError:
        raw = text.strip()
        unit = unit_column.strip()
        if unit and compact(unit) not in NULL_TEXTS and unit != cell.unit:
            raw = f"{raw}{unit}"
        return None, raw


def not_a_number(text: str) -> bool:
    """
    Whether *text*, the kept printed text of a cell whose value is unknown,
    is something else than a way of printing a blank (``无``, ``—``, ``/``).

    >>> not_a_number("见附件"), not_a_number("—"), not_a_number(" 无 ")
    (True, False, False)
    """
    t = compact(text)
    return bool(t) and t not in NULL_TEXTS


#: Footnote marks printed after a number (①, ⑴, ⒈, ¹, ⁵, *, ※): the number
#: is read without them and its printed text kept with them.
_FOOTNOTE = re.compile(
    "[\u2460-\u2473\u2474-\u2487\u2488-\u249b\u00b9\u00b2\u00b3"
    "\u2070\u2074-\u2079*\uff0a\u203b]+$"
)
#: Digits apart: "1 2" or "12\t3" is no number (never read as 12 or 123).
_SPLIT = re.compile(r"[0-9][\s\u3000]+[0-9]")


def read_any(
    text: str, cell: Cell, unit_column: str
) -> tuple[int | Decimal | None, str | None]:
    """
    :func:`read_value` without its shortcuts for plain numbers (every
    printed form; the shortcuts must agree with it).
    """
    raw = text.strip()
    mark = _FOOTNOTE.search(raw) if raw else None
    body = raw[: mark.start()].rstrip() if mark else raw
    t = compact(body)
    if not t:
        if mark:
            msg = f"{raw!r} is a footnote mark, not a number for {cell.name}"
            raise ValueSyntaxError(msg)
        return None, None
    if t in NULL_TEXTS:
        return None, raw
    if _SPLIT.search(unicodedata.normalize("NFKC", body)):
        msg = f"{raw!r} is not one number: white space inside it ({cell.name})"
        raise ValueSyntaxError(msg)
    unit = compact(unit_column)
    if not unit or unit in NULL_TEXTS:
        unit = cell.unit
    if cell.kind is Kind.CHANGE:
        return _read_change(raw, t, cell)
    if _NEGATIVE.match(t):
        raise ValueSyntaxError(f"{raw!r} is negative; {cell.name} cannot be")
    if cell.kind is Kind.COUNT:
        return _read_count(raw, t, cell, unit)
    return _read_money(raw, t, cell, unit)


def _read_count(
    raw: str, t: str, cell: Cell, unit: str
) -> tuple[int, str | None]:
    m = _COUNT.match(t)
    if m is None:
        raise ValueSyntaxError(
            f"cannot read {raw!r} as a whole number of {cell.unit} for {cell.name}"
        )
    suffix = m["unit"]
    if (suffix or unit) != cell.unit:
        raise ValueSyntaxError(
            f"{raw!r} is in {suffix or unit}, but {cell.name} is "
            f"counted in {cell.unit}"
        )
    _check_size(raw, m["num"], cell)
    value = int(m["num"].replace(",", ""))
    return value, (None if raw == str(value) else raw)


def _read_money(
    raw: str, t: str, cell: Cell, unit: str
) -> tuple[Decimal, str | None]:
    m = _MONEY.match(t)
    if m is None:
        raise ValueSyntaxError(
            f"cannot read {raw!r} as an amount of {cell.unit} for {cell.name}"
        )
    suffix = m["unit"]
    number = m["num"].replace(",", "")
    _check_size(raw, number, cell)
    if (suffix or unit) not in MONEY_UNITS:
        raise ValueSyntaxError(
            f"{raw!r}: {suffix or unit} is not a unit of money "
            f"({cell.name} is in {cell.unit})"
        )
    value = convert(Decimal(number), suffix or unit, cell.unit)
    if not suffix and unit != cell.unit:
        # The unit came from the unit column: keep it with the number.
        return value, f"{raw}{unit}"
    return value, (None if raw == plain(value) else raw)


def _read_change(raw: str, t: str, cell: Cell) -> tuple[int, str | None]:
    m = _SIGNED.match(t)
    if m is None or (m["unit"] and m["unit"] != cell.unit):
        raise ValueSyntaxError(
            f"cannot read {raw!r} as a signed whole number of {cell.unit} "
            f"for {cell.name}"
        )
    _check_size(raw, m["num"], cell)
    magnitude = int(m["num"].replace(",", ""))
    value = -magnitude if m["sign"] in ("-", "−") else magnitude
    return value, (None if raw == str(value) else raw)


@_declare.per_class
def header_words(table_type: type[Any]) -> frozenset[str]:
    """
    The matching keys of every label printed in *table_type*'s header rows.
    """
    words: set[str] = set()
    for entry in _declare.layout(table_type):
        if isinstance(entry, _declare.Header):
            for line in entry.lines():
                words.update(label_key(w) for w in line if w)
    return frozenset(words)
