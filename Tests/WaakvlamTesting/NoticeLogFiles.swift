import Foundation

/// The notice log as logrotate leaves it: `notices.jsonl` and its rotated files beside it.
public enum NoticeLogFiles {
    /// The names of the log and its rotated files in `directory`, oldest rotation first, the live log last.
    public static func names(in directory: String) -> [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let rotated = all.filter { $0.hasPrefix("notices.jsonl.") }
            .sorted { (Int($0.split(separator: ".").last ?? "") ?? 0) < (Int($1.split(separator: ".").last ?? "") ?? 0) }
        return rotated + (all.contains("notices.jsonl") ? ["notices.jsonl"] : [])
    }

    /// Every line of every file as a JSON object (a line that is no JSON object becomes `["unparsed": line]`).
    public static func lines(in directory: String) -> [[String: Any]] {
        names(in: directory).flatMap { name -> [[String: Any]] in
            let text = (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").map {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? ["unparsed": String($0)]
            }
        }
    }
}
