/* bulletin_config.c — load a bulletin config into bulletin_config (see the header).
 * Method: cfg_load() with kind CFG_KIND_BULLETIN validates keys, types and bounds against
 * the one table; this file copies the values and checks what the table cannot: colours
 * as #RRGGBB, at least one rule, names unique by construction of [warning NAME]. */
#include "io/config/bulletin_config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/config/config.h"

static void copy(char *dst, size_t n, const char *src) { snprintf(dst, n, "%s", src ? src : ""); }

int bulletin_config_key_err(const bulletin_config *bc, const char *section, const char *key, tf_err *err)
{
  return cfg_key_err(bc->cfg, section, key, err);
}

static int is_colour(const char *s)
{
  if (strlen(s) != 7 || s[0] != '#') return 0;
  for (int i = 1; i < 7; i++)
    if (!isxdigit((unsigned char)s[i])) return 0;
  return 1;
}

bulletin_config *bulletin_config_load(const char *path, tf_err *err)
{
  cfg_file *cfg = cfg_load(path, CFG_KIND_BULLETIN, err);
  if (!cfg) return NULL;
  bulletin_config *bc = tf_calloc(1, sizeof *bc, err);
  if (!bc) {
    cfg_destroy(&cfg);
    return NULL;
  }
  bc->cfg = cfg;
  copy(bc->path, sizeof bc->path, path);
  bc->edition = cfg_get_enum(cfg, "bulletin", "aqi_standard");
  bc->rel_unc = cfg_get_double(cfg, "bulletin", "relative_uncertainty");
  copy(bc->unc_file, sizeof bc->unc_file, cfg_get_str(cfg, "bulletin", "uncertainty_file"));
  copy(bc->pm_file, sizeof bc->pm_file, cfg_get_str(cfg, "bulletin", "pm_file"));
  copy(bc->title, sizeof bc->title, cfg_get_str(cfg, "bulletin", "title"));
  bc->maps = cfg_get_bool(cfg, "bulletin", "maps");
  bc->nrule = cfg_instance_count(cfg, "warning");
  if (!bc->nrule) {
    tf_err_set(err, TF_EINVAL, "%s: no [warning NAME] section: expected the rule table (see configs/bulletin/bulletin.ini)", path);
    bulletin_config_destroy(&bc);
    return NULL;
  }
  bc->rule = tf_calloc((size_t)bc->nrule, sizeof *bc->rule, err);
  if (!bc->rule) {
    bulletin_config_destroy(&bc);
    return NULL;
  }
  for (int i = 0; i < bc->nrule; i++) {
    bulletin_rule_cfg *r = &bc->rule[i];
    const char *name, *sec = cfg_instance(cfg, "warning", i, &name);
    r->section = sec;
    copy(r->name, sizeof r->name, name);
    copy(r->rule, sizeof r->rule, cfg_get_str(cfg, sec, "rule"));
    r->advisory = cfg_get_enum(cfg, sec, "kind") == 1;
    copy(r->colour, sizeof r->colour, cfg_get_str(cfg, sec, "colour"));
    copy(r->zh, sizeof r->zh, cfg_has(cfg, sec, "zh") ? cfg_get_str(cfg, sec, "zh") : name);
    copy(r->en, sizeof r->en, cfg_has(cfg, sec, "en") ? cfg_get_str(cfg, sec, "en") : name);
    if (!is_colour(cfg_get_str(cfg, sec, "colour"))) {
      tf_err_set(err, TF_EINVAL, "expected a colour #RRGGBB, found '%s'", cfg_get_str(cfg, sec, "colour"));
      bulletin_config_key_err(bc, sec, "colour", err);
      bulletin_config_destroy(&bc);
      return NULL;
    }
  }
  return bc;
}

void bulletin_config_destroy(bulletin_config **bc)
{
  if (!bc || !*bc) return;
  cfg_file *cfg = (*bc)->cfg;
  cfg_destroy(&cfg);
  free((*bc)->rule);
  free(*bc);
  *bc = NULL;
}
