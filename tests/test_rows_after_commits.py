"""A test that commits leaves the migrated rows behind it (tests/conftest.py's
``pytest_runtest_teardown``): ``make test`` runs each module whole on one process, so the
module after one that ends in committing tests may expect the root page and locales."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page

# Both commit, and pytest-django runs them in this order (after the module's other tests, of
# which there are none). Without serialized rollback the first one's flush empties every table.
COMMITS = pytest.mark.django_db(transaction=True)


@COMMITS
def test_a_committing_test_changes_the_migrated_rows():
    Locale.objects.filter(language_code="ja").update(language_code="xx")
    assert not Locale.objects.filter(language_code="ja").exists()


@COMMITS
def test_the_next_test_finds_them_as_migrations_left_them():
    assert Locale.objects.filter(language_code="ja").exists()
    assert not Locale.objects.filter(language_code="xx").exists()
    assert Page.get_first_root_node() is not None
    assert Group.objects.filter(name="Moderators").exists()  # made by Wagtail's migrations


class Snapshot:
    def __init__(self):
        self.restored = 0

    def restore(self):
        self.restored += 1


class Item:
    """A committing test item as the teardown hook sees it."""

    fixturenames = ["transactional_db"]

    def __init__(self, config):
        self.config = config

    def get_closest_marker(self, name):
        return None


def tear_down(request, nextitem):
    from tests.conftest import MIGRATED_ROWS, pytest_runtest_teardown

    snapshot = Snapshot()
    config = request.config
    saved = config.stash.get(MIGRATED_ROWS, None)
    config.stash[MIGRATED_ROWS] = snapshot
    try:
        hook = pytest_runtest_teardown(Item(config), nextitem)
        next(hook)
        with pytest.raises(StopIteration):
            hook.send(None)
    finally:
        if saved is None:
            del config.stash[MIGRATED_ROWS]
        else:
            config.stash[MIGRATED_ROWS] = saved
    return snapshot.restored


def test_the_rows_are_put_back_when_another_test_follows(request):
    assert tear_down(request, nextitem=object()) == 1


def test_nothing_is_written_after_the_last_test_of_a_process(request):
    # By then the session's teardown has destroyed the test database: the connection names
    # the configured database again (CI's PostgreSQL failed on "auth_group" not existing).
    assert tear_down(request, nextitem=None) == 0
