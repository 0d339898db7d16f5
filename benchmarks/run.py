"""
Benchmarks: median time per report, beside a floor measured in the same run.

Run ``python benchmarks/run.py`` (``--quick`` for fewer repetitions and a
smaller memory run).  For each template generation (the old table, 2019,
2021; one bundled example each) it prints the median over repetitions of
every operation, and beside it the floor measured on the same document in
the same run: a bare regex scan of the text, ``json.dumps`` /
``json.loads`` of the same document, ``import attrs, cattrs`` in a fresh
interpreter.  The ratio column divides the one by the other.  The parse
operations read a small archive: the example and 9 variants of it with
other numbers in its cells, per report.  "parse text" is the archive's
steady state (its table layout was read before); "parse (cold)" reads
every report as the first of its layout.
"import+parse" is a fresh interpreter that imports what a parse needs and
parses one 2021 report.  Then it
prints how aggregation scales (1,000 and 2,000 reports) and the peak
memory of many parsed reports held at once (10^5 by default).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from govdisclosure import (
    _layout,
    _mapper,
    analysis,
    checks,
    html,
    serialization,
    text,
)

_EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_SAMPLES_DIR = Path(__file__).resolve().parents[1] / "examples"
_SAMPLES = {
    "2014": _EXAMPLES / "zhuhui-2019-table.txt",
    "2019": _EXAMPLES / "shanghai-office-2019.txt",
    "2021": _EXAMPLES / "pingtan-2021.txt",
}
_ROW = re.compile(r"^(.*?)\|(.*)$", re.MULTILINE)

Op = tuple[str, Callable[[], object], str | None, Callable[[], object] | None]

#: Reports per call of the parse operations (the example and variants).
_VARIANTS = 10
_PLAIN_CELL = re.compile(r"(?<=\| )\d+(?= \|)")


def _variants(source: str) -> list[str]:
    """
    The example and variants of it with other numbers in its plain cells
    (0 stays 0): an archive of reports written out alike.
    """

    def other(i: int) -> Callable[[re.Match[str]], str]:
        def number(m: re.Match[str]) -> str:
            n = int(m[0])
            return str((n * (7 + i)) % 10 ** len(m[0]) or 1) if n else "0"

        return number

    return [source] + [
        _PLAIN_CELL.sub(other(i), source) for i in range(_VARIANTS - 1)
    ]


def _median_us(fn: Callable[[], object], repeat: int, number: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number * 1e6)
    return statistics.median(runs)


def _subprocess_ms(code: str, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        runs.append((time.perf_counter() - start) * 1e3)
    return statistics.median(runs)


def _ops(template: str) -> list[Op]:
    source = _SAMPLES[template].read_text(encoding="utf-8")
    report = text.parse(source)
    document = serialization.to_json(report)
    data = serialization.to_dict(report)
    archive = _variants(source)
    return [
        (
            "parse text",
            lambda: [text.parse(t) for t in archive],
            "regex scan",
            lambda: [_ROW.findall(t) for t in archive],
        ),
        (
            "parse (cold)",
            lambda: [
                _mapper.parse_text(t, None, _layout.Layouts()) for t in archive
            ],
            "regex scan",
            lambda: [_ROW.findall(t) for t in archive],
        ),
        ("check", lambda: checks.check(report), None, None),
        (
            "check (rules)",
            lambda: checks.check(report, narrative=False),
            None,
            None,
        ),
        (
            "to_json",
            lambda: serialization.to_json(report),
            "json.dumps",
            lambda: json.dumps(data, ensure_ascii=False),
        ),
        (
            "from_json",
            lambda: serialization.from_json(document),
            "json.loads",
            lambda: json.loads(document),
        ),
        ("to_dict", lambda: serialization.to_dict(report), None, None),
        ("from_dict", lambda: serialization.from_dict(data), None, None),
        ("render text", lambda: text.render(report), None, None),
    ]


def _print_row(
    name: str, us: float, floor: str = "", base: float | None = None
) -> None:
    if base is None:
        print(f"{name:<16}{us:>11.1f}")
    else:
        print(
            f"{name:<16}{us:>11.1f}  {floor:<13}{base:>10.1f}{us / base:>8.1f}"
        )


_HELD_CODE = """
import gc, os, random, re, sys, time
from pathlib import Path
from govdisclosure import checks, text

count = int(sys.argv[1])
sources = [Path(p).read_text(encoding="utf-8") for p in sys.argv[2:]]
rng = random.Random(7)
number = re.compile(r"^(\\s*)\\d+(\\s*)$")

def count_text(m):
    # Mostly 0, often small, sometimes larger: the shape of real tables.
    x = rng.random()
    n = 0 if x < 0.6 else rng.randint(1, 5) if x < 0.9 else rng.randint(6, 200)
    return f"{m[1]}{n}{m[2]}"

def varied(source):
    lines = []
    for line in source.split("\\n"):
        if "|" in line:
            line = "|".join(number.sub(count_text, c) for c in line.split("|"))
        lines.append(line)
    return "\\n".join(lines)

texts = [varied(sources[i % len(sources)]) for i in range(count)]
gc.collect()
objects = len(gc.get_objects())
def rss_kb():
    # The resident set now (not its peak, which the texts set already).
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024

gc.collect()
before = rss_kb()
held, times = [], []
for source in texts:
    report = text.parse(source)
    held.append(report)
    start = time.perf_counter()
    checks.check(report)
    times.append(time.perf_counter() - start)
gc.collect()
after = rss_kb()
tenth = count // 10
print(
    (len(gc.get_objects()) - objects) / count,
    sum(times[:tenth]) / tenth * 1e6,
    sum(times[-tenth:]) / tenth * 1e6,
    (after - before) / count,
)
"""


def _held(count: int) -> tuple[float, float, float, float]:
    """
    *count* distinct reports (the samples with their counts redrawn),
    parsed, appended to a list and checked one by one, in a fresh
    interpreter: objects the garbage collector tracks per held report,
    the mean ``check`` time over the first and the last tenth (µs), and
    the RSS growth per report (KB, including the texts).
    """
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _HELD_CODE,
            str(count),
            *[str(p) for p in _SAMPLES.values()],
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    tracked, first, last, kb = (float(x) for x in out.stdout.split())
    return tracked, first, last, kb


def _memory_mb(count: int) -> tuple[float, float]:
    """
    Growth of the resident memory (RSS) of *count* parsed reports held at once (fresh
    interpreter), in MB, and per report in KB.
    """
    code = f"""
import gc, os, sys
from pathlib import Path
from govdisclosure import text
sources = [Path(p).read_text(encoding="utf-8") for p in {[str(p) for p in _SAMPLES.values()]!r}]
text.parse(sources[0])  # imports done before the measure

def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024

gc.collect()
before = rss_kb()
held = [text.parse(sources[i % 3]) for i in range({count})]
gc.collect()
after = rss_kb()
print((after - before) / 1024)
"""
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
    )
    mb = float(out.stdout.strip())
    return mb, mb * 1024 / count


def _lxml_floor(data: bytes) -> None:
    """lxml's HTML parse and a walk of every table cell's text."""
    from lxml import etree  # noqa: PLC0415

    root = etree.fromstring(data, etree.HTMLParser())
    for cell in root.iter("td", "th"):
        _ = "".join(cell.itertext())


def _pdfplumber_floor(data: bytes) -> None:
    """pdfplumber's own extraction of every page: tables and text."""
    import io  # noqa: PLC0415

    import pdfplumber  # noqa: PLC0415

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()


def _docx_floor(data: bytes) -> None:
    """python-docx's Document() and a walk of every table cell's text."""
    import io  # noqa: PLC0415

    import docx as python_docx  # noqa: PLC0415

    document = python_docx.Document(io.BytesIO(data))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text
    for paragraph in document.paragraphs:
        _ = paragraph.text


def _forms(repeat: int) -> None:
    """PDF and Word: ours against the library's own extraction."""
    from govdisclosure import docx, pdf  # noqa: PLC0415

    print("-- PDF and Word (ms per document; floor in the same run)")
    sample = _SAMPLES_DIR / "hongze-2024.pdf"
    if not sample.is_file():
        print("   (examples/ not found; skipped)")
        return
    data = sample.read_bytes()
    pages = 5
    runs = max(3, repeat // 2)
    ours = _median_us(lambda: pdf.parse(data), runs, 1) / 1e3
    floor = _median_us(lambda: _pdfplumber_floor(data), runs, 1) / 1e3
    print(
        f"{'pdf.parse':<16}{ours:>11.1f}  {'pdfplumber':<13}{floor:>10.1f}"
        f"{ours / floor:>8.2f}   ({ours / pages:.1f} ms per page)"
    )
    report = text.parse(_SAMPLES["2021"].read_text(encoding="utf-8"))
    for label, document in (
        ("docx (ours)", docx.render(report)),
        (
            "docx template",
            (_SAMPLES_DIR / "template-2021-blank.docx").read_bytes(),
        ),
    ):
        ours = _median_us(lambda d=document: docx.parse(d), repeat, 5) / 1e3
        floor = _median_us(lambda d=document: _docx_floor(d), repeat, 5) / 1e3
        print(
            f"{label:<16}{ours:>11.2f}  {'python-docx':<13}{floor:>10.2f}"
            f"{ours / floor:>8.2f}"
        )


_DATASET_CODE = """
import resource, sys, tempfile, time
from pathlib import Path
from govdisclosure import corpus, html, serialization, text

count, workers = int(sys.argv[1]), int(sys.argv[2])
sources = [Path(p).read_text(encoding="utf-8") for p in sys.argv[3:]]
folder = Path(tempfile.mkdtemp())
for i in range(count):
    source = sources[i % len(sources)]
    year = 2000 + i % 25
    kind = i % 4
    named = source.replace("2019年", f"{year}年", 1).replace("2021年", f"{year}年", 1)
    sub = folder / f"{i % 97:02}"
    sub.mkdir(exist_ok=True)
    if kind == 0:
        (sub / f"{i}.txt").write_text(named, encoding="utf-8")
    elif kind == 1:
        report = text.parse(named)
        (sub / f"{i}.json").write_text(serialization.to_json(report), encoding="utf-8")
    elif kind == 2:
        (sub / f"{i}.html").write_text(html.render(text.parse(named)), encoding="utf-8")
    else:
        (sub / f"{i}.txt").write_text(named.replace(" | ", "\t"), encoding="utf-8")
start = time.perf_counter()
counts = corpus.write_dataset([folder], folder / "out", workers=workers)
seconds = time.perf_counter() - start
peak = max(
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
)
print(counts["reports.parquet"], seconds, peak / 1024)
"""


def _dataset(count: int, workers: int) -> tuple[float, float]:
    """
    ``write_dataset`` of *count* generated report files in mixed forms
    (pipe text, JSON, HTML, tab-separated text; 97 folders) with *workers*
    processes, in a fresh interpreter: reports per second and the peak RSS
    of one process (MB).
    """
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _DATASET_CODE,
            str(count),
            str(workers),
            *[str(p) for p in _SAMPLES.values()],
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    written, seconds, peak = out.stdout.split()
    assert int(written) == count  # noqa: S101 - a benchmark's own check
    return count / float(seconds), float(peak)


def _first_of_layout(page: bytes) -> object:
    """html.parse as for the first page of its layout: no table plan, no
    compiled layout met before."""
    html._PLANS.clear()  # noqa: SLF001 - the first page of its shape
    return _mapper.read_document(
        html.to_document(page), None, _layout.Layouts()
    )


def _html_pages(repeat: int, number: int) -> None:
    """html.parse of the samples against lxml's parse and cell walk."""
    print("-- HTML pages (the 上海 2019 sample; a 350 KB full page around it)")
    sample = _SAMPLES_DIR / "shanghai-office-2019.html"
    if sample.is_file():
        page = sample.read_bytes()
        filler = (
            "<div><a href='#'>栏目</a> 政务公开 信息公开指南 网站地图</div>"
            * 2150
        )
        full = (
            f"<html><body>{filler}".encode()
            + page
            + f"{filler}</body></html>".encode()
        )
        pages = [
            ("sample", page),
            (f"full page {len(full) // 1024} KB", full),
        ]
        whole = _SAMPLES_DIR / "pingtan-2024.html"
        if whole.is_file():
            pages.append(("平潭 2024 page", whole.read_bytes()))
        for label, doc in pages:
            calls = max(1, number // 10)
            html.parse(doc)  # the layout and table plans met once
            # Interleaved rounds: each ratio divides by the floor of the
            # same moment (the machine's speed drifts between rounds).
            us, floor, cold = [], [], []
            for _ in range(repeat):
                floor.append(
                    _median_us(lambda doc=doc: _lxml_floor(doc), 1, calls)
                )
                us.append(
                    _median_us(lambda doc=doc: html.parse(doc), 1, calls)
                )
                cold.append(
                    _median_us(lambda doc=doc: _first_of_layout(doc), 1, calls)
                )
            ratio = statistics.median(
                u / f for u, f in zip(us, floor, strict=True)
            )
            first = statistics.median(
                c / f for c, f in zip(cold, floor, strict=True)
            )
            median_us, median_floor = (
                statistics.median(us),
                statistics.median(floor),
            )
            print(
                f"{'html ' + label:<28}{median_us:>11.1f} µs  {1e6 / median_us:>8.0f} pages/s"
                f"   lxml parse + cell walk {median_floor:>9.1f} µs  ratio {ratio:.2f}"
            )
            print(
                f"{'  first of its layout':<28}{statistics.median(cold):>11.1f} µs"
                f"{'':>20}ratio {first:.2f}"
            )
    else:
        print("   (examples/ not found; skipped)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions"
    )
    parser.add_argument(
        "--only",
        choices=["html"],
        help="run one section only (html: the HTML pages against lxml)",
    )
    parser.add_argument(
        "--rss",
        type=int,
        default=0,
        metavar="N",
        help="also write a dataset of N files with 2 workers (peak RSS)",
    )
    args = parser.parse_args()
    repeat, number = (5, 100) if args.quick else (11, 500)
    if args.only == "html":
        _html_pages(repeat, number)
        return

    print(f"{'operation':<16}{'µs':>11}  {'floor':<13}{'µs':>10}{'ratio':>8}")
    for template, path in _SAMPLES.items():
        print(f"-- template {template} ({path.name})")
        for name, fn, floor_name, floor in _ops(template):
            # The parse operations read the whole small archive per call.
            per = _VARIANTS if name.startswith("parse") else 1
            calls = max(1, number // per)
            us = _median_us(fn, repeat, calls) / per
            if floor is None or floor_name is None:
                _print_row(name, us)
            else:
                base = _median_us(floor, repeat, calls) / per
                _print_row(name, us, floor_name, base)

    _html_pages(repeat, number)

    _forms(repeat)

    print("-- aggregate (per report)")
    report = text.parse(_SAMPLES["2021"].read_text(encoding="utf-8"))
    for n in (1000, 2000):
        many = [report] * n
        us = _median_us(lambda many=many: analysis.aggregate(many), repeat, 1)
        _print_row(f"aggregate {n}", us / n)

    print("-- import (fresh interpreter, ms)")
    floor_ms = _subprocess_ms("import attrs, cattrs", repeat)
    ours = _subprocess_ms("import govdisclosure", repeat)
    _print_row("import", ours, "attrs,cattrs", floor_ms)
    first = _subprocess_ms(
        "from pathlib import Path; from govdisclosure import text; "
        f"text.parse(Path({str(_SAMPLES['2021'])!r}).read_text('utf-8'))",
        repeat,
    )
    _print_row("import+parse", first, "attrs,cattrs", floor_ms)

    files = 300 if args.quick else 10_000
    print(f"-- dataset: {files} files of mixed forms into Parquet")
    for workers in (1, 2):
        rate, peak = _dataset(files, workers)
        print(
            f"{'dataset':<16}{workers:>3} worker(s) {rate:>8.0f} reports/s"
            f"   peak RSS {peak:.0f} MB"
        )
    if args.rss:
        rate, peak = _dataset(args.rss, 2)
        print(
            f"{'dataset':<16}{args.rss} files, 2 workers {rate:>8.0f} "
            f"reports/s   peak RSS {peak:.0f} MB"
        )

    count = 10_000 if args.quick else 100_000
    mb, kb = _memory_mb(count)
    print(
        f"-- memory: {count} parsed reports held at once: {mb:.0f} MB ({kb:.1f} KB per report)"
    )
    held = 2_000 if args.quick else 10_000
    tracked, first, last, kb = _held(held)
    print(
        f"-- {held} distinct reports parsed, held and checked one by one: "
        f"{tracked:.1f} tracked objects and {kb:.1f} KB each; check "
        f"{first:.0f} µs (first tenth) / {last:.0f} µs (last tenth)"
    )


if __name__ == "__main__":
    main()
