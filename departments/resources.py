"""Departments in and out of the back-office as CSV/XLSX (django-import-export).

Rows are matched by ``slug``: a known slug updates that department, a new one creates it.
The file needs the English and Traditional Chinese official names and the kind (its
code: government, public_body, university, company, student_team). Logos are not part
of the file. See ``pavilion.resources`` for what every import shares (all or nothing).
"""

from __future__ import annotations

from departments.models import Department
from pavilion.resources import PavilionResource


class DepartmentResource(PavilionResource):
    required_columns = ("name_en", "name_zh_hant")

    class Meta:
        model = Department
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "name_en",
            "name_zh_hant",
            "name_zh_hans",
            "abbreviation",
            "kind",
            "website",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
