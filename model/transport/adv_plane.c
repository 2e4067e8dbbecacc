/* adv_plane.c — Strang-split 2-D PPM advection on a uniform plane (adv_plane.h).
 *
 * Each sweep gathers one line (a row for x, a column for y) with PPM_GHOST ghost cells
 * filled according to the boundary type, calls ppm_sweep (ppm.c), and scatters the new
 * values back. Strang splitting X(dt/2) Y(dt) X(dt/2) (Strang 1968, SIAM J. Numer. Anal.
 * 5, 506) as in the [S] reference runs of docs/physics-references.md §1.3. Single-threaded: the
 * tests that use it are small. */
#include "model/transport/adv_plane.h"
#include "model/transport/ppm.h"
#include <math.h>
#include <stdlib.h>

struct adv_plane {
  int nx, ny, bc, scheme;
  int nmax;
  double *q, *m, *f, *qn, *g, *mn, *work; /* line buffers */
};

adv_plane *adv_plane_create(int nx, int ny, int bc, int scheme, tf_err *err)
{
  if (nx < 2 || ny < 1 || bc < ADV_PLANE_PERIODIC || bc > ADV_PLANE_ZEROIN ||
      (scheme != ADV_PLANE_PPM && scheme != ADV_PLANE_DONOR)) {
    tf_err_set(err, TF_EINVAL, "adv_plane_create: expected nx>=2, ny>=1, bc 0..2, scheme 0..1; "
               "found nx=%d ny=%d bc=%d scheme=%d", nx, ny, bc, scheme);
    return NULL;
  }
  adv_plane *p = tf_calloc(1, sizeof *p, err);
  if (!p) return NULL;
  p->nx = nx; p->ny = ny; p->bc = bc; p->scheme = scheme;
  p->nmax = nx > ny ? nx : ny;
  size_t len = (size_t)p->nmax + 2 * PPM_GHOST;
  p->q = tf_malloc(len * sizeof(double), err);
  p->m = tf_malloc(len * sizeof(double), err);
  p->f = tf_malloc(len * sizeof(double), err);
  p->qn = tf_malloc(len * sizeof(double), err);
  p->g = tf_malloc(len * sizeof(double), err);
  p->mn = tf_malloc(len * sizeof(double), err);
  p->work = tf_malloc((size_t)ppm_work_len(p->nmax) * sizeof(double), err);
  if (!p->q || !p->m || !p->f || !p->qn || !p->g || !p->mn || !p->work) adv_plane_destroy(&p);
  return p;
}

void adv_plane_destroy(adv_plane **pp)
{
  if (!pp || !*pp) return;
  adv_plane *p = *pp;
  free(p->q); free(p->m); free(p->f); free(p->qn); free(p->g); free(p->mn); free(p->work);
  free(p);
  *pp = NULL;
}

/* Fill the ghost cells of a line buffer x (cell 0 at x[0]) of n cells. inflow_lo/hi say
 * whether the boundary face brings air in; `zero_in` then sets q = 0 there. */
static void fill_ghosts(double *x, int n, int bc, int is_q, int inflow_lo, int inflow_hi)
{
  for (int k = 1; k <= PPM_GHOST; k++) {
    if (bc == ADV_PLANE_PERIODIC) {
      x[-k] = x[n - k];
      x[n - 1 + k] = x[k - 1];
    } else {
      x[-k] = (bc == ADV_PLANE_ZEROIN && is_q && inflow_lo) ? 0.0 : x[0];
      x[n - 1 + k] = (bc == ADV_PLANE_ZEROIN && is_q && inflow_hi) ? 0.0 : x[n - 1];
    }
  }
}

int adv_plane_sweep(adv_plane *p, int dir, double *q, double *m, const double *flux,
                    double frac, tf_err *err)
{
  const int n = dir == 0 ? p->nx : p->ny;       /* cells along the line */
  const int nl = dir == 0 ? p->ny : p->nx;      /* number of lines */
  double *lq = p->q + PPM_GHOST, *lm = p->m + PPM_GHOST;
  double xmax = 0.0;
  for (int l = 0; l < nl; l++) {
    /* element c of line l: x rows are contiguous, y columns stride nx */
    size_t base = dir == 0 ? (size_t)l * (size_t)p->nx : (size_t)l;
    size_t cs = dir == 0 ? 1 : (size_t)p->nx;
    for (int c = 0; c < n; c++) {
      lq[c] = q[base + c * cs];
      if (m) lm[c] = m[base + c * cs];
    }
    for (int c = 0; c <= n; c++) {
      size_t fi = dir == 0 ? (size_t)l * (size_t)(p->nx + 1) + (size_t)c
                           : (size_t)c * (size_t)p->nx + (size_t)l;
      p->f[c] = frac * flux[fi];
    }
    int in_lo = p->f[0] > 0.0, in_hi = p->f[n] < 0.0;
    fill_ghosts(lq, n, p->bc, 1, in_lo, in_hi);
    if (m) fill_ghosts(lm, n, p->bc, 0, in_lo, in_hi);
    for (int c = 0; c <= n; c++) {
      double up = p->f[c] >= 0.0 ? (m ? lm[c - 1] : 1.0) : (m ? lm[c] : 1.0);
      double x = fabs(p->f[c]) / up;
      if (x > xmax) xmax = x;
    }
    if (p->scheme == ADV_PLANE_PPM)
      ppm_sweep(n, lq, m ? lm : NULL, p->f, p->qn, p->g, p->mn, p->work);
    else
      ppm_sweep_donor(n, lq, m ? lm : NULL, p->f, p->qn, p->g, p->mn);
    for (int c = 0; c < n; c++) {
      q[base + c * cs] = p->qn[c];
      if (m) m[base + c * cs] = p->mn[c];
    }
  }
  if (xmax > 1.0)
    return tf_err_set(err, TF_ENUMERIC, "adv_plane_sweep: Courant fraction %.3g > 1 in %c sweep; "
                      "reduce the time step", xmax, dir == 0 ? 'x' : 'y');
  return TF_OK;
}

int adv_plane_step(adv_plane *p, double *q, double *m, const double *fx, const double *fy,
                   tf_err *err)
{
  int rc = adv_plane_sweep(p, 0, q, m, fx, 0.5, err);
  if (!rc) rc = adv_plane_sweep(p, 1, q, m, fy, 1.0, err);
  if (!rc) rc = adv_plane_sweep(p, 0, q, m, fx, 0.5, err);
  return rc;
}
