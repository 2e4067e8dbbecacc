/* test_solar.c — solar position (model/photo/solar.c) against published ephemeris facts
 * and an independent higher-accuracy algorithm.
 *
 * References:
 *  - USNO "Earth's Seasons: Equinoxes, Solstices" table for 2022: March equinox
 *    2022-03-20 15:33 UTC, June solstice 2022-06-21 09:14 UTC, September equinox
 *    2022-09-23 01:04 UTC, December solstice 2022-12-21 21:48 UTC. At a solstice the
 *    declination equals +/- the obliquity, 23.436 deg in 2022 (IAU 2006 mean obliquity
 *    23.4393 - 0.0130 T deg, T = Julian centuries since J2000); at an equinox it is 0.
 *  - Equation of time extremes (Astronomical Almanac / NOAA solar calculator): about
 *    -14.2 min around 11-12 February and +16.4 min around 3 November.
 *  - Solar-noon zenith angle = |latitude - declination| (geometry): Chengdu (30.67 N,
 *    104.07 E) at the June solstice, 30.67 - 23.44 = 7.23 deg.
 *  - Cross-check [S]: the Spencer (1971) Fourier series (a different formulation, good to
 *    ~0.4 deg near equinoxes) must agree within 0.6 deg all year, day and night. */
#include <math.h>
#include "tf_test.h"
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"
#include "model/photo/solar.h"

static double t_of(const char *iso)
{
  double t = 0;
  tf_err e;
  tf_err_clear(&e);
  TF_EXPECT(tf_time_parse(iso, &t, &e) == TF_OK);
  return t;
}

/* Spencer (1971) Fourier series (NOAA "General Solar Position Calculations"), an
 * independent, coarser formulation (~0.5 deg), zenith angle in degrees. */
static double spencer_zenith(double t, double lat, double lon)
{
  int doy = tf_time_doy(t);
  double hour = tf_time_hour_utc(t);
  double g = 2.0 * TF_PI / 365.0 * (doy - 1 + (hour - 12.0) / 24.0);
  double eqt = 229.18 * (0.000075 + 0.001868 * cos(g) - 0.032077 * sin(g) -
                         0.014615 * cos(2 * g) - 0.040849 * sin(2 * g));
  double decl = 0.006918 - 0.399912 * cos(g) + 0.070257 * sin(g) - 0.006758 * cos(2 * g) +
                0.000907 * sin(2 * g) - 0.002697 * cos(3 * g) + 0.00148 * sin(3 * g);
  double ha = (hour * 60.0 + eqt + 4.0 * lon) / 4.0 - 180.0;
  double la = lat * TF_DEG2RAD;
  return acos(sin(la) * sin(decl) + cos(la) * cos(decl) * cos(ha * TF_DEG2RAD)) * TF_RAD2DEG;
}

int main(void)
{
  photo_sun s;
  const double obl2022 = 23.4393 - 0.0130 * 0.2246; /* T = 2022.5 - 2000 in centuries */
  photo_solar_position(t_of("2022-06-21T09:14:00Z"), 0, 0, &s);
  tf_check("decl_june_solstice_2022_deg", s.decl_rad * TF_RAD2DEG, obl2022, 0.02);
  photo_solar_position(t_of("2022-12-21T21:48:00Z"), 0, 0, &s);
  tf_check("decl_dec_solstice_2022_deg", s.decl_rad * TF_RAD2DEG, -obl2022, 0.02);
  photo_solar_position(t_of("2022-03-20T15:33:00Z"), 0, 0, &s);
  tf_check("decl_march_equinox_2022_deg", s.decl_rad * TF_RAD2DEG, 0.0, 0.05);
  photo_solar_position(t_of("2022-09-23T01:04:00Z"), 0, 0, &s);
  tf_check("decl_sept_equinox_2022_deg", s.decl_rad * TF_RAD2DEG, 0.0, 0.05);
  photo_solar_position(t_of("2022-02-11T12:00:00Z"), 0, 0, &s);
  tf_check("eqtime_feb11_min", s.eqtime_min, -14.2, 0.5);
  photo_solar_position(t_of("2022-11-03T12:00:00Z"), 0, 0, &s);
  tf_check("eqtime_nov3_min", s.eqtime_min, 16.4, 0.5);

  /* Minimum zenith over 21 June 2022 at Chengdu, 1-minute scan. */
  double t0 = t_of("2022-06-21T00:00:00Z"), zmin = 180, tmin = 0;
  for (int k = 0; k < 1440; k++) {
    photo_solar_position(t0 + 60.0 * k, 30.67, 104.07, &s);
    if (s.zenith_deg < zmin) { zmin = s.zenith_deg; tmin = 60.0 * k; }
  }
  tf_check("chengdu_noon_zenith_solstice_deg", zmin, 30.67 - obl2022, 0.2);
  /* Solar noon at 104.07 E: 12:00 - 4 min/deg * 104.07 - EoT(21 June ~ -1.7 min) = 05:05 UTC. */
  tf_check("chengdu_solar_noon_utc_h", tmin / 3600.0, (720.0 - 4.0 * 104.07 + 1.7) / 60.0, 0.05);

  /* Every 97 minutes through 2022, daytime and night, vs the coarser Spencer series. */
  double maxd = 0, ty0 = t_of("2022-01-01T00:00:00Z");
  for (double t = ty0; t < ty0 + 365 * 86400.0; t += 97 * 60.0) {
    double z = acos(photo_coszen(t, 30.67, 104.07)) * TF_RAD2DEG;
    double d = fabs(z - spencer_zenith(t, 30.67, 104.07));
    if (d > maxd) maxd = d;
  }
  tf_check_le("zenith_vs_spencer_max_abs_diff_deg", maxd, 0.6);
  /* Southern hemisphere / western longitude sanity: same algorithm, other quadrant. */
  maxd = 0;
  for (double t = ty0; t < ty0 + 365 * 86400.0; t += 131 * 60.0) {
    double d = fabs(acos(photo_coszen(t, -33.9, -70.6)) * TF_RAD2DEG - spencer_zenith(t, -33.9, -70.6));
    if (d > maxd) maxd = d;
  }
  tf_check_le("zenith_vs_spencer_santiago_max_abs_diff_deg", maxd, 0.6);
  return tf_test_exit();
}
