"""Create a moderator: a staff account in the moderators group with a TOTP device."""

import getpass

import segno
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from reports.moderators import ensure_moderators_group


class Command(BaseCommand):
    help = (
        "Create a moderator account: asks for a password, then prints the two-factor "
        "enrolment link and its QR code for an authenticator app."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        password = self._ask_password(User(username=username))
        with transaction.atomic():
            user = User.objects.create_user(username=username, password=password, is_staff=True)
            user.groups.add(ensure_moderators_group())
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        self.stdout.write(f"Moderator {username!r} created.")
        self.stdout.write(
            "Scan this QR code with an authenticator app (or enter the link by hand). "
            "Show it to nobody else; it is not shown again."
        )
        segno.make(device.config_url, error="m").terminal(out=self.stdout, compact=True)
        self.stdout.write(device.config_url)

    def _ask_password(self, user: User) -> str:
        for _attempt in range(3):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords did not match. Try again.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
        raise CommandError("No password was set; nothing was created.")
