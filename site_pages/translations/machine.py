"""Machine translation, switched on in settings (``DEEPL_API_KEY``; see cms/settings/base.py).

wagtail-localize's DeepL translator offers itself for every pair of languages and fails with a
server error on a language DeepL does not translate (Nepali, Sinhala and Bengali among ours).
This one offers itself only between the languages listed in ``OPTIONS["LANGUAGES"]``, so the
translation editor shows its button only where it works.
"""

from wagtail_localize.machine_translators import deepl


class DeepLTranslator(deepl.DeepLTranslator):
    def can_translate(self, source_locale, target_locale):
        languages = set(self.options.get("LANGUAGES", ()))
        return (
            source_locale.language_code in languages
            and target_locale.language_code in languages
            and super().can_translate(source_locale, target_locale)
        )
