/* synth_wrfout.c — WRF ARW output writer for the synthetic case.
 *
 * Follows the wrfout conventions of WRF V3/V4 (registry-generated output, see the header
 * of tests/data/wrf/wrfout_sample_lambert_tibet.nc): dimensions Time (unlimited),
 * DateStrLen = 19, west_east(_stag), south_north(_stag), bottom_top(_stag); every field
 * carries Time (as real wrfout files do, including XLAT/XLONG/HGT/MAPFAC_*), attributes
 * FieldType = 104, MemoryOrder, description, units, stagger, coordinates; global
 * attributes for the projection (MAP_PROJ, TRUELAT1/2, STAND_LON, CEN_LAT/LON, DX/DY, POLE_*),
 * grid dimensions (staggered sizes), dates and the USGS land-use set. Perturbation fields
 * are written as WRF splits them: MU = mu_d - MUB, P = p - PB, PH = phi - PHB,
 * T = theta - 300 K. Table-driven: one row per variable, value = a - b - offset. */
#include "app/synth/synth_wrfout.h"
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/csv/atomic_file.h"
#include "io/netcdf/tfnc_util.h"
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"

enum { D_T0, D_TZ, D_TZW, D_2D, D_2U, D_2V, D_3D, D_3W, D_3U, D_3V, D_TIMES };
/* sources of values */
enum { S_NONE, S_XLAT, S_XLONG, S_XLAT_U, S_XLONG_U, S_XLAT_V, S_XLONG_V, S_LU, S_HGT, S_ONE,
       S_MAPM, S_MAPU, S_MAPV, S_COSA, S_SINA, S_ZNW, S_ZNU, S_DNW, S_PTOP, S_XTIME, S_MUD,
       S_MUB, S_P, S_PB, S_THETA, S_PHI, S_PHB, S_QV, S_U, S_V, S_W, S_CLD, S_PBLH, S_SW,
       S_T2, S_Q2, S_U10, S_V10, S_UST, S_HFX, S_RAIN, S_PSFC, S_COSZ };

typedef struct wvar {
  const char *name;
  int dims, a, b;
  double off;
  const char *desc, *units;
} wvar;

static const wvar vars[] = {
  {"Times", D_TIMES, S_NONE, S_NONE, 0, NULL, NULL},
  {"XLAT", D_2D, S_XLAT, S_NONE, 0, "LATITUDE, SOUTH IS NEGATIVE", "degree_north"},
  {"XLONG", D_2D, S_XLONG, S_NONE, 0, "LONGITUDE, WEST IS NEGATIVE", "degree_east"},
  {"XLAT_U", D_2U, S_XLAT_U, S_NONE, 0, "LATITUDE, SOUTH IS NEGATIVE", "degree_north"},
  {"XLONG_U", D_2U, S_XLONG_U, S_NONE, 0, "LONGITUDE, WEST IS NEGATIVE", "degree_east"},
  {"XLAT_V", D_2V, S_XLAT_V, S_NONE, 0, "LATITUDE, SOUTH IS NEGATIVE", "degree_north"},
  {"XLONG_V", D_2V, S_XLONG_V, S_NONE, 0, "LONGITUDE, WEST IS NEGATIVE", "degree_east"},
  {"XTIME", D_T0, S_XTIME, S_NONE, 0, "minutes since simulation start", NULL},
  {"LU_INDEX", D_2D, S_LU, S_NONE, 0, "LAND USE CATEGORY", ""},
  {"HGT", D_2D, S_HGT, S_NONE, 0, "Terrain Height", "m"},
  {"LANDMASK", D_2D, S_ONE, S_NONE, 0, "LAND MASK (1 FOR LAND, 0 FOR WATER)", ""},
  {"XLAND", D_2D, S_ONE, S_NONE, 0, "LAND MASK (1 FOR LAND, 2 FOR WATER)", ""},
  {"MAPFAC_M", D_2D, S_MAPM, S_NONE, 0, "Map scale factor on mass grid", ""},
  {"MAPFAC_U", D_2U, S_MAPU, S_NONE, 0, "Map scale factor on u-grid", ""},
  {"MAPFAC_V", D_2V, S_MAPV, S_NONE, 0, "Map scale factor on v-grid", ""},
  {"COSALPHA", D_2D, S_COSA, S_NONE, 0, "Local cosine of map rotation", ""},
  {"SINALPHA", D_2D, S_SINA, S_NONE, 0, "Local sine of map rotation", ""},
  {"ZNW", D_TZW, S_ZNW, S_NONE, 0, "eta values on full (w) levels", ""},
  {"ZNU", D_TZ, S_ZNU, S_NONE, 0, "eta values on half (mass) levels", ""},
  {"DNW", D_TZ, S_DNW, S_NONE, 0, "d(eta) values between full (w) levels", ""},
  {"P_TOP", D_T0, S_PTOP, S_NONE, 0, "PRESSURE TOP OF THE MODEL", "Pa"},
  {"MU", D_2D, S_MUD, S_MUB, 0, "perturbation dry air mass in column", "Pa"},
  {"MUB", D_2D, S_MUB, S_NONE, 0, "base state dry air mass in column", "Pa"},
  {"P", D_3D, S_P, S_PB, 0, "perturbation pressure", "Pa"},
  {"PB", D_3D, S_PB, S_NONE, 0, "BASE STATE PRESSURE", "Pa"},
  {"T", D_3D, S_THETA, S_NONE, TF_T0_THETA, "perturbation potential temperature (theta-t0)", "K"},
  {"PH", D_3W, S_PHI, S_PHB, 0, "perturbation geopotential", "m2 s-2"},
  {"PHB", D_3W, S_PHB, S_NONE, 0, "base-state geopotential", "m2 s-2"},
  {"QVAPOR", D_3D, S_QV, S_NONE, 0, "Water vapor mixing ratio", "kg kg-1"},
  {"U", D_3U, S_U, S_NONE, 0, "x-wind component", "m s-1"},
  {"V", D_3V, S_V, S_NONE, 0, "y-wind component", "m s-1"},
  {"W", D_3W, S_W, S_NONE, 0, "z-wind component", "m s-1"},
  {"CLDFRA", D_3D, S_CLD, S_NONE, 0, "CLOUD FRACTION", ""},
  {"PSFC", D_2D, S_PSFC, S_NONE, 0, "SFC PRESSURE", "Pa"},
  {"PBLH", D_2D, S_PBLH, S_NONE, 0, "PBL HEIGHT", "m"},
  {"SWDOWN", D_2D, S_SW, S_NONE, 0, "DOWNWARD SHORT WAVE FLUX AT GROUND SURFACE", "W m-2"},
  {"COSZEN", D_2D, S_COSZ, S_NONE, 0, "COS of SOLAR ZENITH ANGLE", "dimensionless"},
  {"T2", D_2D, S_T2, S_NONE, 0, "TEMP at 2 M", "K"},
  {"Q2", D_2D, S_Q2, S_NONE, 0, "QV at 2 M", "kg kg-1"},
  {"U10", D_2D, S_U10, S_NONE, 0, "U at 10 M", "m s-1"},
  {"V10", D_2D, S_V10, S_NONE, 0, "V at 10 M", "m s-1"},
  {"UST", D_2D, S_UST, S_NONE, 0, "U* IN SIMILARITY THEORY", "m s-1"},
  {"HFX", D_2D, S_HFX, S_NONE, 0, "UPWARD HEAT FLUX AT THE SURFACE", "W m-2"},
  {"RAINC", D_2D, S_RAIN, S_NONE, 0, "ACCUMULATED TOTAL CUMULUS PRECIPITATION", "mm"},
  {"RAINNC", D_2D, S_RAIN, S_NONE, 0, "ACCUMULATED TOTAL GRID SCALE PRECIPITATION", "mm"},
};
#define NVARS (sizeof vars / sizeof vars[0])

struct synth_wrfout {
  int ncid, rec, varid[NVARS];
  char path[4096], tmp[4200];
  double start_s;
  double *xlat_u, *xlon_u, *xlat_v, *xlon_v, *lu, *one, *znu, *dnw, *work;
  float *buf;
};

static size_t dims_len(const tf_grid *g, int dk)
{
  size_t nx = (size_t)g->nx, ny = (size_t)g->ny, nz = (size_t)g->nz;
  switch (dk) {
  case D_T0: return 1;
  case D_TZ: return nz;
  case D_TZW: return nz + 1;
  case D_2D: return nx * ny;
  case D_2U: return (nx + 1) * ny;
  case D_2V: return nx * (ny + 1);
  case D_3D: return nx * ny * nz;
  case D_3W: return nx * ny * (nz + 1);
  case D_3U: return (nx + 1) * ny * nz;
  case D_3V: return nx * (ny + 1) * nz;
  default: return 19;
  }
}

static const double *source(const synth_wrfout *w, const synth_met *m, int s)
{
  const tf_grid *g = m->d->g;
  switch (s) {
  case S_XLAT: return g->lat;       case S_XLONG: return g->lon;
  case S_XLAT_U: return w->xlat_u;  case S_XLONG_U: return w->xlon_u;
  case S_XLAT_V: return w->xlat_v;  case S_XLONG_V: return w->xlon_v;
  case S_LU: return w->lu;          case S_HGT: return g->hgt_m;
  case S_ONE: return w->one;        case S_MAPM: return g->mapfac;
  case S_MAPU: return g->mapfac_u;  case S_MAPV: return g->mapfac_v;
  case S_COSA: return m->d->cosa;   case S_SINA: return m->d->sina;
  case S_ZNW: return g->eta_w;      case S_ZNU: return w->znu;
  case S_DNW: return w->dnw;        case S_PTOP: return &g->ptop_pa;
  case S_MUD: return m->mu_d;       case S_MUB: return m->mub;
  case S_P: return m->p;            case S_PB: return m->pb;
  case S_THETA: return m->theta;    case S_PHI: return m->phi;
  case S_PHB: return m->phb;        case S_QV: return m->qv;
  case S_U: return m->u;            case S_V: return m->v;
  case S_W: return m->w;            case S_CLD: return m->cldfra;
  case S_PBLH: return m->pblh;      case S_SW: return m->swdown;
  case S_T2: return m->t2;          case S_Q2: return m->q2;
  case S_U10: return m->u10;        case S_V10: return m->v10;
  case S_UST: return m->ust;        case S_HFX: return m->hfx;
  case S_RAIN: return m->rainc;     case S_PSFC: return m->psfc;
  case S_COSZ: return m->coszen;
  default: return NULL;
  }
}

static int put_att_text(int nc, int v, const char *name, const char *val)
{
  return nc_put_att_text(nc, v, name, strlen(val), val);
}

static int define(synth_wrfout *w, const synth_met *m, int compress)
{
  const tf_grid *g = m->d->g;
  const tf_proj *p = &g->proj;
  int nc = w->ncid, rc = 0, dT, dS, dx, dxs, dy, dys, dz, dzs;
  if ((rc = nc_def_dim(nc, "Time", NC_UNLIMITED, &dT)) || (rc = nc_def_dim(nc, "DateStrLen", 19, &dS)) ||
      (rc = nc_def_dim(nc, "west_east", (size_t)g->nx, &dx)) ||
      (rc = nc_def_dim(nc, "south_north", (size_t)g->ny, &dy)) ||
      (rc = nc_def_dim(nc, "bottom_top", (size_t)g->nz, &dz)) ||
      (rc = nc_def_dim(nc, "bottom_top_stag", (size_t)g->nz + 1, &dzs)) ||
      (rc = nc_def_dim(nc, "west_east_stag", (size_t)g->nx + 1, &dxs)) ||
      (rc = nc_def_dim(nc, "south_north_stag", (size_t)g->ny + 1, &dys)))
    return rc;
  for (size_t k = 0; k < NVARS; k++) {
    const wvar *v = &vars[k];
    int d[4] = {dT, 0, 0, 0}, nd = 1;
    const char *mo = "XY ", *stag = "", *coord = "XLONG XLAT XTIME";
    switch (v->dims) {
    case D_TIMES: d[1] = dS; nd = 2; break;
    case D_T0: mo = "0  "; coord = NULL; break;
    case D_TZ: d[1] = dz; nd = 2; mo = "Z  "; coord = NULL; break;
    case D_TZW: d[1] = dzs; nd = 2; mo = "Z  "; stag = "Z"; coord = NULL; break;
    case D_2D: d[1] = dy; d[2] = dx; nd = 3; break;
    case D_2U: d[1] = dy; d[2] = dxs; nd = 3; stag = "X"; coord = "XLONG_U XLAT_U XTIME"; break;
    case D_2V: d[1] = dys; d[2] = dx; nd = 3; stag = "Y"; coord = "XLONG_V XLAT_V XTIME"; break;
    case D_3D: d[1] = dz; d[2] = dy; d[3] = dx; nd = 4; mo = "XYZ"; break;
    case D_3W: d[1] = dzs; d[2] = dy; d[3] = dx; nd = 4; mo = "XYZ"; stag = "Z"; break;
    case D_3U: d[1] = dz; d[2] = dy; d[3] = dxs; nd = 4; mo = "XYZ"; stag = "X"; coord = "XLONG_U XLAT_U XTIME"; break;
    case D_3V: d[1] = dz; d[2] = dys; d[3] = dx; nd = 4; mo = "XYZ"; stag = "Y"; coord = "XLONG_V XLAT_V XTIME"; break;
    }
    if (v->dims == D_TIMES) { if ((rc = nc_def_var(nc, v->name, NC_CHAR, 2, d, &w->varid[k]))) return rc; continue; }
    if ((rc = nc_def_var(nc, v->name, NC_FLOAT, nd, d, &w->varid[k]))) return rc;
    if (compress && nd >= 3 && (rc = nc_def_var_deflate(nc, w->varid[k], 1, 1, 1))) return rc;
    int ft = 104;
    char units[64];
    if (v->a == S_XTIME) {
      char t[32];
      tf_time_format(w->start_s, t, 0);
      snprintf(units, sizeof units, "minutes since %.10s %.8s", t, t + 11);
    } else snprintf(units, sizeof units, "%s", v->units);
    if ((rc = nc_put_att_int(nc, w->varid[k], "FieldType", NC_INT, 1, &ft)) ||
        (rc = put_att_text(nc, w->varid[k], "MemoryOrder", mo)) ||
        (rc = put_att_text(nc, w->varid[k], "description", v->desc)) ||
        (rc = put_att_text(nc, w->varid[k], "units", units)) ||
        (rc = put_att_text(nc, w->varid[k], "stagger", stag)) ||
        (coord && (rc = put_att_text(nc, w->varid[k], "coordinates", coord))))
      return rc;
  }
  char sd[32], st[32];
  tf_time_format(w->start_s, st, 1);
  snprintf(sd, sizeof sd, "%s", st);
  int y, mo, dd;
  tf_civil_from_days((long)floor(w->start_s / 86400.0), &y, &mo, &dd);
  int julyr = y, julday = tf_time_doy(w->start_s), mp = p->map_proj, we = g->nx + 1, sn = g->ny + 1,
      bt = g->nz + 1, nlc = 24, isw = 16, isl = -1, isi = 24, isu = 1, isow = 14, hyb = 0;
  float fdx = (float)g->dx_m, fdy = (float)g->dy_m, fcl = (float)p->cen_lat, fcn = (float)p->cen_lon,
        ft1 = (float)p->truelat1, ft2 = (float)p->truelat2, fsl = (float)p->stand_lon, fpl = 90.f,
        fpn = 0.f, fgmt = (float)tf_time_hour_utc(w->start_s);
  struct { const char *n; int t; const void *v; } ga[] = {
    {"WEST-EAST_GRID_DIMENSION", 1, &we}, {"SOUTH-NORTH_GRID_DIMENSION", 1, &sn},
    {"BOTTOM-TOP_GRID_DIMENSION", 1, &bt}, {"DX", 2, &fdx}, {"DY", 2, &fdy},
    {"CEN_LAT", 2, &fcl}, {"CEN_LON", 2, &fcn}, {"TRUELAT1", 2, &ft1}, {"TRUELAT2", 2, &ft2},
    {"MOAD_CEN_LAT", 2, &fcl}, {"STAND_LON", 2, &fsl}, {"POLE_LAT", 2, &fpl}, {"POLE_LON", 2, &fpn},
    {"GMT", 2, &fgmt}, {"JULYR", 1, &julyr}, {"JULDAY", 1, &julday}, {"MAP_PROJ", 1, &mp},
    {"NUM_LAND_CAT", 1, &nlc}, {"ISWATER", 1, &isw}, {"ISLAKE", 1, &isl}, {"ISICE", 1, &isi},
    {"ISURBAN", 1, &isu}, {"ISOILWATER", 1, &isow}, {"HYBRID_OPT", 1, &hyb},
  };
  if ((rc = put_att_text(nc, NC_GLOBAL, "TITLE", " OUTPUT FROM TIANFU SYNTH (WRF V4 wrfout conventions; synthetic Sichuan August 2022 heat-wave case)")) ||
      (rc = put_att_text(nc, NC_GLOBAL, "START_DATE", sd)) ||
      (rc = put_att_text(nc, NC_GLOBAL, "SIMULATION_START_DATE", sd)) ||
      (rc = put_att_text(nc, NC_GLOBAL, "GRIDTYPE", "C")) ||
      (rc = put_att_text(nc, NC_GLOBAL, "MAP_PROJ_CHAR", "Lambert Conformal")) ||
      (rc = put_att_text(nc, NC_GLOBAL, "MMINLU", "USGS")))
    return rc;
  for (size_t k = 0; k < sizeof ga / sizeof ga[0]; k++) {
    rc = ga[k].t == 1 ? nc_put_att_int(nc, NC_GLOBAL, ga[k].n, NC_INT, 1, ga[k].v)
                      : nc_put_att_float(nc, NC_GLOBAL, ga[k].n, NC_FLOAT, 1, ga[k].v);
    if (rc) return rc;
  }
  return nc_enddef(nc);
}

int synth_wrfout_open(synth_wrfout **out, const char *path, const synth_met *m, double start_s,
                      int compress, tf_err *err)
{
  *out = NULL;
  const tf_grid *g = m->d->g;
  synth_wrfout *w = tf_calloc(1, sizeof *w, err);
  if (!w) return TF_ENOMEM;
  w->ncid = -1;
  w->start_s = start_s;
  snprintf(w->path, sizeof w->path, "%s", path);
  int rc = tfio_partial_path(path, w->tmp, sizeof w->tmp, err);
  if (rc) { free(w); return rc; }
  size_t nu = dims_len(g, D_2U), nvv = dims_len(g, D_2V), n2 = g->n2, nmax = dims_len(g, D_3W);
  if (dims_len(g, D_3U) > nmax) nmax = dims_len(g, D_3U);
  if (dims_len(g, D_3V) > nmax) nmax = dims_len(g, D_3V);
  w->xlat_u = tf_calloc(nu, sizeof(double), err); w->xlon_u = tf_calloc(nu, sizeof(double), err);
  w->xlat_v = tf_calloc(nvv, sizeof(double), err); w->xlon_v = tf_calloc(nvv, sizeof(double), err);
  w->lu = tf_calloc(n2, sizeof(double), err); w->one = tf_calloc(n2, sizeof(double), err);
  w->znu = tf_calloc((size_t)g->nz, sizeof(double), err); w->dnw = tf_calloc((size_t)g->nz, sizeof(double), err);
  w->buf = tf_calloc(nmax, sizeof(float), err);
  if (!w->xlat_u || !w->xlon_u || !w->xlat_v || !w->xlon_v || !w->lu || !w->one || !w->znu || !w->dnw || !w->buf) {
    synth_wrfout_close(&w, NULL);
    return TF_ENOMEM;
  }
  for (int j = 0; j < g->ny; j++)
    for (int i = 0; i <= g->nx; i++)
      proj_ij_to_ll(&g->proj, i - 0.5, j, &w->xlat_u[(size_t)j * (g->nx + 1) + i], &w->xlon_u[(size_t)j * (g->nx + 1) + i]);
  for (int j = 0; j <= g->ny; j++)
    for (int i = 0; i < g->nx; i++)
      proj_ij_to_ll(&g->proj, i, j - 0.5, &w->xlat_v[(size_t)j * g->nx + i], &w->xlon_v[(size_t)j * g->nx + i]);
  for (size_t c = 0; c < n2; c++) { w->lu[c] = g->landuse[c]; w->one[c] = 1.0; }
  for (int k = 0; k < g->nz; k++) {
    w->znu[k] = 0.5 * (g->eta_w[k] + g->eta_w[k + 1]);
    w->dnw[k] = g->eta_w[k + 1] - g->eta_w[k];
  }
  rc = nc_create(w->tmp, compress ? (NC_NETCDF4 | NC_CLASSIC_MODEL | NC_CLOBBER) : (NC_64BIT_OFFSET | NC_CLOBBER), &w->ncid);
  if (rc) { w->ncid = -1; synth_wrfout_close(&w, NULL); return tfnc_fail(rc, err, path, "create wrfout"); }
  rc = nc_set_fill(w->ncid, NC_NOFILL, &(int){0});
  if (!rc) rc = define(w, m, compress);
  if (rc) { synth_wrfout_close(&w, NULL); return tfnc_fail(rc, err, path, "define wrfout variables"); }
  *out = w;
  return TF_OK;
}

int synth_wrfout_write(synth_wrfout *w, const synth_met *m, tf_err *err)
{
  const tf_grid *g = m->d->g;
  double xtime = (m->time_s - w->start_s) / 60.0;
  for (size_t k = 0; k < NVARS; k++) {
    const wvar *v = &vars[k];
    size_t start[4] = {(size_t)w->rec, 0, 0, 0}, count[4] = {1, 0, 0, 0};
    int rc;
    if (v->dims == D_TIMES) {
      char t[32];
      tf_time_format(m->time_s, t, 1);
      count[1] = 19;
      rc = nc_put_vara_text(w->ncid, w->varid[k], start, count, t);
    } else {
      size_t n = dims_len(g, v->dims);
      const double *a = v->a == S_XTIME ? &xtime : source(w, m, v->a), *b = v->b ? source(w, m, v->b) : NULL;
      for (size_t i = 0; i < n; i++) w->buf[i] = (float)(a[i] - (b ? b[i] : 0.0) - v->off);
      size_t nxs = (size_t)g->nx + (v->dims == D_2U || v->dims == D_3U);
      size_t nys = (size_t)g->ny + (v->dims == D_2V || v->dims == D_3V);
      size_t nzs = (size_t)g->nz + (v->dims == D_3W || v->dims == D_TZW);
      switch (v->dims) {
      case D_TZ: case D_TZW: count[1] = nzs; break;
      case D_2D: case D_2U: case D_2V: count[1] = nys; count[2] = nxs; break;
      case D_3D: case D_3W: case D_3U: case D_3V: count[1] = nzs; count[2] = nys; count[3] = nxs; break;
      default: break;
      }
      rc = nc_put_vara_float(w->ncid, w->varid[k], start, count, w->buf);
    }
    if (rc) {
      char what[96];
      snprintf(what, sizeof what, "write %s record %d", v->name, w->rec);
      return tfnc_fail(rc, err, w->path, what);
    }
  }
  w->rec++;
  return TF_OK;
}

int synth_wrfout_close(synth_wrfout **wp, tf_err *err)
{
  if (!wp || !*wp) return TF_OK;
  synth_wrfout *w = *wp;
  int rc = TF_OK;
  if (w->ncid >= 0) {
    int st = nc_close(w->ncid);
    if (st) rc = tfnc_fail(st, err, w->path, "close wrfout");
    else if (err) rc = tfio_commit(w->tmp, w->path, err);
    if (rc || !err) unlink(w->tmp);
  }
  free(w->xlat_u); free(w->xlon_u); free(w->xlat_v); free(w->xlon_v); free(w->lu); free(w->one);
  free(w->znu); free(w->dnw); free(w->buf);
  free(w);
  *wp = NULL;
  return rc;
}
