/* box_config.c — the typed box description (see box_config.h): loaded and validated by
 * config.c, copied into plain fields, the file closed. */
#include "io/config/box_config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/config/config.h"

static int copy_map(const cfg_file *f, const char *sec, bc_map *m)
{
  m->n = cfg_map_count(f, sec);
  m->e = calloc((size_t)(m->n ? m->n : 1), sizeof *m->e);
  if (!m->e) return TF_ENOMEM;
  for (int i = 0; i < m->n; i++) {
    const char *name;
    cfg_map_get(f, sec, i, &name, &m->e[i].value);
    m->e[i].name = strdup(name);
    m->e[i].line = cfg_line(f, sec, name);
    if (!m->e[i].name) return TF_ENOMEM;
  }
  return TF_OK;
}

static void free_map(bc_map *m)
{
  for (int i = 0; m->e && i < m->n; i++) free(m->e[i].name);
  free(m->e);
}

box_config *box_config_load(const char *path, tf_err *err)
{
  cfg_file *f = cfg_load(path, CFG_KIND_BOX, err);
  if (!f) return NULL;
  box_config *c = calloc(1, sizeof *c);
  int bad = !c;
  if (c) {
    c->path = strdup(path);
    c->mechanism = strdup(cfg_get_str(f, "box", "mechanism"));
    c->mechanism_builtin = cfg_is_builtin(f, "box", "mechanism");
    c->mechanism_line = cfg_line(f, "box", "mechanism");
    c->units = (bc_units)cfg_get_enum(f, "box", "units");
    c->temperature_k = cfg_get_double(f, "box", "temperature_K");
    c->pressure_pa = cfg_get_double(f, "box", "pressure_Pa");
    c->rh_percent = cfg_get_double(f, "box", "rh_percent");
    c->has_h2o = cfg_has(f, "box", "h2o_ppm");
    c->h2o_ppm = cfg_get_double(f, "box", "h2o_ppm");
    c->start_s = cfg_get_time(f, "box", "start");
    c->latitude_deg = cfg_get_double(f, "box", "latitude");
    c->longitude_deg = cfg_get_double(f, "box", "longitude");
    c->duration_s = cfg_get_double(f, "box", "duration_s");
    c->output_interval_s = cfg_get_double(f, "box", "output_interval_s");
    snprintf(c->solver, sizeof c->solver, "%s", cfg_get_str(f, "box", "solver"));
    c->rtol = cfg_get_double(f, "box", "rtol");
    c->atol = cfg_get_double(f, "box", "atol");
    c->photolysis = (bc_photolysis)cfg_get_enum(f, "box", "photolysis");
    c->dilution_per_s = cfg_get_double(f, "box", "dilution_per_s");
    c->output = cfg_has(f, "box", "output") ? strdup(cfg_get_str(f, "box", "output")) : NULL;
    c->output_line = cfg_line(f, "box", "output");
    bad = !c->path || !c->mechanism || (cfg_has(f, "box", "output") && !c->output) ||
          copy_map(f, "initial", &c->initial) || copy_map(f, "photolysis", &c->photolysis_fixed) ||
          copy_map(f, "emissions", &c->emissions);
  }
  cfg_destroy(&f);
  if (bad) {
    box_config_destroy(&c);
    tf_err_set(err, TF_ENOMEM, "out of memory");
  }
  return c;
}

void box_config_destroy(box_config **pc)
{
  if (!pc || !*pc) return;
  box_config *c = *pc;
  free(c->path);
  free(c->mechanism);
  free(c->output);
  free_map(&c->initial);
  free_map(&c->photolysis_fixed);
  free_map(&c->emissions);
  free(c);
  *pc = NULL;
}
