"""Shape reports and detector findings for the reporter's pages."""

from dataclasses import dataclass

from reports.identifiers import Finding
from reports.models import Report


@dataclass(frozen=True)
class Segment:
    text: str
    finding: Finding | None = None


@dataclass(frozen=True)
class ReporterStatus:
    label: str
    explanation: str
    published: bool = False


def marked_segments(text: str, findings: list[Finding]) -> list[Segment]:
    """Split text into plain runs and runs the detector flagged, in order."""
    segments: list[Segment] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start > position:
            segments.append(Segment(text[position : finding.start]))
        segments.append(Segment(text[finding.start : finding.end], finding))
        position = finding.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


_IN_REVIEW = ReporterStatus(
    "In review",
    "A moderator is reading your report and removing anything that could identify you.",
)
_STATUSES = {
    Report.Status.NEW: ReporterStatus(
        "Received",
        "Your report has arrived safely. A moderator has not opened it yet.",
    ),
    # Approvals are the moderators' business: to the reporter it is all still in review.
    Report.Status.IN_REVIEW: _IN_REVIEW,
    Report.Status.APPROVED: _IN_REVIEW,
    Report.Status.WAITING: ReporterStatus(
        "Waiting for you",
        "A moderator has a question for you before your report can go further.",
    ),
    Report.Status.PUBLISHED: ReporterStatus(
        "Published",
        "Your report has been published, with anything identifying removed. Thank you: "
        "it may keep another officer safe.",
        published=True,
    ),
    Report.Status.REJECTED: ReporterStatus(
        "Not published",
        "The moderators decided not to publish this report.",
    ),
    Report.Status.WITHDRAWN: ReporterStatus(
        "Withdrawn",
        "You withdrew this report. It will not be published.",
    ),
}


def reporter_status(report: Report) -> ReporterStatus:
    """Return what the reporter is told about their report's status."""
    return _STATUSES[Report.Status(report.status)]
