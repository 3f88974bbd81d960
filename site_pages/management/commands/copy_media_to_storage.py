"""Copy the local media (image originals, renditions, documents) into the configured S3 bucket.

For a site moving from the embedded default (files under MEDIA_ROOT) to S3: set the AWS_*
variables, run this, then deploy. Every file keeps its name, so the database rows (images,
renditions, documents) point at the copies unchanged. The command is resumable and
idempotent: an object already in the bucket with the same size is skipped, so a second run
copies nothing and an interrupted run carries on where it stopped.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from cms.storage import STORAGE_ERRORS, is_s3, media_storage


def local_files(root):
    """(name, path, size) for every file under ``root``, names relative with "/" separators,
    sorted; hidden files and folders are left out."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for filename in files:
            if filename.startswith("."):
                continue
            path = Path(folder, filename)
            name = path.relative_to(root).as_posix()
            found.append((name, path, path.stat().st_size))
    return sorted(found)


def bucket_sizes(storage):
    """{name: size} of every object in the bucket under the storage's location, listed once
    (one request per thousand objects rather than one per file)."""
    prefix = storage.location.strip("/")
    prefix = f"{prefix}/" if prefix else ""
    sizes = {}
    for obj in storage.bucket.objects.filter(Prefix=prefix):
        sizes[obj.key[len(prefix) :]] = obj.size
    return sizes


class Command(BaseCommand):
    help = (
        "Copy media files from MEDIA_ROOT (originals, renditions, documents) into the S3 "
        "bucket configured by AWS_STORAGE_BUCKET_NAME. Skips files already there with the "
        "same size, so it can be re-run safely."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            default=None,
            help="Folder to copy from (default: MEDIA_ROOT).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be copied without writing anything.",
        )

    def handle(self, *args, source=None, dry_run=False, **options):
        storage = media_storage()
        if not is_s3(storage):
            raise CommandError(
                "No bucket is configured: the media storage is the local disk. Set "
                "AWS_STORAGE_BUCKET_NAME (and AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME and the "
                "credentials as needed) and run this again."
            )
        root = Path(source or settings.MEDIA_ROOT)
        if not root.is_dir():
            raise CommandError(f"There is no media folder at {root}.")

        try:
            present = bucket_sizes(storage)
        except STORAGE_ERRORS as error:
            raise CommandError(
                f"Could not list bucket {storage.bucket_name!r}: {error}. Check the "
                "AWS_* settings and that the bucket exists."
            ) from error

        verbosity = options.get("verbosity", 1)
        copied = skipped = 0
        copied_bytes = 0
        target = f"s3://{storage.bucket_name}/{storage.location.strip('/')}".rstrip("/")
        self.stdout.write(f"Copying {root} to {target}")
        for name, path, size in local_files(root):
            if present.get(name) == size:
                skipped += 1
                if verbosity >= 1:
                    self.stdout.write(f"skipped {name} (already in the bucket)")
                continue
            if dry_run:
                self.stdout.write(f"would copy {name} ({filesizeformat(size)})")
                copied += 1
                copied_bytes += size
                continue
            try:
                with path.open("rb") as handle:
                    # _save writes exactly this key (save() would pick a new name when an
                    # object of another size is in the way): the database rows keep pointing
                    # at the same names.
                    storage._save(name, File(handle, name=name))
            except STORAGE_ERRORS as error:
                raise CommandError(
                    f"Copying {name} failed: {error}. Copied {copied} files before this; "
                    "run the command again to carry on."
                ) from error
            copied += 1
            copied_bytes += size
            if verbosity >= 1:
                self.stdout.write(f"copied {name} ({filesizeformat(size)})")

        verb = "Would copy" if dry_run else "Copied"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {copied} files ({filesizeformat(copied_bytes)}); "
                f"skipped {skipped} already in the bucket."
            )
        )
