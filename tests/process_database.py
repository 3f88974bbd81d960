"""The test database, handed to a process the test starts (a server, a worker)."""

import sqlite3

import pytest
from django.db import connection


def database_url(tmp_path):
    """A DATABASE_URL for a child process: a file copy of the in-memory SQLite test database
    (``sqlite_path`` reads it back), or the PostgreSQL test database itself."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "db.sqlite3"
        with sqlite3.connect(path) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    if connection.vendor == "postgresql":
        user, host, port = db["USER"], db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        return f"postgres://{user}@{host}:{port}/{db['NAME']}"
    pytest.skip(f"no way to share a {connection.vendor} test database with a process")
