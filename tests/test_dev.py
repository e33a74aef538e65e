"""dev.py start: where it serves (a port, an address, --port, PAVILION_ADDRESS)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import dev
from tests.production import fetch, free_port

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("extra", "environ", "address", "rest"),
    [
        ([], {}, "127.0.0.1:8000", []),
        ([], {"PAVILION_ADDRESS": "0.0.0.0:9000"}, "0.0.0.0:9000", []),
        (["8080"], {}, "127.0.0.1:8080", []),
        (["0.0.0.0:8080"], {"PAVILION_ADDRESS": "127.0.0.1:9000"}, "0.0.0.0:8080", []),
        (["[::1]:8080", "--noreload"], {}, "[::1]:8080", ["--noreload"]),
        (["0.0.0.0"], {}, "0.0.0.0:8000", []),  # noqa: S104
        (["--port", "8080"], {}, "127.0.0.1:8080", []),
        (["--noreload", "--port=8081"], {}, "127.0.0.1:8081", ["--noreload"]),
        (["0.0.0.0:8000", "--port", "8082"], {}, "0.0.0.0:8082", []),
        (["--port", "8083"], {"PAVILION_ADDRESS": "0.0.0.0:9000"}, "0.0.0.0:8083", []),
    ],
)
def test_start_address(extra, environ, address, rest):
    assert dev.start_address(extra, environ) == (address, rest)


@pytest.mark.parametrize(
    ("address", "site_url"),
    [
        ("127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("0.0.0.0:8080", "http://localhost:8080"),
        ("[::1]:8080", "http://[::1]:8080"),
        ("8080", "http://127.0.0.1:8080"),
    ],
)
def test_start_links_to_the_address_it_serves(address, site_url):
    assert dev.site_url_for(address) == site_url


@pytest.mark.parametrize("extra", [["--port"], ["--port", "http"], ["--port=70000"]])
def test_start_refuses_a_port_that_is_not_one(extra, capsys):
    with pytest.raises(SystemExit) as stopped:
        dev.start_address(extra, {})

    assert stopped.value.code == 2
    assert "--port needs a number" in capsys.readouterr().err


def test_start_serves_on_the_port_it_is_given(tmp_path):
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PAVILION_VAR_DIR": str(tmp_path),
        "REDIS_URL": "",
    }
    environment.pop("PAVILION_SITE_URL", None)
    log = (tmp_path / "start.log").open("w")
    process = subprocess.Popen(  # noqa: S603 (our own script)
        [shutil.which("python3") or sys.executable, "dev.py", "start", str(port), "--noreload"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        answer = None
        while answer is None:
            assert process.poll() is None, (tmp_path / "start.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "dev.py start did not answer in 180 seconds"
            with contextlib.suppress(OSError):
                answer = fetch(f"http://127.0.0.1:{port}/healthz", timeout=2)
            time.sleep(0.3)

        assert answer.status == 200
        assert json.loads(answer.body)["status"] == "ok"
        assert f"Pavilion: http://127.0.0.1:{port}/" in (tmp_path / "start.log").read_text()
        robots = fetch(f"http://127.0.0.1:{port}/robots.txt").body
        assert f"Sitemap: http://127.0.0.1:{port}/sitemap.xml" in robots
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
