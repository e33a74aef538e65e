"""factory_boy factories for the whole suite. Content is English and Traditional Chinese."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from awards.models import Award, Recognition
from departments.models import Department, Membership, Quota
from exhibits.models import Exhibit, ExhibitLink, Technology
from pavilion.groups import CURATORS, SUBMITTERS
from pavilion.models import Booth, Edition, Zone

User = get_user_model()


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"innoex-{2025 + n}")
    name_en = "Smart Hong Kong Pavilion"
    name_zh_hant = "智慧香港展館"
    fair_name_en = factory.LazyAttribute(lambda o: f"InnoEX {o.starts_on.year}")
    fair_name_zh_hant = factory.LazyAttribute(lambda o: f"國際創科展 {o.starts_on.year}")
    edition_number = 3
    venue_en = "Hong Kong Convention and Exhibition Centre"
    venue_zh_hant = "香港會議展覽中心"
    starts_on = dt.date(2025, 4, 13)
    ends_on = dt.date(2025, 4, 16)
    theme_en = "Innovation • Automate • Elevate"
    focus_en = "AI and data-driven applications"
    submission_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    submission_closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=29))
    is_current = False


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    edition = factory.SubFactory(EditionFactory)
    slug = factory.Sequence(lambda n: f"zone-{n}")
    name_en = factory.Sequence(lambda n: f"Zone {n}")
    name_zh_hant = factory.Sequence(lambda n: f"展區 {n}")
    order = factory.Sequence(int)


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    zone = factory.SubFactory(ZoneFactory)
    edition = factory.SelfAttribute("zone.edition")
    code = factory.Sequence(lambda n: f"B{n:03d}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    slug = factory.Sequence(lambda n: f"dept-{n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")
    name_zh_hant = factory.Sequence(lambda n: f"部門 {n}")
    abbreviation = factory.Sequence(lambda n: f"D{n}")
    kind = Department.Kind.GOVERNMENT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.hk")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CuratorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"curator{n}")
    is_staff = True

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=CURATORS))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)
    role = Membership.Role.EDITOR

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            obj.user.groups.add(Group.objects.get(name=SUBMITTERS))


class QuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quota

    edition = factory.SubFactory(EditionFactory)
    department = factory.SubFactory(DepartmentFactory)
    limit = 5


class TechnologyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Technology
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"tech-{n}")
    name_en = factory.Sequence(lambda n: f"Technology {n}")
    name_zh_hant = factory.Sequence(lambda n: f"技術 {n}")


class ExhibitFactory(factory.django.DjangoModelFactory):
    """A draft by default; pass status="published" (with a zone) for a public one."""

    class Meta:
        model = Exhibit

    edition = factory.SubFactory(EditionFactory)
    slug = factory.Sequence(lambda n: f"exhibit-{n}")
    title_en = factory.Sequence(lambda n: f"Exhibit {n}")
    title_zh_hant = factory.Sequence(lambda n: f"展品 {n}")
    summary_en = "A technology solution for the city."
    summary_zh_hant = "為城市而設的科技方案。"
    description_en = "It helps people every day."
    description_zh_hant = "每天幫助市民。"
    lead_department = factory.SubFactory(DepartmentFactory)
    status = Exhibit.Status.DRAFT


class PublishedExhibitFactory(ExhibitFactory):
    status = Exhibit.Status.PUBLISHED
    zone = factory.SubFactory(ZoneFactory, edition=factory.SelfAttribute("..edition"))
    published_at = factory.LazyFunction(timezone.now)


class ExhibitLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExhibitLink

    exhibit = factory.SubFactory(ExhibitFactory)
    url = "https://www.gov.hk/"
    label_en = "GovHK"


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"award-{n}")
    name_en = factory.Sequence(lambda n: f"Award {n}")
    name_zh_hant = factory.Sequence(lambda n: f"獎項 {n}")


class RecognitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recognition

    award = factory.SubFactory(AwardFactory)
    exhibit = factory.SubFactory(PublishedExhibitFactory)
    year = 2024
    title_en = "Gold Medal"
    title_zh_hant = "金獎"


def jpeg_bytes(width: int = 800, height: int = 600, colour: tuple = (11, 83, 148)) -> bytes:
    """A real JPEG made with Pillow, for uploads through the image pipeline."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


class ExhibitImageFactory(factory.django.DjangoModelFactory):
    """An image stored through ``exhibits.services.exhibit_image_add`` (pipeline, renditions)."""

    class Meta:
        model = "exhibits.ExhibitImage"

    exhibit = factory.SubFactory(ExhibitFactory)
    alt_text_en = "A visitor tries the service on a phone at the booth."
    alt_text_zh_hant = "參觀者在展位用手機試用服務。"
    credit = "Digital Policy Office"
    order = None
    width = 800
    height = 600

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from exhibits.services import exhibit_image_add

        return exhibit_image_add(
            exhibit=kwargs["exhibit"],
            upload=jpeg_bytes(kwargs["width"], kwargs["height"]),
            alt_text={"en": kwargs["alt_text_en"], "zh_hant": kwargs["alt_text_zh_hant"]},
            credit=kwargs["credit"],
            order=kwargs["order"],
        )


def _invitation_digest(token: str) -> str:
    from departments.services import token_digest

    return token_digest(token)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation; its link's token is ``f"token-{email}"`` (only the digest is kept)."""

    class Meta:
        model = "departments.Invitation"

    email = factory.Sequence(lambda n: f"invitee{n}@example.gov.hk")
    department = factory.SubFactory(DepartmentFactory)
    role = Membership.Role.EDITOR
    token_digest = factory.LazyAttribute(lambda o: _invitation_digest(f"token-{o.email}"))
    invited_by = factory.SubFactory(CuratorFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))


def hkt(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """An aware datetime in Hong Kong time (the fair's clock)."""
    from pavilion.timezones import FAIR_TZ

    return dt.datetime(year, month, day, hour, minute, tzinfo=FAIR_TZ)


class DemoSessionFactory(factory.django.DjangoModelFactory):
    """A 30-minute demonstration at 10:30 Hong Kong time on the fair's first day."""

    class Meta:
        model = "exhibits.DemoSession"

    exhibit = factory.SubFactory(PublishedExhibitFactory)
    starts_at = factory.LazyAttribute(
        lambda o: hkt(*o.exhibit.edition.starts_on.timetuple()[:3], 10, 30)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=30))
    title_en = "Live demonstration"
    title_zh_hant = "現場示範"
