import EGovCatalogue
import EGovCertificates
import EGovCore
import EGovCrypto
import EGovIdentity
import EGovInterop
import EGovNotifications
import EGovSignature
import EGovTesting
import Foundation
import HTTPTypes
import Testing

@Suite struct RecordingNotificationTransportTests {
    func makeNotifications(_ clock: ManualClock) throws -> TestNotifications {
        let pki = try TestPKI()
        return try TestNotifications(clock: clock, evidenceKey: try pki.leaf.signingKey(), evidenceIssuer: "https://iam.gov.mo")
    }

    @Test func recordsWhatWasSentRenderedInTheRecipientsLanguage() async throws {
        let clock = ManualClock()
        let notifications = try makeNotifications(clock)
        let notice = try notifications.notice(id: "n-1", recipient: "acct-1", reference: "LIC-1", locale: "zh-Hans")
        let sent = try await notifications.dispatch(notice)
        #expect(sent.count == 1)
        #expect(sent.first?.body == "您的牌照 LIC-1 已获批准。")
        #expect(sent.first?.subject == "牌照决定")
        #expect(sent.first?.attempt == 1)
        #expect(sent.first?.recipientAccountID == "acct-1")
        #expect(try await notifications.verifyEvidence(for: notice.id).valid)
        #expect(try await notifications.evidence(for: notice.id).count >= 2)
    }

    @Test func failsTemporarilyThenAccepts() async throws {
        let clock = ManualClock()
        let notifications = try makeNotifications(clock)
        await notifications.transport.fail(recipient: "acct-busy", .temporary(attempts: 2))
        let notice = try notifications.notice(id: "n-2", recipient: "acct-busy", reference: "LIC-2")
        #expect(try await notifications.dispatch(notice).isEmpty)
        for _ in 0..<5 {
            if await !notifications.transport.sent.isEmpty { break }
            clock.advance(by: 3600)
            _ = try await notifications.dispatcher.runOnce()
        }
        let sent = await notifications.transport.sent
        #expect(sent.map(\.attempt) == [3])
        let attempts = await notifications.transport.attempts
        #expect(attempts.map(\.result) == [.temporaryFailure, .temporaryFailure, .accepted])
        // The same delivery id on every attempt.
        #expect(Set(attempts.map(\.deliveryID)).count == 1)
    }

    @Test func failsPermanentlyUntilCleared() async throws {
        let transport = RecordingNotificationTransport(channel: .sms)
        #expect(transport.channel == .sms)
        await transport.fail(recipient: "acct-gone", .permanent)
        let notice = try Notice(
            id: NoticeID("n-3"), idempotencyKey: "n-3", recipientAccountID: "acct-gone", department: "IAM",
            category: .informational, reference: "R", templateID: "t", templateVersion: 1, preferredLocale: "en",
            channels: [.sms], createdAt: TestPKI.referenceDate)
        let payload = RenderedPayload(subject: "", body: "hello")
        let id = TransportDeliveryID(noticeID: notice.id, channel: .sms)
        #expect(try await transport.send(deliveryID: id, notice: notice, payload: payload, attempt: 1) == .permanentFailure)
        #expect(try await transport.send(deliveryID: id, notice: notice, payload: payload, attempt: 2) == .permanentFailure)
        await transport.fail(recipient: "acct-gone", nil)
        #expect(try await transport.send(deliveryID: id, notice: notice, payload: payload, attempt: 3) == .accepted)
        #expect(await transport.bodies == ["hello"])
    }
}

@Suite struct TestPKIFixtureTests {
    @Test func issuedCertificatesCarryTheirChainWithoutTheRoot() throws {
        let pki = try TestPKI()
        #expect(pki.root.chain == [pki.root.certificate])
        #expect(pki.intermediate.chain == [pki.intermediate.certificate])
        #expect(pki.leaf.chain == [pki.leaf.certificate, pki.intermediate.certificate])
        let subCA = try pki.issueCA(
            subject: try DistinguishedName([("CN", "Sub CA")]), issuer: pki.intermediate, pathLength: nil)
        let deep = try pki.issueLeaf(profile: .personSigning, issuer: subCA)
        #expect(deep.chain == [deep.certificate, subCA.certificate, pki.intermediate.certificate])
    }

    @Test(arguments: [TestPKI.Algorithm.p256, .p384, .rsa, .sm2])
    func signerSignsWithTheRightAlgorithm(_ algorithm: TestPKI.Algorithm) async throws {
        let pki = try TestPKI(algorithm: algorithm)
        let expected: [TestPKI.Algorithm: SignatureAlgorithm] = [.p256: .es256, .p384: .es384, .rsa: .rs256, .sm2: .sm2]
        #expect(pki.leaf.signatureAlgorithm == expected[algorithm])
        let signer = try pki.leaf.signer(clock: ManualClock())
        #expect(signer.certificates == pki.leaf.chain)
        let message: [UInt8] = Array("abc".utf8)
        let signature = try await pki.leaf.signingKey().sign(message)
        #expect(try pki.leaf.verificationKey().isValidSignature(signature, for: message))
    }

    @Test func trustListMarksTheChosenServicesQualified() throws {
        let pki = try TestPKI()
        let list = pki.trustList()
        #expect(list.services.map(\.type) == [.signing, .seal, .timestamping])
        #expect(list.services.filter(\.isQualified).map(\.type) == [.seal, .timestamping])
        #expect(list.services.allSatisfy { $0.certificates == [pki.root.certificate] && $0.isGranted(at: TestPKI.referenceDate) })
        #expect(pki.trustList(qualified: []).services.allSatisfy { !$0.isQualified })
        for language in CredentialType.requiredLanguages { #expect(list.name.text(for: language)?.tag == language) }
    }

    @Test func qualifiedSealValidatesAtQualifiedLevelWithATimeStamp() async throws {
        let pki = try TestPKI()
        let clock = ManualClock()
        let seal = try pki.issueSeal(organisation: "IAM", identifier: "NTRMO-IAM", qualified: true)
        #expect(seal.certificate.subject.firstValue(forOID: "2.5.4.97") == "NTRMO-IAM")
        let tsa = try LocalTimeStampAuthority(pki: pki, clock: clock)
        let cms = try await seal.signer(clock: clock, timestampClient: pki.timeStampClient(tsa, clock: clock))
            .cms(content: Array("decision".utf8))
        let policy = SignaturePolicy(
            id: "p", documentType: "decision", minimumLevel: .qualified, requiredKind: .seal, timestampRequired: true)
        let report = SignatureValidator(trustList: pki.trustList(), policy: policy)
            .validate(document: cms, detached: nil, at: clock.now())
        #expect(report.indication == .totalPassed)
    }

    @Test func personCertificateSignsAtAdvancedLevel() async throws {
        let pki = try TestPKI()
        let clock = ManualClock()
        let person = try pki.issuePerson(name: "LEI Ka Man", serialNumber: "IDCMO-1234567")
        let jws = try await person.signer(clock: clock).jwsJSON(payload: Array("form".utf8))
        let report = SignatureValidator(trustList: pki.trustList(), policy: SignaturePolicy(id: "p", documentType: "form"))
            .validate(document: try jws.jsonBytes(), detached: nil, at: clock.now())
        #expect(report.indication == .totalPassed)
        #expect(report.signatures.first?.level == .advanced)
    }
}

@Suite struct InProcessInteropTransportTests {
    func handler() throws -> (InteropHTTPHandler, XRoadServiceID) {
        let pki = try TestPKI(leafProfile: .organisationSeal)
        let clock = ManualClock()
        let service = try XRoadServiceID(parsing: "MO/GOV/DSF/tax/evidence")
        let provider = InteropProvider(
            signer: try pki.leaf.envelopeSigner(),
            verifier: EnvelopeVerifier(trustStore: StaticTrustStore(certificates: [pki.root.certificate])),
            members: StaticMemberDirectory([service.provider: [pki.leaf.certificate]]),
            contracts: InMemoryContractRegistry(), replayCache: InMemoryReplayCache(clock: clock),
            dataSource: Nothing(), clock: clock)
        return (InteropHTTPHandler(provider: provider), service)
    }

    struct Nothing: InteropDataSource {
        func respond(to accepted: AcceptedRequest) async throws -> DataSourceResult { DataSourceResult() }
    }

    @Test func routesByPathToTheHandler() async throws {
        let (handler, service) = try handler()
        let transport = InProcessInteropTransport(routes: [service.path: handler])
        let unknown = HTTPRequest(method: .post, scheme: "https", authority: "ss.invalid", path: "/r1/MO/GOV/X/y/z")
        #expect(try await transport.send(unknown, body: []).0.status == .notFound)
        let get = HTTPRequest(method: .get, scheme: "https", authority: "ss.invalid", path: service.path)
        #expect(try await transport.send(get, body: []).0.status.code == 405)
        let post = HTTPRequest(method: .post, scheme: "https", authority: "ss.invalid", path: service.path)
        let (response, body) = try await transport.send(post, body: Array("not a JWS".utf8))
        #expect(response.status.code >= 400 && response.status.code < 500)
        #expect(!body.isEmpty)
    }

    @Test func servesProvidersByServiceID() throws {
        let (handler, service) = try handler()
        let transport = InProcessInteropTransport(providers: [service: handler.provider])
        #expect(Array(transport.routes.keys) == [service.path])
    }
}

@Suite struct OneStopWorldTests {
    @Test func companyClerkMayApplyButNotPay() async throws {
        let world = try await OneStopWorld()
        let now = world.clock.now()
        #expect(now == OneStopWorld.start)
        let company = world.company
        #expect(try await company.decision(for: .apply, service: world.service, at: now).isAllowed)
        #expect(try await company.decision(for: .view, service: world.service, at: now).isAllowed)
        #expect(try await !company.decision(for: .pay, service: world.service, at: now).isAllowed)
        #expect(
            try await company.decision(for: .pay, service: world.service, by: company.legalRepresentative, at: now)
                .isAllowed)
        let registry = try await company.registry()
        #expect(registry.mandates[company.mandate.id] == company.mandate)
        #expect(company.mandate.id.rawValue == "mandate-boa-mesa-licences")
        #expect(company.account.id.rawValue == "acct-org-boa-mesa")
    }

    @Test func casesMoveAndAreSaved() async throws {
        let world = try await OneStopWorld()
        let opened = try await world.openCase(id: "C-1")
        let accepted = try await world.advance(opened, to: .acceptedAtIntake)
        #expect(await world.cases.applicationCase(id: "C-1") == accepted)
        await #expect(throws: (any Error).self) {
            // A stale copy (one transition behind) is refused.
            try await world.advance(opened, to: .acceptedAtIntake)
        }
    }

    @Test func credentialsIssueWithSequentialStatusAndVerify() async throws {
        let world = try await OneStopWorld()
        let first = try await world.credentials.issue()
        let second = try await world.credentials.issue()
        // Sequential status indices: the same on every run.
        let indices = [first.status?.index, second.status?.index].compactMap { $0 }
        #expect(indices.count == 2 && indices[1] == indices[0] + 1)
        let shown = try await world.credentials.present(first, disclosing: ["licence_number"])
        let check = try await world.credentials.verify(shown)
        #expect(check.isValid && check.holderBound && check.status == "valid")
        #expect(check.claims["licence_number"] == .string("IAM-2026-0001"))
        #expect(check.claims["holder_name"] == nil)
        let wrongNonce = try await world.credentials.verify(shown, nonce: "other")
        #expect(!wrongNonce.isValid)
    }

    @Test func sampleTypesHaveEveryRequiredLanguage() throws {
        #expect(TestSamples.licenceCredentialType.missingLanguages(required: CredentialType.requiredLanguages).isEmpty)
        let template = try TestSamples.licenceDecisionTemplate()
        try template.validate()
        for language in CredentialType.requiredLanguages {
            #expect(template.variants[.inbox]?.body.text(for: language)?.tag == language)
        }
    }
}
