"""Wiring of the notice context (issue 16 §2), per project like bootstrap.py: the notice repository, and the
`Varsler` chosen by `VARSLING_ADAPTER` (`lokal`: deliveries stored in Firestore; `produksjon`: Altinn 3
Notifications to the arrangør, Nav's Oppgave to Nav). Kept in its own module while others change bootstrap.py."""

from __future__ import annotations

from functools import cache

from shared import bootstrap
from shared.adapters.nav.ventende import FirestoreVentendeAttesteringer
from shared.adapters.varsling.lokal_varsler import FirestoreLokalVarsler, RutendeVarsler
from shared.adapters.varsling.repo import FirestoreVarselRepo
from shared.config import settings
from shared.service.varsling.ports import Varsler


def varsel_repo() -> FirestoreVarselRepo:
    return FirestoreVarselRepo(bootstrap.firestore_klient())


def ventende_attesteringer() -> FirestoreVentendeAttesteringer:
    return FirestoreVentendeAttesteringer(bootstrap.firestore_klient())


def lokale_varsler() -> FirestoreLokalVarsler:
    return FirestoreLokalVarsler(bootstrap.firestore_klient())


@cache
def _produksjon(prosjekt: str) -> Varsler:
    from shared.adapters.arrangor.altinn import Maskinporten
    from shared.adapters.http_klient import EntraToken
    from shared.adapters.varsling.altinn_varsler import Altinn3Varsler
    from shared.adapters.varsling.oppgave_varsler import OppgaveVarsler

    s = settings()
    if not (
        s.maskinporten_klient_id and s.maskinporten_nokkel_pem and s.entra_klient_id and s.entra_klient_hemmelighet
    ):
        raise RuntimeError("VARSLING_ADAPTER=produksjon trenger MASKINPORTEN_* og ENTRA_KLIENT_*")
    mp = Maskinporten(s.maskinporten_token_url, s.maskinporten_audience, s.maskinporten_klient_id,
                      s.maskinporten_nokkel_pem, s.altinn_varsling_scope)  # fmt: skip
    entra = EntraToken(s.entra_token_url, s.entra_klient_id, s.entra_klient_hemmelighet, s.oppgave_scope)
    return RutendeVarsler(
        Altinn3Varsler(s.altinn_url, s.altinn_ressurs, mp.token, s.arrangorflate_url),
        OppgaveVarsler(s.oppgave_url, entra),
    )


def varsler() -> Varsler:
    s = settings()
    if s.varsling_adapter == "produksjon":
        return _produksjon(s.gcp_project)
    return lokale_varsler()


def attestering_varsel_dager() -> int:
    return settings().attestering_varsel_dager
