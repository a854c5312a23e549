"""Addresses of the message and resources pages (families' and staff's)."""

MESSAGES_PAGE = "/famille/messages"
RESOURCES_PAGE = "/famille/ressources"
STAFF_THREADS = "/console/messagerie"
STAFF_PUBLICATIONS = "/console/publications"
