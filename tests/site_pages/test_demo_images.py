"""The demo's painted pictures: reproducible, varied, small, and every scene drawable."""

from io import BytesIO

import pytest
from PIL import Image

from site_pages.demo.images import SCENES, chapter_scene, draw_picture, event_scenes


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_every_scene_paints_a_small_jpeg_of_the_asked_size(scene):
    size = (480, 480) if scene == "portrait" else (1200, 800)
    painted = draw_picture(f"{scene} test", size, scene=scene, country="IN")
    picture = Image.open(BytesIO(painted))
    assert (picture.format, picture.size) == ("JPEG", size)
    assert len(painted) < 150_000
    # Not a flat fill: a scene has light and shade.
    low, high = picture.convert("L").getextrema()
    assert high - low > 60


def test_the_same_title_paints_the_same_picture_and_another_title_another():
    assert draw_picture("2nd India reunion", scene="plains", country="IN") == draw_picture(
        "2nd India reunion", scene="plains", country="IN"
    )
    assert draw_picture("2nd India reunion", scene="plains", country="IN") != draw_picture(
        "3rd India reunion", scene="plains", country="IN"
    )


def test_a_chapter_country_colours_its_pictures():
    india = Image.open(BytesIO(draw_picture("same", scene="mountains", country="IN")))
    nepal = Image.open(BytesIO(draw_picture("same", scene="mountains", country="NP")))
    assert india.resize((8, 8)).tobytes() != nepal.resize((8, 8)).tobytes()


def test_an_unknown_scene_is_refused_with_the_names_of_the_known_ones():
    with pytest.raises(ValueError, match=r"No demo scene is called 'volcano'.*'hall'"):
        draw_picture("x", scene="volcano")


def test_events_are_pictured_by_how_and_where_they_happened():
    assert "online" in event_scenes("reunion", "online", "IN")
    assert "online" not in event_scenes("reunion", "in_person", "IN")
    assert chapter_scene("IN") in event_scenes("reunion", "in_person", "IN")
    assert set(event_scenes("seminar", "in_person", "JP")) == {"hall", "laboratory"}
    # A country without a landscape of its own gets a city.
    assert chapter_scene("MX") == "skyline"
