#!/usr/bin/env bash
# test_bulletin_case.sh — the fixture of the bulletin tests: the built-in case at 36 km,
# 40 h from 2022-08-10 08:00 Beijing time (one complete Beijing day, 2022-08-11), run, then
# `tianfu bulletin` on its output folder, which must print the regional summary and the
# paths of bulletin.html and bulletin.json.
# usage: test_bulletin_case.sh TIANFU_EXE WORKDIR
set -u
tf=$1; work=$2
rm -rf "$work"; mkdir -p "$work"
"$tf" synth --out "$work/case" --resolution-km 36 --hours 40 > "$work/synth.log" 2>&1 || { cat "$work/synth.log"; exit 1; }
(cd "$work/case" && "$tf" run run.ini --output "$work/out") > "$work/run.log" 2>&1 || { tail -5 "$work/run.log"; exit 1; }
"$tf" bulletin "$work/out" > "$work/bulletin.log" 2>&1 || { cat "$work/bulletin.log"; exit 1; }
cat "$work/bulletin.log"
fail=0
grep -q "^bulletin: $work/out/bulletin.html$" "$work/bulletin.log" || { echo "FAIL: no 'bulletin: .../bulletin.html' line"; fail=1; }
grep -Eq "^2022-08-11 +1 +Sichuan +21 " "$work/bulletin.log" || { echo "FAIL: no regional summary row for 2022-08-11 Sichuan (21 cities)"; fail=1; }
for f in bulletin.html bulletin.json; do [ -s "$work/out/$f" ] || { echo "FAIL: $f missing"; fail=1; }; done
ls "$work/out" | grep -q partial && { echo "FAIL: .partial files left"; fail=1; }
exit $fail
