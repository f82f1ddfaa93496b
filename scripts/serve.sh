#!/usr/bin/env bash
# Installs what is missing, builds dist/ and serves it at http://127.0.0.1:8080/
# (PORT=… to change the port). Stop with Ctrl-C.
#
#   scripts/serve.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT="${PORT:-8080}"
"$ROOT/scripts/build.sh"
say "serving dist/ at http://127.0.0.1:$PORT/ (the single file: http://127.0.0.1:$PORT/nianbao.html)"
# Python's http.server sends .wasm as application/wasm.
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$DIST"
