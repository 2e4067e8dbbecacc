/* synth_met.h — hourly meteorology of the built-in case on the synth_domain grid, in WRF's
 * variables and units (what synth_wrfout writes).
 *
 * Arrays are global (halo 0), WRF memory order with i fastest: 2-D [j][i]; 3-D mass
 * [k][j][i]; full levels [k=0..nz][j][i]; U [k][j][i=0..nx]; V [k][j=0..ny][i]. */
#ifndef SYNTH_MET_H
#define SYNTH_MET_H
#include <stdint.h>
#include "app/synth/synth_domain.h"

typedef struct synth_met {
  const synth_domain *d;
  double t0_s;               /* episode start, s since 1970 (UTC) */
  /* time-invariant */
  double *mu_d;              /* dry column mass MU+MUB, Pa (constant in time) */
  double *mub, *pb, *phb;    /* WRF base state (MUB 2-D, PB mass levels, PHB full levels) */
  double *hmax;              /* afternoon PBL height, m */
  double *t2_anom;           /* static 2-m temperature anomaly, K */
  double *z0;                /* roughness length, m */
  double *hfx_beta;          /* HFX / SWDOWN in daytime (land-use dependent) */
  /* per frame */
  double time_s;
  double *theta, *qv, *p, *cldfra;      /* 3-D mass: K, kg/kg, Pa (full), 0..1 */
  double *phi, *w;                      /* full levels: geopotential m2 s-2, m/s */
  double *u, *v;                        /* staggered grid-relative wind, m/s */
  double *psfc, *pblh, *swdown, *t2, *q2, *u10, *v10, *ust, *hfx, *rainc, *coszen;
  /* diagnostics of the last frame */
  double div_resid_rel;      /* max |column mass divergence| / mean |face mass flux|/dx */
  int cg_iters;
  double proj_max_corr_ms;   /* largest wind change made by the mass-consistency projection, m/s */
  void *priv;                /* random fields and work arrays */
} synth_met;

synth_met *synth_met_create(const synth_domain *d, uint64_t seed, double t0_s, tf_err *err);
void synth_met_destroy(synth_met **m);
/* Compute the frame valid at time_s (s since 1970, UTC). */
int synth_met_compute(synth_met *m, double time_s, tf_err *err);
/* Saturation mixing ratio over water, kg/kg, at t_k (K) and p_pa (Pa) (Bolton 1980). */
double synth_qsat(double t_k, double p_pa);
#endif
