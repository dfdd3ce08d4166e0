import EGovCore
import EGovInterop
import Foundation
import Testing

/// Inputs the fuzzing campaign showed would parse but not re-serialise to the same bytes
/// (Fuzz/reproducers): every accepted value must now round-trip, and the rest is refused.
@Suite("Interop round-trip regressions (fuzzing)")
struct InteropRoundTripRegressionTests {
    static let minimal = #"""
        {"classification":"limited","consumers":["MO/GOV/IAM"],"description":{},"id":"min","purposes":[{"code":"p","consentRequired":false,"fields":["a"],"legalBasis":"law"}],"request":[],"response":[{"name":"a","type":"integer"}],"retentionDays":0,"service":"MO/GOV/DSAJ/crcbm/companyRecord","title":{"en":"Minimal"},"validity":{"from":"FROM","until":"UNTIL"},"version":"1"RATE}
        """#

    static func contract(from: String, until: String, rate: String = "") -> [UInt8] {
        Array(
            minimal.replacingOccurrences(of: "FROM", with: from).replacingOccurrences(of: "UNTIL", with: until)
                .replacingOccurrences(of: "RATE", with: rate).utf8)
    }

    @Test("times: only the UTC whole-second form is accepted, and it is written back unchanged")
    func times() {
        for refused in [
            "2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00.000Z", "0000-01-01T00:00:00+10:00",
            "2026-01-01T08:00:00+08:00", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-02-30T00:00:00Z",
        ] {
            #expect(RFC3339Time.parse(refused, precision: .seconds) == nil, "\(refused)")
        }
        for accepted in ["2026-01-01T00:00:00Z", "1999-12-31T23:59:59Z"] {
            let date = RFC3339Time.parse(accepted, precision: .seconds)
            #expect(date.map { RFC3339Time.format($0, precision: .seconds) } == accepted)
        }
    }

    @Test("a contract with fractional-second validity is refused at decoding (it used to pass and then fail on re-read)")
    func fractionalValidity() throws {
        #expect(throws: ContractError.self) {
            _ = try DataServiceContract.decode(from: Self.contract(from: "2026-01-01T00:00:00.2Z", until: "2026-01-01T00:00:00.5Z"))
        }
        #expect(throws: ContractError.self) {
            _ = try DataServiceContract.decode(from: Self.contract(from: "0000-01-01T00:00:00+10:00", until: "2027-01-01T00:00:00Z"))
        }
        let valid = try DataServiceContract.decode(from: Self.contract(from: "2026-01-01T00:00:00Z", until: "2027-01-01T00:00:00Z"))
        #expect(valid.validate().isEmpty)
    }

    @Test("rate limits beyond 2^31 - 1 are refused (JSON above 2^53 is not exact)")
    func largeRateLimits() throws {
        // 2^53 + 1 is not exact in a double: the strict JSON parser refuses it before the contract's
        // own rule sees it (RFC 7493 §2.2); 2^31 is exact, and the contract refuses it.
        for (rate, code) in [("9007199254740993", "invalid_json"), ("2147483648", "invalid_rate_limit")] {
            do {
                _ = try DataServiceContract.decode(
                    from: Self.contract(
                        from: "2026-01-01T00:00:00Z", until: "2027-01-01T00:00:00Z",
                        rate: #","rateLimit":{"maximumRequests":\#(rate),"periodSeconds":60}"#))
                Issue.record("a rate limit of \(rate) was accepted")
            } catch {
                #expect("\(error)".contains(code), "\(error)")
            }
        }
        let ok = try DataServiceContract.decode(
            from: Self.contract(
                from: "2026-01-01T00:00:00Z", until: "2027-01-01T00:00:00Z",
                rate: #","rateLimit":{"maximumRequests":2147483647,"periodSeconds":60}"#))
        #expect(ok.validate().isEmpty)
    }
}
