import EGovCore
import EGovCrypto
import EGovSignature
import EGovTesting
import Foundation
import Testing

@testable import EGovInterop

/// Official document exchange (公文交換) between two departments' registries.
@Suite struct DocumentExchangeTests {
    static let day: TimeInterval = 86_400

    struct World {
        let pki: TestPKI
        let clock: ManualClock
        let trustList: TrustList
        let dsaj: TestPKI.Issued
        let dsat: TestPKI.Issued
        let rogue: TestPKI.Issued
        let auditLog: InMemoryAuditLog

        func signer(_ issued: TestPKI.Issued) throws -> DocumentSigner {
            try DocumentSigner(
                signingKey: issued.privateKey.signingKey(for: .es256),
                certificates: [issued.certificate, pki.intermediate.certificate], clock: clock)
        }

        /// DSAJ sends; DSAT's registry answers.
        func dsajSender() throws -> DocumentSender {
            DocumentSender(
                department: "DSAJ", signer: try signer(dsaj), trustList: trustList, registries: ["DSAT": "DSAT"],
                clock: clock)
        }

        func dsatSender() throws -> DocumentSender {
            DocumentSender(
                department: "DSAT", signer: try signer(dsat), trustList: trustList, registries: ["DSAJ": "DSAJ"],
                clock: clock)
        }

        func dsatRegistry(signedBy issued: TestPKI.Issued? = nil) throws -> DocumentRegistry {
            DocumentRegistry(
                configuration: .init(
                    department: "DSAT", registryNumberPrefix: "DSAT-IN", correspondents: ["DSAJ": "DSAJ"]),
                signer: try signer(issued ?? dsat), trustList: trustList, clock: clock, auditLog: auditLog)
        }

        func dsajRegistry() throws -> DocumentRegistry {
            DocumentRegistry(
                configuration: .init(
                    department: "DSAJ", registryNumberPrefix: "DSAJ-IN", correspondents: ["DSAT": "DSAT"]),
                signer: try signer(dsaj), trustList: trustList, clock: clock)
        }
    }

    static func organisation(_ name: String) throws -> DistinguishedName {
        try DistinguishedName([
            ("C", "MO"), ("O", name), ("organizationIdentifier", "NTRMO-\(name)"), ("CN", "\(name) Electronic Seal"),
        ])
    }

    static func world() throws -> World {
        let pki = try TestPKI(algorithm: .p256)
        let trustList = TrustList(
            name: [.en: "Macau test trust list"],
            services: [
                TrustedService(
                    name: [.en: "Government seal CA"], type: .seal, isQualified: true,
                    certificates: [pki.intermediate.certificate],
                    history: [.init(status: .granted, from: TestPKI.referenceDate - 3650 * day)])
            ])
        return World(
            pki: pki, clock: ManualClock(TestPKI.referenceDate), trustList: trustList,
            dsaj: try pki.issueLeaf(profile: .organisationSeal, subject: try organisation("DSAJ"), qcStatements: true),
            dsat: try pki.issueLeaf(profile: .organisationSeal, subject: try organisation("DSAT"), qcStatements: true),
            rogue: try pki.issueLeaf(
                profile: .organisationSeal, subject: try organisation("ROGUE"), qcStatements: true),
            auditLog: InMemoryAuditLog(hashFunction: HashAlgorithm.sha256))
    }

    static func metadata(
        _ number: String = "DSAJ-OF-2026-0012", kind: OfficialDocumentKind = .requestForComments,
        from issuer: String = "DSAJ", to recipient: String = "DSAT", thread: String = "thread-2026-001",
        inReplyTo: DocumentReference? = nil, classification: OfficialDocumentClassification = .limited,
        urgency: OfficialDocumentUrgency = .urgent, issuedAt: Date = TestPKI.referenceDate
    ) -> OfficialDocumentMetadata {
        OfficialDocumentMetadata(
            documentNumber: number, kind: kind, issuingDepartment: issuer, recipientDepartment: recipient,
            title: [.zhHant: "關於修訂交通規例的徵詢意見", .pt: "Pedido de parecer sobre o regulamento de trânsito"],
            classification: classification, urgency: urgency, issuedAt: issuedAt,
            replyDeadline: issuedAt + 14 * day, threadID: thread, inReplyTo: inReplyTo,
            contentType: "application/pdf")
    }

    static let content = Array("%PDF-1.7 official letter body".utf8)

    @Test func sealedDocumentIsDeliveredRegisteredAndItsReceiptsVerify() async throws {
        let world = try Self.world()
        let sender = try world.dsajSender()
        let registry = try world.dsatRegistry()
        let document = try await sender.seal(Self.metadata(), content: Self.content)
        #expect(document.metadata.contentDigest == OfficialDocument.digest(Self.content))
        #expect(document.metadata.contentLength == Self.content.count)

        world.clock.advance(by: 5)
        let delivery = try await registry.receive(document)
        let deliveryBody = try sender.verifyReceipt(delivery, for: document, type: .delivery)
        #expect(deliveryBody.receiver == "DSAT")
        #expect(deliveryBody.registryNumber == nil)
        #expect(deliveryBody.sealDigest == document.sealDigest)
        #expect(deliveryBody.time == TestPKI.referenceDate + 5)

        world.clock.advance(by: 60)
        let registration = try await registry.register(documentNumber: "DSAJ-OF-2026-0012", from: "DSAJ")
        let registrationBody = try sender.verifyReceipt(registration, for: document, type: .registration)
        #expect(registrationBody.registryNumber == "DSAT-IN-2026-000001")
        #expect(registrationBody.contentDigest == document.metadata.contentDigest)
        // Registering or delivering again is idempotent.
        #expect(try await registry.register(documentNumber: "DSAJ-OF-2026-0012", from: "DSAJ") == registration)
        #expect(try await registry.receive(document) == delivery)
        let record = try #require(await registry.record(documentNumber: "DSAJ-OF-2026-0012", from: "DSAJ"))
        #expect(record.registryNumber == "DSAT-IN-2026-000001")
        #expect(record.direction == .incoming)

        // The next document gets the next registry number.
        let second = try await sender.seal(Self.metadata("DSAJ-OF-2026-0013", kind: .letter), content: [1, 2, 3])
        _ = try await registry.receive(second)
        let secondRegistration = try await registry.register(documentNumber: "DSAJ-OF-2026-0013", from: "DSAJ")
        #expect(
            try sender.verifyReceipt(secondRegistration, for: second, type: .registration).registryNumber
                == "DSAT-IN-2026-000002")
        // Delivery and registration were audited, by reference only.
        let actions = try await world.auditLog.entries(from: 0, limit: 10).map(\.event.action)
        #expect(actions == ["document.delivered", "document.registered", "document.delivered", "document.registered"])
        #expect(await world.auditLog.verify().isValid)
        #expect(!document.description.contains("交通"))
        #expect(!document.metadata.description.contains("交通"))
        #expect(!"\(document.metadata)".contains("trânsito"))
    }

    @Test func tamperedDocumentsAreRefusedAtDelivery() async throws {
        let world = try Self.world()
        let sender = try world.dsajSender()
        let registry = try world.dsatRegistry()
        let document = try await sender.seal(Self.metadata(), content: Self.content)

        var alteredContent = document
        alteredContent.content[0] ^= 0x01
        await #expect(throws: DocumentExchangeError.contentDigestMismatch) {
            try await registry.receive(alteredContent)
        }

        var truncated = document
        truncated.content.removeLast()
        await #expect(throws: DocumentExchangeError.contentDigestMismatch) { try await registry.receive(truncated) }

        var relabelled = document
        relabelled.metadata.urgency = .veryUrgent
        await #expect(throws: DocumentExchangeError.metadataMismatch) { try await registry.receive(relabelled) }

        // The sealed payload itself edited (classification downgraded): the seal breaks.
        var segments = document.seal.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let payload = String(decoding: try Base64URL.decode(segments[1]), as: UTF8.self)
        segments[1] = Base64URL.encode(Array(payload.replacingOccurrences(of: "limited", with: "public").utf8))
        var forgedSeal = document
        forgedSeal.seal = segments.joined(separator: ".")
        forgedSeal.metadata.classification = .public
        do throws(DocumentExchangeError) {
            _ = try await registry.receive(forgedSeal)
            Issue.record("a document with an edited seal payload was accepted")
        } catch {
            guard case .sealInvalid(let indication, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(indication == .totalFailed)
        }

        // A valid seal by another organisation claiming to be DSAJ.
        let rogueSender = DocumentSender(
            department: "DSAJ", signer: try world.signer(world.rogue), trustList: world.trustList, registries: [:],
            clock: world.clock)
        let impostor = try await rogueSender.seal(Self.metadata("DSAJ-OF-2026-0099"), content: Self.content)
        await #expect(throws: DocumentExchangeError.sealerMismatch) { try await registry.receive(impostor) }

        // A seal from outside the trust list.
        let outsider = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let outsiderSigner = try DocumentSigner(
            signingKey: outsider.leaf.privateKey.signingKey(for: .es256),
            certificates: [outsider.leaf.certificate, outsider.intermediate.certificate], clock: world.clock)
        let untrusted = try await DocumentSender(
            department: "DSAJ", signer: outsiderSigner, trustList: world.trustList, registries: [:], clock: world.clock
        ).seal(Self.metadata("DSAJ-OF-2026-0100"), content: Self.content)
        await #expect(throws: DocumentExchangeError.self) { try await registry.receive(untrusted) }

        // Addressed elsewhere, or from an unknown department.
        let elsewhere = try await sender.seal(Self.metadata("DSAJ-OF-2026-0101", to: "DSEDJ"), content: Self.content)
        await #expect(throws: DocumentExchangeError.wrongRecipient) { try await registry.receive(elsewhere) }
        let strangerSender = DocumentSender(
            department: "ROGUE", signer: try world.signer(world.rogue), trustList: world.trustList, registries: [:],
            clock: world.clock)
        let stranger = try await strangerSender.seal(Self.metadata("R-1", from: "ROGUE"), content: Self.content)
        await #expect(throws: DocumentExchangeError.unknownSender) { try await registry.receive(stranger) }

        // A different document re-using a delivered number.
        _ = try await registry.receive(document)
        let reused = try await sender.seal(Self.metadata(), content: [9, 9, 9])
        await #expect(throws: DocumentExchangeError.duplicateDocumentNumber) { try await registry.receive(reused) }
        // Not delivered, cannot be registered.
        await #expect(throws: DocumentExchangeError.notDelivered) {
            try await registry.register(documentNumber: "DSAJ-OF-2026-0099", from: "DSAJ")
        }
        // Size limits.
        let tiny = DocumentRegistry(
            configuration: .init(
                department: "DSAT", registryNumberPrefix: "DSAT-IN", correspondents: ["DSAJ": "DSAJ"],
                maximumContentBytes: 4),
            signer: try world.signer(world.dsat), trustList: world.trustList, clock: world.clock)
        await #expect(throws: DocumentExchangeError.tooLarge("document")) { try await tiny.receive(document) }
        // Refusals were audited with their codes.
        let refusals = try await world.auditLog.entries(from: 0, limit: 50).filter {
            $0.event.action == "document.refused"
        }
        #expect(refusals.count == 9)
        #expect(refusals.first?.event.details?["code"] == "interop.documents.content_digest_mismatch")
    }

    @Test func tamperedReceiptsAreRefused() async throws {
        let world = try Self.world()
        let sender = try world.dsajSender()
        let registry = try world.dsatRegistry()
        let document = try await sender.seal(Self.metadata(), content: Self.content)
        let delivery = try await registry.receive(document)
        let registration = try await registry.register(documentNumber: "DSAJ-OF-2026-0012", from: "DSAJ")

        // A field edited in the signed payload.
        var segments = registration.jws.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let payload = String(decoding: try Base64URL.decode(segments[1]), as: UTF8.self)
        segments[1] = Base64URL.encode(Array(payload.replacingOccurrences(of: "000001", with: "000777").utf8))
        let edited = DocumentReceipt(jws: segments.joined(separator: "."))
        #expect(throws: DocumentExchangeError.self) {
            try sender.verifyReceipt(edited, for: document, type: .registration)
        }
        do throws(DocumentExchangeError) {
            _ = try sender.verifyReceipt(edited, for: document, type: .registration)
            Issue.record("an edited receipt was accepted")
        } catch {
            guard case .receiptSignatureInvalid = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
        // A receipt signed by another (trusted) organisation's registry.
        let rogueRegistry = try world.dsatRegistry(signedBy: world.rogue)
        let rogueReceipt = try await rogueRegistry.receive(document)
        #expect(throws: DocumentExchangeError.receiptSignerMismatch) {
            try sender.verifyReceipt(rogueReceipt, for: document, type: .delivery)
        }
        // A signature by a key outside the trust list.
        let outsider = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let forged = try await DocumentSigner(
            signingKey: outsider.leaf.privateKey.signingKey(for: .es256),
            certificates: [outsider.leaf.certificate, outsider.intermediate.certificate], clock: world.clock
        ).jws(
            payload: try Base64URL.decode(delivery.jws.split(separator: ".").map(String.init)[1]),
            type: DocumentReceipt.jwsType)
        #expect(throws: DocumentExchangeError.self) {
            try sender.verifyReceipt(DocumentReceipt(jws: forged), for: document, type: .delivery)
        }
        // A genuine receipt, but for another document or of the other type.
        let other = try await sender.seal(Self.metadata("DSAJ-OF-2026-0013"), content: [1])
        #expect(throws: DocumentExchangeError.receiptMismatch("documentNumber")) {
            try sender.verifyReceipt(delivery, for: other, type: .delivery)
        }
        #expect(throws: DocumentExchangeError.receiptMismatch("receiptType")) {
            try sender.verifyReceipt(delivery, for: document, type: .registration)
        }
        // A document seal is not a receipt (typ differs).
        #expect(throws: DocumentExchangeError.self) {
            try sender.verifyReceipt(DocumentReceipt(jws: document.seal), for: document, type: .delivery)
        }
        // Garbage never crashes.
        #expect(throws: DocumentExchangeError.self) {
            try sender.verifyReceipt(DocumentReceipt(jws: "a.b.c"), for: document, type: .delivery)
        }
        // The genuine receipts verify.
        #expect(try sender.verifyReceipt(delivery, for: document, type: .delivery).receiptType == .delivery)
        #expect(try sender.verifyReceipt(registration, for: document, type: .registration).receiptType == .registration)
    }

    @Test func repliesThreadToTheirOriginal() async throws {
        let world = try Self.world()
        let dsajSender = try world.dsajSender()
        let dsatSender = try world.dsatSender()
        let dsatRegistry = try world.dsatRegistry()
        let dsajRegistry = try world.dsajRegistry()

        let request = try await dsajSender.seal(Self.metadata(), content: Self.content)
        try await dsajRegistry.recordSent(request)
        _ = try await dsatRegistry.receive(request)

        world.clock.advance(by: 3 * Self.day)
        let reply = try await dsatSender.seal(
            Self.metadata(
                "DSAT-OF-2026-0345", kind: .reply, from: "DSAT", to: "DSAJ", inReplyTo: request.metadata.reference,
                urgency: .normal, issuedAt: world.clock.now()),
            content: Array("%PDF reply".utf8))
        try await dsatRegistry.recordSent(reply)
        let receipt = try await dsajRegistry.receive(reply)
        #expect(
            try dsatSender.verifyReceipt(receipt, for: reply, type: .delivery).documentNumber == "DSAT-OF-2026-0345")
        let thread = await dsajRegistry.thread("thread-2026-001")
        #expect(thread.map(\.document.metadata.documentNumber) == ["DSAJ-OF-2026-0012", "DSAT-OF-2026-0345"])
        #expect(thread.map(\.direction) == [.outgoing, .incoming])

        // Replies to unknown documents are refused.
        let unknown = try await dsatSender.seal(
            Self.metadata(
                "DSAT-OF-2026-0346", kind: .reply, from: "DSAT", to: "DSAJ",
                inReplyTo: DocumentReference(
                    documentNumber: "DSAJ-OF-2026-9999", issuingDepartment: "DSAJ",
                    contentDigest: request.metadata.contentDigest)),
            content: [1])
        await #expect(throws: DocumentExchangeError.unknownOriginal) { try await dsajRegistry.receive(unknown) }
        // A reference whose digest differs, or a reply in another thread.
        var wrongDigest = request.metadata.reference
        wrongDigest.contentDigest = OfficialDocument.digest([0])
        let mismatched = try await dsatSender.seal(
            Self.metadata("DSAT-OF-2026-0347", kind: .reply, from: "DSAT", to: "DSAJ", inReplyTo: wrongDigest),
            content: [1])
        await #expect(throws: DocumentExchangeError.threadMismatch) { try await dsajRegistry.receive(mismatched) }
        let otherThread = try await dsatSender.seal(
            Self.metadata(
                "DSAT-OF-2026-0348", kind: .reply, from: "DSAT", to: "DSAJ", thread: "thread-other",
                inReplyTo: request.metadata.reference),
            content: [1])
        await #expect(throws: DocumentExchangeError.threadMismatch) { try await dsajRegistry.receive(otherThread) }
        // A reply must name its original.
        await #expect(throws: DocumentExchangeError.invalidMetadata("inReplyTo")) {
            try await dsatSender.seal(
                Self.metadata("DSAT-OF-2026-0349", kind: .reply, from: "DSAT", to: "DSAJ"), content: [1])
        }
        // A department can only seal as itself.
        await #expect(throws: DocumentExchangeError.invalidMetadata("issuingDepartment")) {
            try await dsatSender.seal(Self.metadata(), content: [1])
        }
    }

    @Test func classificationAndUrgencyRoundTrip() async throws {
        let world = try Self.world()
        let sender = try world.dsajSender()
        let registry = try world.dsatRegistry()
        var number = 0
        for classification in OfficialDocumentClassification.allCases {
            for urgency in OfficialDocumentUrgency.allCases {
                number += 1
                let metadata = Self.metadata(
                    "DSAJ-RT-\(number)", kind: .letter, classification: classification, urgency: urgency)
                let document = try await sender.seal(metadata, content: [UInt8(number)])
                let parsed = try OfficialDocumentMetadata(canonicalJSON: try document.metadata.canonicalBytes())
                #expect(parsed == document.metadata)
                #expect(parsed.classification == classification)
                #expect(parsed.urgency == urgency)
                _ = try await registry.receive(document)
                let stored = try #require(await registry.record(documentNumber: "DSAJ-RT-\(number)", from: "DSAJ"))
                #expect(stored.document.metadata.classification == classification)
                #expect(stored.document.metadata.urgency == urgency)
            }
        }
        #expect(OfficialDocumentUrgency.veryUrgent.rawValue == "very-urgent")
        #expect(OfficialDocumentUrgency.normal.name[.zhHant] == "普通")
        #expect(OfficialDocumentUrgency.urgent.name[.zhHant] == "急件")
        #expect(OfficialDocumentUrgency.veryUrgent.name[.zhHant] == "特急")
        #expect(OfficialDocumentClassification.confidential.name[.pt] == "confidencial")
        // Unknown values and non-canonical spellings are refused.
        let bytes = try Self.metadata().withDigest().canonicalBytes()
        let text = String(decoding: bytes, as: UTF8.self)
        for bad in [
            text.replacingOccurrences(of: #""urgency":"urgent""#, with: #""urgency":"asap""#),
            text.replacingOccurrences(of: #""classification":"limited""#, with: #""classification":"secret""#),
            text.replacingOccurrences(of: "{", with: "{ "),
            text.replacingOccurrences(of: #""version":"1""#, with: #""version":"1","x":1"#),
            "[]", "",
        ] {
            #expect(throws: DocumentExchangeError.self) { try OfficialDocumentMetadata(canonicalJSON: Array(bad.utf8)) }
        }
    }
}

extension OfficialDocumentMetadata {
    /// With a digest and length filled in, as sealing would.
    fileprivate func withDigest() -> OfficialDocumentMetadata {
        var copy = self
        copy.contentDigest = OfficialDocument.digest([1])
        copy.contentLength = 1
        return copy
    }
}

/// Seal levels and limits of the registry.
@Suite struct DocumentRegistryLevelTests {
    @Test func aQualifiedRegistryRefusesAnAdvancedSeal() async throws {
        let world = try DocumentExchangeTests.world()
        // A seal certificate without QC statements is at most advanced.
        let advanced = try world.pki.issueLeaf(
            profile: .organisationSeal, subject: try DocumentExchangeTests.organisation("DSAJ"), qcStatements: false)
        let sender = DocumentSender(
            department: "DSAJ", signer: try world.signer(advanced), trustList: world.trustList,
            registries: ["DSAT": "DSAT"], clock: world.clock)
        let document = try await sender.seal(DocumentExchangeTests.metadata(), content: DocumentExchangeTests.content)
        let qualifiedOnly = DocumentRegistry(
            configuration: .init(
                department: "DSAT", registryNumberPrefix: "DSAT-IN", correspondents: ["DSAJ": "DSAJ"],
                minimumSealLevel: .qualified),
            signer: try world.signer(world.dsat), trustList: world.trustList, clock: world.clock)
        await #expect(throws: DocumentExchangeError.self) { try await qualifiedOnly.receive(document) }
        // The default (advanced) registry accepts it.
        _ = try await world.dsatRegistry().receive(document)
    }

    @Test func aSignatureCertificateIsNotASeal() async throws {
        let world = try DocumentExchangeTests.world()
        var trustList = world.trustList
        // A personal signature under a signing service validates as a signature, not a seal: refused.
        let personPKI = try TestPKI(algorithm: .p256, leafProfile: .personSigning)
        trustList.services.append(
            TrustedService(
                name: [.en: "Other signing CA"], type: .signing, isQualified: true,
                certificates: [personPKI.root.certificate],
                history: [.init(status: .granted, from: TestPKI.referenceDate - 3650 * 86_400)]))
        let signer = try DocumentSigner(
            signingKey: personPKI.leaf.privateKey.signingKey(for: .es256),
            certificates: [personPKI.leaf.certificate, personPKI.intermediate.certificate], clock: world.clock)
        let document = try await DocumentSender(
            department: "DSAJ", signer: signer, trustList: trustList, registries: [:], clock: world.clock
        ).seal(DocumentExchangeTests.metadata(), content: DocumentExchangeTests.content)
        let registry = DocumentRegistry(
            configuration: .init(department: "DSAT", registryNumberPrefix: "DSAT-IN", correspondents: ["DSAJ": "DSAJ"]),
            signer: try world.signer(world.dsat), trustList: trustList, clock: world.clock)
        await #expect(throws: DocumentExchangeError.self) { try await registry.receive(document) }
    }
}

/// Both sides of a document delivery audit it under the same message identifier.
@Suite struct DocumentExchangeAuditTests {
    @Test func senderAndRegistryRecordTheSameDelivery() async throws {
        let world = try DocumentExchangeTests.world()
        let sender = try world.dsajSender()
        let registry = try world.dsatRegistry()
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        func auditor(_ department: String) throws -> ExchangeAuditor {
            try ExchangeAuditor(
                log: InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: world.clock), hashAlgorithm: .sha256,
                signer: try AuditCheckpointSigner(key: key, keyID: "\(department)-audit", issuer: department),
                checkpointInterval: 10, clock: world.clock)
        }
        let senderAudit = try auditor("DSAJ")
        let registryAudit = try auditor("DSAT")
        let document = try await sender.seal(DocumentExchangeTests.metadata(), content: DocumentExchangeTests.content)
        let receipt = try await registry.receive(document)
        try await registryAudit.record(
            .documentDelivery(document, receipt: receipt, side: .service, outcome: .completed))
        _ = try sender.verifyReceipt(receipt, for: document, type: .delivery)
        try await senderAudit.record(.documentDelivery(document, receipt: receipt, side: .client, outcome: .completed))

        let sent = try #require(try await senderAudit.log.entries(from: 0, limit: 1).first)
        let received = try #require(try await registryAudit.log.entries(from: 0, limit: 1).first)
        #expect(sent.event.subject == received.event.subject)
        #expect(sent.event.details?["responseHash"] == received.event.details?["responseHash"])
        #expect(sent.event.details?["service"] == "DSAT.registry")
        #expect(sent.event.details?["side"] == "client")
        #expect(received.event.details?["side"] == "service")
        // Neither log holds the title or the document number.
        let export = String(decoding: try await senderAudit.exportJSONLines(), as: UTF8.self)
        #expect(!export.contains("DSAJ-OF-2026-0012"))
        #expect(!export.contains("交通"))
        let verification = try AuditExportVerifier(key: try key.publicKey.verificationKey(for: .es256))
            .verify(Array(export.utf8))
        #expect(verification.valid)
    }
}

/// Concurrent deliveries and registrations.
@Suite struct DocumentRegistryConcurrencyTests {
    @Test func concurrentRegistrationsGetDistinctNumbers() async throws {
        let world = try DocumentExchangeTests.world()
        let sender = try world.dsajSender()
        let registry = try world.dsatRegistry()
        var documents: [OfficialDocument] = []
        for index in 0..<12 {
            let document = try await sender.seal(
                DocumentExchangeTests.metadata("DSAJ-OF-2026-\(1000 + index)", kind: .letter), content: [UInt8(index)])
            documents.append(document)
        }
        // Each document delivered twice concurrently: both deliveries get the (same) receipt.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for document in documents + documents {
                group.addTask { (try? await registry.receive(document)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.count == 24 && outcomes.allSatisfy { $0 })
        // A rival re-using a delivered number is refused.
        let rival = try await sender.seal(DocumentExchangeTests.metadata("DSAJ-OF-2026-1000"), content: [0xEE])
        await #expect(throws: DocumentExchangeError.duplicateDocumentNumber) { try await registry.receive(rival) }
        let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
            for document in documents + documents {
                group.addTask {
                    let receipt = try await registry.register(
                        documentNumber: document.metadata.documentNumber, from: "DSAJ")
                    return try sender.verifyReceipt(receipt, for: document, type: .registration).registryNumber
                }
            }
            return try await group.reduce(into: [String]()) { if let number = $1 { $0.append(number) } }
        }
        #expect(numbers.count == 24)
        // Twelve documents, twelve distinct numbers, each document keeping its own.
        #expect(Set(numbers).count == 12)
        for document in documents {
            let record = await registry.record(documentNumber: document.metadata.documentNumber, from: "DSAJ")
            #expect(record?.document == document)
            #expect(record?.registryNumber != nil)
        }
    }
}
