"""
The report types the library knows, by template identifier.
"""

from __future__ import annotations

from typing import TypeAlias

from govdisclosure._report2014 import Report2014
from govdisclosure._report_national import Report2019, Report2021
from govdisclosure.errors import ParseError

__all__ = ["REPORT_TYPES", "Report", "check_template"]

#: Any report the library models (one class per template generation).
Report: TypeAlias = Report2014 | Report2019 | Report2021

#: Report classes by their template identifier (``"2014"``, ``"2019"``,
#: ``"2021"``).
REPORT_TYPES: dict[str, type[Report]] = {
    cls.TEMPLATE: cls for cls in (Report2014, Report2019, Report2021)
}


def check_template(template: str | None) -> None:
    """
    Refuse a *template* that is no template identifier (``None`` is:
    detect it).

    Raises:
        ParseError: naming the identifiers there are.
    """
    if template is not None and template not in REPORT_TYPES:
        known = ", ".join(sorted(REPORT_TYPES))
        msg = f"unknown template {template!r}: expected one of {known}"
        raise ParseError(msg)
