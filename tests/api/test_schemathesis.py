"""Schemathesis, with all its default checks and phases, against the live /api/schema/.

The CLI runs (examples, coverage, fuzzing, stateful) against a live server holding the
seeded pavilion, once anonymously and once with a coordinator's token, and must find
nothing. The run is bounded (SCHEMATHESIS_MAX_EXAMPLES per operation, default 15, a fixed
seed so CI is repeatable — set SCHEMATHESIS_SEED to explore) and throttling is raised for
it. ``schemathesis_hooks.py`` tells it how to make the image files the schema names.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from curation.seed.loader import pavilion_seed
from pavilion.tokens import api_token_create

HOOKS = Path(__file__).with_name("schemathesis_hooks.py")
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "15")
SEED = os.environ.get("SCHEMATHESIS_SEED", "20250413")
RUN_TIMEOUT = 600


@pytest.fixture
def fuzzable(settings, transactional_db, live_server):
    """The seeded pavilion behind a live server, with throttling raised for the run."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
    }
    report = pavilion_seed(demo_users=True)
    return report, live_server.url


def run_schemathesis(base_url: str, *extra: str) -> tuple[subprocess.CompletedProcess, float]:
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{base_url}/api/schema/",
        "--workers",
        "1",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        "--no-color",
        *extra,
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS)}
    started = time.monotonic()
    completed = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        command, capture_output=True, text=True, timeout=RUN_TIMEOUT, env=env, check=False
    )
    return completed, time.monotonic() - started


def _summary(completed: subprocess.CompletedProcess, seconds: float) -> str:
    return f"schemathesis exited {completed.returncode} after {seconds:.0f} s\n{completed.stdout}"


def test_schemathesis_finds_nothing_anonymously(fuzzable):
    _report, base_url = fuzzable

    completed, seconds = run_schemathesis(base_url)

    print(_summary(completed, seconds)[-600:])
    assert completed.returncode == 0, _summary(completed, seconds) + completed.stderr
    assert "passed" in completed.stdout


def test_schemathesis_finds_nothing_with_a_coordinator_token(fuzzable, django_user_model):
    _report, base_url = fuzzable
    coordinator = django_user_model.objects.get(username="dpo-coordinator")
    _token, raw = api_token_create(user=coordinator, name="schemathesis")

    completed, seconds = run_schemathesis(base_url, "--header", f"Authorization: Bearer {raw}")

    print(_summary(completed, seconds)[-600:])
    assert completed.returncode == 0, _summary(completed, seconds) + completed.stderr
    assert "passed" in completed.stdout
