/* tables.c — read the small CSV tables of the surface modules (species table: deposition
 * properties, CF standard names, biogenic roles; speciation; boundary profiles), point
 * sources and cities into plain structs.
 * Method: csv.c parses; each reader maps required columns by name, converts and checks
 * every cell (file:line:column messages) and fills the struct. No chemistry here. */
#include "io/csv/tables.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/csv/csv.h"

#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Read the file and map the required columns; on success *t must be destroyed. */
static int open_table(const char *path, int n, const char *const *cols, int *idx, csv_table **t,
                      tf_err *err)
{
  int rc = csv_read(path, t, err);
  if (rc) return rc;
  rc = csv_require_cols(*t, n, cols, idx, err);
  if (rc) csv_destroy(t);
  return rc;
}

/* One row's reader: converts and checks row r of t (columns c[], mapped from the reader's
 * column list) into rows[r] (an array of the reader's struct); rows 0..r-1 are filled. */
typedef int (*row_reader)(const char *path, const csv_table *t, const int *c, int r, void *rows,
                          tf_err *err);

/* The shape every table reader shares: map the columns, allocate one struct per row (at
 * least one), read each row, and hand the array to the caller only if every row read. */
static int read_rows(const char *path, int ncol, const char *const *cols, size_t size, row_reader row,
                     void **out, int *n, tf_err *err)
{
  int c[32];
  csv_table *t;
  *out = NULL;
  *n = 0;
  if (ncol > NCOLS(c)) return tf_err_set(err, TF_EINTERNAL, "%s: table reader with %d columns", path, ncol);
  int rc = open_table(path, ncol, cols, c, &t, err);
  if (rc) return rc;
  char *rows = tf_calloc((size_t)(t->nrow ? t->nrow : 1), size, err);
  if (!rows) { csv_destroy(&t); return TF_ENOMEM; }
  for (int r = 0; r < t->nrow && !rc; r++) rc = row(path, t, c, r, rows, err);
  if (rc) free(rows);
  else {
    *out = rows;
    *n = t->nrow;
  }
  csv_destroy(&t);
  return rc;
}

/* Deposition columns of row r (c[0..5] = name .. deposits) into *q; duplicate names in
 * rows before r (p[0..r-1]) are an error. */
static int species_props_row(const char *path, const csv_table *t, const int *c, int r, void *rows,
                             tf_err *err)
{
  dep_species_props *p = rows, *q = &p[r];
  int rc = csv_copy_str(t, r, c[0], q->name, (int)sizeof q->name, 1, err);
  if (rc) return rc;
  for (int k = 0; k < r; k++)
    if (strcmp(p[k].name, q->name) == 0)
      return tf_err_set(err, TF_EINVAL, "%s:%d:%d: species '%s' listed twice (first at line %d)", path,
                        t->line[r], c[0] + 1, q->name, t->line[k]);
  if ((rc = csv_double(t, r, c[1], &q->mw_g_mol, err)) || (rc = csv_check_range(t, r, c[1], q->mw_g_mol, 0.5, 1000.0, err)) ||
      (rc = csv_double(t, r, c[2], &q->hstar_M_atm, err)) || (rc = csv_check_range(t, r, c[2], q->hstar_M_atm, 0.0, 1e20, err)) ||
      (rc = csv_double(t, r, c[3], &q->f0, err)) || (rc = csv_check_range(t, r, c[3], q->f0, 0.0, 1.0, err)) ||
      (rc = csv_double(t, r, c[4], &q->dratio, err)) || (rc = csv_check_range(t, r, c[4], q->dratio, 0.1, 20.0, err)) ||
      (rc = csv_bool(t, r, c[5], &q->deposits, err)))
    return rc;
  return TF_OK;
}

int csv_read_species_props(const char *path, dep_species_props **out, int *n, tf_err *err)
{
  static const char *const cols[] = {"name", "mw_g_mol", "hstar_M_atm", "f0", "dratio", "deposits"};
  void *rows;
  int rc = read_rows(path, NCOLS(cols), cols, sizeof **out, species_props_row, &rows, n, err);
  *out = rows;
  return rc;
}

int csv_read_species_table(const char *path, csv_species_table *out, tf_err *err)
{
  static const char *const cols[] = {"name", "mw_g_mol", "hstar_M_atm", "f0", "dratio", "deposits",
                                     "cf_standard_name", "biogenic"};
  static const char *const roles[] = {"", "isoprene", "terpene"}; /* EMIS_BIO_* order */
  int c[NCOLS(cols)];
  csv_table *t;
  memset(out, 0, sizeof *out);
  int rc = open_table(path, NCOLS(cols), cols, c, &t, err);
  if (rc) return rc;
  size_t nr = (size_t)(t->nrow ? t->nrow : 1);
  out->props = tf_calloc(nr, sizeof *out->props, err);
  out->cf_name = tf_calloc(nr, sizeof *out->cf_name, err);
  out->bio_role = tf_calloc(nr, sizeof *out->bio_role, err);
  if (!out->props || !out->cf_name || !out->bio_role) rc = TF_ENOMEM;
  int role_row[EMIS_BIO_NROLE] = {-1, -1, -1};
  for (int r = 0; r < t->nrow && !rc; r++) {
    if ((rc = species_props_row(path, t, c, r, out->props, err)) ||
        (rc = csv_copy_str(t, r, c[6], out->cf_name[r], (int)sizeof out->cf_name[r], 0, err)))
      break;
    const char *b = csv_str(t, r, c[7]);
    int role = -1;
    for (int k = 0; k < EMIS_BIO_NROLE; k++)
      if (strcmp(b, roles[k]) == 0) role = k;
    if (role < 0) {
      rc = tf_err_set(err, TF_EINVAL, "%s:%d:%d: column 'biogenic': expected isoprene, terpene or empty, found '%s'",
                      path, t->line[r], c[7] + 1, b);
      break;
    }
    if (role != EMIS_BIO_NONE && role_row[role] >= 0) {
      rc = tf_err_set(err, TF_EINVAL, "%s:%d:%d: column 'biogenic': role %s given to %s and to %s (line %d); "
                      "expected at most one species per role", path, t->line[r], c[7] + 1, roles[role],
                      out->props[r].name, out->props[role_row[role]].name, t->line[role_row[role]]);
      break;
    }
    role_row[role] = r;
    out->bio_role[r] = role;
  }
  if (!rc) out->n = t->nrow;
  csv_destroy(&t);
  if (rc) csv_species_table_free(out);
  return rc;
}

void csv_species_table_free(csv_species_table *t)
{
  if (!t) return;
  free(t->props);
  free(t->cf_name);
  free(t->bio_role);
  memset(t, 0, sizeof *t);
}

int csv_species_table_find(const csv_species_table *t, const char *name)
{
  for (int i = 0; t && i < t->n; i++)
    if (strcmp(t->props[i].name, name) == 0) return i;
  return -1;
}

static int speciation_row(const char *path, const csv_table *t, const int *c, int r, void *rows, tf_err *err)
{
  emis_spec_row *q = (emis_spec_row *)rows + r;
  int rc = csv_copy_str(t, r, c[0], q->sector, (int)sizeof q->sector, 1, err);
  if (rc) return rc;
  q->pollutant = emis_pollutant_index(csv_str(t, r, c[1]));
  if (q->pollutant < 0)
    return tf_err_set(err, TF_EINVAL, "%s:%d:%d: column 'pollutant': expected one of NOX NMVOC CO SO2 NH3, found '%s'",
                      path, t->line[r], c[1] + 1, csv_str(t, r, c[1]));
  if ((rc = csv_copy_str(t, r, c[2], q->species, (int)sizeof q->species, 1, err)) ||
      (rc = csv_double(t, r, c[3], &q->mol_per_kg, err)) ||
      (rc = csv_check_range(t, r, c[3], q->mol_per_kg, 0.0, 1e4, err)))
    return rc;
  return TF_OK;
}

int csv_read_speciation(const char *path, emis_speciation *out, tf_err *err)
{
  static const char *const cols[] = {"sector", "pollutant", "species", "mol_per_kg"};
  void *rows;
  int rc = read_rows(path, NCOLS(cols), cols, sizeof *out->rows, speciation_row, &rows, &out->n, err);
  out->rows = rows;
  return rc;
}

void csv_speciation_free(emis_speciation *s)
{
  if (!s) return;
  free(s->rows);
  s->rows = NULL;
  s->n = 0;
}

static int bc_profile_row_read(const char *path, const csv_table *t, const int *c, int r, void *rows, tf_err *err)
{
  (void)path;
  bc_profile_row *q = (bc_profile_row *)rows + r;
  int rc;
  if ((rc = csv_copy_str(t, r, c[0], q->species, (int)sizeof q->species, 1, err)) ||
      (rc = csv_double(t, r, c[1], &q->z_m, err)) || (rc = csv_check_range(t, r, c[1], q->z_m, 0.0, 1e5, err)) ||
      (rc = csv_double(t, r, c[2], &q->ppb, err)) || (rc = csv_check_range(t, r, c[2], q->ppb, 0.0, 1e7, err)))
    return rc;
  return TF_OK;
}

int csv_read_bc_profiles(const char *path, bc_profiles *out, tf_err *err)
{
  static const char *const cols[] = {"species", "height_m", "ppb"};
  void *rows;
  int rc = read_rows(path, NCOLS(cols), cols, sizeof *out->rows, bc_profile_row_read, &rows, &out->n, err);
  out->rows = rows;
  return rc;
}

void csv_bc_profiles_free(bc_profiles *p)
{
  if (!p) return;
  free(p->rows);
  p->rows = NULL;
  p->n = 0;
}

/* Point-source row: numeric columns 4..14 with their allowed ranges. */
static int point_row(const char *path, const csv_table *t, const int *c, int r, void *rows, tf_err *err)
{
  static const double lo[] = {-90, -180, 0, 0, 0, 200, 0, 0, 0, 0, 0};
  static const double hi[] = {90, 360, 1000, 100, 200, 2000, 1e7, 1e7, 1e7, 1e7, 1e7};
  emis_point *p = rows, *q = &p[r];
  int rc = csv_copy_str(t, r, c[0], q->id, (int)sizeof q->id, 1, err);
  if (rc) return rc;
  for (int k = 0; k < r; k++)
    if (strcmp(p[k].id, q->id) == 0)
      return tf_err_set(err, TF_EINVAL, "%s:%d:%d: point-source id '%s' used twice (first at line %d)", path,
                        t->line[r], c[0] + 1, q->id, t->line[k]);
  /* name may be long: truncate silently is not allowed, so copy with a clear error */
  if ((rc = csv_copy_str(t, r, c[1], q->name, (int)sizeof q->name, 0, err)) ||
      (rc = csv_copy_str(t, r, c[2], q->industry, (int)sizeof q->industry, 0, err)) ||
      (rc = csv_copy_str(t, r, c[3], q->sector, (int)sizeof q->sector, 1, err)))
    return rc;
  double v[11];
  for (int k = 0; k < 11 && !rc; k++)
    if (!(rc = csv_double(t, r, c[4 + k], &v[k], err))) rc = csv_check_range(t, r, c[4 + k], v[k], lo[k], hi[k], err);
  if (rc) return rc;
  q->lat = v[0];
  q->lon = v[1];
  q->stack_height_m = v[2];
  q->stack_diameter_m = v[3];
  q->exit_velocity_ms = v[4];
  q->exit_temp_k = v[5];
  for (int k = 0; k < EMIS_NPOL; k++) q->rate_kgh[k] = v[6 + k]; /* NOX NMVOC CO SO2 NH3 order */
  return TF_OK;
}

int csv_read_points(const char *path, emis_point **out, int *n, tf_err *err)
{
  static const char *const cols[] = {"id", "name", "industry", "sector", "lat", "lon",
                                     "stack_height_m", "stack_diameter_m", "exit_velocity_ms",
                                     "exit_temp_k", "NOX_kgh", "NMVOC_kgh", "CO_kgh", "SO2_kgh", "NH3_kgh"};
  void *rows;
  int rc = read_rows(path, NCOLS(cols), cols, sizeof **out, point_row, &rows, n, err);
  *out = rows;
  return rc;
}

static int city_row(const char *path, const csv_table *t, const int *c, int r, void *rows, tf_err *err)
{
  (void)path;
  csv_city *q = (csv_city *)rows + r;
  int rc;
  if ((rc = csv_copy_str(t, r, c[0], q->name, (int)sizeof q->name, 1, err)) ||
      (rc = csv_copy_str(t, r, c[1], q->name_zh, (int)sizeof q->name_zh, 0, err)) ||
      (rc = csv_double(t, r, c[2], &q->lat, err)) || (rc = csv_check_range(t, r, c[2], q->lat, -90, 90, err)) ||
      (rc = csv_double(t, r, c[3], &q->lon, err)) || (rc = csv_check_range(t, r, c[3], q->lon, -180, 360, err)))
    return rc;
  if (csv_str(t, r, c[4])[0] == '\0') q->population = NAN;
  else if ((rc = csv_double(t, r, c[4], &q->population, err))) return rc;
  int cp = csv_col(t, "province"), ct = csv_col(t, "in_region_totals");
  q->in_totals = 1;
  if (cp >= 0 && (rc = csv_copy_str(t, r, cp, q->province, (int)sizeof q->province, 0, err))) return rc;
  if (ct >= 0 && csv_str(t, r, ct)[0] && (rc = csv_bool(t, r, ct, &q->in_totals, err))) return rc;
  return TF_OK;
}

int csv_read_cities(const char *path, csv_city **out, int *n, tf_err *err)
{
  static const char *const cols[] = {"name_pinyin", "name_zh", "lat", "lon", "pop_census2020_resident_total"};
  void *rows;
  int rc = read_rows(path, NCOLS(cols), cols, sizeof **out, city_row, &rows, n, err);
  *out = rows;
  return rc;
}
