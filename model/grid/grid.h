/* grid.h — the model grid: horizontal geometry, vertical levels, owned range and halo.
 *
 * The grid is WRF's Arakawa-C mass grid. Every rank (one rank until MPI lands) owns the
 * global index range [i0, i0+nxo) x [j0, j0+nyo) and stores a halo of `halo` cells on each
 * side, so every 2-D array is sx x sy = (nxo+2h) x (nyo+2h), row-major with i fastest.
 * Owned local indices run 0..nxo-1; halo cells are at -h..-1 and nxo..nxo+h-1.
 * Decomposition and halo exchange belong here (a part is made by grid_create_part; the
 * exchange, not yet written, will be too) so no numerical operator ever calls MPI.
 *
 * Vertical: WRF terrain-following dry-hydrostatic-pressure (eta) coordinate; layer k lies
 * between full levels eta_w[k] (bottom) and eta_w[k+1] (top), eta_w[0] = 1, eta_w[nz] = 0.
 * Dry pressure at a full level: p = eta*mu + ptop (hybrid: p = B(eta)*mu + ... when the
 * met has C3F/C4F; see met.h), so the dry air mass of layer k per m2 is mu*deta_k/g. */
#ifndef TF_GRID_H
#define TF_GRID_H
#include <stddef.h>
#include "model/core/tf_const.h"
#include "model/core/tf_error.h"
#include "model/grid/proj.h"

/* USGS 24-category land use (WRF MMINLU="USGS"), the classes Tianfu works in. */
enum {
  TF_LU_URBAN = 1, TF_LU_DRY_CROP = 2, TF_LU_IRRIG_CROP = 3, TF_LU_MIXED_CROP = 4,
  TF_LU_CROP_GRASS = 5, TF_LU_CROP_WOOD = 6, TF_LU_GRASSLAND = 7, TF_LU_SHRUB = 8,
  TF_LU_MIXED_SHRUB_GRASS = 9, TF_LU_SAVANNA = 10, TF_LU_DECID_BROAD = 11,
  TF_LU_DECID_NEEDLE = 12, TF_LU_EVERG_BROAD = 13, TF_LU_EVERG_NEEDLE = 14,
  TF_LU_MIXED_FOREST = 15, TF_LU_WATER = 16, TF_LU_HERB_WETLAND = 17, TF_LU_WOOD_WETLAND = 18,
  TF_LU_BARREN = 19, TF_LU_HERB_TUNDRA = 20, TF_LU_WOOD_TUNDRA = 21, TF_LU_MIXED_TUNDRA = 22,
  TF_LU_BARE_TUNDRA = 23, TF_LU_SNOW_ICE = 24, TF_LU_NCLASS = 24
};

typedef struct tf_grid {
  int nx, ny, nz;          /* global mass-point counts (west_east, south_north, bottom_top) */
  int halo;                /* halo width, cells */
  int i0, j0;              /* global index of the first owned cell */
  int nxo, nyo;            /* owned counts */
  int sx, sy;              /* stored extents incl. halo: nxo+2*halo, nyo+2*halo */
  size_t n2, n3;           /* sx*sy, sx*sy*nz */
  double dx_m, dy_m;       /* grid spacing on the projection plane, m */
  tf_proj proj;
  /* 2-D at mass points, n2 values each (halo included) */
  double *lat, *lon;       /* deg */
  double *mapfac;          /* map factor m at mass points (MAPFAC_M) */
  double *hgt_m;           /* terrain height above sea level, m */
  int *landuse;            /* USGS class 1..24 */
  /* map factors at faces: mapfac_u (sx+1)*sy at west faces, mapfac_v sx*(sy+1) at south faces */
  double *mapfac_u, *mapfac_v;
  /* vertical coordinate, nz+1 full levels from the surface up */
  double *eta_w;           /* WRF ZNW: 1 at the surface .. 0 at the model top */
  double ptop_pa;          /* model-top pressure, Pa (P_TOP) */
} tf_grid;

/* Allocate a grid for global size nx*ny*nz owning the whole domain (single rank), halo h.
 * All arrays are zeroed; the caller (the met reader) fills geometry. */
tf_grid *grid_create(int nx, int ny, int nz, int halo, tf_err *err);
/* Same, owning the sub-range [i0,i0+nxo) x [j0,j0+nyo) of the global grid. */
tf_grid *grid_create_part(int nx, int ny, int nz, int halo, int i0, int j0, int nxo, int nyo,
                          tf_err *err);
void grid_destroy(tf_grid **g);

/* Index of local owned/halo cell (i, j) in a 2-D array; i in [-halo, nxo+halo). */
static inline size_t grid_idx2(const tf_grid *g, int i, int j)
{
  return (size_t)(j + g->halo) * (size_t)g->sx + (size_t)(i + g->halo);
}
/* Index of (i, j, k) in a 3-D mass-point array (k-slabs of n2). */
static inline size_t grid_idx3(const tf_grid *g, int i, int j, int k)
{
  return (size_t)k * g->n2 + grid_idx2(g, i, j);
}
/* West-face (u) index: face i lies between cells i-1 and i; i in [-halo, nxo+halo]. */
static inline size_t grid_idxu(const tf_grid *g, int i, int j, int k)
{
  return ((size_t)k * (size_t)g->sy + (size_t)(j + g->halo)) * (size_t)(g->sx + 1) + (size_t)(i + g->halo);
}
/* South-face (v) index: face j lies between cells j-1 and j; j in [-halo, nyo+halo]. */
static inline size_t grid_idxv(const tf_grid *g, int i, int j, int k)
{
  return ((size_t)k * (size_t)(g->sy + 1) + (size_t)(j + g->halo)) * (size_t)g->sx + (size_t)(i + g->halo);
}
/* Dry-air mass per m2 of a layer, kg m-2: mu deta / g (mu = column dry-air mass, Pa, deta =
 * eta_w[k] - eta_w[k+1]; the hydrostatic relation of the eta coordinate, see top). */
static inline double grid_air_kgm2(double mu_pa, double deta)
{
  return mu_pa * deta / TF_G;
}
/* True area of a cell, m2: dx dy / m^2 (map factor m; m <= 0, i.e. unset, counts as 1). */
static inline double grid_cell_area_m2(double dx_m, double dy_m, double mapfac)
{
  double m = mapfac > 0.0 ? mapfac : 1.0;
  return dx_m * dy_m / (m * m);
}
/* Dry-air mass of a cell, kg, and in mol (M_air = TF_MW_AIR): the one place this product is
 * written, so budgets, advection, emissions and deposition agree to the bit. */
static inline double grid_cell_air_kg(double mu_pa, double deta, double dx_m, double dy_m, double mapfac)
{
  return grid_air_kgm2(mu_pa, deta) * grid_cell_area_m2(dx_m, dy_m, mapfac);
}
static inline double grid_cell_air_mol(double mu_pa, double deta, double dx_m, double dy_m, double mapfac)
{
  return grid_cell_air_kg(mu_pa, deta, dx_m, dy_m, mapfac) / TF_MW_AIR;
}
/* Fill geometry (lat, lon, map factors) from the projection for every stored cell. */
int grid_set_from_proj(tf_grid *g, tf_err *err);
/* Nearest owned cell and bilinear weights for a lat/lon point; returns 0 if outside. */
int grid_locate(const tf_grid *g, double lat, double lon, double *fi, double *fj);
#endif
