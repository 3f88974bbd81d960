"""The site's navigation: main menu, breadcrumbs and the language switcher."""

from django import template
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from site_pages.alternates import LanguageLink, language_links, ordered, versions_by_key
from site_pages.fallback import Reader, tree_order
from site_pages.sites import site_for_request

register = template.Library()


def site_of(context):
    return site_for_request(context.get("request"))


def saved_page(context):
    """The page being shown, when it exists in the tree (a new page in preview does not)."""
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk and page.path else None


def reader_of(context):
    return Reader.for_request(context.get("request"))


def home_of(context, site):
    """The reader's home page: theirs where their language has one, else the nearest
    fallback's (a page served in a fallback language keeps the reader's menu)."""
    if site is None:
        return None
    homes = reader_of(context).homes(site)
    if homes:
        return homes[0].specific
    page = saved_page(context)
    if page is not None and page.depth >= 2:
        # A preview of a draft home page, which readers cannot see.
        return page if page.depth == 2 else page.get_ancestors().filter(depth=2).first()
    return site.root_page.localized


@register.inclusion_tag("site_pages/includes/brand.html", takes_context=True)
def site_brand(context):
    """The club's logo and name, leading to the reader's home page."""
    home = home_of(context, site_of(context))
    page = saved_page(context)
    is_home = home is not None and page is not None and page.pk == home.pk
    return {"home": home, "is_home": is_home, "request": context.get("request")}


@register.inclusion_tag("site_pages/includes/navigation.html", takes_context=True)
def site_navigation(context):
    """The home page and its visible sections marked 'show in menus', each in the reader's
    language where it has a version."""
    site = site_of(context)
    home = home_of(context, site)
    if home is None:
        return {"home": None, "sections": []}
    page = saved_page(context)
    children = reader_of(context).children_of(home).filter(show_in_menus=True)
    holding = section_keys(page) if page is not None else set()
    sections = [(section, section.translation_key in holding) for section in tree_order(children)]
    return {"home": home, "sections": sections, "request": context.get("request")}


def section_keys(page):
    """The translation keys of the page and the pages above it below the home page: a section
    holds the page being read in whichever language either of them is served."""
    step = Page.steplen
    paths = [page.path[: step * depth] for depth in range(3, page.depth + 1)]
    return set(Page.objects.filter(path__in=paths).values_list("translation_key", flat=True))


@register.inclusion_tag("site_pages/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Home, section, ..., this page: for pages below the sections."""
    page = saved_page(context)
    if page is None or page.depth < 4:
        return {"trail": []}
    reader = reader_of(context)
    ancestors = reader.visible(page.get_ancestors().filter(depth__gte=2))
    trail = reader.in_reader_language(ancestors.order_by("depth").specific())
    return {"trail": trail, "page": page, "request": context.get("request")}


@register.inclusion_tag("site_pages/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Every language the site has a home page in, each link landing on this page's version or
    the nearest page above it that exists in that language."""
    request = context.get("request")
    site = site_of(context)
    page = saved_page(context)
    if page is not None:
        links = language_links(
            page, site, request, reading=get_language(), visibility=reader_of(context).visibility
        )
    elif site is not None:
        links = other_views_links(context, site, request)
    else:
        links = []
    # The language being read, even where it has no pages of its own (a fallback is shown).
    current = next((link for link in links if link.current), LanguageLink(get_language(), ""))
    return {"links": links, "current": current} if len(links) > 1 else {"links": []}


def other_views_links(context, site, request):
    """For views that are not pages (search, 404): the same address in each language when the
    view says it has one, else each language's home page."""
    visibility = reader_of(context).visibility
    homes = versions_by_key([site.root_page], site, visibility).get(
        site.root_page.translation_key, {}
    )
    active = get_language()
    same_path = context.get("switch_same_path") and request is not None
    links = []
    for code, home in ordered(homes):
        if same_path:
            query = request.GET.urlencode()
            url = translate_url(request.path, code) + (f"?{query}" if query else "")
        else:
            url = home.get_url(request)
        links.append(LanguageLink(code, url, current=code == active))
    return links


# The privacy notice lives at this address below the home page (the demo creates it); the
# footer and the members' forms link to the reader's version of it.
PRIVACY_NOTICE_PATH = "privacy/"


@register.simple_tag(takes_context=True)
def privacy_notice_url(context):
    """The address of the privacy notice in the reader's language (or its fallback), or ""
    when the site has none readers may see."""
    site = site_of(context)
    if site is None:
        return ""
    page = reader_of(context).page_at(site, PRIVACY_NOTICE_PATH)
    return page.get_url(context.get("request")) if page is not None else ""
