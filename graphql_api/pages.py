"""The `Page` interface every page type implements, the `page` query, and the batched loading
of page relations (parent, ancestors, children, translations) for whole lists at once."""

from collections import defaultdict
from datetime import datetime
from typing import Annotated

import strawberry
from django.contrib.contenttypes.models import ContentType
from strawberry.types import Info
from wagtail.models import Page as WagtailPage

from graphql_api.core.connection import check_first, decode_cursor, paginate
from graphql_api.core.errors import ClientError, InvalidArgumentError
from graphql_api.core.ids import row_id, view_id, wagtail_id
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.core.selection import (
    fields_named,
    path,
    root_selections,
    selects,
    sub_selections,
)
from graphql_api.images import ImageType, cached_image, load_images
from graphql_api.streamfield import BodyBlock, blocks_of, prepare_streams
from site_pages import cache_tags
from site_pages.fallback import children_q, tree_order
from site_pages.pictures import page_image_id
from site_pages.preview import PreviewTokenError, draft_for_token, read_token
from site_pages.translations.status import OutOfDateTranslations

# Model class -> function(pages, selections, context) loading that type's own relations.
PREPARERS = {}
# GraphQL field name -> model attribute of the StreamFields every page type may have.
STREAM_FIELDS = {"body": "body", "outcome": "outcome"}
# Model class -> {GraphQL field name: image foreign key attribute}.
IMAGE_FIELDS = {}


def page_type(model, description):
    """A GraphQL object type for a page model, resolvable through the Page interface."""

    def wrap(cls):
        cls.is_type_of = classmethod(lambda _cls, obj, _info: isinstance(obj, model))
        return strawberry.type(cls, name=model.__name__, description=description)

    return wrap


def image_of(attribute, description):
    def resolve(root, info: Info) -> ImageType | None:
        return cached_image(info.context, getattr(root, f"{attribute}_id"))

    return strawberry.field(resolver=resolve, description=description)


def stream_of(attribute, description):
    def resolve(root, info: Info) -> list[BodyBlock]:
        context = info.context
        return blocks_of(
            getattr(root, attribute),
            context,
            context.language_of(root),
            owner_id=page_view_id(root, context),
            field=attribute,
        )

    return strawberry.field(resolver=resolve, description=description)


def preparer(model):
    def register(function):
        PREPARERS[model] = function
        return function

    return register


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


def context_of(info):
    return info.context


def page_view_id(page, context):
    """The id of ``page`` as this request serves it (``graphql_api/core/ids.py``): its own
    language or a fallback for the requested one, live or a previewed draft."""
    requested = getattr(page, "_requested_locale_id", None)
    return view_id(
        page.pk,
        context.language_of(page),
        context.language_of_locale(requested) if requested else None,
        context.draft_revision(page),
    )


def listed_row_id(page, relation, row, context):
    """The id of a row a page lists in ``relation`` (a coordinator, a yearbook entry), scoped
    by the page's id: a fallback copy labels it in another language, a draft may have changed
    it. A row a draft added has no primary key yet and is known by its position (in memory:
    a draft's rows come from its revision)."""
    if row.pk is not None:
        return row_id(page_view_id(page, context), row.pk)
    position = list(getattr(page, relation).all()).index(row)
    return row_id(page_view_id(page, context), f"new.{position}")


@strawberry.interface(
    name="Page", description="What every page has: identity, address, language and place."
)
class PageInterface:
    @strawberry.field(
        description=(
            "Identifies this page as served here, for clients' normalised caches: the Wagtail "
            'id ("15") for a page in its own language; a fallback version adds the requested '
            'language ("15@ja"), a previewed draft its revision ("15~draft42"). Treat it as '
            "opaque; `page(id:)` takes every form."
        )
    )
    def id(self, info: Info) -> strawberry.ID:
        return page_view_id(self, info.context)

    @strawberry.field(description="The title.")
    def title(self) -> str:
        return self.title

    @strawberry.field(description="The last part of the address.")
    def slug(self) -> str:
        return self.slug

    @strawberry.field(description="The address on the site, starting with the language prefix.")
    def url(self, info: Info) -> str:
        return self.get_url(info.context.request)

    @strawberry.field(
        description="One or two sentences about the page, as lists and search results show "
        "it; may be empty."
    )
    def intro(self) -> str:
        return getattr(self, "intro", "")

    @strawberry.field(
        description="The picture that stands for the page in cards and lists: its main image "
        "(`heroImage`) or, for a member's voice, the member's `photo`; null when it has none. "
        "Mixed lists (search, a home page's `featured`) need no fragment per type for it."
    )
    def listing_image(self, info: Info) -> ImageType | None:
        return cached_image(info.context, page_image_id(self))

    @strawberry.field(description="Language code of this version of the page.")
    def locale(self) -> str:
        return self.locale.language_code

    @strawberry.field(
        description=(
            "True when the requested language has no version of this page and this one, "
            "in a fallback language, is served instead."
        )
    )
    def is_fallback(self) -> bool:
        requested = getattr(self, "_requested_locale_id", None)
        return requested is not None and requested != self.locale_id

    @strawberry.field(description="Title for search engines and browser tabs.")
    def seo_title(self) -> str:
        return self.seo_title or self.title

    @strawberry.field(description="Description for search engines and link previews.")
    def search_description(self) -> str:
        return self.search_description or getattr(self, "intro", "") or ""

    @strawberry.field(description="When the page was first published.")
    def first_published_at(self) -> datetime | None:
        return self.first_published_at

    @strawberry.field(description="When the page was last published.")
    def last_published_at(self) -> datetime | None:
        return self.last_published_at

    @strawberry.field(description="The page's type, e.g. EventPage.")
    def page_type(self) -> str:
        return type(self).__name__

    @strawberry.field(description="The page above this one; null for the home page.")
    def parent(self) -> "PageInterface | None":
        return self._api_parent

    @strawberry.field(description="Pages above this one, from the home page down.")
    def ancestors(self) -> list["PageInterface"]:
        return self._api_ancestors

    @strawberry.field(description="Published pages directly below this one, in menu order.")
    def children(
        self,
        first: Annotated[
            int | None,
            strawberry.argument(
                description="How many children to return: 20 when left out, at most the "
                "page-size limit (100 unless the server sets another; more is LIMIT_EXCEEDED)."
            ),
        ] = None,
    ) -> list["PageInterface"]:
        return self._api_children[: check_first(first)]

    @strawberry.field(description="Every published language version of this page, this one too.")
    def translations(self) -> list[Translation]:
        return self._api_translations


def attach_requested_locale(pages, locale):
    for page in pages:
        page._requested_locale_id = locale.pk if locale else None


def visible_specific(queryset, context):
    return list(context.visible(queryset).specific())


def prepare_pages(pages, selections, context, locale=None):
    """Load what ``selections`` needs for every page in ``pages`` with a fixed number of
    queries, whatever the number of pages."""
    if not pages:
        return
    cache_tags.used_pages(pages)
    for page in pages:
        context.attach_locale(page)
        if locale is not None:
            page._requested_locale_id = locale.pk
    # EventPage.chapter is its parent seen from another field: load parents once, for both.
    parent_selections = sub_selections(selections, "parent") + sub_selections(selections, "chapter")
    if selects(selections, "parent") or selects(selections, "chapter"):
        load_parents(pages, parent_selections, context, locale)
    if selects(selections, "ancestors"):
        load_ancestors(pages, sub_selections(selections, "ancestors"), context, locale)
    if selects(selections, "children"):
        load_children(
            pages,
            sub_selections(selections, "children"),
            context,
            locale,
            end=window_end(selections, "children"),
        )
    if selects(selections, "translations"):
        load_translations(pages, context)
    streams = [
        getattr(page, attribute)
        for page in pages
        for field, attribute in STREAM_FIELDS.items()
        if selects(selections, field) and hasattr(page, attribute)
    ]
    if streams:
        stream_selections = [
            s for field in STREAM_FIELDS for s in sub_selections(selections, field)
        ]
        prepare_streams(streams, stream_selections, context)
    load_page_images(pages, selections, context)
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page)].append(page)
    for model, group in by_type.items():
        if model in PREPARERS:
            PREPARERS[model](group, selections, context, locale)


def load_page_images(pages, selections, context):
    ids, image_selections = set(), []
    for model in {type(page) for page in pages}:
        for name in IMAGE_FIELDS.get(model, {}):
            image_selections += sub_selections(selections, name)
    for page in pages:
        for name, attribute in IMAGE_FIELDS.get(type(page), {}).items():
            if selects(selections, name):
                ids.add(getattr(page, f"{attribute}_id"))
    if selects(selections, "listingImage"):
        image_selections += sub_selections(selections, "listingImage")
        ids.update(page_image_id(page) for page in pages)
    ids.discard(None)
    if ids:
        load_images(ids, image_selections, context)


def parent_path(page):
    return page.path[: -WagtailPage.steplen]


def in_language(pages, context, locale):
    """{pk: the reader's version} of visible pages: a fallback page's parent or chapter may
    well exist in the reader's language even though the page itself does not."""
    if locale is None:
        return {page.pk: page for page in pages}
    return context.reader(locale).versions(pages)


def load_parents(pages, selections, context, locale):
    paths = {parent_path(page) for page in pages if page.depth > 2}
    found = visible_specific(WagtailPage.objects.filter(path__in=paths), context) if paths else []
    swapped = in_language(found, context, locale)
    parents = {page.path: swapped[page.pk] for page in found}
    for page in pages:
        page._api_parent = parents.get(parent_path(page))
    prepare_pages(list(set(parents.values())), selections, context, locale)


def ancestor_paths(page):
    step = WagtailPage.steplen
    # depth 1 is Wagtail's invisible root; a site's tree starts at depth 2.
    return [page.path[: step * depth] for depth in range(2, page.depth)]


def load_ancestors(pages, selections, context, locale):
    paths = {path for page in pages for path in ancestor_paths(page)}
    visible = visible_specific(WagtailPage.objects.filter(path__in=paths), context) if paths else []
    swapped = in_language(visible, context, locale)
    found = {page.path: swapped[page.pk] for page in visible}
    for page in pages:
        page._api_ancestors = [found[p] for p in ancestor_paths(page) if p in found]
    prepare_pages(list(set(found.values())), selections, context, locale)


# The columns a list of pages is windowed and grouped by before its pages load in full.
OUTLINE_FIELDS = ("id", "path", "depth", "translation_key", "locale_id", "content_type_id")


def outlines(queryset, *fields):
    """``queryset`` reduced to what places its pages (and ``fields``): a page list is cut to
    the window a client asked for before its pages, with their StreamFields, are loaded."""
    return queryset.only(*OUTLINE_FIELDS, *fields)


def load_specific(rows):
    """{pk: specific page} for outline rows, in one query per page type (as Wagtail's
    ``specific()``, but only for the rows a client will be shown)."""
    by_type = defaultdict(list)
    for row in rows:
        by_type[row.content_type_id].append(row.pk)
    found = {}
    for type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class() or WagtailPage
        found.update(model.objects.in_bulk(pks))
    return found


def argument(field, name):
    """An argument of a selected field as a Python value: literals arrive as the query's text
    (``"5"``), variables already typed."""
    value = field.arguments.get(name)
    if isinstance(value, str) and name == "first":
        return int(value)
    return value


def window_end(selections, name):
    """How far into its list any field called ``name`` (``children(first:)``, a connection's
    ``first`` and ``after``) reaches, or None for the whole list. A malformed argument reaches
    everything here; the field's resolver reports it."""
    ends = []
    for field in fields_named(selections, name):
        try:
            after = field.arguments.get("after")
            offset = decode_cursor(after) + 1 if after else 0
            ends.append(offset + check_first(argument(field, "first")))
        except (ClientError, TypeError, ValueError):
            return None
    return max(ends, default=0)


def windowed(groups, end):
    """Each group (a parent's children, a chapter's events) of outline rows with the rows up to
    ``end`` swapped for their full pages; the rows past it stay outlines, counted (`totalCount`)
    but never shown. Returns the full pages."""
    groups = list({id(rows): rows for rows in groups}.values())
    shown = list({row.pk: row for rows in groups for row in rows[:end]}.values())
    full = load_specific(shown)
    for rows in groups:
        rows[:end] = [full.get(row.pk, row) for row in rows[:end]]
    return [full[row.pk] for row in shown if row.pk in full]


def load_children(pages, selections, context, locale, end=None):
    """Each page's children; in a language, the children of every version of the page as the
    reader sees them (an untranslated child in its fallback language). Only the children up to
    ``end`` (what ``children(first:)`` shows) are loaded in full and prepared."""
    cache_tags.used_children(pages)
    if locale is None:
        found = context.visible(WagtailPage.objects.filter(children_q(pages)))
        rows = list(outlines(found.order_by("path")))
        by_parent = defaultdict(list)
        for child in rows:
            by_parent[parent_path(child)].append(child)
        for page in pages:
            page._api_children = by_parent[page.path]
    else:
        found, parent_key = context.reader(locale).children(pages)
        rows = list(outlines(tree_order(found)))
        by_parent = defaultdict(list)
        for child in rows:
            by_parent[parent_key(child)].append(child)
        for page in pages:
            page._api_children = by_parent[page.translation_key]
    children = windowed([page._api_children for page in pages], end)
    prepare_pages(children, selections, context, locale)


def load_translations(pages, context):
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
    for page in pages:
        page._api_translations = sorted(by_key[page.translation_key], key=lambda t: t.locale)


def find_page(context, locale, id=None, path=None):
    """The visible page with this id, or at this path (relative to the home page), in the
    requested language or the nearest fallback that has it."""
    reader = context.reader(locale)
    if id is None:
        # A miss names the addresses it looked at (site_pages/fallback.py).
        return reader.page_at(context.site, path)
    pk = wagtail_id(id)
    if pk is None:
        raise InvalidArgumentError(f"`id` must be a page id the API gave out; got “{id}”.")
    page = reader.version_of(context.visible(WagtailPage.objects.filter(pk=pk)).first())
    if page is None:
        # Nothing readers may see has this id yet: that page's next change may show it.
        cache_tags.use(cache_tags.page_id_tag(pk))
    return page


def page_connection(pages, info, locale, first=None, after=None):
    """A connection over a page queryset whose nodes are batch-prepared for the selection
    under ``edges { node }``."""
    selections = path(root_selections(info), "edges", "node")
    # Search results are not a queryset: any page may enter them.
    cache_tags.used_listing(getattr(pages, "model", WagtailPage))
    return paginate(
        pages,
        first,
        after,
        prepare=lambda nodes: prepare_pages(nodes, selections, info.context, locale),
    )


class PreviewTokenRefusedError(ClientError):
    """A preview token that shows nothing: tampered with, expired, or not for the page's latest
    draft. Its code (PREVIEW_TOKEN_INVALID or PREVIEW_TOKEN_EXPIRED) says which."""

    def __init__(self, message, code):
        self.code = code
        super().__init__(message)


def relative_path(page):
    """A page's path below its home page, as the `path` argument takes it."""
    return "/".join(page.url_path.strip("/").split("/")[1:])


def preview_page(info, token, id=None, path=None, locale=None):
    """The draft a preview token names, built from its revision and loaded like a live page.
    `id` or `path`, when given, must name that same page."""
    try:
        draft = draft_for_token(token)
    except PreviewTokenError as error:
        raise PreviewTokenRefusedError(str(error), error.code) from error
    if id is not None:
        named_other = wagtail_id(id) != draft.pk
    else:
        named_other = path is not None and path.strip("/") != relative_path(draft)
    if named_other:
        raise PreviewTokenRefusedError(
            "This preview token is for another page.", "PREVIEW_TOKEN_INVALID"
        )
    # A draft is not what anonymous readers get: keep it out of shared caches.
    if info.context.response is not None:
        info.context.response["Cache-Control"] = "private, no-store"
    language = requested_locale(locale) if locale is not None else None
    # Its own id, so a client's cache keeps the live page apart from the draft.
    info.context.mark_draft(draft, read_token(token)["revision"])
    prepare_pages([draft], root_selections(info), info.context, language)
    return draft


@strawberry.type
class PageQuery:
    @strawberry.field(
        description=(
            "One published page, by `id` or by `path` (relative to the home page, without the "
            'language prefix, e.g. "chapters/india"). Where the requested locale has no '
            "version of it, the fallback language's version is served with `isFallback`. "
            "With `previewToken` (from the editor's preview in the web app), the draft the "
            "token names instead, published or not; `id` and `path` may then be left out."
        )
    )
    def page(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The page's id, as answers give it (`Page.id`)."),
        ] = None,
        path: Annotated[
            str | None,
            strawberry.argument(
                description="The page's address below the home page without the language prefix, "
                'e.g. "chapters/india"; "" is the home page.'
            ),
        ] = None,
        locale: LocaleArgument = None,
        preview_token: Annotated[
            str | None,
            strawberry.argument(
                description=(
                    "A token from the editor's preview in the web app. It names one page's "
                    "latest draft and expires (after an hour by default)."
                )
            ),
        ] = None,
    ) -> PageInterface | None:
        if preview_token is not None:
            return preview_page(info, preview_token, id=id, path=path, locale=locale)
        if (id is None) == (path is None):
            raise InvalidArgumentError("Give exactly one of `id` or `path`.")
        language = requested_locale(locale)
        page = find_page(info.context, language, id=id, path=path)
        if page is None:
            return None
        prepare_pages([page], root_selections(info), info.context, language)
        return page
