"""Addresses of the pages that routes and states send people to."""

PUBLIC_HOME = "/"
SIGN_IN_PAGE = "/connexion"
GUARDIAN_HOME = "/famille"
STAFF_HOME = "/console"
