/* aqstats.h — daily air-quality statistics as China's standards define them (post/
 * layer: plain arrays in, numbers out; no files, no grid).
 *
 * Inputs are hour-ending hourly means in Beijing time (UTC+8): value h (1..24) of a
 * natural day covers [h-1, h) hours local time, as the national real-time release labels
 * them. Rules:
 *  - an 8-h moving average needs >= 6 valid hourly values (GB 3095-2026 Table 4);
 *  - the day's 8-h windows are those ending at 08:00..24:00 (17 windows inside the
 *    natural day; HJ 663 convention, see docs/physics-references.md §5.3);
 *  - MDA8 (GB 3095-2026 §3.9: maximum 8-h moving average within a natural day) is valid
 *    with >= 14 valid 8-h values (HJ 663-2013/2026); with fewer it is still reported
 *    valid if it exceeds the Grade II limit of 160 µg/m3 (the exceedance is certain);
 *  - daily maximum 1-h value needs >= 1 valid hour (reported with its count);
 *  - a daily (24-h) mean of SO2, NO2, CO needs >= 20 valid hourly values (GB 3095-2026
 *    Table 4); the daily maximum 1-h value of these gases is reported as for O3.
 * Concentrations in µg/m3 at the reference state (298.15 K, 1013.25 hPa, GB 3095-2026 §4.3). */
#ifndef TF_AQSTATS_H
#define TF_AQSTATS_H

#define AQ_O3_8H_LIMIT_II 160.0   /* µg/m3, GB 3095-2026 Table 1, Grade II */
#define AQ_O3_1H_LIMIT_II 200.0   /* µg/m3, GB 3095-2026 Table 1, Grade II */
#define AQ_MIN_HOURS_8H 6          /* GB 3095-2026 Table 4 */
#define AQ_MIN_WINDOWS_MDA8 14     /* HJ 663 */
#define AQ_MIN_HOURS_24H 20        /* GB 3095-2026 Table 4: daily means */

typedef struct aq_day_o3 {
  double max1h;      /* daily max of the hourly values, µg/m3 (NaN if none valid) */
  int max1h_hour;    /* hour-ending 1..24 of that maximum (0 if none) */
  double mda8;       /* max 8-h moving average, µg/m3 (NaN if no valid window) */
  int mda8_end_hour; /* hour-ending of the window with the maximum */
  int nwindows;      /* number of valid 8-h windows */
  int nhours;        /* valid hourly values */
  int mda8_valid;    /* 1 if MDA8 satisfies the validity rule above */
} aq_day_o3;

/* The gases of the AQI that a mechanism may carry: molar mass, the unit GB 3095-2026
 * reports them in (µg/m3; CO mg/m3) and the CF standard name of that mass concentration. */
typedef struct aq_gas {
  const char *name;      /* "O3", "NO2", "SO2", "CO" */
  double mw_g_mol;       /* g/mol */
  const char *unit;      /* "ug m-3" or "mg m-3" */
  double per_ugm3;       /* reported unit per µg/m3 (1, or 1e-3 for mg/m3) */
  const char *cf_name;
} aq_gas;
/* NULL when name is none of them. */
const aq_gas *aq_gas_find(const char *name);

/* hourly[h-1] for hour-ending h = 1..24; valid[h-1] != 0 marks a valid value. */
void aq_day_o3_stats(const double *hourly, const unsigned char *valid, aq_day_o3 *out);

/* Daily statistics of a gas reported as a 24-h mean (SO2, NO2, CO). */
typedef struct aq_day_mean {
  double mean24;     /* mean of the valid hours (NaN if none) */
  int mean24_valid;  /* 1 if >= AQ_MIN_HOURS_24H valid hours */
  double max1h;      /* daily max of the valid hours (NaN if none) */
  int max1h_hour;    /* hour-ending 1..24 of that maximum (0 if none) */
  int nhours;        /* valid hourly values */
} aq_day_mean;

void aq_day_mean_stats(const double *hourly, const unsigned char *valid, aq_day_mean *out);

/* p-th percentile (0..100) of the n values of x that are not NaN, by the method of HJ 663
 * (assessment of ambient air quality; docs/physics-references.md §5.4): sort ascending,
 * k = 1 + (nv - 1) p / 100, s = floor(k), X_p = X_s + (X_{s+1} - X_s)(k - s) (1-based).
 * NaN when no value is valid. Used for the O3 term of the comprehensive index
 * (90th percentile of daily MDA8 / 160 µg/m3). */
double aq_percentile(const double *x, int n, double p);
#endif
