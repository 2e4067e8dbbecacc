#!/usr/bin/env bash
# test_run_small.sh — integration: a small built-in case (36 km, 6 h) through
# synth -> check -> run; the forecast NetCDF is read by ncdump and CDO without warnings;
# check rejects broken inputs with actionable messages.
# usage: test_run_small.sh TIANFU_EXE WORKDIR
set -u
tf=$1; work=$2
rm -rf "$work"; mkdir -p "$work"
fail=0
ck() { # name, condition-result (0 ok)
  if [ "$2" = 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
"$tf" synth --out "$work/case" --resolution-km 36 --hours 6 --seed 7 > "$work/synth.log" 2>&1
ck "synth exits 0" $?
"$tf" check "$work/case/run.ini" > "$work/check.log" 2>&1
ck "check exits 0" $?
grep -q "species" "$work/check.log"; ck "check prints species" $?
"$tf" run "$work/case/run.ini" > "$work/run.log" 2>&1
rc=$?; ck "run exits 0" $rc
[ $rc = 0 ] || tail -20 "$work/run.log"
nc=$(ls "$work"/case/output/*.nc 2>/dev/null | grep -v restart | head -1)
[ -n "$nc" ]; ck "forecast NetCDF written" $?
ls "$work"/case/output/ | grep -q partial; ck "no partial files left" $((1 - $?))
if [ -n "$nc" ]; then
  ncdump -h "$nc" > /dev/null 2>&1; ck "ncdump reads the forecast" $?
  if command -v cdo > /dev/null; then
    cdo -s sinfon "$nc" > "$work/cdo.out" 2> "$work/cdo.err"; ck "cdo reads the forecast" $?
    ! grep -qi "warning" "$work/cdo.err"; ck "cdo prints no warnings" $?
  fi
fi
grep -q "Chengdu" "$work/run.log"; ck "city table printed" $?
ls "$work"/case/output/*cities*.csv > /dev/null 2>&1; ck "city CSV written" $?
# A run that dies leaves no output that looks complete: kill it mid-run.
"$tf" run "$work/case/run.ini" --output "$work/killed" > "$work/killed.log" 2>&1 &
pid=$!
sleep 0.7
if kill -9 $pid 2>/dev/null; then
  wait $pid 2>/dev/null
  ls "$work/killed"/*.nc 2>/dev/null | grep -v partial | grep -q .; ck "killed run leaves only .partial files" $((1 - $?))
else
  echo "note: the run finished before it could be killed; kill check not exercised"
fi
# Broken inputs: each must fail with a message naming the problem.
cp "$work/case/run.ini" "$work/case/bad1.ini"
sed -i 's/^solver *=.*/sovler = rodas3/' "$work/case/bad1.ini"
out=$("$tf" check "$work/case/bad1.ini" 2>&1); rc=$?
[ $rc != 0 ] && echo "$out" | grep -q "did you mean 'solver'"; ck "misspelt key rejected with a hint" $?
cp "$work/case/run.ini" "$work/case/bad2.ini"
sed -i 's|^files *=.*|files = met/nothing_here_*|' "$work/case/bad2.ini"
out=$("$tf" check "$work/case/bad2.ini" 2>&1); rc=$?
[ $rc != 0 ] && echo "$out" | grep -q "nothing_here"; ck "missing met files rejected" $?
cp "$work/case/run.ini" "$work/case/bad3.ini"
sed -i 's|^gridded *=.*|gridded = emis/absent.nc|' "$work/case/bad3.ini"
out=$("$tf" check "$work/case/bad3.ini" 2>&1); rc=$?
[ $rc != 0 ] && echo "$out" | grep -q "absent.nc"; ck "missing emission file rejected" $?
echo "$out" | head -2
exit $fail
