"""``manage.py refresh_public_cache``: make every cached page, API answer and shared data
entry (pavilion/cache.py) out of date at once, on every worker.

Content changes do this by themselves. A new release of the code does not change the
content but may change how it is shown (a template, a serializer): deploy/start.sh runs
this after the migrations, so the new code never serves what the old code cached.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from pavilion.cache import bump_content_version, content_version


class Command(BaseCommand):
    help = "Make every cached public page, API answer and shared data entry out of date."

    def handle(self, *args, **options):
        bump_content_version()
        version = content_version()
        if version is None:
            self.stderr.write("The cache does not answer: nothing cached can be served either.")
        else:
            self.stdout.write(f"Public cache refreshed (content version {version}).")
