/* cycle_met.c — which wrfout files hold the met of a cycle's window (see cycle.h): file
 * names from [cycle] wrf_pattern (strftime fields of the file's first time, UTC), hourly or
 * daily files alike, and a check that their frames cover the window, naming every missing
 * time at once. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "cycle.h"
#include "io/netcdf/wrf_reader.h"
#include "model/core/tf_time.h"

#define LOOKBACK_H (31 * 24)

/* The file name of a file whose first time is t. */
static int name_at(const char *pattern, double t, char *buf, size_t n, tf_err *err)
{
  time_t tt = (time_t)t;
  struct tm tm;
  gmtime_r(&tt, &tm);
  size_t len = strftime(buf, n, pattern, &tm);
  if (len == 0 || len >= n - 1)
    return tf_err_set(err, TF_EINVAL, "'%s' does not give a file name (empty or over %zu bytes)", pattern, n - 2);
  return TF_OK;
}

static int is_file(const char *p)
{
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

typedef struct { char **v; int n, cap; } names;

static int names_add(names *l, const char *p, tf_err *err)
{
  for (int i = 0; i < l->n; i++)
    if (!strcmp(l->v[i], p)) return TF_OK; /* a pattern without the hour names one file for many */
  if (l->n == l->cap) {
    int cap = l->cap ? 2 * l->cap : 32;
    char **v = realloc(l->v, (size_t)cap * sizeof *v);
    if (!v) return tf_err_set(err, TF_ENOMEM, "out of memory");
    l->v = v;
    l->cap = cap;
  }
  if (!(l->v[l->n] = strdup(p))) return tf_err_set(err, TF_ENOMEM, "out of memory");
  l->n++;
  return TF_OK;
}

void cycle_met_free(char **paths, int n)
{
  for (int i = 0; paths && i < n; i++) free(paths[i]);
  free(paths);
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* "2022-08-12T00:00:00Z" -> "2022-08-12T00Z" when on a whole hour. */
static void short_time(double t, char *buf)
{
  tf_time_format(t, buf, 0);
  if (!strcmp(buf + 13, ":00:00Z")) strcpy(buf + 13, "Z");
}

/* Every expected frame time of [t0, t1] at step dt from base that is not in have[0..nh-1]
 * (sorted), as ranges "A .. B (N)" into msg. Returns the count missing and expected. */
static int missing_times(const double *have, int nh, double base, double dt, double t0, double t1, char *msg,
                         size_t n, int *nexp)
{
  long k0 = (long)floor((t0 - base) / dt + 1e-9), k1 = (long)ceil((t1 - base) / dt - 1e-9);
  int nmiss = 0, run = 0;
  size_t used = 0;
  double run0 = 0, prev = 0;
  *nexp = (int)(k1 - k0 + 1);
  msg[0] = '\0';
  for (long k = k0, j = 0; k <= k1 + 1; k++) {
    double t = base + (double)k * dt;
    int present = 1;
    if (k <= k1) {
      while (j < nh && have[j] < t - 0.5) j++;
      present = j < nh && fabs(have[j] - t) <= 0.5;
    }
    if (!present) {
      nmiss += k <= k1;
      if (!run) run0 = t;
      run++;
      prev = t;
      continue;
    }
    if (run && used < n) { /* close the run of missing times */
      char a[32], b[32];
      short_time(run0, a);
      short_time(prev, b);
      used += run == 1 ? (size_t)snprintf(msg + used, n - used, "%s%s", used ? ", " : "", a)
                       : (size_t)snprintf(msg + used, n - used, "%s%s .. %s (%d)", used ? ", " : "", a, b, run);
    }
    run = 0;
  }
  return nmiss;
}

int cycle_met_files(const char *pattern, double t0, double t1, char ***paths, int *n, tf_err *err)
{
  names l = {0};
  char p[4096];
  int rc = TF_OK;
  *paths = NULL;
  *n = 0;
  /* the last file starting at or before t0, then every file starting in (t0, t1] */
  for (int h = 0; !rc && h <= LOOKBACK_H; h++) {
    if ((rc = name_at(pattern, t0 - 3600.0 * h, p, sizeof p, err))) break;
    if (is_file(p)) { rc = names_add(&l, p, err); break; }
  }
  for (double t = t0 + 3600.0; !rc && t <= t1; t += 3600.0)
    if (!(rc = name_at(pattern, t, p, sizeof p, err)) && is_file(p)) rc = names_add(&l, p, err);
  /* their frame times */
  double *have = NULL;
  int nh = 0;
  for (int i = 0; !rc && i < l.n; i++) {
    double *t = NULL;
    int nt = 0;
    if ((rc = wrf_file_times(l.v[i], &t, &nt, err))) break;
    double *h2 = realloc(have, (size_t)(nh + nt) * sizeof *have);
    if (!h2) { free(t); rc = tf_err_set(err, TF_ENOMEM, "out of memory"); break; }
    have = h2;
    memcpy(have + nh, t, (size_t)nt * sizeof *t);
    nh += nt;
    free(t);
  }
  if (!rc) {
    qsort(have, (size_t)nh, sizeof *have, cmp_double);
    double dt = 0;
    for (int i = 1; i < nh; i++)
      if (have[i] - have[i - 1] > 0.5 && (dt == 0 || have[i] - have[i - 1] < dt)) dt = have[i] - have[i - 1];
    if (dt == 0) dt = 3600.0; /* one frame or none: hourly met assumed */
    char miss[1400], a[32], b[32];
    int nexp, nmiss = missing_times(have, nh, nh ? have[0] : t0, dt, t0, t1, miss, sizeof miss, &nexp);
    tf_time_format(t0, a, 0);
    tf_time_format(t1, b, 0);
    if (nmiss) {
      /* what was found: the files' names, or an example of the names looked for */
      char found[1200] = "";
      size_t k = 0;
      if (!l.n && !name_at(pattern, t0, p, sizeof p, err) &&
          snprintf(found, sizeof found, "no file found (none named like %s)", p) >= (int)sizeof found)
        strcpy(found, "no file found");
      for (int i = 0; i < l.n && k < sizeof found; i++) {
        const char *base = strrchr(l.v[i], '/') ? strrchr(l.v[i], '/') + 1 : l.v[i];
        k += (size_t)snprintf(found + k, sizeof found - k, i ? ", %s" : "files found: %s", i < 6 ? base : "...");
        if (i >= 6) break;
      }
      rc = tf_err_set(err, TF_EIO, "the met for %s .. %s is incomplete: %d of %d times (every %.0f min) missing: %s; %s",
                      a, b, nmiss, nexp, dt / 60.0, miss, found);
    }
  }
  free(have);
  if (rc) {
    cycle_met_free(l.v, l.n);
    return rc;
  }
  qsort(l.v, (size_t)l.n, sizeof *l.v, cmp_str);
  *paths = l.v;
  *n = l.n;
  return TF_OK;
}
