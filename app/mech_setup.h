/* mech_setup.h — application-side wiring of a chemical mechanism: resolve a builtin name
 * or path, load it (io/kpp) and compile it (model/chem), find the mechanism's tables in
 * its folder (mech_tables), and build the photolysis map (model/photo) from the folder's
 * photolysis_map.csv (io/csv). Shared by `tianfu box`, `tianfu bench chem` and the
 * forecast run.
 *
 * Every table that depends on the mechanism lives beside its .def/.eqn file and is found
 * relative to that file's folder, never by the file's name:
 *   species.csv            deposition properties, CF standard names, biogenic roles
 *   boundary_profiles.csv  clean initial/lateral profiles
 *   speciation.csv         inventory pollutants -> mechanism species
 *   photolysis_map.csv     J(name) -> MCM clear-sky J
 * so a renamed copy of a mechanism folder is the same mechanism, and a folder that lacks a
 * table a run needs is refused (mech_table_require) instead of borrowing another
 * mechanism's table. */
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

/* Paths of a mechanism's tables: <dir>/<table name>, dir = the folder of the mechanism
 * file (with its trailing '/'; "./" for a bare file name). Nothing is opened. */
typedef struct mech_tables {
  char dir[1024];
  char species[1100];
  char boundary[1100];
  char speciation[1100];
  char photolysis[1100];
} mech_tables;
void mech_tables_resolve(const char *mech_path, mech_tables *t);

/* TF_OK if table_path is a regular file; else TF_EIO with "mechanism <mech_path>: missing
 * table <file name> in <dir> (<why>)", why e.g. "needed because [emissions] gridded is set". */
int mech_table_require(const char *mech_path, const char *table_path, const char *why, tf_err *err);
#endif
