"""What each audit entry says happened: viewed, changed, exported, decided (or a sign-in, or a
refusal). A family reading "who viewed or changed my child's record" must never be told staff
changed something they only looked at, so every action the portal logs is classified here and
`kind_of` refuses an action it does not know (services/audit.record calls it)."""

from __future__ import annotations

from enum import StrEnum


class AuditKind(StrEnum):
    VIEWED = "viewed"
    CHANGED = "changed"
    EXPORTED = "exported"
    DECIDED = "decided"
    SIGNED_IN = "signed_in"
    REFUSED = "refused"


_KINDS: dict[AuditKind, frozenset[str]] = {
    AuditKind.VIEWED: frozenset(
        {
            "child.health_viewed",
            "child.photo_view",
            "child.record_viewed",
            "child_sheet.viewed",
            "payment_receipt.viewed",
            "planning.daily_list",
            "report_card.viewed",
            "request.document_view",
            "request.queue_viewed",
            "request.view",
            "statement.viewed",
            "statements.viewed",
        }
    ),
    AuditKind.EXPORTED: frozenset({"audit.exported", "finances.exported"}),
    AuditKind.DECIDED: frozenset(
        {"absence.mark_justified", "contact_message.handled", "request.decided"}
    ),
    AuditKind.SIGNED_IN: frozenset(
        {"auth.oidc_sign_in", "auth.second_factor_passed", "auth.sign_in"}
    ),
    AuditKind.REFUSED: frozenset(
        {
            "auth.oidc_refused",
            "auth.second_factor_failed",
            "auth.sign_in_failed",
            "child.link_refused",
            "child.link_throttled",
            "staff.invitation_failed",
        }
    ),
    AuditKind.CHANGED: frozenset(
        {
            "absence.declare",
            "absence.justify",
            "absence.record",
            "account.created_by_oidc",
            "account.email_changed",
            "account.password_changed",
            "account.password_reset",
            "account.signed_up",
            "attachment_consent.recorded",
            "attachment_consent.withdrawn",
            "auth.oidc_joined",
            "calendar_feed.create",
            "calendar_feed.revoke",
            "child.linked",
            "imports.applied",
            "letters.issued",
            "message.broadcast",
            "message.replied",
            "message.thread_started",
            "news.published",
            "news.withdrawn",
            "auth.recovery_codes_renewed",
            "auth.second_factor_disabled",
            "auth.second_factor_enrolled",
            "organisation.contacts_changed",
            "organisation.providers_changed",
            "overpayment.credited",
            "overpayment.refunded",
            "overpayment.refunding",
            "school.changed",
            "school.created",
            "organisation.periods_changed",
            "organisation.reason_added",
            "organisation.reason_removed",
            "organisation.reason_renamed",
            "payment.recorded",
            "planning.activity_created",
            "planning.activity_settings",
            "planning.attendance",
            "planning.rules",
            "planning.staff_change",
            "records.confirmed",
            "request.submitted",
            "request.withdrawn",
            "resource.published",
            "resource.withdrawn",
            "staff.admin_created",
            "staff.disabled",
            "staff.enabled",
            "staff.invitation_accepted",
            "staff.invited",
            "staff.role_added",
            "staff.role_changed",
            "staff.role_removed",
        }
    ),
}
_BY_ACTION = {action: kind for kind, actions in _KINDS.items() for action in actions}
KNOWN_ACTIONS = frozenset(_BY_ACTION)


def kind_of(action: str) -> AuditKind:
    """The kind of an action the portal logs; KeyError for one nobody classified."""
    return _BY_ACTION[action]


def kind_of_logged(action: str) -> AuditKind:
    """The kind of an entry already in the log, read back: an action since retired is shown
    as a change (the cautious reading), never as a mere view."""
    return _BY_ACTION.get(action, AuditKind.CHANGED)


def is_view(kind: AuditKind) -> bool:
    """Looking (a page, a PDF, a list or an export) as opposed to acting on the record."""
    return kind in (AuditKind.VIEWED, AuditKind.EXPORTED)
