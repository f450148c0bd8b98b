"""Worksheet-function speed: a 1,000-row column scored by =PERFXL.SCORE as one array call through
`perfxl serve`'s custom-functions endpoint, vs 1,000 single-cell calls, vs the direct Python call, in
one run. Prints the per-cell overhead of the array call (goal: < 1 ms) and the ratios.

Starts `perfxl serve` on loopback (needs perfxl[server]; XLWINGS_LICENSE_KEY defaults to noncommercial).
Wall-clock times, best of several repeats. Usage: python bench/excel.py [ROWS]   (default 1,000)
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-token-0123456789abcdef"


def _rows(n: int) -> tuple[list[list], list[list]]:
    targets = [[f"≥{80 + i % 20}%"] for i in range(n)]
    actuals = [[f"{70 + (i * 7) % 31}%"] for i in range(n)]
    return targets, actuals


def _body(targets, actuals) -> dict:
    return {"func_name": "PERFXL_SCORE", "args": [targets, actuals, [[10]], [[None]]],
            "caller_address": "[自评表.xlsx]自评表!M10", "content_language": "zh-CN", "version": "0.37.8",
            "runtime": "1.4"}


def _best(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _start(data: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PERFXL_SERVER_TOKEN": TOKEN}
    env.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    proc = subprocess.Popen([sys.executable, "-c", "from perfxl.cli import main; main()", "serve", "--port", str(port),
                             "--data", str(data)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("perfxl serve did not start")


def main(n: int = 1000) -> None:
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    os.environ["XLWINGS_ON_SERVER"] = "true"  # the same decorators as on the server
    from perfxl.excel.udfs import PERFXL_SCORE

    targets, actuals = _rows(n)
    direct = _best(lambda: PERFXL_SCORE(targets, actuals, [[10]], [[None]]), 20)
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = _start(Path(tmp) / "data")
        try:
            with httpx.Client(base_url=base, headers={"Authorization": TOKEN}, timeout=120) as client:
                url = "/xlwings/custom-functions-call"
                expected = client.post(url, json=_body(targets, actuals)).json()["result"]
                assert expected == PERFXL_SCORE(targets, actuals, [[10]], [[None]])
                array = _best(lambda: client.post(url, json=_body(targets, actuals)).raise_for_status(), 10)

                def singles():
                    for t, a in zip(targets, actuals, strict=True):
                        client.post(url, json=_body([t], [a])).raise_for_status()

                single = _best(singles, 2)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    overhead_ms = (array - direct) / n * 1000
    print(f"{n} rows of =PERFXL.SCORE")
    print(f"  direct Python call        {direct * 1000:8.1f} ms  ({direct / n * 1e6:.1f} µs per cell)")
    print(f"  one array call over HTTP  {array * 1000:8.1f} ms  ({array / n * 1e6:.1f} µs per cell)")
    print(f"  {n} single-cell calls    {single * 1000:8.1f} ms  ({single / n * 1e3:.2f} ms per cell)")
    print(f"array call overhead per cell: {overhead_ms:.3f} ms (goal < 1 ms): {'OK' if overhead_ms < 1 else 'SLOW'}")
    print(f"ratio array/direct: {array / direct:.1f}×; single-cell calls/array: {single / array:.0f}×")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
