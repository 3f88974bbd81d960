"""Kept answers in the shared cache: the API's (graphql_api/response_cache.py) and the site's
pages (site_pages/page_cache.py), each with the generation and the versions of the cache tags
(site_pages/cache_tags.py) of what it used.

An entry is current while the content generation and every version are what they were when it
was kept. A hit costs one round trip when nothing changed: this process remembers the entries it
found lately (``Remembered``) and asks only for the entry's stamp, the generation and the changes
marker, which ``bump`` moves with every version. After a change anywhere, the versions of the
entry's tags are read once more (a second round trip); an entry kept by another server since is
read again (a third). Versions are read only for ``narrowest`` tags: an answer that read a
listing is checked against the listing's version, not against each page's.

Within ``RECHECK_SECONDS`` of its last check (``SAKURA_RESPONSE_CACHE``), an entry is served
without asking the shared cache at all, unless this process made a change since: a hit then
costs no round trip, and another server's change reaches this one within that time (the
issue's "fresh within 1 s"). A change made in this process is seen at once.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from site_pages.cache_tags import (
    CHANGES_KEY,
    VERSION_PREFIX,
    changes_marker,
    current_versions,
    last_local_change,
    narrowest,
    new_version,
    tag_cache,
)


@dataclass(frozen=True)
class Reading:
    """What a lookup read before an answer is computed: the content generation (kept in the
    entry, which is current only while it is the same) and the changes marker (``keep``
    refuses an answer computed while it moved)."""

    generation: object
    marker: str


STAMP_SUFFIX = ":stamp"


class Remembered:
    """The entries this process found or kept lately, by key (an LRU bounded in number and in
    bytes of content), each with the changes marker under which every version of its tags was
    last seen to match.

    A hit then asks the shared cache for three small values in one round trip: the entry's
    stamp (a new one whenever the entry is kept again; it expires with the entry and goes with
    a flush), the generation and the changes marker. ``bump`` moves the marker with every
    version, so while the marker is the one remembered no version has moved and none is read;
    after a change, the versions are read once more. The entry itself crosses the network again
    only when another one was kept under its key meanwhile."""

    def __init__(self, entries, content_bytes):
        self.entries = entries
        self.content_bytes = content_bytes
        self.kept = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        """``(entry, marker, monotonic time of the last check)``, or ``(None, None, None)``."""
        with self.lock:
            if key not in self.kept:
                return None, None, None
            self.kept.move_to_end(key)
            return self.kept[key]

    def remember(self, key, entry, marker):
        with self.lock:
            self.drop(key)
            self.kept[key] = (entry, marker, time.monotonic())
            self.size += len(entry["content"])
            while len(self.kept) > self.entries or self.size > self.content_bytes:
                self.drop(next(iter(self.kept)))

    def forget(self, key):
        with self.lock:
            self.drop(key)

    def clear(self):
        with self.lock:
            self.kept.clear()
            self.size = 0

    def drop(self, key):
        entry, _marker, _checked_at = self.kept.pop(key, (None, None, None))
        if entry is not None:
            self.size -= len(entry["content"])


remembered = Remembered(entries=512, content_bytes=16 * 1024 * 1024)


def checked_lately(checked_at):
    """Whether an entry checked at ``checked_at`` may be served without asking again."""
    recheck = settings.SAKURA_RESPONSE_CACHE.get("RECHECK_SECONDS", 0)
    return (
        recheck > 0 and time.monotonic() - checked_at < recheck and checked_at > last_local_change()
    )


def is_current(entry, generation):
    """Whether ``entry`` was kept under this generation and every tag still has the version
    it had."""
    if not isinstance(entry, dict) or entry.get("generation") != generation:
        return False
    if not entry["versions"]:
        return True
    keys = {VERSION_PREFIX + tag: version for tag, version in entry["versions"].items()}
    found = tag_cache().get_many(list(keys))
    return all(found.get(key) == version for key, version in keys.items())


def find(key):
    """``(entry, reading)``: the entry kept under ``key`` while it is current (else None), and
    the ``Reading`` to keep a new answer with. One round trip when no change happened since
    this process last checked the entry, or when there is no entry; one more to read the
    versions of its tags otherwise, and one to read the entry when it is not remembered."""
    from site_pages.content_changes import GENERATION_KEY

    local, checked_under, checked_at = remembered.get(key)
    if local is not None and checked_lately(checked_at):
        return local, Reading(local["generation"], checked_under)
    cache = tag_cache()
    asked = key + STAMP_SUFFIX if local is not None else key
    found = cache.get_many([GENERATION_KEY, CHANGES_KEY, asked])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # Never set, or evicted. Whatever value another server added first wins; entries kept
        # under an older one never match it.
        cache.add(GENERATION_KEY, int(timezone.now().timestamp() * 1000), timeout=None)
        generation = cache.get(GENERATION_KEY)
    marker = found.get(CHANGES_KEY) or changes_marker()
    reading = Reading(generation, marker)
    if local is not None:
        if found.get(asked) == local["stamp"] and (
            (checked_under == marker and local["generation"] == generation)
            or is_current(local, generation)
        ):
            remembered.remember(key, local, marker)
            return local, reading
        remembered.forget(key)
        if found.get(asked) is None:
            return None, reading
        entry = cache.get(key)
    else:
        entry = found.get(key)
    if not is_current(entry, generation):
        return None, reading
    remembered.remember(key, entry, marker)
    return entry, reading


def keep(key, content, tags, reading, timeout, **extra):
    """Keep ``content`` under ``key`` with the versions of ``tags``, unless a tagged change
    happened since ``reading`` (taken before the answer was computed). Versions are read
    before the marker is checked: a change in between leaves older versions in the entry,
    which then simply never matches."""
    versions = current_versions(narrowest(tags))
    cache = tag_cache()
    if cache.get(CHANGES_KEY) != reading.marker:
        return False
    entry = {
        "content": content,
        "generation": reading.generation,
        "versions": versions,
        "stamp": new_version(),
        **extra,
    }
    # The stamp first: a reader between the two finds a new stamp and reads the entry again.
    cache.set(key + STAMP_SUFFIX, entry["stamp"], timeout=timeout)
    cache.set(key, entry, timeout=timeout)
    # Current under the marker read before it was computed, which has not moved since.
    remembered.remember(key, entry, reading.marker)
    return True
