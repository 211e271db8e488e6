"""`utbetaling avstem`: bad input is exit code 2 with the field's pointer, before anything is read."""

from __future__ import annotations

import pytest

from shared.cli.main import main


@pytest.mark.parametrize(
    ("argv", "peker"),
    [
        (["--periode", "2025-13"], "/periode"),
        (["--periode", "2025-1"], "/periode"),
        (["--dato", "2025-02-30"], "/dato"),
        (["--dato", "20250201"], "/dato"),
    ],
)
def test_ugyldig_avgrensning_gir_kode_2_og_peker(
    argv: list[str], peker: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["avstem", *argv]) == 2
    assert capsys.readouterr().err.startswith(f"{peker}: ")


def test_periode_og_dato_sammen_gir_kode_2() -> None:
    with pytest.raises(SystemExit) as e:
        main(["avstem", "--periode", "2025-11", "--dato", "2025-12-01"])
    assert e.value.code == 2
