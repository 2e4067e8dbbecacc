/* bulletin_config.h — the typed bulletin config (tianfu bulletin --config FILE): the AQI
 * regulation, the range's relative uncertainty, optional PM and per-city uncertainty
 * tables, and the warning/advisory rule table as written (the rule text is parsed by the
 * bulletin, post/bulletin.h, and its errors reported at the rule's file:line through
 * bulletin_config_key_err).
 *
 * INI, validated by the one key table (config_table.c, kind CFG_KIND_BULLETIN):
 *   [bulletin]       aqi_standard, relative_uncertainty, uncertainty_file, pm_file, title, maps
 *   [warning NAME]   rule, kind = warning|advisory, colour = #RRGGBB, zh, en
 * The builtin table is configs/bulletin/bulletin.ini (the national warning levels and the
 * ozone advisories, with their sources). */
#ifndef TF_IO_BULLETIN_CONFIG_H
#define TF_IO_BULLETIN_CONFIG_H
#include "model/core/tf_error.h"

typedef struct bulletin_rule_cfg {
  char name[32];
  char rule[200];
  int advisory;          /* 0 warning, 1 advisory */
  char colour[8];        /* "#RRGGBB" */
  char zh[96], en[160];
  const char *section;   /* "warning NAME" */
} bulletin_rule_cfg;

typedef struct bulletin_config {
  char path[1024];
  int edition;           /* 0 = HJ 633-2026, 1 = HJ 633-2012 (aqi_edition order) */
  double rel_unc;
  char unc_file[1024];   /* "" = none */
  char pm_file[1024];    /* "" = none */
  char title[200];
  int maps;
  int nrule;
  bulletin_rule_cfg *rule;
  void *cfg;             /* the loaded cfg_file */
} bulletin_config;

/* Load and validate; NULL with err set ("<file>:<line>: ..." message) on failure. */
bulletin_config *bulletin_config_load(const char *path, tf_err *err);
void bulletin_config_destroy(bulletin_config **bc);
/* Prefix err's message with the file:line of [section] key (see cfg_key_err). */
int bulletin_config_key_err(const bulletin_config *bc, const char *section, const char *key, tf_err *err);
#endif
