import EGovCrypto
import EGovTesting
import Foundation
import Testing

@Suite struct TestPKITests {
    @Test(arguments: TestPKI.Algorithm.allCases)
    func hierarchyIsConsistent(algorithm: TestPKI.Algorithm) throws {
        let pki = try TestPKI(algorithm: algorithm)
        #expect(pki.root.certificate.isSelfIssued)
        #expect(pki.root.certificate.isCA)
        #expect(pki.root.certificate.keyUsage == [.keyCertSign, .cRLSign])
        #expect(pki.intermediate.certificate.issuer == pki.root.certificate.subject)
        #expect(pki.intermediate.certificate.pathLengthConstraint == 0)
        #expect(pki.leaf.certificate.issuer == pki.intermediate.certificate.subject)
        #expect(!pki.leaf.certificate.isCA)
        #expect(pki.leaf.privateKey.publicKey == pki.leaf.certificate.publicKey)
        #expect(pki.root.privateKey.publicKey == pki.root.certificate.publicKey)
        #expect(pki.leaf.certificate.publicKey.keyType == algorithm.keyType)
        #expect(pki.leaf.certificate.notBefore == TestPKI.referenceDate - TestPKI.year)
        #expect(pki.leaf.certificate.notAfter == TestPKI.referenceDate + TestPKI.year)
        let result = CertificateChainValidator().validate(
            pki.leaf.certificate, intermediates: [pki.intermediate.certificate],
            trustAnchors: [pki.root.certificate],
            at: ManualClock().now(), purpose: .signing)
        #expect(result.isValid)
    }

    @Test func personSigningProfile() throws {
        let pki = try TestPKI()
        let plain = pki.leaf.certificate
        #expect(plain.keyUsage == [.digitalSignature, .nonRepudiation])
        #expect(plain.isKeyUsageCritical)
        #expect(
            plain.extendedKeyUsage == [
                ExtendedKeyUsage.emailProtection, ExtendedKeyUsage.documentSigning,
            ])
        #expect(!plain.hasQCStatements)
        #expect(plain.subject.commonName == "Person, Test")
        let qualified = try pki.issueLeaf(profile: .personSigning, qcStatements: true).certificate
        #expect(qualified.hasQCStatements)
        #expect(qualified.qcStatementOIDs == ["0.4.0.1862.1.1", "0.4.0.1862.1.4"])
    }

    @Test func organisationSealProfile() throws {
        let seal = try TestPKI().issueLeaf(profile: .organisationSeal).certificate
        #expect(seal.keyUsage == [.digitalSignature, .nonRepudiation])
        #expect(seal.extendedKeyUsage.isEmpty)
        #expect(seal.subject.organizationName == "EGovKit Test Agency")
        #expect(seal.subject.attributes.contains { $0.oid == "2.5.4.97" })
    }

    @Test func timestampingProfile() throws {
        let tsu = try TestPKI().issueLeaf(profile: .timestamping).certificate
        #expect(tsu.extendedKeyUsage == [ExtendedKeyUsage.timeStamping])
        #expect(tsu.isExtendedKeyUsageCritical)
        #expect(tsu.keyUsage?.contains(.digitalSignature) == true)
        #expect(CertificatePurpose.timestamping.violation(in: tsu) == nil)
    }

    @Test func serverProfile() throws {
        let server = try TestPKI().issueLeaf(
            profile: .server, subject: try DistinguishedName([("CN", "api.example.test")])
        ).certificate
        #expect(server.keyUsage == [.digitalSignature])
        #expect(server.extendedKeyUsage == [ExtendedKeyUsage.serverAuth])
        #expect(server.subjectAlternativeNames == [.dns("api.example.test")])
    }

    @Test func customValidityAndIssuer() throws {
        let pki = try TestPKI()
        let start = TestPKI.referenceDate + 86_400
        let leaf = try pki.issueLeaf(
            profile: .personSigning, notBefore: start, notAfter: start + 3600, issuer: pki.root)
        #expect(leaf.certificate.notBefore == start)
        #expect(leaf.certificate.notAfter == start + 3600)
        #expect(leaf.certificate.issuer == pki.root.certificate.subject)
    }

    @Test func revocationsAppearOnCRLs() throws {
        var pki = try TestPKI(algorithm: .sm2)
        #expect(try pki.crl().revokedSerialNumbers.isEmpty)
        let serial = pki.leaf.certificate.serialNumber
        pki.revoke(serial)
        let crl = try pki.crl(at: TestPKI.referenceDate + 60)
        #expect(crl.revokedSerialNumbers == [serial])
        #expect(crl.thisUpdate == TestPKI.referenceDate + 60)
        #expect(crl.isSignedBy(pki.intermediate.certificate))
        let rootCRL = try pki.crl(issuer: pki.root)
        #expect(rootCRL.isSignedBy(pki.root.certificate))
    }

    @Test func writesPEMFiles() throws {
        var pki = try TestPKI()
        pki.revoke(pki.leaf.certificate.serialNumber)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "egovkit-testpki-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try pki.writePEMFiles(to: directory)
        func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
        #expect(try Certificate(pemRepresentation: text(files.root)) == pki.root.certificate)
        #expect(
            try Certificate(pemRepresentation: text(files.intermediate)) == pki.intermediate.certificate)
        #expect(try Certificate(pemRepresentation: text(files.leaf)) == pki.leaf.certificate)
        #expect(
            try Certificate.parseBundle(pemRepresentation: text(files.chain)) == [
                pki.intermediate.certificate, pki.root.certificate,
            ])
        #expect(
            try PrivateKey(pemRepresentation: text(files.leafKey)).publicKey
                == pki.leaf.certificate.publicKey)
        #expect(
            try PrivateKey(pemRepresentation: text(files.rootKey)).publicKey
                == pki.root.certificate.publicKey)
        #expect(
            try PrivateKey(pemRepresentation: text(files.intermediateKey)).publicKey
                == pki.intermediate.certificate.publicKey)
        #expect(
            try CertificateRevocationList(pemRepresentation: text(files.crl)).revokedSerialNumbers == [
                pki.leaf.certificate.serialNumber
            ])
    }
}
