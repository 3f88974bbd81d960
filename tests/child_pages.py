"""Pages a test's world builder makes under a parent, published or not."""

from tests import factories as f
from tests.conftest import fresh, publish


def child(factory, parent, **fields):
    """A page made by ``factory`` under ``parent`` as the database holds it now: treebeard
    computes the new page's path from the parent's child count, which a stale copy gets wrong."""
    return factory(parent=fresh(parent), **fields)


def add(factory, parent, **fields):
    """A ``child`` published with a revision, as an editor's page is."""
    return publish(child(factory, parent, **fields))


def add_event(parent, title, start_date, **fields):
    return add(f.EventPageFactory, parent, title=title, start_date=start_date, **fields)
