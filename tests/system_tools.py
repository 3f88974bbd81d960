"""Tests that need a program from Debian (Chromium, GNU gettext) fail on CI, where its absence
is a broken setup (`make system-deps` installs them), and are skipped elsewhere, saying how to
install what is missing."""

import os

import pytest


def require_system_tool(present, message, environ=os.environ):
    if present:
        return
    if environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
