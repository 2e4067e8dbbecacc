/* synth_rng.h — deterministic random numbers and smooth random fields for the built-in case.
 *
 * Everything random in `tianfu synth` comes from one seeded generator so that a case is
 * reproducible bit for bit from (seed, options). Smooth fields are sums of a few random
 * Fourier modes in projection-plane kilometres, so they do not depend on the resolution. */
#ifndef SYNTH_RNG_H
#define SYNTH_RNG_H
#include <stdint.h>

typedef struct synth_rng { uint64_t s[4]; } synth_rng;

/* Seed the xoshiro256** state from a 64-bit seed via splitmix64 (Vigna 2018). */
void synth_rng_seed(synth_rng *r, uint64_t seed);
uint64_t synth_rng_next(synth_rng *r);
/* Uniform in [0, 1). */
double synth_rng_uniform(synth_rng *r);
/* Uniform in [a, b). */
double synth_rng_range(synth_rng *r, double a, double b);

#define SYNTH_FIELD_MODES 8
/* A smooth random field f(x, y, t) with zero mean and unit RMS over random phases. */
typedef struct synth_field {
  double kx[SYNTH_FIELD_MODES], ky[SYNTH_FIELD_MODES];   /* rad/km */
  double phase[SYNTH_FIELD_MODES], omega[SYNTH_FIELD_MODES]; /* rad, rad/h */
  double amp[SYNTH_FIELD_MODES];
  double grad_scale;           /* 1 / RMS of |grad f| (km), for unit-RMS gradients */
} synth_field;

/* Draw a field with wavelengths in [lmin_km, lmax_km] and phase drift periods of at least
 * period_min_h hours (0: static field). */
void synth_field_init(synth_field *f, synth_rng *r, double lmin_km, double lmax_km, double period_min_h);
/* Value at projection-plane position (x_km, y_km) and time t_h (hours since start). */
double synth_field_eval(const synth_field *f, double x_km, double y_km, double t_h);
/* Gradient (d/dx, d/dy) scaled by grad_scale (unit RMS magnitude): used as a streamfunction,
 * (-gy, gx) is a non-divergent unit-RMS velocity pattern. */
void synth_field_grad(const synth_field *f, double x_km, double y_km, double t_h, double *gx, double *gy);
#endif
