/* tables.h — readers of the CSV inputs of the surface modules and the city list. Each
 * returns plain structs defined by the model module that uses them (model/surface headers) or,
 * for cities, here; messages name file:line:column, the column, expected vs found.
 *
 *   csv_read_species_props   configs/species/<mech>_species.csv
 *       name,mw_g_mol,hstar_M_atm,f0,dratio,deposits,source
 *   csv_read_speciation      configs/emissions/speciation_<mech>.csv
 *       sector,pollutant,species,mol_per_kg,source   (sector "*" = default)
 *   csv_read_bc_profiles     configs/boundary/<mech>_profiles.csv
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
} csv_city;
/* *out malloc'ed (free()). */
int csv_read_cities(const char *path, csv_city **out, int *n, tf_err *err);
#endif
