/* series.h — hour-mean series of a list of pollutants over Beijing days (post/ layer: plain
 * arrays, no files, no grid).
 *
 * Observations and the AQI use hour-ending hourly MEANS in Beijing time (UTC+8): value
 * h (1..24) of a natural day covers [h-1, h) local hours, as the national real-time release
 * labels them. A series accumulates value x dt of each pollutant over the steps of an hour
 * (post_series_add) and, at the whole hour, stores the mean sum / 3600 s for every field
 * point (post_series_end_hour). Fields are arrays of `n` values (e.g. a 2-D model field
 * with its halo); only the `ncols` points listed in `cols` are accumulated, the others stay
 * 0. Storage is [pollutant][day*24 + hour][n] and a validity flag per (day, hour).
 *
 * Restarts: the product state of a run is the current day's block of every series (so
 * the MDA8 of a day spanning a restart is complete). post_series_restart_arrays lists those
 * blocks as named arrays of doubles ("<pollutant lower-case>_day_hourly_ppb",
 * "day_hour_valid") that a writer saves and a reader fills in place, followed by
 * post_series_restart_loaded. */
#ifndef TF_POST_SERIES_H
#define TF_POST_SERIES_H
#include <stddef.h>
#include "model/core/tf_error.h"

#define POST_NAME_LEN 32

typedef struct post_series post_series;

/* One named array of a product's restart state. */
typedef struct post_array {
  char name[64];
  size_t n;        /* doubles */
  double *data;    /* written from / read into */
} post_array;

/* npoll pollutant names (copied); fields of n values of which cols[0..ncols-1] are
 * accumulated (cols copied; NULL = all n); Beijing days day0 .. day0+nday-1 (days since
 * 1970-01-01 in Beijing time). */
post_series *post_series_create(int npoll, const char *const *names, size_t n, const size_t *cols, size_t ncols,
                                long day0, int nday, tf_err *err);
void post_series_destroy(post_series **s);

int post_series_npoll(const post_series *s);
const char *post_series_name(const post_series *s, int p);
int post_series_find(const post_series *s, const char *name); /* -1 if absent */
int post_series_ndays(const post_series *s);
long post_series_day0(const post_series *s);

/* Add field[n] x dt_s to pollutant p's current hour (units of the field x s). */
void post_series_add(post_series *s, int p, const double *field, double dt_s);
/* Close the hour ending at t_end (s since 1970 UTC, a whole hour): store the means and mark
 * the hour valid when it falls in the series' days; the accumulators restart at 0. */
void post_series_end_hour(post_series *s, double t_end);

/* Hour h (0..23, i.e. hour-ending h+1) of day d (0..ndays-1) of pollutant p: n values. */
const double *post_series_hour(const post_series *s, int p, int d, int h);
/* The 24 validity flags of day d. */
const unsigned char *post_series_valid(const post_series *s, int d);

/* Beijing day (days since 1970) of the hour that ENDS at te, and its label 1..24. */
long post_day_of_hour_end(double te);
int post_hour_label(double te);

/* The restart arrays of day d (npoll + 1 arrays; out must hold that many). Before writing,
 * the validity flags are copied into the last array; after reading into the arrays call
 * post_series_restart_loaded(s, d). A day outside the series gives zero arrays. */
int post_series_restart_arrays(post_series *s, int d, post_array *out);
void post_series_restart_loaded(post_series *s, int d);
#endif
