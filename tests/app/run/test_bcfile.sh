#!/usr/bin/env bash
# test_bcfile.sh — initial and lateral boundary conditions from a parent run's file
# ([boundary] initial = file, lateral = file). A parent 6-hour run writes 3-D fields
# ([output] fields_3d = on); a child on the same grid starts at hour 3 from the parent's
# hourly file:
#  (1) `tianfu check` reports the species taken from the file (8 output species of 51);
#  (2) the child's initial state (its record 0, written as float) equals the parent's
#      record 3 exactly for every 3-D field and the surface O3 (float -> double -> float is
#      exact);
#  (3) the lateral-boundary-driven run completes and its mass budget closes:
#      max |residual_rel| <= 1e-10 (README "Mass budget": ~1e-14);
#  (4) the lateral provider acts: lateral = profile gives a different O3 at hour 6;
#  (5) restarts stay exact with lateral = file: restarted at hour 4 == continuous, bitwise;
#  (6) initial state between file records: from a 3-hourly file (records 0, 3, 6 h made
#      with cdo), a child starting at 01 Z holds (2/3) rec(0 h) + (1/3) rec(3 h) to float
#      precision;
#  (7) bad inputs: a file on another grid (message names the file and the dimensions
#      expected and found), a file not covering the run (message names both periods).
# usage: test_bcfile.sh TIANFU_EXE BC_CHECKS_EXE NC_BITCMP_EXE WORKDIR
set -u
tf=$1; chk=$2; cmpx=$3; work=$4
rm -rf "$work"; mkdir -p "$work"
fail=0
"$tf" synth --out "$work/case" --resolution-km 36 --hours 6 --seed 2 > "$work/synth.log" 2>&1 || { cat "$work/synth.log"; exit 1; }
ini=$work/case/run.ini
sed -i 's/^fields_3d *=.*/fields_3d = on/' "$ini"
"$tf" run "$ini" --threads 2 --output "$work/parent" --progress off > "$work/parent.log" 2>&1 || { tail "$work/parent.log"; exit 1; }
pf=$work/parent/tianfu_20220810T00Z_6h.nc
[ -f "$pf" ] || { echo "FAIL parent output $pf missing"; exit 1; }

# child: hours 3..6 from the parent's file
child=$work/case/child.ini
cp "$ini" "$child"
sed -i "s/^start *=.*/start = 2022-08-10T03:00:00Z/; s/^hours *=.*/hours = 3/; s/^initial *=.*/initial = file/; s/^lateral *=.*/lateral = file/; s|^file *=.*|file = $pf|; s/^restart_interval_h *=.*/restart_interval_h = 1/" "$child"
"$tf" check "$child" > "$work/check.log" 2>&1 || { cat "$work/check.log"; exit 1; }
if grep -q "8 of 51 species from the file" "$work/check.log"; then echo "CHECK check_species_from_file measured=8 reference=8 tol=0 PASS"
else echo "CHECK check_species_from_file FAIL: $(grep '^boundary' "$work/check.log")"; fail=1; fi
"$tf" run "$child" --threads 2 --output "$work/child" --progress off > "$work/child.log" 2>&1 || { tail "$work/child.log"; exit 1; }
cf=$work/child/tianfu_20220810T03Z_3h.nc
"$chk" differ "$pf" 0 "$pf" 3 O3_3d || fail=1   # the parent's records 0 and 3 are distinct
"$chk" reccmp "$pf" 3 "$cf" 0 O3_3d NO_3d NO2_3d CO_3d SO2_3d FORM_3d PAN_3d ISOP_3d O3 || fail=1
"$chk" budget "$work/child/tianfu_20220810T03Z_3h_budget.csv" 1e-10 || fail=1

# lateral = profile instead: the boundary values must matter
sed "s/^lateral *=.*/lateral = profile/" "$child" > "$work/case/child_prof.ini"
"$tf" run "$work/case/child_prof.ini" --threads 2 --output "$work/child_prof" --progress off > "$work/child_prof.log" 2>&1 || { tail "$work/child_prof.log"; exit 1; }
"$chk" differ "$cf" 3 "$work/child_prof/tianfu_20220810T03Z_3h.nc" 3 O3_3d || fail=1

# restart at hour 4 reproduces the continuous child bit for bit
sed "s|^restart_from *=.*|restart_from = $work/child/restart_20220810T04Z.nc|; s/^start *=.*/start = 2022-08-10T04:00:00Z/; s/^hours *=.*/hours = 2/" "$child" > "$work/case/child_rst.ini"
"$tf" run "$work/case/child_rst.ini" --threads 2 --output "$work/child_rst" --progress off > "$work/child_rst.log" 2>&1 || { tail "$work/child_rst.log"; exit 1; }
"$cmpx" "$work/child/restart_20220810T06Z.nc" "$work/child_rst/restart_20220810T06Z.nc" conc || fail=1

# initial state interpolated in time between the records of a 3-hourly file
if command -v cdo > /dev/null; then
  cdo -s seltimestep,1,4,7 "$pf" "$work/p3h.nc" || { echo "FAIL cdo seltimestep"; exit 1; }
  sed "s|^file *=.*|file = $work/p3h.nc|; s/^start *=.*/start = 2022-08-10T01:00:00Z/; s/^hours *=.*/hours = 2/" "$child" > "$work/case/c3h.ini"
  "$tf" run "$work/case/c3h.ini" --threads 2 --output "$work/c3h" --progress off > "$work/c3h.log" 2>&1 || { tail "$work/c3h.log"; exit 1; }
  "$chk" interp "$pf" 0 3 3600 10800 "$work/c3h/tianfu_20220810T01Z_2h.nc" 0 O3_3d NO2_3d ISOP_3d O3 || fail=1
  "$chk" budget "$work/c3h/tianfu_20220810T01Z_2h_budget.csv" 1e-10 || fail=1
else
  echo "SKIP time interpolation of the initial state: cdo not installed"
fi

# bad input 1: a file on another grid (x = 10)
cat > "$work/bad.cdl" <<EOF
netcdf bad {
dimensions: time = UNLIMITED ; lev = 20 ; y = 28 ; x = 10 ;
variables:
  double time(time) ; time:units = "hours since 2022-08-10 00:00:00" ;
  float O3_3d(time, lev, y, x) ; O3_3d:units = "ppb" ;
data: time = 0 ;
}
EOF
ncgen -o "$work/bad.nc" "$work/bad.cdl" || { echo "FAIL ncgen"; exit 1; }
sed "s|^file *=.*|file = $work/bad.nc|" "$child" > "$work/case/bad.ini"
if "$tf" check "$work/case/bad.ini" > "$work/bad.log" 2>&1; then echo "CHECK bad_grid_refused FAIL (accepted)"; fail=1
elif grep -q "$work/bad.nc: dimensions x, y, lev: expected 39 x 28 x 20 (the run's grid), found 10 x 28" "$work/bad.log"; then
  echo "CHECK bad_grid_message PASS: $(cat "$work/bad.log")"
else echo "CHECK bad_grid_message FAIL: $(cat "$work/bad.log")"; fail=1; fi

# bad input 2: the child's own output (03..06 Z) cannot drive a run from 00 Z
sed "s|^file *=.*|file = $cf|; s/^start *=.*/start = 2022-08-10T00:00:00Z/; s/^hours *=.*/hours = 6/" "$child" > "$work/case/early.ini"
if "$tf" check "$work/case/early.ini" > "$work/early.log" 2>&1; then echo "CHECK bad_period_refused FAIL (accepted)"; fail=1
elif grep -q "covers 2022-08-10T03:00:00Z .. 2022-08-10T06:00:00Z" "$work/early.log" && grep -q "2022-08-10T00:00:00Z" "$work/early.log"; then
  echo "CHECK bad_period_message PASS: $(cat "$work/early.log")"
else echo "CHECK bad_period_message FAIL: $(cat "$work/early.log")"; fail=1; fi
exit $fail
