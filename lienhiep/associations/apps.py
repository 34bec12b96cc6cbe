from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "lienhiep.associations"
    label = "associations"
    verbose_name = _("Member associations")

    def ready(self) -> None:
        # Register the registry's background jobs in the web process and the worker.
        from lienhiep.associations import jobs  # noqa: F401
