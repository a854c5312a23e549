"""The sign-in page's provider buttons, as display data: a label and a link, nothing secret."""

from __future__ import annotations

from dataclasses import dataclass

from portail_famille.config import oidc_providers


@dataclass
class ProviderLink:
    label: str
    url: str  # /api/auth/oidc/<name>/login; the route finds the client id and secret itself


def provider_links() -> list[ProviderLink]:
    """One link per configured OpenID Connect provider, in name order."""
    return [
        ProviderLink(label=provider.label, url=f"/api/auth/oidc/{name}/login")
        for name, provider in oidc_providers().items()
    ]
