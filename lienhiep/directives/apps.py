from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "lienhiep.directives"
    label = "directives"
    verbose_name = _("Directives and implementation tracking")

    def ready(self) -> None:
        # Register the module's background jobs in the web process and the worker.
        from lienhiep.directives import jobs  # noqa: F401
