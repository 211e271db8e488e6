"""`make demo`: the month's main job on the local stack, told step by step.

It runs only what exists, through the real paths: the sample data goes out on the inbound Pub/Sub topics and the
ingest functions in the functions host store it; the generation starts from exactly the message Cloud Scheduler
sends on the 7th; recalculation starts from a changed participant message. What Nav's own API will register
(tilsagn, a stengt period) and the account register are written with the same repository code that API uses.

Run inside `python -m emulators med-stack --behold -- ...` (the Makefile does), which sets the emulator variables.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from google.cloud import firestore
from google.cloud.pubsub_v1 import PublisherClient

from emulators import eksempeldata
from emulators.demo_arrangor import vis_arrangor
from emulators.klargjoring import reset
from shared import bootstrap, topics
from shared.adapters.firestore import dokumenter as dok
from shared.config import settings
from shared.domain.beregning import les_beregning_input
from shared.domain.felles.kodeverk import TILTAKSTYPER, Tiltakskode
from shared.domain.generering.krav import pakk_ut
from shared.domain.generering.regler import OSLO, forrige_maned, kan_generere, maned_periode
from shared.domain.grunnlag.gjennomforing import StengtPeriode
from shared.domain.tilsagn.tilsagn import Tilsagn
from shared.planlegging import jobb

BREDDE = 112


def overskrift(nr: int, tekst: str) -> None:
    print(f"\n{nr}. {tekst}\n" + "-" * min(BREDDE, len(tekst) + 3))


def vent_pa(beskrivelse: str, ferdig: Callable[[], tuple[bool, str]], frist_s: float = 120.0) -> None:
    t0 = time.monotonic()
    status = ""
    while time.monotonic() - t0 < frist_s:
        ok, status = ferdig()
        if ok:
            print(f"   {beskrivelse}: {status} ({time.monotonic() - t0:.1f} s)")
            return
        time.sleep(0.3)
    raise SystemExit(f"demo: {beskrivelse} ble ikke ferdig innen {frist_s:.0f} s ({status}); se .run/*.log")


def antall(db: firestore.Client, samling: str) -> int:
    resultat = db.collection(samling).count().get()
    return int(resultat[0][0].value)


def publiser_alt(ds: eksempeldata.Datasett) -> dict[str, int]:
    publisher = PublisherClient()
    prosjekt = settings().gcp_project
    ventende = []
    for topic, melding in ds.alle_meldinger():
        data = json.dumps(melding, ensure_ascii=False).encode()
        ventende.append(publisher.publish(publisher.topic_path(prosjekt, topic), data))
    for f in ventende:
        f.result(timeout=30)
    return ds.antall()


def last_nav_data(ds: eksempeldata.Datasett) -> None:
    repo = bootstrap.repo()
    for orgnr, konto in ds.kontonumre.items():
        repo.lagre_kontonummer(orgnr, konto)
    for t in ds.tilsagn:
        repo.lagre_tilsagn(
            Tilsagn.model_validate(
                {**t, "periode_start": t["periode"]["start"], "periode_slutt": t["periode"]["slutt"]}
            )
        )
    for gid, perioder in ds.stengt.items():
        repo.lagre_stengt(
            gid,
            [
                StengtPeriode(
                    id=f"stengt-{i}",
                    start=date.fromisoformat(p["start"]),
                    slutt=date.fromisoformat(p["slutt"]) + timedelta(days=1),
                    beskrivelse=p["beskrivelse"],
                )
                for i, p in enumerate(perioder)
            ],
        )


def _dato(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def claims(db: firestore.Client) -> list[dict[str, Any]]:
    return [s.to_dict() | {"id": s.id} for s in db.collection(dok.UTBETALINGER).stream()]


def skriv_tabell(db: firestore.Client, rader: list[dict[str, Any]]) -> None:
    gjennomforinger = {s.id: s.to_dict() for s in db.collection(dok.GJENNOMFORINGER).stream()}
    print(
        f"   {'Tiltakstype':<34} {'Gjennomføring':<30} {'Periode':<23} {'Delt.':>5} {'Beløp (kr)':>12}  "
        f"{'Status':<16} Konto  Blokkert fordi"
    )
    total = 0
    for u in sorted(rader, key=lambda r: (r["tiltakskode"], r["gjennomforing_id"])):
        g = gjennomforinger.get(u["gjennomforing_id"]) or {}
        periode = u["periode"]
        slutt = date.fromisoformat(periode["slutt"]) - timedelta(days=1)
        deltakere = len(json.loads(pakk_ut(u["beregning_gz"])[1])["deltakelser"]) if u.get("beregning_gz") else 0
        konto = "ja" if (u.get("betalingsinformasjon") or {}).get("kontonummer") else "nei"
        blokkert = ", ".join(u.get("blokkeringer") or []) or "–"
        navn = TILTAKSTYPER[Tiltakskode(u["tiltakskode"])].navn
        total += int(u["belop"])
        print(
            f"   {navn[:34]:<34} {str(g.get('navn', ''))[:30]:<30} "
            f"{_dato(date.fromisoformat(periode['start']))}–{_dato(slutt)} {deltakere:>5} {u['belop']:>12,}  "
            f"{u['status']:<16} {konto:<6} {blokkert}".replace(",", " ")
        )
    print(f"   {'':<34} {'Sum':<30} {'':<23} {'':>5} {total:>12,}".replace(",", " "))


def sjekk_reproduserbar(rader: list[dict[str, Any]]) -> None:
    from shared.domain.beregning import beregn

    for u in rader:
        input_json, _ = pakk_ut(u["beregning_gz"])
        assert beregn(les_beregning_input(input_json)).output.belop == u["belop"], u["id"]
    print(f"   `utbetaling beregn` på den lagrede inputen gir samme beløp for alle {len(rader)} krav.")


def _krav_for(rader: list[dict[str, Any]], gid: str) -> dict[str, Any]:
    return next(r for r in rader if r["gjennomforing_id"] == gid)


def endre_deltaker_og_svar_pa_forslag(
    db: firestore.Client, ds: eksempeldata.Datasett, maned: str, rader: list[dict[str, Any]]
) -> None:
    overskrift(5, "Deltakerdata endres før arrangøren har sendt inn: kravet beregnes på nytt (omberegn)")
    aft = next(g for g in ds.meldinger[topics.GJENNOMFORING] if g["tiltakskode"] == "ARBEIDSFORBEREDENDE_TRENING")
    deltaker = next(
        d for d in ds.meldinger[topics.DELTAKER] if d["gjennomforing_id"] == aft["id"] and d["status"] == "DELTAR"
    )
    slutt = maned_periode(maned).start + timedelta(days=9)
    endret = deltaker | {"versjon": 2, "status": "HAR_SLUTTET", "slutt_dato": slutt.isoformat()}
    forslag = ds.meldinger[topics.FORSLAG][0]
    besvart = forslag | {"versjon": 2, "status": "AVVIST"}
    oppfolging_id = next(
        d["gjennomforing_id"] for d in ds.meldinger[topics.DELTAKER] if d["id"] == forslag["deltaker_id"]
    )
    for_aft, for_oppf = _krav_for(rader, aft["id"]), _krav_for(rader, oppfolging_id)
    publisher = PublisherClient()
    prosjekt = settings().gcp_project
    for topic, melding in ((topics.DELTAKER, endret), (topics.FORSLAG, besvart)):
        publisher.publish(publisher.topic_path(prosjekt, topic), json.dumps(melding).encode()).result(timeout=30)
    print(f"   deltaker-v1: én AFT-deltaker har sluttet {_dato(slutt)} (versjon 2)")
    print("   forslag-v1: Nav-veilederen har avvist det ventende forslaget i Oppfølging (versjon 2)")

    def hent(uid: str) -> dict[str, Any]:
        return db.collection(dok.UTBETALINGER).document(uid).get().to_dict() or {}

    def oppdatert() -> tuple[bool, str]:
        aft_na, oppf_na = hent(for_aft["id"]), hent(for_oppf["id"])
        ferdig = aft_na.get("belop") != for_aft["belop"] and not oppf_na.get("blokkeringer")
        return ferdig, "begge kravene er oppdatert" if ferdig else "venter (omberegn samler endringer til forfall)"

    vent_pa("omberegn", oppdatert, frist_s=90)
    aft_na, oppf_na = hent(for_aft["id"]), hent(for_oppf["id"])
    print(f"   AFT Bergen sentrum: {for_aft['belop']:,} kr → {aft_na['belop']:,} kr".replace(",", " "))
    print(
        f"   Oppfølging Tromsø og omegn: blokkert fordi {', '.join(for_oppf['blokkeringer'])} → "
        f"{', '.join(oppf_na.get('blokkeringer') or []) or 'ikke blokkert'}"
    )


def main() -> int:
    db = bootstrap.firestore_klient()
    maned = forrige_maned(datetime.now(OSLO))
    print("=" * BREDDE)
    print(f"Utbetalinger for tiltaksarrangører — demo på den lokale stacken (prosjekt {settings().gcp_project})")
    print("=" * BREDDE)
    reset(settings().gcp_project)
    print("   (det lokale prosjektet er tømt, så demoen starter likt hver gang)")

    overskrift(1, "Nav sender data om arrangører, avtaler, gjennomføringer, deltakere og forslag (Pub/Sub)")
    ds = eksempeldata.demo(maned)
    sendt = publiser_alt(ds)
    print("   Publisert: " + ", ".join(f"{n} på {t}" for t, n in sendt.items() if t != "tilsagn"))
    forventet = {
        dok.ARRANGORER: sendt[topics.ARRANGOR],
        dok.AVTALER: sendt[topics.AVTALE],
        dok.GJENNOMFORINGER: sendt[topics.GJENNOMFORING],
        dok.DELTAKELSER: sendt[topics.DELTAKER],
        dok.FORSLAG: sendt[topics.FORSLAG],
    }

    def ingest_ferdig() -> tuple[bool, str]:
        na = {s: antall(db, s) for s in forventet}
        return all(na[s] >= n for s, n in forventet.items()), ", ".join(f"{s} {na[s]}/{forventet[s]}" for s in na)

    vent_pa("ingest-funksjonene har lagret alt", ingest_ferdig)

    overskrift(2, "Nav registrerer tilsagn og en stengt periode; kontoregisteret har kontonumre")
    last_nav_data(ds)
    print(
        f"   {len(ds.tilsagn)} godkjente tilsagn, {sum(len(p) for p in ds.stengt.values())} stengt periode, "
        f"{len(ds.kontonumre)} kontonumre (én underenhet mangler konto, én gjennomføring mangler tilsagn)"
    )

    j = jobb("generering-start")
    overskrift(3, f"Cloud Scheduler ({j.cron}, {j.tidssone}) starter månedsjobben for {maned}")
    body = json.dumps({"periode": maned})
    bootstrap.publisher().publiser(j.topic, body.encode())
    print(f"   Publisert {body} på {j.topic}; opprett_utbetalinger fordeler på generer-utbetaling")
    # the manual-claim gjennomføringer (annen avtalt pris, timepris) get no generated claim (§7.1 step 1)
    forventet_krav = sum(
        1 for g in ds.meldinger[topics.GJENNOMFORING] if kan_generere(g["status"], g["prismodell"], g["slettet"])
    )

    def generering_ferdig() -> tuple[bool, str]:
        n = antall(db, dok.UTBETALINGER)
        return n >= forventet_krav, f"{n} av {forventet_krav} krav"

    vent_pa("generer_utbetaling har laget kravene", generering_ferdig)

    overskrift(4, f"Månedens krav om utbetaling ({maned_periode(maned).start:%m.%Y})")
    rader = claims(db)
    skriv_tabell(db, rader)
    sjekk_reproduserbar(rader)

    endre_deltaker_og_svar_pa_forslag(db, ds, maned, rader)

    overskrift(6, "En ansatt hos Fjordvik Arbeid AS bruker arrangør-API-et (HTTP, dev-token)")
    arrangor = vis_arrangor(ds)
    print(f"   Sendt inn: AFT-krav {arrangor.aft_utbetaling_id}, investering {arrangor.investering_utbetaling_id}")

    from emulators.demo_nav import vis_nav

    vis_nav(nr=7)

    from emulators.demo_avstemming import vis_avstemming, vis_forklaring, vis_prognose
    from emulators.demo_tiltaksavtale import vis_tiltaksavtale
    from emulators.demo_varsler import vis_varsler

    vis_varsler(nr=8)
    vis_forklaring(nr=9)
    vis_avstemming(nr=10)
    vis_prognose(nr=11, ar=int(maned[:4]))
    vis_tiltaksavtale(nr=12)

    print("\nStacken kjører videre; stopp den med `make emulators-stop`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
