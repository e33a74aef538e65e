"""Database constraints and model validation of the pavilion's domain."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from awards.models import Recognition
from departments.models import Membership, Quota
from exhibits.models import Exhibit
from pavilion.models import Booth, Edition, Zone
from tests import factories

pytestmark = pytest.mark.django_db


def test_edition_only_one_can_be_current():
    factories.EditionFactory(slug="innoex-2025", is_current=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.EditionFactory(slug="innoex-2026", is_current=True)
    assert Edition.objects.filter(is_current=True).count() == 1


def test_edition_many_can_be_not_current():
    factories.EditionFactory(slug="innoex-2024")
    factories.EditionFactory(slug="innoex-2026")
    assert Edition.objects.filter(is_current=False).count() == 2


def test_edition_current_returns_the_current_one():
    factories.EditionFactory(slug="innoex-2024")
    current = factories.EditionFactory(slug="innoex-2025", is_current=True)
    assert Edition.objects.current() == current


def test_edition_duplicate_slug_refused():
    factories.EditionFactory(slug="innoex-2025")
    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.create(
            slug="innoex-2025",
            name_en="Other",
            fair_name_en="Other",
            edition_number=1,
            venue_en="HKCEC",
            starts_on=dt.date(2025, 4, 13),
            ends_on=dt.date(2025, 4, 16),
            submission_opens_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
            submission_closes_at=dt.datetime(2025, 2, 1, tzinfo=dt.UTC),
        )


def test_edition_last_day_before_first_day_refused():
    edition = factories.EditionFactory.build(
        slug="backwards", starts_on=dt.date(2025, 4, 16), ends_on=dt.date(2025, 4, 13)
    )
    with pytest.raises(ValidationError) as excinfo:
        edition.full_clean()
    assert "The last day cannot be before the first day." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()


def test_edition_window_closing_before_opening_refused():
    opens = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    edition = factories.EditionFactory.build(
        slug="window", submission_opens_at=opens, submission_closes_at=opens
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()


def test_edition_submission_window_is_open_between_its_bounds():
    opens = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    closes = dt.datetime(2025, 3, 31, tzinfo=dt.UTC)
    edition = factories.EditionFactory(submission_opens_at=opens, submission_closes_at=closes)
    assert edition.submission_window_is_open(at=opens) is True
    assert edition.submission_window_is_open(at=closes) is False
    assert edition.submission_window_is_open(at=opens - dt.timedelta(seconds=1)) is False
    assert edition.days == 4


def test_zone_duplicate_slug_in_one_edition_refused(edition):
    factories.ZoneFactory(edition=edition, slug="smart-living")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ZoneFactory(edition=edition, slug="smart-living")


def test_zone_same_slug_in_two_editions_allowed(edition):
    other = factories.EditionFactory(slug="innoex-2026")
    factories.ZoneFactory(edition=edition, slug="smart-living")
    factories.ZoneFactory(edition=other, slug="smart-living")
    assert Zone.objects.filter(slug="smart-living").count() == 2


def test_zone_colour_must_be_hex(edition):
    zone = factories.ZoneFactory.build(edition=edition, colour="red")
    with pytest.raises(ValidationError) as excinfo:
        zone.full_clean()
    assert excinfo.value.message_dict["colour"] == ["Enter a colour as #rrggbb."]


def test_booth_duplicate_code_in_one_edition_refused(edition):
    zone = factories.ZoneFactory(edition=edition)
    factories.BoothFactory(zone=zone, code="SL-01")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.BoothFactory(zone=zone, code="SL-01")


def test_booth_zone_of_another_edition_refused(edition):
    other_zone = factories.ZoneFactory(edition=factories.EditionFactory(slug="innoex-2026"))
    booth = Booth(edition=edition, zone=other_zone, code="X-1")
    with pytest.raises(ValidationError) as excinfo:
        booth.full_clean()
    assert excinfo.value.message_dict["zone"] == ["The zone must belong to the booth's edition."]


def test_booth_holds_at_most_one_exhibit(edition):
    zone = factories.ZoneFactory(edition=edition)
    booth = factories.BoothFactory(zone=zone)
    factories.ExhibitFactory(edition=edition, zone=zone, booth=booth)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ExhibitFactory(edition=edition, zone=zone, booth=booth)


def test_exhibit_duplicate_slug_in_one_edition_refused(edition):
    factories.ExhibitFactory(edition=edition, slug="iam-smart")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ExhibitFactory(edition=edition, slug="iam-smart")


def test_exhibit_zone_of_another_edition_refused(edition):
    other_zone = factories.ZoneFactory(edition=factories.EditionFactory(slug="innoex-2026"))
    exhibit = factories.ExhibitFactory.build(
        edition=edition, zone=other_zone, lead_department=factories.DepartmentFactory()
    )
    with pytest.raises(ValidationError) as excinfo:
        exhibit.full_clean()
    assert excinfo.value.message_dict["zone"] == ["The zone must belong to the exhibit's edition."]


def test_exhibit_proposed_zone_of_another_edition_refused(edition):
    other_zone = factories.ZoneFactory(edition=factories.EditionFactory(slug="innoex-2026"))
    exhibit = factories.ExhibitFactory.build(
        edition=edition, proposed_zone=other_zone, lead_department=factories.DepartmentFactory()
    )
    with pytest.raises(ValidationError) as excinfo:
        exhibit.full_clean()
    assert list(excinfo.value.message_dict) == ["proposed_zone"]


def test_exhibit_booth_in_another_zone_refused(edition):
    living, mobility = (factories.ZoneFactory(edition=edition) for _ in range(2))
    booth = factories.BoothFactory(zone=mobility)
    exhibit = factories.ExhibitFactory.build(
        edition=edition, zone=living, booth=booth, lead_department=factories.DepartmentFactory()
    )
    with pytest.raises(ValidationError) as excinfo:
        exhibit.full_clean()
    assert excinfo.value.message_dict["booth"] == ["The booth must be in the exhibit's zone."]


def test_exhibit_published_without_zone_refused(edition):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ExhibitFactory(edition=edition, status=Exhibit.Status.PUBLISHED, zone=None)


def test_exhibit_unknown_status_refused(edition):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ExhibitFactory(edition=edition, status="live")


def test_exhibit_save_records_history(edition):
    exhibit = factories.ExhibitFactory(edition=edition, title_en="First", title_zh_hant="第一")
    exhibit.title_en = "Second"
    exhibit.save()
    titles = list(exhibit.history.order_by("history_date").values_list("title_en", "title_zh_hant"))
    assert titles == [("First", "第一"), ("Second", "第一")]


def test_membership_one_per_department(department):
    user = factories.UserFactory()
    Membership.objects.create(user=user, department=department, role="editor")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, department=department, role="coordinator")


def test_membership_unknown_role_refused(department):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=factories.UserFactory(), department=department, role="boss")


def test_quota_one_per_department_and_edition(edition, department):
    Quota.objects.create(edition=edition, department=department, limit=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quota.objects.create(edition=edition, department=department, limit=4)


def test_department_duplicate_slug_refused():
    factories.DepartmentFactory(slug="dsd")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.DepartmentFactory(slug="dsd")


def test_recognition_one_prize_per_programme_year_and_exhibit():
    recognition = factories.RecognitionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Recognition.objects.create(
            award=recognition.award, exhibit=recognition.exhibit, year=2024, title_en="Again"
        )


def test_recognition_implausible_year_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.RecognitionFactory(year=24)
