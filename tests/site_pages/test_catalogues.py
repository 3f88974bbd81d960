"""The interface strings' gettext catalogues (locale/): complete in Japanese, the site chrome in
every content language, compiled without GNU gettext.

The msgids are collected from the project's templates and Python as they are now (templates
change often) by ``update_catalogues`` run on a copy of the code, so a new ``{% translate %}``
or ``gettext_lazy`` without a Japanese translation fails here. To fix it: ``manage.py
update_catalogues``, then fill the new ``msgstr`` in ``locale/ja/LC_MESSAGES/django.po`` (and
the other languages where you can).
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


def require_gettext():
    require_system_tool(
        shutil.which("xgettext") is not None,
        "GNU gettext is not installed: sudo make system-deps (or apt-get install gettext).",
    )


def collect(tmp_path, *languages):
    """Run update_catalogues on a copy of the project's code with empty catalogues: the
    committed ones are left alone, and what comes out is every msgid the code uses now."""
    for name in ("cms", "site_pages", "graphql_api"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    (tmp_path / "locale").mkdir(exist_ok=True)
    for code in languages:
        catalogue_path(code, tmp_path / "locale").parent.mkdir(parents=True, exist_ok=True)
    arguments = [arg for code in languages for arg in ("-l", translation.to_locale(code))]
    done = subprocess.run(
        [sys.executable, "manage.py", "update_catalogues", "-v", "0", *arguments],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return {
        code: polib.pofile(str(catalogue_path(code, tmp_path / "locale"))) for code in languages
    }


@pytest.fixture(scope="module")
def messages(tmp_path_factory):
    """(msgctxt, msgid) -> the collected entry, for every interface string of the code."""
    require_gettext()
    collected = collect(tmp_path_factory.mktemp("project"), "ja")["ja"]
    return {(entry.msgctxt, entry.msgid): entry for entry in collected}


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


# Languages whose catalogue holds a translation for every string it lists. Japanese is checked
# against the code itself (above); these against their own entries: a string new in the code
# reaches them with its translation (a blank entry would show English on the site, as /th/ did),
# while a branch that adds strings with their Japanese only is not failed for it.
COMPLETE = ["th"]


@pytest.mark.parametrize("code", COMPLETE)
def test_a_complete_catalogue_leaves_no_entry_empty(code):
    empty = [
        f"{entry.msgid!r} ({entry.occurrences[0][0] if entry.occurrences else '?'})"
        for entry in catalogue(code)
        if not entry.obsolete and not translated(entry)
    ]
    assert not empty, f"{catalogue_path(code)}: no translation for\n" + "\n".join(empty)


def test_the_collection_reads_templates_and_python_but_not_migrations_or_tests(messages):
    places = {path for message in messages.values() for path, _line in message.occurrences}
    assert "site_pages/templates/site_pages/base.html" in places
    assert "site_pages/templates/site_pages/mail/newsletter_confirm.txt" in places
    assert "site_pages/models/chapters.py" in places
    assert "cms/settings/base.py" in places  # the language names
    assert not any("/migrations/" in path or path.startswith("tests/") for path in places)
    assert "chapter page" in {message.msgid for message in messages.values()}


def test_a_catalogue_for_every_content_language_but_the_source():
    assert set(translated_languages()) == {code for code, _ in settings.LANGUAGES} - {"en"}
    for code in translated_languages():
        po = catalogue(code)
        assert po.metadata["Language"] == code
        assert po.metadata["Plural-Forms"].startswith("nplurals=")
    assert not catalogue_path("en").exists()


@pytest.mark.parametrize("code", translated_languages())
def test_the_site_chrome_in_every_language(code, messages):
    used = {msgid for _context, msgid in messages}
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
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ja"}
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


# --- updating ---------------------------------------------------------------------------------


def test_updating_adds_new_strings_and_keeps_translations(tmp_path):
    require_gettext()
    (tmp_path / "locale").mkdir()
    existing = polib.POFile()
    existing.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ja"}
    existing.append(polib.POEntry(msgid="Skip to content", msgstr="本文へスキップ"))
    existing.append(polib.POEntry(msgid="A string nobody uses", msgstr="誰も使わない"))
    path = catalogue_path("ja", tmp_path / "locale")
    path.parent.mkdir(parents=True)
    existing.save(str(path))
    entries = {(entry.msgctxt, entry.msgid): entry for entry in collect(tmp_path, "ja")["ja"]}
    assert entries[(None, "Skip to content")].msgstr == "本文へスキップ"
    assert entries[(None, "Sakura Science Club")].msgstr == ""  # new: for a translator to fill
    assert entries[(None, "A string nobody uses")].obsolete  # kept, out of the way


def test_updating_without_gnu_gettext_says_how_to_install_it(monkeypatch):
    from django.core.management import CommandError, call_command

    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="make system-deps"):
        call_command("update_catalogues")
