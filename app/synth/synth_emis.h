/* synth_emis.h — anthropogenic emissions of the built-in case: a gridded inventory
 * (emis/emissions.nc) and large point sources (emis/points.csv) in the formats of
 * README.md (Input formats), calibrated to the Sichuan 2015 inventory of Zhou et al. (2019). */
#ifndef SYNTH_EMIS_H
#define SYNTH_EMIS_H
#include <stdint.h>
#include "app/synth/synth_domain.h"

enum { SYNTH_NSECTOR = 6, SYNTH_NSPEC = 5, SYNTH_NREGION = 3 };
extern const char *const synth_sector_names[SYNTH_NSECTOR]; /* power industry solvent transport residential agriculture */
extern const char *const synth_spec_names[SYNTH_NSPEC];     /* NOX NMVOC CO SO2 NH3 */
/* Zhou et al. (2019) Sichuan 2015 totals, Gg/yr, in synth_spec_names order. */
extern const double synth_sichuan_target_gg[SYNTH_NSPEC];

typedef struct synth_emis_summary {
  double gg[SYNTH_NREGION][SYNTH_NSPEC];        /* gridded + points, Gg/yr, by SYNTH_REG_* */
  double gg_points[SYNTH_NREGION][SYNTH_NSPEC]; /* points only */
  double target_gg[SYNTH_NREGION][SYNTH_NSPEC]; /* the calibration targets */
  int npoints;
} synth_emis_summary;

/* Build and write both files. */
int synth_emis_write(const synth_domain *d, uint64_t seed, const char *nc_path, const char *csv_path,
                     synth_emis_summary *sum, tf_err *err);
#endif
