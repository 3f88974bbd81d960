"""A chapter editor's admin starts at their chapter: the "Pages" explorer and the page chooser.

Wagtail starts both at the closest common ancestor of the pages a user holds rights on. A
chapter editor holds rights on their chapter in every language, and the language versions
share only the tree's root, so Wagtail opened both at the root, with every language's tree
and a warning about it. Here both open at the chapter in the editor's admin language (the
chapter of ``chapter_dashboard.own_chapters``); the editor can still go up to the other
language versions. Users with one chapter only: someone who edits several chapters, or the
whole tree, keeps Wagtail's start.
"""

from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.sidebar import PageExplorerMenuItem
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.wagtail_hooks import ExplorerMenuItem

from site_pages.chapter_dashboard import own_chapters


def start_chapter(user):
    """The one chapter ``user`` edits, in their admin language where it is translated."""
    chapters = own_chapters(user)
    return chapters[0] if len(chapters) == 1 else None


class ChapterExplorerMenuItem(ExplorerMenuItem):
    def render_component(self, request):
        chapter = start_chapter(request.user)
        if chapter is None:
            return super().render_component(request)
        return PageExplorerMenuItem(
            self.name,
            self.label,
            self.url,
            chapter.pk,
            icon_name=self.icon_name,
            classname=self.classname,
        )


def start_explorer_at_chapter(request, menu_items):
    """``construct_main_menu``: Wagtail's "Pages" item, opening at the editor's chapter."""
    for position, item in enumerate(menu_items):
        if item.name == "explorer" and type(item) is ExplorerMenuItem:
            menu_items[position] = ChapterExplorerMenuItem(
                item.label,
                item.url,
                name=item.name,
                icon_name=item.icon_name,
                classname=item.classname,
                attrs=item.attrs,
                order=item.order,
            )


@require_admin_access
def browse(request):
    """Wagtail's page chooser at ``admin/choose-page/``: with nothing chosen yet, and any page
    type allowed, it opens at the editor's chapter instead of the tree's root."""
    chapter = None
    if not request.GET.get("page_type") or request.GET["page_type"] == "wagtailcore.page":
        chapter = start_chapter(request.user)
    view = BrowseView.as_view()
    if chapter is None:
        return view(request)
    return view(request, parent_page_id=chapter.pk)
