/* synth.c — assemble the built-in Sichuan case: domain (synth_domain), hourly WRF files
 * (synth_met + synth_wrfout, one file per 24 h, frames at 0..H h), emissions (synth_emis)
 * and run.ini, then print a summary (grid, files, sizes, emission totals vs the Zhou et
 * al. 2019 targets, mass-consistency residual, wall time). */
#include "app/synth/synth.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "app/synth/synth_domain.h"
#include "app/synth/synth_emis.h"
#include "app/synth/synth_met.h"
#include "app/synth/synth_wrfout.h"
#include "model/core/tf_time.h"

void synth_opts_default(synth_opts *o)
{
  memset(o, 0, sizeof *o);
  o->res_km = 27.0;
  o->hours = 72;
  o->seed = 1;
  o->compress = 0;
}

static int make_dir(const char *path, tf_err *err)
{
  char buf[4096];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(buf, 0777) && errno != EEXIST) return tf_err_set(err, TF_EIO, "cannot create directory %s: %s", buf, strerror(errno));
    *p = '/';
  }
  if (mkdir(buf, 0777) && errno != EEXIST) return tf_err_set(err, TF_EIO, "cannot create directory %s: %s", buf, strerror(errno));
  return TF_OK;
}

static double file_size(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 ? (double)st.st_size : 0.0;
}

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int write_run_ini(const char *path, const char *start_iso, int hours, tf_err *err)
{
  FILE *f = fopen(path, "w");
  if (!f) return tf_err_set(err, TF_EIO, "%s: cannot create", path);
  fprintf(f,
          "; Tianfu built-in Sichuan case (made by `tianfu synth`): August 2022 heat-wave episode.\n"
          "; Paths are relative to this file's folder.\n"
          "[run]\n"
          "start = %s\n"
          "hours = %d\n"
          "timestep_s = 600\n"
          "output_dir = output\n"
          "restart_interval_h = 24\n"
          "restart_from =\n"
          "progress = auto\n"
          "[met]\n"
          "files = met/wrfout_d01_*\n"
          "[chemistry]\n"
          "mechanism = cb05\n"
          "solver = rodas3\n"
          "rtol = 1e-3\n"
          "atol_ppb = 1e-3\n"
          "photolysis = solar\n"
          "[emissions]\n"
          "gridded = emis/emissions.nc\n"
          "points = emis/points.csv\n"
          "biogenic = on\n"
          "speciation =\n"
          "[transport]\n"
          "advection = ppm\n"
          "vertical_mixing = acm2\n"
          "dry_deposition = on\n"
          "wet_scavenging = off\n"
          "[boundary]\n"
          "initial = profile\n"
          "lateral = profile\n"
          "file =\n"
          "[output]\n"
          "species = O3 NO NO2 CO SO2 FORM PAN ISOP\n"
          "fields_3d = off\n"
          "cities = builtin\n",
          start_iso, hours);
  int bad = ferror(f);
  if (fclose(f) || bad) return tf_err_set(err, TF_EIO, "%s: write failed", path);
  return TF_OK;
}

static int write_met(const synth_opts *o, const synth_domain *d, double t0, FILE *log, synth_report *rep,
                     tf_err *err)
{
  synth_wrfout *w = NULL;
  synth_met *m = synth_met_create(d, o->seed, t0, err);
  if (!m) return err->code;
  int rc = TF_OK;
  char path[4096];
  for (int h = 0; h <= o->hours; h++) {
    double t = t0 + 3600.0 * h;
    if (h % 24 == 0) {
      if (w && (rc = synth_wrfout_close(&w, err))) goto done;
      char ts[32];
      tf_time_format(t, ts, 1);
      snprintf(path, sizeof path, "%s/met/wrfout_d01_%s", o->out_dir, ts);
      if ((rc = synth_wrfout_open(&w, path, m, t0, o->compress, err))) goto done;
      rep->nfiles++;
      if (log) { fprintf(log, "  writing %s\n", path); fflush(log); }
    }
    if ((rc = synth_met_compute(m, t, err))) goto done;
    if ((rc = synth_wrfout_write(w, m, err))) goto done;
    rep->nframes++;
    rep->max_div_resid_rel = fmax(rep->max_div_resid_rel, m->div_resid_rel);
    rep->max_proj_corr_ms = fmax(rep->max_proj_corr_ms, m->proj_max_corr_ms);
  }
  rc = synth_wrfout_close(&w, err);
done:
  if (w) synth_wrfout_close(&w, NULL);
  synth_met_destroy(&m);
  return rc;
}

static double dir_bytes(const char *out_dir, double t0, int hours)
{
  double s = 0.0;
  for (int h = 0; h <= hours; h += 24) {
    char ts[32], path[4096];
    tf_time_format(t0 + 3600.0 * h, ts, 1);
    snprintf(path, sizeof path, "%s/met/wrfout_d01_%s", out_dir, ts);
    s += file_size(path);
  }
  return s;
}

int synth_run(const synth_opts *o, FILE *log, synth_report *rep, tf_err *err)
{
  double t_start = now_s();
  memset(rep, 0, sizeof *rep);
  if (!o->out_dir || !*o->out_dir) return tf_err_set(err, TF_EINVAL, "synth: --out DIR is required");
  if (!o->data_dir) return tf_err_set(err, TF_EINVAL, "synth: no data directory");
  if (o->hours < 1 || o->hours > 744) return tf_err_set(err, TF_EINVAL, "synth: --hours must be in 1..744, found %d", o->hours);
  char path[4096], sub[4096];
  int rc;
  snprintf(sub, sizeof sub, "%s/met", o->out_dir);
  if ((rc = make_dir(sub, err))) return rc;
  snprintf(sub, sizeof sub, "%s/emis", o->out_dir);
  if ((rc = make_dir(sub, err))) return rc;
  double t0;
  if ((rc = tf_time_parse(SYNTH_DEFAULT_START, &t0, err))) return rc;

  synth_domain *d = NULL;
  snprintf(sub, sizeof sub, "%s/sichuan", o->data_dir);
  if ((rc = synth_domain_create(&d, sub, o->res_km, o->seed, err))) return tf_err_prefix(err, "synth: data folder %s", sub);
  const tf_grid *g = d->g;
  rep->nx = g->nx; rep->ny = g->ny; rep->nz = g->nz;
  rep->dx_km = g->dx_m * 1e-3; rep->cen_lat = g->proj.cen_lat; rep->cen_lon = g->proj.cen_lon;
  if (log) {
    double lat0 = 90, lat1 = -90, lon0 = 360, lon1 = -360, hmax = 0;
    int nbasin = 0, nurban = 0;
    for (size_t c = 0; c < g->n2; c++) {
      lat0 = fmin(lat0, g->lat[c]); lat1 = fmax(lat1, g->lat[c]);
      lon0 = fmin(lon0, g->lon[c]); lon1 = fmax(lon1, g->lon[c]);
      hmax = fmax(hmax, g->hgt_m[c]);
      nbasin += d->basin[c];
      nurban += g->landuse[c] == TF_LU_URBAN;
    }
    fprintf(log, "tianfu synth: Sichuan August-2022 heat-wave case, seed %llu\n", (unsigned long long)o->seed);
    fprintf(log, "  grid: Lambert %g/%g N, stand_lon %g E, centre %.4f N %.4f E; %d x %d x %d cells at %g km "
                 "(%.2f-%.2f N, %.2f-%.2f E); P_TOP %.0f Pa\n",
            g->proj.truelat1, g->proj.truelat2, g->proj.stand_lon, g->proj.cen_lat, g->proj.cen_lon,
            g->nx, g->ny, g->nz, rep->dx_km, lat0, lat1, lon0, lon1, g->ptop_pa);
    fprintf(log, "  terrain: ETOPO5 bilinear + %d x 1-2-1 smoothing, max %.0f m; basin cells %d, urban cells %d\n",
            d->smooth_passes, hmax, nbasin, nurban);
    fflush(log);
  }
  if ((rc = write_met(o, d, t0, log, rep, err))) goto done;
  rep->met_bytes = dir_bytes(o->out_dir, t0, o->hours);

  synth_emis_summary es;
  char csv[4096];
  snprintf(path, sizeof path, "%s/emis/emissions.nc", o->out_dir);
  snprintf(csv, sizeof csv, "%s/emis/points.csv", o->out_dir);
  if ((rc = synth_emis_write(d, o->seed, path, csv, &es, err))) goto done;
  rep->npoints = es.npoints;
  for (int r = 0; r < SYNTH_NREGION; r++)
    for (int q = 0; q < SYNTH_NSPEC; q++) { rep->emis_gg[r][q] = es.gg[r][q]; rep->target_gg[r][q] = es.target_gg[r][q]; }
  rep->emis_bytes = file_size(path) + file_size(csv);

  char iso[32];
  tf_time_format(t0, iso, 0);
  snprintf(path, sizeof path, "%s/run.ini", o->out_dir);
  if ((rc = write_run_ini(path, iso, o->hours, err))) goto done;
  rep->wall_s = now_s() - t_start;
  if (log) {
    fprintf(log, "  met: %d files, %d hourly frames from %s, %.1f MB; max column mass-divergence residual %.2e "
                 "(relative to the mean column face flux) after a projection changing winds by <= %.2f m/s\n",
            rep->nfiles, rep->nframes, iso, rep->met_bytes / 1e6, rep->max_div_resid_rel, rep->max_proj_corr_ms);
    fprintf(log, "  emissions: emis/emissions.nc + emis/points.csv (%d point sources), %.2f MB\n", es.npoints,
            rep->emis_bytes / 1e6);
    fprintf(log, "  totals (Gg/yr, gridded + points)      NOX     NMVOC        CO       SO2       NH3\n");
    static const char *const rn[SYNTH_NREGION] = {"rest of domain", "Sichuan", "Chongqing"};
    static const int order[SYNTH_NREGION] = {SYNTH_REG_SICHUAN, SYNTH_REG_CHONGQING, SYNTH_REG_OTHER};
    for (int q = 0; q < SYNTH_NREGION; q++) {
      int r = order[q];
      fprintf(log, "    %-16s case    ", rn[r]);
      for (int s = 0; s < SYNTH_NSPEC; s++) fprintf(log, "%10.1f", es.gg[r][s]);
      fprintf(log, "\n    %-16s target  ", "");
      for (int s = 0; s < SYNTH_NSPEC; s++) fprintf(log, "%10.1f", es.target_gg[r][s]);
      fprintf(log, "\n");
    }
    fprintf(log, "    (Sichuan target: Zhou et al. 2019, J. Atmos. Chem. 76, 21; Chongqing = Sichuan x population "
                 "ratio %.3f; rest = 0.3 x Sichuan areal density)\n", d->pop_chongqing / d->pop_sichuan);
    fprintf(log, "  run.ini written; case in %s (%.1f s wall)\n", o->out_dir, rep->wall_s);
  }
done:
  synth_domain_destroy(&d);
  return rc;
}
