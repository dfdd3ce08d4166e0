import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovSignature

/// Signing with DocumentSigner and validating JWS end to end.
@Suite struct JWSSignatureTests {
    static let day: TimeInterval = 86_400

    struct World {
        var pki: TestPKI
        var clock: ManualClock
        var trustList: TrustList
        var applicant: TestPKI.Issued
        var tsa: LocalTimeStampAuthority

        func signer(timestamped: Bool = false, issued: TestPKI.Issued? = nil) throws -> DocumentSigner {
            let who = issued ?? applicant
            let client = TimeStampClient(transport: tsa, trustAnchors: [pki.root.certificate], clock: clock)
            return try DocumentSigner(
                signingKey: who.privateKey.signingKey(for: Self.algorithm(pki.algorithm)),
                certificates: [who.certificate, pki.intermediate.certificate],
                timestampClient: timestamped ? client : nil, clock: clock)
        }

        static func algorithm(_ algorithm: TestPKI.Algorithm) -> SignatureAlgorithm {
            switch algorithm {
            case .p256: .es256
            case .p384: .es384
            case .rsa: .rs256
            case .sm2: .sm2
            }
        }

        func validator(_ policy: SignaturePolicy = .permissive, crls: [CertificateRevocationList] = [])
            -> SignatureValidator
        {
            SignatureValidator(trustList: trustList, policy: policy, crls: crls)
        }
    }

    static func world(_ algorithm: TestPKI.Algorithm = .p256) throws -> World {
        let pki = try TestPKI(algorithm: algorithm)
        let clock = ManualClock(TestPKI.referenceDate)
        let granted = [TrustedService.StatusChange(status: .granted, from: TestPKI.referenceDate - 3650 * day)]
        let trustList = TrustList(
            name: [.en: "test"],
            services: [
                TrustedService(
                    name: [.en: "CA"], type: .signing, isQualified: true, certificates: [pki.root.certificate],
                    history: granted),
                TrustedService(
                    name: [.en: "TSA"], type: .timestamping, isQualified: true, certificates: [pki.root.certificate],
                    history: granted),
            ])
        let tsaPKI = algorithm == .sm2 ? try TestPKI(algorithm: .p256) : pki
        var list = trustList
        if algorithm == .sm2 {
            list.services.append(
                TrustedService(
                    name: [.en: "TSA"], type: .timestamping, isQualified: true, certificates: [tsaPKI.root.certificate],
                    history: granted))
        }
        return World(
            pki: pki, clock: clock, trustList: list,
            applicant: try pki.issueLeaf(profile: .personSigning, qcStatements: true),
            tsa: try LocalTimeStampAuthority(pki: tsaPKI, clock: clock))
    }

    @Test(arguments: [TestPKI.Algorithm.p256, .sm2])
    func compactAttachedAndDetachedPass(_ algorithm: TestPKI.Algorithm) async throws {
        let world = try Self.world(algorithm)
        let payload = Array(#"{"application":"food-licence","applicant":"CHAN Tai Man"}"#.utf8)
        let signer = try world.signer()
        let attached = try await signer.jws(payload: payload)
        let validator = world.validator()
        let evidence = validator.evidence(in: Array(attached.utf8), detached: nil)
        let report = validator.report(for: evidence.signatures, at: world.clock.now())
        #expect(report.indication == .totalPassed, "\(report.signatures)")
        #expect(report.signatures.first?.level == .qualified)
        #expect(report.signatures.first?.claimedSigningTime == TestPKI.referenceDate)
        #expect(evidence.content == payload)
        #expect(validator.validate(document: Array(attached.utf8), detached: nil, at: world.clock.now()) == report)

        let detached = try await signer.jws(payload: payload, detached: true)
        #expect(
            world.validator().validate(document: Array(detached.utf8), detached: payload, at: world.clock.now())
                .indication
                == .totalPassed)
        let missing = world.validator().validate(document: Array(detached.utf8), detached: nil, at: world.clock.now())
        #expect(missing.subIndication == .signedDataNotFound)
    }

    @Test func tamperingGivesTheRightIndication() async throws {
        let world = try Self.world()
        let payload = Array("application form".utf8)
        let signer = try world.signer()
        let jws = try await signer.jws(payload: payload, detached: true)
        let now = world.clock.now()
        // Payload byte flipped: a JWS signature covers the payload directly, so the signature
        // value fails (there is no separate digest to compare, unlike CMS).
        var flipped = payload
        flipped[0] ^= 1
        #expect(
            world.validator().validate(document: Array(jws.utf8), detached: flipped, at: now).subIndication
                == .sigCryptoFailure)
        // Certificate swapped in x5c: the x5t#S256 reference no longer matches.
        let other = try world.pki.issueLeaf(profile: .personSigning)
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var header = try JSONValue.parse(Base64URL.decode(parts[0]))
        if case .object(var members) = header {
            members["x5c"] = .array([.string(Data(other.certificate.derRepresentation).base64EncodedString())])
            header = .object(members)
        }
        let swapped = [Base64URL.encode(try CanonicalJSON.serialize(header)), parts[1], parts[2]].joined(separator: ".")
        #expect(
            world.validator().validate(document: Array(swapped.utf8), detached: payload, at: now).subIndication
                == .noSigningCertificateFound)
        // Garbage.
        #expect(
            world.validator().validate(document: Array("not.a.jws".utf8), detached: nil, at: now).subIndication
                == .formatFailure)
        // Unknown root.
        let stranger = try Self.world()
        #expect(
            stranger.validator().validate(document: Array(jws.utf8), detached: payload, at: now).subIndication
                == .noCertificateChainFound)
        // Algorithm forbidden by policy.
        let sm2Only = SignaturePolicy(id: "sm2", documentType: "x", allowedAlgorithms: [.sm2])
        #expect(
            world.validator(sm2Only).validate(document: Array(jws.utf8), detached: payload, at: now).subIndication
                == .cryptoConstraintsFailure)
    }

    @Test func timestampProvesSigningBeforeExpiry() async throws {
        let world = try Self.world()
        let payload = Array("decision".utf8)
        let json = try await world.signer(timestamped: true).jwsJSON(payload: payload)
        let text = String(decoding: try json.jsonBytes(), as: UTF8.self)
        #expect(text.contains("etsiU"))
        let now = world.clock.now()
        let fresh = world.validator().validate(document: Array(text.utf8), detached: nil, at: now)
        #expect(fresh.indication == .totalPassed)
        #expect(fresh.signatures.first?.provenSigningTime == now)
        // Two years later the applicant's certificate has expired; the time-stamp proves the
        // signature was made while it was valid.
        let later = now + 2 * 365 * Self.day
        #expect(
            world.validator().validate(document: Array(text.utf8), detached: nil, at: later).indication == .totalPassed)
        // The same signature without a time-stamp: indeterminate, or failed if the policy says so.
        let bare = String(decoding: try await world.signer().jwsJSON(payload: payload).jsonBytes(), as: UTF8.self)
        #expect(
            world.validator().validate(document: Array(bare.utf8), detached: nil, at: later).subIndication
                == .outOfBoundsNoPOE)
        var strict = SignaturePolicy.permissive
        strict.expiredWithoutProof = .failed
        #expect(
            world.validator(strict).validate(document: Array(bare.utf8), detached: nil, at: later).indication
                == .totalFailed)
        // A policy that requires a time-stamp.
        var needsTST = SignaturePolicy.permissive
        needsTST.timestampRequired = true
        #expect(
            world.validator(needsTST).validate(document: Array(bare.utf8), detached: nil, at: now).subIndication
                == .sigConstraintsFailure)
        #expect(
            world.validator(needsTST).validate(document: Array(text.utf8), detached: nil, at: now).indication
                == .totalPassed)
    }

    /// A time-stamp client of `world`'s TSA.
    static func timestampClient(_ world: World) -> TimeStampClient {
        TimeStampClient(transport: world.tsa, trustAnchors: [world.pki.root.certificate], clock: world.clock)
    }

    @Test("JAdES sigTst: the imprint covers the base64url JWS Signature Value (ETSI TS 119 182-1 5.3.4)")
    func sigTstImprintIsOverTheBase64URLSignatureValue() async throws {
        let world = try Self.world()
        let payload = Array("decision".utf8)
        let now = world.clock.now()
        // What EGovKit writes: the imprint is SHA-256 of the ASCII base64url signature value.
        let signed = try await world.signer(timestamped: true).jwsJSON(payload: payload)
        let signature = try #require(signed.signatures.first)
        let (tokens, problems) = SignatureTimestamps.tokens(inUnprotected: signature.unprotectedHeader)
        #expect(problems.isEmpty)
        let token = try TimeStampToken(derRepresentation: try #require(tokens.first))
        let encoded = Array(Base64URL.encode(signature.signature).utf8)
        #expect(token.messageImprint == HashAlgorithm.sha256.hash(encoded))
        // What EGovKit reads: a token made independently by that rule is accepted...
        let bare = try await world.signer().jwsJSON(payload: payload)
        let value = try #require(bare.signatures.first).signature
        let standard = try await Self.timestampClient(world).timestamp(data: Array(Base64URL.encode(value).utf8))
        let stamped = try bare.settingUnprotectedHeader(SignatureTimestamps.etsiU([standard]), at: 0)
        let report = world.validator().validate(document: try stamped.jsonBytes(), detached: nil, at: now)
        #expect(report.indication == .totalPassed)
        #expect(report.signatures.first?.provenSigningTime == now)
        #expect(report.signatures.first?.warnings.contains { $0.contains("time-stamp") } == false)
        // ...and one over the decoded signature bytes (earlier EGovKit versions) is not.
        let decoded = try await Self.timestampClient(world).timestamp(data: value)
        let old = try bare.settingUnprotectedHeader(SignatureTimestamps.etsiU([decoded]), at: 0)
        let oldReport = world.validator().validate(document: try old.jsonBytes(), detached: nil, at: now)
        #expect(oldReport.signatures.first?.provenSigningTime == nil)
        #expect(oldReport.signatures.first?.warnings.contains { $0.contains("time-stamp") } == true)
    }

    @Test(
        "a malformed etsiU is reported and never proves a time",
        arguments: [
            "[1]", "[[]]", #"[{"sigTst": {"tstTokens": null}}]"#, #"[{"sigTst": {"tstTokens": []}}]"#,
            #"[{"sigTst": null}]"#, #"[{"sigTst": {"tstTokens": [1]}}]"#, #"{"sigTst": {}}"#, "[{}]",
            #"[{"sigTst": {"tstTokens": [{"val": "AAAA=="}]}}]"#,
        ])
    func malformedEtsiUIsAWarning(_ etsiU: String) async throws {
        let world = try Self.world()
        let payload = Array("decision".utf8)
        let now = world.clock.now()
        let bare = try await world.signer().jwsJSON(payload: payload)
        let parsed = try JSONValue.parse(etsiU)
        let text = String(
            decoding: try bare.settingUnprotectedHeader(["etsiU": parsed], at: 0).jsonBytes(), as: UTF8.self)
        let result = try #require(
            world.validator().validate(document: Array(text.utf8), detached: nil, at: now).signatures.first)
        #expect(result.provenSigningTime == nil)
        #expect(result.warnings.contains { $0.contains("etsiU") || $0.contains("sigTst") }, "\(result.warnings)")
        // Never a time-stamp level: a policy that requires one is not satisfied.
        var needsTST = SignaturePolicy.permissive
        needsTST.timestampRequired = true
        #expect(
            world.validator(needsTST).validate(document: Array(text.utf8), detached: nil, at: now).indication
                != .totalPassed)
    }

    @Test func applicantSignsAndDepartmentSeals() async throws {
        let world = try Self.world()
        var sealPKI = world.pki
        let seal = try sealPKI.issueLeaf(profile: .organisationSeal, qcStatements: true)
        var trustList = world.trustList
        trustList.services.append(
            TrustedService(
                name: [.en: "Seal CA"], type: .seal, isQualified: true,
                certificates: [world.pki.intermediate.certificate],
                history: [.init(status: .granted, from: TestPKI.referenceDate - 3650 * Self.day)]))
        let payload = Array("application".utf8)
        let applicantSigned = try await world.signer().jwsJSON(payload: payload)
        let sealed = try await world.signer(issued: seal).addingSignature(to: applicantSigned)
        var policy = SignaturePolicy.permissive
        policy.minimumSignatures = 2
        let report = SignatureValidator(trustList: trustList, policy: policy)
            .validate(document: try sealed.jsonBytes(), detached: nil, at: world.clock.now())
        #expect(report.indication == .totalPassed, "\(report.signatures)")
        #expect(report.signatures.map(\.kind) == [.signature, .seal])
        #expect(report.signatures.map(\.level) == [.qualified, .qualified])
        sealPKI.revoke(seal.certificate.serialNumber)
    }

    @Test func revokedSignerCertificate() async throws {
        var world = try Self.world()
        let payload = Array("x".utf8)
        let jws = try await world.signer().jws(payload: payload)
        world.pki.revoke(world.applicant.certificate.serialNumber, at: TestPKI.referenceDate - Self.day)
        let crl = try world.pki.crl(at: TestPKI.referenceDate)
        let report = world.validator(crls: [crl]).validate(
            document: Array(jws.utf8), detached: nil, at: world.clock.now() + 60)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .revoked)
    }
}
