"""The base of the editorial roles' dashboard panels (``chapter_dashboard``,
``question_dashboard``, ``role_dashboards``): each role's ``panel_for`` finds its work, and the
panel hands it to its template under one name."""

from wagtail.admin.ui.components import Component


class WorkPanel(Component):
    """A dashboard panel showing ``work`` (what its role's ``panel_for`` found) to its template as
    ``context_name``. Subclasses set Wagtail's ``name``, ``template_name`` and ``order``."""

    context_name: str

    def __init__(self, work):
        self.work = work

    def get_context_data(self, parent_context):
        return {self.context_name: self.work}
