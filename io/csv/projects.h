/* projects.h — readers of the scenario tables: the industry classes
 * (configs/scenarios/industries.csv) and emission-reduction project lists.
 *
 *   csv_read_industries  industry,name,name_zh,group,sectors,point_industries,gbt4754_2017,source
 *   csv_read_projects    id,name,industry,location,NOX_t_yr,NMVOC_t_yr,CO_t_yr,SO2_t_yr,NH3_t_yr,
 *                        completion[,cost_10k_cny]
 * location is one of
 *   "104.07 30.67"   lon lat in degrees (the project lies in the cell containing it)
 *   "city:Chengdu"   a city of the cities table (its tonnes are spread over the city's cells
 *                    by the emission of the matching sectors)
 *   "stack:PS012"    a point source of points.csv (its tonnes come from that stack)
 * Reductions are t/yr of the inventory pollutant (NOX as NO2), >= 0, at least one > 0;
 * completion is YYYY-MM-DD (Beijing day); cost is optional (empty = unknown), >= 0.
 * Every refused row is reported "<file>:<line>:<column>: column '<name>': expected ...,
 * found '...'"; an industry not in the industries table is refused with did-you-mean. */
#ifndef TF_CSV_PROJECTS_H
#define TF_CSV_PROJECTS_H
#include "model/core/tf_error.h"

#define PRJ_NAME_LEN 64
#define PRJ_MAX_SECTORS 8

typedef struct csv_industry {
  char id[PRJ_NAME_LEN];
  char name[128];
  char group[32];
  int nsector;
  char sector[PRJ_MAX_SECTORS][PRJ_NAME_LEN];
  int npoint_ind;
  char point_ind[PRJ_MAX_SECTORS][PRJ_NAME_LEN];
} csv_industry;

typedef enum { PRJ_LOC_LONLAT, PRJ_LOC_CITY, PRJ_LOC_STACK } prj_location;

typedef struct csv_project {
  char id[PRJ_NAME_LEN];
  char name[128];
  int industry;                  /* index into the industries table */
  prj_location loc;
  double lon, lat;               /* PRJ_LOC_LONLAT */
  char where[PRJ_NAME_LEN];      /* city or stack id */
  double t_yr[5];                /* removed, t/yr, NOX NMVOC CO SO2 NH3 (EMIS_* order) */
  double completion_s;           /* start of the completion day (Beijing), UTC s */
  char completion[16];
  double cost;                   /* 10^4 CNY, NAN = not given */
  int line;                      /* source line (for messages) */
} csv_project;

/* *out malloc'ed (free()). */
int csv_read_industries(const char *path, csv_industry **out, int *n, tf_err *err);
/* *out malloc'ed (free()); industries from csv_read_industries. */
int csv_read_projects(const char *path, const csv_industry *ind, int nind, csv_project **out, int *n,
                      tf_err *err);
/* Index of industry id in the table, or -1. */
int csv_industry_find(const csv_industry *ind, int nind, const char *id);
#endif
