/* bcon.c — initial and lateral boundary conditions from static vertical profiles.
 *
 * Method: each species has a piecewise-linear profile of mixing ratio (ppb) against
 * height above ground (configs/mechanisms/cb05/boundary_profiles.csv, where every value cites its
 * source: CMAQ's default clean-continental profile file for CB05 and background
 * observations). Values are interpolated linearly in height to the layer mid heights
 * (met->zmid_m) and held constant above/below the last/first profile point. Lateral
 * boundaries from the profiles are time-invariant (clean inflow). Boundary records from a
 * parent run (read by the front end) are blended linearly in time, cell by cell, into the
 * same halo cells (bcon_blend_lateral), so the inflow depends only on the time and the
 * records, never on the run's history (restarts stay exact). */
#include "model/surface/bcon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct prof {
  int n;
  double *z, *v;
} prof;

struct bcon_ctx {
  int nspec, nprof;
  prof *p;
};

bcon_ctx *bcon_create(int nspec, const char *const *names, const bc_profiles *tab, tf_err *err)
{
  bcon_ctx *b = tf_calloc(1, sizeof *b, err);
  if (!b) return NULL;
  b->nspec = nspec;
  b->p = tf_calloc((size_t)(nspec > 0 ? nspec : 1), sizeof *b->p, err);
  if (!b->p) { bcon_destroy(&b); return NULL; }
  for (int s = 0; s < nspec; s++) {
    int n = 0;
    for (int r = 0; r < tab->n; r++) n += strcmp(tab->rows[r].species, names[s]) == 0;
    if (n == 0) continue;
    prof *P = &b->p[s];
    P->z = tf_calloc((size_t)n, sizeof *P->z, err);
    P->v = tf_calloc((size_t)n, sizeof *P->v, err);
    if (!P->z || !P->v) { bcon_destroy(&b); return NULL; }
    for (int r = 0; r < tab->n; r++) {
      const bc_profile_row *R = &tab->rows[r];
      if (strcmp(R->species, names[s]) != 0) continue;
      if (!(R->ppb >= 0.0) || !isfinite(R->z_m)) {
        tf_err_set(err, TF_EINVAL, "boundary profile of %s: expected ppb >= 0 and a finite height, found "
                   "%g ppb at %g m", names[s], R->ppb, R->z_m);
        bcon_destroy(&b);
        return NULL;
      }
      /* insertion sort by height */
      int k = P->n;
      while (k > 0 && P->z[k - 1] > R->z_m) { P->z[k] = P->z[k - 1]; P->v[k] = P->v[k - 1]; k--; }
      P->z[k] = R->z_m;
      P->v[k] = R->ppb;
      P->n++;
    }
    for (int k = 1; k < P->n; k++)
      if (P->z[k] == P->z[k - 1]) {
        tf_err_set(err, TF_EINVAL, "boundary profile of %s: two values at height %g m", names[s], P->z[k]);
        bcon_destroy(&b);
        return NULL;
      }
    b->nprof++;
  }
  return b;
}

void bcon_destroy(bcon_ctx **pb)
{
  if (!pb || !*pb) return;
  bcon_ctx *b = *pb;
  if (b->p)
    for (int s = 0; s < b->nspec; s++) { free(b->p[s].z); free(b->p[s].v); }
  free(b->p);
  free(b);
  *pb = NULL;
}

int bcon_nprofiled(const bcon_ctx *b) { return b->nprof; }

double bcon_value(const bcon_ctx *b, int isp, double z)
{
  if (isp < 0 || isp >= b->nspec) return 0.0;
  const prof *P = &b->p[isp];
  if (P->n == 0) return 0.0;
  if (z <= P->z[0]) return P->v[0];
  if (z >= P->z[P->n - 1]) return P->v[P->n - 1];
  int k = 1;
  while (P->z[k] < z) k++;
  double w = (z - P->z[k - 1]) / (P->z[k] - P->z[k - 1]);
  return (1.0 - w) * P->v[k - 1] + w * P->v[k];
}

void bcon_init_state(const bcon_ctx *b, const tf_met *met, tf_state *s)
{
  const tf_grid *g = s->g;
  for (int isp = 0; isp < s->nspec && isp < b->nspec; isp++) {
    double *c = state_spec(s, isp);
    for (size_t n = 0; n < g->n3; n++) c[n] = bcon_value(b, isp, met->zmid_m[n]);
  }
}

/* Is stored cell (i, j) (local indices) outside the global domain? */
static int outside_domain(const tf_grid *g, int i, int j)
{
  int gi = g->i0 + i, gj = g->j0 + j;
  return gi < 0 || gi >= g->nx || gj < 0 || gj >= g->ny;
}

void bcon_blend_lateral(const tf_grid *g, const double *a, const double *b, double w, double *c)
{
  int h = g->halo;
  for (int k = 0; k < g->nz; k++)
    for (int j = -h; j < g->nyo + h; j++)
      for (int i = -h; i < g->nxo + h; i++) {
        if (!outside_domain(g, i, j)) continue;
        size_t n = grid_idx3(g, i, j, k);
        c[n] = w == 0.0 ? a[n] : (w == 1.0 ? b[n] : (1.0 - w) * a[n] + w * b[n]);
      }
}

void bcon_fill_lateral(const bcon_ctx *b, const tf_met *met, tf_state *s)
{
  const tf_grid *g = s->g;
  int h = g->halo;
  for (int k = 0; k < g->nz; k++)
    for (int j = -h; j < g->nyo + h; j++)
      for (int i = -h; i < g->nxo + h; i++) {
        if (!outside_domain(g, i, j)) continue;
        size_t c = grid_idx3(g, i, j, k);
        double z = met->zmid_m[c];
        if (!(z > 0.0)) {  /* halo met not filled: nearest owned column */
          int ii = i < 0 ? 0 : (i >= g->nxo ? g->nxo - 1 : i);
          int jj = j < 0 ? 0 : (j >= g->nyo ? g->nyo - 1 : j);
          z = met->zmid_m[grid_idx3(g, ii, jj, k)];
        }
        for (int isp = 0; isp < s->nspec && isp < b->nspec; isp++) state_spec(s, isp)[c] = bcon_value(b, isp, z);
      }
}
