from django.apps import AppConfig


class CurationConfig(AppConfig):
    """The curators' tools beside the admin (dashboard, booth signs, floor plans, new
    editions) and the seed. It depends on every other app; nothing depends on it."""

    name = "curation"
    verbose_name = "Curation"
