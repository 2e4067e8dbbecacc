/* solar.h — solar position (declination, equation of time, hour angle, zenith angle)
 * from UTC time and latitude/longitude.
 *
 * Method: the NOAA solar-calculator algorithm (Meeus 1991, "Astronomical Algorithms",
 * ch. 25 low-accuracy Sun): ~0.01 deg in declination and a few seconds in the equation of
 * time for 1800-2100, so zenith angles are well inside 0.1 deg of an ephemeris. No
 * refraction correction (irrelevant for J-values, which are 0 at and below the horizon). */
#ifndef TF_SOLAR_H
#define TF_SOLAR_H

typedef struct photo_sun {
  double decl_rad;      /* solar declination, rad */
  double eqtime_min;    /* equation of time (apparent - mean solar time), minutes */
  double hour_angle_deg;/* hour angle, deg, 0 at local solar noon, negative in the morning */
  double coszen;        /* cosine of the solar zenith angle (may be negative: night) */
  double zenith_deg;    /* solar zenith angle, deg (0..180) */
} photo_sun;

/* Solar position at UTC time t_utc (seconds since 1970-01-01T00:00Z, model/core/tf_time.h)
 * for a point at lat_deg (north positive) and lon_deg (east positive). */
void photo_solar_position(double t_utc, double lat_deg, double lon_deg, photo_sun *out);

/* Cosine of the solar zenith angle only (same method); negative at night. */
double photo_coszen(double t_utc, double lat_deg, double lon_deg);

/* Batch form: coszen[i] for n points sharing the time t_utc. */
void photo_coszen_batch(double t_utc, long n, const double *lat_deg, const double *lon_deg,
                        double *coszen);
#endif
