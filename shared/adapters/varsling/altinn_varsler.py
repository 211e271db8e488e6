"""Notices to the arrangør through Altinn 3 Notifications (issue 16 §2).

`POST {base}/notifications/api/v1/future/orders` with a Maskinporten token (the `Maskinporten` client of
adapters/arrangor/altinn.py, scope `altinn:serviceowner/notifications.create`). The order goes to the
organisation's registered contact points (`recipientOrganization.orgNumber`), limited to those with access to the
service's Altinn resource (`resourceId`), by e-mail preferred or SMS (`channelSchema`). `idempotencyId` is the
notice id: Altinn answers a repeated one with 200 and the order it already has, which is success.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from shared.adapters.varsling.http import post_json
from shared.domain.varsling.varsel import Varsel
from shared.service.varsling.ports import VarselFeil

STI = "/notifications/api/v1/future/orders"


def _kanal(v: Varsel) -> str:
    """E-mail preferred (SMS where the organisation has no e-mail), for every kind: none is urgent enough for SMS
    first."""
    return "EmailPreferred"


class Altinn3Varsler:
    def __init__(
        self, base_url: str, ressurs: str, token: Callable[[], str], lenke_base: str,
        *, sov: Callable[[float], None] = time.sleep,
    ) -> None:  # fmt: skip
        self.url = base_url.rstrip("/") + STI
        self.ressurs, self._token, self.lenke_base = ressurs, token, lenke_base.rstrip("/")
        self._sov = sov

    def _tekst(self, v: Varsel) -> str:
        return f"{v.tekst}\n\n{self.lenke_base}{v.lenke}" if v.lenke else v.tekst

    def ordre(self, v: Varsel) -> dict[str, Any]:
        if not v.mottaker.orgnr:
            raise VarselFeil("varselet har ikke noe organisasjonsnummer", permanent=True)
        tekst = self._tekst(v)
        return {
            "idempotencyId": v.id,
            "sendersReference": v.nokkel,
            "recipient": {
                "recipientOrganization": {
                    "orgNumber": v.mottaker.orgnr,
                    "resourceId": f"urn:altinn:resource:{self.ressurs}",
                    "channelSchema": _kanal(v),
                    "emailSettings": {"subject": v.tittel, "body": tekst, "contentType": "Plain"},
                    "smsSettings": {"sender": "Nav", "body": tekst},
                }
            },
        }

    def send(self, varsel: Varsel) -> str | None:
        ordre = self.ordre(varsel)
        try:
            token = self._token()
        except Exception as e:  # noqa: BLE001 - Maskinporten's own error type lives in another context
            raise VarselFeil("Maskinporten ga ikke token", permanent=False) from e
        _, svar = post_json(self.url, ordre, {"Authorization": f"Bearer {token}"}, ok=(200, 201), sov=self._sov)
        return (
            str(svar.get("notificationOrderId")) if isinstance(svar, dict) and svar.get("notificationOrderId") else None
        )
