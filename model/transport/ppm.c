/* ppm.c — the one-dimensional PPM sweep shared by every Tianfu advection operator.
 *
 * Method: Colella & Woodward (1984, J. Comput. Phys. 54, 174) piecewise-parabolic method
 * on a uniform index grid, limited exactly as CMAQ CCTM/src/hadv/ppm/hppm.F (M.T. Odman
 * 1993; the constant-cell-size form also used by CAMx hadvppm.f):
 *   1. limited mean slope dq_i (CW84 eqs 1.7-1.8), zero at extrema;
 *   2. edge value q_{i-1/2} = (q_i + q_{i-1})/2 - (dq_i - dq_{i-1})/6 (eq 1.6);
 *   3. monotonicity (eq 1.10): flatten at extrema, otherwise pull the edge that makes
 *      the parabola overshoot;
 *   4. c6 = 6 (q_i - (qL + qR)/2);
 *   5. face value = mean of the parabola over the part of the upwind cell that crosses
 *      the face in one step (eq 1.12).
 * The resulting 1-D numbers are those of docs/physics-references.md §1.3 [S] (tested in
 * tests/model/transport/test_ppm1d.c). The mass form (ppm.h) samples the parabola by air
 * mass fraction and transports air mass with the same fluxes; see ppm.h for why.
 * ppm_sweep_w / ppm_sweep_c use CW84's non-uniform-grid forms of eqs 1.6-1.7 (cell
 * widths, e.g. layer air masses for the vertical sweep), with the width-only coefficients
 * precomputed by ppm_coef; with equal widths they reduce to the uniform formulas. */
#include "model/transport/ppm.h"
#include <math.h>
#include <stddef.h>

/* The branch-free selects of ppm_lines (below) only vectorise if GCC may evaluate both
 * alternatives, i.e. assume no floating-point traps (-fno-trapping-math): this changes no
 * result (no reassociation, same rounding; the model runs with exceptions masked). Set for
 * the whole file so that its static inline helpers stay inlinable into every function. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

/* min without fmin's NaN rules: fmin is a libm call unless -ffinite-math-only, and this
 * is the innermost loop of the whole transport. */
static inline double min2(double x, double y) { return x < y ? x : y; }

/* Limited slope of cell with neighbours a (left), b (centre), c (right): CW84 1.7-1.8. */
static inline double limited_slope(double a, double b, double c)
{
  double d = 0.5 * (c - a);
  double lim = min2(fabs(d), 2.0 * min2(fabs(c - b), fabs(b - a)));
  return (c - b) * (b - a) > 0.0 ? copysign(lim, d) : 0.0;
}

/* Monotonicity constraint (CW84 1.10 as in hppm.F) applied to edge values of cell q. */
static inline void limit_parabola(double q, double *ql, double *qr, double *c6)
{
  double l = *ql, r = *qr;
  if ((r - q) * (q - l) > 0.0) {
    double dq = r - l;
    double s6 = 6.0 * (q - 0.5 * (l + r));
    if (dq * s6 > dq * dq)
      l = 3.0 * q - 2.0 * r;
    else if (-dq * dq > dq * s6)
      r = 3.0 * q - 2.0 * l;
  } else {
    l = q;
    r = q;
  }
  *ql = l;
  *qr = r;
  *c6 = 6.0 * (q - 0.5 * (l + r));
}

/* Conservative update of the cells from the face fluxes (ppm.h, volume or mass form). */
static void finish_update(int n, const double *q, const double *m, const double *f,
                          const double *g, double *qn, double *mn)
{
  if (m) {
    /* Same association order in numerator and denominator: q == 1 gives g == f bit for
     * bit, hence exactly 1 (ppm.h). */
    for (int i = 0; i < n; i++) {
      double mnew = (m[i] + f[i]) - f[i + 1];
      qn[i] = ((m[i] * q[i] + g[i]) - g[i + 1]) / mnew;
      if (mn) mn[i] = mnew;
    }
  } else {
    for (int i = 0; i < n; i++) qn[i] = q[i] - (g[i + 1] - g[i]);
  }
}

/* The CW84 coefficients of one cell from its widths, the one definition both layouts use
 * (ppm_coef: one line; ppm_coef_lines: interleaved lines). Slope weights of cell j from
 * w_{j-1}, w_j, w_{j+1} (eq 1.7); edge weights of the face between j-1 and j from
 * w_{j-2}..w_{j+1} (eq 1.6). Inlined, so the SIMD loops keep their form. */
static inline void slope_coef(double wm, double w0, double wp, double *s1, double *s2)
{
  double r = w0 / (wm + w0 + wp);
  *s1 = r * (2.0 * wm + w0) / (wp + w0);
  *s2 = r * (w0 + 2.0 * wp) / (wm + w0);
}

static inline void edge_coef(double wm, double w0, double w1, double w2, double *e0, double *e1,
                             double *e2, double *e3)
{
  double z1 = (wm + w0) / (2.0 * w0 + w1), z2 = (w2 + w1) / (2.0 * w1 + w0);
  double sum = wm + w0 + w1 + w2;
  *e0 = w0 / (w0 + w1);
  *e1 = 2.0 * w1 * w0 / (w0 + w1) * (z1 - z2) / sum;
  *e2 = -w0 * z1 / sum;
  *e3 = w1 * z2 / sum;
}

/* Non-uniform-grid coefficients (CW84 eqs 1.6-1.7), functions of the cell widths only, so
 * one set serves every species swept through the same cells. Layout: 6 arrays of n+6,
 * indexed like the cells (offset PPM_GHOST):
 *   s1, s2: slope of cell j = s1 (q_{j+1}-q_j) + s2 (q_j-q_{j-1}) before limiting (eq 1.7);
 *   e0..e3: edge between cells j-1 and j, stored at j: q_{j-1} + (e0 + e1)(q_j - q_{j-1})
 *           + e2 dq_j + e3 dq_{j-1} (eq 1.6 with Z1, Z2 folded in). */
void ppm_coef(int n, const double *w, double *coef)
{
  const int o = PPM_GHOST, len = n + 2 * o;
  double *s1 = coef + o, *s2 = s1 + len, *e0 = s2 + len, *e1 = e0 + len, *e2 = e1 + len, *e3 = e2 + len;
  for (int j = -2; j <= n + 1; j++) {
    slope_coef(w[j - 1], w[j], w[j + 1], &s1[j], &s2[j]);
  }
  for (int i = -1; i <= n + 1; i++) {
    const double *ww = w + i - 1; /* cells j-1 .. j+2 with j = i-1 */
    edge_coef(ww[-1], ww[0], ww[1], ww[2], &e0[i], &e1[i], &e2[i], &e3[i]);
  }
}

void ppm_sweep(int n, const double *q, const double *m, const double *f, double *qn,
               double *g, double *mn, double *work)
{
  ppm_sweep_c(n, q, m, f, NULL, qn, g, mn, work);
}

void ppm_sweep_w(int n, const double *q, const double *m, const double *f, const double *w,
                 double *qn, double *g, double *mn, double *work)
{
  /* coefficients after the sweep's own three work arrays */
  double *coef = w ? work + 3 * (n + 2 * PPM_GHOST) : NULL;
  if (w) ppm_coef(n, w, coef);
  ppm_sweep_c(n, q, m, f, coef, qn, g, mn, work);
}

void ppm_sweep_c(int n, const double *q, const double *m, const double *f, const double *coef,
                 double *qn, double *g, double *mn, double *work)
{
  const int o = PPM_GHOST;
  const int len = n + 2 * o;
  double *a = work + o;           /* slopes, then left edges, cells -2..n+1 */
  double *b = work + len + o;     /* edge values q_{i-1/2}, then right edges */
  double *c = work + 2 * len + o; /* c6 */

  if (!coef) {
    for (int i = -2; i <= n + 1; i++) a[i] = limited_slope(q[i - 1], q[i], q[i + 1]);
    for (int i = -1; i <= n + 1; i++) b[i] = 0.5 * (q[i] + q[i - 1]) - (a[i] - a[i - 1]) / 6.0;
  } else {
    const double *s1 = coef + o, *s2 = s1 + len, *e0 = s2 + len, *e1 = e0 + len, *e2 = e1 + len,
                 *e3 = e2 + len;
    for (int i = -2; i <= n + 1; i++) {
      double dr = q[i + 1] - q[i], dl = q[i] - q[i - 1];
      double d = s1[i] * dr + s2[i] * dl;
      double lim = min2(fabs(d), 2.0 * min2(fabs(dr), fabs(dl)));
      a[i] = dr * dl > 0.0 ? copysign(lim, d) : 0.0; /* CW84 eq 1.8 */
    }
    for (int i = -1; i <= n + 1; i++) {
      double dq = q[i] - q[i - 1];
      b[i] = q[i - 1] + (e0[i] * dq + e1[i] * dq) + (e2[i] * a[i] + e3[i] * a[i - 1]);
    }
  }
  /* Cells -1..n: these are all the upwind cells of faces 0..n. */
  for (int i = -1; i <= n; i++) {
    double ql = b[i], qr = b[i + 1], c6;
    limit_parabola(q[i], &ql, &qr, &c6);
    a[i] = ql;
    b[i] = qr;
    c[i] = c6;
  }
  /* Face values, CW84 eq 1.12: x = sampled fraction of the upwind cell. */
  for (int i = 0; i <= n; i++) {
    double fi = f[i];
    if (fi >= 0.0) {
      int u = i - 1;
      double x = m ? fi / m[u] : fi;
      double dq = b[u] - a[u];
      g[i] = fi * (b[u] - 0.5 * x * (dq - c[u] * (1.0 - (2.0 / 3.0) * x)));
    } else {
      int u = i;
      double x = m ? -fi / m[u] : -fi;
      double dq = b[u] - a[u];
      g[i] = fi * (a[u] + 0.5 * x * (dq + c[u] * (1.0 - (2.0 / 3.0) * x)));
    }
  }
  finish_update(n, q, m, f, g, qn, mn);
}

void ppm_sweep_donor(int n, const double *q, const double *m, const double *f, double *qn,
                     double *g, double *mn)
{
  for (int i = 0; i <= n; i++) g[i] = f[i] * (f[i] >= 0.0 ? q[i - 1] : q[i]);
  finish_update(n, q, m, f, g, qn, mn);
}

/* ---- many lines at once (ppm_lines, ppm_coef_lines) ----
 * The same arithmetic as ppm_sweep_c in mass form, expression for expression (so the
 * results are bit-identical), rearranged for speed: every stage is one branch-free loop
 * over a flat index p whose neighbour along the sweep is p +- o, so lines that are
 * interleaved in memory (o = number of lines) are swept together in SIMD lanes, and the
 * species-independent parts of the face values (sampled fraction x = |f|/m_upwind, 0.5 x
 * and 1 - 2x/3) are computed once by the caller for all species (ppm_face_frac). */

/* Built for x86-64-v3 (AVX2) and the baseline, chosen at load time; ISO C mode has no
 * FMA contraction, so both give the same bits. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define PPM_HOT __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define PPM_HOT
#endif

PPM_HOT void ppm_coef_lines(long np, long o, const double *restrict w, double *restrict coef)
{
  const long len = np + 6 * o;
  double *restrict s1 = coef + 3 * o, *restrict s2 = s1 + len, *restrict e0 = s2 + len,
                   *restrict e1 = e0 + len, *restrict e2 = e1 + len, *restrict e3 = e2 + len;
  for (long p = -2 * o; p < np + 2 * o; p++) {
    slope_coef(w[p - o], w[p], w[p + o], &s1[p], &s2[p]);
  }
  for (long p = -o; p < np + 2 * o; p++) {
    edge_coef(w[p - 2 * o], w[p - o], w[p], w[p + o], &e0[p], &e1[p], &e2[p], &e3[p]);
  }
}

/* Stage 1-2: limited slopes a (cells -2o..np+2o-1) and edge values b (q_{p-1/2}, cells
 * -o..np+2o-1), uniform (coef == NULL) or non-uniform. */
static inline void lines_edges(long np, long o, const double *restrict q,
                               const double *restrict coef, double *restrict a,
                               double *restrict b)
{
  if (!coef) {
    for (long p = -2 * o; p < np + 2 * o; p++) a[p] = limited_slope(q[p - o], q[p], q[p + o]);
    for (long p = -o; p < np + 2 * o; p++) b[p] = 0.5 * (q[p] + q[p - o]) - (a[p] - a[p - o]) / 6.0;
  } else {
    const long len = np + 6 * o;
    const double *restrict s1 = coef + 3 * o, *restrict s2 = s1 + len, *restrict e0 = s2 + len,
                           *restrict e1 = e0 + len, *restrict e2 = e1 + len, *restrict e3 = e2 + len;
    for (long p = -2 * o; p < np + 2 * o; p++) {
      double dr = q[p + o] - q[p], dl = q[p] - q[p - o];
      double d = s1[p] * dr + s2[p] * dl;
      double lim = min2(fabs(d), 2.0 * min2(fabs(dr), fabs(dl)));
      a[p] = dr * dl > 0.0 ? copysign(lim, d) : 0.0; /* CW84 eq 1.8 */
    }
    for (long p = -o; p < np + 2 * o; p++) {
      double dq = q[p] - q[p - o];
      b[p] = q[p - o] + (e0[p] * dq + e1[p] * dq) + (e2[p] * a[p] + e3[p] * a[p - o]);
    }
  }
}

/* Stage 3: limit_parabola without branches, cells -o..np+o-1: left edge -> l, right -> r,
 * c6 -> c6. All candidates are computed, then selected, exactly as the branches would. */
static inline void lines_limit(long np, long o, const double *restrict q,
                               const double *restrict b, double *restrict l,
                               double *restrict r, double *restrict c6)
{
  for (long p = -o; p < np + o; p++) {
    double qc = q[p], lo = b[p], hi = b[p + o];
    int mono = (hi - qc) * (qc - lo) > 0.0;
    double dq = hi - lo;
    double s6 = 6.0 * (qc - 0.5 * (lo + hi));
    int c1 = dq * s6 > dq * dq, c2 = (-dq * dq > dq * s6) & !c1;
    double lc = 3.0 * qc - 2.0 * hi, rc = 3.0 * qc - 2.0 * lo;
    double l1 = c1 ? lc : lo, r1 = c2 ? rc : hi;
    double ln = mono ? l1 : qc, rn = mono ? r1 : qc;
    l[p] = ln;
    r[p] = rn;
    c6[p] = 6.0 * (qc - 0.5 * (ln + rn));
  }
}

/* Stage 4-5: face values (CW84 eq 1.12, both upwind cases computed, one selected) and the
 * mass-form update (finish_update). */
static inline void lines_faces(long np, long o, const double *restrict q,
                               const double *restrict m, const double *restrict f,
                               const double *restrict hx, const double *restrict wx,
                               const double *restrict mn, const double *restrict l,
                               const double *restrict r, const double *restrict c6,
                               double *restrict g, double *restrict qn, long ldq)
{
  for (long p = 0; p < np + o; p++) {
    double fi = f[p], h = hx[p], w = wx[p];
    double gp = fi * (r[p - o] - h * ((r[p - o] - l[p - o]) - c6[p - o] * w));
    double gm = fi * (l[p] + h * ((r[p] - l[p]) + c6[p] * w));
    g[p] = fi >= 0.0 ? gp : gm;
  }
  if (ldq == o) {
    for (long p = 0; p < np; p++) qn[p] = ((m[p] * q[p] + g[p]) - g[p + o]) / mn[p];
  } else {
    for (long p0 = 0, e = 0; p0 < np; p0 += o, e++)
      for (long l = 0; l < o; l++) {
        long p = p0 + l;
        qn[e * ldq + l] = ((m[p] * q[p] + g[p]) - g[p + o]) / mn[p];
      }
  }
}

PPM_HOT void ppm_lines(long np, long o, const double *q, const double *m, const double *f,
                       const double *hx, const double *wx, const double *mn,
                       const double *coef, double *qn, long ldq, double *g, double *work)
{
  const long len = np + 6 * o;
  double *a = work + 3 * o, *b = a + len, *r = b + len, *c6 = r + len;
  lines_edges(np, o, q, coef, a, b);
  lines_limit(np, o, q, b, a, r, c6);
  lines_faces(np, o, q, m, f, hx, wx, mn, a, r, c6, g, qn, ldq);
}
