/// How to reach a ``PublicOrganisation`` or a service desk (CPSV-AP `ContactPoint`).
public struct ContactPoint: Sendable, Hashable, Codable {
    /// A telephone number, e.g. `+853 2833 7676`.
    public var telephone: String?
    /// An e-mail address.
    public var email: String?
    /// A web page, e.g. the department's home page.
    public var url: String?

    /// Creates a contact point.
    public init(telephone: String? = nil, email: String? = nil, url: String? = nil) {
        self.telephone = telephone
        self.email = email
        self.url = url
    }
}
