"""The work done for one input file, identical on every executor: read, check, score, annotate.

`process_task(config, task)` never raises for anything the file does: a file that cannot be read is
an `Outcome` with a reason, an exception is an `Outcome` with status FAILED, and the time spent is
bounded (`config.timeout`): a SIGALRM timer when running on a process's main thread (local pool
workers), otherwise a watchdog thread (Dask worker threads; the stuck thread is abandoned). The
local pool additionally kills a worker that does not return in time (C code ignores signals).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from perfxl.batch.outcome import Outcome, Status, failed
from perfxl.config import RulePack
from perfxl.config.limits import raise_hint
from perfxl.domain import Finding, Form
from perfxl.reports import check_file

ANNOTATED_DIR = "批注"


@dataclass(slots=True)
class Task:
    """One file to process. `data` is set when the worker cannot see `path` (a remote cluster)."""

    file_id: int
    file: str  # display path
    name: str  # base name (the reader may look at it: "~$" lock files, extensions)
    path: str | None = None
    data: bytes | None = field(default=None, repr=False)


@dataclass(slots=True)
class GoalIndex:
    """Declared goal forms keyed by `goal_keys`; values are (display path, form)."""

    forms: dict[str, tuple[str, Form]] = field(default_factory=dict)
    fingerprint: str = ""

    def goal_form(self, form: Form) -> Form | None:
        """The declared goal form for `form`, if one was given (api.check_file's goal matcher)."""
        hit = self.match(form)
        return hit[1] if hit else None

    def match(self, form: Form) -> tuple[str, Form] | None:
        if form.kind.is_goal:
            return None
        for key in goal_keys(form):
            hit = self.forms.get(key)
            if hit is not None:
                return hit
        return None


@dataclass(slots=True)
class WorkerConfig:
    """Everything a worker needs, shipped once per worker (pool initialiser, Dask scatter)."""

    pack: RulePack
    config_hash: str
    goals: GoalIndex = field(default_factory=GoalIndex)
    timeout: float = 60.0
    annotate: bool = False
    out_dir: str | None = None  # where annotated copies go; None → ship them back as bytes
    memory_limit: int | None = None  # bytes of address space per local worker process


class FileTimeout(Exception):
    pass


def _norm(text: str | None) -> str:
    return "".join((text or "").split())


def goal_keys(form: Form) -> list[str]:
    """Match keys for a form and the goal form declared for it: unit + project + year (names, then codes)."""
    family = "dept" if form.kind.is_dept else "project"
    project = (lambda p: "") if family == "dept" else (lambda p: p)
    keys = [f"name|{family}|{form.year}|{_norm(form.unit.name)}|{project(_norm(form.project.name))}"]
    if form.unit.code and (family == "dept" or form.project.code):
        keys.append(f"code|{family}|{form.year}|{_norm(form.unit.code)}|{project(_norm(form.project.code))}")
    return keys


def duplicate_keys(form: Form) -> tuple[str, str | None]:
    """Stable text keys for the ledger from the linter's duplicate keys (perfxl.rules.duplicates), so the
    runner can find candidate groups with SQL: (sha256 of the content key, the identity key or None)."""
    from perfxl.rules.duplicates import content_key, identity_key

    content = hashlib.sha256(repr(content_key(form)).encode("utf-8")).hexdigest()
    identity = identity_key(form)
    return content, (repr(identity) if identity is not None else None)


def warm_up(config: WorkerConfig) -> None:
    """Import the reader and build the rule pack's caches before the first file (worker start-up)."""
    import perfxl.forms.read.reader  # noqa: F401
    from perfxl.rules import settings

    settings(config.pack)


def process_task(config: WorkerConfig, task: Task, work=None) -> Outcome:
    """One file → one Outcome. Never raises for the file's sake. `work(config, task)` replaces the
    reading and checking step (tests inject slow or crashing steps)."""
    start = time.perf_counter()
    step = work or _process
    try:
        outcome = run_limited(lambda: step(config, task), config.timeout)
    except FileTimeout:
        outcome = failed(task.file_id, task.file, Status.TIMEOUT,
                         f"处理超过 {config.timeout:g} 秒仍未完成，已跳过（文件可能异常庞大或结构异常；"
                         f"{raise_hint('seconds_per_file')}）")
    except MemoryError:
        outcome = failed(task.file_id, task.file, Status.FAILED,
                         f"处理时内存不足，已跳过（文件可能异常庞大；{raise_hint('worker_memory_mb')}）")
    except Exception as exc:  # a bug, not the user's fault: still one row, with the reason
        outcome = failed(task.file_id, task.file, Status.FAILED,
                         f"处理时发生内部错误（{type(exc).__name__}: {exc}），请将此文件反馈给技术支持")
    outcome.elapsed = time.perf_counter() - start
    return outcome


def run_limited(fn, timeout: float | None):
    """fn() bounded to `timeout` seconds; raises FileTimeout. See the module docstring."""
    if not timeout or timeout <= 0:
        return fn()
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def _alarm(signum, frame):
            raise FileTimeout

        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return fn()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    box: dict = {}

    def _target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=_target, name="perfxl-file", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise FileTimeout
    if "error" in box:
        raise box["error"]
    return box["value"]


def _process(config: WorkerConfig, task: Task) -> Outcome:
    tmpdir = None
    path = task.path
    if task.data is not None:
        tmpdir = tempfile.mkdtemp(prefix="perfxl-task-")
        path = os.path.join(tmpdir, task.name)
        with open(path, "wb") as fh:
            fh.write(task.data)
    try:
        return _check_path(config, task, Path(path))
    finally:
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)


def _check_path(config: WorkerConfig, task: Task, path: Path) -> Outcome:
    from perfxl.rectification.feedback import is_feedback_workbook, read_feedback

    checked = check_file(path, pack=config.pack, goal_form=config.goals.goal_form)  # what api.check_file does
    # a returned 整改情况反馈表 holds no form: looked for only then, read here, recorded by the runner
    if checked.report is None and is_feedback_workbook(path):
        data = read_feedback(path)
        return Outcome(task.file_id, task.file, Status.FEEDBACK, findings=tuple(data.findings), feedback=data)
    findings = checked.findings
    outcome = Outcome(task.file_id, task.file, findings=findings, **checked.facts())
    if checked.report is None:
        return outcome
    form = checked.report.form
    goal = config.goals.match(form)
    outcome.content_key, outcome.identity_key = duplicate_keys(form)
    outcome.goal_file = goal[0] if goal else None
    outcome.score_json = json.dumps(checked.tail(), ensure_ascii=False, default=str)
    if config.annotate:
        _annotate(config, task, path, findings, outcome)
    return outcome


def annotated_name(file: str) -> str:
    """Where the annotated copy of a file goes, relative to the output folder (always .xlsx)."""
    rel = Path(*[part for part in Path(file.replace("\\", "/")).parts if part not in ("..", "/", "")])
    if rel.suffix.lower() != ".xlsx":
        rel = rel.with_name(rel.name + ".xlsx") if rel.suffix.lower() not in (".xlsm",) else rel.with_suffix(".xlsx")
    return (Path(ANNOTATED_DIR) / rel).as_posix()


def _annotate(config: WorkerConfig, task: Task, source: Path, findings: tuple[Finding, ...], outcome: Outcome) -> None:
    """Write the annotated copy (perfxl.outputs.annotated_copy) into the output folder, or ship its bytes back
    (remote workers). A copy that cannot be made leaves `outcome.annotated` empty; the row stands."""
    if source.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    from perfxl.outputs.annotated_copy import annotate

    rel = annotated_name(task.file)
    try:
        if config.out_dir is not None:
            annotate(source, findings, Path(config.out_dir) / rel)
        else:
            with tempfile.TemporaryDirectory(prefix="perfxl-annot-") as tmp:
                target = Path(tmp) / "annotated.xlsx"
                annotate(source, findings, target)
                outcome.annotated_bytes = target.read_bytes()
    except FileTimeout:
        raise
    except Exception:  # noqa: BLE001 - the check itself succeeded; only the copy is missing
        return
    outcome.annotated = rel
