"""Site-wide settings editors change in the admin: the network's channels, and its contact
details in every language.

The social channels and the newsletter are the same for every reader, so they stay a site
setting. The contact details are words (an address is written differently in Japanese), and
Wagtail's settings are not translatable: they live in a translatable snippet, ``NetworkContact``,
which the site setting points at (its source-language version). wagtail-localize translates it
like any snippet; readers get their language's version, else the fallback's
(``site_pages/fallback.py``), in the footer and in the API alike.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from site_pages.social_links import PlatformURLValidator, SocialPlatform
from site_pages.stored_links import URLPolicyMixin


class NetworkContact(TranslatableMixin, models.Model):
    """How to reach the secretariat, in one language."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("For editors choosing it, e.g. “Secretariat in Tokyo”; not shown to readers."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact telephone"),
        max_length=40,
        blank=True,
        help_text=_("With the country code, e.g. +81 3 1234 5678."),
    )
    postal_address = models.TextField(_("postal address"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
        FieldPanel("postal_address"),
    ]

    # The address is translated; the e-mail and the telephone number stay the source's unless
    # a translator gives a local one (a desk answering in the language, a domestic number form).
    override_translatable_fields = [
        TranslatableField("postal_address"),
        SynchronizedField("contact_email", overridable=True),
        SynchronizedField("contact_phone", overridable=True),
        SynchronizedField("name", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("network contact")
        verbose_name_plural = _("network contacts")

    def __str__(self):
        return self.name


def footer_profile_field(verbose_name, platform):
    """The network's address on a social platform, linked from the footer: only an address on
    that platform passes (``social_links.py``)."""
    return models.URLField(
        verbose_name,
        blank=True,
        validators=[PlatformURLValidator(platform)],
        help_text=_("The full address, starting with https://. Shown in the footer."),
    )


@register_setting(icon="site")
class NetworkSettings(URLPolicyMixin, BaseSiteSetting):
    facebook_url = footer_profile_field(_("Facebook page"), SocialPlatform.FACEBOOK)
    instagram_url = footer_profile_field(_("Instagram account"), SocialPlatform.INSTAGRAM)
    youtube_url = footer_profile_field(_("YouTube channel"), SocialPlatform.YOUTUBE)
    newsletter_url = models.URLField(
        _("newsletter sign-up"),
        blank=True,
        help_text=_("Where members subscribe to the monthly e-mail newsletter."),
    )
    contact = models.ForeignKey(
        NetworkContact,
        verbose_name=_("contact details"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown in the footer and given to the apps, in the reader's language where it is "
            "translated (under Snippets, Network contacts)."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Social channels"),
        ),
        FieldPanel("newsletter_url"),
        FieldPanel("contact"),
    ]

    class Meta:
        verbose_name = _("network settings")

    def contact_for(self, reader):
        """The contact details in ``reader``'s language, else its fallback's; None if unset."""
        if self.contact_id is None:
            return None
        return reader.snippet_versions(NetworkContact, [self.contact_id])[self.contact_id]
