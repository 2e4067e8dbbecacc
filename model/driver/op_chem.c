/* op_chem.c — see op_chem.h. */
#include "model/driver/op_chem.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "model/chem/chem_envbuf.h"
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"
#include "model/photo/solar.h"
#include "model/transport/advection.h"


enum { FIX_M, FIX_O2, FIX_N2, FIX_H2O, FIX_CH4, FIX_H2 };

typedef struct op_chem {
  op_chem_cfg cfg;
  chem_solver *solver;
  long n;            /* owned cells */
  int nspec_mech, nstate;   /* nstate: species of one member */
  int nmember;               /* driver.h MEMBERS: the environment is shared, the rest per member */
  double **hnext;            /* [nmember] per-cell step sizes; hnext[0] is eb.hnext */
  int *st2mech;      /* state species -> mechanism index */
  int *fix_idx, *fix_kind, nfix;
  double *conc;      /* [nspec_mech][n] molec/cm3 */
  chem_envbuf eb;           /* per-cell environment (shared by members); eb.hnext carried, s */
  double *coszen2, *swr2;   /* per column */
  double *swr;              /* per cell */
  double *mol_before;       /* [nstate] species moles before the step (budget) */
  chem_stats stats;
} op_chem;

static void op_chem_destroy(void *self)
{
  op_chem *c = self;
  if (!c) return;
  chem_solver_destroy(&c->solver);
  free(c->st2mech); free(c->fix_idx); free(c->fix_kind); free(c->conc);
  chem_envbuf_free(&c->eb);
  free(c->coszen2); free(c->swr2); free(c->swr); free(c->mol_before);
  for (int m = 1; c->hnext && m < c->nmember; m++) free(c->hnext[m]);
  free(c->hnext);
  free(c);
}

/* One member through the step: gather its state with the environment of this step
 * (already in c->eb), integrate with its own carried step sizes, scatter back and report
 * the net change to its budget channel. The arithmetic is that of a one-member run. */
static int chem_member(op_chem *c, drv_ctx *run, int m, double dt, tf_err *err)
{
  const tf_grid *g = drv_grid(run);
  tf_state sv = drv_member_state(run, m), *state = &sv;
  /* budget: the net chemical change of each species, on the air mass of the step end */
  for (int s = 0; s < c->nstate; s++) c->mol_before[s] = adv_species_mol(g, drv_met_t1(run), state_spec(state, s));
  const long n = c->n;
  const int nx = g->nxo, ny = g->nyo;
  /* gather: state ppb -> molec/cm3 */
#pragma omp parallel for schedule(static)
  for (int k = 0; k < g->nz; k++)
    for (int j = 0; j < ny; j++) {
      long c0 = ((long)k * ny + j) * nx;
      for (int s = 0; s < c->nstate; s++) {
        const double *src = state_spec(state, s) + grid_idx3(g, 0, j, k);
        double *dst = c->conc + (size_t)c->st2mech[s] * (size_t)n + (size_t)c0;
        for (int i = 0; i < nx; i++) dst[i] = src[i] * 1e-9 * c->eb.m[c0 + i];
      }
    }
  for (int f = 0; f < c->nfix; f++) {
    double *dst = c->conc + (size_t)c->fix_idx[f] * (size_t)n;
    const double *src = NULL;
    double vmr = 1.0;
    switch (c->fix_kind[f]) {
    case FIX_M: src = c->eb.m; break;
    case FIX_O2: src = c->eb.o2; break;
    case FIX_N2: src = c->eb.n2; break;
    case FIX_H2O: src = c->eb.h2o; break;
    case FIX_CH4: src = c->eb.m; vmr = TF_VMR_CH4; break;
    default: src = c->eb.m; vmr = TF_VMR_H2; break;
    }
    for (long q = 0; q < n; q++) dst[q] = vmr * src[q];
  }
  chem_stats st;
  memset(&st, 0, sizeof st);
  c->eb.env.hnext_s = c->hnext[m];
  int rc = chem_integrate(c->solver, c->conc, (int)n, &c->eb.env, dt, &st, err);
  c->eb.env.hnext_s = c->eb.hnext;
  chem_stats_add(&c->stats, &st);
  if (rc) return c->nmember > 1 ? tf_err_prefix(err, "member %d", m) : rc;
  /* scatter back */
#pragma omp parallel for schedule(static)
  for (int k = 0; k < g->nz; k++)
    for (int j = 0; j < ny; j++) {
      long c0 = ((long)k * ny + j) * nx;
      for (int s = 0; s < c->nstate; s++) {
        double *dst = state_spec(state, s) + grid_idx3(g, 0, j, k);
        const double *src = c->conc + (size_t)c->st2mech[s] * (size_t)n + (size_t)c0;
        for (int i = 0; i < nx; i++) dst[i] = src[i] / c->eb.m[c0 + i] * 1e9;
      }
    }
  double *chem_mol = drv_member_channel(run, m, DRV_BUD_CHEMISTRY);
  for (int s = 0; s < c->nstate; s++)
    chem_mol[s] += adv_species_mol(g, drv_met_t1(run), state_spec(state, s)) - c->mol_before[s];
  return TF_OK;
}

static int op_chem_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  op_chem *c = self;
  const tf_grid *g = drv_grid(run);
  const tf_met *met = drv_met_mid(run);
  const long n = c->n;
  const int nx = g->nxo, ny = g->nyo;
  const double tmid = t0 + 0.5 * dt;
  /* the environment of the step, once for every member: solar geometry and cloud factor
   * per column, air per cell, photolysis rates */
  int doy = tf_time_doy(tmid);
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) {
      size_t q = grid_idx2(g, i, j);
      long col = (long)j * nx + i;
      double cz = photo_coszen(tmid, g->lat[q], g->lon[q]);
      double clear = photo_clear_sky_sw(cz, doy);
      c->coszen2[col] = cz;
      /* SWDOWN is an hourly-interpolated field: when the clear-sky value is tiny (dawn,
       * dusk) the ratio is ill-defined, so use 1 (no attenuation). */
      c->swr2[col] = clear > 20.0 ? met->swdown_wm2[q] / clear : 1.0;
    }
#pragma omp parallel for schedule(static)
  for (int k = 0; k < g->nz; k++)
    for (int j = 0; j < ny; j++) {
      long c0 = ((long)k * ny + j) * nx;
      for (int i = 0; i < nx; i++) {
        size_t q3 = grid_idx3(g, i, j, k);
        long cc = c0 + i, col = (long)j * nx + i;
        double mm = tf_air_molec_cm3(met->p_pa[q3], met->t_k[q3]);
        chem_envbuf_set_air(&c->eb, cc, met->t_k[q3], mm, met->qv_kgkg[q3] * (TF_MW_AIR / TF_MW_H2O) * mm);
        c->eb.coszen[cc] = c->coszen2[col];
        c->swr[cc] = c->swr2[col];
        c->eb.sun[cc] = c->coszen2[col] > 0.0 ? c->coszen2[col] : 0.0;
      }
    }
  int nphot = chem_mech_nphot(c->cfg.mech);
  if (nphot > 0) {
    if (c->cfg.pm) photo_compute(c->cfg.pm, n, c->eb.coszen, c->swr, c->eb.jbuf);
    else memset(c->eb.jbuf, 0, sizeof(double) * (size_t)nphot * (size_t)n);
  }
  /* members one after the other, each parallel over its cells inside the solver: results
   * do not depend on the thread count, and one member's batches keep every core busy */
  for (int m = 0; m < c->nmember; m++) {
    int rc = chem_member(c, run, m, dt, err);
    if (rc) return rc;
  }
  return TF_OK;
}

drv_op *op_chem_add(drv_ctx *d, const op_chem_cfg *cfg, tf_err *err)
{
  const tf_grid *g = drv_grid(d);
  const tf_state stv = drv_member_state(d, 0), *st = &stv;
  op_chem *c = tf_calloc(1, sizeof *c, err);
  if (!c) return NULL;
  c->cfg = *cfg;
  c->n = (long)g->nxo * g->nyo * g->nz;
  c->nspec_mech = chem_mech_nspec(cfg->mech);
  c->nstate = st->nspec;
  c->nmember = drv_nmember(d);
  int nphot = chem_mech_nphot(cfg->mech);
  if (cfg->pm && photo_map_count(cfg->pm) != nphot) {
    op_chem_destroy(c);
    tf_err_set(err, TF_EINVAL, "photolysis map has %d rates, mechanism uses %d", photo_map_count(cfg->pm), nphot);
    return NULL;
  }
  size_t n = (size_t)c->n;
  c->st2mech = tf_calloc((size_t)st->nspec, sizeof(int), err);
  c->fix_idx = tf_calloc((size_t)c->nspec_mech, sizeof(int), err);
  c->fix_kind = tf_calloc((size_t)c->nspec_mech, sizeof(int), err);
  c->conc = tf_calloc((size_t)c->nspec_mech * n, sizeof(double), err);
  c->swr = tf_calloc(n, sizeof(double), err);
  c->coszen2 = tf_calloc(g->n2, sizeof(double), err); c->swr2 = tf_calloc(g->n2, sizeof(double), err);
  c->mol_before = tf_calloc((size_t)(st->nspec > 0 ? st->nspec : 1), sizeof(double), err);
  if (!c->st2mech || !c->fix_idx || !c->fix_kind || !c->conc || !c->swr || !c->coszen2 || !c->swr2 ||
      !c->mol_before || chem_envbuf_init(&c->eb, c->n, nphot, err) ||
      !(c->hnext = tf_calloc((size_t)c->nmember, sizeof *c->hnext, err))) {
    op_chem_destroy(c);
    return NULL;
  }
  c->hnext[0] = c->eb.hnext;
  for (int m = 1; m < c->nmember; m++)
    if (!(c->hnext[m] = tf_calloc(n, sizeof(double), err))) {
      op_chem_destroy(c);
      return NULL;
    }
  for (int s = 0; s < st->nspec; s++) {
    int im = chem_mech_find(cfg->mech, st->names[s]);
    if (im < 0 || chem_mech_is_fixed(cfg->mech, im)) {
      op_chem_destroy(c);
      tf_err_set(err, TF_EINVAL, "state species %s is not a variable species of the mechanism", st->names[s]);
      return NULL;
    }
    c->st2mech[s] = im;
  }
  static const char *fixnames[] = {"M", "O2", "N2", "H2O", "CH4", "H2"};
  for (int im = 0; im < c->nspec_mech; im++) {
    if (!chem_mech_is_fixed(cfg->mech, im)) continue;
    const char *nm = chem_mech_spec_name(cfg->mech, im);
    int kind = -1;
    for (int f = 0; f < 6; f++)
      if (!strcmp(nm, fixnames[f])) kind = f;
    if (kind < 0) {
      op_chem_destroy(c);
      tf_err_set(err, TF_EINVAL, "mechanism fixed species %s has no value in a 3-D run (known: M O2 N2 H2O CH4 H2)", nm);
      return NULL;
    }
    c->fix_idx[c->nfix] = im;
    c->fix_kind[c->nfix++] = kind;
  }
  c->solver = chem_solver_create(cfg->mech, &cfg->opts, err);
  if (!c->solver) {
    op_chem_destroy(c);
    return NULL;
  }
  return drv_add_op(d, &(drv_op_def){.name = "chemistry", .self = c, .step = op_chem_step, .destroy = op_chem_destroy}, err);
}


double *op_chem_hnext(const drv_op *op, long *n) { return op_chem_member_hnext(op, 0, n); }

double *op_chem_member_hnext(const drv_op *op, int m, long *n)
{
  const op_chem *c = drv_op_self(op);
  *n = c->n;
  return m >= 0 && m < c->nmember ? c->hnext[m] : NULL;
}
