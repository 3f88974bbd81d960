"""The WSGI entry point gunicorn loads."""

import gc
import importlib
import sys


def test_the_loaded_application_is_set_aside_from_the_collector():
    gc.unfreeze()
    sys.modules.pop("cms.wsgi", None)
    try:
        wsgi = importlib.import_module("cms.wsgi")
        assert callable(wsgi.application)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
