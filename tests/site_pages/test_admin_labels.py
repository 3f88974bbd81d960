"""Repeated items in the page editor are named one by one ("Photo 1", "Add photo") under a
heading for the whole list ("Gallery"), not "Gallery 1"; the venue gets a whole row."""

import pytest

pytestmark = pytest.mark.django_db


def editor_html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("model", "parent", "heading", "item"),
    [
        ("eventpage", "india", "Gallery", "Photo"),
        ("chapterpage", "chapters", "Coordinators", "Coordinator"),
        ("chapterpage", "chapters", "Social links", "Social link"),
        ("yearbookpage", "yearbooks", "Coordinators", "Coordinator"),
    ],
)
def test_each_item_is_named_alone_under_a_heading_for_the_list(
    client, users, site_tree, model, parent, heading, item
):
    parent_page = getattr(site_tree, parent)
    html = editor_html(
        client,
        users["secretariat"],
        f"/admin/pages/add/site_pages/{model}/{parent_page.pk}/",
    )
    assert f"<span data-panel-heading-text>{heading}</span>" in html
    assert f"Add {item}\n" in html
    assert f"Add {heading}\n" not in html


def test_the_home_pages_featured_items(client, users, site_tree):
    html = editor_html(client, users["secretariat"], f"/admin/pages/{site_tree.home.pk}/edit/")
    assert "Add Featured item\n" in html
    assert "Add Featured items" not in html


def test_the_venue_has_a_row_of_its_own(client, users, site_tree):
    html = editor_html(
        client, users["secretariat"], f"/admin/pages/add/site_pages/eventpage/{site_tree.india.pk}/"
    )
    venue_at = html.index('name="venue"')
    city_at = html.index('name="city"')
    # The city's row starts after the venue field: they are not side by side.
    assert html.rfind('class="w-field-row', 0, city_at) > venue_at
