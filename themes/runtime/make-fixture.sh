#!/bin/sh
# Regenerates fixture.html from runtime.css and runtime.js: fixture.html is its own template, and
# the text between its "BEGIN runtime.css" / "END runtime.css" (and runtime.js) marker lines is
# replaced by the current file. Run from anywhere: sh themes/runtime/make-fixture.sh
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
out="$dir/fixture.html"
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
# The runtime is inlined in <style>/<script> elements: it must not close them early.
if grep -qi '</style' "$dir/runtime.css" || grep -q '</' "$dir/runtime.js"; then
  echo "make-fixture: runtime.css contains </style or runtime.js contains </" >&2
  exit 1
fi
awk -v css="$dir/runtime.css" -v js="$dir/runtime.js" '
  /BEGIN runtime\.css/ { print; while ((getline line < css) > 0) print line; close(css); skip = 1; next }
  /BEGIN runtime\.js/  { print; while ((getline line < js) > 0) print line; close(js); skip = 1; next }
  /END runtime\.(css|js)/ { skip = 0 }
  !skip { print }
' "$out" > "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "make-fixture: wrote $out"
