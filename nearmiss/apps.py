from django.contrib.admin.apps import AdminConfig


class NearMissAdminConfig(AdminConfig):
    default_site = "nearmiss.admin.NearMissAdminSite"
