#!/usr/bin/env bash
# test_scenario_run.sh — `tianfu scenario FILE` end to end on a small built-in case (36 km, 4 h):
# (1) the check table is printed before the run, then every member's outputs appear in
#     <output_dir>/<name>/ and the report files in <output_dir>;
# (2) a scenario with no measures equals the baseline bit for bit (forecast NetCDF O3, NO2,
#     city CSV, budget CSV);
# (3) a member whose rules have a lon/lat-box weight and a Beijing-hours window equals the
#     same scenario run as the only member of another scenario file, bit for bit (members
#     do not leak into each other), and differs from the baseline (the comparisons can fail);
# (4) a scenario named 'baseline' is refused before anything runs.
# usage: test_scenario_run.sh TIANFU_EXE NC_BITCMP_EXE WORKDIR
set -u
tf=$1; cmpx=$2; work=$3
rm -rf "$work"; mkdir -p "$work"
fail=0
ck() { if [ "$2" = 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
"$tf" synth --out "$work/case" --resolution-km 36 --hours 4 --seed 5 > "$work/synth.log" 2>&1 || { cat "$work/synth.log"; exit 1; }
measures='
[region basin_box]
box = 103.5 29.0 107.0 31.5

[measure nox_box_rush]
type = scale
pollutants = NOX
region = basin_box
factor = 0.3
hours = 7-11

[measure voc_all]
type = scale
pollutants = NMVOC
factor = 0.6
'
printf '[scenarios]\nbaseline = run.ini\n%s\n[scenario nothing]\n\n[scenario rush]\nmeasures = nox_box_rush voc_all\n' "$measures" > "$work/case/two.ini"
printf '[scenarios]\nbaseline = run.ini\n%s\n[scenario rush]\nmeasures = nox_box_rush voc_all\n' "$measures" > "$work/case/one.ini"
"$tf" scenario "$work/case/two.ini" --threads 2 --output "$work/two" --progress off > "$work/two.log" 2>&1
ck "(1) tianfu scenario two.ini exits 0" $?
grep -q "\[scenario rush\]" "$work/two.log" && grep -q "removed_t_yr" "$work/two.log"; ck "(1) check table printed" $?
before=$(grep -n "running the baseline" "$work/two.log" | cut -d: -f1); table=$(grep -n "\[scenario rush\]" "$work/two.log" | cut -d: -f1)
[ -n "$before" ] && [ -n "$table" ] && [ "$table" -lt "$before" ]; ck "(1) check table before the run" $?
stem=tianfu_20220810T00Z_4h
for m in baseline nothing rush; do [ -s "$work/two/$m/$stem.nc" ]; ck "(1) member $m forecast written" $?; done
for f in scenario_cities.csv scenario_summary.json scenario_summary.md; do [ -s "$work/two/$f" ]; ck "(1) report $f" $?; done
"$tf" scenario "$work/case/one.ini" --threads 2 --output "$work/one" --progress off > "$work/one.log" 2>&1
ck "(3) tianfu scenario one.ini exits 0" $?
for v in O3 NO2 NO; do
  "$cmpx" "$work/two/baseline/$stem.nc" "$work/two/nothing/$stem.nc" $v > "$work/c.out" 2>&1; ck "(2) nothing = baseline: $v" $?
  "$cmpx" "$work/two/rush/$stem.nc" "$work/one/rush/$stem.nc" $v > "$work/c.out" 2>&1; ck "(3) rush with 3 members = rush alone: $v" $?
done
for s in cities budget; do
  cmp -s "$work/two/baseline/${stem}_$s.csv" "$work/two/nothing/${stem}_$s.csv"; ck "(2) nothing = baseline: $s CSV" $?
  cmp -s "$work/two/rush/${stem}_$s.csv" "$work/one/rush/${stem}_$s.csv"; ck "(3) rush = rush alone: $s CSV" $?
done
"$cmpx" "$work/two/baseline/$stem.nc" "$work/two/rush/$stem.nc" NO2 > /dev/null 2>&1
[ $? = 1 ]; ck "(3) rush NO2 differs from the baseline" $?
printf '[scenarios]\nbaseline = run.ini\n[scenario baseline]\n' > "$work/case/bad.ini"
"$tf" scenario "$work/case/bad.ini" --output "$work/bad" > "$work/bad.log" 2>&1
[ $? = 1 ] && grep -q "'baseline'" "$work/bad.log" && [ ! -d "$work/bad/baseline" ]; ck "(4) scenario named baseline refused before the run" $?
exit $fail
