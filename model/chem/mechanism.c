/* mechanism.c — compile a chem_desc into flat, batch-vectorisable form (mechanism.h).
 *
 * Method (as KPP: Damian et al. 2002, Comput. Chem. Eng. 26, 1567, sect. 3-4):
 *  1. Variable species are reordered greedily by Markowitz's criterion: at each
 *     elimination step pick the remaining species whose row and column counts in the
 *     remaining submatrix give the smallest (r-1)(c-1), simulate its fill-in, repeat.
 *  2. Symbolic LU of the Jacobian pattern (incl. the full diagonal) in that order gives
 *     the CSR pattern with fill-in, and a flat "program" of pivot divisions and
 *     multiply-subtract updates (row-oriented Doolittle, as KPP's KppDecomp).
 *  3. Mass-action kinetics: rate_r = k_r * prod_reactants y^nu; dy_i/dt =
 *     sum_r (nu_prod - nu_reac)_ir rate_r. The RHS and Jacobian become lists of
 *     (target, source, coefficient) triples over which every kernel loops, with the
 *     innermost loop over the cells of a batch (structure of arrays, unit stride) so
 *     the compiler vectorises across cells.
 *  4. Rate expressions stay as postfix bytecode, interpreted once per batch per call with
 *     the whole batch on each stack slot.
 * chem_mech_create runs these as separate stages (copy_species, chem_build_jac_pattern,
 * chem_build_symbolic_lu, chem_build_markowitz, chem_build_lu_csr, chem_build_lu_program,
 * chem_build_reactions; see the list above chem_build_symbolic_lu), each tested on its own
 * (tests/model/chem/test_chem_build.c).
 * Rate-law functions follow KPP 3 util/UserRateLaws.f90 / .c exactly (in double
 * precision; KPP's C versions take float arguments). */
#include "model/chem/chem_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ rate laws */

/* Reference temperature of the Arrhenius and Troe laws (T/300, 300/T), K. */
#define LAW_TREF 300.0

/* Each rate law of the ARR and Troe families is written once, as a lane kernel over
 * rows of n cells (arr_rows, troe_rows) parameterised by the row exponential: the ARRC
 * and K3RC ops of chem_k_rates run it over a batch with the vectorised chem_vexp_row,
 * the scalar rate_law (calls whose arguments are not constants) on one lane with
 * libm's exp (faster than vexp for one value). A fix to a law is one edit. The two
 * exponentials differ by <= 1 ulp (chem_vexp.c), so scalar and vector values of a law
 * agree to ~1e-15 relative (test_chem_build). */
typedef void law_exp_row(int n, double a, const double *restrict x, double *restrict out);

static void libm_exp_row(int n, double a, const double *restrict x, double *restrict out)
{
  for (int c = 0; c < n; c++) out[c] = a * exp(x[c]);
}

/* The Arrhenius family: every ARR variant is k = A0 exp(-B0/T) (T/300)^C0. arr_law maps
 * a call's arguments to (A0, B0, C0), the one definition of the variants; arr_rows
 * evaluates k = A0 exp(C0 ln(T/300) - B0/T) (KPP util/UserRateLaws definitions
 * rearranged to one exponential). Returns 0 if f is no ARR form. */
static int arr_law(int f, const double *a, double abc[3])
{
  switch (f) {
  case CHEM_FN_ARR: case CHEM_FN_ARR_ABC: abc[0] = a[0]; abc[1] = a[1]; abc[2] = a[2]; return 1;
  case CHEM_FN_ARR_AB: abc[0] = a[0]; abc[1] = a[1]; abc[2] = 0; return 1;
  case CHEM_FN_ARR_AC: abc[0] = a[0]; abc[1] = 0; abc[2] = a[1]; return 1;
  case CHEM_FN_ARR_BC: abc[0] = 1; abc[1] = a[0]; abc[2] = a[1]; return 1;
  case CHEM_FN_ARR2: abc[0] = a[0]; abc[1] = -a[1]; abc[2] = 0; return 1; /* A0 exp(+B0/T) */
  default: return 0;
  }
}

/* out = A0 exp(C0 lnT - B0 invT) per lane; x is a scratch row (may not alias out). */
static inline __attribute__((always_inline)) void
arr_rows(int n, const double abc[3], const double *restrict lnT, const double *restrict invT,
         double *restrict x, double *restrict out, law_exp_row *ex)
{
  for (int c = 0; c < n; c++) x[c] = abc[2] * lnT[c] - abc[1] * invT[c];
  ex(n, abc[0], x, out);
}

/* Troe fall-off k_3rd(T, M, k0_300, n, kinf_300, m, fc), k_3rd_iupac (same arguments)
 * and TROE(k0_300, n, kinf_300, m, T, M) with fc = 0.6 (KPP 3 util/UserRateLaws.f90,
 * WRF-KPP WRFUserRateLaws.f90):
 *   k0t = k0_300 (300/T)^n M, kr = k0t / (kinf_300 (300/T)^m),
 *   k = k0t / (1 + kr) fc^(1 / (1 + (log10(kr) / nu)^2)),
 * nu = 0.75 - 1.27 log10(fc) for k_3rd_iupac, else 1. troe_form gives the argument slots
 * of T and M, troe_law_of the constants (the one definition of the three forms),
 * troe_vector packs them as q = {k0_300, n, kinf_300, m, ln fc, nu} for troe_rows. */
typedef struct troe_law {
  double k0_300, n, kinf_300, m, fc, nu;
} troe_law;

static int troe_form(int f, int *it, int *im)
{
  if (f == CHEM_FN_TROE) { *it = 4; *im = 5; return 1; }
  if (f == CHEM_FN_K_3RD || f == CHEM_FN_K_3RD_IUPAC) { *it = 0; *im = 1; return 1; }
  return 0;
}

static troe_law troe_law_of(int f, const double *a)
{
  troe_law L = f == CHEM_FN_TROE
                   ? (troe_law){.k0_300 = a[0], .n = a[1], .kinf_300 = a[2], .m = a[3], .fc = 0.6}
                   : (troe_law){.k0_300 = a[2], .n = a[3], .kinf_300 = a[4], .m = a[5], .fc = a[6]};
  L.nu = f == CHEM_FN_K_3RD_IUPAC ? 0.75 - 1.27 * log10(L.fc) : 1.0;
  return L;
}

static void troe_vector(const troe_law *L, double q[6])
{
  q[0] = L->k0_300, q[1] = L->n, q[2] = L->kinf_300, q[3] = L->m, q[4] = log(L->fc), q[5] = L->nu;
}

/* The Troe law per lane: kc holds M (molec/cm3) on entry and k on return; r0..r3 are
 * scratch rows. */
static inline __attribute__((always_inline)) void
troe_rows(int n, const double q[6], const double *restrict lnT, double *restrict kc,
          double *restrict r0, double *restrict r1, double *restrict r2, double *restrict r3,
          law_exp_row *ex)
{
  for (int c = 0; c < n; c++) {
    r2[c] = -q[1] * lnT[c];
    r3[c] = -q[3] * lnT[c];
  }
  ex(n, q[0], r2, r0); /* k0 (300/T)^n */
  ex(n, q[2], r3, r1); /* kinf (300/T)^m */
  for (int c = 0; c < n; c++) {
    double k0t = r0[c] * kc[c], kr = k0t / r1[c];
    r0[c] = kr;
    kc[c] = k0t / (1.0 + kr);
  }
  for (int c = 0; c < n; c++) {
    double l = log10(r0[c]) / q[5]; /* nu = 1: l exactly log10(kr) */
    r2[c] = q[4] / (1.0 + l * l);
  }
  ex(n, 1.0, r2, r1); /* fc^(1/(1+(log10(kr)/nu)^2)) */
  for (int c = 0; c < n; c++) kc[c] *= r1[c];
}

static double arr_scalar(const double abc[3], double temp)
{
  double lnT = log(temp / LAW_TREF), invT = 1.0 / temp, x, k;
  arr_rows(1, abc, &lnT, &invT, &x, &k, libm_exp_row);
  return k;
}

static double troe_scalar(const troe_law *L, double t, double cair)
{
  double q[6], lnT = log(t / LAW_TREF), r[4], k = cair;
  troe_vector(L, q);
  troe_rows(1, q, &lnT, &k, r, r + 1, r + 2, r + 3, libm_exp_row);
  return k;
}

/* One KPP rate-law function for one cell. a[] are the arguments in order; temp in K,
 * cfactor the mechanism's CFACTOR. Source: KPP 3 util/UserRateLaws.f90 (ARR, EP2, EP3,
 * FALL, k_3rd, k_3rd_iupac, k_arr), util/UserRateLaws.c (ARR_abc, ARR_ab, ARR_ac),
 * KPP 2.1 util (ARR2 = A0 exp(+B0/T)), WRF-KPP WRFUserRateLaws.f90 (TROE, fc = 0.6). */
static double rate_law(int f, const double *a, double temp, double cfactor)
{
  double abc[3];
  if (arr_law(f, a, abc)) return arr_scalar(abc, temp);
  switch (f) {
  case CHEM_FN_EXP: return exp(a[0]);
  case CHEM_FN_LOG: return log(a[0]);
  case CHEM_FN_LOG10: return log10(a[0]);
  case CHEM_FN_SQRT: return sqrt(a[0]);
  case CHEM_FN_ABS: return fabs(a[0]);
  case CHEM_FN_MIN: return a[0] < a[1] ? a[0] : a[1];
  case CHEM_FN_MAX: return a[0] > a[1] ? a[0] : a[1];
  case CHEM_FN_EP2: {
    double k0 = a[0] * exp(-a[1] / temp), k2 = a[2] * exp(-a[3] / temp);
    double k3 = a[4] * exp(-a[5] / temp) * cfactor * 1.0e6;
    return k0 + k3 / (1.0 + k3 / k2);
  }
  case CHEM_FN_EP3: return a[0] * exp(-a[1] / temp) + a[2] * exp(-a[3] / temp) * (1.0e6 * cfactor);
  case CHEM_FN_FALL: {
    double k0 = a[0] * exp(-a[1] / temp) * pow(temp / 300.0, a[2]);
    double k1 = a[3] * exp(-a[4] / temp) * pow(temp / 300.0, a[5]);
    k0 = k0 * cfactor * 1.0e6;
    k1 = k0 / k1;
    double l = log10(k1);
    return (k0 / (1.0 + k1)) * pow(a[6], 1.0 / (1.0 + l * l));
  }
  case CHEM_FN_K_3RD:
  case CHEM_FN_K_3RD_IUPAC:
  case CHEM_FN_TROE: {
    int it, im;
    troe_form(f, &it, &im);
    troe_law L = troe_law_of(f, a);
    return troe_scalar(&L, a[it], a[im]);
  }
  case CHEM_FN_K_ARR: return a[0] * exp(a[1] * (1.0 / a[2] - 3.3540e-3)); /* 1/298.15 */
  default: return NAN;
  }
}

/* Functions that read TEMP implicitly (KPP globals). */
static int uses_temp(int f)
{
  return f == CHEM_FN_ARR || f == CHEM_FN_ARR_ABC || f == CHEM_FN_ARR_AB || f == CHEM_FN_ARR_AC ||
         f == CHEM_FN_ARR_BC || f == CHEM_FN_ARR2 || f == CHEM_FN_EP2 || f == CHEM_FN_EP3 ||
         f == CHEM_FN_FALL;
}

/* ------------------------------------------------------------ kernels */

CHEM_HOT void chem_k_rates(const chem_mech *m, const chem_env *env, const int *cells, int n,
                           int ld, const double *fix, double *k, double *stack)
{
  double args[8];
  /* per-lane 1/T and ln(T/300) in the two scratch rows at the top of the stack */
  double *invT = stack + (size_t)(m->max_stack - 2) * ld, *lnT = invT + ld;
  if (m->narrc > 0 && env->temp_k)
    for (int c = 0; c < n; c++) {
      double t = env->temp_k[cells[c]];
      invT[c] = 1.0 / t;
      lnT[c] = log(t / LAW_TREF);
    }
  for (int r = 0; r < m->nreact; r++) {
    int sp = 0;
    for (int o = m->rate_off[r]; o < m->rate_off[r + 1]; o++) {
      const chem_op *op = &m->ops[o];
      double *top = stack + (size_t)sp * ld;
      double *a, *b; /* operands of binaries: b (deeper) op= a */
      switch (op->code) {
      case CHEM_OP_CONST:
        for (int c = 0; c < n; c++) top[c] = op->val;
        sp++;
        break;
      case CHEM_OP_SPEC: {
        const double *x = fix + (size_t)op->arg * ld;
        for (int c = 0; c < n; c++) top[c] = x[c];
        sp++;
        break;
      }
      case CHEM_OP_PHOT: {
        const double *x = env->jrate[op->arg];
        for (int c = 0; c < n; c++) top[c] = x[cells[c]];
        sp++;
        break;
      }
      case CHEM_OP_VAR: {
        const double *x = NULL;
        switch (op->arg) {
        case CHEM_VAR_TEMP: x = env->temp_k; break;
        case CHEM_VAR_M: x = env->m_molec_cm3; break;
        case CHEM_VAR_O2: x = env->o2; break;
        case CHEM_VAR_N2: x = env->n2; break;
        case CHEM_VAR_H2O: x = env->h2o; break;
        case CHEM_VAR_SUN: x = env->sun; break;
        default: break;
        }
        if (x)
          for (int c = 0; c < n; c++) top[c] = x[cells[c]];
        else
          for (int c = 0; c < n; c++) top[c] = m->cfactor; /* CFACTOR */
        sp++;
        break;
      }
      case CHEM_OP_ADD: b = top - 2 * ld; a = top - ld; for (int c = 0; c < n; c++) b[c] += a[c]; sp--; break;
      case CHEM_OP_SUB: b = top - 2 * ld; a = top - ld; for (int c = 0; c < n; c++) b[c] -= a[c]; sp--; break;
      case CHEM_OP_MUL: b = top - 2 * ld; a = top - ld; for (int c = 0; c < n; c++) b[c] *= a[c]; sp--; break;
      case CHEM_OP_DIV: b = top - 2 * ld; a = top - ld; for (int c = 0; c < n; c++) b[c] /= a[c]; sp--; break;
      case CHEM_OP_POW: b = top - 2 * ld; a = top - ld; for (int c = 0; c < n; c++) b[c] = pow(b[c], a[c]); sp--; break;
      case CHEM_OP_NEG: a = top - ld; for (int c = 0; c < n; c++) a[c] = -a[c]; break;
      case CHEM_OP_ARRC: /* free row top + ld: the call this replaces had >= 2 arguments */
        arr_rows(n, m->arrc + 3 * (size_t)op->arg, lnT, invT, top + ld, top, chem_vexp_row);
        sp++;
        break;
      case CHEM_OP_K3RC: /* the air density on top of the stack, T from env; rows top ..
                          * top + 3 are free (the replaced call had >= 6 arguments) */
        troe_rows(n, m->arrc + 3 * (size_t)op->arg, lnT, top - ld, top, top + ld, top + 2 * ld,
                  top + 3 * ld, chem_vexp_row);
        break;
      case CHEM_OP_FUNC: {
        int na = chem_func_nargs(op->arg);
        if (op->arg == CHEM_FN_EXP) { /* vectorised exp (chem_vexp.c), top row as scratch */
          double *arg = top - ld;
          chem_vexp_row(n, 1.0, arg, top);
          for (int c = 0; c < n; c++) arg[c] = top[c];
          break;
        }
        double *base = top - (size_t)na * ld;
        for (int c = 0; c < n; c++) {
          for (int i = 0; i < na; i++) args[i] = base[(size_t)i * ld + c];
          double t = env->temp_k ? env->temp_k[cells[c]] : NAN;
          base[c] = rate_law(op->arg, args, t, m->cfactor);
        }
        sp -= na - 1;
        break;
      }
      default: break;
      }
    }
    double *kr = k + (size_t)r * ld;
    for (int c = 0; c < n; c++) kr[c] = stack[c];
    for (int i = m->rf_off[r]; i < m->rf_off[r + 1]; i++) {
      const double *x = fix + (size_t)m->rf_idx[i] * ld;
      for (int c = 0; c < n; c++) kr[c] *= x[c];
    }
  }
}

/* rate[r] = k[r] * prod of variable reactants (always inlined into the vectorised
 * clones of chem_k_fun) */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void reaction_rates(const chem_mech *m, int n, int ld, const double *restrict k,
                           const double *restrict y, double *restrict rate)
{
  for (int r = 0; r < m->nreact; r++) {
    const double *restrict kr = k + (size_t)r * ld;
    double *restrict rr = rate + (size_t)r * ld;
    int o = m->rv_off[r], cnt = m->rv_off[r + 1] - o;
    if (cnt == 1) {
      const double *restrict a = y + (size_t)m->rv_idx[o] * ld;
      for (int c = 0; c < n; c++) rr[c] = kr[c] * a[c];
    } else if (cnt == 2) {
      const double *restrict a = y + (size_t)m->rv_idx[o] * ld;
      const double *restrict b = y + (size_t)m->rv_idx[o + 1] * ld;
      for (int c = 0; c < n; c++) rr[c] = kr[c] * a[c] * b[c];
    } else {
      for (int c = 0; c < n; c++) rr[c] = kr[c];
      for (int i = o; i < o + cnt; i++) {
        const double *restrict a = y + (size_t)m->rv_idx[i] * ld;
        for (int c = 0; c < n; c++) rr[c] *= a[c];
      }
    }
  }
}

CHEM_HOT void chem_k_fun(const chem_mech *m, int n, int ld, const double *restrict k,
                const double *restrict y, double *restrict rate, double *restrict f)
{
  reaction_rates(m, n, ld, k, y, rate);
  for (int i = 0; i < m->nvar; i++) {
    double *restrict fi = f + (size_t)i * ld;
    for (int c = 0; c < n; c++) fi[c] = 0.0;
  }
  for (int t = 0; t < m->nft; t++) {
    double *restrict fi = f + (size_t)m->ft_var[t] * ld;
    const double *restrict rr = rate + (size_t)m->ft_react[t] * ld;
    const double cf = m->ft_coef[t];
    for (int c = 0; c < n; c++) fi[c] += cf * rr[c];
  }
}

CHEM_HOT void chem_k_jac(const chem_mech *m, int n, int ld, const double *restrict k,
                const double *restrict y, double *restrict dq, double *restrict jac, double scale)
{
  for (int q = 0; q < m->nq; q++) {
    double *restrict d = dq + (size_t)q * ld;
    const double *restrict kr = k + (size_t)m->dq_react[q] * ld;
    const double mult = m->dq_mult[q];
    int o = m->dq_off[q], cnt = m->dq_off[q + 1] - o;
    if (cnt == 0) {
      for (int c = 0; c < n; c++) d[c] = mult * kr[c];
    } else if (cnt == 1) {
      const double *restrict a = y + (size_t)m->dq_idx[o] * ld;
      for (int c = 0; c < n; c++) d[c] = mult * kr[c] * a[c];
    } else {
      for (int c = 0; c < n; c++) d[c] = mult * kr[c];
      for (int i = o; i < o + cnt; i++) {
        const double *restrict a = y + (size_t)m->dq_idx[i] * ld;
        for (int c = 0; c < n; c++) d[c] *= a[c];
      }
    }
  }
  for (int e = 0; e < m->lu_nnz; e++) {
    double *restrict j = jac + (size_t)e * ld;
    for (int c = 0; c < n; c++) j[c] = 0.0;
  }
  for (int t = 0; t < m->njt; t++) {
    double *restrict j = jac + (size_t)m->jt_lu[t] * ld;
    const double *restrict d = dq + (size_t)m->jt_q[t] * ld;
    const double cf = scale * m->jt_coef[t];
    for (int c = 0; c < n; c++) j[c] += cf * d[c];
  }
}

CHEM_HOT int chem_k_decomp(const chem_mech *m, int n, int ld, double *restrict a, double *restrict inv,
                  int *restrict sing)
{
  for (int i = 0; i < m->nvar; i++) {
    for (int p = m->row_piv_off[i]; p < m->row_piv_off[i + 1]; p++) {
      double *restrict aik = a + (size_t)m->piv_ik[p] * ld;
      const double *restrict ik = inv + (size_t)m->piv_k[p] * ld;
      for (int c = 0; c < n; c++) aik[c] *= ik[c];
      for (int u = m->piv_upd_off[p]; u < m->piv_upd_off[p + 1]; u++) {
        double *restrict dst = a + (size_t)m->upd_dst[u] * ld;
        const double *restrict src = a + (size_t)m->upd_src[u] * ld;
        for (int c = 0; c < n; c++) dst[c] -= aik[c] * src[c];
      }
    }
    const double *restrict di = a + (size_t)m->lu_diag[i] * ld;
    double *restrict ii = inv + (size_t)i * ld;
    for (int c = 0; c < n; c++) ii[c] = 1.0 / di[c];
  }
  int ns = 0;
  for (int c = 0; c < n; c++) sing[c] = 0;
  for (int i = 0; i < m->nvar; i++) {
    const double *ii = inv + (size_t)i * ld;
    for (int c = 0; c < n; c++)
      if (!isfinite(ii[c])) sing[c] = 1;
  }
  for (int c = 0; c < n; c++) ns += sing[c];
  return ns;
}

CHEM_HOT void chem_k_solve(const chem_mech *m, int n, int ld, const double *restrict a,
                  const double *restrict inv, double *restrict x)
{
  for (int i = 0; i < m->nvar; i++) {
    double *restrict xi = x + (size_t)i * ld;
    for (int e = m->lu_rowptr[i]; e < m->lu_diag[i]; e++) {
      const double *restrict ae = a + (size_t)e * ld;
      const double *restrict xj = x + (size_t)m->lu_col[e] * ld;
      for (int c = 0; c < n; c++) xi[c] -= ae[c] * xj[c];
    }
  }
  for (int i = m->nvar - 1; i >= 0; i--) {
    double *restrict xi = x + (size_t)i * ld;
    for (int e = m->lu_diag[i] + 1; e < m->lu_rowptr[i + 1]; e++) {
      const double *restrict ae = a + (size_t)e * ld;
      const double *restrict xj = x + (size_t)m->lu_col[e] * ld;
      for (int c = 0; c < n; c++) xi[c] -= ae[c] * xj[c];
    }
    const double *restrict ii = inv + (size_t)i * ld;
    for (int c = 0; c < n; c++) xi[c] *= ii[c];
  }
}

/* ------------------------------------------------------------ compile */

/* Compilation runs in stages, each a function of its own (declared in chem_impl.h so
 * that tests/model/chem/test_chem_build.c can run each one on hand-made input):
 *   copy_species        names, fixed/variable split, fixed numbering, initial values
 *   chem_build_jac_pattern   Jacobian pattern in natural variable order (+ diagonal)
 *   chem_build_symbolic_lu   fill-in of a pattern in a given elimination order
 *   chem_build_markowitz     greedy Markowitz elimination order
 *   chem_build_lu_csr        CSR of the filled pattern (+ dense position map)
 *   chem_build_lu_program    pivot / update lists of the row-oriented factorisation
 *   chem_build_reactions     rate bytecode (with the ARRC/K3RC peepholes), reactant
 *                            lists, RHS terms, Jacobian terms */

/* Symbolic LU (in place on a dense n*n 0/1 pattern, rows/cols in elimination order):
 * returns the number of nonzeros after fill-in. */
long chem_build_symbolic_lu(int n, unsigned char *P)
{
  for (int k = 0; k < n; k++)
    for (int i = k + 1; i < n; i++)
      if (P[(size_t)i * n + k])
        for (int j = k + 1; j < n; j++)
          if (P[(size_t)k * n + j]) P[(size_t)i * n + j] = 1;
  long nnz = 0;
  for (size_t e = 0; e < (size_t)n * n; e++) nnz += P[e];
  return nnz;
}

/* Greedy Markowitz order on pattern S (n*n, natural order); perm[new] = old. */
void chem_build_markowitz(int n, const unsigned char *S0, int *perm)
{
  unsigned char *S = malloc((size_t)n * n);
  unsigned char *done = calloc((size_t)n, 1);
  if (!S || !done) { /* fall back to natural order */
    for (int i = 0; i < n; i++) perm[i] = i;
    free(S);
    free(done);
    return;
  }
  memcpy(S, S0, (size_t)n * n);
  for (int step = 0; step < n; step++) {
    int best = -1;
    long bestcost = 0;
    for (int i = 0; i < n; i++) {
      if (done[i]) continue;
      long rc = 0, cc = 0;
      for (int j = 0; j < n; j++)
        if (!done[j]) {
          rc += S[(size_t)i * n + j];
          cc += S[(size_t)j * n + i];
        }
      long cost = (rc - 1) * (cc - 1);
      if (best < 0 || cost < bestcost) {
        best = i;
        bestcost = cost;
      }
    }
    perm[step] = best;
    done[best] = 1;
    for (int r = 0; r < n; r++)
      if (!done[r] && S[(size_t)r * n + best])
        for (int c = 0; c < n; c++)
          if (!done[c] && S[(size_t)best * n + c]) S[(size_t)r * n + c] = 1;
  }
  free(S);
  free(done);
}

void chem_mech_destroy(chem_mech **mp)
{
  if (!mp || !*mp) return;
  chem_mech *m = *mp;
  void *ptrs[] = {m->name, m->fixed, m->init, m->has_init, m->tag, m->phot, m->var_of_spec,
                  m->spec_of_var, m->fix_of_spec, m->spec_of_fix, m->rate_off, m->ops,
                  m->rf_off, m->rf_idx, m->rv_off, m->rv_idx, m->ft_var, m->ft_react,
                  m->ft_coef, m->dq_react, m->dq_off, m->dq_idx, m->dq_mult, m->jt_lu,
                  m->jt_q, m->jt_coef, m->lu_rowptr, m->lu_col, m->lu_diag, m->row_piv_off,
                  m->piv_ik, m->piv_k, m->piv_upd_off, m->upd_dst, m->upd_src, m->arrc};
  for (size_t i = 0; i < sizeof ptrs / sizeof ptrs[0]; i++) free(ptrs[i]);
  free(m);
  *mp = NULL;
}

#define ALLOC(p, cnt)                                                       \
  do {                                                                      \
    (p) = tf_calloc((size_t)(cnt) > 0 ? (size_t)(cnt) : 1, sizeof *(p), err); \
    if (!(p)) goto fail;                                                    \
  } while (0)

/* Species tables of m from d: names, fixed flags, initial values (times CFACTOR),
 * reaction tags, photolysis names, the fixed numbering fix_of_spec / spec_of_fix and
 * nvar / nfix. var_of_spec is set to -1 (filled once the order is known). */
static int copy_species(chem_mech *m, const chem_desc *d, tf_err *err)
{
  m->nspec = d->nspec;
  m->nreact = d->nreact;
  m->nphot = d->nphot;
  m->cfactor = d->cfactor;
  memcpy(m->var_used, d->var_used, sizeof m->var_used);
  ALLOC(m->name, d->nspec);
  ALLOC(m->fixed, d->nspec);
  ALLOC(m->init, d->nspec);
  ALLOC(m->has_init, d->nspec);
  ALLOC(m->tag, d->nreact);
  ALLOC(m->phot, d->nphot);
  ALLOC(m->var_of_spec, d->nspec);
  ALLOC(m->fix_of_spec, d->nspec);
  for (int i = 0; i < d->nspec; i++) {
    memcpy(m->name[i], d->spec[i].name, CHEM_NAME_LEN);
    m->fixed[i] = d->spec[i].fixed;
    m->has_init[i] = d->spec[i].has_init;
    m->init[i] = d->spec[i].has_init ? d->spec[i].init * d->cfactor : 0.0;
    m->var_of_spec[i] = m->fix_of_spec[i] = -1;
    if (m->fixed[i]) m->fix_of_spec[i] = m->nfix++;
    else m->nvar++;
  }
  for (int r = 0; r < d->nreact; r++) memcpy(m->tag[r], d->react[r].tag, CHEM_NAME_LEN);
  for (int k = 0; k < d->nphot; k++) memcpy(m->phot[k], d->phot[k], CHEM_NAME_LEN);
  if (m->nvar == 0)
    return tf_err_set(err, TF_EINVAL, "%s: mechanism has no variable species", d->source);
  ALLOC(m->spec_of_fix, m->nfix);
  for (int i = 0; i < d->nspec; i++)
    if (m->fixed[i]) m->spec_of_fix[m->fix_of_spec[i]] = i;
  return TF_OK;
fail:
  return TF_ENOMEM;
}

/* Net stoichiometric change of every variable of reaction R: net[var[spec]] over
 * nv variables (var[s] < 0: fixed species, ignored). */
static void net_change(const chem_reaction *R, const int *var, int nv, double *net)
{
  memset(net, 0, (size_t)nv * sizeof *net);
  for (int i = 0; i < R->nreac; i++) {
    int v = var[R->reac[i].spec];
    if (v >= 0) net[v] -= R->reac[i].coef;
  }
  for (int i = 0; i < R->nprod; i++) {
    int v = var[R->prod[i].spec];
    if (v >= 0) net[v] += R->prod[i].coef;
  }
}

int chem_build_jac_pattern(const chem_desc *d, const int *nat_of_spec, int nv, unsigned char *S,
                           double *net, tf_err *err)
{
  memset(S, 0, (size_t)nv * nv);
  for (int i = 0; i < nv; i++) S[(size_t)i * nv + i] = 1;
  for (int r = 0; r < d->nreact; r++) {
    const chem_reaction *R = &d->react[r];
    for (int i = 0; i < R->nreac; i++) {
      double c = R->reac[i].coef;
      if (fabs(c - floor(c + 0.5)) > 1e-12 || c < 1)
        return tf_err_set(err, TF_EINVAL, "%s: reaction <%s>: reactant %s has non-integer coefficient %g",
                          R->where, R->tag, d->spec[R->reac[i].spec].name, c);
    }
    net_change(R, nat_of_spec, nv, net);
    for (int i = 0; i < R->nreac; i++) {
      int j = nat_of_spec[R->reac[i].spec];
      if (j < 0) continue;
      for (int v = 0; v < nv; v++)
        if (fabs(net[v]) > 1e-12) S[(size_t)v * nv + j] = 1;
    }
  }
  return TF_OK;
}

int chem_build_lu_csr(chem_mech *m, const unsigned char *F, int *lupos, tf_err *err)
{
  const int nv = m->nvar;
  m->lu_nnz = 0;
  for (size_t e = 0; e < (size_t)nv * nv; e++) m->lu_nnz += F[e];
  ALLOC(m->lu_rowptr, nv + 1);
  ALLOC(m->lu_col, m->lu_nnz);
  ALLOC(m->lu_diag, nv);
  int e = 0;
  for (int i = 0; i < nv; i++) {
    m->lu_rowptr[i] = e;
    for (int j = 0; j < nv; j++) {
      lupos[(size_t)i * nv + j] = -1;
      if (F[(size_t)i * nv + j]) {
        if (i == j) m->lu_diag[i] = e;
        lupos[(size_t)i * nv + j] = e;
        m->lu_col[e++] = j;
      }
    }
  }
  m->lu_rowptr[nv] = e;
  return TF_OK;
fail:
  return TF_ENOMEM;
}

int chem_build_lu_program(chem_mech *m, const int *lupos, tf_err *err)
{
  const int nv = m->nvar;
  int npiv = 0, nupd = 0;
  for (int i = 0; i < nv; i++)
    for (int e = m->lu_rowptr[i]; e < m->lu_diag[i]; e++) {
      int k = m->lu_col[e];
      npiv++;
      nupd += m->lu_rowptr[k + 1] - m->lu_diag[k] - 1;
    }
  m->npiv = npiv;
  m->nupd = nupd;
  ALLOC(m->row_piv_off, nv + 1);
  ALLOC(m->piv_ik, npiv);
  ALLOC(m->piv_k, npiv);
  ALLOC(m->piv_upd_off, npiv + 1);
  ALLOC(m->upd_dst, nupd);
  ALLOC(m->upd_src, nupd);
  int p = 0, u = 0;
  for (int i = 0; i < nv; i++) {
    m->row_piv_off[i] = p;
    for (int e = m->lu_rowptr[i]; e < m->lu_diag[i]; e++) {
      int k = m->lu_col[e];
      m->piv_ik[p] = e;
      m->piv_k[p] = k;
      m->piv_upd_off[p] = u;
      for (int f = m->lu_diag[k] + 1; f < m->lu_rowptr[k + 1]; f++) {
        int j = m->lu_col[f];
        m->upd_dst[u] = lupos[(size_t)i * nv + j]; /* exists: fill-in closed */
        m->upd_src[u] = f;
        u++;
      }
      p++;
    }
  }
  m->row_piv_off[nv] = p;
  m->piv_upd_off[p] = u;
  return TF_OK;
fail:
  return TF_ENOMEM;
}

/* Sizes of the reaction tables of d, and their allocation. */
static int alloc_reactions(chem_mech *m, const chem_desc *d, tf_err *err)
{
  int nops = 0, nrf = 0, nrv = 0, nft = 0, nq = 0, ndq = 0, njt = 0;
  for (int r = 0; r < d->nreact; r++) {
    const chem_reaction *R = &d->react[r];
    nops += R->rate.nops;
    int rvr = 0, qr = 0; /* variable reactant molecules, distinct variable reactants */
    for (int i = 0; i < R->nreac; i++) {
      int cnt = (int)floor(R->reac[i].coef + 0.5);
      if (m->fixed[R->reac[i].spec]) nrf += cnt;
      else {
        rvr += cnt;
        qr++;
      }
    }
    nrv += rvr;
    nq += qr;
    ndq += qr * (rvr > 1 ? rvr - 1 : 0);
    njt += qr * (R->nreac + R->nprod); /* bound: species with nonzero net change */
    nft += R->nreac + R->nprod;
  }
  ALLOC(m->rate_off, d->nreact + 1);
  ALLOC(m->ops, nops);
  ALLOC(m->arrc, 6 * (size_t)nops);
  ALLOC(m->rf_off, d->nreact + 1);
  ALLOC(m->rf_idx, nrf);
  ALLOC(m->rv_off, d->nreact + 1);
  ALLOC(m->rv_idx, nrv);
  ALLOC(m->ft_var, nft);
  ALLOC(m->ft_react, nft);
  ALLOC(m->ft_coef, nft);
  ALLOC(m->dq_react, nq);
  ALLOC(m->dq_off, nq + 1);
  ALLOC(m->dq_mult, nq);
  ALLOC(m->dq_idx, ndq);
  ALLOC(m->jt_lu, njt);
  ALLOC(m->jt_q, njt);
  ALLOC(m->jt_coef, njt);
  return TF_OK;
fail:
  return TF_ENOMEM;
}

/* Peephole on the op just appended (m->ops[*o - 1], a FUNC of reaction starting at
 * ops[start]): an Arrhenius-type call whose arguments are all constants becomes one
 * ARRC op, evaluated by arr_rows over the batch. */
static void peephole_arrc(chem_mech *m, int start, int *o)
{
  const chem_op op = m->ops[*o - 1];
  int na = chem_func_nargs(op.arg), allc = *o - 1 - na >= start;
  for (int q = 1; q <= na && allc; q++) allc = m->ops[*o - 1 - q].code == CHEM_OP_CONST;
  double a[3] = {0, 0, 0}, abc[3];
  for (int q = 0; q < na && q < 3 && allc; q++) a[q] = m->ops[*o - 1 - na + q].val;
  if (allc && arr_law(op.arg, a, abc)) {
    *o -= na + 1;
    memcpy(m->arrc + 3 * (size_t)m->narrc, abc, sizeof abc);
    m->ops[(*o)++] = (chem_op){.code = CHEM_OP_ARRC, .arg = m->narrc++};
  }
}

/* Peephole (after peephole_arrc, which leaves such calls alone): Troe fall-off with
 * TEMP, a single-op air density and constant parameters:
 * k_3rd/k_3rd_iupac(TEMP, M, k0, n, kinf, m, fc) or TROE(k0, n, kinf, m, TEMP, M)
 * becomes [M][K3RC] (two arrc slots hold the 6 parameters). */
static void peephole_k3rc(chem_mech *m, int start, int *o)
{
  const chem_op op = m->ops[*o - 1];
  int na = chem_func_nargs(op.arg);
  int f3 = op.arg, base = *o - 1 - na, it, im;
  if (troe_form(f3, &it, &im) && base >= start) {
    const chem_op *A = m->ops + base;
    int good = A[it].code == CHEM_OP_VAR && A[it].arg == CHEM_VAR_TEMP &&
               (A[im].code == CHEM_OP_VAR || A[im].code == CHEM_OP_SPEC);
    double a[8] = {0};
    for (int q = 0; q < na && good; q++) {
      if (q == it || q == im) continue;
      good = A[q].code == CHEM_OP_CONST;
      if (good) a[q] = A[q].val;
    }
    troe_law L = troe_law_of(f3, a);
    if (good && L.fc > 0) {
      double q6[6];
      troe_vector(&L, q6);
      chem_op mop = A[im];
      *o = base;
      m->ops[(*o)++] = mop;
      memcpy(m->arrc + 3 * (size_t)m->narrc, q6, sizeof q6);
      m->ops[(*o)++] = (chem_op){.code = CHEM_OP_K3RC, .arg = m->narrc};
      m->narrc += 2;
      m->var_used[CHEM_VAR_TEMP] = 1;
    }
  }
}

/* Rate bytecode of reaction r appended at m->ops[*o]: SPEC arguments renumbered to
 * fixed indices, stack depth checked (deepest point into *maxst), peepholes applied. */
static int compile_rate(chem_mech *m, const chem_desc *d, int r, int *o, int *maxst, tf_err *err)
{
  const chem_reaction *R = &d->react[r];
  m->rate_off[r] = *o;
  int sp = 0;
  for (int i = 0; i < R->rate.nops; i++) {
    chem_op op = R->rate.ops[i];
    switch (op.code) {
    case CHEM_OP_CONST: case CHEM_OP_VAR: case CHEM_OP_PHOT: sp++; break;
    case CHEM_OP_SPEC:
      if (op.arg < 0 || op.arg >= d->nspec || !m->fixed[op.arg])
        return tf_err_set(err, TF_EINVAL, "%s: reaction <%s>: rate uses a non-fixed species", R->where, R->tag);
      op.arg = m->fix_of_spec[op.arg];
      sp++;
      break;
    case CHEM_OP_NEG: break;
    case CHEM_OP_FUNC:
      if (uses_temp(op.arg)) m->var_used[CHEM_VAR_TEMP] = 1;
      sp -= chem_func_nargs(op.arg) - 1;
      break;
    default: sp--; break;
    }
    if (op.code == CHEM_OP_PHOT && (op.arg < 0 || op.arg >= d->nphot)) sp = -100;
    if (sp < 1)
      return tf_err_set(err, TF_EINVAL, "%s: reaction <%s>: malformed rate bytecode", R->where, R->tag);
    if (sp > *maxst) *maxst = sp;
    m->ops[(*o)++] = op;
    if (op.code == CHEM_OP_FUNC) {
      peephole_arrc(m, m->rate_off[r], o);
      peephole_k3rc(m, m->rate_off[r], o);
    }
  }
  if (sp != 1)
    return tf_err_set(err, TF_EINVAL, "%s: reaction <%s>: malformed rate bytecode", R->where, R->tag);
  return TF_OK;
}

/* Sort RHS terms by target species for locality (stable insertion by var). */
static void sort_rhs_terms(chem_mech *m)
{
  for (int t = 1; t < m->nft; t++) {
    int v = m->ft_var[t], rr = m->ft_react[t];
    double cf = m->ft_coef[t];
    int s = t - 1;
    while (s >= 0 && m->ft_var[s] > v) {
      m->ft_var[s + 1] = m->ft_var[s];
      m->ft_react[s + 1] = m->ft_react[s];
      m->ft_coef[s + 1] = m->ft_coef[s];
      s--;
    }
    m->ft_var[s + 1] = v;
    m->ft_react[s + 1] = rr;
    m->ft_coef[s + 1] = cf;
  }
}

int chem_build_reactions(chem_mech *m, const chem_desc *d, const int *lupos, double *net, tf_err *err)
{
  const int nv = m->nvar;
  int rc = alloc_reactions(m, d, err);
  if (rc) return rc;
  int o = 0, a = 0, b = 0, q = 0, di = 0, jt = 0;
  m->nft = 0;
  int maxst = 1;
  for (int r = 0; r < d->nreact; r++) {
    const chem_reaction *R = &d->react[r];
    rc = compile_rate(m, d, r, &o, &maxst, err);
    if (rc) return rc;
    /* reactants */
    m->rf_off[r] = a;
    m->rv_off[r] = b;
    for (int i = 0; i < R->nreac; i++) {
      int s = R->reac[i].spec, cnt = (int)floor(R->reac[i].coef + 0.5);
      for (int c = 0; c < cnt; c++) {
        if (m->fixed[s]) m->rf_idx[a++] = m->fix_of_spec[s];
        else m->rv_idx[b++] = m->var_of_spec[s];
      }
    }
    /* net stoichiometry over internal variables */
    net_change(R, m->var_of_spec, nv, net);
    for (int v = 0; v < nv; v++)
      if (fabs(net[v]) > 1e-12) {
        m->ft_var[m->nft] = v;
        m->ft_react[m->nft] = r;
        m->ft_coef[m->nft] = net[v];
        m->nft++;
      }
    /* derivatives w.r.t. each distinct variable reactant */
    for (int i = 0; i < R->nreac; i++) {
      int s = R->reac[i].spec;
      if (m->fixed[s]) continue;
      int vs = m->var_of_spec[s];
      m->dq_react[q] = r;
      m->dq_off[q] = di;
      m->dq_mult[q] = floor(R->reac[i].coef + 0.5);
      int skipped = 0;
      for (int e = m->rv_off[r]; e < b; e++) {
        if (m->rv_idx[e] == vs && !skipped) {
          skipped = 1;
          continue;
        }
        m->dq_idx[di++] = m->rv_idx[e];
      }
      for (int v = 0; v < nv; v++)
        if (fabs(net[v]) > 1e-12) {
          m->jt_lu[jt] = lupos[(size_t)v * nv + vs];
          m->jt_q[jt] = q;
          m->jt_coef[jt] = net[v];
          jt++;
        }
      q++;
    }
  }
  m->rate_off[d->nreact] = o;
  m->rf_off[d->nreact] = a;
  m->rv_off[d->nreact] = b;
  m->dq_off[q] = di;
  m->nq = q;
  m->njt = jt;
  m->max_stack = maxst + 3; /* + a free row above the deepest point (vectorised EXP)
                               + scratch rows for 1/T and ln(T/300) */
  sort_rhs_terms(m);
  return TF_OK;
}

chem_mech *chem_mech_create(const chem_desc *d, tf_err *err)
{
  chem_mech *m = tf_calloc(1, sizeof *m, err);
  unsigned char *S = NULL, *F = NULL;
  int *perm = NULL, *lupos = NULL;
  double *net = NULL;
  if (!m) return NULL;
  if (copy_species(m, d, err)) goto fail;
  const int nv = m->nvar;

  /* natural variable numbering, then the Jacobian pattern */
  ALLOC(perm, 3 * (size_t)nv + 2 * (size_t)d->nspec);
  int *nat_of_spec = perm + nv, *spec_of_nat = nat_of_spec + d->nspec;
  for (int i = 0, v = 0; i < d->nspec; i++) {
    nat_of_spec[i] = -1;
    if (!m->fixed[i]) {
      spec_of_nat[v] = i;
      nat_of_spec[i] = v++;
    }
  }
  ALLOC(S, (size_t)nv * nv);
  ALLOC(net, (size_t)nv);
  if (chem_build_jac_pattern(d, nat_of_spec, nv, S, net, err)) goto fail;
  for (size_t e = 0; e < (size_t)nv * nv; e++) m->nnz_jac += S[e];
  /* natural-order fill-in, for the statistics */
  ALLOC(F, (size_t)nv * nv);
  memcpy(F, S, (size_t)nv * nv);
  m->nnz_lu_natural = (int)chem_build_symbolic_lu(nv, F);
  /* Markowitz order: perm[new] = natural index */
  chem_build_markowitz(nv, S, perm);
  ALLOC(m->spec_of_var, nv);
  for (int v = 0; v < nv; v++) {
    m->spec_of_var[v] = spec_of_nat[perm[v]];
    m->var_of_spec[m->spec_of_var[v]] = v;
  }
  for (int a = 0; a < nv; a++)
    for (int b = 0; b < nv; b++) F[(size_t)a * nv + b] = S[(size_t)perm[a] * nv + perm[b]];
  chem_build_symbolic_lu(nv, F);
  ALLOC(lupos, (size_t)nv * nv);
  if (chem_build_lu_csr(m, F, lupos, err)) goto fail;
  if (chem_build_lu_program(m, lupos, err)) goto fail;
  if (chem_build_reactions(m, d, lupos, net, err)) goto fail;
  free(S);
  free(F);
  free(perm);
  free(lupos);
  free(net);
  return m;
fail:
  free(S);
  free(F);
  free(perm);
  free(lupos);
  free(net);
  chem_mech_destroy(&m);
  return NULL;
}

/* ------------------------------------------------------------ queries */

int chem_mech_nspec(const chem_mech *m) { return m->nspec; }
int chem_mech_nvar(const chem_mech *m) { return m->nvar; }
int chem_mech_nreact(const chem_mech *m) { return m->nreact; }
const char *chem_mech_spec_name(const chem_mech *m, int i)
{
  return i >= 0 && i < m->nspec ? m->name[i] : NULL;
}
int chem_mech_find(const chem_mech *m, const char *name)
{
  for (int i = 0; i < m->nspec; i++)
    if (strcmp(m->name[i], name) == 0) return i;
  return -1;
}
int chem_mech_is_fixed(const chem_mech *m, int i) { return i >= 0 && i < m->nspec && m->fixed[i]; }
const char *chem_mech_react_tag(const chem_mech *m, int r)
{
  return r >= 0 && r < m->nreact ? m->tag[r] : NULL;
}
int chem_mech_nphot(const chem_mech *m) { return m->nphot; }
const char *chem_mech_phot_name(const chem_mech *m, int k)
{
  return k >= 0 && k < m->nphot ? m->phot[k] : NULL;
}
int chem_mech_find_phot(const chem_mech *m, const char *name)
{
  for (int k = 0; k < m->nphot; k++)
    if (strcmp(m->phot[k], name) == 0) return k;
  return -1;
}
int chem_mech_uses_var(const chem_mech *m, chem_var_id v)
{
  return v >= 0 && v < CHEM_NVARS && m->var_used[v];
}
int chem_mech_init_value(const chem_mech *m, int i, double *value)
{
  if (i < 0 || i >= m->nspec) return 0;
  *value = m->init[i];
  return m->has_init[i];
}
double chem_mech_cfactor(const chem_mech *m) { return m->cfactor; }

void chem_mech_sparsity(const chem_mech *m, chem_sparsity *s)
{
  s->nvar = m->nvar;
  s->nnz_jac = m->nnz_jac;
  s->nnz_lu = m->lu_nnz;
  s->nnz_lu_natural = m->nnz_lu_natural;
  s->n_lu_ops = m->npiv + m->nupd;
}

int chem_mech_check_env(const chem_mech *m, const chem_env *env, tf_err *err)
{
  const double *p[CHEM_NVARS] = {[CHEM_VAR_TEMP] = env->temp_k, [CHEM_VAR_M] = env->m_molec_cm3,
                                 [CHEM_VAR_O2] = env->o2, [CHEM_VAR_N2] = env->n2,
                                 [CHEM_VAR_H2O] = env->h2o, [CHEM_VAR_SUN] = env->sun};
  for (int v = 0; v < CHEM_VAR_CFACTOR; v++)
    if (m->var_used[v] && !p[v])
      return tf_err_set(err, TF_EINVAL, "chemistry: the mechanism uses %s but chem_env.%s is NULL",
                        chem_var_name(v),
                        v == 0 ? "temp_k" : v == 1 ? "m_molec_cm3" : v == 2 ? "o2" : v == 3 ? "n2" : v == 4 ? "h2o" : "sun");
  for (int k = 0; k < m->nphot; k++)
    if (!env->jrate || !env->jrate[k])
      return tf_err_set(err, TF_EINVAL, "chemistry: the mechanism uses J(%s) but chem_env.jrate[%d] is NULL",
                        m->phot[k], k);
  return TF_OK;
}

/* ------------------------------------------------------------ one cell */

typedef struct cell_ws {
  double *y, *fix, *k, *stack, *rate, *f, *dq, *a, *inv;
} cell_ws;

static int cell_setup(const chem_mech *m, const chem_env *env, int cell, const double *conc,
                      cell_ws *w, tf_err *err)
{
  int rc = chem_mech_check_env(m, env, err);
  if (rc) return rc;
  size_t tot = (size_t)m->nvar * 3 + (size_t)m->nfix + (size_t)m->nreact * 2 + (size_t)m->max_stack +
               (size_t)m->nq + (size_t)m->lu_nnz + (size_t)m->nvar + 1;
  double *b = tf_calloc(tot, sizeof *b, err);
  if (!b) return TF_ENOMEM;
  w->y = b; b += m->nvar;
  w->f = b; b += m->nvar;
  w->inv = b; b += m->nvar;
  w->fix = b; b += m->nfix;
  w->k = b; b += m->nreact;
  w->rate = b; b += m->nreact;
  w->stack = b; b += m->max_stack;
  w->dq = b; b += m->nq;
  w->a = b;
  for (int v = 0; v < m->nvar; v++) w->y[v] = conc[m->spec_of_var[v]];
  for (int f = 0; f < m->nfix; f++) w->fix[f] = conc[m->spec_of_fix[f]];
  chem_k_rates(m, env, &cell, 1, 1, w->fix, w->k, w->stack);
  return TF_OK;
}

int chem_mech_eval_cell(const chem_mech *m, const chem_env *env, int cell, const double *conc,
                        double *k, double *dcdt, double *jac, double *prod, double *loss,
                        tf_err *err)
{
  cell_ws w;
  int rc = cell_setup(m, env, cell, conc, &w, err);
  if (rc) return rc;
  int ns = m->nspec;
  if (k) memcpy(k, w.k, (size_t)m->nreact * sizeof *k);
  chem_k_fun(m, 1, 1, w.k, w.y, w.rate, w.f);
  if (dcdt) {
    for (int i = 0; i < ns; i++) dcdt[i] = 0;
    for (int v = 0; v < m->nvar; v++) dcdt[m->spec_of_var[v]] = w.f[v];
  }
  if (prod || loss) {
    if (prod) for (int i = 0; i < ns; i++) prod[i] = 0;
    if (loss) for (int i = 0; i < ns; i++) loss[i] = 0;
    for (int t = 0; t < m->nft; t++) {
      double x = m->ft_coef[t] * w.rate[m->ft_react[t]];
      int s = m->spec_of_var[m->ft_var[t]];
      if (x >= 0 && prod) prod[s] += x;
      if (x < 0 && loss) loss[s] -= x;
    }
  }
  if (jac) {
    chem_k_jac(m, 1, 1, w.k, w.y, w.dq, w.a, 1.0);
    for (size_t e = 0; e < (size_t)ns * ns; e++) jac[e] = 0;
    for (int i = 0; i < m->nvar; i++)
      for (int e = m->lu_rowptr[i]; e < m->lu_rowptr[i + 1]; e++)
        jac[(size_t)m->spec_of_var[i] * ns + m->spec_of_var[m->lu_col[e]]] = w.a[e];
  }
  free(w.y);
  return TF_OK;
}

int chem_mech_newton_solve_cell(const chem_mech *m, const chem_env *env, int cell,
                                const double *conc, double hgamma, const double *rhs, double *x,
                                tf_err *err)
{
  cell_ws w;
  int rc = cell_setup(m, env, cell, conc, &w, err);
  if (rc) return rc;
  chem_k_jac(m, 1, 1, w.k, w.y, w.dq, w.a, -hgamma);
  for (int i = 0; i < m->nvar; i++) w.a[m->lu_diag[i]] += 1.0;
  int sing;
  if (chem_k_decomp(m, 1, 1, w.a, w.inv, &sing)) {
    free(w.y);
    return tf_err_set(err, TF_ENUMERIC, "chemistry: Newton matrix singular (cell %d)", cell);
  }
  for (int v = 0; v < m->nvar; v++) w.f[v] = rhs[m->spec_of_var[v]];
  chem_k_solve(m, 1, 1, w.a, w.inv, w.f);
  for (int i = 0; i < m->nspec; i++) x[i] = 0;
  for (int v = 0; v < m->nvar; v++) x[m->spec_of_var[v]] = w.f[v];
  free(w.y);
  return TF_OK;
}
