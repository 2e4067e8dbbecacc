/* grid.c — allocation and geometry of the model grid (see grid.h). */
#include "model/grid/grid.h"
#include <math.h>
#include <stdlib.h>

tf_grid *grid_create_part(int nx, int ny, int nz, int halo, int i0, int j0, int nxo, int nyo,
                          tf_err *err)
{
  if (nx < 1 || ny < 1 || nz < 1 || halo < 0 || i0 < 0 || j0 < 0 || nxo < 1 || nyo < 1 ||
      i0 + nxo > nx || j0 + nyo > ny) {
    tf_err_set(err, TF_EINVAL, "grid: bad dimensions nx=%d ny=%d nz=%d halo=%d owned [%d,%d)x[%d,%d)",
               nx, ny, nz, halo, i0, i0 + nxo, j0, j0 + nyo);
    return NULL;
  }
  tf_grid *g = tf_calloc(1, sizeof *g, err);
  if (!g) return NULL;
  g->nx = nx; g->ny = ny; g->nz = nz; g->halo = halo;
  g->i0 = i0; g->j0 = j0; g->nxo = nxo; g->nyo = nyo;
  g->sx = nxo + 2 * halo; g->sy = nyo + 2 * halo;
  g->n2 = (size_t)g->sx * (size_t)g->sy;
  g->n3 = g->n2 * (size_t)nz;
  g->lat = tf_calloc(g->n2, sizeof(double), err);
  g->lon = tf_calloc(g->n2, sizeof(double), err);
  g->mapfac = tf_calloc(g->n2, sizeof(double), err);
  g->hgt_m = tf_calloc(g->n2, sizeof(double), err);
  g->landuse = tf_calloc(g->n2, sizeof(int), err);
  g->mapfac_u = tf_calloc((size_t)(g->sx + 1) * (size_t)g->sy, sizeof(double), err);
  g->mapfac_v = tf_calloc((size_t)g->sx * (size_t)(g->sy + 1), sizeof(double), err);
  g->eta_w = tf_calloc((size_t)nz + 1, sizeof(double), err);
  if (!g->lat || !g->lon || !g->mapfac || !g->hgt_m || !g->landuse || !g->mapfac_u ||
      !g->mapfac_v || !g->eta_w) {
    grid_destroy(&g);
    return NULL;
  }
  return g;
}

tf_grid *grid_create(int nx, int ny, int nz, int halo, tf_err *err)
{
  return grid_create_part(nx, ny, nz, halo, 0, 0, nx, ny, err);
}

void grid_destroy(tf_grid **gp)
{
  if (!gp || !*gp) return;
  tf_grid *g = *gp;
  free(g->lat); free(g->lon); free(g->mapfac); free(g->hgt_m); free(g->landuse);
  free(g->mapfac_u); free(g->mapfac_v); free(g->eta_w);
  free(g);
  *gp = NULL;
}

int grid_set_from_proj(tf_grid *g, tf_err *err)
{
  g->proj.nx = g->nx;
  g->proj.ny = g->ny;
  int rc = proj_init(&g->proj, err);
  if (rc) return rc;
  int h = g->halo;
  for (int j = -h; j < g->nyo + h; j++)
    for (int i = -h; i < g->nxo + h; i++) {
      size_t c = grid_idx2(g, i, j);
      proj_ij_to_ll(&g->proj, g->i0 + i, g->j0 + j, &g->lat[c], &g->lon[c]);
      g->mapfac[c] = proj_mapfac(&g->proj, g->lat[c]);
    }
  for (int j = -h; j < g->nyo + h; j++)
    for (int i = -h; i <= g->nxo + h; i++) {
      double la, lo;
      proj_ij_to_ll(&g->proj, g->i0 + i - 0.5, g->j0 + j, &la, &lo);
      g->mapfac_u[(size_t)(j + h) * (size_t)(g->sx + 1) + (size_t)(i + h)] = proj_mapfac(&g->proj, la);
    }
  for (int j = -h; j <= g->nyo + h; j++)
    for (int i = -h; i < g->nxo + h; i++) {
      double la, lo;
      proj_ij_to_ll(&g->proj, g->i0 + i, g->j0 + j - 0.5, &la, &lo);
      g->mapfac_v[(size_t)(j + h) * (size_t)g->sx + (size_t)(i + h)] = proj_mapfac(&g->proj, la);
    }
  return TF_OK;
}

int grid_locate(const tf_grid *g, double lat, double lon, double *fi, double *fj)
{
  double gi, gj;
  proj_ll_to_ij(&g->proj, lat, lon, &gi, &gj);
  *fi = gi - g->i0;
  *fj = gj - g->j0;
  return *fi >= 0.0 && *fi <= g->nxo - 1 && *fj >= 0.0 && *fj <= g->nyo - 1;
}
