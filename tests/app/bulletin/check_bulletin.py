#!/usr/bin/env python3
"""check_bulletin.py — bulletin.json against its schema and against an independent
recomputation from the run's city hour means.

usage: check_bulletin.py BULLETIN.json CITY_HOURS.csv SCHEMA.json [PM.csv]

References (transcribed here from the standards, not from Tianfu's C code):
  GB 3095-2026 Table 4 / HJ 663: an 8-h mean needs >= 6 hourly values; MDA8 = max of the
    8-h means whose windows END at hours 8..24 of the day; valid with >= 14 valid windows
    or when above 160 ug/m3; a 24-h mean needs >= 20 hourly values.
  HJ 633-2026 Table 3 (docs/physics-references.md 5.1-5.2): IAQI breakpoints, IAQI rounded
    UP ("全部进位取整数"), AQI = max IAQI, level by AQI 50/100/150/200/300, colours of
    Appendix A; daily concentrations rounded by GB/T 8170 (round half to even) to integers,
    CO to 0.1 mg/m3, before the IAQI.
  National warning levels (MEE 2017 重污染天气预警分级标准): forecast daily AQI > 200 for
    1 day blue, 2 days yellow; > 200 for 3 days with > 300 on >= 1 day orange; red for 4
    days with 2 days > 300 or AQI >= 500; ozone advisories MDA8 > 160 and > 215.
Arithmetic of the IAQI is exact (fractions.Fraction), so a floating-point slip in the C
code (e.g. 25.000000000000004 rounded up to 26) shows as a mismatch. Prints one
`CHECK name measured=... reference=... tol=... PASS|FAIL` line per comparison; exit 1 on
any FAIL."""
import csv, json, math, sys
from decimal import Decimal, ROUND_HALF_EVEN
from fractions import Fraction

import jsonschema

BP = {  # names as HJ 633 writes the daily indicators; concentration breakpoints for IAQI 0,50,100,150,200,300,400,500 (HJ 633-2026 Table 3)
    "SO2": [0, 50, 150, 475, 800, 1600, 2100, 2620],
    "NO2": [0, 40, 80, 180, 280, 565, 750, 940],
    "CO": [0, 2, 4, 14, 24, 36, 48, 60],
    "O3_8h": [0, 100, 160, 215, 265, 800],
    "PM10": [0, 50, 120, 250, 350, 420, 500, 600],
    "PM2.5": [0, 35, 60, 115, 150, 250, 350, 500],
}
IAQI = [0, 50, 100, 150, 200, 300, 400, 500]
RGB = {1: "#00E400", 2: "#FFFF00", 3: "#FF7E00", 4: "#FF0000", 5: "#99004C", 6: "#7E0023"}
CAT_ZH = {1: "优", 2: "良", 3: "轻度污染", 4: "中度污染", 5: "重度污染", 6: "严重污染"}

fails = 0


def check(name, measured, reference, tol=0):
    global fails
    if isinstance(measured, (int, float)) and isinstance(reference, (int, float)) and measured is not None:
        ok = abs(measured - reference) <= tol
    else:
        ok = measured == reference
    fails += not ok
    print(f"CHECK {name} measured={measured} reference={reference} tol={tol} {'PASS' if ok else 'FAIL'}")
    return ok


def gbt8170(x, places):
    return Fraction(Decimal(repr(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN))


def iaqi(ind, c):
    bp = BP[ind]
    if ind == "O3_8h" and c > 800:
        return 300
    for k in range(1, len(bp)):
        if c <= bp[k]:
            v = Fraction(IAQI[k] - IAQI[k - 1], 1) / (Fraction(bp[k]) - bp[k - 1]) * (c - bp[k - 1]) + IAQI[k - 1]
            return math.ceil(v)
    return 500


def level(a):
    for lv, top in enumerate([50, 100, 150, 200, 300], start=1):
        if a <= top:
            return lv
    return 6


def day_stats(h):
    """h: 24 hour-ending values (None = missing). Returns mda8, mda8_valid, mean24 or None."""
    wins = []
    for end in range(8, 25):
        v = [x for x in h[end - 8:end] if x is not None]
        if len(v) >= 6:
            wins.append(sum(v) / len(v))
    mda8 = max(wins) if wins else None
    valid = mda8 is not None and (len(wins) >= 14 or mda8 > 160)
    return mda8, valid


def mean24(h):
    v = [x for x in h if x is not None]
    return sum(v) / len(v) if len(v) >= 20 else None


def main():
    bul_path, hours_path, schema_path = sys.argv[1:4]
    pm_path = sys.argv[4] if len(sys.argv) > 4 else None
    doc = json.load(open(bul_path, encoding="utf-8"))
    schema = json.load(open(schema_path, encoding="utf-8"))
    errs = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: e.path)
    for e in errs[:5]:
        print(f"schema: {e.json_path}: {e.message[:300]}")
    check("schema_errors", len(errs), 0)

    hours = {}  # city -> date -> [24]
    meta = {}
    with open(hours_path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(x for x in f if not x.startswith("#"))]
    for r in rows:
        d = hours.setdefault(r["city"], {}).setdefault(r["date"], {g: [None] * 24 for g in ("o3", "no2", "so2", "co")})
        meta[r["city"]] = r
        for g, col in (("o3", "o3_ugm3"), ("no2", "no2_ugm3"), ("so2", "so2_ugm3"), ("co", "co_mgm3")):
            if r[col] != "":
                d[g][int(r["hour"]) - 1] = float(r[col])
    pm = {}
    if pm_path:
        with open(pm_path, encoding="utf-8") as f:
            for r in csv.DictReader(x for x in f if not x.startswith("#")):
                pm[(r["city"], r["date"])] = (float(r["pm25_ugm3"]), float(r["pm10_ugm3"]))

    check("cities", len(doc["cities"]), len(hours))
    mism = {"aqi": 0, "level": 0, "colour": 0, "complete": 0, "mda8": 0, "primary": 0, "range": 0, "advisory": 0}
    ncomplete = 0
    max_dmda8 = 0.0
    region = {}  # (region, date) -> [cities, valid, over100, mda8>160]
    for c in doc["cities"]:
        days = hours[c["id"]]
        for cd in c["days"]:
            h = days.get(cd["date"])
            mda8, valid = day_stats(h["o3"])
            m = {g: mean24(h[g]) for g in ("no2", "so2", "co")}
            complete = valid and all(m[g] is not None for g in m)
            mism["complete"] += complete != cd["complete"]
            if mda8 is not None:
                if cd["o3"]["mda8"] is None:
                    mism["mda8"] += 1
                else:
                    max_dmda8 = max(max_dmda8, abs(cd["o3"]["mda8"] - mda8))
            ref_level = 0
            if complete:
                ncomplete += 1
                conc = {"O3_8h": gbt8170(mda8, 0), "NO2": gbt8170(m["no2"], 0), "SO2": gbt8170(m["so2"], 0),
                        "CO": gbt8170(m["co"], 1)}
                if (c["id"], cd["date"]) in pm:
                    p25, p10 = pm[(c["id"], cd["date"])]
                    conc["PM2.5"], conc["PM10"] = gbt8170(p25, 0), gbt8170(p10, 0)
                iq = {k: iaqi(k, v) for k, v in conc.items()}
                a = max(1, max(iq.values()))
                ref_level = level(a)
                prim = sorted(k for k, v in iq.items() if v == a) if a > 50 else []
                mism["aqi"] += cd["aqi"] != a
                mism["primary"] += sorted(cd["primary"]) != prim
                u = c["relative_uncertainty"]
                # AQI range: round half away from zero of A(1 -+ u), clamped to 1..500
                lo, hi = max(1, math.floor(a * (1 - u) + 0.5)), min(500, math.floor(a * (1 + u) + 0.5))
                mism["range"] += cd["aqi_range"] != [lo, hi] or cd["level_range"] != [level(lo), level(hi)]
                if cd["aqi"] != a and mism["aqi"] <= 3:
                    print(f"  {c['id']} {cd['date']}: aqi {cd['aqi']} vs {a} ({iq})")
            mism["level"] += cd["level"] != ref_level
            mism["colour"] += cd["colour"] != RGB.get(ref_level, "#BEBEBE")
            adv = None
            if complete or valid:
                adv = "ozone_215" if mda8 > 215 else "ozone_160" if mda8 > 160 else None
            got = cd["advisory"]["name"] if cd["advisory"] else None
            mism["advisory"] += got != adv
            if c["in_region_totals"]:
                for g in ("basin", c["province"]):
                    x = region.setdefault((g, cd["date"]), [0, 0, 0, 0])
                    x[0] += 1
                    x[1] += complete
                    x[2] += complete and cd["aqi"] > 100
                    x[3] += valid and mda8 > 160
    for k, v in mism.items():
        check(f"city_day_{k}_mismatches", v, 0)
    check("mda8_max_abs_diff_ugm3", round(max_dmda8, 3), 0.0, 0.051)  # JSON keeps one decimal
    check("complete_city_days_at_least_one", ncomplete > 0, True)
    rmis = 0
    for r in doc["regions"]:
        for rd in r["days"]:
            ref = region.get((r["region"], rd["date"]), [0, 0, 0, 0])
            got = [rd["cities"], rd["valid"], rd["aqi_over_100"], rd["mda8_over_160"]]
            if got != ref:
                rmis += 1
                print(f"  region {r['region']} {rd['date']}: {got} vs {ref}")
    check("region_day_mismatches", rmis, 0)
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
