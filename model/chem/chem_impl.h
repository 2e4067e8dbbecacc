/* chem_impl.h — private layout of a compiled mechanism and its batch kernels, shared
 * by mechanism.c (compile, single-cell API) and rosenbrock.c (the solver). Not part of
 * the public API.
 *
 * Batch arrays are structure-of-arrays: x[i*ld + c] holds item i (species, reaction,
 * LU nonzero) of lane c, for lanes c = 0..n-1, n <= ld. Internal variable-species
 * indices are the Markowitz-permuted order; public (desc) indices map through
 * var_of_spec / spec_of_var. */
#ifndef CHEM_IMPL_H
#define CHEM_IMPL_H

#include "model/chem/mechanism.h"
#include "model/chem/rosenbrock.h"

struct chem_mech {
  int nspec, nvar, nfix, nreact, nphot;
  char (*name)[CHEM_NAME_LEN];
  int *fixed;              /* [nspec] */
  double *init;            /* [nspec] molec/cm3 (init*cfactor) */
  int *has_init;           /* [nspec] */
  double cfactor;
  char (*tag)[CHEM_NAME_LEN]; /* [nreact] */
  char (*phot)[CHEM_NAME_LEN];/* [nphot] */
  int var_used[CHEM_NVARS];
  int *var_of_spec;        /* [nspec] internal var index or -1 */
  int *spec_of_var;        /* [nvar] */
  int *fix_of_spec;        /* [nspec] fixed index or -1 */
  int *spec_of_fix;        /* [nfix] */

  /* rate bytecode, per reaction ops[rate_off[r] .. rate_off[r+1]) ; SPEC args are
   * fixed indices after compilation */
  int *rate_off;
  chem_op *ops;
  int max_stack;           /* stack rows: depth + 1 free row + 2 scratch rows (1/T, ln(T/300)) */
  /* Arrhenius calls with constant arguments are compiled to the private op
   * CHEM_OP_ARRC: push arrc[3a] * exp(arrc[3a+2] ln(T/300) - arrc[3a+1] / T); Troe
   * fall-off calls with constant parameters to CHEM_OP_K3RC (6 values at arrc[3a]) */
  int narrc;
  double *arrc;
  /* fixed reactants (with repetition for coefficient > 1): folded into k */
  int *rf_off, *rf_idx;
  /* variable reactants (with repetition): rate = k * prod y[rv_idx] */
  int *rv_off, *rv_idx;
  /* f[i] += coef * rate[r]  (net stoichiometry, sorted by i) */
  int nft;
  int *ft_var, *ft_react;
  double *ft_coef;
  /* derivative of reaction rate r with respect to distinct variable reactant:
   * dq = mult * k[r] * prod y[dq_idx[dq_off[q] .. dq_off[q+1])] */
  int nq;
  int *dq_react, *dq_off, *dq_idx;
  double *dq_mult;
  /* Jacobian: J[lu index jt_lu] += jt_coef * dq[jt_q] */
  int njt;
  int *jt_lu, *jt_q;
  double *jt_coef;
  /* LU pattern (CSR over internal order, incl. fill-in, columns sorted) */
  int lu_nnz;
  int *lu_rowptr, *lu_col, *lu_diag;
  int nnz_jac, nnz_lu_natural;
  /* factorisation program: for row i, for each k < i in row i:
   *   piv = lu_op_pivot[p] (index of a_ik), kdiag = k ; then lu_op_nupd[p] updates
   *   a[upd_dst] -= a_ik * a[upd_src]. */
  int npiv;
  int *row_piv_off;        /* [nvar+1] pivots of row i: row_piv_off[i]..row_piv_off[i+1]-1 */
  int *piv_ik, *piv_k, *piv_upd_off; /* updates of pivot p: piv_upd_off[p]..[p+1]-1 */
  int nupd;
  int *upd_dst, *upd_src;
  /* ordered per row for solves: lower part row i = lu_rowptr[i]..lu_diag[i]-1, upper
   * part lu_diag[i]+1..lu_rowptr[i+1]-1 */
};

#define CHEM_OP_ARRC 100 /* private op codes (see arrc) */
#define CHEM_OP_K3RC 101

/* Hot kernels are compiled twice, for x86-64-v3 (AVX2) and the baseline, and picked at
 * load time by the CPU (GCC function multi-versioning); the project's baseline flags
 * (-march=x86-64-v2) would otherwise limit vectors to two doubles. Results are identical
 * across lanes either way (ISO C mode: no FMA contraction). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define CHEM_HOT __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define CHEM_HOT
#endif

/* ---- batch kernels (n lanes, leading dimension ld) ---- */
/* Rate constants k[nreact][ld], fixed-reactant concentrations folded in.
 * fix[nfix][ld] fixed concentrations of these lanes; cells[c] = env index of lane c.
 * stack: scratch of max_stack*ld doubles. */
void chem_k_rates(const chem_mech *m, const chem_env *env, const int *cells, int n, int ld,
                  const double *fix, double *k, double *stack);
/* out[c] = a exp(x[c]), c < n, vectorised (chem_vexp.c); the scalar exp it uses is
 * exposed for its accuracy test */
void chem_vexp_row(int n, double a, const double *restrict x, double *restrict out);
double chem_vexp_for_tests(double x);
/* f[nvar][ld] = dy/dt; rate scratch [nreact][ld]. */
void chem_k_fun(const chem_mech *m, int n, int ld, const double *k, const double *y,
                double *rate, double *f);
/* jac[lu_nnz][ld] = scale * J (zero where J has no entry incl. fill-in); dq scratch
 * [nq][ld]. */
void chem_k_jac(const chem_mech *m, int n, int ld, const double *k, const double *y,
                double *dq, double *jac, double scale);
/* In place: a = LU factors; inv[nvar][ld] = 1/diag. sing[c] set to 1 for lanes with a
 * zero or non-finite pivot. Returns number of singular lanes. */
int chem_k_decomp(const chem_mech *m, int n, int ld, double *a, double *inv, int *sing);
/* x := (LU)^-1 x, x[nvar][ld]. */
void chem_k_solve(const chem_mech *m, int n, int ld, const double *a, const double *inv,
                  double *x);
/* ---- compilation stages of chem_mech_create (mechanism.c), in the order it runs them;
 * internal, exposed for tests/model/chem/test_chem_build.c. Dense patterns are n*n
 * unsigned char 0/1 arrays, row-major, P[i*n + j] = 1 if row i has column j. ---- */
/* Jacobian pattern S (nv*nv, natural variable order, nat_of_spec[spec] = variable or -1
 * for fixed species) of the mass-action ODE of d, with the full diagonal: S[v*nv + j] = 1
 * if some reaction with variable reactant j changes variable v. net: scratch [nv].
 * TF_EINVAL if a reactant coefficient is not a positive integer. */
int chem_build_jac_pattern(const chem_desc *d, const int *nat_of_spec, int nv, unsigned char *S,
                           double *net, tf_err *err);
/* Symbolic Gaussian elimination in place (pivots in index order): P gets its fill-in;
 * returns the number of nonzeros after fill-in. */
long chem_build_symbolic_lu(int n, unsigned char *P);
/* Greedy Markowitz elimination order of pattern S: perm[new] = old. */
void chem_build_markowitz(int n, const unsigned char *S, int *perm);
/* CSR of the filled pattern F (m->nvar rows): sets lu_nnz, lu_rowptr, lu_col (sorted),
 * lu_diag, and lupos[i*nvar + j] = CSR index of (i,j) or -1. */
int chem_build_lu_csr(chem_mech *m, const unsigned char *F, int *lupos, tf_err *err);
/* Factorisation program (npiv, row_piv_off, piv_ik, piv_k, piv_upd_off, nupd, upd_dst,
 * upd_src) of the CSR pattern of m; F must be closed under fill-in. */
int chem_build_lu_program(chem_mech *m, const int *lupos, tf_err *err);
/* Reaction tables of m from d: rate bytecode (rate_off, ops, arrc, max_stack), reactant
 * lists (rf_*, rv_*), RHS terms (ft_*, sorted by variable), derivative and Jacobian
 * terms (dq_*, jt_*). Needs the species tables, var_of_spec and lupos. net: scratch
 * [nvar]. */
int chem_build_reactions(chem_mech *m, const chem_desc *d, const int *lupos, double *net, tf_err *err);
/* ---- Rosenbrock step stages (rosenbrock.c), in the order its integrate_batch runs
 * them; internal, exposed for tests/model/chem/test_chem_ros_stages.c. Batch arrays as
 * above ([item][ld], lanes c < n); K holds the stages, K[(j*nvar + v)*ld + c]. ---- */
typedef struct chem_ros_method {
  const char *name;
  int order, s;
  double A[15], C[15]; /* strictly lower triangular, row-wise: (i,j) -> i(i-1)/2 + j */
  double M[6], E[6], gamma1, elo;
  int newf[6];         /* stage i evaluates f anew (else re-uses the previous one) */
} chem_ros_method;
/* Coefficients of a chem_method (NULL if out of range). */
const chem_ros_method *chem_ros_method_coeffs(int method);

/* Per-thread workspace of a batch of up to ld lanes. */
typedef struct chem_ros_ws {
  int ld;
  double *y, *ynew, *fcn0, *fcn, *K, *atol, *G, *inv, *k, *rate, *fix, *stack, *dq;
  double *t, *h, *err, *hwant, *hinv;
  int *cell, *rejlast, *rejmore, *nstep, *sing, *state;
  double *mem;
  int *imem;
} chem_ros_ws;
int chem_ros_ws_alloc(chem_ros_ws *w, const chem_mech *m, int ld); /* TF_OK / TF_ENOMEM */
void chem_ros_ws_free(chem_ros_ws *w);

/* G = 1/(h[c] gamma1) I - J(y) (J from k, y; dq scratch [nq][ld], diag scratch [ld]),
 * then LU in place with inv = 1/diag; sing[c] = 1 on singular lanes, returns their
 * number. */
int chem_ros_matrix(const chem_mech *m, double gamma1, int n, int ld, const double *k,
                    const double *y, const double *h, double *dq, double *G, double *inv,
                    int *sing, double *diag);
/* Stage si's argument ynew = y + sum_{j<si} A_ij K_j. */
void chem_ros_stage_state(const chem_ros_method *R, int si, int nv, int n, int ld,
                          const double *y, const double *K, double *ynew);
/* Stage si's right-hand side Ki = F + sum_{j<si} C_ij hinv[c] K_j. */
void chem_ros_stage_rhs(const chem_ros_method *R, int si, int nv, int n, int ld,
                        const double *F, const double *K, const double *hinv, double *Ki);
/* All stages of one step of w's lanes 0..n-1 from w->y, w->h, w->fcn0 = f(y) and the
 * factorised w->G, w->inv: sets w->hinv, w->K (stage solves: G K_i = rhs_i), uses
 * w->ynew, w->fcn, w->rate as scratch; counts function evaluations and solves in st. */
void chem_ros_stages(const chem_mech *m, const chem_ros_method *R, chem_ros_ws *w, int n,
                     chem_stats *st);
/* New solution ynew = y + sum M_j K_j, error vector e = sum E_j K_j and per lane
 * err2[c] = sum_v (e_v / (atol_v + rtol[v] max(|y_v|, |ynew_v|)))^2 (KPP's norm is
 * sqrt(err2 / nv)). */
void chem_ros_combine(const chem_ros_method *R, int nv, int n, int ld, const double *y,
                      const double *K, const double *atol, const double *rtol, double *ynew,
                      double *e, double *err2);
/* Step-size factor of KPP's controller (Hairer & Wanner 1996, IV.8):
 * min(fac_max, max(fac_min, fac_safe / err^(1/elo))), fac_max if err is 0 or NaN. */
double chem_ros_step_factor(const chem_opts *o, double elo, double err);
#endif
