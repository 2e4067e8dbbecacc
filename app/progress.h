/* progress.h — one self-overwriting progress line on stderr:
 *   2022-08-11T06:00:00Z  41.7%  sim 48.2 h/wall-min  ETA 0:01:02
 * Quiet when stderr is not a terminal, unless forced on ("progress = on"). */
#ifndef TF_PROGRESS_H
#define TF_PROGRESS_H
typedef struct tf_progress {
  int enabled, tty;
  double t_start, t_end;  /* simulated, s since epoch */
  double wall0, last_print;
} tf_progress;
/* mode: 0 auto, 1 on, 2 off */
void progress_init(tf_progress *p, int mode, double t_start, double t_end);
void progress_update(tf_progress *p, double t_now);
void progress_done(tf_progress *p);
double progress_wall_now(void);
#endif
