/* test_ppm_lines.c — ppm_lines (many interleaved lines, SIMD across lines, ppm.h) must give
 * the same bits as the per-line mass-form sweep ppm_sweep_c it replaces in the advection
 * operator, on the uniform and the non-uniform (ppm_coef) grid, for one line (o = 1) and
 * for interleaved lines, with the output written at a longer row stride (ldq > o).
 * Reference: the scalar sweep itself (model/transport/ppm.c, CW84 PPM with the CMAQ
 * hppm.F limiter, validated in test_ppm1d.c); the fields mix smooth profiles, steps,
 * spikes and plateaus so that every branch of the limiter (CW84 eq 1.10) is taken, and
 * face masses of both signs up to 0.45 of the upwind cell. Also: a uniform mixing ratio
 * stays exactly uniform (mass consistency, Easter 1993). */
#include "tf_test.h"
#include "model/transport/ppm.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long rng_state = 88172645463325252ULL;
static double urand(void) /* xorshift64, [0,1) */
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* Mixing ratio of cell e (ghosts included) of line l, pattern by line. */
static double qval(int pattern, int e, int l)
{
  switch (pattern % 4) {
  case 0: return 40.0 + 10.0 * sin(0.3 * e + l); /* smooth, extrema */
  case 1: return (e + l) % 11 < 5 ? 80.0 : 20.0;  /* steps, plateaus */
  case 2: return (e * 7 + l) % 13 == 0 ? 100.0 : 1.0 + 0.01 * e; /* spikes */
  default: return 1.0 + 50.0 * urand();          /* noise */
  }
}

/* One case: nl lines of n cells, interleaved (o = nl), uniform (nonuni = 0) or not. */
static void run_case(int n, int nl, int nonuni, int uniform_q)
{
  const int G = PPM_GHOST;
  const long o = nl, np = (long)n * nl, ldq = o + 3;
  const long len = np + 6 * o;
  double *q = calloc((size_t)len, sizeof *q), *m = calloc((size_t)len, sizeof *m);
  double *f = calloc((size_t)len, sizeof *f), *hx = calloc((size_t)len, sizeof *hx);
  double *wx = calloc((size_t)len, sizeof *wx), *mn = calloc((size_t)len, sizeof *mn);
  double *g = calloc((size_t)len, sizeof *g), *qn = calloc((size_t)n * (size_t)ldq, sizeof *qn);
  double *work = calloc((size_t)ppm_lines_work_len(np, o), sizeof *work);
  double *coef = calloc((size_t)ppm_coef_lines_len(np, o), sizeof *coef);
  /* per-line reference buffers */
  double lq[64 + 2 * PPM_GHOST], lm[64 + 2 * PPM_GHOST], lf[65], lqn[64], lg[65], lmn[64];
  double lw[6 * (64 + 2 * PPM_GHOST)], lcoef[6 * (64 + 2 * PPM_GHOST)];
  TF_EXPECT(n <= 64);
  double *Q = q + G * o, *M = m + G * o, *F = f + G * o, *HX = hx + G * o, *WX = wx + G * o,
         *MN = mn + G * o, *GG = g + G * o;
  for (int e = -G; e < n + G; e++)
    for (int l = 0; l < nl; l++) {
      Q[e * o + l] = uniform_q ? 1.0 : qval(l, e, l);
      M[e * o + l] = 1.0e9 * (0.5 + urand()); /* air mass, kg */
    }
  for (int e = 0; e <= n; e++)
    for (int l = 0; l < nl; l++) {
      long p = e * o + l;
      double mup = fmin(M[p - o], M[p]);
      F[p] = (urand() - 0.5) * 0.9 * mup; /* |f| <= 0.45 of either neighbour */
      ppm_face_frac(F[p], M[p - o], M[p], &HX[p], &WX[p]);
    }
  for (long p = 0; p < np; p++) MN[p] = (M[p] + F[p]) - F[p + o];
  if (nonuni) ppm_coef_lines(np, o, M, coef);
  ppm_lines(np, o, Q, M, F, HX, WX, MN, nonuni ? coef : NULL, qn, ldq, GG, work);

  int same_q = 1, same_g = 1, same_m = 1, uniform_ok = 1;
  for (int l = 0; l < nl; l++) {
    double *cq = lq + G, *cm = lm + G;
    for (int e = -G; e < n + G; e++) {
      cq[e] = Q[e * o + l];
      cm[e] = M[e * o + l];
    }
    for (int e = 0; e <= n; e++) lf[e] = F[e * o + l];
    if (nonuni) ppm_coef(n, cm, lcoef);
    ppm_sweep_c(n, cq, cm, lf, nonuni ? lcoef : NULL, lqn, lg, lmn, lw);
    for (int e = 0; e < n; e++) {
      double a = qn[e * ldq + l];
      if (memcmp(&a, &lqn[e], sizeof a)) same_q = 0;
      if (memcmp(&MN[e * o + l], &lmn[e], sizeof a)) same_m = 0;
      if (uniform_q && a != 1.0) uniform_ok = 0;
    }
    for (int e = 0; e <= n; e++)
      if (memcmp(&GG[e * o + l], &lg[e], sizeof lg[e])) same_g = 0;
  }
  TF_EXPECT_MSG(same_q, "n=%d lines=%d nonuniform=%d: mixing ratios differ from ppm_sweep_c", n, nl, nonuni);
  TF_EXPECT_MSG(same_g, "n=%d lines=%d nonuniform=%d: face fluxes differ from ppm_sweep_c", n, nl, nonuni);
  TF_EXPECT_MSG(same_m, "n=%d lines=%d nonuniform=%d: new air mass differs from ppm_sweep_c", n, nl, nonuni);
  if (uniform_q) TF_EXPECT_MSG(uniform_ok, "n=%d lines=%d: uniform q not kept exactly", n, nl);
  free(q); free(m); free(f); free(hx); free(wx); free(mn); free(g); free(qn); free(work);
  free(coef);
}

int main(void)
{
  const int lines[] = {1, 3, 8, 17};
  for (int rep = 0; rep < 20; rep++)
    for (int c = 0; c < 4; c++)
      for (int nonuni = 0; nonuni < 2; nonuni++) {
        run_case(5 + (rep * 7) % 40, lines[c], nonuni, 0);
        if (rep == 0) run_case(23, lines[c], nonuni, 1);
      }
  printf("%d checks of ppm_lines against ppm_sweep_c (bitwise)\n", tf_test_count);
  return tf_test_exit();
}
