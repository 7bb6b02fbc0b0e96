"""The real app under ``streamlit run`` on a free local port, for browser tests and benchmarks."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class AppDidNotStart(RuntimeError):
    """The server did not answer its health check in time; its log says why."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(port: int) -> list[str]:
    """The command that serves ``app.py`` on ``port`` as the tests and benchmarks run it."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
    ]


@contextmanager
def served_app(env: dict[str, str], log_path: Path, start_seconds: float = 90) -> Iterator[tuple[str, int]]:
    """Serve ``app.py`` with ``env`` (its workspace already prepared); yields (URL, server pid).

    The server's output goes to ``log_path``; the server is stopped when the block ends.
    """
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            streamlit_command(port),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_healthy(url, process, log_path, start_seconds)
            yield url, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_healthy(url: str, process: subprocess.Popen, log_path: Path, start_seconds: float) -> None:
    deadline = time.time() + start_seconds
    while time.time() < deadline:
        if process.poll() is not None:
            break
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise AppDidNotStart(f"the app did not start; see {log_path}")
