"""
Benchmarks: median time per report, beside a floor measured in the same run.

Run ``python benchmarks/run.py`` (``--quick`` for fewer repetitions).
Each figure is the median over repetitions; the ratio column divides it by
the floor named beside it, measured on the same document in the same run.
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

from govdisclosure import checks, serialization, text

_SAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "zhuhui-2019-table.txt"
)


def _median_us(fn: Callable[[], object], repeat: int, number: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number * 1e6)
    return statistics.median(runs)


def _import_ms(code: str, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        runs.append((time.perf_counter() - start) * 1e3)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions"
    )
    args = parser.parse_args()
    repeat, number = (3, 50) if args.quick else (11, 500)

    source = _SAMPLE.read_text(encoding="utf-8")
    report = text.parse(source)
    document = serialization.to_json(report)
    data = serialization.to_dict(report)
    row = re.compile(r"^(.*?)\|(.*?)\|(.*?)\|?$", re.MULTILINE)

    rows = [
        (
            "parse text",
            lambda: text.parse(source),
            "regex scan",
            lambda: row.findall(source),
        ),
        ("check", lambda: checks.check(report), None, None),
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
    print(f"{'operation':<14}{'µs':>10}  {'floor':<12}{'µs':>10}{'ratio':>8}")
    for name, fn, floor_name, floor in rows:
        us = _median_us(fn, repeat, number)
        if floor is None or floor_name is None:
            print(f"{name:<14}{us:>10.1f}")
            continue
        base = _median_us(floor, repeat, number)
        print(
            f"{name:<14}{us:>10.1f}  {floor_name:<12}{base:>10.1f}{us / base:>8.1f}"
        )
    ours = _import_ms("import govdisclosure", repeat)
    floor_ms = _import_ms("import attrs, cattrs", repeat)
    print(
        f"{'import':<14}{ours * 1e3:>10.0f}  {'attrs,cattrs':<12}"
        f"{floor_ms * 1e3:>10.0f}{ours / floor_ms:>8.1f}"
    )


if __name__ == "__main__":
    main()
