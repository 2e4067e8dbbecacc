/* ppm.h — one-dimensional flux-form PPM sweep (Colella & Woodward 1984, CMAQ hppm.F limiter).
 *
 * The building block of every Tianfu advection operator (horizontal sweeps, vertical
 * sweep, and the plane driver the validation tests use). A sweep advances one line of n
 * cells through one (sub)step. Two forms:
 *
 *  - volume form (m == NULL): f[i] is the signed Courant number at face i; the update is
 *    q_new = q - (g[i+1] - g[i]), the textbook scheme of docs/physics-references.md §1.3.
 *  - mass form (m != NULL): m[i] is the air mass of cell i and f[i] the signed air mass
 *    that crosses face i during the step (same unit as m). The sampled fraction of the
 *    upwind cell is x = |f|/m_upwind, the tracer flux is g = f * qbar(x), and the air mass
 *    is transported with the same fluxes:  q_new = (m q + g_i - g_{i+1}) / (m + f_i - f_{i+1}).
 *    A uniform q is reproduced bit for bit (qbar == q exactly, numerator == denominator),
 *    which is the mass-consistency property of Easter (1993, MWR 121, 297) and Lin & Rood
 *    (1996, MWR 124, 2046). With uniform m it reduces exactly to the volume form.
 *
 * Indexing: face i lies between cells i-1 and i (faces 0..n). q (and m) are read on cells
 * -PPM_GHOST .. n-1+PPM_GHOST, i.e. the caller passes a pointer to cell 0 of a buffer with
 * PPM_GHOST ghost cells on each side already filled (periodic, boundary-condition or
 * zero-gradient values: the sweep does not care).
 *
 * Stability: the outgoing fractions of every cell must sum to <= 1 (the caller sub-steps);
 * then the scheme is positive-definite and monotone. */
#ifndef TF_PPM_H
#define TF_PPM_H

#define PPM_GHOST 3

/* Work space (doubles) ppm_sweep / ppm_sweep_c need for a line of n cells; ppm_sweep_w
 * needs ppm_work_len_w(n) (it also stores the width coefficients). */
static inline int ppm_work_len(int n) { return 3 * (n + 2 * PPM_GHOST); }
static inline int ppm_work_len_w(int n) { return 9 * (n + 2 * PPM_GHOST); }

/* One sweep. q, m: cells -3..n+2 (m may be NULL: volume form). f: faces 0..n.
 * Outputs: qn[0..n-1] new mixing ratio (may not alias q), g[0..n] tracer flux through
 * each face (f times the face value: in volume form Courant*q, in mass form mass*q), and
 * if mn != NULL the new air mass mn[0..n-1] (mass form only). work: ppm_work_len(n). */
void ppm_sweep(int n, const double *q, const double *m, const double *f, double *qn,
               double *g, double *mn, double *work);

/* The same on a non-uniform grid: w[-3..n+2] are the cell widths in the coordinate the
 * profile is reconstructed in (the vertical sweep passes the layer air masses), giving
 * CW84's non-uniform edge interpolation (eq 1.6) and slopes (eq 1.7). w == NULL is
 * ppm_sweep. Exact for cell averages of cubics where the limiters are inactive.
 * work: ppm_work_len_w(n). */
void ppm_sweep_w(int n, const double *q, const double *m, const double *f, const double *w,
                 double *qn, double *g, double *mn, double *work);

/* Width coefficients for ppm_sweep_c: ppm_coef_len(n) doubles from widths w[-3..n+2]. */
static inline int ppm_coef_len(int n) { return 6 * (n + 2 * PPM_GHOST); }
void ppm_coef(int n, const double *w, double *coef);
/* ppm_sweep_w with precomputed coefficients (coef == NULL: uniform grid), so a set of
 * species swept through the same cells computes them once. */
void ppm_sweep_c(int n, const double *q, const double *m, const double *f, const double *coef,
                 double *qn, double *g, double *mn, double *work);

/* Many lines in one call, bit-identical to ppm_sweep_c in mass form. Cells are addressed
 * by a flat index p whose neighbour along the sweep is p +- o: one line is o = 1; o lines
 * interleaved in memory (cell e of line l at e*o + l, e.g. the rows of a plane swept in
 * the y direction, or the layers of a row of columns) are np/o cells long each and are
 * swept together (SIMD across lines). Pointers point at p = 0.
 *   q: cells -3o .. np+3o-1 (ghosts filled); m, mn: air mass before/after, cells 0..np-1;
 *   f: air mass through face p (between cells p-o and p), faces 0 .. np+o-1;
 *   hx, wx: per face, from ppm_face_frac (species-independent, computed once);
 *   coef: NULL (uniform) or ppm_coef_lines of the widths;
 * outputs g (faces 0..np+o-1) and qn: cell e*o + l (line l) is stored at qn[e*ldq + l],
 * so ldq = o gives the layout of q and a larger ldq writes the lines straight into an
 * array with longer rows (e.g. a state plane with halo); qn may not overlap the inputs.
 * work: ppm_lines_work_len(np, o). */
static inline long ppm_lines_work_len(long np, long o) { return 4 * (np + 6 * o); }
static inline long ppm_coef_lines_len(long np, long o) { return 6 * (np + 6 * o); }
void ppm_lines(long np, long o, const double *q, const double *m, const double *f,
               const double *hx, const double *wx, const double *mn, const double *coef,
               double *qn, long ldq, double *g, double *work);
/* Face terms of ppm_lines: x = f / m_lo if f >= 0 (upwind cell below/left of the face),
 * else -f / m_hi; hx = x / 2, wx = 1 - 2x/3 (the sampled-parabola weights of eq 1.12). */
static inline void ppm_face_frac(double f, double m_lo, double m_hi, double *hx, double *wx)
{
  double x = f >= 0.0 ? f / m_lo : -f / m_hi;
  *hx = 0.5 * x;
  *wx = 1.0 - (2.0 / 3.0) * x;
}
/* ppm_coef for interleaved lines: widths w at cells -3o .. np+3o-1, output
 * ppm_coef_lines_len(np, o) doubles. */
void ppm_coef_lines(long np, long o, const double *w, double *coef);

/* First-order donor-cell (upwind) sweep with the same interface (work unused): the
 * reference scheme "dc" of docs/physics-references.md §1.3, kept for diagnostics and tests. */
void ppm_sweep_donor(int n, const double *q, const double *m, const double *f, double *qn,
                     double *g, double *mn);

#endif
