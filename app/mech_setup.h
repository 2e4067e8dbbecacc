/* mech_setup.h — application-side wiring of a chemical mechanism: resolve a builtin name
 * or path, load it (io/kpp) and compile it (model/chem), and build the photolysis map
 * (model/photo) from the mechanism folder's photolysis_map.csv (io/csv).
 * Shared by `tianfu box`, `tianfu bench chem` and the forecast run. */
#ifndef TF_MECH_SETUP_H
#define TF_MECH_SETUP_H
#include <stddef.h>
#include "model/chem/mechanism.h"
#include "model/photo/photolysis.h"

/* value: a builtin name (builtin != 0: <TIANFU_SOURCE_DIR>/configs/mechanisms/<name>/<name>.def)
 * or a path to a .def/.eqn file. Writes the path to out (size n). TF_EIO if it is missing. */
int mech_resolve(const char *value, int builtin, char *out, size_t n, tf_err *err);

/* Load and compile a mechanism file. Load warnings are printed to stderr when verbose. */
int mech_load(const char *path, int verbose, chem_mech **out, tf_err *err);

/* Photolysis map for every J(name) of m, in chem_mech_phot_name order, from the CSV
 * `photolysis_map.csv` in the folder of mech_path (columns name, mcm_j, scale). A mechanism
 * without J(...) rates gets *out = NULL and TF_OK. Errors name the CSV file:line, or the
 * J name the CSV lacks. */
int mech_photo_map(const chem_mech *m, const char *mech_path, photo_map **out, tf_err *err);
#endif
