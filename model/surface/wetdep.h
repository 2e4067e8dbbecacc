/* wetdep.h — scavenging of highly soluble gases by rain (below-cloud and in-cloud rain
 * column treated alike), dc/dt = -Lambda c with Lambda from the rain rate. */
#ifndef TF_WETDEP_H
#define TF_WETDEP_H
#include "model/grid/met.h"
#include "model/grid/state.h"
#include "model/surface/drydep.h"

/* Scavenging coefficient, s-1, of an irreversibly soluble gas with molecular diffusivity
 * dg_cm2s (cm2/s) by rain of rate rain_mmh (mm/h); 0 for no rain. */
double wet_lambda(double rain_mmh, double dg_cm2s);

typedef struct wet_ctx wet_ctx;
/* Species with H* >= 1e4 M/atm in the property table are scavenged (HNO3, H2O2, HONO,
 * N2O5, SULF, PNA, SO2, organic acids, NH3, HCl); others are not. Every mechanism species
 * needs a row (as for dep_create). */
wet_ctx *wet_create(int nspec, const char *const *names, const dep_species_props *props,
                    int nprops, tf_err *err);
void wet_destroy(wet_ctx **w);
int wet_scavenged(const wet_ctx *w, int isp);
/* c *= exp(-Lambda dt) in the owned cells of every raining column, from the surface up to
 * the top of the highest layer with cloud fraction > 0.01 (3 km when the column has no
 * cloud information). removed_mol (nspec values, may be NULL) is incremented by the moles
 * removed (air moles from mu deta/g and the true cell area, as in emissions.c). */
void wet_apply(const wet_ctx *w, const tf_met *met, tf_state *s, double dt_s, double *removed_mol);
#endif
