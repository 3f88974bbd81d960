"""Site-wide settings editors change in the admin: the network's channels and contact."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from site_pages.social_links import PlatformURLValidator, SocialPlatform
from site_pages.stored_links import URLPolicyMixin


@register_setting(icon="site")
class NetworkSettings(URLPolicyMixin, BaseSiteSetting):
    facebook_url = models.URLField(
        _("Facebook page"),
        blank=True,
        validators=[PlatformURLValidator(SocialPlatform.FACEBOOK)],
    )
    instagram_url = models.URLField(
        _("Instagram account"),
        blank=True,
        validators=[PlatformURLValidator(SocialPlatform.INSTAGRAM)],
    )
    youtube_url = models.URLField(
        _("YouTube channel"),
        blank=True,
        validators=[PlatformURLValidator(SocialPlatform.YOUTUBE)],
    )
    newsletter_url = models.URLField(
        _("newsletter sign-up"),
        blank=True,
        help_text=_("Where members subscribe to the monthly e-mail newsletter."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Social channels"),
        ),
        FieldPanel("newsletter_url"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("network settings")
