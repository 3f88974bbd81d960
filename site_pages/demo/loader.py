"""Builds the demo site. Every step looks for what it would create first, so a second run adds
nothing and leaves editors' changes to existing pages alone."""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale, Page, Site

from site_pages import models as m
from site_pages.demo import content
from site_pages.demo.images import chapter_scene, demo_image, event_scenes, seeded
from site_pages.demo.translations import translate_demo_contact, translate_demo_pages
from site_pages.newsletter import build_content
from site_pages.question_answers import (
    QUESTION_ANSWER_BLOCK,
    answer_email,
    answer_email_key,
)
from site_pages.roles import (
    MENTORS_COLLECTION,
    SUBMISSIONS_COLLECTION,
    chapter_collection,
    child_collection,
    setup_editorial_roles,
)
from site_pages.voice_intake import draft_voice, voice_index


def paragraphs(texts):
    if isinstance(texts, str):
        texts = [texts]
    return [{"type": "paragraph", "value": f"<p>{escape(text)}</p>"} for text in texts]


def list_items(values):
    """ListBlock items in the form the admin saves them, each with its own id: wagtail-localize
    translates the items of a list only in that form (it keys its segments on the ids)."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def child_page(parent, model, slug, **fields):
    """The live child with this slug, created and published if it does not exist yet."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class DemoLoader:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    def log(self, message):
        if self.stdout:
            self.stdout.write(message)

    @transaction.atomic
    def load(self):
        home = self.home_page()
        setup_editorial_roles()
        self.network_settings(home)
        people = self.people()
        chapters = self.chapters(home, people)
        self.network_events(home)
        self.mentor_columns(home)
        self.member_voices(home)
        self.yearbooks(home, people, chapters)
        self.programmes(home)
        for spec in content.STANDARD_PAGES:
            child_page(
                home,
                m.StandardPage,
                spec["slug"],
                title=spec["title"],
                intro=spec["intro"],
                body=paragraphs(spec["body"]),
                show_in_menus=spec.get("in_menu", True),
            )
        self.featured(home)
        # Last, so that every page to translate exists and is published in English.
        translate_demo_pages(m.HomePage.objects.get(pk=home.pk))
        translate_demo_contact(m.NetworkSettings.for_site(Site.objects.get(root_page=home)))
        # After the translations, so that a message in Japanese waits in the Japanese section.
        self.voice_submissions(home)
        # Last: the sent issue is built from everything published above.
        self.newsletter()
        return home

    def home_page(self):
        root = Page.get_first_root_node()
        home = m.HomePage.objects.filter(depth=2, locale=self.locale).first()
        if home is None:
            # Wagtail's first migration leaves a plain "Welcome" page holding the slug "home".
            for welcome in root.get_children().filter(
                content_type__model="page", content_type__app_label="wagtailcore"
            ):
                if not welcome.get_children().exists():
                    welcome.delete()
            root.refresh_from_db()
            spec = content.HOME
            hero = demo_image("Sakura Science Club hero", self.shared(), scene="sakura")
            home = child_page(
                root,
                m.HomePage,
                "home",
                title=spec["title"],
                hero_heading=spec["hero_heading"],
                hero_text=spec["hero_text"],
                intro=spec["intro"],
                hero_image=hero,
            )
            self.log("Created the home page.")
        # The demo is served where the admin is (`make run` sets WAGTAILADMIN_BASE_URL from
        # PORT), so page addresses in e-mails and feeds lead to the running server.
        served_at = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        hostname = served_at.hostname or "localhost"
        port = served_at.port or (443 if served_at.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
        elif site.root_page_id != home.id or (site.hostname, site.port) != (hostname, port):
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.hostname, site.port = hostname, port
            site.save()
        return home

    def shared(self):
        from wagtail.models import Collection

        return Collection.get_first_root_node()

    def section(self, home, model, key):
        title, intro = content.SECTIONS[key]
        return child_page(home, model, key, title=title, intro=intro, show_in_menus=True)

    def network_settings(self, home):
        site = Site.objects.get(root_page=home)
        network = m.NetworkSettings.for_site(site)
        if network.contact_id is None:
            for field, value in content.NETWORK.items():
                setattr(network, field, value)
            network.contact = m.NetworkContact.objects.create(locale=self.locale, **content.CONTACT)
            network.full_clean()
            network.save()

    def people(self):
        found = {}
        for spec in content.PEOPLE:
            person = m.Person.objects.filter(name=spec["name"], locale=self.locale).first()
            if person is None:
                photo = portrait(spec["name"], spec.get("country"), self.shared())
                person = m.Person.objects.create(locale=self.locale, photo=photo, **spec)
            found[person.name] = person
        return found

    def chapters(self, home, people):
        index = self.section(home, m.ChapterIndexPage, "chapters")
        chapters = {}
        for spec in content.CHAPTERS:
            chapter = index.get_children().filter(slug=spec["slug"]).first()
            if chapter is None:
                chapter = self.new_chapter(index, spec, people)
            chapter = chapter.specific
            chapters[spec["slug"]] = chapter
            collection = chapter_collection(chapter.country.code)
            shown: set[str] = set()
            for event in spec["events"]:
                self.event(chapter, event, collection, spec["country"], shown)
        return chapters

    def new_chapter(self, index, spec, people):
        collection = chapter_collection(spec["country"])
        chapter = m.ChapterPage(
            slug=spec["slug"],
            locale=index.locale,
            title=spec["title"],
            country=spec["country"],
            local_name=spec["local_name"],
            acronym=spec["acronym"],
            founded_on=spec["founded"].value if "founded" in spec else None,
            founded_on_precision=spec["founded"].precision if "founded" in spec else "day",
            member_count=spec.get("member_count"),
            member_count_year=spec.get("member_count_year"),
            intro=spec["intro"],
            body=paragraphs(spec["body"]),
            hero_image=demo_image(
                f"{spec['title']} chapter",
                collection,
                scene=chapter_scene(spec["country"]),
                country=spec["country"],
            ),
            coordinators=[
                m.ChapterCoordinator(person=people[name], role=role, term_start=year)
                for name, role, year in spec["coordinators"]
            ],
            social_links=[
                m.ChapterSocialLink(platform=platform, url=url) for platform, url in spec["social"]
            ],
        )
        chapter.clean()
        index.add_child(instance=chapter)
        chapter.save_revision().publish()
        self.log(f"Created the {spec['title']} chapter.")
        return chapter

    def event(self, parent, spec, collection, country=None, shown=None):
        """``shown``: the scenes of the events listed with this one so far, which its picture
        avoids where it has another choice (two reunions in one timeline, two different
        pictures)."""
        if parent.get_children().filter(slug=spec["slug"]).exists():
            return
        shown = set() if shown is None else shown
        scenes = event_scenes(spec.get("kind", "reunion"), spec["format"], country)
        scene = seeded(spec["title"]).choice([s for s in scenes if s not in shown] or scenes)
        shown.add(scene)
        outcome = []
        if "contest" in spec:
            contest, awards = spec["contest"]
            outcome.append(
                {
                    "type": "contest_results",
                    "value": {
                        "contest": contest,
                        "awards": list_items(
                            {"rank": rank, "title": title, "winner": ""} for rank, title in awards
                        ),
                    },
                }
            )
        event = m.EventPage(
            slug=spec["slug"],
            locale=parent.locale,
            title=spec["title"],
            kind=spec.get("kind", "reunion"),
            edition=spec.get("edition"),
            start_date=spec["start"].value,
            date_precision=spec["start"].precision,
            format=spec["format"],
            venue=spec.get("venue", ""),
            city=spec.get("city", ""),
            intro=spec["intro"],
            body=paragraphs(spec["body"]),
            outcome=outcome,
            hero_image=demo_image(
                f"Event: {spec['title']}", collection, scene=scene, country=country
            ),
            gallery_images=[
                m.EventGalleryImage(
                    image=demo_image(
                        f"{spec['title']}: {caption}",
                        collection,
                        scene=("hall", "laboratory", chapter_scene(country)),
                        country=country,
                    ),
                    caption=caption,
                )
                for caption in spec.get("gallery", [])
            ],
        )
        event.clean()
        parent.add_child(instance=event)
        event.save_revision().publish()

    def network_events(self, home):
        index = self.section(home, m.EventIndexPage, "events")
        today = timezone.localdate()
        shown: set[str] = set()
        for spec in content.NETWORK_EVENTS + content.upcoming_network_events(today):
            self.event(index, spec, self.shared(), spec.get("country"), shown)

    def mentor_columns(self, home):
        index = self.section(home, m.MentorColumnIndexPage, "sakura-mentor")
        collection = child_collection(MENTORS_COLLECTION)
        mentors = {}
        for spec in content.MENTORS:
            mentor = m.Mentor.objects.filter(slug=spec["slug"], locale=self.locale).first()
            if mentor is None:
                photo = portrait(spec["name"], spec.get("country_of_origin") or "JP", collection)
                mentor = m.Mentor.objects.create(locale=self.locale, photo=photo, **spec)
            mentors[mentor.slug] = mentor
        questions = self.mentor_questions(mentors)
        for spec in content.MENTOR_COLUMNS:
            if index.get_children().filter(slug=spec["slug"]).exists():
                continue
            answered = [q for q in content.MENTOR_QUESTIONS if q.get("column") == spec["slug"]]
            column = m.MentorColumnPage(
                slug=spec["slug"],
                locale=index.locale,
                title=spec["title"],
                mentor=mentors[spec["mentor"]],
                date=spec["date"],
                intro=spec["intro"],
                body=paragraphs(spec["body"])
                + [question_answer(questions[q["key"]], q["answer"]) for q in answered],
            )
            column.topics.add(*spec["topics"])
            index.add_child(instance=column)
            for q in answered:
                record_answer_email(questions[q["key"]], column)
            # Publishing marks the quoted questions answered (question_answers.py).
            column.save_revision().publish()

    def mentor_questions(self, mentors):
        """Stored directly, not through the intake; {key: question}."""
        questions = {}
        for spec in content.MENTOR_QUESTIONS:
            spec = {k: v for k, v in spec.items() if k not in {"column", "answer"}}
            key = spec.pop("key")
            mentor = spec.pop("assigned_mentor", None)
            spec.setdefault("status", "assigned")
            # Every question came through the form, which asks for consent to be quoted.
            spec.setdefault("consent_to_quote", True)
            questions[key], _created = m.MentorQuestion.objects.get_or_create(
                idempotency_key=key,
                defaults={
                    **spec,
                    "email": f"{key.replace(':', '-')}@example.org",
                    "assigned_mentor": mentors[mentor] if mentor else None,
                },
            )
        return questions

    def member_voices(self, home):
        index = self.section(home, m.MemberVoiceIndexPage, "members-voice")
        for spec in content.MEMBER_VOICES:
            if index.get_children().filter(slug=spec["slug"]).exists():
                continue
            photo = portrait(spec["member_name"], spec["country"], self.shared())
            fields = {k: v for k, v in spec.items() if k not in {"slug", "body"}}
            child_page(
                index,
                m.MemberVoicePage,
                spec["slug"],
                photo=photo,
                body=paragraphs(spec["body"]),
                **fields,
            )

    def voice_submissions(self, home):
        """Pending messages, made as the intake makes them (draft pages in the workflow) but
        without its e-mail: the demo writes to nobody."""
        site = Site.objects.filter(root_page=home).first()
        for spec in content.MEMBER_VOICE_SUBMISSIONS:
            spec = dict(spec)
            key, language = spec.pop("key"), spec.pop("language")
            if m.MemberVoiceSubmission.objects.filter(idempotency_key=key).exists():
                continue
            photo = None
            if spec.pop("photo"):
                photo = portrait(
                    spec["name"],
                    spec["country"],
                    child_collection(SUBMISSIONS_COLLECTION),
                    title=f"Submitted photo: {spec['name']}",
                )
            page = draft_voice(voice_index(site, language), photo=photo, **spec)
            m.MemberVoiceSubmission.objects.create(
                page=page,
                email=f"{key.replace(':', '-')}@example.org",
                language=language,
                consent_to_publish=True,
                idempotency_key=key,
            )

    def newsletter(self):
        """Confirmed subscribers and the issues of ``content.NEWSLETTER_ISSUES``, a sent one
        with its delivery rows marked sent, as if its batches had run (the demo mails nobody)."""
        now = timezone.now()
        for spec in content.NEWSLETTER_SUBSCRIBERS:
            subscriber, created = m.Subscriber.objects.get_or_create(
                email=spec["email"], defaults={"language": spec["language"], "confirmed_at": now}
            )
            if created:
                subscriber.chapters.set(
                    m.ChapterPage.objects.filter(slug__in=spec["chapters"], locale=self.locale)
                )
        month = timezone.localdate().replace(day=1)
        for spec in content.NEWSLETTER_ISSUES:
            if m.NewsletterIssue.objects.filter(language=spec["language"]).exists():
                continue
            issue = m.NewsletterIssue.objects.create(
                language=spec["language"], month=month, intro=spec["intro"]
            )
            if spec["sent"]:
                readers = m.Subscriber.objects.filter(language=issue.language)
                m.NewsletterDelivery.objects.bulk_create(
                    [m.NewsletterDelivery(issue=issue, subscriber=s, sent_at=now) for s in readers]
                )
                issue.content = build_content(issue.language, month)
                issue.status = m.IssueStatus.SENT
                issue.approved_at = issue.sent_at = now
                issue.recipient_count = len(readers)
                issue.save()

    def yearbooks(self, home, people, chapters):
        index = self.section(home, m.YearbookIndexPage, "yearbooks")
        for spec in content.YEARBOOKS:
            slug = f"fy{spec['fiscal_year']}"
            if index.get_children().filter(slug=slug).exists():
                continue
            child_page(
                index,
                m.YearbookPage,
                slug,
                title=spec["title"],
                fiscal_year=spec["fiscal_year"],
                intro=spec["intro"],
                entries=[
                    m.YearbookEntry(person=people[name], chapter=chapters[chapter], role=role)
                    for name, chapter, role in spec["entries"]
                ],
            )

    def programmes(self, home):
        index = self.section(home, m.ProgramIndexPage, "programmes")
        for spec in content.PROGRAMMES:
            parent = self.programme(index, spec)
            for child in spec["children"]:
                self.programme(parent, child)

    def programme(self, parent, spec):
        body = paragraphs(spec["body"])
        if spec.get("figures"):
            body.append(
                {
                    "type": "figures",
                    "value": {
                        "title": "",
                        "figures": list_items(
                            {"value": value, "label": label} for value, label in spec["figures"]
                        ),
                    },
                }
            )
        fields = {
            key: spec[key]
            for key in ("acronym", "first_year", "last_year", "course_count", "participant_count")
            if key in spec
        }
        scene, country = spec["picture"]
        return child_page(
            parent,
            m.ProgramPage,
            spec["slug"],
            title=spec["title"],
            hero_image=demo_image(
                f"Programme: {spec['title']}", self.shared(), scene=scene, country=country
            ),
            category=spec["category"],
            intro=spec["intro"],
            body=body,
            **fields,
        )

    def featured(self, home):
        if home.featured_items.exists():
            return
        picks = [
            m.ProgramPage.objects.filter(slug="sakura-science-high-school-program").first(),
            m.ChapterPage.objects.filter(slug="indonesia", locale=self.locale).first(),
            m.MentorColumnPage.objects.filter(slug="job-hunting-calendar").first(),
        ]
        home = m.HomePage.objects.get(pk=home.pk)
        home.featured_items = [m.HomeFeaturedItem(page=page) for page in picks if page]
        home.save_revision().publish()


def question_answer(question, answer):
    return {
        "type": QUESTION_ANSWER_BLOCK,
        "value": {"question": question.pk, "answer": f"<p>{escape(answer)}</p>"},
    }


def record_answer_email(question, column):
    """The e-mail that told the asker where their answer is, recorded as already sent: the demo
    sends nobody an e-mail, and publishing the column then finds it sent (mail.queue_email)."""
    subject, body = answer_email(question, column)
    m.OutgoingEmail.objects.get_or_create(
        key=answer_email_key(question),
        defaults={
            "to": question.email,
            "subject": subject,
            "body": body,
            "language": question.language,
            "sent_at": timezone.now(),
        },
    )


def portrait(name, country, collection, title=None):
    """A person's stand-in photograph: a figure without a face, in their country's colours."""
    return demo_image(
        title or f"Portrait: {name}",
        collection,
        scene="portrait",
        country=country,
        size=(480, 480),
    )
