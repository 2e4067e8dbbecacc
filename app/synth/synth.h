/* synth.h — `tianfu synth`: generate the built-in Sichuan case directory (WRF-format met,
 * gridded + point emissions, run.ini) described in README.md (Input formats). */
#ifndef SYNTH_H
#define SYNTH_H
#include <stdint.h>
#include <stdio.h>
#include "model/core/tf_error.h"

#define SYNTH_DEFAULT_START "2022-08-10T00:00:00Z"

typedef struct synth_opts {
  const char *out_dir;     /* case directory to create (made if absent) */
  const char *data_dir;    /* configs root: reads <data_dir>/sichuan/{sichuan_terrain_etopo5.nc,
                              cities.csv, ne10m_admin1_sichuan_chongqing.geojson} */
  double res_km;           /* grid spacing, km (default 27) */
  int hours;               /* simulated hours; frames at 0..hours (1..744) */
  uint64_t seed;           /* random seed (same seed => identical case) */
  int compress;            /* wrfout as netCDF-4 + deflate 1 (1) or 64-bit-offset classic (0) */
} synth_opts;

/* Diagnostics of a generated case (filled by synth_run). */
typedef struct synth_report {
  int nx, ny, nz, nfiles, nframes, npoints;
  double dx_km, cen_lat, cen_lon;
  double max_div_resid_rel;  /* worst column mass-divergence residual over all frames */
  double max_proj_corr_ms;   /* largest wind change made by the projection, m/s */
  double met_bytes, emis_bytes, wall_s;
  /* emission totals written (grid + points), Gg/yr, [region: 0 rest of domain, 1 Sichuan,
   * 2 Chongqing][species: NOX NMVOC CO SO2 NH3], and the calibration targets */
  double emis_gg[3][5], target_gg[3][5];
} synth_report;

/* Defaults: res 27 km, 72 h, seed 1, compress off (classic 64-bit offset, as WRF io_form 2
 * writes; deflate saves only ~35 % on these fields and writes 2-3x slower), data_dir NULL. */
void synth_opts_default(synth_opts *o);
/* Make the case; progress and the summary go to log (may be NULL). */
int synth_run(const synth_opts *o, FILE *log, synth_report *rep, tf_err *err);
#endif
