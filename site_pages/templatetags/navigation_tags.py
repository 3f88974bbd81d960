from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("site_pages/includes/navigation.html", takes_context=True)
def site_navigation(context):
    """The home page of the reader's locale and its live sections marked 'show in menus'."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"home": None, "sections": [], "current": context.get("page")}
    home = site.root_page.localized
    sections = home.get_children().live().public().in_menu()
    return {"home": home, "sections": sections, "current": context.get("page")}
