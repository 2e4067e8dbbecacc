/* vdiff.c — implicit vertical mixing with local Kz and ACM2 (see vdiff.h for the method).
 *
 * Per column: (1) layer air masses m_k = mu deta_k / g and interface heights from the met;
 * (2) Kz at interfaces and the ACM2 parameters (vdiff_column_kz: WRF module_bl_acm.F
 * EDDYX and ACM, Pleim 2007); (3) the operator L (tridiagonal + ACM2 first column), the
 * theta-method matrix and its top-down elimination (factor); (4) for every species one
 * right-hand side, the deposition-dependent last pivot, and back substitution (solve).
 * OpenMP over rows of columns; budgets are per-row partial sums reduced in row order, so
 * results do not depend on the thread count. */
#include "model/transport/vdiff.h"
#include "model/core/tf_const.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PPBKG_TO_MOL (1e-9 / TF_MW_AIR)
#define KZ_MAX 1000.0           /* m2/s upper bound (WRF module_bl_acm.F EDDYX) */
#define RIC 0.25                /* critical Richardson number (EDDYX RC) */
#define RLAM 80.0               /* asymptotic mixing length lambda, m (EDDYX RLAM) */
#define GAMH 16.0               /* Holtslag & Boville (1993) unstable phi_h coefficient */
#define BETAH 5.0               /* Holtslag & Boville (1993) stable phi_h coefficient */
#define EP1 (TF_RV / TF_RD - 1.0) /* virtual-temperature factor 0.608 */
#define VDIFF_MAX_SUB 200       /* sub-step cap for theta < 1 */

struct vdiff_ctx {
  const tf_grid *g;
  int nspec, scheme;
  double theta;
  double kzmin, kzmin_urban;
  double *part; /* per-row budget partial sums [nspec][ny][2] */
  long *acm_rows;
  int *nsub_rows;
};

vdiff_budget *vdiff_budget_create(int nspec, tf_err *err)
{
  vdiff_budget *b = tf_calloc(1, sizeof *b, err);
  if (!b) return NULL;
  b->nspec = nspec;
  b->emis_mol = tf_calloc((size_t)(nspec > 0 ? nspec : 1), sizeof(double), err);
  b->dep_mol = tf_calloc((size_t)(nspec > 0 ? nspec : 1), sizeof(double), err);
  if (!b->emis_mol || !b->dep_mol) vdiff_budget_destroy(&b);
  return b;
}

void vdiff_budget_destroy(vdiff_budget **bp)
{
  if (!bp || !*bp) return;
  free((*bp)->emis_mol);
  free((*bp)->dep_mol);
  free(*bp);
  *bp = NULL;
}


vdiff_ctx *vdiff_create(const tf_grid *g, int nspec, int scheme, tf_err *err)
{
  if (!g || nspec < 1 || (scheme != VDIFF_KZ && scheme != VDIFF_ACM2)) {
    tf_err_set(err, TF_EINVAL, "vdiff_create: expected a grid, nspec >= 1 and scheme VDIFF_KZ or "
               "VDIFF_ACM2; found nspec=%d scheme=%d", nspec, scheme);
    return NULL;
  }
  vdiff_ctx *v = tf_calloc(1, sizeof *v, err);
  if (!v) return NULL;
  v->g = g;
  v->nspec = nspec;
  v->scheme = scheme;
  v->theta = 1.0;
  v->kzmin = 0.01;      /* WRF module_bl_acm.F EDDYX EDYZ0 (CMAQ eddyx.F KZL) */
  v->kzmin_urban = 1.0; /* CMAQ eddyx.F KZU, applied to urban land use */
  v->part = tf_calloc((size_t)nspec * (size_t)g->nyo * 2, sizeof(double), err);
  v->acm_rows = tf_calloc((size_t)g->nyo, sizeof(long), err);
  v->nsub_rows = tf_calloc((size_t)g->nyo, sizeof(int), err);
  if (!v->part || !v->acm_rows || !v->nsub_rows) vdiff_destroy(&v);
  return v;
}

void vdiff_destroy(vdiff_ctx **vp)
{
  if (!vp || !*vp) return;
  free((*vp)->part);
  free((*vp)->acm_rows);
  free((*vp)->nsub_rows);
  free(*vp);
  *vp = NULL;
}

int vdiff_set_theta(vdiff_ctx *v, double theta, tf_err *err)
{
  if (!(theta >= 0.5 && theta <= 1.0))
    return tf_err_set(err, TF_EINVAL, "vdiff_set_theta: expected 0.5 <= theta <= 1, found %g", theta);
  v->theta = theta;
  return TF_OK;
}

int vdiff_set_kzmin(vdiff_ctx *v, double kzmin_m2s, double kzmin_urban_m2s, tf_err *err)
{
  if (!(kzmin_m2s > 0.0 && kzmin_urban_m2s > 0.0 && kzmin_m2s <= KZ_MAX && kzmin_urban_m2s <= KZ_MAX))
    return tf_err_set(err, TF_EINVAL, "vdiff_set_kzmin: expected 0 < Kz_min <= %g m2/s, found %g, %g",
                      KZ_MAX, kzmin_m2s, kzmin_urban_m2s);
  v->kzmin = kzmin_m2s;
  v->kzmin_urban = kzmin_urban_m2s;
  return TF_OK;
}

/* ------------------------------------------------------------------ column operator */

/* Work layout (each nz+1 long): L diagonal, L sub (q_{k-1}), L super (q_{k+1}), L first
 * column (q_0, rows >= 2), eliminated pivot d', sub l', first column c', factor f,
 * right-hand side r, and scratch. */
typedef struct {
  double *Ld, *Ll, *Lu, *L0, *dp, *lp, *cp, *f, *r, *s;
} colwork;

static colwork split_work(double *w, int nz)
{
  size_t n = (size_t)nz + 1;
  colwork c = {.Ld = w, .Ll = w + n, .Lu = w + 2 * n, .L0 = w + 3 * n, .dp = w + 4 * n, .lp = w + 5 * n,
               .cp = w + 6 * n, .f = w + 7 * n, .r = w + 8 * n, .s = w + 9 * n};
  return c;
}

/* Fill L (mass-tendency form, kg m-2 s-1 per ppb) for the column. Returns rho_0 = m_0/dz_0. */
static double build_L(const vdiff_column *c, colwork *W)
{
  const int nz = c->nz;
  const double *m = c->mass_kgm2, *zw = c->zw_m;
  for (int k = 0; k < nz; k++) W->Ld[k] = W->Ll[k] = W->Lu[k] = W->L0[k] = 0.0;
  for (int i = 1; i < nz; i++) {
    /* interface i between layers i-1 and i: hydrostatic densities m/dz, distance between
     * the layer mid-points */
    double dzl = zw[i] - zw[i - 1], dzu = zw[i + 1] - zw[i];
    double rho = 0.5 * (m[i - 1] / dzl + m[i] / dzu);
    double cond = rho * c->kz_m2s[i] / (0.5 * (dzl + dzu));
    W->Ld[i - 1] -= cond;
    W->Lu[i - 1] += cond;
    W->Ld[i] -= cond;
    W->Ll[i] += cond;
  }
  int kt = c->acm_kt < nz - 1 ? c->acm_kt : nz - 1;
  if (c->acm_mu_s > 0.0 && kt >= 1) {
    /* ACM2 (Pleim 2007 eqs 4-5) in mass form: S_i = sum_{l=i}^{kt} m_l, scratch s[] */
    double *S = W->s;
    S[kt + 1] = 0.0;
    for (int i = kt; i >= 1; i--) S[i] = S[i + 1] + m[i];
    double mu = c->acm_mu_s;
    W->Ld[0] -= mu * S[1];
    W->Lu[0] += mu * S[1];
    for (int i = 1; i <= kt; i++) {
      if (i == 1)
        W->Ll[1] += mu * m[1]; /* first column and sub-diagonal coincide */
      else
        W->L0[i] += mu * m[i];
      W->Ld[i] -= mu * S[i];
      if (i < kt) W->Lu[i] += mu * S[i + 1];
    }
  }
  return m[0] / (zw[1] - zw[0]);
}

/* B = diag(m) - theta h L; eliminate from the top down (see vdiff.h). */
static void factor(const vdiff_column *c, double theta, double h, colwork *W)
{
  const int nz = c->nz;
  const double *m = c->mass_kgm2;
  const double a = theta * h;
  int k = nz - 1;
  W->dp[k] = m[k] - a * W->Ld[k];
  W->lp[k] = -a * W->Ll[k];
  W->cp[k] = -a * W->L0[k];
  if (k == 1) { W->lp[1] += W->cp[1]; W->cp[1] = 0.0; }
  for (k = nz - 2; k >= 0; k--) {
    double up = -a * W->Lu[k];
    double f = up / W->dp[k + 1];
    W->f[k] = f;
    W->dp[k] = (m[k] - a * W->Ld[k]) - f * W->lp[k + 1];
    if (k >= 1) {
      W->lp[k] = -a * W->Ll[k];
      W->cp[k] = -a * W->L0[k] - f * W->cp[k + 1];
      if (k == 1) { W->lp[1] += W->cp[1]; W->cp[1] = 0.0; }
    }
  }
}

/* One theta step for one species: q in/out; returns deposited amount (ppb kg m-2). */
static double solve(const vdiff_column *c, double theta, double h, double rho0, double sflux,
                    double vd, colwork *W, double *q)
{
  const int nz = c->nz;
  const double *m = c->mass_kgm2;
  const double b = (1.0 - theta) * h;
  double q0old = q[0];
  for (int k = 0; k < nz; k++) {
    double lq = W->Ld[k] * q[k] + W->L0[k] * q[0];
    if (k > 0) lq += W->Ll[k] * q[k - 1];
    if (k < nz - 1) lq += W->Lu[k] * q[k + 1];
    W->r[k] = m[k] * q[k] + b * lq;
  }
  W->r[0] += h * rho0 * sflux - b * rho0 * vd * q0old;
  for (int k = nz - 2; k >= 0; k--) W->r[k] -= W->f[k] * W->r[k + 1];
  q[0] = W->r[0] / (W->dp[0] + theta * h * rho0 * vd);
  for (int k = 1; k < nz; k++) q[k] = (W->r[k] - W->lp[k] * q[k - 1] - W->cp[k] * q[0]) / W->dp[k];
  return h * rho0 * vd * (theta * q[0] + (1.0 - theta) * q0old);
}

int vdiff_column_step(const vdiff_column *c, double theta, double dt_s, int nsub, double sflux,
                      double vd, double *q, double *emis, double *dep, double *work)
{
  if (!c || c->nz < 1 || !(dt_s > 0.0) || nsub < 1 || !(theta >= 0.5 && theta <= 1.0) || !(vd >= 0.0))
    return TF_EINVAL;
  colwork W = split_work(work, c->nz);
  double h = dt_s / nsub;
  double rho0 = build_L(c, &W);
  factor(c, theta, h, &W);
  double d = 0.0;
  for (int s = 0; s < nsub; s++) d += solve(c, theta, h, rho0, sflux, vd, &W, q);
  if (emis) *emis = dt_s * rho0 * sflux;
  if (dep) *dep = d;
  return TF_OK;
}

void vdiff_column_matrix(const vdiff_column *c, double theta, double dt_s, double *dense)
{
  const int nz = c->nz;
  double *w = malloc((size_t)vdiff_work_len(nz) * sizeof(double));
  if (!w) return;
  colwork W = split_work(w, nz);
  build_L(c, &W);
  const double a = theta * dt_s;
  memset(dense, 0, (size_t)nz * (size_t)nz * sizeof(double));
  for (int k = 0; k < nz; k++) {
    dense[(size_t)k * nz + k] = c->mass_kgm2[k] - a * W.Ld[k];
    if (k > 0) dense[(size_t)k * nz + k - 1] += -a * W.Ll[k];
    if (k < nz - 1) dense[(size_t)k * nz + k + 1] += -a * W.Lu[k];
    if (k >= 2) dense[(size_t)k * nz] += -a * W.L0[k];
  }
  free(w);
}

/* ------------------------------------------------------------------ Kz and ACM2 */

double vdiff_acm2_fconv(double h_over_absL)
{
  /* Pleim 2007 eq 19: f_conv = [1 + k^(-2/3)/(0.1 a) (-h/L)^(-1/3)]^-1, a = 7.2, as coded
   * in WRF ACM2: 1/(1 + (k/(h/|L|))^(1/3)/(0.72 k)); table in docs/physics-references.md §2.2. */
  const double k = TF_VON_KARMAN;
  if (!(h_over_absL > 0.0)) return 0.0;
  return 1.0 / (1.0 + cbrt(k / h_over_absL) / (0.72 * k));
}

int vdiff_column_kz(const tf_grid *g, const tf_met *m, int i, int j, int scheme, double kzmin,
                    double *kz, double *mu_s, int *kt)
{
  const int nz = g->nz;
  const size_t c2 = grid_idx2(g, i, j), n2 = g->n2;
  const double *zw = m->zw_m;
  /* virtual potential temperature of the two lowest layers and at each layer for Ri */
#define THV(k) (m->t_k[(size_t)(k) * n2 + c2] * pow(TF_P0 / m->p_pa[(size_t)(k) * n2 + c2], TF_RD / TF_CP) * \
                (1.0 + EP1 * m->qv_kgkg[(size_t)(k) * n2 + c2]))
  double dz0 = zw[n2 + c2] - zw[c2];
  double rho0 = grid_air_kgm2(m->mu_pa[c2], g->eta_w[0] - g->eta_w[1]) / dz0;
  double ust = fmax(m->ust_ms[c2], 1e-3);
  double thv0 = THV(0);
  /* Monin-Obukhov length as WRF ACM2D: L = thv1 u*^2 / (k g tstv), tst = -H/(cp rho u*) */
  double tstv = -m->hfx_wm2[c2] / (TF_CP * rho0 * ust) * (1.0 + EP1 * m->qv_kgkg[c2]);
  if (fabs(tstv) < 1e-6) tstv = tstv < 0.0 ? -1e-6 : 1e-6;
  double mol = thv0 * ust * ust / (TF_VON_KARMAN * TF_G * tstv);
  double h = fmax(m->pblh_m[c2], zw[n2 + c2] - zw[c2]);
  double thv_lo = thv0, zlo = 0.5 * (zw[c2] + zw[n2 + c2]);
  double ulo = 0.5 * (m->u_ms[grid_idxu(g, i, j, 0)] + m->u_ms[grid_idxu(g, i + 1, j, 0)]);
  double vlo = 0.5 * (m->v_ms[grid_idxv(g, i, j, 0)] + m->v_ms[grid_idxv(g, i, j + 1, 0)]);
  double thv1 = thv0;
  kz[0] = kz[nz] = 0.0;
  for (int k = 1; k < nz; k++) {
    double z = zw[(size_t)k * n2 + c2] - zw[c2];
    double zhi = 0.5 * (zw[(size_t)k * n2 + c2] + zw[(size_t)(k + 1) * n2 + c2]);
    double thv_hi = THV(k);
    if (k == 1) thv1 = thv_hi;
    double uhi = 0.5 * (m->u_ms[grid_idxu(g, i, j, k)] + m->u_ms[grid_idxu(g, i + 1, j, k)]);
    double vhi = 0.5 * (m->v_ms[grid_idxv(g, i, j, k)] + m->v_ms[grid_idxv(g, i, j + 1, k)]);
    /* boundary-layer similarity (EDDYX, Holtslag & Boville 1993 phi_h) */
    double kpbl = 0.0, zovl = 0.0, phih = 1.0;
    if (z < h) {
      zovl = z / mol;
      if (zovl < 0.0)
        phih = 1.0 / sqrt(1.0 - GAMH * (z < 0.1 * h ? zovl : 0.1 * h / mol));
      else if (zovl < 1.0)
        phih = 1.0 + BETAH * zovl;
      else
        phih = BETAH + zovl;
      kpbl = TF_VON_KARMAN * ust / phih * z * (1.0 - z / h) * (1.0 - z / h);
    }
    /* local Richardson-number Kz (EDDYX, Liu & Carroll 1996) */
    double dzf = zhi - zlo;
    double ss = ((uhi - ulo) * (uhi - ulo) + (vhi - vlo) * (vhi - vlo)) / (dzf * dzf) + 1e-9;
    double ri = 2.0 * TF_G / (thv_hi + thv_lo) * (thv_hi - thv_lo) / (dzf * ss);
    double zk = TF_VON_KARMAN * z;
    double sql = (zk * RLAM / (RLAM + zk)) * (zk * RLAM / (RLAM + zk));
    double kloc;
    if (ri >= 0.0) {
      double fh;
      if (z < h && zovl > 0.0) {
        fh = fmax((1.0 - z / h) * (1.0 - z / h), 0.01) / (phih * phih);
        sql = zk * zk;
      } else {
        double x = fmax(1.0 - ri / RIC, 0.01);
        fh = x * x;
      }
      kloc = kzmin + sqrt(ss) * fh * sql;
    } else {
      kloc = kzmin + sqrt(ss * (1.0 - 25.0 * ri)) * sql;
    }
    kz[k] = fmin(KZ_MAX, fmax(kzmin, fmax(kpbl, kloc)));
    thv_lo = thv_hi; zlo = zhi; ulo = uhi; vlo = vhi;
  }
#undef THV
  /* ACM2 switch (WRF ACM2D): h/L < -0.02, PBL top above layer 3 (1-based KLPBL > 3),
   * thv1 > thv2 */
  int k_top = 0;
  while (k_top < nz - 1 && zw[(size_t)(k_top + 1) * n2 + c2] - zw[c2] < h) k_top++;
  *mu_s = 0.0;
  *kt = 0;
  if (scheme != VDIFF_ACM2 || !(h / mol < -0.02) || k_top < 3 || !(thv0 > thv1)) return 0;
  double fconv = vdiff_acm2_fconv(h / fabs(mol));
  double z1 = zw[n2 + c2] - zw[c2];
  double dz12 = 0.5 * (zw[2 * n2 + c2] - zw[c2]); /* layer-0 to layer-1 mid-point distance */
  *mu_s = fconv * kz[1] / (dz12 * (h - z1));
  *kt = k_top;
  for (int k = 1; k <= k_top; k++) kz[k] = fmax(kzmin, kz[k] * (1.0 - fconv));
  return 1;
}

/* ------------------------------------------------------------------ grid operator */

int vdiff_step(vdiff_ctx *v, tf_state *st, const tf_met *m, double dt_s,
               const double *sflux_ppb_ms, const double *vd_ms, vdiff_budget *budget,
               tf_err *err)
{
  if (!v || !st || !m || !(dt_s > 0.0) || st->nspec != v->nspec || st->g->n3 != v->g->n3)
    return tf_err_set(err, TF_EINVAL, "vdiff_step: expected dt_s > 0 and a state of %d species on "
                      "the mixing grid; found dt_s=%g nspec=%d", v ? v->nspec : -1, dt_s,
                      st ? st->nspec : -1);
  if (budget && budget->nspec != v->nspec)
    return tf_err_set(err, TF_EINVAL, "vdiff_step: budget for %d species, state has %d",
                      budget->nspec, v->nspec);
  const tf_grid *g = v->g;
  const int nz = g->nz, nspec = v->nspec, ny = g->nyo, nx = g->nxo;
  const size_t n2 = g->n2;
  const double theta = v->theta;
  int bad = 0, badi = 0, badj = 0;
  memset(v->part, 0, (size_t)nspec * (size_t)ny * 2 * sizeof(double));
#pragma omp parallel
  {
    double *buf = malloc(((size_t)vdiff_work_len(nz) + 4 * ((size_t)nz + 1)) * sizeof(double));
    if (!buf) {
#pragma omp atomic write
      bad = 2;
    }
#pragma omp for schedule(static)
    for (int j = 0; j < ny; j++) {
      long nacm = 0;
      int nsubmax = 0;
      if (!buf) continue;
      double *work = buf, *mass = buf + vdiff_work_len(nz), *zw = mass + nz + 1, *kz = zw + nz + 1,
             *q = kz + nz + 1;
      for (int i = 0; i < nx; i++) {
        size_t c2 = grid_idx2(g, i, j);
        int ok = 1;
        for (int k = 0; k <= nz; k++) zw[k] = m->zw_m[(size_t)k * n2 + c2] - m->zw_m[c2];
        for (int k = 0; k < nz; k++) {
          mass[k] = grid_air_kgm2(m->mu_pa[c2], g->eta_w[k] - g->eta_w[k + 1]);
          if (!(mass[k] > 0.0) || !(zw[k + 1] > zw[k])) ok = 0;
        }
        if (!ok) {
#pragma omp critical(vdiff_bad)
          if (!bad) { bad = 1; badi = i; badj = j; }
          continue;
        }
        double kzmin = g->landuse[c2] == TF_LU_URBAN ? v->kzmin_urban : v->kzmin;
        vdiff_column col = {.nz = nz, .mass_kgm2 = mass, .zw_m = zw, .kz_m2s = kz};
        nacm += vdiff_column_kz(g, m, i, j, v->scheme, kzmin, kz, &col.acm_mu_s, &col.acm_kt);
        colwork W = split_work(work, nz);
        double rho0 = build_L(&col, &W);
        int nsub = 1;
        if (theta < 1.0) {
          /* explicit half positive: m_k + (1-theta) h L_kk >= 0 (WRF ACM2 limits its CN
           * sub-step the same way, docs/physics-references.md §2.2) */
          double need = 0.0;
          for (int k = 0; k < nz; k++) need = fmax(need, (1.0 - theta) * dt_s * -W.Ld[k] / mass[k]);
          nsub = need > 1.0 ? (int)fmin(ceil(need), VDIFF_MAX_SUB) : 1;
        }
        if (nsub > nsubmax) nsubmax = nsub;
        double h = dt_s / nsub;
        factor(&col, theta, h, &W);
        for (int s = 0; s < nspec; s++) {
          double *c = state_spec(st, s);
          double fe = sflux_ppb_ms ? sflux_ppb_ms[(size_t)s * n2 + c2] : 0.0;
          double vd = vd_ms ? vd_ms[(size_t)s * n2 + c2] : 0.0;
          if (!(vd >= 0.0)) {
#pragma omp critical(vdiff_bad)
            if (!bad) { bad = 3; badi = i; badj = j; }
            vd = 0.0;
          }
          for (int k = 0; k < nz; k++) q[k] = c[(size_t)k * n2 + c2];
          double dep = 0.0;
          for (int p = 0; p < nsub; p++) dep += solve(&col, theta, h, rho0, fe, vd, &W, q);
          for (int k = 0; k < nz; k++) c[(size_t)k * n2 + c2] = q[k];
          /* ppb kg m-2 -> mol: times the cell area dx dy / m^2 */
          double area = grid_cell_area_m2(g->dx_m, g->dy_m, g->mapfac[c2]);
          double *pp = v->part + ((size_t)s * ny + j) * 2;
          pp[0] += dt_s * rho0 * fe * area * PPBKG_TO_MOL;
          pp[1] += dep * area * PPBKG_TO_MOL;
        }
      }
      v->acm_rows[j] = nacm;
      v->nsub_rows[j] = nsubmax;
    }
    free(buf);
  }
  if (bad == 2) return tf_err_set(err, TF_ENOMEM, "vdiff_step: out of memory for column buffers");
  if (bad == 1)
    return tf_err_set(err, TF_EINVAL, "vdiff_step: column (%d,%d): expected positive layer mass "
                      "(mu_pa) and increasing zw_m", badi, badj);
  if (bad == 3)
    return tf_err_set(err, TF_EINVAL, "vdiff_step: column (%d,%d): negative deposition velocity",
                      badi, badj);
  if (budget) {
    for (int s = 0; s < nspec; s++)
      for (int j = 0; j < ny; j++) {
        budget->emis_mol[s] += v->part[((size_t)s * ny + j) * 2];
        budget->dep_mol[s] += v->part[((size_t)s * ny + j) * 2 + 1];
      }
    int nsm = 0;
    for (int j = 0; j < ny; j++) {
      budget->acm_columns += v->acm_rows[j];
      if (v->nsub_rows[j] > nsm) nsm = v->nsub_rows[j];
    }
    budget->nsub_max = nsm;
  }
  return TF_OK;
}
