"""The outbox dispatcher with fakes: order per bestillingsnummer, nothing before its time, failures and crashes
healed by the next run (domene.md §10.1, §10.2)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from shared.domain.utsending.utsending import Utsending, UtsendingType
from shared.service.nav.ports import Publisering
from shared.service.utsending.send_utsendinger import (
    BIT,
    LAS_S,
    Utsendingsresultat,
    send_etter_ny_post,
    send_utsendinger,
)
from tests.fakes import FakeKlokke

NA = datetime(2025, 12, 8, 9, 0, tzinfo=UTC)


class FakeUtsendingRepo:
    """The lease as the Firestore adapter keeps it: holder, fencing token (grows at every take), expiry."""

    def __init__(self, poster: Sequence[Utsending]) -> None:
        self.poster = {p.id: p for p in poster}
        self.las: str | None = None
        self.token = 0
        self.utloper = datetime.min.replace(tzinfo=UTC)
        self.igjen = False
        self.fornyet: list[int] = []

    def usendte(self) -> list[Utsending]:
        return [p for p in self.poster.values() if not p.sendt]

    def marker_sendt(self, ider: Sequence[str], tidspunkt: datetime) -> None:
        for i in ider:
            self.poster[i] = self.poster[i].model_copy(update={"sendt": True, "sendt_tidspunkt": tidspunkt})

    def ta_las(self, eier: str, na: datetime, varighet_s: float) -> int | None:
        if self.las is None or self.utloper < na:
            self.las, self.token = eier, self.token + 1
            self.utloper, self.igjen = na + timedelta(seconds=varighet_s), False
            return self.token
        self.igjen = True
        return None

    def bli_venter(self, eier: str, na: datetime) -> datetime | None:
        if self.las is None or self.utloper < na:
            return na
        if getattr(self, "venter", eier) != eier:
            return None
        self.venter = eier
        return self.utloper

    def forny_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        if (self.las, self.token) != (eier, token):
            return False
        self.utloper = na + timedelta(seconds=varighet_s)
        self.fornyet.append(token)
        return True

    def slipp_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        if (self.las, self.token) != (eier, token):
            return False
        if self.igjen:
            self.igjen = False
            self.utloper = na + timedelta(seconds=varighet_s)
            return True
        self.las = None
        return False


class FakeOrdnetPublisher:
    def __init__(self, feiler: set[str] | None = None) -> None:
        self.sendt: list[Publisering] = []
        self.feiler = feiler or set()
        self.runder: list[list[str]] = []

    def publiser_alle(
        self, meldinger: Sequence[Publisering], ved_svar: Callable[[int, BaseException | None], None] | None = None
    ) -> list[BaseException | None]:
        """As an ordering-key publisher: after a failure, the later messages of that key fail too."""
        self.runder.append([m.ordering_key for m in meldinger])
        svar: list[BaseException | None] = []
        stoppet: set[str] = set()
        for m in meldinger:
            if m.ordering_key in stoppet or (m.attributter.get("type") == "FAKTURA" and m.data.decode() in self.feiler):
                stoppet.add(m.ordering_key)
                svar.append(RuntimeError("nede"))
            else:
                self.sendt.append(m)
                svar.append(None)
            if ved_svar is not None:
                ved_svar(len(svar) - 1, svar[-1])
        return svar


def _post(
    nr: str, sekvens: int, type_: UtsendingType = UtsendingType.FAKTURA, tidligst: datetime | None = None
) -> Utsending:
    return Utsending(
        id=f"{nr}/{sekvens}",
        type=type_,
        bestillingsnummer=nr,
        sekvens=sekvens,
        melding={"n": f"{nr}/{sekvens}"},
        opprettet=NA,
        send_tidligst=tidligst,
        fakturanummer=f"{nr}-{sekvens}" if type_ is UtsendingType.FAKTURA else None,
    )


def _kjor(repo: FakeUtsendingRepo, pub: FakeOrdnetPublisher, na: datetime = NA) -> None:
    send_utsendinger(repo=repo, publisher=pub, klokke=FakeKlokke(na), eier="test")


def test_rekkefolgen_per_bestillingsnummer_holder_og_ulike_nokler_gaar_samtidig() -> None:
    repo = FakeUtsendingRepo(
        [_post("A-1", 3), _post("A-1", 1, UtsendingType.BESTILLING), _post("A-1", 2), _post("A-2", 1)]
    )
    pub = FakeOrdnetPublisher()
    _kjor(repo, pub)
    assert [m.data for m in pub.sendt if m.ordering_key == "A-1"] == [
        b'{"n":"A-1/1"}',
        b'{"n":"A-1/2"}',
        b'{"n":"A-1/3"}',
    ]
    # One publish call for every due record (in order per key), not a round trip per record of a key.
    assert pub.runder == [["A-1", "A-1", "A-1", "A-2"]]
    assert not repo.usendte()
    assert repo.las is None


def test_ingen_faktura_publiseres_for_sin_tid_og_den_holder_tilbake_senere_poster_av_samme_nokkel() -> None:
    senere = NA + timedelta(days=30)
    repo = FakeUtsendingRepo([_post("A-1", 1, tidligst=senere), _post("A-1", 2), _post("A-2", 1)])
    pub = FakeOrdnetPublisher()
    _kjor(repo, pub)
    assert [m.ordering_key for m in pub.sendt] == ["A-2"]
    _kjor(repo, pub, senere - timedelta(microseconds=10))
    assert [m.ordering_key for m in pub.sendt] == ["A-2"]
    _kjor(repo, pub, senere)
    assert [m.data for m in pub.sendt[1:]] == [b'{"n":"A-1/1"}', b'{"n":"A-1/2"}']
    assert pub.sendt[1].attributter["utbetalesTidligstTidspunkt"] == "2026-01-07T09:00:00.000000Z"


def test_feilet_publisering_stopper_nokkelen_og_neste_kjoring_sender_den() -> None:
    repo = FakeUtsendingRepo([_post("A-1", 1), _post("A-1", 2)])
    pub = FakeOrdnetPublisher(feiler={'{"n":"A-1/1"}'})
    _kjor(repo, pub)
    assert pub.sendt == [] and len(repo.usendte()) == 2
    pub.feiler.clear()
    _kjor(repo, pub)
    assert [m.data for m in pub.sendt] == [b'{"n":"A-1/1"}', b'{"n":"A-1/2"}']


def test_feil_midt_i_en_nokkel_sender_forgjengerne_og_holder_resten_til_neste_kjoring() -> None:
    repo = FakeUtsendingRepo([_post("A-1", 1), _post("A-1", 2), _post("A-1", 3), _post("A-2", 1)])
    pub = FakeOrdnetPublisher(feiler={'{"n":"A-1/2"}'})
    _kjor(repo, pub)
    assert sorted(p.id for p in repo.usendte()) == ["A-1/2", "A-1/3"]
    pub.feiler.clear()
    _kjor(repo, pub)
    assert [m.data for m in pub.sendt if m.ordering_key == "A-1"] == [
        b'{"n":"A-1/1"}', b'{"n":"A-1/2"}', b'{"n":"A-1/3"}']  # fmt: skip
    assert not repo.usendte()


def test_krasj_mellom_transaksjon_og_publisering_leges_av_utboksen() -> None:
    # The transaction committed the record, and the process died before any publish: the record is simply unsent.
    repo = FakeUtsendingRepo([_post("A-1", 1)])
    pub = FakeOrdnetPublisher()
    _kjor(repo, pub)
    assert len(pub.sendt) == 1 and not repo.usendte()
    _kjor(repo, pub)
    assert len(pub.sendt) == 1


def test_en_kjoring_som_finner_laasen_tatt_ber_innehaveren_kjore_en_gang_til() -> None:
    repo = FakeUtsendingRepo([_post("A-1", 1)])
    repo.las, repo.utloper = "annen", NA + timedelta(seconds=60)
    pub = FakeOrdnetPublisher()
    ut = send_utsendinger(repo=repo, publisher=pub, klokke=FakeKlokke(NA), eier="meg")
    assert ut.las_opptatt and repo.igjen and pub.sendt == []


class _Oppslag:
    def __init__(self, repo: FakeUtsendingRepo) -> None:
        self.repo = repo
        self.lest: list[str] = []

    def er_sendt(self, utsending_id: str) -> bool:
        self.lest.append(utsending_id)
        return self.repo.poster[utsending_id].sendt


def test_dytt_for_en_post_som_alt_er_sendt_koster_en_lesing_og_ingen_gjennomgang() -> None:
    repo = FakeUtsendingRepo([_post("A-1", 1), _post("A-2", 1)])
    pub = FakeOrdnetPublisher()
    oppslag = _Oppslag(repo)

    def dytt(utsending_id: str) -> object:
        return send_etter_ny_post(
            utsending_id, oppslag=oppslag, repo=repo, publisher=pub, klokke=FakeKlokke(NA), eier="test"
        )

    assert dytt("A-1/1") is not None  # the first nudge runs a pass, which sends both records
    assert dytt("A-2/1") is None  # the second finds its record sent: nothing more
    assert pub.runder == [["A-1", "A-2"]] and oppslag.lest == ["A-1/1", "A-2/1"]


class _StansEtterForsteBit(FakeUtsendingRepo):
    """After the first chunk is published and marked, the run stalls past its lease (a long GC pause, an overloaded
    host): meanwhile a second dispatcher takes the expired lease over (token 2) and runs to the end."""

    def __init__(self, poster: Sequence[Utsending], klokke: FakeKlokke, pub: FakeOrdnetPublisher) -> None:
        super().__init__(poster)
        self.klokke, self.pub = klokke, pub
        self.andre: Utsendingsresultat | None = None

    def marker_sendt(self, ider: Sequence[str], tidspunkt: datetime) -> None:
        super().marker_sendt(ider, tidspunkt)
        if self.las == "forste" and sum(p.sendt for p in self.poster.values()) >= BIT:  # the whole first chunk
            self.klokke.tid += timedelta(seconds=LAS_S + 1)
            self.andre = send_utsendinger(repo=self, publisher=self.pub, klokke=self.klokke, eier="andre")


def test_en_dispatcher_hvis_las_ble_overtatt_stopper_for_den_publiserer_mer_og_ingen_post_sendes_to_ganger() -> None:
    klokke = FakeKlokke(NA)
    pub = FakeOrdnetPublisher()
    repo = _StansEtterForsteBit([_post(f"A-{i:04d}", 1) for i in range(BIT * 3)], klokke, pub)
    forste = send_utsendinger(repo=repo, publisher=pub, klokke=klokke, eier="forste")
    andre = repo.andre
    assert andre is not None
    # The first run published one chunk; then its renewal under token 1 failed, and it stopped.
    assert forste.las_tapt and forste.sendt == BIT
    # The second (token 2) sent the rest, and nothing went out twice.
    assert andre.sendt == 2 * BIT and not andre.las_tapt
    nokler = [m.ordering_key for m in pub.sendt]
    assert len(nokler) == len(set(nokler)) == 3 * BIT and not repo.usendte()
    assert repo.las is None and repo.token == 2


def test_en_lang_kjoring_fornyer_laasen_for_hver_bit_og_en_ny_kjoring_slipper_ikke_til() -> None:
    repo = FakeUtsendingRepo([_post(f"A-{i:04d}", 1) for i in range(BIT * 2 + 1)])
    klokke = FakeKlokke(NA)

    class _Treg(FakeOrdnetPublisher):
        def publiser_alle(
            self, meldinger: Sequence[Publisering], ved_svar: Callable[[int, BaseException | None], None] | None = None
        ) -> list[BaseException | None]:
            klokke.tid += timedelta(seconds=LAS_S * 0.9)  # each chunk takes most of a lease

            def fornyer(s: float) -> None:  # the holder's heartbeat renews while the other waits
                repo.utloper += timedelta(seconds=1)

            annen = send_utsendinger(repo=repo, publisher=self, klokke=klokke, eier="annen", vent=fornyer)
            assert annen.las_opptatt
            return super().publiser_alle(meldinger)

    pub = _Treg()
    ut = send_utsendinger(repo=repo, publisher=pub, klokke=klokke, eier="lang")
    assert ut.sendt == 2 * BIT + 1 and not ut.las_tapt
    assert repo.fornyet == [1, 1, 1]
    assert len(pub.runder) == 3 and all(len(r) <= BIT for r in pub.runder)


def test_nokler_deles_aldri_mellom_biter() -> None:
    poster = [_post(f"A-{i:04d}", s) for i in range(BIT // 2) for s in (1, 2, 3)]
    repo = FakeUtsendingRepo(poster)
    pub = FakeOrdnetPublisher()
    _kjor(repo, pub)
    nokler_per_runde = [set(r) for r in pub.runder]
    assert len(nokler_per_runde) > 1
    assert sum(len(n) for n in nokler_per_runde) == len(set().union(*nokler_per_runde)) == BIT // 2
    assert not repo.usendte()


def test_en_dod_innehaver_erstattes_naar_laasen_utloper_av_neste_dytt() -> None:
    repo = FakeUtsendingRepo([_post("A-1", 1), _post("A-2", 1)])
    repo.las, repo.utloper, repo.token = "dod", NA + timedelta(seconds=LAS_S / 2), 7  # died holding it
    klokke = FakeKlokke(NA)
    ventet: list[float] = []

    def vent(sekunder: float) -> None:
        ventet.append(sekunder)
        klokke.tid += timedelta(seconds=sekunder)

    pub = FakeOrdnetPublisher()
    ut = send_utsendinger(repo=repo, publisher=pub, klokke=klokke, eier="ny", vent=vent)
    assert not ut.las_opptatt and ut.sendt == 2 and repo.token == 8
    assert LAS_S / 2 <= sum(ventet) <= LAS_S / 2 + 1 and max(ventet) <= 1.05
    # a second nudge while one already waits does not wait too
    repo.las, repo.utloper, repo.venter = "dod", klokke.tid + timedelta(seconds=5), "ny"
    for_ = len(ventet)
    assert send_utsendinger(repo=repo, publisher=pub, klokke=klokke, eier="tredje", vent=vent).las_opptatt
    assert len(ventet) == for_


def test_en_venter_gaar_saa_snart_innehaveren_fornyer() -> None:
    repo = FakeUtsendingRepo([_post("A-1", 1)])
    repo.las, repo.utloper, repo.token = "levende", NA + timedelta(seconds=LAS_S - 1), 3
    klokke = FakeKlokke(NA)
    ventet: list[float] = []

    def vent(sekunder: float) -> None:  # the live holder's heartbeat renews meanwhile
        ventet.append(sekunder)
        klokke.tid += timedelta(seconds=sekunder)
        repo.utloper = klokke.tid + timedelta(seconds=LAS_S)

    pub = FakeOrdnetPublisher()
    assert send_utsendinger(repo=repo, publisher=pub, klokke=klokke, eier="ny", vent=vent).las_opptatt
    assert ventet == [1.0] and repo.token == 3 and repo.igjen
