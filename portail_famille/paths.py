"""Addresses of the pages that routes and states send people to."""

PUBLIC_HOME = "/"
SIGN_IN_PAGE = "/connexion"
GUARDIAN_HOME = "/famille"
STAFF_HOME = "/console"
SIGN_UP_PAGE = "/inscription"
PASSWORD_RESET_PAGE = "/mot-de-passe-oublie"  # noqa: S105  (an address, not a password)
LINK_CHILD_PAGE = "/famille/ajouter-enfant"
SETTINGS_PAGE = "/parametres"
IMPORTS_PAGE = "/console/imports"
