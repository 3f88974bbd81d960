"""The signed rendition address: makes one preset rendition on first download, then redirects.

Answers that ran out of their rendition budget (``site_pages/renditions.py``) link here. The
address carries an HMAC of the image and the spec, made only for preset specs; the view checks
both, so nobody can ask it for a size or format the presets do not name.
"""

from django.http import Http404
from wagtail.images.views.serve import ServeView

from site_pages.image_presets import is_preset_spec


class PresetRenditionView(ServeView):
    # A redirect to the file keeps the bytes on the media storage (or the bucket and its CDN);
    # the application only makes the file.
    action = "redirect"

    def get(self, request, signature, image_id, filter_spec, filename=None):
        if not is_preset_spec(filter_spec):
            raise Http404("Not a preset rendition.")
        return super().get(request, signature, image_id, filter_spec, filename)
