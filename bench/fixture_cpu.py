"""CPU time spent setting up one fixture, per test: a pytest plugin for comparing a fixture
before and after a change on a shared, loaded machine, where wall time says little.

    FIXTURE_CPU=site_tree FIXTURE_CPU_LOG=/tmp/cpu.log \\
        .venv/bin/python -m pytest tests/site_pages/test_validation.py -p bench.fixture_cpu -n 2

Each worker appends "<worker> <test id> <seconds>" lines to the log (xdist workers cannot print
to the terminal); the time covers the fixture's own setup, not the fixtures it requests that
were set up before it (pytest sets up each in its own hook call).
"""

import os
import time

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    if fixturedef.argname != os.environ.get("FIXTURE_CPU"):
        yield
        return
    start = time.process_time()
    yield
    spent = time.process_time() - start
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(os.environ["FIXTURE_CPU_LOG"], "a") as log:
        log.write(f"{worker} {request.node.nodeid} {spent:.4f}\n")
