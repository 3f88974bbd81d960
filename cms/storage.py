"""Media storage on S3 (or any S3-compatible store) through django-storages.

``cms/settings/base.py`` selects :class:`MediaStorage` as the ``default`` storage when
``AWS_STORAGE_BUCKET_NAME`` is set; otherwise media stay on the local disk under
``MEDIA_ROOT``. Originals, renditions and documents all go through the default storage
(Wagtail resolves it lazily, so a change of ``STORAGES`` is seen without re-importing models).

What this class adds to django-storages' ``S3Storage``:

- bounded retries and timeouts, so that an unreachable bucket fails an upload in seconds
  with an error the admin can show, rather than hanging a worker;
- the stored ``Content-Type`` comes from the file name (whose extension the upload forms have
  checked against the content), never from the browser, so a file cannot be served as HTML;
- "private prefixes" (``documents/`` when ``AWS_PRIVATE_DOCUMENTS`` is on): their URLs are
  always signed and short-lived, and where the bucket uses ACLs they are written with a private
  one whatever ``AWS_DEFAULT_ACL`` says; images keep plain public (CDN) URLs.
"""

import mimetypes
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from boto3.exceptions import Boto3Error
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import storages
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# What a failing write to the media storage raises: the local disk raises OSError; boto3 and
# botocore raise their own families (connection refused, timeouts, AccessDenied, NoSuchBucket,
# S3UploadFailedError from the transfer manager).
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError, Boto3Error)


class MediaStorage(S3Storage):
    """The S3 storage for uploaded media. Options come from ``STORAGES["default"]["OPTIONS"]``
    (see ``cms/settings/base.py``); anything not given falls back to django-storages' own
    ``AWS_*`` settings and environment variables (credentials are read from the environment
    or the instance role, never from settings)."""

    # Set by django-storages from the settings below (and the OPTIONS), then adjusted here.
    signature_version: str | None
    private_prefixes: tuple[str, ...]

    def get_default_settings(self):

        return {
            **super().get_default_settings(),
            # Names under these prefixes are private: private ACL, signed URLs.
            "private_prefixes": (),
            # botocore retry and timeout policy, used when no client_config is given.
            "max_attempts": 3,
            "connect_timeout": 5,
            "read_timeout": 30,
        }

    def __init__(self, **settings):
        client_config_given = settings.get("client_config") is not None
        super().__init__(**settings)
        # Signature version 4: the only one newer AWS regions accept, and what signed URLs use.
        self.signature_version = self.signature_version or "s3v4"
        if not client_config_given:
            self.client_config = Config(
                s3={"addressing_style": self.addressing_style},
                signature_version=self.signature_version,
                proxies=self.proxies,
                retries={"max_attempts": self.max_attempts, "mode": "standard"},
                connect_timeout=self.connect_timeout,
                read_timeout=self.read_timeout,
            )
        self.private_prefixes = tuple(self.private_prefixes or ())

    def is_private(self, name):
        name = clean_name(name)
        return any(name.startswith(prefix) for prefix in self.private_prefixes)

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        if "ContentType" not in params:
            content_type, encoding = mimetypes.guess_type(name)
            params["ContentType"] = content_type or self.default_content_type
            if encoding and "ContentEncoding" not in params:
                params["ContentEncoding"] = encoding
        if self.is_private(name) and (self.default_acl or "ACL" in params):
            # Only where the bucket uses ACLs: a bucket with ACLs disabled (S3's default,
            # "bucket owner enforced") refuses any ACL but bucket-owner-full-control, and keeps
            # objects private unless its policy makes them public.
            params["ACL"] = "private"
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.is_private(name):
            return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
        return self.signed_url(name, parameters=parameters, expire=expire, http_method=http_method)

    def signed_url(self, name, parameters=None, expire=None, http_method=None):
        """A URL that expires, whatever ``querystring_auth`` says for public objects: through
        CloudFront when a CloudFront key is configured, else presigned on the S3 endpoint."""
        if expire is None:
            expire = self.querystring_expire
        key = self._normalize_name(clean_name(name))
        params = parameters.copy() if parameters else {}
        if self.custom_domain and self.cloudfront_signer:
            query = f"?{urlencode(params)}" if params else ""
            url = f"{self.url_protocol}//{self.custom_domain}/{filepath_to_uri(key)}{query}"
            expiration = datetime.now(tz=UTC) + timedelta(seconds=expire)
            return self.cloudfront_signer.generate_presigned_url(url, date_less_than=expiration)
        params["Bucket"] = self.bucket_name
        params["Key"] = key
        return self.connection.meta.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expire, HttpMethod=http_method
        )


def media_storage():
    """The configured default storage (the S3 one when a bucket is configured)."""
    return storages["default"]


def is_s3(storage):
    """Whether ``storage`` is an S3 storage with a bucket configured."""
    return isinstance(storage, S3Storage) and bool(getattr(storage, "bucket_name", None))
