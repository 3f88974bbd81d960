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
