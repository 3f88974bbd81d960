"""Which language versions of a page exist, and which lag behind their source.

wagtail-localize builds a translation from a snapshot of its source page (``TranslationSource``,
taken at ``last_updated_at``) and the translated strings. A translation made that way is *out of
date* when

- its source changed after the snapshot: the source was published again (or, while it is not
  live, saved) after ``last_updated_at``. "Sync translated pages" takes a new snapshot; or
- the live translation was made before the snapshot: its live revision is older than
  ``last_updated_at`` (it was synced but not published yet), or it was never published.
  Publishing the translation, or the secretariat approving it, brings it up to date.

Pages translated by hand (Wagtail's own copy, or after "Stop synced translation") and alias
pages that mirror their source have no snapshot to lag behind: they count as up to date, and
the report says how they were made. Everything here works on whole lists of pages in a fixed
number of queries.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, F, OuterRef, Subquery, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation


class TranslationState(models.TextChoices):
    SOURCE = "source", _("Source")
    UP_TO_DATE = "up_to_date", _("Up to date")
    OUT_OF_DATE = "out_of_date", _("Out of date")
    IN_REVIEW = "in_review", _("In review")
    DRAFT = "draft", _("Draft")
    NOT_SYNCED = "not_synced", _("Translated by hand")
    ALIAS = "alias", _("Mirrors the source")
    MISSING = "missing", _("Missing")


@dataclass(frozen=True)
class SyncedTranslation:
    """One enabled wagtail-localize translation of a page into a locale."""

    translation_key: object
    source_locale_id: int
    target_locale_id: int
    out_of_date: bool
    # Which way it is out of date: the source changed since the last sync (else the last sync
    # is not published yet).
    source_changed: bool = False
    # wagtail-localize's TranslationSource, which "Sync translated pages" refreshes.
    translation_source_id: int | None = None


def synced_translations(translation_keys):
    """The enabled wagtail-localize translations of the pages with these translation keys, each
    with whether it is out of date (see the module docstring): one query."""
    keys = set(translation_keys)
    if not keys:
        return []
    source_page = Page.objects.filter(
        translation_key=OuterRef("source__object_id"), locale_id=OuterRef("source__locale_id")
    ).annotate(
        # A live page's row changes when it is published; a draft's, whenever it is saved.
        changed_at=Case(
            When(live=True, then=F("last_published_at")),
            default=F("latest_revision_created_at"),
        )
    )
    target_page = Page.objects.filter(
        translation_key=OuterRef("source__object_id"), locale_id=OuterRef("target_locale_id")
    )
    rows = (
        Translation.objects.filter(source__object_id__in=keys, enabled=True)
        .annotate(
            source_changed_at=Subquery(source_page.values("changed_at")[:1]),
            translation_made_at=Subquery(target_page.values("live_revision__created_at")[:1]),
        )
        .values_list(
            "source__object_id",
            "source__locale_id",
            "target_locale_id",
            "source__last_updated_at",
            "source_changed_at",
            "translation_made_at",
            "source_id",
        )
    )
    found = []
    for key, source_locale_id, target_locale_id, synced_at, changed_at, made_at, source in rows:
        source_changed = changed_at is not None and changed_at > synced_at
        behind = made_at is None or made_at < synced_at
        found.append(
            SyncedTranslation(
                key,
                source_locale_id,
                target_locale_id,
                source_changed or behind,
                source_changed,
                source,
            )
        )
    return found


class OutOfDateTranslations:
    """The out-of-date (translation key, locale id) pairs among some pages, looked up in one
    query the first time it is asked, so that a list of pages costs one query whatever its
    size, and nothing when nobody asks."""

    def __init__(self, translation_keys):
        self.translation_keys = set(translation_keys)
        self._pairs = None

    def __contains__(self, pair):
        if self._pairs is None:
            self._pairs = {
                (found.translation_key, found.target_locale_id)
                for found in synced_translations(self.translation_keys)
                if found.out_of_date
            }
        return pair in self._pairs

    def is_up_to_date(self, translation_key, locale_id):
        return (translation_key, locale_id) not in self


@dataclass(frozen=True)
class LocaleStatus:
    """One language version of a page, as the report shows it."""

    language_code: str
    state: str
    page_id: int | None = None
    # Set when the source changed since the last sync: where "Sync translated pages" is.
    sync_source_id: int | None = None

    @property
    def label(self):
        return TranslationState(self.state).label

    @property
    def up_to_date(self):
        return self.state not in (
            TranslationState.OUT_OF_DATE,
            TranslationState.DRAFT,
            TranslationState.IN_REVIEW,
        )


def out_of_date_notice(page):
    """What the page editor of an out-of-date translation tells its translator, or None. A
    translation that was never published is a draft, not out of date."""
    if not page.live:
        return None
    found = next(
        (
            synced
            for synced in synced_translations([page.translation_key])
            if synced.target_locale_id == page.locale_id and synced.out_of_date
        ),
        None,
    )
    if found is None:
        return None
    source = Locale.objects.get(pk=found.source_locale_id).get_display_name()
    if found.source_changed:
        return gettext(
            "This translation is out of date: the %(source)s page has changed since it was "
            "translated. To bring the changes in, open the %(source)s page and choose “Sync "
            "translated pages”, then translate the new texts here."
        ) % {"source": source}
    return gettext(
        "This translation is out of date: it was synced with the %(source)s page, but the new "
        "version is not published yet. Check the texts and submit it for review (or publish it)."
    ) % {"source": source}


def pages_in_review(page_ids):
    """The ids among ``page_ids`` of pages with a workflow in progress or sent back for
    changes: one query."""
    states = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in page_ids],
    )
    return {int(pk) for pk in states.values_list("object_id", flat=True)}


def translation_statuses(pages):
    """For each page, ``{language code: LocaleStatus}`` over every content locale: three
    queries for the whole list."""
    pages = list(pages)
    keys = {page.translation_key for page in pages}
    locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}
    versions = {}
    if keys:
        for version in Page.objects.filter(translation_key__in=keys).values(
            "id", "translation_key", "locale_id", "live", "alias_of_id"
        ):
            versions[(version["translation_key"], version["locale_id"])] = version
    synced = {}
    sources = set()
    for found in synced_translations(keys):
        synced[(found.translation_key, found.target_locale_id)] = found
        sources.add((found.translation_key, found.source_locale_id))
    in_review = pages_in_review(version["id"] for version in versions.values())
    statuses = {}
    for page in pages:
        row = {}
        for locale_id, code in locales.items():
            pair = (page.translation_key, locale_id)
            version = versions.get(pair)
            found = synced.get(pair)
            state = state_of(page, locale_id, version, found, pair in sources, in_review)
            row[code] = LocaleStatus(
                code,
                state,
                version["id"] if version else None,
                found.translation_source_id
                if found and found.source_changed and state == TranslationState.OUT_OF_DATE
                else None,
            )
        statuses[page.pk] = row
    return statuses


def state_of(page, locale_id, version, synced, is_source, in_review=frozenset()):
    if version is None:
        return TranslationState.MISSING
    if version["alias_of_id"]:
        return TranslationState.ALIAS
    if version["id"] in in_review and not is_source and locale_id != page.locale_id:
        return TranslationState.IN_REVIEW
    if synced is not None:
        if not version["live"]:
            return TranslationState.DRAFT
        return TranslationState.OUT_OF_DATE if synced.out_of_date else TranslationState.UP_TO_DATE
    if is_source or locale_id == page.locale_id:
        return TranslationState.SOURCE
    if not version["live"]:
        return TranslationState.DRAFT
    return TranslationState.NOT_SYNCED
