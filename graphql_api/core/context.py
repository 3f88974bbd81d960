"""Per-request state: the site being read, and caches that batched loaders fill once so that
resolvers of individual nodes never query the database themselves."""

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, Site, TranslatableMixin

from graphql_api.core.loading import LoaderStore
from site_pages.fallback import Reader
from site_pages.locales import LocaleTable
from site_pages.sites import site_for_request
from site_pages.visibility import Visibility

if TYPE_CHECKING:
    from site_pages.models import MentorQuestion

Rows = TypeVar("Rows", bound=QuerySet[Any])
Translatable = TypeVar("Translatable", bound=TranslatableMixin)


@dataclass
class RequestContext:
    request: HttpRequest
    response: object = None
    locales: LocaleTable = field(default_factory=LocaleTable)
    # Keyed by Locale id; the others by the id of what they hold (None: it does not exist or
    # readers may not see it).
    readers: dict[int, Reader] = field(default_factory=dict)
    images: dict[int, AbstractImage | None] = field(default_factory=dict)
    documents: dict[int, AbstractDocument | None] = field(default_factory=dict)
    page_urls: dict[int, str | None] = field(default_factory=dict)
    questions: "dict[int, MentorQuestion | None]" = field(default_factory=dict)
    # id(draft) -> (draft, revision id) of the drafts a preview token showed in this request.
    drafts: dict[int, tuple[Page, int]] = field(default_factory=dict)
    # What each object's relations loaded to, batched per list (``core/loading.py``).
    loaders: LoaderStore = field(default_factory=LoaderStore)

    @cached_property
    def site(self) -> Site:
        return site_for_request(self.request)

    @cached_property
    def visibility(self) -> Visibility:
        return Visibility(self.site)

    def reader(self, locale: Locale) -> Reader:
        """The fallback rule for readers of ``locale``, sharing this request's visibility and
        locales (``site_pages/fallback.py``)."""
        if locale.pk not in self.readers:
            self.readers[locale.pk] = Reader(
                locale, visibility=self.visibility, locales=self.locales
            )
        return self.readers[locale.pk]

    def visible(self, queryset: Rows) -> Rows:
        """``queryset`` narrowed to what readers of this site may see."""
        return self.visibility.filter(queryset)

    def language_of(self, obj: TranslatableMixin) -> str | None:
        """The language code of a translatable object, without fetching its locale row."""
        return self.locales.language_of(obj)

    def attach_locale(self, obj: Translatable) -> Translatable:
        locale = self.locales.get(obj.locale_id)
        if locale is not None:
            obj.locale = locale
        return obj

    def mark_draft(self, page: Page, revision_id: int) -> None:
        """Remember that ``page`` is a draft built from a revision, not the live page."""
        self.drafts[id(page)] = (page, revision_id)

    def draft_revision(self, page: object) -> int | None:
        """The revision id of a draft marked by ``mark_draft``; None for a live page."""
        marked = self.drafts.get(id(page))
        return marked[1] if marked and marked[0] is page else None
