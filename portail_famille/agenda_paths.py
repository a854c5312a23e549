"""Addresses of the Agenda and Absences pages (beside paths.py, which others share)."""

AGENDA_PAGE = "/famille/agenda"
ABSENCES_PAGE = "/famille/absences"
STAFF_ABSENCES = "/console/absences"
