"""Words the core hands to the pages, which the pages translate with ``_(value)`` at run time.

Extraction cannot see them (they are values, not literals next to ``_``), so they are declared
here once with ``N_`` to land in the catalog. ``tests/test_i18n.py`` checks that every value
the core defines (roles, purposes, stages, flag reasons, documentation fields...) is listed.
"""

from __future__ import annotations

from ui.i18n import N_

DATASET_KINDS = (N_("real"), N_("synthetic"), N_("accepted"))
ROLES = (N_("admin"), N_("steward"), N_("reviewer"), N_("officer"))
PURPOSES = (N_("privacy"), N_("bias"), N_("augmentation"))
STAGES = (N_("fine-tuning"), N_("evaluation"), N_("testing"), N_("pre-training"))
ROUND_MODES = (N_("pairwise"), N_("listwise"), N_("blind"))
COLLAPSE_MODES = (N_("replace"), N_("accumulate"))
STATUSES = (
    N_("pass"), N_("warn"), N_("fail"), N_("missing"), N_("n/a"),  # gates and checklist items
    N_("open"), N_("closed"), N_("passed"), N_("failed"),  # rounds and inspections
    N_("queued"), N_("running"), N_("done"), N_("cancelled"),  # background jobs
)
VERDICTS = (N_("approve"), N_("approve_with_conditions"), N_("reject"))
# Shown with underscores turned into spaces.
FLAG_REASONS = (N_("impossible value"), N_("implausible combination"), N_("looks copied"), N_("formatting"),
                N_("other"))
PRIVACY_RISKS = (N_("singling out"), N_("linkability"), N_("inference"))

# reviews.overview.NEXT_STEPS and its follow-up step.
NEXT_STEPS = (
    N_("Load a real table on the Data page (or the demo data) to profile it."),
    N_("Add your team on the Users page, then a steward loads data."),
    N_("Wait for a steward to open a review round; it will appear here."),
    N_("Datasets ready for sign-off will appear here."),
    N_("Open a dataset on the Data page to see its profile; generation comes next."),
)
# reviews.agreement: the warning without numbers in it.
AGREEMENT_WARNINGS = (
    N_("No task has been answered by two reviewers yet, so agreement cannot be measured."),
)

# reviews.signoff.documentation: GROUP_TITLES and each field's label and help.
DOCUMENTATION = (
    N_("EU AI Act Art. 10(2) documentation"), N_("Datasheet"),
    N_("Design choices"), N_("Art. 10(2)(a): why this purpose, generator and settings."),
    N_("Data origin and original purpose"),
    N_("Art. 10(2)(b): where the real data came from and why it was first collected."),
    N_("Preparation steps"), N_("Art. 10(2)(c): cleaning, splitting, generation, review and acceptance."),
    N_("Assumptions"), N_("Art. 10(2)(d): what the data is assumed to measure and represent."),
    N_("Quantity and suitability"), N_("Art. 10(2)(e): how many rows, and why they suit the intended use."),
    N_("Bias examination"), N_("Art. 10(2)(f): which biases were looked for, how, and what was found."),
    N_("Bias mitigation"), N_("Art. 10(2)(g): what was done about the biases found."),
    N_("Gaps and how they are addressed"),
    N_("Art. 10(2)(h): missing data or shortcomings, and how they are handled."),
    N_("Motivation"), N_("Why the dataset was created, and by whom."),
    N_("Composition"), N_("What a row is, what the columns mean, what is synthetic."),
    N_("Collection process"), N_("How the source rows and the synthetic rows came about."),
    N_("Preprocessing"), N_("Cleaning and labelling applied before and after generation."),
    N_("Uses"), N_("Intended and excluded uses, including the allowed training stages."),
    N_("Distribution"), N_("Who receives it, in what form, under which terms."),
    N_("Maintenance"), N_("Who maintains it and how errors are reported and fixed."),
)
