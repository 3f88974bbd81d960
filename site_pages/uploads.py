"""Safe uploads for the media library: validation of image and document files, and storage
failures turned into form errors.

Wagtail builds every image and document form it shows (add, edit, multiple upload, chooser
upload) on the base classes named by ``WAGTAILIMAGES_IMAGE_FORM_BASE`` and
``WAGTAILDOCS_DOCUMENT_FORM_BASE``; ``cms/settings/base.py`` points those at :class:`ImageForm`
and :class:`DocumentForm` here.

Images: size limit; allowed extensions (SVG refused with its own message); the content must be
an image of the format the extension names; the pixel count is read from the header, without
decoding pixel data and without Pillow's decompression-bomb check (which only *warns* between
``PIL.Image.MAX_IMAGE_PIXELS`` and twice that), and refused above
``WAGTAILIMAGES_MAX_IMAGE_PIXELS``. Wagtail's own checks then run as before.

Documents: size limit, allowed extensions, and a content check for the types we know
(PDF header, Office Open XML and OpenDocument zip containers, plain text for csv/txt).

Storage: the file is written to the media storage while the form is validated, once every
other check has passed. If the storage is unreachable or refuses the write, the form gets a
field error, the view shows it, and no database row is created; the next upload simply tries
again (boto3 reconnects by itself). This is the one place every admin upload path goes
through, including the multiple uploader, which saves the model outside ``form.save()``.
"""

import logging
import os
import struct
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.fields import FileField
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image as PILImage
from wagtail.admin.forms.collections import BaseCollectionMemberForm
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from cms.storage import STORAGE_ERRORS

logger = logging.getLogger(__name__)

# Extension -> the Pillow format its content must have.
IMAGE_FORMATS = {
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "gif": "GIF",
    "webp": "WEBP",
    "avif": "AVIF",
}
# Human names for formats in messages.
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WebP", "AVIF": "AVIF"}
SNIFF_BYTES = 8192


def grouped(number):
    """12000 -> "12,000" in the active language."""
    return number_format(number, force_grouping=True)


def looks_like_svg(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in text


def read_head(upload, size=SNIFF_BYTES):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


# --- images ---------------------------------------------------------------------------------


class HeaderInfo:
    def __init__(self, format, width, height):
        self.format = format
        self.width = width
        self.height = height

    @property
    def pixels(self):
        return self.width * self.height


class TooManyPixelsForPillow(Exception):
    """Pillow refused to even describe the image (over twice its own bomb limit)."""


def identify_format(head):
    """The Pillow format whose signature ``head`` starts with, or None. Only the signature
    tests run: nothing is parsed."""
    PILImage.init()
    prefix = head[:16]
    for name in PILImage.ID:
        _factory, accept = PILImage.OPEN[name]
        if accept is None:
            continue
        try:
            result = accept(prefix)
        except Exception:  # a plugin's test failing means "not this format"
            continue
        if result and not isinstance(result, str):
            return name
    return None


def webp_canvas_size(head: bytes) -> tuple[int, int] | None:
    """Width and height declared in a WebP header (simple, lossless or extended), read from the
    bytes, because Pillow's WebP reader allocates the whole canvas when it opens a file."""
    if len(head) < 30 or head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        return None
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L" and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def read_image_header(upload, format):
    """Describe ``upload`` as an image of ``format`` (a Pillow format name) from its header
    alone, or return None when it is not one.

    This is what ``PIL.Image.open`` does for one format, minus the decompression-bomb check
    that follows: the plugin's constructor parses the header and never reads pixel data, so a
    100,000 x 100,000 PNG of a few bytes is described, not decoded, and the caller compares its
    size with our own limit (Pillow would only warn between its limit and twice that)."""
    PILImage.init()
    factory, accept = PILImage.OPEN[format]
    upload.seek(0)
    prefix = upload.read(16)
    try:
        result = accept(prefix) if accept else True
        if not result or isinstance(result, str):
            return None
        upload.seek(0)
        try:
            image = factory(upload, "")
        except PILImage.DecompressionBombError as error:
            raise TooManyPixelsForPillow from error
        except (SyntaxError, IndexError, TypeError, KeyError, ValueError, EOFError):
            return None
        except (OSError, struct.error):
            return None
        return HeaderInfo(image.format, *image.size)
    finally:
        upload.seek(0)


def too_many_pixels(width, height, limit):
    return ValidationError(
        _("This image is %(width)s × %(height)s pixels; the limit is %(limit)s pixels.")  # noqa: RUF001
        % {"width": grouped(width), "height": grouped(height), "limit": grouped(limit)},
        code="file_too_many_pixels",
    )


def extension_of(upload):
    """The upload's file name extension, lower case, without its dot ("" when it has none)."""
    return os.path.splitext(upload.name)[1].lower().lstrip(".")


def too_large(upload, max_size, message):
    """The refusal of a file over ``max_size``. Images and documents each have their own
    ``message`` (with ``%(size)s`` and ``%(limit)s``): a translator words each sentence whole."""
    return ValidationError(
        message % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_size)},
        code="file_too_large",
    )


def not_accepted(extension, extensions, message, listed_as, code):
    """The refusal of a file whose extension is not among ``extensions``. Images and documents
    each have their own ``message`` (with ``%(extension)s`` and the allowed extensions as
    ``%(<listed_as>)s``), as with ``too_large``."""
    return ValidationError(
        message
        % {
            "extension": extension or _("(no extension)"),
            listed_as: ", ".join(ext.upper() for ext in extensions),
        },
        code=code,
    )


def check_image_upload(upload, *, max_size, max_pixels, extensions):
    """Raise ValidationError with a message naming the limit when ``upload`` must be refused.
    Reads the header of the image, never its pixel data."""
    if max_size is not None and upload.size > max_size:
        raise too_large(
            upload, max_size, _("This file is %(size)s; the limit for images is %(limit)s.")
        )
    extension = extension_of(upload)
    head = read_head(upload, 1024)
    if extension == "svg" or looks_like_svg(head):
        raise ValidationError(
            _(
                "SVG images are not accepted, because they can carry scripts. "
                "Please upload a PNG, JPEG, GIF or WebP image instead."
            ),
            code="svg_not_allowed",
        )
    if extension not in extensions:
        raise not_accepted(
            extension,
            extensions,
            _("“.%(extension)s” files are not accepted. Allowed image formats: %(formats)s."),
            "formats",
            "invalid_image_extension",
        )
    expected = IMAGE_FORMATS.get(extension)
    if expected is None:
        # An extension someone added to WAGTAILIMAGES_EXTENSIONS that we have no rule for:
        # Wagtail's own format and pixel checks still apply.
        return
    limit = max_pixels if max_pixels is not None else PILImage.MAX_IMAGE_PIXELS
    if expected == "WEBP":
        size = webp_canvas_size(head)
        if size and limit is not None and size[0] * size[1] > limit:
            raise too_many_pixels(*size, limit)
    try:
        info = read_image_header(upload, expected)
    except TooManyPixelsForPillow:
        raise ValidationError(
            _("This image has more than %(pillow_limit)s pixels; the limit is %(limit)s pixels.")
            % {
                "pillow_limit": grouped(2 * (PILImage.MAX_IMAGE_PIXELS or 0)),
                "limit": grouped(limit or 0),
            },
            code="file_too_many_pixels",
        ) from None
    if info is None:
        actual = identify_format(head)
        if actual is None:
            message = _("This file is named .%(extension)s but is not a %(format)s image.")
        else:
            message = _(
                "This file is named .%(extension)s but contains a %(actual)s image, not a "
                "%(format)s image. Rename it or save it in the format its name says."
            )
        raise ValidationError(
            message
            % {
                "extension": extension,
                "format": FORMAT_NAMES.get(expected, expected),
                "actual": FORMAT_NAMES.get(actual, actual),
            },
            code="invalid_image_known_format",
        )
    if limit is not None and info.pixels > limit:
        raise too_many_pixels(info.width, info.height, limit)
    check_image_decodes(upload)


def check_image_decodes(upload):
    """Decode the pixels once, now that the header has bounded their number: a file whose
    header is sound but whose data is truncated or corrupt would otherwise be saved and fail
    later, when the listing or a page asks for a rendition (a server error for everyone)."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            image.load()
    except Exception:
        # Pillow's decoders fail with OSError, SyntaxError, ValueError, EOFError, struct.error
        # and more, depending on the format and where the data breaks: all mean the same here.
        logger.info("Refused an image upload that does not decode", exc_info=True)
        raise ValidationError(
            _(
                "This image file is damaged or incomplete and cannot be read. Please export "
                "it again from the original and upload the new file."
            ),
            code="invalid_image_data",
        ) from None
    finally:
        upload.seek(position)


class SafeImageField(WagtailImageField):
    """Wagtail's image field, with :func:`check_image_upload` run before Wagtail opens the
    file with Willow."""

    def to_python(self, data):
        upload = FileField.to_python(self, data)
        if upload is None:
            return None
        check_image_upload(
            upload,
            max_size=self.max_upload_size,
            max_pixels=self.max_image_pixels,
            extensions=self.allowed_image_extensions,
        )
        return super().to_python(data)


# --- documents ------------------------------------------------------------------------------

OOXML_TYPES = {
    "docx": ("word/", gettext_lazy("Word document")),
    "xlsx": ("xl/", gettext_lazy("Excel workbook")),
    "pptx": ("ppt/", gettext_lazy("PowerPoint presentation")),
}
ODF_TYPES = {
    "odt": ("application/vnd.oasis.opendocument.text", gettext_lazy("OpenDocument text")),
    "ods": (
        "application/vnd.oasis.opendocument.spreadsheet",
        gettext_lazy("OpenDocument spreadsheet"),
    ),
    "odp": (
        "application/vnd.oasis.opendocument.presentation",
        gettext_lazy("OpenDocument presentation"),
    ),
}
TEXT_TYPES = {"txt", "csv"}
BINARY_SIGNATURES = (
    b"PK\x03\x04",
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"MZ",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
    b"\x1f\x8b",
)
MARKUP_STARTS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<iframe",
    b"<?xml",
)


def zip_names(upload):
    """The member names of a zip container (reads only its directory), or None."""
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)


def odf_mimetype(upload):
    try:
        with zipfile.ZipFile(upload) as archive, archive.open("mimetype") as member:
            return member.read(100).decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)


def is_plain_text(head):
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = head.decode("utf-16")
        except UnicodeDecodeError:
            # The sample may end in the middle of a character.
            text = head[: len(head) - len(head) % 2].decode("utf-16", "replace")
        sample = text.encode("utf-8", "replace")
    else:
        if b"\x00" in head or head.startswith(BINARY_SIGNATURES):
            return False
        sample = head
    start = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return not start.startswith(MARKUP_STARTS)


def document_content_error(upload, extension):
    """A message when the content plainly is not what ``extension`` says, else None."""
    head = read_head(upload)
    if extension == "pdf":
        if b"%PDF-" not in head[:1024]:
            return _("This file is named .pdf but is not a PDF document.")
        return None
    if extension in OOXML_TYPES:
        folder, kind = OOXML_TYPES[extension]
        names = zip_names(upload) or []
        if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
            return _("This file is named .%(extension)s but is not a %(kind)s.") % {
                "extension": extension,
                "kind": kind,
            }
        return None
    if extension in ODF_TYPES:
        mimetype, kind = ODF_TYPES[extension]
        if odf_mimetype(upload) != mimetype:
            return _("This file is named .%(extension)s but is not an %(kind)s.") % {
                "extension": extension,
                "kind": kind,
            }
        return None
    if extension in TEXT_TYPES and not is_plain_text(head):
        return _(
            "This file is named .%(extension)s but does not contain plain text "
            "(it looks like a binary file, a web page or a script)."
        ) % {"extension": extension}
    return None


def check_document_upload(upload, *, max_size, extensions):
    if max_size is not None and upload.size > max_size:
        raise too_large(
            upload, max_size, _("This file is %(size)s; the limit for documents is %(limit)s.")
        )
    extension = extension_of(upload)
    if extensions and extension not in extensions:
        raise not_accepted(
            extension,
            extensions,
            _("“.%(extension)s” files are not accepted. Allowed document types: %(types)s."),
            "types",
            "invalid_document_extension",
        )
    message = document_content_error(upload, extension)
    if message:
        raise ValidationError(message, code="document_content_mismatch")


class SafeDocumentField(WagtailDocumentField):
    """Wagtail's document field with the size, type and content checks above."""

    def to_python(self, data):
        upload = super(WagtailDocumentField, self).to_python(data)
        if upload is None:
            return None
        check_document_upload(
            upload,
            max_size=self.max_upload_size,
            extensions=[
                ext.lower().lstrip(".")
                for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
            ],
        )
        return super().to_python(data)


# --- forms ----------------------------------------------------------------------------------


class StoreUploadMixin(BaseCollectionMemberForm):
    """Write the uploaded file to the media storage during validation, so that a storage
    failure becomes a form error instead of a server error after the view has committed to
    saving. The file field is marked committed, so the model's save does not write it again.

    Based on the form that Wagtail's image and document forms share, so that what it uses of
    theirs (fields, instance, _post_clean, save) is inherited, not assumed.
    """

    # The upload field for the kind of file (each form below names its own).
    file_field_class: type[FileField]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stored_file_name = None
        field = self.fields.get("file")
        if field is not None and not isinstance(field, self.file_field_class):
            self.fields["file"] = self.file_field_class(
                label=field.label, required=field.required, widget=field.widget
            )

    def _post_clean(self):
        super()._post_clean()
        if self._errors or "file" not in self.fields or "file" not in self.changed_data:
            return
        self.store_file()

    def store_file(self):
        field_file = self.instance.file
        if not field_file or field_file._committed:
            return
        content = field_file.file
        model_field = field_file.field
        name = model_field.generate_filename(self.instance, os.path.basename(content.name))
        try:
            stored_name = field_file.storage.save(name, content, max_length=model_field.max_length)
        except STORAGE_ERRORS:
            logger.warning("Media storage refused the upload of %s", name, exc_info=True)
            self.add_error("file", ValidationError(storage_error_message(), code="storage"))
            return
        content.seek(0)
        field_file.name = stored_name
        field_file._committed = True
        self._stored_file_name = stored_name

    def save(self, commit=True):
        try:
            return super().save(commit=commit)
        except Exception:
            # Keep the bucket free of files no row points at, when we can.
            if commit and self._stored_file_name:
                try:
                    self.instance.file.storage.delete(self._stored_file_name)
                except STORAGE_ERRORS:
                    logger.warning("Could not remove %s", self._stored_file_name, exc_info=True)
            raise


def storage_error_message():
    return _(
        "The file could not be saved because the media storage is not reachable or "
        "refused it. Nothing was saved; please try again in a few minutes."
    )


class ImageForm(StoreUploadMixin, BaseImageForm):
    """Base of every image form in the admin (``WAGTAILIMAGES_IMAGE_FORM_BASE``)."""

    file_field_class = SafeImageField


class DocumentForm(StoreUploadMixin, BaseDocumentForm):
    """Base of every document form in the admin (``WAGTAILDOCS_DOCUMENT_FORM_BASE``)."""

    file_field_class = SafeDocumentField
