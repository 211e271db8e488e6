"""Synthetic sample data: the demo data set and the national-size data set of domene.md §13.

Everything Nav's source systems would send is produced as inbound messages in exactly the schemas of domene.md §3.4
(`arrangor-v1`, `avtale-v1`, `gjennomforing-v1`, `deltaker-v1`, `forslag-v1`), so a loader can publish them through
the real topics, or hand them to the same ingest code in bulk. What comes through Nav's own API (tilsagn, stengt
periods) and the account register (kontonumre) is produced as plain records beside them.

The data is deterministic for a given seed. Fødselsnumre are synthetic (month + 80, the convention of Nav's test
data register), with valid check digits, and never belong to a real person. Organisasjonsnumre and kontonumre
have valid MOD11 check digits.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from shared import topics
from shared.domain.beregning import PeriodeInput, TilsagnBeregningInput, beregn_tilsagn
from shared.domain.beregning.modeller import Linje
from shared.domain.felles.kodeverk import SYSTEM_SATSER, Prismodell, Tiltakskode

NS = uuid.UUID("6f1f8f0e-4a43-4c8e-9a8e-0c3b1c2d7e55")
Melding = dict[str, Any]

FORNAVN = (
    "Ola Kari Nora Emma Jakob Lukas Sofie Ingrid Filip Aksel Maja Ella Oskar Henrik Leah Sara Emil Noah Olivia "
    "Tiril Magnus Sander Ida Thea Johannes Mathias Hedda Frida Live Elias Ada Vilde Jonas Tobias Amalie Mia"
).split()
ETTERNAVN = (
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen Pettersen Eriksen "
    "Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen Henriksen Lund Sørensen Moen"
).split()


def _mod11(siffer: str, vekter: tuple[int, ...]) -> int | None:
    rest = sum(int(s) * v for s, v in zip(siffer, vekter, strict=True)) % 11
    kontroll = 0 if rest == 0 else 11 - rest
    return None if kontroll == 10 else kontroll


def _orgnr(rng: random.Random) -> str:
    while True:
        grunn = str(rng.choice((8, 9))) + "".join(str(rng.randrange(10)) for _ in range(7))
        kontroll = _mod11(grunn, (3, 2, 7, 6, 5, 4, 3, 2))
        if kontroll is not None:
            return grunn + str(kontroll)


def _kontonummer(rng: random.Random) -> str:
    while True:
        grunn = "".join(str(rng.randrange(10)) for _ in range(10))
        kontroll = _mod11(grunn, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
        if kontroll is not None:
            return grunn + str(kontroll)


def _syntetisk_fnr(rng: random.Random) -> str:
    """A synthetic fødselsnummer: the month is + 80, so it can never be a real person's."""
    while True:
        fodt = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 45))
        individ = rng.randrange(500, 1000) if fodt.year >= 2000 else rng.randrange(0, 500)
        grunn = f"{fodt.day:02d}{fodt.month + 80:02d}{fodt.year % 100:02d}{individ:03d}"
        k1 = _mod11(grunn, (3, 7, 6, 1, 8, 9, 4, 5, 2))
        if k1 is None:
            continue
        k2 = _mod11(grunn + str(k1), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
        if k2 is not None:
            return f"{grunn}{k1}{k2}"


def _id(*deler: object) -> str:
    return str(uuid.uuid5(NS, "/".join(str(d) for d in deler)))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _maned(maned: str) -> tuple[date, date]:
    ar, mnd = (int(x) for x in maned.split("-"))
    start = date(ar, mnd, 1)
    slutt = date(ar + (mnd == 12), mnd % 12 + 1, 1)
    return start, slutt


@dataclass(frozen=True)
class Tiltak:
    """One kind of gjennomføring in the data set: code, model, and the agreed price where there is one."""

    tiltakskode: Tiltakskode
    prismodell: Prismodell
    navn: str
    avtalt_sats: int | None = None


AFT = Tiltak(Tiltakskode.ARBEIDSFORBEREDENDE_TRENING, Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED, "AFT")
VTA = Tiltak(Tiltakskode.VARIG_TILRETTELAGT_ARBEID_SKJERMET, Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED, "VTA")
TAO = Tiltak(Tiltakskode.TILRETTELAGT_ARBEID_ORDINAER, Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED, "VTA-O")
AVKLARING = Tiltak(
    Tiltakskode.AVKLARING, Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE, "Avklaring", avtalt_sats=3150
)
OPPFOLGING = Tiltak(
    Tiltakskode.OPPFOLGING,
    Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED,
    "Oppfølging",
    avtalt_sats=12500,
)
ARR = Tiltak(
    Tiltakskode.ARBEIDSRETTET_REHABILITERING,
    Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED,
    "Arbeidsrettet rehabilitering",
    avtalt_sats=16900,
)
DOT = Tiltak(
    Tiltakskode.DIGITALT_OPPFOLGINGSTILTAK,
    Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE,
    "Digitalt jobbsøkerkurs",
    avtalt_sats=1850,
)
JOBBKLUBB = Tiltak(Tiltakskode.JOBBKLUBB, Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_UKE, "Jobbklubb", 2400)
GRUPPE_AMO = Tiltak(
    Tiltakskode.GRUPPE_ARBEIDSMARKEDSOPPLAERING, Prismodell.ANNEN_AVTALT_PRIS, "Arbeidsmarkedsopplæring i gruppe"
)
"""Annen avtalt pris: the arrangør claims by hand (amount + optional vedlegg), for any period up to the gyldig end."""
OPPFOLGING_TIMEPRIS = Tiltak(
    Tiltakskode.OPPFOLGING,
    Prismodell.AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER,
    "Oppfølging (timepris)",
    avtalt_sats=1250,
)
"""Timepris: one whole month per claim, with the participant list (DELTAKERLISTE step) and the sats as context."""

NASJONAL_MIKS: tuple[tuple[Tiltak, int], ...] = (
    (AFT, 900),
    (VTA, 1100),
    (OPPFOLGING, 1000),
    (AVKLARING, 600),
    (ARR, 300),
    (DOT, 300),
    (JOBBKLUBB, 300),
)
"""The 4 500 participant-based gjennomføringer of §13, by kind."""


@dataclass
class Datasett:
    """Inbound messages per topic, and what Nav's own API and the account register hold."""

    maned: str
    meldinger: dict[str, list[Melding]] = field(default_factory=lambda: {t: [] for t in _INNGAENDE_DATA})
    kontonumre: dict[str, str] = field(default_factory=dict)
    tilsagn: list[dict[str, Any]] = field(default_factory=list)
    stengt: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """gjennomforing_id → [{start, slutt (inclusive), beskrivelse}]"""

    def alle_meldinger(self) -> Iterator[tuple[str, Melding]]:
        """Parents before children, as a well-behaved source would send them (the ingest copes with any order)."""
        for topic in _INNGAENDE_DATA:
            for melding in self.meldinger[topic]:
                yield topic, melding

    def antall(self) -> dict[str, int]:
        return {topic: len(m) for topic, m in self.meldinger.items()} | {"tilsagn": len(self.tilsagn)}


_INNGAENDE_DATA = (topics.ARRANGOR, topics.AVTALE, topics.GJENNOMFORING, topics.DELTAKER, topics.FORSLAG)


class _Bygger:
    """Keeps the counters and the random source while a data set is built."""

    def __init__(self, maned: str, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ds = Datasett(maned=maned)
        self.start, self.slutt = _maned(maned)
        self.lopenummer = 0
        self.gjennomforinger: dict[str, Melding] = {}
        self.tilsagn_teller: dict[str, int] = {}

    def arrangor(self, navn: str, overordnet: str | None = None, med_konto: bool = True) -> str:
        orgnr = _orgnr(self.rng)
        self.ds.meldinger[topics.ARRANGOR].append(
            {
                "id": _id("arrangor", orgnr),
                "versjon": 1,
                "slettet": False,
                "organisasjonsnummer": orgnr,
                "navn": navn,
                "overordnet_enhet": overordnet,
                "slettet_dato": None,
            }
        )
        if med_konto:
            self.ds.kontonumre[orgnr] = _kontonummer(self.rng)
        return orgnr

    def gjennomforing(self, tiltak: Tiltak, orgnr: str, navn: str, start: date) -> str:
        self.lopenummer += 1
        gid = _id("gjennomforing", orgnr, self.lopenummer)
        avtale_id = None
        if tiltak.avtalt_sats is not None:
            avtale_id = _id("avtale", gid)
            self.ds.meldinger[topics.AVTALE].append(
                {
                    "id": avtale_id,
                    "versjon": 1,
                    "slettet": False,
                    "avtalenummer": f"{start.year}#{self.lopenummer}",
                    "arrangor_orgnr": orgnr,
                    "prismodell": tiltak.prismodell.value,
                    "satser": [{"gjelder_fra": "2025-01-01", "sats": tiltak.avtalt_sats}],
                }
            )
        melding: Melding = {
            "id": gid,
            "versjon": 1,
            "slettet": False,
            "lopenummer": f"{start.year}/{self.lopenummer}",
            "navn": navn,
            "tiltakskode": tiltak.tiltakskode.value,
            "arrangor_orgnr": orgnr,
            "avtale_id": avtale_id,
            "start_dato": start.isoformat(),
            "slutt_dato": None,
            "status": "GJENNOMFORES",
            "prismodell": tiltak.prismodell.value,
            "valuta": "NOK",
        }
        self.gjennomforinger[gid] = melding
        self.ds.meldinger[topics.GJENNOMFORING].append(melding)
        return gid

    def deltaker(
        self,
        gid: str,
        status: str,
        start: date | None,
        slutt: date | None,
        mengder: list[tuple[date, int]] | None = None,
    ) -> str:
        nr = len(self.ds.meldinger[topics.DELTAKER])
        did = _id("deltaker", gid, nr)
        beskyttelse = "STRENGT_FORTROLIG" if self.rng.random() < 0.01 else "UGRADERT"
        self.ds.meldinger[topics.DELTAKER].append(
            {
                "id": did,
                "versjon": 1,
                "slettet": False,
                "gjennomforing_id": gid,
                "person": {
                    "norsk_ident": _syntetisk_fnr(self.rng),
                    "fornavn": self.rng.choice(FORNAVN),
                    "etternavn": self.rng.choice(ETTERNAVN),
                    "adressebeskyttelse": beskyttelse,
                    "skjermet": self.rng.random() < 0.005,
                },
                "status": status,
                "start_dato": _iso(start),
                "slutt_dato": _iso(slutt),
                "deltakelsesmengder": [
                    {"gyldig_fra": d.isoformat(), "deltakelsesprosent": p} for d, p in (mengder or [])
                ],
            }
        )
        return did

    def forslag(self, deltaker_id: str, endring: dict[str, Any], status: str = "VENTER_PA_SVAR") -> str:
        fid = _id("forslag", deltaker_id, len(self.ds.meldinger[topics.FORSLAG]))
        self.ds.meldinger[topics.FORSLAG].append(
            {
                "id": fid,
                "versjon": 1,
                "slettet": False,
                "deltaker_id": deltaker_id,
                "status": status,
                "endring": endring,
            }
        )
        return fid

    def tilsagn(
        self,
        gid: str,
        tiltak: Tiltak,
        plasser: int | None,
        kostnadssted: str = "0387",
        *,
        type: str = "TILSAGN",
        linjer: tuple[Linje, ...] | None = None,
        timer: int | None = None,
    ) -> None:
        """A GODKJENT tilsagn for the calendar year of the month, its amount from the calculation engine
        (`beregn-tilsagn`, §5.4): the sats in force that year × places (× hours for timepris), or the `linjer` of a
        fri beregning (annen avtalt pris, investering). The input and output are kept, as Nav's API keeps them."""
        ar = self.start.year
        gjennomforing = self.gjennomforinger[gid]
        lopenr = self.tilsagn_teller.get(gid, 0) + 1
        self.tilsagn_teller[gid] = lopenr
        sats = None if linjer is not None else self._sats(tiltak, date(ar, 1, 1))
        periode = PeriodeInput(start=date(ar, 1, 1), slutt=date(ar + 1, 1, 1))
        inndata = TilsagnBeregningInput(
            prismodell=tiltak.prismodell,
            tiltakskode=tiltak.tiltakskode,
            periode=periode,
            sats=sats,
            antall_plasser=plasser,
            stengt=(),
            antall_timer_oppfolging_per_deltaker=timer,
            linjer=linjer,
        )
        ut = beregn_tilsagn(inndata)
        self.ds.tilsagn.append(
            {
                "id": _id("tilsagn", gid, lopenr),
                "gjennomforing_id": gid,
                "type": type,
                "periode": {"start": f"{ar}-01-01", "slutt": f"{ar + 1}-01-01"},
                "kostnadssted": kostnadssted,
                "antall_plasser": plasser,
                "sats": sats,
                "belop": ut.belop,
                "belop_brukt": 0,
                "valuta": "NOK",
                "lopenummer": lopenr,
                "bestillingsnummer": f"A-{gjennomforing['lopenummer']}-{lopenr}",
                "status": "GODKJENT",
                "beregning": {
                    "prismodell": tiltak.prismodell.value,
                    "input": {  # the `beregn-tilsagn` input document (beregning-kontrakt.md)
                        "prismodell": tiltak.prismodell.value,
                        "tiltakskode": tiltak.tiltakskode.value,
                        "periode": {"start": f"{ar}-01-01", "slutt": f"{ar + 1}-01-01"},
                        "sats": sats,
                        "antall_plasser": plasser,
                        "stengt": [],
                        "antall_timer_oppfolging_per_deltaker": timer,
                        "linjer": None if linjer is None else [linje.model_dump() for linje in linjer],
                    },  # fmt: skip
                    "output": {"belop": ut.belop, "faktor": None if ut.faktor is None else str(ut.faktor)},
                },
            }
        )

    @staticmethod
    def _sats(tiltak: Tiltak, dag: date) -> int:
        if tiltak.avtalt_sats is not None:
            return tiltak.avtalt_sats
        gjeldende = [s.sats for s in SYSTEM_SATSER[tiltak.tiltakskode] if s.gjelder_fra <= dag]
        return gjeldende[-1]

    def fyll_deltakere(self, gid: str, tiltak: Tiltak, tellende: int, historiske: int) -> list[str]:
        """`tellende` participants counted in the month (some start or end inside it, some part-time), plus
        `historiske` who ended before it or never started (waiting list, not relevant)."""
        ider = []
        prosent = tiltak.prismodell is Prismodell.FAST_SATS_PER_BENYTTET_PLASS_PER_MANED
        for _ in range(tellende):
            start = self.start - timedelta(days=self.rng.randrange(1, 400))
            if self.rng.random() < 0.12:
                start = self.start + timedelta(days=self.rng.randrange(0, 20))
            slutt, status = None, "DELTAR"
            if self.rng.random() < 0.1:
                slutt, status = self.slutt - timedelta(days=self.rng.randrange(2, 25)), "HAR_SLUTTET"
                start = min(start, slutt)
            mengder = [(start, self.rng.choice((100, 100, 100, 80, 60, 50, 40)))] if prosent else []
            if prosent and self.rng.random() < 0.08:
                mengder.append((self.start + timedelta(days=self.rng.randrange(5, 25)), 100))
            ider.append(self.deltaker(gid, status, start, slutt, mengder))
        for _ in range(historiske):
            if self.rng.random() < 0.8:
                start = self.start - timedelta(days=self.rng.randrange(200, 900))
                slutt = start + timedelta(days=self.rng.randrange(30, 180))
                self.deltaker(gid, self.rng.choice(("HAR_SLUTTET", "FULLFORT", "AVBRUTT")), start, slutt, [])
            else:
                self.deltaker(gid, self.rng.choice(("VENTELISTE", "SOKT_INN", "IKKE_AKTUELL")), None, None, [])
        return ider


def demo(maned: str, seed: int = 7) -> Datasett:
    """A few arrangører with subunits, one gjennomføring of each main kind, a few hundred participants, tilsagn,
    a closed period, a pending forslag, one organisation without an account and one gjennomføring without a
    tilsagn — so the demo shows both paid-ready and blocked claims. The demo employee's organisation (Fjordvik) also
    has one gjennomføring per manual-claim flow of Nav's front end: annen avtalt pris, timepris with participants,
    and an INVESTERING tilsagn on its AFT, so «Opprett krav» can be tried for each."""
    b = _Bygger(maned, seed)
    fjordvik = b.arrangor("Fjordvik Arbeid AS")
    fjordvik_bergen = b.arrangor("Fjordvik Arbeid AS avd. Bergen", overordnet=fjordvik)
    fjordvik_voss = b.arrangor("Fjordvik Arbeid AS avd. Voss", overordnet=fjordvik)
    nordlys = b.arrangor("Nordlys Kompetanse AS")
    nordlys_tromso = b.arrangor("Nordlys Kompetanse AS avd. Tromsø", overordnet=nordlys)
    digital = b.arrangor("Digital Veiledning AS")
    digital_oslo = b.arrangor("Digital Veiledning AS avd. Oslo", overordnet=digital, med_konto=False)
    kafe = b.arrangor("Kafé Solsikke AS")
    kafe_avd = b.arrangor("Kafé Solsikke AS avd. Torget", overordnet=kafe)

    aft = b.gjennomforing(AFT, fjordvik_bergen, "AFT Bergen sentrum", date(2025, 7, 1))
    vta = b.gjennomforing(VTA, fjordvik_voss, "VTA Vossestrand verksted", date(2025, 7, 1))
    avklaring = b.gjennomforing(AVKLARING, nordlys_tromso, "Avklaring Tromsø", date(2025, 10, 1))
    oppfolging = b.gjennomforing(OPPFOLGING, nordlys_tromso, "Oppfølging Tromsø og omegn", date(2025, 10, 1))
    dot = b.gjennomforing(DOT, digital_oslo, "Digitalt jobbsøkerkurs Oslo", date(2025, 11, 1))
    tao = b.gjennomforing(TAO, kafe_avd, "VTA-O Kafé Solsikke", date(2025, 7, 1))
    # The manual-claim flows of the front end, for the demo employee's own organisation (Fjordvik): annen avtalt
    # pris, timepris with participants, and (below) an INVESTERING tilsagn on the AFT gjennomføring.
    amo = b.gjennomforing(GRUPPE_AMO, fjordvik_bergen, "AMO Bergen: truckførerkurs", date(2026, 1, 1))
    timepris = b.gjennomforing(OPPFOLGING_TIMEPRIS, fjordvik_bergen, "Oppfølging Bergen (timepris)", date(2025, 10, 1))

    b.fyll_deltakere(aft, AFT, 55, 30)
    b.fyll_deltakere(vta, VTA, 75, 25)
    b.fyll_deltakere(avklaring, AVKLARING, 35, 20)
    oppf = b.fyll_deltakere(oppfolging, OPPFOLGING, 45, 20)
    b.fyll_deltakere(dot, DOT, 40, 10)
    b.fyll_deltakere(timepris, OPPFOLGING_TIMEPRIS, 12, 4)
    b.deltaker(tao, "DELTAR", date(2025, 8, 1), None, [])
    b.deltaker(tao, "DELTAR", date(2026, 2, 1), None, [])

    b.forslag(
        oppf[3],
        {
            "type": "AVSLUTT_DELTAKELSE",
            "sluttdato": (b.start + timedelta(days=9)).isoformat(),
            "har_deltatt": True,
        },
    )
    b.ds.stengt[vta] = [
        {
            "start": (b.start + timedelta(days=15)).isoformat(),
            "slutt": (b.start + timedelta(days=16)).isoformat(),
            "beskrivelse": "Verkstedet stengt for vannlekkasje",
        }
    ]
    for gid, tiltak, plasser in (
        (aft, AFT, 50),
        (vta, VTA, 70),
        (avklaring, AVKLARING, 30),
        (oppfolging, OPPFOLGING, 40),
        (tao, TAO, 2),
    ):
        b.tilsagn(gid, tiltak, plasser)
    b.tilsagn(timepris, OPPFOLGING_TIMEPRIS, 15, timer=120)
    b.tilsagn(amo, GRUPPE_AMO, None, linjer=(Linje(beskrivelse="Truckførerkurs, 12 deltakere", pris=42000, antall=12),))
    b.tilsagn(aft, AFT, None, type="INVESTERING",
              linjer=(Linje(beskrivelse="Arbeidsbenker og verktøy", pris=125000, antall=1),))  # fmt: skip
    return b.ds


def nasjonal(maned: str, seed: int = 13, skala: float = 1.0) -> Datasett:
    """The national sizing of §13 (scaled by `skala`): 4 500 participant-based gjennomføringer with ≈ 15 counted
    participants each and ≈ 40 historic records each (250 000 records in all), 2 500 TAO gjennomføringer with
    ≈ 1.2 places from their tilsagn, 1 500 tiltaksarrangør orgnr and 2 500 TAO employers."""
    b = _Bygger(maned, seed)
    hovedenheter = [b.arrangor(f"Arrangør {i} AS") for i in range(max(1, round(500 * skala)))]
    underenheter = [
        b.arrangor(f"Arrangør avd. {i}", overordnet=b.rng.choice(hovedenheter))
        for i in range(max(1, round(1000 * skala)))
    ]
    for tiltak, antall in NASJONAL_MIKS:
        for i in range(max(1, round(antall * skala))):
            orgnr = b.rng.choice(underenheter)
            gid = b.gjennomforing(tiltak, orgnr, f"{tiltak.navn} {i}", date(2025, 7, 1))
            tellende = b.fyll_deltakere(gid, tiltak, tellende=b.rng.randint(8, 22), historiske=b.rng.randint(30, 48))
            if b.rng.random() < 0.02:
                b.forslag(tellende[0], {"type": "FJERN_OPPSTARTSDATO"})
            if b.rng.random() < 0.97:
                b.tilsagn(gid, tiltak, plasser=20)
            if b.rng.random() < 0.03:
                dag = b.start + timedelta(days=b.rng.randrange(0, 25))
                b.ds.stengt[gid] = [
                    {
                        "start": dag.isoformat(),
                        "slutt": (dag + timedelta(days=2)).isoformat(),
                        "beskrivelse": "Stengt",
                    }
                ]
    for i in range(max(1, round(2500 * skala))):
        orgnr = b.arrangor(f"Arbeidsgiver {i} AS", med_konto=b.rng.random() < 0.98)
        gid = b.gjennomforing(TAO, orgnr, f"VTA-O hos arbeidsgiver {i}", date(2025, 7, 1))
        b.deltaker(gid, "DELTAR", date(2025, 9, 1), None, [])
        b.tilsagn(gid, TAO, plasser=1 if b.rng.random() < 0.8 else 2)
    return b.ds
