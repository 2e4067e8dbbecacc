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
#endif
