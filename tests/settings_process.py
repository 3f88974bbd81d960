"""Settings as a fresh interpreter reads them: the settings modules read the environment once,
at import, so a test of how a variable is read starts a new Python with that environment."""

import json
import os
import subprocess
import sys

from django.conf import settings


def settings_process(script, *, module="cms.settings.dev", env=None, unset=()):
    """A fresh Python run of ``script`` under settings ``module``, with ``env`` set and the
    variables named in ``unset`` (or starting with a name ending in ``_``) taken away from this
    process's environment: the finished process, its output captured as text."""

    def kept(name):
        return not any(
            name.startswith(prefix) if prefix.endswith("_") else name == prefix for prefix in unset
        )

    environment = {name: value for name, value in os.environ.items() if kept(name)}
    environment.update(env or {}, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_read(expression, *, module="cms.settings.dev", env=None, unset=()):
    """The JSON value of ``expression`` (Python, with ``settings`` and Django's ``storages`` in
    scope) under settings ``module``, in ``settings_process``'s environment."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "from django.core.files.storage import storages; "
        f"print(json.dumps({expression}, default=str))"
    )
    result = settings_process(script, module=module, env=env, unset=unset)
    assert result.returncode == 0, result.stderr
    # The last line: a settings module may print a notice before.
    return json.loads(result.stdout.strip().splitlines()[-1])
