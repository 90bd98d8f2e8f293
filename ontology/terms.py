"""The nutrikg vocabulary as Python names, mirroring nutrikg.ttl and entities.ttl term for term.

`NM` is an rdflib `DefinedNamespace` with `_fail = True`: a mistyped term such as
`NM.vitamin_k3` raises AttributeError instead of silently minting a new IRI. A test checks that
this class and the Turtle files declare exactly the same terms.
"""

from __future__ import annotations

from typing import Final

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

NM_IRI: Final = "https://w3id.org/nutrikg/"

NM_CLAIM: Final = Namespace(f"{NM_IRI}claim/")
NM_DOC: Final = Namespace(f"{NM_IRI}doc/")
NM_DOSE: Final = Namespace(f"{NM_IRI}dose/")
NM_STAT: Final = Namespace(f"{NM_IRI}statistic/")
NM_STATEMENT: Final = Namespace(f"{NM_IRI}statement/")
BIOLINK: Final = Namespace("https://w3id.org/biolink/vocab/")


def nm_term(local_name: str) -> URIRef:
    """The IRI of the declared nm: term `local_name` (a typed spelling of `NM[local_name]`).

    Raises AttributeError if the name is not declared in the ontology.
    """
    iri: URIRef = getattr(NM, local_name)
    return iri


class NM(DefinedNamespace):
    """Classes, properties, sign individuals and named entities of nutrikg."""

    _NS = Namespace("https://w3id.org/nutrikg/")
    _fail = True

    # Entity classes
    Entity: URIRef
    Nutrient: URIRef
    Vitamin: URIRef
    Vitamer: URIRef
    Mineral: URIRef
    ChemicalEntity: URIRef
    Protein: URIRef
    Enzyme: URIRef
    ProteinGroup: URIRef
    Cell: URIRef
    AnatomicalSite: URIRef
    BiologicalProcess: URIRef
    Condition: URIRef
    NutrientState: URIRef
    HealthOutcome: URIRef
    Biomarker: URIRef
    Food: URIRef
    Exposure: URIRef

    # Evidence classes
    Claim: URIRef
    Document: URIRef
    DoseRecommendation: URIRef
    StudyStatistic: URIRef
    RelationProperty: URIRef

    # Signs of relations
    Sign: URIRef
    Positive: URIRef
    Negative: URIRef
    NotCausal: URIRef

    # Annotations on relation properties
    sign: URIRef
    causal: URIRef
    biolinkCategory: URIRef

    # Claim vocabulary
    subject: URIRef
    predicate: URIRef
    object: URIRef
    hedged: URIRef
    negated: URIRef
    confidence: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    rule: URIRef
    readers: URIRef
    dissent: URIRef
    cargo: URIRef
    supportedBy: URIRef

    # Statements and their belief
    Statement: URIRef
    belief: URIRef
    denial: URIRef

    # Document vocabulary
    sourceKind: URIRef
    promotesProducts: URIRef
    publisher: URIRef
    sha256: URIRef
    mentions: URIRef

    # Study statistics
    statisticKind: URIRef
    value: URIRef
    ciLow: URIRef
    ciHigh: URIRef
    sampleSize: URIRef
    trialCount: URIRef

    # Dose recommendations
    nutrient: URIRef
    doseKind: URIRef
    quantityText: URIRef
    doseLow: URIRef
    doseHigh: URIRef
    unit: URIRef
    normalizedLow: URIRef
    normalizedHigh: URIRef
    normalizedUnit: URIRef
    unitTerm: URIRef
    frequency: URIRef
    population: URIRef

    # Relation properties: Activation and modification of proteins
    activates: URIRef
    carboxylates: URIRef
    upregulatesExpressionOf: URIRef
    convertsToActiveForm: URIRef

    # Relation properties: Amounts, levels and processes
    increasesAbsorptionOf: URIRef
    increases: URIRef
    decreases: URIRef
    requiredFor: URIRef

    # Relation properties: Where calcium goes
    directsTo: URIRef
    inhibitsDepositionIn: URIRef
    depositsIn: URIRef
    binds: URIRef

    # Relation properties: Conditions
    prevents: URIRef
    increasesRiskOf: URIRef
    deficiencyOf: URIRef
    excessOf: URIRef
    hasDeficiency: URIRef
    hasExcess: URIRef

    # Relation properties: Bone cells
    builds: URIRef
    breaksDown: URIRef

    # Relation properties: Associations, sources and classification (not causal)
    associatedWith: URIRef
    biomarkerFor: URIRef
    sourceOf: URIRef
    formOf: URIRef
    synergizesWith: URIRef
    hasRecommendedDose: URIRef

    # ===== Named entities (entities.ttl) =====

    # Vitamins and their forms: Vitamin D
    vitamin_d: URIRef
    vitamin_d3: URIRef
    vitamin_d2: URIRef
    calcifediol: URIRef
    calcitriol: URIRef

    # Vitamins and their forms: Vitamin K
    vitamin_k: URIRef
    vitamin_k1: URIRef
    vitamin_k2: URIRef
    mk4: URIRef
    mk7: URIRef
    menadione: URIRef

    # Vitamins and their forms: Vitamin A
    vitamin_a: URIRef
    retinol: URIRef
    retinyl_palmitate: URIRef
    retinoic_acid: URIRef
    beta_carotene: URIRef

    # Vitamins and their forms: B vitamins
    vitamin_b_complex: URIRef
    vitamin_b1: URIRef
    vitamin_b2: URIRef
    vitamin_b3: URIRef
    nicotinic_acid: URIRef
    nicotinamide: URIRef
    nicotinamide_riboside: URIRef
    vitamin_b5: URIRef
    vitamin_b6: URIRef
    pyridoxine: URIRef
    pyridoxal_5_phosphate: URIRef
    vitamin_b7: URIRef
    vitamin_b9: URIRef
    folic_acid: URIRef
    methylfolate: URIRef
    vitamin_b12: URIRef
    methylcobalamin: URIRef
    cyanocobalamin: URIRef
    adenosylcobalamin: URIRef
    hydroxocobalamin: URIRef

    # Vitamins and their forms: Vitamins C and E
    vitamin_c: URIRef
    vitamin_e: URIRef
    alpha_tocopherol: URIRef
    tocotrienol: URIRef

    # Minerals
    calcium: URIRef
    calcium_carbonate: URIRef
    calcium_citrate: URIRef
    calcium_aspartate: URIRef
    magnesium: URIRef
    magnesium_citrate: URIRef
    magnesium_glycinate: URIRef
    phosphorus: URIRef
    phosphate: URIRef
    sodium: URIRef
    salt: URIRef
    potassium: URIRef
    chloride: URIRef
    sulfur: URIRef
    iron: URIRef
    zinc: URIRef
    copper: URIRef
    manganese: URIRef
    iodine: URIRef
    selenium: URIRef
    molybdenum: URIRef
    chromium: URIRef
    fluoride: URIRef
    boron: URIRef
    silicon: URIRef
    trace_mineral: URIRef

    # Other nutrients and chemicals
    omega_3_fatty_acid: URIRef
    estrogen: URIRef
    estradiol: URIRef
    glucosamine: URIRef
    chondroitin: URIRef
    msm: URIRef
    curcumin: URIRef
    provitamin_d3: URIRef
    cholesterol: URIRef
    hydroxyapatite: URIRef
    gamma_carboxyglutamic_acid: URIRef
    warfarin: URIRef

    # Proteins, enzymes and protein groups: Vitamin K-dependent proteins
    vitamin_k_dependent_protein: URIRef
    calcium_binding_protein: URIRef
    osteocalcin: URIRef
    undercarboxylated_osteocalcin: URIRef
    carboxylated_osteocalcin: URIRef
    matrix_gla_protein: URIRef
    dp_ucmgp: URIRef
    gla_rich_protein: URIRef
    gas6: URIRef
    periostin: URIRef
    clotting_factor: URIRef
    prothrombin: URIRef
    factor_vii: URIRef
    factor_ix: URIRef
    factor_x: URIRef
    protein_c: URIRef
    protein_s: URIRef
    protein_z: URIRef

    # Proteins, enzymes and protein groups: Enzymes of the vitamin K and vitamin D cycles
    ggcx: URIRef
    vkorc1: URIRef
    cyp2r1: URIRef
    cyp27b1: URIRef
    cyp24a1: URIRef
    alkaline_phosphatase: URIRef

    # Proteins, enzymes and protein groups: Hormones, receptors and bone proteins
    vitamin_d_receptor: URIRef
    parathyroid_hormone: URIRef
    calcitonin: URIRef
    fgf23: URIRef
    calbindin: URIRef
    collagen: URIRef
    type_i_collagen: URIRef
    rankl: URIRef
    osteoprotegerin: URIRef
    osteopontin: URIRef
    sclerostin: URIRef

    # Cells
    osteoblast: URIRef
    osteoclast: URIRef
    osteocyte: URIRef
    chondrocyte: URIRef
    vascular_smooth_muscle_cell: URIRef
    endothelial_cell: URIRef
    enterocyte: URIRef
    immune_cell: URIRef
    macrophage: URIRef
    t_cell: URIRef
    b_cell: URIRef
    platelet: URIRef
    red_blood_cell: URIRef

    # Anatomical sites: Bone and skeleton
    bone: URIRef
    skeleton: URIRef
    bone_matrix: URIRef
    cartilage: URIRef
    teeth: URIRef
    spine: URIRef
    lumbar_spine: URIRef
    hip: URIRef
    femoral_neck: URIRef
    joint: URIRef
    muscle: URIRef

    # Anatomical sites: Heart and vessels
    heart: URIRef
    heart_valve: URIRef
    blood_vessel: URIRef
    vascular_wall: URIRef
    artery: URIRef
    aorta: URIRef
    coronary_artery: URIRef
    carotid_artery: URIRef
    soft_tissue: URIRef

    # Anatomical sites: Organs
    intestine: URIRef
    small_intestine: URIRef
    kidney: URIRef
    liver: URIRef
    parathyroid_gland: URIRef
    skin: URIRef

    # Anatomical sites: Body fluids
    blood: URIRef
    blood_plasma: URIRef
    blood_serum: URIRef

    # Biological processes: Bone
    bone_mineralization: URIRef
    bone_remodeling: URIRef
    bone_formation: URIRef
    bone_resorption: URIRef
    bone_metabolism: URIRef
    osteoblast_differentiation: URIRef
    osteoclast_differentiation: URIRef
    collagen_synthesis: URIRef

    # Biological processes: Calcium, phosphate and vitamin handling
    nutrient_absorption: URIRef
    calcium_absorption: URIRef
    calcium_reabsorption: URIRef
    calcium_homeostasis: URIRef
    calcium_metabolism: URIRef
    calcium_transport: URIRef
    phosphate_homeostasis: URIRef
    protein_carboxylation: URIRef
    vitamin_d_metabolism: URIRef
    vitamin_d_synthesis: URIRef
    vitamin_k_metabolism: URIRef

    # Biological processes: Blood, immunity and other body functions
    blood_coagulation: URIRef
    inflammation: URIRef
    immune_response: URIRef
    hormone_regulation: URIRef
    muscle_contraction: URIRef
    nerve_function: URIRef
    energy_metabolism: URIRef
    red_blood_cell_formation: URIRef
    dna_synthesis: URIRef
    antioxidant_defense: URIRef
    vision: URIRef
    thyroid_function: URIRef
    wound_healing: URIRef
    drug_metabolism: URIRef
    bile_synthesis: URIRef

    # Conditions: Bone
    osteoporosis: URIRef
    osteopenia: URIRef
    rickets: URIRef
    osteomalacia: URIRef
    bone_fracture: URIRef
    bone_loss: URIRef
    bone_fragility: URIRef
    osteoarthritis: URIRef

    # Conditions: Calcification and cardiovascular
    soft_tissue_calcification: URIRef
    vascular_calcification: URIRef
    arterial_calcification: URIRef
    coronary_artery_calcification: URIRef
    atherosclerosis: URIRef
    arterial_stiffness: URIRef
    coronary_artery_disease: URIRef
    cardiovascular_disease: URIRef
    myocardial_infarction: URIRef
    stroke: URIRef
    hypertension: URIRef
    hyperlipidemia: URIRef

    # Conditions: Kidney, metabolism and calcium balance
    chronic_kidney_disease: URIRef
    kidney_stones: URIRef
    type_2_diabetes: URIRef
    hypercalcemia: URIRef
    hypocalcemia: URIRef
    oxidative_stress: URIRef
    inflammatory_disease: URIRef
    anemia: URIRef
    bleeding: URIRef
    menopause: URIRef

    # Conditions: Nutrient deficiencies and excess
    vitamin_d_deficiency: URIRef
    vitamin_k_deficiency: URIRef
    vitamin_b12_deficiency: URIRef
    magnesium_deficiency: URIRef
    calcium_deficiency: URIRef
    iron_deficiency: URIRef
    scurvy: URIRef
    vitamin_d_toxicity: URIRef

    # Health outcomes
    bone_health: URIRef
    bone_strength: URIRef
    bone_quality: URIRef
    skeletal_integrity: URIRef
    cardiovascular_health: URIRef
    vascular_health: URIRef
    arterial_flexibility: URIRef
    joint_health: URIRef
    dental_health: URIRef

    # Biomarkers
    bone_mineral_density: URIRef
    serum_calcium: URIRef
    serum_phosphate: URIRef
    vitamin_d_status: URIRef
    vitamin_k_status: URIRef
    bone_turnover_marker: URIRef
    bone_alkaline_phosphatase: URIRef
    homocysteine: URIRef
    blood_pressure: URIRef

    # Foods: Fermented and soy foods
    fermented_food: URIRef
    natto: URIRef
    sauerkraut: URIRef
    kimchi: URIRef
    soybean: URIRef

    # Foods: Dairy and eggs
    dairy_product: URIRef
    milk: URIRef
    cheese: URIRef
    aged_cheese: URIRef
    butter: URIRef
    yogurt: URIRef
    egg: URIRef
    egg_yolk: URIRef

    # Foods: Meat and fish
    animal_product: URIRef
    meat: URIRef
    chicken: URIRef
    beef: URIRef
    liver_food: URIRef
    fatty_fish: URIRef
    salmon: URIRef
    mackerel: URIRef
    sardine: URIRef
    gouda: URIRef
    brie: URIRef
    edam: URIRef
    herring: URIRef
    tuna: URIRef
    cod_liver_oil: URIRef
    fish_oil: URIRef
    oysters: URIRef

    # Foods: Plant foods
    leafy_greens: URIRef
    kale: URIRef
    spinach: URIRef
    collard_greens: URIRef
    broccoli: URIRef
    brussels_sprouts: URIRef
    mushrooms: URIRef
    citrus_fruit: URIRef
    nuts: URIRef
    brazil_nuts: URIRef
    seeds: URIRef
    legumes: URIRef
    whole_grains: URIRef
    seaweed: URIRef
    turmeric: URIRef
    aloe_vera: URIRef
    fortified_food: URIRef

    # Exposures
    sunlight: URIRef
    uvb_radiation: URIRef
    exercise: URIRef
    smoking: URIRef
    alcohol_consumption: URIRef
