"""Static files in production: names carrying a hash of their content, served by whitenoise
with a year-long immutable Cache-Control, compressed copies beside them. The tests' own settings
keep plain names (no collectstatic needed); this module runs the production storage on the
site's own static files."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.templatetags.static import static
from django.test import Client, override_settings

import cms.settings.base as base_settings

APP_STATIC = Path(settings.BASE_DIR) / "site_pages" / "static"
PRODUCTION_STORAGES = {
    "default": settings.STORAGES["default"],
    "staticfiles": base_settings.STORAGES["staticfiles"],
}


@pytest.fixture
def collected(tmp_path):
    """The site's static files post-processed as collectstatic does in production."""
    from whitenoise.storage import CompressedManifestStaticFilesStorage

    shutil.copytree(APP_STATIC, tmp_path, dirs_exist_ok=True)
    source = FileSystemStorage(location=APP_STATIC)
    names = [str(path.relative_to(APP_STATIC)) for path in APP_STATIC.rglob("*") if path.is_file()]
    storage = CompressedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    for _name, _hashed, processed in storage.post_process({name: (source, name) for name in names}):
        assert not isinstance(processed, Exception), processed
    return tmp_path


@pytest.mark.django_db
def test_stylesheets_get_hashed_names_and_a_year_of_immutable_caching(collected):
    with override_settings(STATIC_ROOT=collected, STORAGES=PRODUCTION_STORAGES, DEBUG=False):
        url = static("site_pages/css/tokens.css")
        assert url != "/static/site_pages/css/tokens.css"
        assert (collected / url.removeprefix("/static/")).exists()
        assert (collected / (url.removeprefix("/static/") + ".gz")).exists()
        response = Client().get(url)
        assert response.status_code == 200
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "immutable"} <= directives
        max_age = next(int(d.split("=")[1]) for d in directives if d.startswith("max-age="))
        assert max_age >= 365 * 24 * 60 * 60
        # The plain name is still served, but briefly cached: it changes with the file.
        plain = Client().get("/static/site_pages/css/tokens.css")
        assert "immutable" not in plain["Cache-Control"]
