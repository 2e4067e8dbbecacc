/* run.c — run_forecast(): set up (run_setup.c), initial state (profiles, [boundary] file or restart),
 * the driver's time loop with hourly output, restarts and progress, then the daily
 * statistics and the city table (run_output.c).
 *
 * Restarts: at every restart_interval_h whole hours after the start and at the end, the
 * exact state (double precision), the current Beijing day's hourly O3/NO2 means (so MDA8
 * of the day spanning a restart is complete) and the advection sweep-order parity are
 * written to <output>/restart_YYYYMMDDTHHZ.nc. A run started from it reproduces the
 * continuous run bit for bit (tests/app/run/test_restart.sh). */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "io/netcdf/restart.h"
#include "model/core/tf_time.h"
#include "model/driver/op_chem.h"
#include "model/driver/op_transport.h"
#include "run_ctx.h"

double run_peak_rss_mb(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

static double hook_time(void *u, int i) { return wrf_time(((run_ctx *)u)->wrf, i); }
static int hook_read(void *u, int i, tf_met *m, tf_err *err) { return wrf_read_met(((run_ctx *)u)->wrf, i, m, err); }

/* The restart's extra state, a registry of named arrays: the products' current day (every
 * hour-mean series and its validity flags, so the daily statistics of a day spanning a
 * restart are complete), the advection sweep parity and the chemistry's per-cell step.
 * `parity` holds the parity as a double. Returns the number of arrays (<= RX_MAX). */
#define RX_MAX (RUN_NSER + 3)
static int restart_registry(run_ctx *r, int day, restart_array *x, post_array *pa, double *parity)
{
  int n = post_series_restart_arrays(r->prod.ser, day, pa);
  for (int i = 0; i < n; i++) x[i] = (restart_array){.name = pa[i].name, .n = pa[i].n, .data = pa[i].data};
  x[n++] = (restart_array){.name = "advection_parity", .n = 1, .data = parity};
  if (r->chem_op) {
    long nh = 0;
    double *hn = op_chem_member_hnext(r->chem_op, r->member, &nh);
    x[n++] = (restart_array){.name = "chem_next_step_s", .n = (size_t)nh, .data = hn};
  }
  return n;
}

int run_write_restart(run_ctx *r, double t, tf_err *err)
{
  int d = (int)(post_day_of_hour_end(t) - post_series_day0(r->prod.ser));
  double parity = r->adv_op ? adv_get_parity(op_adv_ctx(r->adv_op)) : 0;
  restart_array x[RX_MAX];
  post_array pa[RUN_NSER + 1];
  int nx = restart_registry(r, d, x, pa, &parity);
  char ts[32], path[1400];
  tf_time_format(t, ts, 0);
  snprintf(path, sizeof path, "%s/restart_%.4s%.2s%.2sT%.2sZ.nc", r->out.dir, ts, ts + 5, ts + 8, ts + 11);
  return restart_write(path, r->st, t, x, nx, err);
}

int run_read_restart(run_ctx *r, const char *path, tf_err *err)
{
  /* the restart's day block is day 0 of this run (day of the hour ending at t_start) */
  double parity = 0;
  restart_array x[RX_MAX];
  post_array pa[RUN_NSER + 1];
  int nx = restart_registry(r, 0, x, pa, &parity);
  double t;
  int rc = restart_read(path, r->st, &t, x, nx, err);
  if (!rc && t != r->t_start) {
    char a[32], b[32];
    tf_time_format(t, a, 0);
    tf_time_format(r->t_start, b, 0);
    rc = tf_err_set(err, TF_EINVAL, "%s holds the state at %s but the run starts at %s (set [run] start = %s)", path, a, b, a);
  }
  if (!rc) {
    post_series_restart_loaded(r->prod.ser, 0);
    if (r->adv_op) adv_set_parity(op_adv_ctx(r->adv_op), (int)parity);
  }
  return rc;
}

/* After each step of length dt ending at t: the products' series, and at whole hours the
 * hourly output and, when due, the restart file. */
int run_after_step(run_ctx *r, double dt, double t, int whole_hour, tf_err *err)
{
  run_products_step(r, dt);
  double w0 = progress_wall_now();
  int rc = TF_OK;
  if (whole_hour) {
    rc = run_output_hour(r, t, err);
    int hrs = (int)lround((t - r->t_start) / 3600.0);
    if (!rc && (t >= r->t_end || (r->cfg->run.restart_interval_h > 0 && hrs % r->cfg->run.restart_interval_h == 0)))
      rc = run_write_restart(r, t, err);
  }
  r->out.wall_s += progress_wall_now() - w0;
  return rc;
}

static int hook_after(void *u, drv_ctx *d, double t, int whole_hour, tf_err *err)
{
  run_ctx *r = u;
  int rc = run_after_step(r, drv_dt(d), t, whole_hour, err);
  progress_update(&r->prog, t);
  return rc;
}

/* The timings and sizes every run reports (a one-member run and run_members alike). */
void run_report_fill(run_report *rep, const run_ctx *r, double wall_s, double setup_wall_s, int nspec)
{
  rep->wall_s = wall_s;
  rep->setup_wall_s = setup_wall_s;
  if (r->g) rep->cells = (long)r->g->nx * r->g->ny * r->g->nz;
  rep->nspec = nspec;
  rep->threads = omp_get_max_threads();
  rep->sim_hours = (r->t_end - r->t_start) / 3600.0;
  if (r->drv) {
    rep->nops = drv_nops(r->drv) < RUN_MAX_OPS ? drv_nops(r->drv) : RUN_MAX_OPS;
    for (int i = 0; i < rep->nops; i++) {
      rep->op_name[i] = drv_op_name(drv_op_at(r->drv, i));
      rep->op_wall_s[i] = drv_op_wall_s(drv_op_at(r->drv, i));
    }
    rep->met_wall_s = drv_met_wall_s(r->drv);
  }
}

int run_forecast(const run_opts *o, run_report *rep, tf_err *err)
{
  double w0 = progress_wall_now();
  memset(rep, 0, sizeof *rep);
  run_ctx r;
  int rc = run_setup(&r, o, err);
  if (!rc && r.cfg->run.threads > 0) omp_set_num_threads(r.cfg->run.threads);
  tf_met *m0 = NULL;
  if (!rc) {
    r.hooks = (drv_hooks){.user = &r, .nframes = wrf_ntimes(r.wrf), .frame_time = hook_time, .frame_read = hook_read,
                          .after_step = hook_after};
    m0 = met_create(r.g, err);
    rc = m0 ? drv_met_at(r.drv, &r.hooks, r.t_start, m0, err) : err->code;
  }
  if (!rc) {
    bcon_init_state(r.bcon, m0, r.st);
    if (!r.cfg->run.restart_from) rc = run_bc_initial(&r, err);
    if (!rc) rc = run_output_open(&r, err);
  }
  if (!rc && r.cfg->run.restart_from) rc = run_read_restart(&r, r.cfg->run.restart_from, err);
  if (!rc) {
    run_budget_start(&r, m0);
    rc = run_output_hour(&r, r.t_start, err);
  }
  met_destroy(&m0);
  /* progress_init modes: 0 auto, 1 on, 2 off */
  int pmode = !r.cfg ? 0 : r.cfg->run.progress == RC_PROGRESS_ON ? 1 : r.cfg->run.progress == RC_PROGRESS_OFF ? 2 : 0;
  progress_init(&r.prog, pmode, r.t_start, r.t_end);
  double wsetup = progress_wall_now() - w0;
  if (!rc) rc = drv_run(r.drv, &r.hooks, r.t_start, r.t_end, err);
  progress_done(&r.prog);
  if (r.cfg) {
    tf_err e2;
    int rc2 = run_output_close(&r, rc == TF_OK, rc ? &e2 : err);
    if (!rc) rc = rc2;
  }
  run_report_fill(rep, &r, progress_wall_now() - w0, wsetup, r.st ? r.st->nspec : 0);
  rep->out_wall_s = r.out.wall_s;
  rep->peak_rss_mb = run_peak_rss_mb();
  if (!rc) snprintf(rep->output_path, sizeof rep->output_path, "%.700s/%.255s.nc", r.out.dir, r.out.stem);
  if (!rc && !o->quiet) {
    printf("wall time  %.1f s for %.0f simulated hours (%.0f sim-h per wall-h, %d threads)", rep->wall_s,
           rep->sim_hours, rep->sim_hours / (rep->wall_s / 3600.0), rep->threads);
    for (int i = 0; i < rep->nops; i++) printf("%s %s %.1f s", i ? "," : ";", rep->op_name[i], rep->op_wall_s[i]);
    printf("\n");
    printf("forecast   %s (hourly)\n", rep->output_path);
    printf("           %.700s/%.255s_daily.nc (daily max 1-h O3, MDA8)\n", r.out.dir, r.out.stem);
    printf("budget     %.700s/%.255s_budget.csv\n", r.out.dir, r.out.stem);
    printf("cities     %.700s/%.255s_cities.csv\n", r.out.dir, r.out.stem);
  }
  /* the city table comes last: it is what a forecaster reads first */
  if (!rc) rc = run_city_table(&r, o->quiet ? NULL : stdout, err);
  run_free(&r);
  return rc;
}
