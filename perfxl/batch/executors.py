"""Executors: run `process_task` over many tasks and yield one Outcome per task, as they finish.

- `InlineExecutor`: in this process (workers = 0; debugging and small tests).
- `LocalPool` (default): N worker processes, one task at a time each, so the runner knows what every
  worker is doing and since when. A worker that overruns the time limit (stuck in C code that
  ignores the in-worker timer) or dies (a crash, the memory limit) is killed and replaced, and its
  file becomes a row; the run goes on. Workers ignore SIGINT: Ctrl-C is the runner's to handle.
- `DaskExecutor`: the same work on a Dask distributed cluster (`--scheduler`), or a local one it
  starts (`--dask-local N`). File contents travel with the task, so workers need no shared disk.

All bound the number of tasks in flight, so memory stays flat however many files there are.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait

from perfxl.batch.outcome import Outcome, Status, failed
from perfxl.batch.work import Task, WorkerConfig, process_task, warm_up
from perfxl.config.limits import raise_hint

GRACE = 10.0  # seconds past the in-worker timeout before the runner kills a worker
STARTUP_TIMEOUT = 120.0


class WorkerStartError(RuntimeError):
    """A worker process could not be started (the message is Chinese)."""


class InlineExecutor:
    name = "inline"
    workers = 0

    def __init__(self, config: WorkerConfig, work=None):
        self.config = config
        self.work = work

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        for task in tasks:
            yield process_task(self.config, task, self.work)

    def close(self) -> None:
        pass


# -- local process pool ---------------------------------------------------------------------------
def _worker_main(conn, config: WorkerConfig, work=None) -> None:  # pragma: no cover - runs in a child process
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if config.memory_limit:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (config.memory_limit, config.memory_limit))
        except (ImportError, ValueError, OSError):
            pass
    with contextlib.suppress(Exception):  # a failure here shows up, with its reason, on the first file
        warm_up(config)
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        outcome = process_task(config, task, work)
        try:
            conn.send(outcome)
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:  # an unpicklable outcome is still a row
            conn.send(failed(task.file_id, task.file, Status.FAILED, f"处理结果无法传回（{type(exc).__name__}）"))


class _Worker:
    __slots__ = ("process", "conn", "task", "started", "ready")

    def __init__(self, ctx, config: WorkerConfig, work=None):
        parent, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(child, config, work), daemon=True,
                                   name="perfxl-worker")
        self.process.start()
        child.close()
        self.conn = parent
        self.task: Task | None = None
        self.started = 0.0
        self.ready = False

    def wait_ready(self) -> None:
        """Block until the worker has started (imports done); raise WorkerStartError if it cannot."""
        if self.ready:
            return
        message = None
        try:
            if self.conn.poll(STARTUP_TIMEOUT):
                message = self.conn.recv()
        except (EOFError, OSError):
            message = None
        if message != "ready":
            self.kill()
            raise WorkerStartError(
                "无法启动工作进程（如在自己的脚本中调用，请把调用放在 if __name__ == \"__main__\": 之下；"
                "也可以用 --workers 0 在当前进程中运行）")
        self.ready = True

    def give(self, task: Task) -> None:
        self.wait_ready()
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def kill(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            self.process.kill()
        self.process.join(5)
        self.conn.close()


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["perfxl.batch.work", "perfxl.api", "perfxl.rules", "perfxl.scoring",
                                    "perfxl.forms.read.reader"])
        return ctx
    return multiprocessing.get_context("spawn")


class LocalPool:
    """N worker processes; see the module docstring."""

    name = "local"

    def __init__(self, config: WorkerConfig, workers: int | None = None, *, work=None, grace: float = GRACE):
        self.config = config
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.work = work  # a module-level function (it is sent to the workers by reference)
        self.grace = grace
        self._pool: list[_Worker] = []
        self._ctx = _context()
        self._starter: threading.Thread | None = None

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self.config, self.work)
        self._pool.append(worker)
        return worker

    def start(self) -> None:
        """Start the workers in the background: they import the engine while the runner discovers and
        hashes files. `run` waits for this to finish."""
        def spawn_all() -> None:
            with contextlib.suppress(Exception):  # run() spawns (and reports) whatever is missing
                while len(self._pool) < self.workers:
                    self._spawn()

        self._starter = threading.Thread(target=spawn_all, name="perfxl-pool-start", daemon=True)
        self._starter.start()

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        if self._starter is not None:
            self._starter.join()
            self._starter = None
        pending: Iterator[Task] = iter(tasks)
        idle: deque[_Worker] = deque(w for w in self._pool if w.task is None)
        exhausted = False
        hard_limit = self.config.timeout + self.grace if self.config.timeout else None
        try:
            while True:
                # hand out work
                while not exhausted and (idle or len(self._pool) < self.workers):
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    worker = idle.popleft() if idle else self._spawn()
                    worker.give(task)
                busy = [w for w in self._pool if w.task is not None]
                if not busy:
                    if exhausted:
                        return
                    continue
                timeout = None
                if hard_limit:
                    oldest = min(w.started for w in busy)
                    timeout = max(0.05, oldest + hard_limit - time.monotonic())
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
                for worker in busy:
                    if worker.conn in ready:
                        try:
                            outcome = worker.conn.recv()
                        except (EOFError, OSError):
                            outcome = None
                        task = worker.task
                        if outcome is None:
                            yield self._replace(worker, task, Status.FAILED, self._death_reason(worker))
                            continue
                        worker.task = None
                        # hand out the next file before the caller records this one: the worker never waits
                        nxt = None if exhausted else next(pending, None)
                        if nxt is None:
                            exhausted = True
                            idle.append(worker)
                        else:
                            worker.give(nxt)
                        yield outcome
                    elif worker.process.sentinel in ready:
                        yield self._replace(worker, worker.task, Status.FAILED, self._death_reason(worker))
                    elif hard_limit and time.monotonic() - worker.started > hard_limit:
                        reason = (f"处理超过 {self.config.timeout:g} 秒仍未完成，已终止（文件可能异常庞大或结构异常；"
                                  f"{raise_hint('seconds_per_file')}）")
                        yield self._replace(worker, worker.task, Status.TIMEOUT, reason)
        finally:
            self.close()

    def _death_reason(self, worker: _Worker) -> str:
        worker.process.join(1)
        code = worker.process.exitcode
        detail = f"退出码 {code}" if code is not None and code >= 0 else f"信号 {-(code or 0)}"
        return (f"处理时工作进程意外退出（{detail}），可能是文件异常导致内存不足或解析器崩溃"
                f"（内存上限见规则配置 [limits] worker_memory_mb）")

    def _replace(self, worker: _Worker, task: Task, status: Status, reason: str) -> Outcome:
        elapsed = time.monotonic() - worker.started
        worker.kill()
        self._pool.remove(worker)
        return failed(task.file_id, task.file, status, reason, elapsed)

    def close(self) -> None:
        if self._starter is not None:
            self._starter.join()
            self._starter = None
        for worker in self._pool:
            if worker.task is None:
                with contextlib.suppress(BrokenPipeError, OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + 3
        for worker in self._pool:
            if worker.task is None:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.kill()
            else:
                worker.conn.close()
        self._pool.clear()


# -- Dask ---------------------------------------------------------------------------------------
def _dask_process(config: WorkerConfig, task: Task, work=None) -> Outcome:
    return process_task(config, task, work)


class DaskExecutor:
    """Dask distributed: `address` of a running scheduler, or `local_workers` for a LocalCluster."""

    name = "dask"

    def __init__(self, config: WorkerConfig, *, address: str | None = None, local_workers: int | None = None,
                 client=None, reader: Callable[[Task], Task] | None = None, in_flight: int | None = None,
                 work=None):
        self.config = config
        self.work = work
        self.address = address
        self.local_workers = local_workers
        self._client = client
        self._own_client = client is None
        self._cluster = None
        self.reader = reader  # attaches file contents to a task before it is sent
        self.in_flight = in_flight
        self.workers = local_workers

    def _connect(self):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError("使用 Dask 需要安装扩展：pip install 'perfxl[dask]'") from exc
        if self._client is not None:
            return self._client
        if self.address:
            self._client = Client(self.address, timeout="30s")
        else:
            self._cluster = LocalCluster(n_workers=self.local_workers or 1, threads_per_worker=1, processes=True,
                                         host="127.0.0.1", dashboard_address=None)
            self._client = Client(self._cluster)
        return self._client

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        from distributed import as_completed

        client = self._connect()
        threads = sum(client.nthreads().values()) or 1
        self.workers = threads
        limit = self.in_flight or max(4, 4 * threads)
        config = client.scatter(self.config, broadcast=True, hash=False)
        pending = iter(tasks)
        by_future = {}

        def submit(task: Task):
            if self.reader is not None:
                task = self.reader(task)
            future = client.submit(_dask_process, config, task, self.work, pure=False)
            by_future[future] = task
            return future

        first = [submit(t) for _, t in zip(range(limit), pending, strict=False)]
        queue = as_completed(first)
        try:
            for future in queue:
                task = by_future.pop(future)
                try:
                    outcome = future.result()
                except Exception as exc:  # KilledWorker, a lost connection …: still this file's row
                    outcome = failed(task.file_id, task.file, Status.FAILED,
                                     f"集群处理该文件失败（{type(exc).__name__}: {exc}）")
                future.release()
                nxt = next(pending, None)
                if nxt is not None:
                    queue.add(submit(nxt))
                yield outcome
        finally:
            for future in list(by_future):
                future.cancel()
            by_future.clear()

    def close(self) -> None:
        if self._own_client and self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
