/* scenario_stats.h — what an emission scenario does to a city's ozone, against the
 * baseline over the same days (post/ layer: daily series in, numbers out; no files).
 *
 * For one city (or station), from the daily series of the baseline and of a member:
 *  - ΔMDA8: mean over the days both have a valid MDA8, and on the baseline's worst day
 *    (highest valid baseline MDA8; the first such day on ties);
 *  - Δ daily max 1-h O3 (mean over the same days);
 *  - exceedance days (MDA8 > 160 µg/m3, GB 3095-2026 Grade II) of each, and avoided;
 *  - the O3 term of the comprehensive index, P90(MDA8)/160 (HJ 663 percentile, aqstats.h);
 *  - good days (daily AQI <= 100 per HJ 633, aqi.h) of each: the AQI uses the gases the
 *    model has (O3 MDA8, and NO2/SO2/CO 24-h means when given) and PM2.5/PM10 when the
 *    caller supplies them (observed, or held fixed — the same series for both runs), and
 *    records which were present so that reports can state it.
 * Concentrations µg/m3 at 298.15 K, 1013.25 hPa (CO mg/m3); NaN = missing.
 * Population-weighted means over cities: scst_weighted_mean. */
#ifndef TF_POST_SCENARIO_STATS_H
#define TF_POST_SCENARIO_STATS_H
#include "post/aqi.h"

/* Daily series of one run at one city; every array is [ndays] or NULL (absent). */
typedef struct scst_days {
  int ndays;
  const double *mda8, *max1h;              /* O3, µg/m3 */
  const double *no2_24h, *so2_24h, *co_24h; /* µg/m3, CO mg/m3 */
} scst_days;

/* PM series for the AQI, shared by baseline and member (NULL = not available). */
typedef struct scst_pm {
  const double *pm25_24h, *pm10_24h;
} scst_pm;

typedef struct scst_city {
  int ndays_paired;          /* days with a valid MDA8 in both runs */
  double d_mda8_mean;        /* member - baseline, µg/m3 */
  int worst_day;             /* index of the baseline's worst day (-1 if none) */
  double mda8_worst_base, d_mda8_worst;
  double d_max1h_mean;       /* µg/m3 (NaN without max1h) */
  int exceed_base, exceed_member;
  double o3_index_base, o3_index_member; /* P90(MDA8) / 160 */
  int good_base, good_member;            /* days with AQI <= 100 (of the days with an AQI) */
  int naqi_days;
  int aqi_present_mask;      /* indicators in the AQI (bits of aqi_indicator) */
} scst_city;

/* Compare member m against baseline b (same ndays). Returns 0, or -1 when the series
 * lengths differ or mda8 is missing. */
int scst_compare(const scst_days *b, const scst_days *m, const scst_pm *pm, aqi_edition ed,
                 scst_city *out);

/* sum(w_i x_i) / sum(w_i) over i with finite x_i and w_i > 0 (NaN if none). */
double scst_weighted_mean(int n, const double *w, const double *x);
#endif
