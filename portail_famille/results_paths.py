"""Addresses of the Results and Record tiles' pages."""

RESULTS_PAGE = "/famille/resultats"
RECORD_PAGE = "/famille/dossier"
