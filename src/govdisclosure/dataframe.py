"""
Reports as a :mod:`pandas` DataFrame in the tidy layout (needs the
``pandas`` extra: ``pip install "govdisclosure[pandas]"``).

One row per cell, with the columns of
:data:`govdisclosure.serialization.CSV_COLUMNS`; ``value`` holds the exact
value (``int``, ``Decimal``, or ``None`` for a blank cell, never 0 or NaN)
and ``year`` is a nullable integer.

>>> from pathlib import Path
>>> from govdisclosure import text
>>> report = text.parse(Path("examples/pingtan-2021.txt").read_text(encoding="utf-8"))
>>> frame = to_dataframe([report])
>>> frame.loc[frame.key == "applications.received.total", ["label", "column", "value"]].values.tolist()
[['一、本年新收政府信息公开申请数量', '总计', 70]]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from govdisclosure import _declare, _extras
from govdisclosure._templates import Report
from govdisclosure.serialization import CSV_COLUMNS, to_csv_rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_dataframe"]


def to_dataframe(reports: Iterable[Report]) -> pd.DataFrame:
    """
    The cells of *reports* as a tidy :class:`pandas.DataFrame`.

    Raises:
        MissingExtraError: when pandas is not installed (an ImportError
            naming the extra to install).
    """
    pandas = _extras.require("pandas", "pandas", "to_dataframe()")
    records: list[dict[str, Any]] = []
    exact: list[Any] = []
    for i, report in enumerate(reports):
        table = report.table
        values = _declare.reader(type(table))(table)
        for row, value in zip(
            to_csv_rows(report, index=i), values, strict=True
        ):
            records.append({**row, "report": i, "year": report.year})
            exact.append(value)
    frame: pd.DataFrame = pandas.DataFrame.from_records(
        records, columns=list(CSV_COLUMNS)
    )
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = pandas.Series(exact, dtype=object, index=frame.index)
    return frame
