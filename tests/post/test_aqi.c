/* test_aqi.c — HJ 633 IAQI/AQI against values worked by hand from the breakpoint tables
 * of HJ 633-2012 Table 1 and HJ 633-2026 Table 3 (docs/physics-references.md §5.1–5.2):
 * linear interpolation, rounding up, the 2026 changes (PM2.5/PM10 IAQI-100 breakpoints,
 * O3-8h > 800 -> 300, AQI >= 1, GB/T 8170 rounding of the daily concentrations), the 2012
 * O3-8h > 800 switch to O3-1h, off-scale values, primary pollutants with ties, levels,
 * categories and colours of HJ 633 Table 2. */
#include "post/aqi.h"
#include "tf_test.h"

#include <math.h>
#include <string.h>

static void iaqi(aqi_edition ed, aqi_indicator ind, double c, int want)
{
  char tag[64];
  snprintf(tag, sizeof tag, "IAQI %s(%g) HJ633-%s", aqi_indicator_name(ind), c,
           ed == AQI_HJ633_2026 ? "2026" : "2012");
  tf_check(tag, aqi_iaqi(ed, ind, c), want, 0);
}

int main(void)
{
  const aqi_edition E26 = AQI_HJ633_2026, E12 = AQI_HJ633_2012;
  iaqi(E26, AQI_O3_8H, 160, 100);       /* exactly a breakpoint */
  iaqi(E26, AQI_O3_8H, 161, 101);       /* 100 + 50/55 = 100.91 -> 101 */
  iaqi(E26, AQI_O3_8H, 100, 50);
  iaqi(E26, AQI_O3_8H, 0, 1);           /* 2026: AQI range 1-500 */
  iaqi(E12, AQI_O3_8H, 0, 0);
  iaqi(E26, AQI_O3_8H, 900, 300);       /* 2026 footnote c) */
  iaqi(E12, AQI_O3_8H, 900, -1);        /* 2012: not computed (footnote 3) */
  iaqi(E26, AQI_PM25_24H, 60, 100);     /* 2026 breakpoint */
  iaqi(E12, AQI_PM25_24H, 60, 82);      /* 50 + 50/40*25 = 81.25 */
  iaqi(E26, AQI_PM10_24H, 120, 100);
  iaqi(E12, AQI_PM10_24H, 120, 85);     /* 50 + 50/100*70 = 85 */
  iaqi(E26, AQI_NO2_24H, 85, 103);      /* 100 + 50/100*5 = 102.5 */
  iaqi(E26, AQI_SO2_24H, 200, 108);     /* 100 + 50/325*50 = 107.7 */
  iaqi(E26, AQI_CO_24H, 4.0, 100);
  iaqi(E26, AQI_SO2_24H, 3000, 500);    /* beyond the table: off-scale */
  iaqi(E26, AQI_SO2_1H, 900, 200);      /* 2026 footnote b) */
  iaqi(E26, AQI_O3_1H, 900, 350);       /* 300 + 100/200*100 */
  iaqi(E26, AQI_O3_8H, -1, -1);
  iaqi(E26, AQI_O3_8H, NAN, -1);

  /* a day with O3 the primary pollutant: MDA8 170 -> 100 + 50/55*10 = 109.1 -> 110 */
  aqi_day_conc d = {.so2_24h = NAN, .no2_24h = 40, .co_24h = NAN, .pm10_24h = NAN,
                    .pm25_24h = NAN, .o3_8h = 170, .o3_1h = 250};
  aqi_result r = aqi_daily(E26, &d);
  tf_check("daily AQI O3 170 NO2 40", r.aqi, 110, 0);
  tf_check("daily level", r.level, 3, 0);
  TF_EXPECT(r.primary_mask == 1 << AQI_O3_8H);
  TF_EXPECT(r.present_mask == ((1 << AQI_O3_8H) | (1 << AQI_NO2_24H)));
  TF_EXPECT(r.iaqi[AQI_O3_1H] == -1); /* 2026 daily report has no O3 1-h */
  TF_EXPECT(strcmp(aqi_category_zh(r.level), "轻度污染") == 0);
  TF_EXPECT(strcmp(aqi_category_en(r.level), "Lightly polluted") == 0);
  r = aqi_daily(E12, &d); /* 2012 adds O3 1-h: 250 -> 100 + 50/100*50 = 125 */
  tf_check("daily AQI 2012 with O3 1-h 250", r.aqi, 125, 0);
  TF_EXPECT(r.primary_mask == 1 << AQI_O3_1H);
  d.o3_8h = 900, d.o3_1h = 900;
  tf_check("2012 O3-8h > 800 uses O3-1h", aqi_daily(E12, &d).aqi, 350, 0);
  tf_check("2026 O3-8h > 800 gives 300", aqi_daily(E26, &d).aqi, 300, 0);

  /* ties: CO 4 mg/m3 and MDA8 160 both IAQI 100, both primary */
  d = (aqi_day_conc){.so2_24h = NAN, .no2_24h = NAN, .co_24h = 4.0, .pm10_24h = NAN,
                     .pm25_24h = NAN, .o3_8h = 160, .o3_1h = NAN};
  r = aqi_daily(E26, &d);
  TF_EXPECT(r.aqi == 100 && r.level == 2);
  TF_EXPECT(r.primary_mask == ((1 << AQI_CO_24H) | (1 << AQI_O3_8H)));
  /* AQI <= 50: no primary pollutant */
  d.co_24h = NAN, d.o3_8h = 80;
  r = aqi_daily(E26, &d);
  TF_EXPECT(r.aqi == 40 && r.level == 1 && r.primary_mask == 0);

  /* GB/T 8170 rounding before the IAQI (2026): 160.4 -> 160 -> 100; 160.5 -> 160 (half to
   * even) -> 100; 161.5 -> 162 -> 100 + 50/55*2 = 101.8 -> 102; 2012 takes 160.4 as is -> 101 */
  d.o3_8h = 160.4;
  tf_check("2026 rounds MDA8 160.4", aqi_daily(E26, &d).aqi, 100, 0);
  tf_check("2012 keeps MDA8 160.4", aqi_daily(E12, &d).aqi, 101, 0);
  d.o3_8h = 160.5;
  tf_check("2026 rounds MDA8 160.5 half to even", aqi_daily(E26, &d).aqi, 100, 0);
  d.o3_8h = 161.5;
  tf_check("2026 rounds MDA8 161.5 half to even", aqi_daily(E26, &d).aqi, 102, 0);
  d.o3_8h = NAN;
  r = aqi_daily(E26, &d);
  TF_EXPECT(r.aqi == 0 && r.level == 0 && r.present_mask == 0);

  const int lv[] = {1, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500};
  const int want_lv[] = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6};
  for (int i = 0; i < 12; i++) TF_EXPECT_MSG(aqi_level(lv[i]) == want_lv[i], "AQI %d", lv[i]);
  unsigned char rgb[3];
  aqi_level_rgb(3, rgb);
  TF_EXPECT(rgb[0] == 255 && rgb[1] == 126 && rgb[2] == 0); /* orange */
  aqi_level_rgb(5, rgb);
  TF_EXPECT(rgb[0] == 153 && rgb[1] == 0 && rgb[2] == 76);  /* purple */
  return tf_test_exit();
}
