/* plumerise.h — Briggs plume rise for point sources and the vertical spread of a plume
 * over model layers (as SMOKE Laypoint / CMAQ in-line point sources do). */
#ifndef TF_PLUMERISE_H
#define TF_PLUMERISE_H

typedef struct plume_stack {
  double height_m, diameter_m, exit_velocity_ms, exit_temp_k;
} plume_stack;

/* Ambient conditions at stack top. */
typedef struct plume_env {
  double ta_k;        /* air temperature, K */
  double u_ms;        /* wind speed, m/s (floored at 1 m/s inside) */
  double dthdz_kpm;   /* potential-temperature lapse rate, K/m (stable cases) */
  int stable;         /* 1 = stable surface layer (sensible heat flux <= 0) */
} plume_env;

enum { PLUME_NEUTRAL_BUOYANT = 1, PLUME_NEUTRAL_MOMENTUM, PLUME_STABLE_BUOYANT,
       PLUME_STABLE_MOMENTUM, PLUME_STABLE_CALM };

/* Buoyancy flux F = g w r^2 (Ts - Ta)/Ts, m4/s3 (Briggs 1969); 0 if Ts <= Ta. */
double plume_buoyancy_flux(const plume_stack *s, double ta_k);
/* Momentum flux Fm = w^2 r^2 Ta/Ts, m4/s2 (Briggs 1969). */
double plume_momentum_flux(const plume_stack *s, double ta_k);
/* Final plume rise above the stack top, m; *regime (may be NULL) tells which formula. */
double plume_rise(const plume_stack *s, const plume_env *env, int *regime);
/* Plume bottom and top heights above ground, m: h + 0.5 rise and h + 1.5 rise
 * (SMOKE Laypoint / CMAQ, plume depth = rise after Turner 1985). */
void plume_extent(double stack_h_m, double rise_m, double *bot_m, double *top_m);
/* Fractions of a plume spread uniformly in height between bot and top over the layers
 * with full-level heights zw[0..nz] (m above ground, increasing). frac[0..nz-1] sums to 1
 * exactly (renormalised); a plume above the model top goes into the top layer; a plume of
 * zero depth into the layer that contains it. */
void plume_layer_fractions(double bot_m, double top_m, const double *zw, int nz, double *frac);
#endif
