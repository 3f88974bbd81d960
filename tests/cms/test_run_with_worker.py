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

import pytest
from django.conf import settings

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
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver_with_worker", f"127.0.0.1:{port}", "--noreload"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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
        server.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(map(alive, helpers.values())) and time.monotonic() < deadline:
            time.sleep(0.2)
        for name, pid in helpers.items():
            assert not alive(pid), f"{name} outlived the server"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
