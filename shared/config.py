"""Settings: the only reader of `os.environ` in the code base.

The Google client libraries read `FIRESTORE_EMULATOR_HOST`, `PUBSUB_EMULATOR_HOST` and `STORAGE_EMULATOR_HOST`
themselves; we only read them to know whether we talk to emulators (for settings that must never reach
production). Add a field here, with a default and a docstring, rather than reading the environment elsewhere.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

DEV_UTSTEDER = "http://utbetaling.lokal/dev-utsteder"
"""The local dev issuer (shared/edge/http/dev_utsteder.py); trusted only against the emulators."""
LOKAL_HMAC_NOKKEL = "lokal-hmac-nokkel-kun-for-emulatorer"
DEMO_PID = "01017012345"
"""The demo's arrangør employee (synthetic pid), whom the local stack maps `local-dev-token` to (§2)."""


class Konfigurasjonsfeil(RuntimeError):
    """The settings are wrong for where the process runs: it must not start (and never answers a 400 for it)."""


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    gcp_project: str = Field(default="demo-utbetaling")
    """Google Cloud project id (`GOOGLE_CLOUD_PROJECT`). `demo-*` ids never reach a real project."""
    region: str = "europe-north1"
    miljo: str = "lokal"
    """Environment name (`MILJO`): lokal, dev or prod."""
    firestore_emulator_host: str | None = None
    pubsub_emulator_host: str | None = None
    storage_emulator_host: str | None = None
    vedlegg_bucket: str = "demo-utbetaling-vedlegg"
    """Bucket for vedlegg and archive copies (`VEDLEGG_BUCKET`, default `{gcp_project}-vedlegg`)."""

    utbetaling_navnerom: str = "5b7e2a4c-0f0b-4f5e-8d1e-6c2a9b3f7d10"
    """UUIDv5 namespace of generated claim ids (domene.md §7.1; `UTBETALING_NAVNEROM`). Never change it in a
    running environment: the ids are the guard against a second claim for the same month."""
    omberegning_forsinkelse_s: float = 30.0
    """Debounce of recalculation markers, `forfall = now + this` (§7.2; `OMBEREGNING_FORSINKELSE_S`)."""
    generering_parallelle: int = 8
    """Concurrent claim writes inside one generer_utbetaling invocation (`GENERERING_PARALLELLE`)."""

    # --- arrangør API (domene.md §2, §8, §11) ---
    funksjonsvert_url: str | None = None
    """The local functions host (`UTBETALING_FUNKSJONSVERT`); it serves the dev issuer's JWKS."""
    arrangor_oidc_issuer: str | None = None
    """Accepted `iss` (`ARRANGOR_OIDC_ISSUER`): TokenX/ID-porten in the cloud; unset = the dev issuer, which only
    the emulators trust (`arrangor_utsteder`)."""
    arrangor_oidc_audience: str = "utbetaling-arrangor-api"
    """Accepted `aud` (`ARRANGOR_OIDC_AUDIENCE`)."""
    arrangor_jwks_url: str | None = None
    """JWKS of the issuer (`ARRANGOR_JWKS_URL`); locally the functions host's dev-issuer route."""
    lokal_statisk_token: str = "local-dev-token"
    """The static bearer Nav's arrangør front end sends when run locally (`LOKAL_STATISK_TOKEN`)."""
    lokal_statisk_token_pid: str | None = None
    """Test pid for that static bearer (`LOKAL_STATISK_TOKEN_PID`). Only allowed against the emulators."""
    bruker_hmac_nokkel: str = LOKAL_HMAC_NOKKEL
    """Key of HMAC-SHA256(pid) (`BRUKER_HMAC_NOKKEL`, from Secret Manager in the cloud)."""
    altinn_adapter: Literal["lokal", "altinn3"] | None = None
    """`lokal` (delegations from Firestore, emulators only) or `altinn3` (`ALTINN_ADAPTER`). Unset means `lokal`
    against the emulators; outside them the production adapter must be named (`altinn_kilde`)."""
    altinn_url: str = "https://platform.altinn.no"
    """Altinn 3 platform base URL (`ALTINN_URL`)."""
    altinn_ressurs: str = "nav_tiltaksarrangor_be-om-utbetaling"
    maskinporten_token_url: str = "https://maskinporten.no/token"
    """`MASKINPORTEN_TOKEN_URL`."""
    maskinporten_audience: str = "https://maskinporten.no/"
    maskinporten_klient_id: str | None = None
    """`MASKINPORTEN_KLIENT_ID`."""
    maskinporten_nokkel_pem: str | None = None
    """Private key (PEM) for the JWT grant (`MASKINPORTEN_NOKKEL_PEM`, from Secret Manager)."""
    maskinporten_scope: str = "altinn:accessmanagement/authorizedparties.resourceowner"
    """Scope of the Maskinporten token for the authorized-parties API (`MASKINPORTEN_SCOPE`)."""
    tilgangslogg_database: str = "tilgangslogg"
    """Separate Firestore database of the access log (`TILGANGSLOGG_DATABASE`, §11)."""
    arrangor_features: str = "{}"
    """JSON map feature → bool for GET /{orgnr}/features (`ARRANGOR_FEATURES`)."""

    # --- Nav API (domene.md §9.1) ---
    nav_oidc_issuer: str | None = None
    """Accepted `iss` of Nav tokens (`NAV_OIDC_ISSUER`): Entra ID in the cloud; unset = the dev issuer, emulators
    only (`nav_utsteder`)."""
    nav_oidc_audience: str = "utbetaling-nav-api"
    """Accepted `aud` of Nav tokens (`NAV_OIDC_AUDIENCE`)."""
    nav_jwks_url: str | None = None
    """JWKS of the Nav issuer (`NAV_JWKS_URL`); locally the functions host's dev-issuer route."""
    nav_drift_grupper: str = ""
    """Comma-separated group ids (claim `groups`) of the DRIFT operators who may re-publish a FAKTURA
    (`NAV_DRIFT_GRUPPER`)."""

    # --- archive (domene.md §11) ---
    arkiv_adapter: str = "lokal"
    """`lokal` (journalposter in Firestore and Cloud Storage) or `dokarkiv` (Nav's archive API; `ARKIV_ADAPTER`)."""
    dokarkiv_url: str = "https://dokarkiv.intern.nav.no"
    """Base URL of Nav's document archive (`DOKARKIV_URL`)."""
    dokarkiv_scope: str = "api://prod-fss.teamdokumenthandtering.dokarkiv/.default"
    """Entra ID scope of the archive API (`DOKARKIV_SCOPE`)."""
    dokarkiv_fagsaksystem: str = "TILTAKSADMINISTRASJON"
    """`sak.fagsaksystem` of the journalposts, the code Nav registers for this service (`DOKARKIV_FAGSAKSYSTEM`)."""

    # --- notices (issue 16 §2) ---
    varsling_adapter: str = "lokal"
    """`lokal` (deliveries stored in Firestore) or `produksjon` (Altinn 3 Notifications and Nav's Oppgave;
    `VARSLING_ADAPTER`)."""
    arrangorflate_url: str = "http://localhost:3000"
    """Base URL of the arrangør front end, for the link in a notice (`ARRANGORFLATE_URL`)."""
    altinn_varsling_scope: str = "altinn:serviceowner/notifications.create"
    """Scope of the Maskinporten token for Altinn Notifications (`ALTINN_VARSLING_SCOPE`)."""
    oppgave_url: str = "https://oppgave.intern.nav.no"
    """Nav's Oppgave API (`OPPGAVE_URL`)."""
    oppgave_scope: str = "api://prod-fss.oppgavehandtering.oppgave/.default"
    """Entra ID scope of the Oppgave API (`OPPGAVE_SCOPE`)."""
    attestering_varsel_dager: int = 3
    """A line waiting longer than this for attestation gets one notice to Nav (`ATTESTERING_VARSEL_DAGER`)."""

    # --- Entra ID client credentials of this service (archive, Oppgave) ---
    entra_token_url: str = "https://login.microsoftonline.com/nav.no/oauth2/v2.0/token"
    """Entra ID token endpoint of the client-credentials grant (`ENTRA_TOKEN_URL`)."""
    entra_klient_id: str | None = None
    """`ENTRA_KLIENT_ID`."""
    entra_klient_hemmelighet: str | None = None
    """Client secret of the client-credentials grant (`ENTRA_KLIENT_HEMMELIGHET`, from Secret Manager)."""

    # --- production adapters behind the local stand-ins (issue 16 §4); unset = the stand-in, emulators only ---
    kontoregister_adapter: Literal["lokal", "http"] | None = None
    """`lokal` (`kontoregister/{orgnr}` in Firestore) or `http` (Nav's kontoregister; `KONTOREGISTER_ADAPTER`)."""
    kontoregister_url: str = "https://sokos-kontoregister.intern.nav.no"
    """Base URL of Nav's account register (`KONTOREGISTER_URL`)."""
    kontoregister_scope: str = "api://prod-gcp.okonomi.sokos-kontoregister/.default"
    """Entra ID scope of the account register (`KONTOREGISTER_SCOPE`)."""
    virusskanner: Literal["lokal", "clamav"] | None = None
    """`lokal` (the EICAR stand-in) or `clamav` (Nav's ClamAV REST service; `VIRUSSKANNER`)."""
    clamav_url: str = "http://clamav.nais-system"
    """Base URL of the ClamAV REST service (`CLAMAV_URL`)."""
    nav_tilganger_adapter: Literal["lokal", "entra"] | None = None
    """`lokal` (`nav_ansatte/{navident}` in Firestore) or `entra` (roles from the token's groups;
    `NAV_TILGANGER_ADAPTER`)."""
    nav_gruppe_roller: str = ""
    """JSON: Entra ID group id → role and kostnadssteder (`NAV_GRUPPE_ROLLER`, see adapters/nav/tilganger.py)."""

    # --- tiltaksavtale API (avtale.md §5.6, §7) ---
    avtale_frontend_url: str = "http://localhost:3000"
    """Front end of the links in notices, `{frontend}/avtale/{id}` (`AVTALE_FRONTEND_URL`)."""
    avtale_intern_url: str = "http://localhost:3001"
    """Base of the links in notices to Nav employees (`AVTALE_INTERN_URL`)."""

    @model_validator(mode="after")
    def _ingen_utviklingsinnstillinger_utenfor_emulatorene(self) -> Settings:
        """Every setting that only makes sense locally is refused outside the emulators (issue 17 item 6)."""
        if self.mot_emulatorer:
            return self
        feil = []
        if self.lokal_statisk_token_pid:
            feil.append("LOKAL_STATISK_TOKEN_PID er bare tillatt mot emulatorene")
        for navn, verdi in [
            ("ALTINN_ADAPTER", self.altinn_adapter),
            ("KONTOREGISTER_ADAPTER", self.kontoregister_adapter),
            ("VIRUSSKANNER", self.virusskanner),
            ("NAV_TILGANGER_ADAPTER", self.nav_tilganger_adapter),
        ]:
            if verdi == "lokal":
                feil.append(f"{navn}=lokal er bare tillatt mot emulatorene")
        if DEV_UTSTEDER in (self.arrangor_oidc_issuer, self.nav_oidc_issuer):
            feil.append("dev-utstederen er bare tillatt mot emulatorene (ARRANGOR_OIDC_ISSUER/NAV_OIDC_ISSUER)")
        if feil:
            raise ValueError(
                "; ".join(feil)
                + " (FIRESTORE_EMULATOR_HOST og PUBSUB_EMULATOR_HOST må være satt); tjenesten starter ikke"
            )
        return self

    @property
    def arrangor_utsteder(self) -> str | None:
        return self.arrangor_oidc_issuer or (DEV_UTSTEDER if self.mot_emulatorer else None)

    @property
    def nav_utsteder(self) -> str | None:
        return self.nav_oidc_issuer or (DEV_UTSTEDER if self.mot_emulatorer else None)

    @property
    def altinn_kilde(self) -> str | None:
        return self.altinn_adapter or ("lokal" if self.mot_emulatorer else None)

    def _kilde(self, navngitt: str | None) -> str | None:
        """A named adapter, or the local stand-in against the emulators; outside them None (must be named)."""
        return navngitt or ("lokal" if self.mot_emulatorer else None)

    @property
    def kontoregister_kilde(self) -> str | None:
        return self._kilde(self.kontoregister_adapter)

    @property
    def virusskanner_kilde(self) -> str | None:
        return self._kilde(self.virusskanner)

    @property
    def nav_tilganger_kilde(self) -> str | None:
        return self._kilde(self.nav_tilganger_adapter)

    def mangler_for_arrangor_api(self) -> list[str]:
        """What the arrangør API needs and lacks here: outside the emulators every production setting is named."""
        mangler = [] if self.arrangor_utsteder else ["ARRANGOR_OIDC_ISSUER"]
        mangler += [] if self.jwks_url else ["ARRANGOR_JWKS_URL"]
        mangler += [] if self.altinn_kilde else ["ALTINN_ADAPTER (altinn3)"]
        if not self.mot_emulatorer and self.bruker_hmac_nokkel == LOKAL_HMAC_NOKKEL:
            mangler.append("BRUKER_HMAC_NOKKEL")
        if self.altinn_kilde == "altinn3" and not (self.maskinporten_klient_id and self.maskinporten_nokkel_pem):
            mangler.append("MASKINPORTEN_KLIENT_ID og MASKINPORTEN_NOKKEL_PEM")
        mangler += [] if self.virusskanner_kilde else ["VIRUSSKANNER (clamav)"]
        return mangler

    def mangler_for_nav_api(self) -> list[str]:
        mangler = [] if self.nav_utsteder else ["NAV_OIDC_ISSUER"]
        mangler += [] if self.nav_tilganger_kilde else ["NAV_TILGANGER_ADAPTER (entra)"]
        if self.nav_tilganger_kilde == "entra" and not self.nav_gruppe_roller:
            mangler.append("NAV_GRUPPE_ROLLER")
        return mangler + ([] if self.nav_jwks else ["NAV_JWKS_URL"])

    @property
    def jwks_url(self) -> str | None:
        """The configured JWKS URL, or the local functions host's dev-issuer route against the emulators."""
        if self.arrangor_jwks_url:
            return self.arrangor_jwks_url
        if self.mot_emulatorer and self.funksjonsvert_url:
            return self.funksjonsvert_url.rstrip("/") + "/_vert/dev-utsteder/jwks"
        return None

    @property
    def nav_jwks(self) -> str | None:
        """The Nav issuer's JWKS URL, or the local functions host's dev-issuer route against the emulators."""
        if self.nav_jwks_url:
            return self.nav_jwks_url
        if self.mot_emulatorer and self.funksjonsvert_url:
            return self.funksjonsvert_url.rstrip("/") + "/_vert/dev-utsteder/jwks"
        return None

    @property
    def mot_emulatorer(self) -> bool:
        """True when every Google client points at a local emulator."""
        return bool(self.firestore_emulator_host and self.pubsub_emulator_host)


def les_settings(env: dict[str, str] | None = None) -> Settings:
    kilde = dict(os.environ) if env is None else env
    prosjekt = kilde.get("GOOGLE_CLOUD_PROJECT") or kilde.get("GCLOUD_PROJECT") or "demo-utbetaling"
    return Settings(
        gcp_project=prosjekt,
        region=kilde.get("REGION", "europe-north1"),
        miljo=kilde.get("MILJO", "lokal"),
        firestore_emulator_host=kilde.get("FIRESTORE_EMULATOR_HOST") or None,
        pubsub_emulator_host=kilde.get("PUBSUB_EMULATOR_HOST") or None,
        storage_emulator_host=kilde.get("STORAGE_EMULATOR_HOST") or None,
        vedlegg_bucket=kilde.get("VEDLEGG_BUCKET") or f"{prosjekt}-vedlegg",
        utbetaling_navnerom=kilde.get("UTBETALING_NAVNEROM") or "5b7e2a4c-0f0b-4f5e-8d1e-6c2a9b3f7d10",
        omberegning_forsinkelse_s=float(kilde.get("OMBEREGNING_FORSINKELSE_S") or 30.0),
        generering_parallelle=int(kilde.get("GENERERING_PARALLELLE") or 8),
        **_api_settings(kilde),
    )


_API_ENV = {
    "funksjonsvert_url": "UTBETALING_FUNKSJONSVERT",
    "arrangor_oidc_issuer": "ARRANGOR_OIDC_ISSUER",
    "arrangor_oidc_audience": "ARRANGOR_OIDC_AUDIENCE",
    "arrangor_jwks_url": "ARRANGOR_JWKS_URL",
    "lokal_statisk_token": "LOKAL_STATISK_TOKEN",
    "lokal_statisk_token_pid": "LOKAL_STATISK_TOKEN_PID",
    "bruker_hmac_nokkel": "BRUKER_HMAC_NOKKEL",
    "altinn_adapter": "ALTINN_ADAPTER",
    "altinn_url": "ALTINN_URL",
    "maskinporten_token_url": "MASKINPORTEN_TOKEN_URL",
    "maskinporten_audience": "MASKINPORTEN_AUDIENCE",
    "maskinporten_klient_id": "MASKINPORTEN_KLIENT_ID",
    "maskinporten_nokkel_pem": "MASKINPORTEN_NOKKEL_PEM",
    "maskinporten_scope": "MASKINPORTEN_SCOPE",
    "tilgangslogg_database": "TILGANGSLOGG_DATABASE",
    "arrangor_features": "ARRANGOR_FEATURES",
    "nav_oidc_issuer": "NAV_OIDC_ISSUER",
    "nav_oidc_audience": "NAV_OIDC_AUDIENCE",
    "nav_jwks_url": "NAV_JWKS_URL",
    "nav_drift_grupper": "NAV_DRIFT_GRUPPER",
    "arkiv_adapter": "ARKIV_ADAPTER",
    "dokarkiv_url": "DOKARKIV_URL",
    "dokarkiv_scope": "DOKARKIV_SCOPE",
    "dokarkiv_fagsaksystem": "DOKARKIV_FAGSAKSYSTEM",
    "varsling_adapter": "VARSLING_ADAPTER",
    "arrangorflate_url": "ARRANGORFLATE_URL",
    "altinn_varsling_scope": "ALTINN_VARSLING_SCOPE",
    "oppgave_url": "OPPGAVE_URL",
    "oppgave_scope": "OPPGAVE_SCOPE",
    "entra_token_url": "ENTRA_TOKEN_URL",
    "entra_klient_id": "ENTRA_KLIENT_ID",
    "entra_klient_hemmelighet": "ENTRA_KLIENT_HEMMELIGHET",
    "attestering_varsel_dager": "ATTESTERING_VARSEL_DAGER",
    "kontoregister_adapter": "KONTOREGISTER_ADAPTER",
    "kontoregister_url": "KONTOREGISTER_URL",
    "kontoregister_scope": "KONTOREGISTER_SCOPE",
    "virusskanner": "VIRUSSKANNER",
    "clamav_url": "CLAMAV_URL",
    "nav_tilganger_adapter": "NAV_TILGANGER_ADAPTER",
    "nav_gruppe_roller": "NAV_GRUPPE_ROLLER",
    "avtale_frontend_url": "AVTALE_FRONTEND_URL",
    "avtale_intern_url": "AVTALE_INTERN_URL",
}


def _api_settings(kilde: dict[str, str]) -> dict[str, str]:
    """Only variables that are set and non-empty; the field defaults cover the rest."""
    return {felt: kilde[navn] for felt, navn in _API_ENV.items() if kilde.get(navn)}


_prosjekt: ContextVar[str | None] = ContextVar("prosjekt", default=None)


@cache
def _settings_for(prosjekt: str | None) -> Settings:
    env = dict(os.environ)
    if prosjekt is not None:
        env["GOOGLE_CLOUD_PROJECT"] = prosjekt
    return les_settings(env)


def settings() -> Settings:
    """Validated once per process (per project, see `i_prosjekt`); invalid settings are `Konfigurasjonsfeil`."""
    try:
        return _settings_for(_prosjekt.get())
    except ValidationError as e:
        raise Konfigurasjonsfeil(f"ugyldige innstillinger: {e.errors()[0]['msg']}") from e


def krev_gyldig(mangler: str = "") -> Settings:
    """For an entry point while it is loaded: the settings, or `Konfigurasjonsfeil`, so the process does not start.
    `mangler` names an API whose production settings must all be present (`arrangor`, `nav`)."""
    s = settings()
    manglende = {"arrangor": s.mangler_for_arrangor_api, "nav": s.mangler_for_nav_api}[mangler]() if mangler else []
    if manglende:
        raise Konfigurasjonsfeil(f"må settes utenfor emulatorene: {', '.join(manglende)}; tjenesten starter ikke")
    return s


def bruk_lokal_stack() -> None:
    """For the command-line tools: with no emulator configured and a `demo-*` project (which never reaches a real
    project), point the Google clients at the local stack running from this checkout, as
    `eval "$(python -m emulators miljo)"` would (domene.md §2). The stack writes `klientmiljo.json` when it starts."""
    prosjekt = os.environ.get("GOOGLE_CLOUD_PROJECT") or "demo-utbetaling"
    if os.environ.get("FIRESTORE_EMULATOR_HOST") or not prosjekt.startswith("demo-"):
        return
    rot = Path(__file__).resolve().parents[1]
    fil = rot / os.environ.get("UTBETALING_STACK_KJOREMAPPE", ".run") / "klientmiljo.json"
    try:
        miljo = json.loads(fil.read_text())
    except (OSError, ValueError):
        return
    for nokkel, verdi in miljo.items():
        os.environ.setdefault(str(nokkel), str(verdi))
    nullstill_settings()


def nullstill_settings() -> None:
    """Forget validated settings, e.g. after a test changed the environment."""
    _settings_for.cache_clear()


@contextmanager
def i_prosjekt(prosjekt: str) -> Iterator[None]:
    """Settings as if `GOOGLE_CLOUD_PROJECT=prosjekt`, for the current thread/context only.

    Only the local functions host uses this: it runs every function in one process and serves many (test)
    projects at once, so it enters the project the event came from. In the cloud a function lives in one
    project and this is never called. Code that builds clients must therefore take the project from
    `settings().gcp_project` (cache clients per project), never from the environment.
    """
    token = _prosjekt.set(prosjekt)
    try:
        yield
    finally:
        _prosjekt.reset(token)
