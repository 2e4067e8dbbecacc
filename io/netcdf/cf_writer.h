/* cf_writer.h — CF-1.8 NetCDF output of model fields (forecast files).
 *
 * One writer = one file: NetCDF-4 classic model, deflate level 1 + shuffle, chunks of one
 * time step, fields stored as float. The file is written as "<path>.partial" and renamed
 * to <path> only by cf_close(..., commit = 1), so a killed run never leaves a file that
 * looks complete.
 *
 * Layout: dimensions x, y (owned grid of the writer's tf_grid; single rank: the whole
 * domain), the unlimited "time" axis created by cf_create (hours since meta->time_ref_s,
 * calendar "standard"), optional extra time axes of fixed length (e.g. a daily axis with
 * bounds for daily max 1-h O3 and MDA8), optional vertical axis "lev" for 3-D fields.
 * Coordinates: x(x), y(y) in metres on the projection plane (projection_x/y_coordinate,
 * proj_ij_to_xy; degrees for lat-lon grids), 2-D auxiliary lat(y,x), lon(y,x), and the
 * grid-mapping variable "crs" (lambert_conformal_conic | polar_stereographic | mercator |
 * latitude_longitude, earth_radius = TF_EARTH_RADIUS). Every field has
 * grid_mapping = "crs" and coordinates = "lat lon".
 * Vertical (cf_def_vertical): WRF's eta is a sigma coordinate of dry hydrostatic pressure,
 * p = ptop + eta (ps_dry - ptop), which is CF's atmosphere_sigma_coordinate exactly:
 * lev(lev) = layer-mid eta (mean of the bounding full levels), lev_bnds, ptop (Pa) and a
 * per-hour ps(time, y, x) = MU + P_TOP (dry surface pressure, Pa) the caller writes. */
#ifndef TF_CF_WRITER_H
#define TF_CF_WRITER_H
#include "model/core/tf_error.h"
#include "model/grid/grid.h"

typedef struct cf_writer cf_writer;

typedef struct cf_meta {
  const char *title;        /* global "title" */
  const char *institution;  /* global "institution" */
  const char *source;       /* global "source", e.g. "Tianfu 0.1.0" */
  const char *history;      /* global "history" (e.g. date + command line); NULL = none */
  const char *references;   /* optional */
  double time_ref_s;        /* origin of "hours since ...", s since epoch (whole seconds) */
} cf_meta;

#define CF_NO_TIME (-1)     /* axis id of a time-independent field */
#define CF_TIME 0           /* the hourly axis made by cf_create */

typedef struct cf_var_def {
  const char *name;          /* NetCDF variable name */
  const char *long_name;
  const char *standard_name; /* CF standard name, or NULL */
  const char *units;         /* UDUNITS string: "ppb", "ug m-3", "K" ... */
  const char *cell_methods;  /* e.g. "time: maximum", or NULL */
  int axis;                  /* CF_TIME, an id from cf_def_time_axis, or CF_NO_TIME */
  int three_d;               /* 1: (axis, lev, y, x) — needs cf_def_vertical first */
} cf_var_def;

/* Create <path>.partial for grid g (the owned block is written at its global offset).
 * NULL with err set on failure. */
cf_writer *cf_create(const char *path, const tf_grid *g, const cf_meta *meta, tf_err *err);
/* Extra time axis `name` with nrec records (fixed length, classic model allows one
 * unlimited dimension); with_bounds adds name_bnds(name, nv=2). Units as the hourly axis. */
int cf_def_time_axis(cf_writer *w, const char *name, const char *long_name, int nrec, int with_bounds,
                     int *axis, tf_err *err);
/* Add bounds name_bnds(axis, nv) to an axis (e.g. CF_TIME of a file of daily statistics,
 * with cell_methods "time: maximum"). CDO understands one time axis per file: for
 * CDO-friendly daily fields use a separate writer whose CF_TIME carries bounds; extra
 * axes (cf_def_time_axis) are valid CF but CDO shows them as a "generic" level axis. */
int cf_def_time_bounds(cf_writer *w, int axis, tf_err *err);
/* Vertical axis for 3-D fields (see above); *ps_var receives the id of ps(time,y,x), Pa. */
int cf_def_vertical(cf_writer *w, int *ps_var, tf_err *err);
/* Define a field; *var is the id for cf_write_field. All definitions come before the first
 * write (TF_EINVAL otherwise). */
int cf_def_var(cf_writer *w, const cf_var_def *d, int *var, tf_err *err);
/* Mole fraction of a model species in ppb; standard_name is its CF standard name (the
 * cf_standard_name column of the mechanism's species.csv), NULL or "" = none written;
 * 2-D (surface layer) or 3-D, on the hourly axis. */
int cf_def_species(cf_writer *w, const char *species, const char *standard_name, int three_d, int *var,
                   tf_err *err);

/* Time of record rec on an axis (s since epoch; stored as hours since the reference), and
 * for axes with bounds the interval [t0_s, t1_s]. */
int cf_put_time(cf_writer *w, int axis, int rec, double t_s, tf_err *err);
int cf_put_time_bounds(cf_writer *w, int axis, int rec, double t0_s, double t1_s, tf_err *err);
/* Write a field: data is a grid array with halo (n2 values for 2-D, n3 for 3-D, layout of
 * grid_idx2/grid_idx3); only owned cells are written, as float. rec ignored without axis. */
int cf_write_field(cf_writer *w, int var, int rec, const double *data, tf_err *err);
/* Flush to disk (readers of the .partial file see complete records). */
int cf_sync(cf_writer *w, tf_err *err);
/* Close; commit = 1 renames <path>.partial to <path>, commit = 0 removes the partial file.
 * *w is freed and set to NULL in every case. */
int cf_close(cf_writer **w, int commit, tf_err *err);
#endif
