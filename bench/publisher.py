"""The editor of the benchmark: publishes pages when told, through Wagtail's own publishing
(a revision, then publish), so the project's invalidation runs as it does for an editor.

Reads commands on stdin, one a line: ``publish <page id> [new title]``; answers each with a JSON
line ``{"t0": ..., "t1": ...}``, the wall-clock times before publishing and after it returned
(committed). Run by bench/run.py with the bench's environment and bench.project.settings.
"""

import json
import os
import sys
import time

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.project.settings")
    django.setup()
    from wagtail.models import Page

    for line in sys.stdin:
        words = line.split(maxsplit=2)
        if not words:
            continue
        if words[0] != "publish":
            print(json.dumps({"error": f"unknown command {words[0]!r}"}), flush=True)
            continue
        t0 = time.time()
        page = Page.objects.get(pk=int(words[1])).specific
        if len(words) > 2:
            page.title = words[2].strip()
        page.save_revision().publish()
        t1 = time.time()
        print(json.dumps({"t0": t0, "t1": t1}), flush=True)


if __name__ == "__main__":
    main()
