"""
Typed, checked data from China's government information disclosure annual
reports (政府信息公开工作年度报告).

The schema classes are imported with the package; the modules that work
on reports (``checks``, ``text``, ``serialization``, ...) are imported on
first use, so that ``import govdisclosure`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govdisclosure._declare import Cell, Header, Heading, Kind, Row
from govdisclosure._national import (
    Appeals,
    ApplicantCounts,
    Applications2019,
    Applications2021,
    DecisionCount,
    DocumentCounts2019,
    DocumentCounts2021,
    Enforcement2019,
    Enforcement2021,
    FeeAmount,
    FeeItems,
    Fees2019,
    Fees2021,
    ItemCounts,
    Licensing2019,
    Licensing2021,
    NationalTable2019,
    NationalTable2021,
    NotProcessed,
    OtherProcessing,
    Outcomes,
    Proactive2019,
    Proactive2021,
    Procurement,
    ProcurementCounts,
    Regulations2019,
    Regulations2021,
    Unavailable,
    Withheld,
)
from govdisclosure._report2014 import (
    Applications,
    CellText,
    DisclosureChannels,
    ExtraRow,
    Litigation,
    Meetings,
    Metadata,
    Organisation,
    ProactiveDisclosure,
    Reconsideration,
    Refusals,
    Report2014,
    ResponseChannels,
    Responses,
    Section,
    StatisticalTable,
)
from govdisclosure._report_national import (
    GridRow,
    NationalReport,
    Report2019,
    Report2021,
    Scope,
)
from govdisclosure._schema import cells
from govdisclosure._templates import REPORT_TYPES, Report

if TYPE_CHECKING:
    from govdisclosure import (
        analysis,
        checks,
        errors,
        html,
        markdown,
        metrics,
        serialization,
        text,
        units,
    )

_SUBMODULES = frozenset(
    {
        "analysis",
        "checks",
        "errors",
        "html",
        "markdown",
        "metrics",
        "serialization",
        "text",
        "units",
    }
)


def __getattr__(name: str) -> Any:
    # A submodule is imported on first access (the import system then
    # binds it on the package, so this runs once per submodule).
    if name in _SUBMODULES:
        return importlib.import_module(f"govdisclosure.{name}")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


__all__ = [
    "REPORT_TYPES",
    "Appeals",
    "ApplicantCounts",
    "Applications",
    "Applications2019",
    "Applications2021",
    "Cell",
    "CellText",
    "DecisionCount",
    "DisclosureChannels",
    "DocumentCounts2019",
    "DocumentCounts2021",
    "Enforcement2019",
    "Enforcement2021",
    "ExtraRow",
    "FeeAmount",
    "FeeItems",
    "Fees2019",
    "Fees2021",
    "GridRow",
    "Header",
    "Heading",
    "ItemCounts",
    "Kind",
    "Licensing2019",
    "Licensing2021",
    "Litigation",
    "Meetings",
    "Metadata",
    "NationalReport",
    "NationalTable2019",
    "NationalTable2021",
    "NotProcessed",
    "Organisation",
    "OtherProcessing",
    "Outcomes",
    "Proactive2019",
    "Proactive2021",
    "ProactiveDisclosure",
    "Procurement",
    "ProcurementCounts",
    "Reconsideration",
    "Refusals",
    "Regulations2019",
    "Regulations2021",
    "Report",
    "Report2014",
    "Report2019",
    "Report2021",
    "ResponseChannels",
    "Responses",
    "Row",
    "Scope",
    "Section",
    "StatisticalTable",
    "Unavailable",
    "Withheld",
    "analysis",
    "cells",
    "checks",
    "errors",
    "html",
    "markdown",
    "metrics",
    "serialization",
    "text",
    "units",
]
