"""Renditions under a budget: what one request may spend making image files.

A page view or a GraphQL query may make at most ``SAKURA_IMAGE_RENDITION_BUDGET`` new
renditions. Past that, an answer still gets every picture it asked for, as a signed address of
the rendition view, which makes that one file on first download; the missing files are also
queued for a worker so the next answer links the files themselves. Anything a GET can trigger
is open to every web page on the internet, so the cost of one request has to be bounded.
"""

import hashlib
import weakref
from dataclasses import dataclass
from functools import lru_cache, partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.images.utils import generate_signature

from site_pages.image_presets import is_preset_spec

# Seconds during which the same missing renditions of an image are not queued again.
QUEUE_DEDUP_SECONDS = 600


@dataclass(frozen=True)
class RenditionRef:
    url: str
    width: int
    height: int
    # False when ``url`` is a signed address that makes the file on first download.
    ready: bool


def signed_url(image, spec):
    signature = generate_signature(image.pk, spec)
    return reverse("image_rendition", args=(signature, image.pk, spec))


@lru_cache(maxsize=512)
def spec_filter(spec):
    """Wagtail's Filter for ``spec``, built once per process: a Filter parses its spec into
    operations on first use (through ``inspect``), and an answer with a thousand pictures
    names the same few specs a thousand times. Specs come from the presets, so the set is
    small and bounded."""
    return Filter(spec=spec)


def planned_size(image, spec):
    """The rendition's size, computed from the original's without decoding it (Wagtail's own
    transform; a rotated camera original may come out transposed)."""
    width, height = spec_filter(spec).get_transform(image).size
    return int(width), int(height)


class RenditionBudget:
    """Renditions for one request: existing ones are linked, at most ``limit`` new ones are
    made, the rest get signed addresses and are queued."""

    def __init__(self, limit=None):
        self.remaining = settings.SAKURA_IMAGE_RENDITION_BUDGET if limit is None else limit
        self.made = 0
        self.deferred = 0
        self._queued = set()
        # id(image) -> (image, specs loaded into its ``prefetched_renditions``)
        self._prefetched = {}

    def prefetch(self, images, specs):
        """Load the renditions of ``specs`` for all ``images`` in one query, into
        ``prefetched_renditions`` where Wagtail's ``find_existing_renditions`` looks first.

        Wagtail takes a prefetched list as complete, and would make again any rendition missing
        from it, so every spec later asked of a prefetched image must have been loaded here:
        ``get_many`` makes sure of it."""
        wanted = {}
        for image in images:
            if image is None:
                continue
            _image, loaded = self._prefetched.setdefault(id(image), (image, set()))
            if not hasattr(image, "prefetched_renditions"):
                image.prefetched_renditions = []
            needed = set(specs) - loaded
            if needed:
                wanted[image.pk] = (image, needed)
                loaded |= needed
        if not wanted:
            return
        all_specs = set().union(*(needed for _image, needed in wanted.values()))
        Rendition = get_image_model().get_rendition_model()
        for rendition in Rendition.objects.filter(image_id__in=wanted, filter_spec__in=all_specs):
            image, needed = wanted[rendition.image_id]
            if rendition.filter_spec in needed:
                rendition.image = image
                image.prefetched_renditions.append(rendition)

    def get(self, image, spec):
        return self.get_many(image, [spec])[spec]

    def get_many(self, image, specs):
        """A RenditionRef per spec, in the order given."""
        if id(image) in self._prefetched:
            self.prefetch([image], specs)
        filters = {spec: spec_filter(spec) for spec in dict.fromkeys(specs)}
        found = image.find_existing_renditions(*filters.values())
        missing = [f for f in filters.values() if f not in found]
        make_now = missing[: max(self.remaining, 0)]
        if make_now:
            # Wagtail's own path: makes the files, records them and fills the renditions cache.
            made = image.get_renditions(*make_now)
            found.update({f: made[f.spec] for f in make_now})
            self.remaining -= len(make_now)
            self.made += len(make_now)
        later = [f.spec for f in missing[len(make_now) :]]
        self.deferred += len(later)
        # Presets share sizes (a card and a gallery picture may be one file): queue each once.
        to_queue = [spec for spec in later if (image.pk, spec) not in self._queued]
        if to_queue:
            self._queued.update((image.pk, spec) for spec in to_queue)
            queue_renditions(image.pk, to_queue)
        refs = {}
        for spec, filter in filters.items():
            rendition = found.get(filter)
            if rendition is not None:
                refs[spec] = RenditionRef(rendition.url, rendition.width, rendition.height, True)
            else:
                width, height = planned_size(image, spec)
                refs[spec] = RenditionRef(signed_url(image, spec), width, height, False)
        return refs


_budgets: weakref.WeakKeyDictionary[HttpRequest, RenditionBudget] = weakref.WeakKeyDictionary()


def budget_for(request):
    """The budget shared by everything rendered for ``request`` (a site page's templates, or
    a GraphQL answer's resolvers); a fresh one when there is no request."""
    if request is None:
        return RenditionBudget()
    budget = _budgets.get(request)
    if budget is None:
        budget = _budgets[request] = RenditionBudget()
    return budget


def queue_renditions(image_id, specs):
    """Queue the making of ``specs`` for one image, once per image and set of specs for a while
    (a popular page asks again before the worker is done)."""
    specs = sorted(specs)
    digest = hashlib.sha256(f"{image_id}:{'/'.join(specs)}".encode()).hexdigest()[:32]
    if cache.add(f"rendition-queued:{digest}", True, QUEUE_DEDUP_SECONDS):
        transaction.on_commit(partial(make_renditions.enqueue, image_id, specs))


@task()
def make_renditions(image_id, specs):
    """Make the preset renditions an answer could not afford; returns how many were asked."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    allowed = [spec for spec in specs if is_preset_spec(spec)]
    if allowed:
        image.get_renditions(*allowed)
    return len(allowed)
