"""The Person and Mentor snippets in the admin: listing, filters, search, adding."""

import pytest
from django.urls import reverse

from site_pages import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return [
        f.PersonFactory(name="Lai Hung Wei", country="MY", programme_year=2016),
        f.PersonFactory(name="Kadek Hendra Darmawan", country="ID", programme_year=2018),
    ]


def test_people_list_filters_by_country(admin_client, people):
    url = reverse("wagtailsnippets_site_pages_person:list")
    response = admin_client.get(url, {"country": "MY"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lai Hung Wei" in html
    assert "Kadek Hendra Darmawan" not in html


def test_people_list_searches_by_name(admin_client, people):
    url = reverse("wagtailsnippets_site_pages_person:list")
    html = admin_client.get(url, {"q": "Kadek"}).content.decode()
    assert "Kadek Hendra Darmawan" in html
    assert "Lai Hung Wei" not in html


def add_mentor(client, **fields):
    """Post the admin's add-mentor form for the slug haruka-mori, other fields blank unless
    given."""
    form = {
        "slug": "haruka-mori",
        "position": "",
        "affiliation": "",
        "research_field": "",
        "country_of_origin": "",
        "bio": "",
        **fields,
    }
    return client.post(reverse("wagtailsnippets_site_pages_mentor:add"), form)


def test_add_a_mentor_through_the_admin(admin_client):
    response = add_mentor(
        admin_client, name="Dr. Haruka Mori", research_field="Materials", country_of_origin="JP"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert m.Mentor.objects.get(slug="haruka-mori").research_field == "Materials"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_duplicate_mentor_slug_is_refused_with_a_message(admin_client, language):
    """Refused in the same language and in another: the site's question form looks a mentor
    up by slug among the reader's fallback languages."""
    from wagtail.models import Locale

    f.MentorFactory(slug="haruka-mori", locale=Locale.objects.get(language_code=language))
    response = add_mentor(admin_client, name="Someone else")
    assert response.status_code == 200
    assert m.Mentor.objects.filter(slug="haruka-mori").count() == 1
    assert "already exists" in response.content.decode()
