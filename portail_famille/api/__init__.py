"""Plain HTTP routes beside the Reflex app: health, sign-in and sign-out, and later webhooks."""
