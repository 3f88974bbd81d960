"""Every published language version of a page: the ``Translation`` type and its loader."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import strawberry
from wagtail.models import Page as WagtailPage

from graphql_api.core.loading import Batch, Loader
from site_pages.translations.status import OutOfDateTranslations


@strawberry.type(description="One language version of a page.")
class Translation:
    id: strawberry.ID = strawberry.field(
        description="That version's page id: the same in every answer that lists it."
    )
    locale: str = strawberry.field(description="Language code, e.g. en or ja.")
    url: str = strawberry.field(description="Address of that version.")
    title: str = strawberry.field(description="Title in that language.")
    translation_key: strawberry.Private[object] = None
    locale_id: strawberry.Private[int | None] = None
    out_of_date: strawberry.Private[OutOfDateTranslations | None] = None

    @strawberry.field(
        description=(
            "False when this version was translated with the site's translation workflow and "
            "lags behind its source: the source changed after the translation was last synced "
            "from it, or the synced translation is not published yet. The source itself, "
            "versions translated by hand and versions that mirror the source are up to date."
        )
    )
    def up_to_date(self) -> bool:
        if self.out_of_date is None:
            return True
        return self.out_of_date.is_up_to_date(self.translation_key, self.locale_id)


@dataclass(frozen=True)
class Translations(Loader[WagtailPage, list[Translation]]):
    """The visible versions of each page, by language code, in one query for the batch."""

    def load_batch(
        self, pages: Sequence[WagtailPage], batch: Batch, info: Any
    ) -> list[list[Translation]]:
        context = info.context
        keys = {page.translation_key for page in pages}
        versions = context.visible(WagtailPage.objects.filter(translation_key__in=keys)).only(
            "id", "title", "url_path", "locale_id", "translation_key"
        )
        # Looked up (in one query for every page here) only if a client asks for `upToDate`.
        out_of_date = OutOfDateTranslations(keys)
        by_key = defaultdict(list)
        for version in versions:
            context.attach_locale(version)
            by_key[version.translation_key].append(
                Translation(
                    id=strawberry.ID(str(version.pk)),
                    locale=version.locale.language_code,
                    url=version.get_url(context.request),
                    title=version.title,
                    translation_key=version.translation_key,
                    locale_id=version.locale_id,
                    out_of_date=out_of_date,
                )
            )
        return [sorted(by_key[page.translation_key], key=lambda t: t.locale) for page in pages]


TRANSLATIONS = Translations()
