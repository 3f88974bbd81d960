"""Translating the site's content with wagtail-localize, under the site's editorial rules.

- ``status``: which language versions of each page exist and which lag behind their source,
  for the admin report and the API's ``Translation.upToDate``.
- ``permissions``: who may start, sync and publish translations (page-level rules in front of
  wagtail-localize's own views).
- ``review``: a translator who may not publish submits the translation to the page's
  workflow, and the secretariat's approval publishes it.
- ``machine``: the DeepL machine translator, limited to the languages DeepL translates.
- ``views`` and ``urls``: the admin report and the "Submit for review" action.

Which fields translate and which stay in sync is declared on the models
(``override_translatable_fields``) and blocks (``site_pages/blocks.py``).
"""
