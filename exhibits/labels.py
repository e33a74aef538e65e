"""What people read for the names machines use: content fields, languages, missing items.

The workflow and the API speak in field names (``title_zh_hant``, ``images.alt_text``);
people read labels in their own language ("Title in Traditional Chinese"). This module
only translates names into labels: it imports nothing of the workflow, so the workflow,
the revisions, the portal's forms and views can all use it.
"""

from __future__ import annotations

from django.utils.translation import gettext

from exhibits.content import EXHIBIT_FIELD_BY_COLUMN, language_label
from pavilion.i18n import join_list


def missing_label(name: str) -> str:
    """The label of one item ``missing_for_submission`` names, in the active language.

    An unknown name is returned as it is (better a name than nothing).
    """
    fixed = {
        "images": gettext("At least one image"),
        "images.alt_text": gettext(
            "Alternative text of an image in English and Traditional Chinese"
        ),
        "proposed_zone": gettext("Proposed zone"),
        "zone": gettext("Zone (set by the pavilion team)"),
        "message": gettext("A message"),
    }
    if name in fixed:
        return fixed[name]
    field = EXHIBIT_FIELD_BY_COLUMN.get(name)
    if field is not None:
        return gettext("%(field)s in %(language)s") % {
            "field": field.label,
            "language": language_label(name.removeprefix(f"{field.name}_")),
        }
    return name


def missing_labels(names) -> str:
    """The labels of several missing items, in the active language, as one list."""
    return join_list(missing_label(name) for name in names)
