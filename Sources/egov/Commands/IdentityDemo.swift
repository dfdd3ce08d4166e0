import EGovKit
import Foundation

/// The identity part of `egov demo`: a resident, a company account, a mandate, a login at
/// `substantial`, and a token for acting on the company's behalf.
enum IdentityDemo {
    /// A fixed moment, so the demo reads the same every time.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    static var steps: [DemoStep] { [identifiers, accountsAndMandates, login, actingToken] }

    static let identifiers = DemoStep(title: "Identity: identifier schemes check their check characters") {
        let registry = IdentifierSchemeRegistry.builtIn
        let cases: [(String, String, Bool)] = [
            ("cn-rid", "11010519491231002X", true), ("cn-rid", "110105194912310021", false),
            ("hk-hkid", "A123456(3)", true), ("cn-uscc", "91110000600037341L", true),
            (
                "mrz-td3", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
                true
            ),
        ]
        var shown: [String] = []
        for (scheme, value, expected) in cases {
            let result = try registry.validate(value, scheme: scheme, at: now)
            guard result.isValid == expected else {
                throw DemoStep.Unexpected(detail: "\(scheme) \(result.masked): expected valid=\(expected)")
            }
            shown.append("\(scheme) \(result.masked) \(result.isValid ? "valid" : "refused")")
        }
        return shown.joined(separator: "; ")
    }

    static func makeRegistry() throws -> (MandateRegistry, PersonID, PersonID, OrganisationID) {
        let director = try PersonID("person-chan")
        let clerk = try PersonID("person-lei")
        let company = try OrganisationID("org-restaurant-boa-mesa")
        var registry = MandateRegistry()
        try registry.register(
            OrganisationAccount(
                id: try AccountID("acct-org-1"), organisation: company,
                members: [
                    Membership(person: director, role: .legalRepresentative, from: now - 365 * 86_400),
                    Membership(person: clerk, role: .authorisedStaff, from: now - 30 * 86_400),
                ], openedAt: now - 365 * 86_400))
        try registry.register(
            Mandate(
                id: try MandateID("mandate-licences"), grantor: company, grantee: clerk,
                scope: MandateScope(services: .only([try ServiceID("food-licence")]), actions: .only([.apply, .view])),
                validFrom: now - 86_400, validUntil: now + 180 * 86_400, grantedBy: director))
        return (registry, director, clerk, company)
    }

    static let accountsAndMandates = DemoStep(title: "Identity: a company account, its members and a mandate") {
        let (registry, director, clerk, company) = try makeRegistry()
        let licence = try ServiceID("food-licence")
        let checks: [(PersonID, ServiceAction, Bool)] = [
            (director, .pay, true), (clerk, .apply, true), (clerk, .pay, false),
        ]
        var lines: [String] = []
        for (person, action, expected) in checks {
            let decision = registry.canAct(person: person, for: company, action: action, service: licence, at: now)
            guard decision.isAllowed == expected else {
                throw DemoStep.Unexpected(detail: "\(person) \(action): \(decision)")
            }
            lines.append("\(person) \(action): \(decision.reason.code)")
        }
        return lines.joined(separator: "; ")
    }

    static let login = DemoStep(title: "Identity: password alone asks for step-up; password + TOTP reaches substantial")
    {
        let totp = try TimeBasedOneTimePassword(secret: Array("12345678901234567890".utf8))
        let code = try totp.code(at: now)
        guard let step = try totp.verify(code, at: now) else { throw DemoStep.Unexpected(detail: "TOTP not accepted") }
        let policy = AssurancePolicy.default
        let password = AuthenticationEvent(method: .password, time: now - 30)
        guard case .stepUp(_, let current, let options) = policy.decide([password], required: .substantial, at: now)
        else {
            throw DemoStep.Unexpected(detail: "a password alone was accepted at substantial")
        }
        let events = [password, AuthenticationEvent(method: .totp, time: now)]
        guard policy.decide(events, required: .substantial, at: now) == .allow(level: .substantial) else {
            throw DemoStep.Unexpected(detail: "password + TOTP did not reach substantial")
        }
        let suggested = options.prefix(2).map { $0.map(\.rawValue).joined(separator: "+") }.joined(separator: " or ")
        return "password alone: \(current?.rawValue ?? "none"), step-up with \(suggested); "
            + "TOTP step \(step) accepted: substantial (\(AssuranceLevel.substantial.acr))"
    }

    static let actingToken = DemoStep(
        title: "Identity: a token for the clerk acting for the company, checked by a department"
    ) {
        let (registry, _, clerk, company) = try makeRegistry()
        let decision = registry.canAct(
            person: clerk, for: company, action: .apply, service: try ServiceID("food-licence"), at: now)
        guard case .allowedByMandate(let mandate) = decision.reason else {
            throw DemoStep.Unexpected(detail: "expected the mandate to allow applying: \(decision)")
        }
        let clock = FixedClock(time: now)
        let key = try PrivateKey.generate(.sm2).signingKey(for: .sm2)
        let issuer = try TokenIssuer(issuer: "https://account.gov.mo", signingKey: key, keyID: "idp-2026", clock: clock)
        let token = try await issuer.issue(
            subject: company.rawValue, audience: ["iam"], level: .substantial, methods: [.password, .totp],
            actor: ActorClaim(subject: clerk.rawValue, mandate: mandate.rawValue))
        let keys = try JWKSet(jsonBytes: try issuer.jwks().jsonBytes()).verificationKeys()
        let verifier = try TokenVerifier(keySet: keys, issuer: "https://account.gov.mo", audience: "iam", clock: clock)
        let claims = try verifier.verify(token)
        guard claims.actor?.subject == clerk.rawValue else { throw DemoStep.Unexpected(detail: "act claim lost") }
        do {
            _ = try TokenVerifier(keySet: keys, issuer: "https://account.gov.mo", audience: "dsf", clock: clock).verify(
                token)
            throw DemoStep.Unexpected(detail: "a token for IAM was accepted by DSF")
        } catch let error as TokenError where error == .wrongAudience {}
        return "SM2-signed at+jwt: sub \(claims.subject), act \(claims.actor?.subject ?? "?") under \(mandate), "
            + "acr substantial; another department's audience is refused"
    }
}
