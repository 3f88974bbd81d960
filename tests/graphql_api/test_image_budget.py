"""What one anonymous request may make the server spend on image renditions.

A request naming every preset of every image, in every format, makes at most the budget of new
files; the rest of its answer is signed addresses that accept preset renditions only, and the
missing files are queued for the worker. The site's pages run on the same budget."""

import re
from urllib.parse import unquote

import pytest
import wagtail_factories
from django.core import checks
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.utils import generate_signature

from site_pages.image_presets import FORMATS, check_presets, presets
from site_pages.renditions import RenditionBudget, make_renditions

Image = get_image_model()
Rendition = Image.get_rendition_model()
BUDGET = 6


def every_preset_query():
    """Every preset in every format (and the original's), under every chapter's hero image."""
    fields = " ".join(
        f"{name}_{format or 'original'}: renditions(preset: {name.upper()}"
        f"{f', format: {format.upper()}' if format else ''}) {{ url width height ready }}"
        for name in presets()
        for format in (None, *FORMATS)
    )
    return f"{{ chapters {{ edges {{ node {{ heroImage {{ {fields} }} }} }} }} }}"


def renditions_in(data):
    for edge in data["chapters"]["edges"]:
        for renditions in edge["node"]["heroImage"].values():
            yield from renditions


@pytest.fixture
def pictures(site_tree, settings):
    settings.SAKURA_IMAGE_RENDITION_BUDGET = BUDGET
    # The query below names 30 fields per image: more than the alias limit lets through, to
    # show the budget holds even where that limit would not.
    settings.SAKURA_GRAPHQL = {**settings.SAKURA_GRAPHQL, "MAX_ALIASES": 100, "MAX_TOKENS": 5000}
    for chapter in (site_tree.india, site_tree.indonesia):
        chapter.hero_image = wagtail_factories.ImageFactory(file__width=1600, file__height=1000)
        chapter.save_revision().publish()
    return site_tree


@pytest.fixture
def queued(settings):
    """The task queue as a list: what was queued is recorded, nothing runs."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    return backend.results


def test_a_query_naming_every_preset_of_every_image_makes_at_most_the_budget(
    client, pictures, queued, django_capture_on_commit_callbacks
):
    before = Rendition.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        # GET, as any web page could make a visitor's browser send it.
        response = client.get("/graphql/", {"query": every_preset_query()})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    renditions = list(renditions_in(body["data"]))
    per_image = sum(len(p.widths) for p in presets().values()) * (len(FORMATS) + 1)
    assert len(renditions) == 2 * per_image

    assert Rendition.objects.count() - before == BUDGET
    ready = [r for r in renditions if r["ready"]]
    assert len(ready) == BUDGET
    assert all(r["url"].startswith("/media/") for r in ready)
    deferred = [r for r in renditions if not r["ready"]]
    assert all(r["url"].startswith("/images/") for r in deferred)
    # The work left over is queued for the worker, each missing file once.
    queued_specs = [
        (result.args[0], spec)
        for result in queued
        if result.task.name == make_renditions.name
        for spec in result.args[1]
    ]
    assert sorted(queued_specs) == sorted({signed_parts(r["url"])[1:] for r in deferred})


def signed_parts(url):
    signature, image_id, spec = re.fullmatch(r"/images/([^/]+)/(\d+)/([^/]+)/", url).groups()
    return signature, int(image_id), unquote(spec)


def test_signed_addresses_make_their_file_once_and_redirect_to_it(
    client, pictures, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        data = client.get("/graphql/", {"query": every_preset_query()}).json()["data"]
    deferred = [r for r in renditions_in(data) if not r["ready"]]
    sample = deferred[0]
    _signature, image_id, spec = signed_parts(sample["url"])
    assert not Rendition.objects.filter(image_id=image_id, filter_spec=spec).exists()

    response = client.get(sample["url"])
    assert response.status_code == 302
    rendition = Rendition.objects.get(image_id=image_id, filter_spec=spec)
    assert response["Location"] == rendition.url
    # The size announced before the file existed is the size it has.
    assert (rendition.width, rendition.height) == (sample["width"], sample["height"])
    assert client.get(sample["url"])["Location"] == rendition.url
    assert Rendition.objects.filter(image_id=image_id, filter_spec=spec).count() == 1


def test_the_rendition_address_refuses_anything_but_signed_presets(client, pictures):
    image = pictures.india.hero_image
    before = Rendition.objects.count()

    def fetch(signature, spec):
        return client.get(reverse("image_rendition", args=(signature, image.pk, spec)))

    preset_spec = "fill-240x160|format-webp"
    # A free size, even signed with the server's key, is not a preset.
    assert fetch(generate_signature(image.pk, "width-333"), "width-333").status_code == 404
    assert (
        fetch(generate_signature(image.pk, "fill-4000x4000"), "fill-4000x4000").status_code == 404
    )
    # A preset with a signature for something else, or none.
    assert fetch(generate_signature(image.pk, "width-480"), preset_spec).status_code == 403
    assert fetch("forged", preset_spec).status_code == 403
    assert Rendition.objects.count() == before
    assert fetch(generate_signature(image.pk, preset_spec), preset_spec).status_code == 302
    assert Rendition.objects.count() == before + 1


def test_what_was_queued_makes_the_next_answer_link_files(
    client, site_tree, settings, queued, django_capture_on_commit_callbacks
):
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 2
    site_tree.india.hero_image = wagtail_factories.ImageFactory(file__width=1600, file__height=1000)
    site_tree.india.save_revision().publish()
    query = (
        '{ chapter(slug: "india") { heroImage { '
        "a: renditions(preset: HERO, format: WEBP) { url ready } "
        "b: renditions(preset: CARD, format: AVIF) { url ready } } } }"
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get("/graphql/", {"query": query}).json()["data"]["chapter"]["heroImage"]
    assert sum(r["ready"] for r in first["a"] + first["b"]) == 2

    # What the worker does with the queue (the task runner itself: tests/cms/test_tasks.py).
    assert queued
    for result in queued:
        result.task.call(*result.args, **result.kwargs)

    made = Rendition.objects.count()
    second = client.get("/graphql/", {"query": query}).json()["data"]["chapter"]["heroImage"]
    assert all(r["ready"] and r["url"].startswith("/media/") for r in second["a"] + second["b"])
    assert Rendition.objects.count() == made


def test_the_site_renders_pictures_on_the_same_budget(client, pictures, settings):
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 2
    before = Rendition.objects.count()
    response = client.get(pictures.india.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert Rendition.objects.count() - before == 2
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'type="image/avif"' in picture
    # Width and height reserve the space; the hero's largest width sets them.
    assert 'width="1200" height="500"' in picture
    # Three widths in AVIF, WebP and the original's kind (the <img>, for older browsers).
    addresses = re.findall(r"(/(?:media|images)/\S+) \d+w", picture)
    assert len(addresses) == 9
    signed = [address for address in addresses if address.startswith("/images/")]
    assert signed
    for address in signed:
        assert client.get(address).status_code == 302


@pytest.mark.parametrize(("width", "height"), [(1600, 1000), (300, 200), (500, 1200)])
def test_planned_sizes_are_the_sizes_wagtail_makes(db, width, height):
    image = wagtail_factories.ImageFactory(file__width=width, file__height=height)
    specs = {spec for preset in presets().values() for spec in preset.specs("webp")}
    planned = RenditionBudget(limit=0).get_many(image, specs)
    assert not any(ref.ready for ref in planned.values())
    for spec, ref in planned.items():
        made = image.get_rendition(spec)
        assert (ref.width, ref.height) == (made.width, made.height), spec


def test_a_preset_table_that_would_grow_files_fails_the_system_check(settings):
    assert check_presets() == []
    settings.SAKURA_IMAGE_PRESETS = {
        "many": {"widths": [100, 200, 300, 400, 500]},
        "huge": {"widths": [9000]},
        "odd": {"ratio": "wide", "widths": [100]},
        "Bad-Name": {"widths": [100]},
    }
    settings.SAKURA_IMAGE_SITE_FORMATS = ["tiff"]
    errors = check_presets()
    assert all(isinstance(error, checks.Error) for error in errors)
    messages = " ".join(error.msg for error in errors)
    assert "'many']: give 1 to 4 widths" in messages
    assert "'huge']: widths are whole pixels from 1 to 4000" in messages
    assert "'odd']: ratio is WIDTH:HEIGHT" in messages
    assert "'Bad-Name']: a preset name is a lowercase identifier" in messages
    assert "'tiff' is not one of" in messages


def test_the_queued_task_makes_only_presets(db):
    image = wagtail_factories.ImageFactory(file__width=800, file__height=600)
    assert make_renditions.call(image.pk, ["fill-240x160|format-webp", "width-333"]) == 1
    assert list(image.renditions.values_list("filter_spec", flat=True)) == [
        "fill-240x160|format-webp"
    ]
    assert make_renditions.call(image.pk + 1000, ["fill-240x160"]) == 0
