from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class NearMissAdminConfig(AdminConfig):
    default_site = "nearmiss.admin.NearMissAdminSite"


class NearMissConfig(AppConfig):
    name = "nearmiss"

    def ready(self) -> None:
        from nearmiss import checks  # noqa: F401 (registers the checks)
