"""An S3-compatible server on loopback (moto's server mode) and settings that point the media
storage at it. Nothing in boto3 is patched: requests go over HTTP to the server."""

import uuid
from dataclasses import dataclass

import boto3
import pytest
from django.core.cache import caches
from moto.server import ThreadedMotoServer

REGION = "us-east-1"


class S3Server:
    """A moto server in this process. Its buckets live in moto's in-process backend, so a
    server restarted on the same port sees the same buckets (like a store coming back)."""

    def __init__(self, port=0):
        self.port = port
        self.server = None

    def start(self):
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        self.port = self.server.get_host_and_port()[1]
        return self

    def stop(self):
        if self.server is not None:
            self.server.stop()
            # ThreadedMotoServer.stop() leaves the listening socket open (connections would
            # hang in the backlog); close it so that clients get "connection refused".
            self.server._server.server_close()
            self.server = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="session")
def aws_env():
    """Dummy credentials, and no AWS profile or proxy from the developer's machine."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", "testing")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        patch.setenv("AWS_SESSION_TOKEN", "testing")
        patch.setenv("AWS_DEFAULT_REGION", REGION)
        for name in ("AWS_PROFILE", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
            patch.delenv(name, raising=False)
        patch.setenv("NO_PROXY", "127.0.0.1,localhost")
        yield


@pytest.fixture(scope="session")
def s3_server(aws_env):
    server = S3Server().start()
    yield server
    server.stop()


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object

    def keys(self, prefix=""):
        response = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(obj["Key"] for obj in response.get("Contents", []))

    def sizes(self, prefix=""):
        response = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return {obj["Key"]: obj["Size"] for obj in response.get("Contents", [])}

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def s3_client(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, region_name=REGION)


def make_bucket(server):
    name = f"sakura-media-{uuid.uuid4().hex[:12]}"
    client = s3_client(server.endpoint)
    client.create_bucket(Bucket=name)
    return Bucket(name=name, endpoint=server.endpoint, client=client)


def storage_options(bucket_name, endpoint, **extra):
    """STORAGES["default"] for the S3 media storage, as cms/settings/base.py builds it from the
    environment, with fast failure (one attempt, short timeouts) for the tests."""
    return {
        "BACKEND": "cms.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": bucket_name,
            "endpoint_url": endpoint,
            "region_name": REGION,
            "querystring_auth": False,
            # Public objects readable by anyone, as with AWS_DEFAULT_ACL=public-read (or a
            # bucket policy) in production; private documents override it per object.
            "default_acl": "public-read",
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
            "max_attempts": 1,
            "connect_timeout": 2,
            "read_timeout": 10,
            **extra,
        },
    }


@pytest.fixture
def use_s3(settings):
    """Switch the media storage to a bucket: ``use_s3(bucket, **options)``. Django resets its
    storage handler on the STORAGES change (django.test.signals.storages_changed), and Wagtail's
    image, rendition and document fields use the lazy default storage, so they follow."""

    def switch(bucket, serve_method="redirect", **extra):
        settings.STORAGES = {
            "default": storage_options(bucket.name, bucket.endpoint, **extra),
            "staticfiles": settings.STORAGES["staticfiles"],
        }
        settings.WAGTAILDOCS_SERVE_METHOD = serve_method
        caches["renditions"].clear()

    yield switch
    caches["renditions"].clear()


@pytest.fixture
def bucket(s3_server):
    return make_bucket(s3_server)


@pytest.fixture
def s3_media(bucket, use_s3):
    """The media storage on a fresh bucket of the session's S3 server."""
    use_s3(bucket)
    return bucket
