from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "lienhiep.workforce"
    label = "workforce"
    verbose_name = _("Intellectual workforce")

    def ready(self) -> None:
        # Register the registry's background jobs in the web process and the worker, and
        # the signals that expire the cached statistics.
        from lienhiep.workforce import jobs, signals  # noqa: F401

        signals.connect()
