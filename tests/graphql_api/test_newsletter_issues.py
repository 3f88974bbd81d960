"""``newsletterIssues``: the sent issues of one language, as the site's archive lists them, with
public fields only; an issue appears once it is sent (through the response cache too), and
nothing about subscribers can be asked for."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql import get_named_type

from graphql_api.schema import schema
from site_pages.models import IssueStatus, NewsletterDelivery, NewsletterIssue, Subscriber
from site_pages.newsletter_sending import approve, send_issue_batch
from tests.graphql_api.conftest import post_query

QUERY = """
query Issues($locale: Locale, $first: Int, $after: String) {
  newsletterIssues(locale: $locale, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { month monthLabel locale subject intro url } }
  }
}
"""


def issues(client, **variables):
    response = post_query(client, QUERY, variables)
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]["newsletterIssues"]


def sent(language, year, month, intro="News.", recipients=()):
    issue = NewsletterIssue.objects.create(
        language=language,
        month=datetime.date(year, month, 1),
        intro=intro,
        status=IssueStatus.SENT,
        sent_at=timezone.now(),
        recipient_count=len(recipients),
    )
    for subscriber in recipients:
        NewsletterDelivery.objects.create(
            issue=issue, subscriber=subscriber, sent_at=timezone.now()
        )
    return issue


@pytest.fixture
def archive(site_tree):
    reader = Subscriber.objects.create(
        email="reader@example.org", language="en", confirmed_at=timezone.now()
    )
    sent("en", 2026, 10, "October's news.\n\nSecond paragraph.", recipients=[reader])
    sent("en", 2026, 11, "November's news.", recipients=[reader])
    sent("ja", 2026, 11, "十一月のお知らせ。")
    NewsletterIssue.objects.create(language="en", month=datetime.date(2026, 12, 1), intro="Draft")
    NewsletterIssue.objects.create(
        language="en",
        month=datetime.date(2026, 9, 1),
        intro="Still sending",
        status=IssueStatus.SENDING,
    )
    return site_tree


def test_the_sent_issues_of_a_language_newest_first(client, archive):
    english = issues(client, locale="EN")
    assert english["totalCount"] == 2
    [november, october] = [edge["node"] for edge in english["edges"]]
    assert november == {
        "month": "2026-11",
        "monthLabel": "November 2026",
        "locale": "en",
        "subject": "Sakura Science Club newsletter, November 2026",
        "intro": "November's news.",
        "url": "http://localhost/en/newsletter/2026-11/",
    }
    assert october["intro"] == "October's news.\n\nSecond paragraph."
    # The address is the archive's page, which shows the issue.
    page = client.get("/en/newsletter/2026-11/")
    assert page.status_code == 200 and "November&#x27;s news." in page.content.decode()

    [japanese] = [edge["node"] for edge in issues(client, locale="JA")["edges"]]
    assert (japanese["monthLabel"], japanese["url"]) == (
        "2026年11月",
        "http://localhost/ja/newsletter/2026-11/",
    )
    assert japanese["subject"].endswith("2026年11月")
    # No fallback: a language without issues has none.
    assert issues(client, locale="ID") == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "edges": [],
    }
    # English when no locale is given, and paginated like every list.
    first = issues(client, first=1)
    assert [e["node"]["month"] for e in first["edges"]] == ["2026-11"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = issues(client, first=1, after=first["pageInfo"]["endCursor"])
    assert [e["node"]["month"] for e in rest["edges"]] == ["2026-10"]


def test_nothing_about_subscribers_can_be_asked_for(client, archive):
    fields = set(get_named_type(schema._schema.get_type("NewsletterIssue")).fields)
    assert fields == {"month", "monthLabel", "locale", "subject", "intro", "url"}
    for name in ("recipients", "recipientCount", "approvedBy", "deliveries", "email", "content"):
        response = post_query(client, f"{{ newsletterIssues {{ edges {{ node {{ {name} }} }} }} }}")
        assert response.status_code == 200
        assert "data" not in response.json() or response.json()["data"] is None
    with CaptureQueriesContext(connection) as queries:
        issues(client, locale="EN")
    sql = " ".join(query["sql"] for query in queries).lower()
    assert "subscriber" not in sql and "approved_by" not in sql and "recipient_count" not in sql
    assert "reader@example.org" not in str(issues(client, locale="EN"))


def test_bad_arguments_are_errors_not_failures(client, archive):
    for variables in ({"locale": "xx"}, {"first": -1}, {"first": 10_000}, {"after": "nope"}):
        response = post_query(client, QUERY, variables)
        assert response.status_code == 200
        body = response.json()
        assert body["errors"] and body["errors"][0]["message"]
        assert not body.get("data") or body["data"]["newsletterIssues"] is None


def test_an_issue_appears_once_it_is_sent_even_from_the_cache(client, archive, smtp_server):
    Subscriber.objects.create(email="b@example.org", language="en", confirmed_at=timezone.now())
    before = issues(client, locale="EN")
    with CaptureQueriesContext(connection) as queries:
        assert issues(client, locale="EN") == before
    # Kept by the response cache: the issues are not read again.
    assert not [q for q in queries if "site_pages_newsletterissue" in q["sql"]]
    draft = NewsletterIssue.objects.get(status=IssueStatus.DRAFT)
    approve(draft, None)
    assert issues(client, locale="EN") == before  # approved, still sending: not in the archive
    send_issue_batch.enqueue(draft.pk)
    assert NewsletterIssue.objects.get(pk=draft.pk).status == IssueStatus.SENT
    after = issues(client, locale="EN")
    assert after["totalCount"] == 3
    assert after["edges"][0]["node"]["month"] == "2026-12"
    # A sent issue deleted in the admin leaves the archive at once too.
    NewsletterIssue.objects.get(pk=draft.pk).delete()
    assert issues(client, locale="EN") == before
