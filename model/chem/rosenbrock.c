/* rosenbrock.c — Rosenbrock integration of a compiled mechanism over batches of cells.
 *
 * Method: s-stage Rosenbrock schemes in the formulation of KPP's int/rosenbrock.f90
 * (Sandu et al. 1997, Atmos. Environ. 31, 3459; Hairer & Wanner 1996, "Solving ODEs
 * II", sect. IV.7), autonomous form:
 *     G = 1/(h gamma_1) I - J(y_n)
 *     G K_i = f(y_n + sum_{j<i} A_ij K_j) + sum_{j<i} (C_ij / h) K_j
 *     y_{n+1} = y_n + sum M_i K_i,   err = sum E_i K_i
 * with the coefficient sets Ros2 (Verwer et al. 1999), Ros3 and Rodas3 (Sandu et al.
 * 1997) and Rodas4 (Hairer & Wanner 1996) exactly as KPP tabulates them. Error norm and
 * step-size control are KPP's: err = RMS_i(err_i / (atol_i + rtol_i max|y_i|)),
 * h_new = h * min(FacMax, max(FacMin, FacSafe / err^(1/ELO))), a step following a
 * rejection may not grow, two rejections in a row shrink by FacRej.
 *
 * Batching: up to opts.batch cells are integrated together, stored [item][lane] so every
 * kernel loop runs over lanes with unit stride and vectorises. Each lane has its own
 * time, step size, error test and acceptance, so a cell's trajectory is exactly what it
 * would be alone (batch invariance is exact). Lanes that finish are written back and the
 * remaining lanes are compacted to the front, so no work is spent on finished cells.
 * Negative concentrations after an accepted step are set to zero and counted (KPP's
 * vectorised Rosenbrock does Y = MAX(Ynew, 0) likewise).
 *
 * Stages: integrate_batch runs batch_gather (cells to lanes, atol, first trial steps),
 * chem_k_rates, then per sweep batch_limit_steps, f(y), batch_estimate_h0 (first sweep),
 * batch_decompose (ros_matrix with the singular-matrix retries), ros_stages (stage_sum
 * for the stage argument, f, stage_sum for the right-hand side, stage solve),
 * ros_combine (new solution and error norm), batch_accept (ros_step_factor),
 * batch_update (clip) and batch_retire (write back, compact), all inlined into it. The
 * numerical stages are also exported through one-line wrappers (chem_ros_matrix,
 * chem_ros_stage_state, chem_ros_stage_rhs, chem_ros_stages, chem_ros_combine,
 * chem_ros_step_factor; chem_impl.h) and tested on their own
 * (tests/model/chem/test_chem_ros_stages.c). */
#include "model/chem/rosenbrock.h"

#include "model/chem/chem_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef _OPENMP
#include <omp.h>
#endif

/* Coefficients: KPP int/rosenbrock.f90 subroutines Ros2, Ros3, Rodas3, Rodas4. */
#define G2 (1.0 + 1.0 / 1.41421356237309504880)
static const chem_ros_method methods[CHEM_NMETHODS] = {
    [CHEM_ROS2] = {.name = "ros2", .order = 2, .s = 2,
                   .A = {1.0 / G2}, .C = {-2.0 / G2},
                   .M = {3.0 / (2.0 * G2), 1.0 / (2.0 * G2)}, .E = {1.0 / (2.0 * G2), 1.0 / (2.0 * G2)},
                   .gamma1 = G2, .elo = 2.0, .newf = {1, 1}},
    [CHEM_ROS3] = {.name = "ros3", .order = 3, .s = 3,
                   .A = {1.0, 1.0, 0.0},
                   .C = {-0.10156171083877702091975600115545e+01, 0.40759956452537699824805835358067e+01,
                    0.92076794298330791242156818474003e+01},
                   .M = {0.1e+01, 0.61697947043828245592553615689730e+01,
                    -0.42772256543218573326238373806514e+00},
                   .E = {0.5e+00, -0.29079558716805469821718236208017e+01,
                    0.22354069897811569627360909276199e+00},
                   .gamma1 = 0.43586652150845899941601945119356e+00, .elo = 3.0, .newf = {1, 1, 0}},
    [CHEM_RODAS3] = {.name = "rodas3", .order = 3, .s = 4,
                     .A = {0.0, 2.0, 0.0, 2.0, 0.0, 1.0},
                     .C = {4.0, 1.0, -1.0, 1.0, -1.0, -(8.0 / 3.0)},
                     .M = {2.0, 0.0, 1.0, 1.0}, .E = {0.0, 0.0, 0.0, 1.0},
                     .gamma1 = 0.5, .elo = 3.0, .newf = {1, 0, 1, 1}},
    [CHEM_RODAS4] = {.name = "rodas4", .order = 4, .s = 6,
                     .A = {0.1544000000000000e+01, 0.9466785280815826e+00, 0.2557011698983284e+00,
                      0.3314825187068521e+01, 0.2896124015972201e+01, 0.9986419139977817e+00,
                      0.1221224509226641e+01, 0.6019134481288629e+01, 0.1253708332932087e+02,
                      -0.6878860361058950e+00, 0.1221224509226641e+01, 0.6019134481288629e+01,
                      0.1253708332932087e+02, -0.6878860361058950e+00, 1.0},
                     .C = {-0.5668800000000000e+01, -0.2430093356833875e+01, -0.2063599157091915e+00,
                      -0.1073529058151375e+00, -0.9594562251023355e+01, -0.2047028614809616e+02,
                      0.7496443313967647e+01, -0.1024680431464352e+02, -0.3399990352819905e+02,
                      0.1170890893206160e+02, 0.8083246795921522e+01, -0.7981132988064893e+01,
                      -0.3152159432874371e+02, 0.1631930543123136e+02, -0.6058818238834054e+01},
                     .M = {0.1221224509226641e+01, 0.6019134481288629e+01, 0.1253708332932087e+02,
                           -0.6878860361058950e+00, 1.0, 1.0},
                     .E = {0.0, 0.0, 0.0, 0.0, 0.0, 1.0},
                     .gamma1 = 0.25, .elo = 4.0, .newf = {1, 1, 1, 1, 1, 1}},
};

const char *chem_method_name(int method)
{
  return method >= 0 && method < CHEM_NMETHODS ? methods[method].name : "?";
}

int chem_method_lookup(const char *name)
{
  for (int i = 0; i < CHEM_NMETHODS; i++)
    if (strcasecmp(name, methods[i].name) == 0) return i;
  return -1;
}

const chem_ros_method *chem_ros_method_coeffs(int method)
{
  return method >= 0 && method < CHEM_NMETHODS ? &methods[method] : NULL;
}

int chem_method_order(int method)
{
  return method >= 0 && method < CHEM_NMETHODS ? methods[method].order : 0;
}

void chem_opts_default(chem_opts *o)
{
  memset(o, 0, sizeof *o);
  o->method = CHEM_RODAS3;
  o->rtol = 1e-3;
  o->atol = 1.0;
  o->max_steps = 100000;
  /* KPP rosenbrock.f90 defaults */
  o->fac_min = 0.2;
  o->fac_max = 6.0;
  o->fac_safe = 0.9;
  o->fac_rej = 0.1;
  o->batch = 64;
}

void chem_stats_add(chem_stats *a, const chem_stats *b)
{
  a->nstep += b->nstep;
  a->naccept += b->naccept;
  a->nreject += b->nreject;
  a->nfun += b->nfun;
  a->njac += b->njac;
  a->ndecomp += b->ndecomp;
  a->nsolve += b->nsolve;
  a->nsing += b->nsing;
  a->nclip += b->nclip;
}

struct chem_solver {
  const chem_mech *m;
  chem_opts o;
  double *atol_v, *rtol_v; /* [nvar] internal order */
};

chem_solver *chem_solver_create(const chem_mech *m, const chem_opts *o, tf_err *err)
{
  if (o->method < 0 || o->method >= CHEM_NMETHODS) {
    tf_err_set(err, TF_EINVAL, "chemistry: unknown Rosenbrock method %d (expected 0..%d)", o->method,
               CHEM_NMETHODS - 1);
    return NULL;
  }
  if (!o->fixed_step && (!(o->rtol > 0) || !(o->atol > 0))) {
    tf_err_set(err, TF_EINVAL, "chemistry: rtol and atol must be > 0 (found %g, %g)", o->rtol, o->atol);
    return NULL;
  }
  if (o->hmin < 0 || o->hmax < 0 || o->hstart < 0) {
    tf_err_set(err, TF_EINVAL, "chemistry: hmin/hmax/hstart must be >= 0");
    return NULL;
  }
  if (o->fixed_step && !(o->hstart > 0)) {
    tf_err_set(err, TF_EINVAL, "chemistry: fixed_step needs hstart > 0");
    return NULL;
  }
  if (!(o->fac_min > 0) || !(o->fac_max >= 1) || !(o->fac_safe > 0) || !(o->fac_rej > 0)) {
    tf_err_set(err, TF_EINVAL, "chemistry: fac_min, fac_safe, fac_rej must be > 0 and fac_max >= 1");
    return NULL;
  }
  if (o->batch < 1 || o->batch > 256) {
    tf_err_set(err, TF_EINVAL, "chemistry: batch must be 1..256 (found %d)", o->batch);
    return NULL;
  }
  if (o->max_steps < 1) {
    tf_err_set(err, TF_EINVAL, "chemistry: max_steps must be >= 1");
    return NULL;
  }
  chem_solver *s = tf_calloc(1, sizeof *s, err);
  if (!s) return NULL;
  s->m = m;
  s->o = *o;
  s->o.atol_spec = s->o.rtol_spec = NULL;
  s->atol_v = tf_calloc((size_t)m->nvar, sizeof *s->atol_v, err);
  s->rtol_v = tf_calloc((size_t)m->nvar, sizeof *s->rtol_v, err);
  if (!s->atol_v || !s->rtol_v) {
    chem_solver_destroy(&s);
    return NULL;
  }
  for (int v = 0; v < m->nvar; v++) {
    int sp = m->spec_of_var[v];
    s->atol_v[v] = o->atol_spec ? o->atol_spec[sp] : o->atol;
    s->rtol_v[v] = o->rtol_spec ? o->rtol_spec[sp] : o->rtol;
    if (!o->fixed_step && (!(s->atol_v[v] > 0) || !(s->rtol_v[v] > 0))) {
      tf_err_set(err, TF_EINVAL, "chemistry: tolerance of species %s must be > 0", m->name[sp]);
      chem_solver_destroy(&s);
      return NULL;
    }
  }
  return s;
}

void chem_solver_destroy(chem_solver **sp)
{
  if (!sp || !*sp) return;
  free((*sp)->atol_v);
  free((*sp)->rtol_v);
  free(*sp);
  *sp = NULL;
}

/* ------------------------------------------------------------ workspace */

enum { LANE_RUN = 0, LANE_DONE = 1, LANE_FAIL = 2 };

int chem_ros_ws_alloc(chem_ros_ws *w, const chem_mech *m, int ld)
{
  size_t nv = (size_t)m->nvar, L = (size_t)ld;
  size_t tot = L * (nv * (4 + 6 + 1 + 1) + (size_t)m->lu_nnz + 2 * (size_t)m->nreact +
                    (size_t)m->nfix + (size_t)m->max_stack + (size_t)m->nq + 5);
  w->mem = malloc(tot * sizeof(double));
  w->imem = malloc(6 * L * sizeof(int));
  if (!w->mem || !w->imem) {
    free(w->mem);
    free(w->imem);
    return TF_ENOMEM;
  }
  w->ld = ld;
  double *p = w->mem;
  w->y = p; p += nv * L;
  w->ynew = p; p += nv * L;
  w->fcn0 = p; p += nv * L;
  w->fcn = p; p += nv * L;
  w->K = p; p += 6 * nv * L;
  w->atol = p; p += nv * L;
  w->inv = p; p += nv * L;
  w->G = p; p += (size_t)m->lu_nnz * L;
  w->k = p; p += (size_t)m->nreact * L;
  w->rate = p; p += (size_t)m->nreact * L;
  w->fix = p; p += (size_t)m->nfix * L;
  w->stack = p; p += (size_t)m->max_stack * L;
  w->dq = p; p += (size_t)m->nq * L;
  w->t = p; p += L;
  w->h = p; p += L;
  w->err = p; p += L;
  w->hwant = p; p += L;
  w->hinv = p; p += L;
  int *q = w->imem;
  w->cell = q; q += L;
  w->rejlast = q; q += L;
  w->rejmore = q; q += L;
  w->nstep = q; q += L;
  w->sing = q; q += L;
  w->state = q;
  return TF_OK;
}

void chem_ros_ws_free(chem_ros_ws *w)
{
  free(w->mem);
  free(w->imem);
}

/* Move lane src to lane dst in every per-lane array that persists across steps. */
static void move_lane(chem_ros_ws *w, const chem_mech *m, int dst, int src)
{
  size_t L = (size_t)w->ld;
  for (int v = 0; v < m->nvar; v++) {
    w->y[v * L + dst] = w->y[v * L + src];
    w->atol[v * L + dst] = w->atol[v * L + src];
  }
  for (int r = 0; r < m->nreact; r++) w->k[r * L + dst] = w->k[r * L + src];
  w->t[dst] = w->t[src];
  w->h[dst] = w->h[src];
  w->cell[dst] = w->cell[src];
  w->rejlast[dst] = w->rejlast[src];
  w->rejmore[dst] = w->rejmore[src];
  w->nstep[dst] = w->nstep[src];
  w->state[dst] = w->state[src];
}

/* ------------------------------------------------------------ step stages */

/* Every stage is an always-inlined static function, inlined into integrate_batch so its
 * lane loops are compiled into both CHEM_HOT clones (as when they were one function);
 * the chem_ros_* functions of chem_impl.h are one-line wrappers for the tests. */
#if defined(__GNUC__)
#define BATCH_STAGE static inline __attribute__((always_inline))
#else
#define BATCH_STAGE static inline
#endif

BATCH_STAGE int ros_matrix(const chem_mech *m, double gamma1, int n, int ld, const double *k,
                           const double *y, const double *h, double *dq, double *G, double *inv,
                           int *sing, double *diag)
{
  chem_k_jac(m, n, ld, k, y, dq, G, -1.0);
  for (int c = 0; c < n; c++) diag[c] = 1.0 / (h[c] * gamma1);
  for (int i = 0; i < m->nvar; i++) {
    double *g = G + (size_t)m->lu_diag[i] * ld;
    for (int c = 0; c < n; c++) g[c] += diag[c];
  }
  return chem_k_decomp(m, n, ld, G, inv, sing);
}

CHEM_HOT int chem_ros_matrix(const chem_mech *m, double gamma1, int n, int ld, const double *k,
                             const double *y, const double *h, double *dq, double *G, double *inv,
                             int *sing, double *diag)
{
  return ros_matrix(m, gamma1, n, ld, k, y, h, dq, G, inv, sing, diag);
}

/* out = base + sum_{j<si} coef_ij K_j, or with hinv sum_{j<si} coef_ij hinv[c] K_j (the
 * one loop of chem_ros_stage_state and chem_ros_stage_rhs; inlined, hinv a constant). */
BATCH_STAGE void stage_sum(const double *coef, int si, int nv, int n, int ld, const double *base,
                           const double *K, const double *hinv, double *out)
{
  const size_t L = (size_t)ld;
  for (int v = 0; v < nv; v++) {
    double *o = out + (size_t)v * L;
    const double *b = base + (size_t)v * L;
    for (int c = 0; c < n; c++) o[c] = b[c];
    for (int j = 0; j < si; j++) {
      double cf = coef[si * (si - 1) / 2 + j];
      if (cf == 0.0) continue;
      const double *Kj = K + ((size_t)j * nv + v) * L;
      if (hinv)
        for (int c = 0; c < n; c++) o[c] += cf * hinv[c] * Kj[c];
      else
        for (int c = 0; c < n; c++) o[c] += cf * Kj[c];
    }
  }
}

CHEM_HOT void chem_ros_stage_state(const chem_ros_method *R, int si, int nv, int n, int ld,
                                   const double *y, const double *K, double *ynew)
{
  stage_sum(R->A, si, nv, n, ld, y, K, NULL, ynew);
}

CHEM_HOT void chem_ros_stage_rhs(const chem_ros_method *R, int si, int nv, int n, int ld,
                                 const double *F, const double *K, const double *hinv, double *Ki)
{
  stage_sum(R->C, si, nv, n, ld, F, K, hinv, Ki);
}

BATCH_STAGE void ros_stages(const chem_mech *m, const chem_ros_method *R, chem_ros_ws *w, int n,
                            chem_stats *st)
{
  const int nv = m->nvar, L = w->ld;
  /* F is the latest function evaluation (a stage without a new evaluation re-uses the
   * previous one, as KPP's ros_NewF) */
  const double *F = w->fcn0;
  for (int c = 0; c < n; c++) w->hinv[c] = 1.0 / w->h[c];
  for (int si = 0; si < R->s; si++) {
    double *Ki = w->K + (size_t)si * nv * L;
    if (si > 0 && R->newf[si]) {
      stage_sum(R->A, si, nv, n, L, w->y, w->K, NULL, w->ynew);
      chem_k_fun(m, n, L, w->k, w->ynew, w->rate, w->fcn);
      st->nfun += n;
      F = w->fcn;
    }
    stage_sum(R->C, si, nv, n, L, F, w->K, w->hinv, Ki);
    chem_k_solve(m, n, L, w->G, w->inv, Ki);
    st->nsolve += n;
  }
}

CHEM_HOT void chem_ros_stages(const chem_mech *m, const chem_ros_method *R, chem_ros_ws *w, int n,
                              chem_stats *st)
{
  ros_stages(m, R, w, n, st);
}

BATCH_STAGE void ros_combine(const chem_ros_method *R, int nv, int n, int ld, const double *y,
                             const double *K, const double *atol, const double *rtol, double *ynew,
                             double *e, double *err2)
{
  const size_t L = (size_t)ld;
  for (int c = 0; c < n; c++) err2[c] = 0.0;
  for (int v = 0; v < nv; v++) {
    double *yn = ynew + (size_t)v * L, *ev = e + (size_t)v * L;
    const double *yv = y + (size_t)v * L, *at = atol + (size_t)v * L;
    const double rt = rtol[v];
    for (int c = 0; c < n; c++) {
      yn[c] = yv[c];
      ev[c] = 0.0;
    }
    for (int j = 0; j < R->s; j++) {
      const double *Kj = K + ((size_t)j * nv + v) * L;
      const double mj = R->M[j], ej = R->E[j];
      if (mj != 0.0)
        for (int c = 0; c < n; c++) yn[c] += mj * Kj[c];
      if (ej != 0.0)
        for (int c = 0; c < n; c++) ev[c] += ej * Kj[c];
    }
    for (int c = 0; c < n; c++) {
      double ay = fabs(yv[c]), ayn = fabs(yn[c]);
      double ymax = ay > ayn ? ay : ayn;
      double sc = ev[c] / (at[c] + rt * ymax);
      err2[c] += sc * sc;
    }
  }
}

CHEM_HOT void chem_ros_combine(const chem_ros_method *R, int nv, int n, int ld, const double *y,
                               const double *K, const double *atol, const double *rtol,
                               double *ynew, double *e, double *err2)
{
  ros_combine(R, nv, n, ld, y, K, atol, rtol, ynew, e, err2);
}

BATCH_STAGE double ros_step_factor(const chem_opts *o, double elo, double err)
{
  /* KPP: Fac = MIN(FacMax, MAX(FacMin, FacSafe/Err**(1/ELO))) */
  double fac = o->fac_safe / pow(err, 1.0 / elo);
  fac = fac < o->fac_min ? o->fac_min : fac;
  return fac > o->fac_max || !(err > 0) ? o->fac_max : fac;
}

double chem_ros_step_factor(const chem_opts *o, double elo, double err)
{
  return ros_step_factor(o, elo, err);
}

/* ------------------------------------------------------------ one batch */

/* The batch's first failure: TF_ENUMERIC, the cell and why (rc TF_OK while none). */
typedef struct batch_fail {
  int rc, cell;
  char why[256];
} batch_fail;

/* Lane c fails: marked LANE_FAIL, and recorded if it is the batch's first failure (or,
 * with lowest_cell, a lower cell than the one recorded). */
static void lane_fail(chem_ros_ws *w, int c, batch_fail *f, int lowest_cell, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static void lane_fail(chem_ros_ws *w, int c, batch_fail *f, int lowest_cell, const char *fmt, ...)
{
  w->state[c] = LANE_FAIL;
  if (f->rc != TF_OK && !(lowest_cell && w->cell[c] < f->cell)) return;
  f->rc = TF_ENUMERIC;
  f->cell = w->cell[c];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(f->why, sizeof f->why, fmt, ap);
  va_end(ap);
}

/* Step bounds of one call: hmin, hmax (<= dt), the first trial step h0 and, with fixed
 * steps, their number; estimate: first steps are estimated per lane from f(y0). */
typedef struct step_bounds {
  double hmin, hmax, h0;
  int nfixed, estimate;
} step_bounds;

static step_bounds batch_step_bounds(const chem_opts *o, double dt)
{
  step_bounds b = {.hmax = o->hmax > 0 ? fmin(o->hmax, dt) : dt, .hmin = o->hmin};
  if (o->fixed_step) {
    b.nfixed = (int)ceil(dt / o->hstart - 1e-9);
    if (b.nfixed < 1) b.nfixed = 1;
    b.h0 = dt / b.nfixed;
  } else {
    b.h0 = o->hstart > 0 ? o->hstart : 1e-5; /* KPP: Hstart = max(Hmin, DeltaMin=1e-5) */
    if (b.h0 < b.hmin) b.h0 = b.hmin;
    if (b.h0 > b.hmax) b.h0 = b.hmax;
  }
  /* without opts.hstart or a carried step, a lane's first step is estimated from its own
   * state (h < 0 marks it; see batch_estimate_h0) */
  b.estimate = !o->fixed_step && !(o->hstart > 0);
  return b;
}

/* Gather cells c0 .. c0+nb-1 into lanes 0..nb-1 (species-outer loops: unit stride in
 * conc and in the lanes), their atol, fixed species and first trial steps; lanes with
 * non-finite input fail. */
BATCH_STAGE void batch_gather(const chem_solver *s, chem_ros_ws *w, const double *conc, int n, int c0,
                         int nb, const chem_env *env, const step_bounds *b, batch_fail *f)
{
  const chem_mech *m = s->m;
  const chem_opts *o = &s->o;
  const int nv = m->nvar, L = w->ld;
  for (int c = 0; c < nb; c++) {
    w->cell[c] = c0 + c;
    w->t[c] = 0.0;
    w->rejlast[c] = w->rejmore[c] = 0;
    w->nstep[c] = 0;
    w->state[c] = LANE_RUN;
    w->err[c] = o->atol_mixing_ratio ? env->m_molec_cm3[c0 + c] : 1.0; /* atol scale */
  }
  for (int v = 0; v < nv; v++) {
    const double *src = conc + (size_t)m->spec_of_var[v] * n + c0;
    double *y = w->y + (size_t)v * L, *at = w->atol + (size_t)v * L;
    for (int c = 0; c < nb; c++) {
      y[c] = src[c];
      at[c] = s->atol_v[v] * w->err[c];
    }
  }
  for (int fx = 0; fx < m->nfix; fx++) {
    const double *src = conc + (size_t)m->spec_of_fix[fx] * n + c0;
    double *x = w->fix + (size_t)fx * L;
    for (int c = 0; c < nb; c++) x[c] = src[c];
  }
  for (int i = 0; i < m->nspec; i++) { /* fail fast on non-finite input */
    const double *src = conc + (size_t)i * n + c0;
    for (int c = 0; c < nb; c++)
      if (!isfinite(src[c]) && w->state[c] == LANE_RUN)
        lane_fail(w, c, f, 1, "input concentration of %s is %g", m->name[i], src[c]);
  }
  for (int c = 0; c < nb; c++) {
    w->h[c] = b->estimate ? -1.0 : b->h0;
    if (env->hnext_s && !o->fixed_step && env->hnext_s[w->cell[c]] > 0) { /* carried over */
      double hc = env->hnext_s[w->cell[c]];
      w->h[c] = hc < b->hmin ? b->hmin : hc > b->hmax ? b->hmax : hc;
    }
  }
}

/* Limit h to the end of the interval; lanes whose step is too small for the clock or
 * that used max_steps fail. */
BATCH_STAGE void batch_limit_steps(const chem_opts *o, chem_ros_ws *w, int na, double dt, batch_fail *f)
{
  for (int c = 0; c < na; c++) {
    double rem = dt - w->t[c];
    w->hwant[c] = w->h[c];
    if (w->h[c] > rem) w->h[c] = rem;
    if (w->h[c] < 0) w->h[c] = -1.0; /* still to be estimated, after f(y0) */
    if (w->t[c] + 0.1 * w->h[c] == w->t[c] || w->nstep[c] >= o->max_steps) {
      if (w->nstep[c] >= o->max_steps)
        lane_fail(w, c, f, 0, "more than %d steps (max_steps) by t = %.6g s", o->max_steps, w->t[c]);
      else
        lane_fail(w, c, f, 0, "step size %.3g s below roundoff at t = %.6g s", w->h[c], w->t[c]);
      w->h[c] = 1.0; /* harmless value for the rest of this sweep */
    }
  }
}

/* First step of fresh lanes (h < 0), from y and fcn0 = f(y): Hairer, Norsett & Wanner
 * (1993, "Solving ODEs I", sect. II.4) h0 = 0.01 ||y0|| / ||f(y0)|| in the error norm,
 * bounded below by KPP's DeltaMin 1e-5 s (KPP starts every call there) and above by
 * hmax; the error control then accepts or shrinks it as for any step. */
BATCH_STAGE void batch_estimate_h0(const chem_solver *s, chem_ros_ws *w, int na, double dt,
                              const step_bounds *b)
{
  const int nv = s->m->nvar, L = w->ld;
  double *d0 = w->err, *d1 = w->hinv; /* scratch */
  for (int c = 0; c < na; c++) d0[c] = d1[c] = 0.0;
  for (int v = 0; v < nv; v++) {
    const double *y = w->y + (size_t)v * L, *f = w->fcn0 + (size_t)v * L;
    const double *at = w->atol + (size_t)v * L;
    const double rt = s->rtol_v[v];
    for (int c = 0; c < na; c++) {
      double sc = 1.0 / (at[c] + rt * fabs(y[c]));
      d0[c] += (y[c] * sc) * (y[c] * sc);
      d1[c] += (f[c] * sc) * (f[c] * sc);
    }
  }
  for (int c = 0; c < na; c++) {
    if (!(w->h[c] < 0)) continue;
    double hh = d1[c] > 0 ? 0.01 * sqrt(d0[c] / d1[c]) : b->hmax;
    if (!(hh >= 1e-5)) hh = 1e-5;
    if (hh < b->hmin) hh = b->hmin;
    if (hh > b->hmax) hh = b->hmax;
    if (hh > dt - w->t[c]) hh = dt - w->t[c];
    w->hwant[c] = w->h[c] = hh;
  }
}

/* G = 1/(h gamma) - J, factorised; on a singular lane halve its h and refactor (KPP: up
 * to 5 times, then the lane fails). */
BATCH_STAGE void batch_decompose(const chem_mech *m, const chem_ros_method *R, chem_ros_ws *w, int na,
                            chem_stats *st, batch_fail *f)
{
  st->njac += na;
  for (int tries = 0;; tries++) {
    int ns = ros_matrix(m, R->gamma1, na, w->ld, w->k, w->y, w->h, w->dq, w->G, w->inv, w->sing,
                        w->err);
    st->ndecomp += na;
    if (ns == 0) break;
    st->nsing += ns;
    for (int c = 0; c < na; c++)
      if (w->sing[c]) {
        w->h[c] *= 0.5;
        if (tries >= 5 && w->state[c] == LANE_RUN)
          lane_fail(w, c, f, 0, "matrix repeatedly singular at t = %.6g s", w->t[c]);
      }
    if (tries >= 6) break;
  }
}

/* Accept or reject each running lane's step from its error sum w->err (non-finite
 * solution values force a rejection; with fixed steps they fail the lane): advance t,
 * propose the next h, mark finished lanes; acc[c] = 1 where accepted. */
BATCH_STAGE void batch_accept(const chem_solver *s, const chem_ros_method *R, chem_ros_ws *w, int na,
                         double dt, const step_bounds *b, int *acc, chem_stats *st, batch_fail *f)
{
  const chem_opts *o = &s->o;
  const int nv = s->m->nvar, L = w->ld;
  for (int v = 0; v < nv; v++) {
    const double *yn = w->ynew + (size_t)v * L;
    for (int c = 0; c < na; c++)
      if (!(yn[c] - yn[c] == 0.0)) w->err[c] = NAN;
  }
  for (int c = 0; c < na; c++) {
    acc[c] = 0;
    if (w->state[c] != LANE_RUN) continue;
    w->nstep[c]++;
    st->nstep++;
    double err = sqrt(w->err[c] / nv);
    int finite = isfinite(err);
    if (!finite) err = 1e10;
    double h = w->h[c], hnew;
    if (o->fixed_step) {
      if (!finite) {
        lane_fail(w, c, f, 0, "non-finite value with fixed steps at t = %.6g s", w->t[c]);
        continue;
      }
      acc[c] = 1;
      hnew = h;
    } else {
      hnew = h * ros_step_factor(o, R->elo, err);
      acc[c] = (err <= 1.0) || (h <= b->hmin && finite);
    }
    if (acc[c]) {
      st->naccept++;
      w->t[c] += h;
      if (!o->fixed_step) {
        hnew = hnew > b->hmax ? b->hmax : hnew < b->hmin ? b->hmin : hnew;
        if (w->rejlast[c] && hnew > h) hnew = h;
      }
      w->rejlast[c] = w->rejmore[c] = 0;
      w->h[c] = hnew;
      if (o->fixed_step ? w->nstep[c] >= b->nfixed : dt - w->t[c] <= 1e-12 * dt) {
        w->t[c] = dt;
        w->state[c] = LANE_DONE;
      }
    } else {
      st->nreject++;
      if (w->rejmore[c]) hnew = h * o->fac_rej;
      w->rejmore[c] = w->rejlast[c];
      w->rejlast[c] = 1;
      w->h[c] = hnew;
    }
  }
}

/* y = max(ynew, 0) on accepted lanes, counting the clipped values. */
BATCH_STAGE void batch_update(const chem_mech *m, chem_ros_ws *w, int na, const int *acc, chem_stats *st)
{
  const int L = w->ld;
  long clips = 0;
  for (int v = 0; v < m->nvar; v++) {
    double *y = w->y + (size_t)v * L;
    const double *yn = w->ynew + (size_t)v * L;
    for (int c = 0; c < na; c++) {
      double x = yn[c];
      clips += acc[c] && x < 0.0;
      x = x < 0.0 ? 0.0 : x;
      y[c] = acc[c] ? x : y[c];
    }
  }
  st->nclip += clips;
}

/* Write finished and failed lanes back to conc (and their next first step to
 * env->hnext_s), compact the running ones to the front; returns how many run on. */
BATCH_STAGE int batch_retire(const chem_solver *s, chem_ros_ws *w, int na, double *conc, int n,
                        const chem_env *env)
{
  const chem_mech *m = s->m;
  const int L = w->ld;
  int dst = 0;
  for (int c = 0; c < na; c++) {
    if (w->state[c] != LANE_RUN) {
      int cell = w->cell[c];
      /* next call's first step: the controller's proposal, or the step wanted before
       * it was cut to end the interval, whichever is larger */
      if (env->hnext_s && !s->o.fixed_step && w->state[c] == LANE_DONE)
        env->hnext_s[cell] = w->h[c] > w->hwant[c] ? w->h[c] : w->hwant[c];
      for (int v = 0; v < m->nvar; v++) conc[(size_t)m->spec_of_var[v] * n + cell] = w->y[(size_t)v * L + c];
      continue;
    }
    if (dst != c) move_lane(w, m, dst, c);
    dst++;
  }
  return dst;
}

/* Integrate cells c0 .. c0+nb-1: gather, rate constants, then per sweep over the running
 * lanes: step limits, f(y), first-step estimate (first sweep), matrix and decomposition,
 * stages, solution and error, accept/reject, update, retire. Returns f->rc. */
CHEM_HOT static int integrate_batch(const chem_solver *s, chem_ros_ws *w, double *conc, int n, int c0,
                                    int nb, const chem_env *env, double dt, chem_stats *st,
                                    batch_fail *f)
{
  const chem_mech *m = s->m;
  const chem_ros_method *R = &methods[s->o.method];
  const step_bounds b = batch_step_bounds(&s->o, dt);
  batch_gather(s, w, conc, n, c0, nb, env, &b, f);
  chem_k_rates(m, env, w->cell, nb, w->ld, w->fix, w->k, w->stack);
  int na = nb; /* active lanes 0..na-1 */
  for (int iter = 0; na > 0; iter++) {
    batch_limit_steps(&s->o, w, na, dt, f);
    chem_k_fun(m, na, w->ld, w->k, w->y, w->rate, w->fcn0);
    st->nfun += na;
    if (b.estimate && iter == 0) batch_estimate_h0(s, w, na, dt, &b);
    batch_decompose(m, R, w, na, st, f);
    ros_stages(m, R, w, na, st);
    ros_combine(R, m->nvar, na, w->ld, w->y, w->K, w->atol, s->rtol_v, w->ynew,
                w->fcn /* scratch: the error vector */, w->err);
    int *acc = w->sing; /* scratch: 1 = accept this lane's step */
    batch_accept(s, R, w, na, dt, &b, acc, st, f);
    batch_update(m, w, na, acc, st);
    na = batch_retire(s, w, na, conc, n, env);
  }
  return f->rc;
}

int chem_integrate(chem_solver *s, double *conc, int n, const chem_env *env, double dt_s,
                   chem_stats *stats, tf_err *err)
{
  const chem_mech *m = s->m;
  if (n <= 0) return TF_OK;
  if (!(dt_s > 0)) return tf_err_set(err, TF_EINVAL, "chemistry: time step must be > 0 (found %g s)", dt_s);
  int rc = chem_mech_check_env(m, env, err);
  if (rc) return rc;
  if (s->o.atol_mixing_ratio && !env->m_molec_cm3)
    return tf_err_set(err, TF_EINVAL, "chemistry: atol_mixing_ratio needs chem_env.m_molec_cm3");
  const int B = s->o.batch;
  const int nbatch = (n + B - 1) / B;
  chem_stats tot = {0};
  int failcell = -1, failrc = TF_OK, memfail = 0;
  char failwhy[256] = "";
  int nthr = 1;
#ifdef _OPENMP
  nthr = omp_get_max_threads();
  if (nthr > nbatch) nthr = nbatch;
#endif
  /* one parallel region per call, no more threads than batches (a lone cell stays on
   * the calling thread) */
#pragma omp parallel num_threads(nthr) if (nthr > 1)
  {
    chem_ros_ws w;
    memset(&w, 0, sizeof w);
    chem_stats st = {0};
    int ok = chem_ros_ws_alloc(&w, m, B) == TF_OK;
    if (!ok) {
#pragma omp atomic write
      memfail = 1;
    }
#pragma omp for schedule(dynamic, 1)
    for (int b = 0; b < nbatch; b++) {
      if (!ok) continue;
      int c0 = b * B, nb = n - c0 < B ? n - c0 : B;
      batch_fail f = {.rc = TF_OK, .cell = -1};
      int r = integrate_batch(s, &w, conc, n, c0, nb, env, dt_s, &st, &f);
      if (r) {
#pragma omp critical(chem_fail)
        if (failrc == TF_OK || f.cell < failcell) {
          failrc = r;
          failcell = f.cell;
          snprintf(failwhy, sizeof failwhy, "%s", f.why);
        }
      }
    }
    if (ok) chem_ros_ws_free(&w);
#pragma omp critical(chem_stats)
    chem_stats_add(&tot, &st);
  }
  if (stats) chem_stats_add(stats, &tot);
  if (memfail) return tf_err_set(err, TF_ENOMEM, "chemistry: out of memory for solver workspace");
  if (failrc)
    return tf_err_set(err, failrc, "chemistry (%s, rtol %g): cell %d failed: %s",
                      chem_method_name(s->o.method), s->o.rtol, failcell, failwhy);
  return TF_OK;
}
