/* run_members.c — run_members(): the baseline and N emission scenarios ("members") over the
 * same meteorology in one process; the engine `tianfu scenario FILE` calls (and, until
 * that front end exists, `tianfu run CONFIG --member ...`).
 *
 * Method. One run is set up from the base config (run_setup, without operators). The
 * driver's state holds every member one after the other (driver.h MEMBERS): member m is
 * species [m*ns, (m+1)*ns). What does not depend on emissions exists and is computed once
 * per step: met reading and time interpolation (one driver), the advection plan, face
 * fluxes and vertical mass fluxes and the vertical-mixing coefficients and column
 * factorisations (both operators sweep every member's species in one call), the
 * deposition velocities (computed once, copied to each member's slice) and the chemistry
 * environment with the photolysis rates. Each member has its own emission context (its
 * scaling rules), state, chemistry step sizes, budget slice, products, outputs and restart
 * files. The per-species arithmetic of every operator does not depend on how many species
 * the state holds, so a member's numbers are those of the same config run alone with
 * `tianfu run` and the member's rules as `[emissions] scale`, bit for bit
 * (tests/app/run/test_members.sh).
 *
 * Parallelism: inside operators, as in a one-member run. Chemistry (the dominant cost)
 * takes the members one after the other, each parallel over its cells in the solver; the
 * transport operators run over (level, species group) or rows of all members at once.
 * Results are independent of the thread count. MPI rank groups (a group per member set)
 * will split the member loop once MPI lands.
 *
 * Files: member m writes the normal outputs of a run (forecast NetCDF, daily file, city
 * CSV, budget CSV, restart files) into <output_dir>/<member name>/. Restarts: one file per
 * member in its folder, identical in layout to a one-member run's (so a member can be
 * continued alone). A multi-member run restarts every member from its own file: member
 * m's run_member.restart_from, or, when that is NULL and the config sets [run]
 * restart_from = DIR/FILE, DIR/<member name>/FILE (DIR being the previous multi-member
 * run's output_dir). */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/core/tf_time.h"
#include "run_ctx.h"

typedef struct {
  run_ctx *base;
  int n;
  run_ctx *mem;
} members_run;

static double hook_time(void *u, int i) { return wrf_time(((members_run *)u)->base->wrf, i); }
static int hook_read(void *u, int i, tf_met *m, tf_err *err)
{
  return wrf_read_met(((members_run *)u)->base->wrf, i, m, err);
}

static int hook_after(void *u, drv_ctx *d, double t, int whole_hour, tf_err *err)
{
  members_run *mr = u;
  for (int m = 0; m < mr->n; m++) {
    int rc = run_after_step(&mr->mem[m], drv_dt(d), t, whole_hour, err);
    if (rc) return tf_err_prefix(err, "member %s", mr->mem[m].out.dir);
  }
  progress_update(&mr->base->prog, t);
  return TF_OK;
}

static int check_members(int n, const run_member *mem, tf_err *err)
{
  if (n < 1) return tf_err_set(err, TF_EINVAL, "a multi-member run needs at least one member, found %d", n);
  for (int m = 0; m < n; m++) {
    const char *nm = mem[m].name;
    if (!nm || !nm[0] || strlen(nm) > 100 || strspn(nm, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
        strlen(nm) || nm[0] == '.')
      return tf_err_set(err, TF_EINVAL, "member %d: expected a name of letters, digits, '_', '-', '.' (a folder name), "
                        "found '%s'", m, nm ? nm : "(null)");
    for (int k = 0; k < m; k++)
      if (!strcmp(mem[k].name, nm)) return tf_err_set(err, TF_EINVAL, "member name '%s' is given twice", nm);
    if (mem[m].nrules < 0 || (mem[m].nrules > 0 && !mem[m].rules))
      return tf_err_set(err, TF_EINVAL, "member %s: %d rules without a rule array", nm, mem[m].nrules);
  }
  return TF_OK;
}

/* Member m's context: a copy of the base with its view of the state and its own outputs. */
static int member_ctx(run_ctx *base, int m, const char *name, run_ctx *mc, tf_err *err)
{
  *mc = *base;
  mc->member = m;
  mc->member_of = base;
  mc->member_view = drv_member_state(base->drv, m);
  mc->st = &mc->member_view;
  mc->prod = (run_products){0};
  run_outputs o = {.nspec = base->out.nspec, .fields_3d = base->out.fields_3d};
  snprintf(o.dir, sizeof o.dir, "%.900s/%.100s", base->out.dir, name);
  snprintf(o.stem, sizeof o.stem, "%s", base->out.stem);
  mc->out = o;
  int n = o.nspec ? o.nspec : 1;
  mc->out.spec = tf_calloc((size_t)n, sizeof(int), err);
  mc->out.var = tf_calloc((size_t)n, sizeof(int), err);
  if (!mc->out.spec || !mc->out.var) return err->code;
  memcpy(mc->out.spec, base->out.spec, (size_t)o.nspec * sizeof(int));
  return TF_OK;
}

static void restart_path(const run_ctx *r, const run_member *mem, char *path, size_t len)
{
  if (mem->restart_from) {
    snprintf(path, len, "%s", mem->restart_from);
    return;
  }
  const char *rf = r->cfg->run.restart_from, *slash = strrchr(rf, '/');
  if (slash) snprintf(path, len, "%.*s/%s/%s", (int)(slash - rf), rf, mem->name, slash + 1);
  else snprintf(path, len, "%s/%s", mem->name, rf);
}

int run_members(const run_opts *o, int nm, const run_member *mem, run_report *rep, tf_err *err)
{
  double w0 = progress_wall_now();
  memset(rep, 0, sizeof *rep);
  int rc = check_members(nm, mem, err);
  if (rc) return rc;
  run_opts ob = *o;
  ob.check_only = 1; /* operators are made here, for the members */
  run_ctx r;
  rc = run_setup(&r, &ob, err);
  tf_state *tmpl = NULL;          /* the one-member state run_setup made (names are borrowed) */
  emis_ctx **emis = NULL;
  run_ctx *mc = NULL;
  const char **names = NULL;
  int nmade = 0;                  /* member contexts made */
  if (!rc && r.cfg->run.threads > 0) omp_set_num_threads(r.cfg->run.threads);
  /* every member's rules are checked before anything big is made */
  for (int m = 0; !rc && m < nm; m++)
    for (int i = 0; !rc && i < mem[m].nrules; i++)
      if ((rc = run_check_rule_species(&r, mem[m].rules[i].species, err))) tf_err_prefix(err, "member %s", mem[m].name);
  if (!rc) {
    emis = tf_calloc((size_t)nm, sizeof *emis, err);
    mc = tf_calloc((size_t)nm, sizeof *mc, err);
    names = tf_calloc((size_t)nm * (size_t)r.st->nspec, sizeof *names, err);
    if (!emis || !mc || !names) rc = err->code;
  }
  for (int m = 0; !rc && m < nm; m++)
    if (!(emis[m] = run_emis_create(&r, mem[m].nrules, mem[m].rules, err))) rc = tf_err_prefix(err, "member %s", mem[m].name);
  if (!rc) {
    /* the members' state: nm copies of the species list */
    const int ns = r.st->nspec;
    for (int m = 0; m < nm; m++)
      for (int s = 0; s < ns; s++) names[(size_t)m * ns + s] = r.spec_names[s];
    tf_state *all = state_create(r.g, nm * ns, names, err);
    if (!all) rc = err->code;
    else {
      tmpl = r.st;
      r.st = all;
      emis_destroy(&r.emis); /* the config's own rules: members bring theirs */
      rc = run_setup_ops(&r, nm, emis, err);
    }
  }
  for (int m = 0; !rc && m < nm; m++, nmade++) rc = member_ctx(&r, m, mem[m].name, &mc[m], err);
  members_run mr = {.base = &r, .n = nm, .mem = mc};
  tf_met *m0 = NULL;
  if (!rc) {
    r.hooks = (drv_hooks){.user = &mr, .nframes = wrf_ntimes(r.wrf), .frame_time = hook_time, .frame_read = hook_read,
                          .after_step = hook_after};
    m0 = met_create(r.g, err);
    rc = m0 ? drv_met_at(r.drv, &r.hooks, r.t_start, m0, err) : err->code;
  }
  for (int m = 0; !rc && m < nm; m++) {
    run_ctx *x = &mc[m];
    bcon_init_state(r.bcon, m0, x->st);
    if (!r.cfg->run.restart_from) rc = run_bc_initial(x, err);
    if (!rc) rc = run_output_open(x, err);
    if (!rc && r.cfg->run.restart_from) {
      char path[1400];
      restart_path(&r, &mem[m], path, sizeof path);
      rc = run_read_restart(x, path, err);
    }
    if (!rc) {
      run_budget_start(x, m0);
      rc = run_output_hour(x, r.t_start, err);
    }
    if (rc) tf_err_prefix(err, "member %s", mem[m].name);
  }
  met_destroy(&m0);
  int pmode = !r.cfg ? 0 : r.cfg->run.progress == RC_PROGRESS_ON ? 1 : r.cfg->run.progress == RC_PROGRESS_OFF ? 2 : 0;
  progress_init(&r.prog, pmode, r.t_start, r.t_end);
  double wsetup = progress_wall_now() - w0;
  if (!rc) rc = drv_run(r.drv, &r.hooks, r.t_start, r.t_end, err);
  progress_done(&r.prog);
  for (int m = 0; m < nmade; m++) {
    tf_err e2;
    int rc2 = run_output_close(&mc[m], rc == TF_OK, rc ? &e2 : err);
    if (!rc) rc = rc2;
  }
  run_report_fill(rep, &r, progress_wall_now() - w0, wsetup, r.drv ? drv_member_nspec(r.drv) : 0);
  for (int m = 0; m < nmade; m++) rep->out_wall_s += mc[m].out.wall_s;
  rep->peak_rss_mb = run_peak_rss_mb();
  if (!rc) snprintf(rep->output_path, sizeof rep->output_path, "%s", r.out.dir);
  if (!rc && !o->quiet) {
    printf("wall time  %.1f s for %.0f simulated hours x %d members (%d threads)", rep->wall_s, rep->sim_hours, nm,
           rep->threads);
    for (int i = 0; i < rep->nops; i++) printf("%s %s %.1f s", i ? "," : ";", rep->op_name[i], rep->op_wall_s[i]);
    printf("\n");
  }
  for (int m = 0; !rc && m < nm; m++) {
    if (!o->quiet) printf("member     %s: %s/%s.nc (and _daily.nc, _budget.csv, _cities.csv)\n", mem[m].name,
                          mc[m].out.dir, mc[m].out.stem);
    rc = run_city_table(&mc[m], NULL, err);
  }
  for (int m = 0; m < nmade; m++) run_free(&mc[m]);
  for (int m = 0; emis && m < nm; m++) emis_destroy(&emis[m]);
  free(emis);
  free(mc);
  free(names);
  run_free(&r);
  state_destroy(&tmpl);
  return rc;
}
