/* test_bulletin.c — the bulletin's city-day logic against cases worked by hand:
 *  - the national heavy-pollution warning levels (MEE 2017 重污染天气预警分级标准, restated
 *    in the 2018 guidance on revising the emergency plans): blue AQI > 200 for 1 day,
 *    yellow > 200 for 2 days, orange > 200 for 3 days with > 300 on one, red > 200 for 4
 *    days with > 300 on 2, or >= 500 for 1 day — on AQI sequences whose answer is known;
 *  - ozone advisories (MDA8 > 160, > 215 µg/m3) by day;
 *  - the AQI of a day from hour means (HJ 633-2026 breakpoints: O3-8h 160 -> IAQI 100,
 *    215 -> 150, so a constant 180 µg/m3 gives MDA8 180 and IAQI 100 + 50·20/55 -> 119);
 *  - the published range: AQI 90, u = 0.2 -> 72..108, "良至轻度污染";
 *  - rule parse errors naming the word and what was expected;
 *  - the regional summary counts. */
#include "post/bulletin.h"
#include "tf_test.h"

#include <math.h>
#include <string.h>

#define ND 6

static const char *const national[][2] = {
    {"blue", "AQI>200 for 1 day"},
    {"yellow", "AQI>200 for 2 days"},
    {"orange", "AQI>200 for 3 days and AQI>300 for 1 day"},
    {"red", "AQI>200 for 4 days and AQI>300 for 2 days or AQI>=500 for 1 day"},
};

static int make_rules(bl_rule *r)
{
  char why[200];
  int n = 0;
  for (int i = 0; i < 4; i++, n++) {
    memset(&r[n], 0, sizeof r[n]);
    snprintf(r[n].name, sizeof r[n].name, "%s", national[i][0]);
    r[n].kind = BL_WARNING;
    TF_EXPECT_MSG(bl_rule_parse(national[i][1], &r[n], why, sizeof why) == 0, "%s: %s", national[i][1], why);
  }
  const char *adv[2] = {"MDA8>160 for 1 day", "MDA8>215 for 1 day"};
  for (int i = 0; i < 2; i++, n++) {
    memset(&r[n], 0, sizeof r[n]);
    snprintf(r[n].name, sizeof r[n].name, "ozone_%s", i ? "215" : "160");
    r[n].kind = BL_ADVISORY;
    TF_EXPECT(bl_rule_parse(adv[i], &r[n], why, sizeof why) == 0);
  }
  return n;
}

/* Days with a given AQI sequence (complete, AQI set directly) and MDA8. */
static void seq(bl_day *d, const int *aqi, const double *mda8, int n)
{
  for (int i = 0; i < n; i++) {
    memset(&d[i], 0, sizeof d[i]);
    d[i].complete = aqi[i] > 0;
    d[i].aqi.aqi = aqi[i];
    d[i].aqi.level = aqi_level(aqi[i]);
    d[i].o3.mda8 = mda8 ? mda8[i] : 100;
    d[i].o3.mda8_valid = 1;
    d[i].o3.nhours = 24;
    d[i].warning = d[i].advisory = -1;
  }
}

static void expect_warnings(const bl_rule *r, int nr, const int *aqi, int n, const char *want, const char *tag)
{
  bl_day d[ND];
  seq(d, aqi, NULL, n);
  bl_apply_rules(r, nr, d, n);
  char got[ND + 1];
  for (int i = 0; i < n; i++) got[i] = d[i].warning < 0 ? '-' : r[d[i].warning].name[0];
  got[n] = '\0';
  TF_EXPECT_MSG(strcmp(got, want) == 0, "%s: warnings %s, expected %s", tag, got, want);
}

int main(void)
{
  bl_rule r[8];
  int nr = make_rules(r);

  /* warning levels (b=blue y=yellow o=orange r=red) */
  expect_warnings(r, nr, (int[]){150, 210, 150, 90}, 4, "-b--", "one day > 200");
  expect_warnings(r, nr, (int[]){210, 220, 150}, 3, "yy-", "two days > 200");
  expect_warnings(r, nr, (int[]){210, 310, 220, 120}, 4, "ooo-", "three days > 200, one > 300");
  expect_warnings(r, nr, (int[]){210, 220, 230, 120}, 4, "yyy-", "three days > 200, none > 300");
  expect_warnings(r, nr, (int[]){210, 310, 320, 230}, 4, "rrrr", "four days > 200, two > 300");
  expect_warnings(r, nr, (int[]){210, 310, 220, 330}, 4, "oooo", "four days > 200, two > 300 not consecutive");
  expect_warnings(r, nr, (int[]){100, 500, 100}, 3, "-r-", ">= 500 for one day");
  expect_warnings(r, nr, (int[]){200, 201, 0, 201}, 4, "-b-b", "= 200 is not > 200; a missing day breaks the run");
  expect_warnings(r, nr, (int[]){310, 150, 210}, 3, "b-b", "> 300 outside the episode does not count");

  /* advisories */
  bl_day d[ND];
  seq(d, (int[]){120, 150, 130}, (double[]){150, 230, 170}, 3);
  d[2].o3.mda8_valid = 0;
  bl_apply_rules(r, nr, d, 3);
  TF_EXPECT(d[0].advisory == -1 && d[1].advisory == 5 && d[2].advisory == -1);

  /* AQI from hour means: constant 180 µg/m3 O3, NO2 40, SO2 10, CO 0.6 */
  double o3[48], no2[48], so2[48], co[48];
  for (int h = 0; h < 48; h++) o3[h] = 180, no2[h] = 40, so2[h] = 10, co[h] = 0.6;
  for (int h = 0; h < 20; h++) o3[h] = NAN; /* day 0: first 20 hours not forecast */
  bl_city_in in = {.o3 = o3, .no2 = no2, .so2 = so2, .co = co, .rel_unc = 0.2};
  bl_day cd[2];
  bl_city_days(AQI_HJ633_2026, &in, 2, cd);
  TF_EXPECT(!cd[0].complete && cd[0].aqi.aqi == 0);
  tf_check("bulletin MDA8 of constant 180", cd[1].o3.mda8, 180, 1e-12);
  tf_check("bulletin AQI O3-8h 180 (HJ 633-2026)", cd[1].aqi.aqi, 119, 0);
  TF_EXPECT(cd[1].aqi.primary_mask == 1 << AQI_O3_8H);
  tf_check("bulletin AQI range lo", cd[1].aqi_lo, 95, 0);  /* 119 * 0.8 = 95.2 */
  tf_check("bulletin AQI range hi", cd[1].aqi_hi, 143, 0); /* 119 * 1.2 = 142.8 */
  char txt[64];
  bl_range_text(&cd[1], 1, txt, sizeof txt);
  TF_EXPECT_MSG(!strcmp(txt, "良至轻度污染"), "%s", txt);

  /* AQI 90, u = 0.2 -> 72..108 : constant O3 such that IAQI = 90 needs MDA8 in (140, 141.2] */
  for (int h = 0; h < 48; h++) o3[h] = 141;  /* 50 + 50*(141-100)/60 = 84.17 -> 85 */
  bl_city_days(AQI_HJ633_2026, &in, 2, cd);
  tf_check("bulletin AQI of MDA8 141", cd[1].aqi.aqi, 85, 0);
  bl_range_text(&cd[1], 0, txt, sizeof txt);
  TF_EXPECT_MSG(!strcmp(txt, "Good to Lightly polluted"), "%s", txt); /* 68..102 */
  in.rel_unc = 0.1;
  bl_city_days(AQI_HJ633_2026, &in, 2, cd);
  bl_range_text(&cd[1], 1, txt, sizeof txt);
  TF_EXPECT_MSG(!strcmp(txt, "良"), "%s", txt); /* 77..94 */
  /* a missing NO2 day makes the day incomplete */
  for (int h = 24; h < 30; h++) no2[h] = NAN;
  bl_city_days(AQI_HJ633_2026, &in, 2, cd);
  TF_EXPECT(!cd[1].complete && cd[1].no2.nhours == 18);

  /* parse errors */
  bl_rule x;
  char why[200];
  TF_EXPECT(bl_rule_parse("AQI>200 for 2 weeks", &x, why, sizeof why) == -1 && strstr(why, "'weeks'") && strstr(why, "'day'"));
  TF_EXPECT(bl_rule_parse("PM25>75 for 1 day", &x, why, sizeof why) == -1 && strstr(why, "AQI, MDA8 or O3_1H"));
  TF_EXPECT(bl_rule_parse("AQI<200 for 1 day", &x, why, sizeof why) == -1 && strstr(why, "'>'"));
  TF_EXPECT(bl_rule_parse("AQI>200 for 1 day but", &x, why, sizeof why) == -1 && strstr(why, "'but'"));
  TF_EXPECT(bl_rule_parse("aqi >= 500 FOR 1 Day", &x, why, sizeof why) == 0 && x.alt[0].term[0].ge == 1);

  /* regional summary */
  bl_day c0[1], c1[1], c2[1];
  seq(c0, (int[]){120}, (double[]){180}, 1);
  seq(c1, (int[]){80}, (double[]){150}, 1);
  seq(c2, (int[]){210}, (double[]){300}, 1);
  c2[0].warning = 0;
  const bl_day *all[3] = {c0, c1, c2};
  bl_region_day s;
  bl_region_summary(all, (int[]){1, 1, 0}, 3, 0, &s);
  TF_EXPECT(s.ncity == 2 && s.nvalid == 2 && s.n_over100 == 1 && s.n_mda8_over160 == 1 && s.worst_city == 0 &&
            s.nlevel[3] == 1 && s.nlevel[2] == 1 && s.nwarn_rule_max == -1);
  bl_region_summary(all, (int[]){1, 1, 1}, 3, 0, &s);
  TF_EXPECT(s.worst_city == 2 && s.worst_aqi == 210 && s.nwarn_rule_max == 0 && s.n_over100 == 2);
  return tf_test_exit();
}
