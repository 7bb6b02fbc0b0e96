"""The evidence bundle of an approved dataset: build it (an audited export) and verify it."""

from reviews.bundle.build import NotApproved, build_bundle, bundle_file_name, bundle_members, zip_bytes
from reviews.bundle.listing import ExportView, approved_datasets, export_view, past_exports
from reviews.bundle.verify import BundleReport, verify_bundle
from synth.csv_safety import neutralise, safe_csv_bytes

__all__ = [
    "BundleReport",
    "ExportView",
    "NotApproved",
    "approved_datasets",
    "build_bundle",
    "bundle_file_name",
    "bundle_members",
    "export_view",
    "neutralise",
    "past_exports",
    "safe_csv_bytes",
    "verify_bundle",
    "zip_bytes",
]
