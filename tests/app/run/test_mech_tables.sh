#!/usr/bin/env bash
# test_mech_tables.sh — integration: a mechanism's tables (species.csv,
# boundary_profiles.csv, speciation.csv, photolysis_map.csv) are found in the folder of its
# .def file, never by the file's name. On a small built-in case (36 km, 3 h):
#  - tianfu check prints every resolved table path;
#  - a renamed copy of CB05 (cp -r configs/mechanisms/cb05 m; mv cb05.def mycb05.def) with
#    all its tables passes check, uses its own folder's tables and gives the same forecast
#    bit for bit (every variable of every NetCDF, every CSV);
#  - the copy without speciation.csv (or photolysis_map.csv) is refused, naming the table,
#    the folder and why it is needed; [emissions] speciation = <path> overrides it;
#  - a species.csv whose ISOP row has no biogenic role: check reports "isoprene -> none";
#    with no role at all and biogenic = on the run is refused.
# usage: test_mech_tables.sh TIANFU_EXE NC_BITCMP_EXE WORKDIR
set -u
tf=$1; bitcmp=$2; work=$3
src=${TIANFU_SOURCE_DIR:-$(cd "$(dirname "$0")/../../.." && pwd)}
rm -rf "$work"; mkdir -p "$work"
fail=0
ck() { if [ "$2" = 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
"$tf" synth --out "$work/case" --resolution-km 36 --hours 3 --seed 5 > "$work/synth.log" 2>&1
ck "synth exits 0" $?
case=$work/case
# the copy, renamed
cp -r "$src/configs/mechanisms/cb05" "$work/m"
mv "$work/m/cb05.def" "$work/m/mycb05.def"
sed "s|^mechanism *=.*|mechanism = $work/m/mycb05.def|" "$case/run.ini" > "$case/copy.ini"

"$tf" check "$case/run.ini" > "$work/check.log" 2>&1; ck "check of the original exits 0" $?
for t in species.csv boundary_profiles.csv speciation.csv photolysis_map.csv; do
  grep -q "$src/configs/mechanisms/cb05/$t" "$work/check.log"; ck "check prints the path of $t" $?
done
grep -q "isoprene -> ISOP, terpene -> TERP" "$work/check.log"; ck "check prints the biogenic roles" $?

"$tf" check "$case/copy.ini" > "$work/check_copy.log" 2>&1; ck "check of the renamed copy exits 0" $?
for t in species.csv boundary_profiles.csv speciation.csv photolysis_map.csv; do
  grep -q "$work/m/$t" "$work/check_copy.log"; ck "renamed copy uses its own $t" $?
done

"$tf" run "$case/run.ini" --hours 3 --output "$work/out_orig" --progress off > "$work/run_orig.log" 2>&1
ck "run of the original exits 0" $?
"$tf" run "$case/copy.ini" --hours 3 --output "$work/out_copy" --progress off > "$work/run_copy.log" 2>&1
ck "run of the renamed copy exits 0" $?
same=0; nvar=0
for f in "$work"/out_orig/*.nc; do
  n=$(basename "$f")
  [ -f "$work/out_copy/$n" ] || { echo "missing $n"; same=1; continue; }
  for v in $(ncdump -h "$f" | sed -n '/^variables:/,/^data:/p' | grep -E '^\s+(double|float|int|short|byte) ' |
             sed -E 's/^\s+\S+ ([A-Za-z0-9_]+).*/\1/'); do
    nvar=$((nvar + 1))
    "$bitcmp" "$f" "$work/out_copy/$n" "$v" > /dev/null 2>&1 || { echo "differs: $n $v"; same=1; }
  done
  diff <(ncdump -h "$f" | grep standard_name) <(ncdump -h "$work/out_copy/$n" | grep standard_name) > /dev/null ||
    { echo "standard names differ: $n"; same=1; }
done
for f in "$work"/out_orig/*.csv; do cmp -s "$f" "$work/out_copy/$(basename "$f")" || { echo "differs: $f"; same=1; }; done
[ $nvar -gt 20 ]; ck "compared $nvar NetCDF variables" $?
ck "renamed copy gives the same forecast bit for bit" $same

# the copy without speciation.csv: refused, naming table, folder and reason
mv "$work/m/speciation.csv" "$work/speciation.csv"
out=$("$tf" check "$case/copy.ini" 2>&1); rc=$?
echo "$out" | tail -1
[ $rc != 0 ] && echo "$out" | grep -q "mechanism $work/m/mycb05.def: missing table speciation.csv in $work/m/ (needed because \[emissions\] gridded is set)"
ck "copy without speciation.csv refused, naming the table" $?
sed "s|^speciation *=.*|speciation = $work/speciation.csv|" "$case/copy.ini" > "$case/copy_override.ini"
"$tf" check "$case/copy_override.ini" > "$work/check_override.log" 2>&1 &&
  grep -q "speciation  $work/speciation.csv" "$work/check_override.log"
ck "[emissions] speciation overrides the mechanism's table" $?
mv "$work/speciation.csv" "$work/m/speciation.csv"
mv "$work/m/photolysis_map.csv" "$work/photolysis_map.csv"
out=$("$tf" check "$case/copy.ini" 2>&1); rc=$?
[ $rc != 0 ] && echo "$out" | grep -q "missing table photolysis_map.csv in $work/m/"
ck "copy without photolysis_map.csv refused, naming the table" $?
mv "$work/photolysis_map.csv" "$work/m/photolysis_map.csv"

# biogenic roles come from species.csv: ISOP without a role gets no isoprene
cp "$work/m/species.csv" "$work/species.csv"
sed -i 's/^\(ISOP,.*\),isoprene,/\1,,/' "$work/m/species.csv"
"$tf" check "$case/copy.ini" > "$work/check_norole.log" 2>&1 &&
  grep -q "isoprene -> none, terpene -> TERP" "$work/check_norole.log"
ck "ISOP without the isoprene role: check shows isoprene -> none" $?
sed -i 's/^\(TERP,.*\),terpene,/\1,,/' "$work/m/species.csv"
out=$("$tf" check "$case/copy.ini" 2>&1); rc=$?
[ $rc != 0 ] && echo "$out" | grep -q "biogenic role"
ck "biogenic = on with no biogenic role in species.csv refused" $?
cp "$work/species.csv" "$work/m/species.csv"
exit $fail
