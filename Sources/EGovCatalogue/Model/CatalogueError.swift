import EGovCore

/// Errors raised while loading, importing or exporting a ``Catalogue``.
public enum CatalogueError: EGovError, Equatable {
    /// The input is larger than the accepted limit, in bytes.
    case tooLarge(limit: Int)
    /// The input is not a well-formed catalogue document; `detail` says which part.
    case malformed(detail: String)
    /// The bundled sample catalogue resource could not be found.
    case resourceMissing
    /// The catalogue could not be serialised.
    case encodingFailed(detail: String)
    /// A JSON-LD document does not follow the CPSV-AP shape this module writes; `path` locates it.
    case unsupportedJSONLD(path: String, detail: String)
    /// An identifier or address at `path` (a JSON path into the native form, or `spatial`) cannot be
    /// written into an IRI as it is (see `IRISafety`); ``CatalogueValidator`` reports it as
    /// `catalog.validation.invalid_identifier` or `catalog.validation.invalid_url`.
    case invalidIRI(path: String)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .tooLarge: "catalog.load.too_large"
        case .malformed: "catalog.load.malformed"
        case .resourceMissing: "catalog.load.resource_missing"
        case .encodingFailed: "catalog.export.encoding_failed"
        case .unsupportedJSONLD: "catalog.jsonld.unsupported"
        case .invalidIRI: "catalog.export.invalid_iri"
        }
    }

    /// A readable explanation of what was wrong.
    public var reason: String {
        switch self {
        case .tooLarge(let limit): "the catalogue is larger than \(limit) bytes"
        case .malformed(let detail): "the catalogue is malformed: \(detail)"
        case .resourceMissing: "the sample catalogue resource is missing from the bundle"
        case .encodingFailed(let detail): "the catalogue could not be encoded: \(detail)"
        case .unsupportedJSONLD(let path, let detail): "unsupported JSON-LD at \(path): \(detail)"
        case .invalidIRI(let path): "the value at \(path) cannot be written into an IRI; validate the catalogue"
        }
    }
}
