#!/usr/bin/env python3
"""Bootstrap and run Pavilion with nothing but Python 3.11+ installed.

    python3 dev.py start   # set up, migrate, load the pavilion, print demo logins, serve
    python3 dev.py start 8080            # … on another port (or --port 8080)
    python3 dev.py start 0.0.0.0:8080    # … reachable from other machines
    python3 dev.py test    # run the whole test suite (extra arguments go to pytest)
    python3 dev.py setup   # set up, migrate and load the pavilion, without serving
    python3 dev.py setup-env  # only create or update .venv from uv.lock

The first run creates ``.tools/`` (a private virtual environment holding uv) unless uv is
already on PATH, then ``.venv/`` from ``uv.lock`` (exact, locked versions). Python is
never downloaded: the interpreter running this script is the one used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"
VENV = ROOT / ".venv"
UV_VERSION = "0.13.9"
BIN = "Scripts" if os.name == "nt" else "bin"


def fail(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr)
    raise SystemExit(2)


def run(*args: str | Path, env: dict | None = None) -> None:
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)  # noqa: S603
    if completed.returncode:
        raise SystemExit(completed.returncode)


def find_uv() -> str:
    found = shutil.which("uv")
    if found:
        return found
    uv = TOOLS / BIN / "uv"
    if not uv.exists():
        print(f"Installing uv {UV_VERSION} into {TOOLS.name}/ (once)…", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS)
        run(TOOLS / BIN / "python", "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}")
    return str(uv)


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env.pop("VIRTUAL_ENV", None)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def sync(env: dict[str, str]) -> None:
    run(find_uv(), "sync", "--frozen", "--python", sys.executable, env=env)


def python() -> str:
    return str(VENV / BIN / "python")


def setup(env: dict[str, str]) -> None:
    sync(env)
    run(python(), "manage.py", "migrate", "--no-input", env=env)
    run(python(), "manage.py", "seed_pavilion", env=env)


DEFAULT_ADDRESS = "127.0.0.1:8000"


def start_address(extra: list[str], environ: dict[str, str]) -> tuple[str, list[str]]:
    """Where ``start`` serves, and the arguments left for runserver.

    The first argument may be a port (``8080``), an address with its port
    (``0.0.0.0:8080``, ``[::1]:8080``) or a host alone (port 8000); ``--port N`` (or
    ``--port=N``) changes the port of the address. Without either, ``PAVILION_ADDRESS`` or
    127.0.0.1:8000.
    """
    address = environ.get("PAVILION_ADDRESS") or DEFAULT_ADDRESS
    rest = list(extra)
    if rest and not rest[0].startswith("-"):
        given = rest.pop(0)
        if given.isdigit():
            address = f"127.0.0.1:{given}"
        elif ":" not in given or given.endswith("]"):
            address = f"{given}:8000"  # a host alone: the usual port
        else:
            address = given
    port = None
    for index, argument in enumerate(rest):
        if argument == "--port":
            if index + 1 >= len(rest):
                fail("--port needs a number, e.g. --port 8080")
            port = rest[index + 1]
            del rest[index : index + 2]
            break
        if argument.startswith("--port="):
            port = argument.partition("=")[2]
            del rest[index]
            break
    if port is not None:
        if not port.isdigit() or not 0 < int(port) < 65536:
            fail(f"--port needs a number from 1 to 65535, not {port!r}")
        host = address.rpartition(":")[0] if ":" in address else address
        address = f"{host or '127.0.0.1'}:{port}"
    return address, rest


def site_url_for(address: str) -> str:
    """The demo's PAVILION_SITE_URL for ``address`` (links and QR codes follow the port)."""
    host, _colon, port = address.rpartition(":")
    if not host:
        host = "127.0.0.1"
    if host in {"0.0.0.0", "[::]"}:  # noqa: S104 (every interface: this machine's name)
        host = "localhost"
    return f"http://{host}:{port}"


def main(argv: list[str]) -> None:
    command, extra = (argv[0], argv[1:]) if argv else ("", [])
    env = base_env()
    if command == "start":
        address, rest = start_address(extra, os.environ)
        env.setdefault("PAVILION_SITE_URL", site_url_for(address))
        setup(env)
        print(f"\nPavilion: http://{address}/  back-office: http://{address}/admin/\n", flush=True)
        run(python(), "manage.py", "runserver", address, *rest, env=env)
    elif command == "setup":
        setup(env)
    elif command == "setup-env":
        sync(env)
    elif command == "test":
        sync(env)
        run(python(), "-m", "pytest", *extra, env=env)
    else:
        fail(
            "usage: python3 dev.py start [PORT | HOST:PORT] [--port PORT] | setup | setup-env"
            " | test [pytest arguments]"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
