"""What the site's two reader forms (ask a mentor, share your voice) share in their tests: the
Japanese section they are asked for in, the fill-time token they carry, and the rules both keep
(linked from the section in every language, odd input answered with the form, a rate per e-mail)."""

import re
import time

from django.core import signing

from site_pages import fill_time
from tests.factories import translate


def japanese(site_tree, index, title):
    """``index`` translated into Japanese (the home page first), as readers of /ja/ find it."""
    translate(site_tree.home, "ja", "さくらサイエンスクラブ")
    return translate(index, "ja", title)


def started(seconds_ago):
    """The signed fill-time token of a form shown ``seconds_ago``."""
    return signing.dumps(int(time.time()) - seconds_ago, salt=fill_time.SALT)


def filled(fields, changes):
    """The data of a form shown a minute ago and filled with ``fields``, then ``changes``."""
    return {"started": started(60), "idempotency_key": "form-1", **fields, **changes}


def shown_form(client, url):
    """The HTML of the form at ``url``, checked for what every reader form carries."""
    page = client.get(url)
    html = page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    # A form with its own token and key: no browser or CDN may keep it for the next reader.
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert re.search(r'name="idempotency_key" value="[0-9a-f]{32}"', html)
    assert re.search(r'name="started" value="[^"]+:[^"]+"', html)
    return html


def send(client, capture_on_commit, url, data):
    """Post the form with what waits for the commit (the mails) run; the reader is thanked
    (a redirect), whether or not anything was stored."""
    with capture_on_commit(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    return response


def assert_linked_in_every_language(client, indexes, form_url):
    """Each section's page links to its form, in the section's own language."""
    for index in indexes:
        response = client.get(index.url)
        assert response.status_code == 200
        assert form_url(index) in response.content.decode()
        assert form_url(index).startswith(f"/{index.locale.language_code}/")


def assert_odd_input_shows_the_form(client, url, odd_posts, model):
    for data in odd_posts:
        assert client.post(url, data).status_code == 200
    assert not model.objects.exists()


def assert_one_post_per_email(client, settings, url, form_data, model):
    """A second post from the same address in the hour is refused, in Japanese."""
    settings.SAKURA_SUBMISSION_RATES = {"per_address": "100/h", "per_email": "1/h"}
    client.post(url, form_data(idempotency_key="a"))
    response = client.post(url, form_data(idempotency_key="b"))
    assert response.status_code == 429
    assert "分後にもう一度お試しください" in response.content.decode()
    assert model.objects.count() == 1
