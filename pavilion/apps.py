from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PavilionConfig(AppConfig):
    name = "pavilion"
    verbose_name = _("Pavilion")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # Registers the project's system checks (check --deploy: PAVILION_SITE_URL).
        from pavilion import checks  # noqa: F401
        from pavilion.groups import ensure_groups

        post_migrate.connect(ensure_groups, dispatch_uid="pavilion_ensure_groups")

        from pavilion.cache import connect_signals

        # Any change to public content invalidates every worker's cached pages.
        connect_signals()
