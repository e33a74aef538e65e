"""A small public catalogue: a current edition, an earlier one, and exhibits in every state.

Names follow the 2025 press release (the only source of demo facts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from exhibits.models import Exhibit, ExhibitImage
from tests import factories


@dataclass
class Catalogue:
    edition: object
    old_edition: object
    zones: dict = field(default_factory=dict)
    old_zones: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)
    technologies: dict = field(default_factory=dict)
    awards: dict = field(default_factory=dict)
    exhibits: dict = field(default_factory=dict)

    @property
    def published_slugs(self) -> set[str]:
        return {
            slug
            for slug, exhibit in self.exhibits.items()
            if exhibit.status == Exhibit.Status.PUBLISHED and exhibit.edition == self.edition
        }


ZONES = [
    ("smart-living", "Smart Living", "智慧生活", "#0b5394"),
    ("smart-mobility", "Smart Mobility", "智慧出行", "#6a1b9a"),
    ("smart-environment", "Smart Environment", "智慧環境", "#1b5e20"),
    ("smart-people", "Smart People", "智慧市民", "#8e2400"),
]


@pytest.fixture
def catalogue(db) -> Catalogue:
    return build_catalogue()


def build_catalogue() -> Catalogue:
    """Create the catalogue (also used by the browser tests, on a live server)."""
    edition = factories.EditionFactory(
        slug="innoex-2025",
        is_current=True,
        theme_en="Innovation • Automate • Elevate",
        theme_zh_hant="創新 • 自動化 • 提升",
        focus_en="AI and data-driven applications",
        focus_zh_hant="人工智能和數據驅動應用",
    )
    old_edition = factories.EditionFactory(
        slug="innoex-2024",
        is_current=False,
        starts_on=dt.date(2024, 4, 13),
        ends_on=dt.date(2024, 4, 16),
    )
    cat = Catalogue(edition=edition, old_edition=old_edition)
    for order, (slug, name_en, name_zh, colour) in enumerate(ZONES):
        cat.zones[slug] = factories.ZoneFactory(
            edition=edition,
            slug=slug,
            name_en=name_en,
            name_zh_hant=name_zh,
            colour=colour,
            order=order,
        )
        # The earlier edition has the same zone slugs (a copied edition).
        cat.old_zones[slug] = factories.ZoneFactory(
            edition=old_edition,
            slug=slug,
            name_en=name_en,
            name_zh_hant=name_zh,
            colour=colour,
            order=order,
        )
    for slug, name_en, name_zh, abbreviation, kind in [
        ("dpo", "Digital Policy Office", "數字政策辦公室", "DPO", "government"),
        ("hko", "Hong Kong Observatory", "香港天文台", "HKO", "government"),
        ("mtr", "MTR Corporation Limited", "香港鐵路有限公司", "MTR", "company"),
        (
            "hkust",
            "The Hong Kong University of Science and Technology",
            "香港科技大學",
            "HKUST",
            "university",
        ),
        ("dsd", "Drainage Services Department", "渠務署", "DSD", "government"),
    ]:
        cat.departments[slug] = factories.DepartmentFactory(
            slug=slug,
            name_en=name_en,
            name_zh_hant=name_zh,
            abbreviation=abbreviation,
            kind=kind,
        )
    for order, (slug, name_en, name_zh) in enumerate(
        [
            ("ai", "Artificial intelligence", "人工智能"),
            ("robotics", "Robotics", "機械人"),
            ("digital-twin", "Digital twin", "數碼孿生"),
            ("big-data", "Big data", "大數據"),
            ("cybersecurity", "Cybersecurity", "網絡安全"),
        ]
    ):
        cat.technologies[slug] = factories.TechnologyFactory(
            slug=slug, name_en=name_en, name_zh_hant=name_zh, is_key_area=True, order=order
        )
    for order, (slug, name_en, name_zh) in enumerate(
        [
            ("hkicta", "Hong Kong ICT Awards", "香港資訊及通訊科技獎"),
            ("geneva", "International Exhibition of Inventions Geneva", "日內瓦國際發明展"),
            ("apicta", "APICTA Awards", "亞太區資訊及通訊科技大獎"),
        ]
    ):
        cat.awards[slug] = factories.AwardFactory(
            slug=slug, name_en=name_en, name_zh_hant=name_zh, order=order
        )

    d, z, t = cat.departments, cat.zones, cat.technologies
    booth = factories.BoothFactory(zone=z["smart-mobility"], edition=edition, code="M01")
    cat.exhibits["iam-smart"] = factories.PublishedExhibitFactory(
        edition=edition,
        slug="iam-smart",
        zone=z["smart-living"],
        lead_department=d["dpo"],
        title_en="iAM Smart",
        title_zh_hant="智方便",
        summary_en="A one-stop personalised digital services platform.",
        summary_zh_hant="一站式個人化數碼服務平台。",
        featured=True,
        published_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
    )
    cat.exhibits["ai-weather"] = factories.PublishedExhibitFactory(
        edition=edition,
        slug="ai-weather",
        zone=z["smart-living"],
        lead_department=d["hko"],
        title_en="AI weather prediction models",
        title_zh_hant="人工智能天氣預測模型",
        summary_en="AI models help to prepare weather forecasts and cyclone tracks.",
        summary_zh_hant="人工智能模型協助編製天氣預報及熱帶氣旋路徑預測。",
        published_at=dt.datetime(2025, 3, 2, tzinfo=dt.UTC),
    )
    cat.exhibits["ai-weather"].technologies.add(t["ai"])
    railway = factories.PublishedExhibitFactory(
        edition=edition,
        slug="railway-digital-twin",
        zone=z["smart-mobility"],
        lead_department=d["mtr"],
        booth=booth,
        title_en="Railway digital twin",
        title_zh_hant="鐵路數碼孿生",
        summary_en="A digital twin calibrated with big data simulates service disruptions.",
        summary_zh_hant="以大數據校準的數碼孿生模擬服務受阻及擠迫情況。",
        published_at=dt.datetime(2025, 3, 3, tzinfo=dt.UTC),
    )
    railway.partner_departments.add(d["hkust"])
    railway.technologies.add(t["digital-twin"], t["big-data"])
    cat.exhibits["railway-digital-twin"] = railway
    factories.RecognitionFactory(
        exhibit=railway,
        award=cat.awards["hkicta"],
        year=2024,
        title_en="Award of the Year",
        title_zh_hant="年度大獎",
    )
    tumbler = factories.PublishedExhibitFactory(
        edition=edition,
        slug="tumbler-inspection-robot",
        zone=z["smart-people"],
        lead_department=d["dsd"],
        title_en="Tumbler Inspection Ball Robot",
        title_zh_hant="不倒翁檢測球機械人",
        # A person wrote this Simplified title: it is shown as written, not converted.
        title_zh_hans="不倒翁检测球机器人",
        summary_en="Monitors pipelines with 360-degree video and AI.",
        summary_zh_hant="以360度全景影片及人工智能監察管道狀況。",
        published_at=dt.datetime(2025, 3, 4, tzinfo=dt.UTC),
    )
    tumbler.technologies.add(t["robotics"], t["ai"])
    cat.exhibits["tumbler-inspection-robot"] = tumbler
    factories.RecognitionFactory(
        exhibit=tumbler,
        award=cat.awards["geneva"],
        year=2024,
        title_en="Gold Medal",
        title_zh_hant="金獎",
    )

    # Never public: every other status, in the current edition.
    for status in (
        "draft",
        "submitted",
        "in_review",
        "approved",
        "changes_requested",
        "declined",
        "withdrawn",
    ):
        slug = f"{status.replace('_', '-')}-kiosk"
        cat.exhibits[slug] = factories.ExhibitFactory(
            edition=edition,
            slug=slug,
            status=status,
            zone=z["smart-living"],
            lead_department=d["dpo"],
            title_en=f"Weather kiosk ({status})",
            title_zh_hant="天氣資訊亭",
        )
    # The earlier edition: one slug only there, one shared with the current edition.
    cat.exhibits["legacy-kiosk"] = factories.PublishedExhibitFactory(
        edition=old_edition,
        slug="legacy-kiosk",
        zone=cat.old_zones["smart-living"],
        lead_department=d["dpo"],
        title_en="Legacy weather kiosk",
        title_zh_hant="舊天氣資訊亭",
    )
    cat.exhibits["old:iam-smart"] = factories.PublishedExhibitFactory(
        edition=old_edition,
        slug="iam-smart",
        zone=cat.old_zones["smart-living"],
        lead_department=d["dpo"],
        title_en="iAM Smart (2024)",
        title_zh_hant="智方便 (2024)",
    )
    cat.exhibits["old-draft"] = factories.ExhibitFactory(
        edition=old_edition,
        slug="old-draft",
        zone=cat.old_zones["smart-living"],
        lead_department=d["dpo"],
        title_en="Old weather draft",
    )
    return cat


def add_image(exhibit, *, like: ExhibitImage | None = None) -> ExhibitImage:
    """A real image through the pipeline, or a cheap copy of one (same stored files)."""
    if like is None:
        return factories.ExhibitImageFactory(exhibit=exhibit)
    return ExhibitImage.objects.create(
        exhibit=exhibit,
        image=like.image.name,
        width=like.width,
        height=like.height,
        renditions=like.renditions,
        alt_text_en=like.alt_text_en,
        alt_text_zh_hant=like.alt_text_zh_hant,
        order=0,
    )
