"""Load the Smart Hong Kong Pavilion (data.py) into the database, idempotently.

The README's start command runs this on every start, so it only *creates what is missing*
(get_or_create keyed on slugs): rows that exist are left exactly as they are — a curator's
edits in the demo survive a restart, the submission window is never moved, demo users keep
their passwords (unless asked to reset them), and an exhibit that already has an image gets
no second cover. A second run therefore writes nothing at all.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from awards.models import Award, Recognition
from curation.seed import data
from curation.seed.covers import ensure_glyphs, render_cover
from curation.seed.demo_layout import seed_demo_booths, seed_demo_sessions
from departments.models import Department, Membership
from exhibits.models import Exhibit, ExhibitImage, Technology
from pavilion.groups import CURATORS, SUBMITTERS
from pavilion.models import Edition, Zone

# The one documented password of every demo login (README). Demo users exist only while
# settings.PAVILION_DEMO is true, which is never the case in production.
DEMO_PASSWORD = "innoex-demo-2025"  # noqa: S105
DEMO_EMAIL_DOMAIN = "example.com"
CURATOR_USERNAME = "curator"
EDITOR_DEPARTMENT = "dpo"
SEED_CHANGE_REASON = "Loaded by seed_pavilion from the press release of 13 April 2025"


class SeedError(Exception):
    """The seed cannot run (e.g. migrations have not created the groups yet)."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    department: str
    created: bool


@dataclass
class SeedReport:
    edition: Edition | None = None
    created: Counter = field(default_factory=Counter)
    demo_logins: list[DemoLogin] = field(default_factory=list)
    demo_users_skipped: bool = False
    passwords_reset: int = 0
    seconds: float = 0.0


def _translated(name: str, text: data.Text) -> dict[str, str | None]:
    # Simplified Chinese stays empty (NULL): the site shows it converted with OpenCC.
    return {f"{name}_en": text.en, f"{name}_zh_hant": text.zh_hant or None}


def _today_start() -> dt.datetime:
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def _seed_edition(report: SeedReport) -> Edition:
    seed = data.EDITION
    opens_at = _today_start()
    edition, created = Edition.objects.get_or_create(
        slug=seed.slug,
        defaults={
            **_translated("name", seed.name),
            **_translated("fair_name", seed.fair_name),
            **_translated("venue", seed.venue),
            **_translated("theme", seed.theme),
            **_translated("focus", seed.focus),
            **_translated("co_organisers", seed.co_organisers),
            **_translated("organiser", seed.organiser),
            "edition_number": seed.edition_number,
            "starts_on": seed.starts_on,
            "ends_on": seed.ends_on,
            "website": seed.website,
            # Demo convenience: open for submissions from the day the edition is first
            # created. A later run leaves the window (and everything else) alone.
            "submission_opens_at": opens_at,
            "submission_closes_at": opens_at + dt.timedelta(days=seed.window_days),
            # The current edition — unless a curator already made another one current.
            "is_current": not Edition.objects.filter(is_current=True).exists(),
        },
    )
    report.created["editions"] += created
    return edition


def _seed_zones(edition: Edition, report: SeedReport) -> dict[str, Zone]:
    zones = {}
    for order, seed in enumerate(data.ZONES):
        zone, created = Zone.objects.get_or_create(
            edition=edition,
            slug=seed.slug,
            defaults={
                **_translated("name", seed.name),
                **_translated("description", seed.description),
                "order": order,
                "colour": seed.colour,
            },
        )
        report.created["zones"] += created
        zones[seed.slug] = zone
    return zones


def _seed_departments(report: SeedReport) -> dict[str, Department]:
    departments = {}
    for seed in data.DEPARTMENTS:
        department, created = Department.objects.get_or_create(
            slug=seed.slug,
            defaults={
                **_translated("name", seed.name),
                "abbreviation": seed.abbreviation,
                "kind": seed.kind,
                "website": seed.website,
            },
        )
        report.created["departments"] += created
        departments[seed.slug] = department
    return departments


def _seed_technologies(report: SeedReport) -> dict[str, Technology]:
    technologies = {}
    for order, seed in enumerate(data.TECHNOLOGIES):
        technology, created = Technology.objects.get_or_create(
            slug=seed.slug,
            defaults={
                **_translated("name", seed.name),
                "is_key_area": seed.is_key_area,
                "order": order,
            },
        )
        report.created["technologies"] += created
        technologies[seed.slug] = technology
    return technologies


def _seed_awards(report: SeedReport) -> dict[str, Award]:
    awards = {}
    for order, seed in enumerate(data.AWARDS):
        award, created = Award.objects.get_or_create(
            slug=seed.slug,
            defaults={**_translated("name", seed.name), "website": seed.website, "order": order},
        )
        report.created["award programmes"] += created
        awards[seed.slug] = award
    return awards


def _seed_exhibits(
    edition: Edition,
    zones: dict[str, Zone],
    departments: dict[str, Department],
    technologies: dict[str, Technology],
    report: SeedReport,
) -> dict[str, Exhibit]:
    now = timezone.now()
    exhibits = {}
    for seed in data.EXHIBITS:
        zone = zones[seed.zone]
        exhibit = Exhibit.objects.filter(edition=edition, slug=seed.slug).first()
        created = exhibit is None
        if created:
            exhibit = Exhibit(
                edition=edition,
                slug=seed.slug,
                **_translated("title", seed.title),
                **_translated("summary", seed.summary),
                **_translated("description", seed.description),
                lead_department=departments[seed.lead],
                proposed_zone=zone,
                zone=zone,
                featured=seed.featured,
                # Set directly, not through exhibits.workflow: the seed records exhibits the
                # press release says were on show, so there is no submission or review to
                # replay (and the workflow module did not exist when the seed was written).
                status=Exhibit.Status.PUBLISHED,
                version=1,
                status_changed_at=now,
                published_at=now,
            )
            # Read by django-simple-history: the exhibit's first history entry says why.
            exhibit._change_reason = SEED_CHANGE_REASON
            exhibit.save()
            exhibit.partner_departments.set([departments[slug] for slug in seed.partners])
            exhibit.technologies.set([technologies[slug] for slug in seed.technologies])
        report.created["exhibits"] += created
        exhibits[seed.slug] = exhibit
    return exhibits


def _seed_recognitions(
    awards: dict[str, Award], exhibits: dict[str, Exhibit], report: SeedReport
) -> None:
    for seed in data.RECOGNITIONS:
        _recognition, created = Recognition.objects.get_or_create(
            award=awards[seed.award],
            exhibit=exhibits[seed.exhibit],
            year=seed.year,
            defaults=_translated("title", seed.title),
        )
        report.created["recognitions"] += created


def _seed_demo_users(
    departments: dict[str, Department], *, reset_passwords: bool, report: SeedReport
) -> None:
    try:
        curators = Group.objects.get(name=CURATORS)
        submitters = Group.objects.get(name=SUBMITTERS)
    except Group.DoesNotExist:
        raise SeedError(
            f'The groups "{CURATORS}" and "{SUBMITTERS}" do not exist: run '
            "`manage.py migrate` first (it creates them)."
        ) from None

    User = get_user_model()
    hashed: list[str] = []

    def demo_password_hash() -> str:
        # Hashing is deliberately slow (~0.3 s): hash once and share it among demo users.
        if not hashed:
            hashed.append(make_password(DEMO_PASSWORD))
        return hashed[0]

    def ensure_user(username: str, *, is_staff: bool, last_name: str) -> tuple[object, bool]:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username,
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                first_name="Demo",
                last_name=last_name,
                is_staff=is_staff,
                password=demo_password_hash(),
            )
            report.created["demo users"] += 1
            return user, True
        if reset_passwords:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
            report.passwords_reset += 1
        return user, False

    curator, created = ensure_user(CURATOR_USERNAME, is_staff=True, last_name="Curator")
    curator.groups.add(curators)
    report.demo_logins.append(DemoLogin(CURATOR_USERNAME, "curator", "—", created))

    memberships = [
        (f"{seed.slug}-coordinator", departments[seed.slug], Membership.Role.COORDINATOR)
        for seed in data.DEPARTMENTS
    ]
    memberships.append(
        (f"{EDITOR_DEPARTMENT}-editor", departments[EDITOR_DEPARTMENT], Membership.Role.EDITOR)
    )
    for username, department, role in memberships:
        user, created = ensure_user(
            username, is_staff=False, last_name=f"{department.abbreviation} {role.label}"
        )
        user.groups.add(submitters)
        _membership, made = Membership.objects.get_or_create(
            user=user, department=department, defaults={"role": role}
        )
        report.created["memberships"] += made
        report.demo_logins.append(DemoLogin(username, role.value, department.name_en, created))


def _seed_cover_images(exhibits: dict[str, Exhibit], report: SeedReport) -> None:
    """Give each exhibit without any image a generated cover, through the image pipeline."""
    from exhibits.services import exhibit_image_add  # the one image pipeline

    with_images = set(
        ExhibitImage.objects.filter(exhibit__in=exhibits.values()).values_list(
            "exhibit_id", flat=True
        )
    )
    colours = {zone.slug: zone.colour for zone in data.ZONES}
    added: list[ExhibitImage] = []
    try:
        for seed in data.EXHIBITS:
            exhibit = exhibits[seed.slug]
            if exhibit.pk in with_images:
                continue
            # The zone's colour as the seed defines it, not as a curator may have changed
            # it since: the alt text names the seed's colour.
            png = render_cover(data.cover_text(seed), colours[seed.zone])
            alt = data.cover_alt_text(seed)
            added.append(
                exhibit_image_add(
                    exhibit=exhibit,
                    upload=ContentFile(png, name=f"{seed.slug}-cover.png"),
                    alt_text={"en": alt.en, "zh_hant": alt.zh_hant},
                    caption=None,
                    credit=data.COVER_CREDIT,
                    order=0,
                )
            )
            report.created["cover images"] += 1
    except BaseException:
        # The transaction rolls the rows back; the files already stored are ours to remove.
        for image in added:
            for name in _stored_names(image):
                default_storage.delete(name)
        raise


def _stored_names(image: ExhibitImage) -> list[str]:
    names = [image.image.name]
    stack = [image.renditions]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
        elif isinstance(node, str):
            names.append(node)
    return names


def demo_users_enabled() -> bool:
    return bool(getattr(settings, "PAVILION_DEMO", settings.DEBUG))


@transaction.atomic
def pavilion_seed(*, demo_users: bool, reset_passwords: bool = False) -> SeedReport:
    """Create whatever of the InnoEX 2025 pavilion is missing; change nothing that exists.

    ``demo_users`` creates the demo logins and the demo layout (sample booths and
    demonstration times, ``curation/seed/demo_layout.py``); callers pass
    ``demo_users_enabled()``: never in production. ``reset_passwords`` sets the demo
    password again on existing demo users.
    Runs in one transaction: a failure leaves no rows and removes the files it stored.
    """
    started = time.perf_counter()
    # Before any write: a cover the font cannot draw stops the run with nothing changed.
    ensure_glyphs(text for cover in data.all_cover_texts() for text in cover.strings())

    report = SeedReport()
    edition = report.edition = _seed_edition(report)
    zones = _seed_zones(edition, report)
    departments = _seed_departments(report)
    technologies = _seed_technologies(report)
    awards = _seed_awards(report)
    exhibits = _seed_exhibits(edition, zones, departments, technologies, report)
    _seed_recognitions(awards, exhibits, report)
    if demo_users:
        _seed_demo_users(departments, reset_passwords=reset_passwords, report=report)
        # Sample booths and demonstration times, marked as such (curation/seed/demo_layout.py).
        report.created["demo booths"] += seed_demo_booths(edition, zones, exhibits)
        report.created["demo demonstrations"] += seed_demo_sessions(edition, exhibits)
    else:
        report.demo_users_skipped = True
    # Last, so nothing after it can fail and strand the files it stores.
    _seed_cover_images(exhibits, report)
    report.seconds = time.perf_counter() - started
    return report
