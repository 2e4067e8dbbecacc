{ nox_o3_voc.spc — a small NOx-O3-VOC test mechanism for Tianfu (15 variable species).
  Compositions track N and C: total N and total C are invariants of the ODE system
  (CO2 is carried as a species so that carbon is closed). }

#ATOMS
N;  { nitrogen }
C;  { carbon }

#DEFVAR
NO    = N;        { nitric oxide }
NO2   = N;        { nitrogen dioxide }
HNO3  = N;        { nitric acid (NOx sink) }
O3    = IGNORE;   { ozone }
O     = IGNORE;   { O(3P) }
O1D   = IGNORE;   { O(1D) }
OH    = IGNORE;   { hydroxyl }
HO2   = IGNORE;   { hydroperoxy }
H2O2  = IGNORE;   { hydrogen peroxide (HOx sink) }
VOC   = C;        { lumped VOC, one carbon per molecule (k_OH of a C4 alkane, [U]) }
RO2   = C;        { peroxy radical from VOC, treated as CH3O2 }
ROOH  = C;        { organic hydroperoxide, treated as CH3OOH }
HCHO  = C;        { formaldehyde }
CO    = C;        { carbon monoxide }
CO2   = C;        { carbon dioxide (carbon closure only) }

#DEFFIX
M     = IGNORE;   { air, molec/cm3 }
O2    = IGNORE;   { 0.2095 M }
N2    = IGNORE;   { 0.7808 M }
H2O   = IGNORE;   { water vapour }
