from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitsConfig(AppConfig):
    name = "exhibits"
    verbose_name = _("Exhibits")

    def ready(self) -> None:
        # History is registered here, after modeltranslation has added the language
        # columns (its app is listed first), so the history table carries them too.
        import simple_history
        from django.db.models.signals import post_delete

        from exhibits.models import Exhibit, ExhibitImage

        simple_history.register(Exhibit, app=__package__, excluded_fields=["updated_at"])
        post_delete.connect(
            _delete_image_files, sender=ExhibitImage, dispatch_uid="exhibit_image_files"
        )


def _delete_image_files(sender, instance, **kwargs) -> None:
    """An image row deleted any way (service, admin, cascade from its exhibit) takes its
    files with it, once the deletion commits. Deleting twice is harmless."""
    from exhibits.images import delete_files_on_commit

    delete_files_on_commit(instance.stored_names, using=kwargs.get("using"))
