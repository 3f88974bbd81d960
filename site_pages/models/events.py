from contextlib import nullcontext

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from site_pages import dates
from site_pages.dates import PartialDateAttribute, precision_field
from site_pages.models.base import IndexPage, SitePage, body_field, image_field
from site_pages.pictures import group


class EventIndexPage(IndexPage):
    """Network-wide activities that no single chapter owns, such as the AlumniTalk series."""

    subpage_types = ["site_pages.EventPage"]

    children_order = ("-eventpage__start_date",)

    class Meta:
        verbose_name = _("event index page")


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
    """Events that have not ended: running now or still to come, each to its dates'
    precision (an event of "May 2021" has not ended before June)."""
    return dates.not_ended_q("start_date", "end_date", "date_precision", today or dates.today())


# An edition as each language words it: "2nd reunion", 「第2回同窓会」, "Reuni ke-2". The
# ordinal is a pattern of its own, chosen by the English suffix the number takes, so that a
# language without suffixes translates all four alike (「第%(number)s回」, "ke-%(number)s"); the
# edition pattern then places it before or after the kind, one pattern per kind, as the
# language's word order and the kind's own word need.
ORDINALS = {
    "st": pgettext_lazy("ordinal of an edition ending in 1, except 11", "%(number)sst"),
    "nd": pgettext_lazy("ordinal of an edition ending in 2, except 12", "%(number)snd"),
    "rd": pgettext_lazy("ordinal of an edition ending in 3, except 13", "%(number)srd"),
    "th": pgettext_lazy("ordinal of any other edition, including 11, 12, 13", "%(number)sth"),
}

EDITION_PATTERNS = {
    EventKind.REUNION: pgettext_lazy("edition of an event", "%(ordinal)s reunion"),
    EventKind.TALK: pgettext_lazy("edition of an event", "%(ordinal)s talk"),
    EventKind.SEMINAR: pgettext_lazy("edition of an event", "%(ordinal)s seminar"),
    EventKind.CONTEST: pgettext_lazy("edition of an event", "%(ordinal)s contest"),
    EventKind.MEETING: pgettext_lazy("edition of an event", "%(ordinal)s coordinators' meeting"),
    EventKind.ACTIVITY: pgettext_lazy("edition of an event", "%(ordinal)s activity"),
}


def english_suffix(number):
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def ordinal(number):
    """The ordinal of an edition in the active language: "2nd", 「第2回」, "ke-2"."""
    return ORDINALS[english_suffix(number)] % {"number": number}


def edition_label(edition, kind, language=None):
    """ "2nd reunion" in the active language (or ``language``); empty without an edition."""
    if not edition:
        return ""
    with translation.override(language) if language else nullcontext():
        pattern = EDITION_PATTERNS.get(kind, EDITION_PATTERNS[EventKind.ACTIVITY])
        return pattern % {"ordinal": ordinal(edition)}


class EventPage(SitePage):
    """A reunion or chapter activity, with its dates, place, programme and outcome."""

    kind = models.CharField(
        _("kind of event"),
        max_length=20,
        choices=EventKind.choices,
        default=EventKind.REUNION,
        help_text=_("With the edition, it makes the event's label, e.g. “2nd reunion”."),
    )
    edition = models.PositiveSmallIntegerField(
        _("edition"),
        null=True,
        blank=True,
        help_text=_("For numbered events: 2 for the 2nd India reunion."),
    )
    start_date = models.DateField(
        _("start date"),
        help_text=_("The first day. The event is listed as upcoming until its last day."),
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for a one-day event.")
    )
    date_precision = precision_field(
        _("When only the month or the year of the event is known, say so: no day is shown.")
    )
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=EventFormat.choices,
        default=EventFormat.IN_PERSON,
        help_text=_("For “In person” and “Hybrid”, give the city too."),
    )
    venue = models.CharField(
        _("venue"),
        max_length=255,
        blank=True,
        help_text=_(
            "The building and room, e.g. “Embassy of Japan, main hall”. Up to 255 characters."
        ),
    )
    city = models.CharField(
        _("city"),
        max_length=120,
        blank=True,
        help_text=_("Shown after the venue on the event page. Up to 120 characters."),
    )
    country = CountryField(_("country"), blank=True)
    registration_url = models.URLField(
        _("registration link"),
        blank=True,
        help_text=_(
            "The full address of the sign-up form, starting with https://. Readers see a "
            "“Register” button until the event ends."
        ),
    )
    hero_image = image_field(
        _("main image"),
        help_text=_(
            "A wide picture under the title, cut to a strip (12:5). Use one at least 1200 "
            "pixels wide."
        ),
    )
    body = body_field(help_text=_("What the event is about and its programme."))
    outcome = body_field(
        verbose_name=_("outcome"),
        help_text=_("What came of it: contest winners, figures, a short report."),
    )

    parent_page_types = ["site_pages.ChapterPage", "site_pages.EventIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *SitePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("edition")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                # A row of its own: beside the dates, its help text wrapped to five lines.
                FieldPanel("date_precision"),
                FieldPanel("format"),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("registration_url"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("gallery_images", heading=_("Gallery"), label=_("Photo")),
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

    start = PartialDateAttribute("start_date", "date_precision")
    end = PartialDateAttribute("end_date", "date_precision")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        gallery = list(self.gallery_images.select_related("image"))
        group(item.image for item in gallery)
        context["gallery"] = gallery
        return context

    def clean(self):
        super().clean()
        # Stored as the first day of the month or year, so that equal facts sort together.
        self.start_date = dates.truncated(self.start_date, self.date_precision)
        self.end_date = dates.truncated(self.end_date, self.date_precision)
        errors: dict[str, str | Promise] = {}
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
        # By name, not by import: chapters import events (their upcoming events), and events
        # need not know the chapter model to tell whether their parent is one.
        chapter_class = apps.get_model("site_pages", "ChapterPage")
        parent = self.get_parent()
        return parent.specific if parent and parent.specific_class is chapter_class else None

    @property
    def last_day(self):
        """The last day the event may still be on, to its dates' precision."""
        return dates.period_end(self.end_date or self.start_date, self.date_precision)

    @property
    def dates_display(self):
        """The event's dates in the active language, as precisely as they are known."""
        return self.dates_display_in(None)

    def dates_display_in(self, language):
        return dates.format_range(self.start_date, self.end_date, self.date_precision, language)

    @property
    def is_upcoming(self):
        """Not ended yet: the same rule as ``not_ended_q``, for an event already loaded."""
        return dates.has_not_ended(self.start_date, self.end_date, self.date_precision)

    @property
    def edition_label(self):
        """ "2nd reunion" in the active language, for headings and listings."""
        return edition_label(self.edition, self.kind)

    def edition_label_in(self, language):
        return edition_label(self.edition, self.kind, language)


class EventGalleryImage(Orderable):
    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(
        _("caption"),
        max_length=250,
        blank=True,
        help_text=_("One short sentence under the photo. Up to 250 characters."),
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
