/* scenario_report.h — the summary of a scenario study: what each member does to ozone,
 * city by city and per region, against the baseline, as CSV, JSON and Markdown.
 *
 * Inputs are the city tables the runs write (<stem>_cities.csv: MDA8 and max 1-h O3 per
 * city and Beijing day, with the MDA8 validity flag) of the baseline (member 0) and each
 * member, and the cities table (population, province, in_region_totals). The numbers are
 * computed by post/scenario_stats (see there for each definition); days whose MDA8 is
 * not valid (HJ 663 completeness) are not compared. Regions: Sichuan, Chongqing and the
 * basin (all cities counted in the totals): exceedance and good days summed over cities,
 * ΔMDA8 population-weighted (2020 census; a city without a population is left out of the
 * weighting) — the exposure change at the city seats.
 * The daily AQI here has O3 MDA8 only (the city table carries no 24-h NO2/SO2/CO means,
 * and PM is not modelled); every output says so.
 *
 * Files (atomic, io/csv/atomic_file): <dir>/scenario_cities.csv, scenario_summary.json
 * (schema "tianfu-scenario-summary/1", documented in README "Comparing scenarios"),
 * scenario_summary.md. */
#ifndef TF_APP_SCENARIO_REPORT_H
#define TF_APP_SCENARIO_REPORT_H
#include "model/core/tf_error.h"

typedef struct scenrep_member {
  const char *name;
  const char *cities_csv;   /* the member's <stem>_cities.csv */
  double removed_t_yr[5];   /* NOX, NMVOC, CO, SO2, NH3 removed over the domain, t/yr; NaN unknown */
} scenrep_member;

/* m[0] is the baseline. */
int scenrep_write(const char *dir, const char *cities_table, int n, const scenrep_member *m, tf_err *err);
#endif
