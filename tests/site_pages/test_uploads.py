"""Upload safety in the admin: limits named in clear errors, decompression bombs refused from
the header before any pixel is decoded, content that must match its extension, SVG refused,
document types allow-listed and sniffed, and no upload overwriting another."""

import io
import os
import struct
import warnings
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageFile
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form, get_image_multi_form
from wagtail.models import Collection

from site_pages.uploads import DocumentForm, ImageForm, SafeDocumentField, SafeImageField

Image = get_image_model()
Document = get_document_model()

pytestmark = pytest.mark.django_db


# --- files ---------------------------------------------------------------------------------


def image_bytes(fmt="PNG", width=64, height=48, color=(30, 120, 200)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, fmt)
    return buffer.getvalue()


def noisy_png(width=64, height=64):
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def png_header(width, height):
    """A valid PNG header declaring ``width`` x ``height`` with a few bytes of data: opening it
    is cheap, decoding it would fail (or take gigabytes)."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def webp_header(width, height):
    """An extended (VP8X) WebP header declaring a canvas of ``width`` x ``height``."""
    size = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    vp8x = b"\x00\x00\x00\x00" + size
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(vp8x)) + vp8x
    return b"RIFF" + struct.pack("<I", len(body)) + body


SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>document.location='https://evil.example'</script>"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def office_zip(folder, extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
        for name in extra:
            archive.writestr(name, "x")
    return buffer.getvalue()


def odf_zip(mimetype="application/vnd.oasis.opendocument.text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


# --- admin helpers ---------------------------------------------------------------------------


def root_collection_id():
    return Collection.get_first_root_node().pk


def post_image(client, name, data, title="Photo", url=None):
    return client.post(
        url or reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, data),
            "collection": root_collection_id(),
            "tags": "",
        },
    )


def post_document(client, name, data, title="Report"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, data),
            "collection": root_collection_id(),
            "tags": "",
        },
    )


def file_errors(response):
    assert response.status_code == 200, "the upload was accepted"
    return " ".join(response.context["form"].errors.get("file", []))


def refused_image(client, name, data):
    response = post_image(client, name, data)
    errors = file_errors(response)
    assert not Image.objects.exists()
    return errors


def refused_document(client, name, data):
    response = post_document(client, name, data)
    errors = file_errors(response)
    assert not Document.objects.exists()
    return errors


def refused_in_bulk(client, app, name, data):
    """The error the multiple uploader of ``app`` (wagtailimages or wagtaildocs) answers for this
    file in its JSON, which must say the upload failed."""
    response = client.post(
        reverse(f"{app}:add_multiple"), {"files[]": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    return answer["error_message"]


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail if anything decodes pixel data, and record Pillow's warnings."""

    def load(self, *args, **kwargs):
        raise AssertionError("pixel data was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught
    bombs = [w for w in caught if issubclass(w.category, PILImage.DecompressionBombWarning)]
    assert bombs == [], "Pillow was asked to open the image"


# --- the forms are wired in ------------------------------------------------------------------


def test_wagtail_builds_its_forms_on_ours():
    image_form = get_image_form(Image)
    assert issubclass(image_form, ImageForm)
    assert isinstance(image_form().fields["file"], SafeImageField)
    # The multiple uploader's edit form has no file field, and keeps none.
    assert "file" not in get_image_multi_form(Image)().fields
    document_form = get_document_form(Document)
    assert issubclass(document_form, DocumentForm)
    assert isinstance(document_form().fields["file"], SafeDocumentField)


# --- images ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("photo.png", "PNG"),
        ("photo.jpg", "JPEG"),
        ("photo.jpeg", "JPEG"),
        ("a.gif", "GIF"),
        ("photo.webp", "WEBP"),
    ],
)
def test_allowed_images_are_accepted(admin_client, name, fmt):
    response = post_image(admin_client, name, image_bytes(fmt, 90, 60))
    assert response.status_code == 302, file_errors(response)
    image = Image.objects.get()
    assert (image.width, image.height) == (90, 60)
    assert image.file_size == len(image_bytes(fmt, 90, 60))


def test_an_image_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2 * 1024
    data = noisy_png()
    assert len(data) > 2 * 1024
    errors = refused_image(admin_client, "big.png", data)
    assert "the limit for images is 2.0\xa0KB" in errors


def test_an_image_over_the_pixel_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    errors = refused_image(admin_client, "wide.png", image_bytes("PNG", 200, 100))
    assert "This image is 200 × 100 pixels; the limit is 10,000 pixels." in errors  # noqa: RUF001


def test_a_bomb_that_pillow_only_warns_about_is_refused_from_its_header(admin_client, no_decoding):
    """10,000 x 10,000 is above Pillow's warning threshold and below its error threshold:
    Pillow would open it with a warning. The header is read, the size refused."""
    pixels = 10_000 * 10_000
    assert PILImage.MAX_IMAGE_PIXELS < pixels < 2 * PILImage.MAX_IMAGE_PIXELS
    data = png_header(10_000, 10_000)
    assert len(data) < 200
    errors = refused_image(admin_client, "bomb.png", data)
    assert (
        "This image is 10,000 × 10,000 pixels; the limit is 40,000,000 pixels."  # noqa: RUF001
        in errors
    )


def test_a_real_image_in_pillows_warning_band_is_refused(
    admin_client, settings, monkeypatch, no_decoding
):
    """The same band with a real image, by lowering Pillow's threshold: 40 x 40 = 1,600
    pixels, between 1,000 (Pillow warns) and 2,000 (Pillow refuses)."""
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 1_000)
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_500
    errors = refused_image(admin_client, "small.png", image_bytes("PNG", 40, 40))
    assert "This image is 40 × 40 pixels; the limit is 1,500 pixels." in errors  # noqa: RUF001


def test_a_bomb_beyond_pillows_error_threshold_is_described_and_refused(admin_client, no_decoding):
    errors = refused_image(admin_client, "huge.png", png_header(100_000, 100_000))
    assert "This image is 100,000 × 100,000 pixels" in errors  # noqa: RUF001


@pytest.mark.parametrize("size", [10_000, 20_000])
def test_a_webp_bomb_is_refused_before_its_canvas_is_allocated(admin_client, size, no_decoding):
    errors = refused_image(admin_client, "bomb.webp", webp_header(size, size))
    assert f"This image is {size:,} × {size:,} pixels" in errors  # noqa: RUF001


def test_a_png_named_jpg_is_refused(admin_client):
    errors = refused_image(admin_client, "photo.jpg", image_bytes("PNG"))
    assert "This file is named .jpg but contains a PNG image, not a JPEG image." in errors


def test_a_jpeg_named_gif_is_refused(admin_client):
    errors = refused_image(admin_client, "photo.gif", image_bytes("JPEG"))
    assert "named .gif but contains a JPEG image" in errors


def test_a_text_file_named_png_is_refused(admin_client):
    errors = refused_image(admin_client, "notes.png", b"Meeting notes, not a picture.\n" * 20)
    assert "This file is named .png but is not a PNG image." in errors


@pytest.mark.parametrize("name", ["logo.svg", "logo.png", "logo.jpg"])
def test_svg_is_refused_with_its_own_message(admin_client, name):
    errors = refused_image(admin_client, name, SVG)
    assert "SVG images are not accepted" in errors


def test_other_extensions_are_refused(admin_client):
    errors = refused_image(admin_client, "scan.bmp", image_bytes("BMP"))
    assert "“.bmp” files are not accepted. Allowed image formats: GIF, JPG, JPEG, PNG, WEBP." in (
        errors
    )


def test_the_multiple_uploader_applies_the_same_checks(admin_client):
    error = refused_in_bulk(admin_client, "wagtailimages", "logo.svg", SVG)
    assert "SVG images are not accepted" in error
    error = refused_in_bulk(admin_client, "wagtailimages", "bomb.png", png_header(10_000, 10_000))
    assert "the limit is 40,000,000 pixels" in error
    assert not Image.objects.exists()


def test_replacing_a_file_in_the_edit_view_is_checked(admin_client):
    assert post_image(admin_client, "photo.png", image_bytes()).status_code == 302
    image = Image.objects.get()
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": image.title,
            "file": SimpleUploadedFile("photo.jpg", image_bytes("PNG")),
            "collection": root_collection_id(),
            "tags": "",
        },
    )
    assert "contains a PNG image, not a JPEG image" in file_errors(response)
    image.refresh_from_db()
    assert image.file.name.endswith(".png")


@pytest.mark.parametrize(
    ("post", "model", "name", "first", "second"),
    [
        pytest.param(
            post_image,
            Image,
            "same.png",
            image_bytes(color=(255, 0, 0)),
            image_bytes(color=(0, 255, 0)),
            id="images",
        ),
        pytest.param(
            post_document,
            Document,
            "agenda.pdf",
            PDF + b"% first",
            PDF + b"% second",
            id="documents",
        ),
    ],
)
def test_two_files_with_the_same_name_keep_their_own_files(
    admin_client, post, model, name, first, second
):
    assert post(admin_client, name, first, "First").status_code == 302
    assert post(admin_client, name, second, "Second").status_code == 302
    one, two = model.objects.get(title="First"), model.objects.get(title="Second")
    assert one.file.name != two.file.name
    assert one.file.read() == first
    assert two.file.read() == second


# --- documents -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("programme.pdf", PDF),
        ("report.docx", office_zip("word/")),
        ("figures.xlsx", office_zip("xl/")),
        ("slides.pptx", office_zip("ppt/")),
        ("minutes.odt", odf_zip()),
        ("members.csv", "\ufeffname,country\nAyu,Indonesia\n".encode()),
        ("notes.txt", "Sakura Science Club — 桜\n".encode("utf-16")),
        ("legacy.csv", "name;city\nJosé;Bogotá\n".encode("cp1252")),
    ],
)
def test_allowed_documents_are_accepted(admin_client, name, data):
    response = post_document(admin_client, name, data)
    assert response.status_code == 302, file_errors(response)
    document = Document.objects.get()
    assert document.file.read() == data
    assert document.file_size == len(data)


@pytest.mark.parametrize("name", ["page.html", "run.exe", "image.svg", "script.js", "noext"])
def test_document_types_not_allowed_are_refused(admin_client, name):
    errors = refused_document(admin_client, name, b"whatever")
    allowed = "CSV, DOCX, ODT, PDF, PPTX, TXT, XLSX"
    assert f"files are not accepted. Allowed document types: {allowed}." in errors


def test_a_document_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    errors = refused_document(admin_client, "long.pdf", PDF + b"%" * 200)
    assert "the limit for documents is 100\xa0bytes" in errors


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("invoice.pdf", HTML, "This file is named .pdf but is not a PDF document."),
        ("report.docx", HTML, "This file is named .docx but is not a Word document."),
        ("report.docx", plain_zip(), "is not a Word document"),
        ("slides.pptx", office_zip("word/"), "is not a PowerPoint presentation"),
        ("figures.xlsx", PDF, "is not a Excel workbook"),
        ("minutes.odt", office_zip("word/"), "is not an OpenDocument text"),
        ("minutes.odt", odf_zip("application/vnd.oasis.opendocument.spreadsheet"), "OpenDocument"),
        ("notes.txt", HTML, "does not contain plain text"),
        ("members.csv", b"  <script>alert(1)</script>", "does not contain plain text"),
        ("notes.txt", image_bytes("PNG"), "does not contain plain text"),
        ("notes.txt", b"MZ\x90\x00\x03\x00\x00\x00", "does not contain plain text"),
        ("members.csv", b"a,b\x00\x01\x02", "does not contain plain text"),
    ],
)
def test_document_content_must_match_its_extension(admin_client, name, data, message):
    errors = refused_document(admin_client, name, data)
    assert message in errors


def test_the_document_multiple_uploader_applies_the_same_checks(admin_client):
    error = refused_in_bulk(admin_client, "wagtaildocs", "invoice.pdf", HTML)
    assert "is not a PDF document" in error
    assert not Document.objects.exists()


def truncated_png():
    """A real PNG cut in the middle of its pixel data: the header (and so the pixel check)
    is sound, decoding fails."""
    noisy = PILImage.frombytes("RGB", (300, 200), os.urandom(300 * 200 * 3))
    buffer = io.BytesIO()
    noisy.save(buffer, "PNG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


def test_a_truncated_image_is_a_form_error_in_the_add_view(admin_client):
    errors = refused_image(admin_client, "cut.png", truncated_png())
    assert "This image file is damaged or incomplete" in errors
    # The listing, which renders thumbnails, still answers.
    assert admin_client.get(reverse("wagtailimages:index")).status_code == 200


def test_a_truncated_image_is_an_error_in_the_multiple_uploader(admin_client):
    error = refused_in_bulk(admin_client, "wagtailimages", "cut.png", truncated_png())
    assert "This image file is damaged or incomplete" in error
    assert not Image.objects.exists()


def test_a_truncated_jpeg_is_refused_too(admin_client):
    noisy = PILImage.frombytes("RGB", (300, 200), os.urandom(300 * 200 * 3))
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=95)
    data = buffer.getvalue()
    errors = refused_image(admin_client, "cut.jpg", data[: len(data) // 2])
    assert "This image file is damaged or incomplete" in errors
