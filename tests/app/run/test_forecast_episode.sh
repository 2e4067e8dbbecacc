#!/usr/bin/env bash
# test_forecast_episode.sh — the built-in episode (36 km, 48 h) forecast three times:
# base, NOx -30 % and VOC -30 % everywhere ([emissions] scale), then forecast_checks
# compares plausibility and responses with the published facts (see forecast_checks.c).
# usage: test_forecast_episode.sh TIANFU_EXE FORECAST_CHECKS_EXE WORKDIR [RES_KM HOURS]
set -u
tf=$1; chk=$2; work=$3; res=${4:-36}; hours=${5:-48}
rm -rf "$work"; mkdir -p "$work"
"$tf" synth --out "$work/case" --resolution-km "$res" --hours "$hours" > "$work/synth.log" 2>&1 || { cat "$work/synth.log"; exit 1; }
cd "$work/case"
sed 's/^speciation *=.*/&\nscale = NOX=0.7/' run.ini > nox.ini
sed 's/^speciation *=.*/&\nscale = NMVOC=0.7/' run.ini > voc.ini
for c in run nox voc; do
  "$tf" run $c.ini --output "$work/out-$c" > "$work/$c.log" 2>&1 || { tail -5 "$work/$c.log"; exit 1; }
done
sed -n '/City table/,$p' "$work/run.log"
"$chk" "$work/out-run" "$work/out-nox" "$work/out-voc"
