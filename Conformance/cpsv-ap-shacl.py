"""Validate EGovKit's CPSV-AP JSON-LD export against the SEMIC CPSV-AP 3.2.0 SHACL shapes.

Usage: python3 cpsv-ap-shacl.py EXPORT.jsonld SHAPES.ttl

No network: the remote CPSV-AP context that the export names is replaced by the local excerpt
cpsv-ap/cpsv-ap-context-classes.jsonld (the class terms of the official 3.2.0 context, the only
terms of it the export uses: every property is a compact IRI with a prefix the export declares).
Refuses an export whose top-level object has members besides @context and @graph (its triples
would be in a named graph). Prints the number of focus nodes per class, the number of violations,
and each violation; exits 1 if there is any violation.
"""

import json
import pathlib
import sys

import pyshacl
import rdflib
from rdflib.namespace import RDF, SH

HERE = pathlib.Path(__file__).resolve().parent
CONTEXT_URL = "https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld"


def main(path: str, shapes_path: str) -> int:
    document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    local = json.loads((HERE / "cpsv-ap" / "cpsv-ap-context-classes.jsonld").read_text(encoding="utf-8"))["@context"]
    contexts = document["@context"] if isinstance(document["@context"], list) else [document["@context"]]
    if CONTEXT_URL not in contexts:
        print(f"the export does not name the CPSV-AP 3.2.0 context {CONTEXT_URL}")
        return 1
    # A top-level member beside @context and @graph makes @graph a named graph (JSON-LD 1.1), which
    # validators reading the default graph ignore; rdflib merges it into the default graph, so
    # check the shape here.
    extra = sorted(set(document) - {"@context", "@graph"})
    if extra:
        print(f"top-level members besides @context and @graph make the graph a named graph: {extra}")
        return 1
    document["@context"] = [local if item == CONTEXT_URL else item for item in contexts]
    data = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")

    targets = {}
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        for cls in shapes.objects(shape, SH.targetClass):
            targets[cls] = set(data.subjects(RDF.type, cls))
    focus = set().union(*targets.values())
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False)
    violations = list(report.subjects(RDF.type, SH.ValidationResult))
    print(f"triples: {len(data)}")
    print(f"focus nodes: {len(focus)}")
    for cls, nodes in sorted(targets.items(), key=lambda item: str(item[0])):
        if nodes:
            print(f"  {data.namespace_manager.normalizeUri(cls)}: {len(nodes)}")
    print(f"violations: {len(violations)}")
    if not conforms:
        print(text)
    return 0 if conforms else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
