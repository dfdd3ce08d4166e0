/// Dotted OIDs of common extended key usage purposes (RFC 5280 section 4.2.1.12 and successors).
public enum ExtendedKeyUsage {
    /// anyExtendedKeyUsage, 2.5.29.37.0.
    public static let any = "2.5.29.37.0"
    /// TLS server authentication, 1.3.6.1.5.5.7.3.1.
    public static let serverAuth = "1.3.6.1.5.5.7.3.1"
    /// TLS client authentication, 1.3.6.1.5.5.7.3.2.
    public static let clientAuth = "1.3.6.1.5.5.7.3.2"
    /// Code signing, 1.3.6.1.5.5.7.3.3.
    public static let codeSigning = "1.3.6.1.5.5.7.3.3"
    /// E-mail protection (S/MIME), 1.3.6.1.5.5.7.3.4.
    public static let emailProtection = "1.3.6.1.5.5.7.3.4"
    /// Time stamping (RFC 3161), 1.3.6.1.5.5.7.3.8.
    public static let timeStamping = "1.3.6.1.5.5.7.3.8"
    /// OCSP signing, 1.3.6.1.5.5.7.3.9.
    public static let ocspSigning = "1.3.6.1.5.5.7.3.9"
    /// Document signing (RFC 9336), 1.3.6.1.5.5.7.3.36.
    public static let documentSigning = "1.3.6.1.5.5.7.3.36"
    /// Adobe Authentic Documents Trust, 1.2.840.113583.1.1.5 (seen on PDF signing certificates).
    public static let adobeAuthenticDocumentsTrust = "1.2.840.113583.1.1.5"
    /// Microsoft document signing, 1.3.6.1.4.1.311.10.3.12.
    public static let microsoftDocumentSigning = "1.3.6.1.4.1.311.10.3.12"
}
