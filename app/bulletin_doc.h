/* bulletin_doc.h — the bulletin as computed, shared by its writers (app-internal):
 * bulletin.c reads the run's tables and computes it (post/bulletin.h), bulletin_json.c
 * writes bulletin.json, bulletin_html.c bulletin.html, bulletin_maps.c draws the PNGs.
 * Concentrations µg/m3 (CO mg/m3) at 298.15 K, 1013.25 hPa; days are Beijing days. */
#ifndef TF_APP_BULLETIN_DOC_H
#define TF_APP_BULLETIN_DOC_H
#include <stdio.h>
#include "io/config/bulletin_config.h"
#include "io/csv/tables.h"
#include "post/bulletin.h"

enum { BD_O3 = 0, BD_NO2, BD_SO2, BD_CO, BD_NGAS };
enum { BD_SICHUAN = 0, BD_CHONGQING, BD_BASIN, BD_NREGION };
enum { BD_MAP_MDA8 = 0, BD_MAP_MAX1H, BD_NMAP };

extern const char *const bd_gas_name[BD_NGAS];     /* "O3", "NO2", "SO2", "CO" */
extern const char *const bd_region_name[BD_NREGION]; /* "Sichuan", "Chongqing", "basin" */

typedef struct bd_city {
  csv_city c;               /* name (pinyin id), name_zh, province, in_totals, lat, lon */
  double *hour[BD_NGAS];    /* [nday*24] hour-ending 1..24, NaN = not forecast */
  int has[BD_NGAS];         /* 0: the gas has no value at all (not modelled) */
  double *pm25, *pm10;      /* [nday] 24-h means from the PM file, NaN = none */
  double rel_unc;           /* relative uncertainty of the AQI range */
  bl_day *day;              /* [nday] */
  char *series_b64;         /* PNG of the hourly O3 series, base64; NULL = none */
} bd_city;

typedef struct bd_doc {
  char dir[1024];           /* the forecast's folder: products are written here */
  char hours_csv[1200];     /* <stem>_city_hours.csv */
  char daily_nc[1200];      /* <stem>_daily.nc ("" = none) */
  bulletin_config *cfg;
  int nrule;
  bl_rule *rule;
  int nday;
  char (*date)[11];         /* [nday] YYYY-MM-DD */
  char start[32];           /* first forecast hour's start, "YYYY-MM-DDTHH:00+08:00" */
  int start_day;            /* index of the start's day in date[] */
  int ncity;
  bd_city *city;
  int has_pm;
  bl_region_day *region[BD_NREGION]; /* [nday] */
  int nnote;
  const char *const *note;
  char generated[32];       /* UTC, ISO 8601 */
  char **map_b64;           /* [nday*BD_NMAP] PNG maps, base64; NULL entries = none */
  char aqi_covers[1200];     /* what the AQI covers, in words */
} bd_doc;

/* The city is counted in region g. */
int bd_in_region(const bd_city *c, int g);
/* "#RRGGBB" of an AQI level (0 = grey "no forecast"). */
void bd_level_colour(int level, char out[8]);
/* Writers: atomic (io/csv/atomic_file), into d->dir. */
int bd_write_json(const bd_doc *d, const char *path, tf_err *err);
int bd_write_html(const bd_doc *d, const char *path, tf_err *err);
/* Draw the maps (from d->daily_nc) and the series into d->map_b64 / city[].series_b64. */
int bd_draw(bd_doc *d, tf_err *err);
#endif
