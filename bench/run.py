"""Load benchmark: the app as production runs it, under load from wrk in its own process.

    python -m bench.run                                  # N = 1,000 and 10,000, full run
    python -m bench.run --exhibits 1000 --duration 5 --concurrency 8   # a short smoke
    python -m bench.run --exhibits 10000 --fault         # PostgreSQL cut mid-load

For each N it builds (once) a PostgreSQL database ``pavilion_bench_<N>`` (bench/build.py),
starts the app with scripts/serve-production.sh (DEBUG off, gunicorn, 2 workers, Redis),
drives load with wrk (bench/wrk.lua) for a bounded time per scenario, and prints a table:
requests/s and its ratio to the static-file ceiling of the same run, p50/p95/p99 latency,
errors, SQL queries per request (X-Queries, a benchmark-only middleware) and the workers'
memory (RSS) at start and end. Modes: "uncached" serves with every cache off (each request
is rendered from the database alone: the first request after a content change); "cold"
with the page cache off but the data cache on, as production runs (the filter choices and
exhibit cards are shared: the cost of a page-cache miss); "warm" with both on and primed.
Results also go to bench/results/ (JSON and a Markdown table).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.tcpproxy import TcpProxy

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS_URL = "redis://127.0.0.1:6379/13"
SCENARIOS = ["static", "home", "list_zone", "detail", "api_list", "api_detail"]
LABELS = {
    "static": "static file (ceiling)",
    "home": "home page",
    "list_zone": "exhibit list ?zone=",
    "detail": "exhibit detail",
    "api_list": "API list ?zone=",
    "api_detail": "API detail",
}


@dataclass
class Result:
    exhibits: int
    mode: str
    scenario: str
    concurrency: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    statuses: dict
    queries_per_request: float | None
    ratio_to_static: float | None = None


@dataclass
class Memory:
    exhibits: int
    mode: str
    start_mb: list[float] = field(default_factory=list)
    end_mb: list[float] = field(default_factory=list)


MODES = ["uncached", "cold", "warm"]


def psql(database: str, sql: str) -> list[str]:
    out = subprocess.run(
        [
            "psql",
            "-h",
            PG["host"],
            "-p",
            str(PG["port"]),
            "-U",
            PG["user"],
            "-d",
            database,
            "-Atqc",
            sql,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in out.stdout.splitlines() if line]


def free_port() -> int:
    """A port nobody listens on (other servers may run on this machine)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(name: str, port: int = PG["port"]) -> str:
    return f"postgres://{PG['user']}@{PG['host']}:{port}/{name}"


def ensure_database(exhibits: int, *, rebuild: bool) -> str:
    name = f"pavilion_bench_{exhibits}"
    exists = psql("postgres", f"select 1 from pg_database where datname = '{name}'")  # noqa: S608
    if exists and not rebuild:
        count = psql(name, "select count(*) from exhibits_exhibit where status = 'published'")
        if count and int(count[0]) >= exhibits:
            return name
    psql("postgres", f'DROP DATABASE IF EXISTS "{name}"')
    psql("postgres", f'CREATE DATABASE "{name}"')
    print(f"building {name} …", flush=True)
    subprocess.run(
        [PYTHON, "-m", "bench.build", "--exhibits", str(exhibits)],
        cwd=ROOT,
        env=server_env(database_url(name), var_dir=var_dir(exhibits)),
        check=True,
    )
    return name


def var_dir(exhibits: int) -> Path:
    return ROOT / "var" / f"bench-{exhibits}"


def server_env(url: str, *, var_dir: Path, mode: str = "warm", bind: str = "") -> dict:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "PAVILION_VAR_DIR": str(var_dir),
        "PAVILION_COUNT_QUERIES": "true",
        "PAVILION_PAGE_CACHE": "true" if mode == "warm" else "false",
        "PAVILION_DATA_CACHE": "false" if mode == "uncached" else "true",
        # Production's API throttle rates; bench/wrk.lua spreads the requests over 750
        # visitor addresses given in X-Forwarded-For, as a proxy in front would.
        "AXES_PROXY_COUNT": "1",
        "WEB_CONCURRENCY": "2",
        "BIND": bind or f"127.0.0.1:{free_port()}",
        "PAVILION_CREATE_DB": "false",
        "LOG_LEVEL": "WARNING",
    }


@contextlib.contextmanager
def server(url: str, *, exhibits: int, mode: str, log: Path):
    subprocess.run(
        ["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "flushdb"],
        capture_output=True,
        check=False,
    )
    env = server_env(url, var_dir=var_dir(exhibits), mode=mode)
    base = f"http://{env['BIND']}"
    with log.open("a") as out:
        process = subprocess.Popen(
            ["/bin/bash", str(ROOT / "scripts" / "serve-production.sh")],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 180
        while status(f"{base}/healthz") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start; see {log}")
            time.sleep(0.3)
        # After the start's migrations (a new index is built then): fresh statistics and
        # visibility map, as autovacuum keeps them on a live database; index-only scans
        # need the latter.
        psql(url.rsplit("/", 1)[1], "VACUUM ANALYZE")
        yield base, process.pid
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def status(url: str, *, visitor: str = "", timeout: float = 5) -> int:
    headers = {"X-Forwarded-For": visitor} if visitor else {}
    try:
        request = urllib.request.Request(url, headers=headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def worker_pids(shell_pid: int) -> list[int]:
    """gunicorn's workers: the children of the master that the start script exec'd."""
    children = Path(f"/proc/{shell_pid}/task/{shell_pid}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def paths_for(scenario: str, *, zones: list[str], slugs: list[str]) -> list[str]:
    return {
        "static": ["/static/css/site.css"],
        "home": ["/"],
        "list_zone": [f"/exhibits/?zone={zone}" for zone in zones],
        "detail": [f"/exhibits/{slug}/" for slug in slugs],
        "api_list": [f"/api/v1/exhibits/?zone={zone}" for zone in zones],
        "api_detail": [f"/api/v1/exhibits/{slug}/" for slug in slugs],
    }[scenario]


def wrk(base: str, paths: list[str], *, concurrency: int, duration: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t",
                "2",
                "-c",
                str(concurrency),
                "-d",
                f"{duration}s",
                "--timeout",
                "10s",
                "-s",
                str(ROOT / "bench" / "wrk.lua"),
                base,
                "--",
                listing.name,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 60,
        ).stdout
    finally:
        os.unlink(listing.name)
    match = re.search(r"^WRK_JSON (.*)$", out, re.MULTILINE)
    if not match:
        raise SystemExit(f"wrk printed no result:\n{out}")
    return json.loads(match.group(1))


def summarise(raw: dict, **labels) -> Result:
    seconds = raw["duration_us"] / 1e6
    bad = sum(n for code, n in raw["statuses"].items() if not 200 <= int(code) < 400)
    return Result(
        **labels,
        rps=round(raw["requests"] / seconds, 1),
        p50_ms=round(raw["p50_us"] / 1000, 1),
        p95_ms=round(raw["p95_us"] / 1000, 1),
        p99_ms=round(raw["p99_us"] / 1000, 1),
        errors=bad + raw["socket_errors"] + raw["timeouts"],
        statuses=raw["statuses"],
        queries_per_request=(round(raw["queries"] / raw["counted"], 2) if raw["counted"] else None),
    )


def drain(base: str) -> None:
    """Wait until the server has answered what wrk left queued when it stopped.

    gunicorn's sync workers take connections from the listen backlog in order, so a
    request sent now is answered after the ones a stopped wrk left behind; without this
    wait, a slow scenario's leftovers would eat into the next measurement.
    """
    deadline = time.monotonic() + 300
    while status(f"{base}/healthz", timeout=60) == 0 and time.monotonic() < deadline:
        time.sleep(0.5)


def prime(base: str, paths: list[str]) -> None:
    """Fill the cache: each page once (from its own visitor address: the API throttles)."""
    for number, path in enumerate(paths):
        status(base + path, visitor=f"192.0.2.{number % 250 + 1}")


def run_load(exhibits: int, args) -> tuple[list[Result], list[Memory]]:
    name = ensure_database(exhibits, rebuild=args.rebuild)
    zones = psql(
        name,
        "select z.slug from pavilion_zone z join pavilion_edition e "
        "on e.id = z.edition_id where e.is_current order by z.order",
    )
    published = psql(
        name, "select slug from exhibits_exhibit where status = 'published' order by id"
    )
    step = max(1, len(published) // args.detail_pages)
    slugs = published[::step][: args.detail_pages]
    results, memories = [], []
    log = RESULTS / f"server-{exhibits}.log"
    for mode in args.modes:
        with server(database_url(name), exhibits=exhibits, mode=mode, log=log) as (
            base,
            pid,
        ):
            workers = worker_pids(pid)
            # Start: after a few requests, once each worker has loaded its templates and
            # translations (a worker imports them lazily on its first page).
            for number in range(20):
                status(f"{base}/", visitor=f"203.0.113.{number + 1}")
            memory = Memory(exhibits, mode, start_mb=[rss_mb(w) for w in workers])
            for scenario in args.scenarios:
                paths = paths_for(scenario, zones=zones, slugs=slugs)
                for concurrency in args.concurrency:
                    if mode == "warm":
                        prime(base, paths)
                    raw = wrk(base, paths, concurrency=concurrency, duration=args.duration)
                    drain(base)
                    result = summarise(
                        raw,
                        exhibits=exhibits,
                        mode=mode,
                        scenario=scenario,
                        concurrency=concurrency,
                    )
                    results.append(result)
                    print(row(result), flush=True)
            memory.end_mb = [rss_mb(w) for w in workers if Path(f"/proc/{w}").exists()]
            memories.append(memory)
            print(
                f"   workers' RSS (MB) {mode}: start {memory.start_mb} → end {memory.end_mb}",
                flush=True,
            )
    ceilings = {(r.mode, r.concurrency): r.rps for r in results if r.scenario == "static"}
    for result in results:
        ceiling = ceilings.get((result.mode, result.concurrency))
        result.ratio_to_static = round(result.rps / ceiling, 2) if ceiling else None
    return results, memories


@dataclass
class Fault:
    exhibits: int
    mode: str
    concurrency: int
    seconds: int
    cut_at_s: float
    restored_at_s: float
    statuses: dict
    socket_errors: int
    recovered_after_s: float | None
    p99_ms: float


def run_fault(exhibits: int, args) -> list[Fault]:
    """Cut the TCP proxy between the app and PostgreSQL a third of the way into the load,
    restore it at two thirds, and count what visitors got."""
    name = ensure_database(exhibits, rebuild=False)
    zones = psql(name, "select slug from pavilion_zone order by id")[:6]
    slugs = psql(name, "select slug from exhibits_exhibit where status = 'published' order by id")[
        :: max(1, exhibits // 20)
    ]
    paths = (
        [f"/exhibits/{s}/" for s in slugs]
        + [f"/exhibits/?zone={z}" for z in zones]
        + [f"/api/v1/exhibits/{s}/" for s in slugs[:5]]
        + ["/"]
    )
    faults = []
    for mode in args.modes:
        proxy = TcpProxy((PG["host"], PG["port"])).start()
        try:
            url = database_url(name, port=proxy.port)
            with server(
                url,
                exhibits=exhibits,
                mode=mode,
                log=RESULTS / f"server-fault-{exhibits}.log",
            ) as (base, _pid):
                if mode == "warm":
                    prime(base, paths)
                seconds = max(args.duration, 15)
                cut_at, restore_at = seconds / 3, 2 * seconds / 3
                timeline: dict[str, float] = {}

                def outage(
                    base=base, proxy=proxy, timeline=timeline, cut_at=cut_at, restore_at=restore_at
                ):
                    started = time.monotonic()
                    time.sleep(cut_at)
                    proxy.cut()
                    timeline["cut"] = time.monotonic() - started
                    time.sleep(restore_at - cut_at)
                    proxy.restore()
                    restored = time.monotonic()
                    timeline["restored"] = restored - started
                    while status(f"{base}/healthz") != 200:
                        if time.monotonic() - restored > 30:
                            return
                        time.sleep(0.1)
                    timeline["recovered"] = time.monotonic() - restored

                thread = threading.Thread(target=outage)
                thread.start()
                raw = wrk(base, paths, concurrency=8, duration=seconds)
                thread.join()
            fault = Fault(
                exhibits=exhibits,
                mode=mode,
                concurrency=8,
                seconds=seconds,
                cut_at_s=round(timeline.get("cut", 0), 1),
                restored_at_s=round(timeline.get("restored", 0), 1),
                statuses=raw["statuses"],
                socket_errors=raw["socket_errors"] + raw["timeouts"],
                recovered_after_s=(
                    round(timeline["recovered"], 2) if "recovered" in timeline else None
                ),
                p99_ms=round(raw["p99_us"] / 1000, 1),
            )
        finally:
            proxy.stop()
        faults.append(fault)
        print(
            f"fault N={exhibits} {mode}: {fault.statuses} socket errors "
            f"{fault.socket_errors}; cut at {fault.cut_at_s}s, restored at "
            f"{fault.restored_at_s}s, healthy again {fault.recovered_after_s}s later",
            flush=True,
        )
    return faults


def row(r: Result) -> str:
    q = "-" if r.queries_per_request is None else f"{r.queries_per_request:g}"
    ratio = "" if r.ratio_to_static is None else f"{r.ratio_to_static:.2f}"
    return (
        f"{r.exhibits:>6} {r.mode:<8} {LABELS[r.scenario]:<22} c={r.concurrency:<3} "
        f"{r.rps:>8.1f} rps {ratio:>5} p50 {r.p50_ms:>7.1f} p95 {r.p95_ms:>7.1f} "
        f"p99 {r.p99_ms:>7.1f} ms  errors {r.errors:<4} queries {q}"
    )


def markdown(results: list[Result], memories: list[Memory], faults: list[Fault]) -> str:
    lines = [
        "| N | mode | scenario | clients | req/s | x static | p50 ms | p95 ms | p99 ms "
        "| errors | queries/req |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        q = "-" if r.queries_per_request is None else f"{r.queries_per_request:g}"
        ratio = "-" if r.ratio_to_static is None else f"{r.ratio_to_static:.2f}"
        lines.append(
            f"| {r.exhibits:,} | {r.mode} | {LABELS[r.scenario]} | {r.concurrency} | "
            f"{r.rps:,.0f} | {ratio} | {r.p50_ms} | {r.p95_ms} | {r.p99_ms} | {r.errors} | {q} |"
        )
    if memories:
        lines += ["", "| N | mode | workers' RSS at start (MB) | at end (MB) |"]
        lines += ["|---:|---|---|---|"]
        lines += [f"| {m.exhibits:,} | {m.mode} | {m.start_mb} | {m.end_mb} |" for m in memories]
    if faults:
        lines += [
            "",
            "| N | mode | seconds | cut at | restored at | responses by status "
            "| socket errors | healthy after restore | p99 ms |",
            "|---:|---|---:|---:|---:|---|---:|---:|---:|",
        ]
        lines += [
            f"| {f.exhibits:,} | {f.mode} | {f.seconds} | {f.cut_at_s} s | {f.restored_at_s} s "
            f"| {json.dumps(f.statuses)} | {f.socket_errors} | {f.recovered_after_s} s "
            f"| {f.p99_ms} |"
            for f in faults
        ]
    return "\n".join(lines)


def machine() -> dict:
    def version(*command: str) -> str:
        try:
            out = subprocess.run(command, capture_output=True, text=True, check=False)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return {
        "cpu": f"{os.cpu_count()} x {cpu}",
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "load_average_at_start": os.getloadavg(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": psql("postgres", "show server_version")[0],
        "redis": version("redis-server", "--version"),
        "wrk": version("wrk", "-v"),
        "gunicorn": version(PYTHON, "-m", "gunicorn", "--version"),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exhibits", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 16, 64])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=MODES)
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=SCENARIOS)
    parser.add_argument("--detail-pages", type=int, default=50, help="distinct exhibits")
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    parser.add_argument("--fault", action="store_true", help="cut PostgreSQL mid-load instead")
    args = parser.parse_args(argv)
    for tool in ("wrk", "psql", "redis-cli"):
        if not shutil.which(tool):
            sys.exit(
                f"bench.run: {tool} is not installed (Debian: wrk, postgresql-client, redis-tools)"
            )
    RESULTS.mkdir(parents=True, exist_ok=True)
    about = machine()
    print(json.dumps(about, indent=1), flush=True)
    results, memories, faults = [], [], []
    for exhibits in args.exhibits:
        if args.fault:
            faults += run_fault(exhibits, args)
        else:
            more, memory = run_load(exhibits, args)
            results += more
            memories += memory
    table = markdown(results, memories, faults)
    print("\n" + table)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    kind = "fault" if args.fault else "load"
    (RESULTS / f"{stamp}-{kind}.json").write_text(
        json.dumps(
            {
                "machine": about,
                "args": vars(args),
                "results": [asdict(r) for r in results],
                "memory": [asdict(m) for m in memories],
                "faults": [asdict(f) for f in faults],
            },
            indent=1,
        )
    )
    (RESULTS / f"{stamp}-{kind}.md").write_text(table + "\n")
    print(f"\nsaved bench/results/{stamp}-{kind}.json and .md")


if __name__ == "__main__":
    main()
