"""Start the app as production does (scripts/serve-production.sh: DEBUG off, gunicorn) for
tests that need a real server in front of a real PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict
    body: str


def fetch(url: str, *, timeout: float = 10) -> Answer:
    """GET ``url`` and return status, headers and body whatever the status."""
    request = urllib.request.Request(url, headers={"Accept-Language": "en"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return Answer(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read().decode())


@contextlib.contextmanager
def production_server(
    *, database_url: str, var_dir: Path, workers: int = 1, redis_url: str = ""
) -> Iterator[str]:
    """Serve the app under gunicorn with DEBUG off; yields its base URL."""
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "tests-production-like-" + "s" * 40,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "PAVILION_VAR_DIR": str(var_dir),
        "PAVILION_CREATE_DB": "false",
        "DJANGO_SETTINGS_MODULE": "pavilion.settings",
    }
    log = (var_dir / "server.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        ["/bin/bash", str(ROOT / "scripts" / "serve-production.sh")],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"the server stopped: {(var_dir / 'server.log').read_text()[-3000:]}"
                )
            with contextlib.suppress(OSError):
                if fetch(f"{base}/healthz", timeout=2).status in {200, 503}:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not answer within 120 seconds")
            time.sleep(0.3)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
