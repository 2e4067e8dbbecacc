/* tf_time.h — model time: seconds since 1970-01-01T00:00:00Z (UTC), as a double.
 * Parsing/formatting of ISO 8601 and WRF "YYYY-MM-DD_hh:mm:ss" strings. Beijing time
 * (UTC+8, no DST) is what Chinese standards use for "natural day" statistics. */
#ifndef TF_TIME_H
#define TF_TIME_H
#include "model/core/tf_error.h"

#define TF_BEIJING_OFFSET_S (8 * 3600)

/* Days from civil date (proleptic Gregorian), Howard Hinnant's algorithm. */
long tf_days_from_civil(int y, int m, int d);
void tf_civil_from_days(long z, int *y, int *m, int *d);
/* Parse "YYYY-MM-DD_hh:mm:ss" (WRF) or ISO 8601 "YYYY-MM-DDThh:mm[:ss][Z|+hh[:mm]|-hh[:mm]]".
 * A string without a zone is UTC. Returns TF_EINVAL with the offending text. */
int tf_time_parse(const char *s, double *t, tf_err *err);
/* Format as "YYYY-MM-DDThh:mm:ssZ" (or WRF form when wrf != 0); buf >= 21 bytes. */
void tf_time_format(double t, char *buf, int wrf);
/* Day of year (1..366), and UTC hour of day (fractional). */
int tf_time_doy(double t);
double tf_time_hour_utc(double t);
/* Bracket time t (s) in the strictly increasing record times[0..n-1]: i is the last record
 * with times[i] <= t, w = (t - times[i]) / (times[i+1] - times[i]) in [0, 1), so
 * t = (1-w) times[i] + w times[i+1]. A record time gives that record with w = 0 (the
 * interval starting there), the last record i = n-1, w = 0; one record brackets only its
 * own time. TF_EINVAL naming t and the period (ISO 8601 UTC) if t is outside
 * [times[0], times[n-1]] or NaN, or if n < 1. */
int tf_time_bracket(const double *times, int n, double t, int *i, double *w, tf_err *err);
#endif
