"""Large, made-up data sets for the benchmarks (``manage.py create_random_content N``).

The demo (``loader.py``) is the site as readers should see it; this is the same site N times
heavier, so that ``bench/`` measures what grows with content. Everything comes from one seed:
each item draws from its own ``random.Random`` seeded with the seed and the item's key, so a
run at N=100 over a database already holding N=10 adds exactly what a fresh N=100 run has
beyond N=10, and two runs with the same arguments build the same pages.

What N scales (``Scale``): events per chapter, Sakura Mentor columns, member voices and the
pool of pictures. The chapters stay eleven: each country has one chapter, so a real network
grows by its history (events), not by chapters. Every page has a Japanese version too, except
every third event, which Japanese readers see in English (the fallback the API marks).

Pages are added live without a revision, as an import would: publishing through revisions
costs ten times more per page and the benchmarks need thousands. Search and reference indexes
are left to ``manage.py update_index`` when they are wanted.
"""

import datetime
import random
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import escape
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale
from wagtail.signal_handlers import disable_reference_index_auto_update

from site_pages import models as m
from site_pages.demo.images import draw_picture
from site_pages.demo.loader import DemoLoader, list_items

SEED = 13
# Chapters' countries, in the order they are taken; one already holding a chapter (the demo's,
# say) is skipped.
COUNTRIES = [
    "KH", "LA", "MM", "MN", "PH", "PK", "KZ", "UZ", "KG", "TJ", "BT", "MV", "TL", "BN",
    "IN", "ID", "MY", "NP", "LK", "VN", "BD", "SG", "TH", "CN", "JP", "KR", "TW", "AF",
]  # fmt: skip
CHAPTERS = 11
FIRST_DAY = datetime.date(2012, 4, 1)
DAYS = 365 * 14
IMAGE_SIZE = (640, 427)

# Word lists as text (as list literals they would run to one word a line).
WORDS = (  # noqa: SIM905
    "alumni reunion science exchange forum workshop lecture research campus laboratory "
    "robotics energy ocean climate medicine biology chemistry physics data network student "
    "mentor career seminar field visit poster contest award innovation community"
).split()
JA_WORDS = (  # noqa: SIM905
    "同窓会 交流 科学 研究 講演 ワークショップ 実験 大学 ロボット エネルギー 海洋 気候 医学 "
    "生物 化学 物理 データ ネットワーク 学生 メンター キャリア セミナー 見学 ポスター 受賞"
).split()
CITIES = ["Phnom Penh", "Vientiane", "Yangon", "Ulaanbaatar", "Manila", "Lahore", "Almaty"]


@dataclass(frozen=True)
class Scale:
    n: int

    @property
    def events_per_chapter(self):
        return 3 * self.n

    @property
    def columns(self):
        return 2 * self.n

    @property
    def voices(self):
        return 3 * self.n

    @property
    def mentors(self):
        return 2 + self.n // 5

    @property
    def images(self):
        return 10 + 6 * self.n


def sentence(rng, words=WORDS, length=(8, 16), ja=False):
    picked = [rng.choice(words) for _ in range(rng.randint(*length))]
    if ja:
        return "、".join(picked) + "。"
    return " ".join(picked).capitalize() + "."


def title(rng, ja=False):
    words = JA_WORDS if ja else WORDS
    picked = [rng.choice(words) for _ in range(rng.randint(2, 4))]
    return "".join(picked) if ja else " ".join(picked).title()


class RandomContent:
    def __init__(self, n, seed=SEED, stdout=None):
        if n < 1:
            raise ValueError("N must be at least 1")
        self.scale = Scale(n)
        self.seed = seed
        self.stdout = stdout
        self.demo = DemoLoader(stdout)
        self.en = self.demo.locale
        self.ja, _created = Locale.objects.get_or_create(language_code="ja")
        self.collection = Collection.get_first_root_node()
        self.created = 0

    def rng(self, *key):
        return random.Random(":".join(map(str, (self.seed, *key))))

    def log(self, message):
        if self.stdout:
            self.stdout.write(message)

    def create(self):
        with indexing_paused(), transaction.atomic():
            return self._create()

    def _create(self):
        home = self.demo.home_page()
        self.translation(home, "ja")
        self.pictures = [self.picture(i) for i in range(self.scale.images)]
        chapters = self.demo.section(home, m.ChapterIndexPage, "chapters")
        for slug, chapter in self.chapters(chapters).items():
            existing = set(chapter.get_children().values_list("slug", flat=True))
            for j in range(self.scale.events_per_chapter):
                self.event(chapter, slug, j, existing)
        self.columns(self.demo.section(home, m.MentorColumnIndexPage, "sakura-mentor"))
        self.voices(self.demo.section(home, m.MemberVoiceIndexPage, "members-voice"))
        self.log(f"Created {self.created} pages (N={self.scale.n}, seed {self.seed}).")
        return self.created

    # --- pictures and snippets ---------------------------------------------------------------

    def picture(self, i):
        Image = get_image_model()
        image_title = f"Random picture {self.seed}-{i}"
        existing = Image.objects.filter(title=image_title).first()
        if existing:
            return existing
        image = Image(title=image_title, collection=self.collection)
        drawn = draw_picture(f"{i}", IMAGE_SIZE)
        image.file = ImageFile(BytesIO(drawn), name=f"random-{self.seed}-{i}.jpg")
        image.save()
        return image

    def pick_picture(self, rng):
        return self.pictures[rng.randrange(len(self.pictures))]

    def snippet(self, model, found_by, kind, key, drawn):
        """The English ``model`` snippet ``found_by`` gives, else one made with the fields that
        ``drawn`` draws from the random generator of (``kind``, ``key``)."""
        snippet = model.objects.filter(**found_by, locale=self.en).first()
        if snippet is None:
            fields = drawn(self.rng(kind, key))
            snippet = model.objects.create(**found_by, locale=self.en, **fields)
        return snippet

    def person(self, key):
        return self.snippet(
            m.Person,
            {"name": f"Coordinator {self.seed}-{key}"},
            "person",
            key,
            lambda rng: {
                "country": rng.choice(COUNTRIES),
                "affiliation": title(rng),
                "photo": self.pick_picture(rng),
            },
        )

    def mentor(self, i):
        return self.snippet(
            m.Mentor,
            {"slug": f"random-mentor-{self.seed}-{i}"},
            "mentor",
            i,
            lambda rng: {
                "name": f"Dr. Random Mentor {i}",
                "affiliation": title(rng),
                "research_field": rng.choice(WORDS),
                "photo": self.pick_picture(rng),
                "bio": sentence(rng),
            },
        )

    # --- pages -------------------------------------------------------------------------------

    def add(self, parent, model, fields, inline=None, ja_fields=None):
        """Adds a live ``model`` page under ``parent`` and, with ``ja_fields``, its Japanese
        version (same translation key, those fields replaced) under the Japanese parent.
        ``inline`` is {relation: (child model, [fields, ...])}, made afresh for each version."""
        page = self.live_page(parent, model, fields, inline)
        if ja_fields is not None:
            ja_parent = parent.get_translation(self.ja)
            ja_fields = {**fields, **ja_fields, "translation_key": page.translation_key}
            self.live_page(ja_parent, model, ja_fields, inline)
        return page

    def live_page(self, parent, model, fields, inline):
        now = timezone.now()
        page = model(live=True, first_published_at=now, last_published_at=now, **fields)
        for relation, (child_model, rows) in (inline or {}).items():
            setattr(page, relation, [child_model(**row) for row in rows])
        page.locale = parent.locale
        parent.add_child(instance=page)
        self.created += 1
        return page

    def translation(self, page, language_code):
        """``page``'s version in the language, made (live, texts as in the source) if missing."""
        locale = Locale.objects.get(language_code=language_code)
        found = page.get_translation_or_none(locale)
        if found is not None:
            return found.specific
        if page.depth > 2:
            self.translation(page.get_parent().specific, language_code)
        translation = page.copy_for_translation(locale)
        translation.live, translation.has_unpublished_changes = True, False
        translation.first_published_at = translation.last_published_at = timezone.now()
        translation.save()
        return translation.specific

    def body(self, rng, ja=False):
        blocks = [{"type": "heading", "value": {"text": title(rng, ja), "level": "h2"}}]
        for _ in range(rng.randint(2, 4)):
            text = " ".join(sentence(rng, JA_WORDS if ja else WORDS, ja=ja) for _ in range(3))
            blocks.append({"type": "paragraph", "value": f"<p>{escape(text)}</p>"})
        image = {"image": self.pick_picture(rng).pk, "caption": title(rng, ja), "attribution": ""}
        blocks.append({"type": "image", "value": image})
        if rng.random() < 0.5:
            images = [
                {"image": self.pick_picture(rng).pk, "caption": title(rng, ja), "attribution": ""}
                for _ in range(rng.randint(2, 4))
            ]
            blocks.append({"type": "gallery", "value": {"title": "", "images": list_items(images)}})
        for block in blocks:
            block["id"] = str(uuid.UUID(int=rng.getrandbits(128)))
        return blocks

    def chapters(self, index):
        """{slug: chapter}, CHAPTERS of them, on countries that have no other chapter."""
        self.translation(index, "ja")
        found = {}
        taken = set(
            m.ChapterPage.objects.filter(locale=self.en)
            .exclude(slug__startswith="random-")
            .values_list("country", flat=True)
        )
        countries = [code for code in COUNTRIES if code not in taken][:CHAPTERS]
        for country in countries:
            slug = f"random-{country.lower()}"
            chapter = index.get_children().filter(slug=slug).first()
            if chapter is None:
                chapter = self.new_chapter(index, slug, country)
            found[slug] = chapter.specific
        return found

    def new_chapter(self, index, slug, country):
        rng = self.rng("chapter", country)
        founded = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS // 2))
        fields = {
            "slug": slug,
            "title": f"Random chapter {country}",
            "country": country,
            "local_name": title(rng),
            "acronym": f"SSC{country}",
            "founded_on": founded,
            "member_count": rng.randint(50, 3000),
            "member_count_year": 2024,
            "intro": sentence(rng),
            "body": self.body(rng),
            "hero_image": self.pick_picture(rng),
        }
        inline = {
            "coordinators": (
                m.ChapterCoordinator,
                [
                    {"person": self.person(f"{country}-{k}"), "role": role, "term_start": 2020}
                    for k, role in enumerate(["chair", "coordinator"])
                ],
            ),
            "social_links": (
                m.ChapterSocialLink,
                [{"platform": "facebook", "url": f"https://www.facebook.com/groups/ssc-{slug}"}],
            ),
        }
        ja = {"title": f"ランダム支部 {country}", "intro": sentence(rng, JA_WORDS, ja=True)}
        ja["body"] = self.body(self.rng("chapter-ja", country), ja=True)
        return self.add(index, m.ChapterPage, fields, inline, ja)

    def event(self, chapter, chapter_slug, j, existing):
        slug = f"random-event-{j:05d}"
        if slug in existing:
            return
        rng = self.rng("event", chapter_slug, j)
        start = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        event_format = rng.choice(["in_person", "online", "hybrid"])
        fields = {
            "slug": slug,
            "title": f"{title(rng)} {j + 1}",
            "kind": rng.choice(["reunion", "activity"]),
            "edition": j + 1 if rng.random() < 0.3 else None,
            "start_date": start,
            "end_date": end_date(rng, start),
            "format": event_format,
            "city": "" if event_format == "online" else rng.choice(CITIES),
            "venue": title(rng),
            "intro": sentence(rng),
            "body": self.body(rng),
            "hero_image": self.pick_picture(rng),
        }
        gallery = [
            {"image": self.pick_picture(rng), "caption": title(rng)}
            for _ in range(rng.randint(1, 3))
        ]
        ja = None
        if j % 3 != 2:
            ja = {
                "title": f"{title(rng, ja=True)} {j + 1}",
                "intro": sentence(rng, JA_WORDS, ja=True),
            }
            ja["body"] = self.body(self.rng("event-ja", chapter_slug, j), ja=True)
        self.add(
            chapter, m.EventPage, fields, {"gallery_images": (m.EventGalleryImage, gallery)}, ja
        )

    def columns(self, index):
        self.translation(index, "ja")
        mentors = [self.mentor(i) for i in range(self.scale.mentors)]
        self.numbered_pages(
            index,
            m.MentorColumnPage,
            "column",
            self.scale.columns,
            lambda rng, j: {
                "mentor": mentors[j % len(mentors)],
                "date": FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS)),
                "intro": sentence(rng),
                "body": self.body(rng),
            },
        )

    def voices(self, index):
        self.translation(index, "ja")
        self.numbered_pages(
            index,
            m.MemberVoicePage,
            "voice",
            self.scale.voices,
            lambda rng, j: {
                "member_name": f"Random Member {j}",
                "country": rng.choice(COUNTRIES),
                "programme_year": rng.randint(2014, 2025),
                "affiliation": title(rng),
                "photo": self.pick_picture(rng),
                "intro": sentence(rng),
                "body": self.body(rng),
            },
        )

    def numbered_pages(self, index, model, kind, count, drawn):
        """``count`` ``model`` pages under ``index`` (random-``kind``-seed-number), each titled
        and given the fields ``drawn`` draws from the random generator of (``kind``, number),
        with a Japanese version; a page already there is kept as it is."""
        for j in range(count):
            slug = f"random-{kind}-{self.seed}-{j:05d}"
            if index.get_children().filter(slug=slug).exists():
                continue
            rng = self.rng(kind, j)
            fields = {"slug": slug, "title": title(rng), **drawn(rng, j)}
            ja = {"title": title(rng, ja=True), "intro": sentence(rng, JA_WORDS, ja=True)}
            self.add(index, model, fields, ja_fields=ja)


def end_date(rng, start):
    """None (a one-day event) or a day up to two days after ``start``."""
    days = rng.choice([0, 0, 1, 2])
    return start + datetime.timedelta(days=days) if days else None


@contextmanager
def indexing_paused():
    """No search-index or reference-index work per saved object (a task each, which is most of
    the cost of adding a page); ``manage.py update_index`` rebuilds both when they are wanted."""
    models = [
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    ]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
