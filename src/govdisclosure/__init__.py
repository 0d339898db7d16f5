"""
Typed, checked data from China's government information disclosure annual
reports (政府信息公开工作年度报告).

Start here::

    import govdisclosure

    report = govdisclosure.read("report.pdf")  # PDF, Word, HTML, JSON or text
    for finding in govdisclosure.check(report):  # every rule of the template
        print(finding.rule, finding.message)
    report.applications.received.total  # cells read like the printed table

:func:`read` reads a report in any form it is published in and
:func:`check` returns what is wrong with it (see :mod:`govdisclosure.checks`);
the report classes (:class:`Report2014`, :class:`Report2019`,
:class:`Report2021`) hold its narrative and tables. :mod:`~govdisclosure.text`,
:mod:`~govdisclosure.html`, :mod:`~govdisclosure.pdf`,
:mod:`~govdisclosure.docx` and :mod:`~govdisclosure.serialization` read and
write each form; :mod:`~govdisclosure.metrics` and
:mod:`~govdisclosure.analysis` compute and compare.

Every public name is imported on first use (:pep:`562`), so that
``import govdisclosure`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: The version of this package.
__version__ = "0.1.0"

if TYPE_CHECKING:
    from govdisclosure import (
        analysis,
        checks,
        corpus,
        dataframe,
        docx,
        errors,
        html,
        markdown,
        metrics,
        pdf,
        report,
        serialization,
        strategies,
        text,
        units,
    )
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
    from govdisclosure._read import detect_form, read
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
    from govdisclosure.checks import check

#: The modules that define the public names other than the submodules,
#: searched in this order: each imports only the ones before it, so looking
#: a name up loads nothing a later module would add (the old table's classes
#: do not load the national schema).
_HOMES = (
    "_declare",
    "_report2014",
    "_national",
    "_report_national",
    "_schema",
    "_templates",
    "_read",
)

_SUBMODULES = frozenset(
    {
        "analysis",
        "checks",
        "corpus",
        "dataframe",
        "docx",
        "errors",
        "html",
        "markdown",
        "metrics",
        "pdf",
        "report",
        "serialization",
        "strategies",
        "text",
        "units",
    }
)


def __getattr__(name: str) -> Any:
    # A submodule is imported on first access (the import system then
    # binds it on the package); any other public name is looked up in the
    # module that defines it and bound here, so this runs once per name.
    if name in _SUBMODULES:
        return importlib.import_module(f"govdisclosure.{name}")
    if name == "check":
        value = importlib.import_module("govdisclosure.checks").check
        globals()[name] = value
        return value
    if name in __all__:
        for home in _HOMES:
            module = importlib.import_module(f"govdisclosure.{home}")
            if name in module.__all__:
                value = getattr(module, name)
                globals()[name] = value
                return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    # The public names only (not this module's own machinery).
    return sorted({*__all__, "__version__"})


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
    "check",
    "checks",
    "corpus",
    "dataframe",
    "detect_form",
    "docx",
    "errors",
    "html",
    "markdown",
    "metrics",
    "pdf",
    "read",
    "report",
    "serialization",
    "strategies",
    "text",
    "units",
]
