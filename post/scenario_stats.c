/* scenario_stats.c — per-city scenario response statistics (see scenario_stats.h):
 * paired daily differences, exceedance counts against the GB 3095-2026 Grade II MDA8
 * limit, HJ 663 90th percentile of MDA8 for the comprehensive-index O3 term, and HJ 633
 * daily AQI for good days. */
#include "post/scenario_stats.h"
#include "post/aqstats.h"

#include <math.h>
#include <stddef.h>

static double at(const double *x, int d) { return x ? x[d] : NAN; }

static int day_aqi(const scst_days *r, const scst_pm *pm, aqi_edition ed, int d, int *mask)
{
  aqi_day_conc c = {.so2_24h = at(r->so2_24h, d), .no2_24h = at(r->no2_24h, d),
                    .co_24h = at(r->co_24h, d), .pm10_24h = pm ? at(pm->pm10_24h, d) : NAN,
                    .pm25_24h = pm ? at(pm->pm25_24h, d) : NAN, .o3_8h = r->mda8[d],
                    .o3_1h = at(r->max1h, d)};
  aqi_result a = aqi_daily(ed, &c);
  *mask |= a.present_mask;
  return a.aqi;
}

int scst_compare(const scst_days *b, const scst_days *m, const scst_pm *pm, aqi_edition ed,
                 scst_city *out)
{
  *out = (scst_city){.worst_day = -1, .d_mda8_mean = NAN, .d_mda8_worst = NAN,
                     .mda8_worst_base = NAN, .d_max1h_mean = NAN};
  if (b->ndays != m->ndays || !b->mda8 || !m->mda8) return -1;
  double sum = 0, sum1 = 0;
  int n1 = 0;
  for (int d = 0; d < b->ndays; d++) {
    double xb = b->mda8[d], xm = m->mda8[d];
    if (!isnan(xb)) out->exceed_base += xb > AQ_O3_8H_LIMIT_II;
    if (!isnan(xm)) out->exceed_member += xm > AQ_O3_8H_LIMIT_II;
    if (isnan(xb) || isnan(xm)) continue;
    out->ndays_paired++;
    sum += xm - xb;
    if (out->worst_day < 0 || xb > out->mda8_worst_base) {
      out->worst_day = d;
      out->mda8_worst_base = xb;
      out->d_mda8_worst = xm - xb;
    }
    double hb = at(b->max1h, d), hm = at(m->max1h, d);
    if (!isnan(hb) && !isnan(hm)) sum1 += hm - hb, n1++;
    int mask = 0, ab = day_aqi(b, pm, ed, d, &mask), am = day_aqi(m, pm, ed, d, &mask);
    out->aqi_present_mask |= mask;
    out->naqi_days++;
    out->good_base += ab <= 100;
    out->good_member += am <= 100;
  }
  if (out->ndays_paired) out->d_mda8_mean = sum / out->ndays_paired;
  if (n1) out->d_max1h_mean = sum1 / n1;
  out->o3_index_base = aq_percentile(b->mda8, b->ndays, 90) / AQ_O3_8H_LIMIT_II;
  out->o3_index_member = aq_percentile(m->mda8, m->ndays, 90) / AQ_O3_8H_LIMIT_II;
  return 0;
}

double scst_weighted_mean(int n, const double *w, const double *x)
{
  double sw = 0, swx = 0;
  for (int i = 0; i < n; i++)
    if (isfinite(x[i]) && w[i] > 0) sw += w[i], swx += w[i] * x[i];
  return sw > 0 ? swx / sw : NAN;
}
