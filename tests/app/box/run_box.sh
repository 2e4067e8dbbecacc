#!/bin/sh
# run_box.sh TIANFU CONFIG HEADER_PREFIX [REQUIRED_FILE]
# Integration test: `tianfu box CONFIG` must succeed and print a CSV whose header starts
# with HEADER_PREFIX and whose rows all have the header's number of fields with finite,
# non-negative values. Exit 77 (CTest skip) if REQUIRED_FILE is given and absent.
tianfu=$1; cfg=$2; prefix=$3; need=$4
if [ -n "$need" ] && [ ! -f "$need" ]; then echo "skip: $need not found"; exit 77; fi
out=$(mktemp) || exit 1
"$tianfu" box "$cfg" > "$out" || { rm -f "$out"; exit 1; }
head -1 "$out" | grep -q "^$prefix" || { echo "bad header: $(head -1 "$out" | cut -c1-80)"; rm -f "$out"; exit 1; }
awk -F, 'NR==1{n=NF; next} NF!=n{print "row " NR ": " NF " fields, expected " n; bad=1}
  {for(i=1;i<=NF;i++) if ($i !~ /^[0-9.eE+-]+$/ || $i+0 < 0) {print "row " NR " field " i ": " $i; bad=1}}
  END{print NR-1 " rows"; exit bad}' "$out"
rc=$?
tail -1 "$out" | cut -c1-120
rm -f "$out"
exit $rc
