#!/usr/bin/env bash
# Exports the sample catalogue as CPSV-AP 3.2 JSON-LD and validates it with pySHACL against the
# SEMIC CPSV-AP 3.2.0 shapes in Conformance/cpsv-ap/. Needs python3 with pyshacl and rdflib
# (`pip install pyshacl rdflib`; set PYTHON to use another interpreter). Not part of `swift test`:
# the Swift test CPSVAPShapeTests checks the cardinalities and classes without pySHACL.
#
#   bash Conformance/cpsv-ap-shacl.sh [CATALOGUE.json]
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
catalogue=${1:-Sources/EGovCatalog/Resources/sample-catalogue.json}
"$python" -c "import pyshacl, rdflib" 2>/dev/null || { echo "pyshacl and rdflib are needed: pip install pyshacl rdflib"; exit 2; }
swift build --product egov >/dev/null || { swift build --product egov; exit 2; }
export_file=$(mktemp)
trap 'rm -f "$export_file"' EXIT
"$(swift build --show-bin-path)/egov" catalog export --format cpsv-ap "$catalogue" > "$export_file"
"$python" Conformance/cpsv-ap-shacl.py "$export_file"
