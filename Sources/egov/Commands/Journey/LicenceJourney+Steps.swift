import EGovKit
import EGovTesting
import Foundation

/// The steps of the licence journey, in order. Each returns its line of the step log, in the
/// journey's locale, or throws `DemoStep.Unexpected` when a check does not come out as it must.
extension LicenceJourney {
    static let director = "person-chan"
    static let clerk = "person-lei"
    static let company = "org-boa-mesa"
    static let caseID = "IAM-LIC-2026-0001"
    static let day: TimeInterval = 86_400

    // MARK: Identity

    func accounts(_ world: JourneyWorld, _ state: inout JourneyState) async throws -> String {
        let now = world.clock.now()
        let service = try ServiceID(Self.licenceServiceID)
        let company = try await TestCompany(
            pki: world.pki, clock: world.clock, service: service, mandates: world.mandates,
            organisation: Self.company, name: "Boa Mesa Lda.", legalRepresentative: Self.director, clerk: Self.clerk)
        state.company = company
        let (director, clerk) = (company.legalRepresentative, company.clerk)
        let registry = try await company.registry()
        let apply = registry.canAct(person: clerk, for: company.organisation, action: .apply, service: service, at: now)
        let pay = registry.canAct(person: clerk, for: company.organisation, action: .pay, service: service, at: now)
        let directorPays = registry.canAct(person: director, for: company.organisation, action: .pay, service: service, at: now)
        guard apply.isAllowed, !pay.isAllowed, directorPays.isAllowed else {
            throw DemoStep.Unexpected(detail: "mandate decisions: apply \(apply), pay \(pay)")
        }
        return t(
            "公司帳戶 Boa Mesa Lda.（法定代表人 \(Self.director)，職員 \(Self.clerk)）存於 SQLite；職員可代公司申請（\(apply.reason.code)），不可繳費（\(pay.reason.code)）",
            "Conta da Boa Mesa Lda. (representante \(Self.director), funcionário \(Self.clerk)) em SQLite; o funcionário pode requerer (\(apply.reason.code)), não pagar (\(pay.reason.code))",
            "Boa Mesa Lda. account (legal representative \(Self.director), clerk \(Self.clerk)) stored in SQLite; the clerk may apply (\(apply.reason.code)) but not pay (\(pay.reason.code))")
    }

    func login(_ world: JourneyWorld) async throws -> String {
        let now = world.clock.now()
        let policy = AssurancePolicy.default
        let password = AuthenticationEvent(method: .password, time: now - 30)
        guard case .stepUp = policy.decide([password], required: .substantial, at: now) else {
            throw DemoStep.Unexpected(detail: "a password alone was accepted at substantial")
        }
        let totp = try TimeBasedOneTimePassword(secret: Array("journey-totp-secret-0123".utf8))
        guard try totp.verify(try totp.code(at: now), at: now) != nil else {
            throw DemoStep.Unexpected(detail: "TOTP code refused")
        }
        let events = [password, AuthenticationEvent(method: .totp, time: now)]
        guard policy.decide(events, required: .substantial, at: now) == .allow(level: .substantial) else {
            throw DemoStep.Unexpected(detail: "password + TOTP did not reach substantial")
        }
        let key = try PrivateKey.generate(.sm2).signingKey(for: .sm2)
        let issuer = try TokenIssuer(
            issuer: "https://account.gov.mo", signingKey: key, keyID: "idp-2026", clock: world.clock)
        let token = try await issuer.issue(
            subject: Self.company, audience: ["iam"], level: .substantial, methods: [.password, .totp],
            actor: ActorClaim(subject: Self.clerk, mandate: "mandate-boa-mesa-licences"))
        let keys = try JWKSet(jsonBytes: try issuer.jwks().jsonBytes()).verificationKeys()
        let claims = try TokenVerifier(keySet: keys, issuer: "https://account.gov.mo", audience: "iam", clock: world.clock)
            .verify(token)
        guard claims.subject == Self.company, claims.actor?.subject == Self.clerk else {
            throw DemoStep.Unexpected(detail: "token claims: sub \(claims.subject)")
        }
        return t(
            "只用密碼：需升級；密碼 + TOTP：實質級別；SM2 簽署的權杖 sub=\(claims.subject)、act=\(Self.clerk)，市政署核實通過",
            "Só palavra-passe: pede reforço; palavra-passe + TOTP: substancial; token SM2 sub=\(claims.subject), act=\(Self.clerk), verificado pelo IAM",
            "password alone: step-up required; password + TOTP: substantial; SM2-signed token sub=\(claims.subject), act=\(Self.clerk), verified by IAM")
    }

    // MARK: Catalogue

    func lookup(_ world: JourneyWorld, _ state: inout JourneyState) throws -> String {
        let query = locale.pick("飲食牌照", "licença de estabelecimento de comidas", "food and beverage establishment licence")
        let index = CatalogueIndex(catalogue: world.catalogue)
        guard let first = index.search(query, limit: 1).first, first.service.id.rawValue == Self.licenceServiceID else {
            throw DemoStep.Unexpected(detail: "\(query) did not find the licence first")
        }
        let licence = first.service
        guard licence.requiredAssurance <= .substantial else {
            throw DemoStep.Unexpected(detail: "the licence needs \(licence.requiredAssurance), the login reached substantial")
        }
        state.licence = licence
        let tag = locale.tag
        let fetched = licence.evidenceTypes.filter { ["DSF", "CRP"].contains($0.obtainableFrom?.rawValue ?? "") }
        let uploaded = licence.evidenceTypes.filter { !$0.isOnceOnly }
        guard fetched.count == 2, uploaded.count == 1 else {
            throw DemoStep.Unexpected(detail: "expected two proofs from DSF and CRP and one upload")
        }
        let name = { (type: EvidenceType) in type.name.text(for: tag)?.text ?? type.id.rawValue }
        return t(
            "「\(query)」首個結果：\(licence.title.text(for: tag)?.text ?? "")（\(licence.requirements.count) 項要求）；經協議取得：\(fetched.map(name).joined(separator: "、"))；上載：\(uploaded.map(name).joined(separator: "、"))",
            "«\(query)» encontra primeiro: \(licence.title.text(for: tag)?.text ?? "") (\(licence.requirements.count) requisitos); obtidas por contrato: \(fetched.map(name).joined(separator: "; ")); a carregar: \(uploaded.map(name).joined(separator: "; "))",
            "\"\(query)\" finds first: \(licence.title.text(for: tag)?.text ?? "") (\(licence.requirements.count) requirements); fetched through contracts: \(fetched.map(name).joined(separator: "; ")); uploaded: \(uploaded.map(name).joined(separator: "; "))")
    }

    // MARK: Interoperability

    func proofs(_ world: JourneyWorld, _ state: inout JourneyState) async throws -> String {
        let requests: [(XRoadServiceID, String, String)] = [
            (world.dsfService, "evidence.business-tax-registration", "annualTurnover"),
            (world.crpService, "evidence.property-registration", "mortgages"),
        ]
        var lines: [String] = []
        for (service, evidenceType, withheld) in requests {
            let evidence = EvidenceRequest(evidenceType: evidenceType, subject: Self.company, procedure: Self.licenceServiceID)
            let result = try await world.interop.client.request(
                InteropQuery(
                    service: service, userID: "officer-iam-17", purpose: JourneyWorld.purpose,
                    legalBasis: JourneyWorld.legalBasis, subject: Self.company, caseReference: Self.caseID,
                    parameters: evidence.parameters))
            guard result.response.outcome == .success, !result.response.data.isEmpty,
                result.response.data[withheld] == nil
            else {
                throw DemoStep.Unexpected(detail: "\(evidenceType): \(result.response.outcome), fields \(result.response.data.keys.sorted())")
            }
            try await world.exchangeAuditor.record(ExchangeDescription(consumerResult: result, operation: evidenceType))
            state.fetchedProofs[evidenceType] = result.response.data
            lines.append("\(service.provider.memberCode.description): \(result.response.data.keys.sorted().joined(separator: ", "))")
        }
        let floorPlan = Array("%PDF-1.7 floor plan of Rua de Exemplo 1, ground floor, 48 seats".utf8)
        state.uploadedDigest = Hex.encode(HashAlgorithm.sha256.hash(floorPlan))
        return t(
            "已簽署請求／回應經 HTTP 綁定往返，回應只含目的所允許欄位（\(lines.joined(separator: "；"))；營業額及抵押資料被剔除）；平面圖 SHA-256 \(state.uploadedDigest?.prefix(16) ?? "")…",
            "pedidos e respostas assinados pela ligação HTTP, só com os campos do propósito (\(lines.joined(separator: "; ")); volume de negócios e hipotecas retirados); planta SHA-256 \(state.uploadedDigest?.prefix(16) ?? "")…",
            "signed requests and responses through the HTTP binding, only the purpose's fields (\(lines.joined(separator: "; ")); turnover and mortgages trimmed); floor plan SHA-256 \(state.uploadedDigest?.prefix(16) ?? "")…")
    }

    // MARK: Signatures

    func signApplication(_ world: JourneyWorld, _ state: inout JourneyState) async throws -> String {
        let proofs = JSONValue.object(state.fetchedProofs.mapValues { JSONValue.object($0) })
        let application = JSONValue.object([
            "service": .string(Self.licenceServiceID), "applicant": .string(Self.company),
            "establishment": .string("Boa Mesa"), "seats": .number(48), "proofs": proofs,
            "floorPlanSHA256": .string(try need(state.uploadedDigest, "floor plan")),
        ])
        let payload = try CanonicalJSON.serialize(application)
        let signer = OneTimeCertificateSigner(authority: LocalCertificateAuthority(pki: world.pki), clock: world.clock)
        let login = [
            AuthenticationEvent(method: .password, time: world.clock.now()),
            AuthenticationEvent(method: .totp, time: world.clock.now()),
        ]
        let signed = try await signer.withSession(
            subject: try DistinguishedName([("C", "MO"), ("CN", "LEI Ka Man")]), authentication: login
        ) { session in
            try await DocumentSigner(signingKey: session.signingKey, certificates: session.certificates, clock: world.clock)
                .jwsJSON(payload: payload)
        }
        let sealed = try await need(state.company, "company").seal.signer(clock: world.clock)
            .addingSignature(to: signed)
        let policy = SignaturePolicy(
            id: "iam:food-licence-application", documentType: "application", minimumLevel: .advanced,
            minimumSignatures: 2)
        let report = SignatureValidator(trustList: world.trustList, policy: policy)
            .validate(document: try sealed.jsonBytes(), detached: nil, at: world.clock.now())
        guard report.indication == .totalPassed, report.signatures.count == 2,
            report.signatures.allSatisfy({ $0.level == .advanced })
        else {
            throw DemoStep.Unexpected(detail: "application signatures: \(report.signatures)")
        }
        state.signedApplication = sealed
        return t("JWS（JSON）兩個簽名：", "JWS (JSON) com duas assinaturas: ", "JWS (JSON) with two signatures: ")
            + (report.summary.text(for: locale.tag)?.text ?? "")
    }

    // MARK: Case

    func trackCase(_ world: JourneyWorld, _ state: inout JourneyState) async throws -> String {
        let licence = try need(state.licence, "licence")
        guard let limit = try licence.timeLimit?.caseTimeLimit() else {
            throw DemoStep.Unexpected(detail: "the licence has no time limit")
        }
        // Three earlier applications, decided, for the performance figures.
        for (number, daysTaken, online) in [(1, 30, true), (2, 52, false), (3, 41, true)] {
            let submitted = world.clock.now() - Double(70 + number) * Self.day
            var earlier = try ApplicationCase(
                id: "IAM-LIC-2025-000\(number)", serviceID: licence.id.rawValue, departmentID: "IAM",
                channel: online ? .online : .counter, isFullyOnline: online, timeLimit: limit, submittedAt: submitted)
            try earlier.transition(to: .acceptedAtIntake, at: submitted + 3600)
            try earlier.transition(to: .inReview, at: submitted + 7200)
            try earlier.transition(to: .decided(.approved), at: submitted + Double(daysTaken) * Self.day)
            try await world.cases.insert(earlier)
        }
        var application = try ApplicationCase(
            id: Self.caseID, serviceID: licence.id.rawValue, departmentID: "IAM", channel: .online, isFullyOnline: true,
            timeLimit: limit, clock: world.clock)
        try await world.cases.insert(application)
        try application.transition(to: .acceptedAtIntake, clock: world.clock)
        try application.transition(to: .inReview, clock: world.clock)
        world.clock.advance(by: 7 * Self.day)
        try application.transition(to: .supplementRequested, clock: world.clock)  // 補正: the clock pauses
        world.clock.advance(by: 4 * Self.day)
        try application.transition(to: .inReview, clock: world.clock)
        try await world.cases.replace(application, expectedTransitionCount: 0)
        guard let stored = try await world.cases.applicationCase(id: Self.caseID), stored == application,
            let deadline = CaseDeadline(for: stored, calendar: .macau2026Sample)
        else {
            throw DemoStep.Unexpected(detail: "the case did not come back from the store as saved")
        }
        state.caseID = application.id
        let due = deadline.dueDate(at: world.clock.now()).iso8601
        return t(
            "案件 \(Self.caseID)：\(limit.days) 個工作天；補正暫停 4 天後，到期日 \(due)（已存 SQLite）",
            "Processo \(Self.caseID): \(limit.days) dias úteis; após 4 dias suspenso por suprimento, termina em \(due) (guardado em SQLite)",
            "case \(Self.caseID): \(limit.days) working days; after a 4-day supplement pause it is due \(due) (kept in SQLite)")
    }

    func sealDecision(_ world: JourneyWorld, _ state: inout JourneyState) async throws -> String {
        world.clock.advance(by: 20 * Self.day)
        let decision = Array("Decision \(Self.caseID): the food and beverage establishment licence is granted to Boa Mesa Lda.".utf8)
        let signer = try world.iamSeal.signer(
            clock: world.clock, timestampClient: world.pki.timeStampClient(world.timeStampAuthority, clock: world.clock))
        let cms = try await signer.cms(content: decision)
        let policy = SignaturePolicy(
            id: "iam:decision", documentType: "decision", minimumLevel: .qualified, requiredKind: .seal,
            timestampRequired: true)
        let report = SignatureValidator(trustList: world.trustList, policy: policy)
            .validate(document: cms, detached: nil, at: world.clock.now())
        guard report.indication == .totalPassed, report.signatures.first?.level == .qualified else {
            throw DemoStep.Unexpected(detail: "decision seal: \(report.signatures)")
        }
        var application = try need(try await world.cases.applicationCase(id: Self.caseID), "case")
        let count = application.transitions.count
        try application.transition(to: .decided(.approved), clock: world.clock)
        try await world.cases.replace(application, expectedTransitionCount: count)
        state.sealedDecision = cms
        return t("CAdES-T，", "CAdES-T, ", "CAdES-T, ") + (report.summary.text(for: locale.tag)?.text ?? "")
    }

    // MARK: Certificates

    func issueLicence(_ world: JourneyWorld, _ state: inout JourneyState) async throws -> String {
        let licence = try need(state.licence, "licence")
        let output = try need(licence.outputs.first(where: { $0.vct != nil }), "credential output")
        let type = CredentialType(
            vct: try need(output.vct, "vct"), name: output.name,
            claims: [
                .init(path: "licence_number", label: [.zhHant: "牌照編號", .pt: "Número da licença", .en: "Licence number"]),
                .init(path: "holder_name", label: [.zhHant: "持牌人", .pt: "Titular", .en: "Holder"]),
                .init(path: "valid_until", label: [.zhHant: "有效期至", .pt: "Válida até", .en: "Valid until"]),
                .init(path: "address", label: [.zhHant: "地址", .pt: "Endereço", .en: "Address"]),
                .init(path: "seats", label: [.zhHant: "座位數目", .pt: "Lugares", .en: "Seats"]),
            ], defaultValidity: 365 * Self.day)
        let credentials = try await TestCredentials(
            seal: world.iamSeal, pki: world.pki, clock: world.clock, type: type,
            requiredLanguages: [.zhHant, .pt, .en])  // the catalogue's languages
        let issued = try await credentials.issue([
            "licence_number": .string("IAM-2026-0001"), "holder_name": .string("Boa Mesa Lda."),
            "valid_until": .string("2027-04-30"), "address": .string("Rua de Exemplo 1, Macau"), "seats": .number(48),
        ])
        guard issued.status != nil else { throw DemoStep.Unexpected(detail: "no status entry") }
        try await credentials.statusLists.persist(to: world.statusLists)
        guard try await world.statusLists.snapshot(uri: "https://iam.gov.mo/status/licences") != nil else {
            throw DemoStep.Unexpected(detail: "the status list was not saved")
        }
        var application = try need(try await world.cases.applicationCase(id: Self.caseID), "case")
        let count = application.transitions.count
        try application.transition(to: .outputIssued, clock: world.clock)
        try await world.cases.replace(application, expectedTransitionCount: count)
        state.credential = issued
        state.credentials = credentials
        return t(
            "\(type.name.text(for: .zhHant)?.text ?? "") IAM-2026-0001：\(issued.credential.serialized.count) 字元，狀態清單存於 SQLite",
            "\(type.name.text(for: .pt)?.text ?? "") IAM-2026-0001: \(issued.credential.serialized.count) caracteres, lista de estado guardada em SQLite",
            "\(type.name.text(for: .en)?.text ?? "") IAM-2026-0001: \(issued.credential.serialized.count) characters, status list saved in SQLite")
    }

    // MARK: Notifications

    func serveNotice(_ world: JourneyWorld, _ state: inout JourneyState) async throws -> String {
        let key = try world.iamSeal.signingKey()
        let notifications = try DemoFixtures.notifications(
            store: world.notifications, clock: world.clock, key: key, licenceNumber: "IAM-2026-0001")
        let (template, dispatcher, evidence) = (notifications.template, notifications.dispatcher, notifications.evidence)
        let notice = try Notice(
            id: NoticeID(rawValue: "notice-\(Self.caseID)"), idempotencyKey: "decision-\(Self.caseID)",
            recipientAccountID: "acct-org-boa-mesa", department: "IAM", category: .legallyEffective,
            reference: Self.caseID, templateID: template.id, templateVersion: template.version,
            preferredLocale: locale.rawValue, channels: [.inbox], createdAt: world.clock.now())
        _ = try await dispatcher.submit(notice)
        _ = try await dispatcher.submit(notice)  // the same idempotency key: still one notice
        _ = try await dispatcher.runOnce()
        let receiptKey = Array("journey-inbox-receipt-key-000000".utf8)
        let receipts = ReceiptProcessor(
            store: world.notifications, keys: [.inbox: receiptKey], clock: world.clock,
            random: SeededRandomNumberGenerator(seed: 7), evidence: evidence)
        for (number, status) in [(1, "delivered"), (2, "read")] {
            world.clock.advance(by: 3600)
            let body = Array(
                #"{"receiptID":"r-\#(number)","deliveryID":"notice-\#(Self.caseID)#inbox","status":"\#(status)"}"#.utf8)
            _ = try await receipts.process(
                body: body, authenticationCode: try ReceiptProcessor.authenticationCode(for: body, key: receiptKey),
                from: .inbox)
        }
        let records = try await world.notifications.evidence(for: notice.id)
        let verification = EvidenceChain.verify(
            try EvidenceChain.importJSONLines(try EvidenceChain.exportJSONLines(records)),
            key: notifications.evidenceKey)
        let delivered = await notifications.transport.bodies
        guard verification.valid, delivered.count == 1, let first = delivered.first else {
            throw DemoStep.Unexpected(detail: "evidence valid \(verification.valid), deliveries \(delivered.count)")
        }
        let events = DemoFixtures.eventNames(records)
        return t(
            "收件箱：「\(first)」；兩次提交只得一份通知；證據 \(records.count) 項已簽署記錄（\(events.joined(separator: "、"))）離線核實通過",
            "caixa: «\(first)»; duas submissões, uma notificação; prova com \(records.count) registos assinados (\(events.joined(separator: ", "))) verificada offline",
            "inbox: \"\(first)\"; two submissions, one notice; evidence of \(records.count) signed records (\(events.joined(separator: ", "))) verifies offline")
    }

    // MARK: Counter check

    func counterCheck(_ world: JourneyWorld, _ state: inout JourneyState) async throws -> String {
        let issued = try need(state.credential, "credential")
        let credentials = try need(state.credentials, "credentials")
        world.clock.advance(by: 2 * Self.day)
        let nonce = "counter-\(Int(world.clock.now().timeIntervalSince1970))"
        let presentation = try await credentials.present(
            issued, disclosing: ["licence_number", "holder_name", "valid_until"], audience: "counter:iam", nonce: nonce)
        let result = try await credentials.verify(presentation, audience: "counter:iam", nonce: nonce)
        guard result.isValid, result.holderBound, result.status == "valid", result.claims["address"] == nil,
            result.claims["seats"] == nil
        else {
            throw DemoStep.Unexpected(detail: "presentation: \(result.errorReason ?? result.status)")
        }
        return t(
            "只披露牌照編號、持牌人、有效期（地址及座位數目保密）；持有人綁定有效；狀態：有效",
            "divulgados número, titular e validade (endereço e lugares retidos); ligação ao titular válida; estado: válida",
            "disclosed licence number, holder and validity (address and seats withheld); holder binding valid; status: valid")
    }

    // MARK: Audit

    func verifyAudit(_ world: JourneyWorld) async throws -> String {
        var counts: [String] = []
        for (name, log) in [("IAM", world.iamAudit), ("DSF", world.dsfAudit), ("CRP", world.crpAudit)] {
            let verification = try await log.verify()
            let count = try await log.count
            guard verification.isValid, count > 0 else {
                throw DemoStep.Unexpected(detail: "\(name) audit log: \(verification)")
            }
            counts.append("\(name) \(count)")
        }
        let export = try await world.exchangeAuditor.exportJSONLines()
        let checked = try AuditExportVerifier(
            key: try world.iamSeal.privateKey.publicKey.verificationKey(for: .es256)
        ).verify(export)
        guard checked.valid, checked.checkpoints > 0 else {
            throw DemoStep.Unexpected(detail: "IAM export: \(checked.reason.map { "\($0)" } ?? "invalid")")
        }
        return t(
            "SQLite 審計鏈完整（\(counts.joined(separator: "，"))）；市政署匯出 \(checked.entries) 項、\(checked.checkpoints) 個已簽署檢查點，離線核實通過",
            "cadeias de auditoria em SQLite íntegras (\(counts.joined(separator: ", "))); exportação do IAM: \(checked.entries) entradas, \(checked.checkpoints) pontos de controlo assinados, verificada offline",
            "SQLite audit chains intact (\(counts.joined(separator: ", "))); IAM's export: \(checked.entries) entries, \(checked.checkpoints) signed checkpoints, verified offline")
    }

    // MARK: Figures

    func figures(_ world: JourneyWorld, _ state: JourneyState) async throws -> String {
        var cases: [ApplicationCase] = []
        for id in ["IAM-LIC-2025-0001", "IAM-LIC-2025-0002", "IAM-LIC-2025-0003", Self.caseID] {
            cases.append(try need(try await world.cases.applicationCase(id: id), id))
        }
        let figures = PerformanceFigures(
            cases: cases, grouping: .service, from: world.clock.now() - 120 * Self.day, to: world.clock.now() + Self.day,
            calendar: .macau2026Sample)
        guard let row = figures.rows.first, row.completed == 4 else {
            throw DemoStep.Unexpected(detail: "figures: \(figures.rows)")
        }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a" }
        let average = row.averageProcessingDays.map { String(format: "%.1f", $0) } ?? "n/a"
        let p90 = row.p90ProcessingDays.map(String.init) ?? "n/a"
        return t(
            "\(row.completed) 宗已完成：按時 \(percent(row.onTimeRate))，平均 \(average) 個工作天，第 90 百分位 \(p90) 天，網上提交 \(percent(row.onlineShare))，全程網上 \(percent(row.fullyOnlineShare))，補正率 \(percent(row.supplementRate))",
            "\(row.completed) concluídos: no prazo \(percent(row.onTimeRate)), média \(average) dias úteis, percentil 90 \(p90) dias, submissão online \(percent(row.onlineShare)), totalmente online \(percent(row.fullyOnlineShare)), suprimentos \(percent(row.supplementRate))",
            "\(row.completed) completed: on time \(percent(row.onTimeRate)), average \(average) working days, p90 \(p90) days, submitted online \(percent(row.onlineShare)), fully online \(percent(row.fullyOnlineShare)), supplement rate \(percent(row.supplementRate))")
    }
}
