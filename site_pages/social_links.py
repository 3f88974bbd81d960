"""Social platforms the network uses, and the check that a link really points at one.

Editors paste links by hand; a Facebook group link in the Instagram slot, or a typo such as
``facebok.com``, would reach readers as a dead link. The host check catches both.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


class SocialPlatform(models.TextChoices):
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    YOUTUBE = "youtube", _("YouTube")
    X = "x", _("X (Twitter)")
    LINKEDIN = "linkedin", _("LinkedIn")
    WEBSITE = "website", _("Website")


PLATFORM_HOSTS = {
    SocialPlatform.FACEBOOK: ("facebook.com", "fb.com"),
    SocialPlatform.INSTAGRAM: ("instagram.com",),
    SocialPlatform.YOUTUBE: ("youtube.com", "youtu.be"),
    SocialPlatform.X: ("x.com", "twitter.com"),
    SocialPlatform.LINKEDIN: ("linkedin.com",),
}


def host_matches(host, allowed):
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in allowed)


def validate_platform_url(platform, url):
    """Raise a ValidationError naming the platform when ``url`` is not one of its addresses."""
    if not url:
        return
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" in the host: malformed, not a crash
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            _("Enter a full web address starting with https://, such as https://www.example.org/.")
        )
    allowed = PLATFORM_HOSTS.get(platform)
    # A user name before "@" or a backslash in the authority lets a link read as facebook.com
    # while a browser goes elsewhere ("https://evil.example\\@facebook.com/" opens
    # evil.example); no platform address needs either, so such links are refused.
    disguised = "@" in parts.netloc or "\\" in parts.netloc
    if allowed and (disguised or not host_matches(parts.hostname, allowed)):
        raise ValidationError(
            _("This is not an address on %(platform)s: it should be on %(hosts)s.")
            % {
                "platform": SocialPlatform(platform).label,
                "hosts": " or ".join(allowed),
            }
        )


@deconstructible
class PlatformURLValidator:
    """A field validator bound to one platform, for settings fields such as ``facebook_url``."""

    def __init__(self, platform):
        self.platform = platform

    def __call__(self, url):
        validate_platform_url(self.platform, url)

    def __eq__(self, other):
        return isinstance(other, PlatformURLValidator) and other.platform == self.platform
