"""The published catalogue as open data: a page at /open-data/ and two files.

``/open-data/exhibits.csv`` and ``/open-data/exhibits.json`` hold the published exhibits of
the current edition, every language side by side (the stored texts: a Simplified column is
empty where nobody wrote one; the site then shows the Traditional text converted). The
files are language-neutral and served unprefixed (``pavilion.urls``); the page explaining
them lives in every language like the rest of the site.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) are prefixed with ``'`` (OWASP's "CSV injection").
The CSV starts with a byte-order mark so spreadsheet programs read the Chinese as UTF-8.
"""

from __future__ import annotations

import csv
import io
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from exhibits import selectors
from exhibits.content import EXHIBIT_TEXT_FIELDS, LANGUAGE_CODES
from exhibits.qr import exhibit_public_url
from pavilion.i18n import language_suffix

LANGUAGES = list(LANGUAGE_CODES)
TEXT_FIELDS = EXHIBIT_TEXT_FIELDS
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The CSV's columns, in order (documented on the /open-data/ page).
CSV_COLUMNS = [
    "slug",
    "url",
    "edition",
    *(f"{field}_{language_suffix(code)}" for field in TEXT_FIELDS for code in LANGUAGES),
    "zone",
    *(f"zone_name_{language_suffix(code)}" for code in LANGUAGES),
    "booth",
    "lead_department",
    *(f"lead_department_name_{language_suffix(code)}" for code in LANGUAGES),
    "partner_departments",
    "technologies",
    "awards",
    "image_urls",
    "featured",
    "published_at",
    "updated_at",
]
LIST_SEPARATOR = "; "


def absolute(url: str) -> str:
    """Storage URLs are site-relative on the file system, absolute on S3."""
    return f"{settings.PAVILION_SITE_URL}{url}" if url.startswith("/") else url


def safe_cell(value) -> str:
    """A cell's text, with a leading ' where a spreadsheet would otherwise run a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _texts(obj, field: str) -> dict[str, str]:
    return {code: getattr(obj, f"{field}_{language_suffix(code)}") or "" for code in LANGUAGES}


def _award(recognition) -> dict:
    return {
        "award": recognition.award.slug,
        "award_name": _texts(recognition.award, "name"),
        "year": recognition.year,
        "prize": _texts(recognition, "title"),
    }


def exhibit_record(exhibit) -> dict:
    """One exhibit as the JSON file holds it (texts keyed by language code)."""
    return {
        "slug": exhibit.slug,
        "url": exhibit_public_url(exhibit),
        "edition": exhibit.edition.slug,
        **{field: _texts(exhibit, field) for field in TEXT_FIELDS},
        "zone": {"slug": exhibit.zone.slug, "name": _texts(exhibit.zone, "name")},
        "booth": exhibit.booth.code if exhibit.booth else None,
        "lead_department": {
            "slug": exhibit.lead_department.slug,
            "name": _texts(exhibit.lead_department, "name"),
            "abbreviation": exhibit.lead_department.abbreviation,
        },
        "partner_departments": [d.slug for d in exhibit.partner_departments.all()],
        "technologies": [t.slug for t in exhibit.technologies.all()],
        "awards": [_award(r) for r in exhibit.recognitions.all()],
        "images": [
            {
                "url": absolute(image.image.url),
                "width": image.width,
                "height": image.height,
                "alt_text": _texts(image, "alt_text"),
                "credit": image.credit,
            }
            for image in exhibit.images.all()
        ],
        "featured": exhibit.featured,
        "published_at": exhibit.published_at,
        "updated_at": exhibit.updated_at,
    }


def exhibit_row(exhibit) -> list[str]:
    """One exhibit as a CSV row (lists joined with "; "), in ``CSV_COLUMNS`` order."""
    record = exhibit_record(exhibit)
    row = {
        "slug": record["slug"],
        "url": record["url"],
        "edition": record["edition"],
        "zone": record["zone"]["slug"],
        "booth": record["booth"] or "",
        "lead_department": record["lead_department"]["slug"],
        "partner_departments": LIST_SEPARATOR.join(record["partner_departments"]),
        "technologies": LIST_SEPARATOR.join(record["technologies"]),
        "awards": LIST_SEPARATOR.join(
            f"{a['award']} {a['year']}: {a['prize']['en']}".rstrip(": ") for a in record["awards"]
        ),
        "image_urls": LIST_SEPARATOR.join(image["url"] for image in record["images"]),
        "featured": "yes" if record["featured"] else "no",
        "published_at": record["published_at"].isoformat() if record["published_at"] else "",
        "updated_at": record["updated_at"].isoformat(),
    }
    for code in LANGUAGES:
        suffix = language_suffix(code)
        for field in TEXT_FIELDS:
            row[f"{field}_{suffix}"] = record[field][code]
        row[f"zone_name_{suffix}"] = record["zone"]["name"][code]
        row[f"lead_department_name_{suffix}"] = record["lead_department"]["name"][code]
    return [safe_cell(row[column]) for column in CSV_COLUMNS]


def catalogue_csv(exhibits) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(exhibit_row(exhibit) for exhibit in exhibits)
    return buffer.getvalue()


def catalogue_json(edition, exhibits) -> str:
    document = {
        "edition": {
            "slug": edition.slug,
            "name": _texts(edition, "name"),
            "fair": _texts(edition, "fair_name"),
            "venue": _texts(edition, "venue"),
            "starts_on": edition.starts_on,
            "ends_on": edition.ends_on,
        },
        "languages": LANGUAGES,
        "count": len(exhibits),
        "exhibits": [exhibit_record(exhibit) for exhibit in exhibits],
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)


def _current_edition():
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("No edition is current.")
    return edition


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body.encode(), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def open_data_page(request):
    """What the open data holds, and where to get it."""
    edition = _current_edition()
    context = {
        "edition": edition,
        # Outside i18n_patterns: the same unprefixed address from every language's page.
        "csv_url": reverse("open_data_csv"),
        "json_url": reverse("open_data_json"),
        "columns": CSV_COLUMNS,
        "count": selectors.published_exhibits(edition=edition).count(),
    }
    return render(request, "exhibits/open_data.html", context)


@require_safe
def open_data_csv(request):
    edition = _current_edition()
    exhibits = selectors.open_data_exhibits(edition=edition)
    return _download(catalogue_csv(exhibits), "text/csv", f"{edition.slug}-exhibits.csv")


@require_safe
def open_data_json(request):
    edition = _current_edition()
    exhibits = selectors.open_data_exhibits(edition=edition)
    return _download(
        catalogue_json(edition, exhibits), "application/json", f"{edition.slug}-exhibits.json"
    )
