/* cmd_bench.c — `tianfu bench chem|forecast|scenario`: performance benchmarks (not tests).
 * forecast: the standard case (12 km, whole domain; made by synth if absent) for 6
 * simulated hours on 1 thread and on all cores; prints µs per cell-hour in total and per
 * operator, simulated hours per wall hour, peak memory and the parallel efficiency.
 * scenario: the baseline + 4 emission members in one process (run_members) against the
 * same 5 runs one after the other (run_forecast of configs with those [emissions] scale
 * rules), 27 km case, 24 h, on 1 thread and on all cores. Each run is a forked child, so
 * its wall time (measured by the parent, setup included) and its peak RSS (the child's
 * ru_maxrss from wait4) are its own. */
#define _DEFAULT_SOURCE /* wait4 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "io/config/run_config.h"
#include "cli.h"
#include "run.h"

int bench_chem(int argc, char **argv);

/* The options of a forecast-type benchmark (--resolution-km, --hours, --case) and its case:
 * dir (the case folder) and cfg (its run.ini), made by `tianfu synth` when missing.
 * Returns 0, 2 for a bad option, 1 when synth fails. */
static int bench_case(const char *what, int argc, char **argv, int *res, double *hours, char *dir, size_t ndir,
                      char *cfg, size_t ncfg)
{
  const char *case_dir = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--resolution-km") && i + 1 < argc) *res = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--hours") && i + 1 < argc) *hours = atof(argv[++i]);
    else if (!strcmp(argv[i], "--case") && i + 1 < argc) case_dir = argv[++i];
    else {
      fprintf(stderr, "tianfu bench %s: unknown option '%s'\n", what, argv[i]);
      return 2;
    }
  }
  if (case_dir) snprintf(dir, ndir, "%s", case_dir);
  else snprintf(dir, ndir, "%s/cases/bench-%dkm", TIANFU_SOURCE_DIR, *res);
  snprintf(cfg, ncfg, "%s/run.ini", dir);
  struct stat st;
  if (stat(cfg, &st) != 0) {
    char r[16], h[16];
    snprintf(r, sizeof r, "%d", *res);
    snprintf(h, sizeof h, "%d", (int)(*hours + 0.999));
    char *sargv[] = {"synth", "--out", dir, "--resolution-km", r, "--hours", h, NULL};
    if (cmd_synth(7, sargv) != 0) return 1;
  }
  return 0;
}

static int bench_forecast(int argc, char **argv)
{
  int res = 12;
  double hours = 6.0;
  char dir[1024], cfg[1200];
  int u = bench_case("forecast", argc, argv, &res, &hours, dir, sizeof dir, cfg, sizeof cfg);
  if (u) return u;
  int maxt = omp_get_num_procs();
  int tlist[2] = {1, maxt};
  int nt = maxt > 1 ? 2 : 1;
  double us1 = 0.0;
  char summary[2][512];
  for (int k = 0; k < nt; k++) {
    run_opts o = {0};
    o.config = cfg;
    char thr[16], hrs[32], outdir[1300];
    snprintf(thr, sizeof thr, "%d", tlist[k]);
    snprintf(hrs, sizeof hrs, "%g", hours);
    snprintf(outdir, sizeof outdir, "%s/bench-output-%dt", dir, tlist[k]);
    o.ov = (rc_overrides){.threads = thr, .hours = hrs, .output_dir = outdir, .progress = "off"};
    o.quiet = 1;
    run_report rep;
    tf_err err;
    tf_err_clear(&err);
    if (run_forecast(&o, &rep, &err)) {
      fprintf(stderr, "tianfu bench forecast: %s\n", err.msg);
      return 1;
    }
    double ch = (double)rep.cells * rep.sim_hours;
    double us = rep.wall_s * 1e6 / ch;
    if (k == 0) us1 = us;
    printf("== forecast benchmark: %d thread(s), %ld cells x %d species, %.0f simulated hours\n",
           rep.threads, rep.cells, rep.nspec, rep.sim_hours);
    printf("   wall %.2f s (setup %.2f s), %.1f simulated hours per wall hour, peak RSS %.0f MB\n",
           rep.wall_s, rep.setup_wall_s, rep.sim_hours / (rep.wall_s / 3600.0), rep.peak_rss_mb);
    printf("   %-18s %10s %8s\n", "operator", "us/cell-h", "share");
    for (int i = 0; i < rep.nops; i++)
      printf("   %-18s %10.2f %7.1f%%\n", rep.op_name[i], rep.op_wall_s[i] * 1e6 / ch, 100.0 * rep.op_wall_s[i] / rep.wall_s);
    printf("   %-18s %10.2f %7.1f%%\n", "met input", rep.met_wall_s * 1e6 / ch, 100.0 * rep.met_wall_s / rep.wall_s);
    printf("   %-18s %10.2f %7.1f%%\n", "output (I/O)", rep.out_wall_s * 1e6 / ch, 100.0 * rep.out_wall_s / rep.wall_s);
    if (k > 0) printf("   parallel efficiency %.0f%% (speed-up %.2f on %d threads)\n", 100.0 * us1 / us / rep.threads, us1 / us, rep.threads);
    snprintf(summary[k], sizeof summary[k],
             "bench=forecast threads=%d cells=%ld species=%d us_per_cell_hour=%.2f sim_hours_per_wall_hour=%.1f peak_rss_mb=%.0f",
             rep.threads, rep.cells, rep.nspec, us, rep.sim_hours / (rep.wall_s / 3600.0), rep.peak_rss_mb);
  }
  for (int k = 0; k < nt; k++) printf("%s\n", summary[k]);
  return 0;
}

/* ---- bench scenario ---- */

/* The members: baseline and four reductions by inventory pollutant and sector. */
enum { SC_NMEM = 5 };
static const char *const sc_name[SC_NMEM] = {"baseline", "nox30", "voc30", "both30", "industry_nox50"};
static const char *const sc_items[SC_NMEM] = {"", "NOX=0.7", "NMVOC=0.7", "NOX=0.7 NMVOC=0.7", "industry:NOX=0.5"};

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The rules of member m (items parsed with the config grammar); returns the count. */
static int sc_rules(int m, rc_scale *sc, emis_scale_rule *ru)
{
  char buf[128];
  snprintf(buf, sizeof buf, "%s", sc_items[m]);
  int n = 0;
  tf_err err;
  tf_err_clear(&err);
  for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "))
    if (!rc_scale_parse(t, &sc[n], &err)) n++;
  for (int i = 0; i < n; i++) ru[i] = (emis_scale_rule){.sector = sc[i].sector, .species = sc[i].species, .factor = sc[i].factor};
  return n;
}

/* cfg with "scale = items" added under [emissions], written to out. */
static int sc_write_config(const char *cfg, const char *items, const char *out)
{
  FILE *in = fopen(cfg, "r"), *o = fopen(out, "w");
  if (!in || !o) {
    if (in) fclose(in);
    if (o) fclose(o);
    return 1;
  }
  char line[4096];
  while (fgets(line, sizeof line, in)) {
    fputs(line, o);
    if (!strncmp(line, "[emissions]", 11) && items[0]) fprintf(o, "scale = %s\n", items);
  }
  fclose(in);
  return fclose(o) != 0;
}

/* Run one job in a child: kind 0 = all members in one process, kind 1 = member m alone.
 * *wall_s and *rss_mb are the child's. */
static int sc_job(const char *cfg, const char *dir, int threads, double hours, int kind, int m, double *wall_s,
                  double *rss_mb)
{
  fflush(stdout);
  double t0 = now_s();
  pid_t pid = fork();
  if (pid < 0) return 1;
  if (pid == 0) {
    char thr[16], hrs[32], outdir[1300], cfgm[1300];
    snprintf(thr, sizeof thr, "%d", threads);
    snprintf(hrs, sizeof hrs, "%g", hours);
    run_opts o = {.config = cfg, .quiet = 1};
    run_report rep;
    tf_err err;
    tf_err_clear(&err);
    int rc;
    if (kind == 0) {
      snprintf(outdir, sizeof outdir, "%s/bench-scenario-%dt/members", dir, threads);
      o.ov = (rc_overrides){.threads = thr, .hours = hrs, .output_dir = outdir, .progress = "off"};
      rc_scale sc[SC_NMEM][4];
      emis_scale_rule ru[SC_NMEM][4];
      run_member mem[SC_NMEM];
      for (int k = 0; k < SC_NMEM; k++) {
        int n = sc_rules(k, sc[k], ru[k]);
        mem[k] = (run_member){.name = sc_name[k], .nrules = n, .rules = ru[k]};
      }
      rc = run_members(&o, SC_NMEM, mem, &rep, &err);
    } else {
      snprintf(outdir, sizeof outdir, "%s/bench-scenario-%dt/alone/%s", dir, threads, sc_name[m]);
      snprintf(cfgm, sizeof cfgm, "%s/bench-scenario-%s.ini", dir, sc_name[m]);
      o.config = cfgm;
      o.ov = (rc_overrides){.threads = thr, .hours = hrs, .output_dir = outdir, .progress = "off"};
      rc = run_forecast(&o, &rep, &err);
    }
    if (rc) fprintf(stderr, "tianfu bench scenario: %s\n", err.msg);
    fflush(stdout);
    _exit(rc ? 1 : 0);
  }
  int status = 0;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
  *wall_s = now_s() - t0;
  *rss_mb = ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
  return 0;
}

static int bench_scenario(int argc, char **argv)
{
  int res = 27;
  double hours = 24.0;
  char dir[1024], cfg[1200];
  int u = bench_case("scenario", argc, argv, &res, &hours, dir, sizeof dir, cfg, sizeof cfg);
  if (u) return u;
  for (int m = 0; m < SC_NMEM; m++) {
    char cfgm[1300];
    snprintf(cfgm, sizeof cfgm, "%s/bench-scenario-%s.ini", dir, sc_name[m]);
    if (sc_write_config(cfg, sc_items[m], cfgm)) {
      fprintf(stderr, "tianfu bench scenario: cannot write %s\n", cfgm);
      return 1;
    }
  }
  int maxt = omp_get_num_procs();
  int tlist[2] = {1, maxt}, nt = maxt > 1 ? 2 : 1;
  char summary[2][512];
  printf("== scenario benchmark: %s, %d members (", cfg, SC_NMEM);
  for (int m = 0; m < SC_NMEM; m++) printf("%s%s%s%s", m ? ", " : "", sc_name[m], sc_items[m][0] ? " " : "", sc_items[m]);
  printf("), %.0f simulated hours\n", hours);
  for (int k = 0; k < nt; k++) {
    double wm, rm, ws = 0.0, rmax = 0.0, rsum = 0.0;
    if (sc_job(cfg, dir, tlist[k], hours, 0, 0, &wm, &rm)) return 1;
    printf("   %d thread(s): members in one process  wall %8.1f s  peak RSS %7.0f MB\n", tlist[k], wm, rm);
    for (int m = 0; m < SC_NMEM; m++) {
      double w, r;
      if (sc_job(cfg, dir, tlist[k], hours, 1, m, &w, &r)) return 1;
      printf("   %d thread(s): %-16s alone    wall %8.1f s  peak RSS %7.0f MB\n", tlist[k], sc_name[m], w, r);
      ws += w;
      rsum += r;
      if (r > rmax) rmax = r;
    }
    printf("   %d thread(s): 5 separate runs: wall %.1f s one after the other; peak RSS %.0f MB each at most, "
           "%.0f MB if run at once\n", tlist[k], ws, rmax, rsum);
    printf("   ratio members/separate: wall %.3f, peak RSS %.2f of one run, %.2f of five at once\n", wm / ws, rm / rmax,
           rm / rsum);
    snprintf(summary[k], sizeof summary[k],
             "bench=scenario threads=%d members=%d hours=%g wall_members_s=%.1f wall_separate_s=%.1f wall_ratio=%.3f "
             "rss_members_mb=%.0f rss_one_run_mb=%.0f rss_five_at_once_mb=%.0f",
             tlist[k], SC_NMEM, hours, wm, ws, wm / ws, rm, rmax, rsum);
  }
  for (int k = 0; k < nt; k++) printf("%s\n", summary[k]);
  return 0;
}

int cmd_bench(int argc, char **argv)
{
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    printf("usage: tianfu bench chem [--box CONFIG]\n"
           "       tianfu bench forecast [--resolution-km R] [--hours H] [--case DIR]\n"
           "       tianfu bench scenario [--resolution-km R] [--hours H] [--case DIR]  (default 27 km, 24 h)\n"
           "Performance benchmarks; each ends with one `bench=... threads=N ...` line per thread count.\n");
    return argc < 2 ? 2 : 0;
  }
  if (!strcmp(argv[1], "chem")) return bench_chem(argc - 1, argv + 1);
  if (!strcmp(argv[1], "forecast")) return bench_forecast(argc - 1, argv + 1);
  if (!strcmp(argv[1], "scenario")) return bench_scenario(argc - 1, argv + 1);
  fprintf(stderr, "tianfu bench: unknown benchmark '%s' (chem | forecast | scenario)\n", argv[1]);
  return 2;
}
