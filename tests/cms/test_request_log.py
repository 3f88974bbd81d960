"""Production logging (cms/request_log.py): a server error is one JSON line on stderr with the
request id, and without the personal data the request carried."""

import json
import logging
import logging.config

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from cms.request_log import json_logging

pytestmark = pytest.mark.django_db


def fails(request):
    raise RuntimeError("the database went away")


def works(request):
    logging.getLogger("site_pages.example").warning("something worth a look")
    return HttpResponse("ok")


urlpatterns = [path("fails/", fails), path("works/", works)]


@pytest.fixture
def production_logging(capsys):
    """Production's LOGGING, its stderr handler bound to the test's captured stderr."""
    logging.config.dictConfig(json_logging("WARNING"))
    yield
    logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_logged_with_the_request_id_and_no_personal_data(
    client, production_logging, capsys
):
    client.raise_request_exception = False
    response = client.post(
        "/fails/?email=hidden%40example.org",
        {"email": "member@example.org", "name": "Siti Rahma", "password": "s3cret-passphrase"},
        HTTP_X_REQUEST_ID="req-1234567890",
        HTTP_COOKIE="sessionid=abcdef123456",
    )
    assert response.status_code == 500

    err = capsys.readouterr().err
    records = json_lines(err)
    errors = [r for r in records if r["logger"] == "django.request"]
    assert len(errors) == 1, err
    record = errors[0]
    assert record["level"] == "ERROR"
    assert record["request_id"] == "req-1234567890"
    assert record["path"] == "/fails/"
    assert record["method"] == "POST"
    assert "RuntimeError: the database went away" in record["exc_info"]
    for secret in ("member@example.org", "hidden@example.org", "Siti Rahma", "s3cret", "abcdef"):
        assert secret not in err


@override_settings(ROOT_URLCONF=__name__)
def test_every_request_gets_an_id_and_sees_it_back(client, production_logging, capsys):
    response = client.get("/works/", HTTP_X_REQUEST_ID="<script>")
    generated = response["X-Request-ID"]
    assert len(generated) == 32 and generated != "<script>"  # a new one, not the unsafe offer
    record = json_lines(capsys.readouterr().err)[-1]
    assert record["message"] == "something worth a look"
    assert record["request_id"] == generated
