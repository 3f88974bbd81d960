"""Who may manage whose account in the admin, and how people sign in.

Wagtail's user admin lets anyone holding ``auth.change_user`` edit every user, superusers
included, set their passwords and give them any group. The Secretariat holds that permission
(it invites editors), so this package narrows it: ``rules`` says who may manage whom, and the
forms, views and bulk actions here enforce it on the server.
"""
