/* series.c — hour-mean series over Beijing days (see series.h). */
#include "post/series.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/core/tf_time.h"

struct post_series {
  int npoll;
  char (*names)[POST_NAME_LEN];
  size_t n, ncols;
  size_t *cols;
  long day0;
  int nday;
  double *acc;            /* [npoll][n] current hour, value x s */
  double *hist;           /* [npoll][nday*24][n] hour means */
  unsigned char *valid;   /* [nday*24] */
  double valid_buf[24];   /* restart form of one day's flags */
  double *zero;           /* [24*n] for days outside the series */
};

long post_day_of_hour_end(double te) { return (long)floor((te - 1.0 + TF_BEIJING_OFFSET_S) / 86400.0); }

int post_hour_label(double te)
{
  long s = (long)llround(te + TF_BEIJING_OFFSET_S) % 86400;
  return s == 0 ? 24 : (int)(s / 3600);
}

post_series *post_series_create(int npoll, const char *const *names, size_t n, const size_t *cols, size_t ncols,
                                long day0, int nday, tf_err *err)
{
  if (npoll < 0 || nday < 1 || n < 1) {
    tf_err_set(err, TF_EINVAL, "post_series_create: expected >= 0 pollutants, >= 1 day and >= 1 point, found %d, %d, %zu",
               npoll, nday, n);
    return NULL;
  }
  post_series *s = tf_calloc(1, sizeof *s, err);
  if (!s) return NULL;
  *s = (post_series){.npoll = npoll, .n = n, .ncols = cols ? ncols : n, .day0 = day0, .nday = nday};
  size_t np = (size_t)(npoll ? npoll : 1), nh = (size_t)nday * 24;
  s->names = tf_calloc(np, sizeof *s->names, err);
  s->cols = tf_calloc(s->ncols, sizeof *s->cols, err);
  s->acc = tf_calloc(np * n, sizeof(double), err);
  s->hist = tf_calloc(np * nh * n, sizeof(double), err);
  s->valid = tf_calloc(nh, 1, err);
  s->zero = tf_calloc(24 * n, sizeof(double), err);
  if (!s->names || !s->cols || !s->acc || !s->hist || !s->valid || !s->zero) {
    post_series_destroy(&s);
    return NULL;
  }
  for (int p = 0; p < npoll; p++) snprintf(s->names[p], POST_NAME_LEN, "%s", names[p]);
  for (size_t c = 0; c < s->ncols; c++) {
    s->cols[c] = cols ? cols[c] : c;
    if (s->cols[c] >= n) {
      tf_err_set(err, TF_EINVAL, "post_series_create: point %zu is index %zu, beyond the field's %zu values", c, s->cols[c], n);
      post_series_destroy(&s);
      return NULL;
    }
  }
  return s;
}

void post_series_destroy(post_series **ps)
{
  if (!ps || !*ps) return;
  post_series *s = *ps;
  free(s->names); free(s->cols); free(s->acc); free(s->hist); free(s->valid); free(s->zero);
  free(s);
  *ps = NULL;
}

int post_series_npoll(const post_series *s) { return s->npoll; }
const char *post_series_name(const post_series *s, int p) { return p >= 0 && p < s->npoll ? s->names[p] : NULL; }
int post_series_ndays(const post_series *s) { return s->nday; }
long post_series_day0(const post_series *s) { return s->day0; }

int post_series_find(const post_series *s, const char *name)
{
  for (int p = 0; p < s->npoll; p++)
    if (!strcmp(s->names[p], name)) return p;
  return -1;
}

void post_series_add(post_series *s, int p, const double *field, double dt_s)
{
  double *acc = s->acc + (size_t)p * s->n;
  for (size_t c = 0; c < s->ncols; c++) {
    size_t q = s->cols[c];
    acc[q] += field[q] * dt_s;
  }
}

static double *hour_block(const post_series *s, int p, int d, int h)
{
  return s->hist + (((size_t)p * (size_t)s->nday + (size_t)d) * 24 + (size_t)h) * s->n;
}

void post_series_end_hour(post_series *s, double t_end)
{
  long d = post_day_of_hour_end(t_end) - s->day0;
  int h = post_hour_label(t_end) - 1;
  int inside = d >= 0 && d < s->nday;
  for (int p = 0; p < s->npoll; p++) {
    double *acc = s->acc + (size_t)p * s->n;
    if (inside) {
      double *out = hour_block(s, p, (int)d, h);
      for (size_t q = 0; q < s->n; q++) out[q] = acc[q] / 3600.0;
    }
    memset(acc, 0, s->n * sizeof(double));
  }
  if (inside) s->valid[d * 24 + h] = 1;
}

const double *post_series_hour(const post_series *s, int p, int d, int h) { return hour_block(s, p, d, h); }
const unsigned char *post_series_valid(const post_series *s, int d) { return s->valid + (size_t)d * 24; }

int post_series_restart_arrays(post_series *s, int d, post_array *out)
{
  int inside = d >= 0 && d < s->nday;
  for (int p = 0; p < s->npoll; p++) {
    char low[POST_NAME_LEN];
    size_t i = 0;
    for (; s->names[p][i] && i + 1 < sizeof low; i++) low[i] = (char)tolower((unsigned char)s->names[p][i]);
    low[i] = '\0';
    snprintf(out[p].name, sizeof out[p].name, "%s_day_hourly_ppb", low);
    out[p].n = 24 * s->n;
    out[p].data = inside ? hour_block(s, p, d, 0) : s->zero;
  }
  for (int h = 0; h < 24; h++) s->valid_buf[h] = inside ? s->valid[d * 24 + h] : 0.0;
  snprintf(out[s->npoll].name, sizeof out[s->npoll].name, "day_hour_valid");
  out[s->npoll].n = 24;
  out[s->npoll].data = s->valid_buf;
  return s->npoll + 1;
}

void post_series_restart_loaded(post_series *s, int d)
{
  if (d < 0 || d >= s->nday) return;
  for (int h = 0; h < 24; h++) s->valid[d * 24 + h] = s->valid_buf[h] != 0.0;
}
