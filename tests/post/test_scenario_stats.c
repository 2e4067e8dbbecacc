/* test_scenario_stats.c — scenario response statistics against hand arithmetic:
 * the HJ 663 percentile formula (k = 1 + (n-1)p/100, linear between order statistics,
 * docs/physics-references.md §5.4) on small series, paired ΔMDA8 mean and worst-day Δ,
 * exceedance days (> 160 µg/m3, GB 3095-2026), the P90/160 index term, good days from the
 * HJ 633-2026 daily AQI with and without PM held fixed, and population weighting. */
#include "post/aqstats.h"
#include "post/scenario_stats.h"
#include "tf_test.h"

#include <math.h>

int main(void)
{
  /* percentile: 1..10 -> k = 1 + 9*0.9 = 9.1 -> 9 + 0.1*(10-9) = 9.1 */
  double x[11] = {10, 3, 1, 7, 5, 2, 9, 4, 8, 6, NAN};
  tf_check("P90 of 1..10 (NaN ignored)", aq_percentile(x, 11, 90), 9.1, 1e-12);
  tf_check("P50 of 1..10", aq_percentile(x, 10, 50), 5.5, 1e-12);
  tf_check("P100 of 1..10", aq_percentile(x, 10, 100), 10, 0);
  tf_check("P0 of 1..10", aq_percentile(x, 10, 0), 1, 0);
  TF_EXPECT(isnan(aq_percentile(x + 10, 1, 90)));

  /* 5 days; day 3 baseline invalid */
  const double mb[5] = {150, 170, 200, NAN, 165}, mm[5] = {140, 158, 185, 120, 161};
  const double hb[5] = {180, 210, 250, 150, 200}, hm[5] = {170, 200, 230, 140, 195};
  scst_days b = {.ndays = 5, .mda8 = mb, .max1h = hb}, m = {.ndays = 5, .mda8 = mm, .max1h = hm};
  scst_city c;
  TF_EXPECT(scst_compare(&b, &m, NULL, AQI_HJ633_2026, &c) == 0);
  TF_EXPECT(c.ndays_paired == 4);
  tf_check("dMDA8 mean", c.d_mda8_mean, (-10 - 12 - 15 - 4) / 4.0, 1e-12);
  TF_EXPECT(c.worst_day == 2);
  tf_check("dMDA8 worst day", c.d_mda8_worst, -15, 0);
  tf_check("dmax1h mean", c.d_max1h_mean, (-10 - 10 - 20 - 5) / 4.0, 1e-12);
  TF_EXPECT(c.exceed_base == 3 && c.exceed_member == 2); /* 170,200,165 vs 185,161 */
  /* P90: base valid sorted 150,165,170,200: k = 1 + 3*0.9 = 3.7 -> 170 + 0.7*30 = 191 */
  tf_check("O3 index base", c.o3_index_base, 191.0 / 160.0, 1e-12);
  /* member 120,140,158,161,185: k = 4.6 -> 161 + 0.6*24 = 175.4 */
  tf_check("O3 index member", c.o3_index_member, 175.4 / 160.0, 1e-12);
  /* good days (AQI <= 100 <=> MDA8 <= 160 after rounding) on the 4 paired days:
   * base 150 only -> 1; member 140, 158 -> 2 */
  TF_EXPECT(c.naqi_days == 4 && c.good_base == 1 && c.good_member == 2);
  TF_EXPECT(c.aqi_present_mask == 1 << AQI_O3_8H);
  /* PM2.5 held fixed at 70 µg/m3 (IAQI 2026: 100 + 50/55*10 = 110): no good day left */
  const double pm25[5] = {70, 70, 70, 70, 70};
  scst_pm pm = {.pm25_24h = pm25};
  TF_EXPECT(scst_compare(&b, &m, &pm, AQI_HJ633_2026, &c) == 0);
  TF_EXPECT(c.good_base == 0 && c.good_member == 0);
  TF_EXPECT(c.aqi_present_mask == ((1 << AQI_O3_8H) | (1 << AQI_PM25_24H)));
  /* member = baseline: all deltas zero */
  TF_EXPECT(scst_compare(&b, &b, NULL, AQI_HJ633_2026, &c) == 0);
  TF_EXPECT(c.d_mda8_mean == 0 && c.d_mda8_worst == 0 && c.good_base == c.good_member &&
            c.exceed_base == c.exceed_member && c.o3_index_base == c.o3_index_member);
  scst_days shorter = {.ndays = 4, .mda8 = mm};
  TF_EXPECT(scst_compare(&b, &shorter, NULL, AQI_HJ633_2026, &c) == -1);

  const double w[3] = {2, 1, 0}, v[3] = {-3, 6, 100};
  tf_check("population-weighted mean", scst_weighted_mean(3, w, v), 0, 1e-15);
  return tf_test_exit();
}
