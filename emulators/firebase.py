"""`python -m emulators.firebase`: the environment for `firebase emulators:start --only firestore,pubsub`.

Firebase CLI runs `java -jar $FIRESTORE_EMULATOR_BINARY_PATH`, but Google's Firestore emulator jar has no
Main-Class. This writes a 432-byte launcher jar (a manifest with Main-Class and Class-Path pointing at the
installed jar) into the run folder and prints the exports that make the Firebase CLI use the same emulator
binaries as `python -m emulators start`. An alternative only: the tests and `make` do not use it.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from emulators.konfig import les_konfig

MAIN_CLASS = "com.google.cloud.datastore.emulator.firestore.CloudFirestore"


def skriv_launcher(ut: Path, firestore_jar: Path) -> Path:
    ut.parent.mkdir(parents=True, exist_ok=True)
    manifest = f"Manifest-Version: 1.0\nMain-Class: {MAIN_CLASS}\nClass-Path: {firestore_jar.as_uri()}\n\n"
    with zipfile.ZipFile(ut, "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", manifest)
    return ut


def main() -> int:
    k = les_konfig()
    firestore_jar = Path(k.programmer["firestore"]).parent / "cloud-firestore-emulator.jar"
    launcher = skriv_launcher(k.kjoremappe / "firestore-launcher.jar", firestore_jar)
    print(f"export FIRESTORE_EMULATOR_BINARY_PATH={launcher}")
    print(f"export PUBSUB_EMULATOR_BINARY_PATH={k.programmer['pubsub']}")
    print(f"export JAVA_TOOL_OPTIONS='{k.java['firestore']}'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
