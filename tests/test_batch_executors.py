"""Executors: one Outcome per task whatever happens (timeouts, crashes, exceptions); Dask = local."""

import json
import os
import signal
import time
from pathlib import Path

import pytest

from perfxl.batch import BatchOptions, Status, run_batch
from perfxl.batch.demo import build_corpus
from perfxl.batch.executors import InlineExecutor, LocalPool
from perfxl.batch.outcome import Outcome
from perfxl.batch.work import Task, WorkerConfig, process_task, run_limited
from perfxl.config import default_pack


def config(timeout=5.0) -> WorkerConfig:
    return WorkerConfig(pack=default_pack(), config_hash="test", timeout=timeout)


# Work steps injected into the workers (module level: they travel to the worker processes by reference).
def step(cfg, task: Task) -> Outcome:
    kind = task.name.split(".")[0]
    if kind == "sleep":  # interruptible: the in-worker timer stops it
        time.sleep(60)
    elif kind == "stuck":  # ignores the timer: the pool must kill the worker
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    elif kind == "crash":
        os._exit(3)
    elif kind == "raise":
        raise ValueError("坏数据")
    elif kind == "memory":
        raise MemoryError
    return Outcome(task.file_id, task.file, Status.SCORED, reason=f"pid {os.getpid()}")


def tasks(*names: str) -> list[Task]:
    return [Task(i, f"dir/{name}", name, path=f"/nonexistent/{name}") for i, name in enumerate(names)]


def test_run_limited_in_main_thread_and_in_threads():
    from concurrent.futures import ThreadPoolExecutor

    from perfxl.batch.work import FileTimeout

    assert run_limited(lambda: 42, 1) == 42
    with pytest.raises(FileTimeout):
        run_limited(lambda: time.sleep(5), 0.2)
    with ThreadPoolExecutor(1) as pool:  # off the main thread: a watchdog thread, no signals
        assert pool.submit(run_limited, lambda: 7, 1).result() == 7
        with pytest.raises(FileTimeout):
            pool.submit(run_limited, lambda: time.sleep(3), 0.2).result()
        with pytest.raises(ZeroDivisionError):
            pool.submit(run_limited, lambda: 1 / 0, 1).result()


def test_inline_executor_turns_problems_into_rows():
    out = list(InlineExecutor(config(timeout=0.5), work=step).run(tasks("ok.xlsx", "sleep.xlsx", "raise.xlsx",
                                                                        "memory.xlsx")))
    assert [o.status for o in out] == [Status.SCORED, Status.TIMEOUT, Status.FAILED, Status.FAILED]
    assert "坏数据" in out[2].reason and "ValueError" in out[2].reason
    assert "内存" in out[3].reason


def test_real_processing_of_a_missing_file_is_a_row():
    outcome = process_task(config(), Task(1, "x.xlsx", "x.xlsx", path="/nonexistent/x.xlsx"))
    assert outcome.status is Status.UNREADABLE and outcome.reason


def test_local_pool_survives_timeouts_crashes_and_exceptions():
    pool = LocalPool(config(timeout=1.0), workers=2, work=step, grace=1.0)
    names = ("ok1.xlsx", "crash.xlsx", "sleep.xlsx", "stuck.xlsx", "raise.xlsx", "ok2.xlsx", "ok3.xlsx")
    start = time.monotonic()
    out = {o.file_id: o for o in pool.run(tasks(*names))}
    assert time.monotonic() - start < 30
    assert len(out) == len(names)
    status = {names[i]: o.status for i, o in out.items()}
    assert status == {"ok1.xlsx": Status.SCORED, "crash.xlsx": Status.FAILED, "sleep.xlsx": Status.TIMEOUT,
                      "stuck.xlsx": Status.TIMEOUT, "raise.xlsx": Status.FAILED, "ok2.xlsx": Status.SCORED,
                      "ok3.xlsx": Status.SCORED}
    assert "退出" in out[1].reason and "终止" in out[3].reason
    assert not pool._pool  # closed: no worker left behind


def test_local_pool_uses_several_processes():
    out = list(LocalPool(config(), workers=2, work=step).run(tasks(*(f"ok{i}.xlsx" for i in range(20)))))
    assert len(out) == 20 and len({o.reason for o in out}) == 2  # two worker pids


def test_local_pool_closed_when_the_consumer_stops():
    pool = LocalPool(config(), workers=2, work=step)
    stream = pool.run(tasks(*(f"ok{i}.xlsx" for i in range(10))))
    next(stream)
    processes = [w.process for w in pool._pool]
    stream.close()  # what a KeyboardInterrupt in the runner does
    assert not pool._pool and all(not p.is_alive() for p in processes)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("dask") / "收集", count=6, seed=3, workers=1)


def test_dask_gives_identical_results(small_corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    local = run_batch(BatchOptions(small_corpus.folder, tmp_path / "local", workers=2, annotate=True))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        remote = run_batch(BatchOptions(small_corpus.folder, tmp_path / "dask", annotate=True, dask_client=client))
    assert not remote.interrupted and remote.counts == local.counts
    a = (tmp_path / "local" / "results.json").read_bytes()
    b = (tmp_path / "dask" / "results.json").read_bytes()
    assert a == b
    annotated = [r["annotated"] for r in json.loads(a) if r["annotated"]]
    assert annotated and all((tmp_path / "dask" / rel).is_file() for rel in annotated)


def test_dask_scheduler_address(small_corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        result = run_batch(BatchOptions(small_corpus.folder, tmp_path / "out", scheduler=cluster.scheduler_address))
    assert result.total == small_corpus.files and sum(result.counts.values()) == result.total


def test_dask_timeout_and_failure_rows(tmp_path):
    distributed = pytest.importorskip("distributed")
    from perfxl.batch.executors import DaskExecutor

    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        executor = DaskExecutor(config(timeout=0.5), client=client)
        executor.work = step
        out = {o.file_id: o.status for o in executor.run(tasks("ok.xlsx", "sleep.xlsx", "raise.xlsx"))}
    assert out == {0: Status.SCORED, 1: Status.TIMEOUT, 2: Status.FAILED}


def test_worker_start_failure_is_reported(tmp_path, monkeypatch):
    from perfxl.batch import executors

    monkeypatch.setattr(executors, "STARTUP_TIMEOUT", 0.01)
    monkeypatch.setattr(executors, "_worker_main", _never_ready)
    with pytest.raises(executors.WorkerStartError):
        list(LocalPool(config(), workers=1).run(tasks("ok.xlsx")))


def _never_ready(conn, cfg, work=None):  # pragma: no cover - runs in a child
    time.sleep(5)


def test_paths_stay_read_only(small_corpus, tmp_path):
    before = {p: (p.stat().st_mtime_ns, p.stat().st_mode) for p in Path(small_corpus.folder).rglob("*") if p.is_file()}
    run_batch(BatchOptions(small_corpus.folder, tmp_path / "o", workers=1))
    after = {p: (p.stat().st_mtime_ns, p.stat().st_mode) for p in Path(small_corpus.folder).rglob("*") if p.is_file()}
    assert before == after
