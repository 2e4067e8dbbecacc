/* run_bcfile.c — initial and lateral boundary conditions of a forecast run from a NetCDF
 * file on the run's grid ([boundary] initial = file / lateral = file, [boundary] file),
 * typically a parent run's hourly output with `[output] fields_3d = on`.
 *
 * Method: the file is opened and checked by io/netcdf/bc_file.c; mechanism species found in
 * it (as <SP>_3d or <SP>, ppb) are taken from it, the others keep the clean-background
 * profiles (model/surface/bcon.c). Fields at a time t are the linear interpolation in time
 * between the two bracketing file records (exact when t is a record time).
 * Initial state: every stored cell (owned + halo) at t_start. Lateral: the advection
 * operator calls run_bc_lateral at every step's start time (its provider, op_adv_add), which
 * blends the two bracketing records into the halo cells outside the domain
 * (bcon_blend_lateral); the two records are cached and re-read only when the bracket moves.
 * The values depend only on t and the file, so a restarted run reproduces the continuous
 * run bit for bit. */
#include <stdlib.h>
#include <string.h>
#include "datadir.h"
#include "io/netcdf/bc_file.h"
#include "model/core/tf_time.h"
#include "run_ctx.h"

struct run_bc {
  tfnc_bcfile *f;
  const tf_grid *g;
  int initial, lateral;   /* 1 if taken from the file */
  int nfile;              /* species of the state found in the file */
  int *sp;                /* [nfile] state indices */
  const char **names;     /* [nfile] species names (the state's) */
  double *rec[2];         /* cached records, nfile * n3 each (lateral) */
  int have[2];            /* file record index in each slot, -1 = empty */
};

void run_bc_free(run_bc **pb)
{
  if (!pb || !*pb) return;
  run_bc *b = *pb;
  tfnc_bc_close(&b->f);
  free(b->sp);
  free(b->names);
  free(b->rec[0]);
  free(b->rec[1]);
  free(b);
  *pb = NULL;
}

/* Is [t0, t1] inside the file's period? Error names both periods. */
static int covers(const run_bc *b, double t0, double t1, const char *what, tf_err *err)
{
  int n = tfnc_bc_ntimes(b->f);
  double f0 = tfnc_bc_time(b->f, 0), f1 = tfnc_bc_time(b->f, n - 1);
  if (t0 >= f0 && t1 <= f1) return TF_OK;
  char a[32], c[32], d[32], e[32];
  tf_time_format(t0, a, 0);
  tf_time_format(t1, c, 0);
  tf_time_format(f0, d, 0);
  tf_time_format(f1, e, 0);
  if (t0 == t1)
    return tf_err_set(err, TF_EINVAL, "%s: %s needs fields at %s, the file covers %s .. %s (%d records)",
                      tfnc_bc_path(b->f), what, a, d, e, n);
  return tf_err_set(err, TF_EINVAL, "%s: %s needs fields for the run %s .. %s, the file covers %s .. %s (%d records)",
                    tfnc_bc_path(b->f), what, a, c, d, e, n);
}

int run_bc_setup(run_ctx *r, tf_err *err)
{
  int ini = r->cfg->boundary.initial == RC_BC_FILE;
  int lat = r->cfg->boundary.lateral == RC_BC_FILE;
  if (!ini && !lat) return TF_OK;
  const char *path = r->cfg->boundary.file;
  if (!path) return tf_err_set(err, TF_EINVAL, "initial or lateral = file needs [boundary] file = PATH");
  if (!tf_file_exists(path)) return tf_err_set(err, TF_EIO, "file not found: %s", path);
  run_bc *b = tf_calloc(1, sizeof *b, err);
  if (!b) return err->code;
  r->bcf = b;
  b->g = r->g;
  b->initial = ini;
  b->lateral = lat;
  b->have[0] = b->have[1] = -1;
  int rc = tfnc_bc_open(path, r->g, &b->f, err);
  if (rc) return rc;
  int ns = r->st->nspec;
  b->sp = tf_calloc((size_t)ns, sizeof *b->sp, err);
  b->names = tf_calloc((size_t)ns, sizeof *b->names, err);
  if (!b->sp || !b->names) return err->code;
  for (int s = 0; s < ns; s++) {
    int h = tfnc_bc_has_species(b->f, r->st->names[s], err);
    if (h < 0) return err->code;
    if (h) {
      b->sp[b->nfile] = s;
      b->names[b->nfile++] = r->st->names[s];
    }
  }
  if (b->nfile == 0)
    return tf_err_set(err, TF_EINVAL, "%s: expected fields of the mechanism's species (e.g. O3_3d or O3, ppb, "
                      "dims (time, lev, y, x)), found none of the %d", path, ns);
  if (ini && (rc = covers(b, r->t_start, r->t_start, "initial = file", err))) return rc;
  if (lat && (rc = covers(b, r->t_start, r->t_end, "lateral = file", err))) return rc;
  return TF_OK;
}

int run_bc_initial(run_ctx *r, tf_err *err)
{
  run_bc *b = r->bcf;
  if (!b || !b->initial) return TF_OK;
  int i;
  double w;
  int rc = tfnc_bc_bracket(b->f, r->t_start, &i, &w, err);
  double *tmp = NULL;
  if (!rc && w > 0.0) {
    tmp = tf_calloc(b->g->n3, sizeof(double), err);
    if (!tmp) rc = err->code;
  }
  for (int q = 0; !rc && q < b->nfile; q++) {
    double *c = state_spec(r->st, b->sp[q]);
    rc = tfnc_bc_read(b->f, b->names[q], i, c, err);
    if (!rc && w > 0.0) {
      rc = tfnc_bc_read(b->f, b->names[q], i + 1, tmp, err);
      for (size_t n = 0; !rc && n < b->g->n3; n++) c[n] = (1.0 - w) * c[n] + w * tmp[n];
    }
  }
  free(tmp);
  return rc ? tf_err_prefix(err, "initial state from [boundary] file") : TF_OK;
}

/* Slot holding file record rec, reading it into the slot not holding `keep` if needed. */
static int load_record(run_bc *b, int rec, int keep, int *slot, tf_err *err)
{
  for (int s = 0; s < 2; s++)
    if (b->have[s] == rec) { *slot = s; return TF_OK; }
  int s = b->have[0] == keep ? 1 : 0;
  size_t n3 = b->g->n3;
  if (!b->rec[s]) {
    b->rec[s] = tf_calloc((size_t)b->nfile * n3, sizeof(double), err);
    if (!b->rec[s]) return err->code;
  }
  b->have[s] = -1;
  for (int q = 0; q < b->nfile; q++) {
    int rc = tfnc_bc_read(b->f, b->names[q], rec, b->rec[s] + (size_t)q * n3, err);
    if (rc) return rc;
  }
  b->have[s] = rec;
  *slot = s;
  return TF_OK;
}

int run_bc_lateral(void *user, double t, tf_state *st, tf_err *err)
{
  run_bc *b = user;
  int i, sa, sb;
  double w;
  int rc = tfnc_bc_bracket(b->f, t, &i, &w, err);
  if (!rc) rc = load_record(b, i, w > 0.0 ? i + 1 : -2, &sa, err);
  sb = sa;
  if (!rc && w > 0.0) rc = load_record(b, i + 1, i, &sb, err);
  if (rc) return tf_err_prefix(err, "lateral boundary from [boundary] file");
  size_t n3 = b->g->n3;
  for (int q = 0; q < b->nfile; q++)
    bcon_blend_lateral(b->g, b->rec[sa] + (size_t)q * n3, b->rec[sb] + (size_t)q * n3, w,
                       state_spec(st, b->sp[q]));
  return TF_OK;
}

void run_bc_summary(const run_ctx *r, FILE *f)
{
  const run_bc *b = r->bcf;
  fprintf(f, "boundary   initial: %s, lateral: %s", run_config_word(RCK_BC_INITIAL, (int)r->cfg->boundary.initial),
          run_config_word(RCK_BC_LATERAL, (int)r->cfg->boundary.lateral));
  if (!b) {
    fprintf(f, " (clean-background profiles)\n");
    return;
  }
  int n = tfnc_bc_ntimes(b->f);
  char a[32], c[32];
  tf_time_format(tfnc_bc_time(b->f, 0), a, 0);
  tf_time_format(tfnc_bc_time(b->f, n - 1), c, 0);
  fprintf(f, "; %d of %d species from the file, the rest from the profiles\n", b->nfile, r->st->nspec);
  fprintf(f, "           %s (%d records, %s .. %s):", tfnc_bc_path(b->f), n, a, c);
  for (int q = 0; q < b->nfile; q++) fprintf(f, " %s", b->names[q]);
  fprintf(f, "\n");
}
