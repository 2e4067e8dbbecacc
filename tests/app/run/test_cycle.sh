#!/usr/bin/env bash
# test_cycle.sh — the daily cycle (tianfu cycle) on the built-in case: 5 days of met in
# daily wrfout files named by a pattern, three successive 48-h cycles (Beijing days
# 2022-08-11..13, each starting 12 UTC the day before):
#  - day 1 starts cold and says so (warning, note in cycle.txt and in the published
#    bulletin.json/html); days 2 and 3
#    warm-start from yesterday's +24 h restart;
#  - day 2 (warm) equals the continuous run over the same hours bit for bit (hourly
#    fields, the daily statistics of the days it shares, the end state); day 3 too;
#  - day 3 killed (kill -9) half-way leaves no published folder, only .tmp-20220813; while
#    it runs a second cycle is refused naming its PID; the next cycle removes the tmp
#    folder, redoes the day and publishes the same products as an uninterrupted day 3;
#  - keep_days = 2 removes day 1 after day 3; latest -> the newest day;
#  - a missing wrfout file, or a window past the met, is refused naming the missing times;
#    restart_interval_h that misses +24 h is refused naming the key.
# usage: test_cycle.sh TIANFU_EXE NC_BITCMP_EXE WORKDIR [RESOLUTION_KM]
set -u
tf=$1; cmpx=$2; work=$3; km=${4:-72}
rm -rf "$work"; mkdir -p "$work"
cd "$work" || exit 1
fail=0
ok() { echo "CHECK $1 PASS"; }
bad() { echo "CHECK $1 FAIL${2:+: $2}"; fail=1; }
expect() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

"$tf" synth --out case --resolution-km "$km" --hours 120 --seed 3 > synth.log 2>&1 || { cat synth.log; exit 1; }
cycle_section() { # publish_dir, wrf pattern
  printf '[cycle]\nwrf_pattern = %s\nstart_hour_utc = 12\nlength_h = 48\npublish_dir = %s\nkeep_days = 2\n' "$2" "$1"
}
{ sed 's/^files = .*/files =/' case/run.ini; cycle_section "$work/pub" 'met/wrfout_d01_%Y-%m-%d_%H:%M:%S'; } > case/cycle.ini
cyc() { "$tf" cycle case/cycle.ini --threads 2 --progress off "$@"; }

# ---- day 1: cold
t0=$SECONDS
cyc --date 2022-08-11 > d1.log 2>&1 || { tail d1.log; exit 1; }
echo "day 1: $((SECONDS - t0)) s"
expect day1_published test -f pub/20220811/tianfu_20220810T12Z_48h.nc
expect day1_cold_warning grep -q 'cold start.*spin-up: first day less reliable' d1.log
expect day1_note grep -q '^note = spin-up: first day less reliable' pub/20220811/cycle.txt
expect day1_latest test "$(readlink pub/latest)" = 20220811
expect day1_bulletin_published test -s pub/20220811/bulletin.html -a -s pub/20220811/bulletin.json
expect day1_bulletin_note grep -q '"spin-up: first day less reliable"' pub/20220811/bulletin.json
expect day1_bulletin_page_note grep -q 'spin-up: first day less reliable' pub/20220811/bulletin.html
expect day1_restart_24h test -f pub/20220811/restart_20220811T12Z.nc

# ---- day 2: warm
cyc --date 2022-08-12 > d2.log 2>&1 || { tail d2.log; exit 1; }
expect day2_warm grep -q "start_from = $work/pub/20220811/restart_20220811T12Z.nc" pub/20220812/cycle.txt
expect day2_no_note bash -c "! grep -q '^note' pub/20220812/cycle.txt"
expect day2_latest test "$(readlink pub/latest)" = 20220812
expect day2_bulletin_no_note bash -c "test -s pub/20220812/bulletin.json && ! grep -q 'spin-up' pub/20220812/bulletin.json"
expect day2_again_nothing_to_do bash -c "'$tf' cycle case/cycle.ini --date 2022-08-12 | grep -q 'already published'"
cp -a pub pubref

# ---- day 3 killed half-way (after its +24 h restart), a second cycle refused meanwhile
"$tf" cycle case/cycle.ini --threads 2 --progress off --date 2022-08-13 > d3kill.log 2>&1 &
pid=$!   # tianfu itself (no subshell), the PID the lock names
for _ in $(seq 1 3000); do
  [ -e pub/.tmp-20220813/restart_20220813T12Z.nc ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
expect day3_running kill -0 $pid
cyc --date 2022-08-13 > conc.log 2>&1
crc=$?
cat conc.log
expect concurrent_refused test $crc = 1
expect concurrent_names_pid grep -q "another cycle is running: PID $pid on" conc.log
kill -9 $pid; wait $pid 2>/dev/null
expect killed_not_published test ! -e pub/20220813
expect killed_tmp_left test -d pub/.tmp-20220813
expect killed_latest_unchanged test "$(readlink pub/latest)" = 20220812
cyc --date 2022-08-13 > d3.log 2>&1 || { tail d3.log; exit 1; }
expect rerun_removed_tmp grep -q 'removing .*/pub/.tmp-20220813 (left by an interrupted cycle)' d3.log
expect rerun_no_tmp test ! -e pub/.tmp-20220813
expect day3_latest test "$(readlink pub/latest)" = 20220813
expect keep_days_removed_day1 test ! -e pub/20220811
expect keep_days_kept_day2 test -d pub/20220812
# the same products as an uninterrupted day 3
cyc --date 2022-08-13 --publish "$work/pubref" > d3ref.log 2>&1 || { tail d3ref.log; exit 1; }
for f in pubref/20220813/*; do
  b=$(basename "$f")
  case $b in
    *.nc) "$cmpx" "$f" "pub/20220813/$b" --all > "cmp_$b.log" || { cat "cmp_$b.log"; bad "rerun_same_$b"; continue; }
          ok "rerun_same_$b";;
    cycle.txt) # names yesterday's folder: pubref/ there
          if sed "s|$work/pubref/|$work/pub/|" "$f" | cmp -s - "pub/20220813/$b"; then ok "rerun_same_$b"; else bad "rerun_same_$b"; fi;;
    bulletin.*) # the same but for the time it was generated
          if cmp -s <(grep -v generated "$f") <(grep -v generated "pub/20220813/$b"); then ok "rerun_same_$b"
          else bad "rerun_same_$b"; fi;;
    *) if cmp -s "$f" "pub/20220813/$b"; then ok "rerun_same_$b"; else bad "rerun_same_$b"; fi;;
  esac
done
[ "$(ls pubref/20220813 | wc -l)" = "$(ls pub/20220813 | wc -l)" ] && ok rerun_same_files || bad rerun_same_files

# ---- the continuous run over the three days' hours: 96 h from 2022-08-10T12Z, cold
sed 's/^start = .*/start = 2022-08-10T12:00:00Z/; s/^hours = .*/hours = 96/' case/run.ini > case/cont.ini
t0=$SECONDS
"$tf" run case/cont.ini --threads 2 --output cont --progress off > cont.log 2>&1 || { tail cont.log; exit 1; }
echo "continuous 96 h: $((SECONDS - t0)) s"
C=cont/tianfu_20220810T12Z_96h
for v in O3 NO NO2 CO SO2 FORM PAN ISOP O3_ugm3; do
  "$cmpx" pub/20220812/tianfu_20220811T12Z_48h.nc $C.nc $v 0 24 49 || fail=1   # day 2 = hours 24..72
  "$cmpx" pub/20220813/tianfu_20220812T12Z_48h.nc $C.nc $v 0 48 49 || fail=1   # day 3 = hours 48..96
done
# Beijing days 08-11 (begun before the restart) and 08-12: records 0-1 of day 2, 1-2 of the run
for v in O3_MDA8 O3_MAX1H NO2_MEAN24 NO2_MAX1H CO_MEAN24 SO2_MAX1H; do
  "$cmpx" pub/20220812/tianfu_20220811T12Z_48h_daily.nc ${C}_daily.nc $v 0 1 2 || fail=1
done
for v in conc o3_day_hourly_ppb day_hour_valid; do
  "$cmpx" pub/20220812/restart_20220813T12Z.nc cont/restart_20220813T12Z.nc $v || fail=1
  "$cmpx" pub/20220813/restart_20220814T12Z.nc cont/restart_20220814T12Z.nc $v || fail=1
done

# ---- refusals
mkdir -p met2
for f in case/met/wrfout_d01_*; do case $f in *08-12_*) ;; *) ln -s "$work/$f" met2/;; esac; done
{ sed 's/^files = .*/files =/' case/run.ini; cycle_section "$work/pub2" "$work/met2/wrfout_d01_%Y-%m-%d_%H:%M:%S"; } > case/missing.ini
"$tf" cycle case/missing.ini --date 2022-08-12 > miss.log 2>&1
mrc=$?
cat miss.log
expect missing_file_refused test $mrc = 1
expect missing_file_names_times grep -q 'wrf_pattern: the met for 2022-08-11T12:00:00Z .. 2022-08-13T12:00:00Z is incomplete: 24 of 49 times (every 60 min) missing: 2022-08-12T00Z .. 2022-08-12T23Z (24)' miss.log
expect missing_file_not_published test ! -e pub2/20220812
"$tf" cycle case/cycle.ini --date 2022-08-15 --publish "$work/pub3" > past.log 2>&1
prc=$?
cat past.log
expect past_met_refused test $prc = 1
expect past_met_names_times grep -q 'missing: 2022-08-15T01Z .. 2022-08-16T12Z (36)' past.log
sed 's/^restart_interval_h = .*/restart_interval_h = 5/' case/cycle.ini > case/ri.ini
"$tf" cycle case/ri.ini --date 2022-08-14 --publish "$work/pub3" > ri.log 2>&1
cat ri.log
expect restart_interval_refused grep -q 'ri.ini:[0-9]*: \[run\] restart_interval_h: the next day.s cycle starts from the restart at +24 h' ri.log
exit $fail
