"""SQLModel tables, one module per aggregate. Importing this package registers them all."""

from portail_famille.models.absences import Absence, AbsenceKind, AbsenceReason, AbsenceSource
from portail_famille.models.accounts import (
    AccountStatus,
    AuthSession,
    StaffMembership,
    StaffRole,
    UserAccount,
)
from portail_famille.models.agenda import (
    CalendarEvent,
    CalendarEventKind,
    CalendarFeed,
    TimetablePeriod,
    WorkDue,
)
from portail_famille.models.audit import AuditEntry
from portail_famille.models.content import NewsItem
from portail_famille.models.family import (
    Child,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    Relationship,
)
from portail_famille.models.help import ContactMessage
from portail_famille.models.identity import (
    CodePurpose,
    ExternalIdentity,
    NotificationEmail,
    OidcLogin,
    ThrottleEvent,
    VerificationCode,
)
from portail_famille.models.mail import OutboxMail
from portail_famille.models.messaging import MessageAttachment, MessageThread, ThreadMessage
from portail_famille.models.organisation import Organisation, OrganisationKind, School, SchoolYear
from portail_famille.models.organisation_settings import OrganisationSettings
from portail_famille.models.planning import Activity, ActivityKind
from portail_famille.models.records import ChildRecord, FamilyRecord, PickupPerson
from portail_famille.models.registrations import ActivityRegistration
from portail_famille.models.requests import (
    ChangeRequest,
    FieldDecision,
    RequestCategory,
    RequestDocument,
    RequestField,
    RequestStatus,
)
from portail_famille.models.resources import Resource
from portail_famille.models.results import ExamResult, Mark, ReportCard, Subject

__all__ = [
    "Absence",
    "AbsenceKind",
    "AbsenceReason",
    "AbsenceSource",
    "AccountStatus",
    "Activity",
    "ActivityKind",
    "ActivityRegistration",
    "AuditEntry",
    "AuthSession",
    "CalendarEvent",
    "CalendarEventKind",
    "CalendarFeed",
    "ChangeRequest",
    "Child",
    "ChildRecord",
    "CodePurpose",
    "ContactMessage",
    "Enrolment",
    "ExamResult",
    "ExternalIdentity",
    "Family",
    "FamilyRecord",
    "FieldDecision",
    "Guardian",
    "GuardianChildLink",
    "GuardianEmail",
    "Mark",
    "MessageAttachment",
    "MessageThread",
    "NewsItem",
    "NotificationEmail",
    "OidcLogin",
    "Organisation",
    "OrganisationKind",
    "OrganisationSettings",
    "OutboxMail",
    "PickupPerson",
    "Relationship",
    "ReportCard",
    "RequestCategory",
    "RequestDocument",
    "RequestField",
    "RequestStatus",
    "Resource",
    "School",
    "SchoolYear",
    "StaffMembership",
    "StaffRole",
    "Subject",
    "ThreadMessage",
    "ThrottleEvent",
    "TimetablePeriod",
    "UserAccount",
    "VerificationCode",
    "WorkDue",
]
