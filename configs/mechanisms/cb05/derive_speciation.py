#!/usr/bin/env python3
"""derive_speciation.py — regenerate speciation.csv (run from this folder).

Derivation (documented in README_speciation.md): each sector's NMVOC is a mass mix of representative
compounds (mass %), each compound is split into CB05 species with the CB05 carbon-bond
assignment (Yarwood et al. 2005, CB05 final report to US EPA, RT-04-00675, and the
SPECIATE/SMOKE CB05 mapping conventions), giving mol of model species per kg NMVOC.
NR = non-reactive carbon (not a model species; kept so that carbon closes).
"""
import sys

# compound: (molar mass g/mol, carbon atoms, {CB05 species: mol per mol compound}, class)
C = {
 "ethane":        (30.069, 2, {"ETHA": 1}, "alkane"),
 "propane":       (44.096, 3, {"PAR": 1.5, "NR": 1.5}, "alkane"),
 "n-butane":      (58.122, 4, {"PAR": 4}, "alkane"),
 "i-pentane":     (72.149, 5, {"PAR": 5}, "alkane"),
 "n-hexane":      (86.175, 6, {"PAR": 6}, "alkane"),
 "ethene":        (28.053, 2, {"ETH": 1}, "alkene"),
 "propene":       (42.080, 3, {"OLE": 1, "PAR": 1}, "alkene"),
 "1-butene":      (56.106, 4, {"OLE": 1, "PAR": 2}, "alkene"),
 "t-2-butene":    (56.106, 4, {"IOLE": 1}, "alkene"),
 "ethyne":        (26.037, 2, {"PAR": 1, "NR": 1}, "alkyne"),
 "benzene":       (78.112, 6, {"PAR": 1, "NR": 5}, "aromatic"),
 "toluene":       (92.138, 7, {"TOL": 1}, "aromatic"),
 "ethylbenzene":  (106.165, 8, {"TOL": 1, "PAR": 1}, "aromatic"),
 "xylenes":       (106.165, 8, {"XYL": 1}, "aromatic"),
 "124-TMB":       (120.192, 9, {"XYL": 1, "PAR": 1}, "aromatic"),
 "formaldehyde":  (30.026, 1, {"FORM": 1}, "oxygenated"),
 "acetaldehyde":  (44.053, 2, {"ALD2": 1}, "oxygenated"),
 "methanol":      (32.042, 1, {"MEOH": 1}, "oxygenated"),
 "ethanol":       (46.069, 2, {"ETOH": 1}, "oxygenated"),
 "isopropanol":   (60.096, 3, {"PAR": 3}, "oxygenated"),
 "acetone":       (58.080, 3, {"PAR": 1, "NR": 2}, "oxygenated"),
 "MEK":           (72.107, 4, {"PAR": 4}, "oxygenated"),
 "ethyl acetate": (88.106, 4, {"PAR": 3, "NR": 1}, "oxygenated"),
 "butyl acetate": (116.160, 6, {"PAR": 5, "NR": 1}, "oxygenated"),
 "dichloromethane": (84.933, 1, {"NR": 1}, "halocarbon"),
 "other (CH2)n":  (14.027, 1, {"PAR": 1}, "other"),
}

# sector: {compound: mass %}, and the sector's share of Sichuan NMVOC (for the check only)
MIX = {
 "power": ({"ethane": 8, "propane": 8, "n-butane": 6, "n-hexane": 8, "ethene": 12, "propene": 5,
            "1-butene": 3, "ethyne": 10, "benzene": 10, "toluene": 6, "xylenes": 4,
            "formaldehyde": 8, "acetaldehyde": 4, "acetone": 3, "dichloromethane": 5}, 2),
 "industry": ({"ethane": 4, "propane": 5, "n-butane": 6, "i-pentane": 5, "n-hexane": 5, "ethene": 6,
               "propene": 4, "1-butene": 1, "t-2-butene": 1, "ethyne": 3, "benzene": 6, "toluene": 9,
               "ethylbenzene": 3, "xylenes": 5, "124-TMB": 2, "formaldehyde": 2, "acetaldehyde": 2,
               "methanol": 4, "acetone": 3, "MEK": 2, "ethyl acetate": 2, "dichloromethane": 5,
               "other (CH2)n": 15}, 24),
 "solvent": ({"n-butane": 2, "i-pentane": 3, "n-hexane": 5, "propene": 1, "toluene": 10,
              "ethylbenzene": 4, "xylenes": 8, "124-TMB": 4, "ethanol": 4, "isopropanol": 4,
              "acetone": 5, "MEK": 3, "ethyl acetate": 6, "butyl acetate": 6, "dichloromethane": 5,
              "other (CH2)n": 30}, 46),
 "transport": ({"ethane": 3, "propane": 4, "n-butane": 10, "i-pentane": 10, "n-hexane": 8,
                "ethene": 8, "propene": 4, "1-butene": 2, "t-2-butene": 2, "ethyne": 4,
                "benzene": 5, "toluene": 10, "ethylbenzene": 3, "xylenes": 8, "124-TMB": 4,
                "formaldehyde": 4, "acetaldehyde": 2, "acetone": 2, "other (CH2)n": 7}, 15),
 "residential": ({"ethane": 8, "propane": 4, "n-butane": 3, "ethene": 15, "propene": 7,
                  "1-butene": 3, "ethyne": 10, "benzene": 9, "toluene": 4, "xylenes": 2,
                  "formaldehyde": 8, "acetaldehyde": 6, "methanol": 10, "acetone": 6,
                  "other (CH2)n": 5}, 9),
 "agriculture": ({"ethane": 6, "propane": 4, "ethene": 15, "propene": 7, "1-butene": 3,
                  "ethyne": 5, "benzene": 6, "toluene": 4, "formaldehyde": 10,
                  "acetaldehyde": 10, "methanol": 15, "ethanol": 5, "acetone": 5,
                  "other (CH2)n": 5}, 4),
}
SRC = ("Tianfu derivation (configs/mechanisms/cb05/README_speciation.md): sector compound mix after Li M. et al. 2014 "
       "ACP 14 5617 (MEIC speciation) scaled to the Sichuan class split (Zhou et al. 2019); "
       "CB05 assignment Yarwood et al. 2005")

def main(out):
    rows, report = [], []
    tot_class = {}
    for sec, (mix, share) in MIX.items():
        assert abs(sum(mix.values()) - 100) < 1e-9, sec
        mol, kgc = {}, 0.0
        for comp, pct in mix.items():
            mw, nc, asg, cls = C[comp]
            n = pct / 100 * 1000 / mw          # mol compound per kg NMVOC
            kgc += n * nc * 12.011e-3          # kg C per kg NMVOC
            tot_class[cls] = tot_class.get(cls, 0) + pct * share / 100
            for sp, k in asg.items():
                mol[sp] = mol.get(sp, 0) + n * k
        report.append((sec, kgc))
        for sp in sorted(mol):
            rows.append(f'{sec},NMVOC,{sp},{mol[sp]:.6f},"{SRC}"')
    with open(out, "w") as f:
        f.write("# speciation.csv — inventory pollutants -> CB05 model species, mol per kg of pollutant.\n")
        f.write("# Generated by derive_speciation.py (derivation and sources: README_speciation.md). Sector '*' rows\n")
        f.write("# apply to every sector without rows of its own for that pollutant. Species not in the\n")
        f.write("# mechanism (NR = non-reactive carbon; NH3 when the mechanism has no NH3) are not emitted.\n")
        f.write("# kg C per kg NMVOC by sector (carbon check): " +
                " ".join(f"{s}={k:.6f}" for s, k in report) + "\n")
        f.write("sector,pollutant,species,mol_per_kg,source\n")
        mno2 = 46.0055
        f.write(f'*,NOX,NO,{0.9*1000/mno2:.6f},"NOx as NO2 mass; 90 % NO / 10 % NO2 by mole (US EPA SMOKE/CMAQ default NOx split)"\n')
        f.write(f'*,NOX,NO2,{0.1*1000/mno2:.6f},"NOx as NO2 mass; 90 % NO / 10 % NO2 by mole (US EPA SMOKE/CMAQ default NOx split)"\n')
        f.write(f'transport,NOX,NO,{0.892*1000/mno2:.6f},"mobile NOx: 89.2 % NO / 10 % NO2 / 0.8 % HONO by mole (HONO/NOx = 0.8 %, Kurtenbach et al. 2001 Atmos. Environ. 35 3385, as in CMAQ)"\n')
        f.write(f'transport,NOX,NO2,{0.1*1000/mno2:.6f},"mobile NOx split, see NO row"\n')
        f.write(f'transport,NOX,HONO,{0.008*1000/mno2:.6f},"mobile NOx split, see NO row"\n')
        f.write(f'*,CO,CO,{1000/28.0101:.6f},"1000/M(CO)"\n')
        f.write(f'*,SO2,SO2,{1000/64.064:.6f},"1000/M(SO2)"\n')
        f.write(f'*,NH3,NH3,{1000/17.0305:.6f},"1000/M(NH3); dropped when the mechanism has no NH3"\n')
        for r in rows:
            f.write(r + "\n")
    for s, k in report:
        print(f"{s:12s} kgC/kg = {k:.6f}")
    print("share-weighted class split (%):", {k: round(v, 1) for k, v in tot_class.items()})

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "speciation.csv")
