/* run.h — a forecast run wired from a config: inputs -> model -> outputs.
 * Used by `tianfu run`, `tianfu check` (setup only) and `tianfu bench forecast`. */
#ifndef TF_RUN_H
#define TF_RUN_H
#include "io/config/run_config.h"
#include "model/core/tf_error.h"
#include "model/surface/emissions.h"

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
/* Several emission scenarios over the same met in one process (run_members.c): the
 * engine of `tianfu scenario FILE` (and `tianfu run CONFIG --member ...`). */
typedef struct run_member {
  const char *name;                /* its output folder <output_dir>/<name>/ (letters, digits, _ - .) */
  int nrules;
  const emis_scale_rule *rules;    /* the member's COMPLETE scaling list (the config's own
                                    * [emissions] scale is not added: prepend it if wanted) */
  const char *restart_from;        /* NULL: DIR/<name>/FILE when the config restarts from DIR/FILE */
} run_member;
/* Run the base config o with nmember members (member 0 by convention the baseline).
 * Member m's outputs equal those of `tianfu run` of the config with [emissions] scale =
 * member m's rules, bit for bit. rep: wall time, per-operator times, peak memory of the
 * whole run; rep->output_path is the output folder holding the members' folders. */
int run_members(const run_opts *o, int nmember, const run_member *members, run_report *rep, tf_err *err);
/* Peak resident set size of this process so far, MB (getrusage). */
double run_peak_rss_mb(void);
#endif
