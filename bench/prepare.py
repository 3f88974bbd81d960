"""Prepares a bench database after create_random_content: makes the card and gallery renditions
of every picture (what the measured queries ask for; a server would otherwise spend its first
minutes making them, and the project hands out at most a few per request), and prints as JSON
the ids that the requests and the publisher need.
"""

import json
import os

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.project.settings")
    django.setup()
    from wagtail.images import get_image_model

    from bench.queries import CARD, GALLERY
    from site_pages import models as m

    for image in get_image_model().objects.all():
        for spec in (CARD, GALLERY):
            image.get_rendition(spec)
    index = m.ChapterIndexPage.objects.get(locale__language_code="en")
    chapters = list(
        m.ChapterPage.objects.child_of(index).filter(slug__startswith="random-").order_by("path")
    )
    first = chapters[0]
    latest_event = m.EventPage.objects.child_of(first).order_by("-start_date", "path").first()
    print(
        json.dumps(
            {
                "index_id": index.pk,
                "chapter_ids": [chapter.pk for chapter in chapters],
                "chapter_slug": first.slug,
                "chapter_id": first.pk,
                "event_id": latest_event.pk,
                "pages": m.EventPage.objects.count()
                + m.ChapterPage.objects.count()
                + m.MentorColumnPage.objects.count()
                + m.MemberVoicePage.objects.count(),
                "images": get_image_model().objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main()
