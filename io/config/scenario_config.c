/* scenario_config.c — reads a scenario file into the typed scenario_config.
 *
 * Method: cfg_load() with kind CFG_KIND_SCENARIO validates every key against the one table
 * (types, bounds, enum words, unknown keys and sections with "did you mean", required /
 * only-if rules); this file then copies the values into plain structs and checks what the
 * table cannot express: exactly one region definition per [region], the box corners, the
 * dates and hour ranges, factor vs cut_percent, and that every measure a scenario names
 * exists (with "did you mean"). Regions, sectors, species and stack ids are resolved
 * against the inventory later (app/scenario.c). */
#include "io/config/scenario_config.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/config/config.h"
#include "model/core/tf_time.h"

static int at(const scenario_config *sc, const char *section, const char *key, tf_err *err,
              const char *fmt, const char *a, const char *b)
{
  char msg[TF_ERR_MSG_LEN];
  snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
  tf_err_set(err, TF_EINVAL, "%s", msg);
  return scenario_config_key_err(sc, section, key, err);
}

int scenario_config_key_err(const scenario_config *sc, const char *section, const char *key, tf_err *err)
{
  return cfg_key_err(sc->cfg, section, key, err);
}

int scenario_parse_day(const char *s, double *t_s)
{
  int y, m, d;
  char tail;
  if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31 ||
      strlen(s) != 10)
    return TF_EINVAL;
  long days = tf_days_from_civil(y, m, d);
  int y2, m2, d2;
  tf_civil_from_days(days, &y2, &m2, &d2);
  if (y2 != y || m2 != m || d2 != d) return TF_EINVAL; /* 2022-02-30 */
  *t_s = 86400.0 * (double)days - TF_BEIJING_OFFSET_S;
  return TF_OK;
}

int scenario_config_region(const scenario_config *sc, const char *name)
{
  for (int i = 0; i < sc->nregion; i++)
    if (!strcmp(sc->region[i].name, name)) return i;
  return -1;
}

static void copy(char *dst, size_t n, const char *src) { snprintf(dst, n, "%s", src ? src : ""); }

static int load_region(scenario_config *sc, const cfg_file *cfg, const char *sec, const char *name,
                       sc_region *R, tf_err *err)
{
  copy(R->name, sizeof R->name, name);
  R->section = sec;
  const char *which[4] = {"box", "mask", "polygon", "builtin"};
  int nset = 0, first = -1;
  for (int k = 0; k < 4; k++)
    if (cfg_has(cfg, sec, which[k])) { nset++; if (first < 0) first = k; }
  if (nset != 1)
    return at(sc, sec, NULL, err, nset ? "set exactly one of box, mask, polygon, builtin; found %s and more"
                                       : "expected one of box, mask, polygon or builtin, found none%s",
              nset ? which[first] : "", NULL);
  if (first == 0) {
    const char *const *it;
    int n = cfg_get_list(cfg, sec, "box", &it);
    char *end;
    for (int k = 0; k < n && k < 4; k++) {
      R->box[k] = strtod(it[k], &end);
      if (*end || end == it[k]) return at(sc, sec, "box", err, "expected a number, found '%s'", it[k], NULL);
    }
    if (n != 4) return at(sc, sec, "box", err, "expected 4 numbers lon_min lat_min lon_max lat_max%s%s", "", NULL);
    if (!(R->box[0] < R->box[2] && R->box[1] < R->box[3] && R->box[1] >= -90 && R->box[3] <= 90))
      return at(sc, sec, "box", err, "expected lon_min < lon_max and -90 <= lat_min < lat_max <= 90%s%s", "", NULL);
    R->kind = SC_REGION_BOX;
  } else if (first == 1) {
    R->kind = SC_REGION_MASK;
    copy(R->path, sizeof R->path, cfg_get_str(cfg, sec, "mask"));
    copy(R->variable, sizeof R->variable, cfg_get_str(cfg, sec, "variable"));
  } else if (first == 2) {
    R->kind = SC_REGION_POLYGON;
    copy(R->path, sizeof R->path, cfg_get_str(cfg, sec, "polygon"));
    copy(R->field, sizeof R->field, cfg_get_str(cfg, sec, "field"));
    copy(R->value, sizeof R->value, cfg_get_str(cfg, sec, "value"));
  } else {
    R->kind = SC_REGION_BUILTIN;
    copy(R->builtin, sizeof R->builtin, cfg_get_str(cfg, sec, "builtin"));
  }
  if (first != 2 && (cfg_has(cfg, sec, "field") || cfg_has(cfg, sec, "value")))
    return at(sc, sec, cfg_has(cfg, sec, "field") ? "field" : "value", err,
              "is only used with polygon%s%s", "", NULL);
  if (first == 2 && (!cfg_has(cfg, sec, "field") || !cfg_has(cfg, sec, "value")))
    return at(sc, sec, "polygon", err, "needs field and value (the features to select)%s%s", "", NULL);
  return TF_OK;
}

static int copy_list(scenario_config *sc, const cfg_file *cfg, const char *sec, const char *key,
                     char (*dst)[SC_NAME_LEN], int *n, tf_err *err)
{
  const char *const *it;
  int k = cfg_get_list(cfg, sec, key, &it);
  if (k > SC_MAX_LIST) return at(sc, sec, key, err, "at most 32 items%s%s", "", NULL);
  for (int i = 0; i < k; i++) {
    if (strlen(it[i]) >= SC_NAME_LEN) return at(sc, sec, key, err, "name too long: '%s'%s", it[i], "");
    copy(dst[i], SC_NAME_LEN, it[i]);
  }
  *n = k;
  return TF_OK;
}

static int load_measure(scenario_config *sc, const cfg_file *cfg, const char *sec, const char *name,
                        sc_measure *M, tf_err *err)
{
  int rc;
  copy(M->name, sizeof M->name, name);
  M->section = sec;
  M->type = (sc_measure_type)cfg_get_enum(cfg, sec, "type");
  M->factor = 1.0;
  M->as_of_s = NAN;
  if (cfg_has(cfg, sec, "factor")) M->factor = cfg_get_double(cfg, sec, "factor");
  else if (cfg_has(cfg, sec, "cut_percent")) M->factor = 1.0 - cfg_get_double(cfg, sec, "cut_percent") / 100.0;
  else if (M->type != SC_MEASURE_PROJECTS)
    return at(sc, sec, "type", err, "type = %s needs factor or cut_percent, found neither%s",
              M->type == SC_MEASURE_SCALE ? "scale" : "points", "");
  if (M->type == SC_MEASURE_PROJECTS && (cfg_has(cfg, sec, "factor") || cfg_has(cfg, sec, "cut_percent")))
    return at(sc, sec, cfg_has(cfg, sec, "factor") ? "factor" : "cut_percent", err,
              "is not used with type = projects (the list gives the tonnes)%s%s", "", NULL);
  if ((rc = copy_list(sc, cfg, sec, "pollutants", M->pol, &M->npol, err)) ||
      (rc = copy_list(sc, cfg, sec, "sectors", M->sector, &M->nsector, err)) ||
      (rc = copy_list(sc, cfg, sec, "industries", M->industry, &M->nindustry, err)))
    return rc;
  if (M->type == SC_MEASURE_PROJECTS && M->nsector)
    return at(sc, sec, "sectors", err, "is not used with type = projects (industries select them)%s%s", "", NULL);
  const char *const *it;
  int ns = cfg_get_list(cfg, sec, "stacks", &it);
  if (ns && M->type != SC_MEASURE_POINTS)
    return at(sc, sec, "stacks", err, "is only used with type = points%s%s", "", NULL);
  if (ns) {
    M->stack = calloc((size_t)ns, sizeof *M->stack);
    if (!M->stack) return tf_err_set(err, TF_ENOMEM, "out of memory");
    for (int i = 0; i < ns; i++) copy(M->stack[i], SC_NAME_LEN, it[i]);
    M->nstack = ns;
  }
  copy(M->region, sizeof M->region, cfg_get_str(cfg, sec, "region"));
  int nd = cfg_get_list(cfg, sec, "dates", &it);
  if (nd) {
    double a, b;
    if (nd != 2) return at(sc, sec, "dates", err, "expected FIRST LAST (two days YYYY-MM-DD)%s%s", "", NULL);
    if (scenario_parse_day(it[0], &a) || scenario_parse_day(it[1], &b))
      return at(sc, sec, "dates", err, "expected days as YYYY-MM-DD, found '%s %s'", it[0], it[1]);
    if (b < a) return at(sc, sec, "dates", err, "the last day %s is before the first %s", it[1], it[0]);
    M->t_from_s = a;
    M->t_to_s = b + 86400.0;
  }
  int nh = cfg_get_list(cfg, sec, "hours", &it);
  for (int i = 0; i < nh; i++) {
    int h0, h1;
    char tail;
    if (sscanf(it[i], "%d-%d%c", &h0, &h1, &tail) != 2 || h0 < 0 || h0 > 23 || h1 <= h0 || h1 > 24)
      return at(sc, sec, "hours", err, "expected ranges FROM-TO of Beijing hours with 0 <= FROM < TO <= 24, "
                "found '%s'%s", it[i], "");
    for (int h = h0; h < h1; h++) M->hours_bj |= 1u << h;
  }
  if (M->type == SC_MEASURE_PROJECTS) {
    copy(M->projects, sizeof M->projects, cfg_get_str(cfg, sec, "projects"));
    const char *ao = cfg_get_str(cfg, sec, "as_of");
    if (ao) {
      double t;
      if (scenario_parse_day(ao, &t)) return at(sc, sec, "as_of", err, "expected a day YYYY-MM-DD, found '%s'%s", ao, "");
      M->as_of_s = t + 86400.0;  /* the whole day counts */
      copy(M->as_of, sizeof M->as_of, ao);
    }
    if (nd || nh) return at(sc, sec, nd ? "dates" : "hours", err,
                            "is not used with type = projects (projects count from their completion date)%s%s", "", NULL);
  }
  return TF_OK;
}

scenario_config *scenario_config_load(const char *path, tf_err *err)
{
  cfg_file *cfg = cfg_load(path, CFG_KIND_SCENARIO, err);
  if (!cfg) return NULL;
  scenario_config *sc = tf_calloc(1, sizeof *sc, err);
  if (!sc) { cfg_destroy(&cfg); return NULL; }
  sc->cfg = cfg;
  copy(sc->path, sizeof sc->path, path);
  copy(sc->baseline, sizeof sc->baseline, cfg_get_str(cfg, "scenarios", "baseline"));
  copy(sc->industries, sizeof sc->industries, cfg_get_str(cfg, "scenarios", "industries"));
  copy(sc->cities, sizeof sc->cities, cfg_get_str(cfg, "scenarios", "cities"));
  copy(sc->description, sizeof sc->description, cfg_get_str(cfg, "scenarios", "description"));
  sc->nregion = cfg_instance_count(cfg, "region");
  sc->nmeasure = cfg_instance_count(cfg, "measure");
  sc->nscen = cfg_instance_count(cfg, "scenario");
  sc->region = calloc((size_t)sc->nregion + 1, sizeof *sc->region);
  sc->measure = calloc((size_t)sc->nmeasure + 1, sizeof *sc->measure);
  sc->scen = calloc((size_t)sc->nscen + 1, sizeof *sc->scen);
  if (!sc->region || !sc->measure || !sc->scen) { tf_err_set(err, TF_ENOMEM, "out of memory"); goto fail; }
  const char *name, *sec;
  for (int i = 0; i < sc->nregion; i++) {
    sec = cfg_instance(cfg, "region", i, &name);
    if (!strcmp(name, "domain") || !strcmp(name, "sichuan") || !strcmp(name, "chongqing")) {
      at(sc, sec, NULL, err, "'%s' is a builtin region name: choose another name%s", name, "");
      goto fail;
    }
    if (load_region(sc, cfg, sec, name, &sc->region[i], err)) goto fail;
  }
  for (int i = 0; i < sc->nmeasure; i++) {
    sec = cfg_instance(cfg, "measure", i, &name);
    if (load_measure(sc, cfg, sec, name, &sc->measure[i], err)) goto fail;
  }
  if (!sc->nscen) {
    tf_err_set(err, TF_EINVAL, "%s: no [scenario NAME] section: expected at least one scenario", path);
    goto fail;
  }
  for (int i = 0; i < sc->nscen; i++) {
    sc_scenario *S = &sc->scen[i];
    sec = cfg_instance(cfg, "scenario", i, &name);
    copy(S->name, sizeof S->name, name);
    S->section = sec;
    copy(S->description, sizeof S->description, cfg_get_str(cfg, sec, "description"));
    const char *const *it;
    int n = cfg_get_list(cfg, sec, "measures", &it);
    S->measure = calloc((size_t)n + 1, sizeof *S->measure);
    if (!S->measure) { tf_err_set(err, TF_ENOMEM, "out of memory"); goto fail; }
    for (int k = 0; k < n; k++) {
      int found = -1, bestd = 3;
      const char *best = NULL;
      for (int m = 0; m < sc->nmeasure; m++) {
        if (!strcmp(sc->measure[m].name, it[k])) found = m;
        int d = cfg_edit_distance(it[k], sc->measure[m].name);
        if (d < bestd) { bestd = d; best = sc->measure[m].name; }
      }
      if (found < 0) {
        char why[200];
        snprintf(why, sizeof why, "measure '%s' is not defined (no [measure %s])", it[k], it[k]);
        if (best) snprintf(why + strlen(why), sizeof why - strlen(why), " (did you mean '%s'?)", best);
        at(sc, sec, "measures", err, "%s%s", why, "");
        goto fail;
      }
      S->measure[S->nmeasure++] = found;
    }
  }
  /* measure regions: a [region] of this file or a builtin name (checked with the data) */
  for (int m = 0; m < sc->nmeasure; m++) {
    const char *r = sc->measure[m].region;
    if (scenario_config_region(sc, r) >= 0 || !strcmp(r, "domain") || !strcmp(r, "sichuan") ||
        !strcmp(r, "chongqing"))
      continue;
    const char *best = NULL;
    int bestd = 3;
    for (int i = 0; i < sc->nregion; i++) {
      int d = cfg_edit_distance(r, sc->region[i].name);
      if (d < bestd) { bestd = d; best = sc->region[i].name; }
    }
    if (best) {
      char why[200];
      snprintf(why, sizeof why, "region '%s' is not defined (did you mean '%s'?)", r, best);
      at(sc, sc->measure[m].section, "region", err, "%s%s", why, "");
      goto fail;
    }
    /* else: possibly a city of the cities table; resolved with the data */
  }
  return sc;
fail:
  scenario_config_destroy(&sc);
  return NULL;
}

void scenario_config_destroy(scenario_config **psc)
{
  if (!psc || !*psc) return;
  scenario_config *sc = *psc;
  for (int i = 0; sc->measure && i < sc->nmeasure; i++) free(sc->measure[i].stack);
  for (int i = 0; sc->scen && i < sc->nscen; i++) free(sc->scen[i].measure);
  free(sc->region);
  free(sc->measure);
  free(sc->scen);
  cfg_file *cfg = sc->cfg;
  cfg_destroy(&cfg);
  free(sc);
  *psc = NULL;
}
