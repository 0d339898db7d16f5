"""
A corpus of reports in one pass: every file of folders and ``.zip``
archives read in a stable order, on a process pool or a Dask cluster, and
written as one checked Parquet dataset (the ``parquet`` extra; ``dask`` for
a cluster; ``tqdm`` shows progress).

:func:`read_all` yields one :class:`Result` per file, with its source, the
SHA-256 of its bytes, its form, and the report or the error: a file that
cannot be read is a result, never the end of the run.

>>> from pathlib import Path
>>> results = list(read_all([Path("examples")], workers=1))
>>> [(Path(r.source).name, r.form, r.report is not None) for r in results][:2]
[('hongze-2024.pdf', 'pdf', True), ('pingtan-2021.txt', 'text', True)]

:func:`write_dataset` writes ``reports.parquet``, ``cells.parquet``,
``findings.parquet`` and ``metrics.parquet`` (see the corpus page of the
docs for their columns and types); the same input gives byte-for-byte the
same files whatever the number of workers or the engine.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from govdisclosure import _declare, _extras, _lexer, _read, checks, metrics
from govdisclosure._findings import Finding, Severity
from govdisclosure._templates import REPORT_TYPES, Report
from govdisclosure.errors import GovDisclosureError

__all__ = [
    "DATASET_FILES",
    "REPORT_SUFFIXES",
    "Result",
    "Source",
    "read_all",
    "sources",
    "write_dataset",
]

#: The names a report file inside a folder or an archive ends with.
REPORT_SUFFIXES = frozenset(
    {".txt", ".text", ".htm", ".html", ".shtml", ".json", ".pdf", ".docx"}
)
#: The files :func:`write_dataset` writes, in this order.
DATASET_FILES = (
    "reports.parquet",
    "cells.parquet",
    "findings.parquet",
    "metrics.parquet",
)
#: Reports per Parquet row group (fixed, so that the files do not depend on
#: the number of workers).
ROW_GROUP_REPORTS = 500


@attrs.frozen
class Source:
    """
    One file of the corpus: a *path*, and the *member* of it when the path
    is a ``.zip`` archive; *name* is how results name it
    (``archive.zip/member``).
    """

    path: str
    member: str | None = None

    @property
    def name(self) -> str:
        """The path, or ``archive.zip/member`` inside an archive."""
        return (
            self.path if self.member is None else f"{self.path}/{self.member}"
        )

    def read(self, max_bytes: int = _read.MAX_BYTES) -> bytes:
        """
        The file's bytes (at most *max_bytes*).

        Raises:
            OSError, zipfile.BadZipFile: when it cannot be read.
            GovDisclosureError: when it is larger than *max_bytes*.
        """
        if self.member is None:
            with Path(self.path).open("rb") as handle:
                data = handle.read(max_bytes + 1)
        else:
            with (
                zipfile.ZipFile(self.path) as archive,
                archive.open(self.member) as handle,
            ):
                data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            msg = f"larger than {max_bytes:,} bytes"
            raise GovDisclosureError(msg)
        return data


def _wanted(name: str) -> bool:
    return Path(name).suffix.lower() in REPORT_SUFFIXES


def _hidden(parts: Iterable[str]) -> bool:
    return any(p.startswith((".", "__MACOSX")) for p in parts)


def _members(path: Path) -> list[Source]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(
                info.filename
                for info in archive.infolist()
                if not info.is_dir()
                and _wanted(info.filename)
                and not _hidden(info.filename.split("/"))
            )
    except (OSError, zipfile.BadZipFile):
        return [Source(str(path))]  # read, and reported, as a bad file
    return [Source(str(path), name) for name in names]


def sources(
    paths: Iterable[str | os.PathLike[str]], *, archives: bool = True
) -> Iterator[Source]:
    """
    The files of *paths*, in a stable order: each path in the order given;
    a folder's files (with its subfolders', hidden ones left out) sorted
    by path; a ``.zip`` archive's members sorted by name (with
    *archives*; else a ``.zip`` is no report file). Inside folders and
    archives only report files count (:data:`REPORT_SUFFIXES`); a file
    named directly is read whatever its name.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if not found.is_file() or _hidden(relative):
                    continue
                if archives and found.suffix.lower() == ".zip":
                    yield from _members(found)
                elif _wanted(found.name):
                    yield Source(str(found))
        elif (
            archives
            and path.suffix.lower() == ".zip"
            and zipfile.is_zipfile(path)
        ):
            yield from _members(path)
        else:
            yield Source(str(path))


@attrs.frozen
class Result:
    """
    What reading one file gave: its *source* name, the SHA-256 of its
    bytes (``None`` when they could not be read), its *form* (``"text"``,
    ``"html"``, ``"json"``, ``"pdf"``, ``"docx"``, or ``None`` when no form
    was recognised), and the *report* or the *error* message.
    """

    source: str
    sha256: str | None
    form: str | None
    report: Report | None
    error: str | None

    @property
    def ok(self) -> bool:
        """Whether the file was read into a report."""
        return self.report is not None


def _read_one(source: Source, template: str | None = None) -> Result:
    try:
        data = source.read()
    except (OSError, zipfile.BadZipFile, GovDisclosureError) as exc:
        message = getattr(exc, "strerror", None) or str(exc)
        return Result(
            source.name, None, None, None, _lexer.shorten(message, 300)
        )
    digest = hashlib.sha256(data).hexdigest()
    try:
        form = _read.detect_form(data)
    except GovDisclosureError as exc:
        return Result(
            source.name, digest, None, None, _lexer.shorten(str(exc), 300)
        )
    try:
        report = _read.read_bytes(data, template=template)
    except GovDisclosureError as exc:
        return Result(
            source.name, digest, form, None, _lexer.shorten(str(exc), 300)
        )
    except RecursionError:
        return Result(
            source.name,
            digest,
            form,
            None,
            "the input nests too deeply to be read",
        )
    return Result(source.name, digest, form, report, None)


def _ordered(
    run: Callable[[list[Source]], list[Any]],
    tasks: Sequence[Source],
    chunk: int,
) -> Iterator[Any]:
    for start in range(0, len(tasks), chunk):
        yield from run(list(tasks[start : start + chunk]))


def _read_chunk(chunk: list[Source]) -> list[Result]:
    return [_read_one(s) for s in chunk]


def read_all(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    progress: bool = False,
) -> Iterator[Result]:
    """
    One :class:`Result` per file of *paths* (see :func:`sources`), in their
    stable order, read by *workers* processes (default: the machine's
    cores; ``1`` reads in this process), with a progress bar on standard
    error when *progress* (tqdm).
    """
    tasks = list(sources(paths))
    bar = _bar(len(tasks), progress)
    try:
        for result in _map(_read_chunk, tasks, workers):
            bar.update(result.ok)
            yield result
    finally:
        bar.close()


def _map(
    function: Callable[[list[Source]], list[Any]],
    tasks: Sequence[Source],
    workers: int | None,
    chunk: int = 8,
) -> Iterator[Any]:
    """*function* over *tasks* in chunks, on a process pool, in order."""
    count = workers or os.cpu_count() or 1
    if count <= 1 or len(tasks) <= chunk:
        yield from _ordered(function, tasks, chunk)
        return
    import concurrent.futures  # noqa: PLC0415 - only for a pool

    chunks = [list(tasks[i : i + chunk]) for i in range(0, len(tasks), chunk)]
    window = count * 4  # chunks in flight: memory stays bounded
    with concurrent.futures.ProcessPoolExecutor(count) as pool:
        pending: list[concurrent.futures.Future[list[Any]]] = []
        for piece in chunks:
            pending.append(pool.submit(function, piece))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()


def _dask_map(
    function: Callable[[list[Source]], list[Any]],
    tasks: Sequence[Source],
    workers: int | None,
    scheduler: str | None,
    chunk: int = 8,
) -> Iterator[Any]:
    """*function* over *tasks* on a Dask cluster, in order."""
    distributed = _extras.require("distributed", "dask", "the dask engine")
    count = workers or os.cpu_count() or 1
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=count,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = distributed.Client(cluster)
    else:
        cluster = None
        client = distributed.Client(scheduler)
    try:
        chunks = [
            list(tasks[i : i + chunk]) for i in range(0, len(tasks), chunk)
        ]
        window = count * 4
        pending: list[Any] = []
        for piece in chunks:
            pending.append(client.submit(function, piece, pure=False))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _Bar:
    """A tqdm progress bar of files read and failures, or nothing."""

    def __init__(self, total: int, shown: bool) -> None:
        self.bar: Any = None
        self.failures = 0
        if shown:
            tqdm = _extras.require("tqdm", "progress", "a progress bar")
            self.bar = tqdm.tqdm(total=total, unit="file", dynamic_ncols=True)

    def update(self, ok: bool) -> None:
        if self.bar is None:
            return
        if not ok:
            self.failures += 1
            self.bar.set_postfix(failures=self.failures, refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _bar(total: int, shown: bool) -> _Bar:
    return _Bar(total, shown)


# --------------------------------------------------------------------------
# The dataset


def _exact(value: int | Decimal | Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return _lexer.plain(value)
    return str(value)


@attrs.frozen
class _Rows:
    """What one file adds to each table of the dataset."""

    report: dict[str, Any]
    cells: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    metrics: list[dict[str, Any]]
    #: (template, title, table) for the cross-year rules, when read.
    stub: tuple[str, str, Any] | None


def _finding_row(
    source: str, finding: Finding, previous: str | None = None
) -> dict[str, Any]:
    culprit = finding.culprit
    return {
        "source": source,
        "previous_source": previous,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message_zh": finding.message_zh,
        "message_en": finding.message_en,
        "keys": [c.key for c in finding.cells],
        "expected": _exact(finding.expected),
        "actual": _exact(finding.actual),
        "culprit_key": None if culprit is None else culprit.key,
        "culprit_suggested": None
        if culprit is None
        else _exact(culprit.suggested),
    }


def _rows(result: Result) -> _Rows:
    report = result.report
    row: dict[str, Any] = {
        "source": result.source,
        "sha256": result.sha256,
        "form": result.form,
        "status": "ok" if report is not None else "error",
        "error": result.error,
        "template": None,
        "title": None,
        "body": None,
        "year": None,
        "published": None,
        "errors": 0,
        "warnings": 0,
    }
    if report is None:
        return _Rows(row, [], [], [], None)
    found = checks.check(report)
    row.update(
        template=report.TEMPLATE,
        title=report.title,
        body=report.body,
        year=report.year,
        published=report.published,
        errors=sum(1 for f in found if f.severity is Severity.ERROR),
        warnings=sum(1 for f in found if f.severity is Severity.WARNING),
    )
    common = {
        "source": result.source,
        "template": report.TEMPLATE,
        "body": report.body,
        "year": report.year,
    }
    table = report.table
    cells = []
    for cell in _declare.cell_map(type(table)).values():
        value = _declare.get(table, cell.key)
        money = cell.kind is _declare.Kind.MONEY
        cells.append(
            {
                **common,
                "key": cell.key,
                "label": cell.label,
                "column": cell.column,
                "unit": cell.unit,
                "kind": cell.kind.value,
                "value": None if money or value is None else int(value),
                "amount": _exact(value) if money else None,
            }
        )
    metric_rows = [
        {
            "source": result.source,
            "body": report.body,
            "year": report.year,
            "key": v.key,
            "value": _exact(v.decimal()),
            "fraction": None if v.value is None else str(v.value),
        }
        for v in metrics.compute(report)
    ]
    return _Rows(
        row,
        cells,
        [_finding_row(result.source, f) for f in found],
        metric_rows,
        (report.TEMPLATE, report.title, table),
    )


def _rows_chunk(chunk: list[Source]) -> list[_Rows]:
    return [_rows(_read_one(s)) for s in chunk]


def _schemas() -> dict[str, Any]:
    pa = _extras.require("pyarrow", "parquet", "writing Parquet")
    text = pa.string()
    return {
        "reports.parquet": pa.schema(
            [
                ("source", text),
                ("sha256", text),
                ("form", text),
                ("status", text),
                ("error", text),
                ("template", text),
                ("title", text),
                ("body", text),
                ("year", pa.int32()),
                ("published", pa.date32()),
                ("errors", pa.int32()),
                ("warnings", pa.int32()),
            ]
        ),
        "cells.parquet": pa.schema(
            [
                ("source", text),
                ("template", text),
                ("body", text),
                ("year", pa.int32()),
                ("key", text),
                ("label", text),
                ("column", text),
                ("unit", text),
                ("kind", text),
                ("value", pa.int64()),
                ("amount", text),
            ]
        ),
        "findings.parquet": pa.schema(
            [
                ("source", text),
                ("previous_source", text),
                ("rule", text),
                ("severity", text),
                ("message_zh", text),
                ("message_en", text),
                ("keys", pa.list_(text)),
                ("expected", text),
                ("actual", text),
                ("culprit_key", text),
                ("culprit_suggested", text),
            ]
        ),
        "metrics.parquet": pa.schema(
            [
                ("source", text),
                ("body", text),
                ("year", pa.int32()),
                ("key", text),
                ("value", text),
                ("fraction", text),
            ]
        ),
    }


class _Writer:
    """The four Parquet files, written a row group at a time."""

    def __init__(self, folder: Path) -> None:
        self.pa = _extras.require("pyarrow", "parquet", "writing Parquet")
        self.pq = _extras.require(
            "pyarrow.parquet", "parquet", "writing Parquet"
        )
        folder.mkdir(parents=True, exist_ok=True)
        self.schemas = _schemas()
        self.writers = {
            name: self.pq.ParquetWriter(
                folder / name, schema, compression="zstd"
            )
            for name, schema in self.schemas.items()
        }
        self.buffers: dict[str, list[dict[str, Any]]] = {
            name: [] for name in DATASET_FILES
        }

    def add(self, name: str, rows: Iterable[dict[str, Any]]) -> None:
        self.buffers[name].extend(rows)

    def flush(self) -> None:
        for name, rows in self.buffers.items():
            if rows:
                table = self.pa.Table.from_pylist(
                    rows, schema=self.schemas[name]
                )
                self.writers[name].write_table(table)
                rows.clear()

    def close(self) -> None:
        self.flush()
        for writer in self.writers.values():
            writer.close()


def write_dataset(
    paths: Iterable[str | os.PathLike[str]],
    folder: str | os.PathLike[str],
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
) -> dict[str, int]:
    """
    Read every file of *paths* and write the dataset into *folder*: the
    four files of :data:`DATASET_FILES`. Each file is read, checked and
    turned into rows by *workers* processes (``engine="local"``, a process
    pool) or on Dask (``engine="dask"``: a ``LocalCluster`` of *workers*
    processes, or the cluster at *scheduler*); rows stream into Parquet row
    groups of :data:`ROW_GROUP_REPORTS` files. The cross-year rules then run
    on every pair of consecutive years of one body found anywhere in the
    input. Return the number of rows written to each file.

    Raises:
        ValueError: for an unknown *engine*.
        MissingExtraError: without pyarrow (or Dask for ``engine="dask"``).
    """
    if engine not in ("local", "dask"):
        msg = f"engine must be 'local' or 'dask', got {engine!r}"
        raise ValueError(msg)
    tasks = list(sources(paths))
    writer = _Writer(Path(folder))
    counts = dict.fromkeys(DATASET_FILES, 0)
    stubs: list[tuple[str, Report]] = []
    bar = _bar(len(tasks), progress)
    produced = (
        _map(_rows_chunk, tasks, workers)
        if engine == "local"
        else _dask_map(_rows_chunk, tasks, workers, scheduler)
    )
    try:
        for n, rows in enumerate(produced, 1):
            bar.update(rows.report["status"] == "ok")
            for name, part in zip(
                DATASET_FILES,
                ([rows.report], rows.cells, rows.findings, rows.metrics),
                strict=True,
            ):
                writer.add(name, part)
                counts[name] += len(part)
            if rows.stub is not None:
                template, title, table = rows.stub
                stub = REPORT_TYPES[template](title=title, table=table)
                stubs.append((rows.report["source"], stub))
            if n % ROW_GROUP_REPORTS == 0:
                writer.flush()
        writer.flush()
        across = _cross_year(stubs)
        writer.add("findings.parquet", across)
        counts["findings.parquet"] += len(across)
    finally:
        bar.close()
        writer.close()
    return counts


def _cross_year(stubs: list[tuple[str, Report]]) -> list[dict[str, Any]]:
    reports = [r for _, r in stubs]
    out: list[dict[str, Any]] = []
    for a, b in checks.consecutive(reports):
        out.extend(
            _finding_row(stubs[b][0], finding, stubs[a][0])
            for finding in checks.check_pair(reports[a], reports[b])
        )
    return out
