/* op_chem.h — the chemistry operator of the forecast run: gathers every owned cell into
 * the solver's species-major layout, computes the environment (T, M, O2, N2, H2O) and the
 * photolysis rates of the step mid-point, integrates with the sparse Rosenbrock solver and
 * scatters back. State species are the mechanism's variable species in mechanism order.
 *
 * Units: state ppb <-> solver molec/cm3 with M = p/(kT) of the cell (model/core/tf_const.h).
 * Fixed species: M, O2 (0.2095 M), N2 (0.7808 M) (US Standard Atmosphere 1976 volume
 * fractions), H2O from the WRF mixing ratio qv (n_H2O = qv * Mair/Mh2o * M), CH4 1.9 ppm and
 * H2 0.55 ppm if the mechanism fixes them (NOAA GML global means 2022: CH4 1.91 ppm;
 * H2 ~0.53-0.55 ppm, Novelli et al. 1999, JGR 104, 30427). Any other fixed species is an
 * error at setup. */
#ifndef TF_OP_CHEM_H
#define TF_OP_CHEM_H
#include "model/chem/rosenbrock.h"
#include "model/driver/driver.h"
#include "model/photo/photolysis.h"

typedef struct op_chem_cfg {
  const chem_mech *mech;  /* must outlive the operator */
  chem_opts opts;
  const photo_map *pm;    /* NULL: photolysis off (all J = 0) */
} op_chem_cfg;

/* Add the chemistry operator to run d (its state species must be variable species of the
 * mechanism); returns its handle, or NULL with err set. Reports the net chemical change of
 * each species (DRV_BUD_CHEMISTRY, mol on the air mass of the step end). */
drv_op *op_chem_add(drv_ctx *d, const op_chem_cfg *cfg, tf_err *err);
/* Per-cell step size carried between calls (n owned cells, s): part of the exact model
 * state — restart files store it so a restarted run matches a continuous one. */
double *op_chem_hnext(const drv_op *op, long *n);
/* Members (driver.h MEMBERS): the environment of a step (T, M, O2, N2, H2O, solar
 * geometry, photolysis rates) is computed once; each member is then gathered, integrated
 * with its own carried step sizes, scattered and reported to its budget slice, one member
 * after the other (each parallel over cells inside the solver). Member m's step sizes: */
double *op_chem_member_hnext(const drv_op *op, int m, long *n);
#endif
