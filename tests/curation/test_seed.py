# Chinese names carry full-width punctuation on purpose.
# ruff: noqa: RUF001
"""``manage.py seed_pavilion``: the real pavilion of the press release, loaded idempotently.

Expectations are written out here, not read back from curation/seed/data.py, so a slip in
the data shows up as a failure rather than being compared with itself.

Seeding draws and stores 14 images (about 2 s), so the read-only checks share one seeded
database per class (``TestSeeded…``: seeded once inside a transaction that is rolled back
after the class), while every test that changes something seeds its own.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from awards.models import Award, Recognition
from curation.seed import covers, data
from curation.seed.demo_layout import DEMO_LAYOUT_REASON
from curation.seed.loader import DEMO_PASSWORD, SEED_CHANGE_REASON
from departments.models import Department, Membership
from exhibits.models import DemoSession, Exhibit, ExhibitImage, Technology
from pavilion.groups import CURATORS, SUBMITTERS
from pavilion.models import Booth, Edition, Zone
from pavilion.timezones import FAIR_TZ, fair_bounds

User = get_user_model()

ZONES = [
    ("smart-living", "Smart Living", "智慧生活"),
    ("smart-mobility", "Smart Mobility", "智慧出行"),
    ("smart-environment", "Smart Environment", "智慧環境"),
    ("smart-people", "Smart People", "智慧市民"),
    ("smart-government", "Smart Government", "智慧政府"),
    ("smart-economy", "Smart Economy", "智慧經濟"),
]

# slug -> (zone, lead department)
EXHIBITS = {
    "iam-smart": ("smart-living", "dpo"),
    "ai-weather-prediction-models": ("smart-living", "hko"),
    "smart-packaging-system-chinese-medicine": ("smart-living", "hkpc"),
    "railway-digital-twin": ("smart-mobility", "mtr"),
    "shark-species-rapid-dna-identification": ("smart-environment", "afcd"),
    "ai-powered-aqua-bot": ("smart-environment", "emsd"),
    "wall-climbing-robot": ("smart-people", "archsd"),
    "tumbler-inspection-ball-robot": ("smart-people", "dsd"),
    "geospatial-ai-road-survey": ("smart-people", "hyd"),
    "virtual-fire-scene-incident-command-training-system": ("smart-government", "fsd"),
    "scenario-based-interactive-multiplayer-simulation-system": ("smart-government", "hkpf"),
    "hksar-macao-sar-qr-code-clearance": ("smart-government", "immd"),
    "spatial-data-gis-drone-operations": ("smart-economy", "landsd"),
    "project-information-management-analytics-platform": ("smart-economy", "ha"),
}

# slug -> (English name, Chinese name, abbreviation, kind)
DEPARTMENTS = {
    "dpo": ("Digital Policy Office", "數字政策辦公室", "DPO", "government"),
    "hko": ("Hong Kong Observatory", "香港天文台", "HKO", "government"),
    "hkpc": ("Hong Kong Productivity Council", "香港生產力促進局", "HKPC", "public_body"),
    "mtr": ("MTR Corporation Limited", "香港鐵路有限公司", "MTR", "company"),
    "hkust": (
        "The Hong Kong University of Science and Technology",
        "香港科技大學",
        "HKUST",
        "university",
    ),
    "afcd": (
        "Agriculture, Fisheries and Conservation Department",
        "漁農自然護理署",
        "AFCD",
        "government",
    ),
    "emsd": (
        "Electrical and Mechanical Services Department",
        "機電工程署",
        "EMSD",
        "government",
    ),
    "archsd": ("Architectural Services Department", "建築署", "ArchSD", "government"),
    "dsd": ("Drainage Services Department", "渠務署", "DSD", "government"),
    "hyd": ("Highways Department", "路政署", "HyD", "government"),
    "fsd": ("Fire Services Department", "消防處", "FSD", "government"),
    "hkpf": ("Hong Kong Police Force", "香港警務處", "HKPF", "government"),
    "immd": ("Immigration Department", "入境事務處", "ImmD", "government"),
    "landsd": ("Lands Department", "地政總署", "LandsD", "government"),
    "ha": ("Hong Kong Housing Authority", "香港房屋委員會", "HA", "public_body"),
}

KEY_AREAS = {"ai", "robotics", "cybersecurity", "smart-mobility", "low-altitude-economy"}


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_pavilion", stdout=out, **options)
    return out.getvalue()


def database_snapshot() -> dict[str, list[dict]]:
    """Every row of every table (many-to-many tables and history included)."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


def files_under(root: Path) -> list[tuple[str, int]]:
    return sorted(
        (str(path.relative_to(root)), path.stat().st_size)
        for path in root.rglob("*")
        if path.is_file()
    )


def relative_luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The demo password is hashed once per run; PBKDF2 would cost ~0.3 s per test.
    settings.PASSWORD_HASHERS = FAST_HASHER


@pytest.fixture
def seeded(db):
    return seed()


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """One seeded database and media folder for a class of read-only tests.

    Each test's own transaction nests inside this one (as a savepoint), and this one is
    rolled back after the class, so no other test sees these rows.
    """
    media = tmp_path_factory.mktemp("seed-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        output = seed()
        yield {"output": output, "media": media}
        transaction.set_rollback(True)


@pytest.fixture
def catalogue(seeded_once, db):
    return seeded_once


class TestSeededCatalogue:
    """What one run of the seed loads (read-only checks on one shared seeded database)."""

    # --- The catalogue ------------------------------------------------------------------------

    def test_seed_edition_is_innoex_2025_current_with_open_window(self, catalogue):
        edition = Edition.objects.get()
        assert (edition.slug, edition.edition_number) == ("innoex-2025", 3)
        assert (edition.name_en, edition.name_zh_hant) == (
            "Smart Hong Kong Pavilion",
            "智慧香港展館",
        )
        assert edition.fair_name_en == "InnoEX 2025"
        assert edition.venue_en == "Hong Kong Convention and Exhibition Centre"
        assert (edition.starts_on, edition.ends_on) == (dt.date(2025, 4, 13), dt.date(2025, 4, 16))
        assert edition.days == 4
        assert edition.theme_en == "Innovation • Automate • Elevate"
        assert edition.focus_en == "AI and data-driven applications"
        assert edition.organiser_en == "Digital Policy Office"
        assert "ITIB" in edition.co_organisers_en and "HKTDC" in edition.co_organisers_en
        assert edition.is_current is True
        assert Edition.objects.current() == edition
        assert edition.submission_window_is_open() is True
        window = edition.submission_closes_at - edition.submission_opens_at
        assert window == dt.timedelta(days=30)
        assert timezone.localtime(edition.submission_opens_at).date() == timezone.localdate()

    def test_seed_zones_six_in_release_order_with_dark_colours(self, catalogue):
        zones = list(Zone.objects.filter(edition__slug="innoex-2025").order_by("order"))
        assert [(z.slug, z.name_en, z.name_zh_hant) for z in zones] == ZONES
        assert [z.order for z in zones] == [0, 1, 2, 3, 4, 5]
        assert len({z.colour.lower() for z in zones}) == 6
        for zone in zones:
            assert zone.description_en and zone.description_zh_hant, zone.slug
            contrast = 1.05 / (relative_luminance(zone.colour) + 0.05)  # white text
            assert contrast >= 4.5, (zone.slug, zone.colour, round(contrast, 2))

    def test_seed_exhibits_exactly_the_fourteen_of_the_release(self, catalogue):
        exhibits = Exhibit.objects.select_related("zone", "lead_department", "edition")
        assert {e.slug: (e.zone.slug, e.lead_department.slug) for e in exhibits} == EXHIBITS
        assert {e.edition.slug for e in exhibits} == {"innoex-2025"}

    def test_seed_exhibits_published_with_zone_and_first_version(self, catalogue):
        for exhibit in Exhibit.objects.all():
            assert exhibit.status == Exhibit.Status.PUBLISHED, exhibit.slug
            assert exhibit.published_at is not None, exhibit.slug
            assert exhibit.zone_id is not None and exhibit.proposed_zone_id == exhibit.zone_id
            assert exhibit.version == 1, exhibit.slug
            # Loaded, then given its sample booth (the demo layout, PAVILION_DEMO).
            reasons = [r.history_change_reason for r in exhibit.history.order_by("history_id")]
            assert reasons == [SEED_CHANGE_REASON, DEMO_LAYOUT_REASON], exhibit.slug
        assert Exhibit.objects.published().count() == 14

    def test_seed_exhibits_partners_only_hkust_with_mtr(self, catalogue):
        partners = {
            e.slug: sorted(d.slug for d in e.partner_departments.all())
            for e in Exhibit.objects.prefetch_related("partner_departments")
        }
        assert partners == {
            slug: (["hkust"] if slug == "railway-digital-twin" else []) for slug in EXHIBITS
        }

    def test_seed_exhibits_content_in_english_and_traditional_chinese(self, catalogue):
        for exhibit in Exhibit.objects.all():
            for field in ("title", "summary", "description"):
                assert getattr(exhibit, f"{field}_en"), (exhibit.slug, field)
                assert getattr(exhibit, f"{field}_zh_hant"), (exhibit.slug, field)
                # Simplified is shown converted with OpenCC, never stored by the seed.
                assert getattr(exhibit, f"{field}_zh_hans") in (None, ""), (exhibit.slug, field)
        iam_smart = Exhibit.objects.get(slug="iam-smart")
        assert (iam_smart.title_en, iam_smart.title_zh_hant) == ("iAM Smart", "智方便")
        assert "over 1,100" in iam_smart.summary_en

    def test_seed_exhibits_have_technologies_with_the_five_key_areas(self, catalogue):
        technologies = Technology.objects.all()
        assert {t.slug for t in technologies if t.is_key_area} == KEY_AREAS
        assert {"digital-twin", "big-data", "gis", "qr-code"} <= {t.slug for t in technologies}
        for technology in technologies:
            assert technology.name_en and technology.name_zh_hant, technology.slug
        railway = Exhibit.objects.get(slug="railway-digital-twin")
        assert {"digital-twin", "big-data", "smart-mobility"} <= {
            t.slug for t in railway.technologies.all()
        }
        drones = Exhibit.objects.get(slug="spatial-data-gis-drone-operations")
        assert {t.slug for t in drones.technologies.all()} == {"gis", "low-altitude-economy"}
        for exhibit in Exhibit.objects.prefetch_related("technologies"):
            assert exhibit.technologies.all(), exhibit.slug

    def test_seed_departments_official_names_and_kinds(self, catalogue):
        departments = {
            d.slug: (d.name_en, d.name_zh_hant, d.abbreviation, d.kind)
            for d in Department.objects.all()
        }
        assert departments == DEPARTMENTS
        for department in Department.objects.all():
            assert department.website.startswith("https://"), department.slug

    def test_seed_award_programmes_five(self, catalogue):
        assert list(Award.objects.order_by("order").values_list("slug", "name_en")) == [
            ("hong-kong-ict-awards", "Hong Kong ICT Awards"),
            (
                "apicta-awards",
                "Asia Pacific Information and Communications Technology Alliance Awards "
                "(APICTA Awards)",
            ),
            (
                "maker-in-china-hong-kong-chapter",
                "Maker in China SME Innovation and Entrepreneurship Global Contest – "
                "Hong Kong Chapter",
            ),
            ("open-data-hackathon", "Open Data Hackathon"),
            (
                "international-exhibition-of-inventions-geneva",
                "International Exhibition of Inventions Geneva",
            ),
        ]
        assert all(award.name_zh_hant for award in Award.objects.all())

    def test_seed_recognitions_exactly_the_two_the_release_names(self, catalogue):
        recognitions = {
            (r.award.slug, r.year, r.title_en, r.title_zh_hant, r.exhibit.slug)
            for r in Recognition.objects.select_related("award", "exhibit")
        }
        assert recognitions == {
            ("hong-kong-ict-awards", 2024, "Award of the Year", "年度大獎", "railway-digital-twin"),
            (
                "international-exhibition-of-inventions-geneva",
                2024,
                "Gold Medal",
                "金獎",
                "tumbler-inspection-ball-robot",
            ),
        }

    # --- Cover images -------------------------------------------------------------------------

    def test_seed_every_exhibit_has_one_cover_with_alt_text_and_renditions(self, catalogue):
        images = ExhibitImage.objects.select_related("exhibit")
        assert sorted(image.exhibit.slug for image in images) == sorted(EXHIBITS)
        for image in images:
            slug = image.exhibit.slug
            assert "not a photograph" in image.alt_text_en, slug
            assert image.exhibit.title_en in image.alt_text_en, slug
            assert "並非照片" in image.alt_text_zh_hant, slug
            assert image.exhibit.title_zh_hant in image.alt_text_zh_hant, slug
            assert len(image.alt_text_en) <= 300 and len(image.alt_text_zh_hant) <= 300
            assert image.credit == "Generated illustration, Pavilion demo data"
            assert (image.width, image.height) == (1280, 720)
            assert (catalogue["media"] / image.image.name).is_file(), slug
            names = [name for formats in image.renditions.values() for name in formats.values()]
            assert sorted(image.renditions) == ["1280", "320", "640"], slug
            assert len(names) == 6, slug
            for name in names:
                assert (catalogue["media"] / name).is_file(), name
        # Nothing else was written: the original and its six renditions per exhibit.
        assert len(files_under(catalogue["media"])) == 14 * 7

    def test_seed_cover_is_zone_coloured(self, catalogue):
        image = ExhibitImage.objects.get(exhibit__slug="railway-digital-twin")
        with Image.open(catalogue["media"] / image.image.name) as picture:
            corner = picture.convert("RGB").getpixel((5, picture.height // 2))
        colour = Zone.objects.get(slug="smart-mobility").colour
        assert "#{:02x}{:02x}{:02x}".format(*corner) == colour.lower()

    # --- Demo logins --------------------------------------------------------------------------

    def test_seed_demo_users_and_memberships(self, catalogue):
        curator = User.objects.get(username="curator")
        assert curator.is_staff is True and curator.is_superuser is False
        assert list(curator.groups.values_list("name", flat=True)) == [CURATORS]
        assert curator.check_password(DEMO_PASSWORD)

        memberships = {
            (m.user.username, m.department.slug, m.role)
            for m in Membership.objects.select_related("user", "department")
        }
        expected = {(f"{slug}-coordinator", slug, "coordinator") for slug in DEPARTMENTS}
        expected.add(("dpo-editor", "dpo", "editor"))
        assert memberships == expected
        submitters = Group.objects.get(name=SUBMITTERS)
        for username, _slug, _role in expected:
            user = User.objects.get(username=username)
            assert list(user.groups.all()) == [submitters], username
            assert user.is_staff is False, username
            assert user.check_password(DEMO_PASSWORD), username
        assert User.objects.count() == 1 + 15 + 1

    def test_seed_prints_logins_table_and_password(self, catalogue):
        lines = catalogue["output"].splitlines()
        assert any(line.split()[:3] == ["username", "role", "department"] for line in lines if line)
        assert any(line.split()[:2] == ["curator", "curator"] for line in lines if line)
        assert any(
            line.split() == ["mtr-coordinator", "coordinator", "MTR", "Corporation", "Limited"]
            for line in lines
        )
        assert any(line.split()[:2] == ["dpo-editor", "editor"] for line in lines if line)
        assert f"Password for every demo login: {DEMO_PASSWORD}" in catalogue["output"]

    # --- The demo layout (only while PAVILION_DEMO) ---------------------------------------------

    def test_seed_demo_layout_gives_each_exhibit_a_demo_booth_in_its_zone(self, catalogue):
        booths = {
            exhibit.slug: (exhibit.booth.code, exhibit.booth.zone.slug, exhibit.booth.is_demo)
            for exhibit in Exhibit.objects.select_related("booth__zone")
        }
        assert booths == {
            "iam-smart": ("A01", "smart-living", True),
            "ai-weather-prediction-models": ("A02", "smart-living", True),
            "smart-packaging-system-chinese-medicine": ("A03", "smart-living", True),
            "railway-digital-twin": ("B01", "smart-mobility", True),
            "shark-species-rapid-dna-identification": ("C01", "smart-environment", True),
            "ai-powered-aqua-bot": ("C02", "smart-environment", True),
            "wall-climbing-robot": ("D01", "smart-people", True),
            "tumbler-inspection-ball-robot": ("D02", "smart-people", True),
            "geospatial-ai-road-survey": ("D03", "smart-people", True),
            "virtual-fire-scene-incident-command-training-system": (
                "E01",
                "smart-government",
                True,
            ),
            "scenario-based-interactive-multiplayer-simulation-system": (
                "E02",
                "smart-government",
                True,
            ),
            "hksar-macao-sar-qr-code-clearance": ("E03", "smart-government", True),
            "spatial-data-gis-drone-operations": ("F01", "smart-economy", True),
            "project-information-management-analytics-platform": ("F02", "smart-economy", True),
        }
        assert Booth.objects.count() == 14
        assert "14 demo booths, 28 demo demonstrations" in catalogue["output"]

    def test_seed_demo_demonstrations_honest_and_within_the_fair_days(self, catalogue):
        sessions = list(DemoSession.objects.select_related("exhibit"))
        assert len(sessions) == 28
        opens, closes = fair_bounds(Edition.objects.get())
        days = set()
        for session in sessions:
            exhibit = session.exhibit
            assert opens <= session.starts_at < session.ends_at <= closes
            assert session.ends_at - session.starts_at == dt.timedelta(minutes=30)
            assert session.title_en == f"Live demonstration: {exhibit.title_en}"
            assert session.title_zh_hant == f"現場示範：{exhibit.title_zh_hant}"
            assert session.note_en == "Sample time on the demo site, not an announced schedule."
            days.add(session.starts_at.astimezone(FAIR_TZ).date())
        assert sorted(days) == [dt.date(2025, 4, d) for d in (13, 14, 15, 16)]
        per_exhibit = Counter(session.exhibit.slug for session in sessions)
        assert set(per_exhibit.values()) == {2}

    def test_seed_never_takes_over_a_booth_a_curator_freed(self, catalogue):
        Exhibit.objects.filter(slug="iam-smart").update(booth=None)
        DemoSession.objects.filter(exhibit__slug="railway-digital-twin").update(title_en="Moved")

        output = seed()

        assert Exhibit.objects.get(slug="iam-smart").booth is None
        assert Booth.objects.filter(code="A01").count() == 1
        assert list(
            DemoSession.objects.filter(exhibit__slug="railway-digital-twin").values_list(
                "title_en", flat=True
            )
        ) == ["Moved", "Moved"]
        assert "nothing was missing, nothing changed" in output

    # --- Running it again (each test's changes roll back with its savepoint) ------------------

    def test_seed_second_run_changes_nothing(self, catalogue, media_root):
        rows_before = database_snapshot()
        files_before = files_under(catalogue["media"])
        assert len(files_before) == 14 * 7

        with override_settings(MEDIA_ROOT=catalogue["media"]):
            output = seed()

        assert database_snapshot() == rows_before
        assert files_under(catalogue["media"]) == files_before
        assert files_under(media_root) == []
        assert "nothing was missing, nothing changed" in output

    def test_seed_second_run_leaves_window_and_edits_alone(self, catalogue):
        edition = Edition.objects.get()
        closed_at = timezone.now() - dt.timedelta(days=1)
        Edition.objects.filter(pk=edition.pk).update(
            submission_opens_at=closed_at - dt.timedelta(days=10), submission_closes_at=closed_at
        )
        Exhibit.objects.filter(slug="iam-smart").update(title_en="iAM Smart (edited by a curator)")

        seed()

        edition.refresh_from_db()
        assert edition.submission_closes_at == closed_at
        assert edition.submission_opens_at == closed_at - dt.timedelta(days=10)
        assert edition.submission_window_is_open() is False
        assert Exhibit.objects.get(slug="iam-smart").title_en == "iAM Smart (edited by a curator)"

    def test_seed_second_run_keeps_changed_passwords(self, catalogue):
        user = User.objects.get(username="dpo-coordinator")
        user.set_password("a new secret of my own")
        user.save()

        seed()

        user.refresh_from_db()
        assert user.check_password("a new secret of my own")

    def test_seed_reset_passwords_sets_demo_password_again(self, catalogue):
        user = User.objects.get(username="dpo-coordinator")
        user.set_password("a new secret of my own")
        user.save()

        output = seed(reset_passwords=True)

        user.refresh_from_db()
        assert user.check_password(DEMO_PASSWORD)
        assert User.objects.count() == 17
        assert "nothing was missing, nothing changed" in output


def test_seed_cover_texts_all_drawable_with_the_shipped_font(db):
    texts = [text for cover in data.all_cover_texts() for text in cover.strings()]
    assert len(texts) == 14 * 4
    needed = set("".join(texts))
    assert needed - covers.font_characters() == set()
    covers.ensure_glyphs(texts)  # raises if anything is missing
    # The titles drawn are the exhibits' titles in both scripts.
    assert {cover.title_zh for cover in data.all_cover_texts()} == {
        e.title.zh_hant for e in data.EXHIBITS
    }


def test_seed_cover_text_with_missing_glyph_fails_loudly():
    with pytest.raises(covers.CoverFontError) as raised:
        covers.ensure_glyphs(["Smart 龘 Pavilion"])
    message = str(raised.value)
    assert "'龘' (U+9F98)" in message
    assert "make_subset.py" in message
    assert "龘" not in covers.font_characters()


def test_seed_font_subset_small_licensed_and_documented():
    fonts = Path(covers.FONT_PATH).parent
    assert covers.FONT_PATH.stat().st_size < 500 * 1024
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts / "OFL.txt").read_text()
    readme = (fonts / "README.md").read_text()
    assert "fonts-noto-cjk" in readme and "make_subset.py" in readme
    assert (fonts / "make_subset.py").is_file()


def test_seed_without_demo_setting_creates_no_users(db, settings):
    settings.PAVILION_DEMO = False
    output = seed(reset_passwords=True)
    assert User.objects.count() == 0
    assert Membership.objects.count() == 0
    assert "Demo logins skipped: PAVILION_DEMO is off" in output
    assert DEMO_PASSWORD not in output
    assert Exhibit.objects.count() == 14  # the catalogue itself is still loaded
    # No sample layout either: booths and demonstrations are the curators' alone.
    assert (Booth.objects.count(), DemoSession.objects.count()) == (0, 0)


# --- Running it again -------------------------------------------------------------------------


def test_seed_restores_missing_cover_only(seeded, media_root):
    image = ExhibitImage.objects.get(exhibit__slug="wall-climbing-robot")
    image.delete()  # the row only: its files stay, as a curator's delete would leave them

    output = seed()

    assert ExhibitImage.objects.filter(exhibit__slug="wall-climbing-robot").count() == 1
    assert ExhibitImage.objects.count() == 14
    assert "created 1 cover image." in output
