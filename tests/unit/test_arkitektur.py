"""The direction of dependencies (STYLE.md §1) and the layout by bounded context (issue 12).

Layers: domain imports nothing of ours outside domain and no Google client; service never imports google.cloud or
an adapter; adapters never import the edge; edge never imports google.cloud or an adapter; the wiring
(`bootstrap*.py`, `config.py`) never imports the edge; functions never import google.cloud directly.

Inside each layer, one sub-package per bounded context (`shared/<layer>/<context>/`), each with a one-line
docstring. Between context packages (of all layers) there is no import cycle, and a module that only one other
context of its layer imports lives in that context.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

ROT = Path(__file__).resolve().parents[2]
LAG = ("domain", "service", "adapters", "edge")


@cache
def _importer(fil: Path) -> frozenset[str]:
    """Every absolute import of the file, anywhere in it (also inside functions and `if TYPE_CHECKING`)."""
    tre = ast.parse(fil.read_text(encoding="utf-8"))
    navn: set[str] = set()
    for node in ast.walk(tre):
        if isinstance(node, ast.Import):
            navn.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            navn.add(node.module)
            navn.update(f"{node.module}.{a.name}" for a in node.names)
    return frozenset(navn)


def _filer(mappe: str) -> list[Path]:
    return sorted((ROT / mappe).rglob("*.py"))


def _modul(fil: Path) -> str:
    deler = list(fil.relative_to(ROT).with_suffix("").parts)
    return ".".join(deler[:-1] if deler[-1] == "__init__" else deler)


@cache
def _moduler() -> dict[str, Path]:
    return {_modul(f): f for f in _filer("shared")}


def _kontekst(modul: str) -> str:
    """`shared.<layer>.<context>` for a module inside a context package; otherwise the module itself."""
    deler = modul.split(".")
    if len(deler) >= 3 and deler[1] in LAG and (ROT / "shared" / deler[1] / deler[2]).is_dir():
        return ".".join(deler[:3])
    return modul


@cache
def _avhengigheter() -> dict[str, frozenset[str]]:
    """Module → the modules of ours it imports (a `from pakke import modul` counts as importing `pakke.modul`)."""
    moduler = _moduler()
    return {m: frozenset(i for i in _importer(f) if i in moduler and i != m) for m, f in moduler.items()}


def _kontekstgraf() -> dict[str, set[str]]:
    graf: dict[str, set[str]] = defaultdict(set)
    for modul, importerte in _avhengigheter().items():
        for i in importerte:
            if _kontekst(modul) != _kontekst(i):
                graf[_kontekst(modul)].add(_kontekst(i))
    return graf


def _naabare(graf: dict[str, set[str]], start: str) -> set[str]:
    sett: set[str] = set()
    igjen = list(graf.get(start, ()))
    while igjen:
        v = igjen.pop()
        if v not in sett:
            sett.add(v)
            igjen.extend(graf.get(v, ()))
    return sett


def _sykler(graf: dict[str, set[str]]) -> list[list[str]]:
    """The groups of nodes that reach each other (strongly connected, more than one node)."""
    naar = {v: _naabare(graf, v) for v in graf}
    grupper = {frozenset({v} | {w for w in naar[v] if v in naar.get(w, set())}) for v in graf if v in naar[v]}
    return sorted(sorted(g) for g in grupper)


def test_domenet_importerer_bare_seg_selv_og_standardbiblioteket() -> None:
    for fil in _filer("shared/domain"):
        for modul in _importer(fil):
            assert not modul.startswith("google"), f"{fil}: {modul}"
            if modul.startswith("shared"):
                assert modul.startswith("shared.domain"), f"{fil}: {modul}"


def test_tjenestelaget_kjenner_ikke_google_klientene() -> None:
    for fil in _filer("shared/service"):
        for modul in _importer(fil):
            assert not modul.startswith("google.cloud"), f"{fil}: {modul}"
            assert not modul.startswith(("shared.adapters", "shared.edge")), f"{fil}: {modul}"


def test_adapterne_kjenner_ikke_kanten() -> None:
    for fil in _filer("shared/adapters"):
        for modul in _importer(fil):
            assert not modul.startswith("shared.edge"), f"{fil}: {modul}"


def test_kanten_gaar_via_tjenester_og_bootstrap() -> None:
    for fil in _filer("shared/edge"):
        for modul in _importer(fil):
            assert not modul.startswith(("google.cloud", "shared.adapters")), f"{fil}: {modul}"


def test_koblingen_peker_ikke_oppover_til_kanten() -> None:
    for fil in [*ROT.glob("shared/bootstrap*.py"), ROT / "shared/config.py"]:
        for modul in _importer(fil):
            assert not modul.startswith("shared.edge"), f"{fil}: {modul}"


def test_funksjonene_gar_via_edge_og_bootstrap() -> None:
    for fil in _filer("functions"):
        for modul in _importer(fil):
            assert not modul.startswith("google.cloud"), f"{fil}: {modul}"
            assert not modul.startswith("shared.adapters"), f"{fil}: {modul}"


def test_hvert_lag_er_delt_i_kontekster_med_en_linjes_docstring() -> None:
    for lag in LAG:
        pakker = [p for p in sorted((ROT / "shared" / lag).iterdir()) if p.is_dir() and p.name != "__pycache__"]
        assert pakker, f"shared/{lag} has no context packages"
        for pakke in pakker:
            init = pakke / "__init__.py"
            assert init.exists(), f"{pakke} is not a package"
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
            assert doc and "\n" not in doc.strip().split("\n\n")[0], f"{init}: a one-line summary of what it holds"


def test_ingen_importsykler_mellom_kontekstene() -> None:
    assert _sykler(_kontekstgraf()) == []


def test_sykelsjekken_finner_en_sykel() -> None:
    graf = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _sykler(graf) == [["a", "b", "c"]]


def _i_laget_eller_kobling(modul: str, lag: str) -> bool:
    return modul.startswith(lag) or modul.split(".")[1] not in LAG


def test_en_modul_som_bare_en_annen_kontekst_bruker_bor_i_den_konteksten() -> None:
    """Counted inside one layer, plus the wiring (modules outside the layers: bootstrap, cli): a use case imported only
    by its one edge is where it belongs, and so is an adapter that another adapter uses and bootstrap wires."""
    brukere: dict[str, set[str]] = defaultdict(set)
    for modul, importerte in _avhengigheter().items():
        for i in importerte:
            brukere[i].add(modul)
    feil = []
    for modul, fil in _moduler().items():
        deler = modul.split(".")
        if fil.name == "__init__.py" or len(deler) < 3 or deler[1] not in LAG:
            continue
        lag = f"shared.{deler[1]}."
        kontekster = {
            _kontekst(b) if b.startswith(lag) else "wiring" for b in brukere[modul] if _i_laget_eller_kobling(b, lag)
        }
        if len(kontekster) == 1 and not kontekster & {_kontekst(modul), "wiring"}:
            feil.append(f"{modul} is imported only by {kontekster.pop()}")
    assert not feil, "\n".join(feil)


def test_hver_modul_og_funksjon_kan_importeres() -> None:
    """mypy ignores missing imports (the Google stubs are incomplete), so a module of ours that imports a moved or
    deleted module of ours would only fail when a function loads it: import every one here."""
    import importlib

    for modul in sorted(_moduler()):
        importlib.import_module(modul)
