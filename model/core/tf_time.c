/* tf_time.c — see tf_time.h. */
#include "model/core/tf_time.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil). */
long tf_days_from_civil(int y, int m, int d)
{
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void tf_civil_from_days(long z, int *y, int *m, int *d)
{
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yy + (*m <= 2));
}

int tf_time_parse(const char *s, double *t, tf_err *err)
{
  int y, mo, d, h = 0, mi = 0, n = 0;
  double sec = 0.0;
  char sep;
  if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) != 6 ||
      (sep != 'T' && sep != '_' && sep != ' ')) {
    return tf_err_set(err, TF_EINVAL, "expected a time like 2022-08-10T00:00:00+08:00, found '%s'", s);
  }
  const char *p = s + n;
  if (*p == ':') {
    int k = 0;
    if (sscanf(p, ":%lf%n", &sec, &k) != 1) return tf_err_set(err, TF_EINVAL, "bad seconds in time '%s'", s);
    p += k;
  }
  double off = 0.0;
  if (*p == 'Z') p++;
  else if (*p == '+' || *p == '-') {
    int oh = 0, om = 0, k = 0;
    if (sscanf(p + 1, "%2d%n", &oh, &k) != 1) return tf_err_set(err, TF_EINVAL, "bad zone in time '%s'", s);
    const char *q = p + 1 + k;
    if (*q == ':') q++;
    if (*q >= '0' && *q <= '9') { sscanf(q, "%2d%n", &om, &k); q += k; }
    off = (*p == '-' ? -1.0 : 1.0) * (oh * 3600.0 + om * 60.0);
    p = q;
  }
  if (*p != '\0') return tf_err_set(err, TF_EINVAL, "unexpected text '%s' after time in '%s'", p, s);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec >= 61.0)
    return tf_err_set(err, TF_EINVAL, "time '%s' has a field out of range", s);
  *t = (double)tf_days_from_civil(y, mo, d) * 86400.0 + h * 3600.0 + mi * 60.0 + sec - off;
  return TF_OK;
}

void tf_time_format(double t, char *buf, int wrf)
{
  double days = floor(t / 86400.0);
  long sod = (long)llround(t - days * 86400.0);
  if (sod >= 86400) { days += 1; sod -= 86400; }
  int y, m, d;
  tf_civil_from_days((long)days, &y, &m, &d);
  snprintf(buf, 21, wrf ? "%04d-%02d-%02d_%02ld:%02ld:%02ld" : "%04d-%02d-%02dT%02ld:%02ld:%02ldZ",
           y, m, d, sod / 3600, (sod / 60) % 60, sod % 60);
}

int tf_time_doy(double t)
{
  long days = (long)floor(t / 86400.0);
  int y, m, d;
  tf_civil_from_days(days, &y, &m, &d);
  return (int)(days - tf_days_from_civil(y, 1, 1)) + 1;
}

double tf_time_hour_utc(double t)
{
  return (t - floor(t / 86400.0) * 86400.0) / 3600.0;
}

int tf_time_bracket(const double *times, int n, double t, int *i, double *w, tf_err *err)
{
  if (n < 1) return tf_err_set(err, TF_EINVAL, "no records to bracket time %.0f s", t);
  if (!(t >= times[0] && t <= times[n - 1])) {
    char a[32], b[32], c[32];
    if (isfinite(t)) tf_time_format(t, a, 0);
    else snprintf(a, sizeof a, "%g", t);
    tf_time_format(times[0], b, 0);
    tf_time_format(times[n - 1], c, 0);
    return tf_err_set(err, TF_EINVAL, "time %s is outside the period %s .. %s (%d record%s)", a, b, c, n,
                      n == 1 ? "" : "s");
  }
  int k = 0;
  while (k + 1 < n && times[k + 1] <= t) k++;
  *i = k;
  *w = (times[k] == t || k + 1 >= n) ? 0.0 : (t - times[k]) / (times[k + 1] - times[k]);
  return TF_OK;
}
