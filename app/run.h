/* run.h — a forecast run wired from a config: inputs -> model -> outputs.
 * Used by `tianfu run`, `tianfu check` (setup only) and `tianfu bench forecast`. */
#ifndef TF_RUN_H
#define TF_RUN_H
#include "io/config/run_config.h"
#include "model/core/tf_error.h"

#define RUN_MAX_OPS 16

typedef struct run_opts {
  const char *config;       /* run.ini path */
  int check_only;           /* validate every input, print the summary, do not run */
  rc_overrides ov;          /* --hours, --threads, --output, --progress (validated like the file) */
  int quiet;                /* no city table / summary on stdout */
} run_opts;

typedef struct run_report {
  long cells;               /* owned grid cells (nx*ny*nz) */
  int nspec;                /* transported species */
  int threads;
  double sim_hours, wall_s;
  int nops;
  const char *op_name[RUN_MAX_OPS];
  double op_wall_s[RUN_MAX_OPS];
  double met_wall_s, out_wall_s, setup_wall_s;
  double peak_rss_mb;
  char output_path[1024];
} run_report;

int run_forecast(const run_opts *o, run_report *rep, tf_err *err);
/* Peak resident set size of this process so far, MB (getrusage). */
double run_peak_rss_mb(void);
#endif
