"""The search engine is chosen by the environment: the database by default, Wagtail's
Elasticsearch/OpenSearch backend with an analyser per language when SEARCH_ENGINE_URL is set,
and readers' search then asks the backend made for the reader's language. No Elasticsearch
server runs here: these tests stop at the configuration and at the backend chosen."""

import modelsearch.queryset
import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from cms.search_backends import search_backends
from site_pages import search as site_search
from site_pages.fallback import Reader
from tests import factories as f
from tests.conftest import publish
from tests.settings_process import settings_read

LANGUAGES = ["en", "ja", "zh-hans", "id", "ms", "vi", "th", "ne", "si", "bn"]


def analyser(backend):
    return backend["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]["type"]


def test_nothing_set_searches_the_database():
    backends, search = search_backends("", languages=LANGUAGES)
    assert backends == {"default": {"BACKEND": "wagtail.search.backends.database"}}
    assert search == {"ENGINE": "database", "BACKEND_BY_LANGUAGE": {}}


def test_a_cluster_gets_an_index_per_analyser():
    backends, search = search_backends(
        "https://u:p@es1.example:9200, https://u:p@es2.example:9200",
        "opensearch2",
        LANGUAGES,
        "club",
    )
    assert search["ENGINE"] == "wagtail"
    assert search["BACKEND_BY_LANGUAGE"] == {
        "en": "lang-en",
        "ja": "lang-ja",
        "zh-hans": "lang-zh-hans",
        "id": "lang-id",
        "th": "lang-th",
        "bn": "lang-bn",
    }
    assert {name: analyser(backend) for name, backend in backends.items()} == {
        "default": "icu_analyzer",
        "lang-en": "english",
        "lang-ja": "kuromoji",
        "lang-zh-hans": "smartcn",
        "lang-id": "indonesian",
        "lang-th": "thai",
        "lang-bn": "bengali",
    }
    for backend in backends.values():
        assert backend["BACKEND"] == "wagtail.search.backends.opensearch2"
        assert backend["URLS"] == ["https://u:p@es1.example:9200", "https://u:p@es2.example:9200"]
    assert backends["lang-zh-hans"]["INDEX"] == "club_zh_hans"
    assert backends["default"]["INDEX"] == "club"


def test_an_unknown_engine_is_refused_naming_the_known_ones():
    with pytest.raises(ImproperlyConfigured, match=r"SEARCH_ENGINE='solr'.*elasticsearch8"):
        search_backends("http://localhost:9200", "solr", LANGUAGES)


def test_the_settings_read_the_environment():
    backends, search = settings_read(
        "[settings.WAGTAILSEARCH_BACKENDS, settings.SAKURA_SEARCH]",
        module="cms.settings.test",
        env={"SEARCH_ENGINE_URL": "http://127.0.0.1:9200", "SEARCH_ENGINE": "elasticsearch9"},
    )
    assert backends["lang-ja"]["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert backends["lang-ja"]["URLS"] == ["http://127.0.0.1:9200"]
    assert search["BACKEND_BY_LANGUAGE"]["th"] == "lang-th"


@pytest.mark.django_db
def test_readers_search_asks_the_backend_of_the_readers_language(site_tree, settings, monkeypatch):
    """A stand-in for the cluster: Wagtail's database backends under the cluster's names."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"},
        "lang-ja": {"BACKEND": "wagtail.search.backends.database.fallback"},
    }
    settings.SAKURA_SEARCH = {"ENGINE": "wagtail", "BACKEND_BY_LANGUAGE": {"ja": "lang-ja"}}
    asked = []

    def recording(name="default", **kwargs):
        asked.append(name)
        return get_search_backend(name, **kwargs)

    monkeypatch.setattr(modelsearch.queryset, "get_search_backend", recording)
    event = publish(f.EventPageFactory(parent=site_tree.india, title="Kirigami reunion"))
    f.EventPageFactory(parent=site_tree.india, title="Kirigami draft", live=False)

    japanese = site_search.search(Reader(Locale.objects.get(language_code="ja")), ["kirigami"])
    # The same scope as on the database engine: visible pages only, through the fallback rule.
    assert [page.pk for page in japanese[0:10]] == [event.pk]
    assert asked == ["lang-ja"]
    english = site_search.search(Reader(site_tree.home.locale), ["kirigami"])
    assert [page.pk for page in english[0:10]] == [event.pk]
    assert asked == ["lang-ja", "default"]
