/* scenario_config.h — the typed description of a scenario file (tianfu scenario check):
 * a baseline run config and named scenarios, each an ordered list of named measures.
 *
 * The file is INI, validated by the one key table (config_table.c, kind CFG_KIND_SCENARIO):
 *   [scenarios]        baseline = run.ini, industries = builtin, cities = builtin
 *   [region NAME]      box = lon_min lat_min lon_max lat_max | mask + variable |
 *                      polygon + field + value | builtin = sichuan/chongqing/<city>
 *   [measure NAME]     type = scale | points | projects, factor or cut_percent, pollutants,
 *                      sectors, industries, region, stacks, dates, hours, projects, as_of
 *   [scenario NAME]    description, measures = NAME NAME ... (applied in order)
 * Everything that can be checked without the inventory is checked here and reported as
 * "<file>:<line>: [section NAME] key ...: expected ..., found ..." with "did you mean" for
 * names of measures and regions; names that need the inventory or the mechanism (sectors,
 * species, cities, stack ids) are checked when the scenario is resolved (app/scenario.c),
 * through scenario_config_key_err() for the same file:line form. */
#ifndef TF_IO_SCENARIO_CONFIG_H
#define TF_IO_SCENARIO_CONFIG_H
#include "model/core/tf_error.h"

#define SC_NAME_LEN 64
#define SC_MAX_LIST 32

typedef enum { SC_REGION_DOMAIN, SC_REGION_BOX, SC_REGION_MASK, SC_REGION_POLYGON, SC_REGION_BUILTIN } sc_region_kind;
typedef enum { SC_MEASURE_SCALE, SC_MEASURE_POINTS, SC_MEASURE_PROJECTS } sc_measure_type;

typedef struct sc_region {
  char name[SC_NAME_LEN];
  sc_region_kind kind;
  double box[4];                 /* lon_min lat_min lon_max lat_max, deg */
  char path[1024];               /* mask or polygon file (absolute) */
  char variable[SC_NAME_LEN];    /* mask variable */
  char field[SC_NAME_LEN], value[128];  /* polygon attribute selection */
  char builtin[SC_NAME_LEN];     /* sichuan, chongqing, a city name */
  const char *section;           /* "region NAME" (points into the loaded file) */
} sc_region;

typedef struct sc_measure {
  char name[SC_NAME_LEN];
  sc_measure_type type;
  double factor;                 /* scale/points */
  int npol, nsector, nindustry, nstack;
  char pol[SC_MAX_LIST][SC_NAME_LEN];      /* empty list = all */
  char sector[SC_MAX_LIST][SC_NAME_LEN];
  char industry[SC_MAX_LIST][SC_NAME_LEN];
  char (*stack)[SC_NAME_LEN];              /* [nstack] */
  char region[SC_NAME_LEN];      /* "domain" = everywhere */
  double t_from_s, t_to_s;       /* UTC seconds; t_to_s <= t_from_s = no date range */
  unsigned hours_bj;             /* bit h = Beijing hour h; 0 = all */
  char projects[1024];           /* projects: CSV path */
  double as_of_s;                /* projects: end of the as-of day (Beijing) in UTC s; NAN = all */
  char as_of[16];
  const char *section;           /* "measure NAME" */
} sc_measure;

typedef struct sc_scenario {
  char name[SC_NAME_LEN];
  char description[256];
  int nmeasure;
  int *measure;                  /* indices into scenario_config.measure, in order */
  const char *section;
} sc_scenario;

typedef struct scenario_config {
  char path[1024];
  char baseline[1024];           /* run config (absolute) */
  char industries[1024];         /* "builtin" or a path */
  char cities[1024];
  char description[256];
  int nregion, nmeasure, nscen;
  sc_region *region;
  sc_measure *measure;
  sc_scenario *scen;
  void *cfg;                     /* the loaded cfg_file (for file:line of later errors) */
} scenario_config;

/* Load and validate; NULL with err set (file:line message) on failure. */
scenario_config *scenario_config_load(const char *path, tf_err *err);
void scenario_config_destroy(scenario_config **sc);
/* Index of region NAME among the file's [region] sections, or -1. */
int scenario_config_region(const scenario_config *sc, const char *name);
/* Prefix err's message with "<file>:<line>: [section] key: " (line of key in section, or of
 * the section header when key is NULL or unset); returns err->code. */
int scenario_config_key_err(const scenario_config *sc, const char *section, const char *key, tf_err *err);
/* Parse "YYYY-MM-DD" as the start of that Beijing day, UTC seconds; TF_EINVAL if malformed. */
int scenario_parse_day(const char *s, double *t_s);
#endif
