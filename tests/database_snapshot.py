"""A copy of the test database's rows, and of the media files written meanwhile, put back in one
transaction in a fraction of a second.

The demo content takes 25-35 s to build (pictures drawn, pages revised and published, indexes
filled); loaded once per test process and restored from a snapshot, a module that reads it pays
well under a second. Rows are copied as the database stores them (SQLite: Python values from
``SELECT *``; PostgreSQL: ``COPY``), so nothing is re-validated, re-signalled or re-indexed.

A restore replaces every table's rows; a caller that wants them back afterwards restores in a
transaction it rolls back (a module's fixture) or restores an earlier snapshot.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction


def media_names():
    """The files under MEDIA_ROOT (the test settings keep media on disk), as storage names."""
    root = Path(settings.MEDIA_ROOT)
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def media_files(names):
    """{name: bytes} of these files under MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT)
    return {name: (root / name).read_bytes() for name in names}


@contextmanager
def rolled_back_world(django_db_blocker, build):
    """Build a module's test content once, inside a transaction rolled back when the module is
    done; each test still runs in its own savepoint (pytest-django's ``db``)."""
    with django_db_blocker.unblock(), transaction.atomic():
        clear_caches()
        yield build()
        transaction.set_rollback(True)
    # Wagtail caches site root paths and renditions; they go with the rolled-back content.
    clear_caches()


def world_fixture(build):
    """A module's ``world`` fixture: what ``build()`` returns, made once for the module in
    ``rolled_back_world`` (assign it to ``world`` at the module's top level)."""

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker):
        with rolled_back_world(django_db_blocker, build) as built:
            yield built

    return world


def clear_caches(this_process_only=False):
    """Every cache alias, and the kept answers this process remembers beside them; or only the
    caches that live in this process (the test settings' own, all local memory)."""
    from site_pages import kept_answers

    for cache in caches.all():
        if not this_process_only or isinstance(cache, LocMemCache):
            cache.clear()
    kept_answers.remembered.clear()


def table_names(connection):
    """The tables of Django's models that hold rows: SQLite's full-text tables are filled by
    triggers on modelsearch's index table, so copying them as well would index twice."""
    names = connection.introspection.django_table_names(only_existing=True, include_views=False)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
            )
            virtual = {name for (name,) in cursor.fetchall()}
        names = [name for name in names if name not in virtual]
    return sorted(names)


@dataclass
class DatabaseSnapshot:
    connection: object
    rows: dict  # table name: SQLite's rows as tuples, or PostgreSQL's COPY text
    media: dict  # file name under MEDIA_ROOT: its bytes

    @classmethod
    def take(cls, connection, media=None):
        """The rows of every table as this connection sees them now (uncommitted ones too)."""
        if connection.vendor not in COPIERS:
            raise NotImplementedError(f"no table copier for {connection.vendor}")
        read = COPIERS[connection.vendor][0]
        with connection.cursor() as cursor:
            tables = table_names(connection)
            rows = {table: read(cursor, quoted(connection, table)) for table in tables}
        return cls(connection, rows, media or {})

    def restore(self):
        """Every table holds exactly the snapshot's rows, committed when no transaction is open.

        Foreign keys are checked at commit (Django declares them deferrable), so tables are
        emptied and filled in any order. Caches are emptied: they name rows by id, and the ids
        now stand for other rows."""
        connection = self.connection
        write = COPIERS[connection.vendor][1]
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            empty(connection, cursor, list(self.rows))
            for table, rows in self.rows.items():
                write(cursor, quoted(connection, table), rows)
            if connection.vendor == "postgresql":
                advance_sequences(cursor, list(self.rows))
        put_back_media(self.media)
        clear_caches()


def put_back_media(media):
    for name, content in media.items():
        # A test may have deleted a picture the rows name (or pointed MEDIA_ROOT elsewhere).
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(content))


def quoted(connection, table):
    return connection.ops.quote_name(table)


def empty(connection, cursor, tables):
    """Row by row: on SQLite the deletions fire the full-text index's triggers; on PostgreSQL,
    DELETE on these small tables takes milliseconds where TRUNCATE, which makes every table
    anew, takes seconds."""
    for table in tables:
        cursor.execute(f"DELETE FROM {quoted(connection, table)}")


def advance_sequences(cursor, tables):
    """Each id sequence past the largest id now in its table, never back: a sequence set lower
    (as ``flush --reset-sequences`` does) would hand out ids of rows that a rolled-back
    transaction or a serialized rollback brings back (duplicate-key errors in later tests)."""
    cursor.execute(
        """
        SELECT seq.relname, tab.relname, col.attname
        FROM pg_class seq
        JOIN pg_depend dep ON dep.objid = seq.oid AND dep.deptype IN ('a', 'i')
        JOIN pg_class tab ON tab.oid = dep.refobjid
        JOIN pg_attribute col ON col.attrelid = tab.oid AND col.attnum = dep.refobjsubid
        WHERE seq.relkind = 'S' AND tab.relname = ANY(%s)
        """,
        [tables],
    )
    for sequence, table, column in cursor.fetchall():
        cursor.execute(
            f'SELECT setval(%s, top) FROM (SELECT max("{column}") AS top FROM "{table}") AS t '
            f'WHERE top >= (SELECT last_value FROM "{sequence}")',
            [f'"{sequence}"'],
        )


def read_sqlite(cursor, table):
    """The columns' names and the rows as stored: ``+column`` is the same value without the
    column's declared type, which would make Django's converters turn text into datetimes,
    decimals and booleans, and back into text that need not be the same."""
    cursor.execute(f"PRAGMA table_info({table})")
    columns = [row[1] for row in cursor.fetchall()]
    values = ", ".join(f'+"{column}"' for column in columns)
    cursor.execute(f"SELECT {values} FROM {table}")
    return columns, cursor.fetchall()


def write_sqlite(cursor, table, stored):
    columns, rows = stored
    if rows:
        names = ", ".join(f'"{column}"' for column in columns)
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def read_postgresql(cursor, table):
    with cursor.copy(f"COPY {table} TO STDOUT") as copy:
        return b"".join(bytes(block) for block in copy)


def write_postgresql(cursor, table, text):
    if not text:
        return
    with cursor.copy(f"COPY {table} FROM STDIN") as copy:
        copy.write(text)


COPIERS = {
    "sqlite": (read_sqlite, write_sqlite),
    "postgresql": (read_postgresql, write_postgresql),
}


class RowsChanged(Exception):
    """A row a difference would replace no longer holds what it held when the difference was
    taken (a fixture earlier in the test changed it), so applying would lose that change."""


@dataclass
class TableChange:
    columns: list  # the table's columns, in its order (SQLite's rows and COPY lines follow it)
    pk_column: str
    replaced: dict  # primary key: the stored row it had before (rows removed or changed)
    added: list  # stored rows to insert (rows added, and the new versions of changed rows)

    def keyed(self, vendor, stored_rows):
        """{primary key: row}; on PostgreSQL the key is the field's COPY text (primary keys
        here are numbers or plain strings, which COPY writes without backslash escapes)."""
        index = self.columns.index(self.pk_column)
        if vendor == "sqlite":
            return {row[index]: row for row in stored_rows}
        return {line.split(b"\t")[index].decode(): line for line in stored_rows}


@dataclass
class DatabaseDifference:
    """What turned one snapshot into another, table by table, keyed by primary key: applied in
    a test's transaction it adds the same rows without touching rows the test made before."""

    connection: object
    tables: dict  # table name: TableChange
    media: dict  # the files the rows name, as in DatabaseSnapshot

    @classmethod
    def between(cls, before, after):
        connection = after.connection
        vendor = connection.vendor
        tables = {}
        with connection.cursor() as cursor:
            for table, stored in after.rows.items():
                if stored == before.rows.get(table):
                    continue
                # Asked of the database, not assumed to be "id".
                pk_column = connection.introspection.get_primary_key_column(cursor, table)
                if pk_column is None:
                    raise NotImplementedError(f"{table} has no single-column primary key")
                description = connection.introspection.get_table_description(cursor, table)
                change = TableChange([column.name for column in description], pk_column, {}, [])
                old = change.keyed(vendor, stored_rows(vendor, before.rows[table]))
                new = change.keyed(vendor, stored_rows(vendor, stored))
                change.replaced = {pk: row for pk, row in old.items() if new.get(pk) != row}
                change.added = [row for pk, row in new.items() if old.get(pk) != row]
                tables[table] = change
        return cls(connection, tables, after.media)

    def apply(self):
        """Remove the replaced rows and insert the added ones, in the open transaction. Raises
        RowsChanged, or IntegrityError when a row the test made collides with an added one;
        the caller's ``atomic()`` then rolls the half-applied rows back."""
        connection = self.connection
        vendor = connection.vendor
        # COPY goes to psycopg's cursor directly: Django's wrapper still has to turn its
        # errors into django.db's (IntegrityError), as it does for execute().
        with connection.wrap_database_errors, connection.cursor() as cursor:
            for table, change in self.tables.items():
                if change.replaced:
                    name, pk = quoted(connection, table), quoted(connection, change.pk_column)
                    keys = list(change.replaced)
                    if change.keyed(vendor, read_rows(cursor, vendor, name, pk, keys)) != (
                        change.replaced
                    ):
                        raise RowsChanged(table)
                    cursor.execute(f"DELETE FROM {name} WHERE {pk_in(vendor, pk, keys)}", keys)
            for table, change in self.tables.items():
                if change.added:
                    name = quoted(connection, table)
                    if vendor == "sqlite":
                        write_sqlite(cursor, name, (change.columns, change.added))
                    else:
                        write_postgresql(cursor, name, b"".join(f + b"\n" for f in change.added))
            if vendor == "postgresql":
                advance_sequences(cursor, [t for t, change in self.tables.items() if change.added])
        put_back_media(self.media)
        # Cached answers and site roots may name the replaced rows. A test's fixtures may
        # already have pointed an alias at a Redis (``two_servers``: shared with the other
        # test process, which a flush would empty too; ``response_cache_down``: unreachable);
        # those start empty, and only this process's caches need emptying.
        clear_caches(this_process_only=True)


def stored_rows(vendor, stored):
    """A table's rows as a snapshot keeps them: SQLite's tuples, or PostgreSQL's COPY lines."""
    return stored[1] if vendor == "sqlite" else stored.splitlines()


def pk_in(vendor, pk, keys):
    if vendor == "postgresql":
        # The keys are COPY text, whatever the column's type.
        return f"{pk}::text IN ({', '.join(['%s'] * len(keys))})"
    return f"{pk} IN ({', '.join(['%s'] * len(keys))})"


def read_rows(cursor, vendor, table, pk, keys):
    """These rows of a table as it holds them now, stored as a snapshot stores them."""
    where = pk_in(vendor, pk, keys)
    if vendor == "sqlite":
        cursor.execute(f"PRAGMA table_info({table})")
        values = ", ".join(f'+"{row[1]}"' for row in cursor.fetchall())
        cursor.execute(f"SELECT {values} FROM {table} WHERE {where}", keys)
        return cursor.fetchall()
    with cursor.copy(f"COPY (SELECT * FROM {table} WHERE {where}) TO STDOUT", keys) as copy:
        return b"".join(bytes(block) for block in copy).splitlines()
