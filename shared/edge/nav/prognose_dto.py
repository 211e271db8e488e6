"""Request and response models of the Nav API's spend forecast (issue 18 part 3): camelCase on the wire, amounts as
whole kroner (integers; the year's sums may pass 2³¹), percentages as decimal strings with one decimal."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from shared.domain.prognose.sammendrag import Prognose, Rad, prosent
from shared.domain.prognose.tilsagn import Maned, TilsagnPrognose
from shared.edge.http.ruting import CamelForesporsel, CamelModel


class PrognoseQuery(CamelForesporsel):
    ar: str | None = None


class BudsjettRequest(CamelForesporsel):
    belop: int = Field(default=0, strict=True)


class BudsjettDto(CamelModel):
    ar: int
    belop: int


class PrognoseRadDto(CamelModel):
    tiltakskode: str
    kostnadssted: str
    antall_tilsagn: int
    tilsagn_sum: int
    brukt: int
    forventet: int
    avvik: int
    gar_tom: int
    lite_brukt: int

    @classmethod
    def fra(cls, r: Rad) -> PrognoseRadDto:
        return cls(tiltakskode=r.tiltakskode, kostnadssted=r.kostnadssted, antall_tilsagn=r.antall_tilsagn,
                   tilsagn_sum=r.tilsagn_sum, brukt=r.brukt, forventet=r.forventet, avvik=r.avvik, gar_tom=r.gar_tom,
                   lite_brukt=r.lite_brukt)  # fmt: skip


class TilsagnPrognoseDto(CamelModel):
    tilsagn_id: str
    gjennomforing_id: str
    bestillingsnummer: str | None
    tiltakskode: str
    kostnadssted: str
    status: str
    belop: int
    brukt: int
    ventende: int
    prognose: int
    forventet: int
    gar_tom_maned: str | None
    flagg: list[str]

    @classmethod
    def fra(cls, t: TilsagnPrognose) -> TilsagnPrognoseDto:
        return cls(tilsagn_id=t.tilsagn_id, gjennomforing_id=t.gjennomforing_id, bestillingsnummer=t.bestillingsnummer,
                   tiltakskode=t.tiltakskode, kostnadssted=t.kostnadssted, status=t.status.value, belop=t.belop,
                   brukt=t.brukt, ventende=t.ventende, prognose=t.prognose, forventet=t.forventet,
                   gar_tom_maned=t.gar_tom_maned, flagg=[f.value for f in t.flagg])  # fmt: skip


class ManedDto(CamelModel):
    maned: str
    faktisk: int
    prognose: int

    @classmethod
    def fra(cls, m: Maned) -> ManedDto:
        return cls(maned=m.maned, faktisk=m.faktisk, prognose=m.prognose)


class PrognoseDto(CamelModel):
    ar: int
    per_dato: date
    tilsagn_sum: int
    brukt: int
    forventet: int
    budsjett: int | None
    prosent_av_budsjett: str | None
    overforbruk: bool
    rader: list[PrognoseRadDto]
    tilsagn: list[TilsagnPrognoseDto]
    maneder: list[ManedDto]

    @classmethod
    def fra(cls, p: Prognose) -> PrognoseDto:
        andel = prosent(p.forventet, p.budsjett) if p.budsjett else None
        return cls(ar=p.ar, per_dato=p.idag, tilsagn_sum=p.tilsagn_sum, brukt=p.brukt, forventet=p.forventet,
                   budsjett=p.budsjett, prosent_av_budsjett=str(andel) if andel is not None else None,
                   overforbruk=p.overforbruk, rader=[PrognoseRadDto.fra(r) for r in p.rader],
                   tilsagn=[TilsagnPrognoseDto.fra(t) for t in p.tilsagn],
                   maneder=[ManedDto.fra(m) for m in p.maneder])  # fmt: skip
