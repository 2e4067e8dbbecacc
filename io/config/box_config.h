/* box_config.h — the typed description of a chemistry box run (`tianfu box`), parsed and
 * validated once through the key table (config.h), like run_config.h for forecasts: every
 * [box] key into a field, enums in the order of the table's `choices`, the free-form
 * sections ([initial], [photolysis], [emissions]) as name/value/line lists whose names the
 * caller checks against the mechanism (reporting the line kept here). */
#ifndef TF_IO_BOX_CONFIG_H
#define TF_IO_BOX_CONFIG_H
#include "model/core/tf_error.h"

typedef enum { BC_UNITS_PPB, BC_UNITS_MOLEC, BC_UNITS_NONE } bc_units;         /* ppb|molec/cm3|none */
typedef enum { BC_PHOT_OFF, BC_PHOT_SOLAR, BC_PHOT_FIXED } bc_photolysis;      /* off|solar|fixed */

typedef struct bc_entry {
  char *name;
  double value;       /* in the section's unit */
  int line;
} bc_entry;

typedef struct bc_map {
  int n;
  bc_entry *e;
} bc_map;

typedef struct box_config {
  char *path;                  /* the config file as given */
  char *mechanism;             /* absolute path, or a builtin name */
  int mechanism_builtin, mechanism_line;
  bc_units units;
  double temperature_k, pressure_pa, rh_percent;
  int has_h2o;
  double h2o_ppm;              /* when has_h2o */
  double start_s;              /* s since 1970 UTC */
  double latitude_deg, longitude_deg;
  double duration_s, output_interval_s;
  char solver[16];             /* ros2|ros3|rodas3|rodas4 (a word of the table) */
  double rtol, atol;           /* atol in box units */
  bc_photolysis photolysis;
  double dilution_per_s;
  char *output;                /* CSV path; NULL = stdout */
  int output_line;
  bc_map initial, photolysis_fixed, emissions;
} box_config;

box_config *box_config_load(const char *path, tf_err *err);
void box_config_destroy(box_config **c);
#endif
