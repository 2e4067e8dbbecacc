/* test_aqstats.c — MDA8 and daily max 1-h O3 against hand-computed cases following
 * GB 3095-2026 §3.9 / Table 4 and HJ 663 (windows ending 08..24, >= 6 hours per window,
 * >= 14 windows per day), and 24-h means of SO2/NO2/CO (GB 3095-2026 Table 4: >= 20
 * hourly values per day). */
#include "tf_test.h"
#include "post/aqstats.h"
#include <math.h>
#include <string.h>

int main(void)
{
  double v[24];
  unsigned char ok[24];
  aq_day_o3 d;
  /* Ramp 1..24: the best window is hours 17..24, mean 20.5, ending at 24. */
  for (int h = 1; h <= 24; h++) { v[h - 1] = h; ok[h - 1] = 1; }
  aq_day_o3_stats(v, ok, &d);
  tf_check("mda8_ramp", d.mda8, 20.5, 1e-12);
  TF_EXPECT(d.mda8_end_hour == 24 && d.nwindows == 17 && d.mda8_valid);
  tf_check("max1h_ramp", d.max1h, 24.0, 0.0);
  /* A single afternoon peak: 100 everywhere, 200 at hours 13..16. Best window contains
   * all 4 peak hours: (4*200 + 4*100)/8 = 150. */
  for (int h = 1; h <= 24; h++) v[h - 1] = (h >= 13 && h <= 16) ? 200.0 : 100.0;
  aq_day_o3_stats(v, ok, &d);
  tf_check("mda8_peak", d.mda8, 150.0, 1e-12);
  TF_EXPECT(d.max1h_hour == 13);
  /* Missing data: only hours 9..24 valid (a run starting 08:00 Beijing). Windows ending
   * 14..24 have >= 6 hours -> 11 windows < 14 -> invalid unless above 160. */
  memset(ok, 0, sizeof ok);
  for (int h = 9; h <= 24; h++) ok[h - 1] = 1;
  aq_day_o3_stats(v, ok, &d);
  TF_EXPECT(d.nwindows == 11);
  TF_EXPECT(!d.mda8_valid);
  /* window ending 14 holds hours 9..14 (6 valid): (4*100 + 2*200)/6 = 133.33; the best
   * is hours 13..20 = 150. */
  tf_check("mda8_partial", d.mda8, 150.0, 1e-12);
  for (int h = 1; h <= 24; h++) v[h - 1] = 170.0;
  aq_day_o3_stats(v, ok, &d);
  TF_EXPECT(d.mda8_valid); /* exceeds 160 -> valid despite < 14 windows */
  /* A window with 5 valid hours is not counted. */
  memset(ok, 0, sizeof ok);
  for (int h = 1; h <= 5; h++) ok[h - 1] = 1;
  aq_day_o3_stats(v, ok, &d);
  TF_EXPECT(d.nwindows == 0 && isnan(d.mda8));
  /* 24-h means: ramp 1..24 -> mean 12.5, max 24 at hour 24, valid */
  aq_day_mean m;
  for (int h = 1; h <= 24; h++) { v[h - 1] = h; ok[h - 1] = 1; }
  aq_day_mean_stats(v, ok, &m);
  tf_check("mean24_ramp", m.mean24, 12.5, 1e-12);
  TF_EXPECT(m.mean24_valid && m.nhours == 24 && m.max1h == 24.0 && m.max1h_hour == 24);
  /* 20 valid hours (1..20) is the least that makes a valid day: mean 10.5 */
  for (int h = 21; h <= 24; h++) ok[h - 1] = 0;
  aq_day_mean_stats(v, ok, &m);
  tf_check("mean24_20h", m.mean24, 10.5, 1e-12);
  TF_EXPECT(m.mean24_valid && m.max1h_hour == 20);
  /* 19 hours: reported but not valid */
  ok[19] = 0;
  aq_day_mean_stats(v, ok, &m);
  TF_EXPECT(!m.mean24_valid && m.nhours == 19);
  tf_check("mean24_19h_value", m.mean24, 10.0, 1e-12);
  memset(ok, 0, sizeof ok);
  aq_day_mean_stats(v, ok, &m);
  TF_EXPECT(isnan(m.mean24) && isnan(m.max1h) && !m.mean24_valid && m.max1h_hour == 0);
  return tf_test_exit();
}
