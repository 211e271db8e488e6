"""A small consistent ledger for the reconciliation tests: one calculated AFT claim for November 2025, approved on
one tilsagn, its FAKTURA published and paid. Unit tests check it as domain objects; the integration tests write it
to the Firestore emulator through the real mapping and edit the documents by hand to inject each discrepancy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from shared.domain.avstemming.avvik import Avstemmingsgrunnlag
from shared.domain.beregning import beregn, les_beregning_input, til_json
from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.generering.json_tekst import json_bytes
from shared.domain.generering.krav import pakk
from shared.domain.nav.totrinnskontroll import Agent, Kontrolltype, behandle, beslutt
from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType
from shared.domain.utbetaling.utbetaling import Betalingsinformasjon, Opprinnelse, Utbetaling, UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import Faktura, Fakturastatus, LinjeStatus, Utbetalingslinje
from shared.domain.utsending.utsending import Utsending, UtsendingType, utsending

T0 = datetime(2025, 12, 7, 4, 0, tzinfo=UTC)
SENDT = datetime(2025, 12, 8, 9, 0, tzinfo=UTC)
NA = datetime(2025, 12, 20, 12, 0, tzinfo=UTC)


def beregning_gz(deltakere: int = 2, sats: int = 20_975) -> tuple[int, bytes]:
    """(amount, beregning_gz) of an AFT November 2025 claim with `deltakere` full-time participants."""
    dokument: dict[str, object] = {
        "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED",
        "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING",
        "periode": {"start": "2025-11-01", "slutt": "2025-12-01"},
        "valuta": "NOK",
        "satser": [{"gjelder_fra": "2025-01-01", "sats": sats}],
        "stengt": [],
        "deltakelser": [
            {"id": f"d{i}", "status": "DELTAR", "start_dato": "2025-10-01", "slutt_dato": None,
             "deltakelsesmengder": [{"gyldig_fra": "2025-10-01", "deltakelsesprosent": 100}]}
            for i in range(deltakere)
        ],
        "tilsagn": [],
    }  # fmt: skip
    input_bytes = json_bytes(dokument)
    b = beregn(les_beregning_input(input_bytes))
    return b.belop, pakk(input_bytes, til_json(b.output).encode())[1]


@dataclass
class Bok:
    """The ledger's parts, as one test wants to edit them."""

    utbetaling: Utbetaling
    linje: Utbetalingslinje
    tilsagn: Tilsagn
    faktura: Utsending

    def grunnlag(self) -> Avstemmingsgrunnlag:
        return Avstemmingsgrunnlag((self.utbetaling,), (self.linje,), (self.tilsagn,), (self.faktura,))


def lag_bok(gjennomforing_id: str = "g-1", suffiks: str = "1") -> Bok:
    belop, gz = beregning_gz()
    saksbehandler, beslutter = Agent.nav("S100001"), Agent.nav("B100002")
    godkjent_tilsagn = beslutt(behandle(Kontrolltype.OPPRETTELSE, saksbehandler, T0 - timedelta(days=60)),
                               beslutter, T0 - timedelta(days=59), godkjent=True)  # fmt: skip
    bestilling = f"A-2025/{suffiks}-1"
    t = Tilsagn(
        id=f"t-{suffiks}", gjennomforing_id=gjennomforing_id, type=TilsagnType.TILSAGN,
        periode_start=date(2025, 7, 1), periode_slutt=date(2026, 1, 1), belop=500_000, belop_brukt=belop,
        status=TilsagnStatus.GODKJENT, kostnadssted="0387", lopenummer=1, bestillingsnummer=bestilling,
        totrinnskontroller=(godkjent_tilsagn,), neste_linje_lopenummer=2, neste_sekvens=3,
    )  # fmt: skip
    u = Utbetaling(
        id=f"u-{suffiks}", gjennomforing_id=gjennomforing_id, tiltakskode="ARBEIDSFORBEREDENDE_TRENING",
        arrangor_orgnr="973123456", periode_start=date(2025, 11, 1), periode_slutt=date(2025, 12, 1),
        maned="2025-11", opprinnelse=Opprinnelse.GENERERT, status=UtbetalingStatus.UTBETALT,
        prismodell="FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", belop=belop, valuta="NOK", beregning_gz=gz,
        betalingsinformasjon=Betalingsinformasjon(kontonummer="12345678903", kid=None),
        created_at=T0, updated_at=T0 + timedelta(days=1),
    )  # fmt: skip
    attestert = beslutt(behandle(Kontrolltype.ATTESTERING, saksbehandler, T0 + timedelta(hours=2)),
                        Agent.nav("A100003"), T0 + timedelta(hours=3), godkjent=True)  # fmt: skip
    nummer = f"{bestilling}-1"
    linje = Utbetalingslinje(
        id=f"l-{suffiks}", utbetaling_id=u.id, tilsagn_id=t.id, periode_start=u.periode_start,
        periode_slutt=u.periode_slutt, belop=belop, lopenummer=1, fakturanummer=nummer, status=LinjeStatus.UTBETALT,
        totrinnskontroll=attestert,
        faktura=Faktura(status=Fakturastatus.FULLT_BETALT, status_endret_tidspunkt=SENDT + timedelta(hours=5)),
    )  # fmt: skip
    periode = {"start": "2025-11-01", "slutt": "2025-12-01"}
    melding: dict[str, object] = {
        "fakturanummer": nummer, "bestillingsnummer": bestilling, "belop": belop, "valuta": "NOK", "periode": periode
    }  # fmt: skip
    post = utsending(UtsendingType.FAKTURA, bestilling, 2, melding, T0 + timedelta(hours=3), nummer)
    post = post.model_copy(update={"fakturanummer": nummer, "sendt": True, "sendt_tidspunkt": SENDT})
    return Bok(u, linje, t, post)
