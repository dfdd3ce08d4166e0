#!/usr/bin/env bash
# Exports the sample catalogue as CPSV-AP 3.2 JSON-LD and validates it with pySHACL against the
# SEMIC CPSV-AP 3.2.0 SHACL shapes. Needs python3 with pyshacl and rdflib (`pip install pyshacl
# rdflib`; set PYTHON to use another interpreter) and the shapes file: $CPSV_AP_SHAPES if set,
# otherwise it is downloaded from SEMIC's published URL. The shapes are SEMIC's (CC BY 4.0) and are
# not kept in this repository. Not part of `swift test`: the Swift test CPSVAPShapeTests checks the
# cardinalities and classes without pySHACL.
#
#   bash Conformance/cpsv-ap-shacl.sh [CATALOGUE.json]
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
catalogue=${1:-Sources/EGovCatalogue/Resources/sample-catalogue.json}
"$python" -c "import pyshacl, rdflib" 2>/dev/null || { echo "pyshacl and rdflib are needed: pip install pyshacl rdflib"; exit 2; }
shapes_url=https://semiceu.github.io/CPSV-AP/releases/3.2.0/shacl/cpsv-ap-SHACL.ttl
shapes=${CPSV_AP_SHAPES:-}
if [ -z "$shapes" ]; then
    shapes=$(mktemp --suffix=.ttl)
    curl -fsSL "$shapes_url" -o "$shapes" || { echo "could not download $shapes_url; set CPSV_AP_SHAPES"; exit 2; }
fi
swift build --product egov >/dev/null || { swift build --product egov; exit 2; }
export_file=$(mktemp)
trap 'rm -f "$export_file"' EXIT
"$(swift build --show-bin-path)/egov" catalog export --format cpsv-ap "$catalogue" > "$export_file"
"$python" Conformance/cpsv-ap-shacl.py "$export_file" "$shapes"
