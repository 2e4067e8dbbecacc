#!/usr/bin/env bash
# test_members.sh — the multi-member engine (app/run_members.c, `tianfu run --member`):
# (1) each member of a 3-member run (baseline, NOX x0.5, NMVOC x0.6 + NOX x0.8) equals the
#     same config run alone with those rules as [emissions] scale, bit for bit: every data
#     variable of the forecast NetCDF and of the daily file, the restart state and step
#     sizes, and the city and budget CSV files byte for byte (history attributes differ and
#     are not compared); the scenario members differ from the baseline (the comparison can fail);
# (2) a member without rules equals the baseline bit for bit;
# (3) 1 thread = 2 threads bit for bit for the multi-member run (every member's state);
# (4) a multi-member run restarted at hour 2 from its restart files
#     ([run] restart_from = DIR/FILE -> DIR/<member>/FILE) equals the continuous run for
#     every member (state, step sizes, hour-mean series, daily statistics).
# usage: test_members.sh TIANFU_EXE NC_BITCMP_EXE WORKDIR
set -u
tf=$1; cmpx=$2; work=$3
rm -rf "$work"; mkdir -p "$work"
fail=0
ck() { if [ "$2" = 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
run() { # log-name, args...
  local log=$work/$1.log; shift
  "$tf" run "$@" --progress off > "$log" 2>&1 || { echo "FAIL tianfu run $*"; tail -5 "$log"; exit 1; }
}
"$tf" synth --out "$work/case" --resolution-km 36 --hours 4 --seed 5 > "$work/synth.log" 2>&1 || { cat "$work/synth.log"; exit 1; }
ini=$work/case/run.ini
sed -i 's/^restart_interval_h *=.*/restart_interval_h = 2/' "$ini"
# standalone runs of each member's scaling
scaled() { sed "s|^\[emissions\]|[emissions]\nscale = $2|" "$ini" > "$work/case/$1.ini"; }
scaled nox50 "NOX=0.5"
scaled mix "NMVOC=0.6 NOX=0.8"
run alone_base "$ini" --threads 2 --output "$work/alone/baseline"
run alone_nox50 "$work/case/nox50.ini" --threads 2 --output "$work/alone/nox50"
run alone_mix "$work/case/mix.ini" --threads 2 --output "$work/alone/mix"
# the multi-member run
members=(--member "nox50:NOX=0.5" --member "mix:NMVOC=0.6 NOX=0.8" --member copy)
run members "$ini" --threads 2 --output "$work/mem" "${members[@]}"
stem=tianfu_20220810T00Z_4h
# data variables (with a time dimension) of a NetCDF file
datavars() { ncdump -h "$1" | sed -n 's/^[[:space:]]*\(float\|double\|int\|byte\|short\) \([A-Za-z0-9_]*\)(time.*/\2/p'; }
same_nc() { # label, file1, file2, [vars...]: all data variables unless given
  local label=$1 a=$2 b=$3; shift 3
  local vars=("$@"); [ ${#vars[@]} = 0 ] && vars=($(datavars "$a"))
  [ ${#vars[@]} -gt 0 ]; ck "$label: variables to compare found (${#vars[@]})" $?
  local bad=0
  for v in "${vars[@]}"; do "$cmpx" "$a" "$b" "$v" > "$work/cmp.out" 2>&1 || { bad=1; cat "$work/cmp.out"; }; done
  ck "$label: ${vars[*]} bit for bit" $bad
}
same_member() { # label, dir1, dir2, stem, restart time
  local label=$1 a=$2 b=$3 st=$4 rt=$5
  same_nc "$label forecast" "$a/$st.nc" "$b/$st.nc"
  same_nc "$label daily" "$a/${st}_daily.nc" "$b/${st}_daily.nc"
  same_nc "$label restart" "$a/restart_$rt.nc" "$b/restart_$rt.nc" conc chem_next_step_s o3_day_hourly_ppb day_hour_valid
  cmp -s "$a/${st}_cities.csv" "$b/${st}_cities.csv"; ck "$label city CSV byte for byte" $?
  cmp -s "$a/${st}_budget.csv" "$b/${st}_budget.csv"; ck "$label budget CSV byte for byte" $?
}
# (1) members = standalone runs
for m in baseline nox50 mix; do same_member "(1) $m = alone" "$work/alone/$m" "$work/mem/$m" $stem 20220810T04Z; done
# the scenarios really differ from the baseline (so the comparisons above can fail)
for m in nox50 mix; do
  "$cmpx" "$work/mem/baseline/$stem.nc" "$work/mem/$m/$stem.nc" O3 > /dev/null 2>&1
  [ $? = 1 ]; ck "(1) $m O3 differs from the baseline" $?
done
# (2) a member without rules = the baseline
same_member "(2) copy = baseline" "$work/mem/baseline" "$work/mem/copy" $stem 20220810T04Z
# (3) one thread, first 2 hours: every member's state at hour 2 = the 2-thread run's
run members1 "$ini" --threads 1 --hours 2 --output "$work/mem1" "${members[@]}"
for m in baseline nox50 mix copy; do
  same_nc "(3) $m 1 thread = 2 threads" "$work/mem/$m/restart_20220810T02Z.nc" "$work/mem1/$m/restart_20220810T02Z.nc" \
    conc chem_next_step_s
done
# (4) restart at hour 2 from DIR/FILE -> DIR/<member>/FILE
sed "s|^restart_from *=.*|restart_from = $work/mem/restart_20220810T02Z.nc|; s/^start *=.*/start = 2022-08-10T02:00:00Z/; s/^hours *=.*/hours = 2/" \
  "$ini" > "$work/case/restart.ini"
grep -q "^start = 2022-08-10T02" "$work/case/restart.ini" || sed -i "s|^\[run\]|[run]\nstart = 2022-08-10T02:00:00Z|" "$work/case/restart.ini"
run restart "$work/case/restart.ini" --threads 2 --output "$work/rest" "${members[@]}"
for m in baseline nox50 mix copy; do
  same_nc "(4) $m restarted = continuous" "$work/mem/$m/restart_20220810T04Z.nc" "$work/rest/$m/restart_20220810T04Z.nc" \
    conc chem_next_step_s o3_day_hourly_ppb no2_day_hourly_ppb day_hour_valid
  same_nc "(4) $m daily" "$work/mem/$m/${stem}_daily.nc" "$work/rest/$m/tianfu_20220810T02Z_2h_daily.nc" O3_MDA8 O3_MAX1H
done
# a member folder name that is not a plain name is refused before anything runs
"$tf" run "$ini" --output "$work/bad" --member "../x:NOX=0.5" > "$work/bad.log" 2>&1
[ $? != 0 ] && grep -q "expected a name" "$work/bad.log"; ck "a bad member name is refused" $?
exit $fail
