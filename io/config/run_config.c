/* run_config.c — the typed run description (see run_config.h): the config file is loaded
 * and validated by the key table (config.c), command-line overrides go through the same
 * validator (cfg_override), then every key is copied into `run_config` and the file is
 * closed. The key enum <-> (section, key) map below is the only place that names keys;
 * the unit test walks it against the table (every run key is mapped once, enum orders
 * follow the table's `choices`). */
#include "io/config/run_config.h"
#include <stdlib.h>
#include <string.h>
#include "io/config/config.h"

static const struct { const char *sec, *key; } keys[RCK_N] = {
  [RCK_RUN_START] = {"run", "start"},
  [RCK_RUN_HOURS] = {"run", "hours"},
  [RCK_RUN_TIMESTEP] = {"run", "timestep_s"},
  [RCK_RUN_THREADS] = {"run", "threads"},
  [RCK_RUN_OUTPUT_DIR] = {"run", "output_dir"},
  [RCK_RUN_RESTART_INTERVAL] = {"run", "restart_interval_h"},
  [RCK_RUN_RESTART_FROM] = {"run", "restart_from"},
  [RCK_RUN_PROGRESS] = {"run", "progress"},
  [RCK_MET_FILES] = {"met", "files"},
  [RCK_CHEM_MECHANISM] = {"chemistry", "mechanism"},
  [RCK_CHEM_SOLVER] = {"chemistry", "solver"},
  [RCK_CHEM_RTOL] = {"chemistry", "rtol"},
  [RCK_CHEM_ATOL] = {"chemistry", "atol_ppb"},
  [RCK_CHEM_PHOTOLYSIS] = {"chemistry", "photolysis"},
  [RCK_EMIS_GRIDDED] = {"emissions", "gridded"},
  [RCK_EMIS_POINTS] = {"emissions", "points"},
  [RCK_EMIS_BIOGENIC] = {"emissions", "biogenic"},
  [RCK_EMIS_SPECIATION] = {"emissions", "speciation"},
  [RCK_EMIS_SCALE] = {"emissions", "scale"},
  [RCK_TR_ADVECTION] = {"transport", "advection"},
  [RCK_TR_VMIX] = {"transport", "vertical_mixing"},
  [RCK_TR_DRYDEP] = {"transport", "dry_deposition"},
  [RCK_TR_WETDEP] = {"transport", "wet_scavenging"},
  [RCK_BC_INITIAL] = {"boundary", "initial"},
  [RCK_BC_LATERAL] = {"boundary", "lateral"},
  [RCK_BC_FILE] = {"boundary", "file"},
  [RCK_OUT_SPECIES] = {"output", "species"},
  [RCK_OUT_FIELDS_3D] = {"output", "fields_3d"},
  [RCK_OUT_CITIES] = {"output", "cities"},
  [RCK_CYC_WRF_PATTERN] = {"cycle", "wrf_pattern"},
  [RCK_CYC_START_HOUR] = {"cycle", "start_hour_utc"},
  [RCK_CYC_LENGTH] = {"cycle", "length_h"},
  [RCK_CYC_PUBLISH_DIR] = {"cycle", "publish_dir"},
  [RCK_CYC_KEEP_DAYS] = {"cycle", "keep_days"},
  [RCK_CYC_BULLETIN] = {"cycle", "bulletin"},
};

const char *run_config_section(rc_key k) { return k >= 0 && k < RCK_N ? keys[k].sec : "?"; }
const char *run_config_key(rc_key k) { return k >= 0 && k < RCK_N ? keys[k].key : "?"; }

static const cfg_key *row_of(rc_key k)
{
  int n;
  const cfg_key *t = cfg_table(&n);
  for (int i = 0; i < n; i++)
    if (t[i].kind == CFG_KIND_RUN && t[i].key && !strcmp(t[i].section, keys[k].sec) && !strcmp(t[i].key, keys[k].key))
      return &t[i];
  return NULL;
}

const char *run_config_word(rc_key k, int value)
{
  static char buf[RCK_N][32];
  const cfg_key *r = k >= 0 && k < RCK_N ? row_of(k) : NULL;
  if (!r || r->type != CFG_ENUM) return "?";
  const char *p = r->choices;
  for (int i = 0; i < value && p; i++) {
    p = strchr(p, '|');
    if (p) p++;
  }
  if (!p || value < 0) return "?";
  size_t n = strcspn(p, "|");
  if (n >= sizeof buf[k]) n = sizeof buf[k] - 1;
  memcpy(buf[k], p, n);
  buf[k][n] = '\0';
  return buf[k];
}

static int enum_of(const cfg_file *f, rc_key k) { return cfg_get_enum(f, keys[k].sec, keys[k].key); }

int run_config_key_err(const run_config *c, rc_key k, tf_err *err)
{
  if (c->origin[k]) return tf_err_prefix(err, "%s", c->origin[k]);
  if (c->line[k] > 0) return tf_err_prefix(err, "%s:%d: [%s] %s", c->path, c->line[k], keys[k].sec, keys[k].key);
  return tf_err_prefix(err, "%s: [%s] %s (default)", c->path, keys[k].sec, keys[k].key);
}

static char *dup_or_null(const char *s, int *bad)
{
  if (!s) return NULL;
  char *d = strdup(s);
  if (!d) *bad = 1;
  return d;
}

static char **dup_list(const cfg_file *f, rc_key k, int *n, int *bad)
{
  const char *const *items;
  *n = cfg_get_list(f, keys[k].sec, keys[k].key, &items);
  char **v = calloc((size_t)(*n ? *n : 1), sizeof *v);
  if (!v) { *bad = 1; *n = 0; return NULL; }
  for (int i = 0; i < *n; i++) v[i] = dup_or_null(items[i], bad);
  return v;
}

static void free_list(char **v, int n)
{
  for (int i = 0; v && i < n; i++) free(v[i]);
  free(v);
}

int rc_scale_parse(const char *it, rc_scale *s, tf_err *err)
{
  const char *eq = strchr(it, '='), *colon = strchr(it, ':');
  char *end = NULL;
  double fac = eq ? strtod(eq + 1, &end) : -1.0;
  const char *sp = colon ? colon + 1 : it;
  if (!eq || end == eq + 1 || *end || !(fac >= 0.0) || (colon && colon > eq) || eq == sp ||
      (colon && colon == it) || (eq - sp) >= 64 || (colon && colon - it >= 64))
    return tf_err_set(err, TF_EINVAL, "expected items like NOX=0.7 or solvent:NMVOC=0.5 (factor >= 0), found '%s'", it);
  snprintf(s->sector, sizeof s->sector, "%.*s", colon ? (int)(colon - it) : 1, colon ? it : "*");
  snprintf(s->species, sizeof s->species, "%.*s", (int)(eq - sp), sp);
  s->factor = fac;
  return TF_OK;
}

/* "[SECTOR:]SPECIES=FACTOR" items of [emissions] scale. */
static int parse_scale(run_config *c, const cfg_file *f, tf_err *err)
{
  const char *const *items;
  int n = cfg_get_list(f, "emissions", "scale", &items);
  c->emis.scale = calloc((size_t)(n ? n : 1), sizeof *c->emis.scale);
  if (!c->emis.scale) return tf_err_set(err, TF_ENOMEM, "out of memory");
  for (int i = 0; i < n; i++) {
    if (rc_scale_parse(items[i], &c->emis.scale[c->emis.nscale], err)) return run_config_key_err(c, RCK_EMIS_SCALE, err);
    c->emis.nscale++;
  }
  return TF_OK;
}

static int fill(run_config *c, const cfg_file *f, tf_err *err)
{
  int bad = 0;
  for (int k = 0; k < RCK_N; k++) {
    c->line[k] = cfg_line(f, keys[k].sec, keys[k].key);
    c->origin[k] = cfg_origin(f, keys[k].sec, keys[k].key);
  }
  c->run.has_start = cfg_has(f, "run", "start");
  c->run.start_s = c->run.has_start ? cfg_get_time(f, "run", "start") : 0.0;
  c->run.hours = (int)cfg_get_int(f, "run", "hours");
  c->run.timestep_s = (int)cfg_get_int(f, "run", "timestep_s");
  c->run.threads = (int)cfg_get_int(f, "run", "threads");
  c->run.output_dir = dup_or_null(cfg_get_str(f, "run", "output_dir"), &bad);
  c->run.restart_interval_h = (int)cfg_get_int(f, "run", "restart_interval_h");
  c->run.restart_from = cfg_has(f, "run", "restart_from") ? dup_or_null(cfg_get_str(f, "run", "restart_from"), &bad) : NULL;
  c->run.progress = (rc_progress)enum_of(f, RCK_RUN_PROGRESS);
  c->met.files = dup_list(f, RCK_MET_FILES, &c->met.nfiles, &bad);
  c->chem.mechanism = dup_or_null(cfg_get_str(f, "chemistry", "mechanism"), &bad);
  c->chem.mechanism_builtin = cfg_is_builtin(f, "chemistry", "mechanism");
  c->chem.solver = (rc_solver)enum_of(f, RCK_CHEM_SOLVER);
  c->chem.rtol = cfg_get_double(f, "chemistry", "rtol");
  c->chem.atol_ppb = cfg_get_double(f, "chemistry", "atol_ppb");
  c->chem.photolysis = (rc_photolysis)enum_of(f, RCK_CHEM_PHOTOLYSIS);
  c->emis.gridded = dup_or_null(cfg_get_str(f, "emissions", "gridded"), &bad);
  c->emis.points = dup_or_null(cfg_get_str(f, "emissions", "points"), &bad);
  c->emis.biogenic = cfg_get_bool(f, "emissions", "biogenic");
  c->emis.speciation = dup_or_null(cfg_get_str(f, "emissions", "speciation"), &bad);
  c->emis.speciation_builtin = c->emis.speciation && cfg_is_builtin(f, "emissions", "speciation");
  c->transport.advection = (rc_advection)enum_of(f, RCK_TR_ADVECTION);
  c->transport.vmix = (rc_vmix)enum_of(f, RCK_TR_VMIX);
  c->transport.dry_deposition = cfg_get_bool(f, "transport", "dry_deposition");
  c->transport.wet_scavenging = cfg_get_bool(f, "transport", "wet_scavenging");
  c->boundary.initial = (rc_bc_source)enum_of(f, RCK_BC_INITIAL);
  c->boundary.lateral = (rc_bc_source)enum_of(f, RCK_BC_LATERAL);
  c->boundary.file = dup_or_null(cfg_get_str(f, "boundary", "file"), &bad);
  c->output.species = dup_list(f, RCK_OUT_SPECIES, &c->output.nspecies, &bad);
  c->output.fields_3d = cfg_get_bool(f, "output", "fields_3d");
  c->output.cities = dup_or_null(cfg_get_str(f, "output", "cities"), &bad);
  c->output.cities_builtin = c->output.cities && cfg_is_builtin(f, "output", "cities");
  c->cycle.wrf_pattern = dup_or_null(cfg_get_str(f, "cycle", "wrf_pattern"), &bad);
  c->cycle.start_hour_utc = (int)cfg_get_int(f, "cycle", "start_hour_utc");
  c->cycle.length_h = (int)cfg_get_int(f, "cycle", "length_h");
  c->cycle.publish_dir = dup_or_null(cfg_get_str(f, "cycle", "publish_dir"), &bad);
  c->cycle.keep_days = (int)cfg_get_int(f, "cycle", "keep_days");
  const char *bul = cfg_get_str(f, "cycle", "bulletin");
  c->cycle.bulletin = strcmp(bul, "builtin") ? dup_or_null(bul, &bad) : NULL;
  c->cycle.bulletin_builtin = c->cycle.bulletin && cfg_is_builtin(f, "cycle", "bulletin");
  if (bad) return tf_err_set(err, TF_ENOMEM, "out of memory");
  return parse_scale(c, f, err);
}

run_config *run_config_load(const char *path, const rc_overrides *ov, tf_err *err)
{
  cfg_file *f = cfg_load(path, CFG_KIND_RUN, err);
  if (!f) return NULL;
  int rc = TF_OK;
  if (ov) {
    const struct { const char *text; rc_key k; const char *origin; } o[] = {
      {ov->hours, RCK_RUN_HOURS, "--hours"},
      {ov->threads, RCK_RUN_THREADS, "--threads"},
      {ov->output_dir, RCK_RUN_OUTPUT_DIR, "--output"},
      {ov->progress, RCK_RUN_PROGRESS, "--progress"},
      {ov->start, RCK_RUN_START, "cycle: start"},
      {ov->restart_from, RCK_RUN_RESTART_FROM, "cycle: restart_from"},
      {ov->met_files, RCK_MET_FILES, "cycle: met files of [cycle] wrf_pattern"},
      {ov->publish_dir, RCK_CYC_PUBLISH_DIR, "--publish"},
    };
    for (size_t i = 0; !rc && i < sizeof o / sizeof o[0]; i++)
      if (o[i].text) rc = cfg_override(f, keys[o[i].k].sec, keys[o[i].k].key, o[i].text, o[i].origin, err);
  }
  run_config *c = rc ? NULL : calloc(1, sizeof *c);
  if (!rc && !c) rc = tf_err_set(err, TF_ENOMEM, "out of memory");
  if (!rc) {
    c->path = strdup(path);
    rc = c->path ? fill(c, f, err) : tf_err_set(err, TF_ENOMEM, "out of memory");
  }
  cfg_destroy(&f);
  if (rc) run_config_destroy(&c);
  return c;
}

void run_config_destroy(run_config **pc)
{
  if (!pc || !*pc) return;
  run_config *c = *pc;
  free(c->path);
  free(c->run.output_dir);
  free(c->run.restart_from);
  free_list(c->met.files, c->met.nfiles);
  free(c->chem.mechanism);
  free(c->emis.gridded);
  free(c->emis.points);
  free(c->emis.speciation);
  free(c->emis.scale);
  free(c->boundary.file);
  free_list(c->output.species, c->output.nspecies);
  free(c->output.cities);
  free(c->cycle.wrf_pattern);
  free(c->cycle.publish_dir);
  free(c->cycle.bulletin);
  free(c);
  *pc = NULL;
}
