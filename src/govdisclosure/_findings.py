"""
What a check finds: severities, blank policies, cell references, findings.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from govdisclosure._declare import display_name

__all__ = ["BlankPolicy", "CellRef", "Culprit", "Finding", "Severity"]


class Severity(enum.Enum):
    """
    How serious a finding is.
    """

    #: A rule of the template is broken: the printed figures contradict.
    ERROR = "error"
    #: Something is unlikely but possible (e.g. channels below a total).
    WARNING = "warning"
    #: A rule could not be evaluated because an operand is blank.
    NOT_EVALUABLE = "not-evaluable"


class BlankPolicy(enum.Enum):
    """
    How the checks read a blank cell.
    """

    #: A blank cell is unknown: a rule with a blank operand is not evaluable.
    UNKNOWN = "unknown"
    #: A blank cell counts as 0 (what most real reports mean by it).
    ZERO = "zero"


@attrs.frozen
class CellRef:
    """
    A cell named in a finding: its key, verbatim row label, printed value
    (``None`` when blank), its column label in a grid (else ``None``) and,
    in a cross-year finding, the year of the report it is read from.
    """

    key: str
    label: str
    value: int | Decimal | None
    column: str | None = None
    year: int | None = None

    @property
    def name(self) -> str:
        """
        The row label, with the column label in a grid.
        """
        return display_name(self.label, self.column)


@attrs.frozen(kw_only=True)
class Culprit:
    """
    The one cell whose change would make every failing rule hold (and
    break none): its key, labels, printed value and the *suggested* value.
    """

    key: str
    label: str
    column: str | None
    value: int | Decimal | None
    suggested: int | Decimal

    @property
    def name(self) -> str:
        """
        The row label, with the column label in a grid.
        """
        return display_name(self.label, self.column)


@attrs.frozen(kw_only=True)
class Finding:
    """
    One broken (or unevaluable) rule.

    *expected* is what the rule requires of the target cell (the sum of
    the parts, or the upper bound); *actual* is the target's printed value;
    *difference* is ``actual - expected``.  For a balance (T3-A), *actual*
    is the left side (一 + 二) and *expected* the right side (（七） + 四);
    for a narrative claim, *actual* is the number the text states and
    *expected* the table's.  All three are ``None`` when the rule was not
    evaluable.  *cells* lists the target first, then the operands, then a
    balance's other side.

    *culprit* is set when a single cell explains every failing rule of the
    report; *suspects* lists the cells when several would each explain
    them equally well (then no culprit is named).  *sentence* is the
    narrative sentence of a narrative finding.
    """

    rule: str
    severity: Severity
    cells: tuple[CellRef, ...]
    expected: int | Decimal | None
    actual: int | Decimal | None
    difference: int | Decimal | None
    message_zh: str
    message_en: str
    culprit: Culprit | None = None
    suspects: tuple[CellRef, ...] = ()
    sentence: str | None = None

    @property
    def message(self) -> str:
        """
        The Chinese and English messages, on one line.
        """
        return f"{self.message_zh} / {self.message_en}"
