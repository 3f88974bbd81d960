"""A request id on every log line of a request, and errors logged as JSON lines to stderr.

The id comes from the proxy's ``X-Request-ID`` when it sends a sane one (so the CDN's, the app
server's and this log agree), else a new one; it is echoed in the response. Log records carry
the id, the method and the path; never the query string, headers, cookies or POST data, which
hold personal data (e-mail addresses, names, passwords).
"""

import contextvars
import logging
import re
import sys
import uuid

request_id = contextvars.ContextVar("request_id", default="-")

SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        token = request_id.set(offered if SANE_ID.match(offered) else uuid.uuid4().hex)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            return response
        finally:
            request_id.reset(token)


class RequestContextFilter(logging.Filter):
    """Adds the request id, and replaces Django's ``request`` attribute by its method and path
    (the formatter would otherwise print whatever the request object shows)."""

    def filter(self, record):
        record.request_id = request_id.get()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            record.method = request.method
            record.path = request.path
            record.request = None
        return True


class StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record is emitted (not when logging was
    configured), so a replaced stderr (a test's capture, a reopened stream) still gets it."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def json_logging(level="INFO"):
    """The LOGGING dict of production: JSON lines on stderr, errors with their traceback."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "cms.request_log.RequestContextFilter"}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                # Django's own extra attributes that could carry request data.
                "reserved_attrs": [
                    *logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys(),
                    "request",
                    "message",
                    "asctime",
                ],
            }
        },
        "handlers": {
            "stderr": {
                "()": "cms.request_log.StderrHandler",
                "formatter": "json",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "django": {"handlers": ["stderr"], "level": level, "propagate": False},
            # The security logger names refused hosts and CSRF failures: keep them.
            "django.security": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }
