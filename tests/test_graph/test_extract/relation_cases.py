"""Sentence shapes the rule-based extractor must read, each with the claims it gives: one table,
read by tests/test_graph/test_relations.py. Rows are (subject, predicate, object, hedged, negated)
by local name; every shape is written in our own words, with a case that must give nothing where
a rule could over-reach."""

from __future__ import annotations

Row = tuple[str, str, str, bool, bool]

CONSTRUCTIONS: list[tuple[str, set[Row]]] = [
    # absorption and levels named after the nutrient
    ("Vitamin C improves iron absorption.", {("vitamin_c", "increasesAbsorptionOf", "iron", False, False)}),
    ("Zinc lowers copper levels.", {("zinc", "decreases", "copper", False, False)}),
    ("Supplements restored magnesium status.", set()),  # no agent named: nothing to claim
    # foods that supply an amount, lists of amounts under a food label, "you can find X in Y"
    (
        "Lentils supply about 300 mg of magnesium per cooked cup.",
        {("legumes", "sourceOf", "magnesium", False, False)},
    ),
    ("Spinach provides very little vitamin D.", set()),
    (
        "Almonds: roughly 80 mg of magnesium per ounce.",
        {("nuts", "sourceOf", "magnesium", False, False)},
    ),
    ("Magnesium: 400 mg per day for adult men.", set()),
    (
        "You can find vitamin K1 mostly in kale and spinach.",
        {
            ("kale", "sourceOf", "vitamin_k1", False, False),
            ("spinach", "sourceOf", "vitamin_k1", False, False),
        },
    ),
    ("You can find calcium in the blood.", set()),
    (
        "Vitamin E: almonds and sunflower seeds are the richest sources.",
        {
            ("nuts", "sourceOf", "vitamin_e", False, False),
            ("seeds", "sourceOf", "vitamin_e", False, False),
        },
    ),
    (
        "Vitamin K2\nNatto and hard cheeses are excellent sources.",
        {
            ("natto", "sourceOf", "vitamin_k2", False, False),
            ("aged_cheese", "sourceOf", "vitamin_k2", False, False),
        },
    ),
    # what a nutrient is needed for, and what "needed to <verb>" leaves to the verb
    (
        "Iodine is the raw material for thyroid hormone synthesis.",
        {("iodine", "requiredFor", "thyroid_function", False, False)},
    ),
    (
        "Magnesium is needed to convert vitamin D into its active form.",
        {("magnesium", "convertsToActiveForm", "vitamin_d", False, False)},
    ),
    (
        "Copper is needed for collagen formation and for red blood cell production.",
        {
            ("copper", "requiredFor", "collagen_synthesis", False, False),
            ("copper", "requiredFor", "red_blood_cell_formation", False, False),
        },
    ),
    (
        "Calcium is essential for building bone mass.",
        {("calcium", "requiredFor", "bone_mineral_density", False, False)},
    ),
    # a lack of it: the claim is said of its deficiency, a state of its own, as written
    (
        "Vitamin C is needed for collagen synthesis, and a lack of it causes scurvy.",
        {
            ("vitamin_c", "requiredFor", "collagen_synthesis", False, False),
            ("vitamin_c_deficiency", "increasesRiskOf", "scurvy", False, False),
        },
    ),
    (
        # The lack's cause is sleep, not vitamin C (both now named: GO's sleep, HP's fatigue).
        "Vitamin C is needed for collagen synthesis, and a lack of sleep causes fatigue.",
        {
            ("vitamin_c", "requiredFor", "collagen_synthesis", False, False),
            ("GO_0030431", "prevents", "HP_0012378", False, False),
        },
    ),
    (
        "A diet low in potassium raises the risk of hypertension.",
        {("potassium_deficiency", "increasesRiskOf", "hypertension", False, False)},
    ),
    # comparisons and absences name an entity that is not the agent
    (
        "MK-7 is more effective than MK-4 at lowering undercarboxylated osteocalcin.",
        {("mk7", "decreases", "undercarboxylated_osteocalcin", False, False)},
    ),
    (
        "Calcium supplements taken without vitamin D were associated with a 20% increase in heart attacks.",
        {("calcium", "increasesRiskOf", "myocardial_infarction", True, False)},
    ),
    ("A diet rich in beans and dairy lowered blood pressure.", set()),
    # "improve osteocalcin carboxylation" carboxylates osteocalcin; lowering it is said of the process
    (
        "Modest doses of MK-7 may improve osteocalcin carboxylation.",
        {("mk7", "carboxylates", "osteocalcin", True, False)},
    ),
    (
        "Warfarin reduces the carboxylation of clotting factors.",
        {("warfarin", "decreases", "protein_carboxylation", False, False)},
    ),
    # working against another molecule
    (
        "High doses of vitamin A antagonise vitamin D.",
        {("vitamin_a", "decreases", "vitamin_d", False, False)},
    ),
    (
        "Vitamin E may speed up the breakdown of vitamin K.",
        {("vitamin_e", "decreases", "vitamin_k", True, False)},
    ),
    (
        "Warfarin and high-dose vitamin E both reduce vitamin K activity.",
        {
            ("warfarin", "decreases", "vitamin_k", False, False),
            ("vitamin_e", "decreases", "vitamin_k", False, False),
        },
    ),
    (
        "Vitamin K2 blocks calcium from being deposited in arteries.",
        {("vitamin_k2", "inhibitsDepositionIn", "artery", False, False)},
    ),
    # risk, associations and their direction
    (
        "Excess retinol raises fracture risk; beta-carotene does not.",
        {
            ("retinol_excess", "increasesRiskOf", "bone_fracture", False, False),
            ("beta_carotene", "increasesRiskOf", "bone_fracture", False, True),
        },
    ),
    (
        "Excess retinol raises fracture risk.",
        {("retinol_excess", "increasesRiskOf", "bone_fracture", False, False)},
    ),
    (
        "High homocysteine was associated with a 2-fold higher risk of fractures.",
        {("homocysteine", "increasesRiskOf", "bone_fracture", True, False)},
    ),
    (
        "Several cohorts found no association between calcium intake and heart disease.",
        {("calcium", "associatedWith", "cardiovascular_disease", True, True)},
    ),
    (
        "A cohort reported an association between homocysteine and hip fractures.",
        {("homocysteine", "associatedWith", "bone_fracture", True, False)},
    ),
    (
        "Studies have linked vitamin D levels with both higher and lower bone density.",
        {("vitamin_d_status", "associatedWith", "bone_mineral_density", True, False)},
    ),
    (
        "Vitamin D deficiency is linked to lower bone density and increased fracture risk.",
        {
            ("vitamin_d_deficiency", "decreases", "bone_mineral_density", True, False),
            ("vitamin_d_deficiency", "increasesRiskOf", "bone_fracture", True, False),
        },
    ),
    (
        "People with a higher intake of magnesium were less likely to develop hypertension.",
        {("magnesium", "prevents", "hypertension", False, False)},
    ),
    ("People with hypertension were more likely to take magnesium.", set()),
    (
        "Vitamin K2 activates osteocalcin, leading to stronger bones and lower fracture risk.",
        {
            ("vitamin_k2", "activates", "osteocalcin", False, False),
            ("vitamin_k2", "increases", "bone_strength", False, False),
            ("vitamin_k2", "prevents", "bone_fracture", False, False),
        },
    ),
    # verbs and phrasings of effect
    (
        "Omega-3s help dampen inflammation.",
        {("omega_3_fatty_acid", "decreases", "inflammation", False, False)},
    ),
    (
        "Selenium protects the thyroid against oxidative stress.",
        {("selenium", "prevents", "oxidative_stress", False, False)},
    ),
    (
        "Elevated homocysteine reduces the strength of bone.",
        {("homocysteine", "decreases", "bone_strength", False, False)},
    ),
    (
        "Vitamin B6, in its active form pyridoxal phosphate, removes homocysteine.",
        {
            ("pyridoxal_5_phosphate", "formOf", "vitamin_b6", False, False),
            ("vitamin_b6", "decreases", "homocysteine", False, False),
        },
    ),
    # where calcium goes
    (
        "Matrix Gla protein keeps calcium out of the arteries.",
        {("matrix_gla_protein", "inhibitsDepositionIn", "artery", False, False)},
    ),
    (
        "Vitamin K2 makes sure that excess calcium does not settle in the arteries.",
        {("vitamin_k2", "inhibitsDepositionIn", "artery", False, False)},
    ),
    ("Vitamin K2 makes sure calcium reaches the bones.", {("vitamin_k2", "directsTo", "bone", False, False)}),
    # activation and carboxylation left undone without the vitamin
    (
        "Without enough vitamin K, most of the matrix Gla protein circulates in its uncarboxylated form.",
        {("vitamin_k", "carboxylates", "matrix_gla_protein", False, False)},
    ),
    (
        "When vitamin K is in short supply, osteocalcin remains inactive.",
        {("vitamin_k", "activates", "osteocalcin", False, False)},
    ),
    # who acts: a reduction named by a gerund, an act referred to by ", which", an opening "By ...,"
    (
        "Lowering blood pressure reduces the risk of stroke.",
        {("blood_pressure", "increasesRiskOf", "stroke", False, False)},
    ),
    (
        "Magnesium reduces arterial stiffness, which lowers the risk of stroke.",
        {
            ("magnesium", "prevents", "arterial_stiffness", False, False),
            ("magnesium", "prevents", "stroke", False, False),
        },
    ),
    (
        "Vitamin K2 activates matrix Gla protein, which lowers the risk of vascular calcification.",
        {
            ("vitamin_k2", "activates", "matrix_gla_protein", False, False),
            ("matrix_gla_protein", "prevents", "vascular_calcification", False, False),
        },
    ),
    (
        "By keeping calcium out of the arteries, vitamin K2 protects the heart.",
        {("vitamin_k2", "inhibitsDepositionIn", "artery", False, False)},
    ),
    (
        "By lowering blood pressure, potassium reduces the risk of stroke.",
        {
            ("potassium", "decreases", "blood_pressure", False, False),
            ("potassium", "prevents", "stroke", False, False),
        },
    ),
    (
        "Chronic kidney disease can impair bone mineralization.",
        {("chronic_kidney_disease", "decreases", "bone_mineralization", True, False)},
    ),
    # lists with modifiers and asides between the items
    (
        "Dairy products, canned salmon with its bones, and kale are good sources of calcium.",
        {
            ("dairy_product", "sourceOf", "calcium", False, False),
            ("salmon", "sourceOf", "calcium", False, False),
            ("kale", "sourceOf", "calcium", False, False),
        },
    ),
    (
        "Vitamin B12 is found almost exclusively in animal products.",
        {("animal_product", "sourceOf", "vitamin_b12", False, False)},
    ),
    # a role alone is no claim; a role in maintaining something is
    (
        "Zinc and copper play distinct roles in maintaining bone density.",
        {
            ("zinc", "increases", "bone_mineral_density", False, False),
            ("copper", "increases", "bone_mineral_density", False, False),
        },
    ),
    ("Zinc plays a key role in bone health.", set()),
    # denied synergy
    (
        "Zinc and vitamin D do not work together in any direct way.",
        {("zinc", "synergizesWith", "vitamin_d", False, True)},
    ),
    # making a drug less effective, stopping it working, reversing its effect: working against it
    (
        "Vitamin K2 supplements make warfarin less effective.",
        {("vitamin_k2", "decreases", "warfarin", False, False)},
    ),
    ("Vitamin K does not stop warfarin working.", {("vitamin_k", "decreases", "warfarin", False, True)}),
    ("Vitamin K reverses the effect of warfarin.", {("vitamin_k", "decreases", "warfarin", False, False)}),
    # foods raise risks too; "both" between the subjects and the verb
    (
        "Vitamin E and fish oil both increase the risk of bleeding.",
        {
            ("vitamin_e", "increasesRiskOf", "bleeding", False, False),
            ("fish_oil", "increasesRiskOf", "bleeding", False, False),
        },
    ),
    # the direction of a link: "weaker", "a higher risk of"
    (
        "Vitamin D deficiency is linked to a weaker immune response.",
        {("vitamin_d_deficiency", "decreases", "immune_response", True, False)},
    ),
    (
        "Researchers have linked high sodium intake with a higher risk of hypertension.",
        {("sodium", "increasesRiskOf", "hypertension", True, False)},
    ),
    # binding is said of molecules as well as proteins, and of proteins as targets
    ("Calcium carbonate binds phosphate.", {("calcium_carbonate", "binds", "phosphate", False, False)}),
    (
        "Calcitriol binds the vitamin D receptor.",
        {("calcitriol", "binds", "vitamin_d_receptor", False, False)},
    ),
    # binding is said of the noun a relative clause hangs on, never of a mention before it
    ("Magnesium induces a protein in the gut that binds calcium.", set()),
    (
        "Vitamin K2 activates osteocalcin, a protein in bone that binds calcium.",
        {
            ("vitamin_k2", "activates", "osteocalcin", False, False),
            ("osteocalcin", "binds", "calcium", False, False),
        },
    ),
    # a pronoun inside an aside is not the noun the aside hangs on
    (
        "MGP is activated by vitamin K, which carboxylates the protein so that it can bind calcium.",
        {("vitamin_k", "activates", "matrix_gla_protein", False, False)},
    ),
    # a hedged synergy: the modal between the partners and the verb
    ("Zinc and copper might work together.", {("zinc", "synergizesWith", "copper", True, False)}),
    # what is blocked is the activation: a decrease, never an activation
    (
        "Warfarin prevents the activation of osteocalcin.",
        {("warfarin", "decreases", "osteocalcin", False, False)},
    ),
    # a clause opened by a pronoun after a colon: the pronoun's referent is the subject of both verbs
    (
        "Vitamin K2 protects the arteries: it activates matrix Gla protein and slows vascular calcification.",
        {
            ("vitamin_k2", "activates", "matrix_gla_protein", False, False),
            ("vitamin_k2", "prevents", "vascular_calcification", False, False),
        },
    ),
    # list items that are no entity do not break the list
    (
        "Spinach, chard, sweet potato and kale are rich in magnesium.",
        {
            ("spinach", "sourceOf", "magnesium", False, False),
            ("FOODON_00003445", "sourceOf", "magnesium", False, False),  # sweet potato, from FoodOn
            ("kale", "sourceOf", "magnesium", False, False),
        },
    ),
    # ... but a verb in -ing after a comma is no list item
    (
        "Vitamin K2 directs calcium to bones instead of soft tissues, creating a stronger skeleton.",
        {
            ("vitamin_k2", "directsTo", "bone", False, False),
            ("vitamin_k2", "inhibitsDepositionIn", "soft_tissue", False, False),
        },
    ),
    # "X-rich foods such as A and B"
    (
        "Magnesium-rich foods such as almonds and spinach help.",
        {("nuts", "sourceOf", "magnesium", False, False), ("spinach", "sourceOf", "magnesium", False, False)},
    ),
    ("Pumpkin seeds are very high in zinc.", {("seeds", "sourceOf", "zinc", False, False)}),
    # ... and a state's alternative is denied of the state too
    (
        "A lack of vitamin C causes scurvy rather than rickets.",
        {
            ("vitamin_c_deficiency", "increasesRiskOf", "scurvy", False, False),
            ("vitamin_c_deficiency", "increasesRiskOf", "rickets", False, True),
        },
    ),
    # the alternative after "rather than" is denied, not dropped
    (
        "Fortified milk often contains vitamin D3 rather than vitamin D2.",
        {("milk", "sourceOf", "vitamin_d3", False, False), ("milk", "sourceOf", "vitamin_d2", False, True)},
    ),
    (
        "Copper is needed for collagen synthesis and for healthy bones.",
        {
            ("copper", "requiredFor", "collagen_synthesis", False, False),
            ("copper", "requiredFor", "bone_health", False, False),
        },
    ),
]
