from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitsConfig(AppConfig):
    name = "exhibits"
    verbose_name = _("Exhibits")

    def ready(self) -> None:
        # History is registered here, after modeltranslation has added the language
        # columns (its app is listed first), so the history table carries them too.
        import simple_history

        from exhibits.models import Exhibit

        simple_history.register(Exhibit, app=__package__, excluded_fields=["updated_at"])
