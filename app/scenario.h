/* scenario.h — turns a scenario file (io/config/scenario_config.h) into emission scaling
 * rules (model/surface/emissions.h) on the baseline run's grid and inventory, and reports
 * what they remove (tianfu scenario check).
 *
 * For the multi-member run engine: scen_create() resolves every region, measure and project
 * list once; scen_rules(s, k) gives scenario k's complete, ordered rule list (the baseline's
 * own `[emissions] scale` rules first, then its measures), which emis_set_scaling() takes as
 * it is. The arrays the rules point to are owned by the scen_ctx and live until
 * scen_destroy(). A scenario with no measures gives the baseline's rules only, i.e. the
 * baseline itself, bit for bit.
 *
 * Region weights (per cell, grid_idx2 layout, in [0, 1]) and per-point weights come from
 * ONE function per region kind (scen_region_weights in scenario.c):
 *   domain        1 everywhere
 *   box           area fraction of the cell inside the lon/lat box (10 x 10 sub-cell
 *                 quadrature in grid-index space); points: inside the box
 *   mask          the NetCDF variable on the run's grid; points: their cell's value
 *   polygon       area fractions through io/gis (GDAL) — region_polygon(), the one place
 *                 to wire tfgis_region_open/fraction/contains when io/gis lands; until
 *                 then refused with a message saying so
 *   sichuan, chongqing   the province polygons of configs/sichuan through region_polygon();
 *                 without io/gis, the `region` variable of the gridded inventory (the
 *                 province of each cell centre, what `tianfu synth` writes), said so in the
 *                 check output
 *   a city        the cells (centres) of the city's province nearer to its seat than to any
 *                 other seat of the cities table (interim, until city polygons come through
 *                 io/gis); points by the same rule at their location */
#ifndef TF_APP_SCENARIO_H
#define TF_APP_SCENARIO_H
#include <stdint.h>
#include <stdio.h>
#include "io/config/scenario_config.h"
#include "model/surface/emissions.h"
#include "run_ctx.h"

typedef struct scen_ctx scen_ctx;

/* base: a run context set up from sc->baseline with check_only (run_setup); borrowed. */
scen_ctx *scen_create(const scenario_config *sc, run_ctx *base, tf_err *err);
void scen_destroy(scen_ctx **s);
int scen_count(const scen_ctx *s);
/* Rules of scenario k (0-based, file order): *rules valid until scen_destroy. */
int scen_rules(const scen_ctx *s, int k, const emis_scale_rule **rules, int *nrules);
/* Print the check table of every scenario (tonnes removed by region x pollutant x sector x
 * industry, % of the region's total) and the warnings; *nwarn = measures that matched
 * nothing. */
int scen_print_check(scen_ctx *s, FILE *f, int *nwarn, tf_err *err);
/* t/yr removed by scenario k of pollutant p in region `region` (a name the check reports:
 * domain, sichuan, chongqing, a [region] or city a measure used), all sectors: the number
 * the check prints, for tests. NAN if the region is not reported. */
double scen_removed_t_yr(const scen_ctx *s, int k, const char *region, int p);
/* Write the illustrative project list of the built-in case (base: its run set up with
 * check_only): `count` projects (1557 = the shipped list) in the 14 industry classes, from the
 * cities of Sichuan and Chongqing and their stacks, sized from the inventory; deterministic for
 * a given seed; completion days in `year`. A summary by industry goes to log (may be NULL). */
int scen_make_projects(run_ctx *base, const char *out, int count, uint64_t seed, int year, FILE *log, tf_err *err);
#endif
