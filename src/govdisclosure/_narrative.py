"""
Numbers stated in a report's narrative, compared with the table cells
they name (the claims are declared on the table classes, ``NARRATIVE``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from govdisclosure import _declare
from govdisclosure._declare import Claim
from govdisclosure._findings import CellRef, Finding, Severity

__all__ = ["claims", "find", "number"]

_ENDS = "。；;！!？?\n"
_SENTENCE_END = re.compile(f"[{_ENDS}]")


def claims(table_type: type[Any]) -> tuple[Claim, ...]:
    """
    The narrative claims declared for a table class.
    """
    found: tuple[Claim, ...] = getattr(table_type, "NARRATIVE", ())
    return found


#: What ``NUM`` stands for in a claim's pattern: digits or Chinese numerals.
_NUM = "(?:[0-9]+|[零〇一二两三四五六七八九十百千万]+)"
_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNIT = {"十": 10, "百": 100, "千": 1000}


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("NUM", _NUM))


def number(text: str) -> int | None:
    """
    The whole number *text* writes in digits or in Chinese numerals, or
    ``None`` when it is no well-formed number.

    >>> number("17"), number("十七"), number("一百零五"), number("两"), number("一〇五")
    (17, 17, 105, 2, 105)
    >>> number("三万二千"), number("十十")
    (32000, None)
    """
    if text.isascii():
        return int(text) if text.isdigit() else None
    if all(c in _DIGIT for c in text):
        return int("".join(str(_DIGIT[c]) for c in text))
    total = section = 0
    digit: int | None = None
    last_unit = 10**9
    for c in text:
        if c in _DIGIT:
            if digit is not None and _DIGIT[c] != 0 and digit != 0:
                return None  # two digits with no unit between
            digit = _DIGIT[c]
        elif c in _UNIT:
            unit = _UNIT[c]
            if unit >= last_unit:
                return None  # 十十, 百千: units out of order
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:  # 万
            if section == 0 and not digit:
                return None
            total += (section + (digit or 0)) * 10_000
            section, digit, last_unit = 0, None, 10**9
    return total + section + (digit or 0)


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(end_mark, 0, start) for end_mark in _ENDS) + 1
    m = _SENTENCE_END.search(text, end)
    right = m.end() if m else len(text)
    # Lines broken inside a sentence (a PDF's line ends) are joined.
    return text[left:right].strip().replace("\r", "").replace("\n", "")


def find(narrative: str, table: Any) -> list[Finding]:
    """
    A warning for every number in *narrative* that a claim ties to table
    cells and that matches none of the claim's readings.  Readings with a
    blank cell are not used; a claim with no usable reading says nothing.
    """
    text = unicodedata.normalize("NFKC", narrative)
    cells = _declare.cell_map(type(table))
    out: list[Finding] = []
    for claim in claims(type(table)):
        pattern = _compiled(claim.pattern)
        readings: list[tuple[tuple[str, ...], int]] = []
        for reading in claim.readings:
            keys = tuple(reading.split("+"))
            values = [_declare.get(table, k) for k in keys]
            if all(isinstance(v, int) for v in values):
                readings.append(
                    (keys, sum(v for v in values if isinstance(v, int)))
                )
        if not readings:
            continue
        for m in pattern.finditer(text):
            written = next(g for g in m.groups() if g is not None)
            found = number(written)
            if found is None:
                continue
            stated = found
            if any(stated == value for _, value in readings):
                continue
            keys, value = readings[0]
            refs = tuple(
                CellRef(
                    k, cells[k].label, _declare.get(table, k), cells[k].column
                )
                for k in keys
            )
            sentence = _sentence(text, m.start(), m.end())
            names = "+".join(r.name for r in refs)
            out.append(
                Finding(
                    rule=claim.rule,
                    severity=Severity.WARNING,
                    cells=refs,
                    expected=value,
                    actual=stated,
                    difference=stated - value,
                    message_zh=f"叙述“{sentence}”称{stated}，但表中{names}为{value}",
                    message_en=(
                        f"the narrative states {stated}, the table "
                        f"{' + '.join(keys)} = {value}"
                    ),
                    sentence=sentence,
                )
            )
    return out
