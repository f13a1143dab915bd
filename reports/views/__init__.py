from reports.views.public import about, home, privacy, story
from reports.views.status import status
from reports.views.submit import csrf_failure, submit

__all__ = ["about", "csrf_failure", "home", "privacy", "status", "story", "submit"]
