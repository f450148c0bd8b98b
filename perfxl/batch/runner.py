"""Run a batch: discover files, process them in parallel, record every result in the ledger, then
assemble 汇总.xlsx and results.json from the ledger.

Guarantees (docs/dev/architecture.md "Every input file is accounted for"): each discovered file gets exactly
one result row; one file's failure never stops the run; sources are only ever opened for reading;
outputs are written atomically. Results stream into the ledger in small transactions, so memory
stays flat and an interrupted run can be continued with `resume=True`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfxl import __version__
from perfxl.atomic import atomic_path
from perfxl.batch.discover import DEFAULT_ARCHIVE_LIMITS, ArchiveLimits, Entry, cleanup, discover
from perfxl.batch.ledger import DEFAULT_NAME, Ledger, open_ledger
from perfxl.batch.outcome import Outcome, Status
from perfxl.batch.progress import NullReporter, Progress, Reporter
from perfxl.batch.results import write_results_from
from perfxl.batch.work import ANNOTATED_DIR, GoalIndex, Task, WorkerConfig, annotated_name, goal_keys
from perfxl.config import RulePack, default_pack
from perfxl.outputs.summary_workbook import write_summary_from

SUMMARY_NAME = "汇总.xlsx"
RESULTS_NAME = "results.json"
FLUSH_EVERY = 200  # outcomes per ledger transaction
FLUSH_SECONDS = 2.0


class BatchError(RuntimeError):
    """The batch cannot start (bad input, ledger, cluster); the message is Chinese."""


@dataclass(slots=True)
class BatchOptions:
    input: Path
    out_dir: Path
    workers: int | None = None  # None → os.cpu_count(); 0 → in this process
    pack: RulePack | None = None
    goals: Path | None = None
    annotate: bool = False
    resume: bool = False
    db: str | None = None  # URL or SQLite path; default OUT_DIR/ledger.sqlite
    scheduler: str | None = None  # tcp://host:port of a Dask scheduler
    dask_local: int | None = None  # start a local Dask cluster with this many workers
    dask_client: Any = None  # an existing distributed.Client (tests, notebooks)
    timeout: float | None = None  # seconds per file; None → the pack's [limits] seconds_per_file
    memory_limit: int | None = None  # address space per local worker process; None → the pack's [limits]
    archive_limits: ArchiveLimits | None = None  # None → file size and ratio from the pack's [limits]
    work_dir: Path | None = None  # where archives are unpacked (default: the system temp folder)
    summary: bool = True  # write 汇总.xlsx (benchmarks may skip it to time processing alone)


@dataclass(slots=True)
class BatchResult:
    run_id: int
    interrupted: bool
    total: int
    counts: dict[str, int]
    reused: int
    elapsed: float
    ledger_url: str
    out_dir: Path
    summary_path: Path | None = None
    results_path: Path | None = None
    annotated_dir: Path | None = None
    executor: str = ""
    workers: int | None = None
    goals_loaded: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def problems(self) -> int:
        """Files that are not a form checked without errors, nor recorded feedback."""
        return sum(n for status, n in self.counts.items()
                   if not (Status(status).is_form or status == Status.FEEDBACK) or status == Status.ERRORS)


# -- config identity -------------------------------------------------------------------------------
def pack_hash(pack: RulePack) -> str:
    """sha256 of the merged rule-pack data (what the rules actually use)."""
    text = json.dumps(pack.data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def config_hash(pack: RulePack, goals: GoalIndex, annotate: bool) -> str:
    """Identity of everything besides a file's bytes that decides its result (for --resume)."""
    parts = {"pack": pack_hash(pack), "goals": goals.fingerprint, "annotate": annotate, "version": __version__}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def file_digest(path: Path) -> tuple[str, int]:
    """sha256 and size, reading the file once in chunks (read-only)."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


# -- goal forms --------------------------------------------------------------------------------
def load_goals(folder: Path, work_dir: Path, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS) -> tuple[GoalIndex, list[str]]:
    """Declared goal forms from a folder (or .zip), keyed for matching by unit + project + year."""
    from perfxl import api

    index = GoalIndex()
    notes: list[str] = []
    ignored: list[str] = []  # files in the folder that are not goal declarations: one line for all of them
    digest = hashlib.sha256()
    for entry in discover(folder, work_dir / "goals", limits=limits):
        if entry.path is None:
            continue
        try:
            sha, _ = file_digest(entry.path)
            result = api.read(entry.path)
        except Exception as exc:  # noqa: BLE001 - a bad goal file is a note, not a failed run
            notes.append(f"目标申报表 {entry.file} 无法读取：{exc}")
            continue
        forms = result.forms or ((result.form,) if result.form is not None else ())
        goals = [f for f in forms if f.kind.is_goal]
        if not goals:
            ignored.append(entry.file)
            continue
        digest.update(f"{entry.file}\0{sha}\0".encode())
        for form in goals:
            for key in goal_keys(form):
                if key in index.forms:
                    if key.startswith("name|"):
                        notes.append(f"目标申报表 {entry.file} 与 {index.forms[key][0]} 的单位、项目和年度相同，已使用后者")
                    continue
                index.forms[key] = (entry.file, form)
    if ignored:
        shown = "、".join(ignored[:3]) + (f" 等 {len(ignored)} 个文件" if len(ignored) > 3 else "")
        notes.append(f"目标申报表文件夹中的 {shown}不是绩效目标申报表，已忽略")
    index.fingerprint = digest.hexdigest() if index.forms else ""
    return index, notes


# -- the run -------------------------------------------------------------------------------------
def _executor(options: BatchOptions, config: WorkerConfig):
    from perfxl.batch import executors

    if options.dask_client is not None or options.scheduler or options.dask_local:
        def attach(task: Task) -> Task:
            task.data = Path(task.path).read_bytes()
            task.path = None
            return task

        return executors.DaskExecutor(config, address=options.scheduler, local_workers=options.dask_local,
                                      client=options.dask_client, reader=attach)
    if options.workers == 0:
        return executors.InlineExecutor(config)
    return executors.LocalPool(config, options.workers)


class _Recorder:
    """Buffers outcomes and writes them to the ledger in small transactions."""

    def __init__(self, ledger: Ledger, run_id: int, config_hash: str, out_dir: Path, progress: Progress,
                 reporter: Reporter):
        self.ledger, self.run_id, self.config_hash = ledger, run_id, config_hash
        self.out_dir, self.progress, self.reporter = out_dir, progress, reporter
        self.buffer: list[Outcome] = []
        self.copies: list[tuple[int, int, str | None]] = []
        self.hashes: dict[int, str | None] = {}
        self.last_flush = time.monotonic()

    def add(self, outcome: Outcome) -> None:
        if outcome.annotated_bytes is not None:
            self._write_annotated(outcome)
        if outcome.feedback is not None:
            from perfxl.rectification.feedback import record_outcome

            record_outcome(self.ledger, outcome, self.hashes.get(outcome.file_id))
        self.buffer.append(outcome)
        self.progress.add(outcome.status, outcome.file)
        self.reporter.advance(self.progress)
        if len(self.buffer) >= FLUSH_EVERY or time.monotonic() - self.last_flush > FLUSH_SECONDS:
            self.flush()

    def reuse(self, result_id: int, file_id: int, status: Status, file: str, annotated: str | None) -> None:
        self.copies.append((result_id, file_id, annotated))
        self.progress.add(status, file, reused=True)
        self.reporter.advance(self.progress)
        if len(self.copies) >= FLUSH_EVERY:
            self.flush()

    def _write_annotated(self, outcome: Outcome) -> None:
        try:
            with atomic_path(self.out_dir / outcome.annotated) as tmp:
                tmp.write_bytes(outcome.annotated_bytes)
        except OSError:
            outcome.annotated = None
        outcome.annotated_bytes = None

    def flush(self) -> None:
        if self.buffer:
            self.ledger.add_results(self.run_id, self.config_hash, self.buffer, self.hashes)
            for o in self.buffer:
                self.hashes.pop(o.file_id, None)
            self.buffer.clear()
        if self.copies:
            self.ledger.copy_results(self.run_id, self.copies)
            self.copies.clear()
        self.last_flush = time.monotonic()


def run_batch(options: BatchOptions, reporter: Reporter | None = None) -> BatchResult:
    """Run one batch end to end. Raises BatchError before any work when it cannot start.

    On KeyboardInterrupt the results so far stay in the ledger, the run is marked "interrupted",
    no output file is left half-written, and the result says `interrupted=True`.
    """
    run = _Run(options, reporter or NullReporter())
    try:
        return run.execute()
    except BaseException:
        run.mark_failed()
        raise
    finally:
        run.close()


class _Run:
    """One batch run, step by step: goals, workers and ledger run, files, post-passes, outputs."""

    def __init__(self, options: BatchOptions, reporter: Reporter):
        self.options, self.reporter = options, reporter
        self.started = time.monotonic()
        self.input_path = Path(options.input)
        if not self.input_path.exists():
            raise BatchError(f"输入路径不存在：{self.input_path}")
        self.out_dir = Path(options.out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.pack = options.pack or default_pack()
        self.db = options.db or str(self.out_dir / DEFAULT_NAME)
        self.ledger = open_ledger(self.db)
        work_root = Path(options.work_dir) if options.work_dir else None
        self.work_dir = Path(tempfile.mkdtemp(prefix="perfxl-batch-", dir=work_root))
        self.archive_limits = options.archive_limits or ArchiveLimits(max_member=self.pack.limits.max_file_bytes,
                                                                      max_ratio=self.pack.limits.max_ratio)
        self.goals, self.notes = GoalIndex(), []
        self.progress = Progress()
        self.executor = None
        self.executor_name, self.workers = "", None
        self.run_id: int | None = None
        self.tasks: list[_Pending] = []

    def execute(self) -> BatchResult:
        self._load_goals()
        self._start_workers()
        self._open_run()
        try:
            self._process_files()
        except KeyboardInterrupt:
            self._end_processing()
            return self._interrupted()
        self._end_processing()
        try:
            self._post_passes()
            results_path, summary_path = self._write_outputs()
        except KeyboardInterrupt:
            return self._interrupted()
        return self._completed(results_path, summary_path)

    def _load_goals(self) -> None:
        if self.options.goals:
            self.reporter.phase("正在读取目标申报表…")
            self.goals, self.notes = load_goals(Path(self.options.goals), self.work_dir, self.archive_limits)

    def _start_workers(self) -> None:
        """Workers import the engine while files are discovered and hashed."""
        options = self.options
        self.chash = config_hash(self.pack, self.goals, options.annotate)
        self.config = WorkerConfig(pack=self.pack, config_hash=self.chash, goals=self.goals,
                                   timeout=options.timeout or self.pack.limits.seconds_per_file,
                                   annotate=options.annotate, out_dir=str(self.out_dir),
                                   memory_limit=options.memory_limit or self.pack.limits.worker_memory)
        self.executor = _executor(options, self.config)
        if hasattr(self.executor, "start"):
            self.executor.start()
        self.executor_name = self.executor.name
        if self.executor_name == "dask":
            self.config.out_dir = None  # remote workers ship annotated copies back

    def _open_run(self) -> None:
        """The run's row in the ledger (what was run, how, with which rules) and its recorder."""
        options, out_dir = self.options, str(self.out_dir.resolve())
        previous = self.ledger.last_run(out_dir=out_dir) if options.resume else None
        self.run_id = self.ledger.start_run(
            input=str(self.input_path.resolve()), out_dir=out_dir, executor=self.executor_name,
            workers=getattr(self.executor, "workers", None), config_hash=self.chash,
            config_sources=list(self.pack.sources),
            goals=str(Path(options.goals).resolve()) if options.goals else None,
            options={"annotate": options.annotate, "resume": options.resume, "timeout": self.config.timeout,
                     "scheduler": options.scheduler, "dask_local": options.dask_local},
            version=__version__, resumed_from=previous.id if previous else None, pack_hash=pack_hash(self.pack))
        self.recorder = _Recorder(self.ledger, self.run_id, self.chash, self.out_dir, self.progress, self.reporter)

    def _process_files(self) -> None:
        """Every input file registered, then one outcome recorded per file."""
        self.reporter.phase("正在查找文件…")
        entries = list(discover(self.input_path, self.work_dir / "input", exclude=_excluded(self.out_dir, self.db),
                                limits=self.archive_limits))
        self.tasks = _register(self.ledger, self.run_id, entries, self.recorder)
        self.progress.total = len(entries)
        self.progress.started = time.monotonic()
        self.reporter.start(self.progress)
        pending = _immediate_and_reused(self.tasks, self.ledger, self.chash, self.options, self.out_dir,
                                        self.recorder)
        try:
            for outcome in self.executor.run(_task_stream(pending)):
                self.recorder.add(outcome)
        except RuntimeError as exc:
            if type(exc).__name__ != "WorkerStartError" and not str(exc).startswith("使用 Dask"):
                raise
            raise BatchError(str(exc)) from None

    def _end_processing(self) -> None:
        self._stop_executor()
        self.recorder.flush()
        self.reporter.finish(self.progress)

    def _post_passes(self) -> None:
        """What needs every file's result: a row for each, duplicate submissions, ranking."""
        _account_for_all(self.ledger, self.run_id, self.chash)
        self.reporter.phase("正在检查重复提交…")
        paths = {t.file_id: t.entry.path for t in self.tasks if t.entry.path is not None}
        turned = _duplicates(self.ledger, self.run_id, paths)
        if turned:
            self.notes.append(f"重复提交检查（D501/D502）后，{turned} 个文件改为“有错误”，"
                              "因此上表与处理过程中显示的计数不同")
        self.reporter.phase("正在计算排名…")
        _rank(self.ledger, self.run_id, self.pack)

    def _write_outputs(self) -> tuple[Path, Path | None]:
        """results.json and (unless skipped) 汇总.xlsx, from the ledger."""
        self.reporter.phase("正在写出 results.json…")
        results_path = write_results_from(self.ledger, self.run_id, self.out_dir / RESULTS_NAME)
        if not self.options.summary:
            return results_path, None
        self.reporter.phase("正在写出汇总表…")
        summary = write_summary_from(self.ledger, self.run_id, self.out_dir / SUMMARY_NAME, self.pack,
                                     self.options.annotate, self.input_path)
        return results_path, summary

    def _interrupted(self) -> BatchResult:
        self.ledger.finish_run(self.run_id, "interrupted")
        return BatchResult(self.run_id, True, self.progress.total, self.ledger.status_counts(self.run_id),
                           self.progress.reused, time.monotonic() - self.started, self.ledger.url, self.out_dir,
                           notes=self.notes)

    def _completed(self, results_path: Path, summary_path: Path | None) -> BatchResult:
        counts = self.ledger.finish_run(self.run_id, "completed")
        return BatchResult(
            self.run_id, False, self.progress.total, counts, self.progress.reused, time.monotonic() - self.started,
            self.ledger.url, self.out_dir, summary_path, results_path,
            (self.out_dir / ANNOTATED_DIR) if self.options.annotate else None,
            executor=self.executor_name, workers=self.workers or self.options.workers,
            goals_loaded=len({v[0] for v in self.goals.forms.values()}), notes=self.notes,
        )

    def _stop_executor(self) -> None:
        if self.executor is not None:
            self.workers = getattr(self.executor, "workers", None)
            with contextlib.suppress(Exception):  # shutting down
                self.executor.close()
            self.executor = None

    def mark_failed(self) -> None:
        if self.run_id is not None:
            with contextlib.suppress(Exception):  # already failing
                self.ledger.finish_run(self.run_id, "failed")

    def close(self) -> None:
        self._stop_executor()
        cleanup(self.work_dir)
        self.ledger.close()


def _excluded(out_dir: Path, db: str) -> tuple[Path, ...]:
    paths = [out_dir]
    if "://" not in db or db.startswith("sqlite"):
        base = Path(db.split("///", 1)[-1]) if "://" in db else Path(db)
        paths += [base, Path(str(base) + "-wal"), Path(str(base) + "-shm"), Path(str(base) + "-journal")]
    return tuple(paths)


@dataclass(slots=True)
class _Pending:
    file_id: int
    entry: Entry
    sha256: str | None


def _register(ledger: Ledger, run_id: int, entries: list[Entry], recorder: _Recorder) -> list[_Pending]:
    """Hash every file and record it in the ledger (in file order)."""
    out: list[_Pending] = []
    chunk: list[tuple[Entry, str | None, int | None]] = []
    seq = 0

    def flush() -> None:
        nonlocal seq
        ids = ledger.add_files(run_id, [(seq + i, e.file, e.name, h, s) for i, (e, h, s) in enumerate(chunk)])
        for file_id, (entry, sha, _) in zip(ids, chunk, strict=True):
            out.append(_Pending(file_id, entry, sha))
            recorder.hashes[file_id] = sha
        seq += len(chunk)
        chunk.clear()

    for entry in entries:
        sha = size = None
        if entry.path is not None and entry.problem is None:
            try:
                sha, size = file_digest(entry.path)
            except OSError as exc:
                from perfxl.forms.read.problems import finding

                entry.problem = finding("T101", reason=f"无法打开（{exc.strerror or exc}）")
                entry.status = Status.UNREADABLE
        chunk.append((entry, sha, size))
        if len(chunk) >= 1000:
            flush()
    if chunk:
        flush()
    return out


def _immediate_and_reused(tasks: list[_Pending], ledger: Ledger, chash: str, options: BatchOptions, out_dir: Path,
                          recorder: _Recorder) -> Iterator[_Pending]:
    """Rows that need no worker (discovery problems, --resume hits); yields the rest."""
    for item in tasks:
        entry = item.entry
        if entry.problem is not None:
            recorder.add(Outcome(item.file_id, entry.file, entry.status or Status.UNREADABLE, entry.problem.message,
                                 findings=(entry.problem,)))
            continue
        if options.resume and item.sha256:
            hit = ledger.reusable(chash, item.sha256, entry.name, entry.file)
            if hit is not None:
                annotated = _reuse_annotated(out_dir, entry.file, hit[1]) if options.annotate else None
                if not options.annotate or not hit[1] or annotated:
                    recorder.reuse(hit[0], item.file_id, ledger.result_status(hit[0]), entry.file, annotated)
                    continue
        yield item


def _reuse_annotated(out_dir: Path, file: str, previous: str | None) -> str | None:
    """The annotated copy for a reused result: this file's own, else a copy of the identical file's."""
    if not previous:
        return None
    own = annotated_name(file)
    if (out_dir / own).is_file():
        return own
    if (out_dir / previous).is_file():
        with contextlib.suppress(OSError), atomic_path(out_dir / own) as tmp:
            shutil.copyfile(out_dir / previous, tmp)
            return own
    return None


def _task_stream(pending: Iterator[_Pending]) -> Iterator[Task]:
    for item in pending:
        entry = item.entry
        yield Task(item.file_id, entry.file, entry.name, path=str(entry.path))


def _account_for_all(ledger: Ledger, run_id: int, chash: str) -> None:
    """Every file has a row: anything without one (should not happen) gets a FAILED row."""
    missing = ledger.missing_results(run_id)
    if missing:
        ledger.add_results(run_id, chash, [
            Outcome(file_id, path, Status.FAILED, "处理结果丢失（内部错误），请重新运行") for file_id, path in missing
        ], {})


# -- post-passes ---------------------------------------------------------------------------------
def _duplicates(ledger: Ledger, run_id: int, paths: dict[int, Path]) -> int:
    """D-family (perfxl.rules.duplicates): the same form submitted twice, or two forms for the same
    declaration. The ledger finds candidate groups by the keys workers stored; only those few files are
    read again here so that the linter's own function decides and words the findings. Returns how many
    files the duplicate findings turned into "有错误"."""
    candidates = ledger.duplicate_candidates(run_id)
    if not candidates:
        return 0
    from dataclasses import replace

    from perfxl import api  # imported only when needed: the reader is not otherwise loaded in this process
    from perfxl.rules.duplicates import find_duplicates

    forms = []
    for _result_id, file_id, display, _content, _identity in candidates:
        form = None
        path = paths.get(file_id)
        if path is not None:
            with contextlib.suppress(Exception):  # the file was read once already; be safe anyway
                form = api.read(path).form
        forms.append(replace(form, source=display) if form is not None else None)
    additions: dict[int, list] = defaultdict(list)
    for index, found in find_duplicates(forms):
        additions[candidates[index][0]].append(found)
    return ledger.add_findings(dict(additions))


def _rank(ledger: Ledger, run_id: int, pack: RulePack) -> None:
    """Ranking grades (docs/dev/domain.md §6) within each form kind and year, by the engine's total."""
    from perfxl.scoring import rank

    groups: dict[tuple[str, int | None], list[tuple[int, float]]] = defaultdict(list)
    for result_id, kind, year, total in ledger.ranking_inputs(run_id):
        groups[(kind, year)].append((result_id, total))
    updates = []
    for entries in groups.values():
        ranked = rank(entries, pack)
        scored = sum(1 for r in ranked if r.score is not None)
        updates.extend((r.key, r.rank, scored, r.grade) for r in ranked if r.score is not None)
    ledger.set_ranks(updates)
