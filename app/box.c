/* box.c — the chemistry box model (see box.h).
 *
 * Fixed species defaults: M (or AIR) = p/(kT) (model/core/tf_const.h), O2 = 0.2095 M and
 * N2 = 0.7808 M (US Standard Atmosphere 1976 volume fractions), H2O from rh_percent with
 * the Bolton (1980) saturation vapour pressure, or from h2o_ppm; any other fixed species
 * (CB05 CH4, H2) takes the mechanism's #INITVALUES (times CFACTOR), else 0 with a warning.
 * [initial] overrides all of these. Variable species not in [initial] start at 0.
 * Photolysis: solar = MCM clear-sky J from the solar zenith angle at the sub-step
 * mid-point (model/photo), and the KPP variable SUN = max(cos zenith, 0); fixed = the
 * [photolysis] values (J(name) = s-1, SUN = 0..1), names not given are 0; off = dark. */
#include "box.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "io/config/box_config.h"
#include "io/config/config.h"
#include "mech_setup.h"
#include "model/core/tf_const.h"
#include "model/core/tf_units.h"
#include "model/photo/solar.h"


/* "did you mean" over species (var == 1: variable only) or photolysis names. */
static const char *closest(const chem_mech *m, const char *name, int phot)
{
  const char *best = NULL;
  int bd = 4;
  int n = phot ? chem_mech_nphot(m) : chem_mech_nspec(m);
  for (int i = 0; i < n; i++) {
    const char *c = phot ? chem_mech_phot_name(m, i) : chem_mech_spec_name(m, i);
    int d = cfg_edit_distance(name, c);
    if (d < bd) { bd = d; best = c; }
  }
  return best;
}

static int bad_name(const box_config *cfg, const char *sec, const bc_entry *en, const box_model *b,
                    int phot, tf_err *err)
{
  char inner[CHEM_NAME_LEN];
  const char *name = en->name;
  size_t len = strlen(name);
  if (phot && len > 3 && !strncmp(name, "J(", 2) && name[len - 1] == ')')
    snprintf(inner, sizeof inner, "%.*s", (int)(len - 3), name + 2);
  else
    snprintf(inner, sizeof inner, "%s", name);
  const char *hint = closest(b->mech, inner, phot);
  char h[96] = "";
  if (hint) snprintf(h, sizeof h, " (did you mean '%s%s%s'?)", phot ? "J(" : "", hint, phot ? ")" : "");
  return tf_err_set(err, TF_EINVAL, "%s:%d: [%s] '%s' is not %s of %s%s", cfg->path, en->line, sec, name,
                    phot ? "a photolysis rate (J(name)) or SUN" : "a species", b->mech_path, h);
}

static int box_in_map(const bc_map *m, const char *name)
{
  for (int i = 0; i < m->n; i++)
    if (!strcmp(m->e[i].name, name)) return 1;
  return 0;
}

static int fail(box_model **b, box_config **cfg, int rc)
{
  box_config_destroy(cfg);
  box_destroy(b);
  return rc;
}

static int create(const char *config_path, box_model **out, tf_err *err)
{
  *out = NULL;
  box_config *cfg = box_config_load(config_path, err);
  if (!cfg) return err->code ? err->code : TF_EINVAL;
  box_model *b = tf_calloc(1, sizeof *b, err);
  if (!b) return fail(&b, &cfg, TF_ENOMEM);
  snprintf(b->config, sizeof b->config, "%s", config_path);
  int rc;
  if ((rc = mech_resolve(cfg->mechanism, cfg->mechanism_builtin, b->mech_path, sizeof b->mech_path, err))) {
    tf_err_prefix(err, "%s:%d: [box] mechanism", config_path, cfg->mechanism_line);
    return fail(&b, &cfg, rc);
  }
  if ((rc = mech_load(b->mech_path, 1, &b->mech, err))) return fail(&b, &cfg, rc);
  b->nspec = chem_mech_nspec(b->mech);
  b->nphot = chem_mech_nphot(b->mech);

  b->units = cfg->units == BC_UNITS_PPB ? BOX_UNITS_PPB : cfg->units == BC_UNITS_NONE ? BOX_UNITS_NONE : BOX_UNITS_MOLEC;
  b->phot_mode = cfg->photolysis == BC_PHOT_SOLAR ? BOX_PHOT_SOLAR : cfg->photolysis == BC_PHOT_FIXED ? BOX_PHOT_FIXED : BOX_PHOT_OFF;
  b->temp_k = cfg->temperature_k;
  b->p_pa = cfg->pressure_pa;
  b->m = tf_air_molec_cm3(b->p_pa, b->temp_k);
  if (cfg->has_h2o) b->h2o = cfg->h2o_ppm * 1e-6 * b->m;
  else b->h2o = cfg->rh_percent / 100.0 * tf_esat_pa(b->temp_k) /
                (TF_BOLTZMANN * b->temp_k) * 1e-6;
  b->unit_factor = b->units == BOX_UNITS_PPB ? b->m * 1e-9 : 1.0;
  b->t_start = cfg->start_s;
  b->duration_s = cfg->duration_s;
  b->dilution_per_s = cfg->dilution_per_s;
  b->output_dt_s = cfg->output_interval_s;
  b->lat_deg = cfg->latitude_deg;
  b->lon_deg = cfg->longitude_deg;

  chem_opts_default(&b->opts);
  b->opts.method = chem_method_lookup(cfg->solver);
  b->opts.rtol = cfg->rtol;
  b->opts.atol = cfg->atol;
  if (b->units == BOX_UNITS_PPB) { b->opts.atol *= 1e-9; b->opts.atol_mixing_ratio = 1; }
  b->solver = chem_solver_create(b->mech, &b->opts, err);
  if (!b->solver) return fail(&b, &cfg, err->code ? err->code : TF_EINVAL);

  b->conc0 = tf_calloc((size_t)b->nspec, sizeof *b->conc0, err);
  b->emis = tf_calloc((size_t)b->nspec, sizeof *b->emis, err);
  b->j_fixed = tf_calloc((size_t)(b->nphot > 0 ? b->nphot : 1), sizeof *b->j_fixed, err);
  if (!b->conc0 || !b->emis || !b->j_fixed) return fail(&b, &cfg, TF_ENOMEM);

  /* Fixed species defaults. */
  for (int i = 0; i < b->nspec; i++) {
    if (!chem_mech_is_fixed(b->mech, i)) continue;
    const char *s = chem_mech_spec_name(b->mech, i);
    double v = 0.0;
    if (!strcmp(s, "M") || !strcmp(s, "AIR")) v = b->m;
    else if (!strcmp(s, "O2")) v = TF_VMR_O2 * b->m;
    else if (!strcmp(s, "N2")) v = TF_VMR_N2 * b->m;
    else if (!strcmp(s, "H2O")) v = b->h2o;
    else if (!chem_mech_init_value(b->mech, i, &v) && !box_in_map(&cfg->initial, s))
      fprintf(stderr, "warning: %s: fixed species %s has no default and is not in [initial]: set to 0\n",
              config_path, s);
    b->conc0[i] = v;
  }
  /* [initial] and [emissions], in box units. */
  const char *secs[2] = {"initial", "emissions"};
  const bc_map *maps[2] = {&cfg->initial, &cfg->emissions};
  for (int sidx = 0; sidx < 2; sidx++) {
    for (int k = 0; k < maps[sidx]->n; k++) {
      const bc_entry *en = &maps[sidx]->e[k];
      const char *name = en->name;
      double v = en->value;
      int i = chem_mech_find(b->mech, name);
      if (i < 0) return fail(&b, &cfg, bad_name(cfg, secs[sidx], en, b, 0, err));
      if (sidx == 0) b->conc0[i] = v * b->unit_factor;
      else {
        if (chem_mech_is_fixed(b->mech, i))
          return fail(&b, &cfg, tf_err_set(err, TF_EINVAL, "%s:%d: [emissions] '%s' is a fixed species; "
                                           "expected a variable species", config_path,
                                           en->line, name));
        b->emis[i] = v * b->unit_factor;
        if (v > 0) b->has_emis = 1;
      }
    }
  }
  /* Photolysis. */
  if (b->phot_mode == BOX_PHOT_SOLAR) {
    if ((rc = mech_photo_map(b->mech, b->mech_path, &b->pm, err))) return fail(&b, &cfg, rc);
  } else if (b->phot_mode == BOX_PHOT_FIXED) {
    for (int k = 0; k < cfg->photolysis_fixed.n; k++) {
      const bc_entry *en = &cfg->photolysis_fixed.e[k];
      const char *name = en->name;
      double v = en->value;
      if (!strcmp(name, "SUN")) { b->sun_fixed = v; continue; }
      size_t len = strlen(name);
      int j = -1;
      if (len > 3 && !strncmp(name, "J(", 2) && name[len - 1] == ')') {
        char inner[CHEM_NAME_LEN];
        snprintf(inner, sizeof inner, "%.*s", (int)(len - 3), name + 2);
        j = chem_mech_find_phot(b->mech, inner);
      }
      if (j < 0) return fail(&b, &cfg, bad_name(cfg, "photolysis", en, b, 1, err));
      b->j_fixed[j] = v;
    }
  }
  box_config_destroy(&cfg);
  *out = b;
  return TF_OK;
}

box_model *box_create(const char *config_path, tf_err *err)
{
  box_model *b = NULL;
  create(config_path, &b, err);
  return b;
}

void box_destroy(box_model **b)
{
  if (!b || !*b) return;
  chem_solver_destroy(&(*b)->solver);
  chem_mech_destroy(&(*b)->mech);
  photo_map_destroy(&(*b)->pm);
  free((*b)->j_fixed);
  free((*b)->conc0);
  free((*b)->emis);
  free(*b);
  *b = NULL;
}

int box_work_init(const box_model *b, int n, box_work *w, tf_err *err)
{
  int rc = chem_envbuf_init(w, n, b->nphot, err);
  if (rc) return rc;
  for (int i = 0; i < n; i++) chem_envbuf_set_air(w, i, b->temp_k, b->m, b->h2o);
  return TF_OK; /* hnext zeros: the first call starts from opts.hstart */
}

void box_work_free(box_work *w) { chem_envbuf_free(w); }

double box_substep(const box_model *b, double dt)
{
  if (b->phot_mode != BOX_PHOT_SOLAR && !b->has_emis && b->dilution_per_s <= 0.0) return dt;
  return dt < BOX_MAX_SUBSTEP_S ? dt : BOX_MAX_SUBSTEP_S;
}

static void add_emissions(const box_model *b, double *conc, int n, double dt)
{
  for (int i = 0; i < b->nspec; i++)
    if (b->emis[i] != 0.0)
      for (int c = 0; c < n; c++) conc[(size_t)i * n + c] += b->emis[i] * dt;
}

int box_step(box_model *b, box_work *w, double *conc, int n, double t, double dt, tf_err *err)
{
  int np = b->nphot;
  if (b->phot_mode == BOX_PHOT_SOLAR) {
    double cz = photo_coszen(b->t_start + t + 0.5 * dt, b->lat_deg, b->lon_deg);
    for (int c = 0; c < n; c++) { w->coszen[c] = cz; w->sun[c] = cz > 0 ? cz : 0.0; }
    if (b->pm) photo_compute(b->pm, n, w->coszen, NULL, w->jbuf);
  } else {
    double sun = b->phot_mode == BOX_PHOT_FIXED ? b->sun_fixed : 0.0;
    for (int c = 0; c < n; c++) w->sun[c] = sun;
    for (int k = 0; k < np; k++)
      for (int c = 0; c < n; c++)
        w->jbuf[(size_t)k * n + c] = b->phot_mode == BOX_PHOT_FIXED ? b->j_fixed[k] : 0.0;
  }
  if (b->has_emis) add_emissions(b, conc, n, 0.5 * dt);
  int rc = chem_integrate(b->solver, conc, n, &w->env, dt, &b->stats, err);
  if (rc) return rc;
  if (b->has_emis) add_emissions(b, conc, n, 0.5 * dt);
  if (b->dilution_per_s > 0.0) {
    double f = 1.0 - exp(-b->dilution_per_s * dt);
    for (int i = 0; i < b->nspec; i++)
      if (!chem_mech_is_fixed(b->mech, i))
        for (int c = 0; c < n; c++) conc[(size_t)i * n + c] += (b->conc0[i] - conc[(size_t)i * n + c]) * f;
  }
  return TF_OK;
}

static void write_row(const box_model *b, FILE *out, double t, const double *conc)
{
  fprintf(out, "%.10g", t);
  for (int i = 0; i < b->nspec; i++)
    if (!chem_mech_is_fixed(b->mech, i)) fprintf(out, ",%.8e", conc[i] / b->unit_factor);
  fputc('\n', out);
}

int box_run(box_model *b, FILE *out, tf_err *err)
{
  box_work w;
  int rc = box_work_init(b, 1, &w, err);
  if (rc) return rc;
  double *conc = tf_malloc((size_t)b->nspec * sizeof *conc, err);
  if (!conc) { box_work_free(&w); return TF_ENOMEM; }
  memcpy(conc, b->conc0, (size_t)b->nspec * sizeof *conc);
  fputs("time_s", out);
  for (int i = 0; i < b->nspec; i++)
    if (!chem_mech_is_fixed(b->mech, i)) fprintf(out, ",%s", chem_mech_spec_name(b->mech, i));
  fputc('\n', out);
  write_row(b, out, 0.0, conc);
  double t = 0.0;
  while (t < b->duration_s * (1 - 1e-12)) {
    double tnext = t + b->output_dt_s;
    if (tnext > b->duration_s) tnext = b->duration_s;
    double h = box_substep(b, tnext - t);
    while (t < tnext * (1 - 1e-12)) {
      double dt = tnext - t < h * (1 + 1e-9) ? tnext - t : h;
      if ((rc = box_step(b, &w, conc, 1, t, dt, err))) {
        tf_err_prefix(err, "%s: at t = %g s", b->config, t);
        goto done;
      }
      t += dt;
    }
    t = tnext;
    write_row(b, out, t, conc);
  }
done:
  free(conc);
  box_work_free(&w);
  return rc;
}
