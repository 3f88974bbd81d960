"""`make bench`: the project against wagtail-grapple, Wagtail's REST API v2 and the limit, in one
run with interleaved rounds, on PostgreSQL and Redis, at 1x and 10x content. Writes the report
(bench/RESULTS.md by default) and prints it. bench/README.md explains the figures; the knobs are
the BENCH_* environment variables read below.

Every server binds 127.0.0.1 and is stopped when this script ends, however it ends.
"""

import concurrent.futures
import contextlib
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import queries as q  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
PEER_PYTHON = ROOT / "bench" / ".venv-grapple" / "bin" / "python"
WORK = ROOT / "bench" / ".work"


def knob(name, default, kind=int):
    return kind(os.environ.get(name, default))


SCALE = knob("BENCH_SCALE", 10)  # N of create_random_content for "1x"
FACTOR = knob("BENCH_FACTOR", 10)  # "10x" is N = SCALE * FACTOR
DURATION = knob("BENCH_DURATION", 6)  # seconds of wrk per measurement, at least
MAX_DURATION = knob("BENCH_MAX_DURATION", 30)  # at most, for slow answers
ROUNDS = knob("BENCH_ROUNDS", 3)
CONNECTIONS = knob("BENCH_CONNECTIONS", 4)
WORKERS = knob("BENCH_WORKERS", 2)  # gunicorn workers per server
RSS_QUERIES = knob("BENCH_RSS_QUERIES", 10_000)
FRESH_TRIES = knob("BENCH_FRESH_TRIES", 5)
PUBLISH_INTERVAL = knob("BENCH_PUBLISH_INTERVAL", 1.0, float)
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_DB = knob("BENCH_REDIS_DB", 13)
PORT = knob("BENCH_PORT", 18100)
RELOAD = os.environ.get("BENCH_RELOAD", "") not in ("", "0")
OUTPUT = Path(os.environ.get("BENCH_OUTPUT", ROOT / "bench" / "RESULTS.md"))

started = []  # every process this run started, stopped at exit


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def stop_all():
    for process in reversed(started):
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    deadline = time.time() + 10
    for process in started:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(max(0.1, deadline - time.time()))
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


def on_signal(signum, frame):
    raise SystemExit(128 + signum)


def run(*args, env=None, capture=False):
    result = subprocess.run(
        [str(a) for a in args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout


def psql(sql, database="postgres"):
    return run("psql", f"{PG}/{database}", "-Atqc", sql, capture=True).strip()


# --- data ----------------------------------------------------------------------------------------


def content_version():
    """Changes when the generator or the migrations change: the database is then rebuilt."""
    digest = hashlib.sha256((ROOT / "site_pages/demo/random_content.py").read_bytes())
    for migration in sorted((ROOT / "site_pages/migrations").glob("*.py")):
        digest.update(migration.name.encode())
    return digest.hexdigest()[:12]


def environment(database, **extra):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.project.settings",
        "DATABASE_URL": f"{PG}/{database}",
        "MEDIA_ROOT": str(WORK / "media" / database),
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        # No worker runs in the bench: tasks run where they are queued.
        "TASKS_BACKEND": "immediate",
        # Persistent connections, as a production server keeps them (the default, 0, opens one
        # per request); the same for every target.
        "DB_CONN_MAX_AGE": "600",
        "BENCH_LIMIT_BODY": str(WORK / "limit-body.json"),
    }
    env.update(extra)
    return env


def database(n, template=None):
    """The bench database with create_random_content N, built once and kept between runs
    (rebuilt when the generator or migrations change, or with BENCH_RELOAD=1)."""
    name = f"sakura_bench_n{n}"
    marker = f"sakura-bench {content_version()} N={n} ready"
    exists = psql(f"select 1 from pg_database where datname = '{name}'")
    if exists and not RELOAD:
        comment = psql(
            "select shobj_description(oid, 'pg_database') from pg_database "
            f"where datname = '{name}'"
        )
        # The media are in this checkout's bench/.work; another checkout must rebuild.
        if comment == marker and (WORK / "media" / name).is_dir():
            log(f"{name}: kept from an earlier run")
            return name
    psql(f'drop database if exists "{name}" with (force)')
    media = WORK / "media" / name
    shutil.rmtree(media, ignore_errors=True)
    if template:
        # Start from the smaller data set: create_random_content adds only what is missing.
        psql(f'create database "{name}" template "{template}"')
        shutil.copytree(WORK / "media" / template, media)
    else:
        psql(f'create database "{name}"')
    env = environment(name)
    log(f"{name}: migrating and creating content (N={n}); the first run takes a few minutes")
    run(PYTHON, "manage.py", "migrate", "--noinput", "-v0", env=env)
    run(PYTHON, "manage.py", "create_random_content", n, env=env)
    psql(f"comment on database \"{name}\" is '{marker}'")
    return name


def prepare(name):
    log(f"{name}: renditions and ids")
    return json.loads(run(PYTHON, "bench/prepare.py", env=environment(name), capture=True))


# --- servers -------------------------------------------------------------------------------------


class Server:
    def __init__(self, label, python, settings, port, env):
        self.label, self.port = label, port
        self.base = f"http://127.0.0.1:{port}"
        env = {**env, "DJANGO_SETTINGS_MODULE": settings}
        self.process = subprocess.Popen(
            [
                str(python), "-m", "gunicorn", "cms.wsgi:application",
                "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
                "--timeout", "300", "--graceful-timeout", "5", "--log-level", "warning",
                # Several servers run at once; gunicorn 27 gives each the same control socket.
                "--no-control-socket",
            ],
            cwd=ROOT, env=env, start_new_session=True,
        )  # fmt: skip
        started.append(self.process)

    def wait(self):
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.label} exited ({self.process.returncode})")
            try:
                urllib.request.urlopen(self.base + "/bench-ready", timeout=2)
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.label} did not start")

    def get(self, path, timeout=300):
        with urllib.request.urlopen(self.base + path, timeout=timeout) as answer:
            return answer.read(), int(answer.headers.get("X-Bench-SQL", "0"))

    def drain(self):
        """Returns once every worker has taken a cheap request, that is finished what it had."""
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(lambda _: self.ping(), range(WORKERS * 2)))

    def ping(self):
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(self.base + "/bench-ready", timeout=300).read()

    def worker_rss_kb(self):
        out = subprocess.run(
            ["ps", "--ppid", str(self.process.pid), "-o", "rss="], capture_output=True, text=True
        ).stdout
        return [int(value) for value in out.split()]

    def stop(self):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(15)


def start_servers(name, facts):
    env = environment(name)
    run("redis-cli", "-n", REDIS_DB, "flushdb", capture=True)
    servers = {
        "project": Server(
            "project (uncached)", PYTHON, "bench.project.settings", PORT + 1,
            {**env, "RESPONSE_CACHE_TIMEOUT": "0", "PAGE_CACHE_TIMEOUT": "0"},
        ),
        "cached": Server("project A", PYTHON, "bench.project.settings", PORT + 2, env),
        "cached_b": Server("project B", PYTHON, "bench.project.settings", PORT + 3, env),
        "peer": Server("grapple + REST v2", PEER_PYTHON, "bench.peer.settings", PORT + 4, env),
    }  # fmt: skip
    for server in servers.values():
        server.wait()
    return servers


class Publisher:
    def __init__(self, name):
        self.process = subprocess.Popen(
            [str(PYTHON), "bench/publisher.py"],
            cwd=ROOT, env=environment(name), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, start_new_session=True,
        )  # fmt: skip
        started.append(self.process)
        self.lock = threading.Lock()

    def publish(self, page_id, title=""):
        with self.lock:
            self.process.stdin.write(f"publish {page_id} {title}\n")
            self.process.stdin.flush()
            return json.loads(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait(30)


# --- requests ------------------------------------------------------------------------------------


def requests_for(facts):
    """{(scenario, target): (server key, [paths])}."""
    chapters = q.graphql_get(q.PROJECT_CHAPTERS)
    chapter = q.graphql_get(q.PROJECT_CHAPTER, {"slug": facts["chapter_slug"], "locale": "EN"})
    return {
        ("chapters", "project"): ("project", [chapters]),
        ("chapters", "grapple"): (
            "peer",
            [q.graphql_get(q.GRAPPLE_CHAPTERS, {"index": str(facts["index_id"])})],
        ),
        ("chapters", "rest"): ("peer", q.rest_chapters(facts["index_id"], facts["chapter_ids"])),
        ("chapter", "project"): ("project", [chapter]),
        ("chapter", "grapple"): (
            "peer",
            [q.graphql_get(q.GRAPPLE_CHAPTER, {"id": str(facts["chapter_id"])})],
        ),
        ("chapter", "rest"): ("peer", q.rest_chapter(facts["chapter_id"])),
        ("cached", "project"): ("cached", [chapters]),
        ("cached", "limit"): ("cached", ["/bench/limit/"]),
        ("published", "project"): ("cached", [chapters]),
        ("published", "grapple"): (
            "peer",
            [q.graphql_get(q.GRAPPLE_CHAPTERS, {"index": str(facts["index_id"])})],
        ),
        ("published", "limit"): ("cached", ["/bench/limit/"]),
    }


def wrk(server, paths, duration):
    paths_file = WORK / f"paths-{hashlib.sha1('|'.join(paths).encode()).hexdigest()[:10]}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    out = subprocess.run(
        [
            "wrk", "-t", str(min(2, CONNECTIONS)), "-c", str(CONNECTIONS), "-d", f"{duration}s",
            "--timeout", "60s", "-s", str(ROOT / "bench/wrk/report.lua"), server.base,
            "--", str(paths_file),
        ],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    figures = json.loads(out.strip().splitlines()[-1])
    units = figures["requests"] / len(paths)
    return {
        "rps": units / (figures["duration_us"] / 1e6),
        "p50": figures["p50_us"] / 1000,
        "p95": figures["p95_us"] / 1000,
        "p99": figures["p99_us"] / 1000,
        "bad": figures["bad"],
        "requests": figures["requests"],
        "per_unit": len(paths),
    }


def sql_per_unit(server, paths):
    return sum(server.get(path)[1] for path in paths)


def warm(servers, requests):
    """Runs each request until it is warm, and returns {pair: seconds one answer took}. The
    project makes at most a few renditions per request (the rest come as signed addresses until
    they exist), so its requests run three times; the peer makes them all on the first, so its
    run twice. The limit's bytes are the project's answer to the cached query, saved before the
    limit's first use."""
    body, _sql = servers["cached"].get(q.graphql_get(q.PROJECT_CHAPTERS))
    (WORK / "limit-body.json").write_bytes(body)
    took = {}
    for pair, (key, paths) in requests.items():
        for _ in range(2 if key == "peer" else 3):
            began = time.time()
            for path in paths:
                servers[key].get(path)
            took[pair] = time.time() - began
    return took


def duration_for(seconds_per_answer):
    """wrk's run length for a request: BENCH_DURATION, or long enough for a few answers per
    connection when one answer takes longer (up to BENCH_MAX_DURATION): wrk counts only the
    answers that end within the run."""
    queued = seconds_per_answer * max(1, CONNECTIONS / WORKERS)
    return round(min(MAX_DURATION, max(DURATION, 3 * queued)))


# --- phases --------------------------------------------------------------------------------------


def measure(name, label, with_cache_scenarios):
    facts = prepare(name)
    log(f"{label}: starting servers")
    servers = start_servers(name, facts)
    publisher = Publisher(name)
    try:
        requests = requests_for(facts)
        if not with_cache_scenarios:
            requests = {k: v for k, v in requests.items() if k[0] in ("chapters", "chapter")}
        log(f"{label}: warming up")
        took = warm(servers, requests)
        limit_body = servers["cached"].get(q.graphql_get(q.PROJECT_CHAPTERS))[0]
        sql = {}
        for (scenario, target), (key, paths) in requests.items():
            if scenario == "published":
                continue
            sql[(scenario, target)] = sql_per_unit(servers[key], paths)
        sizes = {
            key: sum(len(servers[srv].get(p)[0]) for p in paths)
            for key, (srv, paths) in requests.items()
            if key[0] in ("chapters", "chapter")
        }
        results = {key: [] for key in requests}
        order = list(requests)
        for round_number in range(ROUNDS):
            log(f"{label}: round {round_number + 1}/{ROUNDS}")
            # Rotated each round, so no target always runs first or after the same neighbour.
            shift = round_number % len(order)
            for key in order[shift:] + order[:shift]:
                server_key, paths = requests[key]
                stop = threading.Event()
                publishing = None
                if key[0] == "published":
                    publishing = threading.Thread(
                        target=publish_every, args=(publisher, facts["event_id"], stop)
                    )
                    publishing.start()
                if key[0] in ("cached", "published"):
                    # Warm again: a publish of the previous run may have dropped the answer.
                    servers[server_key].get(paths[0])
                try:
                    duration = duration_for(took[key])
                    results[key].append(
                        {**wrk(servers[server_key], paths, duration), "s": duration}
                    )
                    # Requests still running when wrk stops would slow the next measurement.
                    servers[server_key].drain()
                finally:
                    stop.set()
                    if publishing:
                        publishing.join()
        extra = {}
        if with_cache_scenarios:
            extra["fresh"] = freshness(servers, publisher, facts)
            extra["rss"] = rss(servers["cached"])
        return {
            "facts": facts,
            "sql": sql,
            "sizes": sizes,
            "results": results,
            "limit_bytes": len(limit_body),
            **extra,
        }
    finally:
        publisher.close()
        for server in servers.values():
            server.stop()


def publish_every(publisher, page_id, stop):
    while not stop.wait(PUBLISH_INTERVAL):
        publisher.publish(page_id)


def freshness(servers, publisher, facts):
    """Publishes a new title of the measured chapter and polls both app servers (sharing Redis)
    until each answers with it; seconds from the publish's return to each server's first fresh
    answer. Both had the old answer cached just before."""
    path = q.graphql_get(q.PROJECT_CHAPTER, {"slug": facts["chapter_slug"], "locale": "EN"})
    pair = [servers["cached"], servers["cached_b"]]
    tries = []
    for attempt in range(FRESH_TRIES):
        title = f"Random chapter fresh {attempt} {time.time():.3f}"
        for server in pair:
            server.get(path)
            server.get(path)
        found = {}

        def poll(server, title=title, found=found):
            deadline = time.time() + 10
            while time.time() < deadline:
                body, _sql = server.get(path)
                if title.encode() in body:
                    found[server.label] = time.time()
                    return
                time.sleep(0.01)

        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            stamp = publisher.publish(facts["chapter_id"], title)
            list(pool.map(poll, pair))
        tries.append(
            {
                "publish_s": stamp["t1"] - stamp["t0"],
                **{label: at - stamp["t1"] for label, at in found.items()},
                "missing": [s.label for s in pair if s.label not in found],
            }
        )
    return tries


def rss(server):
    """Worker RSS after a warm-up and after RSS_QUERIES distinct documents (each a new text for
    the parser, the validation cache and the response cache)."""
    import http.client

    def send(numbers):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        for number in numbers:
            document = (
                f"query Distinct{number} {{ events(locale: EN, first: {number % 3}) "
                "{ totalCount edges { node { title } } } }"
            )
            connection.request("GET", "/graphql/?query=" + quote(document))
            connection.getresponse().read()
        connection.close()

    def batch(start, count, clients=4):
        numbers = list(range(start, start + count))
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            list(pool.map(send, [numbers[i::clients] for i in range(clients)]))

    warmup = min(1000, RSS_QUERIES // 10)
    batch(0, warmup)
    before = server.worker_rss_kb()
    began = time.time()
    batch(warmup, RSS_QUERIES)
    return {
        "before_kb": before,
        "after_kb": server.worker_rss_kb(),
        "warmup": warmup,
        "queries": RSS_QUERIES,
        "seconds": time.time() - began,
    }


# --- report --------------------------------------------------------------------------------------


def median(runs, field):
    return statistics.median(r[field] for r in runs)


def machine():
    def version(args):
        try:
            out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    def packages(python, names):
        script = (
            "import importlib.metadata as m\n"
            f"print(', '.join(f'{{n}} {{m.version(n)}}' for n in {names!r}))"
        )
        return version([str(python), "-c", script])

    memory = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu.group(1) if cpu else platform.processor(),
        "ram_gib": round(int(memory) / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgres": psql("show server_version"),
        "redis": version(["redis-server", "--version"]),
        "wrk": version(["wrk", "--version"]),
        "project": packages(
            PYTHON,
            ["django", "wagtail", "strawberry-graphql", "strawberry-graphql-django", "gunicorn"],
        ),
        "peer": packages(
            PEER_PYTHON, ["django", "wagtail", "wagtail-grapple", "graphene-django", "graphql-core"]
        ),
        "load": os.getloadavg(),
    }


def fmt(value, digits=1):
    return f"{value:,.{digits}f}"


TARGET_NAMES = {
    "project": "project",
    "grapple": "wagtail-grapple 0.31",
    "rest": "Wagtail REST API v2",
    "limit": "limit (precomputed bytes)",
}
SCENARIOS = {
    "chapters": "uncached: all chapters with their events",
    "chapter": "uncached: one chapter",
    "cached": "cached (warm) GET, all chapters with their events",
    "published": f"right after a publish (one every {PUBLISH_INTERVAL:g} s), all chapters",
}


def table(phase):
    lines = [
        "| scenario | target | req/s | p50 ms | p95 ms | p99 ms | answers | wrk s "
        "| SQL/answer | answer bytes |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (scenario, target), runs in phase["results"].items():
        sql = phase["sql"].get((scenario, target))
        size = phase["sizes"].get((scenario, target))
        if size is None and target == "limit":
            size = phase["limit_bytes"]
        per_unit = runs[0]["per_unit"]
        unit = f" ({per_unit} requests)" if per_unit > 1 else ""
        bad = sum(r["bad"] for r in runs)
        answers = "+".join(str(r["requests"] // per_unit) for r in runs)
        seconds = "+".join(str(r.get("s", DURATION)) for r in runs)
        if median(runs, "rps"):
            figures = " | ".join(fmt(median(runs, f)) for f in ("rps", "p50", "p95", "p99"))
        else:
            figures = "no answer within the run | | |"
        lines.append(
            f"| {SCENARIOS[scenario]} | {TARGET_NAMES[target]}{unit} | {figures} | {answers} | "
            f"{seconds} | {'' if sql is None else sql} | "
            f"{'' if size is None else f'{size:,}'}{f' ({bad} bad)' if bad else ''} |"
        )
    return "\n".join(lines)


def ratio(phase, a, b):
    """req/s of a over b; NaN when either finished no answer within its runs (then they were
    too short for it: raise BENCH_MAX_DURATION)."""
    above, below = median(phase["results"][a], "rps"), median(phase["results"][b], "rps")
    return above / below if above and below else float("nan")


def report(info, one, ten, minutes):
    r = lambda phase, a, b: ratio(phase, a, b)  # noqa: E731
    chapters_vs_grapple = r(one, ("chapters", "project"), ("chapters", "grapple"))
    chapter_vs_grapple = r(one, ("chapter", "project"), ("chapter", "grapple"))
    cached_vs_limit = r(one, ("cached", "project"), ("cached", "limit"))
    fresh = one["fresh"]
    worst_fresh = (
        max(
            max(v for k, v in t.items() if k.startswith("project"))
            for t in fresh
            if not t["missing"]
        )
        if any(not t["missing"] for t in fresh)
        else None
    )
    missing = sum(len(t["missing"]) for t in fresh)

    def growth_of_p95(scenario):
        before = median(one["results"][(scenario, "project")], "p95")
        after = median(ten["results"][(scenario, "project")], "p95")
        return after / before if before and after else float("nan")

    p95 = {scenario: growth_of_p95(scenario) for scenario in ("chapters", "chapter")}
    rss_info = one["rss"]
    growth = [
        (after - before) / before
        for before, after in zip(rss_info["before_kb"], rss_info["after_kb"], strict=False)
    ]

    def verdict(ok):
        return "**met**" if ok else "**not met**"

    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC "
        f"in {minutes:.1f} minutes. How to read it: bench/README.md.",
        "",
        "## Machine",
        "",
        f"- {info['cpus']} CPUs ({info['cpu']}), {info['ram_gib']} GiB RAM, {info['os']}",
        f"- load average when the run began: {', '.join(f'{v:.2f}' for v in info['load'])} "
        f"(the machine is shared: other processes competed for the same cores, so the figures "
        "are noisy; ratios within one run are the meaningful part)",
        f"- Python {info['python']}; PostgreSQL {info['postgres']}; {info['redis']}; {info['wrk']}",
        f"- project: {info['project']}",
        f"- peer (bench/.venv-grapple): {info['peer']}",
        f"- every server: gunicorn, {WORKERS} sync workers, bound to 127.0.0.1; wrk with "
        f"{CONNECTIONS} connections, at least {DURATION} s per measurement and longer for slow "
        f'answers, up to {MAX_DURATION} s (column "wrk s"), {ROUNDS} interleaved rounds '
        "(figures are the medians of the rounds)",
        "",
        "## Targets (issue 13)",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f'| uncached "all chapters with events" ≥ 3× wagtail-grapple\'s req/s | '
        f"{chapters_vs_grapple:.2f}× (one chapter: {chapter_vs_grapple:.2f}×) | "
        f"{verdict(chapters_vs_grapple >= 3)} |",
        f"| cached GET ≥ 70% of the limit's req/s | {cached_vs_limit:.0%} | "
        f"{verdict(cached_vs_limit >= 0.7)} |",
        "| a publish makes every app server answer fresh within 1 s "
        "(two gunicorn servers, one Redis) | "
        + (
            f"slowest of {len(fresh)} publishes × 2 servers: {worst_fresh:.3f} s"
            if worst_fresh is not None
            else "never fresh"
        )
        + (f", {missing} never fresh within 10 s" if missing else "")
        + f" | {verdict(worst_fresh is not None and worst_fresh <= 1 and not missing)} |",
        f"| p95 grows ≤ 1.2× when content grows {FACTOR}× | all chapters: {p95['chapters']:.2f}×, "
        f"one chapter: {p95['chapter']:.2f}× | "
        + (
            "**not measured** (no answers in a run)"
            if any(value != value for value in p95.values())
            else verdict(max(p95.values()) <= 1.2)
        )
        + " |",
        f"| worker RSS flat after {rss_info['queries']:,} distinct queries | "
        + ", ".join(
            f"{b / 1024:.0f} → {a / 1024:.0f} MiB ({g:+.1%})"
            for b, a, g in zip(rss_info["before_kb"], rss_info["after_kb"], growth, strict=False)
        )
        + f" | {verdict(max(growth) <= 0.05)} (flat: ≤ 5%) |",
        "",
        "## Ratios (req/s of the project over the other, same run)",
        "",
        "| scenario | project / grapple | project / REST v2 | project / limit |",
        "|---|---:|---:|---:|",
    ]
    for scenario in ("chapters", "chapter", "cached", "published"):
        cells = []
        for other in ("grapple", "rest", "limit"):
            peer_key = (scenario, other)
            if scenario == "cached" and other in ("grapple", "rest"):
                # Neither peer keeps answers: their cached figure is their uncached one.
                peer_key = ("chapters", other)
            if scenario == "chapters" and other == "limit":
                # The limit returns the bytes of this very answer.
                peer_key = ("cached", "limit")
            if peer_key in one["results"]:
                cells.append(f"{r(one, (scenario, 'project'), peer_key):.3g}×")
            else:
                cells.append("")
        lines.append(f"| {SCENARIOS[scenario]} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Neither peer keeps answers, so the cached row compares the project's cached answer with",
        "their uncached one (what a grapple or REST API site serves without a cache in front).",
        "",
        f"## 1× content (create_random_content {SCALE}: {one['facts']['pages']:,} pages, "
        f"{one['facts']['images']:,} images)",
        "",
        table(one),
        "",
        f"## {FACTOR}× content (create_random_content {SCALE * FACTOR}: "
        f"{ten['facts']['pages']:,} pages, "
        f"{ten['facts']['images']:,} images)",
        "",
        table(ten),
        "",
        "## SQL per answer at 1× and 10×",
        "",
        "| scenario | target | 1× | 10× |",
        "|---|---|---:|---:|",
    ]
    for key in ten["sql"]:
        lines.append(
            f"| {SCENARIOS[key[0]]} | {TARGET_NAMES[key[1]]} | "
            f"{one['sql'].get(key, '')} | {ten['sql'][key]} |"
        )
    lines += [
        "",
        "## Freshness after a publish (two project servers sharing Redis)",
        "",
        "Seconds from the publish's return (committed) to each server's first answer with the new",
        "title; both servers had the old answer cached just before. Polled every 10 ms.",
        "",
        "| publish | took (s) | " + " | ".join(s for s in ("project A", "project B")) + " |",
        "|---:|---:|---:|---:|",
    ]
    for number, attempt in enumerate(fresh, 1):
        cells = [
            f"{attempt[label]:.3f}" if label in attempt else "not fresh in 10 s"
            for label in ("project A", "project B")
        ]
        lines.append(f"| {number} | {attempt['publish_s']:.3f} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Worker memory",
        "",
        "Project server A (response cache on): RSS of each gunicorn worker after "
        f"{rss_info['warmup']:,} distinct documents, then after {rss_info['queries']:,} more "
        f"({rss_info['seconds']:.0f} s).",
        "",
        "| worker | RSS after the warm-up (MiB) | after the distinct documents (MiB) | growth |",
        "|---:|---:|---:|---:|",
    ]
    for number, (before, after, grew) in enumerate(
        zip(rss_info["before_kb"], rss_info["after_kb"], growth, strict=False), 1
    ):
        lines.append(f"| {number} | {before / 1024:.1f} | {after / 1024:.1f} | {grew:+.1%} |")
    return "\n".join(lines) + "\n"


def main():
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    began = time.time()
    WORK.mkdir(parents=True, exist_ok=True)
    for tool in ("wrk", "psql", "redis-cli"):
        if not shutil.which(tool):
            raise SystemExit(
                f"{tool} is missing: `make bench` installs wrk; psql and Redis must run."
            )
    info = machine()
    try:
        # Production settings serve static files from the collected manifest.
        run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=environment("postgres"))
        small = database(SCALE)
        large = database(SCALE * FACTOR, template=small)
        one = measure(small, "1x", with_cache_scenarios=True)
        ten = measure(large, f"{FACTOR}x", with_cache_scenarios=False)
    finally:
        stop_all()

    minutes = (time.time() - began) / 60
    (WORK / "last-run.json").write_text(
        json.dumps({"info": info, "minutes": minutes, "one": flat(one), "ten": flat(ten)}, indent=1)
    )
    write_report(info, one, ten, minutes)


KEYED = ("results", "sql", "sizes")


def flat(phase):
    """The phase as JSON: (scenario, target) keys joined by "|"."""
    return {
        k: ({"|".join(x): y for x, y in v.items()} if k in KEYED else v) for k, v in phase.items()
    }


def unflat(phase):
    return {
        k: ({tuple(x.split("|")): y for x, y in v.items()} if k in KEYED else v)
        for k, v in phase.items()
    }


def write_report(info, one, ten, minutes):
    text = report(info, one, ten, minutes)
    OUTPUT.write_text(text)
    print(text)
    log(f"written to {OUTPUT}")


def report_again():
    """`run.py --report`: the report of the last run again, from bench/.work/last-run.json."""
    saved = json.loads((WORK / "last-run.json").read_text())
    write_report(saved["info"], unflat(saved["one"]), unflat(saved["ten"]), saved["minutes"])


if __name__ == "__main__":
    if sys.argv[1:] == ["--report"]:
        report_again()
        raise SystemExit
    try:
        main()
    finally:
        stop_all()
