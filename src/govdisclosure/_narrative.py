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

__all__ = ["claims", "find"]

_ENDS = "。；;！!？?\n"
_SENTENCE_END = re.compile(f"[{_ENDS}]")


def claims(table_type: type[Any]) -> tuple[Claim, ...]:
    """
    The narrative claims declared for a table class.
    """
    found: tuple[Claim, ...] = getattr(table_type, "NARRATIVE", ())
    return found


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(end_mark, 0, start) for end_mark in _ENDS) + 1
    m = _SENTENCE_END.search(text, end)
    right = m.end() if m else len(text)
    return text[left:right].strip()


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
            stated = int(m[1])
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
