"""``manage.py create_api_token <username> [--name NAME]``: print a new personal API token.

The same service as /portal/tokens/ (only the digest is stored); for scripts, the
README's curl examples and the demo. The token is printed once.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pavilion.tokens import TokenLimitReached, api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f'No user "{username}".')
        if not user.is_active:
            raise CommandError(f'The user "{username}" is disabled.')
        try:
            _token, raw = api_token_create(user=user, name=name)
        except (TokenLimitReached, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(raw)
