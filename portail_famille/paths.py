"""Addresses of the pages that routes and states send people to."""

PUBLIC_HOME = "/"
SIGN_IN_PAGE = "/connexion"
GUARDIAN_HOME = "/famille"
STAFF_HOME = "/console"
SIGN_UP_PAGE = "/inscription"
PASSWORD_RESET_PAGE = "/mot-de-passe-oublie"  # noqa: S105  (an address, not a password)
LINK_CHILD_PAGE = "/famille/ajouter-enfant"
SETTINGS_PAGE = "/parametres"
SECOND_FACTOR_PAGE = "/connexion/code"  # staff: the authenticator's code after the password
SECOND_FACTOR_SETTINGS = "/parametres/double-authentification"
IMPORTS_PAGE = "/console/imports"

# Tiles of the parent's home
MESSAGES_PAGE = "/famille/messages"
RESOURCES_PAGE = "/famille/ressources"
RESULTS_PAGE = "/famille/resultats"
RECORD_PAGE = "/famille/dossier"
AGENDA_PAGE = "/famille/agenda"
ABSENCES_PAGE = "/famille/absences"
REQUESTS_PAGE = "/famille/demandes"
RECORD_VIEWERS_PAGE = "/famille/dossier/consultations"
PLANNING_PAGE = "/famille/planning"
PAYMENTS_PAGE = "/famille/paiements"

# Help, without an account
HELP_FAQ = "/aide"
HELP_CONTACTS = "/nous-joindre"
HELP_CONTACT_FORM = "/aide/contact"
STAFF_INVITATION = "/personnel/invitation"

# Staff console
STAFF_PEOPLE = "/console/personnel"
STAFF_INBOX = "/console/messages-recus"
STAFF_THREADS = "/console/messagerie"
STAFF_PUBLICATIONS = "/console/publications"
STAFF_ABSENCES = "/console/absences"
STAFF_REQUESTS = "/console/demandes"
STAFF_RECORDS = "/console/dossiers"
STAFF_CHILD_RECORD = "/console/dossiers/enfant"
STAFF_AUDIT_LOG = "/console/journal"
STAFF_ORGANISATION = "/console/organisation"
STAFF_PLANNING = "/console/planning"
STAFF_PLANNING_SETTINGS = "/console/planning/activites"
STAFF_PAYMENTS = "/console/paiements"

# Finances (issue 7): the parent's tile and the staff's screens
FINANCES_PAGE = "/famille/finances"
STAFF_FINANCES = "/console/finances"
STAFF_STATEMENTS = "/console/etats-de-compte"
STAFF_CONSENTS = "/console/consentements"
