/* aqstats.c — daily statistics (O3 max 1-h and MDA8; 24-h means and max 1-h of SO2, NO2,
 * CO) by the rules in aqstats.h. */
#include "post/aqstats.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Molar masses: NIST Chemistry WebBook (O3 47.997 as the forecast has always used; NIST
 * 47.998). */
static const aq_gas gases[] = {
  {.name = "O3", .mw_g_mol = 47.997, .unit = "ug m-3", .per_ugm3 = 1.0, .cf_name = "mass_concentration_of_ozone_in_air"},
  {.name = "NO2", .mw_g_mol = 46.0055, .unit = "ug m-3", .per_ugm3 = 1.0,
   .cf_name = "mass_concentration_of_nitrogen_dioxide_in_air"},
  {.name = "SO2", .mw_g_mol = 64.064, .unit = "ug m-3", .per_ugm3 = 1.0,
   .cf_name = "mass_concentration_of_sulfur_dioxide_in_air"},
  {.name = "CO", .mw_g_mol = 28.010, .unit = "mg m-3", .per_ugm3 = 1e-3,
   .cf_name = "mass_concentration_of_carbon_monoxide_in_air"},
};

const aq_gas *aq_gas_find(const char *name)
{
  for (size_t i = 0; name && i < sizeof gases / sizeof gases[0]; i++)
    if (!strcmp(gases[i].name, name)) return &gases[i];
  return NULL;
}

/* Daily maximum of the valid hours and its hour; returns the number of valid hours. */
static int day_max(const double *hourly, const unsigned char *valid, double *max1h, int *hour)
{
  int n = 0;
  *max1h = NAN;
  *hour = 0;
  for (int h = 1; h <= 24; h++) {
    if (!valid[h - 1]) continue;
    n++;
    if (!(hourly[h - 1] <= *max1h)) { /* NaN-safe: first valid value wins */
      *max1h = hourly[h - 1];
      *hour = h;
    }
  }
  return n;
}

void aq_day_mean_stats(const double *hourly, const unsigned char *valid, aq_day_mean *out)
{
  out->nhours = day_max(hourly, valid, &out->max1h, &out->max1h_hour);
  double sum = 0.0;
  for (int h = 0; h < 24; h++)
    if (valid[h]) sum += hourly[h];
  out->mean24 = out->nhours > 0 ? sum / out->nhours : NAN;
  out->mean24_valid = out->nhours >= AQ_MIN_HOURS_24H;
}

void aq_day_o3_stats(const double *hourly, const unsigned char *valid, aq_day_o3 *out)
{
  out->mda8 = NAN; out->mda8_end_hour = 0;
  out->nwindows = 0; out->mda8_valid = 0;
  out->nhours = day_max(hourly, valid, &out->max1h, &out->max1h_hour);
  for (int end = 8; end <= 24; end++) {
    double sum = 0.0;
    int n = 0;
    for (int h = end - 7; h <= end; h++)
      if (valid[h - 1]) { sum += hourly[h - 1]; n++; }
    if (n < AQ_MIN_HOURS_8H) continue;
    double avg = sum / n;
    out->nwindows++;
    if (!(avg <= out->mda8)) { out->mda8 = avg; out->mda8_end_hour = end; }
  }
  out->mda8_valid = out->nwindows >= AQ_MIN_WINDOWS_MDA8 ||
                    (out->nwindows > 0 && out->mda8 > AQ_O3_8H_LIMIT_II);
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double aq_percentile(const double *x, int n, double p)
{
  double *v = malloc((size_t)(n > 0 ? n : 1) * sizeof *v);
  if (!v) return NAN;
  int nv = 0;
  for (int i = 0; i < n; i++)
    if (!isnan(x[i])) v[nv++] = x[i];
  double r = NAN;
  if (nv > 0) {
    qsort(v, (size_t)nv, sizeof *v, cmp_double);
    double k = 1.0 + (nv - 1) * p / 100.0;
    int s = (int)floor(k);
    if (s >= nv) r = v[nv - 1];
    else r = v[s - 1] + (v[s] - v[s - 1]) * (k - s);
  }
  free(v);
  return r;
}
