"""The interface strings' gettext catalogues (locale/): complete in Japanese, the site chrome in
every content language, compiled without GNU gettext.

The msgids are read from the project's templates and Python as they are now (templates change
often), so a new ``{% translate %}`` or ``gettext_lazy`` without a Japanese translation fails
here. To fix it: ``manage.py update_catalogues``, then fill the new ``msgstr`` in
``locale/ja/LC_MESSAGES/django.po`` (and the other languages where you can).
"""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from site_pages.catalogues import (
    catalogue_path,
    compile_catalogue,
    compile_catalogues,
    extract_messages,
    merge_catalogue,
    new_catalogue,
    translated_languages,
)
from tests.system_tools import require_system_tool

ROOT = Path(settings.BASE_DIR)

# Strings every reader sees, whatever the page: these must exist in every language.
CHROME = [
    "Sakura Science Club",
    "Skip to content",
    "Main",
    "Language",
    "Search",
    "Search the site",
    "Page not found",
    "Something went wrong",
    "Go to the home page",
    "The alumni network of the Sakura Science Exchange Program.",
]


def language_names():
    """The msgids of the language names in settings (English is the source language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return [str(name) for _code, name in settings.WAGTAIL_CONTENT_LANGUAGES]


def catalogue(code):
    path = catalogue_path(code)
    assert path.exists(), f"{path} is missing: run manage.py update_catalogues"
    return polib.pofile(str(path))


def translated(entry):
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


@pytest.fixture(scope="module")
def messages():
    return extract_messages()


def test_every_interface_string_has_a_japanese_translation(messages):
    entries = {(entry.msgctxt, entry.msgid): entry for entry in catalogue("ja")}
    missing = [
        f"{message.msgid!r} ({message.occurrences[0][0]})"
        for key, message in messages.items()
        if key not in entries or not translated(entries[key])
    ]
    assert not missing, (
        "No Japanese translation for these strings; run `manage.py update_catalogues` and fill "
        "locale/ja/LC_MESSAGES/django.po:\n" + "\n".join(missing)
    )


def test_the_extraction_finds_templates_and_python(messages):
    places = {path for message in messages.values() for path, _line in message.occurrences}
    assert "site_pages/templates/site_pages/base.html" in places
    assert "site_pages/models/chapters.py" in places
    assert "cms/settings/base.py" in places  # the language names
    assert not any("/migrations/" in path for path in places)
    assert "chapter page" in {message.msgid for message in messages.values()}


def test_the_extraction_finds_what_makemessages_finds(messages, tmp_path):
    require_system_tool(
        shutil.which("xgettext") is not None,
        "GNU gettext is not installed: sudo make system-deps (or apt-get install gettext).",
    )
    for name in ("cms", "site_pages", "graphql_api"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    (tmp_path / "locale").mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "ja",
            "-i",
            "*/migrations/*",
            "-v",
            "0",
        ],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    theirs = polib.pofile(str(tmp_path / "locale/ja/LC_MESSAGES/django.po"))
    assert {(entry.msgctxt, entry.msgid) for entry in theirs} == set(messages)


def test_a_catalogue_for_every_content_language_but_the_source():
    assert set(translated_languages()) == {code for code, _ in settings.LANGUAGES} - {"en"}
    for code in translated_languages():
        po = catalogue(code)
        assert po.metadata["Language"] == code
        assert po.metadata["Plural-Forms"].startswith("nplurals=")
    assert not catalogue_path("en").exists()


@pytest.mark.parametrize("code", translated_languages())
def test_the_site_chrome_in_every_language(code, messages):
    used = {message.msgid for message in messages.values()}
    wanted = [msgid for msgid in CHROME if msgid in used] + language_names()
    entries = {entry.msgid: entry for entry in catalogue(code) if entry.msgctxt is None}
    missing = [msgid for msgid in wanted if msgid not in entries or not translated(entries[msgid])]
    assert not missing, f"{code}: {missing}"


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


@pytest.mark.parametrize("code", translated_languages())
def test_translations_keep_the_placeholders(code):
    for entry in catalogue(code):
        if not translated(entry):
            continue
        expected = sorted(set(PLACEHOLDER.findall(entry.msgid)))
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            assert sorted(set(PLACEHOLDER.findall(form))) == expected, (code, entry.msgid, form)


# --- compiling ---------------------------------------------------------------------------------


@pytest.fixture
def compiled_locale(tmp_path, settings):
    """The catalogues compiled into a temporary LOCALE_PATHS (Django drops its cached
    translations when the setting changes)."""
    for po_path in (ROOT / "locale").glob("*/LC_MESSAGES/django.po"):
        target = tmp_path / po_path.relative_to(ROOT / "locale")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(po_path, target)
    assert len(compile_catalogues(root=tmp_path)) == len(translated_languages())
    settings.LOCALE_PATHS = [tmp_path]
    return tmp_path


def test_compiled_catalogues_translate_the_interface(compiled_locale):
    with translation.override("ja"):
        assert translation.gettext("Skip to content") == "本文へスキップ"
        assert str(settings.WAGTAIL_CONTENT_LANGUAGES[1][1]) == "日本語"
    with translation.override("zh-hans"):
        assert translation.gettext("Skip to content") != "Skip to content"


def test_the_japanese_site_chrome(client, site_tree, compiled_locale):
    response = client.get("/ja/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ページが見つかりません" in html
    assert client.get("/en/no-such-page/").content.decode().count("Page not found")


def test_compiling_needs_no_gnu_gettext_and_skips_untranslated_strings(tmp_path):
    po = new_catalogue("ja")
    po.append(polib.POEntry(msgid="Search", msgstr="検索"))
    po.append(polib.POEntry(msgid="Not yet translated", msgstr=""))
    po.append(polib.POEntry(msgid="Unsure", msgstr="不確か", flags=["fuzzy"]))
    path = tmp_path / "django.po"
    po.save(str(path))
    assert compile_catalogue(path)
    assert not compile_catalogue(path)  # up to date: left alone
    assert compile_catalogue(path, force=True)
    with open(path.with_suffix(".mo"), "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert compiled.gettext("Search") == "検索"
    assert compiled.gettext("Not yet translated") == "Not yet translated"  # English, not blank
    assert compiled.gettext("Unsure") == "Unsure"


def test_make_install_compiles_the_catalogues():
    makefile = (ROOT / "Makefile").read_text()
    install = makefile.split("\ninstall:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py compile_catalogues" in install


# --- updating ----------------------------------------------------------------------------------


def test_updating_adds_new_strings_and_keeps_translations(tmp_path):
    (tmp_path / "site_pages" / "templates").mkdir(parents=True)
    (tmp_path / "site_pages" / "templates" / "page.html").write_text(
        '{% load i18n %}<a>{% translate "Search" %}</a>'
        "{% blocktranslate count counter=n %}{{ counter }} result{% plural %}"
        "{{ counter }} results{% endblocktranslate %}"
    )
    (tmp_path / "site_pages" / "models.py").write_text(
        "from django.utils.translation import gettext_lazy as _, pgettext_lazy\n"
        '_("New" " string")\npgettext_lazy("menu", "Home")\n'
    )
    messages = extract_messages(root=tmp_path)
    assert set(messages) == {
        (None, "Search"),
        (None, "%(counter)s result"),
        (None, "New string"),
        ("menu", "Home"),
    }
    po = new_catalogue("ja")
    po.append(polib.POEntry(msgid="Search", msgstr="検索"))
    po.append(polib.POEntry(msgid="Gone", msgstr="削除済み"))
    merge_catalogue(po, messages)
    entries = {(entry.msgctxt, entry.msgid): entry for entry in po}
    assert entries[(None, "Search")].msgstr == "検索"
    assert entries[(None, "Search")].occurrences == [("site_pages/templates/page.html", "1")]
    assert entries[(None, "New string")].msgstr == ""
    assert entries[(None, "%(counter)s result")].msgid_plural == "%(counter)s results"
    assert entries[(None, "%(counter)s result")].msgstr_plural == {0: ""}  # one form in Japanese
    assert entries[(None, "Gone")].obsolete
