/* cmd_cycle.c — `tianfu cycle CONFIG [--date YYYY-MM-DD]`: one day of the forecast cycle
 * (cycle.c). */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cycle.h"

static void cycle_usage(FILE *f)
{
  fprintf(f, "usage: tianfu cycle CONFIG [--date YYYY-MM-DD] [--force] [--publish DIR] [--threads N]\n"
             "                           [--progress auto|on|off]\n"
             "The forecast of one Beijing day (default: today in Beijing time) as the nightly cycle runs it,\n"
             "from CONFIG's [cycle] section: it starts at start_hour_utc of the day before, runs length_h hours\n"
             "on the wrfout files wrf_pattern names (all their times must be there), warm-starts from\n"
             "yesterday's restart (publish_dir/<yesterday>/restart_<start>.nc; without it a cold start and\n"
             "a bulletin note), makes the bulletin and publishes publish_dir/YYYYMMDD by one rename, then\n"
             "moves publish_dir/latest to the newest day and removes days older than keep_days.\n"
             "publish_dir/.cycle.lock keeps a second cycle out. An interrupted cycle leaves only\n"
             "publish_dir/.tmp-YYYYMMDD, removed by the next cycle, which redoes the day.\n"
             "--force      redo a day that is already published (else: nothing to do, exit 0)\n"
             "--publish    publish into DIR instead of [cycle] publish_dir\n");
}

int cmd_cycle(int argc, char **argv)
{
  if (cli_wants_help(argc, argv)) { cycle_usage(stdout); return 0; }
  cycle_opts o = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--date") && i + 1 < argc) o.date = argv[++i];
    else if (!strcmp(a, "--force")) o.force = 1;
    else if (!strcmp(a, "--publish") && i + 1 < argc) o.ov.publish_dir = argv[++i];
    else if (!strcmp(a, "--threads") && i + 1 < argc) o.ov.threads = argv[++i];
    else if (!strcmp(a, "--progress") && i + 1 < argc) o.ov.progress = argv[++i];
    else if (a[0] == '-' || o.config) {
      fprintf(stderr, "tianfu cycle: %s '%s'\n", a[0] == '-' ? "unknown option or missing value" : "more than one CONFIG", a);
      cycle_usage(stderr);
      return 2;
    } else o.config = a;
  }
  if (!o.config) { cycle_usage(stderr); return 2; }
  tf_err err;
  tf_err_clear(&err);
  if (cycle_run(&o, &err)) {
    fprintf(stderr, "tianfu cycle: %s\n", err.msg);
    return 1;
  }
  return 0;
}
