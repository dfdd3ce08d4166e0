import EGovCrypto
import EGovTesting
import Foundation
import Testing

@Suite struct X509ChainValidatorTests {
    let reference = TestPKI.referenceDate
    let validator = CertificateChainValidator()

    func validate(
        _ pki: TestPKI, leaf: Certificate? = nil, intermediates: [Certificate]? = nil,
        anchors: [Certificate]? = nil,
        crls: [CertificateRevocationList] = [], at time: Date? = nil,
        purpose: CertificatePurpose = .any,
        revocation: RevocationCheck = .leafWhenCRLsSupplied, validator: CertificateChainValidator? = nil
    ) -> ChainValidationResult {
        (validator ?? self.validator).validate(
            leaf ?? pki.leaf.certificate, intermediates: intermediates ?? [pki.intermediate.certificate],
            trustAnchors: anchors ?? [pki.root.certificate], crls: crls, at: time ?? reference,
            purpose: purpose,
            revocation: revocation)
    }

    @Test(arguments: TestPKI.Algorithm.allCases)
    func validThreeLevelChain(algorithm: TestPKI.Algorithm) throws {
        let pki = try TestPKI(algorithm: algorithm)
        let result = validate(pki, purpose: .signing)
        #expect(result.isValid, "\(String(describing: result.failure))")
        #expect(!result.isIndeterminate)
        #expect(
            result.chain == [pki.leaf.certificate, pki.intermediate.certificate, pki.root.certificate])
    }

    @Test func sm2ChainWithWrongDistinguishingIDFails() throws {
        let pki = try TestPKI(algorithm: .sm2)
        let wrong = CertificateChainValidator(sm2ID: try SM2DistinguishingID("wrong-id"))
        let result = validate(pki, validator: wrong)
        #expect(result.failure == .signatureInvalid)
        #expect(result.chain.isEmpty)
        // The PKI itself was signed with a non-default ID: only that ID validates.
        let custom = try SM2DistinguishingID("egovkit@example")
        let customPKI = try TestPKI(algorithm: .sm2, sm2ID: custom)
        #expect(validate(customPKI).failure == .signatureInvalid)
        #expect(validate(customPKI, validator: CertificateChainValidator(sm2ID: custom)).isValid)
    }

    @Test func expiredAndNotYetValidLeaf() throws {
        let pki = try TestPKI()
        let expired = validate(pki, at: reference + 2 * TestPKI.year)
        #expect(expired.failure == .expired)
        #expect(!expired.isIndeterminate)
        let early = validate(pki, at: reference - 2 * TestPKI.year)
        #expect(early.failure == .notYetValid)
        #expect(early.isIndeterminate)
        let clock = ManualClock()
        #expect(validate(pki, at: clock.now()).isValid)
        clock.advance(by: TestPKI.year + 1)
        #expect(validate(pki, at: clock.now()).failure == .expired)
        // OpenSSL treats the exact notAfter second as expired (documented on the validator).
        #expect(validate(pki, at: pki.leaf.certificate.notAfter - 1).isValid)
        #expect(validate(pki, at: pki.leaf.certificate.notAfter).failure == .expired)
        #expect(validate(pki, at: pki.leaf.certificate.notBefore).isValid)
    }

    /// profile -> purposes that must be accepted (all others must be refused).
    static let purposeMatrix: [(TestPKI.LeafProfile, Set<CertificatePurpose>)] = [
        (.personSigning, [.any, .signing]),
        (.organisationSeal, [.any, .signing, .seal]),
        (.timestamping, [.any, .timestamping]),
        (.server, [.any, .server]),
    ]

    @Test func purposeRulesPerProfile() throws {
        let pki = try TestPKI()
        for (profile, accepted) in Self.purposeMatrix {
            let leaf = try pki.issueLeaf(profile: profile).certificate
            for purpose in CertificatePurpose.allCases {
                let result = validate(pki, leaf: leaf, purpose: purpose)
                if accepted.contains(purpose) {
                    #expect(
                        result.isValid, "\(profile) for \(purpose): \(String(describing: result.failure))")
                } else {
                    guard case .purposeMismatch = result.failure else {
                        Issue.record("\(profile) for \(purpose) gave \(String(describing: result.failure))")
                        continue
                    }
                    #expect(!result.isIndeterminate)
                }
            }
        }
    }

    @Test func purposeEdgeCases() throws {
        let pki = try TestPKI()
        func failure(_ purpose: CertificatePurpose, _ configure: (inout CertificateBuilder) -> Void)
            throws -> ChainValidationFailure?
        {
            validate(pki, leaf: try pki.issueCustomLeaf(configure).certificate, purpose: purpose).failure
        }
        // Signing: no key usage, or only keyEncipherment.
        #expect(
            try failure(.signing) { $0.keyUsage = nil }
                == .purposeMismatch("keyUsage extension is missing"))
        #expect(
            try failure(.signing) { $0.keyUsage = [.keyEncipherment] }
                == .purposeMismatch("keyUsage lacks digitalSignature and nonRepudiation"))
        // Signing: EKU compatible (anyExtendedKeyUsage, documentSigning) vs. serverAuth/clientAuth only.
        #expect(
            try failure(.signing) {
                $0.keyUsage = [.nonRepudiation]
                $0.extendedKeyUsage = [ExtendedKeyUsage.any]
            } == nil)
        #expect(
            try failure(.signing) {
                $0.keyUsage = [.digitalSignature]
                $0.extendedKeyUsage = [ExtendedKeyUsage.documentSigning]
            } == nil)
        #expect(
            try failure(.signing) {
                $0.keyUsage = [.digitalSignature]
                $0.extendedKeyUsage = [ExtendedKeyUsage.serverAuth, ExtendedKeyUsage.clientAuth]
            }
                == .purposeMismatch("extendedKeyUsage excludes document signing"))
        // Seal needs an organisation name.
        #expect(
            try failure(.seal) { $0.keyUsage = [.nonRepudiation] }
                == .purposeMismatch("seal certificate subject lacks organizationName"))
        // Server: digitalSignature required, serverAuth required.
        #expect(
            try failure(.server) {
                $0.keyUsage = [.keyEncipherment]
                $0.extendedKeyUsage = [ExtendedKeyUsage.serverAuth]
            } == .purposeMismatch("keyUsage lacks digitalSignature"))
        #expect(
            try failure(.server) {
                $0.keyUsage = [.digitalSignature]
                $0.extendedKeyUsage = [ExtendedKeyUsage.clientAuth]
            } == .purposeMismatch("extendedKeyUsage lacks serverAuth"))
        // Timestamping: EKU must be exactly timeStamping and critical.
        #expect(
            try failure(.timestamping) {
                $0.keyUsage = [.digitalSignature]
                $0.extendedKeyUsage = [ExtendedKeyUsage.timeStamping]
            }
                == .purposeMismatch("extendedKeyUsage must be critical"))
        #expect(
            try failure(.timestamping) {
                $0.keyUsage = [.digitalSignature]
                $0.extendedKeyUsage = [ExtendedKeyUsage.timeStamping, ExtendedKeyUsage.serverAuth]
                $0.extendedKeyUsageIsCritical = true
            } == .purposeMismatch("extendedKeyUsage must be exactly timeStamping"))
        #expect(
            try failure(.timestamping) {
                $0.keyUsage = [.keyEncipherment]
                $0.extendedKeyUsage = [ExtendedKeyUsage.timeStamping]
                $0.extendedKeyUsageIsCritical = true
            } == .purposeMismatch("keyUsage lacks digitalSignature and nonRepudiation"))
        #expect(
            try failure(.timestamping) { $0.keyUsage = nil }
                == .purposeMismatch("extendedKeyUsage must be exactly timeStamping"))
    }

    @Test(arguments: [TestPKI.Algorithm.p256, .sm2])
    func revokedByCRL(algorithm: TestPKI.Algorithm) throws {
        var pki = try TestPKI(algorithm: algorithm)
        let clean = try pki.crl()
        #expect(validate(pki, crls: [clean]).isValid)
        #expect(validate(pki, crls: [clean], revocation: .leaf).isValid)
        pki.revoke(pki.leaf.certificate.serialNumber)
        let crl = try pki.crl()
        let result = validate(pki, crls: [crl])
        #expect(result.failure == .revoked)
        #expect(!result.isIndeterminate)
        #expect(validate(pki, crls: [crl], revocation: .none).isValid)
        // Another leaf of the same CA is not affected.
        let other = try pki.issueLeaf(profile: .personSigning).certificate
        #expect(validate(pki, leaf: other, crls: [crl]).isValid)
    }

    @Test("of two CRLs of one issuer with the same thisUpdate, the higher cRLNumber decides, in either order")
    func newestCRLWinsWhateverTheOrder() throws {
        var pki = try TestPKI()
        let old = try pki.crl(crlNumber: 1)
        pki.revoke(pki.leaf.certificate.serialNumber)
        let new = try pki.crl(crlNumber: 2)
        #expect(old.thisUpdate == new.thisUpdate)
        #expect(validate(pki, crls: [old, new]).failure == .revoked)
        #expect(validate(pki, crls: [new, old]).failure == .revoked)
        // Without the revocation in the newer CRL, the older listing no longer counts.
        let (listing, clean) = (try pki.crl(crlNumber: 3), try TestPKI.crl(of: pki, crlNumber: 4))
        #expect(validate(pki, crls: [listing, clean]).isValid)
        #expect(validate(pki, crls: [clean, listing]).isValid)
        // Equal numbers: the later thisUpdate decides.
        let earlier = try TestPKI.crl(of: pki, at: reference - 3_600, crlNumber: 5)
        let later = try pki.crl(crlNumber: 5)
        #expect(validate(pki, crls: [earlier, later]).failure == .revoked)
        #expect(validate(pki, crls: [later, earlier]).failure == .revoked)
        // CRLs of other issuers are all kept (one per issuer).
        let rootCRL = try TestPKI.crl(of: pki, issuer: pki.root, crlNumber: 9)
        #expect(validate(pki, crls: [rootCRL, old, new], revocation: .fullChain).failure == .revoked)
        #expect(validate(pki, crls: [new, rootCRL, old], revocation: .fullChain).failure == .revoked)
        #expect(validate(pki, crls: [rootCRL, clean], revocation: .fullChain).isValid)
    }

    @Test func sm2CRLSignedWithAnotherIDIsRejected() throws {
        let pki = try TestPKI(algorithm: .sm2)
        // A CRL signed by the right key but with a different distinguishing ID.
        let crl = try CRLBuilder(thisUpdate: reference, nextUpdate: reference + 86_400)
            .sign(
                issuer: pki.intermediate.certificate, key: pki.intermediate.privateKey,
                sm2ID: try SM2DistinguishingID("other"))
        #expect(validate(pki, crls: [crl]).failure == .crlSignatureInvalid)
    }

    @Test func revocationIndeterminateWithoutCRL() throws {
        let pki = try TestPKI()
        let missing = validate(pki, revocation: .leaf)
        #expect(missing.failure == .crlUnavailable)
        #expect(missing.isIndeterminate)
        // A CRL from the wrong issuer does not count.
        let rootCRL = try pki.crl(issuer: pki.root)
        #expect(validate(pki, crls: [rootCRL], revocation: .leaf).failure == .crlUnavailable)
        // Full chain needs the root's CRL for the intermediate too.
        let intermediateCRL = try pki.crl()
        let partial = validate(pki, crls: [intermediateCRL], revocation: .fullChain)
        #expect(partial.failure == .crlUnavailable)
        #expect(partial.isIndeterminate)
        #expect(validate(pki, crls: [intermediateCRL, rootCRL], revocation: .fullChain).isValid)
        // Stale and future CRLs.
        let stale = try pki.crl(at: reference - 30 * 86_400)
        #expect(validate(pki, crls: [stale]).failure == .crlExpired)
        #expect(validate(pki, crls: [stale]).isIndeterminate)
        let future = try pki.crl(at: reference + 86_400)
        #expect(validate(pki, crls: [future]).failure == .crlNotYetValid)
    }

    @Test func revokedIntermediateWithFullChainCheck() throws {
        var pki = try TestPKI()
        pki.revoke(pki.intermediate.certificate.serialNumber)
        let rootCRL = try pki.crl(issuer: pki.root)
        let intermediateCRL = try CRLBuilder(thisUpdate: reference, nextUpdate: reference + 86_400)
            .sign(issuer: pki.intermediate.certificate, key: pki.intermediate.privateKey)
        #expect(
            validate(pki, crls: [intermediateCRL, rootCRL], revocation: .fullChain).failure == .revoked)
        #expect(validate(pki, crls: [intermediateCRL, rootCRL], revocation: .leaf).isValid)
    }

    @Test func missingIntermediate() throws {
        let pki = try TestPKI()
        let result = validate(pki, intermediates: [])
        #expect(result.failure == .issuerNotFound)
        #expect(result.isIndeterminate)
    }

    @Test func untrustedRoot() throws {
        let pki = try TestPKI()
        let stranger = try TestPKI()
        // The untrusted root is presented in the chain: SELF_SIGNED_CERT_IN_CHAIN.
        let presented = validate(
            pki, intermediates: [pki.intermediate.certificate, pki.root.certificate],
            anchors: [stranger.root.certificate])
        #expect(presented.failure == .untrustedRoot)
        #expect(!presented.isIndeterminate)
        // A self-signed leaf that is not trusted: DEPTH_ZERO_SELF_SIGNED_CERT.
        let selfSigned = validate(
            pki, leaf: pki.root.certificate, intermediates: [], anchors: [stranger.root.certificate])
        #expect(selfSigned.failure == .untrustedRoot)
        // The root is not presented at all: OpenSSL cannot tell a missing issuer from an
        // untrusted one (UNABLE_TO_GET_ISSUER_CERT_LOCALLY), so the result is issuerNotFound.
        let absent = validate(pki, anchors: [stranger.root.certificate])
        #expect(absent.failure == .issuerNotFound)
        // No anchors at all.
        #expect(validate(pki, anchors: []).failure == .issuerNotFound)
        // Partial chains are off: trusting only the intermediate is not enough.
        #expect(
            validate(pki, intermediates: [], anchors: [pki.intermediate.certificate]).failure
                == .issuerNotFound)
    }

    @Test(arguments: [TestPKI.Algorithm.p256, .sm2])
    func pathLengthExceeded(algorithm: TestPKI.Algorithm) throws {
        let pki = try TestPKI(algorithm: algorithm)
        // The intermediate has pathLen 0 but issues another CA, which issues the leaf.
        let sub = try pki.issueCA(
            subject: try DistinguishedName([("C", "EE"), ("CN", "Sub CA")]), issuer: pki.intermediate,
            pathLength: nil)
        let leaf = try pki.issueLeaf(profile: .personSigning, issuer: sub)
        let result = validate(
            pki, leaf: leaf.certificate, intermediates: [pki.intermediate.certificate, sub.certificate])
        #expect(result.failure == .pathLengthExceeded)
    }

    @Test func maximumDepthExceeded() throws {
        let pki = try TestPKI()
        let first = try pki.issueCA(
            subject: try DistinguishedName([("CN", "CA 1")]), issuer: pki.root, pathLength: nil)
        let second = try pki.issueCA(
            subject: try DistinguishedName([("CN", "CA 2")]), issuer: first, pathLength: nil)
        let leaf = try pki.issueLeaf(profile: .server, issuer: second).certificate
        let intermediates = [first.certificate, second.certificate]
        let shallow = CertificateChainValidator(maximumDepth: 1)
        #expect(
            validate(pki, leaf: leaf, intermediates: intermediates, validator: shallow).failure
                == .depthExceeded)
        let result = validate(
            pki, leaf: leaf, intermediates: intermediates,
            validator: CertificateChainValidator(maximumDepth: 2))
        #expect(result.isValid)
        #expect(result.chain.count == 4)
    }

    @Test func leafCannotActAsCA() throws {
        let pki = try TestPKI()
        let fake = try pki.issueLeaf(profile: .personSigning, issuer: pki.leaf).certificate
        let result = validate(
            pki, leaf: fake, intermediates: [pki.leaf.certificate, pki.intermediate.certificate])
        #expect(result.failure == .invalidCA)
    }

    @Test func tamperedSignatureIsInvalid() throws {
        let pki = try TestPKI()
        // Same subject and key as the intermediate, signed by a stranger root's key: the leaf's
        // issuer is found by name but its signature chain breaks at the forged intermediate.
        let stranger = try TestPKI()
        var builder = CertificateBuilder(
            subject: pki.intermediate.certificate.subject,
            publicKey: pki.intermediate.privateKey.publicKey,
            notBefore: reference - TestPKI.year, notAfter: reference + TestPKI.year)
        builder.basicConstraints = .certificateAuthority(pathLength: 0)
        builder.keyUsage = [.keyCertSign, .cRLSign]
        let forged = try builder.sign(with: stranger.root.privateKey, issuer: pki.root.certificate)
        let result = validate(pki, intermediates: [forged])
        #expect(result.failure == .signatureInvalid)
    }

    @Test func trustStoreOverload() async throws {
        let pki = try TestPKI()
        let store = try StaticTrustStore(pemRepresentation: pki.root.certificate.pemRepresentation)
        let result = try await validator.validate(
            pki.leaf.certificate, intermediates: [pki.intermediate.certificate], trustStore: store,
            at: reference,
            purpose: .signing)
        #expect(result.isValid)
    }

    @Test func failureCodesAreStable() {
        #expect(ChainValidationFailure.issuerNotFound.code == "x509.chain.issuer_not_found")
        #expect(ChainValidationFailure.purposeMismatch("x").code == "x509.chain.purpose_mismatch")
        #expect(ChainValidationFailure.other(99, "t").description.hasPrefix("x509.chain.other: "))
        #expect(!ChainValidationFailure.revoked.isIndeterminate)
        #expect(ChainValidationFailure.crlUnavailable.isIndeterminate)
    }

    @Test(arguments: [TestPKI.Algorithm.p256, .sm2])
    func interoperatesWithOpenSSLVerify(algorithm: TestPKI.Algorithm) throws {
        var pki = try TestPKI(algorithm: algorithm)
        let directory = try X509TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try pki.writePEMFiles(to: directory)
        var arguments = [
            "verify", "-x509_strict", "-attime", String(Int(reference.timeIntervalSince1970)), "-CAfile",
            "root.pem",
            "-untrusted", "intermediate.pem",
        ]
        if algorithm == .sm2 {
            // `openssl verify -vfyopt distid:...` attaches the ID to the target certificate only,
            // so a whole SM2 chain fails in the CLI at depth 1 even when it is correct (checked
            // with a chain made entirely by the openssl CLI). Verify each link instead.
            arguments += ["-vfyopt", "distid:1234567812345678"]
            let upper = try X509TestSupport.openssl(
                Array(arguments.prefix(6)) + ["-vfyopt", "distid:1234567812345678", "intermediate.pem"],
                in: directory)
            #expect(upper.status == 0, "\(upper.output)")
            let lower = try X509TestSupport.openssl(
                [
                    "verify", "-x509_strict", "-attime", String(Int(reference.timeIntervalSince1970)),
                    "-partial_chain",
                    "-CAfile", "intermediate.pem", "-vfyopt", "distid:1234567812345678", "leaf.pem",
                ], in: directory)
            #expect(lower.status == 0, "\(lower.output)")
            #expect(lower.output.contains("leaf.pem: OK"))
            let wrongID = try X509TestSupport.openssl(
                [
                    "verify", "-attime", String(Int(reference.timeIntervalSince1970)), "-partial_chain",
                    "-CAfile", "intermediate.pem", "-vfyopt", "distid:0000", "leaf.pem",
                ], in: directory)
            #expect(wrongID.status != 0)
        } else {
            let verified = try X509TestSupport.openssl(arguments + ["leaf.pem"], in: directory)
            #expect(verified.status == 0, "\(verified.output)")
            #expect(verified.output.contains("leaf.pem: OK"))
        }
        #expect(validate(pki).isValid)

        // Both agree that the expired chain fails.
        var late = arguments
        late[3] = String(Int((reference + 3 * TestPKI.year).timeIntervalSince1970))
        let lateResult = try X509TestSupport.openssl(late + ["leaf.pem"], in: directory)
        #expect(lateResult.status != 0)
        #expect(validate(pki, at: reference + 3 * TestPKI.year).failure == .expired)

        if algorithm == .p256 {
            // CRL interop: OpenSSL's CLI sees the revocation too.
            pki.revoke(pki.leaf.certificate.serialNumber)
            _ = try pki.writePEMFiles(to: directory)
            let revoked = try X509TestSupport.openssl(
                arguments + ["-crl_check", "-CRLfile", "crl.pem", "leaf.pem"], in: directory)
            #expect(revoked.status != 0)
            #expect(revoked.output.contains("certificate revoked"))
            let files = try pki.writePEMFiles(to: directory)
            let crl = try CertificateRevocationList(
                pemRepresentation: String(contentsOf: files.crl, encoding: .utf8))
            #expect(validate(pki, crls: [crl]).failure == .revoked)
        }
    }

    /// The other direction: an SM2 chain made entirely by the openssl CLI validates here.
    @Test func validatesSM2ChainMadeByOpenSSL() throws {
        let directory = try X509TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let id = "distid:1234567812345678"
        try Data(
            "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
                .utf8
        )
        .write(to: directory.appendingPathComponent("ca.ext"))
        try Data(
            "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
                .utf8
        )
        .write(to: directory.appendingPathComponent("leaf.ext"))
        let steps: [[String]] = [
            ["genpkey", "-algorithm", "SM2", "-out", "r.key"],
            [
                "req", "-x509", "-new", "-key", "r.key", "-sm3", "-sigopt", id, "-subj",
                "/C=CN/O=Test/CN=Root", "-days", "10",
                "-out", "r.pem", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ],
            ["genpkey", "-algorithm", "SM2", "-out", "i.key"],
            [
                "req", "-new", "-key", "i.key", "-sm3", "-sigopt", id, "-subj",
                "/C=CN/O=Test/CN=Intermediate", "-out", "i.csr",
            ],
            [
                "x509", "-req", "-in", "i.csr", "-CA", "r.pem", "-CAkey", "r.key", "-sm3", "-sigopt", id,
                "-vfyopt", id,
                "-days", "5", "-out", "i.pem", "-extfile", "ca.ext",
            ],
            ["genpkey", "-algorithm", "SM2", "-out", "l.key"],
            [
                "req", "-new", "-key", "l.key", "-sm3", "-sigopt", id, "-subj", "/C=CN/O=Test/CN=Leaf",
                "-out", "l.csr",
            ],
            [
                "x509", "-req", "-in", "l.csr", "-CA", "i.pem", "-CAkey", "i.key", "-sm3", "-sigopt", id,
                "-vfyopt", id,
                "-days", "5", "-out", "l.pem", "-extfile", "leaf.ext",
            ],
        ]
        for step in steps {
            let result = try X509TestSupport.openssl(step, in: directory)
            try #require(result.status == 0, "\(step.first ?? ""): \(result.output)")
        }
        func load(_ name: String) throws -> Certificate {
            try Certificate(
                pemRepresentation: String(
                    contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
        let root = try load("r.pem")
        let intermediate = try load("i.pem")
        let leaf = try load("l.pem")
        #expect(leaf.signatureAlgorithmOID == "1.2.156.10197.1.501")
        let result = validator.validate(
            leaf, intermediates: [intermediate], trustAnchors: [root], at: Date(), purpose: .signing)
        #expect(result.isValid, "\(String(describing: result.failure))")
        let wrong = CertificateChainValidator(sm2ID: try SM2DistinguishingID(""))
        #expect(
            wrong.validate(leaf, intermediates: [intermediate], trustAnchors: [root], at: Date()).failure
                == .signatureInvalid)
    }
}

@Suite struct IntermediateAnchorTests {
    @Test func intermediateAnchorNeedsTheOptIn() throws {
        let pki = try TestPKI(algorithm: .p256)
        let strict = CertificateChainValidator()
        let result = strict.validate(
            pki.leaf.certificate, trustAnchors: [pki.intermediate.certificate], at: TestPKI.referenceDate)
        #expect(result.failure == .issuerNotFound)
        let lenient = CertificateChainValidator(acceptsIntermediateAnchors: true)
        let accepted = lenient.validate(
            pki.leaf.certificate, trustAnchors: [pki.intermediate.certificate], at: TestPKI.referenceDate)
        #expect(accepted.isValid)
        #expect(accepted.chain.count == 2)
    }
}

extension TestPKI {
    /// A CRL of `pki` that lists none of its recorded revocations.
    static func crl(
        of pki: TestPKI, at date: Date = TestPKI.referenceDate, issuer: Issued? = nil, crlNumber: Int
    ) throws -> CertificateRevocationList {
        let signer = issuer ?? pki.intermediate
        return try CRLBuilder(thisUpdate: date, nextUpdate: date + 7 * 86_400, crlNumber: crlNumber)
            .sign(issuer: signer.certificate, key: signer.privateKey, sm2ID: pki.sm2ID)
    }
}
