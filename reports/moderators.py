"""The moderators group and exactly the permissions moderation needs."""

from django.contrib.auth.models import Group, Permission

GROUP_NAME = "moderators"
PERMISSIONS = [
    "view_report",
    "change_report",
    "moderate_report",
    "view_auditentry",
    "view_topic",
    "add_topic",
    "change_topic",
]


def ensure_moderators_group() -> Group:
    """Create the group if needed and give it exactly PERMISSIONS, no more."""
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    permissions = Permission.objects.filter(
        content_type__app_label="reports", codename__in=PERMISSIONS
    )
    group.permissions.set(permissions)
    return group
