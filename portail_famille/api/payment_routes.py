"""Every route of card payment and receipts, for create_api() to add in one line."""

from portail_famille.api.payment_documents import PAYMENT_DOCUMENT_ROUTES
from portail_famille.api.stripe_webhook import WEBHOOK_ROUTES

PAYMENT_ROUTES = [*WEBHOOK_ROUTES, *PAYMENT_DOCUMENT_ROUTES]
