import EGovKit
import EGovTesting
import Foundation

/// The one-stop food and beverage establishment licence, end to end, on the embedded SQLite
/// stores: the main job of `egov demo`.
///
/// A company (Boa Mesa Lda.) applies through its clerk, who acts under a mandate. Every step uses
/// the SDK the way a department would, and checks what it must: a step that does not come out as
/// expected fails the demo.
struct LicenceJourney {
    /// The language of the step log.
    let locale: JourneyLocale
    /// Where the SQLite database lives.
    let databasePath: String

    /// The service the journey is about.
    static let licenceServiceID = "iam.food-beverage-licence"
    /// The moment the journey starts: Monday 2 March 2026, 10:00 in Macau.
    static let start = Date(timeIntervalSince1970: 1_772_416_800)

    /// The text for the journey's locale.
    func t(_ zhHant: String, _ pt: String, _ en: String) -> String {
        locale.pick(zhHant, pt, en)
    }

    /// Runs every step in order; after a failed step the rest are reported as not run.
    func run() async -> [DemoStep.Outcome] {
        var log = JourneyLog(locale: locale)
        let world: JourneyWorld
        do {
            world = try await JourneyWorld(databasePath: databasePath, start: Self.start)
        } catch {
            log.fail(t("準備示範環境", "Preparar o ambiente", "Set up the demo world"), error)
            return log.outcomes
        }
        var state = JourneyState()

        await log.step(
            t("帳戶：商社通公司帳戶、法定代表人及職員授權", "Contas: conta da empresa, representante legal e mandato do funcionário",
              "Accounts: the company account, its legal representative and a mandate for the clerk")
        ) {
            try await accounts(world, &state)
        }
        await log.step(
            t("登入：密碼後加 TOTP 升級至「實質」級別；代表公司的存取權杖", "Início de sessão: palavra-passe e TOTP até ao nível substancial; token em nome da empresa",
              "Login: password then TOTP steps up to substantial; a token for acting on the company's behalf")
        ) {
            try await login(world)
        }
        await log.step(
            t("服務目錄：搜尋飲食牌照，列出所需證明", "Catálogo: procurar a licença e listar as provas exigidas",
              "Catalogue: find the food and beverage licence and list the proofs it needs")
        ) {
            try lookup(world, &state)
        }
        await log.step(
            t("一次性：兩項證明經互通協議從其他部門取得，一項由申請人上載", "Uma só vez: duas provas obtidas de outros serviços por contrato, uma carregada",
              "Once-only: two proofs fetched from other departments through contracts, one uploaded")
        ) {
            try await proofs(world, &state)
        }
        await log.step(
            t("簽署：申請人以一次性證書簽署（高級），公司加蓋電子印章", "Assinatura: o requerente assina (avançada) e a empresa sela",
              "Signing: the applicant signs (advanced, one-time certificate) and the company seals")
        ) {
            try await signApplication(world, &state)
        }
        await log.step(
            t("案件：受理、補正（暫停計時）、按工作日期限追蹤", "Processo: admissão, pedido de suprimento (prazo suspenso), prazo em dias úteis",
              "Case: accepted, a supplement request pauses the clock, tracked against its working-day deadline")
        ) {
            try await trackCase(world, &state)
        }
        await log.step(
            t("決定：市政署以合格電子印章及時間戳記蓋印批准決定", "Decisão: o IAM sela a aprovação com selo qualificado e carimbo temporal",
              "Decision: the department seals the approval (qualified seal, time-stamped)")
        ) {
            try await sealDecision(world, &state)
        }
        await log.step(
            t("發出牌照：SD-JWT 可驗證憑證，附狀態記錄", "Emissão: a licença como credencial SD-JWT com entrada de estado",
              "Issuance: the licence as an SD-JWT VC with a status entry")
        ) {
            try await issueLicence(world, &state)
        }
        await log.step(
            t("通知：具法律效力的電子通知送達，附證據", "Notificação: notificação com efeitos jurídicos, com prova",
              "Notice: the decision is served as a legally effective notice, with evidence")
        ) {
            try await serveNotice(world, &state)
        }
        await log.step(
            t("櫃檯核實：只披露三項資料的出示及其狀態", "Balcão: verificar uma apresentação seletiva e o seu estado",
              "Counter check: an officer verifies a selective presentation and its status")
        ) {
            try await counterCheck(world, &state)
        }
        await log.step(
            t("審計：各部門的審計日誌及已簽署檢查點均核實無誤", "Auditoria: os registos de todos os serviços e os pontos de controlo verificam",
              "Audit: every department's audit log and signed checkpoints verify")
        ) {
            try await verifyAudit(world)
        }
        await log.step(
            t("績效：按時完成率、處理時間、網上辦理比率", "Desempenho: cumprimento de prazos, tempos, taxa digital",
              "Performance: on-time rate, processing times, online share")
        ) {
            try await figures(world, state)
        }
        return log.outcomes
    }
}

/// Which language the journey speaks.
enum JourneyLocale: String, CaseIterable, Sendable {
    case zhHant = "zh-Hant"
    case pt
    case en

    /// The string for this locale.
    func pick(_ zhHant: String, _ pt: String, _ en: String) -> String {
        switch self {
        case .zhHant: zhHant
        case .pt: pt
        case .en: en
        }
    }

    /// The language tag used for localized texts of the SDK.
    var tag: LanguageTag {
        switch self {
        case .zhHant: .zhHant
        case .pt: .pt
        case .en: .en
        }
    }
}

/// Collects step outcomes; stops running steps after the first failure.
struct JourneyLog {
    let locale: JourneyLocale
    private(set) var outcomes: [DemoStep.Outcome] = []
    private var failed = false

    init(locale: JourneyLocale) { self.locale = locale }

    mutating func step(_ title: String, _ action: () async throws -> String) async {
        guard !failed else {
            outcomes.append(
                .init(step: title, ok: false, detail: locale.pick("未執行（前一步失敗）", "não executado (passo anterior falhou)", "not run (an earlier step failed)")))
            return
        }
        do {
            outcomes.append(.init(step: title, ok: true, detail: try await action()))
        } catch {
            fail(title, error)
        }
    }

    mutating func fail(_ title: String, _ error: any Error) {
        failed = true
        let detail: String
        if let unexpected = error as? DemoStep.Unexpected {
            detail = unexpected.detail
        } else {
            detail = CLIError.from(error).description
        }
        outcomes.append(.init(step: title, ok: false, detail: detail))
    }
}

/// What one step leaves for the next.
struct JourneyState {
    var licence: PublicService?
    var fetchedProofs: [String: [String: JSONValue]] = [:]
    var uploadedDigest: String?
    var signedApplication: JWSJSON?
    var caseID: String?
    var sealedDecision: [UInt8]?
    var company: TestCompany?
    var credential: CredentialIssuer.Issued?
    var credentials: TestCredentials?
}

/// Unwraps a value a previous step should have left, or fails the step.
func need<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw DemoStep.Unexpected(detail: "missing: \(what)") }
    return value
}
