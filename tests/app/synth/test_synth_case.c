/* test_synth_case.c — generate a small built-in case (36 km, 26 h: two wrfout files) and
 * check it by reading the files back with the NetCDF API only:
 *   - layout, dimensions, WRF global attributes and the variable names of a real wrfout
 *     (tests/data/wrf/wrfout_sample_lambert_tibet.header.txt), hourly Times without
 *     gaps across the file boundary;
 *   - hydrostatic consistency: pressure recomputed from PH+PHB by the hypsometric equation
 *     (dphi = Rd Tv dln p, Tv = T (1 + qv Rv/Rd) / (1 + qv)) from PSFC upward must reach
 *     P_TOP and reproduce P+PB; and WRF's discrete relation dphi = mu_d dEta alpha_d;
 *   - boundary layer: PBLH <= 400 m at night (~02 LST) and 1.2-2.2 km at 15 LST on the
 *     basin floor; T2 25-36 C on the basin floor (300-700 m) at all hours
 *     (August 2022 heat wave; docs/sichuan-facts.md);
 *   - mass consistency: column-integrated coupled mass-flux divergence of U, V (with
 *     MU+MUB, MAPFAC_U/V, ZNW, DX) relative to the mean column face flux; W equal to the
 *     vertical motion implied by continuity (mu etadot from the layer divergences) plus
 *     flow along the sloping eta surfaces;
 *   - emissions: Sichuan totals (grid + SC-* points) = Zhou et al. (2019) J. Atmos. Chem.
 *     76, 21, Table totals; Chongqing = Sichuan x census population ratio; profiles of mean
 *     1; points.csv header; determinism (same seed -> identical bytes, other seed differs);
 *   - run.ini keys. */
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/synth/synth.h"
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"
#include "tf_test.h"

#define HOURS 26

static float *getf(int nc, const char *name, size_t *n)
{
  int v, nd, dims[8];
  if (nc_inq_varid(nc, name, &v) || nc_inq_varndims(nc, v, &nd) || nc_inq_vardimid(nc, v, dims)) return NULL;
  size_t len = 1;
  for (int k = 0; k < nd; k++) { size_t l; nc_inq_dimlen(nc, dims[k], &l); len *= l; }
  float *a = malloc(len * sizeof *a);
  if (a && nc_get_var_float(nc, v, a)) { free(a); return NULL; }
  if (n) *n = len;
  return a;
}

static char *slurp(const char *path, long *len)
{
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  *len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)*len + 1);
  if (b && fread(b, 1, (size_t)*len, f) != (size_t)*len) { free(b); b = NULL; }
  if (b) b[*len] = 0;
  fclose(f);
  return b;
}

static int make_case(const char *dir, uint64_t seed, int hours)
{
  synth_opts o;
  synth_opts_default(&o);
  char data[4096];
  o.out_dir = dir;
  o.data_dir = tf_source_path("configs", data, sizeof data);
  o.res_km = 36.0;
  o.hours = hours;
  o.seed = seed;
  tf_err e;
  tf_err_clear(&e);
  synth_report r;
  if (synth_run(&o, stdout, &r, &e)) { fprintf(stderr, "synth_run: %s\n", e.msg); return 1; }
  return 0;
}

/* every frame of one file: Times, hydrostatics, PBL, T2, mass divergence */
typedef struct acc {
  double prev_t, hyd_top, hyd_mid, hyd_wrf, pbl_night_max, pbl_aft_min, pbl_aft_max, t2_min, t2_max, div_rel;
  double w_err, w_max, w_upper_mean, ws_basin_sum;
  int ws_basin_n;
  int nframes, gaps, n_night, n_aft;
} acc;

static void check_file(const char *path, acc *A)
{
  int nc;
  if (nc_open(path, NC_NOWRITE, &nc)) { TF_EXPECT_MSG(0, "cannot open %s", path); return; }
  size_t nt, nx, ny, nz;
  int d;
  nc_inq_dimid(nc, "Time", &d); nc_inq_dimlen(nc, d, &nt);
  nc_inq_dimid(nc, "west_east", &d); nc_inq_dimlen(nc, d, &nx);
  nc_inq_dimid(nc, "south_north", &d); nc_inq_dimlen(nc, d, &ny);
  nc_inq_dimid(nc, "bottom_top", &d); nc_inq_dimlen(nc, d, &nz);
  int we = 0, sn = 0, bt = 0, mp = 0;
  nc_get_att_int(nc, NC_GLOBAL, "WEST-EAST_GRID_DIMENSION", &we);
  nc_get_att_int(nc, NC_GLOBAL, "SOUTH-NORTH_GRID_DIMENSION", &sn);
  nc_get_att_int(nc, NC_GLOBAL, "BOTTOM-TOP_GRID_DIMENSION", &bt);
  nc_get_att_int(nc, NC_GLOBAL, "MAP_PROJ", &mp);
  TF_EXPECT(we == (int)nx + 1 && sn == (int)ny + 1 && bt == (int)nz + 1 && mp == 1);
  float dx = 0;
  nc_get_att_float(nc, NC_GLOBAL, "DX", &dx);
  TF_EXPECT(dx == 36000.f);
  size_t n2 = nx * ny, n3 = n2 * nz, nw = n2 * (nz + 1);
  float *P = getf(nc, "P", NULL), *PB = getf(nc, "PB", NULL), *T = getf(nc, "T", NULL),
        *QV = getf(nc, "QVAPOR", NULL), *PH = getf(nc, "PH", NULL), *PHB = getf(nc, "PHB", NULL),
        *MU = getf(nc, "MU", NULL), *MUB = getf(nc, "MUB", NULL), *PS = getf(nc, "PSFC", NULL),
        *ZNW = getf(nc, "ZNW", NULL), *PT = getf(nc, "P_TOP", NULL), *U = getf(nc, "U", NULL),
        *V = getf(nc, "V", NULL), *MFU = getf(nc, "MAPFAC_U", NULL), *MFV = getf(nc, "MAPFAC_V", NULL),
        *PBL = getf(nc, "PBLH", NULL), *T2 = getf(nc, "T2", NULL), *HGT = getf(nc, "HGT", NULL),
        *LU = getf(nc, "LU_INDEX", NULL), *LON = getf(nc, "XLONG", NULL), *W = getf(nc, "W", NULL),
        *MFM = getf(nc, "MAPFAC_M", NULL), *U10 = getf(nc, "U10", NULL), *V10 = getf(nc, "V10", NULL);
  int ok = P && PB && T && QV && PH && PHB && MU && MUB && PS && ZNW && PT && U && V && MFU && MFV &&
           PBL && T2 && HGT && LU && LON && W && MFM && U10 && V10;
  TF_EXPECT(ok);
  if (!ok) { nc_close(nc); return; }
  int vt;
  nc_inq_varid(nc, "Times", &vt);
  double pw[64];
  for (size_t it = 0; it < nt; it++) {
    char ts[20] = {0};
    size_t st[2] = {it, 0}, ct[2] = {1, 19};
    nc_get_vara_text(nc, vt, st, ct, ts);
    double t;
    tf_err e;
    TF_EXPECT(tf_time_parse(ts, &t, &e) == TF_OK);
    if (A->nframes > 0 && fabs(t - A->prev_t - 3600.0) > 0.5) A->gaps++;
    A->prev_t = t;
    A->nframes++;
    double utc = tf_time_hour_utc(t);
    const float *zn = ZNW + it * (nz + 1);
    for (size_t c = 0; c < n2; c++) {
      size_t o2 = it * n2 + c;
      /* hypsometric integration from the surface */
      pw[0] = PS[o2];
      double mud = MU[o2] + MUB[o2];
      for (size_t k = 0; k < nz; k++) {
        size_t q = it * n3 + k * n2 + c, qw = it * nw + k * n2 + c;
        double p = P[q] + PB[q], qv = QV[q], tk = (T[q] + TF_T0_THETA) * pow(p / TF_P0, TF_RD / TF_CP);
        double dphi = (PH[qw + n2] + PHB[qw + n2]) - (PH[qw] + PHB[qw]);
        double tv = tk * (1.0 + qv * TF_RV / TF_RD) / (1.0 + qv);
        pw[k + 1] = pw[k] * exp(-dphi / (TF_RD * tv));
        double plog = (pw[k] - pw[k + 1]) / log(pw[k] / pw[k + 1]);
        A->hyd_mid = fmax(A->hyd_mid, fabs(plog - p) / p);
        /* WRF discrete hydrostatic relation */
        double alpha = TF_RD * tk * (1.0 + qv * TF_RV / TF_RD) / p;
        A->hyd_wrf = fmax(A->hyd_wrf, fabs(dphi - mud * (zn[k] - zn[k + 1]) * alpha) / dphi);
      }
      A->hyd_top = fmax(A->hyd_top, fabs(pw[nz] - PT[it]) / PT[it]);
      /* basin floor: 300-700 m, crop or urban land use */
      double h = HGT[o2];
      int lu = (int)LU[o2];
      int floor_pt = h > 300.0 && h < 700.0 && (lu == 1 || lu == 2 || lu == 3 || lu == 5);
      if (!floor_pt) continue;
      double lst = fmod(utc + LON[o2] / 15.0 + 24.0, 24.0);
      if (lst >= 0.5 && lst <= 4.5) { A->pbl_night_max = fmax(A->pbl_night_max, PBL[o2]); A->n_night++; }
      if (fabs(lst - 15.0) < 0.5) {
        A->pbl_aft_min = fmin(A->pbl_aft_min, PBL[o2]);
        A->pbl_aft_max = fmax(A->pbl_aft_max, PBL[o2]);
        A->n_aft++;
      }
      A->ws_basin_sum += hypot(U10[o2], V10[o2]);
      A->ws_basin_n++;
      A->t2_min = fmin(A->t2_min, T2[o2] - 273.15);
      A->t2_max = fmax(A->t2_max, T2[o2] - 273.15);
    }
    /* column mass-flux divergence: sum_k dEta [d(mu u/m)/dx + d(mu v/m)/dy] */
    double dmax = 0.0, fsum = 0.0;
    size_t nf = 0;
    for (size_t j = 0; j < ny; j++)
      for (size_t i = 0; i < nx; i++) {
        double D = 0.0;
        size_t c = j * nx + i;
        for (size_t k = 0; k < nz; k++) {
          double de = zn[k] - zn[k + 1];
          const float *u = U + it * (nx + 1) * ny * nz + k * (nx + 1) * ny;
          const float *v = V + it * nx * (ny + 1) * nz + k * nx * (ny + 1);
          const float *mu = MU + it * n2, *mub = MUB + it * n2;
          const float *mfu = MFU + it * (nx + 1) * ny, *mfv = MFV + it * nx * (ny + 1);
#define MUT(ii, jj) ((double)mu[(jj) * nx + (ii)] + mub[(jj) * nx + (ii)])
          double muw = i > 0 ? 0.5 * (MUT(i - 1, j) + MUT(i, j)) : MUT(i, j);
          double mue = i < nx - 1 ? 0.5 * (MUT(i + 1, j) + MUT(i, j)) : MUT(i, j);
          double mus = j > 0 ? 0.5 * (MUT(i, j - 1) + MUT(i, j)) : MUT(i, j);
          double mun = j < ny - 1 ? 0.5 * (MUT(i, j + 1) + MUT(i, j)) : MUT(i, j);
#undef MUT
          size_t iw = j * (nx + 1) + i, is = j * nx + i;
          double fw = muw * u[iw] / mfu[iw], fe = mue * u[iw + 1] / mfu[iw + 1];
          double fs = mus * v[is] / mfv[is], fn = mun * v[is + nx] / mfv[is + nx];
          D += de * ((fe - fw) / dx + (fn - fs) / dx);
          fsum += de * (fabs(fw) + fabs(fs)) / dx;
          (void)c;
        }
        nf++;
        dmax = fmax(dmax, fabs(D));
      }
    A->div_rel = fmax(A->div_rel, dmax / (fsum / (double)nf));
    /* W against continuity: mu*etadot from the layer divergences (bottom up, WRF eq. 2.5
     * with constant mu), then w = (etadot dphi/deta + m (u dphi/dx + v dphi/dy)) / g at
     * interior full levels of interior columns */
    const float *u3 = U + it * (nx + 1) * ny * nz, *v3 = V + it * nx * (ny + 1) * nz;
    const float *mu = MU + it * n2, *mub = MUB + it * n2, *mfu = MFU + it * (nx + 1) * ny, *mfv = MFV + it * nx * (ny + 1);
    const float *ph = PH + it * nw, *phb = PHB + it * nw, *w3 = W + it * nw, *mfm = MFM + it * n2;
#define MUC(c) ((double)mu[c] + mub[c])
#define PHI(k, c) ((double)ph[(k) * n2 + (c)] + phb[(k) * n2 + (c)])
    for (size_t j = 1; j + 1 < ny; j++)
      for (size_t i = 1; i + 1 < nx; i++) {
        size_t c = j * nx + i;
        double me = 0.0, mf = mfm[c];
        for (size_t k = 0; k + 1 < nz; k++) {
          const float *u = u3 + k * (nx + 1) * ny, *v = v3 + k * nx * (ny + 1);
          size_t iw = j * (nx + 1) + i, is = j * nx + i;
          double div = (0.5 * (MUC(c) + MUC(c + 1)) * u[iw + 1] / mfu[iw + 1] - 0.5 * (MUC(c) + MUC(c - 1)) * u[iw] / mfu[iw]) / dx +
                       (0.5 * (MUC(c) + MUC(c + nx)) * v[is + nx] / mfv[is + nx] - 0.5 * (MUC(c) + MUC(c - nx)) * v[is] / mfv[is]) / dx;
          me += mf * mf * div * (zn[k] - zn[k + 1]);
          size_t kw = k + 1; /* full level between layers k and k+1 */
          const float *ua = u, *ub = u + (nx + 1) * ny, *va = v, *vb = v + nx * (ny + 1);
          double uu = 0.25 * (ua[iw] + ua[iw + 1] + ub[iw] + ub[iw + 1]);
          double vv = 0.25 * (va[is] + va[is + nx] + vb[is] + vb[is + nx]);
          double dpx = (PHI(kw, c + 1) - PHI(kw, c - 1)) / (2.0 * dx), dpy = (PHI(kw, c + nx) - PHI(kw, c - nx)) / (2.0 * dx);
          double dpe = (PHI(kw + 1, c) - PHI(kw - 1, c)) / ((double)zn[kw + 1] - zn[kw - 1]);
          double wr = (me / MUC(c) * dpe + mf * (uu * dpx + vv * dpy)) / TF_G;
          A->w_err = fmax(A->w_err, fabs(wr - w3[kw * n2 + c]));
          A->w_max = fmax(A->w_max, fabs(w3[kw * n2 + c]));
        }
      }
#undef MUC
#undef PHI
    /* domain-mean W on full levels above 400 hPa (upper troposphere) */
    double ws = 0.0;
    size_t wn = 0;
    for (size_t k = 1; k < nz; k++)
      for (size_t c = 0; c < n2; c++) {
        size_t q = it * n3 + k * n2 + c;
        if (P[q] + PB[q] < 40000.0) { ws += w3[k * n2 + c]; wn++; }
      }
    if (wn) A->w_upper_mean = fmax(A->w_upper_mean, fabs(ws / (double)wn));
  }
  float *all[] = {P, PB, T, QV, PH, PHB, MU, MUB, PS, ZNW, PT, U, V, MFU, MFV, PBL, T2, HGT, LU, LON, W, MFM, U10, V10};
  for (size_t k = 0; k < sizeof all / sizeof *all; k++) free(all[k]);
  nc_close(nc);
}

static void check_variables(const char *path)
{
  /* the variables the brief lists from real wrfout files (and the sample's header) */
  static const char *const names[] = {
    "Times", "XLAT", "XLONG", "XLAT_U", "XLONG_U", "XLAT_V", "XLONG_V", "HGT", "LU_INDEX",
    "LANDMASK", "MAPFAC_M", "MAPFAC_U", "MAPFAC_V", "COSALPHA", "SINALPHA", "ZNW", "ZNU",
    "P_TOP", "MU", "MUB", "P", "PB", "T", "PH", "PHB", "QVAPOR", "U", "V", "W", "PBLH",
    "SWDOWN", "T2", "Q2", "U10", "V10", "UST", "HFX", "RAINC", "RAINNC", "CLDFRA", "PSFC"};
  int nc, v, missing = 0;
  if (nc_open(path, NC_NOWRITE, &nc)) { TF_EXPECT(0); return; }
  for (size_t k = 0; k < sizeof names / sizeof *names; k++)
    if (nc_inq_varid(nc, names[k], &v)) { missing++; fprintf(stderr, "missing variable %s\n", names[k]); }
  TF_EXPECT(missing == 0);
  /* attribute conventions as in the sample header */
  char buf[64] = {0};
  nc_inq_varid(nc, "U", &v);
  TF_EXPECT(nc_get_att_text(nc, v, "stagger", buf) == NC_NOERR && buf[0] == 'X');
  memset(buf, 0, sizeof buf);
  TF_EXPECT(nc_get_att_text(nc, v, "MemoryOrder", buf) == NC_NOERR && !strcmp(buf, "XYZ"));
  int ft = 0;
  TF_EXPECT(nc_get_att_int(nc, v, "FieldType", &ft) == NC_NOERR && ft == 104);
  static const char *const gatts[] = {"MAP_PROJ", "TRUELAT1", "TRUELAT2", "STAND_LON", "CEN_LAT", "CEN_LON",
                                      "MOAD_CEN_LAT", "DX", "DY", "MMINLU", "WEST-EAST_GRID_DIMENSION",
                                      "SOUTH-NORTH_GRID_DIMENSION", "BOTTOM-TOP_GRID_DIMENSION",
                                      "SIMULATION_START_DATE", "TITLE"};
  for (size_t k = 0; k < sizeof gatts / sizeof *gatts; k++) {
    size_t len;
    TF_EXPECT_MSG(nc_inq_attlen(nc, NC_GLOBAL, gatts[k], &len) == NC_NOERR, "global attribute %s", gatts[k]);
  }
  memset(buf, 0, sizeof buf);
  nc_get_att_text(nc, NC_GLOBAL, "MMINLU", buf);
  TF_EXPECT(!strcmp(buf, "USGS"));
  /* attributes of every variable that the real sample wrfout also has must match its header
   * (description, units, stagger, MemoryOrder, FieldType) */
  char hp[4096];
  long hl;
  char *hdr = tf_test_data("wrf/wrfout_sample_lambert_tibet.header.txt", hp, sizeof hp) ? slurp(hp, &hl) : NULL;
  TF_EXPECT(hdr != NULL);
  int nvars = 0, compared = 0, mism = 0;
  nc_inq_nvars(nc, &nvars);
  for (int k = 0; hdr && k < nvars; k++) {
    char vn[NC_MAX_NAME + 1];
    nc_inq_varname(nc, k, vn);
    static const char *const atts[] = {"description", "units", "stagger", "MemoryOrder"};
    for (int a = 0; a < 4; a++) {
      char key[NC_MAX_NAME + 64], mine[256] = {0};
      snprintf(key, sizeof key, "\t\t%s:%s = \"", vn, atts[a]);
      const char *h = strstr(hdr, key);
      if (!h || (!strcmp(vn, "XTIME") && a == 1)) continue; /* XTIME units: WRF V4 form used */
      h += strlen(key);
      const char *q = strchr(h, '"');
      size_t len;
      if (nc_inq_attlen(nc, k, atts[a], &len) || len >= sizeof mine || nc_get_att_text(nc, k, atts[a], mine)) {
        mism++;
        fprintf(stderr, "%s: attribute %s missing\n", vn, atts[a]);
        continue;
      }
      compared++;
      if (!q || (size_t)(q - h) != strlen(mine) || strncmp(h, mine, (size_t)(q - h))) {
        mism++;
        fprintf(stderr, "%s:%s = '%s', sample wrfout has '%.*s'\n", vn, atts[a], mine, q ? (int)(q - h) : 0, h);
      }
    }
  }
  free(hdr);
  if (compared) {
    tf_check_ge("synth_wrfout_attributes_compared_with_sample", compared, 100);
    tf_check("synth_wrfout_attribute_mismatches_vs_sample", mism, 0, 0);
  }
  nc_close(nc);
}

/* Sichuan / Chongqing totals, Gg/yr: grid cells by `region`, points by id prefix. */
static void emission_totals(const char *dir, double sc[5], double cq[5])
{
  static const char *const sp[5] = {"NOX", "NMVOC", "CO", "SO2", "NH3"};
  char path[4200];
  snprintf(path, sizeof path, "%.4000s/emis/emissions.nc", dir);
  int nc;
  memset(sc, 0, 5 * sizeof *sc);
  memset(cq, 0, 5 * sizeof *cq);
  if (nc_open(path, NC_NOWRITE, &nc)) { TF_EXPECT(0); return; }
  int vr, dims[3];
  size_t nx, ny, ns;
  nc_inq_varid(nc, "region", &vr);
  int nd;
  nc_inq_varndims(nc, vr, &nd);
  nc_inq_vardimid(nc, vr, dims);
  nc_inq_dimlen(nc, dims[0], &ny);
  nc_inq_dimlen(nc, dims[1], &nx);
  int d;
  nc_inq_dimid(nc, "sector", &d);
  nc_inq_dimlen(nc, d, &ns);
  TF_EXPECT(ns == 6);
  int *reg = malloc(nx * ny * sizeof *reg);
  nc_get_var_int(nc, vr, reg);
  for (int s = 0; s < 5; s++) {
    float *e = getf(nc, sp[s], NULL);
    int v;
    char units[32] = {0};
    nc_inq_varid(nc, sp[s], &v);
    nc_get_att_text(nc, v, "units", units);
    TF_EXPECT(!strcmp(units, "kg h-1"));
    if (!e) { TF_EXPECT(0); continue; }
    for (size_t k = 0; k < ns; k++)
      for (size_t c = 0; c < nx * ny; c++) {
        if (reg[c] == 1) sc[s] += e[k * nx * ny + c] * 8760.0 / 1e6;
        if (reg[c] == 2) cq[s] += e[k * nx * ny + c] * 8760.0 / 1e6;
      }
    free(e);
  }
  /* profiles: mean 1 */
  float *hp = getf(nc, "hour_profile", NULL), *wp = getf(nc, "weekday_profile", NULL);
  double worst = 0.0;
  for (size_t k = 0; hp && wp && k < ns; k++) {
    double mh = 0, mw = 0;
    for (int h = 0; h < 24; h++) mh += hp[k * 24 + h] / 24.0;
    for (int w = 0; w < 7; w++) mw += wp[k * 7 + w] / 7.0;
    worst = fmax(worst, fmax(fabs(mh - 1.0), fabs(mw - 1.0)));
  }
  tf_check("synth_profiles_mean_minus_1", worst, 0.0, 1e-6);
  free(hp); free(wp); free(reg);
  nc_close(nc);
  /* points */
  snprintf(path, sizeof path, "%.4000s/emis/points.csv", dir);
  FILE *f = fopen(path, "r");
  if (!f) { TF_EXPECT(0); return; }
  char line[1024];
  int header_ok = 0, npt = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#') continue;
    if (!header_ok) {
      header_ok = !strcmp(line, "id,name,industry,sector,lat,lon,stack_height_m,stack_diameter_m,"
                                "exit_velocity_ms,exit_temp_k,NOX_kgh,NMVOC_kgh,CO_kgh,SO2_kgh,NH3_kgh\n");
      TF_EXPECT(header_ok);
      if (!header_ok) break;
      continue;
    }
    double x[15];
    char *tok = strtok(line, ",");
    int nf = 0;
    char id[32] = {0};
    while (tok && nf < 15) {
      if (nf == 0) snprintf(id, sizeof id, "%s", tok);
      x[nf++] = atof(tok);
      tok = strtok(NULL, ",");
    }
    TF_EXPECT(nf == 15);
    npt++;
    TF_EXPECT(x[6] > 30.0 && x[6] < 300.0 && x[9] > 300.0 && x[9] < 500.0);
    for (int s = 0; s < 5; s++) {
      if (!strncmp(id, "SC-", 3)) sc[s] += x[10 + s] * 8760.0 / 1e6;
      if (!strncmp(id, "CQ-", 3)) cq[s] += x[10 + s] * 8760.0 / 1e6;
    }
  }
  fclose(f);
  tf_check_ge("synth_point_sources", npt, 50);
  tf_check_le("synth_point_sources_max", npt, 150);
}

int main(void)
{
  char dir[1024], dir2[1024], dir3[1024], path[4096], probe[4096];
  if (!tf_source_path("configs/sichuan/sichuan_terrain_etopo5.nc", probe, sizeof probe))
    return tf_test_skip("configs/sichuan data missing");
  tf_tmp_dir("synth_case", dir, sizeof dir);
  if (make_case(dir, 7, HOURS)) return 1;

  /* files: ceil((H+1)/24) = 2, frames 24 + 3 */
  acc A = {0};
  A.pbl_aft_min = 1e9; A.t2_min = 1e9; A.t2_max = -1e9;
  snprintf(path, sizeof path, "%s/met/wrfout_d01_2022-08-10_00:00:00", dir);
  check_variables(path);
  check_file(path, &A);
  TF_EXPECT(A.nframes == 24);
  snprintf(path, sizeof path, "%s/met/wrfout_d01_2022-08-11_00:00:00", dir);
  check_file(path, &A);
  tf_check("synth_frames", A.nframes, HOURS + 1, 0);
  tf_check("synth_time_gaps", A.gaps, 0, 0);
  tf_check("synth_hypsometric_ptop_rel", A.hyd_top, 0.0, 1e-4);
  tf_check("synth_hypsometric_pmid_rel", A.hyd_mid, 0.0, 1e-4);
  tf_check("synth_wrf_hydrostatic_rel", A.hyd_wrf, 0.0, 1e-4);
  TF_EXPECT(A.n_night > 0 && A.n_aft > 0);
  tf_check_le("synth_pblh_night_max_m", A.pbl_night_max, 400.0);
  tf_check_ge("synth_pblh_15lst_min_m", A.pbl_aft_min, 1200.0);
  tf_check_le("synth_pblh_15lst_max_m", A.pbl_aft_max, 2200.0);
  tf_check_ge("synth_t2_basin_min_C", A.t2_min, 25.0);
  tf_check_le("synth_t2_basin_max_C", A.t2_max, 36.0);
  tf_check("synth_column_mass_divergence_rel", A.div_rel, 0.0, 1e-5);
  printf("max |W| %.4f m/s\n", A.w_max);
  tf_check_ge("synth_w_max_ms", A.w_max, 1e-3);   /* terrain and convergence do lift air */
  tf_check("synth_w_vs_continuity_max_abs_ms", A.w_err, 0.0, 1e-3 * A.w_max);
  /* synoptic-scale vertical motion is O(1 cm/s) (Holton 2004, sec. 2.4 scale analysis): the
   * domain mean aloft must stay well below that in a subsidence-dominated heat wave */
  tf_check_le("synth_w_domain_mean_above_400hPa_ms", A.w_upper_mean, 0.005);
  /* weak basin winds, 1-3 m/s (stagnant August 2022 basin; docs/sichuan-facts.md) */
  double wsm = A.ws_basin_n ? A.ws_basin_sum / A.ws_basin_n : 0.0;
  tf_check_ge("synth_u10_basin_mean_ms", wsm, 0.5);
  tf_check_le("synth_u10_basin_mean_ms", wsm, 3.0);

  /* emissions vs Zhou et al. (2019) Sichuan 2015 totals (Gg/yr) */
  static const double zhou[5] = {820.0, 923.6, 3773.1, 444.9, 988.0};
  static const char *const nm[5] = {"NOX", "NMVOC", "CO", "SO2", "NH3"};
  /* Chongqing: scaled by the 2020 census populations 32,054,159 / 83,674,866 */
  const double cq_ratio = 32054159.0 / 83674866.0;
  double sc[5], cq[5];
  emission_totals(dir, sc, cq);
  for (int s = 0; s < 5; s++) {
    char n[64];
    snprintf(n, sizeof n, "synth_sichuan_%s_Gg_yr", nm[s]);
    tf_check_rel(n, sc[s], zhou[s], 1e-5);
    snprintf(n, sizeof n, "synth_chongqing_%s_Gg_yr", nm[s]);
    tf_check_rel(n, cq[s], zhou[s] * cq_ratio, 1e-5);
  }

  /* run.ini */
  long len;
  snprintf(path, sizeof path, "%s/run.ini", dir);
  char *ini = slurp(path, &len);
  TF_EXPECT(ini && strstr(ini, "start = 2022-08-10T00:00:00Z\n") && strstr(ini, "hours = 26\n") &&
            strstr(ini, "files = met/wrfout_d01_*\n") && strstr(ini, "mechanism = cb05\n") &&
            strstr(ini, "gridded = emis/emissions.nc\n") && strstr(ini, "points = emis/points.csv\n"));
  free(ini);

  /* determinism: same seed -> identical emission bytes; another seed -> different */
  tf_tmp_dir("synth_case_same", dir2, sizeof dir2);
  tf_tmp_dir("synth_case_other", dir3, sizeof dir3);
  if (make_case(dir2, 7, 1) || make_case(dir3, 8, 1)) return 1;
  const char *files[] = {"emis/emissions.nc", "emis/points.csv"};
  for (int f = 0; f < 2; f++) {
    long l1, l2, l3;
    char p1[4200], p2[4200], p3[4200];
    snprintf(p1, sizeof p1, "%s/%s", dir, files[f]);
    snprintf(p2, sizeof p2, "%s/%s", dir2, files[f]);
    snprintf(p3, sizeof p3, "%s/%s", dir3, files[f]);
    char *a = slurp(p1, &l1), *b = slurp(p2, &l2), *c = slurp(p3, &l3);
    TF_EXPECT(a && b && c);
    if (a && b && c) {
      TF_EXPECT_MSG(l1 == l2 && !memcmp(a, b, (size_t)l1), "%s differs for the same seed", files[f]);
      TF_EXPECT_MSG(l1 != l3 || memcmp(a, c, (size_t)l1), "%s identical for different seeds", files[f]);
    }
    free(a); free(b); free(c);
  }
  return tf_test_exit();
}
