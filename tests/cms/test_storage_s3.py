"""Media on S3: the storage is chosen by the environment, and with a bucket configured the
admin uploads, renditions, page and API URLs, deletions, failures and the copy command all
work against a real S3-compatible HTTP server on loopback (moto's server mode)."""

import io
import json
import re
import urllib.request
from urllib.parse import urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from cms.storage import MediaStorage, media_storage
from tests import factories as f
from tests.cms.conftest import S3Server, make_bucket
from tests.conftest import publish
from tests.settings_process import settings_read

Image = get_image_model()
Document = get_document_model()

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_bytes(width=64, height=48, color=(200, 40, 90)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def root_collection():
    return Collection.get_first_root_node()


def upload_image(client, name="photo.png", data=None, title="Reunion photo"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, data or png_bytes(), content_type="image/png"),
            "collection": root_collection().pk,
            "tags": "",
        },
    )


def upload_document(client, name="programme.pdf", data=PDF, title="Programme"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, data, content_type="application/pdf"),
            "collection": root_collection().pk,
            "tags": "",
        },
    )


def file_errors(response):
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors.get("file", [])


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, answer.read()


def key_of(url, bucket):
    """The object key in a path-style URL on the endpoint (http://host:port/bucket/key)."""
    path = urlparse(url).path.lstrip("/")
    assert path.startswith(f"{bucket.name}/"), url
    return path[len(bucket.name) + 1 :]


# --- choosing the storage from the environment ------------------------------------------------

REPORT = (
    "{'default': settings.STORAGES['default'], "
    "'static': settings.STORAGES['staticfiles']['BACKEND'], "
    "'serve': getattr(settings, 'WAGTAILDOCS_SERVE_METHOD', None), "
    "'class': type(storages['default']).__module__ + '.' + type(storages['default']).__name__, "
    "'image_form': settings.WAGTAILIMAGES_IMAGE_FORM_BASE, "
    "'doc_form': settings.WAGTAILDOCS_DOCUMENT_FORM_BASE}"
)


def settings_report(**env):
    return settings_read(REPORT, env=env, unset=["AWS_"])


def test_local_disk_when_no_bucket_is_configured():
    report = settings_report()
    assert report["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert report["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert report["serve"] is None
    assert report["image_form"] == "site_pages.uploads.ImageForm"
    assert report["doc_form"] == "site_pages.uploads.DocumentForm"


def test_s3_when_a_bucket_is_configured():
    report = settings_report(
        AWS_STORAGE_BUCKET_NAME="sakura-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_REGION_NAME="ap-northeast-1",
        AWS_S3_CUSTOM_DOMAIN="media.sakura.example",
    )
    assert report["class"] == "cms.storage.MediaStorage"
    options = report["default"]["OPTIONS"]
    assert options["bucket_name"] == "sakura-media"
    assert options["endpoint_url"] == "http://127.0.0.1:9000"
    assert options["region_name"] == "ap-northeast-1"
    assert options["custom_domain"] == "media.sakura.example"
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    assert options["private_prefixes"] == []
    # Static files stay with whitenoise.
    assert report["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    # Every document link goes through Wagtail's serve view (collection privacy).
    assert report["serve"] == "redirect"


def test_private_documents_are_signed_and_served_through_wagtail():
    report = settings_report(AWS_STORAGE_BUCKET_NAME="sakura-media", AWS_PRIVATE_DOCUMENTS="true")
    assert report["default"]["OPTIONS"]["private_prefixes"] == ["documents/"]
    assert report["serve"] == "redirect"


def test_switching_settings_reaches_wagtails_file_fields(s3_media):
    """Wagtail's image, rendition and document fields use the lazy default storage, so the
    override (and Django's storage reset on STORAGES changes) reaches them."""
    for model in (Image, Image.get_rendition_model(), Document):
        storage = model._meta.get_field("file").storage
        assert isinstance(storage, MediaStorage), model
        assert storage.bucket_name == s3_media.name
    assert media_storage().bucket_name == s3_media.name


def test_private_prefixes_without_a_server():
    """ACLs only where the bucket uses them (a bucket with ACLs disabled refuses them), and
    signed URLs for private names, through CloudFront when a CloudFront key is configured."""
    plain = MediaStorage(bucket_name="media", private_prefixes=("documents/",))
    assert "ACL" not in plain.get_object_parameters("documents/a.pdf")
    assert plain.get_object_parameters("documents/a.pdf")["ContentType"] == "application/pdf"
    acl = MediaStorage(
        bucket_name="media", private_prefixes=("documents/",), default_acl="public-read"
    )
    assert acl.get_object_parameters("documents/a.pdf")["ACL"] == "private"
    assert acl._get_write_parameters("images/a.png")["ACL"] == "public-read"

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    pem = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
        .decode()
    )
    cdn = MediaStorage(
        bucket_name="media",
        custom_domain="cdn.sakura.test",
        querystring_auth=False,
        private_prefixes=("documents/",),
        cloudfront_key_id="K2JCJMDEHXQW5F",
        cloudfront_key=pem,
    )
    assert cdn.url("images/a.png") == "https://cdn.sakura.test/images/a.png"
    signed = cdn.url("documents/a.pdf")
    assert signed.startswith("https://cdn.sakura.test/documents/a.pdf?Expires=")
    assert "Key-Pair-Id=K2JCJMDEHXQW5F" in signed
    assert "Signature=" in signed


# --- uploads, renditions, URLs, deletion -----------------------------------------------------


@pytest.mark.django_db
def test_admin_uploads_go_to_the_bucket(admin_client, client, s3_media):
    response = upload_image(admin_client, data=png_bytes(120, 90))
    assert response.status_code == 302, file_errors(response)
    image = Image.objects.get()
    assert image.file.name.startswith("original_images/photo")
    assert s3_media.keys("original_images/") == [image.file.name]
    assert (image.width, image.height) == (120, 90)
    assert image.file_size == len(png_bytes(120, 90))
    assert image.file_hash
    head = s3_media.client.head_object(Bucket=s3_media.name, Key=image.file.name)
    assert head["ContentType"] == "image/png"
    assert head["CacheControl"] == "public, max-age=86400"
    assert image.file.url == f"{s3_media.endpoint}/{s3_media.name}/{image.file.name}"
    assert fetch(image.file.url) == (200, png_bytes(120, 90))

    response = upload_document(admin_client)
    assert response.status_code == 302, file_errors(response)
    document = Document.objects.get()
    assert s3_media.keys("documents/") == [document.file.name]
    assert document.file_size == len(PDF)
    # Links go through Wagtail's serve view, which sends a public document on to the storage.
    assert document.url == f"/documents/{document.pk}/{document.filename}"
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"] == f"{s3_media.endpoint}/{s3_media.name}/{document.file.name}"
    assert fetch(response["Location"]) == (200, PDF)


@pytest.mark.django_db
def test_the_multiple_uploader_stores_in_the_bucket(admin_client, s3_media):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("group.png", png_bytes(), content_type="image/png")},
    )
    assert response.json()["success"] is True
    image = Image.objects.get()
    assert s3_media.keys("original_images/") == [image.file.name]


@pytest.mark.django_db
def test_same_name_twice_makes_two_objects(admin_client, s3_media):
    first, second = png_bytes(color=(255, 0, 0)), png_bytes(color=(0, 0, 255))
    assert upload_image(admin_client, "same.png", first, "First").status_code == 302
    assert upload_image(admin_client, "same.png", second, "Second").status_code == 302
    images = {image.title: image for image in Image.objects.all()}
    names = {images["First"].file.name, images["Second"].file.name}
    assert len(names) == 2
    assert set(s3_media.keys("original_images/")) == names
    assert s3_media.read(images["First"].file.name) == first
    assert s3_media.read(images["Second"].file.name) == second


@pytest.mark.django_db
def test_the_stored_content_type_comes_from_the_name_not_the_browser(admin_client, s3_media):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Notes",
            "file": SimpleUploadedFile("notes.txt", b"plain words", content_type="text/html"),
            "collection": root_collection().pk,
            "tags": "",
        },
    )
    assert response.status_code == 302, file_errors(response)
    key = Document.objects.get().file.name
    head = s3_media.client.head_object(Bucket=s3_media.name, Key=key)
    assert head["ContentType"] == "text/plain"


def make_event(site_tree, image):
    event = f.EventPageFactory(
        parent=site_tree.india, title="Delhi reunion", slug="delhi-reunion", hero_image=image
    )
    return publish(event)


EVENT_QUERY = """
query Event($path: String!) {
  page(path: $path) {
    ... on EventPage {
      heroImage { url rendition(preset: CARD, width: 240) { url width height } }
    }
  }
}
"""


def event_path(site_tree, event):
    return event.url_path[len(site_tree.home.url_path) :].strip("/")


@pytest.mark.django_db
def test_renditions_page_and_api_urls_point_at_the_bucket(
    admin_client, client, site_tree, s3_media, monkeypatch, settings
):
    # Every picture of the page is made in this one view (the budget has its own tests).
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 100
    assert upload_image(admin_client, data=png_bytes(800, 600)).status_code == 302
    image = Image.objects.get()
    event = make_event(site_tree, image)
    base = f"{s3_media.endpoint}/{s3_media.name}/"

    rendition = image.get_rendition("fill-100x100|format-webp")
    assert rendition.url.startswith(f"{base}images/")
    assert rendition.file.name in s3_media.keys("images/")
    status, body = fetch(rendition.url)
    assert status == 200
    assert PILImage.open(io.BytesIO(body)).format == "WEBP"

    # The public page shows the header rendition from the bucket.
    page = client.get(event.url)
    assert page.status_code == 200
    html = page.content.decode()
    addresses = [
        candidate.split()[0]
        for attribute in re.findall(r'(?:src|srcset)="([^"]+)"', html)
        for candidate in attribute.split(", ")
    ]
    pictures = [address for address in addresses if "/images/" in address]
    assert pictures  # the hero, in every format and width
    assert all(address.startswith(f"{base}images/") for address in pictures), pictures
    assert {key_of(address, s3_media) for address in pictures} <= set(s3_media.keys("images/"))

    # The API gives the original's and the rendition's URLs on the endpoint.
    response = client.post(
        "/graphql/",
        json.dumps({"query": EVENT_QUERY, "variables": {"path": event_path(site_tree, event)}}),
        content_type="application/json",
    )
    body = response.json()
    assert "errors" not in body, body
    hero = body["data"]["page"]["heroImage"]
    assert hero["url"] == image.file.url
    assert hero["url"].startswith(f"{base}original_images/")
    assert hero["rendition"]["url"].startswith(f"{base}images/")
    assert key_of(hero["rendition"]["url"], s3_media) in s3_media.keys("images/")

    # Renditions are made once: rendering again writes nothing to the bucket.
    writes = []
    original_save = MediaStorage._save

    def counting_save(self, name, content):
        writes.append(name)
        return original_save(self, name, content)

    monkeypatch.setattr(MediaStorage, "_save", counting_save)
    keys_before = s3_media.keys()
    renditions_before = image.renditions.count()
    assert client.get(event.url).status_code == 200
    again = client.post(
        "/graphql/",
        json.dumps({"query": EVENT_QUERY, "variables": {"path": event_path(site_tree, event)}}),
        content_type="application/json",
    ).json()
    assert again["data"]["page"]["heroImage"]["rendition"]["url"] == hero["rendition"]["url"]
    assert Image.objects.get().get_rendition("fill-100x100|format-webp").url == rendition.url
    assert writes == []
    assert s3_media.keys() == keys_before
    assert image.renditions.count() == renditions_before


@pytest.mark.django_db
def test_a_cdn_domain_is_used_for_public_urls(admin_client, client, site_tree, bucket, use_s3):
    use_s3(bucket, custom_domain="cdn.sakura.test")
    assert upload_image(admin_client, data=png_bytes(400, 300)).status_code == 302
    image = Image.objects.get()
    event = make_event(site_tree, image)
    assert image.file.url == f"https://cdn.sakura.test/{image.file.name}"
    assert "X-Amz-Signature" not in image.file.url

    body = client.post(
        "/graphql/",
        json.dumps({"query": EVENT_QUERY, "variables": {"path": event_path(site_tree, event)}}),
        content_type="application/json",
    ).json()
    hero = body["data"]["page"]["heroImage"]
    assert hero["url"].startswith("https://cdn.sakura.test/original_images/")
    assert hero["rendition"]["url"].startswith("https://cdn.sakura.test/images/")
    name = hero["rendition"]["url"].removeprefix("https://cdn.sakura.test/")
    assert name in bucket.keys("images/")
    assert "https://cdn.sakura.test/images/" in client.get(event.url).content.decode()


@pytest.mark.django_db
def test_private_documents_get_signed_urls(admin_client, bucket, use_s3):
    use_s3(bucket, serve_method="redirect", private_prefixes=("documents/",))
    assert upload_document(admin_client).status_code == 302
    document = Document.objects.get()
    acl = bucket.client.get_object_acl(Bucket=bucket.name, Key=document.file.name)
    assert not [g for g in acl["Grants"] if g["Grantee"].get("URI", "").endswith("AllUsers")]

    # Links go through Wagtail's serve view (privacy checks), which redirects to a signed URL.
    assert document.url.startswith("/documents/")
    response = admin_client.get(document.url)
    assert response.status_code == 302
    signed = response["Location"]
    assert signed.startswith(f"{bucket.endpoint}/{bucket.name}/documents/")
    assert "X-Amz-Signature=" in signed
    assert fetch(signed) == (200, PDF)

    # Images stay public, with plain URLs.
    assert upload_image(admin_client).status_code == 302
    assert "X-Amz-Signature" not in Image.objects.get().file.url


@pytest.mark.django_db
def test_deleting_in_the_admin_removes_the_objects(
    admin_client, s3_media, django_capture_on_commit_callbacks
):
    assert upload_image(admin_client).status_code == 302
    assert upload_document(admin_client).status_code == 302
    image, document = Image.objects.get(), Document.objects.get()
    rendition = image.get_rendition("fill-100x100|format-webp")
    assert len(s3_media.keys()) == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code == 302

    assert not Image.objects.exists()
    assert not Document.objects.exists()
    remaining = s3_media.keys()
    assert image.file.name not in remaining
    assert rendition.file.name not in remaining
    assert document.file.name not in remaining
    assert remaining == []


# --- failures --------------------------------------------------------------------------------

STORAGE_MESSAGE = "media storage is not reachable or refused it"


@pytest.fixture
def own_server(aws_env):
    """A server of this test's own, which the test stops and starts again."""
    server = S3Server().start()
    yield server
    server.stop()


@pytest.mark.django_db
def test_unreachable_bucket_gives_a_form_error_and_recovers(admin_client, own_server, use_s3):
    bucket = make_bucket(own_server)
    use_s3(bucket)
    own_server.stop()

    response = upload_image(admin_client)
    errors = file_errors(response)
    assert any(STORAGE_MESSAGE in error for error in errors), errors
    assert STORAGE_MESSAGE in response.content.decode()
    response = upload_document(admin_client)
    assert any(STORAGE_MESSAGE in error for error in file_errors(response))
    multiple = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("group.png", png_bytes(), content_type="image/png")},
    ).json()
    assert multiple["success"] is False
    assert STORAGE_MESSAGE in multiple["error_message"]
    assert not Image.objects.exists()
    assert not Document.objects.exists()

    # The store comes back on the same address: the next upload works, no restart needed.
    own_server.start()
    response = upload_image(admin_client)
    assert response.status_code == 302, file_errors(response)
    assert upload_document(admin_client).status_code == 302
    image, document = Image.objects.get(), Document.objects.get()
    assert bucket.keys() == sorted([image.file.name, document.file.name])


@pytest.mark.django_db
def test_a_bucket_refusing_writes_gives_a_form_error(admin_client, s3_server, use_s3):
    # A bucket that does not exist: the store answers, and refuses (NoSuchBucket).
    missing = make_bucket(s3_server)
    missing.client.delete_bucket(Bucket=missing.name)
    use_s3(missing)
    response = upload_image(admin_client)
    assert any(STORAGE_MESSAGE in error for error in file_errors(response))
    response = upload_document(admin_client)
    assert any(STORAGE_MESSAGE in error for error in file_errors(response))
    assert not Image.objects.exists()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_failed_database_save_removes_the_stored_file(admin_user, s3_media, monkeypatch):
    """The file is stored while the form validates; if the row then cannot be saved, the
    object is removed again rather than left behind."""
    form_class = get_image_form(Image)
    form = form_class(
        {"title": "Photo", "collection": root_collection().pk, "tags": ""},
        {"file": SimpleUploadedFile("photo.png", png_bytes())},
        user=admin_user,
    )
    assert form.is_valid(), form.errors
    assert len(s3_media.keys("original_images/")) == 1

    def broken_save(self, *args, **kwargs):
        raise IntegrityError("database refused")

    monkeypatch.setattr(Image, "save", broken_save)
    with pytest.raises(IntegrityError):
        form.save()
    assert s3_media.keys() == []


# --- moving a site's media to the bucket -----------------------------------------------------


def run_copy(*args):
    out = io.StringIO()
    call_command("copy_media_to_storage", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_copy_refuses_without_a_bucket():
    with pytest.raises(CommandError, match="No bucket is configured"):
        run_copy()


@pytest.mark.django_db
def test_copy_dry_run_writes_nothing(settings, tmp_path, bucket, use_s3):
    settings.MEDIA_ROOT = str(tmp_path)
    f.ImageFactory(title="Photo", file=SimpleUploadedFile("photo.png", png_bytes()))
    use_s3(bucket)
    out = run_copy("--dry-run")
    assert "would copy original_images/photo.png" in out
    assert "Would copy 1 files" in out
    assert bucket.keys() == []


@pytest.mark.django_db
def test_copy_media_to_storage_moves_a_demo_site(settings, tmp_path, bucket, use_s3):
    settings.MEDIA_ROOT = str(tmp_path)
    images = [
        f.ImageFactory(
            title=f"Reunion {n}",
            file=SimpleUploadedFile(f"reunion-{n}.png", png_bytes(90 + n, 60)),
        )
        for n in range(3)
    ]
    renditions = [image.get_rendition("fill-40x40|format-webp") for image in images]
    documents = [
        Document.objects.create(
            title=f"Report {n}",
            file=SimpleUploadedFile(f"report-{n}.pdf", PDF + b"%" * n),
        )
        for n in range(2)
    ]
    local = sorted(
        path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()
    )
    assert len(local) == 3 + 3 + 2
    assert images[0].file.storage.path(images[0].file.name).startswith(str(tmp_path))

    use_s3(bucket)
    first = run_copy()
    assert "Copied 8 files" in first
    for name in local:
        assert f"copied {name}" in first
    sizes = bucket.sizes()
    assert sorted(sizes) == local
    for name in local:
        assert sizes[name] == (tmp_path / name).stat().st_size

    second = run_copy()
    assert "Copied 0 files" in second
    assert "skipped 8 already in the bucket" in second
    assert bucket.sizes() == sizes

    # An interrupted run resumes: only what is missing is copied.
    bucket.client.delete_object(Bucket=bucket.name, Key=documents[1].file.name)
    third = run_copy()
    assert "Copied 1 files" in third
    assert f"copied {documents[1].file.name}" in third

    # The database rows now resolve to the copies in the bucket.
    for image, rendition in zip(images, renditions, strict=True):
        image = Image.objects.get(pk=image.pk)
        assert image.file.url == f"{bucket.endpoint}/{bucket.name}/{image.file.name}"
        assert fetch(image.file.url)[1] == (tmp_path / image.file.name).read_bytes()
        again = image.get_rendition("fill-40x40|format-webp")
        assert again.file.name == rendition.file.name
        assert fetch(again.url)[0] == 200
    document = Document.objects.get(pk=documents[0].pk)
    assert fetch(document.file.url) == (200, PDF)
