/* wrf_reader.h — read WRF ARW output (wrfout_d0*) into the model grid and met snapshots.
 *
 * A wrf_set is a run's list of wrfout files, sorted by their first time, checked to form
 * one equally spaced time axis (a gap, overlap or unequal interval is an error naming both
 * files and times) on one grid (same dims, projection attributes, ZNW, P_TOP).
 *
 * What is read and how (per frame, all arrays include the halo; halo cells outside the
 * domain take the nearest in-domain value, i.e. indices are clamped):
 *   u_ms, v_ms   U, V on their C-grid faces as WRF stores them (grid-relative, m/s)
 *   w_ms         W at full levels (native), m/s
 *   p_pa         P + PB, Pa;   t_k = (T + 300) (p/1e5)^(Rd/cp), K (WRF constants)
 *   zw_m         (PH + PHB)/g - HGT at full levels, m above ground; zmid_m = mean of the
 *                two bounding full levels (WRF's destaggering of geopotential)
 *   qv_kgkg      QVAPOR;  cldfra CLDFRA
 *   mu_pa        MU + MUB, Pa: dry column mass (dry surface pressure - P_TOP)
 *   rho_kgm3     DRY-air density of each layer from the discrete hydrostatic relation WRF
 *                itself integrates: rho_d = mu_d * dnw / (g dz) with dnw = ZNW(k)-ZNW(k+1)
 *                (hybrid files: C3F/C4F layer mass instead), dz = zw(k+1) - zw(k). It is
 *                therefore exactly consistent with mu_pa, eta_w and zw_m: sum_k rho dz =
 *                mu/g. (ALT, when present, is not used: it is the same quantity up to WRF's
 *                non-hydrostatic residual.)
 *   psfc_pa PSFC; pblh_m PBLH; swdown_wm2 SWDOWN; t2_k T2; q2_kgkg Q2; u10/v10 U10/V10
 *                (grid-relative); ust_ms UST; hfx_wm2 HFX
 *   rain_mmh     from the accumulations RAINC + RAINNC (+ bucket counts I_RAINC/I_RAINNC
 *                times BUCKET_MM when present): mean rate over the interval ENDING at the
 *                frame; for the first frame of the set, the interval STARTING at it. If an
 *                accumulation decreases (a new WRF run reset it), the forward interval is
 *                used (0 if none) and a warning recorded.
 *   coszen       not touched (the caller computes it).
 * Fallbacks for missing variables (each records a warning, see wrf_warning()):
 *   PBLH    bulk Richardson number diagnosis on the profile (Ri_c = 0.25, Vogelezang &
 *           Holtslag 1996 form with theta_v and the wind at the first level as reference)
 *   UST     neutral log law from U10/V10: u* = k |U10| / ln(10/z0), z0 from the USGS
 *           summer roughness of WRF LANDUSE.TBL
 *   HFX     0 W m-2 (neutral surface layer)
 *   CLDFRA  0 (clear sky);   RAINC/RAINNC (both missing): 0 mm/h
 *   T2/Q2/U10/V10  lowest model level values (T, QVAPOR, destaggered U/V)
 *   PSFC    hydrostatic extrapolation from the lowest mass level
 *   LU_INDEX IVGTYP if present (same classification); else refused.
 * Refused when missing (error names file and variable): Times, U, V, W, T, P, PB, PH, PHB,
 * QVAPOR, MU, MUB, HGT, SWDOWN, ZNW, P_TOP, MAP_PROJ/DX/DY/CEN_LAT/CEN_LON (+ TRUELAT1/2,
 * STAND_LON for Lambert/polar).
 * Land use: MMINLU "USGS" (24 classes; 25-27 playa/lava/white sand -> 19 barren,
 * 28 lake -> 16 water) and "MODIFIED_IGBP_MODIS_NOAH"/"MODIS*" (20/21 classes, mapped to
 * USGS by the table in wrf_reader.c). Other schemes are refused.
 * Projection: from the global attributes (proj.h); when the file is a crop of a larger
 * domain (WEST-EAST_GRID_DIMENSION-1 != west_east) and the centre anchoring disagrees with
 * XLAT/XLONG, the crop offset is located with XLAT/XLONG(0,0). The projection is then
 * checked against XLAT/XLONG (tolerance 2 % of a grid cell); if it still disagrees, the
 * file's XLAT/XLONG/MAPFAC_M/U/V are used and a warning recorded. */
#ifndef TF_WRF_READER_H
#define TF_WRF_READER_H
#include "model/core/tf_error.h"
#include "model/grid/grid.h"
#include "model/grid/met.h"

typedef struct wrf_set wrf_set;

/* Open npaths wrfout files (any order), sort by time and check continuity and grid
 * agreement. Returns the set, or NULL with err naming the file(s), variable and values
 * (err->code TF_EIO: cannot open, TF_EFORMAT: not a usable wrfout, TF_EINVAL). */
wrf_set *wrf_files_open(const char *const *paths, int npaths, tf_err *err);
void wrf_files_close(wrf_set **s);
/* The frame times of one wrfout file (its Times variable, s since 1970 UTC) without
 * checking anything else: *times (free it) holds *nt values. */
int wrf_file_times(const char *path, double **times, int *nt, tf_err *err);

/* Create the grid (global nx, ny, nz from the files; single rank owning all) with halo
 * cells, filled with projection, lat/lon (deg), map factors (mass, u, v faces), terrain
 * height HGT (m), USGS land use, eta_w (ZNW) and ptop_pa (P_TOP). */
tf_grid *wrf_grid_create(wrf_set *s, int halo, tf_err *err);
/* Same filling for a grid the caller created (e.g. one MPI part of the same global size). */
int wrf_grid_fill(wrf_set *s, tf_grid *g, tf_err *err);

int wrf_ntimes(const wrf_set *s);
/* Time of frame it, seconds since 1970-01-01T00:00:00Z. */
double wrf_time(const wrf_set *s, int it);
/* Interval between frames, s (0 if a single frame). */
double wrf_dt(const wrf_set *s);
/* Frame bracketing time t_s: time(it) <= t_s <= time(it+1), w = (t_s - time(it))/dt in
 * [0,1) (t_s equal to the last frame gives it = n-1, w = 0). TF_EINVAL if outside.
 * tf_time_bracket (model/core/tf_time.h) on the frame times. */
int wrf_time_index(const wrf_set *s, double t_s, int *it, double *w, tf_err *err);
/* File path and in-file frame holding frame it (for messages). */
const char *wrf_frame_file(const wrf_set *s, int it, int *it_in_file);

/* Fill one met snapshot (grid m->g from wrf_grid_create/fill) with frame it. */
int wrf_read_met(wrf_set *s, int it, tf_met *m, tf_err *err);

/* Fallbacks taken so far (each distinct message once), for the caller to print. */
int wrf_warning_count(const wrf_set *s);
const char *wrf_warning(const wrf_set *s, int i);

/* MODIS (IGBP, 20/21 classes as in WRF's MODIFIED_IGBP_MODIS_NOAH) class -> USGS class
 * (1..24); 0 for an unknown class. */
int wrf_modis_to_usgs(int modis);
#endif
