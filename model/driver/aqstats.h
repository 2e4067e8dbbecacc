/* aqstats.h — ozone statistics as China's standards define them.
 *
 * Inputs are hour-ending hourly means in Beijing time (UTC+8): value h (1..24) of a
 * natural day covers [h-1, h) hours local time, as the national real-time release labels
 * them. Rules:
 *  - an 8-h moving average needs >= 6 valid hourly values (GB 3095-2026 Table 4);
 *  - the day's 8-h windows are those ending at 08:00..24:00 (17 windows inside the
 *    natural day; HJ 663 convention, see physics-references.md §5.3);
 *  - MDA8 (GB 3095-2026 §3.9: maximum 8-h moving average within a natural day) is valid
 *    with >= 14 valid 8-h values (HJ 663-2013/2026); with fewer it is still reported
 *    valid if it exceeds the Grade II limit of 160 µg/m3 (the exceedance is certain);
 *  - daily maximum 1-h value needs >= 1 valid hour (reported with its count).
 * Concentrations in µg/m3 at the reference state (298.15 K, 1013.25 hPa, GB 3095-2026 §4.3). */
#ifndef TF_AQSTATS_H
#define TF_AQSTATS_H

#define AQ_O3_8H_LIMIT_II 160.0   /* µg/m3, GB 3095-2026 Table 1, Grade II */
#define AQ_O3_1H_LIMIT_II 200.0   /* µg/m3, GB 3095-2026 Table 1, Grade II */
#define AQ_MIN_HOURS_8H 6          /* GB 3095-2026 Table 4 */
#define AQ_MIN_WINDOWS_MDA8 14     /* HJ 663 */

typedef struct aq_day_o3 {
  double max1h;      /* daily max of the hourly values, µg/m3 (NaN if none valid) */
  int max1h_hour;    /* hour-ending 1..24 of that maximum (0 if none) */
  double mda8;       /* max 8-h moving average, µg/m3 (NaN if no valid window) */
  int mda8_end_hour; /* hour-ending of the window with the maximum */
  int nwindows;      /* number of valid 8-h windows */
  int nhours;        /* valid hourly values */
  int mda8_valid;    /* 1 if MDA8 satisfies the validity rule above */
} aq_day_o3;

/* hourly[h-1] for hour-ending h = 1..24; valid[h-1] != 0 marks a valid value. */
void aq_day_o3_stats(const double *hourly, const unsigned char *valid, aq_day_o3 *out);
#endif
