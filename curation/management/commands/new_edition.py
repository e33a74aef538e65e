"""``manage.py new_edition``: next year's edition from this one, and chosen exhibits carried
forward as drafts for their departments.

    manage.py new_edition innoex-2025 innoex-2026 --starts-on 2026-04-13 --ends-on 2026-04-16 \\
        --opens-at 2025-11-01T09:00 --closes-at 2026-01-31T18:00 --as curator \\
        [--carry iam-smart railway-digital-twin | --carry-published]

Times without an offset are Hong Kong time. One transaction: any refusal leaves nothing.
The same services as the back-office (``curation.services``).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from curation.services import edition_copy, exhibits_carry_forward
from exhibits.models import Exhibit, ExhibitStatus
from exhibits.workflow import WorkflowError
from pavilion.models import Edition
from pavilion.timezones import FAIR_TZ


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _moment(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=FAIR_TZ)


class Command(BaseCommand):
    help = (
        "Create a new edition from an existing one (zones and booths copied) and carry "
        "chosen exhibits forward as drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Slug of the edition to copy.")
        parser.add_argument("slug", help="Slug of the new edition, e.g. innoex-2026.")
        parser.add_argument("--starts-on", type=_date, required=True)
        parser.add_argument("--ends-on", type=_date, required=True)
        parser.add_argument("--opens-at", type=_moment, required=True, help="Submissions open.")
        parser.add_argument("--closes-at", type=_moment, required=True, help="Submissions close.")
        parser.add_argument("--as", dest="username", required=True, help="A curator's username.")
        carry = parser.add_mutually_exclusive_group()
        carry.add_argument("--carry", nargs="+", default=[], metavar="SLUG")
        carry.add_argument("--carry-published", action="store_true")

    def handle(self, *args, source, slug, username, carry, carry_published, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f'No active user "{username}".')
        edition = Edition.objects.filter(slug=source).first()
        if edition is None:
            raise CommandError(f'No edition "{source}".')
        chosen = Exhibit.objects.filter(edition=edition)
        if carry_published:
            chosen = chosen.filter(status=ExhibitStatus.PUBLISHED)
        elif carry:
            chosen = chosen.filter(slug__in=carry)
            missing = sorted(set(carry) - set(chosen.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"No such exhibits in {source}: {', '.join(missing)}.")
        else:
            chosen = chosen.none()
        try:
            with transaction.atomic():
                new = edition_copy(
                    source=edition,
                    slug=slug,
                    starts_on=options["starts_on"],
                    ends_on=options["ends_on"],
                    submission_opens_at=options["opens_at"],
                    submission_closes_at=options["closes_at"],
                    user=user,
                )
                drafts = exhibits_carry_forward(
                    exhibits=chosen.order_by("slug"), edition=new, user=user
                )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        except WorkflowError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(
            f"Created {new.slug} with {new.zones.count()} zones and {new.booths.count()} booths; "
            f"{len(drafts)} exhibits carried forward as drafts."
        )
