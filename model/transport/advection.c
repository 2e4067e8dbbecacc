/* advection.c — 3-D mass-consistent PPM advection (see advection.h for the method).
 *
 * One call is normally one step [t, t+dt] (halved only if an air-mass dry run finds a
 * cell that would empty):
 *   1. target air masses A(t), A(t+dt) from mu (cell mass mu*deta/g*dx*dy/m^2, Skamarock
 *      et al. 2008, NCAR/TN-475 ch. 2);
 *   2. face air-mass fluxes over the step from u, v, mu at the mid-point (TN-475 ch. 2
 *      flux form);
 *   3. vertical air-mass fluxes W from continuity, bottom-up (discrete diagnostic eta-dot):
 *      W_{k+1} = W_k + (A_k(t) + horizontal convergence_k) - A_k(t+dt), W_0 = 0;
 *      W_nz (the lid) carries the column residual;
 *   4. horizontal transport, each level k in nk[k] sub-steps of an x and a y sweep
 *      (order alternating, like CMAQ's per-layer advection steps), then one vertical
 *      sweep with per-column passes; the next step does the vertical sweep first and
 *      starts its levels with y (dimension splitting with alternating order). Every sweep
 *      is a ppm_sweep in mass form: the air mass of every cell is advanced with the same
 *      fluxes as the tracer mass, which keeps q == 1 exactly (Easter 1993, MWR 121, 297;
 *      Lin & Rood 1996, MWR 124, 2046).
 * Sub-step counts come from an a-priori Courant estimate and are verified on the air mass
 * alone (plan_h, prepass_v) before any species is touched; a one-step dry run's plan is
 * then used as is. The species loops run in parallel; budgets are partial sums per task
 * reduced in a fixed order, so results do not depend on the thread count.
 * Speed: everything that depends on the air mass only (face masses per sub-step, sampled
 * fraction of the upwind cell, new air mass, non-uniform PPM coefficients) is computed once
 * per sweep and shared by all species; the species sweeps are ppm_lines calls on buffers
 * in which y lines (and the columns of a row, for the vertical sweep) are interleaved, so
 * the PPM stages run in SIMD across lines. Same operations as the per-line ppm_sweep, hence
 * the same bits (checked against the earlier per-line code on the 12 km benchmark case). */
#include "model/transport/advection.h"
#include "model/transport/ppm.h"
#include "model/core/tf_const.h"
#include <math.h>
#include <stddef.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include <stdlib.h>
#include <string.h>

/* ppb * kg_air -> mol of tracer: 1e-9 mol/mol per ppb, M_air kg/mol. */
#define PPBKG_TO_MOL (1e-9 / TF_MW_AIR)
/* A column needing more vertical passes than this has a broken vertical mass flux. */
#define ADV_MAX_VPASS 2000

struct adv_ctx {
  const tf_grid *g;
  int nspec, nx, ny, nz;
  size_t nc;
  double *ma, *mb;     /* air mass before / after the current sweep, kg [nc] */
  double *mc;          /* third mass buffer: a one-step dry run keeps every stage [nc] */
  int dry1;            /* the dry run was one step: its plan (masses, nk, nv, W) holds */
  int dry_nvmax;       /* and its vertical pre-pass results */
  double dry_air_top;
  double *ab;          /* target air mass at the end of the sub-step, kg [nc] */
  double *fx, *fy, *w; /* air mass crossing faces during the sub-step, kg */
  int *nv;             /* vertical passes per column [nx*ny] */
  double *part;        /* per-task budget partial sums */
  double *deta;        /* layer eta thickness [nz] */
  int lmax;            /* longest line */
  int parity;          /* alternates the sweep order */
  int bc_halo;         /* lateral inflow values from the state's halo cells */
  int *nk;             /* horizontal sub-steps of each level in the current step [nz] */
  double *ck;          /* a-priori outflow fraction of each level over the step [nz] */
  struct pbuf *pb;     /* per-thread sweep buffers, kept between calls [npb] */
  int npb;
};

static inline size_t cidx(const adv_ctx *a, int i, int j, int k)
{
  return ((size_t)k * (size_t)a->ny + (size_t)j) * (size_t)a->nx + (size_t)i;
}
static inline size_t xidx(const adv_ctx *a, int i, int j, int k)
{
  return ((size_t)k * (size_t)a->ny + (size_t)j) * (size_t)(a->nx + 1) + (size_t)i;
}
static inline size_t yidx(const adv_ctx *a, int i, int j, int k)
{
  return ((size_t)k * (size_t)(a->ny + 1) + (size_t)j) * (size_t)a->nx + (size_t)i;
}
static inline int clampi(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }
/* fmax/fmin with C99's NaN rule (a NaN argument is ignored), inline: without
 * -ffinite-math-only GCC calls libm for them. Signed zeros may differ from libm, which
 * only feed sub-step counts through comparisons here. */
static inline double fmax_c(double x, double y) { return x > y || y != y ? x : y; }
static inline double fmin_c(double x, double y) { return x < y || y != y ? x : y; }

adv_budget *adv_budget_create(int nspec, tf_err *err)
{
  adv_budget *b = tf_calloc(1, sizeof *b, err);
  if (!b) return NULL;
  b->nspec = nspec;
  b->in_mol = tf_calloc((size_t)(nspec > 0 ? nspec : 1) * ADV_NSIDE, sizeof(double), err);
  if (!b->in_mol) adv_budget_destroy(&b);
  return b;
}

void adv_budget_destroy(adv_budget **bp)
{
  if (!bp || !*bp) return;
  free((*bp)->in_mol);
  free(*bp);
  *bp = NULL;
}

void adv_budget_zero(adv_budget *b)
{
  memset(b->in_mol, 0, (size_t)b->nspec * ADV_NSIDE * sizeof(double));
  b->air_in_top_kg = 0.0;
  b->nsub_h = b->nsub_v_max = 0;
  b->nsub_h_mean = 0.0;
}

adv_ctx *adv_create(const tf_grid *g, int nspec, tf_err *err)
{
  if (!g || nspec < 1) {
    tf_err_set(err, TF_EINVAL, "adv_create: expected a grid and nspec >= 1, found %s, nspec=%d",
               g ? "a grid" : "NULL", nspec);
    return NULL;
  }
  if (g->nxo != g->nx || g->nyo != g->ny || g->i0 != 0 || g->j0 != 0) {
    tf_err_set(err, TF_EINVAL, "adv_create: the grid must own the whole domain (one rank); "
               "found owned [%d,%d)x[%d,%d) of %dx%d", g->i0, g->i0 + g->nxo, g->j0,
               g->j0 + g->nyo, g->nx, g->ny);
    return NULL;
  }
  adv_ctx *a = tf_calloc(1, sizeof *a, err);
  if (!a) return NULL;
  a->g = g;
  a->nspec = nspec;
  a->nx = g->nxo; a->ny = g->nyo; a->nz = g->nz;
  a->nc = (size_t)a->nx * (size_t)a->ny * (size_t)a->nz;
  a->lmax = a->nx > a->ny ? a->nx : a->ny;
  if (a->nz > a->lmax) a->lmax = a->nz;
  size_t n2 = (size_t)a->nx * (size_t)a->ny;
  size_t nparts = (size_t)nspec * (size_t)(4 * a->nz > a->ny ? 4 * a->nz : a->ny);
  a->ma = tf_malloc(a->nc * sizeof(double), err);
  a->mb = tf_malloc(a->nc * sizeof(double), err);
  a->mc = tf_malloc(a->nc * sizeof(double), err);
  a->ab = tf_malloc(a->nc * sizeof(double), err);
  a->fx = tf_malloc((size_t)(a->nx + 1) * (size_t)a->ny * (size_t)a->nz * sizeof(double), err);
  a->fy = tf_malloc((size_t)a->nx * (size_t)(a->ny + 1) * (size_t)a->nz * sizeof(double), err);
  a->w = tf_malloc(n2 * (size_t)(a->nz + 1) * sizeof(double), err);
  a->nv = tf_malloc(n2 * sizeof(int), err);
  a->part = tf_malloc(nparts * sizeof(double), err);
  a->deta = tf_malloc((size_t)a->nz * sizeof(double), err);
  a->nk = tf_malloc((size_t)a->nz * sizeof(int), err);
  a->ck = tf_malloc((size_t)a->nz * sizeof(double), err);
  if (!a->ma || !a->mb || !a->mc || !a->ab || !a->fx || !a->fy || !a->w || !a->nv || !a->part || !a->deta ||
      !a->nk || !a->ck) {
    adv_destroy(&a);
    return NULL;
  }
  for (int k = 0; k < a->nz; k++) a->deta[k] = g->eta_w[k] - g->eta_w[k + 1];
  return a;
}

int adv_set_bc_halo(adv_ctx *a, int on, tf_err *err)
{
  if (on && a->g->halo < 1)
    return tf_err_set(err, TF_EINVAL, "adv_set_bc_halo: the grid has no halo cells (halo = 0)");
  a->bc_halo = on != 0;
  return TF_OK;
}

static void pbufs_free(adv_ctx *a);

void adv_destroy(adv_ctx **ap)
{
  if (!ap || !*ap) return;
  adv_ctx *a = *ap;
  free(a->ma); free(a->mb); free(a->mc); free(a->ab); free(a->fx); free(a->fy); free(a->w);
  free(a->nv); free(a->part); free(a->deta); free(a->nk); free(a->ck);
  pbufs_free(a);
  free(a);
  *ap = NULL;
}

/* mu (Pa) of column (i,j) at time fraction wt between m0 and m1. i, j are clamped to the
 * owned domain: the grid owns the whole domain, so halo columns lie outside it and a
 * boundary face takes the mu of its inner column (WRF likewise has no mass point outside
 * the domain); this also makes an unfilled met halo harmless. */
static inline double mu_at(const tf_grid *g, const tf_met *m0, const tf_met *m1, double wt,
                           int i, int j)
{
  size_t c = grid_idx2(g, clampi(i, 0, g->nxo - 1), clampi(j, 0, g->nyo - 1));
  return (1.0 - wt) * m0->mu_pa[c] + wt * m1->mu_pa[c];
}

double adv_cell_air_kg(const tf_grid *g, const tf_met *m, int i, int j, int k)
{
  size_t c = grid_idx2(g, i, j);
  return grid_cell_air_kg(m->mu_pa[c], g->eta_w[k] - g->eta_w[k + 1], g->dx_m, g->dy_m, g->mapfac[c]);
}

double adv_species_mol(const tf_grid *g, const tf_met *m, const double *c_ppb)
{
  double sum = 0.0;
  for (int k = 0; k < g->nz; k++)
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++)
        sum += c_ppb[grid_idx3(g, i, j, k)] * adv_cell_air_kg(g, m, i, j, k);
  return sum * PPBKG_TO_MOL;
}

/* Air mass of every owned cell at time fraction wt (kg). Returns the smallest value. */
static double air_mass(const adv_ctx *a, const tf_met *m0, const tf_met *m1, double wt, double *out)
{
  const tf_grid *g = a->g;
  double amin = INFINITY;
  for (int k = 0; k < a->nz; k++)
    for (int j = 0; j < a->ny; j++)
      for (int i = 0; i < a->nx; i++) {
        double v = grid_cell_air_kg(mu_at(g, m0, m1, wt, i, j), a->deta[k], g->dx_m, g->dy_m,
                                    g->mapfac[grid_idx2(g, i, j)]);
        out[cidx(a, i, j, k)] = v;
        if (!(v >= amin)) amin = v; /* also catches NaN */
      }
  return amin;
}

/* Air-mass flux (kg/s) through west face i of (j,k) and south face j of (i,k) at wt. */
static inline double flux_x(const adv_ctx *a, const tf_met *m0, const tf_met *m1, double wt,
                            int i, int j, int k)
{
  const tf_grid *g = a->g;
  size_t iu = grid_idxu(g, i, j, k);
  double u = (1.0 - wt) * m0->u_ms[iu] + wt * m1->u_ms[iu];
  double mu = 0.5 * (mu_at(g, m0, m1, wt, i - 1, j) + mu_at(g, m0, m1, wt, i, j));
  double mfu = g->mapfac_u[(size_t)(j + g->halo) * (size_t)(g->sx + 1) + (size_t)(i + g->halo)];
  return u * mu * a->deta[k] / TF_G * g->dy_m / mfu;
}
static inline double flux_y(const adv_ctx *a, const tf_met *m0, const tf_met *m1, double wt,
                            int i, int j, int k)
{
  const tf_grid *g = a->g;
  size_t iv = grid_idxv(g, i, j, k);
  double v = (1.0 - wt) * m0->v_ms[iv] + wt * m1->v_ms[iv];
  double mu = 0.5 * (mu_at(g, m0, m1, wt, i, j - 1) + mu_at(g, m0, m1, wt, i, j));
  double mfv = g->mapfac_v[(size_t)(j + g->halo) * (size_t)g->sx + (size_t)(i + g->halo)];
  return v * mu * a->deta[k] / TF_G * g->dx_m / mfv;
}

/* Face fluxes for a sub-step of length dts centred at wt, and W from continuity. */
static void substep_fluxes(adv_ctx *a, const tf_met *m0, const tf_met *m1, double wt, double dts)
{
#pragma omp parallel for schedule(static)
  for (int k = 0; k < a->nz; k++) {
    for (int j = 0; j < a->ny; j++)
      for (int i = 0; i <= a->nx; i++) a->fx[xidx(a, i, j, k)] = flux_x(a, m0, m1, wt, i, j, k) * dts;
    for (int j = 0; j <= a->ny; j++)
      for (int i = 0; i < a->nx; i++) a->fy[yidx(a, i, j, k)] = flux_y(a, m0, m1, wt, i, j, k) * dts;
  }
  const size_t n2 = (size_t)a->nx * (size_t)a->ny;
#pragma omp parallel for schedule(static)
  for (int j = 0; j < a->ny; j++)
    for (int i = 0; i < a->nx; i++) {
      size_t c2 = (size_t)j * (size_t)a->nx + (size_t)i;
      double wk = 0.0;
      a->w[c2] = 0.0;
      for (int k = 0; k < a->nz; k++) {
        double conv = (a->fx[xidx(a, i, j, k)] - a->fx[xidx(a, i + 1, j, k)]) +
                      (a->fy[yidx(a, i, j, k)] - a->fy[yidx(a, i, j + 1, k)]);
        size_t c = cidx(a, i, j, k);
        wk = wk + ((a->ma[c] + conv) - a->ab[c]);
        a->w[(size_t)(k + 1) * n2 + c2] = wk;
      }
    }
}

/* Per-thread line buffers. */
typedef struct {
  double *q, *m, *f, *qn, *g, *mn, *m0, *coef, *work;
  void *block;
} lines;

static int lines_alloc(lines *L, int lmax)
{
  size_t len = (size_t)lmax + 2 * PPM_GHOST + 1;
  L->block = malloc((7 * len + (size_t)ppm_coef_len(lmax) + (size_t)ppm_work_len_w(lmax)) *
                    sizeof(double));
  if (!L->block) return -1;
  double *p = L->block;
  L->q = p + PPM_GHOST; p += len;
  L->m = p + PPM_GHOST; p += len;
  L->f = p; p += len;
  L->qn = p; p += len;
  L->g = p; p += len;
  L->mn = p; p += len;
  L->m0 = p + PPM_GHOST; p += len;
  L->coef = p; p += ppm_coef_len(lmax);
  L->work = p;
  return 0;
}

/* Ghost cells of a line of n cells: lower/upper ghosts take the boundary values when that
 * boundary face brings air in (and values are given), else the edge value (zero
 * gradient). bclo/bchi: PPM_GHOST values each, ghost 1 (adjacent to the domain) first. */
static inline void ghosts(lines *L, int n, int use_bc, const double *bclo, const double *bchi)
{
  int in_lo = use_bc && L->f[0] > 0.0, in_hi = use_bc && L->f[n] < 0.0;
  for (int k = 1; k <= PPM_GHOST; k++) {
    L->q[-k] = in_lo ? bclo[k - 1] : L->q[0];
    L->q[n - 1 + k] = in_hi ? bchi[k - 1] : L->q[n - 1];
    L->m[-k] = L->m[0];
    L->m[n - 1 + k] = L->m[n - 1];
  }
}

/* Boundary values of a line: the profile value, or the state's halo cells outside the
 * domain (ghosts deeper than the halo repeat the outermost halo cell). */
static inline void line_bc(const adv_ctx *a, const double *c, size_t base, size_t cs, int n,
                           double prof, double *lo, double *hi)
{
  for (int d = 1; d <= PPM_GHOST; d++) {
    if (a->bc_halo) {
      size_t dd = (size_t)(d < a->g->halo ? d : a->g->halo);
      lo[d - 1] = c[base - dd * cs];
      hi[d - 1] = c[base + ((size_t)n - 1 + dd) * cs];
    } else {
      lo[d - 1] = hi[d - 1] = prof;
    }
  }
}

/* Air mass of level k through nk horizontal sub-steps of 1-D sweeps (x then y, or y then
 * x when (first + sub) is odd), from a->ma into a->mb, with the same floating-point
 * operations as the species sweeps (ppm.c finish_update). Returns the largest sampled
 * fraction of any sweep (outflow over the cell's current mass, ghost cells included), or
 * INFINITY if a cell would empty. */
static double hlevel_mass(adv_ctx *a, int k, int nk, int first)
{
  const size_t n2 = (size_t)a->nx * (size_t)a->ny;
  const double *min = a->ma + (size_t)k * n2;
  double *m = a->mb + (size_t)k * n2;
  double worst = 0.0;
  for (size_t c = 0; c < n2; c++) m[c] = min[c];
  for (int sub = 0; sub < nk; sub++) {
    int yfirst = (first + sub) & 1;
    for (int d = 0; d < 2; d++) {
      int dir = d ^ yfirst; /* 0 = x, 1 = y */
      for (int j = 0; j < a->ny; j++)
        for (int i = 0; i < a->nx; i++) {
          double fl = dir == 0 ? a->fx[xidx(a, i, j, k)] / nk : a->fy[yidx(a, i, j, k)] / nk;
          double fr = dir == 0 ? a->fx[xidx(a, i + 1, j, k)] / nk : a->fy[yidx(a, i, j + 1, k)] / nk;
          double *mc = m + (size_t)j * (size_t)a->nx + (size_t)i;
          int e = dir == 0 ? i : j, ne = dir == 0 ? a->nx : a->ny;
          worst = fmax_c(worst, (fmax_c(0.0, -fl) + fmax_c(0.0, fr)) / *mc);
          if (e == 0) worst = fmax_c(worst, fl / *mc);          /* ghost-cell outflow */
          if (e == ne - 1) worst = fmax_c(worst, -fr / *mc);
          *mc = (*mc + fl) - fr;
          if (!(*mc > 0.0)) worst = INFINITY;
        }
    }
  }
  return worst;
}

/* Horizontal sub-steps of every level: start from the a-priori guess (target ADV_CMAX)
 * and double until every sweep of the level samples at most one cell; the masses after
 * the horizontal transport are left in a->mb. Returns 0, or 1 if a level needs more than
 * ADV_MAX_HSUB sub-steps (an emptying cell: the caller shortens the whole step). */
#define ADV_MAX_HSUB 64
static int plan_h(adv_ctx *a, int first, double frac_of_step)
{
  int bad = 0;
#pragma omp parallel for schedule(dynamic, 1) reduction(max : bad)
  for (int k = 0; k < a->nz; k++) {
    double c = a->ck[k] * frac_of_step;
    int nk = c > ADV_CMAX ? (int)ceil(c / ADV_CMAX) : 1;
    while (!(hlevel_mass(a, k, nk, first) <= 1.0)) {
      if (nk >= ADV_MAX_HSUB) { bad = 1; break; }
      nk *= 2;
    }
    a->nk[k] = nk;
  }
  return bad;
}

/* Per-thread buffers of the many-line sweeps (ppm_lines). A plane is laid out either
 * row by row with PPM_GHOST ghost cells at both ends of each row (x sweeps, one
 * ppm_lines call per row, rows HX = nx + 2 PPM_GHOST apart) or as ny + 2 PPM_GHOST rows
 * of nx (y sweeps: the nx columns interleaved, one call for the whole plane); the
 * vertical sweep uses the second layout with layers for rows. The sweep description
 * (f, hx, wx, m, mn, coef) is species-independent: built once, used by every species. */
/* Description of one sweep (arrays laid out like the q buffer). */
typedef struct {
  double *f, *hx, *wx, *m, *mn;
} sdesc;

typedef struct pbuf {
  double *M;                          /* level air mass [nx*ny] (horizontal) */
  double *f, *hx, *wx, *m, *mn, *coef; /* sweep description */
  double *q, *qn, *g, *work;          /* one species */
  double *top;                        /* lid inflow per column of a row [nx] */
  lines L;                            /* one line (vertical columns with nv > 1) */
  sdesc d[2];                         /* the x and y sweeps of a sub-step (d[0]: f..mn) */
  void *block;
} pbuf;

static int pbuf_alloc(pbuf *P, int nx, int ny, int nz, int lmax)
{
  if (lines_alloc(&P->L, lmax)) return -1;
  const size_t gh = PPM_GHOST;
  size_t sx = (size_t)ny * (size_t)(nx + 2 * gh), sy = (size_t)(ny + 2 * gh) * (size_t)nx;
  size_t sz = (size_t)(nz + 2 * gh) * (size_t)nx;
  size_t S = sx > sy ? sx : sy;
  if (sz > S) S = sz;
  size_t W = (size_t)ppm_lines_work_len((long)S, 1), C = (size_t)ppm_coef_lines_len((long)sz, 0);
  /* zeroed once: positions a sweep never writes hold finite values */
  P->block = calloc((size_t)nx * (size_t)ny + 13 * S + W + C + (size_t)nx, sizeof(double));
  if (!P->block) return -1;
  double *p = P->block;
  P->top = p; p += nx;
  P->M = p; p += (size_t)nx * (size_t)ny;
  P->f = p; p += S;
  P->hx = p; p += S;
  P->wx = p; p += S;
  P->m = p; p += S;
  P->mn = p; p += S;
  P->d[0] = (sdesc){.f = P->f, .hx = P->hx, .wx = P->wx, .m = P->m, .mn = P->mn};
  P->d[1].f = p; p += S;
  P->d[1].hx = p; p += S;
  P->d[1].wx = p; p += S;
  P->d[1].m = p; p += S;
  P->d[1].mn = p; p += S;
  P->q = p; p += S;
  P->qn = p; p += S;
  P->g = p; p += S;
  P->work = p; p += W;
  P->coef = p;
  return 0;
}

static void pbuf_free(pbuf *P)
{
  free(P->L.block);
  free(P->block);
}

static void pbufs_free(adv_ctx *a)
{
  for (int t = 0; t < a->npb; t++) pbuf_free(&a->pb[t]);
  free(a->pb);
  a->pb = NULL;
  a->npb = 0;
}

/* Thread number inside a parallel region of this module, and the number of threads. */
static int adv_thread(void)
{
#ifdef _OPENMP
  return omp_get_thread_num();
#else
  return 0;
#endif
}
static int adv_threads(void)
{
#ifdef _OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

/* Buffers for every thread the next parallel region can have, allocated once (zeroed
 * pages on every call cost page faults). */
static int pbufs_ensure(adv_ctx *a, tf_err *err)
{
  int n = adv_threads();
  if (n <= a->npb) return TF_OK;
  pbuf *pb = realloc(a->pb, (size_t)n * sizeof *pb);
  if (!pb) return tf_err_set(err, TF_ENOMEM, "adv_step: out of memory for sweep buffers");
  a->pb = pb;
  for (; a->npb < n; a->npb++) {
    memset(&pb[a->npb], 0, sizeof *pb);
    if (pbuf_alloc(&pb[a->npb], a->nx, a->ny, a->nz, a->lmax)) {
      pbuf_free(&pb[a->npb]);
      return tf_err_set(err, TF_ENOMEM, "adv_step: out of memory for sweep buffers");
    }
  }
  return TF_OK;
}

/* A-priori largest outflow fraction of each level over dt (x and y sweeps separately,
 * against the smaller of the two air masses): the first guess of the level's horizontal
 * sub-steps. Fluxes vary (nearly) linearly in time and the outflow is convex in them, so
 * the extremes are at m0 or m1; plan_h() then verifies the guess exactly. Inflow through a
 * lateral boundary face counts as the outflow of the ghost cell (mass of the edge cell).
 * Returns 0, or -1 if a value is not finite. */
static int level_courant(adv_ctx *a, const tf_met *m0, const tf_met *m1, double dt)
{
  const tf_grid *g = a->g;
  const int nx = a->nx, ny = a->ny;
  int bad = 0;
  /* each face flux once per met time: rows of x-face fluxes, y faces below and above */
#pragma omp parallel reduction(max : bad)
  {
    double *fx[2], *fs[2], *fn[2];
    pbuf *P = &a->pb[adv_thread()];
    for (int t = 0; t < 2; t++) {
      fx[t] = P->f + (size_t)t * (size_t)(nx + 1);
      fs[t] = P->hx + (size_t)t * (size_t)nx;
      fn[t] = P->wx + (size_t)t * (size_t)nx;
    }
#pragma omp for schedule(static)
    for (int k = 0; k < a->nz; k++) {
      double cmax = 0.0;
      for (int t = 0; t < 2; t++)
        for (int i = 0; i < nx; i++) fn[t][i] = flux_y(a, m0, m1, t, i, 0, k);
      for (int j = 0; j < ny; j++) {
        for (int t = 0; t < 2; t++) {
          double *tmp = fs[t]; fs[t] = fn[t]; fn[t] = tmp;
          for (int i = 0; i <= nx; i++) fx[t][i] = flux_x(a, m0, m1, t, i, j, k);
          for (int i = 0; i < nx; i++) fn[t][i] = flux_y(a, m0, m1, t, i, j + 1, k);
        }
        for (int i = 0; i < nx; i++) {
          double amin = grid_cell_air_kg(fmin_c(mu_at(g, m0, m1, 0.0, i, j), mu_at(g, m0, m1, 1.0, i, j)),
                                         a->deta[k], g->dx_m, g->dy_m, g->mapfac[grid_idx2(g, i, j)]);
          for (int t = 0; t < 2; t++) {
            double fw = fx[t][i], fe = fx[t][i + 1], fsv = fs[t][i], fnv = fn[t][i];
            double cx = fmax_c(0.0, -fw) + fmax_c(0.0, fe), cy = fmax_c(0.0, -fsv) + fmax_c(0.0, fnv);
            if (i == 0) cx = fmax_c(cx, fw);
            if (i == nx - 1) cx = fmax_c(cx, -fe);
            if (j == 0) cy = fmax_c(cy, fsv);
            if (j == ny - 1) cy = fmax_c(cy, -fnv);
            double c = fmax_c(cx, cy) * dt / amin;
            if (!isfinite(c) || !(amin > 0.0)) bad = 1;
            cmax = fmax_c(cmax, c);
          }
        }
      }
      a->ck[k] = cmax;
    }
  }
  return bad ? -1 : 0;
}

/* Offset of cell 0 of row l in the row layout and of cell 0 in the interleaved one. */
static inline size_t rowoff(int nx, int l) { return (size_t)l * (size_t)(nx + 2 * PPM_GHOST) + PPM_GHOST; }
static inline size_t iloff(int nx) { return (size_t)PPM_GHOST * (size_t)nx; }

/* Description of an x (dir 0) or y (dir 1) sweep of level k, one of nk sub-steps, from
 * the level air mass P->M, which it then advances: face masses f = F/nk, the face terms
 * of the upwind cell (ghost cells take the edge mass: zero gradient) and the new masses,
 * with the operations of ppm_sweep (hlevel_mass does the same). */
static void hdesc(const adv_ctx *a, pbuf *P, const sdesc *D, int dir, int k, int nk)
{
  const int nx = a->nx, ny = a->ny;
  if (dir == 0) {
    for (int l = 0; l < ny; l++) {
      size_t o = rowoff(nx, l);
      double *f = D->f + o, *hx = D->hx + o, *wx = D->wx + o, *m = D->m + o, *mn = D->mn + o;
      double *M = P->M + (size_t)l * (size_t)nx;
      for (int e = 0; e <= nx; e++) f[e] = a->fx[xidx(a, e, l, k)] / nk;
      for (int e = 0; e <= nx; e++)
        ppm_face_frac(f[e], M[e > 0 ? e - 1 : 0], M[e < nx ? e : nx - 1], &hx[e], &wx[e]);
      for (int e = 0; e < nx; e++) {
        m[e] = M[e];
        mn[e] = (M[e] + f[e]) - f[e + 1];
        M[e] = mn[e];
      }
    }
  } else {
    size_t o = iloff(nx), n2 = (size_t)nx * (size_t)ny;
    double *f = D->f + o, *hx = D->hx + o, *wx = D->wx + o, *m = D->m + o, *mn = D->mn + o;
    const double *fy = a->fy + yidx(a, 0, 0, k);
    for (size_t p = 0; p < n2 + (size_t)nx; p++) f[p] = fy[p] / nk;
    for (int j = 0; j <= ny; j++) {
      const double *Ml = P->M + (size_t)(j > 0 ? j - 1 : 0) * (size_t)nx;
      const double *Mh = P->M + (size_t)(j < ny ? j : ny - 1) * (size_t)nx;
      size_t pj = (size_t)j * (size_t)nx;
      for (int i = 0; i < nx; i++) ppm_face_frac(f[pj + i], Ml[i], Mh[i], &hx[pj + i], &wx[pj + i]);
    }
    for (size_t p = 0; p < n2; p++) {
      m[p] = P->M[p];
      mn[p] = (P->M[p] + f[p]) - f[p + (size_t)nx];
    }
    memcpy(P->M, mn, n2 * sizeof *mn);
  }
}

/* Ghost cells of a line with cell stride st in the buffer (see ghosts()). */
static inline void ghosts_q(double *q, size_t st, int n, int in_lo, int in_hi, const double *lo,
                            const double *hi)
{
  for (int d = 1; d <= PPM_GHOST; d++) {
    q[-(ptrdiff_t)(d * st)] = in_lo ? lo[d - 1] : q[0];
    q[(size_t)(n - 1 + d) * st] = in_hi ? hi[d - 1] : q[(size_t)(n - 1) * st];
  }
}

/* Ghost rows of nl interleaved lines of n cells (row stride st; see ghosts()): where the
 * lower face of line i brings air in (use_bc and flo[i] > 0), lower ghost d takes lo[d-1][i]
 * (lo == NULL: the value lov), else the edge cell; likewise the upper ghosts (fhi[i] < 0). */
static void ghost_rows(double *q, size_t st, int n, int nl, const double *flo,
                       const double *fhi, int use_bc, const double *const *lo,
                       const double *const *hi, double lov, double hiv)
{
  const double *q0 = q, *qe = q + (size_t)(n - 1) * st;
  for (int d = 1; d <= PPM_GHOST; d++) {
    double *gl = q - (ptrdiff_t)((size_t)d * st), *gh = q + (size_t)(n - 1 + d) * st;
    const double *rl = lo ? lo[d - 1] : NULL, *rh = hi ? hi[d - 1] : NULL;
    for (int i = 0; i < nl; i++) {
      int in_lo = use_bc && flo[i] > 0.0, in_hi = use_bc && fhi[i] < 0.0;
      gl[i] = in_lo ? (rl ? rl[i] : lov) : q0[i];
      gh[i] = in_hi ? (rh ? rh[i] : hiv) : qe[i];
    }
  }
}

/* One species (c, level k) through the sweep hdesc described. side[0..3]: W, E, S, N
 * inflow, accumulated line by line in order. */
static void hsweep(const adv_ctx *a, pbuf *P, const sdesc *D, double *c, int dir, int k, int use_bc, double bcv,
                   double *side)
{
  const tf_grid *g = a->g;
  const int nx = a->nx, ny = a->ny;
  double blo[PPM_GHOST], bhi[PPM_GHOST];
  if (dir == 0) {
    for (int l = 0; l < ny; l++) {
      size_t o = rowoff(nx, l), base = grid_idx3(g, 0, l, k);
      double *q = P->q + o, *gg = P->g + o;
      const double *f = D->f + o;
      memcpy(q, c + base, (size_t)nx * sizeof *q);
      line_bc(a, c, base, 1, nx, bcv, blo, bhi);
      ghosts_q(q, 1, nx, use_bc && f[0] > 0.0, use_bc && f[nx] < 0.0, blo, bhi);
      ppm_lines(nx, 1, q, D->m + o, f, D->hx + o, D->wx + o, D->mn + o, NULL, c + base, 1, gg,
                P->work);
      side[0] += gg[0];
      side[1] -= gg[nx];
    }
  } else {
    size_t o = iloff(nx), st = (size_t)nx;
    double *q = P->q + o, *gg = P->g + o;
    const double *f = D->f + o;
    for (int j = 0; j < ny; j++)
      memcpy(q + (size_t)j * st, c + grid_idx3(g, 0, j, k), (size_t)nx * sizeof *q);
    /* boundary rows: the state's halo rows (line_bc: ghosts deeper than the halo repeat
     * the outermost halo row) or the profile value */
    const double *lo[PPM_GHOST], *hi[PPM_GHOST];
    for (int d = 1; d <= PPM_GHOST; d++) {
      int dd = d < g->halo ? d : g->halo;
      lo[d - 1] = c + grid_idx3(g, 0, -dd, k);
      hi[d - 1] = c + grid_idx3(g, 0, ny - 1 + dd, k);
    }
    ghost_rows(q, st, ny, nx, f, f + (size_t)ny * st, use_bc, a->bc_halo ? lo : NULL,
               a->bc_halo ? hi : NULL, bcv, bcv);
    ppm_lines((long)ny * nx, nx, q, D->m + o, f, D->hx + o, D->wx + o, D->mn + o, NULL,
              c + grid_idx3(g, 0, 0, k), g->sx, gg, P->work);
    for (int i = 0; i < nx; i++) {
      side[2] += gg[i];
      side[3] -= gg[(size_t)ny * st + (size_t)i];
    }
  }
}

/* Horizontal transport of every species: level k makes a->nk[k] sub-steps of an x and a y
 * sweep (order alternating, starting with `first`). A task is a level and a group of
 * species: it advances the level's air mass sweep by sweep (exactly the masses plan_h
 * computed), describes each sweep once and applies it to every species of the group. The
 * arithmetic per species does not depend on the grouping, so neither do the results.
 * part[4(s nz + k) .. +3]: W, E, S, N inflow of species s through level k. */
static int sweep_hz(adv_ctx *a, tf_state *st, const double *bc, int first, tf_err *err)
{
  const int nz = a->nz, nspec = a->nspec;
  const size_t n2 = (size_t)a->nx * (size_t)a->ny;
  const int use_bc = bc != NULL || a->bc_halo;
  /* enough tasks to balance levels of different sub-step counts over the threads */
  int nthr = adv_threads(), ngrp = 1;
  if (nthr > 1) {
    ngrp = (4 * nthr + nz - 1) / nz;
    if (ngrp < 2) ngrp = 2;
    if (ngrp > nspec) ngrp = nspec;
  }
  const long ntask = (long)nz * ngrp;
  if (pbufs_ensure(a, err)) return err->code;
#pragma omp parallel
  {
    pbuf *P = &a->pb[adv_thread()];
#pragma omp for schedule(dynamic, 1)
    for (long t = 0; t < ntask; t++) {
      int k = (int)(t / ngrp), grp = (int)(t % ngrp), nk = a->nk[k];
      int s0 = (int)((long)grp * nspec / ngrp), s1 = (int)((long)(grp + 1) * nspec / ngrp);
      memcpy(P->M, a->ma + (size_t)k * n2, n2 * sizeof *P->M);
      for (int s = s0; s < s1; s++)
        for (int q = 0; q < 4; q++) a->part[4 * ((size_t)s * nz + k) + q] = 0.0;
      for (int sub = 0; sub < nk; sub++) {
        int yfirst = (first + sub) & 1;
        /* both sweeps of the sub-step described first, then each species makes both while
         * its plane is in cache (one pass over the state per sub-step, not two) */
        for (int d = 0; d < 2; d++) hdesc(a, P, &P->d[d], d ^ yfirst, k, nk);
        for (int s = s0; s < s1; s++)
          for (int d = 0; d < 2; d++)
            hsweep(a, P, &P->d[d], state_spec(st, s), d ^ yfirst /* 0 = x, 1 = y */, k, use_bc,
                   bc ? bc[(size_t)s * nz + k] : 0.0, a->part + 4 * ((size_t)s * nz + k));
      }
    }
  }
  return TF_OK;
}

/* Vertical pre-pass: passes per column and the column masses after the sweep. */
static int prepass_v(adv_ctx *a, double cmax_v, int *nvmax, double *air_top)
{
  const size_t n2 = (size_t)a->nx * (size_t)a->ny;
  const int nz = a->nz;
  int bad = 0, vmax = 1;
  double top = 0.0;
#pragma omp parallel for reduction(max : vmax, bad) schedule(static)
  for (int j = 0; j < a->ny; j++)
    for (int i = 0; i < a->nx; i++) {
      size_t c2 = (size_t)j * (size_t)a->nx + (size_t)i;
      double need = 0.0;
      for (int k = 0; k < nz; k++) {
        size_t c = cidx(a, i, j, k);
        double wb = a->w[(size_t)k * n2 + c2], wt = a->w[(size_t)(k + 1) * n2 + c2];
        double mend = (a->ma[c] + wb) - wt;
        double mmin = fmin_c(a->ma[c], mend);
        if (!(mmin > 0.0)) { bad = 1; mmin = 1e-300; }
        need = fmax_c(need, (fmax_c(0.0, wt) + fmax_c(0.0, -wb)) / (cmax_v * mmin));
      }
      int nv = need > 1.0 ? (int)ceil(need) : 1;
      if (nv > ADV_MAX_VPASS) { bad = 1; nv = ADV_MAX_VPASS; }
      a->nv[c2] = nv;
      if (nv > vmax) vmax = nv;
      for (int k = 0; k < nz; k++) a->mb[cidx(a, i, j, k)] = a->ma[cidx(a, i, j, k)];
      for (int p = 0; p < nv; p++)
        for (int k = 0; k < nz; k++) {
          size_t c = cidx(a, i, j, k);
          double fb = a->w[(size_t)k * n2 + c2] / nv, ft = a->w[(size_t)(k + 1) * n2 + c2] / nv;
          a->mb[c] = (a->mb[c] + fb) - ft;
        }
    }
  /* top air in fixed order */
  for (size_t c2 = 0; c2 < n2; c2++) top -= a->w[(size_t)nz * n2 + c2];
  *nvmax = vmax;
  *air_top = top;
  return bad;
}

/* Vertical sweep of one column (i,j) of species c in nv > 1 passes (rare: a column whose
 * vertical Courant number exceeds ADV_CMAX), each a ppm_sweep_w on the current layer
 * masses. L->m0 holds the column's air mass with ghosts, L->f the face masses W/nv.
 * Returns the tracer that entered through the lid (ppb kg). */
static double vcolumn_passes(const adv_ctx *a, lines *L, double *c, size_t base, int nv,
                             int use_bc, double btop)
{
  const int nz = a->nz;
  const size_t n2g = a->g->n2;
  const double zero[PPM_GHOST] = {0.0, 0.0, 0.0};
  const double bctop[PPM_GHOST] = {btop, btop, btop};
  double top = 0.0;
  for (int k = 0; k < nz; k++) {
    L->q[k] = c[base + (size_t)k * n2g];
    L->m[k] = L->m0[k];
  }
  for (int p = 0; p < nv; p++) {
    /* the surface face has no flux; only the lid can bring bc air in */
    ghosts(L, nz, use_bc, zero, bctop);
    /* stretched layers: CW84 non-uniform reconstruction in the air-mass coordinate */
    ppm_sweep_w(nz, L->q, L->m, L->f, L->m, L->qn, L->g, L->mn, L->work);
    for (int k = 0; k < nz; k++) {
      L->q[k] = L->qn[k];
      L->m[k] = L->mn[k];
    }
    top -= L->g[nz];
  }
  for (int k = 0; k < nz; k++) c[base + (size_t)k * n2g] = L->q[k];
  return top;
}

/* Vertical transport of every species. One task per row j: the layers of the row's nx
 * columns are interleaved (layer k of column i at k nx + i), so one ppm_lines call sweeps
 * all columns of a species at once in CW84's non-uniform form (widths = layer air mass,
 * coefficients computed once per row for all species); columns needing nv > 1 passes are
 * redone one by one (vcolumn_passes). part[s*ny + j] sums the lid inflow over i in order
 * (deterministic). */
static int sweep_v(adv_ctx *a, tf_state *st, const double *bc, int planned, int *nvmax,
                   double *air_top, tf_err *err)
{
  if (!planned && prepass_v(a, ADV_CMAX, nvmax, air_top))
    return tf_err_set(err, TF_ENUMERIC, "adv_step: vertical mass flux from continuity empties a "
                      "layer or needs > %d passes (met mu and winds inconsistent?)", ADV_MAX_VPASS);
  const tf_grid *g = a->g;
  const int nz = a->nz, ny = a->ny, nx = a->nx;
  const size_t n2 = (size_t)nx * (size_t)ny, st_k = (size_t)nx;
  const long np = (long)nz * nx;
  const int nspec = a->nspec, use_bc = bc != NULL;
  if (pbufs_ensure(a, err)) return err->code;
#pragma omp parallel
  {
    pbuf *P = &a->pb[adv_thread()];
    lines *L = &P->L;
    double *top = P->top;
#pragma omp for schedule(static)
    for (int j = 0; j < ny; j++) {
      const size_t o = iloff(nx);
      double *m = P->m + o, *f = P->f + o, *hx = P->hx + o, *wx = P->wx + o, *mn = P->mn + o;
      double *q = P->q + o, *qn = P->qn + o, *gg = P->g + o;
      const int *nv = a->nv + (size_t)j * (size_t)nx;
      int all1 = 1;
      for (int i = 0; i < nx; i++) all1 &= nv[i] == 1;
      /* description: layer masses with zero-gradient ghosts, W / nv, face terms, new mass */
      for (int k = 0; k < nz; k++) memcpy(m + (size_t)k * st_k, a->ma + (size_t)k * n2 + (size_t)j * st_k, st_k * sizeof *m);
      for (int d = 1; d <= PPM_GHOST; d++) {
        memcpy(m - (size_t)d * st_k, m, st_k * sizeof *m);
        memcpy(m + (size_t)(nz - 1 + d) * st_k, m + (size_t)(nz - 1) * st_k, st_k * sizeof *m);
      }
      for (int k = 0; k <= nz; k++)
        for (int i = 0; i < nx; i++)
          f[(size_t)k * st_k + (size_t)i] = a->w[(size_t)k * n2 + (size_t)j * st_k + (size_t)i] / nv[i];
      for (long p = 0; p < np + nx; p++) ppm_face_frac(f[p], m[p - nx], m[p], &hx[p], &wx[p]);
      for (long p = 0; p < np; p++) mn[p] = (m[p] + f[p]) - f[p + nx];
      ppm_coef_lines(np, nx, m, P->coef);
      for (int s = 0; s < nspec; s++) {
        double *c = state_spec(st, s);
        double btop = bc ? bc[(size_t)s * nz + nz - 1] : 0.0;
        for (int k = 0; k < nz; k++)
          memcpy(q + (size_t)k * st_k, c + grid_idx3(g, 0, j, k), st_k * sizeof *q);
        /* the surface face has no flux; only the lid can bring bc air in */
        ghost_rows(q, st_k, nz, nx, f, f + (size_t)nz * st_k, use_bc, NULL, NULL, 0.0, btop);
        /* every column in one pass: straight into the state; else via qn */
        if (all1)
          ppm_lines(np, nx, q, m, f, hx, wx, mn, P->coef, c + grid_idx3(g, 0, j, 0), (long)g->n2,
                    gg, P->work);
        else
          ppm_lines(np, nx, q, m, f, hx, wx, mn, P->coef, qn, nx, gg, P->work);
        if (all1) {
          for (int i = 0; i < nx; i++) {
            top[i] = 0.0;
            top[i] -= gg[(size_t)nz * st_k + (size_t)i];
          }
        } else {
          for (int i = 0; i < nx; i++) {
            if (nv[i] == 1) {
              for (int k = 0; k < nz; k++) c[grid_idx3(g, i, j, k)] = qn[(size_t)k * st_k + (size_t)i];
              top[i] = 0.0;
              top[i] -= gg[(size_t)nz * st_k + (size_t)i];
            } else {
              for (int k = -PPM_GHOST; k < nz + PPM_GHOST; k++) L->m0[k] = m[(ptrdiff_t)k * nx + i];
              for (int k = 0; k <= nz; k++) L->f[k] = f[(size_t)k * st_k + (size_t)i];
              top[i] = vcolumn_passes(a, L, c, grid_idx3(g, i, j, 0), nv[i], use_bc, btop);
            }
          }
        }
        double sum = 0.0;
        for (int i = 0; i < nx; i++) sum += top[i];
        a->part[(size_t)s * ny + j] = sum;
      }
    }
  }
  return TF_OK;
}

/* Species-independent set-up of sub-step `sub` of nsub: air masses at both ends, face
 * fluxes and W. */
static int substep_setup(adv_ctx *a, const tf_met *m0, const tf_met *m1, double dt_s, int nsub,
                         int sub, tf_err *err)
{
  double ta = (double)sub / nsub, tb = (double)(sub + 1) / nsub, tm = (sub + 0.5) / nsub;
  if (!(air_mass(a, m0, m1, ta, a->ma) > 0.0) || !(air_mass(a, m0, m1, tb, a->ab) > 0.0))
    return tf_err_set(err, TF_EINVAL, "adv_step: met mu_pa gives a non-positive air mass");
  substep_fluxes(a, m0, m1, tm, dt_s / nsub);
  return TF_OK;
}

/* Check (air mass only, no species) that the whole step with nsub outer sub-steps is
 * feasible: per-level horizontal sub-steps exist (plan_h) and no layer empties in the
 * vertical sweep. Dimension splitting changes the mass later sweeps see, so the a-priori
 * Courant estimate alone cannot guarantee this. Returns 0 ok, 1 too long, -1 error. */
static int step_too_long(adv_ctx *a, const tf_met *m0, const tf_met *m1, double dt_s, int nsub,
                         tf_err *err)
{
  int parity = a->parity;
  a->dry1 = 0;
  for (int sub = 0; sub < nsub; sub++) {
    if (substep_setup(a, m0, m1, dt_s, nsub, sub, err)) return -1;
    for (int d = 0; d < 2; d++) {
      int nvmax = 1;
      double air_top = 0.0;
      int horizontal = (d == 0) == (parity == 0); /* parity 0: H then Z; 1: Z then H */
      if (horizontal ? plan_h(a, parity, 1.0 / nsub) : prepass_v(a, ADV_CMAX, &nvmax, &air_top))
        return 1;
      if (!horizontal) { a->dry_nvmax = nvmax; a->dry_air_top = air_top; }
      double *tmp = a->ma;
      if (nsub == 1 && d == 0) {
        /* one step: keep the start masses (mc), the stage goes on from the mid masses */
        a->ma = a->mb; a->mb = a->mc; a->mc = tmp;
      } else {
        a->ma = a->mb; a->mb = tmp;
      }
    }
    parity ^= 1;
  }
  /* one step: mc = start, mb = after the first stage, ma = after both; nk, nv, the face
   * fluxes and W are those of this step, so adv_step reuses them instead of recomputing
   * the same numbers */
  a->dry1 = nsub == 1;
  return 0;
}

int adv_step(adv_ctx *a, tf_state *st, const tf_met *m0, const tf_met *m1, double dt_s,
             const double *bc_ppb, adv_budget *budget, tf_err *err)
{
  if (!a || !st || !m0 || !m1 || !(dt_s > 0.0) || st->nspec != a->nspec || st->g->n3 != a->g->n3)
    return tf_err_set(err, TF_EINVAL, "adv_step: expected dt_s > 0 and a state of %d species on "
                      "the advection grid; found dt_s=%g, nspec=%d", a ? a->nspec : -1, dt_s,
                      st ? st->nspec : -1);
  if (budget && budget->nspec != a->nspec)
    return tf_err_set(err, TF_EINVAL, "adv_step: budget for %d species, state has %d",
                      budget->nspec, a->nspec);
  if (pbufs_ensure(a, err)) return err->code;
  if (level_courant(a, m0, m1, dt_s))
    return tf_err_set(err, TF_EINVAL, "adv_step: non-finite or non-positive air mass/winds in met");
  /* Normally one outer step (levels sub-step their horizontal sweeps on their own, columns
   * their vertical sweep); halve it only if the air-mass dry run finds an emptying cell. */
  int nsub = 1;
  for (int tries = 0;; tries++) {
    int r = step_too_long(a, m0, m1, dt_s, nsub, err);
    if (r < 0) return err->code;
    if (r == 0) break;
    if (tries == 6)
      return tf_err_set(err, TF_ENUMERIC, "adv_step: even %d sub-steps of %.4g s leave a sweep "
                        "emptying a cell (met mu and winds inconsistent?)", nsub, dt_s / nsub);
    nsub *= 2;
  }
  const int nspec = a->nspec, nz = a->nz;
  int nvmax_all = 1, nkmax = 1;
  long nksum = 0;
  const int reuse = a->dry1;
  double *mend = NULL; /* the masses after the step, when the dry run computed them */
  if (reuse) {
    double *start = a->mc, *mid = a->mb;
    mend = a->ma;
    a->ma = start; a->mb = mid; a->mc = mend;
  }
  for (int sub = 0; sub < nsub; sub++) {
    int rc = reuse ? TF_OK : substep_setup(a, m0, m1, dt_s, nsub, sub, err);
    if (rc) return rc;
    const int first = a->parity;
    a->parity ^= 1;
    for (int d = 0; d < 2; d++) {
      int nvmax = 1;
      double air_top = 0.0;
      int horizontal = (d == 0) == (first == 0);
      if (reuse && d == 1) { /* the second stage ends at the dry run's final masses */
        double *spare = a->mb;
        a->mb = mend; a->mc = spare;
      }
      if (horizontal) {
        if (!reuse && plan_h(a, first, 1.0 / nsub))
          return tf_err_set(err, TF_EINTERNAL, "adv_step: horizontal plan failed after the dry run");
        rc = sweep_hz(a, st, bc_ppb, first, err);
        for (int k = 0; k < nz; k++) {
          if (a->nk[k] > nkmax) nkmax = a->nk[k];
          nksum += a->nk[k];
        }
      } else {
        if (reuse) { nvmax = a->dry_nvmax; air_top = a->dry_air_top; }
        rc = sweep_v(a, st, bc_ppb, reuse, &nvmax, &air_top, err);
      }
      if (rc) return rc;
      if (nvmax > nvmax_all) nvmax_all = nvmax;
      if (budget) {
        /* fixed-order reduction of the per-task partial sums */
        for (int s = 0; s < nspec; s++) {
          double *in = budget->in_mol + (size_t)s * ADV_NSIDE;
          if (horizontal) {
            for (int k = 0; k < nz; k++) {
              const double *p = a->part + 4 * ((size_t)s * nz + k);
              in[ADV_WEST] += p[0] * PPBKG_TO_MOL;
              in[ADV_EAST] += p[1] * PPBKG_TO_MOL;
              in[ADV_SOUTH] += p[2] * PPBKG_TO_MOL;
              in[ADV_NORTH] += p[3] * PPBKG_TO_MOL;
            }
          } else {
            for (int j = 0; j < a->ny; j++) in[ADV_TOP] += a->part[(size_t)s * a->ny + j] * PPBKG_TO_MOL;
          }
        }
        budget->air_in_top_kg += air_top;
      }
      double *tmp = a->ma; a->ma = a->mb; a->mb = tmp;
    }
  }
  if (budget) {
    budget->nsub_h = nsub * nkmax;
    budget->nsub_h_mean = (double)nksum / nz;
    budget->nsub_v_max = nvmax_all;
  }
  return TF_OK;
}

int adv_get_parity(const adv_ctx *a) { return a->parity; }
void adv_set_parity(adv_ctx *a, int parity) { a->parity = parity & 1; }
