import EGovCrypto
import EGovTesting
import Foundation
import Testing

@Suite struct X509CertificateParsingTests {
    static let config = """
        [req]
        distinguished_name = dn
        x509_extensions = ext
        prompt = no
        [dn]
        C = EE
        O = Example Org
        CN = Example, Person
        [ext]
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid:always
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature,nonRepudiation
        extendedKeyUsage = emailProtection,1.3.6.1.5.5.7.3.36
        subjectAltName = DNS:example.org,email:person@example.org,URI:https://example.org/p,IP:192.0.2.1,IP:2001:db8::1
        certificatePolicies = 1.3.6.1.4.1.51361.1.1,0.4.0.194112.1.2
        1.3.6.1.5.5.7.1.3 = DER:30:0A:30:08:06:06:04:00:8E:46:01:01

        """

    @Test func parsesEveryFieldOfAnOpenSSLCertificate() throws {
        let directory = try X509TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.config.utf8).write(to: directory.appendingPathComponent("req.cnf"))
        let made = try X509TestSupport.openssl(
            [
                "req", "-x509", "-config", "req.cnf", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "30", "-set_serial",
                "0x0123456789abcdef",
            ], in: directory)
        try #require(made.status == 0, "\(made.output)")
        let pem = try String(contentsOf: directory.appendingPathComponent("cert.pem"), encoding: .utf8)
        let certificate = try Certificate(pemRepresentation: pem)

        #expect(certificate.subject.description == "CN=Example\\, Person,O=Example Org,C=EE")
        #expect(certificate.subject.commonName == "Example, Person")
        #expect(certificate.subject.organizationName == "Example Org")
        #expect(certificate.subject.countryName == "EE")
        #expect(certificate.subject.attributes.map(\.shortName) == ["C", "O", "CN"])
        #expect(certificate.subject.attributes.map(\.oid) == ["2.5.4.6", "2.5.4.10", "2.5.4.3"])
        #expect(certificate.issuer == certificate.subject)
        #expect(certificate.isSelfIssued)
        #expect(certificate.serialNumber == "0123456789abcdef")
        #expect(certificate.notAfter.timeIntervalSince(certificate.notBefore) == 30 * 86_400)
        #expect(abs(certificate.notBefore.timeIntervalSinceNow) < 600)
        #expect(certificate.keyUsage == [.digitalSignature, .nonRepudiation])
        #expect(certificate.isKeyUsageCritical)
        #expect(
            certificate.extendedKeyUsage == [
                ExtendedKeyUsage.emailProtection, ExtendedKeyUsage.documentSigning,
            ])
        #expect(!certificate.isExtendedKeyUsageCritical)
        #expect(
            certificate.subjectAlternativeNames == [
                .dns("example.org"), .email("person@example.org"), .uri("https://example.org/p"),
                .ip([192, 0, 2, 1]),
                .ip([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
            ])
        #expect(certificate.policies == ["1.3.6.1.4.1.51361.1.1", "0.4.0.194112.1.2"])
        #expect(certificate.hasQCStatements)
        #expect(certificate.qcStatementOIDs == ["0.4.0.1862.1.1"])
        #expect(!certificate.isCA)
        #expect(certificate.pathLengthConstraint == nil)
        #expect(certificate.publicKey.keyType == .p256)
        #expect(certificate.signatureAlgorithmOID == "1.2.840.10045.4.3.2")
        #expect(certificate.criticalExtensionOIDs.sorted() == ["2.5.29.15", "2.5.29.19"])

        let keyPEM = try String(
            contentsOf: directory.appendingPathComponent("key.pem"), encoding: .utf8)
        #expect(try PrivateKey(pemRepresentation: keyPEM).publicKey == certificate.publicKey)

        let ski = try X509TestSupport.openssl(
            ["x509", "-in", "cert.pem", "-noout", "-ext", "subjectKeyIdentifier"], in: directory)
        let skiLine = try #require(ski.output.split(separator: "\n").last)
        let expectedSKI = X509TestSupport.colonHex(String(skiLine))
        #expect(expectedSKI.count == 20)
        #expect(certificate.subjectKeyIdentifier == expectedSKI)
        #expect(certificate.authorityKeyIdentifier == expectedSKI)

        let fingerprint = try X509TestSupport.openssl(
            ["x509", "-in", "cert.pem", "-noout", "-fingerprint", "-sha256"], in: directory)
        let fingerprintHex = try #require(fingerprint.output.split(separator: "=").last)
        #expect(
            certificate.fingerprint(.sha256)
                == X509TestSupport.colonHex(
                    String(fingerprintHex).trimmingCharacters(in: .whitespacesAndNewlines)))

        #expect(try Certificate(derRepresentation: certificate.derRepresentation) == certificate)
        #expect(try Certificate(pemRepresentation: certificate.pemRepresentation) == certificate)
        #expect(!certificate.description.contains("Example"))

        let summary = certificate.summary
        #expect(summary.serialNumber == "0123456789abcdef")
        #expect(summary.keyUsage == ["digitalSignature", "nonRepudiation"])
        #expect(summary.subjectAlternativeNames.first == "DNS:example.org")
        let json = try JSONEncoder().encode(summary)
        #expect(try JSONDecoder().decode(CertificateSummary.self, from: json) == summary)
    }

    @Test func absentKeyUsageIsDistinguishable() throws {
        let pki = try TestPKI()
        let leaf = try pki.issueCustomLeaf { $0.keyUsage = nil }
        #expect(leaf.certificate.keyUsage == nil)
        #expect(leaf.certificate.extendedKeyUsage.isEmpty)
        #expect(pki.leaf.certificate.keyUsage == [.digitalSignature, .nonRepudiation])
    }

    @Test func builderWritesQCStatementsAndKeyIdentifiers() throws {
        let pki = try TestPKI()
        let leaf = try pki.issueLeaf(profile: .personSigning, qcStatements: true)
        #expect(
            leaf.certificate.qcStatementOIDs == [
                CertificateBuilder.qcCompliance, CertificateBuilder.qcSSCD,
            ])
        #expect(
            leaf.certificate.authorityKeyIdentifier == pki.intermediate.certificate.subjectKeyIdentifier)
        #expect(
            pki.intermediate.certificate.authorityKeyIdentifier
                == pki.root.certificate.subjectKeyIdentifier)
        #expect(pki.intermediate.certificate.isCA)
        #expect(pki.intermediate.certificate.pathLengthConstraint == 0)
        #expect(pki.root.certificate.pathLengthConstraint == nil)
        #expect(pki.root.certificate.isSelfIssued)
        #expect(!leaf.certificate.isSelfIssued)
        #expect(leaf.certificate.serialNumber.count <= 32)
        #expect(leaf.certificate.issuer == pki.intermediate.certificate.subject)
    }

    @Test func truncatedGarbageAndTrailingBytesAreRefused() throws {
        let der = try TestPKI().leaf.certificate.derRepresentation
        #expect(
            X509TestSupport.cryptoError {
                _ = try Certificate(derRepresentation: der.prefix(der.count - 10))
            }?.code == "crypto.der.malformed")
        #expect(
            X509TestSupport.cryptoError {
                _ = try Certificate(derRepresentation: [UInt8](repeating: 0x41, count: 300))
            }?.code == "crypto.der.malformed")
        #expect(
            X509TestSupport.cryptoError { _ = try Certificate(derRepresentation: [UInt8]()) }?.code
                == "crypto.der.malformed")
        #expect(
            X509TestSupport.cryptoError { _ = try Certificate(derRepresentation: der + [0]) }?.code
                == "crypto.der.malformed")
        #expect(
            X509TestSupport.cryptoError {
                _ = try Certificate(
                    derRepresentation: [UInt8](repeating: 0x30, count: Certificate.maximumDERLength + 1))
            }
                == .inputTooLarge(what: "certificate DER", limit: Certificate.maximumDERLength))
        var flipped = der
        flipped[flipped.count / 2] ^= 0xFF
        // Either undecodable or decodable with a broken signature; never a crash. A flipped byte
        // in the key or a name may still parse, so only check that a thrown error is typed.
        _ = try? Certificate(derRepresentation: flipped)
    }

    /// `der` (a SEQUENCE with a two-byte long-form length) with its outer length re-encoded in
    /// the non-minimal four-byte form: `30 82 xx xx` becomes `30 84 00 00 xx xx`.
    static func nonMinimalOuterLength(_ der: [UInt8]) throws -> [UInt8] {
        try #require(der.count > 4 && der[0] == 0x30 && der[1] == 0x82)
        return [0x30, 0x84, 0x00, 0x00] + der[2...]
    }

    @Test("non-DER certificates and CRLs are refused (DER, PEM), naming the structure")
    func nonDEREncodingsAreRefused() throws {
        var pki = try TestPKI()
        let der = pki.leaf.certificate.derRepresentation
        let stretched = try Self.nonMinimalOuterLength(der)
        let expected = CryptoError.malformedDER(what: "Certificate: not DER")
        #expect(X509TestSupport.cryptoError { _ = try Certificate(derRepresentation: stretched) } == expected)
        let pem = PEMDocument(label: "CERTIFICATE", der: stretched).pemString
        #expect(X509TestSupport.cryptoError { _ = try Certificate(pemRepresentation: pem) } == expected)
        #expect(X509TestSupport.cryptoError { _ = try Certificate.parseBundle(pemRepresentation: pem) } == expected)
        // A non-minimal length inside tbsCertificate (its own SEQUENCE header).
        let tbs = try #require(der.count > 8 && der[4] == 0x30 && der[5] == 0x82 ? der : nil)
        let inner = Array(tbs[0..<4]) + [0x30, 0x84, 0x00, 0x00] + tbs[6...]
        let innerFixed = try Self.withOuterLength(inner)
        #expect(X509TestSupport.cryptoError { _ = try Certificate(derRepresentation: innerFixed) } == expected)
        // CRLs.
        pki.revoke(pki.leaf.certificate.serialNumber)
        let crl = try pki.crl().derRepresentation
        let crlExpected = CryptoError.malformedDER(what: "CertificateList: not DER")
        let stretchedCRL = try Self.nonMinimalOuterLength(crl)
        #expect(
            X509TestSupport.cryptoError { _ = try CertificateRevocationList(derRepresentation: stretchedCRL) }
                == crlExpected)
        let crlPEM = PEMDocument(label: "X509 CRL", der: stretchedCRL).pemString
        #expect(
            X509TestSupport.cryptoError { _ = try CertificateRevocationList(pemRepresentation: crlPEM) }
                == crlExpected)
        // The DER originals still parse.
        #expect(try Certificate(derRepresentation: der) == pki.leaf.certificate)
        #expect(try CertificateRevocationList(derRepresentation: crl).derRepresentation == crl)
    }

    /// `der` (`30 82 xx xx` + content) with its outer two-byte length recomputed for its content.
    static func withOuterLength(_ der: [UInt8]) throws -> [UInt8] {
        try #require(der.count > 4 && der[0] == 0x30 && der[1] == 0x82)
        let length = der.count - 4
        return [0x30, 0x82, UInt8(length >> 8), UInt8(length & 0xFF)] + der[4...]
    }

    @Test func pemFramingAndLabelsAreChecked() throws {
        let pki = try TestPKI()
        let pem = pki.leaf.certificate.pemRepresentation
        #expect(
            X509TestSupport.cryptoError {
                _ = try Certificate(pemRepresentation: pki.leaf.privateKey.publicKey.pemRepresentation)
            }
                == .unexpectedPEMLabel(found: "PUBLIC KEY", expected: ["CERTIFICATE"]))
        #expect(
            X509TestSupport.cryptoError { _ = try Certificate(pemRepresentation: "garbage") }?.code
                == "crypto.pem.malformed")
        #expect(
            X509TestSupport.cryptoError {
                _ = try Certificate(pemRepresentation: String(pem.dropLast(30)))
            }?.code == "crypto.pem.malformed")
        #expect(
            X509TestSupport.cryptoError { _ = try Certificate(pemRepresentation: pem + pem) }?.code
                == "crypto.pem.malformed")
        let big = String(repeating: "A", count: 200_000)
        #expect(
            X509TestSupport.cryptoError { _ = try Certificate(pemRepresentation: big) }?.code
                == "crypto.input.too_large")
    }

    @Test func bundlesAreParsedWithinLimits() throws {
        let pki = try TestPKI()
        let bundle =
            pki.leaf.certificate.pemRepresentation + "\n" + pki.intermediate.certificate.pemRepresentation
            + pki.root.certificate.pemRepresentation
        let parsed = try Certificate.parseBundle(pemRepresentation: bundle)
        #expect(parsed == [pki.leaf.certificate, pki.intermediate.certificate, pki.root.certificate])
        let crl = try pki.crl()
        #expect(
            X509TestSupport.cryptoError {
                _ = try Certificate.parseBundle(pemRepresentation: bundle + crl.pemRepresentation)
            }
                == .unexpectedPEMLabel(found: "X509 CRL", expected: ["CERTIFICATE"]))
        let tooMany = String(
            repeating: pki.root.certificate.pemRepresentation, count: Certificate.maximumBundleCount + 1)
        #expect(
            X509TestSupport.cryptoError { _ = try Certificate.parseBundle(pemRepresentation: tooMany) }?
                .code == "crypto.pem.malformed")
        let tooLarge = String(repeating: " ", count: Certificate.maximumBundleLength + 1)
        #expect(
            X509TestSupport.cryptoError { _ = try Certificate.parseBundle(pemRepresentation: tooLarge) }
                == .inputTooLarge(what: "PEM text", limit: Certificate.maximumBundleLength))
        #expect(try StaticTrustStore(pemRepresentation: bundle).certificates.count == 3)
    }

    @Test func distinguishedNameEscapingFollowsRFC4514() throws {
        let name = try DistinguishedName([("C", "EE"), ("O", "A+B;C"), ("CN", " #lead<>\"\\ ")])
        #expect(name.description == "CN=\\ #lead\\<\\>\\\"\\\\\\ ,O=A\\+B\\;C,C=EE")
        #expect(try DistinguishedName([("OU", "#x"), ("CN", "a=b")]).description == "CN=a=b,OU=\\#x")
        let multi = DistinguishedName([
            try .init("C", "EE", rdnIndex: 0), try .init("O", "Org", rdnIndex: 1),
            try .init("OU", "Unit", rdnIndex: 1),
        ])
        #expect(multi.description == "O=Org+OU=Unit,C=EE")
        let pki = try TestPKI()
        let key = try PrivateKey.generate(.p256)
        let certificate = try CertificateBuilder(
            subject: multi, publicKey: key.publicKey, notBefore: TestPKI.referenceDate,
            notAfter: TestPKI.referenceDate + 60
        ).sign(with: pki.intermediate.privateKey, issuer: pki.intermediate.certificate)
        #expect(certificate.subject == multi)
    }

    @Test func crlFieldsAndSignatures() throws {
        for algorithm in [TestPKI.Algorithm.p256, .sm2] {
            var pki = try TestPKI(algorithm: algorithm)
            pki.revoke(pki.leaf.certificate.serialNumber)
            pki.revoke("00ff")
            let crl = try pki.crl(at: TestPKI.referenceDate, crlNumber: 300)
            #expect(Set(crl.revokedSerialNumbers) == [pki.leaf.certificate.serialNumber, "ff"])
            #expect(crl.isRevoked(serialNumber: pki.leaf.certificate.serialNumber.uppercased()))
            #expect(crl.crlNumber == "012c")
            #expect(crl.thisUpdate == TestPKI.referenceDate)
            #expect(crl.nextUpdate == TestPKI.referenceDate + 7 * 86_400)
            #expect(crl.issuer == pki.intermediate.certificate.subject)
            #expect(crl.authorityKeyIdentifier == pki.intermediate.certificate.subjectKeyIdentifier)
            #expect(crl.isSignedBy(pki.intermediate.certificate))
            #expect(!crl.isSignedBy(pki.root.certificate))
            if algorithm == .sm2 {
                #expect(crl.signatureAlgorithmOID == "1.2.156.10197.1.501")
                #expect(
                    !crl.isSignedBy(pki.intermediate.certificate, sm2ID: try SM2DistinguishingID("other")))
            }
            #expect(try CertificateRevocationList(pemRepresentation: crl.pemRepresentation) == crl)
            #expect(
                X509TestSupport.cryptoError {
                    _ = try CertificateRevocationList(
                        pemRepresentation: pki.root.certificate.pemRepresentation)
                }
                    == .unexpectedPEMLabel(found: "CERTIFICATE", expected: ["X509 CRL"]))
            #expect(
                X509TestSupport.cryptoError {
                    _ = try CertificateRevocationList(derRepresentation: crl.derRepresentation + [0])
                }?.code == "crypto.der.malformed")
            #expect(
                X509TestSupport.cryptoError {
                    _ = try CertificateRevocationList(derRepresentation: crl.derRepresentation.dropLast(3))
                }?.code == "crypto.der.malformed")
            #expect(
                X509TestSupport.cryptoError {
                    _ = try CertificateRevocationList(
                        derRepresentation: [UInt8](
                            repeating: 0, count: CertificateRevocationList.maximumDERLength + 1))
                } == .inputTooLarge(what: "CRL DER", limit: CertificateRevocationList.maximumDERLength))
        }
    }

    @Test func sm2CertificatesParse() throws {
        let pki = try TestPKI(algorithm: .sm2)
        #expect(pki.leaf.certificate.publicKey.keyType == .sm2)
        #expect(pki.leaf.certificate.signatureAlgorithmOID == "1.2.156.10197.1.501")
    }
}
