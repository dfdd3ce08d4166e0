// EGovCore's shared vocabulary (levels, identifiers, localised text) appears in this module's
// public API; re-exported so that `import` of this module alone is enough to use it.
@_exported import EGovCore
