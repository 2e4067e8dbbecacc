/* test_driver.c — the time loop: step count, operator order, met time interpolation
 * (linear between frames: exact for a field linear in time), hourly hooks, and errors
 * (run outside the met period, step not dividing the hour). */
#include "tf_test.h"
#include "model/driver/driver.h"
#include <math.h>
#include <string.h>

#define T0 1660089600.0 /* 2022-08-10T00:00:00Z */

static double ftime(void *u, int i) { (void)u; return T0 + 3600.0 * i; }
static int fread_(void *u, int i, tf_met *m, tf_err *e)
{
  (void)u; (void)e;
  m->time_s = ftime(u, i);
  for (size_t c = 0; c < m->g->n3; c++) m->t_k[c] = 280.0 + 2.0 * i; /* 2 K per hour */
  return 0;
}

typedef struct { int calls; double last_t0; int order_ok; double tmid_err; char seen[8]; } probe;
static int op_a(void *self, drv_ctx *run, double t0, double dt, tf_err *e)
{
  (void)e;
  probe *p = self;
  p->calls++;
  p->last_t0 = t0;
  p->seen[0] = 'a';
  /* temperature at the mid-point must be the linear interpolation */
  double expect = 280.0 + 2.0 * ((t0 + 0.5 * dt) - T0) / 3600.0;
  double err = fabs(run->met_mid->t_k[0] - expect);
  if (err > p->tmid_err) p->tmid_err = err;
  for (size_t c = 0; c < run->g->n3; c++) run->st->c[c] += 1.0;
  return 0;
}
static int op_b(void *self, drv_ctx *run, double t0, double dt, tf_err *e)
{
  (void)run; (void)t0; (void)dt; (void)e;
  probe *p = self;
  if (p->seen[0] != 'a') p->order_ok = 0;
  p->seen[0] = 'b';
  return 0;
}
static int hours;
static int after(void *u, drv_ctx *run, double t, int whole, tf_err *e)
{
  (void)u; (void)run; (void)e;
  if (whole) { hours++; TF_EXPECT(fmod(t, 3600.0) == 0.0); }
  return 0;
}

int main(void)
{
  tf_err e;
  tf_grid *g = grid_create(4, 3, 2, 1, &e);
  const char *names[] = {"X"};
  tf_state *st = state_create(g, 1, names, &e);
  TF_EXPECT(drv_create(g, st, 7.0, &e) == NULL && strstr(e.msg, "divide the hour"));
  drv_ctx *d = drv_create(g, st, 600.0, &e);
  probe p = {0};
  p.order_ok = 1;
  drv_op a = {"a", &p, op_a, NULL}, b = {"b", &p, op_b, NULL};
  drv_add_op(d, &a, &e);
  drv_add_op(d, &b, &e);
  drv_hooks h = {NULL, 4, ftime, fread_, after};
  TF_EXPECT(drv_run(d, &h, T0, T0 + 3 * 3600.0, &e) == 0);
  TF_EXPECT(p.calls == 18 && d->nsteps == 18 && hours == 3 && p.order_ok);
  tf_check("met_interp_mid_err", p.tmid_err, 0.0, 1e-10);
  tf_check("state_increments", st->c[grid_idx3(g, 0, 0, 0)], 18.0, 0.0);
  /* beyond the last frame: error naming the period */
  TF_EXPECT(drv_run(d, &h, T0 + 3 * 3600.0, T0 + 4 * 3600.0, &e) != 0 && strstr(e.msg, "outside the met period"));
  drv_destroy(&d);
  TF_EXPECT(d == NULL);
  state_destroy(&st);
  grid_destroy(&g);
  return tf_test_exit();
}
