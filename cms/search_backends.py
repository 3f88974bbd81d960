"""Which search engine readers' search runs on, from the environment (docs/search.md).

Nothing set: the database's own trigram index (site_pages/search.py), on SQLite or
PostgreSQL alike. ``SEARCH_ENGINE_URL`` set: Wagtail's Elasticsearch or OpenSearch backend
(``SEARCH_ENGINE`` says which) with one index per analyser, so that every language is cut into
words by an analyser made for it, and the same search scope and fallback rule.
"""

from django.core.exceptions import ImproperlyConfigured

ENGINES = ("elasticsearch7", "elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")

# Languages with an analyser of their own: built into Elasticsearch and OpenSearch, except
# kuromoji (analysis-kuromoji plugin) and smartcn (analysis-smartcn plugin). The others
# (Malay, Vietnamese, Nepali, Sinhala) are searched in the default index, whose ICU analyser
# (analysis-icu plugin) cuts every script into words, Thai and CJK included, by dictionary.
ANALYSERS = {
    "en": {"type": "english"},
    "ja": {"type": "kuromoji"},
    "zh-hans": {"type": "smartcn"},
    "th": {"type": "thai"},
    "id": {"type": "indonesian"},
    "bn": {"type": "bengali"},
}
DEFAULT_ANALYSER = {"type": "icu_analyzer"}


def index_settings(analyser):
    """Index settings that make ``analyser`` the index's default: Wagtail's mapping names no
    analyser on its full-text fields (``_all_text`` and the search fields), so the default
    analyses both the pages and the queries. Wagtail merges these into its own settings, so
    its n-gram analysers for autocomplete stay."""
    return {"settings": {"analysis": {"analyzer": {"default": analyser}}}}


def search_backends(url="", engine="elasticsearch8", languages=(), prefix="sakura"):
    """(WAGTAILSEARCH_BACKENDS, SAKURA_SEARCH) for the environment's values."""
    urls = [item.strip() for item in url.split(",") if item.strip()]
    if not urls:
        return (
            {"default": {"BACKEND": "wagtail.search.backends.database"}},
            {"ENGINE": "database", "BACKEND_BY_LANGUAGE": {}},
        )
    if engine not in ENGINES:
        raise ImproperlyConfigured(
            f"SEARCH_ENGINE={engine!r} is not a Wagtail search backend; use one of "
            f"{', '.join(ENGINES)}."
        )

    def backend(index, analyser):
        return {
            "BACKEND": f"wagtail.search.backends.{engine}",
            "URLS": urls,
            "INDEX": index,
            "ATOMIC_REBUILD": True,
            "INDEX_SETTINGS": index_settings(analyser),
        }

    backends = {"default": backend(prefix, DEFAULT_ANALYSER)}
    by_language = {}
    for language in languages:
        if language in ANALYSERS:
            name = f"lang-{language}"
            backends[name] = backend(f"{prefix}_{language.replace('-', '_')}", ANALYSERS[language])
            by_language[language] = name
    return backends, {"ENGINE": "wagtail", "BACKEND_BY_LANGUAGE": by_language}
