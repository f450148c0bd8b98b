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
from perfxl.batch.work import ANNOTATED_DIR, GoalIndex, Task, WorkerConfig, annotated_name, goal_keys
from perfxl.config import RulePack, default_pack
from perfxl.domain import FormKind
from perfxl.reports import kind_label as _kind_label

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
        goals = [f for f in forms if f.kind in (FormKind.PROJECT_GOAL, FormKind.DEPT_GOAL)]
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
    reporter = reporter or NullReporter()
    started = time.monotonic()
    input_path = Path(options.input)
    if not input_path.exists():
        raise BatchError(f"输入路径不存在：{input_path}")
    out_dir = Path(options.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pack = options.pack or default_pack()
    db = options.db or str(out_dir / DEFAULT_NAME)
    ledger = open_ledger(db)
    work_root = Path(options.work_dir) if options.work_dir else None
    work_dir = Path(tempfile.mkdtemp(prefix="perfxl-batch-", dir=work_root))
    executor = None
    run_id = None
    archive_limits = options.archive_limits or ArchiveLimits(max_member=pack.limits.max_file_bytes,
                                                             max_ratio=pack.limits.max_ratio)
    try:
        goals, notes = GoalIndex(), []
        if options.goals:
            reporter.phase("正在读取目标申报表…")
            goals, notes = load_goals(Path(options.goals), work_dir, archive_limits)
        chash = config_hash(pack, goals, options.annotate)
        previous = ledger.last_run(out_dir=str(out_dir.resolve())) if options.resume else None
        config = WorkerConfig(pack=pack, config_hash=chash, goals=goals,
                              timeout=options.timeout or pack.limits.seconds_per_file,
                              annotate=options.annotate, out_dir=str(out_dir),
                              memory_limit=options.memory_limit or pack.limits.worker_memory)
        executor = _executor(options, config)
        if hasattr(executor, "start"):
            executor.start()  # workers import the engine while files are discovered and hashed
        if executor.name == "dask":
            config.out_dir = None  # remote workers ship annotated copies back
        run_id = ledger.start_run(
            input=str(input_path.resolve()), out_dir=str(out_dir.resolve()), executor=executor.name,
            workers=getattr(executor, "workers", None), config_hash=chash, config_sources=list(pack.sources),
            goals=str(Path(options.goals).resolve()) if options.goals else None,
            options={"annotate": options.annotate, "resume": options.resume, "timeout": config.timeout,
                     "scheduler": options.scheduler, "dask_local": options.dask_local},
            version=__version__, resumed_from=previous.id if previous else None, pack_hash=pack_hash(pack))
        progress = Progress()
        recorder = _Recorder(ledger, run_id, chash, out_dir, progress, reporter)
        try:
            reporter.phase("正在查找文件…")
            exclude = _excluded(out_dir, db)
            entries = list(discover(input_path, work_dir / "input", exclude=exclude, limits=archive_limits))
            tasks = _register(ledger, run_id, entries, recorder)
            progress.total = len(entries)
            progress.started = time.monotonic()
            reporter.start(progress)
            pending = _immediate_and_reused(tasks, ledger, chash, options, out_dir, recorder)
            try:
                for outcome in executor.run(_task_stream(pending, recorder)):
                    recorder.add(outcome)
            except RuntimeError as exc:
                if type(exc).__name__ != "WorkerStartError" and not str(exc).startswith("使用 Dask"):
                    raise
                raise BatchError(str(exc)) from None
            recorder.flush()
        except KeyboardInterrupt:
            _stop(executor)
            executor = None
            recorder.flush()
            ledger.finish_run(run_id, "interrupted")
            reporter.finish(progress)
            return BatchResult(run_id, True, progress.total, ledger.status_counts(run_id), progress.reused,
                               time.monotonic() - started, ledger.url, out_dir, notes=notes)
        _stop(executor)
        executor = None
        reporter.finish(progress)
        try:
            _account_for_all(ledger, run_id, chash)
            reporter.phase("正在检查重复提交…")
            turned = _duplicates(ledger, run_id, {t.file_id: t.entry.path for t in tasks if t.entry.path is not None})
            if turned:
                notes.append(f"重复提交检查（D501/D502）后，{turned} 个文件改为“有错误”，"
                             "因此上表与处理过程中显示的计数不同")
            reporter.phase("正在计算排名…")
            _rank(ledger, run_id, pack)
            results_path = summary_path = None
            reporter.phase("正在写出 results.json…")
            results_path = write_results_from(ledger, run_id, out_dir / RESULTS_NAME)
            if options.summary:
                reporter.phase("正在写出汇总表…")
                summary_path = write_summary_from(ledger, run_id, out_dir / SUMMARY_NAME, pack, options, input_path)
        except KeyboardInterrupt:
            ledger.finish_run(run_id, "interrupted")
            return BatchResult(run_id, True, progress.total, ledger.status_counts(run_id), progress.reused,
                               time.monotonic() - started, ledger.url, out_dir, notes=notes)
        counts = ledger.finish_run(run_id, "completed")
        return BatchResult(
            run_id, False, progress.total, counts, progress.reused, time.monotonic() - started, ledger.url, out_dir,
            summary_path, results_path,
            (out_dir / ANNOTATED_DIR) if options.annotate else None,
            executor=config_executor_name(options), workers=getattr(executor, "workers", None) or options.workers,
            goals_loaded=len({v[0] for v in goals.forms.values()}), notes=notes,
        )
    except BaseException:
        if run_id is not None:
            with contextlib.suppress(Exception):  # already failing
                ledger.finish_run(run_id, "failed")
        raise
    finally:
        if executor is not None:
            _stop(executor)
        cleanup(work_dir)
        ledger.close()


def config_executor_name(options: BatchOptions) -> str:
    if options.dask_client is not None or options.scheduler or options.dask_local:
        return "dask"
    return "inline" if options.workers == 0 else "local"


def _stop(executor) -> None:
    with contextlib.suppress(Exception):  # shutting down
        executor.close()


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


def _task_stream(pending: Iterator[_Pending], recorder: _Recorder) -> Iterator[Task]:
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


# -- outputs -------------------------------------------------------------------------------------
def _in_batches(ledger: Ledger, run_id: int, size: int = 500) -> Iterator[tuple[Any, list[Any]]]:
    batch: list[Any] = []
    for row in ledger.iter_results(run_id):
        batch.append(row)
        if len(batch) >= size:
            yield from _with_findings(ledger, batch)
            batch = []
    if batch:
        yield from _with_findings(ledger, batch)


def _with_findings(ledger: Ledger, rows: list[Any]) -> Iterator[tuple[Any, list[Any]]]:
    found = ledger.findings_of([r.id for r in rows])
    for row in rows:
        yield row, found.get(row.id, [])


def write_results_from(ledger: Ledger, run_id: int, target: Path) -> Path:
    from perfxl.batch.results import result_object, write_results

    return write_results(target, (result_object(row, found) for row, found in _in_batches(ledger, run_id)))


RATE_BUCKETS = ((0.0, 0.6, "60% 以下"), (0.6, 0.8, "60%–80%"), (0.8, 0.9, "80%–90%"), (0.9, 0.95, "90%–95%"),
                (0.95, 1.0, "95%–100%"), (1.0, float("inf"), "100% 及以上"))


def rate_buckets(rates) -> list[tuple[str, int]]:
    counts = {label: 0 for _, _, label in RATE_BUCKETS}
    missing = 0
    for rate in rates:
        if rate is None:
            missing += 1
            continue
        for low, high, label in RATE_BUCKETS:
            if low <= rate < high or (low == 0.0 and rate < 0):
                counts[label] += 1
                break
    out = list(counts.items())
    if missing:
        out.append(("无法计算", missing))
    return out


def write_summary_from(ledger: Ledger, run_id: int, target: Path, pack: RulePack, options: BatchOptions,
                       input_path: Path) -> Path:
    from perfxl.batch.summary import (
        TOP_FINDINGS,
        FindingLine,
        RankLine,
        Stats,
        SummaryInput,
        SummaryRow,
        write_summary,
    )
    from perfxl.domain import Severity

    counts = ledger.status_counts(run_id)
    total_rows = sum(counts.values())
    grades = defaultdict(int)
    ranking_grades = defaultdict(int)
    for grade, ranking_grade, n in ledger.grade_counts(run_id):
        if grade:
            grades[grade] += n
        if ranking_grade:
            ranking_grades[ranking_grade] += n
    stats = Stats(
        statuses=[(s.label, counts.get(s.value, 0)) for s in Status],
        grades=[(name, grades.get(name, 0)) for name, _ in pack.grade_bands],
        ranking_grades=[(name, ranking_grades.get(name, 0)) for name in pack.ranking_grades],
        top_findings=[(_rule_label(code), Severity(sev).label if sev in Severity._value2member_map_ else sev, message,
                       n, files) for code, sev, _name, n, files, message in ledger.top_findings(run_id, TOP_FINDINGS)],
        execution_rates=rate_buckets(ledger.execution_rates(run_id)),
    )
    finding_count = ledger.finding_count(run_id)
    ranked_count = sum(ranking_grades.values())

    rows = (SummaryRow(
        seq=r.seq + 1, file=r.path, unit=r.unit, project=r.project, kind_label=_kind_label(r.kind), year=r.year,
        status_label=Status(r.status).label, status=r.status, reason=r.reason, total=r.total,
        self_total=r.self_total, difference=r.difference, grade=r.grade, rank=r.rank, rank_of=r.rank_of,
        ranking_grade=r.ranking_grade, errors=r.errors, warnings=r.warnings, annotated=r.annotated,
    ) for r in ledger.iter_results(run_id))
    findings = (FindingLine(
        file=f.path, unit=f.unit, location=f.location, code=f.code,
        severity_label=Severity(f.severity).label, severity=f.severity, message=f.message, hint=f.hint,
        annotated=f.annotated,
    ) for f in ledger.iter_findings(run_id))
    ranked = (RankLine(
        kind_label=_kind_label(r.kind) or "", year=r.year, rank=r.rank, rank_of=r.rank_of,
        ranking_grade=r.ranking_grade, unit=r.unit, project=r.project, total=r.total, grade=r.grade, file=r.path,
    ) for r in ledger.iter_ranked(run_id))
    subtitle = f"输入：{input_path}    文件数：{total_rows}    规则：{pack.source_label()}"
    return write_summary(target, SummaryInput(
        rows=rows, row_count=total_rows, findings=findings, finding_count=finding_count, ranked=ranked,
        ranked_count=ranked_count, stats=stats, subtitle=subtitle, annotate=options.annotate,
        ranking_note=ranking_note(pack),
    ))


def ranking_note(pack: RulePack) -> str:
    """How the 排名 sheet's grades are given, in the words of the rule pack in use."""
    shares = "、".join(f"{g}约 {s:.0%}" for g, s in zip(pack.ranking_grades, pack.ranking_shares, strict=True))
    floors = "；".join(f"评分等级为“{g}”的不低于“{f}”" for g, f in pack.ranking_floors.items())
    return (f"排名等级按规则总分在同一表单类型、同一年度内的名次，依比例强制分布：{shares}（并列名次取较好的等级）。"
            "因此即使总分都很高，也会有表单排在后面的等级；" + (f"本规则配置另设下限：{floors}。" if floors else
            "如需避免，可在规则配置 [ranking] floors 中设定下限（默认不设，与原做法一致）。")
            + "总分不完整（有无法计分或无法核实的项目）的表单不参加排名。")


def _rule_label(code: str) -> str:
    """"S201 自评得分与评分规则不符": the code an accountant can look up, and what it means."""
    from perfxl.rules.registry import rule

    known = rule(code)
    return f"{code} {known.title}" if known else code
