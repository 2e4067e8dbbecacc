/* test_series.c — post/series and post/sample against hand computations:
 *  - hour means: a field that is constant within each step averages to the dt-weighted
 *    mean of the steps; only the listed points are accumulated; the hour ending at
 *    00:00 Beijing is hour 24 of the previous day (hour-ending labels, Beijing = UTC+8);
 *    hours outside the series' days are dropped;
 *  - restart arrays name each pollutant's day block and round-trip the validity flags;
 *  - bilinear sampling is exact for a field linear in i and j, and equals the cell value
 *    at a cell centre; points outside are extrapolated from the edge block. */
#include <math.h>
#include <string.h>
#include "post/sample.h"
#include "post/series.h"
#include "tf_test.h"

#define T0 1660089600.0 /* 2022-08-10T00:00:00Z = 08:00 Beijing */

static void test_series(void)
{
  tf_err e;
  const char *names[] = {"O3", "NO2"};
  size_t cols[] = {1, 3};
  long day0 = post_day_of_hour_end(T0 + 3600.0);
  TF_EXPECT(post_hour_label(T0 + 3600.0) == 9);       /* 08-09 Beijing ends at 09 */
  TF_EXPECT(post_hour_label(T0 + 16 * 3600.0) == 24); /* 23-24 Beijing is hour 24 ... */
  TF_EXPECT(post_day_of_hour_end(T0 + 16 * 3600.0) == day0); /* ... of the same day */
  TF_EXPECT(post_day_of_hour_end(T0 + 17 * 3600.0) == day0 + 1);
  TF_EXPECT(post_series_create(1, names, 0, NULL, 0, day0, 1, &e) == NULL);
  size_t bad[] = {9};
  TF_EXPECT(post_series_create(1, names, 4, bad, 1, day0, 1, &e) == NULL && strstr(e.msg, "beyond"));
  post_series *s = post_series_create(2, names, 4, cols, 2, day0, 2, &e);
  TF_EXPECT(s != NULL);
  if (!s) return;
  TF_EXPECT(post_series_npoll(s) == 2 && post_series_find(s, "NO2") == 1 && post_series_find(s, "CO") == -1);
  /* hour 1: 600 s at 10 then 3000 s at 40 -> (6000 + 120000)/3600 = 35 */
  double f1[4] = {10, 10, 10, 10}, f2[4] = {40, 40, 40, 40}, g[4] = {1, 2, 3, 4};
  post_series_add(s, 0, f1, 600.0);
  post_series_add(s, 0, f2, 3000.0);
  post_series_add(s, 1, g, 3600.0);
  post_series_end_hour(s, T0 + 3600.0);
  const double *h = post_series_hour(s, 0, 0, 8);
  tf_check("hour_mean_weighted", h[1], 35.0, 1e-12);
  tf_check("hour_mean_unlisted_point", h[0], 0.0, 0.0);
  tf_check("hour_mean_second_pollutant", post_series_hour(s, 1, 0, 8)[3], 4.0, 1e-12);
  TF_EXPECT(post_series_valid(s, 0)[8] == 1 && post_series_valid(s, 0)[7] == 0);
  /* accumulators restart each hour */
  post_series_add(s, 0, f1, 3600.0);
  post_series_end_hour(s, T0 + 2 * 3600.0);
  tf_check("hour_mean_next_hour", post_series_hour(s, 0, 0, 9)[1], 10.0, 1e-12);
  /* restart arrays: day 0 block and flags */
  post_array pa[3];
  TF_EXPECT(post_series_restart_arrays(s, 0, pa) == 3);
  TF_EXPECT(!strcmp(pa[0].name, "o3_day_hourly_ppb") && !strcmp(pa[1].name, "no2_day_hourly_ppb"));
  TF_EXPECT(!strcmp(pa[2].name, "day_hour_valid") && pa[2].n == 24 && pa[0].n == 24 * 4);
  TF_EXPECT(pa[2].data[8] == 1.0 && pa[2].data[9] == 1.0 && pa[2].data[10] == 0.0);
  tf_check("restart_block_value", pa[0].data[8 * 4 + 1], 35.0, 1e-12);
  pa[2].data[10] = 1.0; /* as a reader would fill it */
  post_series_restart_loaded(s, 0);
  TF_EXPECT(post_series_valid(s, 0)[10] == 1);
  /* an hour beyond the last day is dropped without touching the stored days */
  post_series_add(s, 0, f2, 3600.0);
  post_series_end_hour(s, T0 + 3 * 86400.0);
  tf_check("dropped_hour_keeps_day0", post_series_hour(s, 0, 0, 8)[1], 35.0, 0.0);
  post_series_destroy(&s);
  TF_EXPECT(s == NULL);
}

static void test_sample(void)
{
  tf_err e;
  /* 4 x 3 cells stored with a halo of 1: ld = 6, off = 6 + 1 */
  enum { NX = 4, NY = 3, LD = NX + 2 };
  double f[LD * (NY + 2)];
  for (int j = -1; j <= NY; j++)
    for (int i = -1; i <= NX; i++) f[(j + 1) * LD + (i + 1)] = 2.0 + 3.0 * i - 0.5 * j; /* linear */
  double fi[] = {1.25, 0.0, 2.0, 3.7, -0.4}, fj[] = {0.5, 0.0, 1.0, 2.0, 1.5};
  post_sampler *s = post_sampler_create(5, fi, fj, NX, NY, LD + 1, LD, &e);
  TF_EXPECT(s != NULL && post_sampler_npts(s) == 5);
  if (!s) return;
  for (int k = 0; k < 5; k++) {
    char nm[64];
    snprintf(nm, sizeof nm, "bilinear_linear_field_point%d", k);
    tf_check(nm, post_sample(s, k, f), 2.0 + 3.0 * fi[k] - 0.5 * fj[k], 1e-12);
  }
  post_sampler_destroy(&s);
  TF_EXPECT(post_sampler_create(1, fi, fj, 1, 3, 0, 1, &e) == NULL);
}

int main(void)
{
  test_series();
  test_sample();
  return tf_test_exit();
}
