"""Editors' roles: who may edit what, and the moderation workflow between them.

- The Secretariat may do everything in the admin and approves what others submit.
- Each chapter has a "<Country> chapter editors" group that adds and edits pages under its own
  ChapterPage (in every locale) and images and documents in its own collection, and cannot
  publish: its changes go through the "Secretariat approval" workflow.
- Mentors add and edit Sakura Mentor columns, also through the workflow.
- Chapter editors also translate the pages of their own chapter with wagtail-localize
  (``submit_translation``, limited to pages they may edit by site_pages/translations/); their
  translations go through the same workflow.

Every function here is idempotent, so the ``setup_editorial_roles`` command, the demo loader and
the ChapterPage signal can all call them without creating anything twice.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from django_countries.fields import Country
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

MENTORS_GROUP = "Mentors"
WORKFLOW_NAME = "Secretariat approval"
REVIEW_TASK_NAME = "Secretariat review"
MENTORS_COLLECTION = "Sakura Mentor"
# Photos sent with Members' Voice submissions: only the Secretariat (rights on the root
# collection) sees them until a page using one is approved.
SUBMISSIONS_COLLECTION = "Submissions"

# Page permissions are codenames on wagtailcore.Page; "add" lets an editor create pages and edit
# the ones they created, "change" lets them edit any page in the subtree.
ALL_PAGE_PERMISSIONS = [
    "add_page",
    "bulk_delete_page",
    "change_page",
    "lock_page",
    "publish_page",
    "unlock_page",
]
CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page", "change_page"]

MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}
CONTRIBUTOR_MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}

# The secretariat gets every model permission of these apps; group management stays with
# superusers so that no editor can raise their own rights.
SECRETARIAT_APPS = [
    "site_pages",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "wagtail_localize",
    "taggit",
]
SECRETARIAT_EXTRA = [("auth", "add_user"), ("auth", "change_user"), ("auth", "view_user")]

CONTRIBUTOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("site_pages", "add_person"),
    ("site_pages", "view_person"),
    ("site_pages", "view_mentor"),
]

# wagtail-localize's permission is global; site_pages/translations/permissions.py limits it to
# the pages the holder may edit, so a chapter editor translates their own chapter only.
TRANSLATOR_PERMISSIONS = [("wagtail_localize", "submit_translation")]


def permissions(pairs):
    """Permission rows for (app_label, codename) pairs; a missing one is a programming error."""
    found = []
    for app_label, codename in pairs:
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def page_permissions(codenames):
    return list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )


def grant_pages(group, pages, codenames):
    perms = page_permissions(codenames)
    for page in pages:
        for permission in perms:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection(group, collection, perms_by_app):
    for app_label, codenames in perms_by_app.items():
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def child_collection(name):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def secretariat_group():
    group, _created = Group.objects.get_or_create(name=settings.SAKURA_SECRETARIAT_GROUP)
    return group


@transaction.atomic
def ensure_secretariat():
    group = secretariat_group()
    perms = list(Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS))
    perms += permissions([("wagtailadmin", "access_admin"), *SECRETARIAT_EXTRA])
    group.permissions.add(*perms)
    root_page = Page.get_first_root_node()
    grant_pages(group, [root_page], ALL_PAGE_PERMISSIONS)
    grant_collection(group, Collection.get_first_root_node(), MEDIA_PERMISSIONS)
    return group


@transaction.atomic
def ensure_workflow():
    """One workflow from the tree's root: every page, in every locale, is approved by the
    secretariat before it goes live unless its editor may publish."""
    reviewers = secretariat_group()
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(reviewers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
    return workflow


def country_name(code):
    """The country's English name: group and collection names are data, not interface text,
    and must not change with the language of the request that created them."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(Country(code).name)


def chapter_collection(country_code):
    return child_collection(country_name(country_code))


def chapter_country_name(chapter):
    return country_name(chapter.country.code)


def chapter_group_name(chapter):
    return f"{chapter_country_name(chapter)} chapter editors"


@transaction.atomic
def ensure_chapter_access(chapter):
    """The chapter's editors group and collection, with rights on every locale's chapter page."""
    group, _created = Group.objects.get_or_create(name=chapter_group_name(chapter))
    group.permissions.add(*permissions([*CONTRIBUTOR_MODEL_PERMISSIONS, *TRANSLATOR_PERMISSIONS]))
    grant_pages(group, chapter.get_translations(inclusive=True), CONTRIBUTOR_PAGE_PERMISSIONS)
    collection = chapter_collection(chapter.country.code)
    grant_collection(group, collection, CONTRIBUTOR_MEDIA_PERMISSIONS)
    return group, collection


@transaction.atomic
def ensure_mentors():
    from site_pages.models import MentorColumnIndexPage

    group, _created = Group.objects.get_or_create(name=MENTORS_GROUP)
    group.permissions.add(*permissions(CONTRIBUTOR_MODEL_PERMISSIONS))
    grant_pages(group, MentorColumnIndexPage.objects.all(), CONTRIBUTOR_PAGE_PERMISSIONS)
    grant_collection(group, child_collection(MENTORS_COLLECTION), CONTRIBUTOR_MEDIA_PERMISSIONS)
    return group


# Wagtail's first migration makes these with rights over the whole tree; this project's roles
# replace them, and an editor added to one by mistake would bypass the chapter boundaries.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


@transaction.atomic
def retire_wagtail_default_groups():
    """Delete Wagtail's default groups while nobody belongs to them (a group with members is
    left for a person to decide on), and the default workflow once nothing uses it."""
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        if not group.user_set.exists():
            group.delete()
    for workflow in Workflow.objects.exclude(name=WORKFLOW_NAME):
        if not workflow.workflow_pages.exists() and workflow.active:
            workflow.active = False
            workflow.save(update_fields=["active"])


def setup_editorial_roles():
    """Every group, collection, permission and the workflow, for the pages that exist now."""
    from site_pages.models import ChapterPage

    ensure_secretariat()
    ensure_workflow()
    ensure_mentors()
    child_collection(SUBMISSIONS_COLLECTION)
    for chapter in ChapterPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE):
        ensure_chapter_access(chapter)
    retire_wagtail_default_groups()
