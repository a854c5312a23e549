"""What the audit log says each entry was, in words (catalogue keys, both languages)."""

from __future__ import annotations

from portail_famille.domain.audit_kinds import AuditKind, kind_of_logged

# What a guardian is told each staff action about their child was, in words; an action with no
# words of its own is told by its kind ("a consulté le dossier", never "a modifié" for a view).
GUARDIAN_ACTIONS = {
    "child.record_viewed": "records_admin.action.record_viewed",
    "child.health_viewed": "records_admin.action.health_viewed",
    "child_sheet.viewed": "records_admin.action.sheet_viewed",
    "report_card.viewed": "records_admin.action.report_card_viewed",
    "absence.record": "records_admin.action.absence_recorded",
    "absence.mark_justified": "records_admin.action.absence_justified",
    "child.photo_view": "audit.action.photo_viewed",
    "request.view": "audit.action.request_viewed",
    "request.document_view": "audit.action.request_document_viewed",
    "request.decided": "audit.action.request_decided",
    "statement.viewed": "audit.action.statement_viewed",
    "statements.viewed": "audit.action.statement_viewed",
}
CHANGED = "records_admin.action.changed"
KIND_ACTIONS = {
    AuditKind.VIEWED: "records_admin.action.record_viewed",
    AuditKind.EXPORTED: "audit.action.exported",
    AuditKind.DECIDED: "audit.action.decided",
    AuditKind.CHANGED: CHANGED,
    AuditKind.SIGNED_IN: "audit.action.signed_in",
    AuditKind.REFUSED: "audit.action.refused",
}
# Each kind as a word, for the admin's log and its CSV.
KIND_WORDS = {kind: f"audit.kind.{kind.value}" for kind in AuditKind}


def action_key(action: str) -> str:
    return GUARDIAN_ACTIONS.get(action) or KIND_ACTIONS[kind_of_logged(action)]
