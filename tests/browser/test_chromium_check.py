"""Without Chromium the browser tests fail on CI and are skipped elsewhere, saying why."""

from pathlib import Path

import pytest

from tests.browser.conftest import require_chromium

MISSING = Path("/nonexistent/chromium")


def test_a_missing_browser_fails_on_ci():
    with pytest.raises(pytest.fail.Exception, match="/nonexistent/chromium is missing"):
        require_chromium(MISSING, {"CI": "true"})


def test_a_missing_browser_is_skipped_elsewhere():
    with pytest.raises(pytest.skip.Exception, match="install Debian's chromium"):
        require_chromium(MISSING, {})


def test_a_present_browser_is_used(tmp_path):
    browser = tmp_path / "chromium"
    browser.touch()
    assert require_chromium(browser, {"CI": "true"}) is None
