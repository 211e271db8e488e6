"""The tiltaksavtale use cases over the Firestore adapters on the emulator: a whole VTA-O flow, the optimistic
lock (a stale `sistEndret` is refused and writes nothing) and two concurrent approvals (exactly one wins)."""

from __future__ import annotations

import threading
import time

import pytest

from shared.adapters.tiltaksavtale import dokumenter as dok
from shared.domain.tiltaksavtale.avtale import Tiltaksavtale
from shared.domain.tiltaksavtale.feil import SamtidigeEndringer
from shared.domain.tiltaksavtale.hendelser import Aktor
from shared.domain.tiltaksavtale.kodeverk import Rolle, Status, Tiltakstype
from shared.domain.tiltaksavtale.opprett import NyAvtale
from shared.service.tiltaksavtale import handlinger as h
from shared.service.tiltaksavtale.les import hent_avtale, list_avtaler
from shared.service.tiltaksavtale.opprett import opprett_avtale_som_arbeidsgiver, opprett_avtale_som_veileder
from shared.service.tiltaksavtale.ports import Avtalefilter
from tests.integration.tiltaksavtale.conftest import Miljo, innhold_fra_i_dag
from tests.unit.tiltaksavtale.byggere import ARBEIDSGIVER_PID, BEDRIFT, BESLUTTER, DELTAKER_FNR, VEILEDER

DELTAKER = Aktor(Rolle.DELTAKER, DELTAKER_FNR)
ARBEIDSGIVER = Aktor(Rolle.ARBEIDSGIVER, ARBEIDSGIVER_PID)
VEILEDER_ = Aktor(Rolle.VEILEDER, VEILEDER)
BESLUTTER_ = Aktor(Rolle.BESLUTTER, BESLUTTER)


def _utfylt(m: Miljo) -> Tiltaksavtale:
    a = opprett_avtale_som_veileder(m.avh, VEILEDER_, NyAvtale(DELTAKER_FNR, BEDRIFT, Tiltakstype.VTAO))
    return h.endre(m.avh, VEILEDER_, a.id, a.sist_endret, innhold_fra_i_dag())


def test_vtao_fra_arbeidsgiver_til_inngatt_i_firestore(miljo: Miljo) -> None:
    m = miljo
    a = opprett_avtale_som_arbeidsgiver(m.avh, ARBEIDSGIVER, NyAvtale(DELTAKER_FNR, BEDRIFT, Tiltakstype.VTAO))
    assert a.avtalenr == 1 and a.er_ufordelt and a.status == Status.PABEGYNT
    a = h.overta(m.avh, VEILEDER_, a.id, a.sist_endret)
    a = h.endre(m.avh, ARBEIDSGIVER, a.id, a.sist_endret, innhold_fra_i_dag())
    assert a.status == Status.MANGLER_GODKJENNING
    a = h.godkjenn(m.avh, DELTAKER, a.id, a.sist_endret, True)
    a = h.godkjenn(m.avh, ARBEIDSGIVER, a.id, a.sist_endret, True)
    a = h.godkjenn(m.avh, VEILEDER_, a.id, a.sist_endret, True)
    a = h.godkjenn_tilskudd(m.avh, BESLUTTER_, a.id, a.sist_endret)
    assert a.er_inngatt and a.status == Status.KLAR_FOR_OPPSTART

    lagret = m.avh.repo.hent(a.id)
    assert lagret == a, "the document reads back as the committed avtale"
    assert [v.versjon for v in m.avh.repo.versjoner(a.id)] == [1]
    assert m.db.collection(dok.TILTAKSAVTALER).document(a.id).collection(dok.VERSJONER).document("0001").get().exists
    tekster = {(s.to_dict() or {})["tekst"] for s in m.db.collection(dok.HENDELSER).stream()}
    assert {"Avtale er opprettet av arbeidsgiver", "Avtale tildelt veileder", "Avtale godkjent av Nav"} <= tekster
    assert (m.db.collection(dok.TELLERE).document(dok.AVTALENUMMER).get().to_dict() or {})["neste"] == 2
    utsendinger = [s.to_dict() or {} for s in m.db.collection(dok.UTSENDINGER).stream()]
    assert any(u["topic"] == "avtale-hendelse" for u in utsendinger) and all(u["sendt"] is None for u in utsendinger)
    assert DELTAKER_FNR not in str([u["innhold"] for u in utsendinger if u["topic"] == "avtale-hendelse"])

    assert [x.id for x in list_avtaler(m.avh, ARBEIDSGIVER, Avtalefilter())] == [a.id]
    assert [x.id for x in list_avtaler(m.avh, DELTAKER, Avtalefilter(status=Status.KLAR_FOR_OPPSTART))] == [a.id]
    assert list_avtaler(m.avh, DELTAKER, Avtalefilter(status=Status.PABEGYNT)) == []
    assert m.avh.repo.ider_for_daglig_jobb() == [a.id]
    varsler = m.avh.repo.varsler([a.id], Rolle.ARBEIDSGIVER, BEDRIFT)
    assert varsler and all(v.avtale_id == a.id for v in varsler)


def test_nav_ansattes_oppslag_er_i_tilgangsloggen(miljo: Miljo) -> None:
    a = _utfylt(miljo)
    hent_avtale(miljo.avh, VEILEDER_, a.id)
    poster = [s.to_dict() or {} for s in miljo.logg_db.collection("innsyn").stream()]
    lest = [p for p in poster if p["hendelsestype"] == "READ"]
    assert lest and lest[0]["avtale_id"] == a.id and lest[0]["navident"] == VEILEDER and lest[0]["tillatt"] is True


def test_foreldet_sist_endret_gir_konflikt_og_skriver_ingenting(miljo: Miljo) -> None:
    m = miljo
    a = _utfylt(m)
    h.godkjenn(m.avh, DELTAKER, a.id, a.sist_endret, True)
    for_ = m.db.collection(dok.TILTAKSAVTALER).document(a.id).get().to_dict()
    antall = len(list(m.db.collection(dok.HENDELSER).stream()))
    with pytest.raises(SamtidigeEndringer):
        h.godkjenn(m.avh, ARBEIDSGIVER, a.id, a.sist_endret, True)
    assert m.db.collection(dok.TILTAKSAVTALER).document(a.id).get().to_dict() == for_
    assert len(list(m.db.collection(dok.HENDELSER).stream())) == antall


def test_to_samtidige_godkjenninger_bare_en_vinner_raskt(miljo: Miljo) -> None:
    m = miljo
    a = _utfylt(m)
    start = threading.Barrier(2)
    utfall: dict[str, str] = {}

    def godkjenn(aktor: Aktor) -> None:
        start.wait()
        try:
            h.godkjenn(m.avh, aktor, a.id, a.sist_endret, True)
            utfall[aktor.rolle.value] = "ok"
        except SamtidigeEndringer:
            utfall[aktor.rolle.value] = "409"

    t0 = time.monotonic()
    traader = [threading.Thread(target=godkjenn, args=(x,)) for x in (DELTAKER, ARBEIDSGIVER)]
    for t in traader:
        t.start()
    for t in traader:
        t.join(60)
    varighet = time.monotonic() - t0
    assert sorted(utfall.values()) == ["409", "ok"], utfall
    lagret = m.avh.repo.hent(a.id)
    assert lagret is not None
    godkjent = [lagret.godkjenninger.deltaker is not None, lagret.godkjenninger.arbeidsgiver is not None]
    assert sorted(godkjent) == [False, True]
    assert varighet < 20, f"contention took {varighet:.1f} s"
