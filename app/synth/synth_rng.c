/* synth_rng.c — xoshiro256** generator seeded with splitmix64, and smooth random fields.
 *
 * Generator: D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47(4), 2021 (xoshiro256**, public-domain reference code); seeding with
 * splitmix64 as the authors recommend. Smooth fields: a sum of SYNTH_FIELD_MODES plane
 * waves with random direction, wavelength (uniform in 1/lambda), phase and slow phase
 * drift, scaled so that the field has unit root-mean-square value (sum amp^2/2 = 1); its
 * analytic gradient, scaled to unit RMS, serves as a streamfunction for non-divergent
 * velocity perturbations. */
#include "app/synth/synth_rng.h"
#include <math.h>
#include "model/core/tf_const.h"

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t splitmix64(uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void synth_rng_seed(synth_rng *r, uint64_t seed)
{
  uint64_t x = seed;
  for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

uint64_t synth_rng_next(synth_rng *r)
{
  uint64_t *s = r->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

double synth_rng_uniform(synth_rng *r)
{
  return (double)(synth_rng_next(r) >> 11) * 0x1.0p-53;
}

double synth_rng_range(synth_rng *r, double a, double b)
{
  return a + (b - a) * synth_rng_uniform(r);
}

void synth_field_init(synth_field *f, synth_rng *r, double lmin_km, double lmax_km, double period_min_h)
{
  double sum2 = 0.0;
  for (int m = 0; m < SYNTH_FIELD_MODES; m++) {
    double dir = synth_rng_range(r, 0.0, 2.0 * TF_PI);
    double kinv = synth_rng_range(r, 1.0 / lmax_km, 1.0 / lmin_km);
    double k = 2.0 * TF_PI * kinv;
    f->kx[m] = k * cos(dir);
    f->ky[m] = k * sin(dir);
    f->phase[m] = synth_rng_range(r, 0.0, 2.0 * TF_PI);
    f->omega[m] = period_min_h > 0.0 ? synth_rng_range(r, -1.0, 1.0) * 2.0 * TF_PI / period_min_h : 0.0;
    f->amp[m] = synth_rng_range(r, 0.5, 1.0);
    sum2 += 0.5 * f->amp[m] * f->amp[m];
  }
  double s = 1.0 / sqrt(sum2), g2 = 0.0;
  for (int m = 0; m < SYNTH_FIELD_MODES; m++) {
    f->amp[m] *= s;
    g2 += 0.5 * f->amp[m] * f->amp[m] * (f->kx[m] * f->kx[m] + f->ky[m] * f->ky[m]);
  }
  f->grad_scale = 1.0 / sqrt(g2);
}

void synth_field_grad(const synth_field *f, double x_km, double y_km, double t_h, double *gx, double *gy)
{
  double ax = 0.0, ay = 0.0;
  for (int m = 0; m < SYNTH_FIELD_MODES; m++) {
    double sn = -f->amp[m] * sin(f->kx[m] * x_km + f->ky[m] * y_km + f->phase[m] + f->omega[m] * t_h);
    ax += sn * f->kx[m];
    ay += sn * f->ky[m];
  }
  *gx = ax * f->grad_scale;
  *gy = ay * f->grad_scale;
}

double synth_field_eval(const synth_field *f, double x_km, double y_km, double t_h)
{
  double v = 0.0;
  for (int m = 0; m < SYNTH_FIELD_MODES; m++)
    v += f->amp[m] * cos(f->kx[m] * x_km + f->ky[m] * y_km + f->phase[m] + f->omega[m] * t_h);
  return v;
}
