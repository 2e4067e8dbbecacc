/* daily_file.c — see daily_file.h. */
#include "daily_file.h"
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tfnc_util.h"

static int dimlen(tfnc_daily *f, const char *name, int *n, tf_err *err)
{
  int id;
  size_t len;
  if (nc_inq_dimid(f->ncid, name, &id) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: no dimension '%s' (not a Tianfu daily file)", f->path, name);
  if (tfnc_fail(nc_inq_dimlen(f->ncid, id, &len), err, f->path, name)) return err->code;
  *n = (int)len;
  return TF_OK;
}

static int read_2d(tfnc_daily *f, const char *name, const size_t *start, const size_t *count, double *out,
                   tf_err *err)
{
  int v;
  if (nc_inq_varid(f->ncid, name, &v) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: no variable '%s'", f->path, name);
  if (tfnc_fail(nc_get_vara_double(f->ncid, v, start, count, out), err, f->path, name)) return err->code;
  double fill;
  int has_fill = !tfnc_att_double(f->ncid, v, "_FillValue", &fill);
  for (size_t k = 0; k < (size_t)f->nx * f->ny; k++)
    if (!isfinite(out[k]) || (has_fill && out[k] == fill) || fabs(out[k]) > 9e36) out[k] = NAN;
  return TF_OK;
}

/* Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil; timegm
 * is not POSIX and mktime would apply the local time zone). */
static long days_from_civil(int y, int mo, int d)
{
  y -= mo <= 2;
  long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
  long doy = (153L * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int read_dates(tfnc_daily *f, tf_err *err)
{
  int tv, bv;
  char units[128] = "";
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (nc_inq_varid(f->ncid, "time", &tv) != NC_NOERR || tfnc_att_text(f->ncid, tv, "units", units, sizeof units) ||
      sscanf(units, "hours since %d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) < 3)
    return tf_err_set(err, TF_EFORMAT, "%s: variable 'time': expected units 'hours since YYYY-MM-DD HH:MM:SS', found '%s'",
                      f->path, units);
  if (nc_inq_varid(f->ncid, "time_bnds", &bv) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: no variable 'time_bnds'", f->path);
  double *b = malloc(sizeof(double) * 2 * (size_t)(f->nday ? f->nday : 1));
  if (!b) return tf_err_set(err, TF_ENOMEM, "out of memory");
  if (tfnc_fail(nc_get_var_double(f->ncid, bv, b), err, f->path, "time_bnds")) return free(b), err->code;
  double t0 = (double)days_from_civil(y, mo, d) * 86400.0 + h * 3600.0 + mi * 60.0 + s;
  for (int k = 0; k < f->nday; k++) {
    /* the day's start in Beijing time (UTC+8), +30 min to stay inside the day */
    time_t t = (time_t)llround(t0 + b[2 * k] * 3600.0 + 8 * 3600.0 + 1800.0);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(f->date[k], 11, "%Y-%m-%d", &tm);
  }
  free(b);
  return TF_OK;
}

int tfnc_daily_open(const char *path, tfnc_daily **out, tf_err *err)
{
  *out = NULL;
  tfnc_daily *f = calloc(1, sizeof *f);
  if (!f) return tf_err_set(err, TF_ENOMEM, "out of memory");
  snprintf(f->path, sizeof f->path, "%s", path);
  f->ncid = -1;
  int rc;
  if ((rc = tfnc_fail(nc_open(path, NC_NOWRITE, &f->ncid), err, path, "open"))) { f->ncid = -1; goto fail; }
  if ((rc = dimlen(f, "x", &f->nx, err)) || (rc = dimlen(f, "y", &f->ny, err)) || (rc = dimlen(f, "time", &f->nday, err)))
    goto fail;
  size_t n = (size_t)f->nx * f->ny;
  f->lat = malloc(n * sizeof(double));
  f->lon = malloc(n * sizeof(double));
  f->date = calloc((size_t)(f->nday ? f->nday : 1), sizeof *f->date);
  if (!f->lat || !f->lon || !f->date) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto fail; }
  size_t st[2] = {0, 0}, ct[2] = {(size_t)f->ny, (size_t)f->nx};
  if ((rc = read_2d(f, "lat", st, ct, f->lat, err)) || (rc = read_2d(f, "lon", st, ct, f->lon, err)) ||
      (rc = read_dates(f, err)))
    goto fail;
  *out = f;
  return TF_OK;
fail:
  tfnc_daily_close(&f);
  return rc;
}

int tfnc_daily_field(tfnc_daily *f, const char *name, int d, double *out, tf_err *err)
{
  if (d < 0 || d >= f->nday) return tf_err_set(err, TF_EINVAL, "%s: day %d outside 0..%d", f->path, d, f->nday - 1);
  size_t st[3] = {(size_t)d, 0, 0}, ct[3] = {1, (size_t)f->ny, (size_t)f->nx};
  return read_2d(f, name, st, ct, out, err);
}

void tfnc_daily_close(tfnc_daily **pf)
{
  tfnc_daily *f = *pf;
  if (!f) return;
  if (f->ncid >= 0) nc_close(f->ncid);
  free(f->lat), free(f->lon), free(f->date), free(f);
  *pf = NULL;
}
