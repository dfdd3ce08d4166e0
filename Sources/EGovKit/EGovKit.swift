@_exported import EGovCertificates
// The umbrella module: `import EGovKit` brings in every EGovKit module a department service needs.
@_exported import EGovCore
@_exported import EGovCrypto
@_exported import EGovIdentity
@_exported import EGovSignature
@_exported import EGovNotifications
@_exported import EGovCatalogue
@_exported import EGovInterop
@_exported import EGovSQLite
