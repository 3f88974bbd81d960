"""The README's pictures: copies of screenshots that tests/browser/test_screens.py takes."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_shows_a_home_and_a_chapter_screenshot_that_exist():
    readme = (ROOT / "README.md").read_text()
    shown = re.findall(r"!\[[^\]]+\]\((docs/screenshots/[^)]+\.png)\)", readme)
    assert {Path(path).stem.split("_")[0] for path in shown} >= {"home", "chapter"}, shown
    for path in shown:
        assert (ROOT / path).stat().st_size > 0, path
