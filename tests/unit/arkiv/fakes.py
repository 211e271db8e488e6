"""Fakes of archiving's own ports (service/arkiv/ports.py) and a claim with a stored beregning, for the unit tests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from shared.adapters.arkiv.pdf import FpdfArkivPdf
from shared.domain.arkiv.journalpost import Journalpost
from shared.domain.generering.krav import pakk
from shared.domain.grunnlag.deltakelse import Deltakelse, Person
from shared.domain.utbetaling.utbetaling import Betalingsinformasjon, Opprinnelse, Utbetaling, UtbetalingStatus
from shared.service.arkiv.arkiver import ArkivAvh
from shared.service.arkiv.ports import Arkivering, Arkivgrunnlag, VedleggMangler
from tests.bygg_generering import lag_deltakelse, ny_id

INNSENDT = datetime(2025, 10, 8, 9, 30, tzinfo=UTC)


def personer(gid: str) -> list[Deltakelse]:
    def p(ident: str, fornavn: str, grad: str = "UGRADERT", skjermet: bool = False) -> Person:
        return Person(norsk_ident=ident, fornavn=fornavn, etternavn="Testesen", adressebeskyttelse=grad,
                      skjermet=skjermet)  # fmt: skip

    return [
        lag_deltakelse(gid, person=p("01810012345", "Kari")),
        lag_deltakelse(gid, person=p("02820012345", "Hemmelig", "STRENGT_FORTROLIG")),
        lag_deltakelse(gid, person=p("03830012345", "Skjult", skjermet=True)),
    ]


def lag_krav(gid: str, deltakelser: Sequence[Deltakelse], **felt: object) -> Utbetaling:
    periode = {"start": "2025-09-01", "slutt": "2025-10-01"}
    inn = {"prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", "periode": periode, "satser": [],
           "stengt": [{"start": "2025-09-15", "slutt": "2025-09-17"}],
           "deltakelser": [{"id": d.id, "deltakelsesmengder": [{"gyldig_fra": "2025-08-01",
                                                                 "deltakelsesprosent": 40 if i == 0 else 100}]}
                           for i, d in enumerate(deltakelser)]}  # fmt: skip
    ut = {"belop": 57020, "periode": periode,
          "deltakelser": [{"id": d.id, "perioder": [{"start": "2025-09-01", "slutt": "2025-10-01",
                                                      "faktor": 0.5 if i == 0 else 1.0, "sats": 22870}]}
                          for i, d in enumerate(deltakelser)]}  # fmt: skip
    _, gz = pakk(json.dumps(inn).encode(), json.dumps(ut).encode())
    data: dict[str, object] = {
        "id": ny_id(), "gjennomforing_id": gid, "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING",
        "arrangor_orgnr": "973123456", "periode_start": date(2025, 9, 1), "periode_slutt": date(2025, 10, 1),
        "opprinnelse": Opprinnelse.GENERERT, "status": UtbetalingStatus.TIL_BEHANDLING,
        "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", "belop": 57020, "valuta": "NOK", "beregning_gz": gz,
        "betalingsinformasjon": Betalingsinformasjon(kontonummer="12345678901", kid="2345676"),
        "innsendt_tidspunkt": INNSENDT, "utbetales_tidligst": date(2025, 10, 7),
        "created_at": INNSENDT, "updated_at": INNSENDT,
    }  # fmt: skip
    return Utbetaling.model_validate(data | felt)


@dataclass
class FakeArkivRepo:
    utbetalinger: dict[str, Utbetaling] = field(default_factory=dict)
    arkiveringer: dict[str, Arkivering] = field(default_factory=dict)
    deltakelser: dict[str, Deltakelse] = field(default_factory=dict)
    filnavn: dict[str, str] = field(default_factory=dict)
    krasj_ved_tilbakeskriving: int = 0
    """The next n write-backs fail (a crash after the archive answered)."""
    avvist: dict[str, str] = field(default_factory=dict)

    def hent_arkivering(self, utbetaling_id: str) -> Arkivering | None:
        return self.arkiveringer.get(utbetaling_id)

    def hent_utbetaling(self, utbetaling_id: str) -> Utbetaling | None:
        return self.utbetalinger.get(utbetaling_id)

    def hent_grunnlag(
        self, u: Utbetaling, deltakelse_ider: Sequence[str], vedlegg_ider: Sequence[str]
    ) -> Arkivgrunnlag:
        return Arkivgrunnlag("Fjordvik Arbeid AS", "AFT Bergen", "2025/7",
                             {i: self.deltakelser[i] for i in deltakelse_ider if i in self.deltakelser},
                             {i: self.filnavn[i] for i in vedlegg_ider if i in self.filnavn})  # fmt: skip

    def lagre_journalpost(self, utbetaling_id: str, journalpost_id: str, na: datetime) -> None:
        if self.krasj_ved_tilbakeskriving:
            self.krasj_ved_tilbakeskriving -= 1
            raise ConnectionError("prosessen døde")
        u = self.utbetalinger[utbetaling_id]
        if not u.journalpost_id:
            self.utbetalinger[utbetaling_id] = u.model_copy(update={"journalpost_id": journalpost_id})
        a = self.arkiveringer[utbetaling_id]
        self.arkiveringer[utbetaling_id] = Arkivering(a.utbetaling_id, "JOURNALFORT", a.vedlegg, a.innsendt_av,
                                                      journalpost_id)  # fmt: skip

    def marker_avvist(self, utbetaling_id: str, kode: str, na: datetime) -> None:
        self.avvist[utbetaling_id] = kode


@dataclass
class FakeArkiv:
    """dokarkiv's contract: one journalpost per ekstern_referanse_id."""

    journalposter: dict[str, tuple[str, Journalpost]] = field(default_factory=dict)
    kall: int = 0
    feil: list[Exception] = field(default_factory=list)

    def journalfor(self, journalpost: Journalpost) -> str:
        self.kall += 1
        if self.feil:
            raise self.feil.pop(0)
        if journalpost.ekstern_referanse_id not in self.journalposter:
            jid = str(600000000 + len(self.journalposter))
            self.journalposter[journalpost.ekstern_referanse_id] = (jid, journalpost)
        return self.journalposter[journalpost.ekstern_referanse_id][0]


@dataclass
class FakeVedlegg:
    filer: dict[str, bytes] = field(default_factory=dict)
    kopiert: list[tuple[str, str]] = field(default_factory=list)

    def kopier_til_krav(self, utbetaling_id: str, vedlegg_id: str) -> bytes:
        if vedlegg_id not in self.filer:
            raise VedleggMangler(vedlegg_id)
        self.kopiert.append((utbetaling_id, vedlegg_id))
        return self.filer[vedlegg_id]


class FastKlokke:
    def na(self) -> datetime:
        return datetime(2025, 10, 8, 10, 0, tzinfo=UTC)

    def sov(self, sekunder: float) -> None:
        pass


def avh(repo: FakeArkivRepo, arkiv: FakeArkiv, vedlegg: FakeVedlegg | None = None) -> ArkivAvh:
    return ArkivAvh(repo=repo, arkiv=arkiv, vedlegg=vedlegg or FakeVedlegg(), pdf=FpdfArkivPdf(), klokke=FastKlokke())
