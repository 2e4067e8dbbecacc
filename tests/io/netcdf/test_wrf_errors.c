/* test_wrf_errors.c — the WRF reader's refusals and fallbacks, on altered copies of the
 * tests/data sample (made with the NetCDF API): missing file, missing required variable,
 * wrong units, time gap and overlap between two files (messages must name both files and
 * times), a correct two-file continuation (8 frames, rain rate across the boundary), and
 * the documented fallbacks for PBLH, UST, HFX, CLDFRA, T2 (warnings recorded, values
 * plausible; PBLH compared loosely with WRF's own MYJ PBLH of the same frame), and the
 * projection anchoring of a cropped file (offset found from XLAT/XLONG) or of a file whose
 * attributes match nothing (falls back to the file's XLAT/XLONG, with a warning). */
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/netcdf/wrf_reader.h"
#include "model/core/tf_time.h"
#include "tf_test.h"

/* Copy a NetCDF file variable by variable into a classic (64-bit offset) file, leaving
 * out the variables in skip[]. (Renaming variables in place corrupts netCDF-4 files whose
 * dimensions have no coordinate variables — HDF5 dimension scales — as this sample's, so
 * the "missing variable" files are built by omission.) */
static void copy_nc(const char *src, const char *dst, const char *const *skip, int nskip)
{
  int a, b, nd, nv, na, ul;
  if (nc_open(src, NC_NOWRITE, &a) || nc_create(dst, NC_CLOBBER | NC_64BIT_OFFSET, &b)) {
    fprintf(stderr, "copy_nc: cannot open %s or create %s\n", src, dst);
    exit(1);
  }
  nc_inq(a, &nd, &nv, &na, &ul);
  for (int d = 0; d < nd; d++) {
    char name[NC_MAX_NAME + 1];
    size_t len;
    int id;
    nc_inq_dim(a, d, name, &len);
    nc_def_dim(b, name, d == ul ? NC_UNLIMITED : len, &id);
  }
  for (int i = 0; i < na; i++) {
    char name[NC_MAX_NAME + 1];
    nc_inq_attname(a, NC_GLOBAL, i, name);
    nc_copy_att(a, NC_GLOBAL, name, b, NC_GLOBAL);
  }
  int *map = calloc((size_t)nv, sizeof(int));
  for (int v = 0; v < nv; v++) {
    char name[NC_MAX_NAME + 1];
    nc_type t;
    int vnd, dims[NC_MAX_VAR_DIMS], vna;
    nc_inq_var(a, v, name, &t, &vnd, dims, &vna);
    map[v] = -1;
    int skipped = 0;
    for (int k = 0; k < nskip; k++) skipped |= strcmp(name, skip[k]) == 0;
    if (skipped) continue;
    nc_def_var(b, name, t, vnd, dims, &map[v]);
    for (int i = 0; i < vna; i++) {
      char an[NC_MAX_NAME + 1];
      nc_inq_attname(a, v, i, an);
      nc_copy_att(a, v, an, b, map[v]);
    }
  }
  nc_enddef(b);
  for (int v = 0; v < nv; v++) {
    if (map[v] < 0) continue;
    nc_type t;
    int vnd, dims[NC_MAX_VAR_DIMS];
    nc_inq_var(a, v, NULL, &t, &vnd, dims, NULL);
    size_t n = 1, ts;
    for (int d = 0; d < vnd; d++) {
      size_t len;
      nc_inq_dimlen(a, dims[d], &len);
      n *= len;
    }
    nc_inq_type(a, t, NULL, &ts);
    void *buf = malloc(n * ts + 1);
    if (nc_get_var(a, v, buf) || nc_put_var(b, map[v], buf)) {
      fprintf(stderr, "copy_nc: data copy failed\n");
      exit(1);
    }
    free(buf);
  }
  free(map);
  nc_close(a);
  nc_close(b);
}

/* Copy the sample to dir/name without the listed variables. */
static const char *make(const char *sample, const char *dir, const char *name, const char *const *skip,
                        int nskip, char *out, size_t n)
{
  snprintf(out, n, "%s/%s", dir, name);
  copy_nc(sample, out, skip, nskip);
  return out;
}

/* Rewrite Times as start + k*step_h hours. */
static void set_times(const char *path, const char *start, double step_h)
{
  int ncid, v;
  double t0;
  tf_err e;
  tf_time_parse(start, &t0, &e);
  TF_EXPECT(nc_open(path, NC_WRITE, &ncid) == NC_NOERR);
  nc_inq_varid(ncid, "Times", &v);
  char txt[4 * 19 + 1];
  for (int k = 0; k < 4; k++) {
    char b[32];
    tf_time_format(t0 + k * step_h * 3600.0, b, 1);
    memcpy(txt + 19 * k, b, 19);
  }
  TF_EXPECT(nc_put_var_text(ncid, v, txt) == NC_NOERR);
  nc_close(ncid);
}

static int contains(const char *hay, const char *needle) { return strstr(hay, needle) != NULL; }

int main(void)
{
  char sample[1024], dir[1024], p1[1200], p2[1200];
  if (!tf_test_data("wrf/wrfout_sample_lambert_tibet.nc", sample, sizeof sample)) return tf_test_exit();
  tf_tmp_dir("test_wrf_errors", dir, sizeof dir);
  tf_err e;
  wrf_set *s = NULL;

  /* missing file */
  snprintf(p1, sizeof p1, "%s/does_not_exist.nc", dir);
  const char *one[1] = {p1};
  TF_EXPECT(!(s = wrf_files_open(one, 1, &e)) && e.code == TF_EIO && s == NULL);
  TF_EXPECT_MSG(contains(e.msg, "does_not_exist.nc"), "%s", e.msg);
  printf("missing file: %s\n", e.msg);

  /* missing required variable */
  const char *no_sw[1] = {"SWDOWN"};
  make(sample, dir, "no_swdown.nc", no_sw, 1, p1, sizeof p1);
  TF_EXPECT(!(s = wrf_files_open(one, 1, &e)) && e.code == TF_EFORMAT);
  TF_EXPECT_MSG(contains(e.msg, "SWDOWN") && contains(e.msg, "no_swdown.nc"), "%s", e.msg);
  printf("missing variable: %s\n", e.msg);

  /* wrong units on U */
  make(sample, dir, "bad_units.nc", NULL, 0, p1, sizeof p1);
  {
    int ncid, v;
    nc_open(p1, NC_WRITE, &ncid);
    nc_redef(ncid);
    nc_inq_varid(ncid, "U", &v);
    nc_put_att_text(ncid, v, "units", 4, "km/h");
    nc_enddef(ncid);
    nc_close(ncid);
  }
  TF_EXPECT((s = wrf_files_open(one, 1, &e)) != NULL);
  {
    tf_grid *g = NULL;
    TF_EXPECT((g = wrf_grid_create(s, 1, &e)) != NULL);
    tf_met *m = g ? met_create(g, &e) : NULL;
    TF_EXPECT(m && wrf_read_met(s, 0, m, &e) == TF_EFORMAT);
    TF_EXPECT_MSG(contains(e.msg, "km/h") && contains(e.msg, "variable U"), "%s", e.msg);
    printf("bad units: %s\n", e.msg);
    met_destroy(&m);
    grid_destroy(&g);
    wrf_files_close(&s);
  }

  /* two files: gap, overlap, continuation */
  const char *two[2] = {p1, p2};
  make(sample, dir, "a.nc", NULL, 0, p1, sizeof p1);
  make(sample, dir, "b.nc", NULL, 0, p2, sizeof p2);
  set_times(p2, "2005-09-21_15:00:00", 3.0);   /* a ends 09:00, b should start 12:00 */
  TF_EXPECT(!(s = wrf_files_open(two, 2, &e)) && e.code == TF_EFORMAT);
  TF_EXPECT_MSG(contains(e.msg, "a.nc") && contains(e.msg, "b.nc") && contains(e.msg, "2005-09-21_09:00:00") &&
                contains(e.msg, "2005-09-21_15:00:00") && contains(e.msg, "gap"), "%s", e.msg);
  printf("gap: %s\n", e.msg);
  set_times(p2, "2005-09-21_06:00:00", 3.0);
  TF_EXPECT(!(s = wrf_files_open(two, 2, &e)) && e.code == TF_EFORMAT);
  TF_EXPECT_MSG(contains(e.msg, "overlap"), "%s", e.msg);
  printf("overlap: %s\n", e.msg);
  set_times(p2, "2005-09-21_12:00:00", 3.0);
  const char *rev[2] = {p2, p1};               /* given out of order: sorted by time */
  TF_EXPECT((s = wrf_files_open(rev, 2, &e)) != NULL);
  if (s) {
    TF_EXPECT(wrf_ntimes(s) == 8);
    int itf;
    const char *fp = wrf_frame_file(s, 4, &itf);
    TF_EXPECT(fp && contains(fp, "b.nc") && itf == 0);
    tf_grid *g = NULL;
    TF_EXPECT((g = wrf_grid_create(s, 0, &e)) != NULL);
    tf_met *m = met_create(g, &e);
    /* frame 4 = b.nc frame 0 holds the same accumulation as a.nc frame 0 (< frame 3):
     * the decrease is detected, the forward interval used, a warning recorded */
    TF_EXPECT(wrf_read_met(s, 4, m, &e) == TF_OK);
    double rmin = 1e9;
    for (size_t c = 0; c < g->n2; c++) rmin = fmin(rmin, m->rain_mmh[c]);
    tf_check_ge("rain_rate_across_reset_min", rmin, 0.0);
    TF_EXPECT(wrf_warning_count(s) >= 1);
    for (int i = 0; i < wrf_warning_count(s); i++) printf("warning: %s\n", wrf_warning(s, i));
    met_destroy(&m);
    grid_destroy(&g);
    wrf_files_close(&s);
  }

  /* fallbacks */
  const char *gone[] = {"PBLH", "UST", "HFX", "CLDFRA", "T2"};
  make(sample, dir, "fallback.nc", gone, 5, p1, sizeof p1);
  TF_EXPECT((s = wrf_files_open(one, 1, &e)) != NULL);
  if (s) {
    tf_grid *g = NULL;
    TF_EXPECT((g = wrf_grid_create(s, 0, &e)) != NULL);
    tf_met *m = met_create(g, &e);
    int f = 3; /* 09 UTC = ~15 h local solar time at 87E: convective boundary layer */
    TF_EXPECT_MSG(wrf_read_met(s, f, m, &e) == TF_OK, "%s", e.msg);
    TF_EXPECT(wrf_warning_count(s) == 5);
    for (int i = 0; i < wrf_warning_count(s); i++) printf("warning: %s\n", wrf_warning(s, i));
    int ncid, v;
    nc_open(sample, NC_NOWRITE, &ncid);
    float pblh[80], ust[80];
    nc_inq_varid(ncid, "PBLH", &v);
    nc_get_vara_float(ncid, v, (size_t[]){f, 0, 0}, (size_t[]){1, 8, 10}, pblh);
    nc_inq_varid(ncid, "UST", &v);
    nc_get_vara_float(ncid, v, (size_t[]){f, 0, 0}, (size_t[]){1, 8, 10}, ust);
    nc_close(ncid);
    double mp = 0, mw = 0, mu = 0, mwu = 0, cmax = 0, hmax = 0;
    for (int j = 0; j < 8; j++)
      for (int i = 0; i < 10; i++) {
        size_t c = grid_idx2(g, i, j);
        mp += m->pblh_m[c] / 80; mw += pblh[j * 10 + i] / 80.0;
        mu += m->ust_ms[c] / 80; mwu += ust[j * 10 + i] / 80.0;
        hmax = fmax(hmax, fabs(m->hfx_wm2[c]));
      }
    for (size_t c = 0; c < g->n3; c++) cmax = fmax(cmax, m->cldfra[c]);
    /* Reference: WRF's MYJ PBLH / UST of the same frame; the fallbacks are cruder
     * (bulk Ri, neutral log law), so only agreement within a factor ~2 is required. */
    tf_check_rel("fallback_pblh_mean_vs_wrf_m", mp, mw, 0.5);
    tf_check_rel("fallback_ust_mean_vs_wrf_ms", mu, mwu, 0.5);
    tf_check("fallback_hfx_max", hmax, 0.0, 0.0);
    tf_check("fallback_cldfra_max", cmax, 0.0, 0.0);
    met_destroy(&m);
    grid_destroy(&g);
    wrf_files_close(&s);
  }
  /* cropped domain: pretend the sample is a crop of a 201x201 parent centred on the mass
   * point that is the sample's cell (2, 1); the reader must find the offset (98, 99) */
  {
    tf_proj p = {.map_proj = TF_PROJ_LAMBERT, .truelat1 = 30.0, .truelat2 = 35.0, .stand_lon = 87.0,
                 .cen_lat = 30.0, .cen_lon = 87.0, .dx_m = 30000.0, .dy_m = 30000.0, .nx = 10, .ny = 8};
    TF_EXPECT(proj_init(&p, &e) == TF_OK);
    double clat, clon;
    proj_ij_to_ll(&p, 2.0, 1.0, &clat, &clon);
    for (int variant = 0; variant < 2; variant++) {
      make(sample, dir, variant ? "badproj.nc" : "crop.nc", NULL, 0, p1, sizeof p1);
      int ncid;
      nc_open(p1, NC_WRITE, &ncid);
      nc_redef(ncid);
      int dim = 202;
      /* variant 1: attributes that match nothing (CEN_LON off by 0.13 deg) */
      double lon_att = variant ? clon + 0.13 : clon;
      nc_put_att_double(ncid, NC_GLOBAL, "CEN_LAT", NC_FLOAT, 1, &clat);
      nc_put_att_double(ncid, NC_GLOBAL, "CEN_LON", NC_FLOAT, 1, &lon_att);
      nc_put_att_int(ncid, NC_GLOBAL, "WEST-EAST_GRID_DIMENSION", NC_INT, 1, &dim);
      nc_put_att_int(ncid, NC_GLOBAL, "SOUTH-NORTH_GRID_DIMENSION", NC_INT, 1, &dim);
      nc_enddef(ncid);
      float xlat[80], xlon[80];
      int v;
      nc_inq_varid(ncid, "XLAT", &v);
      nc_get_var_float(ncid, v, xlat);
      nc_inq_varid(ncid, "XLONG", &v);
      nc_get_var_float(ncid, v, xlon);
      nc_close(ncid);
      TF_EXPECT((s = wrf_files_open(one, 1, &e)) != NULL);
      tf_grid *g = NULL;
      TF_EXPECT_MSG(s && (g = wrf_grid_create(s, 1, &e)) != NULL, "%s", e.msg);
      if (!g) break;
      double dmax = 0.0;
      for (int j = 0; j < 8; j++)
        for (int i = 0; i < 10; i++) {
          size_t c = grid_idx2(g, i, j);
          dmax = fmax(dmax, fmax(fabs(g->lat[c] - xlat[j * 10 + i]), fabs(g->lon[c] - xlon[j * 10 + i])));
        }
      tf_check_le(variant ? "badproj_latlon_from_file_maxdiff_deg" : "crop_proj_vs_XLAT_XLONG_maxdiff_deg", dmax,
                  variant ? 1e-6 : 2e-4);
      const char *want = variant ? "disagree with XLAT/XLONG" : "first cell is (98, 99)";
      int found = 0;
      for (int i = 0; i < wrf_warning_count(s); i++) {
        printf("warning: %s\n", wrf_warning(s, i));
        found |= strstr(wrf_warning(s, i), want) != NULL;
      }
      TF_EXPECT_MSG(found, "no warning containing '%s'", want);
      grid_destroy(&g);
      wrf_files_close(&s);
    }
  }
  return tf_test_exit();
}
