"""Run mutated workbooks through `api.check_file` in a guarded child process.

A case fails when an exception escapes `check_file`, when the reader reports an error of its own code
("读取程序出错"), when it takes longer than the time limit, or when the child dies (e.g. over the memory
limit). Failing inputs are returned with the mutations that made them, so they can be kept as regression
files.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import random
import resource
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.mutate import mutate

OUR_BUG = "读取程序出错"


@dataclass
class Failure:
    case: int
    mutation: str
    kind: str  # "exception" | "our_bug" | "timeout" | "died"
    detail: str
    data: bytes


def _child(conn, memory_mb: int) -> None:
    if memory_mb:  # 0: unbounded, as [limits] worker_memory_mb = 0
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from perfxl import api

    work = Path(tempfile.mkdtemp(prefix="perfxl-fuzz-"))
    while True:
        item = conn.recv()
        if item is None:
            return
        path = work / "case.xlsx"
        path.write_bytes(item)
        try:
            report = api.check_file(path)
            bug = next((f.message for f in report.findings if OUR_BUG in f.message), None)
            if not (report.reports or report.findings):
                bug = "no form and no reason"  # every case ends as a result with a reason
            conn.send(("our_bug", bug) if bug else ("ok", None))
        except BaseException:  # noqa: BLE001 - exactly what the fuzzer looks for
            conn.send(("exception", traceback.format_exc(limit=6)))


class Guard:
    """A child process that checks one workbook at a time, restarted after a timeout or a death."""

    def __init__(self, memory_mb: int):
        self.memory_mb = memory_mb
        self.ctx = mp.get_context("fork")
        self._start()

    def _start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_child, args=(child, self.memory_mb), daemon=True)
        self.proc.start()

    def check(self, data: bytes, time_limit: float) -> tuple[str, str | None]:
        try:
            self.conn.send(data)
            if self.conn.poll(time_limit):
                return self.conn.recv()
            outcome = ("timeout", f"more than {time_limit:g} s")
        except (EOFError, OSError, BrokenPipeError):
            outcome = ("died", f"exit code {self.proc.exitcode}")
        self.proc.kill()
        self.proc.join()
        self._start()
        return outcome

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()


def fuzz(seeds: list[bytes], cases: int, seed: int = 0, time_limit: float | None = None, memory_mb: int | None = None,
         rounds: int = 2) -> tuple[list[Failure], dict[str, int]]:
    """Run `cases` mutated workbooks; returns the failures and how many cases each mutation took part in.

    Each case gets the time and memory of a batch worker under the default rule pack's [limits] unless given."""
    from perfxl.config import default_pack
    from perfxl.config.limits import MB

    limits = default_pack().limits
    time_limit = time_limit or limits.seconds_per_file
    memory_mb = memory_mb or (limits.worker_memory or 0) // MB
    rng = random.Random(seed)
    guard = Guard(memory_mb)
    failures: list[Failure] = []
    used: dict[str, int] = {}
    try:
        for case in range(cases):
            mutation, data = mutate(rng.choice(seeds), rng, rounds=rng.randint(1, rounds))
            for name in mutation.split("+"):
                used[name] = used.get(name, 0) + 1
            kind, detail = guard.check(data, time_limit)
            if kind != "ok":
                failures.append(Failure(case, mutation, kind, detail or "", data))
    finally:
        guard.close()
    return failures, used


def seed_workbooks(folder: Path) -> list[bytes]:
    """The five templates and a filled sample of each kind (their own figures typed over the formulas)."""
    from perfxl.domain import FormKind
    from perfxl.forms.write.writer import write_form
    from perfxl.samples import generate

    root = Path(__file__).resolve().parents[2]
    seeds = [p.read_bytes() for p in sorted((root / "workbook_templates").glob("*.xlsx"))]
    for kind in FormKind:
        sample = generate(1, seed=11, kinds=[kind])[0]
        path = folder / f"{kind.value}.xlsx"
        write_form(sample.form, path, typed_scores=True)
        seeds.append(path.read_bytes())
    return seeds


def keep(failures: list[Failure], folder: Path) -> list[Path]:
    """Write failing inputs as regression files named by case and mutation."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for f in failures:
        path = folder / f"{f.kind}-{f.case:05d}-{f.mutation}.xlsx"
        path.write_bytes(f.data)
        out.append(path)
    return out
