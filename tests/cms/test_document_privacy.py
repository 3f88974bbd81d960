"""Documents in a restricted collection (site_pages/private_documents.py): every link goes through
Wagtail's serve view; a document is served only to readers its collection's restriction accepts
("login": any signed-in account, "groups": members and superusers, "password": whoever gave it),
and never from an address that skips the check, whatever the storage: the local disk, S3 with
public objects, S3 with private documents (signed URLs). Over HTTP, with S3 on moto's server."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests import factories as f
from tests.cms.test_storage_s3 import PDF, fetch
from tests.conftest import make_user, publish
from tests.graphql_api.conftest import post_query

Document = get_document_model()
PASSWORD = "chapter-minutes"
STORAGES = ["local", "s3", "s3_private"]


@pytest.fixture(params=STORAGES)
def storage(request, settings):
    """Where the files are: the local disk (Wagtail's default serve method), or a bucket with
    public objects (AWS_PRIVATE_DOCUMENTS off) or private documents (on)."""
    if request.param != "local":
        bucket = request.getfixturevalue("bucket")
        use_s3 = request.getfixturevalue("use_s3")
        extra = {"private_prefixes": ("documents/",)} if request.param == "s3_private" else {}
        use_s3(bucket, **extra)
        return request.param, bucket
    settings.WAGTAILDOCS_SERVE_METHOD = None
    return request.param, None


def collection(name, kind=None):
    members = Collection.get_first_root_node().add_child(name=name)
    if kind:
        restriction = CollectionViewRestriction.objects.create(
            collection=members,
            restriction_type=kind,
            password=PASSWORD if kind == "password" else "",
        )
        if kind == "groups":
            restriction.groups.set([Group.objects.create(name="Board")])
    return members


def document(members, name="minutes.pdf"):
    return Document.objects.create(
        title="Board minutes", file=SimpleUploadedFile(name, PDF), collection=members
    )


def assert_served(response, storage_kind, bucket):
    """The file, by the view itself or through a signed URL; private to this reader."""
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-cache" in cache_control, cache_control
    if storage_kind == "s3_private":
        assert response.status_code == 302
        location = response["Location"]
        assert location.startswith(f"{bucket.endpoint}/{bucket.name}/documents/")
        assert "X-Amz-Signature=" in location
        assert fetch(location) == (200, PDF)
    else:
        assert response.status_code == 200, response.status_code
        assert b"".join(response.streaming_content) == PDF
        assert response["X-Content-Type-Options"] == "nosniff"


def assert_refused(response, kind):
    if kind == "password":
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode()
    else:
        assert response.status_code == 302
        assert "login" in response["Location"]
    assert PDF not in response.content


def readers(kind):
    """(client, allowed) for anonymous, a signed-in account, a member, a superuser."""
    anonymous = Client()
    signed_in, member, superuser = Client(), Client(), Client()
    signed_in.force_login(make_user("reader"))
    board = make_user("board-member")
    if kind == "groups":
        board.groups.add(Group.objects.get(name="Board"))
    member.force_login(board)
    superuser.force_login(make_user("root", superuser=True))
    allowed = {"login": (False, True, True, True), "groups": (False, False, True, True)}
    return list(
        zip([anonymous, signed_in, member, superuser], allowed.get(kind, (False,) * 4), strict=True)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["login", "groups"])
def test_only_readers_the_restriction_accepts_download(storage, kind):
    storage_kind, bucket = storage
    doc = document(collection("Board", kind))
    assert doc.url == f"/documents/{doc.pk}/{doc.filename}"
    for client, allowed in readers(kind):
        response = client.get(doc.url)
        if allowed:
            assert_served(response, storage_kind, bucket)
        else:
            assert_refused(response, kind)


@pytest.mark.django_db
def test_a_shared_password_opens_the_document(client, storage):
    storage_kind, bucket = storage
    doc = document(collection("Board", "password"))
    response = client.get(doc.url)
    assert_refused(response, "password")
    restriction = CollectionViewRestriction.objects.get()
    action = f"/documents/authenticate_with_password/{restriction.pk}/"
    client.post(action, {"password": "wrong", "return_url": doc.url})
    assert_refused(client.get(doc.url), "password")
    answer = client.post(action, {"password": PASSWORD, "return_url": doc.url})
    assert answer.status_code == 302 and answer["Location"] == doc.url
    assert_served(client.get(doc.url), storage_kind, bucket)


@pytest.mark.django_db
def test_a_public_document_is_left_to_wagtail(client, storage):
    storage_kind, bucket = storage
    doc = document(collection("Public"), name="newsletter.pdf")
    response = client.get(doc.url)
    if storage_kind == "local":
        assert response.status_code == 200
    else:  # on to the bucket (or CDN): plain for public objects, signed for private documents
        assert response.status_code == 302
        assert response["Location"].startswith(f"{bucket.endpoint}/{bucket.name}/documents/")
        assert ("X-Amz-Signature=" in response["Location"]) is (storage_kind == "s3_private")


@pytest.mark.django_db
def test_a_signed_in_user_without_their_second_factor_gets_nothing(client, storage):
    doc = document(collection("Board", "login"))
    user = make_user("half-signed-in")
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.force_login(user)
    response = client.get(doc.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/verify/")


PAGE_QUERY = """
query {
  page(path: "board") {
    ... on StandardPage {
      body {
        ... on DocumentBlock { document { url } }
        ... on ParagraphBlock { html }
      }
    }
  }
}
"""


@pytest.mark.django_db
def test_the_site_and_the_api_link_only_to_the_serve_view(client, site_tree, storage):
    _kind, bucket = storage
    doc = document(collection("Board", "login"))
    page = publish(
        f.StandardPageFactory(
            parent=site_tree.home,
            title="Board",
            slug="board",
            body__0__document__document=doc,
            body__0__document__title="Minutes",
            body__1__paragraph__value=(
                f'<p>The <a linktype="document" id="{doc.pk}">minutes</a>.</p>'
            ),
        )
    )
    html = client.get(page.url).content.decode()
    assert html.count(f'href="{doc.url}"') == 2
    answer = post_query(client, PAGE_QUERY).json()
    assert "errors" not in answer, answer
    blocks = answer["data"]["page"]["body"]
    assert blocks[0]["document"]["url"] == doc.url
    assert f'href="{doc.url}"' in blocks[1]["html"]
    everything = html + json.dumps(answer)
    assert doc.file.name not in everything  # no storage address, signed or not
    if bucket is not None:
        assert bucket.endpoint not in everything
    assert_refused(client.get(doc.url), "login")


@pytest.mark.django_db
def test_a_direct_serve_method_is_refused_by_the_checks(settings):
    settings.WAGTAILDOCS_SERVE_METHOD = "direct"
    with pytest.raises(SystemCheckError, match=r"site_pages\.E001"):
        call_command("check")
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    call_command("check")
