#!/usr/bin/env bash
# test_bulletin_products.sh — bulletin.json of the fixture case (test_bulletin_case.sh)
# validated against docs/bulletin.schema.json and recomputed independently from the run's
# city hour means (check_bulletin.py: GB 3095/HJ 663 statistics, HJ 633-2026 AQI in exact
# arithmetic, ranges, advisories, regional counts); then with a PM file (PM2.5 = 80 µg/m3:
# HJ 633-2026 IAQI = ceil(100 + 50/55·20) = 119, so every complete day has AQI >= 119 and
# primary PM2.5 unless a gas is higher); then bad inputs, each refused naming file:line and
# leaving no product behind.
# usage: test_bulletin_products.sh TIANFU_EXE PYTHON SOURCE_DIR CASE_WORKDIR
set -u
tf=$1; py=$2; src=$3; work=$4
here="$src/tests/app/bulletin"; schema="$src/docs/bulletin.schema.json"
out="$work/out"; hours=$(ls "$out"/*_city_hours.csv)
[ -f "$out/bulletin.json" ] || { echo "FAIL: fixture missing: run test_bulletin_case first"; exit 1; }
fail=0
"$py" "$here/check_bulletin.py" "$out/bulletin.json" "$hours" "$schema" || fail=1

# Images: per complete day one MDA8 and one max 1-h map (PNG file = the inlined image),
# per city with O3 one hourly series, all real PNGs of the stated size.
"$py" - "$out" <<'PY' || fail=1
import base64, json, re, struct, sys
out = sys.argv[1]
d = json.load(open(f"{out}/bulletin.json", encoding="utf-8"))
html = open(f"{out}/bulletin.html", encoding="utf-8").read()
inl = [base64.b64decode(b) for b in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)]
dates = sorted({x["date"] for c in d["cities"] for x in c["days"] if x["complete"]})
ok = True
def check(name, m, r):
    global ok
    ok &= m == r
    print(f"CHECK {name} measured={m} reference={r} tol=0 {'PASS' if m == r else 'FAIL'}")
check("images_inlined", len(inl), 2 * len(dates) + len(d["cities"]))
same = 0
for day in dates:
    for kind in ("o3_mda8", "o3_max1h"):
        try:
            b = open(f"{out}/bulletin_{kind}_{day}.png", "rb").read()
        except OSError as e:
            print(f"missing map: {e}"); b = b""
        same += b in inl and b[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", b[16:20])[0] == 1000
check("map_files_equal_inlined_1000px", same, 2 * len(dates))
sys.exit(0 if ok else 1)
PY

# PM supplied: every city, every day
pmdir="$work/pm"; rm -rf "$pmdir"; mkdir -p "$pmdir"
cp "$out"/*_city_hours.csv "$pmdir/"
{ echo "city,date,pm25_ugm3,pm10_ugm3"
  awk -F, 'NR>2 && !seen[$1","$7]++ {print $1","$7",80,60"}' "$hours"; } > "$pmdir/pm.csv"
sed "s|^relative_uncertainty.*|&\npm_file = $pmdir/pm.csv|" "$src/configs/bulletin/bulletin.ini" > "$pmdir/bulletin.ini"
"$tf" bulletin "$pmdir" --config "$pmdir/bulletin.ini" > "$pmdir/log" 2>&1 || { cat "$pmdir/log"; fail=1; }
"$py" "$here/check_bulletin.py" "$pmdir/bulletin.json" "$hours" "$schema" "$pmdir/pm.csv" || fail=1
"$py" - "$pmdir/bulletin.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
days = [x for c in d["cities"] for x in c["days"] if x["complete"]]
lo = min(x["aqi"] for x in days)
pm_iaqi = {x["iaqi"].get("PM2.5") for x in days}
ok = d["pm_supplied"] and "PM2.5" in d["aqi_covers"] and lo >= 119 and pm_iaqi == {119}
print(f"CHECK pm_file_aqi_min measured={lo} reference=119 tol=0 {'PASS' if lo >= 119 else 'FAIL'}")
print(f"CHECK pm25_iaqi_80ugm3 measured={sorted(pm_iaqi)} reference=[119] tol=0 {'PASS' if pm_iaqi == {119} else 'FAIL'}")
sys.exit(0 if ok else 1)
PY

# Bad inputs: exit 1, the message names the place, no bulletin written.
bad="$work/bad"; rm -rf "$bad"; mkdir -p "$bad"
expect() {  # name expected-message-regex command...
  local name=$1 re=$2; shift 2
  "$@" > "$bad/$name.log" 2>&1; local rc=$?
  if [ $rc = 1 ] && grep -Eq "$re" "$bad/$name.log" && ! ls "$bad"/case/bulletin.* >/dev/null 2>&1; then
    echo "ok   $name: $(head -1 "$bad/$name.log")"
  else
    echo "FAIL $name (rc=$rc): $(cat "$bad/$name.log")"; fail=1
  fi
}
mkdir -p "$bad/case"; cp "$hours" "$bad/case/"
sed 's/^rule = AQI>200 for 2 days/rule = AQI>>200 for 2 days/' "$src/configs/bulletin/bulletin.ini" > "$bad/rule.ini"
line=$(grep -n 'AQI>>200' "$bad/rule.ini" | cut -d: -f1)
expect bad_rule "rule.ini:$line: \[warning yellow\] rule" "$tf" bulletin "$bad/case" --config "$bad/rule.ini"
sed 's/^aqi_standard.*/aqi_standrd = hj633-2026/' "$src/configs/bulletin/bulletin.ini" > "$bad/key.ini"
expect bad_key "key.ini:[0-9]+:.*aqi_standrd" "$tf" bulletin "$bad/case" --config "$bad/key.ini"
expect no_folder "nowhere: cannot open the forecast folder" "$tf" bulletin "$bad/nowhere"
bh="$bad/case/$(basename "$hours")"
awk -F, -v OFS=, 'NR==10 {$8=25} {print}' "$hours" > "$bh"
expect hour_25 "city_hours.csv:10:8: .*hour" "$tf" bulletin "$bad/case"
awk -F, -v OFS=, 'NR==12 {$9="abc"} {print}' "$hours" > "$bh"
expect bad_number "city_hours.csv:12:9: .*o3_ugm3.*abc" "$tf" bulletin "$bad/case"
awk 'NR==20 {print} {print}' "$hours" > "$bh"
expect duplicate_hour "city_hours.csv:21: .*appears twice" "$tf" bulletin "$bad/case"
cp "$hours" "$bh"
printf 'city,date,pm25_ugm3,pm10_ugm3\nAtlantis,2022-08-11,30,50\n' > "$bad/pm.csv"
sed "s|^relative_uncertainty.*|&\npm_file = $bad/pm.csv|" "$src/configs/bulletin/bulletin.ini" > "$bad/pm.ini"
expect pm_unknown_city "pm.csv:2:1: city 'Atlantis'" "$tf" bulletin "$bad/case" --config "$bad/pm.ini"
exit $fail
