/* cycle.h — the daily forecast cycle (`tianfu cycle CONFIG [--date YYYY-MM-DD]`).
 *
 * The forecast of Beijing day D starts at [cycle] start_hour_utc of day D-1 (UTC) and runs
 * [cycle] length_h hours on the wrfout files [cycle] wrf_pattern names (cycle_met.c). It
 * warm-starts from publish_dir/<D-1>/restart_<start>.nc, the restart yesterday's cycle wrote
 * at +24 h, or, without it, starts cold and tells the bulletin ("spin-up: first day less
 * reliable"). Products and bulletin are built in publish_dir/.tmp-YYYYMMDD, which is renamed
 * to publish_dir/YYYYMMDD when complete; then the `latest` link moves to the newest day
 * (symlink + rename) and days older than keep_days are removed. publish_dir/.cycle.lock
 * (fcntl lock; holder PID, host, start time) keeps a second cycle out; a cycle killed
 * half-way leaves only its .tmp- folder, which the next cycle removes before redoing the
 * day. */
#ifndef TF_CYCLE_H
#define TF_CYCLE_H
#include "io/config/run_config.h"
#include "model/core/tf_error.h"

typedef struct cycle_opts {
  const char *config; /* run config with a [cycle] section */
  const char *date;   /* Beijing day YYYY-MM-DD; NULL = today in Beijing time */
  rc_overrides ov;    /* --threads, --progress, --publish (validated like the file) */
  int force;          /* redo a day that is already published (replaced by one rename) */
} cycle_opts;

int cycle_run(const cycle_opts *o, tf_err *err);

/* The wrfout files holding the met of [t0, t1] (s since 1970 UTC) from a file-name pattern
 * with strftime fields of each file's first time (UTC): the last file starting at or before
 * t0 (looked for up to 31 days back, hour by hour) and every file starting in (t0, t1].
 * Their frames must cover [t0, t1] at the files' own interval: otherwise TF_EIO naming
 * every missing time (as ranges) in one message. *paths (n entries, sorted by name) are
 * freed with cycle_met_free. */
int cycle_met_files(const char *pattern, double t0, double t1, char ***paths, int *n, tf_err *err);
void cycle_met_free(char **paths, int n);
#endif
