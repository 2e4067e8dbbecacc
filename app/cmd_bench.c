/* cmd_bench.c — `tianfu bench chem|forecast`: performance benchmarks (not tests).
 * forecast: the standard case (12 km, whole domain; made by synth if absent) for 6
 * simulated hours on 1 thread and on all cores; prints µs per cell-hour in total and per
 * operator, simulated hours per wall hour, peak memory and the parallel efficiency. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "run.h"

int bench_chem(int argc, char **argv);

static int bench_forecast(int argc, char **argv)
{
  int res = 12;
  double hours = 6.0;
  const char *case_dir = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--resolution-km") && i + 1 < argc) res = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--hours") && i + 1 < argc) hours = atof(argv[++i]);
    else if (!strcmp(argv[i], "--case") && i + 1 < argc) case_dir = argv[++i];
    else {
      fprintf(stderr, "tianfu bench forecast: unknown option '%s'\n", argv[i]);
      return 2;
    }
  }
  char dir[1024], cfg[1200];
  if (case_dir) snprintf(dir, sizeof dir, "%s", case_dir);
  else snprintf(dir, sizeof dir, "%s/cases/bench-%dkm", TIANFU_SOURCE_DIR, res);
  snprintf(cfg, sizeof cfg, "%s/run.ini", dir);
  struct stat st;
  if (stat(cfg, &st) != 0) {
    char r[16], h[16];
    snprintf(r, sizeof r, "%d", res);
    snprintf(h, sizeof h, "%d", (int)(hours + 0.999));
    char *sargv[] = {"synth", "--out", dir, "--resolution-km", r, "--hours", h, NULL};
    if (cmd_synth(7, sargv) != 0) return 1;
  }
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

int cmd_bench(int argc, char **argv)
{
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    printf("usage: tianfu bench chem [--box CONFIG]\n"
           "       tianfu bench forecast [--resolution-km R] [--hours H] [--case DIR]\n"
           "Performance benchmarks; each ends with one `bench=... threads=N ...` line per thread count.\n");
    return argc < 2 ? 2 : 0;
  }
  if (!strcmp(argv[1], "chem")) return bench_chem(argc - 1, argv + 1);
  if (!strcmp(argv[1], "forecast")) return bench_forecast(argc - 1, argv + 1);
  fprintf(stderr, "tianfu bench: unknown benchmark '%s' (chem | forecast)\n", argv[1]);
  return 2;
}
