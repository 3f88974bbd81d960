from django.urls import include, path
from grapple import urls as grapple_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls), path("", include(grapple_urls))]
