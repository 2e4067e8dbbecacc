#!/usr/bin/env bash
# test_restart.sh — exactness of the run: (1) a run restarted at hour 3 from the restart
# file reproduces the continuous 6-hour run bit for bit (state, the products' hour-mean
# series and the daily statistics of the day spanning the restart); (2) 1 and 2 OpenMP threads give
# bit-identical states. Both compare the double-precision restart state at hour 6.
# usage: test_restart.sh TIANFU_EXE NC_BITCMP_EXE WORKDIR
set -u
tf=$1; cmpx=$2; work=$3
rm -rf "$work"; mkdir -p "$work"
fail=0
"$tf" synth --out "$work/case" --resolution-km 36 --hours 6 --seed 3 > "$work/synth.log" 2>&1 || { cat "$work/synth.log"; exit 1; }
sed -i 's/^restart_interval_h *=.*/restart_interval_h = 3/' "$work/case/run.ini"
"$tf" run "$work/case/run.ini" --threads 2 --output "$work/cont" > "$work/cont.log" 2>&1 || { tail "$work/cont.log"; exit 1; }
[ -f "$work/cont/restart_20220810T03Z.nc" ] || { echo "FAIL no restart file at hour 3"; exit 1; }
# restart from hour 3
cp "$work/case/run.ini" "$work/case/restart.ini"
sed -i "s|^restart_from *=.*|restart_from = $work/cont/restart_20220810T03Z.nc|; s/^start *=.*/start = 2022-08-10T03:00:00Z/; s/^hours *=.*/hours = 3/" "$work/case/restart.ini"
"$tf" run "$work/case/restart.ini" --threads 2 --output "$work/rest" > "$work/rest.log" 2>&1 || { tail "$work/rest.log"; exit 1; }
"$cmpx" "$work/cont/restart_20220810T06Z.nc" "$work/rest/restart_20220810T06Z.nc" conc || fail=1
# the products' restart state (hour-mean series of the day) and the daily statistics of the
# day that spans the restart
for v in o3_day_hourly_ppb no2_day_hourly_ppb co_day_hourly_ppb so2_day_hourly_ppb day_hour_valid; do
  "$cmpx" "$work/cont/restart_20220810T06Z.nc" "$work/rest/restart_20220810T06Z.nc" $v || fail=1
done
for v in O3_MDA8 O3_MAX1H NO2_MEAN24 NO2_MAX1H CO_MEAN24 SO2_MAX1H; do
  "$cmpx" "$work/cont/tianfu_20220810T00Z_6h_daily.nc" "$work/rest/tianfu_20220810T03Z_3h_daily.nc" $v || fail=1
done
# one thread
"$tf" run "$work/case/run.ini" --threads 1 --output "$work/one" > "$work/one.log" 2>&1 || { tail "$work/one.log"; exit 1; }
"$cmpx" "$work/cont/restart_20220810T06Z.nc" "$work/one/restart_20220810T06Z.nc" conc || fail=1
exit $fail
