"""People the content refers to: alumni and coordinators (Person) and Sakura Mentors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from site_pages.models.base import image_field

# The Sakura Science Exchange Program began inviting young people in 2014.
FIRST_PROGRAMME_YEAR = 2014

# Every year the content gives (a visit, a coordinator's term, a fiscal year, a programme's
# figures, a member count) falls in the programme's time: one bound for all of them.
programme_year_validators = [MinValueValidator(FIRST_PROGRAMME_YEAR), MaxValueValidator(2100)]


def affiliation_field():
    """Asked the same way of alumni (Person), Sakura Mentors and Members' Voice senders."""
    return models.CharField(
        _("affiliation"),
        max_length=255,
        blank=True,
        help_text=_("University, company or office, e.g. University of Delhi."),
    )


def portrait_field():
    """The small square picture next to a person's name (Person, Mentor, Members' Voice)."""
    return image_field(
        _("photo"),
        help_text=_("Shown as a small square next to the name. A face in the middle works best."),
    )


class Person(TranslatableMixin, index.Indexed, models.Model):
    """An alumnus or alumna: a chapter coordinator, a yearbook entry, a speaker."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("The full name, as readers should see it.")
    )
    country = CountryField(_("country"), blank=True)
    programme_year = models.PositiveSmallIntegerField(
        _("programme year"),
        null=True,
        blank=True,
        validators=programme_year_validators,
        help_text=_("The year this person visited Japan with the Sakura Science Program."),
    )
    affiliation = affiliation_field()
    photo = portrait_field()
    bio = models.TextField(_("short biography"), blank=True, help_text=_("Two or three sentences."))

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("country"), FieldPanel("programme_year"), FieldPanel("affiliation")],
            heading=_("Background"),
        ),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("affiliation"),
        index.FilterField("country"),
        index.FilterField("programme_year"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


# django-stubs cannot build the reverse manager of a page model (Wagtail's Page is untyped).
class Mentor(TranslatableMixin, index.Indexed, models.Model):  # type: ignore[django-manager-missing]
    """A researcher in Japan who writes Sakura Mentor columns and answers members' questions."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in addresses and by client apps.")
    )
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("E.g. Associate Professor.")
    )
    affiliation = affiliation_field()
    research_field = models.CharField(
        _("research field"), max_length=200, blank=True, help_text=_("E.g. Plant biology.")
    )
    country_of_origin = CountryField(_("country of origin"), blank=True)
    photo = portrait_field()
    bio = models.TextField(_("short biography"), blank=True, help_text=_("Two or three sentences."))
    # The mentor's admin account: they edit only the columns of the Mentor linked to them
    # (site_pages/mentor_access.py). Never exposed by the API.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentor_profiles",
        help_text=_(
            "The account this mentor signs in with. They can then write and edit this "
            "mentor's columns, and no one else's."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("user"),
        MultiFieldPanel(
            [
                FieldPanel("position"),
                FieldPanel("affiliation"),
                FieldPanel("research_field"),
                FieldPanel("country_of_origin"),
            ],
            heading=_("Background"),
        ),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("research_field"),
        index.SearchField("affiliation"),
        index.FilterField("country_of_origin"),
        index.FilterField("locale_id"),
    ]

    # The slug is in addresses and client apps: one per mentor, whatever the language.
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("user", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_mentor_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The admin form leaves out ``locale``, so Django skips the unique constraint when
        # validating it; without this check a clash would reach the database as a 500.
        super().clean()
        # Translations of one mentor share the slug; another mentor may not use it in any
        # language, or the reader's fallback languages would offer two mentors by one slug.
        clash = (
            Mentor.objects.filter(slug=self.slug)
            .filter(Q(locale_id=self.locale_id) | ~Q(translation_key=self.translation_key))
            .exclude(pk=self.pk)
            .exists()
        )
        if self.slug and self.locale_id and clash:
            raise ValidationError(
                {
                    "slug": _("A mentor with the slug “%(slug)s” already exists.")
                    % {"slug": self.slug}
                }
            )
