"""Batch throughput and memory: `perfxl batch` against a naive baseline, measured in the same run.

Generates N filled workbooks (default 2,000: distinct sample forms written by the form writer, cloned
with distinct unit names so none is a duplicate), then measures
  - the baseline: openpyxl load_workbook of each file plus a pandas DataFrame of its indicator table,
    no checks at all (on a sample of --baseline-files files; per-file work is independent);
  - perfxl batch end to end (discovery, hashing, reading, checking, scoring, ledger, 汇总.xlsx,
    results.json) with 1 worker and with 2 workers;
and prints workbooks per second and the ratios. With --scale K (default 10) it also runs perfxl
batch on K × N files and compares the peak RSS of the whole process tree (sampled with psutil).
Targets: 1 worker ≥ 15× the baseline; peak memory < 500 MB and flat when N grows 10×.

Usage: python bench/batch.py [N] [--scale K] [--baseline-files M] [--keep DIR]
"""

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil

from perfxl.batch import BatchOptions, run_batch
from perfxl.batch.demo import build_corpus, variants

DISTINCT = 40  # distinct forms written by the form writer; the rest are clones with other unit names


def _clone(args) -> int:
    source, target, count, start = args
    return len(variants(source, target, count, start=start))


def make_corpus(folder: Path, n: int, workers: int) -> None:
    base = build_corpus(folder / "_base", count=min(DISTINCT, n), seed=2024, broken=False, hostile=False,
                        workers=workers)
    sources = [base.folder / rel for rel in base.forms]
    jobs, start = [], 0
    per = -(-n // len(sources))
    for i, source in enumerate(sources):
        count = min(per, n - start)
        if count <= 0:
            break
        jobs.append((source, folder / "forms" / f"d{i:03d}", count, start))
        start += count
    with ProcessPoolExecutor(workers) as pool:
        made = sum(pool.map(_clone, jobs))
    shutil.rmtree(base.folder)
    assert made == n, (made, n)


def baseline(files: list[Path]) -> float:
    """Seconds for openpyxl load_workbook + a pandas DataFrame of the indicator table, per file list."""
    import openpyxl
    import pandas as pd

    start = time.perf_counter()
    for path in files:
        wb = openpyxl.load_workbook(path)
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        header = next((i for i, row in enumerate(rows) if any(isinstance(v, str) and "三级指标" in v for v in row)), None)
        if header is not None:
            body = []
            for row in rows[header + 1:]:
                if not any(v not in (None, "") for v in row):
                    break
                body.append(row)
            pd.DataFrame(body, columns=[str(c) if c is not None else f"c{j}" for j, c in enumerate(rows[header])])
        wb.close()
    return time.perf_counter() - start


class PeakRSS:
    """Peak resident memory of this process and all its descendants, sampled every 50 ms."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            try:
                procs = [me, *me.children(recursive=True)]
            except psutil.Error:
                procs = [me]
            for proc in procs:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def timed_batch(folder: Path, out: Path, workers: int) -> tuple[float, int, int]:
    shutil.rmtree(out, ignore_errors=True)
    with PeakRSS() as rss:
        start = time.perf_counter()
        result = run_batch(BatchOptions(folder, out, workers=workers))
        seconds = time.perf_counter() - start
    assert not result.interrupted and sum(result.counts.values()) == result.total
    return seconds, result.total, rss.peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--scale", type=int, default=10, help="memory check at scale × N (0: skip)")
    parser.add_argument("--baseline-files", type=int, default=400, help="files timed for the baseline (0: all)")
    parser.add_argument("--keep", type=Path, help="keep the generated files and outputs here")
    args = parser.parse_args()
    cpus = os.cpu_count() or 1
    root = args.keep or Path(tempfile.mkdtemp(prefix="perfxl-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    mb = 1024 * 1024
    try:
        t0 = time.perf_counter()
        make_corpus(root / "n", args.n, cpus)
        print(f"perfxl batch benchmark: N = {args.n} workbooks ({DISTINCT} distinct forms, cloned with other "
              f"unit names), {cpus} CPUs; corpus written in {time.perf_counter() - t0:.1f} s", flush=True)
        files = sorted((root / "n" / "forms").rglob("*.xlsx"))
        sample = files if args.baseline_files <= 0 else files[:: max(1, len(files) // args.baseline_files)]
        # the baseline is timed in two halves, before and after perfxl, so that a change in machine load
        # during the run affects both sides alike
        base_s = baseline(sample[::2])
        rates = {}
        peaks = {}
        for workers in (1, 2):
            seconds, total, peak = timed_batch(root / "n" / "forms", root / f"out{workers}", workers)
            rates[workers] = total / seconds
            peaks[workers] = peak
        base_s += baseline(sample[1::2])
        base_rate = len(sample) / base_s
        print(f"baseline  openpyxl + pandas, no checks: {len(sample)} files in {base_s:.1f} s → {base_rate:.1f} wb/s",
              flush=True)
        for workers in (1, 2):
            print(f"perfxl batch, {workers} worker{'s' if workers > 1 else ' '}: {args.n} files in "
                  f"{args.n / rates[workers]:.1f} s → "
                  f"{rates[workers]:.1f} wb/s = {rates[workers] / base_rate:.1f}× baseline; "
                  f"peak RSS (process tree) {peaks[workers] / mb:.0f} MB", flush=True)
        print(f"2 workers vs 1 worker: {rates[2] / rates[1]:.2f}×")
        ok_speed = rates[1] / base_rate >= 15
        print(f"target 1 worker ≥ 15× baseline: {'met' if ok_speed else 'MISSED'} ({rates[1] / base_rate:.1f}×)")
        if args.scale and args.scale > 1:
            big = args.n * args.scale
            t0 = time.perf_counter()
            make_corpus(root / "big", big, cpus)
            print(f"memory check: {big} workbooks written in {time.perf_counter() - t0:.1f} s", flush=True)
            seconds, total, peak = timed_batch(root / "big" / "forms", root / "out_big", 2)
            growth = peak / peaks[2]
            print(f"perfxl batch, 2 workers: {total} files in {seconds:.1f} s → {total / seconds:.1f} wb/s; "
                  f"peak RSS {peak / mb:.0f} MB vs {peaks[2] / mb:.0f} MB at N = {args.n} (×{growth:.2f})")
            ok_memory = peak < 500 * mb and growth < 1.5
            print(f"target peak < 500 MB and flat when N grows {args.scale}×: {'met' if ok_memory else 'MISSED'}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
