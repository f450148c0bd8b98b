"""Batch cost against the raw-read floor, throughput, peak memory and Dask, measured in one run.

Generates K × N filled workbooks (default N = 1,000, K = 10: distinct sample forms written by the form
writer, cloned with distinct unit names so none is a duplicate); N and N / 5 of them (every K-th file,
so every distinct form is among them) are linked into folders of their own. Then it measures
  - the floor: python-calamine opening each workbook and reading its form sheet to Python lists
    (timed in two halves, before and after the batches, so that a change in machine load affects
    both sides alike);
  - perfxl batch end to end (discovery, hashing, reading, checking, scoring, ledger, 汇总.xlsx,
    results.json), each run in a fresh Python process as the `perfxl batch` command would be (start-up
    included, nothing left over from earlier runs), with wall time, CPU seconds and peak RSS of that
    process tree (workers included);
  - N / 5 and N files with 1 worker: the per-workbook cost at the margin is the difference of the two
    wall times over the difference of the file counts (start-up cancels out);
  - N and K × N files with 1 and with 2 workers;
  - N files on a Dask LocalCluster of 2 worker processes against the local pool of 2 workers.
Targets (issue 13): marginal cost ≤ 2 × the floor; 10,000 files in < 15 s with 2 workers; peak RSS
flat (< 1.5 ×) when N grows K ×. The load average is printed: other work on the machine inflates
wall times; the ratios, measured in the same run, are affected less (the CPU ratios least).

Usage: python bench/batch.py [N] [--scale K] [--no-dask] [--keep DIR]
"""

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil
from python_calamine import CalamineWorkbook

from perfxl.batch import BatchOptions, run_batch
from perfxl.batch.demo import build_corpus, variants

DISTINCT = 40  # distinct forms written by the form writer; the rest are clones with other unit names
MB = 1024 * 1024


def _clone(args) -> int:
    source, target, count, start = args
    return len(variants(source, target, count, start=start))


def make_corpus(folder: Path, n: int, workers: int) -> list[Path]:
    """n filled workbooks under folder/forms, sorted by path."""
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
    return sorted((folder / "forms").rglob("*.xlsx"))


def link_subset(files: list[Path], folder: Path) -> Path:
    """Hard links to `files` in a folder of their own (a batch input of just these files)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in files:
        os.link(path, folder / path.name)
    return folder


def raw_read(files: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds for python-calamine to open each workbook and read its form sheet (the first)
    to lists."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        book = CalamineWorkbook.from_path(str(path))
        book.get_sheet_by_index(0).to_python()
        book.close()
    return time.perf_counter() - start, time.process_time() - cpu


class Tree:
    """Peak resident memory and CPU seconds of this process's descendants (also those that are not its
    children, such as forkserver workers), sampled every 50 ms."""

    def __init__(self):
        self.peak = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            self._sample(me)
            self._stop.wait(0.05)

    def _sample(self, me: psutil.Process) -> None:
        total = 0
        with contextlib.suppress(psutil.Error):
            for proc in me.children(recursive=True):
                with contextlib.suppress(psutil.Error), proc.oneshot():
                    total += proc.memory_info().rss
                    times = proc.cpu_times()
                    self._cpu[proc.pid] = times.user + times.system
        self.peak = max(self.peak, total)

    @property
    def cpu(self) -> float:
        return sum(self._cpu.values())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


class Run:
    def __init__(self, label: str, files: int, seconds: float, cpu: float, peak: int):
        self.label, self.files, self.seconds, self.cpu, self.peak = label, files, seconds, cpu, peak

    def __str__(self) -> str:
        return (f"{self.label:<25} {self.files:>6} files in {self.seconds:6.1f} s → {self.files / self.seconds:5.0f} wb/s, "
                f"{self.seconds / self.files * 1000:5.2f} ms/wb; CPU {self.cpu / self.files * 1000:5.2f} ms/wb; "
                f"peak RSS {self.peak / MB:4.0f} MB")


def timed_batch(label: str, folder: Path, out: Path, **options) -> Run:
    """perfxl batch in a fresh Python process (start-up included, as a `perfxl batch` command pays it; no
    memory left over from the runs before)."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, __file__, "--run", json.dumps([str(folder), str(out), options])]
    with Tree() as tree:
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - start
    total = json.loads(done.stdout.splitlines()[-1])
    shutil.rmtree(out, ignore_errors=True)
    run = Run(label, total, seconds, tree.cpu, tree.peak)
    print(run, flush=True)
    return run


def run_one(spec: str) -> None:
    """The child side of `timed_batch`: one batch, then its file count on the last line of stdout."""
    folder, out, options = json.loads(spec)
    result = run_batch(BatchOptions(Path(folder), Path(out), **options))
    assert not result.interrupted and sum(result.counts.values()) == result.total
    print(json.dumps(result.total))


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--scale", type=int, default=10, help="also run K × N files (1: skip)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument("--keep", type=Path, help="keep the generated files here (and reuse them next time)")
    parser.add_argument("--run", help=argparse.SUPPRESS)  # internal: one batch in this process
    args = parser.parse_args()
    if args.run:
        return run_one(args.run)
    cpus = os.cpu_count() or 1
    scale = max(1, args.scale)
    root = args.keep or Path(tempfile.mkdtemp(prefix="perfxl-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        big = sorted((root / "big" / "forms").rglob("*.xlsx"))
        if len(big) != args.n * scale:
            shutil.rmtree(root / "big", ignore_errors=True)
            big = make_corpus(root / "big", args.n * scale, cpus)
        n_files = big[::scale][: args.n]
        small_files = n_files[::5]
        n_dir = link_subset(n_files, root / "n")
        small_dir = link_subset(small_files, root / "small")
        print(f"perfxl batch benchmark: N = {args.n} ({DISTINCT} distinct forms cloned with other unit names), "
              f"{cpus} CPUs, load average {os.getloadavg()[0]:.1f}; {len(big)} workbooks written in "
              f"{time.perf_counter() - t0:.1f} s", flush=True)
        first = raw_read(n_files[::2])
        small = timed_batch("batch 1 worker, N / 5", small_dir, root / "out", workers=1)
        one = timed_batch("batch 1 worker, N", n_dir, root / "out", workers=1)
        two = timed_batch("batch 2 workers, N", n_dir, root / "out", workers=2)
        dask = None if args.no_dask else timed_batch("Dask LocalCluster 2, N", n_dir, root / "out", dask_local=2)
        scaled = {}
        if scale > 1:
            for workers in (1, 2):
                scaled[workers] = timed_batch(f"batch {workers} worker{'s' if workers > 1 else ''}, {scale} × N",
                                              root / "big" / "forms", root / "out", workers=workers)
        second = raw_read(n_files[1::2])
        floor_ms, floor_cpu = ((a + b) / len(n_files) * 1000 for a, b in zip(first, second, strict=True))
        margin_ms = (one.seconds - small.seconds) / (one.files - small.files) * 1000
        margin_cpu = (one.cpu - small.cpu) / (one.files - small.files) * 1000
        print(f"floor: python-calamine open + form sheet to lists: {floor_ms:.2f} ms/wb (CPU {floor_cpu:.2f} ms/wb)")
        print(f"perfxl batch, 1 worker, at the margin: {margin_ms:.2f} ms/wb = {margin_ms / floor_ms:.2f} × the floor "
              f"(target ≤ 2: {verdict(margin_ms <= 2 * floor_ms)}); CPU of the process tree {margin_cpu:.2f} ms/wb = "
              f"{margin_cpu / floor_cpu:.2f} × the floor's CPU")
        print(f"2 workers vs 1 worker at N: {one.seconds / two.seconds:.2f}× faster")
        if dask is not None:
            print(f"Dask LocalCluster (2 workers) vs local pool (2 workers) at N: {dask.seconds / two.seconds:.2f}× "
                  "the pool's wall time")
        if scale > 1:
            growth = scaled[2].peak / two.peak
            per_10k = scaled[2].seconds / scaled[2].files * 10_000
            print(f"10,000 files with 2 workers (scaled from {scaled[2].files}): {per_10k:.1f} s "
                  f"(target < 15 s: {verdict(per_10k < 15)})")
            print(f"peak RSS with 2 workers: {scaled[2].peak / MB:.0f} MB at {scale} × N vs {two.peak / MB:.0f} MB at N "
                  f"(×{growth:.2f}; target flat, < 1.5×: {verdict(growth < 1.5)})")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
