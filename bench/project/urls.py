"""The project's addresses plus ``/bench/limit/``: the same server stack (gunicorn, Django and
every middleware of the project) returning precomputed bytes, the ceiling for a cached answer.

The bytes are the file named by BENCH_LIMIT_BODY (bench/run.py saves the project's answer to
the query being measured there), read once per worker.
"""

import os
from functools import cache

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as project_urlpatterns


@cache
def limit_body():
    with open(os.environ["BENCH_LIMIT_BODY"], "rb") as body:
        return body.read()


def limit(request):
    return HttpResponse(limit_body(), content_type="application/json")


urlpatterns = [path("bench/limit/", limit), *project_urlpatterns]
