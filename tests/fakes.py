"""In-memory fakes of the ports in shared/service/ports.py (they implement our Protocols, not the SDK)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta

from shared.domain.generering.krav import Grunnlag
from shared.domain.generering.regler import kan_generere
from shared.domain.grunnlag.deltakelse import Deltakelse
from shared.domain.grunnlag.forslag import Forslag, ForslagMelding
from shared.domain.grunnlag.gjennomforing import Gjennomforing, GjennomforingMelding
from shared.domain.grunnlag.melding import Gravstein, InngaendeMelding
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.domain.utbetaling.utbetaling import Utbetaling, UtbetalingStatus
from shared.domain.varsling.varsel import Varsel
from shared.service.ports import Kandidatperiode, KontoregisterFeil, Lagret


class FakeKlokke:
    def __init__(self, start: datetime | None = None) -> None:
        self.tid = start or datetime(2025, 11, 7, 4, 0, tzinfo=UTC)
        self.sovet: list[float] = []

    def na(self) -> datetime:
        self.tid += timedelta(microseconds=1)
        return self.tid

    def sov(self, sekunder: float) -> None:
        self.sovet.append(sekunder)
        self.tid += timedelta(seconds=sekunder)


class FakePublisher:
    def __init__(self) -> None:
        self.meldinger: list[tuple[str, bytes]] = []

    def publiser(self, topic: str, data: bytes) -> None:
        self.meldinger.append((topic, data))

    def til(self, topic: str) -> list[bytes]:
        return [d for t, d in self.meldinger if t == topic]


class FakeKontoregister:
    def __init__(self, kontoer: dict[str, str] | None = None, feiler: bool = False) -> None:
        self.kontoer = kontoer or {}
        self.feiler = feiler

    def hent_kontonumre(self, orgnr: Iterable[str]) -> Mapping[str, str | None]:
        if self.feiler:
            raise KontoregisterFeil("nede")
        return {o: self.kontoer.get(o) for o in orgnr}


class FakeRepo:
    """GenereringRepo + OmberegningRepo + IngestRepo in memory; `endret` comes from the shared clock."""

    def __init__(self, klokke: FakeKlokke) -> None:
        self.klokke = klokke
        self.dokumenter: dict[str, dict[str, InngaendeMelding]] = {}
        self.endret: dict[tuple[str, str], datetime] = {}
        self.gjennomforinger: dict[str, Gjennomforing] = {}
        self.avtaler: dict[str, Avtale] = {}
        self.deltakelser: dict[str, Deltakelse] = {}
        self.forslag: dict[str, Forslag] = {}
        self.tilsagn: dict[str, Tilsagn] = {}
        self.utbetalinger: dict[str, Utbetaling] = {}
        self.historikk: list[tuple[str, str]] = []
        self.varsler: dict[str, Varsel] = {}
        self.markorer: dict[str, datetime] = {}
        self.markorer_opprettet = 0

    # ingest
    def lagre_hvis_nyere(self, samling: str, melding: InngaendeMelding) -> Lagret:
        lager = self.dokumenter.setdefault(samling, {})
        gammel = lager.get(melding.id)
        if gammel is not None and gammel.versjon >= melding.versjon:
            return Lagret(False)
        lager[melding.id] = melding
        self.endret[(samling, melding.id)] = self.klokke.na()
        berorte: set[str | None] = set()
        if isinstance(melding, GjennomforingMelding):
            self.gjennomforinger[melding.id] = Gjennomforing.model_validate(melding.model_dump())
            berorte = {melding.id}
        elif isinstance(melding, Deltakelse):
            forrige = self.deltakelser.get(melding.id)
            self.deltakelser[melding.id] = melding
            berorte = {melding.gjennomforing_id, forrige.gjennomforing_id if forrige else None}
        elif isinstance(melding, ForslagMelding):
            d = self.deltakelser.get(melding.deltaker_id)
            f = Forslag.model_validate({**melding.model_dump(), "gjennomforing_id": d.gjennomforing_id if d else None})
            self.forslag[melding.id] = f
            berorte = {f.gjennomforing_id}
        elif isinstance(melding, Gravstein) and samling == "deltakelser" and melding.id in self.deltakelser:
            d = self.deltakelser[melding.id]
            self.deltakelser[melding.id] = d.model_copy(update={"slettet": True, "versjon": melding.versjon})
            berorte = {d.gjennomforing_id}
        return Lagret(True, frozenset(b for b in berorte if b))

    def endre(self, samling: str, dok_id: str) -> None:
        self.endret[(samling, dok_id)] = self.klokke.na()

    # generation
    def list_kandidatperioder(self) -> Iterable[Kandidatperiode]:
        return [
            Kandidatperiode(g.id, g.start_dato, g.slutt_dato)
            for g in self.gjennomforinger.values()
            if kan_generere(g.status, g.prismodell, g.slettet)
        ]

    def hent_grunnlag(self, gjennomforing_ider: Sequence[str], maned: str) -> dict[str, Grunnlag]:
        ut = {}
        for gid in gjennomforing_ider:
            g = self.gjennomforinger.get(gid)
            if g is None:
                continue
            ut[gid] = Grunnlag(
                gjennomforing=g,
                avtale=self.avtaler.get(g.avtale_id) if g.avtale_id else None,
                deltakelser=tuple(d for d in self.deltakelser.values() if d.gjennomforing_id == gid),
                forslag=tuple(f for f in self.forslag.values() if f.gjennomforing_id == gid),
                tilsagn=tuple(t for t in self.tilsagn.values() if t.gjennomforing_id == gid),
                utbetalinger=tuple(u for u in self.utbetalinger.values() if u.gjennomforing_id == gid),
            )
        return ut

    def opprett_utbetaling(self, utbetaling: Utbetaling, operasjon: str, varsel: Varsel | None = None) -> bool:
        if utbetaling.id in self.utbetalinger:
            return False
        self.utbetalinger[utbetaling.id] = utbetaling
        self.historikk.append((utbetaling.id, operasjon))
        if varsel is not None:
            self.varsler.setdefault(varsel.id, varsel)
        return True

    def opprett_utbetalinger(
        self, utbetalinger: Sequence[Utbetaling], operasjon: str, varsler: Mapping[str, Varsel] | None = None
    ) -> list[bool]:
        return [self.opprett_utbetaling(u, operasjon, (varsler or {}).get(u.id)) for u in utbetalinger]

    # recalculation
    def med_generert_utbetaling(self, gjennomforing_ider: Sequence[str]) -> set[str]:
        return {
            u.gjennomforing_id
            for u in self.utbetalinger.values()
            if u.gjennomforing_id in gjennomforing_ider and u.status is UtbetalingStatus.GENERERT
        }

    def opprett_omberegning(self, gjennomforing_id: str, forfall: datetime) -> None:
        if gjennomforing_id not in self.markorer:
            self.markorer[gjennomforing_id] = forfall
            self.markorer_opprettet += 1

    def hent_omberegning(self, gjennomforing_id: str) -> datetime | None:
        return self.markorer.get(gjennomforing_id)

    def slett_omberegning(self, gjennomforing_id: str) -> None:
        self.markorer.pop(gjennomforing_id, None)

    def har_endringer_etter(self, gjennomforing_id: str, t0: datetime) -> bool:
        hører_til = {("gjennomforinger", gjennomforing_id)}
        hører_til |= {
            ("deltakelser", d.id) for d in self.deltakelser.values() if d.gjennomforing_id == gjennomforing_id
        }
        hører_til |= {("forslag", f.id) for f in self.forslag.values() if f.gjennomforing_id == gjennomforing_id}
        hører_til |= {("tilsagn", t.id) for t in self.tilsagn.values() if t.gjennomforing_id == gjennomforing_id}
        return any(tid >= t0 for nokkel, tid in self.endret.items() if nokkel in hører_til)

    def endringer_etter(self, gjennomforing_ider: Sequence[str], t0: datetime) -> set[str]:
        return {gid for gid in gjennomforing_ider if self.har_endringer_etter(gid, t0)}

    def hent_utbetalinger(self, gjennomforing_id: str) -> list[Utbetaling]:
        return [u for u in self.utbetalinger.values() if u.gjennomforing_id == gjennomforing_id]

    def oppdater_utbetaling(self, utbetaling: Utbetaling, forrige_updated_at: datetime, operasjon: str) -> bool:
        gammel = self.utbetalinger.get(utbetaling.id)
        if gammel is None or gammel.status is not UtbetalingStatus.GENERERT or gammel.updated_at != forrige_updated_at:
            return False
        self.utbetalinger[utbetaling.id] = utbetaling
        self.historikk.append((utbetaling.id, operasjon))
        return True

    def slett_utbetaling(self, utbetaling_id: str, forrige_updated_at: datetime) -> bool:
        gammel = self.utbetalinger.get(utbetaling_id)
        if gammel is None or gammel.status is not UtbetalingStatus.GENERERT or gammel.updated_at != forrige_updated_at:
            return False
        del self.utbetalinger[utbetaling_id]
        return True
