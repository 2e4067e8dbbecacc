/* progress.c — see progress.h. */
#include "progress.h"
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "model/core/tf_time.h"

double progress_wall_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void progress_init(tf_progress *p, int mode, double t_start, double t_end)
{
  p->tty = isatty(fileno(stderr));
  p->enabled = mode == 1 || (mode == 0 && p->tty);
  p->t_start = t_start;
  p->t_end = t_end;
  p->wall0 = progress_wall_now();
  p->last_print = -1e9;
}

void progress_update(tf_progress *p, double t_now)
{
  if (!p->enabled) return;
  double w = progress_wall_now();
  /* a terminal gets ~4 updates/s; a log file one line per simulated hour at most 1/min */
  if (p->tty ? w - p->last_print < 0.25 : w - p->last_print < 60.0) return;
  p->last_print = w;
  double done = (t_now - p->t_start) / (p->t_end - p->t_start);
  double el = w - p->wall0;
  double rate = el > 0 ? (t_now - p->t_start) / 3600.0 / (el / 60.0) : 0.0;
  double eta = done > 0 ? el * (1.0 - done) / done : 0.0;
  char ts[32];
  tf_time_format(t_now, ts, 0);
  long e = (long)(eta + 0.5);
  fprintf(stderr, "%s%s  %5.1f%%  sim %.1f h/wall-min  ETA %ld:%02ld:%02ld%s", p->tty ? "\r" : "", ts,
          100.0 * done, rate, e / 3600, (e / 60) % 60, e % 60, p->tty ? "   " : "\n");
  fflush(stderr);
}

void progress_done(tf_progress *p)
{
  if (p->enabled && p->tty) fputc('\n', stderr);
}
