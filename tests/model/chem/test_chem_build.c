/* test_chem_build.c — the compilation stages of chem_mech_create (mechanism.c, declared
 * in chem_impl.h), each on input whose answer is known by hand:
 *  - chem_build_symbolic_lu: a tridiagonal and an arrowhead with its hub last have no
 *    fill-in (3n-2 nonzeros); the arrowhead with its hub first fills completely (n^2);
 *    a 4x4 pattern with one fill entry.
 *  - chem_build_markowitz: returns a permutation; on the hub-first arrowhead it eliminates
 *    the hub last but one (with one leaf left the two tie), and the reordered pattern has no fill-in.
 *  - chem_build_jac_pattern: the Robertson problem (Hairer & Wanner 1996, IV.1; rows
 *    y1, y2 depend on all three, row y3 on y2 and itself), a fixed species dropping out,
 *    a non-integer reactant coefficient rejected.
 *  - chem_build_lu_csr + chem_build_lu_program: on random patterns, the CSR is sorted with
 *    consistent diagonal and position map, and the program run by chem_k_decomp gives
 *    factors with L U = A (1e-13 relative) on random values.
 *  - chem_build_reactions (through chem_mech_create): Robertson's dC/dt and Jacobian
 *    against the formulas of its .eqn; ARR and TROE calls with constant arguments are
 *    compiled to the ARRC / K3RC ops and give the KPP rate law (1e-14 relative). */
#include "chem_test_util.h"
#include "model/chem/chem_impl.h"

#include <string.h>

static unsigned char *pattern(int n) { return calloc((size_t)n * n, 1); }

static void tridiag(int n, unsigned char *P)
{
  for (int i = 0; i < n; i++)
    for (int j = i - 1; j <= i + 1; j++)
      if (j >= 0 && j < n) P[(size_t)i * n + j] = 1;
}

/* diagonal + full row and column `hub` */
static void arrow(int n, int hub, unsigned char *P)
{
  for (int i = 0; i < n; i++) {
    P[(size_t)i * n + i] = 1;
    P[(size_t)i * n + hub] = 1;
    P[(size_t)hub * n + i] = 1;
  }
}

static void test_symbolic_lu(void)
{
  for (int n = 1; n <= 9; n++) {
    unsigned char *P = pattern(n), *Q = pattern(n);
    tridiag(n, P);
    memcpy(Q, P, (size_t)n * n);
    TF_EXPECT_MSG(chem_build_symbolic_lu(n, P) == 3 * n - 2, "tridiagonal n=%d", n);
    TF_EXPECT_MSG(memcmp(P, Q, (size_t)n * n) == 0, "tridiagonal n=%d: pattern changed", n);
    memset(P, 0, (size_t)n * n);
    arrow(n, n - 1, P);
    TF_EXPECT_MSG(chem_build_symbolic_lu(n, P) == 3 * n - 2, "arrowhead hub last n=%d", n);
    memset(P, 0, (size_t)n * n);
    arrow(n, 0, P);
    TF_EXPECT_MSG(chem_build_symbolic_lu(n, P) == (long)n * n, "arrowhead hub first n=%d", n);
    free(P);
    free(Q);
  }
  /* a20 and a03 nonzero: eliminating column 0 from row 2 fills (2,3), nothing else */
  unsigned char P[16] = {0};
  for (int i = 0; i < 4; i++) P[i * 4 + i] = 1;
  P[2 * 4 + 0] = P[0 * 4 + 3] = 1;
  TF_EXPECT(chem_build_symbolic_lu(4, P) == 7);
  TF_EXPECT(P[2 * 4 + 3] == 1 && P[3 * 4 + 2] == 0 && P[3 * 4 + 0] == 0);
}

static int is_perm(int n, const int *perm)
{
  int ok = 1, seen[64] = {0};
  for (int i = 0; i < n; i++) {
    if (perm[i] < 0 || perm[i] >= n || seen[perm[i]]) ok = 0;
    else seen[perm[i]] = 1;
  }
  return ok;
}

static long permuted_fill(int n, const unsigned char *S, const int *perm)
{
  unsigned char *F = pattern(n);
  for (int a = 0; a < n; a++)
    for (int b = 0; b < n; b++) F[(size_t)a * n + b] = S[(size_t)perm[a] * n + perm[b]];
  long nnz = chem_build_symbolic_lu(n, F);
  free(F);
  return nnz;
}

static void test_markowitz(void)
{
  for (int n = 2; n <= 12; n++) {
    unsigned char *S = pattern(n);
    int perm[64];
    arrow(n, 0, S);
    chem_build_markowitz(n, S, perm);
    TF_EXPECT_MSG(is_perm(n, perm), "arrowhead n=%d: not a permutation", n);
    /* leaves cost 0, the hub (n-1)^2 until one leaf is left (then a tie: lower index) */
    TF_EXPECT_MSG(perm[n - 2] == 0 || perm[n - 1] == 0, "arrowhead n=%d: hub not among the last two", n);
    TF_EXPECT_MSG(permuted_fill(n, S, perm) == 3 * n - 2, "arrowhead n=%d: fill-in after Markowitz", n);
    memset(S, 0, (size_t)n * n);
    tridiag(n, S);
    chem_build_markowitz(n, S, perm);
    TF_EXPECT_MSG(is_perm(n, perm), "tridiagonal n=%d: not a permutation", n);
    TF_EXPECT_MSG(permuted_fill(n, S, perm) == 3 * n - 2, "tridiagonal n=%d: fill-in after Markowitz", n);
    free(S);
  }
}

static chem_desc *robertson_desc(void)
{
  char path[1024];
  chem_desc *d = NULL;
  tf_err err = {0};
  tf_source_path("tests/model/chem/data/robertson.eqn", path, sizeof path);
  if (kpp_load(path, &d, &err)) fprintf(stderr, "%s\n", err.msg);
  return d;
}

static void test_jac_pattern(void)
{
  chem_desc *d = robertson_desc();
  TF_EXPECT(d != NULL);
  if (!d) return;
  int nat[3], iy[3] = {chem_desc_find(d, "Y1"), chem_desc_find(d, "Y2"), chem_desc_find(d, "Y3")};
  for (int i = 0; i < 3; i++) nat[iy[i]] = i; /* natural order y1, y2, y3 */
  unsigned char S[9];
  double net[3];
  tf_err err = {0};
  TF_EXPECT(chem_build_jac_pattern(d, nat, 3, S, net, &err) == TF_OK);
  /* d(dy_i/dt)/dy_j != 0: rows y1, y2 all columns; row y3 = 3e7 y2^2: y2 (+ diagonal) */
  const unsigned char want[9] = {1, 1, 1, 1, 1, 1, 0, 1, 1};
  for (int e = 0; e < 9; e++) TF_EXPECT_MSG(S[e] == want[e], "Robertson S[%d][%d] = %d", e / 3, e % 3, S[e]);
  chem_desc_destroy(&d);

  /* A + M -> B (M fixed), B + B -> C with coefficient 1.5 rejected */
  d = chem_desc_create(&err);
  int a = chem_desc_add_species(d, "A", 0, &err), mm = chem_desc_add_species(d, "M", 1, &err);
  int b = chem_desc_add_species(d, "B", 0, &err);
  chem_op k1 = {.code = CHEM_OP_CONST, .arg = 0, .val = 1.0};
  chem_expr rate = {1, &k1};
  chem_term r1[2] = {{a, 1}, {mm, 1}}, p1[1] = {{b, 1}};
  chem_desc_add_reaction(d, "R1", "test:1", 2, r1, 1, p1, &rate, &err);
  int nat2[3] = {0, -1, 1};
  unsigned char S2[4];
  TF_EXPECT(chem_build_jac_pattern(d, nat2, 2, S2, net, &err) == TF_OK);
  TF_EXPECT(S2[0] == 1 && S2[1] == 0 && S2[2] == 1 && S2[3] == 1); /* B depends on A */
  chem_term r2[1] = {{b, 1.5}};
  chem_desc_add_reaction(d, "R2", "test:2", 1, r2, 1, p1, &rate, &err);
  TF_EXPECT(chem_build_jac_pattern(d, nat2, 2, S2, net, &err) == TF_EINVAL);
  TF_EXPECT(strstr(err.msg, "non-integer") != NULL);
  chem_desc_destroy(&d);
}

static unsigned long lcg = 12345;
static double rnd(void)
{
  lcg = lcg * 6364136223846793005ul + 1442695040888963407ul;
  return (double)(lcg >> 11) / 9007199254740992.0;
}

static void test_lu_csr_program(void)
{
  tf_err err = {0};
  for (int trial = 0; trial < 20; trial++) {
    int n = 2 + trial % 11;
    unsigned char *S = pattern(n), *F = pattern(n);
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++) S[(size_t)i * n + j] = i == j || rnd() < 0.25;
    memcpy(F, S, (size_t)n * n);
    long nnz = chem_build_symbolic_lu(n, F);
    chem_mech *m = tf_calloc(1, sizeof *m, &err);
    m->nvar = n;
    int *lupos = malloc((size_t)n * n * sizeof *lupos);
    TF_EXPECT(chem_build_lu_csr(m, F, lupos, &err) == TF_OK);
    TF_EXPECT(m->lu_nnz == nnz && m->lu_rowptr[0] == 0 && m->lu_rowptr[n] == nnz);
    int npiv = 0;
    for (int i = 0; i < n; i++) {
      TF_EXPECT(m->lu_col[m->lu_diag[i]] == i);
      for (int e = m->lu_rowptr[i]; e < m->lu_rowptr[i + 1]; e++) {
        if (e > m->lu_rowptr[i]) TF_EXPECT(m->lu_col[e] > m->lu_col[e - 1]);
        TF_EXPECT(lupos[(size_t)i * n + m->lu_col[e]] == e);
        npiv += m->lu_col[e] < i;
      }
      for (int j = 0; j < n; j++) TF_EXPECT((lupos[(size_t)i * n + j] >= 0) == F[(size_t)i * n + j]);
    }
    TF_EXPECT(chem_build_lu_program(m, lupos, &err) == TF_OK);
    TF_EXPECT(m->npiv == npiv);
    /* random diagonally dominant A on the pattern S, factor, check L U = A */
    double *A = calloc((size_t)n * n, sizeof *A), *a = calloc((size_t)nnz, sizeof *a);
    double inv[16];
    int sing;
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        if (S[(size_t)i * n + j]) A[(size_t)i * n + j] = i == j ? n + rnd() : rnd() - 0.5;
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        if (lupos[(size_t)i * n + j] >= 0) a[lupos[(size_t)i * n + j]] = A[(size_t)i * n + j];
    TF_EXPECT(chem_k_decomp(m, 1, 1, a, inv, &sing) == 0);
    double worst = 0;
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++) {
        double s = 0; /* sum_k L_ik U_kj, L unit lower */
        for (int k = 0; k <= (i < j ? i : j); k++) {
          int pik = lupos[(size_t)i * n + k], pkj = lupos[(size_t)k * n + j];
          double l = k == i ? 1.0 : pik >= 0 ? a[pik] : 0.0, u = pkj >= 0 ? a[pkj] : 0.0;
          s += l * u;
        }
        double d = fabs(s - A[(size_t)i * n + j]) / n;
        if (d > worst) worst = d;
      }
    TF_EXPECT_MSG(worst < 1e-13, "trial %d n=%d: |LU - A| = %g", trial, n, worst);
    free(A);
    free(a);
    free(lupos);
    free(S);
    free(F);
    chem_mech_destroy(&m);
  }
}

static void test_reactions(void)
{
  chem_mech *m = load_source_mech("tests/model/chem/data/robertson.eqn");
  TF_EXPECT(m != NULL);
  if (!m) return;
  int iy[3] = {chem_mech_find(m, "Y1"), chem_mech_find(m, "Y2"), chem_mech_find(m, "Y3")};
  double conc[3], f[3], J[9], y1 = 0.7, y2 = 3e-5, y3 = 0.3;
  conc[iy[0]] = y1;
  conc[iy[1]] = y2;
  conc[iy[2]] = y3;
  chem_env env = {0};
  tf_err err = {0};
  TF_EXPECT(chem_mech_eval_cell(m, &env, 0, conc, NULL, f, J, NULL, NULL, &err) == TF_OK);
  const double want_f[3] = {-0.04 * y1 + 1e4 * y2 * y3, 0.04 * y1 - 1e4 * y2 * y3 - 3e7 * y2 * y2,
                            3e7 * y2 * y2};
  const double want_J[3][3] = {{-0.04, 1e4 * y3, 1e4 * y2},
                               {0.04, -1e4 * y3 - 6e7 * y2, -1e4 * y2},
                               {0, 6e7 * y2, 0}};
  for (int i = 0; i < 3; i++) {
    tf_check_rel("Robertson dy/dt", f[iy[i]], want_f[i], 1e-14);
    for (int j = 0; j < 3; j++)
      tf_check("Robertson J", J[iy[i] * 3 + iy[j]], want_J[i][j], 1e-14 * (1 + fabs(want_J[i][j])));
  }
  TF_EXPECT(m->nft == 6); /* two species change in each reaction (R2, R3: one is a catalyst) */
  for (int t = 1; t < m->nft; t++) TF_EXPECT(m->ft_var[t] >= m->ft_var[t - 1]);
  chem_mech_destroy(&m);

  /* A -> B with ARR(1.5e-12, 500, 2) and B -> A with TROE(6e-29, 2.4, 1.1e-11, 1.3, TEMP, M) */
  chem_desc *d = chem_desc_create(&err);
  int a = chem_desc_add_species(d, "A", 0, &err), b = chem_desc_add_species(d, "B", 0, &err);
  chem_op arr[4] = {{CHEM_OP_CONST, 0, 1.5e-12}, {CHEM_OP_CONST, 0, 500}, {CHEM_OP_CONST, 0, 2},
                    {CHEM_OP_FUNC, CHEM_FN_ARR, 0}};
  chem_op troe[7] = {{CHEM_OP_CONST, 0, 6e-29}, {CHEM_OP_CONST, 0, 2.4}, {CHEM_OP_CONST, 0, 1.1e-11},
                     {CHEM_OP_CONST, 0, 1.3}, {CHEM_OP_VAR, CHEM_VAR_TEMP, 0},
                     {CHEM_OP_VAR, CHEM_VAR_M, 0}, {CHEM_OP_FUNC, CHEM_FN_TROE, 0}};
  chem_expr e1 = {4, arr}, e2 = {7, troe};
  chem_term ta = {.spec = a, .coef = 1}, tb = {.spec = b, .coef = 1};
  chem_desc_add_reaction(d, "R1", "test:1", 1, &ta, 1, &tb, &e1, &err);
  chem_desc_add_reaction(d, "R2", "test:2", 1, &tb, 1, &ta, &e2, &err);
  d->var_used[CHEM_VAR_TEMP] = d->var_used[CHEM_VAR_M] = 1;
  m = chem_mech_create(d, &err);
  chem_desc_destroy(&d);
  TF_EXPECT_MSG(m != NULL, "%s", err.msg);
  if (!m) return;
  TF_EXPECT(m->rate_off[1] - m->rate_off[0] == 1 && m->ops[m->rate_off[0]].code == CHEM_OP_ARRC);
  TF_EXPECT(m->rate_off[2] - m->rate_off[1] == 2 && m->ops[m->rate_off[1] + 1].code == CHEM_OP_K3RC);
  double T = 287.0, M = 2.4e19, k[2], c2[2] = {1, 1};
  chem_env env2 = {.temp_k = &T, .m_molec_cm3 = &M};
  TF_EXPECT(chem_mech_eval_cell(m, &env2, 0, c2, k, NULL, NULL, NULL, NULL, &err) == TF_OK);
  tf_check_rel("ARR", k[0], 1.5e-12 * exp(-500 / T) * pow(T / 300, 2), 1e-14);
  double k0 = 6e-29 * pow(300 / T, 2.4) * M, ki = 1.1e-11 * pow(300 / T, 1.3), l = log10(k0 / ki);
  tf_check_rel("TROE", k[1], k0 / (1 + k0 / ki) * pow(0.6, 1 / (1 + l * l)), 1e-14);
  chem_mech_destroy(&m);
}

/* Rate laws with a non-constant argument stay FUNC calls, evaluated on one lane by the
 * law kernels of mechanism.c (arr_rows, troe_rows with libm exp); the same calls with
 * constant arguments compile to ARRC / K3RC and run the same kernels with chem_vexp_row.
 * Each ARR variant and k_3rd / k_3rd_iupac must give its KPP 3 definition
 * (util/UserRateLaws.c/.f90, written here as exp * pow) within 1e-14 relative on both
 * paths, and the two paths agree within 4 ulp (vexp is within 1 ulp of exp). The first
 * argument of a scalar call is (x * 1) (A0, or M), so the peepholes do not apply. */
static void test_scalar_laws(void)
{
  enum { NL = 7 };
  const int fn[NL] = {CHEM_FN_ARR_AB, CHEM_FN_ARR_AC, CHEM_FN_ARR_BC, CHEM_FN_ARR2, CHEM_FN_ARR,
                      CHEM_FN_K_3RD, CHEM_FN_K_3RD_IUPAC};
  const double T = 287.0, M = 2.4e19, p0 = 1.5e-12, p1 = 500, p2 = 2;
  tf_err err = {0};
  chem_desc *d = chem_desc_create(&err);
  int a = chem_desc_add_species(d, "A", 0, &err), b = chem_desc_add_species(d, "B", 0, &err);
  chem_term ta = {.spec = a, .coef = 1}, tb = {.spec = b, .coef = 1};
  for (int r = 0; r < 2 * NL; r++) {
    chem_op ops[12];
    int n = 0, f = fn[r % NL], troe = f == CHEM_FN_K_3RD || f == CHEM_FN_K_3RD_IUPAC;
    int scalar = r < NL; /* first NL: (x * 1) as first non-constant argument */
    if (troe) { /* k_3rd(TEMP, M [* 1], 6e-29, 2.4, 1.1e-11, 1.3, 0.5) */
      const double par[5] = {6e-29, 2.4, 1.1e-11, 1.3, 0.5};
      ops[n++] = (chem_op){.code = CHEM_OP_VAR, .arg = CHEM_VAR_TEMP};
      ops[n++] = (chem_op){.code = CHEM_OP_VAR, .arg = CHEM_VAR_M};
      if (scalar) {
        ops[n++] = (chem_op){.code = CHEM_OP_CONST, .val = 1};
        ops[n++] = (chem_op){.code = CHEM_OP_MUL};
      }
      for (int q = 0; q < 5; q++) ops[n++] = (chem_op){.code = CHEM_OP_CONST, .val = par[q]};
    } else {
      const double par[3] = {p0, p1, p2};
      ops[n++] = (chem_op){.code = CHEM_OP_CONST, .val = par[0]};
      if (scalar) {
        ops[n++] = (chem_op){.code = CHEM_OP_CONST, .val = 1};
        ops[n++] = (chem_op){.code = CHEM_OP_MUL};
      }
      for (int q = 1; q < chem_func_nargs(f); q++) ops[n++] = (chem_op){.code = CHEM_OP_CONST, .val = par[q]};
    }
    ops[n++] = (chem_op){.code = CHEM_OP_FUNC, .arg = f};
    chem_expr e = {.nops = n, .ops = ops};
    char tag[8];
    snprintf(tag, sizeof tag, "L%d", r);
    chem_desc_add_reaction(d, tag, "test", 1, &ta, 1, &tb, &e, &err);
  }
  d->var_used[CHEM_VAR_TEMP] = d->var_used[CHEM_VAR_M] = 1;
  chem_mech *m = chem_mech_create(d, &err);
  chem_desc_destroy(&d);
  TF_EXPECT_MSG(m != NULL, "%s", err.msg);
  if (!m) return;
  for (int r = 0; r < 2 * NL; r++) {
    int code = m->ops[m->rate_off[r + 1] - 1].code, troe = r % NL >= 5;
    TF_EXPECT_MSG(code == (r < NL ? CHEM_OP_FUNC : troe ? CHEM_OP_K3RC : CHEM_OP_ARRC),
                  "law %d: op code %d", r, code);
  }
  double k[2 * NL], c2[2] = {1, 1};
  chem_env env = {.temp_k = &T, .m_molec_cm3 = &M};
  TF_EXPECT(chem_mech_eval_cell(m, &env, 0, c2, k, NULL, NULL, NULL, NULL, &err) == TF_OK);
  double zt = 300.0 / T, k0t = 6e-29 * pow(zt, 2.4) * M, kit = 1.1e-11 * pow(zt, 1.3);
  double kr = k0t / kit, l = log10(kr), nu = 0.75 - 1.27 * log10(0.5), li = l / nu;
  const double want[NL] = {p0 * exp(-p1 / T),
                           p0 * pow(T / 300.0, p1),
                           exp(-p0 / T) * pow(T / 300.0, p1),
                           p0 * exp(p1 / T),
                           p0 * exp(-p1 / T) * pow(T / 300.0, p2),
                           k0t / (1.0 + kr) * pow(0.5, 1.0 / (1.0 + l * l)),
                           k0t / (1.0 + kr) * pow(0.5, 1.0 / (1.0 + li * li))};
  for (int r = 0; r < NL; r++) {
    char tag[48];
    snprintf(tag, sizeof tag, "law %d scalar vs KPP", r);
    tf_check_rel(tag, k[r], want[r], 1e-14);
    snprintf(tag, sizeof tag, "law %d vector vs KPP", r);
    tf_check_rel(tag, k[NL + r], want[r], 1e-14);
    snprintf(tag, sizeof tag, "law %d scalar vs vector", r);
    tf_check_rel(tag, k[r], k[NL + r], 4 * 2.220446049250313e-16);
  }
  chem_mech_destroy(&m);
}

int main(void)
{
  test_symbolic_lu();
  test_markowitz();
  test_jac_pattern();
  test_lu_csr_program();
  test_reactions();
  test_scalar_laws();
  return tf_test_exit();
}
