"""Public department pages: who shows exhibits in the current edition, and what."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from exhibits import selectors


def _edition():
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("No edition is current.")
    return edition


@require_safe
def department_list(request):
    """Departments with published exhibits in the current edition, with their counts."""
    edition = _edition()
    departments = selectors.departments_in_edition(edition=edition, with_counts=True)
    return render(
        request,
        "departments/department_list.html",
        {"edition": edition, "departments": departments},
    )


@require_safe
def department_detail(request, slug: str):
    """One department and the published exhibits it leads or partners in."""
    edition = _edition()
    department = selectors.department_by_slug(slug)
    if department is None:
        raise Http404("No such department.")
    exhibits = selectors.department_exhibits(edition=edition, department=department)
    lead = [exhibit for exhibit in exhibits if exhibit.lead_department_id == department.pk]
    partner = [exhibit for exhibit in exhibits if exhibit.lead_department_id != department.pk]
    return render(
        request,
        "departments/department_detail.html",
        {"edition": edition, "department": department, "lead": lead, "partner": partner},
    )
