"""
Public read access to the declared cells of a report type.
"""

from __future__ import annotations

from govdisclosure import _declare
from govdisclosure._declare import Cell
from govdisclosure._templates import Report

__all__ = ["cells"]


def cells(report_type: type[Report]) -> tuple[Cell, ...]:
    """
    Every declared cell of a report type, in table order.

    >>> from govdisclosure import Report2014
    >>> first = cells(Report2014)[0]
    >>> first.key, first.unit
    ('proactive.items', '条')
    >>> len(cells(Report2014))
    58
    """
    return tuple(_declare.cell_map(report_type.TABLE).values())
