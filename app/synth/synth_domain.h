/* synth_domain.h — the static part of the built-in Sichuan case: WRF-style Lambert grid,
 * eta levels, terrain, USGS land use, provinces, basin mask, cities and population.
 *
 * Built from the runtime data in configs/sichuan/ (see its README.md): the ETOPO5 terrain
 * subset, the city table and the Natural Earth outlines of Sichuan and Chongqing. */
#ifndef SYNTH_DOMAIN_H
#define SYNTH_DOMAIN_H
#include <stdint.h>
#include "model/core/tf_error.h"
#include "model/grid/grid.h"

/* Region codes (emission calibration and the `region` variable of emissions.nc). */
enum { SYNTH_REG_OTHER = 0, SYNTH_REG_SICHUAN = 1, SYNTH_REG_CHONGQING = 2 };

typedef struct synth_city {
  char name[64];
  double lat, lon;           /* deg */
  double pop;                /* 2020 census resident population (0 if unknown) */
  double urban_pop;          /* city-proper urban population used for the urban kernel */
  double r_urban_km;         /* radius of the built-up area, km */
  int region;                /* SYNTH_REG_* of the seat */
  int plateau;               /* 1 for plateau / mountain prefectures (broad rural kernel) */
  int is_total;              /* 1 for the Chongqing municipality-total row (not a place) */
} synth_city;

typedef struct synth_domain {
  tf_grid *g;                /* global grid, halo 0: proj, lat/lon, map factors, hgt, LU, eta */
  double *x_km, *y_km;       /* projection-plane coordinates of mass points from the centre, km */
  double *dhdx, *dhdy;       /* terrain slope along grid x/y (physical distance), m/m */
  double *cosa, *sina;       /* WRF COSALPHA/SINALPHA at mass points */
  int *region;               /* SYNTH_REG_* per cell */
  int *basin;                /* 1 inside the Sichuan basin (flood fill below 800 m from Chengdu) */
  double *pop_urban, *pop_rural; /* persons per cell (emission proxies) */
  double cell_area_km2;      /* nominal dx*dy */
  int ncity;
  synth_city *city;
  double pop_sichuan, pop_chongqing; /* census totals used for the Chongqing scaling */
  int smooth_passes;         /* 1-2-1 terrain smoothing passes applied */
} synth_domain;

/* Build the domain for grid spacing res_km (km) from files in data_dir. */
int synth_domain_create(synth_domain **out, const char *data_dir, double res_km, uint64_t seed,
                        tf_err *err);
void synth_domain_destroy(synth_domain **d);
/* Cell (i, j) index in the domain's 2-D arrays (halo 0: j*nx + i). */
static inline size_t synth_c(const synth_domain *d, int i, int j)
{
  return (size_t)j * (size_t)d->g->nx + (size_t)i;
}
/* Nearest cell of a lat/lon point; returns 0 if outside the domain. */
int synth_domain_cell(const synth_domain *d, double lat, double lon, int *i, int *j);
/* Number of vertical layers and the WRF ZNW values (nz+1, surface first). */
int synth_nlayers(void);
#define SYNTH_PTOP_PA 10000.0
#endif
