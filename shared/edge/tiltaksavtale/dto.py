"""DTOs of the tiltaksavtale API (avtale.md §8.2–8.3): camelCase on the wire. Response documents are built from the
avtale *after* masking (shared/domain/tiltaksavtale/maskering.py), so what a role may not see is already gone."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from shared.domain.tiltaksavtale.avtale import Godkjenning, Tiltaksavtale, Versjon
from shared.domain.tiltaksavtale.felter import felter_som_mangler
from shared.domain.tiltaksavtale.hendelser import Varsel
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold
from shared.domain.tiltaksavtale.kodeverk import InnholdType, Part, Returaarsak, Status, Tiltakstype
from shared.edge.http.ruting import CamelForesporsel, CamelModel, Tidspunkt
from shared.service.tiltaksavtale.les import Visning

# ---------------------------------------------------------------- requests


class OpprettRequest(CamelForesporsel):
    deltaker_fnr: str
    bedrift_nr: str
    tiltakstype: Tiltakstype
    mentor_fnr: str | None = None


class MedSistEndret(CamelForesporsel):
    sist_endret: Tidspunkt


class EndreRequest(MedSistEndret):
    innhold: Avtaleinnhold = Avtaleinnhold()


class GodkjennRequest(MedSistEndret):
    bekreftet: bool = False
    kostnadssted: str | None = None


class PaVegneAvGrunn(CamelForesporsel):
    ikke_bank_id: bool = False
    reservert: bool = False
    digital_kompetanse: bool = False


class GodkjennPaVegneAvRequest(MedSistEndret):
    bekreftet: bool = False
    grunn: PaVegneAvGrunn = PaVegneAvGrunn()


class DelRequest(MedSistEndret):
    part: Part


class ForlengRequest(MedSistEndret):
    slutt_dato: date


class ForkortRequest(MedSistEndret):
    slutt_dato: date
    grunn: str | None = None
    annet_grunn: str | None = None


class AnnullerRequest(MedSistEndret):
    grunn: str | None = None


class SendTilbakeRequest(MedSistEndret):
    kostnadssted: str | None = None


class ReturnerRequest(MedSistEndret):
    aarsaker: list[Returaarsak] = []
    forklaring: str | None = None


class EndringRequest(MedSistEndret):
    """A §5.5 change after inngåelse: the kind's fields, as content fields."""

    innhold: Avtaleinnhold = Avtaleinnhold()


class LesVarslerRequest(CamelForesporsel):
    ider: list[str] = []


class ListeQuery(CamelForesporsel):
    status: Status | None = None
    tiltakstype: Tiltakstype | None = None
    bedrift_nr: str | None = None
    veileder_nav_ident: str | None = None


# ---------------------------------------------------------------- responses


class EnhetDto(CamelModel):
    nr: str
    navn: str | None


class PaVegneAvDto(CamelModel):
    ikke_bank_id: bool
    reservert: bool
    digital_kompetanse: bool


class GodkjenningDto(CamelModel):
    tidspunkt: Tidspunkt
    nav_ident: str | None = None
    pa_vegne_av: PaVegneAvDto | None = None

    @classmethod
    def fra(cls, g: Godkjenning | None) -> GodkjenningDto | None:
        if g is None:
            return None
        pva = g.pa_vegne_av
        pva_dto = PaVegneAvDto(**pva.model_dump()) if pva is not None else None
        return cls(tidspunkt=g.tidspunkt, nav_ident=g.navident, pa_vegne_av=pva_dto)


class GodkjenningerDto(CamelModel):
    deltaker: GodkjenningDto | None
    arbeidsgiver: GodkjenningDto | None
    mentor_taushetserklaering: GodkjenningDto | None
    veileder: GodkjenningDto | None
    beslutter: GodkjenningDto | None


class BeslutningDto(CamelModel):
    status: str
    aarsaker: list[str]
    forklaring: str | None


class OppfolgingDto(CamelModel):
    varsel_fra: date
    frist: date


class AnnullertDto(CamelModel):
    tidspunkt: Tidspunkt
    grunn: str | None


def _godkjenninger(a: Tiltaksavtale) -> GodkjenningerDto:
    g = a.godkjenninger
    return GodkjenningerDto(
        deltaker=GodkjenningDto.fra(g.deltaker),
        arbeidsgiver=GodkjenningDto.fra(g.arbeidsgiver),
        mentor_taushetserklaering=GodkjenningDto.fra(g.mentor_taushetserklaering),
        veileder=GodkjenningDto.fra(g.veileder),
        beslutter=GodkjenningDto.fra(g.beslutter),
    )


class AvtaleDto(CamelModel):
    """§8.2 (the `tilskudd` block and `handlinger` are not built yet)."""

    id: str
    avtalenr: int
    tiltakstype: Tiltakstype
    status: Status
    venter_pa: str | None
    opphav: str
    er_ufordelt: bool
    versjon: int
    sist_endret: Tidspunkt
    opprettet_tidspunkt: Tidspunkt
    deltaker_fnr: str | None
    mentor_fnr: str | None
    bedrift_nr: str
    veileder_nav_ident: str | None
    enhet_oppfolging: EnhetDto | None
    kostnadssted: str | None
    innsatsgruppe: str | None
    innhold: Avtaleinnhold
    innhold_type: InnholdType
    ikrafttredelse: Tidspunkt | None
    godkjenninger: GodkjenningerDto
    avtale_inngatt: Tidspunkt | None
    felter_som_mangler: list[str]
    godkjent_for_etterregistrering: bool
    beslutning: BeslutningDto | None
    oppfolging: OppfolgingDto | None
    annullert: AnnullertDto | None

    @classmethod
    def fra(cls, v: Visning) -> AvtaleDto:
        """`v.avtale` is already masked for the caller's role."""
        a = v.avtale
        b, o, e = a.tilskudd_beslutning, a.oppfolging, a.enhet_oppfolging
        return cls(
            id=a.id, avtalenr=a.avtalenr, tiltakstype=a.tiltakstype, status=a.status,
            venter_pa=v.venter_pa.value if v.venter_pa else None, opphav=a.opphav.value, er_ufordelt=v.er_ufordelt,
            versjon=a.versjon, sist_endret=a.sist_endret, opprettet_tidspunkt=a.opprettet,
            deltaker_fnr=a.deltaker_fnr or None, mentor_fnr=a.mentor_fnr, bedrift_nr=a.bedrift_nr,
            veileder_nav_ident=a.veileder_navident,
            enhet_oppfolging=EnhetDto(nr=e.nr, navn=e.navn) if e else None,
            kostnadssted=a.kostnadssted, innsatsgruppe=a.innsatsgruppe.value if a.innsatsgruppe else None,
            innhold=a.innhold, innhold_type=a.innhold_type, ikrafttredelse=a.ikrafttredelse,
            godkjenninger=_godkjenninger(a), avtale_inngatt=a.avtale_inngatt,
            felter_som_mangler=list(felter_som_mangler(a.tiltakstype, a.innhold)),
            godkjent_for_etterregistrering=a.godkjent_for_etterregistrering,
            beslutning=BeslutningDto(status=b.status.value, aarsaker=[x.value for x in b.aarsaker],
                                     forklaring=b.forklaring) if b else None,
            oppfolging=OppfolgingDto(varsel_fra=o.varsel_fra, frist=o.frist) if o else None,
            annullert=AnnullertDto(tidspunkt=a.annullert_tidspunkt, grunn=a.annullert_grunn)
            if a.annullert_tidspunkt else None,
        )  # fmt: skip


class AvtaleradDto(CamelModel):
    id: str
    avtalenr: int
    tiltakstype: Tiltakstype
    status: Status
    venter_pa: str | None
    deltaker_fornavn: str | None
    deltaker_etternavn: str | None
    bedrift_navn: str | None
    veileder_nav_ident: str | None
    start_dato: date | None
    slutt_dato: date | None
    sist_endret: Tidspunkt

    @classmethod
    def fra(cls, v: Visning) -> AvtaleradDto:
        a = v.avtale
        i = a.innhold
        return cls(
            id=a.id, avtalenr=a.avtalenr, tiltakstype=a.tiltakstype, status=a.status,
            venter_pa=v.venter_pa.value if v.venter_pa else None, deltaker_fornavn=i.deltaker_fornavn,
            deltaker_etternavn=i.deltaker_etternavn, bedrift_navn=i.bedrift_navn,
            veileder_nav_ident=a.veileder_navident, start_dato=i.start_dato, slutt_dato=i.slutt_dato,
            sist_endret=a.sist_endret,
        )  # fmt: skip


class VersjonDto(CamelModel):
    versjon: int
    innhold_type: InnholdType
    ikrafttredelse: Tidspunkt
    innhold: Avtaleinnhold
    godkjenninger: GodkjenningerDto

    @classmethod
    def fra(cls, a: Tiltaksavtale, v: Versjon) -> VersjonDto:
        g = _godkjenninger(a.model_copy(update={"godkjenninger": v.godkjenninger}))
        return cls(versjon=v.versjon, innhold_type=v.innhold_type, ikrafttredelse=v.ikrafttredelse,
                   innhold=v.innhold, godkjenninger=g)  # fmt: skip


class VarselDto(CamelModel):
    avtale_id: str
    hendelse: str
    tekst: str
    bjelle: bool
    opprettet: Tidspunkt

    @classmethod
    def fra(cls, v: Varsel) -> VarselDto:
        return cls(avtale_id=v.avtale_id, hendelse=v.hendelse.value, tekst=v.tekst, bjelle=v.bjelle,
                   opprettet=v.opprettet)  # fmt: skip


class TilgangDto(CamelModel):
    orgnr: str
    navn: str | None
    tiltakstyper: list[Tiltakstype]
    adressesperre: bool
    tilskuddsbrev: bool = Field(default=False)
