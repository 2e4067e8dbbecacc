/* met.h — one meteorological snapshot on the model grid, and time interpolation.
 *
 * Filled by the WRF reader (io/netcdf/wrf_reader) from wrfout files; the numerical core
 * reads it and never knows where it came from. All arrays include the halo (see grid.h).
 * Winds are grid-relative (along the projection's x/y axes), as WRF stores them. */
#ifndef TF_MET_H
#define TF_MET_H
#include "model/grid/grid.h"

typedef struct tf_met {
  const tf_grid *g;
  double time_s;           /* seconds since 1970-01-01T00:00:00Z */
  /* 3-D at mass points (n3 values) */
  double *t_k;             /* air temperature, K (from theta = T + 300 K and P + PB) */
  double *p_pa;            /* full pressure, Pa (P + PB) */
  double *rho_kgm3;        /* dry-air density, kg m-3 (= 1/ALT, or p/(Rd T (1+Rv/Rd qv)) ) */
  double *qv_kgkg;         /* water-vapour mixing ratio, kg/kg */
  double *zmid_m;          /* layer mid height above ground, m */
  double *cldfra;          /* cloud fraction 0..1 (0 when absent: clear sky) */
  /* at full (w) levels: n2*(nz+1) values, level 0 = surface */
  double *zw_m;            /* height of full level above ground, m (from PH+PHB) */
  double *w_ms;            /* vertical velocity, m/s (W) */
  /* staggered horizontal wind, grid-relative, m/s: u at west faces (sx+1)*sy*nz
   * (index grid_idxu), v at south faces sx*(sy+1)*nz (index grid_idxv) */
  double *u_ms, *v_ms;
  /* 2-D (n2 values) */
  double *mu_pa;           /* dry column mass MU+MUB, Pa (psfc_dry - ptop) */
  double *psfc_pa;         /* surface pressure, Pa */
  double *pblh_m;          /* boundary-layer height, m */
  double *swdown_wm2;      /* downward shortwave at the surface, W m-2 */
  double *t2_k;            /* 2-m temperature, K */
  double *q2_kgkg;         /* 2-m mixing ratio, kg/kg */
  double *u10_ms, *v10_ms; /* 10-m wind, grid-relative, m/s */
  double *ust_ms;          /* friction velocity u*, m/s */
  double *hfx_wm2;         /* upward sensible heat flux, W m-2 */
  double *rain_mmh;        /* precipitation rate, mm/h (from RAINC+RAINNC differences) */
  double *coszen;          /* cosine of solar zenith angle at time_s (computed, not read) */
} tf_met;

tf_met *met_create(const tf_grid *g, tf_err *err);
void met_destroy(tf_met **m);
/* out = (1-w)*a + w*b for every field, w in [0,1]; out->time_s interpolated likewise. */
void met_interp(tf_met *out, const tf_met *a, const tf_met *b, double w);
/* Copy every field. */
void met_copy(tf_met *dst, const tf_met *src);
#endif
