"""``manage.py seed_pavilion``: load the Smart Hong Kong Pavilion at InnoEX 2025.

Idempotent: it creates what is missing and changes nothing that exists (see
curation/seed/loader.py), so the README's start command runs it every time.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from curation.seed.covers import CoverFontError
from curation.seed.loader import (
    DEMO_PASSWORD,
    SeedError,
    SeedReport,
    demo_users_enabled,
    pavilion_seed,
)

SINGULAR = {
    "editions": "edition",
    "zones": "zone",
    "departments": "department",
    "technologies": "technology",
    "award programmes": "award programme",
    "exhibits": "exhibit",
    "recognitions": "recognition",
    "demo users": "demo user",
    "memberships": "membership",
    "cover images": "cover image",
    "demo booths": "demo booth",
    "demo demonstrations": "demo demonstration",
}


class Command(BaseCommand):
    help = (
        "Load the Smart Hong Kong Pavilion at InnoEX 2025 (edition, zones, departments, "
        "technologies, awards, the 14 exhibits of the press release with cover images) and, "
        "when PAVILION_DEMO is true, the demo logins. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help=f"Set the demo password ({DEMO_PASSWORD}) again on existing demo users.",
        )

    def handle(self, *args, reset_passwords: bool = False, **options):
        demo = demo_users_enabled()
        try:
            report = pavilion_seed(demo_users=demo, reset_passwords=reset_passwords)
        except (SeedError, CoverFontError) as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:  # e.g. the image pipeline refused a cover
            raise CommandError(f"Nothing was saved: {'; '.join(exc.messages)}") from exc
        self._print_summary(report)
        if options["verbosity"] >= 1:
            self._print_logins(report, reset_passwords=reset_passwords)

    def _print_summary(self, report: SeedReport) -> None:
        created = ", ".join(
            f"{count} {what if count != 1 else SINGULAR.get(what, what)}"
            for what, count in report.created.items()
            if count
        )
        edition = report.edition
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {edition.name_en}, {edition.fair_name_en} ({edition.slug}) "
                f"in {report.seconds:.1f} s: "
                + (f"created {created}." if created else "nothing was missing, nothing changed.")
            )
        )
        opens = timezone.localtime(edition.submission_opens_at)
        closes = timezone.localtime(edition.submission_closes_at)
        state = "open" if edition.submission_window_is_open() else "closed"
        self.stdout.write(
            f"Submission window ({state}): {opens:%Y-%m-%d %H:%M} to {closes:%Y-%m-%d %H:%M}. "
            "Demo convenience: set to 30 days when the edition is first created; "
            "later runs leave it alone."
        )

    def _print_logins(self, report: SeedReport, *, reset_passwords: bool) -> None:
        if report.demo_users_skipped:
            self.stdout.write(
                "Demo logins skipped: PAVILION_DEMO is off (it is on only with DEBUG, or when "
                "set). No demo users were created."
                + (" --reset-passwords did nothing." if reset_passwords else "")
            )
            return
        rows = [("username", "role", "department")] + [
            (login.username, login.role, login.department) for login in report.demo_logins
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("")
        self.stdout.write("Demo logins (sign in at /admin/ as curator, at /portal/ otherwise):")
        for index, row in enumerate(rows):
            cells = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))
            self.stdout.write(f"  {cells}".rstrip())
            if index == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        kept = [login for login in report.demo_logins if not login.created]
        note = ""
        if kept and not reset_passwords:
            note = " (a user who changed it keeps theirs; --reset-passwords sets it again)"
        self.stdout.write(f"Password for every demo login: {DEMO_PASSWORD}{note}")
