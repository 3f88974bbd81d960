from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from site_pages.models import Mentor, Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "country", "programme_year", "affiliation"]
    list_filter = ["country", "programme_year"]
    ordering = ["name"]


class MentorViewSet(SnippetViewSet):
    model = Mentor
    icon = "group"
    menu_label = _("Mentors")
    list_display = ["name", "position", "affiliation", "research_field"]
    list_filter = ["country_of_origin"]
    ordering = ["name"]


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, MentorViewSet)
    menu_icon = "group"
    menu_label = _("People")
    menu_name = "people"


register_snippet(PeopleViewSetGroup)
