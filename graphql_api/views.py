"""The `/graphql/` endpoint: GET and POST, GraphiQL in development."""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from cross_web import HTTPException, SyncHTTPRequestAdapter
from csp.decorators import csp_exempt
from django.conf import settings
from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
)
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.http.response import HttpResponseBase
from django.template.defaultfilters import filesizeformat
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from graphql import GraphQLFormattedError
from strawberry.django.views import GraphQLView
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.types import QueryParams
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from cms.http_cache import never_store
from graphql_api import persisted_queries, response_cache
from graphql_api.core.context import RequestContext
from graphql_api.core.limits import with_error_codes
from graphql_api.persisted_queries import PersistedQueryError
from graphql_api.schema import schema
from site_pages import cache_tags
from site_pages.frontend_purge import add_kept_tag_header, add_tag_header
from site_pages.renditions import budget_for
from site_pages.submission_limits import declared_length

NOT_JSON = "Unable to parse request body as JSON"
NOT_UTF8 = "The request body must be JSON text in UTF-8."
# Error messages and string extensions are cut to this length: graphql-core and our own errors
# quote what the client sent (a value, a name), which may be megabytes long (issue 9).
MAX_ERROR_LENGTH = 300
BAD_MULTIPART = (
    "The multipart request does not follow the GraphQL multipart request spec: `operations` "
    "and `map` must be JSON, and every path in `map` must name a variable of `operations`."
)
NOT_AN_OBJECT = (
    'The request body must be a JSON object such as {"query": "{ chapters { totalCount } }"}.'
)


# extensions.code of the errors the endpoint answers before any operation runs.
HTTP_ERROR_CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
}


def http_error(status: int, message: str) -> JsonResponse:
    """A request the endpoint cannot run, answered in the GraphQL response format: clients
    (Apollo's HttpLink among them) read every answer of a GraphQL endpoint as JSON with
    `errors`, and show a parse failure instead of the reason when it is plain text."""
    response = JsonResponse(
        {"errors": [{"message": message, "extensions": {"code": HTTP_ERROR_CODES[status]}}]},
        status=status,
    )
    if status == 405:
        response["Allow"] = "GET, POST"
    return response


def too_large() -> JsonResponse:
    limit = settings.SAKURA_GRAPHQL["MAX_BODY_BYTES"]
    return http_error(
        413,
        f"The request body is larger than this endpoint accepts ({filesizeformat(limit)} in "
        f"all, {filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)} without files).",
    )


def body_limit(request: HttpRequest) -> int:
    """Django reads at most DATA_UPLOAD_MAX_MEMORY_SIZE of a body without files."""
    if request.content_type == "multipart/form-data":
        return settings.SAKURA_GRAPHQL["MAX_BODY_BYTES"]
    return min(settings.SAKURA_GRAPHQL["MAX_BODY_BYTES"], settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def bounded(text: str) -> str:
    return text if len(text) <= MAX_ERROR_LENGTH else f"{text[:MAX_ERROR_LENGTH]}…"


class SakuraGraphQLView(GraphQLView[RequestContext, None]):
    # GraphiQL (DEBUG only) is a page that loads its scripts from a CDN and runs inline ones: it
    # goes without the API's policy, which would stop it from running at all.
    @method_decorator(csp_exempt())
    def render_graphql_ide(self, request: HttpRequest) -> HttpResponse:
        return super().render_graphql_ide(request)

    def get_context(self, request: HttpRequest, response: HttpResponse) -> RequestContext:
        return RequestContext(request=request, response=response)

    def process_result(self, request: HttpRequest, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = super().process_result(request, with_error_codes(result))
        if response.get("errors"):
            # A failed field or a bad query is not worth a place in a CDN (cms/http_cache.py).
            self.never_store = True
        # Strawberry declares the errors as objects; they are graphql-core's formatted errors.
        errors = cast(list[GraphQLFormattedError], response.get("errors") or [])
        for error in errors:
            error["message"] = bounded(error["message"])
            extensions = error.get("extensions") or {}
            for name, value in extensions.items():
                if isinstance(value, str):
                    extensions[name] = bounded(value)
        return response

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Error messages are for developers and documented in English, whatever language the
        # browser's Accept-Language made active; content is in the `locale` argument's language.
        with translation.override(settings.LANGUAGE_CODE):
            self.never_store = False
            # Refused before anything reads the body: a submission's photo is the only large
            # part a client has reason to send.
            if declared_length(request) > body_limit(request):
                return too_large()
            found = response_cache.lookup(request)
            if found is not None and found.entry is not None:
                kept = HttpResponse(found.entry["content"], content_type="application/json")
                if "etag" in found.entry:
                    kept["ETag"] = found.entry["etag"]
                return add_kept_tag_header(kept, found.entry["tag_header"])
            try:
                with cache_tags.collecting() as used:
                    response = self.run(request=request)
            except PersistedQueryError as error:
                # Answered like a GraphQL error (status 200), which Apollo's link expects.
                self.never_store = True
                response = JsonResponse(
                    {"errors": [{"message": error.message, "extensions": {"code": error.code}}]}
                )
            except RequestDataTooBig:
                return too_large()
            except HTTPException as error:
                if isinstance(error.__cause__, InvalidOperationTypeError):
                    # A mutation sent with GET (Strawberry answers 400): the GraphQL-over-HTTP
                    # spec's 405, naming the one method that may carry it.
                    response = http_error(405, error.reason)
                    response["Allow"] = "POST"
                    return response
                # Strawberry's own dispatch answers these in plain text.
                return http_error(error.status_code, error.reason)
        if self.never_store and not response.has_header("Cache-Control"):
            never_store(response)
        elif (
            found is not None
            # An answer delivered in parts (incremental delivery) is not kept.
            and isinstance(response, HttpResponse)
            and response.status_code == 200
            # A preview marks itself private; answers with errors were handled above.
            and not response.has_header("Cache-Control")
            # Signed rendition addresses stand in for files being made: the next answer links
            # the files themselves, so it is the one worth keeping.
            and not budget_for(request).deferred
        ):
            response_cache.store(found, response.content, used)
            add_tag_header(response, used)
        return response

    def parse_http_body(
        self, request: SyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        # Strawberry's request adapter decodes the body before parsing it: bytes that are not
        # UTF-8 would otherwise answer 500.
        try:
            data = super().parse_http_body(request)
        except UnicodeDecodeError as error:
            raise HTTPException(400, NOT_UTF8) from error
        except RequestDataTooBig:
            raise
        except (MultiPartParserError, SuspiciousOperation) as error:
            # A broken multipart body, or more fields or files than Django reads.
            raise HTTPException(400, BAD_MULTIPART) from error
        if not isinstance(data, list):
            data.query = persisted_queries.resolve(data.query, data.extensions)
        return data

    def decode_json(self, data: str | bytes) -> object:
        # Strawberry turns only JSONDecodeError into a 400: arrays nested past the recursion
        # limit would otherwise answer 500.
        try:
            return super().decode_json(data)
        except RecursionError as error:
            raise HTTPException(400, NOT_JSON) from error

    def parse_multipart(self, request: SyncHTTPRequestAdapter) -> dict[str, str]:
        # Strawberry follows `map` into `operations` without checking either's shape: a path
        # through a string or a number, or a `map` that is not an object, would answer 500.
        try:
            return super().parse_multipart(request)
        except (AttributeError, TypeError, ValueError, IndexError) as error:
            raise HTTPException(400, BAD_MULTIPART) from error

    def parse_json(self, data: str | bytes) -> dict[str, Any] | list[Any]:
        """Parse a POST body. Strawberry reads it with ``.get()``: a string, number or
        null at the top would answer 500. A list is a batch, which Strawberry refuses."""
        body = super().parse_json(data)
        if not isinstance(body, dict | list):
            raise HTTPException(400, NOT_AN_OBJECT)
        return body

    def parse_query_params(self, params: QueryParams) -> dict[str, Any]:
        # As Strawberry's, but through the base parser: `variables` and `extensions` in a
        # URL may be any JSON, and Strawberry says which of them is not an object.
        parsed: dict[str, Any] = dict(params)
        for name in ("variables", "extensions"):
            text = params.get(name)
            if text:
                parsed[name] = super().parse_json(text)
        return parsed


REFUSED_BY_DJANGO = {
    DisallowedHost: "The Host header names no site this server answers for.",
    TooManyFieldsSent: "The request has more parameters than this endpoint reads.",
}


def is_api_request(request: HttpRequest) -> bool:
    try:
        return resolve(request.path_info).url_name == "graphql"
    except Resolver404:
        return False


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 (``handler400``) for requests it refuses around the view: a Host header
    outside ALLOWED_HOSTS, more query parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS. The API
    answers them in the GraphQL response format, like its own 400s; the site keeps Django's."""
    if not is_api_request(request):
        return defaults.bad_request(request, exception)
    reason = next(
        (text for kind, text in REFUSED_BY_DJANGO.items() if isinstance(exception, kind)),
        "The request could not be read.",
    )
    return http_error(400, reason)


def with_api_policy(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Answers carry the API's strict Content-Security-Policy (settings), not the site's: they
    are data, and a browser that opens one as a document may neither run nor load anything."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if not getattr(response, "_csp_exempt", False):
            # django-csp's middleware reads a response's own policy from this attribute, which
            # it adds to Django's responses at run time.
            response._csp_config = settings.SAKURA_API_CONTENT_SECURITY_POLICY  # type: ignore[attr-defined]
        return response

    return wrapped


def graphql_view() -> Callable[..., HttpResponseBase]:
    # Reads are public and carry no session state, so CSRF protection has nothing to guard.
    # The mutations are anonymous submissions that act for nobody signed in (they never read
    # request.user), so a cross-site form posting one, multipart included, gains nothing a
    # direct request would not; their abuse limits are the honeypot and rate limits.
    return csrf_exempt(
        with_api_policy(
            SakuraGraphQLView.as_view(
                schema=schema,
                graphql_ide="graphiql" if settings.DEBUG else None,
                allow_queries_via_get=True,
                # The GraphQL multipart request spec, for submitMemberVoice's photo.
                multipart_uploads_enabled=True,
            )
        )
    )
