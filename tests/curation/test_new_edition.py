"""A new edition from this one (zones and booths copied) and exhibits carried forward as
drafts: linked to their source, history kept, images as separate files, slugs unique."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from curation.services import edition_copy, exhibits_carry_forward
from exhibits.models import Exhibit, ExhibitImage
from exhibits.workflow import Conflict, NotAllowed
from pavilion.models import Booth, Edition, Zone
from tests import factories
from tests.factories import hkt

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(db):
    edition = factories.EditionFactory(
        slug="innoex-2025",
        is_current=True,
        fair_name_en="InnoEX 2025",
        fair_name_zh_hant="國際創科展 2025",
        edition_number=3,
    )
    living = factories.ZoneFactory(
        edition=edition,
        slug="smart-living",
        name_en="Smart Living",
        name_zh_hant="智慧生活",
        colour="#1b5e20",
        order=0,
    )
    mobility = factories.ZoneFactory(
        edition=edition,
        slug="smart-mobility",
        name_en="Smart Mobility",
        name_zh_hant="智慧出行",
        order=1,
    )
    for code, zone in [("L01", living), ("L02", living), ("M01", mobility)]:
        factories.BoothFactory(edition=edition, zone=zone, code=code)
    return edition


def copy_2026(source, curator, **kwargs) -> Edition:
    values = {
        "source": source,
        "slug": "innoex-2026",
        "starts_on": dt.date(2026, 4, 13),
        "ends_on": dt.date(2026, 4, 16),
        "submission_opens_at": hkt(2025, 11, 1, 9),
        "submission_closes_at": hkt(2026, 1, 31, 18),
        "user": curator,
    }
    return edition_copy(**(values | kwargs))


def test_edition_copy_copies_zones_and_booths(source, curator):
    new = copy_2026(source, curator)

    assert (new.slug, new.edition_number, new.is_current) == ("innoex-2026", 4, False)
    assert (new.fair_name_en, new.fair_name_zh_hant) == ("InnoEX 2026", "國際創科展 2026")
    assert (new.name_en, new.venue_en) == (source.name_en, source.venue_en)
    assert [
        (z.slug, z.name_en, z.name_zh_hant, z.colour, z.order) for z in new.zones.order_by("order")
    ] == [
        ("smart-living", "Smart Living", "智慧生活", "#1b5e20", 0),
        ("smart-mobility", "Smart Mobility", "智慧出行", "#0b5394", 1),
    ]
    assert [(b.code, b.zone.slug, b.zone.edition_id) for b in new.booths.order_by("code")] == [
        ("L01", "smart-living", new.pk),
        ("L02", "smart-living", new.pk),
        ("M01", "smart-mobility", new.pk),
    ]
    # The source keeps its own.
    assert (source.zones.count(), source.booths.count()) == (2, 3)
    assert Edition.objects.get(pk=source.pk).is_current is True


def test_edition_copy_refuses_a_slug_in_use_and_creates_nothing(source, curator):
    with pytest.raises(ValidationError) as refused:
        copy_2026(source, curator, slug="innoex-2025")

    assert "slug" in refused.value.message_dict
    assert (Edition.objects.count(), Zone.objects.count(), Booth.objects.count()) == (1, 2, 3)


def test_edition_copy_refuses_days_out_of_order(source, curator):
    with pytest.raises(ValidationError) as refused:
        copy_2026(source, curator, ends_on=dt.date(2026, 4, 1))

    assert refused.value.messages == ["The last day cannot be before the first day."]
    assert Edition.objects.count() == 1


def test_edition_copy_refuses_someone_not_a_curator(source, coordinator):
    with pytest.raises(NotAllowed):
        copy_2026(source, coordinator)

    assert Edition.objects.count() == 1


# --- carrying exhibits forward ----------------------------------------------------------


@pytest.fixture
def old_exhibit(source, curator):
    living = source.zones.get(slug="smart-living")
    exhibit = factories.PublishedExhibitFactory(
        edition=source,
        zone=living,
        booth=source.booths.get(code="L01"),
        slug="iam-smart",
        title_en="iAM Smart",
        title_zh_hant="智方便",
        title_zh_hans="智方便",
        demo_notes_en="Try it on your phone.",
        featured=True,
    )
    exhibit.partner_departments.add(factories.DepartmentFactory(slug="ogcio"))
    exhibit.technologies.add(factories.TechnologyFactory(slug="ai"))
    factories.ExhibitLinkFactory(exhibit=exhibit, url="https://www.iamsmart.gov.hk/", order=0)
    factories.ExhibitImageFactory(exhibit=exhibit)
    factories.RecognitionFactory(exhibit=exhibit)
    factories.DemoSessionFactory(exhibit=exhibit)
    # A content edit so the source has more than one history record.
    exhibit.summary_en = "A one-stop personalised digital services platform."
    exhibit._change_reason = "edit: tidied"
    exhibit.save()
    return Exhibit.objects.get(pk=exhibit.pk)


def test_carry_forward_creates_a_linked_draft_with_the_content(source, curator, old_exhibit):
    new = copy_2026(source, curator)
    history_before = list(old_exhibit.history.values_list("history_id", flat=True))

    (draft,) = exhibits_carry_forward(exhibits=[old_exhibit], edition=new, user=curator)

    draft = Exhibit.objects.get(pk=draft.pk)
    assert (draft.edition, draft.previous, draft.status, draft.version) == (
        new,
        old_exhibit,
        "draft",
        1,
    )
    assert (draft.slug, draft.lead_department_id) == ("iam-smart", old_exhibit.lead_department_id)
    assert (draft.title_en, draft.title_zh_hant, draft.title_zh_hans) == (
        "iAM Smart",
        "智方便",
        "智方便",
    )
    assert (draft.summary_en, draft.demo_notes_en) == (
        "A one-stop personalised digital services platform.",
        "Try it on your phone.",
    )
    # A year's things stay behind; the zone is proposed (curators decide it).
    assert (draft.zone, draft.booth, draft.featured) == (None, None, False)
    assert draft.proposed_zone == new.zones.get(slug="smart-living")
    assert (draft.recognitions.count(), draft.demo_sessions.count()) == (0, 0)
    assert [d.slug for d in draft.partner_departments.all()] == ["ogcio"]
    assert [t.slug for t in draft.technologies.all()] == ["ai"]
    assert [(link.url, link.label_en) for link in draft.links.all()] == [
        ("https://www.iamsmart.gov.hk/", "GovHK")
    ]
    # The link both ways, and the history: the source's untouched, the draft's naming it.
    assert list(old_exhibit.carried_forward.all()) == [draft]
    assert list(old_exhibit.history.values_list("history_id", flat=True)) == history_before
    assert Exhibit.objects.get(pk=old_exhibit.pk).status == "published"
    (record,) = draft.history.all()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        curator,
        f"carry_forward: Carried forward from innoex-2025/iam-smart (exhibit {old_exhibit.pk})",
    )


def test_carry_forward_copies_images_as_separate_files(source, curator, old_exhibit, media_root):
    new = copy_2026(source, curator)
    (old_image,) = old_exhibit.images.all()

    (draft,) = exhibits_carry_forward(exhibits=[old_exhibit], edition=new, user=curator)

    (image,) = draft.images.all()
    assert set(image.stored_names).isdisjoint(old_image.stored_names)
    assert len(image.stored_names) == len(old_image.stored_names)
    for mine, theirs in zip(image.stored_names, old_image.stored_names, strict=True):
        assert (media_root / mine).read_bytes() == (media_root / theirs).read_bytes()
    assert (image.alt_text_en, image.alt_text_zh_hant, image.width, image.credit) == (
        old_image.alt_text_en,
        old_image.alt_text_zh_hant,
        old_image.width,
        old_image.credit,
    )
    assert image.rendition_widths == old_image.rendition_widths


def test_carry_forward_image_deleted_later_leaves_the_source_files(
    source, curator, old_exhibit, media_root, django_capture_on_commit_callbacks
):
    new = copy_2026(source, curator)
    (draft,) = exhibits_carry_forward(exhibits=[old_exhibit], edition=new, user=curator)
    (old_image,) = old_exhibit.images.all()

    with django_capture_on_commit_callbacks(execute=True):
        draft.images.get().delete()

    assert all((media_root / name).is_file() for name in old_image.stored_names)


def test_carry_forward_numbers_a_slug_taken_in_the_new_edition(source, curator, old_exhibit):
    new = copy_2026(source, curator)
    factories.ExhibitFactory(edition=new, slug="iam-smart")

    (draft,) = exhibits_carry_forward(exhibits=[old_exhibit], edition=new, user=curator)

    assert draft.slug == "iam-smart-2"


def test_carry_forward_twice_is_refused_and_creates_nothing(source, curator, old_exhibit):
    new = copy_2026(source, curator)
    exhibits_carry_forward(exhibits=[old_exhibit], edition=new, user=curator)
    other = factories.ExhibitFactory(edition=source, slug="other")

    with pytest.raises(Conflict) as refused:
        exhibits_carry_forward(exhibits=[other, old_exhibit], edition=new, user=curator)

    assert str(refused.value.message) == (
        "“iAM Smart” was already carried forward into innoex-2026 (as iam-smart)."
    )
    assert list(new.exhibits.values_list("slug", flat=True)) == ["iam-smart"]


def test_carry_forward_into_its_own_edition_is_refused(source, curator, old_exhibit):
    with pytest.raises(Conflict) as refused:
        exhibits_carry_forward(exhibits=[old_exhibit], edition=source, user=curator)

    assert str(refused.value.message) == "“iAM Smart” is already in innoex-2025."


def test_carry_forward_refuses_someone_not_a_curator(source, curator, coordinator, old_exhibit):
    new = copy_2026(source, curator)

    with pytest.raises(NotAllowed):
        exhibits_carry_forward(exhibits=[old_exhibit], edition=new, user=coordinator)

    assert new.exhibits.count() == 0


def test_carry_forward_with_a_missing_file_saves_and_leaves_nothing(
    source, curator, old_exhibit, media_root
):
    new = copy_2026(source, curator)
    second = factories.ExhibitFactory(edition=source, slug="second")
    factories.ExhibitImageFactory(exhibit=second)
    (image,) = second.images.all()
    # The last rendition of the second exhibit's image has gone from the storage.
    (media_root / image.stored_names[-1]).unlink()
    files_before = sorted(p for p in Path(media_root).rglob("*") if p.is_file())

    with pytest.raises(FileNotFoundError):
        exhibits_carry_forward(exhibits=[old_exhibit, second], edition=new, user=curator)

    assert new.exhibits.count() == 0
    assert ExhibitImage.objects.filter(exhibit__edition=new).count() == 0
    assert sorted(p for p in Path(media_root).rglob("*") if p.is_file()) == files_before


def test_new_edition_command_copies_and_carries_published_exhibits(source, curator, old_exhibit):
    factories.ExhibitFactory(edition=source, slug="a-draft")
    out = io.StringIO()

    call_command(
        "new_edition",
        "innoex-2025",
        "innoex-2026",
        "--starts-on=2026-04-13",
        "--ends-on=2026-04-16",
        "--opens-at=2025-11-01T09:00",
        "--closes-at=2026-01-31T18:00",
        f"--as={curator.username}",
        "--carry-published",
        stdout=out,
    )

    new = Edition.objects.get(slug="innoex-2026")
    assert out.getvalue().strip() == (
        "Created innoex-2026 with 2 zones and 3 booths; 1 exhibits carried forward as drafts."
    )
    assert new.submission_opens_at == hkt(2025, 11, 1, 9)
    assert list(new.exhibits.values_list("slug", "previous__slug")) == [("iam-smart", "iam-smart")]


def test_new_edition_command_refuses_unknown_exhibits_and_creates_nothing(source, curator):
    with pytest.raises(CommandError) as refused:
        call_command(
            "new_edition",
            "innoex-2025",
            "innoex-2026",
            "--starts-on=2026-04-13",
            "--ends-on=2026-04-16",
            "--opens-at=2025-11-01T09:00",
            "--closes-at=2026-01-31T18:00",
            f"--as={curator.username}",
            "--carry",
            "nope",
        )

    assert str(refused.value) == "No such exhibits in innoex-2025: nope."
    assert Edition.objects.count() == 1
