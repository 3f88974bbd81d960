from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from site_pages.models.base import IndexPage, SitePage, body_field, image_field


class EventIndexPage(IndexPage):
    """Network-wide activities that no single chapter owns, such as the AlumniTalk series."""

    subpage_types = ["site_pages.EventPage"]

    content_panels = [*IndexPage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("event index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = context["children"].order_by("-eventpage__start_date")
        return context


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventKind(models.TextChoices):
    REUNION = "reunion", _("Reunion")
    TALK = "talk", _("Talk or webinar")
    SEMINAR = "seminar", _("Seminar")
    CONTEST = "contest", _("Contest")
    MEETING = "meeting", _("Coordinators' meeting")
    ACTIVITY = "activity", _("Other activity")


def not_ended_q(today=None):
    """Events that have not ended: running now or still to come."""
    today = today or timezone.localdate()
    return Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)


def ordinal(number):
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class EventPage(SitePage):
    """A reunion or chapter activity, with its dates, place, programme and outcome."""

    kind = models.CharField(
        _("kind of event"), max_length=20, choices=EventKind.choices, default=EventKind.REUNION
    )
    edition = models.PositiveSmallIntegerField(
        _("edition"),
        null=True,
        blank=True,
        help_text=_("For numbered events: 2 for the 2nd India reunion."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for a one-day event.")
    )
    format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    hero_image = image_field(_("main image"))
    body = body_field(help_text=_("What the event is about and its programme."))
    outcome = body_field(
        verbose_name=_("outcome"),
        help_text=_("What came of it: contest winners, figures, a short report."),
    )

    parent_page_types = ["site_pages.ChapterPage", "site_pages.EventIndexPage"]
    subpage_types = []

    content_panels = [
        *SitePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("edition")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("format"),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("registration_url"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("Gallery")),
        FieldPanel("outcome"),
    ]

    search_fields = [
        *SitePage.search_fields,
        index.SearchField("venue"),
        index.SearchField("city"),
        index.SearchField("body"),
        index.SearchField("outcome"),
        index.FilterField("start_date"),
        index.FilterField("format"),
        index.FilterField("kind"),
        index.FilterField("country"),
    ]

    class Meta:
        verbose_name = _("event page")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event ends (%(end)s) before it starts (%(start)s).") % {
                "end": self.end_date.isoformat(),
                "start": self.start_date.isoformat(),
            }
        if self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not self.city:
            errors["city"] = _("Give the city of an event that members attend in person.")
        if errors:
            raise ValidationError(errors)

    @property
    def chapter(self):
        """The chapter that runs this event, or None for a network-wide activity."""
        from site_pages.models.chapters import ChapterPage

        parent = self.get_parent()
        return parent.specific if parent and parent.specific_class is ChapterPage else None

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @property
    def is_upcoming(self):
        return self.last_day >= timezone.localdate()

    @property
    def edition_label(self):
        """'2nd reunion': the ordinal and the kind, for headings and listings."""
        if not self.edition:
            return ""
        return f"{ordinal(self.edition)} {self.get_kind_display().lower()}"


class EventGalleryImage(Orderable):
    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
