"""Test support: `perfxl serve` started on loopback in a child process, with its own data folder."""

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-token-0123456789abcdef"

if importlib.util.find_spec("xlwings_server") is None or importlib.util.find_spec("httpx") is None:
    pytest.skip("需要 xlwings Server 和 httpx：pip install 'perfxl[server]' httpx", allow_module_level=True)

import httpx  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from perfxl.cli import main; main()", "serve", *args]


def server_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XLWINGS_", "PERFXL_"))}
    env.update(XLWINGS_LICENSE_KEY="noncommercial", PYTHONPATH=str(ROOT), **extra)
    return env


@contextlib.contextmanager
def running_server(data: Path, **extra: str):
    """Yield the base URL of a `perfxl serve` child process; it is stopped afterwards."""
    port = free_port()
    log = data.parent / f"serve-{port}.log"
    data.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(serve_command("--host", "127.0.0.1", "--port", str(port), "--data", str(data),
                                              "--token", TOKEN),
                                cwd=data, env=server_env(**extra), stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"perfxl serve exited: {log.read_text(errors='replace')}")
            try:
                if httpx.get(base + "/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"perfxl serve did not start: {log.read_text(errors='replace')}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def collected_workbooks(folder: Path, n: int = 3) -> list[Path]:
    """`n` filled self-evaluation workbooks with planted faults, as units send them in."""
    from perfxl.domain import FormKind
    from perfxl.forms.write.writer import write_form
    from perfxl.samples import generate_forms

    folder.mkdir(parents=True, exist_ok=True)
    forms = generate_forms(n, seed=21, kinds=[FormKind.PROJECT_SELFEVAL], fault_share=0.6)
    return [write_form(form, folder / f"单位{i + 1}.xlsx") for i, form in enumerate(forms)]
