"""A published exhibit with every kind of content, and the people around it, for the
revision tests (service, portal, admin and browser)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from django.conf import settings

from exhibits.models import Exhibit
from tests import factories


@dataclasses.dataclass
class Scene:
    exhibit: Exhibit
    department: object
    partner: object
    other_department: object
    coordinator: object
    editor: object
    curator: object
    partner_member: object
    outsider: object
    technologies: dict
    images: list


def build_scene(*, edition, department=None, zone=None) -> Scene:
    """A published exhibit of ``department`` with two images, a link, a technology and a
    partner; its coordinator and editor, a curator, a partner's member and an outsider."""
    department = department or factories.DepartmentFactory(
        slug="dsd", name_en="Drainage Services Department", name_zh_hant="渠務署"
    )
    zone = zone or factories.ZoneFactory(
        edition=edition, slug="smart-environment", name_en="Smart Environment"
    )
    partner = factories.DepartmentFactory(slug="hko", name_en="Hong Kong Observatory")
    other = factories.DepartmentFactory(slug="epd", name_en="Environmental Protection Department")
    technologies = {
        slug: factories.TechnologyFactory(slug=slug, name_en=name)
        for slug, name in [("iot", "Internet of Things"), ("ai", "Artificial intelligence")]
    }
    exhibit = factories.PublishedExhibitFactory(
        edition=edition,
        lead_department=department,
        zone=zone,
        slug="smart-drainage-monitoring",
        title_en="Smart Drainage Monitoring",
        title_zh_hant="智慧渠務監測",
        summary_en="Sensors watch the drains and warn before floods.",
        summary_zh_hant="感應器監察渠道，在水浸前發出警告。",  # noqa: RUF001
        description_en="Water level sensors report every minute.",
        description_zh_hant="水位感應器每分鐘回報。",
    )
    exhibit.technologies.set([technologies["iot"]])
    exhibit.partner_departments.set([partner])
    factories.ExhibitLinkFactory(
        exhibit=exhibit, url="https://www.dsd.gov.hk/", label_en="DSD", label_zh_hant="渠務署"
    )
    images = [
        factories.ExhibitImageFactory(
            exhibit=exhibit,
            alt_text_en="A sensor in a drain.",
            alt_text_zh_hant="渠道內的感應器。",
            width=480,
            height=320,
        ),
        factories.ExhibitImageFactory(
            exhibit=exhibit,
            alt_text_en="The control room dashboard.",
            alt_text_zh_hant="控制室儀表板。",
            width=480,
            height=320,
        ),
    ]
    exhibit.refresh_from_db()
    return Scene(
        exhibit=exhibit,
        department=department,
        partner=partner,
        other_department=other,
        coordinator=factories.MembershipFactory(
            department=department, role="coordinator", user__username="dsd.coordinator"
        ).user,
        editor=factories.MembershipFactory(
            department=department, role="editor", user__username="dsd.editor"
        ).user,
        curator=factories.CuratorFactory(username="dpo.curator"),
        partner_member=factories.MembershipFactory(department=partner, role="coordinator").user,
        outsider=factories.MembershipFactory(department=other, role="coordinator").user,
        technologies=technologies,
        images=images,
    )


def media_files() -> set[str]:
    """Every file under MEDIA_ROOT, relative (to check what was written and deleted)."""
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}
