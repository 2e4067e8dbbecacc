/* mech_setup.c — see mech_setup.h. The mechanism's tables (species, boundary profiles,
 * speciation, photolysis map) are data in the mechanism folder
 * (configs/mechanisms/<name>/<table>.csv), found beside the .def/.eqn file, so changing
 * mechanism (e.g. CB6r3) or the J assignment is a data change: this file only builds
 * paths and matches names. */
#include "mech_setup.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "io/csv/csv.h"
#include "io/kpp/kpp_parse.h"

#ifndef TIANFU_SOURCE_DIR
#define TIANFU_SOURCE_DIR "."
#endif

int mech_resolve(const char *value, int builtin, char *out, size_t n, tf_err *err)
{
  if (builtin)
    snprintf(out, n, "%s/configs/mechanisms/%s/%s.def", TIANFU_SOURCE_DIR, value, value);
  else
    snprintf(out, n, "%s", value);
  struct stat st;
  if (stat(out, &st) != 0) {
    if (builtin)
      return tf_err_set(err, TF_EIO, "mechanism '%s' is not a builtin mechanism (no %s)", value, out);
    return tf_err_set(err, TF_EIO, "mechanism file %s not found", out);
  }
  return TF_OK;
}

int mech_load(const char *path, int verbose, chem_mech **out, tf_err *err)
{
  chem_desc *d = NULL;
  *out = NULL;
  int rc = kpp_load(path, &d, err);
  if (rc) return rc;
  if (verbose)
    for (int w = 0; w < d->nwarn; w++) fprintf(stderr, "warning: %s\n", d->warn[w]);
  *out = chem_mech_create(d, err);
  chem_desc_destroy(&d);
  if (!*out) return err && err->code ? err->code : TF_EINVAL;
  return TF_OK;
}

void mech_tables_resolve(const char *mech_path, mech_tables *t)
{
  const char *slash = strrchr(mech_path, '/');
  if (slash) snprintf(t->dir, sizeof t->dir, "%.*s/", (int)(slash - mech_path), mech_path);
  else snprintf(t->dir, sizeof t->dir, "./");
  snprintf(t->species, sizeof t->species, "%sspecies.csv", t->dir);
  snprintf(t->boundary, sizeof t->boundary, "%sboundary_profiles.csv", t->dir);
  snprintf(t->speciation, sizeof t->speciation, "%sspeciation.csv", t->dir);
  snprintf(t->photolysis, sizeof t->photolysis, "%sphotolysis_map.csv", t->dir);
}

int mech_table_require(const char *mech_path, const char *table_path, const char *why, tf_err *err)
{
  struct stat st;
  if (stat(table_path, &st) == 0 && S_ISREG(st.st_mode)) return TF_OK;
  const char *slash = strrchr(table_path, '/');
  const char *name = slash ? slash + 1 : table_path;
  int dirlen = slash ? (int)(slash + 1 - table_path) : 0;
  return tf_err_set(err, TF_EIO, "mechanism %s: missing table %s in %.*s (%s)", mech_path, name, dirlen,
                    table_path, why);
}

int mech_photo_map(const chem_mech *m, const char *mech_path, photo_map **out, tf_err *err)
{
  *out = NULL;
  int nphot = chem_mech_nphot(m);
  if (nphot == 0) return TF_OK;
  mech_tables tabs;
  mech_tables_resolve(mech_path, &tabs);
  const char *csvpath = tabs.photolysis;
  char why[160];
  snprintf(why, sizeof why, "needed because the mechanism has photolysis rates J(%s) ...", chem_mech_phot_name(m, 0));
  int rc = mech_table_require(mech_path, csvpath, why, err);
  if (rc) return rc;
  csv_table *t = NULL;
  rc = csv_read(csvpath, &t, err);
  if (rc) return tf_err_prefix(err, "photolysis map for %s (J(%s) ...)", mech_path, chem_mech_phot_name(m, 0));
  static const char *const cols[] = {"name", "mcm_j", "scale"};
  int idx[3];
  int *mcm = calloc((size_t)nphot, sizeof *mcm);
  double *scale = calloc((size_t)nphot, sizeof *scale);
  if (!mcm || !scale) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
  if ((rc = csv_require_cols(t, 3, cols, idx, err))) goto done;
  for (int k = 0; k < nphot; k++) {
    const char *name = chem_mech_phot_name(m, k);
    int row = -1;
    for (int r = 0; r < t->nrow; r++)
      if (!strcmp(csv_str(t, r, idx[0]), name)) { row = r; break; }
    if (row < 0) {
      rc = tf_err_set(err, TF_EINVAL, "%s: no row for J(%s), which %s uses", csvpath, name, mech_path);
      goto done;
    }
    if ((rc = csv_int(t, row, idx[1], &mcm[k], err))) goto done;
    if ((rc = csv_double(t, row, idx[2], &scale[k], err))) goto done;
  }
  rc = photo_map_create(out, nphot, mcm, scale, err);
  if (rc) tf_err_prefix(err, "%s", csvpath);
done:
  free(mcm);
  free(scale);
  csv_destroy(&t);
  return rc;
}
