/* cycle.c — one day of the forecast cycle (see cycle.h): the lock, the window and its met
 * files, warm or cold start, the run into a temporary folder, the bulletin, the publication
 * by rename, the `latest` link and the removal of old days. */
#include "cycle.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "io/csv/atomic_file.h"
#include "model/core/tf_time.h"
#include "run.h"
#include "bulletin.h"

#define LOCK_NAME ".cycle.lock"
#define TMP_PREFIX ".tmp-"
#define COLD_NOTE "spin-up: first day less reliable"

/* "YYYY-MM-DD" -> days since 1970-01-01; refused unless a real date in that form. */
static int parse_date(const char *s, long *z, tf_err *err)
{
  int y, m, d, len = 0;
  if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &len) != 3 || len != 10 || s[len] || s[4] != '-' || s[7] != '-')
    return tf_err_set(err, TF_EINVAL, "--date: expected a Beijing date YYYY-MM-DD, found '%s'", s);
  *z = tf_days_from_civil(y, m, d);
  int y2, m2, d2;
  tf_civil_from_days(*z, &y2, &m2, &d2);
  if (y2 != y || m2 != m || d2 != d) return tf_err_set(err, TF_EINVAL, "--date: %s is not a date", s);
  return TF_OK;
}

static void day_name(long z, char buf[16])
{
  int y, m, d;
  tf_civil_from_days(z, &y, &m, &d);
  snprintf(buf, 16, "%04d%02d%02d", y % 10000, m, d);
}

/* A published day's folder name "YYYYMMDD" -> its day number; -1 for any other name. */
static long day_of_name(const char *s)
{
  int y, m, d, len = 0;
  if (strlen(s) != 8 || sscanf(s, "%4d%2d%2d%n", &y, &m, &d, &len) != 3 || len != 8) return -1;
  long z = tf_days_from_civil(y, m, d);
  char back[16];
  day_name(z, back);
  return strcmp(back, s) ? -1 : z;
}

/* ------------------------------------------------------------------ the lock */

/* Take publish_dir/.cycle.lock (fcntl write lock, released by the kernel when the process
 * ends however it ends) and write the holder into it. A held lock is refused naming the
 * holder as its file says. */
static int lock_take(const char *dir, int *fd_out, tf_err *err)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/" LOCK_NAME, dir);
  int fd = open(path, O_RDWR | O_CREAT, 0644);
  if (fd < 0) return tf_err_set(err, TF_EIO, "cannot open the lock %s: %s", path, strerror(errno));
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
  if (fcntl(fd, F_SETLK, &fl) != 0) {
    int e = errno;
    char holder[512] = "";
    ssize_t n = pread(fd, holder, sizeof holder - 1, 0);
    close(fd);
    holder[n > 0 ? n : 0] = '\0';
    holder[strcspn(holder, "\n")] = '\0';
    if (e != EACCES && e != EAGAIN) return tf_err_set(err, TF_EIO, "cannot lock %s: %s", path, strerror(e));
    return tf_err_set(err, TF_EIO, "another cycle is running: %s (lock %s); wait for it or end that process",
                      holder[0] ? holder : "holder unknown", path);
  }
  char host[256] = "?", now[32], line[512];
  gethostname(host, sizeof host);
  host[sizeof host - 1] = '\0';
  tf_time_format((double)time(NULL), now, 0);
  int len = snprintf(line, sizeof line, "PID %ld on %s since %s\n", (long)getpid(), host, now);
  if (ftruncate(fd, 0) != 0 || pwrite(fd, line, (size_t)len, 0) != len) {
    close(fd);
    return tf_err_set(err, TF_EIO, "cannot write the lock %s", path);
  }
  *fd_out = fd;
  return TF_OK;
}

/* ------------------------------------------------------------------ the publish folder */

/* Remove the .tmp- folders of interrupted cycles (under the lock, so none is running). */
static int remove_unfinished(const char *dir, tf_err *err)
{
  DIR *d = opendir(dir);
  if (!d) return tf_err_set(err, TF_EIO, "cannot read %s: %s", dir, strerror(errno));
  int rc = TF_OK;
  char path[4400];
  for (struct dirent *e; !rc && (e = readdir(d));) {
    if (strncmp(e->d_name, TMP_PREFIX, strlen(TMP_PREFIX))) continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    fprintf(stderr, "tianfu cycle: removing %s (left by an interrupted cycle)\n", path);
    rc = tfio_remove_tree(path, err);
  }
  closedir(d);
  return rc;
}

/* The newest published day (-1: none); with keep_days > 0, remove the days older than
 * newest - keep_days + 1. */
static long published_days(const char *dir, int keep_days, tf_err *err)
{
  long newest = -1;
  for (int pass = 0; pass < 2; pass++) {
    DIR *d = opendir(dir);
    if (!d) return tf_err_set(err, TF_EIO, "cannot read %s: %s", dir, strerror(errno)), -2;
    for (struct dirent *e; (e = readdir(d));) {
      long z = day_of_name(e->d_name);
      if (z < 0) continue;
      if (pass == 0 && z > newest) newest = z;
      if (pass == 1 && z < newest - keep_days + 1) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (tfio_remove_tree(path, err)) { closedir(d); return -2; }
        printf("removed    %s (older than %d days)\n", path, keep_days);
      }
    }
    closedir(d);
    if (keep_days <= 0 || newest < 0) break;
  }
  return newest;
}

/* tmp -> final by rename; a day published before (--force) is swapped out first. */
static int publish(const char *dir, const char *tmp, const char *final, const char *day, tf_err *err)
{
  char old[4400];
  struct stat st;
  int had = stat(final, &st) == 0;
  snprintf(old, sizeof old, "%s/" TMP_PREFIX "old-%s", dir, day);
  if (had && rename(final, old) != 0)
    return tf_err_set(err, TF_EIO, "cannot move %s aside: %s", final, strerror(errno));
  if (rename(tmp, final) != 0) {
    int e = errno;
    if (had) rename(old, final);
    return tf_err_set(err, TF_EIO, "cannot rename %s to %s: %s", tmp, final, strerror(e));
  }
  return had ? tfio_remove_tree(old, err) : TF_OK;
}

/* cycle.txt: what the day was made from (no wall-clock times, so a redone day is
 * identical). */
static int write_manifest(const char *tmp, const char *date, const char *start, int hours, const char *restart,
                          char *const *met, int nmet, const char *const *notes, int nnotes, tf_err *err)
{
  char final[4420], partial[4440];
  snprintf(final, sizeof final, "%s/cycle.txt", tmp);
  FILE *f = tfio_fopen_partial(final, partial, sizeof partial, err);
  if (!f) return err->code;
  fprintf(f, "date = %s\nstart = %s\nhours = %d\nstart_from = %s\n", date, start, hours,
          restart ? restart : "cold (profiles)");
  for (int i = 0; i < nmet; i++) fprintf(f, "met = %s\n", met[i]);
  for (int i = 0; i < nnotes; i++) fprintf(f, "note = %s\n", notes[i]);
  return tfio_fclose_commit(f, partial, final, err);
}

/* ------------------------------------------------------------------ the day */

/* Checks of a config for cycling, each naming its key. */
static int check_config(const run_config *c, tf_err *err)
{
  if (!c->cycle.wrf_pattern) {
    tf_err_set(err, TF_EINVAL, "unset: tianfu cycle finds each day's met files by this pattern");
    return run_config_key_err(c, RCK_CYC_WRF_PATTERN, err);
  }
  if (c->run.restart_from) {
    tf_err_set(err, TF_EINVAL, "set: tianfu cycle starts from yesterday's restart itself; remove the key");
    return run_config_key_err(c, RCK_RUN_RESTART_FROM, err);
  }
  int ri = c->run.restart_interval_h;
  if (c->cycle.length_h != 24 && (ri <= 0 || 24 % ri != 0)) {
    tf_err_set(err, TF_EINVAL, "the next day's cycle starts from the restart at +24 h: expected a divisor of 24 "
                               "(24, 12, 6, ...), found %d", ri);
    return run_config_key_err(c, RCK_RUN_RESTART_INTERVAL, err);
  }
  if (c->cycle.bulletin_builtin) {
    tf_err_set(err, TF_EINVAL, "expected builtin or a path (e.g. ./%s), found '%s'", c->cycle.bulletin,
               c->cycle.bulletin);
    return run_config_key_err(c, RCK_CYC_BULLETIN, err);
  }
  return TF_OK;
}

/* The run of the day into tmp (met files, start, restart), then manifest and bulletin. */
static int make_day(const cycle_opts *o, const run_config *c, const char *tmp, const char *date, double t0,
                    char *const *met, int nmet, const char *restart, tf_err *err)
{
  const char *notes[1];
  int nnotes = 0;
  if (!restart) notes[nnotes++] = COLD_NOTE;
  size_t len = 1;
  for (int i = 0; i < nmet; i++) len += strlen(met[i]) + 1;
  char *files = malloc(len), start[32], hours[16];
  if (!files) return tf_err_set(err, TF_ENOMEM, "out of memory");
  files[0] = '\0';
  for (int i = 0; i < nmet; i++) strcat(strcat(files, i ? " " : ""), met[i]);
  tf_time_format(t0, start, 0);
  snprintf(hours, sizeof hours, "%d", c->cycle.length_h);
  run_opts ro = {.config = o->config, .ov = o->ov};
  ro.ov.hours = hours;
  ro.ov.output_dir = tmp;
  ro.ov.start = start;
  ro.ov.restart_from = restart;
  ro.ov.met_files = files;
  run_report rep;
  int rc = tfio_mkdir_p(tmp, err);
  if (!rc) rc = run_forecast(&ro, &rep, err);
  free(files);
  if (!rc) rc = write_manifest(tmp, date, start, c->cycle.length_h, restart, met, nmet, notes, nnotes, err);
  if (!rc && (rc = bulletin_make(tmp, c->cycle.bulletin, notes, nnotes, stdout, err))) tf_err_prefix(err, "bulletin");
  return rc;
}

static int cycle_day(const cycle_opts *o, const run_config *c, long z, int *lock_fd, tf_err *err)
{
  const char *pub = c->cycle.publish_dir;
  char day[16], yday[16], date[16], tmp[4400], final[4400], restart[4500], ts[32];
  day_name(z, day);
  day_name(z - 1, yday);
  snprintf(date, sizeof date, "%.4s-%.2s-%.2s", day, day + 4, day + 6);
  int rc = tfio_mkdir_p(pub, err);
  if (rc) return run_config_key_err(c, RCK_CYC_PUBLISH_DIR, err);
  if ((rc = lock_take(pub, lock_fd, err)) || (rc = remove_unfinished(pub, err))) return rc;
  snprintf(final, sizeof final, "%s/%s", pub, day);
  snprintf(tmp, sizeof tmp, "%s/" TMP_PREFIX "%s", pub, day);
  struct stat st;
  if (!o->force && stat(final, &st) == 0) {
    printf("cycle      %s is already published in %s (--force redoes it)\n", date, final);
    return TF_OK;
  }
  /* the window and its met */
  double t0 = (double)(z - 1) * 86400.0 + c->cycle.start_hour_utc * 3600.0;
  char **met = NULL;
  int nmet = 0;
  if ((rc = cycle_met_files(c->cycle.wrf_pattern, t0, t0 + c->cycle.length_h * 3600.0, &met, &nmet, err)))
    return run_config_key_err(c, RCK_CYC_WRF_PATTERN, err);
  /* warm start from yesterday's +24 h restart, or cold */
  tf_time_format(t0, ts, 0);
  snprintf(restart, sizeof restart, "%s/%s/restart_%.4s%.2s%.2sT%.2sZ.nc", pub, yday, ts, ts + 5, ts + 8, ts + 11);
  int warm = stat(restart, &st) == 0;
  printf("cycle      %s: %d h from %s, %s\n", date, c->cycle.length_h, ts, warm ? "warm start" : "COLD start");
  if (warm) printf("           from %s\n", restart);
  else
    fprintf(stderr, "tianfu cycle: warning: no %s (yesterday's cycle): cold start from the profiles; "
                    "the bulletin says: " COLD_NOTE "\n", restart);
  rc = make_day(o, c, tmp, date, t0, met, nmet, warm ? restart : NULL, err);
  cycle_met_free(met, nmet);
  if (!rc) rc = publish(pub, tmp, final, day, err);
  if (rc) return rc;
  long newest = published_days(pub, c->cycle.keep_days, err);
  if (newest < -1) return err->code;
  char latest[4400], newest_name[16];
  day_name(newest, newest_name);
  snprintf(latest, sizeof latest, "%s/latest", pub);
  if ((rc = tfio_symlink_swap(newest_name, latest, err))) return rc;
  printf("published  %s (latest -> %s)\n", final, newest_name);
  return TF_OK;
}

int cycle_run(const cycle_opts *o, tf_err *err)
{
  long z = 0;
  if (o->date) {
    if (parse_date(o->date, &z, err)) return err->code;
  } else {
    z = (long)((time(NULL) + TF_BEIJING_OFFSET_S) / 86400); /* today in Beijing */
  }
  run_config *c = run_config_load(o->config, &o->ov, err);
  if (!c) return err->code;
  int lock_fd = -1, rc = check_config(c, err);
  if (!rc) rc = cycle_day(o, c, z, &lock_fd, err);
  if (lock_fd >= 0) close(lock_fd); /* releases the lock; the file stays with the last holder */
  run_config_destroy(&c);
  return rc;
}
