/* run_setup.c — build a forecast run from its config: every input is opened and checked
 * here, so `tianfu check` (which stops after this) catches every problem a run would hit
 * at start-up. Messages name the config file and line of the key that led to the input. */
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "datadir.h"
#include "io/config/config.h"
#include "io/csv/atomic_file.h"
#include "io/netcdf/emis_file.h"
#include "model/core/tf_time.h"
#include "model/driver/op_chem.h"
#include "model/driver/op_surface.h"
#include "model/driver/op_transport.h"
#include "run_ctx.h"

/* "run.ini:14: [emissions] gridded: " prefix for messages about a key's value. */
static int key_err(run_ctx *r, tf_err *err, rc_key k) { return run_config_key_err(r->cfg, k, err); }

static int expand_met(run_ctx *r, tf_err *err)
{
  char *const *pat = r->cfg->met.files;
  int np = r->cfg->met.nfiles;
  if (np == 0) { /* allowed by the key table when [cycle] wrf_pattern is set */
    tf_err_set(err, TF_EINVAL, "unset: this config names its met files by [cycle] wrf_pattern; "
                               "`tianfu cycle CONFIG` runs it");
    return key_err(r, err, RCK_MET_FILES);
  }
  glob_t gl;
  memset(&gl, 0, sizeof gl);
  for (int i = 0; i < np; i++) {
    int grc = glob(pat[i], i ? GLOB_APPEND : 0, NULL, &gl);
    if (grc == GLOB_NOMATCH || (grc == 0 && gl.gl_pathc == 0)) {
      globfree(&gl);
      tf_err_set(err, TF_EIO, "no file matches '%s'", pat[i]);
      return key_err(r, err, RCK_MET_FILES);
    }
    if (grc) {
      globfree(&gl);
      tf_err_set(err, TF_EIO, "cannot expand '%s'", pat[i]);
      return key_err(r, err, RCK_MET_FILES);
    }
  }
  r->nmet = (int)gl.gl_pathc;
  r->met_paths = tf_calloc((size_t)r->nmet, sizeof(char *), err);
  if (!r->met_paths) { globfree(&gl); return err->code; }
  for (int i = 0; i < r->nmet; i++) r->met_paths[i] = strdup(gl.gl_pathv[i]);
  globfree(&gl);
  r->wrf = wrf_files_open((const char *const *)r->met_paths, r->nmet, err);
  if (!r->wrf) return key_err(r, err, RCK_MET_FILES);
  r->g = wrf_grid_create(r->wrf, RUN_HALO, err);
  return r->g ? TF_OK : err->code;
}

static int setup_period(run_ctx *r, tf_err *err)
{
  int nt = wrf_ntimes(r->wrf);
  double m0 = wrf_time(r->wrf, 0), m1 = wrf_time(r->wrf, nt - 1);
  r->t_start = r->cfg->run.has_start ? r->cfg->run.start_s : m0;
  double hours = (double)r->cfg->run.hours;
  r->t_end = r->t_start + hours * 3600.0;
  r->nhours = (int)lround(hours);
  char a[32], b[32], c[32], d[32];
  tf_time_format(r->t_start, a, 0); tf_time_format(r->t_end, b, 0);
  tf_time_format(m0, c, 0); tf_time_format(m1, d, 0);
  if (fmod(r->t_start, 3600.0) != 0.0) {
    tf_err_set(err, TF_EINVAL, "start %s is not on a whole hour", a);
    return key_err(r, err, RCK_RUN_START);
  }
  if (r->t_start < m0 || r->t_end > m1) {
    tf_err_set(err, TF_EINVAL, "the run %s .. %s needs meteorology the files do not cover (%s .. %s)", a, b, c, d);
    return key_err(r, err, r->cfg->run.has_start && r->t_start < m0 ? RCK_RUN_START : RCK_RUN_HOURS);
  }
  int dt = r->cfg->run.timestep_s;
  if (3600 % dt != 0) {
    tf_err_set(err, TF_EINVAL, "expected a step that divides 3600 s (e.g. 300, 600, 900), found %d", dt);
    return key_err(r, err, RCK_RUN_TIMESTEP);
  }
  return TF_OK;
}

static int setup_chemistry(run_ctx *r, tf_err *err)
{
  const char *path = r->mech_path;
  int rc = mech_resolve(r->cfg->chem.mechanism, r->cfg->chem.mechanism_builtin, r->mech_path, sizeof r->mech_path, err);
  if (!rc) rc = mech_load(r->mech_path, 0, &r->mech, err);
  if (!rc) rc = mech_photo_map(r->mech, r->mech_path, &r->pm, err);
  if (rc) return key_err(r, err, RCK_CHEM_MECHANISM);
  int nv = 0, ns = chem_mech_nspec(r->mech);
  r->spec_names = tf_calloc((size_t)ns, sizeof(char *), err);
  if (!r->spec_names) return err->code;
  for (int i = 0; i < ns; i++)
    if (!chem_mech_is_fixed(r->mech, i)) r->spec_names[nv++] = chem_mech_spec_name(r->mech, i);
  r->st = state_create(r->g, nv, r->spec_names, err);
  if (!r->st) return err->code;
  r->io3 = state_find(r->st, "O3");
  if (r->io3 < 0) return tf_err_set(err, TF_EINVAL, "%s: the mechanism has no O3 species; the forecast needs one", path);
  return TF_OK;
}

static int season_of(double t)
{
  /* Wesely (1989) seasonal categories for a snow-free subtropical basin: 1 midsummer
   * (Jun-Aug), 2 autumn (Sep-Oct), 3 late autumn/winter without snow (Nov-Feb),
   * 5 transitional spring (Mar-May). Category 4 (snow) does not occur on the basin floor. */
  int y, m, d;
  tf_civil_from_days((long)floor((t + TF_BEIJING_OFFSET_S) / 86400.0), &y, &m, &d);
  if (m >= 6 && m <= 8) return 1;
  if (m == 9 || m == 10) return 2;
  if (m >= 3 && m <= 5) return 5;
  return 3;
}

/* A scaling rule's species must be an inventory pollutant or a species of the mechanism. */
int run_check_rule_species(const run_ctx *r, const char *species, tf_err *err)
{
  if (emis_pollutant_index(species) < 0 && state_find(r->st, species) < 0)
    return tf_err_set(err, TF_EINVAL, "'%s' is neither an inventory pollutant (NOX NMVOC CO SO2 NH3) nor a species of the mechanism", species);
  return TF_OK;
}

/* [emissions] scale rules (parsed by run_config) as emission scaling rules, validated;
 * *rules is NULL when there are none (free it). */
int run_config_rules(run_ctx *r, emis_scale_rule **rules, int *nrules, tf_err *err)
{
  int n = r->cfg->emis.nscale;
  *rules = NULL;
  *nrules = 0;
  if (n == 0) return TF_OK;
  emis_scale_rule *ru = tf_calloc((size_t)n, sizeof *ru, err);
  if (!ru) return err->code;
  for (int i = 0; i < n; i++) {
    const rc_scale *sc = &r->cfg->emis.scale[i];
    if (run_check_rule_species(r, sc->species, err)) {
      free(ru);
      return key_err(r, err, RCK_EMIS_SCALE);
    }
    ru[i] = (emis_scale_rule){.sector = sc->sector, .species = sc->species, .factor = sc->factor};
  }
  *rules = ru;
  *nrules = n;
  return TF_OK;
}

/* An emission context of the run's inputs with the given scaling rules (none: nrules 0). */
emis_ctx *run_emis_create(run_ctx *r, int nrules, const emis_scale_rule *rules, tf_err *err)
{
  emis_ctx *e = emis_create(r->g, &r->ec, err);
  if (e && nrules > 0 && emis_set_scaling(e, nrules, rules, err)) emis_destroy(&e);
  return e;
}

static int setup_surface(run_ctx *r, tf_err *err)
{
  int nsp = r->st->nspec;
  int rc;
  /* the mechanism's species table (deposition, CF names, biogenic roles) and profiles */
  mech_tables_resolve(r->mech_path, &r->tabs);
  rc = mech_table_require(r->mech_path, r->tabs.species, "needed by every run: deposition, biogenic roles, CF names", err);
  if (!rc) rc = csv_read_species_table(r->tabs.species, &r->spt, err);
  if (!rc) rc = mech_table_require(r->mech_path, r->tabs.boundary, "needed by every run: initial and boundary profiles", err);
  if (!rc) rc = csv_read_bc_profiles(r->tabs.boundary, &r->bcp, err);
  if (rc) return key_err(r, err, RCK_CHEM_MECHANISM);
  int want_dep = r->cfg->transport.dry_deposition;
  int want_wet = r->cfg->transport.wet_scavenging;
  if (want_dep) {
    r->dep = dep_create(nsp, r->spec_names, r->spt.props, r->spt.n, season_of(r->t_start), err);
    if (!r->dep) return tf_err_prefix(err, "%s", r->tabs.species);
  }
  if (want_wet) {
    r->wet = wet_create(nsp, r->spec_names, r->spt.props, r->spt.n, err);
    if (!r->wet) return err->code;
  }
  /* boundary/initial profiles (also the fallback for species a boundary file lacks) */
  r->bcon = bcon_create(nsp, r->spec_names, &r->bcp, err);
  if (!r->bcon) return err->code;
  /* [boundary] initial/lateral = file: open and check the file against grid and period */
  if ((rc = run_bc_setup(r, err))) return key_err(r, err, RCK_BC_FILE);
  /* emissions: the configuration is kept (r->ec) so that members can make their own */
  emis_config ec;
  memset(&ec, 0, sizeof ec);
  ec.nspec = nsp;
  ec.names = r->spec_names;
  ec.biogenic = r->cfg->emis.biogenic;
  const char *gp = r->cfg->emis.gridded;
  const char *pp = r->cfg->emis.points;
  if (gp || pp) {
    const char *sv = r->cfg->emis.speciation;
    if (sv) { /* override: a builtin mechanism's name or a CSV path */
      tf_resolve_builtin(r->tabs.speciation, sizeof r->tabs.speciation, r->cfg->emis.speciation_builtin, sv,
                         "mechanisms/%s/speciation.csv");
      if (!tf_file_exists(r->tabs.speciation)) rc = tf_err_set(err, TF_EIO, "file not found: %s", r->tabs.speciation);
      if (rc) rc = key_err(r, err, RCK_EMIS_SPECIATION);
    } else {
      rc = mech_table_require(r->mech_path, r->tabs.speciation, gp ? "needed because [emissions] gridded is set"
                                                                : "needed because [emissions] points is set", err);
      if (rc) rc = key_err(r, err, RCK_CHEM_MECHANISM);
    }
    if (!rc) rc = csv_read_speciation(r->tabs.speciation, &r->spec, err);
    if (rc) return rc;
    ec.speciation = &r->spec;
  } else {
    r->tabs.speciation[0] = '\0'; /* not used */
  }
  if (gp) {
    if (!tf_file_exists(gp)) {
      tf_err_set(err, TF_EIO, "file not found: %s", gp);
      return key_err(r, err, RCK_EMIS_GRIDDED);
    }
    rc = tfnc_emis_read(gp, r->g, &r->inv, err);
    if (rc) return key_err(r, err, RCK_EMIS_GRIDDED);
    r->have_inv = 1;
    ec.inv = &r->inv;
  }
  if (pp) {
    if (!tf_file_exists(pp)) {
      tf_err_set(err, TF_EIO, "file not found: %s", pp);
      return key_err(r, err, RCK_EMIS_POINTS);
    }
    rc = csv_read_points(pp, &r->points, &r->npoints, err);
    if (rc) return key_err(r, err, RCK_EMIS_POINTS);
    ec.points = r->points;
    ec.npoints = r->npoints;
  }
  /* biogenic roles: the species table's biogenic column, in state order */
  int *bio_role = tf_calloc((size_t)(nsp ? nsp : 1), sizeof *bio_role, err);
  if (!bio_role) return err->code;
  for (int s = 0; s < nsp; s++) {
    int row = csv_species_table_find(&r->spt, r->spec_names[s]);
    bio_role[s] = row >= 0 ? r->spt.bio_role[row] : EMIS_BIO_NONE;
  }
  ec.bio_role = r->bio_role = bio_role;
  r->ec = ec;
  emis_scale_rule *rules;
  int nrules;
  if ((rc = run_config_rules(r, &rules, &nrules, err))) return rc;
  r->emis = run_emis_create(r, nrules, rules, err);
  free(rules);
  return r->emis ? TF_OK : err->code;
}

static int setup_cities(run_ctx *r, tf_err *err)
{
  char path[1024];
  tf_resolve_builtin(path, sizeof path, r->cfg->output.cities_builtin, r->cfg->output.cities, "sichuan/cities.csv");
  if (!tf_file_exists(path)) {
    tf_err_set(err, TF_EIO, "file not found: %s", path);
    return key_err(r, err, RCK_OUT_CITIES);
  }
  csv_city *cc = NULL;
  int rc = csv_read_cities(path, &cc, &r->ncity, err);
  if (rc) return key_err(r, err, RCK_OUT_CITIES);
  r->cities = tf_calloc((size_t)(r->ncity ? r->ncity : 1), sizeof *r->cities, err);
  if (!r->cities) { free(cc); return err->code; }
  for (int i = 0; i < r->ncity; i++) {
    r->cities[i].c = cc[i];
    r->cities[i].inside = grid_locate(r->g, cc[i].lat, cc[i].lon, &r->cities[i].fi, &r->cities[i].fj);
  }
  free(cc);
  return TF_OK;
}

static int setup_outputs(run_ctx *r, tf_err *err)
{
  snprintf(r->out.dir, sizeof r->out.dir, "%s", r->cfg->run.output_dir);
  char *const *items = r->cfg->output.species;
  int n = r->cfg->output.nspecies;
  r->out.spec = tf_calloc((size_t)(n ? n : 1), sizeof(int), err);
  r->out.var = tf_calloc((size_t)(n ? n : 1), sizeof(int), err);
  if (!r->out.spec || !r->out.var) return err->code;
  for (int i = 0; i < n; i++) {
    int s = state_find(r->st, items[i]);
    if (s < 0) {
      /* hint with the nearest species name */
      int best = -1, bd = 99;
      for (int k = 0; k < r->st->nspec; k++) {
        int d = cfg_edit_distance(items[i], r->st->names[k]);
        if (d < bd) { bd = d; best = k; }
      }
      tf_err_set(err, TF_EINVAL, "species '%s' is not a transported species of the mechanism%s%s%s", items[i],
                 bd <= 2 ? " (did you mean '" : "", bd <= 2 ? r->st->names[best] : "", bd <= 2 ? "'?)" : "");
      return key_err(r, err, RCK_OUT_SPECIES);
    }
    r->out.spec[r->out.nspec++] = s;
  }
  r->out.fields_3d = r->cfg->output.fields_3d;
  char a[32];
  tf_time_format(r->t_start, a, 0);
  /* stem: tianfu_YYYYMMDDThhZ_<hours>h */
  snprintf(r->out.stem, sizeof r->out.stem, "tianfu_%.4s%.2s%.2sT%.2sZ_%dh", a, a + 5, a + 8, a + 11, r->nhours);
  return TF_OK;
}

/* The operators in splitting order (driver.h); each declares the products it makes and
 * needs, so the driver refuses an order in which a consumer precedes its producer.
 * nmember > 1: the driver runs r->st as nmember members (driver.h MEMBERS), emis[m] being
 * member m's emissions; one member: emis = &r->emis. The run owns the contexts from here. */
int run_setup_ops(run_ctx *r, int nmember, emis_ctx **emis, tf_err *err)
{
  const run_config *c = r->cfg;
  r->drv = drv_create(r->g, r->st, (double)c->run.timestep_s, err);
  if (!r->drv || drv_set_members(r->drv, nmember, err)) {
    for (int m = 0; m < nmember; m++) emis_destroy(&emis[m]);
    return err->code;
  }
  /* the run owns the surface operators' contexts from here (also on failure) */
  drv_op *op = op_emis_members_add(r->drv, nmember, emis, err);
  for (int m = 0; m < nmember; m++) emis[m] = NULL;
  if (!op) return err->code;
  if (r->dep) {
    op = op_dep_add(r->drv, r->dep, err);
    r->dep = NULL;
    if (!op) return err->code;
  }
  if (r->wet) {
    op = op_wet_add(r->drv, r->wet, err);
    r->wet = NULL;
    if (!op) return err->code;
  }
  if (c->transport.vmix != RC_VMIX_OFF && !op_vmix_add(r->drv, c->transport.vmix == RC_VMIX_ACM2, err)) return err->code;
  if (c->transport.advection != RC_ADV_OFF) {
    int from_file = r->bcf && c->boundary.lateral == RC_BC_FILE;
    r->adv_op = op_adv_add(r->drv, r->bcon, from_file ? run_bc_lateral : NULL, from_file ? r->bcf : NULL, err);
    if (!r->adv_op) return err->code;
  }
  op_chem_cfg cc = {.mech = r->mech, .pm = c->chem.photolysis != RC_PHOTO_OFF ? r->pm : NULL};
  chem_opts_default(&cc.opts);
  cc.opts.method = chem_method_lookup(run_config_word(RCK_CHEM_SOLVER, (int)c->chem.solver));
  cc.opts.rtol = c->chem.rtol;
  cc.opts.atol = c->chem.atol_ppb * 1e-9; /* mole fraction */
  cc.opts.atol_mixing_ratio = 1;
  r->chem_op = op_chem_add(r->drv, &cc, err);
  return r->chem_op ? TF_OK : err->code;
}

int run_setup(run_ctx *r, const run_opts *o, tf_err *err)
{
  memset(r, 0, sizeof *r);
  r->o = *o;
  r->cfgname = o->config;
  r->io3 = -1;
  r->cfg = run_config_load(o->config, &o->ov, err);
  if (!r->cfg) return err->code;
  int rc = expand_met(r, err);
  if (!rc) rc = setup_period(r, err);
  if (!rc) rc = setup_chemistry(r, err);
  if (!rc) rc = setup_surface(r, err);
  if (!rc) rc = setup_cities(r, err);
  if (!rc) rc = setup_outputs(r, err);
  if (!rc && !o->check_only) rc = run_setup_ops(r, 1, &r->emis, err);
  return rc;
}

void run_print_summary(const run_ctx *r, FILE *f)
{
  const tf_grid *g = r->g;
  char a[32], b[32];
  tf_time_format(r->t_start, a, 0);
  tf_time_format(r->t_end, b, 0);
  fprintf(f, "config     %s\n", r->cfgname);
  fprintf(f, "domain     %d x %d x %d cells (%ld), dx %.1f km, projection %s, ptop %.0f Pa\n", g->nx, g->ny,
          g->nz, (long)g->nx * g->ny * g->nz, g->dx_m / 1000.0, proj_cf_name(&g->proj), g->ptop_pa);
  fprintf(f, "           lat %.2f..%.2f, lon %.2f..%.2f\n", g->lat[grid_idx2(g, 0, 0)],
          g->lat[grid_idx2(g, g->nxo - 1, g->nyo - 1)], g->lon[grid_idx2(g, 0, 0)],
          g->lon[grid_idx2(g, g->nxo - 1, g->nyo - 1)]);
  fprintf(f, "period     %s .. %s (%d h), step %d s\n", a, b, r->nhours, r->cfg->run.timestep_s);
  fprintf(f, "met        %d file(s), %d frames every %.0f s:\n", r->nmet, wrf_ntimes(r->wrf), wrf_dt(r->wrf));
  for (int i = 0; i < r->nmet; i++) fprintf(f, "           %s\n", r->met_paths[i]);
  fprintf(f, "mechanism  %s: %d species (%d transported), %d reactions, %d photolysis rates\n", r->mech_path,
          chem_mech_nspec(r->mech), r->st->nspec, chem_mech_nreact(r->mech), chem_mech_nphot(r->mech));
  fprintf(f, "tables     species     %s\n", r->tabs.species);
  fprintf(f, "           boundary    %s\n", r->tabs.boundary);
  fprintf(f, "           speciation  %s\n", r->tabs.speciation[0] ? r->tabs.speciation : "not needed (no gridded or point emissions)");
  fprintf(f, "           photolysis  %s\n", r->pm ? r->tabs.photolysis : "not needed (no J rates)");
  fprintf(f, "species   ");
  for (int i = 0; i < r->st->nspec; i++) fprintf(f, " %s", r->st->names[i]);
  fprintf(f, "\n");
  fprintf(f, "solver     %s, rtol %g, atol %g ppb\n", run_config_word(RCK_CHEM_SOLVER, (int)r->cfg->chem.solver),
          r->cfg->chem.rtol, r->cfg->chem.atol_ppb);
  const char *bio[EMIS_BIO_NROLE] = {NULL, "none", "none"};
  for (int i = 0; i < r->st->nspec; i++) {
    int row = csv_species_table_find(&r->spt, r->st->names[i]);
    if (row >= 0 && r->spt.bio_role[row] != EMIS_BIO_NONE) bio[r->spt.bio_role[row]] = r->st->names[i];
  }
  fprintf(f, "emissions  gridded: %s; points: %s (%d sources); biogenic: %s (isoprene -> %s, terpene -> %s)\n",
          r->have_inv ? r->cfg->emis.gridded : "none", r->npoints ? r->cfg->emis.points : "none", r->npoints,
          r->cfg->emis.biogenic ? "on" : "off", bio[EMIS_BIO_ISOPRENE], bio[EMIS_BIO_TERPENE]);
  if (r->cfg->emis.nscale) {
    fprintf(f, "scaling   ");
    for (int i = 0; i < r->cfg->emis.nscale; i++) {
      const rc_scale *sc = &r->cfg->emis.scale[i];
      if (strcmp(sc->sector, "*")) fprintf(f, " %s:%s=%g", sc->sector, sc->species, sc->factor);
      else fprintf(f, " %s=%g", sc->species, sc->factor);
    }
    fprintf(f, "\n");
  }
  fprintf(f, "transport  advection %s, vertical mixing %s, dry deposition %s, wet scavenging %s\n",
          run_config_word(RCK_TR_ADVECTION, (int)r->cfg->transport.advection),
          run_config_word(RCK_TR_VMIX, (int)r->cfg->transport.vmix),
          r->cfg->transport.dry_deposition ? "on" : "off", r->cfg->transport.wet_scavenging ? "on" : "off");
  run_bc_summary(r, f);
  int inside = 0;
  for (int i = 0; i < r->ncity; i++) inside += r->cities[i].inside;
  fprintf(f, "cities     %d of %d inside the domain\n", inside, r->ncity);
  fprintf(f, "output     %s/%s.nc (%d species hourly%s)\n", r->out.dir, r->out.stem, r->out.nspec, r->out.fields_3d ? ", 3-D" : "");
}

/* What a member's context owns (run_members.c): its outputs and products. */
static void free_outputs(run_ctx *r)
{
  free(r->out.spec); free(r->out.var); free(r->out.var3);
  r->out.spec = r->out.var = r->out.var3 = NULL;
  run_products_free(r);
  free(r->out.mass_prev);
  r->out.mass_prev = NULL;
  if (r->out.budget_csv) { fclose(r->out.budget_csv); tfio_discard(r->out.budget_partial); }
  r->out.budget_csv = NULL;
}

void run_free(run_ctx *r)
{
  if (r->member_of) { /* a member's view: everything else belongs to the base run */
    free_outputs(r);
    return;
  }
  drv_destroy(&r->drv);
  emis_destroy(&r->emis);
  dep_destroy(&r->dep);
  wet_destroy(&r->wet);
  bcon_destroy(&r->bcon);
  run_bc_free(&r->bcf);
  state_destroy(&r->st);
  photo_map_destroy(&r->pm);
  chem_mech_destroy(&r->mech);
  free(r->spec_names);
  emis_inventory_free(&r->inv);
  free(r->points);
  csv_speciation_free(&r->spec);
  csv_species_table_free(&r->spt);
  csv_bc_profiles_free(&r->bcp);
  free(r->cities);
  free(r->bio_role);
  free_outputs(r);
  wrf_files_close(&r->wrf);
  grid_destroy(&r->g);
  for (int i = 0; i < r->nmet; i++) free(r->met_paths[i]);
  free(r->met_paths);
  run_config_destroy(&r->cfg);
}
