/* aqi.c — HJ 633-2026 / HJ 633-2012 individual and overall air-quality indices.
 *
 * Piecewise-linear interpolation in the breakpoint tables of HJ 633 Table 1 (2012) and
 * Table 3 (2026), transcribed in docs/physics-references.md §5.1–5.2 [P]; categories and
 * RGB colours from HJ 633 Table 2 / Appendix A (unchanged in 2026). Hand-written: the
 * regulation is a table and a rounding rule; no library implements it (the one Python
 * package we found, aqi-hub, uses SO2 1-h breakpoints for SO2 24-h — see the docs). */
#include "post/aqi.h"

#include <math.h>

#define NBP 8
static const double iaqi_bp[NBP] = {0, 50, 100, 150, 200, 300, 400, 500};
/* Concentration breakpoints per indicator (HJ 633-2012); NAN = no further breakpoint. */
static const double bp2012[AQI_NIND][NBP] = {
  [AQI_SO2_24H] = {0, 50, 150, 475, 800, 1600, 2100, 2620},
  [AQI_SO2_1H] = {0, 150, 500, 650, 800, NAN, NAN, NAN},
  [AQI_NO2_24H] = {0, 40, 80, 180, 280, 565, 750, 940},
  [AQI_NO2_1H] = {0, 100, 200, 700, 1200, 2340, 3090, 3840},
  [AQI_PM10_24H] = {0, 50, 150, 250, 350, 420, 500, 600},
  [AQI_CO_24H] = {0, 2, 4, 14, 24, 36, 48, 60},
  [AQI_CO_1H] = {0, 5, 10, 35, 60, 90, 120, 150},
  [AQI_O3_1H] = {0, 160, 200, 300, 400, 800, 1000, 1200},
  [AQI_O3_8H] = {0, 100, 160, 215, 265, 800, NAN, NAN},
  [AQI_PM25_24H] = {0, 35, 75, 115, 150, 250, 350, 500},
};

static const char *const ind_name[AQI_NIND] = {
  [AQI_SO2_24H] = "SO2", [AQI_SO2_1H] = "SO2_1h", [AQI_NO2_24H] = "NO2", [AQI_NO2_1H] = "NO2_1h",
  [AQI_PM10_24H] = "PM10", [AQI_CO_24H] = "CO", [AQI_CO_1H] = "CO_1h", [AQI_O3_1H] = "O3_1h",
  [AQI_O3_8H] = "O3_8h", [AQI_PM25_24H] = "PM2.5"};

const char *aqi_indicator_name(aqi_indicator ind)
{
  return ind >= 0 && ind < AQI_NIND ? ind_name[ind] : "?";
}

static double breakpoint(aqi_edition ed, aqi_indicator ind, int i)
{
  if (ed == AQI_HJ633_2026 && i == 2) { /* HJ 633-2026 Table 3: only IAQI = 100 changed */
    if (ind == AQI_PM10_24H) return 120;
    if (ind == AQI_PM25_24H) return 60;
  }
  return bp2012[ind][i];
}

/* IAQI as a real number (before rounding up); the off-scale footnotes are applied by the
 * caller. Returns NAN above the indicator's last breakpoint. */
static double iaqi_real(aqi_edition ed, aqi_indicator ind, double c)
{
  for (int i = 1; i < NBP; i++) {
    double hi = breakpoint(ed, ind, i), lo = breakpoint(ed, ind, i - 1);
    if (isnan(hi)) return NAN;
    if (c <= hi) return (iaqi_bp[i] - iaqi_bp[i - 1]) / (hi - lo) * (c - lo) + iaqi_bp[i - 1];
  }
  return NAN;
}

int aqi_iaqi(aqi_edition ed, aqi_indicator ind, double c)
{
  if (ind < 0 || ind >= AQI_NIND || !(c >= 0)) return -1;
  double v = iaqi_real(ed, ind, c);
  if (isnan(v)) {
    /* beyond the table: 2026 footnotes b) and c) fix the value; else off-scale (500). For
     * 2012, O3 8-h > 800 and SO2 1-h > 800 are replaced by another indicator in aqi_daily. */
    if (ind == AQI_O3_8H) return ed == AQI_HJ633_2026 ? 300 : -1;
    if (ind == AQI_SO2_1H) return ed == AQI_HJ633_2026 ? 200 : -1;
    return 500;
  }
  int r = (int)ceil(v - 1e-9 * (v > 0)); /* round up; absorb representation noise of exact breakpoints */
  if (ed == AQI_HJ633_2026 && r < 1) r = 1; /* 2026: range 1-500 */
  return r;
}

int aqi_level(int aqi)
{
  if (aqi <= 0) return 0;
  return aqi <= 50 ? 1 : aqi <= 100 ? 2 : aqi <= 150 ? 3 : aqi <= 200 ? 4 : aqi <= 300 ? 5 : 6;
}

/* HJ 633-2026 §: concentrations enter rounded per GB/T 8170 (round half to even) to
 * integers, CO (mg/m3) to one decimal; nearbyint rounds half to even in the default mode.
 * HJ 633-2012 uses the values as given. */
static double report_round(aqi_edition ed, aqi_indicator ind, double c)
{
  if (ed != AQI_HJ633_2026 || isnan(c)) return c;
  return ind == AQI_CO_24H || ind == AQI_CO_1H ? nearbyint(c * 10.0) / 10.0 : nearbyint(c);
}

aqi_result aqi_daily(aqi_edition ed, const aqi_day_conc *c)
{
  aqi_result r = {0};
  for (int i = 0; i < AQI_NIND; i++) r.iaqi[i] = -1;
  const struct { aqi_indicator ind; double v; } in[] = {
    {AQI_SO2_24H, c->so2_24h}, {AQI_NO2_24H, c->no2_24h}, {AQI_CO_24H, c->co_24h},
    {AQI_PM10_24H, c->pm10_24h}, {AQI_PM25_24H, c->pm25_24h}, {AQI_O3_8H, c->o3_8h},
    {AQI_O3_1H, ed == AQI_HJ633_2012 ? c->o3_1h : NAN}};
  for (unsigned k = 0; k < sizeof in / sizeof in[0]; k++) {
    if (isnan(in[k].v)) continue;
    int v = aqi_iaqi(ed, in[k].ind, report_round(ed, in[k].ind, in[k].v));
    if (in[k].ind == AQI_O3_8H && v < 0 && ed == AQI_HJ633_2012) /* footnote 3: use O3 1-h */
      v = isnan(c->o3_1h) ? -1 : aqi_iaqi(ed, AQI_O3_1H, c->o3_1h);
    if (v < 0) continue;
    r.iaqi[in[k].ind] = v;
    r.present_mask |= 1 << in[k].ind;
    if (v > r.aqi) r.aqi = v;
  }
  r.level = aqi_level(r.aqi);
  if (r.aqi > 50)
    for (int i = 0; i < AQI_NIND; i++)
      if (r.iaqi[i] == r.aqi) r.primary_mask |= 1 << i;
  return r;
}

static const char *const cat_zh[7] = {"", "优", "良", "轻度污染", "中度污染", "重度污染", "严重污染"};
static const char *const cat_en[7] = {"",         "Excellent", "Good",  "Lightly polluted",
                                      "Moderately polluted", "Heavily polluted", "Severely polluted"};
static const unsigned char rgb_tab[7][3] = {{255, 255, 255}, {0, 228, 0},  {255, 255, 0}, {255, 126, 0},
                                            {255, 0, 0},     {153, 0, 76}, {126, 0, 35}};

const char *aqi_category_zh(int level) { return level >= 1 && level <= 6 ? cat_zh[level] : ""; }
const char *aqi_category_en(int level) { return level >= 1 && level <= 6 ? cat_en[level] : ""; }
void aqi_level_rgb(int level, unsigned char rgb[3])
{
  int l = level >= 1 && level <= 6 ? level : 0;
  for (int i = 0; i < 3; i++) rgb[i] = rgb_tab[l][i];
}
