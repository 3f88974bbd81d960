import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

LOGIN_FILE = settings.BASE_DIR / ".admin-login"

# Why not `createsuperuser --noinput` with DJANGO_SUPERUSER_PASSWORD: `make run` runs this on
# every start, and createsuperuser fails once the user exists, needs the password chosen by
# whoever runs it, and never prints it. A newcomer gets a generated password, told again on
# each start, and production keeps using createsuperuser (or this with ADMIN_PASSWORD set).


class Command(BaseCommand):
    help = (
        "Make sure an admin login exists and print it. ADMIN_USERNAME, ADMIN_PASSWORD and "
        "ADMIN_EMAIL set it from the environment; otherwise a random password is generated "
        "once and kept in .admin-login (ignored by git) so that later runs can print it again."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        email = os.environ.get("ADMIN_EMAIL", "admin@example.com")
        password = os.environ.get("ADMIN_PASSWORD", "")
        user = User.objects.filter(username=username).first()
        if user is None:
            if not password:
                password = secrets.token_urlsafe(12)
                LOGIN_FILE.write_text(f"{username}\n{password}\n")
                LOGIN_FILE.chmod(0o600)
            User.objects.create_superuser(username=username, email=email, password=password)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
        else:
            password = self.remembered_password(username)

        port = os.environ.get("PORT", "8000")
        self.stdout.write(self.style.SUCCESS(f"Admin: http://localhost:{port}/admin/"))
        self.stdout.write(f"  username: {username}")
        if password:
            self.stdout.write(f"  password: {password}")
        else:
            self.stdout.write("  password: unchanged (set ADMIN_PASSWORD to reset it)")

    def remembered_password(self, username):
        if not LOGIN_FILE.exists():
            return ""
        lines = LOGIN_FILE.read_text().splitlines()
        return lines[1] if len(lines) >= 2 and lines[0] == username else ""
