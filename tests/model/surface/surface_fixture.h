/* surface_fixture.h — a small grid + met snapshot for the surface-module tests:
 * Lambert grid over the Sichuan basin (dx = 12 km), nz layers with full levels at fixed
 * heights, a summer-noon atmosphere (T2 = 303 K, lapse 6.5 K/km, u* 0.4 m/s, H = 200 W/m2,
 * SWDOWN 800 W/m2), uniform land use. Only what the surface modules read is filled. */
#ifndef TF_SURFACE_FIXTURE_H
#define TF_SURFACE_FIXTURE_H
#include <math.h>
#include "model/core/tf_const.h"
#include "model/grid/grid.h"
#include "model/grid/met.h"

static inline tf_grid *fixture_grid(int nx, int ny, int nz, int landuse, tf_err *err)
{
  tf_grid *g = grid_create(nx, ny, nz, 2, err);
  if (!g) return NULL;
  g->dx_m = g->dy_m = 12000.0;
  g->proj.map_proj = TF_PROJ_LAMBERT;
  g->proj.truelat1 = 25.0;
  g->proj.truelat2 = 40.0;
  g->proj.stand_lon = 104.0;
  g->proj.cen_lat = 30.5;
  g->proj.cen_lon = 104.0;
  g->proj.dx_m = g->proj.dy_m = 12000.0;
  g->proj.nx = nx;
  g->proj.ny = ny;
  if (proj_init(&g->proj, err) || grid_set_from_proj(g, err)) { grid_destroy(&g); return NULL; }
  for (size_t c = 0; c < g->n2; c++) g->landuse[c] = landuse;
  g->ptop_pa = 5000.0;
  /* eta levels of a standard atmosphere at the full-level heights below */
  for (int k = 0; k <= nz; k++) g->eta_w[k] = 1.0 - (double)k / nz;
  return g;
}

/* Full-level height of level k (m above ground): 0, 40, 100, 180, ... stretched. */
static inline double fixture_zw(int k) { return 40.0 * k + 10.0 * k * k; }

static inline tf_met *fixture_met(const tf_grid *g, tf_err *err)
{
  tf_met *m = met_create(g, err);
  if (!m) return NULL;
  const double psfc = 95000.0, t2 = 303.0, gam = 0.0065;
  for (size_t c = 0; c < g->n2; c++) {
    m->psfc_pa[c] = psfc;
    m->mu_pa[c] = psfc - g->ptop_pa;
    m->t2_k[c] = t2;
    m->ust_ms[c] = 0.4;
    m->hfx_wm2[c] = 200.0;
    m->swdown_wm2[c] = 800.0;
    m->pblh_m[c] = 1500.0;
    m->rain_mmh[c] = 0.0;
    for (int k = 0; k <= g->nz; k++) m->zw_m[(size_t)k * g->n2 + c] = fixture_zw(k);
    for (int k = 0; k < g->nz; k++) {
      size_t c3 = (size_t)k * g->n2 + c;
      double z = 0.5 * (fixture_zw(k) + fixture_zw(k + 1));
      double t = t2 - gam * z;
      m->zmid_m[c3] = z;
      m->t_k[c3] = t;
      m->p_pa[c3] = psfc * pow(t / t2, TF_G / (TF_RD * gam));
      m->rho_kgm3[c3] = m->p_pa[c3] / (TF_RD * t);
    }
  }
  size_t nu = (size_t)(g->sx + 1) * g->sy * g->nz, nv = (size_t)g->sx * (g->sy + 1) * g->nz;
  for (size_t n = 0; n < nu; n++) m->u_ms[n] = 3.0;
  for (size_t n = 0; n < nv; n++) m->v_ms[n] = 4.0;   /* |V| = 5 m/s */
  return m;
}
#endif
