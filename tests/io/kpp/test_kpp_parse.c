/* test_kpp_parse.c — the KPP-language loader: syntax coverage, the KPP 3 distribution
 * mechanisms (small_strato, saprc99, copied unchanged in tests/data/kpp-mechanisms), and
 * file:line:column messages for malformed input. Reference: KPP 3 user manual, "Input
 * for KPP" (language), and the counts of the distributed files themselves. */
#include "io/kpp/kpp_parse.h"
#include "model/chem/mechanism.h"
#include "tf_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int has_warning(const chem_desc *d, const char *needle)
{
  for (int i = 0; i < d->nwarn; i++)
    if (strstr(d->warn[i], needle)) return 1;
  return 0;
}

static void test_syntax(void)
{
  char path[1024];
  tf_source_path("tests/io/kpp/data/syntax.def", path, sizeof path);
  chem_desc *d = NULL;
  tf_err err = {0};
  int rc = kpp_load(path, &d, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  if (rc) return;
  TF_EXPECT(d->nspec == 12);
  TF_EXPECT(d->nreact == 10);
  /* K9: products NO3 + O - 0.66 XX */
  TF_EXPECT(d->react[9].nprod == 3 && d->react[9].prod[2].coef == -0.66 &&
            d->react[9].prod[2].spec == chem_desc_find(d, "XX"));
  TF_EXPECT(d->nphot == 1 && strcmp(d->phot[0], "NO2") == 0);
  TF_EXPECT(d->var_used[CHEM_VAR_TEMP] && d->var_used[CHEM_VAR_SUN]);
  TF_EXPECT(!d->var_used[CHEM_VAR_M]); /* M is a fixed species here */
  TF_EXPECT(fabs(d->cfactor - 2.0) < 1e-15);
  int o3 = chem_desc_find(d, "O3"), no = chem_desc_find(d, "NO"), m = chem_desc_find(d, "M");
  TF_EXPECT(o3 >= 0 && d->spec[o3].has_init && d->spec[o3].init == 30.0);
  TF_EXPECT(no >= 0 && d->spec[no].has_init && d->spec[no].init == 1e-3);
  TF_EXPECT(m >= 0 && d->spec[m].fixed && !d->spec[m].comp_known);
  TF_EXPECT(d->spec[o3].comp_known && d->spec[o3].ncomp == 1 && d->spec[o3].comp_count[0] == 3);
  /* K1: O + O2 + M (M fixed reactant), products O3 + M */
  const chem_reaction *k1 = &d->react[1];
  TF_EXPECT(strcmp(k1->tag, "K1") == 0 && k1->nreac == 3 && k1->nprod == 2);
  /* K6: .5O2 + 0.5 O2 merged */
  const chem_reaction *k6 = &d->react[6];
  int merged = 0;
  for (int i = 0; i < k6->nprod; i++)
    if (k6->prod[i].spec == chem_desc_find(d, "O2")) merged = fabs(k6->prod[i].coef - 1.0) < 1e-15;
  TF_EXPECT(merged && k6->nprod == 2);
  /* K7: OH + XX = OH + 2.5XX */
  TF_EXPECT(d->react[7].nprod == 2 && d->react[7].prod[1].coef == 2.5);
  TF_EXPECT(has_warning(d, "#INLINE F90_RATES"));
  TF_EXPECT(has_warning(d, "TSTART, TEND"));
  for (int i = 0; i < d->nwarn; i++) printf("warning: %s\n", d->warn[i]);

  /* evaluate rate constants through the compiled mechanism at T = 298 K */
  chem_mech *mech = chem_mech_create(d, &err);
  TF_EXPECT_MSG(mech != NULL, "%s", err.msg);
  if (mech) {
    int ns = chem_mech_nspec(mech);
    double *c = calloc((size_t)ns, sizeof *c), *k = calloc(10, sizeof *k);
    double T = 298.0, Mv = 2.46e19, sun = 0.5, j = 8e-3;
    const double *jr[1] = {&j};
    chem_env env = {.temp_k = &T, .sun = &sun, .jrate = jr};
    for (int i = 0; i < ns; i++) c[i] = 1e9;
    c[chem_mech_find(mech, "M")] = Mv;
    c[chem_mech_find(mech, "O2")] = 0.21 * Mv;
    c[chem_mech_find(mech, "H2O")] = 4e17;
    rc = chem_mech_eval_cell(mech, &env, 0, c, k, NULL, NULL, NULL, NULL, &err);
    TF_EXPECT(rc == TF_OK);
    tf_check_rel("syntax_J", k[0], 8e-3, 1e-15);
    tf_check_rel("syntax_K1_x_O2_M", k[1], 6.0e-34 * pow(T / 300., -2.4) * Mv * 0.21 * Mv * Mv, 1e-14);
    tf_check_rel("syntax_ARR_ab", k[2], 3.0e-12 * exp(-1500.0 / T), 1e-14);
    {
      double k0 = 1.8e-30 * pow(300. / T, 3.0) * Mv, ki = 2.8e-11, r = k0 / ki;
      tf_check_rel("syntax_k_3rd", k[3], k0 / (1 + r) * pow(0.6, 1 / (1 + pow(log10(r), 2))), 1e-14);
    }
    tf_check_rel("syntax_K6", k[6], 2.2e-13 * exp(600. / T) + 1.9e-33 * Mv * exp(980. / T), 1e-14);
    tf_check_rel("syntax_unary_pow_SUN", k[7], 1.0e-15 * sun, 1e-14);
    tf_check_rel("syntax_ARR_ac", k[8], 1.2e-13 * pow(T / 300., -2.0), 1e-14);
    double v;
    TF_EXPECT(chem_mech_init_value(mech, chem_mech_find(mech, "O3"), &v) && v == 60.0);
    free(c);
    free(k);
    chem_mech_destroy(&mech);
  }
  chem_desc_destroy(&d);
}

static void test_distribution(void)
{
  char path[1024];
  tf_err err = {0};
  chem_desc *d = NULL;
  if (!tf_test_data("kpp-mechanisms/small_strato.def", path, sizeof path)) return;
  int rc = kpp_load(path, &d, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  if (!rc) {
    /* small_strato.spc: 5 DEFVAR + 2 DEFFIX, small_strato.eqn: 10 equations */
    tf_check("small_strato_nspec", d->nspec, 7, 0);
    tf_check("small_strato_nreact", d->nreact, 10, 0);
    TF_EXPECT(d->var_used[CHEM_VAR_SUN]);
    int o3 = chem_desc_find(d, "O3");
    TF_EXPECT(o3 >= 0 && d->spec[o3].init == 5.326E+11);
    TF_EXPECT(has_warning(d, "C_INIT"));
    int nimb = 0;
    for (int i = 0; i < d->nwarn; i++) nimb += strstr(d->warn[i], "not atom-balanced") != NULL;
    tf_check("small_strato_unbalanced_reactions", nimb, 0, 0);
    chem_desc_destroy(&d);
  }
  tf_test_data("kpp-mechanisms/saprc99.def", path, sizeof path);
  rc = kpp_load(path, &d, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  if (!rc) {
    /* saprc99.spc: 74 DEFVAR + 5 DEFFIX; saprc99.eqn: 211 tagged equations */
    tf_check("saprc99_nspec", d->nspec, 79, 0);
    tf_check("saprc99_nreact", d->nreact, 211, 0);
    TF_EXPECT(fabs(d->cfactor - 2.4476e+13) < 1e3);
    int nimb = 0;
    for (int i = 0; i < d->nwarn; i++) {
      if (strstr(d->warn[i], "not atom-balanced")) nimb++;
      if (nimb <= 3) printf("warning: %s\n", d->warn[i]);
    }
    printf("saprc99: %d warnings, %d unbalanced reactions among those with known compositions\n",
           d->nwarn, nimb);
    chem_desc_destroy(&d);
  }
  /* a lone .eqn picks up its sibling .spc */
  tf_test_data("kpp-mechanisms/saprc99.eqn", path, sizeof path);
  rc = kpp_load(path, &d, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  if (!rc) {
    tf_check("saprc99_eqn_alone_nspec", d->nspec, 79, 0);
    tf_check("saprc99_eqn_alone_nreact", d->nreact, 211, 0);
    chem_desc_destroy(&d);
  }
}

typedef struct bad_case {
  const char *what, *body, *expect_pos, *expect_msg;
} bad_case;

static void test_errors(void)
{
  static const char *head = "#DEFVAR\nA = IGNORE;\nB = IGNORE;\n#EQUATIONS\n"; /* eqn on line 5 */
  static const bad_case cases[] = {
      {"unknown function", "<R1> A = B : FOO(1.0);\n", "bad.def:5:14:", "unknown function 'FOO'"},
      {"unknown species", "<R1> A = C : 1.0;\n", "bad.def:5:10:", "unknown species 'C'"},
      {"missing '='", "<R1> A : 1.0;\n", "bad.def:5:8:", "expected '='"},
      {"bad number", "<R1> A = B : 1.0e;\n", "bad.def:5:14:", "malformed number"},
      {"bad number 2", "<R1> A = B : 1.5x;\n", "bad.def:5:14:", "malformed number"},
      {"unbalanced parenthesis", "<R1> A = B : (1.0*(2.0);\n", "bad.def:5:24:", "unbalanced parenthesis"},
      {"unbalanced parenthesis 2", "<R1> A = B : ARR_ab(1.0, 2.0;\n", "bad.def:5:29:", "unbalanced parenthesis"},
      {"unterminated comment", "<R1> A = B : 1.0; { oops\n", "bad.def:5:19:", "unterminated comment"},
      {"bad coefficient", "<R1> A = 2 + B : 1.0;\n", "bad.def:5:10:", "bad coefficient"},
      {"zero coefficient", "<R1> A = 0.0B : 1.0;\n", "bad.def:5:10:", "bad coefficient"},
      {"unknown variable", "<R1> A = B : TEMPX*2;\n", "bad.def:5:14:", "unknown variable 'TEMPX'"},
      {"wrong arg count", "<R1> A = B : ARR_ab(1.0);\n", "bad.def:5:14:", "takes 2 arguments"},
      {"missing ';'", "<R1> A = B : 1.0\n<R2> B = A : 2.0;\n", "bad.def:6:1:", "expected ';'"},
      {"variable species in rate", "<R1> A = B : A*2.0;\n", "bad.def:5:14:", "variable species 'A'"},
      {"fractional reactant", "<R1> 0.5A = B : 1.0;\n", "bad.def:5:", "non-integer coefficient"},
      {"unterminated tag", "<R1 A = B : 1.0;\n", "bad.def:5:1:", "unterminated equation tag"},
      {"missing include", "#INCLUDE nothere.spc\n", "bad.def:5:10:", "cannot open #INCLUDE file 'nothere.spc'"},
      {"unknown directive", "#FOO\n", "bad.def:5:1:", "unknown directive '#FOO'"},
      {"unknown atom", "#DEFVAR\nC = 3Q;\n", "bad.def:6:6:", "unknown atom 'Q'"},
      {"duplicate species", "#DEFVAR\nA = IGNORE;\n", "bad.def:6:1:", "defined twice"},
  };
  char dir[1024], name[1100];
  tf_tmp_dir("test_kpp_parse", dir, sizeof dir);
  snprintf(name, sizeof name, "%s/bad.def", dir);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const bad_case *c = &cases[i];
    char text[1024];
    const char *h = head;
    if (strstr(c->what, "unknown atom")) h = "#ATOMS O; N;\n#DEFVAR\nA = IGNORE;\nB = IGNORE;\n";
    snprintf(text, sizeof text, "%s%s", h, c->body);
    chem_desc *d = NULL;
    tf_err err = {0};
    int rc = kpp_load_string(name, text, &d, &err);
    printf("case %-26s -> %s\n", c->what, err.msg);
    TF_EXPECT_MSG(rc == TF_EFORMAT, "%s: rc %d", c->what, rc);
    TF_EXPECT_MSG(strstr(err.msg, c->expect_pos) != NULL, "%s: expected position %s in '%s'", c->what,
                  c->expect_pos, err.msg);
    TF_EXPECT_MSG(strstr(err.msg, c->expect_msg) != NULL, "%s: expected '%s' in '%s'", c->what,
                  c->expect_msg, err.msg);
    TF_EXPECT(d == NULL);
  }
  /* a missing top-level file is an I/O error naming it */
  chem_desc *d = NULL;
  tf_err err = {0};
  TF_EXPECT(kpp_load("/nonexistent/x.def", &d, &err) == TF_EIO && strstr(err.msg, "/nonexistent/x.def"));
  /* an error inside an included file names that file */
  char inc[1100], top[1100];
  snprintf(inc, sizeof inc, "%s/inc.eqn", dir);
  snprintf(top, sizeof top, "%s/top.def", dir);
  FILE *f = fopen(inc, "w");
  if (f) {
    fputs("<R1> A = B : 1.0;\n<R2> B = A : LOGG(2.0);\n", f);
    fclose(f);
    int rc = kpp_load_string(top, "#DEFVAR\nA = IGNORE;\nB = IGNORE;\n#INCLUDE inc.eqn\n", &d, &err);
    printf("case include error            -> %s\n", err.msg);
    TF_EXPECT(rc == TF_EFORMAT && strstr(err.msg, "inc.eqn:2:14:") && strstr(err.msg, "LOGG"));
  }
}

int main(void)
{
  test_syntax();
  test_distribution();
  test_errors();
  return tf_test_exit();
}
