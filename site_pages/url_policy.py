"""The one list of URL schemes a link that reaches a reader may use, checked on the way in and
again on the way out.

Allowed: ``http``, ``https``, ``mailto``, ``tel``, and addresses without a scheme (``/en/…``,
``#top``, ``?page=2``, ``//host/…``). Everything else (``javascript:``, ``data:``,
``vbscript:``, ``file:``, ``ftp:`` …) is refused.

A browser reads a scheme more loosely than it looks: it drops leading spaces and control
characters, removes tabs and line breaks anywhere, ignores case, and in HTML decodes character
references first (``java&#x09;script&colon;``). ``scheme_of`` reads a value the same way, so a
disguised scheme is seen for what the browser will take it to be; control characters are refused
outright at save time.

- Save time: ``validate_url`` (one address) and ``validate_rich_text`` (every link of a rich
  text), used by the blocks (``blocks.py``), the models (``URLPolicyMixin``), the translation
  endpoints (``translations/validation.py``) and the demo loader.
- Output: ``safe_url`` (an address, or "" when it is not allowed) and ``clean_html`` (rich text
  through nh3, the Ammonia sanitiser), used by the site's templates, the API and the feeds, so a
  bad value written straight into the database still never reaches a reader.

Wagtail's rich-text rewriter leaves links without a ``linktype`` untouched, whatever their
``href``, so it is no output filter; nh3 parses HTML as a browser does (html5ever) and filters
every URL attribute against the same scheme list.
"""

import html
import re
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What the URL standard strips around an address, and removes inside it, before parsing.
EDGE = "".join(chr(code) for code in range(0x21))
TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data"}
)

# What rich text may contain on the way out: the editor's features (site_pages/blocks.py) and
# what Wagtail renders them as, nothing that runs script or loads anything.
HTML_TAGS = frozenset(
    {"p", "br", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "ol", "ul", "li", "a"}
    | {"blockquote", "code", "sub", "sup", "s", "hr", "span"}
)
HTML_ATTRIBUTES = {"a": {"href", "hreflang", "title", "lang"}, "*": {"lang", "dir"}}


def scheme_of(url):
    """The scheme a browser would read from ``url``, lower-cased, or None when it has none."""
    value = str(url)
    for _attempt in range(3):  # "&amp;#106;" decodes twice when HTML is nested in HTML
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    value = TAB_OR_NEWLINE.sub("", value.strip(EDGE))
    match = SCHEME.match(value)
    return match.group(1).lower() if match else None


def is_allowed_url(url):
    """May ``url`` be shown to a reader as a link? Empty values are allowed (no link)."""
    if not url:
        return True
    scheme = scheme_of(url)
    return scheme is None or scheme in ALLOWED_SCHEMES


def validate_url(url):
    """Raise a ValidationError, naming the address, when ``url`` may not reach a reader."""
    if not url:
        return
    shown = Truncator(CONTROL.sub("?", str(url))).chars(80)
    if CONTROL.search(str(url)):
        raise ValidationError(
            _("“%(url)s” contains control characters, which a web address may not."),
            code="unsafe_url",
            params={"url": shown},
        )
    if not is_allowed_url(url):
        raise ValidationError(
            _(
                "“%(url)s” is not allowed: links must start with http://, https://, mailto: "
                "or tel:, or be an address on this site."
            ),
            code="unsafe_url",
            params={"url": shown},
        )


class _URLCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls.extend(value for name, value in attrs if name in URL_ATTRIBUTES and value)

    handle_startendtag = handle_starttag


def urls_in_html(source):
    """Every address in the URL attributes of an HTML fragment (links, images, forms)."""
    collector = _URLCollector()
    collector.feed(source or "")
    collector.close()
    return collector.urls


def validate_rich_text(source):
    """Raise a ValidationError listing the links of stored rich text that are not allowed."""
    errors = []
    for url in urls_in_html(source):
        try:
            validate_url(url)
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)


def safe_url(url):
    """``url`` when a reader may follow it, else an empty string (the link is dropped)."""
    return url if url and is_allowed_url(url) else ""


def clean_html(source):
    """Rendered rich text with every tag, attribute and address outside the lists removed."""
    return nh3.clean(
        source or "",
        tags=set(HTML_TAGS),
        attributes={tag: set(names) for tag, names in HTML_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
