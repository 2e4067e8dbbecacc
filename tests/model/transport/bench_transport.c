/* bench_transport.c — cost of adv_step + vdiff_step and its memory-bandwidth fraction.
 *
 * Usage: bench_transport [nx ny nz nspec hours]   (defaults 200 150 20 60 1)
 * Synthetic summer-afternoon met on a 9-km grid (winds up to ~14 m/s, convective PBL over
 * half the domain), synchronisation step 600 s. Prints microseconds per cell-hour for
 * advection and vertical mixing, a STREAM-like triad bandwidth (a = b + s c over 3 x 128
 * MB arrays, McCalpin's STREAM triad), and the fraction of that bandwidth the operators
 * reach given the bytes they must move: per sweep (x and y per level sub-step, one z per
 * step) each species' mixing ratio is read and written once and the air mass and face
 * flux are read (8+8+8+8 B per cell), per vertical
 * mixing call each species is read and written once (16 B per cell).
 * Run it with OMP_NUM_THREADS=1 and 2. The ctest entry runs a small size as a smoke test. */
#include "tf_test.h"
#include "model/core/tf_const.h"
#include "model/transport/advection.h"
#include "model/transport/vdiff.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void make_met(tf_met *m, const tf_grid *g, double t)
{
  const int nz = g->nz, h = g->halo;
  double ph = 2 * TF_PI * t / 86400.0;
  for (int j = -h; j < g->nyo + h; j++)
    for (int i = -h; i < g->nxo + h; i++) {
      size_t c = grid_idx2(g, i, j);
      m->mu_pa[c] = 9.0e4 - 8000.0 * exp(-((i - 60.0) * (i - 60.0) + (j - 70.0) * (j - 70.0)) / 800.0) +
                    150.0 * sin(ph + 0.05 * i);
      int conv = i < g->nxo / 2;
      m->pblh_m[c] = conv ? 1500.0 : 350.0;
      m->hfx_wm2[c] = conv ? 250.0 : -15.0;
      m->ust_ms[c] = 0.35;
      double z = 0;
      m->zw_m[c] = 0.0;
      for (int k = 0; k < nz; k++) {
        double tk = 303.0 - 0.0098 * z - (k == 0 ? 0.0 : 1.5);
        double pb = g->eta_w[k] * m->mu_pa[c] + g->ptop_pa, pt = g->eta_w[k + 1] * m->mu_pa[c] + g->ptop_pa;
        z += TF_RD * tk / TF_G * log(pb / pt);
        m->zw_m[(size_t)(k + 1) * g->n2 + c] = z;
        m->p_pa[(size_t)k * g->n2 + c] = 0.5 * (pb + pt);
        m->t_k[(size_t)k * g->n2 + c] = tk;
        m->qv_kgkg[(size_t)k * g->n2 + c] = 0.012;
      }
    }
  for (int k = 0; k < nz; k++) {
    for (int j = -h; j < g->nyo + h; j++)
      for (int i = -h; i <= g->nxo + h; i++)
        m->u_ms[grid_idxu(g, i, j, k)] = 4.0 + 0.4 * k + 4.0 * sin(0.07 * i + 0.05 * j + ph);
    for (int j = -h; j <= g->nyo + h; j++)
      for (int i = -h; i < g->nxo + h; i++)
        m->v_ms[grid_idxv(g, i, j, k)] = 2.0 + 4.0 * cos(0.06 * j - 0.04 * i + ph);
  }
}

/* STREAM triad bandwidth, bytes/s (3 arrays of n doubles, 24 B per element per pass). */
static double triad_bw(size_t n)
{
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
  if (!a || !b || !c) { free(a); free(b); free(c); return 0; }
#pragma omp parallel for schedule(static)
  for (size_t i = 0; i < n; i++) { a[i] = 0; b[i] = 1; c[i] = 2; }
  double best = 1e300;
  for (int r = 0; r < 5; r++) {
    double t0 = now();
#pragma omp parallel for schedule(static)
    for (size_t i = 0; i < n; i++) a[i] = b[i] + 3.0 * c[i];
    best = fmin(best, now() - t0);
  }
  double chk = a[n / 2];
  free(a); free(b); free(c);
  return chk == 7.0 ? 24.0 * n / best : 0.0;
}

int main(int argc, char **argv)
{
  int nx = 200, ny = 150, nz = 20, nspec = 60;
  double hours = 1;
  if (argc >= 6) { nx = atoi(argv[1]); ny = atoi(argv[2]); nz = atoi(argv[3]); nspec = atoi(argv[4]); hours = atof(argv[5]); }
  tf_err err = {0};
  tf_grid *g = grid_create(nx, ny, nz, 3, &err);
  if (!g) { fprintf(stderr, "%s\n", err.msg); return 1; }
  g->dx_m = g->dy_m = 9000.0;
  g->ptop_pa = 5000.0;
  for (int k = 0; k <= nz; k++) g->eta_w[k] = 1.0 - pow((double)k / nz, 1.5);
  for (size_t c = 0; c < g->n2; c++) { g->mapfac[c] = 1.0 + 1e-5 * (c % 1000); g->landuse[c] = TF_LU_DRY_CROP; }
  for (size_t c = 0; c < (size_t)(g->sx + 1) * g->sy; c++) g->mapfac_u[c] = 1.0;
  for (size_t c = 0; c < (size_t)g->sx * (g->sy + 1); c++) g->mapfac_v[c] = 1.0;
  char (*nm)[16] = malloc((size_t)nspec * sizeof *nm);
  const char **names = malloc((size_t)nspec * sizeof *names);
  for (int s = 0; s < nspec; s++) { snprintf(nm[s], 16, "S%d", s); names[s] = nm[s]; }
  tf_state *st = state_create(g, nspec, names, &err);
  tf_met *m0 = met_create(g, &err), *m1 = met_create(g, &err);
  double *bc = malloc((size_t)nspec * nz * sizeof *bc);
  double *sf = calloc((size_t)nspec * g->n2, sizeof *sf), *vd = calloc((size_t)nspec * g->n2, sizeof *vd);
  if (!st || !m0 || !m1 || !bc || !sf || !vd) { fprintf(stderr, "out of memory\n"); return 1; }
  for (int s = 0; s < nspec; s++) {
    for (int k = 0; k < nz; k++) bc[s * nz + k] = 10.0 + s;
    for (size_t c = 0; c < g->n2; c++) { sf[s * g->n2 + c] = 0.01 * (s % 3); vd[s * g->n2 + c] = 0.003 * (s % 2); }
  }
  for (size_t c = 0; c < (size_t)nspec * g->n3; c++) st->c[c] = 5.0 + (c % 97) * 0.1;
  adv_ctx *a = adv_create(g, nspec, &err);
  vdiff_ctx *v = vdiff_create(g, nspec, VDIFF_ACM2, &err);
  adv_budget *ab = adv_budget_create(nspec, &err);
  vdiff_budget *vb = vdiff_budget_create(nspec, &err);
  const double dt = 600.0;
  int nsteps = (int)lround(hours * 3600.0 / dt);
  double tadv = 0, tvd = 0;
  double sweeps = 0;
  for (int n = 0; n < nsteps; n++) {
    make_met(m0, g, n * dt);
    make_met(m1, g, (n + 1) * dt);
    double t0 = now();
    if (adv_step(a, st, m0, m1, dt, bc, ab, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
    double t1 = now();
    if (vdiff_step(v, st, m1, dt, sf, vd, vb, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
    double t2 = now();
    tadv += t1 - t0;
    tvd += t2 - t1;
    sweeps += 2.0 * ab->nsub_h_mean + 1.0; /* x and y per level sub-step, one z */
  }
  int nthr = 1;
#ifdef _OPENMP
  nthr = omp_get_max_threads();
#endif
  double cells = (double)nx * ny * nz, ch = cells * hours;
  double bytes_adv = (double)sweeps * nspec * cells * 32.0;
  double bytes_vd = (double)nsteps * nspec * cells * 16.0;
  double bw = triad_bw((size_t)16 << 20);
  printf("grid %dx%dx%d, %d species, %.2f h in %d steps of %.0f s, %d thread(s); h-substeps/step "
         "max %d mean %.2f, max v-passes %d, ACM2 column-steps %ld\n", nx, ny, nz, nspec, hours,
         nsteps, dt, nthr, ab->nsub_h, ab->nsub_h_mean, ab->nsub_v_max, vb->acm_columns);
  printf("adv_step:   %.3f s  = %.3f us per cell-hour (%.4f us per cell-species-hour), %.2f GB/s moved\n",
         tadv, 1e6 * tadv / ch, 1e6 * tadv / ch / nspec, bytes_adv / tadv * 1e-9);
  printf("vdiff_step: %.3f s  = %.3f us per cell-hour (%.4f us per cell-species-hour), %.2f GB/s moved\n",
         tvd, 1e6 * tvd / ch, 1e6 * tvd / ch / nspec, bytes_vd / tvd * 1e-9);
  printf("STREAM-like triad: %.2f GB/s; fraction of bandwidth: adv %.2f, vdiff %.2f\n", bw * 1e-9,
         bytes_adv / tadv / bw, bytes_vd / tvd / bw);
  TF_EXPECT(tadv > 0 && tvd > 0);
  adv_destroy(&a); vdiff_destroy(&v); adv_budget_destroy(&ab); vdiff_budget_destroy(&vb);
  met_destroy(&m0); met_destroy(&m1); state_destroy(&st); grid_destroy(&g);
  free(bc); free(sf); free(vd); free(nm); free(names);
  return tf_test_exit();
}
