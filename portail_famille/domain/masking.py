"""How account numbers are shown: only their last four characters."""

from __future__ import annotations


def mask_account(number: str) -> str:
    """`FR76 3000 6000 0112 3456 7890 189` -> `•••• 0189`; short or empty numbers show nothing."""
    compact = "".join(ch for ch in number if ch.isalnum())
    if len(compact) <= 4:
        return "••••"
    return f"•••• {compact[-4:]}"
