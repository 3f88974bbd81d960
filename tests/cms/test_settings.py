"""The settings module is configured by the environment, and production refuses to start
without its secrets. Each case runs in a fresh interpreter so that the environment is read."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.settings_process import settings_process, settings_read

REPORT = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'conn_max_age': settings.DATABASES['default']['CONN_MAX_AGE'], "
    "'cache': settings.CACHES['default']['BACKEND'], 'debug': settings.DEBUG, "
    "'hosts': settings.ALLOWED_HOSTS, 'tasks': settings.TASKS['default']['BACKEND'], "
    "'rq': getattr(settings, 'RQ_QUEUES', {}).get('default', {}).get('URL'), "
    "'email': [settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, "
    "settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD, settings.EMAIL_USE_TLS, "
    "settings.DEFAULT_FROM_EMAIL]}))"
)


def run_settings(module, **env):
    # Only ``env`` decides: what the shell running the tests sets for these is taken away.
    unset = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")
    unset += ("DB_CONN_MAX_AGE", "EMAIL_", "TASKS_")
    return settings_process(REPORT, module=module, env=env, unset=unset)


def test_embedded_default_needs_nothing_set():
    result = run_settings("cms.settings.dev")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["engine"] == "django.db.backends.sqlite3"
    assert report["name"].endswith("db.sqlite3")
    assert report["cache"].endswith("LocMemCache")
    assert report["debug"] is True
    assert report["tasks"] == "django_tasks_db.DatabaseBackend"
    assert report["email"][0] == "django.core.mail.backends.console.EmailBackend"


def test_database_and_redis_urls_are_read():
    result = run_settings(
        "cms.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/sakura",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["engine"] == "django.db.backends.postgresql"
    assert report["name"] == "sakura"
    assert report["cache"] == "django_redis.cache.RedisCache"
    # Tasks go to Redis too, for RQ workers on any machine.
    assert report["tasks"] == "django_tasks_rq.RQBackend"
    assert report["rq"] == "redis://127.0.0.1:6379/1"


def test_the_task_queue_can_be_chosen():
    for name, backend in [
        ("database", "django_tasks_db.DatabaseBackend"),
        ("immediate", "django_tasks.backends.immediate.ImmediateBackend"),
    ]:
        result = run_settings(
            "cms.settings.dev", REDIS_URL="redis://127.0.0.1:6379/1", TASKS_BACKEND=name
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["tasks"] == backend


def test_an_unknown_task_queue_is_refused_by_name():
    result = run_settings("cms.settings.dev", TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "TASKS_BACKEND='celery' is not one of: database, rq, immediate." in result.stderr


def test_smtp_is_configured_by_the_environment():
    result = run_settings(
        "cms.settings.dev",
        EMAIL_HOST="smtp.example.net",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="club",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="Club <club@example.net>",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["email"] == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.net",
        587,
        "club",
        "secret",
        True,
        "Club <club@example.net>",
    ]


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings("cms.settings.production", ALLOWED_HOSTS="club.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_settings("cms.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_starts_with_its_secrets():
    result = run_settings(
        "cms.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="club.example.org"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["debug"] is False
    assert report["hosts"] == ["club.example.org"]
    assert report["email"][0] == "django.core.mail.backends.smtp.EmailBackend"


def test_production_keeps_database_connections_unless_told_otherwise():
    secrets = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "club.example.org"}
    kept = json.loads(run_settings("cms.settings.production", **secrets).stdout)
    assert kept["conn_max_age"] == 60
    closed = run_settings("cms.settings.production", DB_CONN_MAX_AGE="0", **secrets)
    assert json.loads(closed.stdout)["conn_max_age"] == 0
    assert json.loads(run_settings("cms.settings.dev").stdout)["conn_max_age"] == 0


def manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"))
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "k3y-" + "".join(chr(65 + (i * 7) % 58) for i in range(60)),
    "ALLOWED_HOSTS": "club.example.org",
}


def test_check_deploy_has_nothing_to_say_about_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_hsts_is_a_year_with_subdomains_and_configurable():
    read = (
        "[settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " settings.SAKURA_2FA_REQUIRE_SUPERUSERS]"
    )
    production = "cms.settings.production"
    assert settings_read(read, module=production, env=PRODUCTION_ENV) == [31536000, True, True]
    off = {**PRODUCTION_ENV, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "false"}
    assert settings_read(read, module=production, env=off)[1] is False


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("AXES_FAILURE_LIMIT", "five", "AXES_FAILURE_LIMIT='five' is not a whole number."),
        ("AXES_FAILURE_LIMIT", "0", "AXES_FAILURE_LIMIT='0' must be at least 1."),
        ("WEBHOOK_TIMEOUT", "5s", "WEBHOOK_TIMEOUT='5s' is not a number."),
        ("SECURE_SSL_REDIRECT", "ture", "SECURE_SSL_REDIRECT='ture' is not a yes/no value"),
        ("FRONTEND_CACHE_BACKEND", "http", "FRONTEND_CACHE_LOCATION is not set"),
    ],
)
def test_a_malformed_variable_is_refused_by_name(variable, value, message):
    result = run_settings(
        "cms.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="club.example.org",
        **{variable: value},
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_yes_and_no_words_are_read_both_ways():
    on = run_settings("cms.settings.dev", DEBUG="Yes")
    off = run_settings("cms.settings.dev", DEBUG="off")
    assert json.loads(on.stdout)["debug"] is True, on.stderr
    assert json.loads(off.stdout)["debug"] is False, off.stderr
