/* cmd_bench_chem.c — `tianfu bench chem [--box CONFIG] [--cells N] [--hours H]`: the
 * chemistry solver benchmark (performance, not a test).
 *
 * Default: CB05 on N = 10,000 cells of varied conditions (deterministic RNG): urban or
 * rural initial mixtures (each value x U(0.5, 1.5)), day (cos zenith U(0.1, 1), MCM
 * clear-sky J) or night (J = 0), T U(280, 310) K, p U(85, 101.3) kPa, RH U(30, 90) %.
 * One simulated hour per cell as 6 calls of 600 s (the forecast's default operator
 * step, run.ini timestep_s), solver and tolerances of the forecast defaults (rodas3,
 * rtol 1e-3, atol 1e-3 ppb). The timed hour starts cold (first solver step from
 * opts.hstart); a second, warm hour carrying the per-cell step sizes is also timed and
 * printed, since inside a forecast every hour but the first is warm.
 * --box CONFIG: N copies of the box's initial state, each species x (1 + 0.05 U(-1, 1)),
 * integrated over the box's duration with its solver, tolerances, photolysis and
 * emissions (app/box.h sub-steps).
 * Reports, on 1 thread and on all cores: wall time per cell-hour (µs), solver steps,
 * function and Jacobian evaluations per cell-hour, peak RSS (getrusage ru_maxrss), and
 * the accuracy against a tight reference (rtol 1e-8, atol 1e-6 x the run's atol) on a
 * subsample of every 50th cell: max relative error of O3 and NO2 where the reference
 * exceeds 0.1 ppb. Ends with one summary line per thread count. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "box.h"
#include "mech_setup.h"
#include "model/core/tf_const.h"
#include "model/core/tf_units.h"

int bench_chem(int argc, char **argv);

#define BENCH_STEP_S 600.0   /* forecast operator step (run.ini timestep_s default) */
#define ACC_EVERY 50         /* reference subsample: every 50th cell */
#define ACC_FLOOR_PPB 0.1    /* relative errors only where the reference exceeds this */

/* Process CPU time, s (all threads): with 1 thread this is robust to other processes
 * sharing the cores, which inflate wall time. */
static double cpu_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static double peak_rss_mb(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

/* xorshift64* (Vigna 2016): deterministic, platform-independent uniform numbers. */
static double urand(unsigned long long *s)
{
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return (double)((*s * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}

/* A problem: n cells of one mechanism with their environment and initial state. */
typedef struct problem {
  const chem_mech *mech;
  int n, nspec, nphot;
  double hours;                /* simulated hours per cell */
  double *c0;                  /* [nspec][n] initial, molec/cm3 */
  chem_envbuf eb;              /* environment; eb.hnext carried between the calls of one run */
  box_model *box;              /* --box mode: integrate through box_step */
  box_work bw;
} problem;

static void problem_free(problem *p)
{
  free(p->c0);
  chem_envbuf_free(&p->eb);
  if (p->box) box_work_free(&p->bw);
}

/* Species (CB05 names) and ppb of the urban and rural initial mixtures. Urban: a Chinese
 * city centre in summer; rural: a regional background with biogenic isoprene [U: typical
 * orders of magnitude, chosen to exercise both chemical regimes]. */
static const struct { const char *s; double urban, rural; } mix[] = {
  {"O3", 30, 50},   {"NO", 20, 0.3},   {"NO2", 30, 2},   {"CO", 600, 150}, {"FORM", 6, 2},
  {"ALD2", 3, 0.5}, {"ALDX", 2, 0.3},  {"PAR", 80, 10},  {"OLE", 2, 0.2},  {"ETH", 4, 0.5},
  {"IOLE", 1, 0.1}, {"TOL", 4, 0.3},   {"XYL", 3, 0.2},  {"ISOP", 0.5, 3}, {"TERP", 0.1, 0.5},
  {"SO2", 10, 1},   {"HNO3", 2, 1},    {"H2O2", 1, 2},   {"PAN", 1, 0.5},  {"MEOH", 5, 2},
  {"ETOH", 2, 0.5}, {"ETHA", 3, 1},    {"HONO", 1, 0.05},
};

static int setup_default(problem *p, const chem_mech *mech, const photo_map *pm, int n, tf_err *err)
{
  memset(p, 0, sizeof *p);
  p->mech = mech;
  p->n = n;
  p->nspec = chem_mech_nspec(mech);
  p->nphot = chem_mech_nphot(mech);
  p->hours = 1.0;
  size_t sn = (size_t)n;
  p->c0 = tf_calloc(sn * (size_t)p->nspec, sizeof(double), err);
  if (!p->c0 || chem_envbuf_init(&p->eb, n, p->nphot, err)) return TF_ENOMEM;
  chem_envbuf *e = &p->eb;
  unsigned long long s = 0x9E3779B97F4A7C15ULL;
  int ich4 = chem_mech_find(mech, "CH4"), ih2 = chem_mech_find(mech, "H2");
  for (int c = 0; c < n; c++) {
    double t = 280.0 + 30.0 * urand(&s);
    double pp = 85000.0 + 16325.0 * urand(&s);
    double rh = 30.0 + 60.0 * urand(&s);
    int urban = urand(&s) < 0.5, day = urand(&s) < 0.5;
    double cz = day ? 0.1 + 0.9 * urand(&s) : 0.0;
    double m = tf_air_molec_cm3(pp, t);
    chem_envbuf_set_air(e, c, t, m, rh / 100.0 * tf_esat_pa(t) / (TF_BOLTZMANN * t) * 1e-6);
    e->sun[c] = cz;
    e->coszen[c] = cz;
    for (size_t k = 0; k < sizeof mix / sizeof mix[0]; k++) {
      int i = chem_mech_find(mech, mix[k].s);
      if (i < 0) continue;
      double ppb = (urban ? mix[k].urban : mix[k].rural) * (0.5 + urand(&s));
      p->c0[(size_t)i * sn + c] = ppb * 1e-9 * m;
    }
    for (int i = 0; i < p->nspec; i++) {
      if (!chem_mech_is_fixed(mech, i)) continue;
      const char *name = chem_mech_spec_name(mech, i);
      double v = !strcmp(name, "M") ? m : !strcmp(name, "O2") ? e->o2[c] : !strcmp(name, "N2") ? e->n2[c]
               : !strcmp(name, "H2O") ? e->h2o[c] : 0.0;
      if (i == ich4) v = TF_VMR_CH4 * m; /* same backgrounds as the forecast (tf_const.h) */
      if (i == ih2) v = TF_VMR_H2 * m;
      p->c0[(size_t)i * sn + c] = v;
    }
  }
  if (pm) photo_compute(pm, n, e->coszen, NULL, e->jbuf);
  return TF_OK;
}

static int setup_box(problem *p, box_model *b, int n, tf_err *err)
{
  memset(p, 0, sizeof *p);
  p->mech = b->mech;
  p->box = b;
  p->n = n;
  p->nspec = b->nspec;
  p->nphot = b->nphot;
  p->hours = b->duration_s / 3600.0;
  size_t sn = (size_t)n;
  p->c0 = tf_calloc(sn * (size_t)p->nspec, sizeof(double), err);
  if (!p->c0) return TF_ENOMEM;
  unsigned long long s = 0x2545F4914F6CDD1DULL;
  for (int i = 0; i < p->nspec; i++)
    for (int c = 0; c < n; c++) {
      double f = chem_mech_is_fixed(b->mech, i) ? 1.0 : 1.0 + 0.05 * (2.0 * urand(&s) - 1.0);
      p->c0[(size_t)i * sn + c] = b->conc0[i] * f;
    }
  return box_work_init(b, n, &p->bw, err);
}

/* Integrate the problem with solver s into conc. cold = 1: from the initial state, with
 * the first call starting from opts.hstart; cold = 0: continue from conc and the steps
 * carried from the previous run (a "warm" hour, as inside a forecast). Within a run the
 * step is carried between calls, as the forecast does between operator steps. */
static int integrate(problem *p, chem_solver *s, double *conc, chem_stats *st, int cold, tf_err *err)
{
  size_t sz = (size_t)p->n * (size_t)p->nspec * sizeof(double);
  double *hn = p->box ? p->bw.hnext : p->eb.hnext;
  if (cold) {
    memcpy(conc, p->c0, sz);
    if (hn) memset(hn, 0, (size_t)p->n * sizeof *hn);
  }
  if (!p->box) {
    for (int k = 0; k < (int)(p->hours * 3600.0 / BENCH_STEP_S + 0.5); k++) {
      int rc = chem_integrate(s, conc, p->n, &p->eb.env, BENCH_STEP_S, st, err);
      if (rc) return rc;
    }
    return TF_OK;
  }
  box_model *b = p->box;
  chem_solver *keep = b->solver;
  chem_stats keep_st = b->stats;
  memset(&b->stats, 0, sizeof b->stats);
  b->solver = s;
  int rc = TF_OK;
  double h = box_substep(b, b->duration_s), t = 0.0;
  while (!rc && t < b->duration_s * (1 - 1e-12)) {
    double dt = b->duration_s - t < h * (1 + 1e-9) ? b->duration_s - t : h;
    rc = box_step(b, &p->bw, conc, p->n, t, dt, err);
    t += dt;
  }
  chem_stats_add(st, &b->stats);
  b->solver = keep;
  b->stats = keep_st;
  return rc;
}

/* Max relative error of species `name` over the subsample where ref > floor (ppb, for
 * units = none the floor applies to value/M*1e9 all the same). */
static double max_rel_err(const problem *p, const double *conc, const double *ref, const char *name,
                          double floor_ppb)
{
  int i = chem_mech_find(p->mech, name);
  if (i < 0) return NAN;
  double e = 0.0;
  int used = 0;
  for (int c = 0; c < p->n; c += ACC_EVERY) {
    size_t q = (size_t)i * (size_t)p->n + (size_t)c;
    double m = p->box ? p->box->m : p->eb.m[c];
    if (ref[q] / m * 1e9 < floor_ppb) continue;
    e = fmax(e, fabs(conc[q] - ref[q]) / ref[q]);
    used++;
  }
  return used ? e : NAN; /* NAN: no cell above the floor */
}

static void usage(FILE *f)
{
  fprintf(f, "usage: tianfu bench chem [--box CONFIG] [--cells N] [--threads T]\n\n"
             "CB05 (default) or a box config's mechanism on N cells (default 10000) for one\n"
             "simulated hour (or the box's duration), on 1 thread and on all cores (or T).\n"
             "Prints microseconds per cell-hour, solver work, peak memory and accuracy vs\n"
             "rtol 1e-8, then one summary line per thread count.\n");
}

int bench_chem(int argc, char **argv)
{
  const char *boxcfg = NULL;
  int n = 10000, tmax = omp_get_num_procs();
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { usage(stdout); return 0; }
    else if (!strcmp(argv[i], "--box") && i + 1 < argc) boxcfg = argv[++i];
    else if (!strcmp(argv[i], "--cells") && i + 1 < argc) n = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--threads") && i + 1 < argc) tmax = atoi(argv[++i]);
    else {
      fprintf(stderr, "tianfu bench chem: unknown option '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    }
  }
  if (n < ACC_EVERY || tmax < 1) {
    fprintf(stderr, "tianfu bench chem: expected --cells >= %d and --threads >= 1\n", ACC_EVERY);
    return 2;
  }
  tf_err err;
  tf_err_clear(&err);
  chem_mech *mech = NULL;
  photo_map *pm = NULL;
  box_model *box = NULL;
  chem_solver *solver = NULL, *refsolver = NULL;
  problem p;
  memset(&p, 0, sizeof p);
  double *conc = NULL, *ref = NULL;
  int rc = 1;
  char mechname[256] = "cb05";
  chem_opts o;
  if (boxcfg) {
    if (!(box = box_create(boxcfg, &err)) || setup_box(&p, box, n, &err)) goto fail;
    const char *sl = strrchr(box->mech_path, '/');
    snprintf(mechname, sizeof mechname, "%.200s", sl ? sl + 1 : box->mech_path);
    char *dot = strrchr(mechname, '.');
    if (dot) *dot = '\0';
    o = box->opts;
  } else {
    char path[1024];
    if (mech_resolve("cb05", 1, path, sizeof path, &err) || mech_load(path, 0, &mech, &err) ||
        mech_photo_map(mech, path, &pm, &err) || setup_default(&p, mech, pm, n, &err))
      goto fail;
    chem_opts_default(&o);
    o.method = CHEM_RODAS3;
    o.rtol = 1e-3;
    o.atol = 1e-3 * 1e-9;  /* 1e-3 ppb as a mole fraction (run.ini atol_ppb default) */
    o.atol_mixing_ratio = 1;
  }
  const chem_mech *m = boxcfg ? box->mech : mech;
  if (!(solver = chem_solver_create(m, &o, &err))) goto fail;
  chem_opts ro = o;
  ro.rtol = 1e-8;
  ro.atol = o.atol * 1e-6;
  if (!(refsolver = chem_solver_create(m, &ro, &err))) goto fail;
  size_t sz = (size_t)n * (size_t)p.nspec;
  conc = tf_malloc(sz * sizeof *conc, &err);
  ref = tf_malloc(sz * sizeof *ref, &err);
  if (!conc || !ref) goto fail;

  printf("== chemistry benchmark: %s, %d variable species, %d reactions, %s rtol %g atol %g%s\n",
         mechname, chem_mech_nvar(m), chem_mech_nreact(m), chem_method_name(o.method), o.rtol,
         o.atol_mixing_ratio ? o.atol * 1e9 : o.atol, o.atol_mixing_ratio ? " ppb" : "");
  printf("   %d cells x %.3g simulated hours%s\n", n, p.hours,
         boxcfg ? " (box copies, +-5 % initial perturbation)" : " (urban/rural, day/night, 280-310 K)");
  /* Reference on the subsample only (cells are independent, so integrating the gathered
   * subsample is exactly what the full problem does at those cells). */
  {
    problem sub = p;
    int ns = (n + ACC_EVERY - 1) / ACC_EVERY;
    /* Build a compact sub-problem by gathering every ACC_EVERY-th cell. */
    double *c0s = tf_malloc((size_t)ns * (size_t)p.nspec * sizeof(double), &err);
    double *refs = tf_malloc((size_t)ns * (size_t)p.nspec * sizeof(double), &err);
    if (!c0s || !refs) { free(c0s); free(refs); goto fail; }
    for (int i = 0; i < p.nspec; i++)
      for (int k = 0; k < ns; k++) c0s[(size_t)i * ns + k] = p.c0[(size_t)i * n + (size_t)k * ACC_EVERY];
    sub.c0 = c0s;
    sub.n = ns;
    if (!boxcfg) {
      /* the subsample's environment: every ACC_EVERY-th cell of p.eb */
      if (chem_envbuf_init(&sub.eb, ns, p.nphot, &err)) { free(c0s); free(refs); goto fail; }
      for (int k = 0; k < ns; k++) {
        size_t c = (size_t)k * ACC_EVERY;
        chem_envbuf_set_air(&sub.eb, k, p.eb.temp_k[c], p.eb.m[c], p.eb.h2o[c]);
        sub.eb.sun[k] = p.eb.sun[c];
        for (int jp = 0; jp < p.nphot; jp++) sub.eb.jbuf[(size_t)jp * ns + k] = p.eb.jbuf[(size_t)jp * n + c];
      }
    } else {
      memset(&sub.bw, 0, sizeof sub.bw);
      if (box_work_init(box, ns, &sub.bw, &err)) goto fail;
    }
    chem_stats rst = {0};
    omp_set_num_threads(tmax);
    int r1 = integrate(&sub, refsolver, refs, &rst, 1, &err);
    if (!r1) {
      /* scatter the reference into ref at the subsample positions */
      for (int i = 0; i < p.nspec; i++)
        for (int k = 0; k < ns; k++) ref[(size_t)i * n + (size_t)k * ACC_EVERY] = refs[(size_t)i * ns + k];
    }
    if (!boxcfg) chem_envbuf_free(&sub.eb);
    else box_work_free(&sub.bw);
    free(c0s);
    free(refs);
    if (r1) { tf_err_prefix(&err, "reference (rtol 1e-8)"); goto fail; }
  }
  int tl[2] = {1, tmax};
  int nt = tmax > 1 ? 2 : 1;
  char summary[2][512];
  double us1 = 0;
  for (int k = 0; k < nt; k++) {
    omp_set_num_threads(tl[k]);
    chem_stats st = {0};
    double w0 = omp_get_wtime(), c0 = cpu_s();
    if (integrate(&p, solver, conc, &st, 1, &err)) goto fail;
    double wall = omp_get_wtime() - w0, cpu = cpu_s() - c0;
    double ch = (double)n * p.hours;
    double us = wall * 1e6 / ch;
    if (k == 0) us1 = us;
    double eo3 = max_rel_err(&p, conc, ref, "O3", ACC_FLOOR_PPB);
    double eno2 = max_rel_err(&p, conc, ref, "NO2", ACC_FLOOR_PPB);
    printf("-- %d thread(s): wall %.3f s, %.2f us per cell-hour (CPU time %.2f us per cell-hour)\n",
           tl[k], wall, us, cpu * 1e6 / ch);
    if (k > 0) printf("   speed-up %.2f on %d threads (efficiency %.0f %%)\n", us1 / us, tl[k], 100.0 * us1 / us / tl[k]);
    printf("   per cell-hour: %.1f steps (%.1f accepted, %.1f rejected), %.1f function and "
           "%.1f Jacobian evaluations, %.1f LU decompositions; %ld negative values clipped\n",
           st.nstep / ch, st.naccept / ch, st.nreject / ch, st.nfun / ch, st.njac / ch,
           st.ndecomp / ch, st.nclip);
    printf("   accuracy vs rtol 1e-8 on %d cells (reference > %.1f ppb): max rel err O3 %.2e, NO2 %.2e\n",
           (n + ACC_EVERY - 1) / ACC_EVERY, ACC_FLOOR_PPB, eo3, eno2);
    if (!boxcfg) {
      /* A second, warm hour: continues from the first with the carried step sizes. */
      chem_stats st2 = {0};
      double w1 = omp_get_wtime(), c1 = cpu_s();
      if (integrate(&p, solver, conc, &st2, 0, &err)) goto fail;
      double wall2 = omp_get_wtime() - w1, cpu2 = cpu_s() - c1;
      printf("   warm 2nd hour (steps carried, as in a forecast): %.2f us per cell-hour (CPU %.2f), "
             "%.1f steps per cell-hour\n", wall2 * 1e6 / ch, cpu2 * 1e6 / ch, st2.nstep / ch);
    }
    printf("   peak RSS %.0f MB\n", peak_rss_mb());
    snprintf(summary[k], sizeof summary[k],
             "bench=chem mechanism=%s threads=%d cells=%d us_per_cell_hour=%.2f cpu_us_per_cell_hour=%.2f "
             "steps_per_cell_hour=%.1f fun_per_cell_hour=%.1f jac_per_cell_hour=%.1f max_rel_err_o3=%.2e max_rel_err_no2=%.2e peak_rss_mb=%.0f",
             mechname, tl[k], n, us, cpu * 1e6 / ch, st.nstep / ch, st.nfun / ch, st.njac / ch, eo3, eno2, peak_rss_mb());
  }
  for (int k = 0; k < nt; k++) printf("%s\n", summary[k]);
  rc = 0;
  goto done;
fail:
  fprintf(stderr, "tianfu bench chem: %s\n", err.msg);
done:
  free(conc);
  free(ref);
  problem_free(&p);
  chem_solver_destroy(&solver);
  chem_solver_destroy(&refsolver);
  photo_map_destroy(&pm);
  chem_mech_destroy(&mech);
  box_destroy(&box);
  return rc;
}
