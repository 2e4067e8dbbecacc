/* test_transport_wrf.c — advection and vertical mixing driven by a real WRF file.
 *
 * Data: tests/data/wrf/wrfout_sample_lambert_tibet.nc (10x8x27, Lambert conformal,
 * 4 frames). Between consecutive frames (one
 * synchronisation step of the frame interval, met linearly interpolated by adv_step):
 *  - constancy: q == 1 (lateral bc 1) stays 1 to round-off with WRF's own winds, mu, map
 *    factors (docs/physics-references.md §1.3 constancy diagnostic, here on real met);
 *  - the tracer budget closes to round-off: mol(end) - mol(start) = lateral + lid inflow
 *    (+ emission - deposition for the mixed tracer);
 *  - reported: sub-steps and the continuity residual through the lid relative to the
 *    domain air mass (how far WRF's hourly snapshots are from mass consistency). */
#include "tf_test.h"
#include "model/core/tf_const.h"
#include "model/transport/advection.h"
#include "model/transport/vdiff.h"
#include "io/netcdf/wrf_reader.h"
#include <math.h>
#include <stdlib.h>

int main(void)
{
  char path[1024];
  if (!tf_test_data("wrf/wrfout_sample_lambert_tibet.nc", path, sizeof path)) return tf_test_exit();
  tf_err err = {0};
  wrf_set *ws = NULL;
  const char *paths[1] = {path};
  if (!(ws = wrf_files_open(paths, 1, &err))) { fprintf(stderr, "%s\n", err.msg); return 1; }
  tf_grid *g = NULL;
  if (!(g = wrf_grid_create(ws, 3, &err))) { fprintf(stderr, "%s\n", err.msg); return 1; }
  tf_met *m0 = met_create(g, &err), *m1 = met_create(g, &err);
  const char *names[2] = {"ONE", "TRACER"};
  tf_state *st = state_create(g, 2, names, &err);
  adv_ctx *a = adv_create(g, 2, &err);
  vdiff_ctx *v = vdiff_create(g, 2, VDIFF_ACM2, &err);
  adv_budget *ab = adv_budget_create(2, &err);
  vdiff_budget *vb = vdiff_budget_create(2, &err);
  double *bc = malloc(2 * (size_t)g->nz * sizeof *bc);
  double *sf = calloc(2 * g->n2, sizeof *sf), *vd = calloc(2 * g->n2, sizeof *vd);
  for (int k = 0; k < g->nz; k++) { bc[k] = 1.0; bc[g->nz + k] = 40.0 + k; }
  for (size_t c = 0; c < g->n2; c++) { sf[g->n2 + c] = 0.02; vd[g->n2 + c] = 0.004; }
  for (int k = 0; k < g->nz; k++)
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) {
        size_t c = grid_idx3(g, i, j, k);
        st->c[c] = 1.0;
        st->c[g->n3 + c] = 30.0 + 10.0 * sin(0.7 * i) * cos(0.5 * j) + 0.5 * k;
      }
  int nt = wrf_ntimes(ws);
  double dt = wrf_dt(ws);
  TF_EXPECT(wrf_read_met(ws, 0, m0, &err) == TF_OK);
  double mol0[2], mol1[2], air0 = 0, air1 = 0;
  for (int s = 0; s < 2; s++) mol0[s] = adv_species_mol(g, m0, state_spec(st, s));
  for (int k = 0; k < g->nz; k++)
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) air0 += adv_cell_air_kg(g, m0, i, j, k);
  int nsubmax = 0, nvmax = 0;
  for (int it = 0; it + 1 < nt; it++) {
    TF_EXPECT(wrf_read_met(ws, it + 1, m1, &err) == TF_OK);
    int rc = adv_step(a, st, m0, m1, dt, bc, ab, &err);
    if (rc) { fprintf(stderr, "adv_step: %s\n", err.msg); TF_EXPECT(rc == TF_OK); break; }
    if (ab->nsub_h > nsubmax) nsubmax = ab->nsub_h;
    if (ab->nsub_v_max > nvmax) nvmax = ab->nsub_v_max;
    TF_EXPECT(vdiff_step(v, st, m1, dt, sf, vd, vb, &err) == TF_OK);
    met_copy(m0, m1);
  }
  for (int s = 0; s < 2; s++) mol1[s] = adv_species_mol(g, m0, state_spec(st, s));
  for (int k = 0; k < g->nz; k++)
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) air1 += adv_cell_air_kg(g, m0, i, j, k);
  printf("WRF sample: %dx%dx%d, %d frames, dt %.0f s; max h-substeps %d, max v-passes %d, "
         "ACM2 column-steps %ld\n", g->nx, g->ny, g->nz, nt, dt, nsubmax, nvmax, vb->acm_columns);
  printf("air through the lid (continuity residual): %.4g kg = %.3g of the domain air mass\n",
         ab->air_in_top_kg, ab->air_in_top_kg / air0);
  double dev = 0;
  for (int k = 0; k < g->nz; k++)
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) dev = fmax(dev, fabs(st->c[grid_idx3(g, i, j, k)] - 1.0));
  tf_check_le("wrf_constancy_max_dev", dev, 1e-13);
  for (int s = 0; s < 2; s++) {
    double in = 0;
    for (int side = 0; side < ADV_NSIDE; side++) in += ab->in_mol[s * ADV_NSIDE + side];
    in += vb->emis_mol[s] - vb->dep_mol[s];
    char nm[64];
    snprintf(nm, sizeof nm, "wrf_budget_closure_%s_relerr", names[s]);
    tf_check_le(nm, fabs(mol1[s] - mol0[s] - in) / mol0[s], 1e-12);
  }
  /* the air budget: change of domain air mass = lateral air inflow + lid air */
  double air_lat = 0;
  for (int side = 0; side < ADV_TOP; side++) air_lat += ab->in_mol[side] * TF_MW_AIR / 1e-9;
  tf_check_le("wrf_air_budget_closure_relerr", fabs(air1 - air0 - air_lat - ab->air_in_top_kg) / air0, 1e-12);
  free(bc); free(sf); free(vd);
  adv_budget_destroy(&ab); vdiff_budget_destroy(&vb);
  adv_destroy(&a); vdiff_destroy(&v); state_destroy(&st);
  met_destroy(&m0); met_destroy(&m1); grid_destroy(&g); wrf_files_close(&ws);
  return tf_test_exit();
}
