/* solar.c — solar zenith angle from UTC time and position.
 *
 * Method: the NOAA solar-calculator algorithm (NOAA GML "Solar Calculation Details",
 * spreadsheet NOAA_Solar_Calculations_day.xls), which is the low-accuracy Sun of Meeus
 * (1991, "Astronomical Algorithms", ch. 25; accuracy ~0.01 deg in declination and a few
 * seconds in the equation of time for 1800-2100):
 *   T  = (JD - 2451545) / 36525                     Julian centuries since J2000
 *   L0 = 280.46646 + 36000.76983 T + 0.0003032 T^2  geometric mean longitude, deg
 *   M  = 357.52911 + 35999.05029 T - 0.0001537 T^2  mean anomaly, deg
 *   e  = 0.016708634 - 0.000042037 T - 1.267e-7 T^2 orbit eccentricity
 *   C  = (1.914602 - 0.004817 T - 1.4e-5 T^2) sin M + (0.019993 - 0.000101 T) sin 2M
 *        + 0.000289 sin 3M                          equation of centre, deg
 *   lambda = L0 + C - 0.00569 - 0.00478 sin(Omega), Omega = 125.04 - 1934.136 T
 *   eps = eps0(T) + 0.00256 cos(Omega)              corrected obliquity (Meeus 22.2)
 *   decl = asin(sin eps sin lambda)
 *   EoT = 4 [y sin 2L0 - 2e sin M + 4 e y sin M cos 2L0 - y^2/2 sin 4L0 - 5/4 e^2 sin 2M]
 *         (rad -> deg, minutes), y = tan^2(eps/2)   (Meeus eq. 28.3)
 *   true solar time (min) = 60 hour_utc + EoT + 4 lon_deg; hour angle = tst/4 - 180 deg
 *   cos(zenith) = sin(lat) sin(decl) + cos(lat) cos(decl) cos(ha).
 * The Spencer (1971) Fourier series, quoted in NOAA's "General Solar Position
 * Calculations", was tried first: it drifts by ~0.4 deg of declination near the 2022
 * equinoxes (its day-of-year phase ignores the leap-year cycle), so Meeus is used. */
#include "model/photo/solar.h"
#include <math.h>
#include "model/core/tf_const.h"

void photo_solar_position(double t_utc, double lat_deg, double lon_deg, photo_sun *out)
{
  double jd = t_utc / 86400.0 + 2440587.5; /* Julian day of the Unix epoch: 2440587.5 */
  double T = (jd - 2451545.0) / 36525.0;
  double L0 = fmod(280.46646 + T * (36000.76983 + T * 0.0003032), 360.0);
  double M = (357.52911 + T * (35999.05029 - 0.0001537 * T)) * TF_DEG2RAD;
  double e = 0.016708634 - T * (0.000042037 + 0.0000001267 * T);
  double C = sin(M) * (1.914602 - T * (0.004817 + 0.000014 * T)) +
             sin(2 * M) * (0.019993 - 0.000101 * T) + sin(3 * M) * 0.000289;
  double om = (125.04 - 1934.136 * T) * TF_DEG2RAD;
  double lam = (L0 + C - 0.00569 - 0.00478 * sin(om)) * TF_DEG2RAD;
  /* Mean obliquity, Meeus eq. 22.2 (arc-seconds polynomial), deg. */
  double eps0 = 23.0 + (26.0 + (21.448 - T * (46.815 + T * (0.00059 - T * 0.001813))) / 60.0) / 60.0;
  double eps = (eps0 + 0.00256 * cos(om)) * TF_DEG2RAD;
  double decl = asin(sin(eps) * sin(lam));
  double y = tan(eps / 2) * tan(eps / 2), L0r = L0 * TF_DEG2RAD;
  double eqtime = 4.0 * TF_RAD2DEG *
                  (y * sin(2 * L0r) - 2 * e * sin(M) + 4 * e * y * sin(M) * cos(2 * L0r) -
                   0.5 * y * y * sin(4 * L0r) - 1.25 * e * e * sin(2 * M));
  double days = floor(t_utc / 86400.0);
  double minutes = (t_utc - days * 86400.0) / 60.0;
  double ha = (minutes + eqtime + 4.0 * lon_deg) / 4.0 - 180.0;
  ha = fmod(ha + 180.0, 360.0);                       /* wrap into [-180, 180) */
  if (ha < 0) ha += 360.0;
  ha -= 180.0;
  double lat = lat_deg * TF_DEG2RAD;
  double cz = sin(lat) * sin(decl) + cos(lat) * cos(decl) * cos(ha * TF_DEG2RAD);
  if (cz > 1.0) cz = 1.0;
  if (cz < -1.0) cz = -1.0;
  out->decl_rad = decl;
  out->eqtime_min = eqtime;
  out->hour_angle_deg = ha;
  out->coszen = cz;
  out->zenith_deg = acos(cz) * TF_RAD2DEG;
}

double photo_coszen(double t_utc, double lat_deg, double lon_deg)
{
  photo_sun s;
  photo_solar_position(t_utc, lat_deg, lon_deg, &s);
  return s.coszen;
}

void photo_coszen_batch(double t_utc, long n, const double *lat_deg, const double *lon_deg,
                        double *coszen)
{
  for (long i = 0; i < n; i++) coszen[i] = photo_coszen(t_utc, lat_deg[i], lon_deg[i]);
}
