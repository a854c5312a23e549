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
from portail_famille.models.bookings import (
    ActivityDay,
    Attendance,
    BilledDay,
    Booking,
    BookingChange,
    ChangeAction,
    ChangeChannel,
    WaitingEntry,
)
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
from portail_famille.models.finances import (
    AttachmentConsent,
    BillingService,
    BillingSource,
    CardCheckout,
    CheckoutStatus,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    PaymentAllocation,
    PaymentMethod,
    Statement,
    StatementBatch,
    StripeEvent,
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
from portail_famille.models.numbering import NumberCounter
from portail_famille.models.organisation import Organisation, OrganisationKind, School, SchoolYear
from portail_famille.models.organisation_settings import OrganisationSettings
from portail_famille.models.overpayments import CaseStatus, FamilyCredit, OverpaymentCase
from portail_famille.models.planning import (
    AbsenceBilling,
    Activity,
    ActivityKind,
    ActivityPeriod,
    ActivityRate,
    BookingPolicy,
    CutoffKind,
    PeriodKind,
    PlanningSettings,
)
from portail_famille.models.records import ChildRecord, FamilyRecord, PickupPerson
from portail_famille.models.records_confirmation import RecordsConfirmation
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
from portail_famille.models.second_factor import RecoveryCode, TotpFactor
from portail_famille.models.submissions import FormSubmission

__all__ = [
    "Absence",
    "AbsenceBilling",
    "AbsenceKind",
    "AbsenceReason",
    "AbsenceSource",
    "AccountStatus",
    "Activity",
    "ActivityDay",
    "ActivityKind",
    "ActivityPeriod",
    "ActivityRate",
    "ActivityRegistration",
    "AttachmentConsent",
    "Attendance",
    "AuditEntry",
    "AuthSession",
    "BilledDay",
    "BillingService",
    "BillingSource",
    "Booking",
    "BookingChange",
    "BookingPolicy",
    "CalendarEvent",
    "CalendarEventKind",
    "CalendarFeed",
    "CardCheckout",
    "CaseStatus",
    "ChangeAction",
    "ChangeChannel",
    "ChangeRequest",
    "CheckoutStatus",
    "Child",
    "ChildRecord",
    "CodePurpose",
    "ContactMessage",
    "CutoffKind",
    "Enrolment",
    "ExamResult",
    "ExternalIdentity",
    "Family",
    "FamilyCredit",
    "FamilyRecord",
    "FieldDecision",
    "FormSubmission",
    "Guardian",
    "GuardianChildLink",
    "GuardianEmail",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatus",
    "Mark",
    "MessageAttachment",
    "MessageThread",
    "NewsItem",
    "NotificationEmail",
    "NumberCounter",
    "OidcLogin",
    "Organisation",
    "OrganisationKind",
    "OrganisationSettings",
    "OutboxMail",
    "OverpaymentCase",
    "Payment",
    "PaymentAllocation",
    "PaymentMethod",
    "PeriodKind",
    "PickupPerson",
    "PlanningSettings",
    "RecordsConfirmation",
    "RecoveryCode",
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
    "Statement",
    "StatementBatch",
    "StripeEvent",
    "Subject",
    "ThreadMessage",
    "ThrottleEvent",
    "TimetablePeriod",
    "TotpFactor",
    "UserAccount",
    "VerificationCode",
    "WaitingEntry",
    "WorkDue",
]
