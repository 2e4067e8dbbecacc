/* tables.h — readers of the CSV inputs of the surface modules and the city list. Each
 * returns plain structs defined by the model module that uses them (model/surface headers) or,
 * for cities, here; messages name file:line:column, the column, expected vs found.
 *
 *   csv_read_species_table   configs/mechanisms/<mech>/species.csv
 *       name,mw_g_mol,hstar_M_atm,f0,dratio,deposits,cf_standard_name,biogenic,source
 *   csv_read_species_props   the same file, deposition columns only
 *   csv_read_speciation      configs/mechanisms/<mech>/speciation.csv
 *       sector,pollutant,species,mol_per_kg,source   (sector "*" = default)
 *   csv_read_bc_profiles     configs/mechanisms/<mech>/boundary_profiles.csv
 *       species,height_m,ppb,source
 *   csv_read_points          emis/points.csv (format: README.md (Input formats))
 *   csv_read_cities          configs/sichuan/cities.csv (name_pinyin,name_zh,...,lat,lon,
 *                            pop_census2020_resident_total,...) */
#ifndef TF_CSV_TABLES_H
#define TF_CSV_TABLES_H
#include "model/surface/bcon.h"
#include "model/surface/drydep.h"
#include "model/surface/emissions.h"

/* *out is malloc'ed (free()), *n rows. Duplicate names are an error. */
int csv_read_species_props(const char *path, dep_species_props **out, int *n, tf_err *err);

/* The whole species table of a mechanism, one entry per row (file order):
 * deposition properties, the CF standard name ("" = CF has none) and the biogenic role
 * (column biogenic: "isoprene" -> EMIS_BIO_ISOPRENE, "terpene" -> EMIS_BIO_TERPENE,
 * empty -> EMIS_BIO_NONE; anything else, or a role given to two rows, is an error).
 * Release with csv_species_table_free. */
typedef struct csv_species_table {
  int n;
  dep_species_props *props;     /* [n] */
  char (*cf_name)[128];         /* [n] CF standard name or "" */
  int *bio_role;                /* [n] EMIS_BIO_* */
} csv_species_table;
int csv_read_species_table(const char *path, csv_species_table *out, tf_err *err);
void csv_species_table_free(csv_species_table *t);
/* Index of the row named name, or -1. */
int csv_species_table_find(const csv_species_table *t, const char *name);

/* out->rows malloc'ed; release with csv_speciation_free. Pollutant must be one of
 * NOX NMVOC CO SO2 NH3; mol_per_kg >= 0. */
int csv_read_speciation(const char *path, emis_speciation *out, tf_err *err);
void csv_speciation_free(emis_speciation *s);

/* out->rows malloc'ed; release with csv_bc_profiles_free. */
int csv_read_bc_profiles(const char *path, bc_profiles *out, tf_err *err);
void csv_bc_profiles_free(bc_profiles *p);

/* *out malloc'ed (free()); checks lat/lon ranges, stack parameters >= 0, exit temperature
 * 200..2000 K, rates >= 0, unique ids. */
int csv_read_points(const char *path, emis_point **out, int *n, tf_err *err);

typedef struct csv_city {
  char name[64];        /* name_pinyin */
  char name_zh[64];
  double lat, lon;      /* deg (seat) */
  double population;    /* pop_census2020_resident_total, persons (NaN if empty) */
  char province[32];    /* optional column `province` ("" when the table has none) */
  int in_totals;        /* optional column `in_region_totals` (1 when the table has none) */
} csv_city;
/* *out malloc'ed (free()). */
int csv_read_cities(const char *path, csv_city **out, int *n, tf_err *err);
#endif
