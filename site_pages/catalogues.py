"""The gettext catalogues of the interface strings: ``locale/<language>/LC_MESSAGES/django.po``.

The public site's templates, the custom admin text and the error messages are gettext strings
(``{% translate %}``, ``gettext_lazy``). Django reads compiled ``.mo`` files, which are built,
not committed: ``manage.py compile_catalogues`` (run by ``make install``) compiles every
``.po`` file that is newer than its ``.mo``. ``manage.py update_catalogues`` does what
``makemessages`` does: it collects the msgids of the project's own templates and Python and
merges them into every content language's ``.po`` file, keeping existing translations (and
marking those no longer used as obsolete), so a translator only fills in the new ones.

Neither needs GNU gettext, which a fresh machine may lack: templates are read with Django's
own ``templatize`` (what ``makemessages`` feeds to ``xgettext``), Python with ``ast``, and
catalogues are read and written with polib (a dependency of wagtail-localize).
"""

import ast
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation.template import templatize

DOMAIN = "django"
# The project's own code; third-party apps ship their own catalogues.
SOURCE_PACKAGES = ("cms", "site_pages", "graphql_api")
TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")

# Keyword -> (index of the context argument, index of the msgid, index of the plural msgid)
KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}

# Languages whose nouns have one form whatever the number, and the others' rule.
PLURAL_FORMS = {
    "one": "nplurals=1; plural=0;",
    "two": "nplurals=2; plural=(n != 1);",
}
ONE_FORM_LANGUAGES = {"ja", "zh-hans", "id", "ms", "vi", "th"}


@dataclass
class Message:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    occurrences: list = field(default_factory=list)

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    @property
    def python_format(self):
        return "%(" in self.msgid or "%s" in self.msgid or "%d" in self.msgid


def base_dir():
    return Path(settings.BASE_DIR)


def locale_dir():
    return Path(settings.LOCALE_PATHS[0])


def catalogue_path(language_code, root=None):
    """``locale/ja/LC_MESSAGES/django.po``; Django names the folders after locales (zh_Hans)."""
    from django.utils.translation import to_locale

    return (root or locale_dir()) / to_locale(language_code) / "LC_MESSAGES" / f"{DOMAIN}.po"


def source_files(root=None):
    """The project's Python modules (without migrations) and templates, in a stable order."""
    root = root or base_dir()
    python, templates = [], []
    for package in SOURCE_PACKAGES:
        for path in sorted((root / package).rglob("*")):
            parts = path.relative_to(root).parts
            if "migrations" in parts or "__pycache__" in parts or not path.is_file():
                continue
            if path.suffix == ".py":
                python.append(path)
            elif "templates" in parts and path.suffix in TEMPLATE_SUFFIXES:
                templates.append(path)
    return python, templates


def calls_in_python(source):
    """(keyword, [string arguments or None], line) for every gettext call in Python source."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
        if name in KEYWORDS:
            arguments = [
                arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
                for arg in node.args
            ]
            yield name, arguments, node.lineno


def calls_in_template(source):
    """The same for a template, read through Django's ``templatize``: gettext calls among
    runs of placeholder characters, which the Python tokenizer reads without trouble."""
    code = templatize(source)
    tokens = [
        token
        for token in tokenize.generate_tokens(io.StringIO(code).readline)
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
    ]
    for index, token in enumerate(tokens):
        if token.type != tokenize.NAME or token.string not in KEYWORDS:
            continue
        if index + 1 >= len(tokens) or tokens[index + 1].string != "(":
            continue
        arguments, position = [], index + 2
        while position < len(tokens) and tokens[position].string != ")":
            current = tokens[position]
            if current.type == tokenize.STRING:
                arguments.append(ast.literal_eval(current.string))
            elif current.string != ",":
                arguments.append(None)
            position += 1
        yield token.string, arguments, token.start[0]


def message_from_call(keyword, arguments):
    context_at, msgid_at, plural_at = KEYWORDS[keyword]

    def argument(position):
        if position is None or position >= len(arguments):
            return None
        return arguments[position]

    msgid = argument(msgid_at)
    if not msgid:
        return None  # a variable, not a literal: nothing to extract
    return Message(msgid=msgid, msgctxt=argument(context_at), msgid_plural=argument(plural_at))


def extract_messages(root=None):
    """Every msgid of the project's own templates and Python, with where it occurs."""
    root = root or base_dir()
    python, templates = source_files(root)
    found = {}
    for paths, reader in ((python, calls_in_python), (templates, calls_in_template)):
        for path in paths:
            text = path.read_text(encoding="utf-8")
            for keyword, arguments, line in reader(text):
                message = message_from_call(keyword, arguments)
                if message is None:
                    continue
                existing = found.setdefault(message.key, message)
                existing.msgid_plural = existing.msgid_plural or message.msgid_plural
                existing.occurrences.append((path.relative_to(root).as_posix(), str(line)))
    return found


def translated_languages():
    """Every content language but the default one, which the msgids are written in."""
    return [
        code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE
    ]


def new_catalogue(language_code):
    po = polib.POFile(wrapwidth=100)
    one = language_code in ONE_FORM_LANGUAGES
    po.metadata = {
        "Project-Id-Version": "sakura-club-cms",
        "Language": language_code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS["one" if one else "two"],
    }
    return po


def plural_count(po):
    forms = po.metadata.get("Plural-Forms", PLURAL_FORMS["two"])
    return int(forms.split("nplurals=")[1].split(";")[0])


def merge_catalogue(po, messages):
    """Bring ``po`` in line with ``messages``: add new msgids untranslated, refresh where the
    others occur, and keep translations of msgids no longer used as obsolete entries."""
    existing = {(entry.msgctxt, entry.msgid): entry for entry in po}
    merged = []
    for key, message in messages.items():
        entry = existing.pop(key, None)
        if entry is None:
            entry = polib.POEntry(msgid=message.msgid, msgctxt=message.msgctxt)
            if message.msgid_plural:
                entry.msgid_plural = message.msgid_plural
                entry.msgstr_plural = dict.fromkeys(range(plural_count(po)), "")
            else:
                entry.msgstr = ""
        entry.obsolete = False
        entry.occurrences = message.occurrences
        if message.python_format and "python-format" not in entry.flags:
            entry.flags.append("python-format")
        merged.append(entry)
    for entry in existing.values():
        if entry.msgstr or any((entry.msgstr_plural or {}).values()):
            entry.obsolete = True
            entry.occurrences = []
            merged.append(entry)
    po[:] = merged
    return po


def update_catalogues(language_codes=None, root=None):
    """Merge the current msgids into the catalogue of every content language but the source
    language (English is the msgids themselves); returns the paths written."""
    messages = extract_messages()
    codes = language_codes or translated_languages()
    written = []
    for code in codes:
        path = catalogue_path(code, root)
        po = polib.pofile(str(path), wrapwidth=100) if path.exists() else new_catalogue(code)
        merge_catalogue(po, messages)
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
        written.append(path)
    return written


def compile_catalogue(po_path, force=False):
    """Write the ``.mo`` beside ``po_path`` unless it is newer already; True when written."""
    po_path = Path(po_path)
    mo_path = po_path.with_suffix(".mo")
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return True


def compile_catalogues(root=None, force=False):
    """Compile every ``.po`` under ``locale/``; returns the ``.mo`` paths written."""
    root = root or locale_dir()
    written = []
    for po_path in sorted(Path(root).glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        if compile_catalogue(po_path, force=force):
            written.append(po_path.with_suffix(".mo"))
    return written
