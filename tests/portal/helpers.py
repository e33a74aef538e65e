"""Form data for the portal's exhibit page, as a browser would post it."""

from __future__ import annotations

from exhibits.models import Exhibit
from exhibits.services import EXHIBIT_TEXT_COLUMNS


def management(prefix: str, total: int = 1, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def exhibit_post(exhibit: Exhibit | None = None, **overrides) -> dict[str, object]:
    """The exhibit page's POST: texts (from ``exhibit`` when given), empty link/image rows."""
    data: dict[str, object] = dict.fromkeys(EXHIBIT_TEXT_COLUMNS, "")
    data.update(
        {
            "title_en": "Smart Drainage Monitoring",
            "title_zh_hant": "智慧渠務監測",
            "summary_en": "Sensors watch the drains and warn before floods.",
            "summary_zh_hant": "感應器監察渠道，在水浸前發出警告。",  # noqa: RUF001
            "description_en": "Water level sensors report every minute.",
            "description_zh_hant": "水位感應器每分鐘回報。",
            "proposed_zone": "",
        }
    )
    if exhibit is not None:
        for column in EXHIBIT_TEXT_COLUMNS:
            data[column] = getattr(exhibit, column) or ""
        data["proposed_zone"] = exhibit.proposed_zone_id or ""
        data["version"] = str(exhibit.version)
        links = list(exhibit.links.all())
        images = list(exhibit.images.all())
    else:
        links, images = [], []
    data.update(management("links", total=len(links) + 1, initial=len(links)))
    for i, link in enumerate(links):
        data.update(
            {
                f"links-{i}-id": str(link.pk),
                f"links-{i}-exhibit": str(exhibit.pk),
                f"links-{i}-url": link.url,
                f"links-{i}-label_en": link.label_en or "",
                f"links-{i}-label_zh_hant": link.label_zh_hant or "",
                f"links-{i}-label_zh_hans": link.label_zh_hans or "",
                f"links-{i}-order": str(link.order),
            }
        )
    data.update(management("images", total=len(images) + 1, initial=len(images)))
    for i, image in enumerate(images):
        data.update(
            {
                f"images-{i}-id": str(image.pk),
                f"images-{i}-exhibit": str(exhibit.pk),
                f"images-{i}-alt_text_en": image.alt_text_en or "",
                f"images-{i}-alt_text_zh_hant": image.alt_text_zh_hant or "",
                f"images-{i}-alt_text_zh_hans": image.alt_text_zh_hans or "",
                f"images-{i}-caption_en": image.caption_en or "",
                f"images-{i}-caption_zh_hant": image.caption_zh_hant or "",
                f"images-{i}-caption_zh_hans": image.caption_zh_hans or "",
                f"images-{i}-credit": image.credit,
                f"images-{i}-order": str(image.order),
            }
        )
    data.update(overrides)
    return data
