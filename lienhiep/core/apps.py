from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lienhiep.core"
    label = "core"
    verbose_name = _("Organizations and users")

    def ready(self) -> None:
        # Register the directory's background jobs in the web process and the worker.
        from django.contrib.auth.signals import user_logged_out
        from django.utils.translation import gettext

        from lienhiep import vn
        from lienhiep.core import jobs  # noqa: F401
        from lienhiep.core.signals import say_goodbye

        user_logged_out.connect(say_goodbye, dispatch_uid="core.say_goodbye")
        # lienhiep.vn is pure Python: its messages reach users through our translations.
        vn.use_translation(gettext)
