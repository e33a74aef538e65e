"""The two groups of people and their model permissions, kept in step after every migrate.

Created in a ``post_migrate`` handler rather than a data migration: a fresh database has
no Permission rows while migrations run, and transactional tests flush data migrations'
rows (TRAPS.md). Running it again changes nothing.
"""

from __future__ import annotations

from django.apps import apps as global_apps

CURATORS = "Curators"
SUBMITTERS = "Department submitters"

# Curators run the pavilion in the admin: every permission on its models.
CURATOR_APPS = ("pavilion", "exhibits", "departments", "awards")
CURATOR_EXTRA = (
    ("auth", "user", ("view", "add", "change")),
    ("axes", "accessattempt", ("view", "delete")),
    ("axes", "accesslog", ("view",)),
)
# Submitters work in the portal, never the admin; their rights come from memberships
# (exhibits/rules.py). The group names the role, with read access to reference data.
SUBMITTER_PERMISSIONS = (
    ("pavilion", "zone", ("view",)),
    ("exhibits", "technology", ("view",)),
    ("departments", "department", ("view",)),
)


def ensure_groups(sender=None, apps=global_apps, **kwargs) -> None:
    """Create or update the Curators and Department submitters groups."""
    # post_migrate is sent once per app that has a models module; permissions of an app
    # exist only after its own signal, so act on the last such app's.
    last_app = [c for c in global_apps.get_app_configs() if c.models_module is not None][-1]
    if sender is not None and sender.label != last_app.label:
        return
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    curator_perms = list(Permission.objects.filter(content_type__app_label__in=CURATOR_APPS))
    for app_label, model, actions in CURATOR_EXTRA:
        curator_perms += list(
            Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )
    submitter_perms = []
    for app_label, model, actions in SUBMITTER_PERMISSIONS:
        submitter_perms += list(
            Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )
    curators, _ = Group.objects.get_or_create(name=CURATORS)
    curators.permissions.set(curator_perms)
    submitters, _ = Group.objects.get_or_create(name=SUBMITTERS)
    submitters.permissions.set(submitter_perms)
