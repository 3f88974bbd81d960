"""Who sees members' questions in the admin: the Secretariat (it holds every site_pages model
permission, ``roles.py``) and superusers. Chapter editors and mentors hold no permission on
MentorQuestion, so Wagtail's snippet views refuse them: the askers' e-mail addresses and names
stay with the Secretariat.

Nobody adds a question in the admin: questions come from readers (the site's form and
``askMentor``), and the admin form shows what they sent read-only.
"""

from wagtail.permission_policies import ModelPermissionPolicy


class MentorQuestionPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
