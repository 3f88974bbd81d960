"""What tests post to the admin's add view for a new event or chapter: the view's URL and the
page's form with every field present, so that a field added to a page's form is added here once.

``event_form`` and ``chapter_form`` fill what a test leaves out with the blank an editor leaves;
``event_post`` and ``chapter_post`` are whole valid pages (the third India reunion, a Japan
chapter) for tests that change one field of a page the admin accepts.
"""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("site_pages", model, parent.pk))


def event_form(**fields):
    blank = {
        "edition": "",
        "end_date": "",
        "date_precision": "day",
        "venue": "",
        "city": "",
        "country": "",
        "registration_url": "",
        "intro": "",
        "hero_image": "",
        "body": streamfield([]),
        "gallery_images": inline_formset([]),
        "outcome": streamfield([]),
        "seo_title": "",
        "search_description": "",
    }
    return nested_form_data({**blank, **fields})


def chapter_form(**fields):
    blank = {
        "local_name": "",
        "acronym": "",
        "founded_on": "",
        "founded_on_precision": "day",
        "member_count": "",
        "member_count_year": "",
        "intro": "",
        "hero_image": "",
        "body": streamfield([]),
        "coordinators": inline_formset([]),
        "social_links": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    return nested_form_data({**blank, **fields})


def event_post(**fields):
    reunion = {
        "title": "3rd India reunion",
        "slug": "3rd-india-reunion",
        "kind": "reunion",
        "edition": "3",
        "start_date": "2024-03-10",
        "end_date": "2024-03-10",
        "format": "in_person",
        "venue": "IIT Delhi",
        "city": "New Delhi",
        "country": "IN",
        "intro": "The third reunion of the Indian alumni.",
        "body": streamfield([("paragraph", rich_text("<p>Programme to follow.</p>"))]),
    }
    return event_form(**{**reunion, **fields})


def chapter_post(**fields):
    return chapter_form(**{"title": "Japan", "slug": "japan", "country": "JP", **fields})
