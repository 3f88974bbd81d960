"""Who sees members' submissions in the admin (mentor questions, Members' Voice submissions,
newsletter subscribers): the Secretariat (it holds every site_pages model permission,
``roles.py``) and superusers. Chapter editors and mentors hold no permission on these models,
so Wagtail's snippet views refuse them: the senders' e-mail addresses and names stay with the
Secretariat.

Nobody adds a submission in the admin: they come from readers (the site's forms and the API),
and the admin shows what they sent read-only.
"""

from wagtail.permission_policies import ModelPermissionPolicy


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
