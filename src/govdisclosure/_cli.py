"""
The command line: ``python -m govdisclosure check|metrics|convert|report|schema``.

The template generation of a text report is detected from its rows; the
``--template 2014|2019|2021`` option forces it.

Exit status: 0 when no error-level finding, 1 when ``check`` found one,
2 when a file cannot be read or parsed (the message names the file and the
line; no traceback).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO, cast

import attrs

from govdisclosure import (
    __version__,
    _extras,
    _lexer,
    checks,
    corpus,
    html,
    markdown,
    metrics,
    serialization,
    text,
)
from govdisclosure import _read as _read_
from govdisclosure._report2014 import ExtraRow
from govdisclosure._templates import REPORT_TYPES, Report
from govdisclosure.errors import GovDisclosureError, ParseError

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class _InputError(Exception):
    pass


def _read(
    name: str, template: str | None = None, max_bytes: int = _read_.MAX_BYTES
) -> Report:
    """
    The report in the file *name* (``-``: standard input), in any form.
    """
    try:
        if name == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            return _read_.read(data, template=template, max_bytes=max_bytes)
        return _read_.read(name, template=template, max_bytes=max_bytes)
    except ParseError as exc:
        shown = f": {exc.source}" if exc.source else ""
        where = f"{exc.location}: " if exc.location else ""
        raise _InputError(f"{where}{exc.message}{shown}") from None
    except GovDisclosureError as exc:
        raise _InputError(_lexer.shorten(str(exc), 300)) from None
    except RecursionError:
        raise _InputError("the input nests too deeply to be read") from None


class _Reading:
    """
    Files read one by one for a command: an unreadable file is reported on
    *err*, left out, and makes :attr:`status` the bad-input exit status.
    """

    def __init__(self, args: argparse.Namespace, err: TextIO) -> None:
        self.args = args
        self.err = err
        self.status = EXIT_OK

    def each(self, files: Iterable[str]) -> Iterator[tuple[str, Report]]:
        """The name and report of every file of *files* that reads."""
        for name in files:
            try:
                report = _read(name, self.args.template, self.args.max_bytes)
            except _InputError as exc:
                print(f"govdisclosure: {name}: {exc}", file=self.err)
                self.status = EXIT_BAD_INPUT
                continue
            yield name, report


def _expand(names: Sequence[str]) -> list[str]:
    """
    *names* with each folder replaced by the report files in it and in its
    subfolders (:func:`govdisclosure.corpus.sources`, archives left
    alone); a folder without any stays, to be reported as unreadable.
    """
    out: list[str] = []
    for name in names:
        if name == "-" or not Path(name).is_dir():
            out.append(name)
            continue
        found = [s.path for s in corpus.sources([name], archives=False)]
        out.extend(found or [name])
    return out


def _number(value: int | Decimal | None) -> int | str | None:
    return _lexer.plain(value) if isinstance(value, Decimal) else value


def _cell_json(c: checks.CellRef) -> dict[str, Any]:
    return {
        "key": c.key,
        "label": c.label,
        "column": c.column,
        "value": _number(c.value),
        "year": c.year,
    }


def _finding_json(
    name: str, f: checks.Finding, previous: str | None = None
) -> dict[str, Any]:
    culprit = f.culprit
    return {
        "file": name,
        "previous_file": previous,
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "message_zh": f.message_zh,
        "message_en": f.message_en,
        "cells": [_cell_json(c) for c in f.cells],
        "expected": _number(f.expected),
        "actual": _number(f.actual),
        "difference": _number(f.difference),
        "culprit": None
        if culprit is None
        else {
            "key": culprit.key,
            "label": culprit.label,
            "column": culprit.column,
            "value": _number(culprit.value),
            "suggested": _number(culprit.suggested),
        },
        "suspects": [_cell_json(c) for c in f.suspects],
        "sentence": f.sentence,
    }


def _print_findings(found: Sequence[checks.Finding], out: TextIO) -> None:
    for f in found:
        if not f.cells:  # about the report, not a cell (M-1, S-1, D-1, …)
            print(
                f"  {f.severity.value:<13} {f.rule:<5} {f.message_zh}",
                file=out,
            )
            print(f"  {'':<13} {'':<5} {f.message_en}", file=out)
            continue
        target = f.cells[0]
        if f.severity is checks.Severity.NOT_EVALUABLE:
            detail = "blank operand(s), not evaluable"
        elif f.rule == "V-1":
            detail = "not a number 不是数字"
        elif f.rule == "Y-1":
            detail = f"{f.cells[1].year}年 {f.expected} → {target.year}年 {f.actual}"
        elif f.sentence is not None:
            detail = f"表中 table {f.expected}, 叙述 narrative {f.actual}"
        elif f.expected is None:
            detail = "as printed 按印出的内容"
        else:
            printed = (
                "blank 空白 (= 0)" if target.value is None else target.value
            )
            detail = f"应为 expected {f.expected}, 实为 printed {printed}, 差额 difference {f.difference}"
        print(
            f"  {f.severity.value:<13} {f.rule:<5} {target.name} [{target.key}]: {detail}",
            file=out,
        )
        print(f"  {'':<13} {'':<5} {f.message_zh}", file=out)
        if f.culprit is not None:
            c = f.culprit
            print(
                f"  {'':<13} {'':<5} likely culprit 疑似错误单元格: {c.name} "
                f"[{c.key}] printed {c.value}, would hold as {c.suggested}",
                file=out,
            )
        elif f.suspects:
            names = "、".join(c.name for c in f.suspects)
            print(
                f"  {'':<13} {'':<5} one of these cells 无法确定是哪一个: {names}",
                file=out,
            )


#: What each ``--severity`` shows.
_SEVERITIES = {
    "error": frozenset({checks.Severity.ERROR}),
    "warning": frozenset({checks.Severity.ERROR, checks.Severity.WARNING}),
    "all": frozenset(checks.Severity),
}


def _print_text(
    name: str,
    report: Report,
    result: checks.Result,
    shown: Sequence[checks.Finding],
    out: TextIO,
) -> None:
    who = report.body or report.title
    year = f" {report.year}年" if report.year else ""
    found = result.findings
    print(f"{name}: {who}{year} (template {report.TEMPLATE})", file=out)
    _print_findings(shown, out)
    for row in report.extra_rows:
        cells = (
            (row.unit, row.value) if isinstance(row, ExtraRow) else row.cells
        )
        print(
            f"  unknown row kept (未识别的行): {' | '.join((row.label, *cells))}",
            file=out,
        )
    counts = {
        s: sum(1 for f in found if f.severity is s) for s in checks.Severity
    }
    print(
        f"  {counts[checks.Severity.ERROR]} error(s), "
        f"{counts[checks.Severity.WARNING]} warning(s), "
        f"{counts[checks.Severity.NOT_EVALUABLE]} not evaluable",
        file=out,
    )
    print(
        f"  {result.rules} rules: {result.passed} passed, {result.failed} "
        f"failed, {result.not_evaluable} not evaluable",
        file=out,
    )


@attrs.define
class _Batch:
    """
    One ``check`` run over many files: per-file results, then a summary.
    """

    args: argparse.Namespace
    out: TextIO
    err: TextIO
    status: int = EXIT_OK
    collected: list[dict[str, Any]] = attrs.Factory(list)
    read: list[tuple[str, Report]] = attrs.Factory(list)
    tally: dict[str, int] = attrs.Factory(
        lambda: {"clean": 0, "errors": 0, "unreadable": 0}
    )

    @property
    def blank(self) -> checks.BlankPolicy:
        return checks.BlankPolicy(self.args.blank)

    def found(self, has_error: bool) -> None:
        if has_error and self.status == EXIT_OK and not self.args.exit_zero:
            self.status = EXIT_FINDINGS

    def one(self, name: str) -> None:
        try:
            report = _read(name, self.args.template, self.args.max_bytes)
        except _InputError as exc:
            print(f"govdisclosure: {name}: {exc}", file=self.err)
            self.status = EXIT_BAD_INPUT
            self.tally["unreadable"] += 1
            return
        self.read.append((name, report))
        result = checks.run(report, blank=self.blank)
        has_error = _has_error(result.findings)
        self.tally["errors" if has_error else "clean"] += 1
        self.found(has_error)
        shown = self.shown(result.findings)
        if self.args.format == "json":
            self.collected.extend(_finding_json(name, f) for f in shown)
        else:
            _print_text(name, report, result, shown, self.out)

    def shown(self, found: Sequence[checks.Finding]) -> list[checks.Finding]:
        """
        The findings *--severity* shows: errors; errors and warnings (the
        default); or all, not evaluable ones too.
        """
        allowed = _SEVERITIES[self.args.severity]
        return [f for f in found if f.severity in allowed]

    def cross_year(self) -> None:
        reports = [r for _, r in self.read]
        for a, b in checks.consecutive(reports):
            (before, previous), (name, current) = self.read[a], self.read[b]
            every = checks.check_pair(previous, current, blank=self.blank)
            self.found(_has_error(every))
            found = self.shown(every)
            if self.args.format == "json":
                self.collected.extend(
                    _finding_json(name, f, before) for f in found
                )
            else:
                print(
                    f"{before} → {name}: cross-year 跨年度核对", file=self.out
                )
                _print_findings(found, self.out)
                print(f"  {len(found)} finding(s)", file=self.out)


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    batch = _Batch(args, out, err)
    args.files = _expand(args.files)
    total = len(args.files)
    progress = args.progress or (err.isatty() and total > _PROGRESS_FROM)
    for number, name in enumerate(args.files, 1):
        if progress:
            print(f"[{number}/{total}] {name}", file=err, flush=True)
        batch.one(name)
    batch.cross_year()
    tally = batch.tally
    summary = (
        f"{total} file(s): {tally['clean']} without errors, "
        f"{tally['errors']} with errors, {tally['unreadable']} unreadable"
    )
    if args.format == "json":
        json.dump(batch.collected, out, ensure_ascii=False, indent=2)
        out.write("\n")
        if progress:
            print(summary, file=err)
    elif total > 1:
        print(summary, file=out)
    return batch.status


#: Above this many files, progress is shown when stderr is a terminal.
_PROGRESS_FROM = 20


def _has_error(found: Sequence[checks.Finding]) -> bool:
    return any(f.severity is checks.Severity.ERROR for f in found)


def _metric_json(name: str, v: metrics.MetricValue) -> dict[str, Any]:
    value = v.decimal()
    return {
        "file": name,
        "key": v.key,
        "name_zh": v.metric.name_zh,
        "name_en": v.metric.name_en,
        "value": None if value is None else str(value),
        "unit": v.unit,
        "fraction": None if v.value is None else str(v.value),
        "reason": v.reason,
    }


def _metrics(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    blank = checks.BlankPolicy(args.blank)
    reading = _Reading(args, err)
    rows: list[dict[str, Any]] = []
    for name, report in reading.each(_expand(args.files)):
        rows.extend(
            _metric_json(name, v) for v in metrics.compute(report, blank=blank)
        )
    if args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        columns = ["file", "key", "name_zh", "name_en", "value", "unit"]
        writer.writerow(columns)
        writer.writerows(
            [row[c] if row[c] is not None else "" for c in columns]
            for row in rows
        )
    else:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return reading.status


def _convert(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    files = _expand(args.files)
    if _overwrites(args.output, files, err):
        return EXIT_BAD_INPUT
    if len(files) > 1:
        return _convert_many(args, files, out, err)
    try:
        report = _read(files[0], args.template, args.max_bytes)
    except _InputError as exc:
        print(f"govdisclosure: {files[0]}: {exc}", file=err)
        return EXIT_BAD_INPUT
    if args.to == "docx":
        return _write_docx(report, args.output, err)
    if args.to == "json":
        document = serialization.to_json(report, indent=2) + "\n"
    elif args.to == "html":
        document = html.render(report)
    elif args.to == "csv":
        buffer = io.StringIO()
        serialization.write_csv([report], buffer)
        document = buffer.getvalue()
    elif args.to == "markdown":
        document = markdown.render(report)
    else:
        document = text.render(report)
    return _write(args.output, document, out, err)


def _convert_many(
    args: argparse.Namespace, files: list[str], out: TextIO, err: TextIO
) -> int:
    """
    Several reports into one document: JSON Lines (one report per line,
    with ``--to json``) or one CSV of every report's cells (``--to csv``).
    A file that cannot be read is reported and left out (exit 2).
    """
    if args.to not in ("json", "csv"):
        print(
            f"govdisclosure: --to {args.to} writes one report: give one file, "
            "or --to json (JSON Lines) or --to csv for several",
            file=err,
        )
        return EXIT_BAD_INPUT
    reading = _Reading(args, err)
    reports = [report for _, report in reading.each(files)]
    if args.to == "json":
        document = "".join(serialization.to_json(r) + "\n" for r in reports)
    else:
        buffer = io.StringIO()
        serialization.write_csv(reports, buffer)
        document = buffer.getvalue()
    written = _write(args.output, document, out, err)
    return max(reading.status, written)


def _report_page(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """
    The check report page of the files; an unreadable file is reported and
    left out of the page (exit 2).
    """
    from govdisclosure import report as page  # noqa: PLC0415 - on first use

    files = _expand(args.files)
    if _overwrites(args.output, files, err):
        return EXIT_BAD_INPUT
    reading = _Reading(args, err)
    read = list(reading.each(files))
    names = [name for name, _ in read]
    reports = [report for _, report in read]
    try:
        document = page.render(
            reports,
            sources=names,
            blank=checks.BlankPolicy(args.blank),
            charts=args.charts,
        )
    except GovDisclosureError as exc:
        print(f"govdisclosure: {exc}", file=err)
        return EXIT_BAD_INPUT
    return max(reading.status, _write(args.output, document, out, err))


def _dataset(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """
    The corpus into one Parquet dataset; a summary line on stdout. Exit 0
    when every file was read, 2 when some could not be (they are rows with
    status "error").
    """
    progress = err.isatty() if args.progress is None else args.progress
    try:
        counts = corpus.write_dataset(
            args.paths,
            args.output,
            workers=args.workers,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=progress,
        )
    except GovDisclosureError as exc:
        print(f"govdisclosure: {exc}", file=err)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"govdisclosure: {args.output}: {exc.strerror or exc}", file=err)
        return EXIT_BAD_INPUT
    pq = _extras.require("pyarrow.parquet", "parquet", "reading Parquet")
    table = pq.read_table(
        Path(args.output) / "reports.parquet", columns=["status"]
    )
    failed = table.column("status").to_pylist().count("error")
    print(
        f"{args.output}: {counts['reports.parquet']} file(s), {failed} "
        f"unreadable; {counts['cells.parquet']} cells, "
        f"{counts['findings.parquet']} findings, "
        f"{counts['metrics.parquet']} metrics",
        file=out,
    )
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _write_docx(report: Report, target: str, err: TextIO) -> int:
    if target == "-":
        print(
            "govdisclosure: --to docx writes a binary file: give -o OUT.docx",
            file=err,
        )
        return EXIT_BAD_INPUT
    from govdisclosure import docx  # noqa: PLC0415 - an optional extra

    try:
        Path(target).write_bytes(docx.render(report))
    except GovDisclosureError as exc:
        print(f"govdisclosure: {exc}", file=err)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"govdisclosure: {target}: {exc.strerror or exc}", file=err)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _overwrites(output: str, files: Sequence[str], err: TextIO) -> bool:
    """Whether *output* is one of the input *files* (said on *err*)."""
    if output != "-" and any(_same_file(output, name) for name in files):
        print(
            f"govdisclosure: {output}: refusing to write over the input",
            file=err,
        )
        return True
    return False


def _same_file(output: str, source: str) -> bool:
    if source == "-":
        return False
    try:
        return Path(output).resolve() == Path(source).resolve() or (
            Path(output).exists() and Path(output).samefile(source)
        )
    except OSError:
        return False


def _write(target: str, document: str, out: TextIO, err: TextIO) -> int:
    if target == "-":
        out.write(document)
        return EXIT_OK
    try:
        Path(target).write_text(document, encoding="utf-8")
    except OSError as exc:
        print(f"govdisclosure: {target}: {exc.strerror or exc}", file=err)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    document = json.dumps(
        serialization.json_schema(args.template), ensure_ascii=False, indent=2
    )
    return _write(args.output, document + "\n", out, err)


def _template_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--template",
        choices=sorted(REPORT_TYPES),
        default=None,
        help="read text as this template generation (default: detect it)",
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=_read_.MAX_BYTES,
        metavar="N",
        help=f"refuse inputs larger than N bytes (default {_read_.MAX_BYTES:,})",
    )


def _files_and_blank(parser: argparse.ArgumentParser, blank_help: str) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="report as PDF, Word (.docx), HTML, JSON or text ('-' for "
        "stdin), or a folder of them (read with its subfolders)",
    )
    parser.add_argument(
        "--blank",
        choices=[p.value for p in checks.BlankPolicy],
        default=checks.BlankPolicy.UNKNOWN.value,
        help=blank_help,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m govdisclosure",
        description="Check and convert government information disclosure "
        "annual reports (政府信息公开工作年度报告) in any form: PDF, Word "
        "(.docx), HTML, JSON or text.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"govdisclosure {__version__}",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "check",
        help="check every rule of one or more reports (files or folders)",
    )
    _files_and_blank(check, "read blank cells as unknown (default) or as zero")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--severity",
        choices=("error", "warning", "all"),
        default="warning",
        help="the findings to show: errors; errors and warnings (default); "
        "or all, with the rules a blank cell left not evaluable (always "
        "counted in the summary)",
    )
    check.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when an error-level finding is found (2 still "
        "means a file could not be read)",
    )
    check.add_argument(
        "--progress",
        action="store_true",
        help="print '[i/N] FILE' to stderr before each file (automatic "
        "for more than 20 files when stderr is a terminal)",
    )
    _template_option(check)
    metric = sub.add_parser(
        "metrics", help="compute the derived metrics of one or more reports"
    )
    _files_and_blank(
        metric,
        "read blank cells as unknown (default: the metric is not defined) "
        "or as zero",
    )
    metric.add_argument("--format", choices=("json", "csv"), default="json")
    _template_option(metric)
    convert = sub.add_parser(
        "convert",
        help="convert reports in any form (PDF, Word, HTML, JSON, text) to "
        "JSON, text, CSV, Markdown, HTML or Word",
        description="Convert a report in any form it is read in (PDF, Word "
        "(.docx), HTML, JSON or text) to another. Several files (or "
        "folders) give one document: JSON Lines with --to json, one CSV of "
        "every report's cells with --to csv.",
    )
    convert.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="report as PDF, Word (.docx), HTML, JSON or text ('-' for "
        "stdin), or a folder of them",
    )
    convert.add_argument(
        "--to",
        choices=("json", "text", "csv", "markdown", "html", "docx"),
        required=True,
        help="the form to write (docx needs -o OUT.docx)",
    )
    _output_option(convert)
    _template_option(convert)
    page = sub.add_parser(
        "report",
        help="write a check report: one self-contained HTML page with the "
        "tables, the wrong cells marked, the findings, metrics and charts",
    )
    _files_and_blank(page, "read blank cells as unknown (default) or as zero")
    page.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="OUT.html",
        help="write the page to OUT.html ('-', the default, for stdout)",
    )
    page.add_argument(
        "--no-charts",
        dest="charts",
        action="store_false",
        help="leave out the charts of a body's years (they need matplotlib)",
    )
    _template_option(page)
    dataset = sub.add_parser(
        "dataset",
        help="read a corpus (files, folders, .zip archives) into one checked "
        "Parquet dataset",
        description="Read every report of the paths (folders walked, .zip "
        "archives read member by member) and write reports.parquet, "
        "cells.parquet, findings.parquet and metrics.parquet into OUTDIR.",
    )
    dataset.add_argument("paths", nargs="+", metavar="PATH")
    dataset.add_argument(
        "-o", "--output", required=True, metavar="OUTDIR", help="the folder"
    )
    dataset.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes (default: the machine's cores)",
    )
    dataset.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="a process pool (default) or dask.distributed",
    )
    dataset.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="with --engine dask: the cluster at tcp://HOST:PORT (default: a "
        "LocalCluster of --workers processes)",
    )
    dataset.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (default: when stderr is a terminal)",
    )
    schema = sub.add_parser(
        "schema", help="print the JSON Schema of the reports' JSON form"
    )
    schema.add_argument(
        "--template",
        choices=sorted(REPORT_TYPES),
        default=None,
        help="one template generation (default: any report)",
    )
    _output_option(schema)
    return parser


def _output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help="write to FILE ('-', the default, for stdout)",
    )


class _OutputError(Exception):
    pass


class _Guarded(io.TextIOBase):
    """
    Standard output that outlives its reader: once the reader has gone
    (``| head -1``) output is dropped and the run goes on, so that the exit
    status still speaks for every file; any other failure to write (a full
    disk) is an :class:`_OutputError`.
    """

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self.target.write(text)
            except BrokenPipeError:
                self.gone = True
            except OSError as exc:
                raise _OutputError(exc.strerror or str(exc)) from None
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self.target.flush()
            except BrokenPipeError:
                self.gone = True
            except OSError as exc:
                raise _OutputError(exc.strerror or str(exc)) from None

    def isatty(self) -> bool:
        return not self.gone and self.target.isatty()


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """
    Run the command line with *argv*; return the exit status.

    Output to a reader that has gone (``| head -1``) is dropped and every
    file is still read, so the exit status is the same; a failure to write
    (a full disk) is exit status 2 with a one-line message; Ctrl-C is exit
    status 130, without a traceback.
    """
    guard = _Guarded(stdout if stdout is not None else sys.stdout)
    out = cast("TextIO", guard)  # a TextIOBase: what the commands write to
    err = stderr if stderr is not None else sys.stderr
    args = _parser().parse_args(argv)
    try:
        status = _run(args, out, err)
        guard.flush()
    except KeyboardInterrupt:
        print("govdisclosure: interrupted", file=err)
        status = 130
    except _OutputError as exc:
        print(f"govdisclosure: cannot write the output: {exc}", file=err)
        status = EXIT_BAD_INPUT
        _quiet_stdout(stdout)
    if guard.gone:
        _quiet_stdout(stdout)
    return status


def _quiet_stdout(given: TextIO | None) -> None:
    """
    Point the process's standard output at the null device, so that the
    interpreter's last flush at exit does not fail again.
    """
    if given is not None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - no real stdout
        pass


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "check":
        return _check(args, out, err)
    if args.command == "metrics":
        return _metrics(args, out, err)
    if args.command == "dataset":
        return _dataset(args, out, err)
    if args.command == "report":
        return _report_page(args, out, err)
    if args.command == "schema":
        return _schema(args, out, err)
    return _convert(args, out, err)
