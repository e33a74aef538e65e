"""Build a benchmark database: the real pavilion (seed_pavilion: edition, six zones,
departments, technologies, award programmes, the press release's exhibits) plus synthetic
published exhibits up to N, with images, technologies and recognitions.

    DATABASE_URL=postgres://…/pavilion_bench_1000 python -m bench.build --exhibits 1000

Synthetic exhibits are labelled "Benchmark exhibit 00042" (never mistaken for real ones).
Images: a few are made through the real image pipeline (decode, re-encode, renditions);
the other image rows point at those same files. Each row is a real image row with its
renditions, which is all the pages and the API read; sharing files keeps the build fast.
Rows are bulk-inserted, so they have no history records (pages never read history).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time


def build(*, exhibits: int, seed: int = 2025) -> dict[str, int]:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from awards.models import Award, Recognition
    from departments.models import Department
    from exhibits.models import Exhibit, ExhibitImage, Technology
    from exhibits.services import exhibit_image_add
    from pavilion.models import Edition, Zone
    from tests.factories import jpeg_bytes

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_pavilion", verbosity=0)

    edition = Edition.objects.get(is_current=True)
    zones = list(Zone.objects.filter(edition=edition).order_by("order"))
    departments = list(Department.objects.order_by("slug"))
    technologies = list(Technology.objects.order_by("slug"))
    awards = list(Award.objects.order_by("slug"))
    existing = Exhibit.objects.filter(edition=edition).count()
    missing = max(0, exhibits - existing)
    rng = random.Random(seed)  # the same database every time for the same N
    now = timezone.now()

    with transaction.atomic():
        start = Exhibit.objects.filter(slug__startswith="benchmark-exhibit-").count()
        new = [
            Exhibit(
                edition=edition,
                slug=f"benchmark-exhibit-{number:05d}",
                title_en=f"Benchmark exhibit {number:05d}",
                title_zh_hant=f"基準測試展品 {number:05d}",
                summary_en=(
                    f"A synthetic exhibit for load tests, number {number}: it stands in for a "
                    "department's technology solution on the public site and the API."
                ),
                summary_zh_hant=f"負載測試用的合成展品 (第 {number} 號)",
                description_en="Synthetic content for the benchmark. " * 12,
                description_zh_hant="基準測試的合成內容。" * 12,
                lead_department=departments[number % len(departments)],
                zone=zones[number % len(zones)],
                status=Exhibit.Status.PUBLISHED,
                published_at=now,
                status_changed_at=now,
                featured=number % 97 == 0,
            )
            for number in range(start + 1, start + 1 + missing)
        ]
        Exhibit.objects.bulk_create(new, batch_size=1000)
        created = list(
            Exhibit.objects.filter(slug__startswith="benchmark-exhibit-").order_by("slug")
        )

        through = Exhibit.technologies.through
        through.objects.bulk_create(
            [
                through(exhibit_id=exhibit.pk, technology_id=technology.pk)
                for exhibit in created[start:]
                for technology in rng.sample(technologies, k=min(3, len(technologies)))
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        partners = Exhibit.partner_departments.through
        partners.objects.bulk_create(
            [
                partners(exhibit_id=exhibit.pk, department_id=rng.choice(departments).pk)
                for exhibit in created[start:]
                if rng.random() < 0.3
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )

        # A few images through the real pipeline; every other exhibit's rows share them.
        templates = [
            exhibit_image_add(
                exhibit=exhibit,
                upload=jpeg_bytes(1600, 1000, (20 * i % 255, 83, 148)),
                alt_text={"en": f"Benchmark image {i}", "zh_hant": f"基準測試圖片 {i}"},
                credit="Benchmark",
            )
            for i, exhibit in enumerate(created[start : start + 6])
        ]
        if templates:
            ExhibitImage.objects.bulk_create(
                [
                    ExhibitImage(
                        exhibit=exhibit,
                        image=template.image.name,
                        width=template.width,
                        height=template.height,
                        renditions=template.renditions,
                        alt_text_en=f"{exhibit.title_en}: the solution at the booth",
                        alt_text_zh_hant=f"{exhibit.title_zh_hant} - 展位上的方案",
                        credit="Benchmark",
                        order=0,
                    )
                    for index, exhibit in enumerate(created[start + 6 :])
                    for template in [templates[index % len(templates)]]
                ],
                batch_size=1000,
            )
        if awards:
            Recognition.objects.bulk_create(
                [
                    Recognition(
                        award=awards[index % len(awards)],
                        exhibit=exhibit,
                        year=2024,
                        title_en=("Gold Medal", "Silver Medal", "Merit")[index % 3],
                        title_zh_hant=("金獎", "銀獎", "優異獎")[index % 3],
                    )
                    for index, exhibit in enumerate(created[start:])
                    if index % 20 == 0
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )
    # Fresh planner statistics and visibility map, as autovacuum would soon give a live
    # database: right after a bulk insert the planner still thinks the tables hold a
    # handful of rows, and no index-only scan can skip the table yet.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {
        "exhibits": Exhibit.objects.filter(edition=edition).count(),
        "published": Exhibit.objects.filter(edition=edition, status="published").count(),
        "images": ExhibitImage.objects.count(),
        "recognitions": Recognition.objects.count(),
        "zones": len(zones),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exhibits", type=int, required=True, help="exhibits in the edition")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("bench.build: set DATABASE_URL to a PostgreSQL database")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pavilion.settings")
    import django

    django.setup()
    started = time.monotonic()
    counts = build(exhibits=args.exhibits)
    print(f"built in {time.monotonic() - started:.0f} s: {counts}")


if __name__ == "__main__":
    main()
