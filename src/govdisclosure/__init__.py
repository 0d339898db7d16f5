"""
Typed, checked data from China's government information disclosure annual
reports (政府信息公开工作年度报告).
"""

from govdisclosure import checks, errors, serialization, text, units
from govdisclosure._declare import Cell, Heading, Kind
from govdisclosure._report2014 import (
    Applications,
    CellText,
    DisclosureChannels,
    ExtraRow,
    Litigation,
    Meetings,
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
from govdisclosure._schema import cells
from govdisclosure._templates import REPORT_TYPES, Report

__all__ = [
    "REPORT_TYPES",
    "Applications",
    "Cell",
    "CellText",
    "DisclosureChannels",
    "ExtraRow",
    "Heading",
    "Kind",
    "Litigation",
    "Meetings",
    "Organisation",
    "ProactiveDisclosure",
    "Reconsideration",
    "Refusals",
    "Report",
    "Report2014",
    "ResponseChannels",
    "Responses",
    "Section",
    "StatisticalTable",
    "cells",
    "checks",
    "errors",
    "serialization",
    "text",
    "units",
]
