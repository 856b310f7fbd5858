import Foundation
import Testing

@testable import LatentReport

/// The fields of `text` read as one line of metrics.jsonl, as (key, description of the value).
private func fields(_ text: String) -> [String]? {
    Array(text.utf8).withUnsafeBytes { MetricsLine.fields($0) }?.map { field in
        switch field.value {
        case .number(let value): return "\(field.key)=\(value)"
        case .string(let value): return "\(field.key)=\"\(value)\""
        case .boolean(let value): return "\(field.key)=\(value)"
        case .null: return "\(field.key)=null"
        }
    }
}

@Test func flatLinesKeepTheirFieldOrder() {
    #expect(fields(#"{"step":3,"epoch":1,"loss_d":-1.5e-3,"d_real":null,"event":"resumed","ok":true} "#)
        == ["step=3.0", "epoch=1.0", "loss_d=-0.0015", "d_real=null", "event=\"resumed\"", "ok=true"])
    #expect(fields(" { } \r") == [])
}

@Test func escapedAndNestedLinesAreReadByJSONSerialization() {
    // Sorted by key when JSONSerialization reads them; nested values are left out.
    #expect(fields(#"{"note":"a\"b","step":2,"hist":{"edges":[1]}}"#) == ["note=\"a\"b\"", "step=2.0"])
}

@Test func cutShortOrMalformedLinesAreRejected() {
    for text in [#"{"step":31,"epoch":4,"loss_d":0."#, #"{"step":31,"#, #"{"step":1} x"#, #"{"step":01.}"#,
                 #"{"step":-}"#, #"{"step":1e}"#, "[1, 2]", #"{"step" 1}"#, #"{"a":nul}"#, ""] {
        #expect(fields(text) == nil, "accepted \(text)")
    }
}
