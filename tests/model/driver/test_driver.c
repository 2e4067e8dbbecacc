/* test_driver.c — the time loop: step count, operator order, met time interpolation
 * (linear between frames: exact for a field linear in time), hourly hooks, errors (run
 * outside the met frames, step not dividing the hour), products declared between
 * operators (a consumer before its producer is refused; optional use without a producer
 * gives NULL; a product is produced once) and the budget collector (what operators report
 * adds up per channel and species until zeroed). */
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
  double err = fabs(drv_met_mid(run)->t_k[0] - expect);
  if (err > p->tmid_err) p->tmid_err = err;
  tf_state *st = drv_state(run);
  for (size_t c = 0; c < drv_grid(run)->n3; c++) st->c[c] += 1.0;
  /* produce: the product array exists because this operator declared it */
  double *f = drv_product_array(run, DRV_SURFACE_FLUX);
  if (f) f[0] = t0;
  drv_budget_channel(run, DRV_BUD_EMITTED)[0] += 2.0;
  return 0;
}
static int op_b(void *self, drv_ctx *run, double t0, double dt, tf_err *e)
{
  (void)run; (void)t0; (void)dt; (void)e;
  probe *p = self;
  if (p->seen[0] != 'a') p->order_ok = 0;
  p->seen[0] = 'b';
  /* consume what a produced in this step; the optional velocity has no producer */
  double *f = drv_product_array(run, DRV_SURFACE_FLUX);
  if (!f || f[0] != t0 || drv_product_array(run, DRV_DEP_VELOCITY) != NULL) p->order_ok = 0;
  drv_budget_channel(run, DRV_BUD_CHEMISTRY)[0] -= 0.5;
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
  drv_op_def a = {.name = "a", .self = &p, .step = op_a, .produces = DRV_PRODUCT(DRV_SURFACE_FLUX)};
  drv_op_def b = {.name = "b", .self = &p, .step = op_b, .consumes = DRV_PRODUCT(DRV_SURFACE_FLUX),
                  .uses = DRV_PRODUCT(DRV_DEP_VELOCITY)};
  /* a consumer before its producer is refused, naming the operator and the product */
  TF_EXPECT(drv_add_op(d, &b, &e) == NULL && strstr(e.msg, "'b' needs the emission surface flux"));
  TF_EXPECT(drv_nops(d) == 0);
  TF_EXPECT(!drv_product_wanted(d, DRV_SURFACE_FLUX));
  drv_op *ha = drv_add_op(d, &a, &e);
  TF_EXPECT(ha != NULL && drv_product_array(d, DRV_SURFACE_FLUX) != NULL && drv_product_array(d, DRV_DEP_VELOCITY) == NULL);
  /* a second producer of the same product is refused */
  TF_EXPECT(drv_add_op(d, &a, &e) == NULL && strstr(e.msg, "already produces"));
  drv_op *hb = drv_add_op(d, &b, &e);
  TF_EXPECT(hb != NULL && drv_nops(d) == 2 && drv_op_at(d, 1) == hb && !strcmp(drv_op_name(ha), "a"));
  TF_EXPECT(drv_product_wanted(d, DRV_SURFACE_FLUX) && drv_product_wanted(d, DRV_DEP_VELOCITY));
  drv_hooks h = {.nframes = 4, .frame_time = ftime, .frame_read = fread_, .after_step = after};
  TF_EXPECT(drv_run(d, &h, T0, T0 + 3 * 3600.0, &e) == 0);
  TF_EXPECT(p.calls == 18 && drv_nsteps(d) == 18 && hours == 3 && p.order_ok);
  /* budget collector: 18 steps x 2 emitted, x -0.5 chemistry, nothing elsewhere */
  tf_check("budget_emitted_sum", drv_budget_read(d, DRV_BUD_EMITTED)[0], 36.0, 0.0);
  tf_check("budget_chemistry_sum", drv_budget_read(d, DRV_BUD_CHEMISTRY)[0], -9.0, 0.0);
  tf_check("budget_dry_dep_untouched", drv_budget_read(d, DRV_BUD_DRY_DEP)[0], 0.0, 0.0);
  drv_budget_zero(d);
  tf_check("budget_zeroed", drv_budget_read(d, DRV_BUD_EMITTED)[0], 0.0, 0.0);
  TF_EXPECT(drv_op_wall_s(ha) >= 0.0 && drv_dt(d) == 600.0);
  tf_check("met_interp_mid_err", p.tmid_err, 0.0, 1e-10);
  tf_check("state_increments", st->c[grid_idx3(g, 0, 0, 0)], 18.0, 0.0);
  /* beyond the last frame: error naming the period */
  TF_EXPECT(drv_run(d, &h, T0 + 3 * 3600.0, T0 + 4 * 3600.0, &e) != 0 && strstr(e.msg, "met frames: time") && strstr(e.msg, "is outside the period"));
  drv_destroy(&d);
  TF_EXPECT(d == NULL);
  state_destroy(&st);
  grid_destroy(&g);
  return tf_test_exit();
}
