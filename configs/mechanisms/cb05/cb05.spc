{ cb05.spc — species of the CB05 core mechanism (Yarwood, Rao, Yocke & Whitten 2005,
  "Updates to the Carbon Bond chemical mechanism: CB05", final report to US EPA,
  RT-04-00675, Table 2-1). 51 variable (model) species + 6 fixed species.
  Compositions: only nitrogen is tracked (N counts per molecule), so that the N balance
  of every reaction can be checked and total N is an invariant of the ODE system.
  Carbon is not tracked: CB05 is a lumped-structure mechanism whose PAR and XO2/XO2N
  "operators" do not conserve carbon by design (e.g. R112 makes -0.11 PAR). Species
  without nitrogen are IGNORE (composition not checked). See README.md. }

#ATOMS
N;  { nitrogen: the only atom tracked }

#DEFVAR
NO    = N;        { nitric oxide }
NO2   = N;        { nitrogen dioxide }
O     = IGNORE;   { oxygen atom, O(3P) }
O3    = IGNORE;   { ozone }
NO3   = N;        { nitrate radical }
O1D   = IGNORE;   { oxygen atom, O(1D) }
OH    = IGNORE;   { hydroxyl radical }
HO2   = IGNORE;   { hydroperoxy radical }
N2O5  = 2N;       { dinitrogen pentoxide }
HNO3  = N;        { nitric acid }
HONO  = N;        { nitrous acid }
PNA   = N;        { peroxynitric acid, HO2NO2 }
H2O2  = IGNORE;   { hydrogen peroxide }
XO2   = IGNORE;   { NO-to-NO2 operator }
XO2N  = IGNORE;   { NO-to-nitrate operator }
NTR   = N;        { organic nitrates, lumped }
ROOH  = IGNORE;   { higher organic peroxides }
FORM  = IGNORE;   { formaldehyde }
ALD2  = IGNORE;   { acetaldehyde }
ALDX  = IGNORE;   { propionaldehyde and higher aldehydes }
PAR   = IGNORE;   { paraffin carbon bond, C-C }
CO    = IGNORE;   { carbon monoxide }
MEO2  = IGNORE;   { methylperoxy radical }
MEPX  = IGNORE;   { methyl hydroperoxide }
MEOH  = IGNORE;   { methanol }
HCO3  = IGNORE;   { adduct of HO2 + HCHO }
FACD  = IGNORE;   { formic acid }
C2O3  = IGNORE;   { acetylperoxy radical }
PAN   = N;        { peroxyacetyl nitrate }
PACD  = IGNORE;   { peroxyacetic and higher peroxycarboxylic acids }
AACD  = IGNORE;   { acetic and higher carboxylic acids }
CXO3  = IGNORE;   { C3 and higher acylperoxy radicals }
PANX  = N;        { C3 and higher peroxyacyl nitrates }
ROR   = IGNORE;   { secondary alkoxy radical }
OLE   = IGNORE;   { terminal olefin carbon bond, R-C=C }
ETH   = IGNORE;   { ethene }
IOLE  = IGNORE;   { internal olefin carbon bond, R-C=C-R }
TOL   = IGNORE;   { toluene and other monoalkyl aromatics }
CRES  = IGNORE;   { cresol and higher-molecular-weight phenols }
TO2   = IGNORE;   { toluene-hydroxyl radical adduct }
OPEN  = IGNORE;   { aromatic ring-opening product }
CRO   = IGNORE;   { methylphenoxy radical }
MGLY  = IGNORE;   { methylglyoxal and higher dicarbonyls }
XYL   = IGNORE;   { xylene and other polyalkyl aromatics }
ISOP  = IGNORE;   { isoprene }
ISPD  = IGNORE;   { isoprene oxidation products }
TERP  = IGNORE;   { terpenes }
SO2   = IGNORE;   { sulfur dioxide }
SULF  = IGNORE;   { sulfuric acid (gas) }
ETOH  = IGNORE;   { ethanol }
ETHA  = IGNORE;   { ethane }

#DEFFIX
M     = IGNORE;   { air, molec/cm3 = p/(k T) }
O2    = IGNORE;   { 0.2095 M }
H2O   = IGNORE;   { water vapour }
H2    = IGNORE;   { molecular hydrogen (INITVALUES: 0.55 ppm) }
CH4   = IGNORE;   { methane (INITVALUES: 1.9 ppm) }
N2    = IGNORE;   { 0.7808 M (not used by the CB05 rates; listed for completeness) }
