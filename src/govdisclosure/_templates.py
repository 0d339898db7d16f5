"""
The report types the library knows, by template identifier.
"""

from __future__ import annotations

from typing import TypeAlias

from govdisclosure._report2014 import Report2014
from govdisclosure._report_national import Report2019, Report2021

__all__ = ["REPORT_TYPES", "Report"]

#: Any report the library models (one class per template generation).
Report: TypeAlias = Report2014 | Report2019 | Report2021

#: Report classes by their template identifier (``"2014"``, ``"2019"``,
#: ``"2021"``).
REPORT_TYPES: dict[str, type[Report]] = {
    cls.TEMPLATE: cls for cls in (Report2014, Report2019, Report2021)
}
