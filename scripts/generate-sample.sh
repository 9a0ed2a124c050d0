#!/usr/bin/env bash
# Writes a deterministic synthetic sample of calls shaped like the DataSF export (newest first).
#   scripts/generate-sample.sh --records 200000 --output .runtime/calls-200k.json
# The bundled data/police-department-calls-for-service.json is: --records 5000 (default seed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_jars
exec java -Xmx256m -jar "$ROOT/sample/target/sample.jar" "$@"
