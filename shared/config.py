"""Settings: the only reader of `os.environ` in the code base.

The Google client libraries read `FIRESTORE_EMULATOR_HOST`, `PUBSUB_EMULATOR_HOST` and `STORAGE_EMULATOR_HOST`
themselves; we only read them to know whether we talk to emulators (for settings that must never reach
production). Add a field here, with a default and a docstring, rather than reading the environment elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator


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
    arrangor_oidc_issuer: str = "http://utbetaling.lokal/dev-utsteder"
    """Accepted `iss` (`ARRANGOR_OIDC_ISSUER`): TokenX/ID-porten in the cloud, the dev issuer locally."""
    arrangor_oidc_audience: str = "utbetaling-arrangor-api"
    """Accepted `aud` (`ARRANGOR_OIDC_AUDIENCE`)."""
    arrangor_jwks_url: str | None = None
    """JWKS of the issuer (`ARRANGOR_JWKS_URL`); locally the functions host's dev-issuer route."""
    lokal_statisk_token: str = "local-dev-token"
    """The static bearer Nav's arrangør front end sends when run locally (`LOKAL_STATISK_TOKEN`)."""
    lokal_statisk_token_pid: str | None = None
    """Test pid for that static bearer (`LOKAL_STATISK_TOKEN_PID`). Only allowed against the emulators."""
    bruker_hmac_nokkel: str = "lokal-hmac-nokkel-kun-for-emulatorer"
    """Key of HMAC-SHA256(pid) (`BRUKER_HMAC_NOKKEL`, from Secret Manager in the cloud)."""
    altinn_adapter: str = "lokal"
    """`lokal` (delegations from Firestore) or `altinn3` (`ALTINN_ADAPTER`)."""
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
    nav_oidc_issuer: str = "http://utbetaling.lokal/dev-utsteder"
    """Accepted `iss` of Nav tokens (`NAV_OIDC_ISSUER`): Entra ID in the cloud, the dev issuer locally."""
    nav_oidc_audience: str = "utbetaling-nav-api"
    """Accepted `aud` of Nav tokens (`NAV_OIDC_AUDIENCE`)."""
    nav_jwks_url: str | None = None
    """JWKS of the Nav issuer (`NAV_JWKS_URL`); locally the functions host's dev-issuer route."""
    nav_drift_grupper: str = ""
    """Comma-separated group ids (claim `groups`) of the DRIFT operators who may re-publish a FAKTURA
    (`NAV_DRIFT_GRUPPER`)."""

    # --- tiltaksavtale API (avtale.md §5.6, §7) ---
    avtale_frontend_url: str = "http://localhost:3000"
    """Front end of the links in notices, `{frontend}/avtale/{id}` (`AVTALE_FRONTEND_URL`)."""
    avtale_intern_url: str = "http://localhost:3001"
    """Base of the links in notices to Nav employees (`AVTALE_INTERN_URL`)."""

    @model_validator(mode="after")
    def _statisk_token_bare_mot_emulatorer(self) -> Settings:
        if self.lokal_statisk_token_pid and not self.mot_emulatorer:
            raise ValueError(
                "LOKAL_STATISK_TOKEN_PID er bare tillatt mot emulatorene (FIRESTORE_EMULATOR_HOST og "
                "PUBSUB_EMULATOR_HOST må være satt); tjenesten starter ikke"
            )
        return self

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
    """Validated once per process (per project, see `i_prosjekt`)."""
    return _settings_for(_prosjekt.get())


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
