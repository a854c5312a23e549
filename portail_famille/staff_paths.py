"""Addresses of the staff-administration and help pages (beside paths.py, which others share)."""

STAFF_PEOPLE = "/console/personnel"
STAFF_INBOX = "/console/messages-recus"
STAFF_INVITATION = "/personnel/invitation"
HELP_FAQ = "/aide"
HELP_CONTACTS = "/nous-joindre"
HELP_CONTACT_FORM = "/aide/contact"
