"""Fixtures shared by the whole suite: a small site tree and one user per editorial role."""

import io
import signal
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import redis
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import IntegrityError, connections, transaction
from django.utils import translation
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Page

from site_pages.roles import MENTORS_GROUP, chapter_group_name
from tests.database_snapshot import (
    DatabaseDifference,
    DatabaseSnapshot,
    RowsChanged,
    clear_caches,
    media_files,
    media_names,
    rolled_back_world,
)
from tests.image_encoding import encode_avif_at_test_speed
from tests.site_tree import SiteTree, build_site_tree, made, transactional


def pytest_configure(config):
    # Renditions are made on almost every page view; see tests/image_encoding.py.
    encode_avif_at_test_speed()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language: Django leaves the language a request
    activated (e.g. Japanese under /ja/) active in the thread, and messages built outside a
    request would then depend on which test ran before on the same worker."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: the database rolls back between tests and reuses
    ids, so a rendition or a site root cached by an earlier test would answer for new rows."""
    clear_caches()


def publish(page):
    """Publish a page made by a factory, so it has a live revision like an editor's page."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def fresh(page):
    """The page as the database holds it now, as its specific class."""
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture(scope="session")
def site_tree_difference(migrated_database, django_db_blocker):
    """The site tree built once per test process from the migrated rows, in a transaction
    rolled back: the pks of its pages, and the DatabaseDifference the build made."""
    with django_db_blocker.unblock(), transaction.atomic():
        migrated_database.restore()
        media_before = media_names()
        pks = build_site_tree().pks()
        built = DatabaseSnapshot.take(
            connections["default"], media=media_files(media_names() - media_before)
        )
        difference = DatabaseDifference.between(migrated_database, built)
        transaction.set_rollback(True)
    clear_caches()
    return pks, difference


@pytest.fixture
def site_tree(request, db, site_tree_difference):
    """Home with every section and two chapters, as the default site's root, with the
    editorial groups: the built rows applied in the test's transaction (see tests/site_tree.py),
    or built where that is not safe."""
    if transactional(request.node):
        made["built: transactional test"] += 1
        return build_site_tree()
    pks, difference = site_tree_difference
    try:
        with transaction.atomic():
            difference.apply()
    except (IntegrityError, RowsChanged) as error:
        # A fixture before this one made or changed rows the tree would replace or collide
        # with; the savepoint is rolled back and the tree built on top of them.
        made[f"built: {type(error).__name__}"] += 1
        clear_caches(this_process_only=True)
        return build_site_tree()
    made["applied"] += 1
    return SiteTree.fetch(pks)


# The migrated rows (``django_db_setup``), for the hook below, which is no fixture.
MIGRATED_ROWS = pytest.StashKey[DatabaseSnapshot]()


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """pytest-django's test database, and a snapshot of the rows migrations put in it, taken
    before any test runs: the demo is built from it (``demo_snapshot``), and a module that
    commits the demo restores it afterwards (``migrated_database``)."""
    with django_db_blocker.unblock():
        snapshot = DatabaseSnapshot.take(connections["default"])
    request.config.stash[MIGRATED_ROWS] = snapshot
    return snapshot


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that commits, the database holds the migrated rows again. Its flush leaves
    the tables empty (or, with serialized rollback, empty until the next such test), and
    ``make test`` sends each test module whole to one process (``--dist loadfile``: a module's
    world is built once), so the next module on that process may be one that expects the
    root page, locales and groups that migrations made.

    After a process's last test (``nextitem`` is None) there is no next module, and its
    teardown has already destroyed the test database and pointed the connection back at the
    configured one (``postgres``, or the developer's SQLite file), which must not be touched."""
    result = yield
    if nextitem is not None and transactional(item) and MIGRATED_ROWS in item.config.stash:
        with item.config.stash[blocking_manager_key].unblock():
            item.config.stash[MIGRATED_ROWS].restore()
    return result


@pytest.fixture(scope="session")
def migrated_database(django_db_setup):
    """The migrated database's rows (a DatabaseSnapshot)."""
    return django_db_setup


@pytest.fixture(scope="session")
def demo_snapshot(migrated_database, django_db_blocker):
    """The demo site as `make run` has it (``load_demo_content`` with its indexes), built once
    per test process from the migrated rows and kept as a snapshot with its pictures: building
    it takes 25-35 s, restoring it well under one."""
    with django_db_blocker.unblock(), transaction.atomic():
        migrated_database.restore()
        media_before = media_names()
        call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
        snapshot = DatabaseSnapshot.take(
            connections["default"], media=media_files(media_names() - media_before)
        )
        transaction.set_rollback(True)
    clear_caches()
    return snapshot


@pytest.fixture(scope="module")
def demo(demo_snapshot, django_db_blocker):
    """The demo site for the module, rolled back after it (request it with ``db``)."""
    with rolled_back_world(django_db_blocker, demo_snapshot.restore):
        yield


def make_user(username, *groups, superuser=False):
    User = get_user_model()
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password="password"
    )
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def users(site_tree, settings):
    """One user per role: secretariat, India and Indonesia chapter editors, a mentor."""
    return {
        "secretariat": make_user("secretariat", settings.SAKURA_SECRETARIAT_GROUP),
        "india_editor": make_user("india", chapter_group_name(site_tree.india)),
        "indonesia_editor": make_user("indonesia", chapter_group_name(site_tree.indonesia)),
        "mentor": make_user("mentor", MENTORS_GROUP),
    }


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, and Django's SMTP backend pointed at it."""
    from tests.mailbox import LoopbackSMTPServer

    server = LoopbackSMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


# Tests that run the real worker (``task_worker``) carry this mark; see the fixture.
WORKER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def task_worker(settings, transactional_db):
    """The database task queue, and a function that runs the real worker over it until empty.

    The worker runs in this process (``run_worker --batch``, i.e. django-tasks-db's db_worker).
    The test is transactional: the worker commits and recycles its database connection between
    tasks as in production, which a test wrapped in one transaction could not survive. Mark
    such tests ``WORKER_DB`` (serialized rollback, like the browser tests): each starts from what
    migrations made (the root page, locales, collections), and its flush does not re-run
    post_migrate handlers, whose rows would clash with the next serialized test's.
    """
    from django.core.management import call_command

    settings.TASKS_BACKEND = "database"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }

    def run():
        # db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
        with own_signal_handlers():
            call_command("run_worker", batch=True, verbosity=0)

    return run


# The signals a worker run in the test process takes over. A disposition left behind is
# inherited by every process the test process starts later: RQ's worker ignores SIGINT, and a
# server started after it (tests/cms/test_run_with_worker.py) then ignored Ctrl-C.
WORKER_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)


@contextmanager
def own_signal_handlers():
    """Run a worker in the test process and give the process its signal handlers back."""
    saved = {sig: signal.getsignal(sig) for sig in WORKER_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@pytest.fixture(autouse=True)
def signal_handlers_kept():
    """A test that changes the process's signal handlers fails (and they are put back)."""
    saved = {sig: signal.getsignal(sig) for sig in WORKER_SIGNALS}
    yield
    changed = [sig.name for sig, handler in saved.items() if signal.getsignal(sig) != handler]
    for sig, handler in saved.items():
        signal.signal(sig, handler)
    assert not changed, f"the test left its own handlers for {changed}: use own_signal_handlers()"


@dataclass
class SharedRedis:
    """The Redis two app servers share in a test, and the keys of this test's entries in it."""

    client: redis.Redis
    prefix: str

    def key(self, name):
        """The Redis key Django's cache gives ``name`` (its key prefix and version 1)."""
        return f"{self.prefix}:1:{name}"

    def stored(self):
        return list(self.client.scan_iter(match=f"{self.prefix}:*"))

    def empty(self):
        for key in self.stored():
            self.client.delete(key)


@pytest.fixture
def two_servers(settings, worker_id):
    """Two app servers' response caches: two cache aliases, each with its own connection pool,
    on the machine's real Redis, under a key prefix of this test process (the test processes
    of one run share that Redis, and each empties only its own keys before and after). Gives
    that Redis and a function that makes the next request use one server's alias."""
    shared = SharedRedis(
        redis.Redis.from_url("redis://127.0.0.1:6379/11"), f"two-servers-{worker_id}"
    )
    shared.empty()
    alias = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/11",
        "KEY_PREFIX": shared.prefix,
    }
    settings.CACHES = {**settings.CACHES, "server-a": dict(alias), "server-b": dict(alias)}

    def serve_from(name):
        settings.SAKURA_RESPONSE_CACHE = {**settings.SAKURA_RESPONSE_CACHE, "CACHE": name}

    yield shared, serve_from
    shared.empty()


@pytest.fixture
def response_cache_down(settings):
    """The response cache on a Redis that never answers: nothing listens on port 1, and the
    short timeouts keep each failed attempt quick."""
    settings.CACHES = {
        **settings.CACHES,
        "responses": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
    }
