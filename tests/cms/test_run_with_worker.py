"""`make run` serves the site with a task worker and the publishing scheduler beside it; Ctrl-C
stops all three.

The command runs as a real process group against a copy of the test database (SQLite) or the
test database itself (PostgreSQL), and gets SIGINT the way a terminal sends it."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from site_pages.management.commands.runserver_with_worker import STOP_GRACE_SECONDS
from tests.process_database import database_url

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if parent == pid:
            found.append((int(entry), command))
    return found


def process_state(pid):
    """What a process is doing, for a failure message: its state, where the kernel holds it and
    its signal masks."""
    try:
        status = dict(
            line.split(":\t", 1)
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if ":\t" in line
        )
        wchan = Path(f"/proc/{pid}/wchan").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return f"{pid}: gone"
    masks = " ".join(f"{key}={status.get(key)}" for key in ("SigBlk", "SigIgn", "SigCgt"))
    return f"{pid} {command}: {status.get('State')} in {wchan} {masks}"


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the process table from /proc")
def test_server_worker_and_scheduler_start_together_and_stop_together_on_ctrl_c(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database_url(tmp_path),
        "TASKS_BACKEND": "database",
    }
    env.pop("REDIS_URL", None)
    output = (tmp_path / "server.log").open("w")  # the server's; closed when it has stopped
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver_with_worker", f"127.0.0.1:{port}", "--noreload"],
        cwd=settings.BASE_DIR,
        env=env,
        # Not the test process's stdin: under xdist that is the worker's channel.
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/") as response:
                    assert response.status == 200
                    break
            except OSError:
                assert server.poll() is None, "the server exited before answering"
                assert time.monotonic() < deadline, "the server did not answer in time"
                time.sleep(0.5)
        helpers = {}
        for name in ("run_worker", "run_scheduler"):
            found = [pid for pid, command in children(server.pid) if name in command]
            assert len(found) == 1, (name, children(server.pid))
            helpers[name] = found[0]
            assert alive(found[0])

        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C
        # The server gives its helpers STOP_GRACE_SECONDS in all, then kills them; the rest is
        # room for a loaded machine (the suite runs beside it).
        try:
            server.wait(timeout=STOP_GRACE_SECONDS + 30)
        except subprocess.TimeoutExpired:
            pytest.fail(
                "the server did not stop on Ctrl-C:\n"
                + "\n".join(process_state(pid) for pid in [server.pid, *helpers.values()])
                + "\n--- its output\n"
                + (tmp_path / "server.log").read_text()[-4000:]
            )
        deadline = time.monotonic() + 30
        while any(map(alive, helpers.values())) and time.monotonic() < deadline:
            time.sleep(0.2)
        for name, pid in helpers.items():
            assert not alive(pid), f"{name} outlived the server"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        output.close()


class Clock:
    now = 0.0


class StubbornHelper:
    """A helper that ignores SIGTERM: every wait with a timeout runs it out on ``Clock``."""

    def __init__(self, command):
        self.killed = False

    def poll(self):
        return -9 if self.killed else None

    def terminate(self):
        pass

    def wait(self, timeout=None):
        if timeout is None:
            return -9
        Clock.now += timeout
        raise subprocess.TimeoutExpired("helper", timeout)

    def kill(self):
        self.killed = True


def test_ctrl_c_waits_one_grace_period_for_all_helpers_then_kills_them(monkeypatch, settings):
    from site_pages.management.commands import runserver_with_worker as command

    settings.TASKS_BACKEND = "database"
    made: list[StubbornHelper] = []

    def popen(args):
        made.append(StubbornHelper(args))
        return made[-1]

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(command.subprocess, "Popen", popen)
    monkeypatch.setattr(command.time, "monotonic", lambda: Clock.now)
    monkeypatch.setattr(command, "call_command", interrupted)
    with pytest.raises(KeyboardInterrupt):
        command.Command().handle(addrport="127.0.0.1:0", use_reloader=False)
    assert len(made) == 2  # the worker and the scheduler
    assert all(helper.killed for helper in made)
    # Each helper was given what was left of one grace period (the last at least 0.1 s).
    assert Clock.now <= STOP_GRACE_SECONDS + 0.1


def test_the_scheduler_stops_within_a_step_of_being_asked(monkeypatch):
    from site_pages.management.commands import run_scheduler

    slept = []
    monkeypatch.setattr(run_scheduler.time, "sleep", slept.append)
    stop = run_scheduler.Stop()
    stop.sleep(0.0)
    assert slept == []
    stop.request(signal.SIGINT, None)
    stop.sleep(60.0)
    assert slept == []  # asked before: no sleep at all
    assert stop.requested
